/** Shared inputs of the report tests (not a test file itself). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import type { ResultDocument } from "../shared/schema/resultSchema.ts";

export const SON_LA_PATH = path.resolve(__dirname, "fixtures/son-la-2023/input.json");

export function computed(doc: unknown): { input: InputDocument; result: ResultDocument } {
  const r = computeIndex(doc);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return { input: r.input, result: r.result };
}

export function sonLa(): { input: InputDocument; result: ResultDocument } {
  return computed(JSON.parse(readFileSync(SON_LA_PATH, "utf8")));
}

/**
 * A hand-made block of three units: Đơn vị An and Đơn vị Bình tie at 90 (rank 1), Đơn vị Cường 70 (rank 3).
 * Field 1 (60 = 40 appraised + 20 survey), field 2 (40 = 30 appraised + 10 SIPAS). No previous year.
 */
export function smallDoc(previous = false): Record<string, unknown> {
  const prev = (index: number, rank: number) => (previous ? { previous: { index, rank } } : {});
  return {
    format: "cchc-index/1",
    year: 2023,
    province: "Thử nghiệm",
    blocks: [
      {
        id: "so",
        name: "Các sở, ban, ngành",
        criteria: [
          { code: "1", name: "Lĩnh vực một", max: 60 },
          { code: "1.1", name: "Tiêu chí thẩm định một", max: 40, method: "appraised" },
          { code: "1.2", name: "Tiêu chí điều tra", max: 20, method: "survey" },
          { code: "2", name: "Lĩnh vực hai", max: 40 },
          { code: "2.1", name: "Tiêu chí thẩm định hai", max: 30, method: "appraised" },
          { code: "2.2", name: "Sự hài lòng", max: 10, method: "satisfaction" },
        ],
        units: [
          { code: "DVA", name: "Đơn vị An", ...prev(90, 1) },
          { code: "DVB", name: "Đơn vị Bình", ...prev(90, 1) },
          { code: "DVC", name: "Đơn vị Cường", ...prev(70, 3) },
        ],
        scores: {
          DVA: { "1.1": 36, "1.2": 18, "2.1": 27, "2.2": 9 },
          DVB: { "1.1": "37", "1.2": 17, "2.1": "27,0", "2.2": 9 },
          DVC: { "1.1": 30, "1.2": 14, "2.1": 18, "2.2": 8 },
        },
      },
    ],
  };
}

/**
 * What an agency types into its self-assessment form, the same in every host's round trip: per appraised leaf a
 * number (the maximum), a decimal comma as text (half the maximum, "0,25"), or 0; "KĐG" where the unit's final
 * score is KĐG too (so the unit keeps its «Điểm tự đánh giá»); evidence as a document number or a link on every
 * score above 0; one note. `selfH` is the hand sum of the typed scores in hundredths, worked out here from the
 * typed values, not by the tool.
 */
import type { InputDocument } from "../../shared/schema/inputSchema.ts";
import type { CellValue } from "../../shared/workbook/port.ts";

export interface AgencyAnswer {
  code: string;
  score: CellValue;
  evidence: string | null;
  note: string | null;
}

export function agencyAnswers(input: InputDocument, unitCode: string): { answers: AgencyAnswer[]; selfH: number } {
  const block = input.blocks.find((b) => b.units.some((u) => u.code === unitCode))!;
  const parents = new Set(block.criteria.map((c) => c.code.split(".").slice(0, -1).join(".")));
  const appraised = block.criteria.filter((c) => !parents.has(c.code) && (c.method ?? "appraised") === "appraised");
  const finals = block.scores[unitCode] ?? {};
  let selfH = 0;
  const answers = appraised.map((c, k): AgencyAnswer => {
    const final = finals[c.code];
    if (final === null || (typeof final === "string" && final.toUpperCase() === "KĐG"))
      return { code: c.code, score: "KĐG", evidence: null, note: null };
    const maxH = Math.round(c.max * 100);
    const h = k % 3 === 0 ? maxH : k % 3 === 1 ? Math.floor(maxH / 2) : 0;
    const score: CellValue = k % 3 === 1 ? `${Math.floor(h / 100)},${String(h % 100).padStart(2, "0")}` : h / 100;
    selfH += h;
    const evidence =
      h === 0
        ? null
        : k % 2 === 0
          ? `Quyết định số ${k + 1}/QĐ-${unitCode} ngày 05/01/2023`
          : `https://vanban.sonla.gov.vn/tai-lieu/${k + 1}`;
    return { code: c.code, score, evidence, note: k === 0 ? "Đã gửi bản giấy kèm theo ngày 10/01/2024" : null };
  });
  return { answers, selfH };
}

/**
 * Types the answers into a form grid through `set` (0-based row and column), finding each leaf's row by its code
 * in column A under the header, as a person reads the form.
 */
export function typeAnswers(
  grid: readonly (readonly CellValue[])[],
  answers: readonly AgencyAnswer[],
  set: (row: number, col: number, value: CellValue) => void,
): void {
  const header = grid.findIndex((row) => row[4] === "Điểm tự đánh giá");
  for (const a of answers) {
    const r = grid.findIndex((row, i) => i > header && row[0] === a.code);
    if (r < 0) throw new Error(`no row for ${a.code}`);
    set(r, 4, a.score);
    if (a.evidence !== null) set(r, 5, a.evidence);
    if (a.note !== null) set(r, 6, a.note);
  }
}

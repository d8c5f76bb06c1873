/**
 * «Phiếu thông báo kết quả» in Google Sheets: the built bundle in a `vm` context over the strict SpreadsheetApp
 * fake, through the sidebar function and the menu prompt. Google Sheets has no page-break API, so a unit's notice
 * goes on a sheet of its own; the Spreadsheet service calls of one unit's notice do not grow with the block.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SheetsHost } from "../appsscript/sheetsHost.ts";
import { buildGas } from "../scripts/build-gas.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import { planInputSheets } from "../shared/workbook/planInputSheets.ts";
import { fakeEnvironment, hostServices, type FakeEnvironment, type Kind } from "./fakes/fakeSheets.ts";
import { scaledInput, sonLa2023 } from "./fixtures/scaledInput.ts";

let dir = "";
let code = "";
let sidebarHtml = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gas-notices-"));
  await buildGas(dir);
  code = await readFile(join(dir, "Code.js"), "utf8");
  sidebarHtml = await readFile(join(dir, "sidebar.html"), "utf8");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Script = Record<string, (...args: unknown[]) => unknown>;
interface PanelResult {
  ok: boolean;
  message: string;
  errors: { text: string }[];
}

/** The bundle loaded over a fake spreadsheet holding `input` in the template with its scores. */
function filled(input: InputDocument): { env: FakeEnvironment; script: Script } {
  const env = fakeEnvironment({ sidebar: sidebarHtml });
  const context = vm.createContext({ ...env.globals });
  vm.runInContext(code, context, { filename: "Code.js" });
  env.spreadsheet._addSheet("Trang tính1");
  new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, hostServices(env)).write(
    planInputSheets(input, { withScores: true }),
  );
  env.log.reset();
  env.ui.alerts.length = 0;
  return { env, script: context };
}

function calls(env: FakeEnvironment): Record<Kind, number> {
  return env.log.byKind();
}

describe("notices in Google Sheets (fake)", () => {
  it("the sidebar writes one unit's notice on its own sheet; an unknown code writes nothing", () => {
    const { env, script } = filled(sonLa2023());
    const result = script.sidebarNotices!("SNGV") as PanelResult;
    expect(result.ok).toBe(true);
    expect(result.message).toBe(
      "Đã ghi phiếu thông báo kết quả của đơn vị SNGV vào «Thông báo - SNGV» (Tệp › In hoặc Tải xuống › PDF, khổ A4 dọc).",
    );
    const grid = env.spreadsheet._sheet("Thông báo - SNGV")!._grid();
    expect(grid[0]?.[0]).toBe("PHIẾU THÔNG BÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023");
    expect(grid[1]?.[0]).toBe("Sở Ngoại vụ");
    expect(grid.flat()).toContain("Để đạt hạng 19, chỉ số cần tăng thêm 0,27 điểm.");

    const sheets = env.spreadsheet._sheets.length;
    const bad = script.sidebarNotices!("XYZ") as PanelResult;
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/^Không có đơn vị mã «XYZ»/);
    expect(env.spreadsheet._sheets.length).toBe(sheets);
  });

  it("the menu asks for a code; empty makes one sheet per block with every unit's notice", () => {
    const { env, script } = filled(sonLa2023());
    env.ui.promptAnswers.push("");
    script.menuNotices!();
    expect(env.ui.prompts[0]).toMatch(/^Phiếu thông báo kết quả\nNhập mã đơn vị/);
    expect(env.ui.alerts[0]).toMatch(
      /^Đã ghi phiếu thông báo kết quả của mọi đơn vị vào «Thông báo kết quả - Sở», «Thông báo kết quả - Huyện»/,
    );
    const so = env.spreadsheet._sheet("Thông báo kết quả - Sở")!._grid();
    expect(so.filter((row) => row[0] === "PHIẾU THÔNG BÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023")).toHaveLength(20);
  });

  it("one unit's notice costs the same calls of every kind in a block of 20, 75 or 300 units", { timeout: 120_000 }, () => {
    const counts = [scaledInput({ so: 20 }), scaledInput({ xa: 75 }), scaledInput({ xa: 300 })].map((input) => {
      const { env, script } = filled(input);
      // The same notice layout in every size: a unit whose notice has the same rows (the first ranked unit
      // of a scaled block loses points on the same criteria in every size).
      const unit = input.blocks[0]!.units[0]!.code;
      const result = script.sidebarNotices!(unit) as PanelResult;
      expect(result.errors).toEqual([]);
      expect(result.ok).toBe(true);
      const { local: _l, ...kinds } = calls(env);
      return kinds;
    });
    console.log(`Sheets calls by kind, one unit's notice, blocks of 20, 75, 300 units: ${JSON.stringify(counts)}`);
    const [a, b, c] = counts;
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a!.read + a!.write + a!.format).toBeLessThanOrEqual(40);
  });

  it(
    "every unit in one sheet: reads and writes do not grow with the units (formats, merges and row heights do)",
    { timeout: 120_000 },
    () => {
      const counts = [scaledInput({ xa: 20 }), scaledInput({ xa: 75 })].map((input) => {
        const { env, script } = filled(input);
        expect((script.sidebarNotices!("") as PanelResult).ok).toBe(true);
        const { local: _l, ...kinds } = calls(env);
        return kinds;
      });
      console.log(`Sheets calls by kind, every unit's notice, 20 and 75 units: ${JSON.stringify(counts)}`);
      expect(counts[1]?.read).toBe(counts[0]?.read);
      expect(counts[1]?.write).toBe(counts[0]?.write);
    },
  );
});

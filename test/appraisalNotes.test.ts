/**
 * The appraisal's notes (issue 13, item 3): «Lý do trừ điểm» and «Giải trình» sheets, the warning of a cut without
 * a reason, and the «Chênh lệch TĐG» table, in the core, through the three hosts and the CLI at 32 units (Sơn La 2023).
 * Expected values are read by hand from test/fixtures/son-la-2023/input.json:
 *   SGTVT (rank 1): 1.1.1 self 0,25 → appraised 0,5 (+0,25); 2.1.1 self 1 → 0,65 (−0,35); 3.5.2 1 → 0,75;
 *   6.1 2,5 → 2,25; 6.2.1 1,97 → 1,77; 7.1.2 2,62 → 2,25 (every appraised leaf where they differ).
 *   SNV (rank 2): 1.1.2 self 1 → 0,5 (−0,5); 1.7 0,95 → 0,5 (−0,45).
 *   Block «so»: 336 leaves whose appraised score is below the self score (every unit, every appraised leaf).
 *   Cells: SGTVT is the 8th unit (column K), 2.1.1 the 16th criteria row (row 20: 4 rows above the criteria).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run as recalcCommand } from "../cli/commands/recalc.ts";
import { run as workbookCommand } from "../cli/commands/workbook.ts";
import { openWorkbook } from "../cli/xlsx/openWorkbook.ts";
import { captureCli } from "./helpers/captureCli.ts";
import { describe, expect, it } from "vitest";
import { recalculateInExcel } from "../addin/actions.ts";
import { ExcelHost } from "../addin/excelHost.ts";
import { SheetsHost } from "../appsscript/sheetsHost.ts";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import { formatProblem } from "../shared/problem.ts";
import { buildReportTables } from "../shared/report/buildReportTables.ts";
import { NO_SELF_SCORES } from "../shared/report/buildSelfGapTable.ts";
import { tablesToMarkdown } from "../shared/report/tablesToMarkdown.ts";
import { inputSchema, type InputDocument } from "../shared/schema/inputSchema.ts";
import { analyzeGrids } from "../shared/workbook/analyzeWorkbook.ts";
import { loadWorkbook } from "../shared/workbook/loadWorkbook.ts";
import { planInputSheets } from "../shared/workbook/planInputSheets.ts";
import { planReportSheet } from "../shared/workbook/planReportSheet.ts";
import { estimatePrintScale } from "../shared/workbook/printScale.ts";
import type { ReadValue, WorkbookPort } from "../shared/workbook/port.ts";
import { recalculateWorkbook } from "../shared/workbook/recalculateWorkbook.ts";
import { isGeneratedSheet, isInputSheet } from "../shared/workbook/sheetNames.ts";
import { FakeWorkbook } from "./fakes/fakeExcel.ts";
import { fakeEnvironment, hostServices } from "./fakes/fakeSheets.ts";
import { scaledInput } from "./fixtures/scaledInput.ts";
import { gridsOf } from "./helpers/gridsOf.ts";
import { measureExcelRecalculation } from "./fakes/measureExcel.ts";
import { emptyBook } from "./xlsxBooks.ts";

const SNV_REASON = "Kế hoạch CCHC năm chỉ hoàn thành 2/4 nhiệm vụ (Báo cáo số 15/BC-SNV)";
const SNV_EXPLANATION = "Hai nhiệm vụ còn lại chuyển sang quý I/2024 theo chỉ đạo của UBND tỉnh";
const SGTVT_REASON = "Tỷ lệ cấp kết quả điện tử 78%, dưới mức 90%";

function fixture(): InputDocument {
  return inputSchema.parse(JSON.parse(readFileSync(new URL("./fixtures/son-la-2023/input.json", import.meta.url), "utf8")));
}

/** The Sơn La fixture with a few reasons and explanations in block «so», and explanations only in block «huyen». */
function withNotes(): InputDocument {
  const doc = fixture();
  const [so, huyen] = doc.blocks;
  so!.reasons = { SNV: { "1.1.2": SNV_REASON }, SGTVT: { "3.5.2": SGTVT_REASON } };
  so!.explanations = { SNV: { "1.1.2": SNV_EXPLANATION } };
  huyen!.explanations = { TPSL: {} };
  return doc;
}

const norm = (v: unknown): unknown => (v === "" || v === undefined ? null : v);

describe("appraisal notes in the core (JSON)", () => {
  it("warns of every cut without a reason, at the reasons cell of that unit and leaf; none where a reason is given", () => {
    const outcome = computeIndex(withNotes());
    expect(outcome.ok).toBe(true);
    const missing = outcome.warnings.filter((w) => w.message.includes("chưa có lý do trừ điểm"));
    // 336 cuts in block «so», 2 of them with a reason (SNV 1.1.2, SGTVT 3.5.2); block «huyen» keeps no reasons.
    expect(missing).toHaveLength(334);
    expect(missing.every((w) => w.path.startsWith("blocks[0].reasons."))).toBe(true);
    expect(missing.map(formatProblem)).toContain(
      'blocks[0].reasons.SGTVT["2.1.1"]: đơn vị SGTVT, tiêu chí 2.1.1: điểm thẩm định 0,65 thấp hơn điểm tự đánh giá 1 nhưng chưa có lý do trừ điểm',
    );
    const paths = missing.map((w) => w.path);
    expect(paths).not.toContain('blocks[0].reasons.SNV["1.1.2"]'); // reason given
    expect(paths).not.toContain('blocks[0].reasons.SGTVT["1.1.1"]'); // a rise, not a cut
    expect(paths).toContain('blocks[0].reasons.SNV["1.7"]');
  });

  it("says nothing of reasons in a block without a reasons table (the fixture as it is)", () => {
    const outcome = computeIndex(fixture());
    expect(outcome.ok).toBe(true);
    expect(outcome.warnings.filter((w) => w.message.includes("lý do trừ điểm"))).toEqual([]);
  });

  it("refuses a note for an unknown unit, a parent or unknown criterion, a survey leaf, or longer than 2000 characters", () => {
    const doc = withNotes();
    const so = doc.blocks[0]!;
    const survey = so.criteria.find((c) => c.method === "survey")!.code;
    so.reasons = { XYZ: { "1.1.1": "x" }, SNV: { "1.1": "cha", "9.9": "không có", [survey]: "điều tra" } };
    const outcome = computeIndex(doc);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const lines = outcome.errors.map(formatProblem);
    expect(lines).toContain('blocks[0].reasons.XYZ: khóa không hợp lệ: "XYZ" không phải mã đơn vị của khối');
    expect(
      lines.some((l) => l.startsWith('blocks[0].reasons.SNV["1.1"]: lý do trừ điểm ở tiêu chí "1.1": không phải tiêu chí chấm điểm')),
    ).toBe(true);
    expect(lines.some((l) => l.startsWith('blocks[0].reasons.SNV["9.9"]:'))).toBe(true);
    expect(lines).toContain(
      `blocks[0].reasons.SNV["${survey}"]: tiêu chí ${survey} chấm bằng điều tra xã hội học, không qua thẩm định nên không có lý do trừ điểm`,
    );
    // Too long: the schema's own check (the block's shape), at the note's path.
    so.reasons = {};
    so.explanations = { SGTVT: { "2.1.1": "x".repeat(2001) } };
    const tooLong = computeIndex(doc);
    expect(tooLong.ok ? [] : tooLong.errors.map(formatProblem)).toContain(
      'blocks[0].explanations.SGTVT["2.1.1"]: dài 2.001 ký tự, vượt giới hạn 2.000 ký tự',
    );
  });
});

describe("the «Chênh lệch TĐG» table", () => {
  const outcome = computeIndex(withNotes());
  if (!outcome.ok) throw new Error("fixture invalid");
  const tables = buildReportTables(outcome.input, outcome.result, { selfGaps: true, stamp: "Tạo bởi cchc-index (thử)" });

  it("follows each block's Biểu when the block keeps notes, and is not made otherwise", () => {
    expect(tables.map((t) => t.sheetName).filter((n) => !n.startsWith("Biểu"))).toEqual(["Chênh lệch TĐG", "Chênh lệch TĐG a"]);
    expect(tables[11]?.sheetName).toBe("Chênh lệch TĐG");
    expect(tables[23]?.sheetName).toBe("Chênh lệch TĐG a");
    const plain = computeIndex(fixture());
    if (!plain.ok) throw new Error("fixture invalid");
    expect(buildReportTables(plain.input, plain.result, { selfGaps: true }).map((t) => t.sheetName)).not.toContain("Chênh lệch TĐG");
  });

  it("lists, unit by unit in rank order, the leaves where self and appraised differ, with reason and explanation", () => {
    const t = tables[11]!;
    expect(t.header).toEqual([
      ["STT", "Đơn vị", "Mã", "Tiêu chí", "Tự đánh giá", "Thẩm định", "Chênh lệch", "Lý do trừ điểm", "Giải trình"],
    ]);
    const sgtvt = t.body.slice(0, 6);
    expect(sgtvt.map((r) => r[2])).toEqual(["1.1.1", "2.1.1", "3.5.2", "6.1", "6.2.1", "7.1.2"]);
    expect(sgtvt[0]).toEqual([
      1,
      "Sở Giao thông vận tải",
      "1.1.1",
      "Ban hành kế hoạch CCHC năm kịp thời, đúng quy định",
      0.25,
      0.5,
      0.25,
      null,
      null,
    ]);
    expect(sgtvt[1]).toEqual([
      null,
      null,
      "2.1.1",
      "Mức độ thực hiện kế hoạch xây dựng VBQPPL được UBND tỉnh giao",
      1,
      0.65,
      -0.35,
      null,
      null,
    ]);
    expect(sgtvt[2]?.slice(4)).toEqual([1, 0.75, -0.25, SGTVT_REASON, null]);
    expect(sgtvt[4]?.slice(4)).toEqual([1.97, 1.77, -0.2, null, null]);
    const snv = t.body[6]!;
    expect(snv).toEqual([2, "Sở Nội vụ", "1.1.2", "Mức độ hoàn thành kế hoạch CCHC năm", 1, 0.5, -0.5, SNV_REASON, SNV_EXPLANATION]);
    const snv17 = t.body.find((r, i) => i > 6 && r[2] === "1.7")!;
    expect(snv17.slice(4, 7)).toEqual([0.95, 0.5, -0.45]);
    // Every unit has its STT once, 1…20.
    expect(t.body.map((r) => r[0]).filter((v) => v !== null)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(t.notes.some((n) => n.includes("bị trừ điểm: 336, trong đó chưa có lý do trừ điểm: 334"))).toBe(true);
    expect(tablesToMarkdown([t])).toContain(
      `| 2 | Sở Nội vụ | 1.1.2 | Mức độ hoàn thành kế hoạch CCHC năm | 1,00 | 0,50 | -0,50 | ${SNV_REASON} | ${SNV_EXPLANATION} |`,
    );
  });

  it("a unit without self scores has one line; a note of 2000 characters goes on over rows of at most 409 pt", () => {
    const doc = withNotes();
    const so = doc.blocks[0]!;
    delete so.selfScores!.STP;
    const long = Array.from({ length: 400 }, (_, i) => `ý${i % 10}`)
      .join(" ")
      .padEnd(2000, "x")
      .slice(0, 2000);
    so.reasons!.SNV!["1.7"] = long;
    const o = computeIndex(doc);
    if (!o.ok) throw new Error(JSON.stringify(o.errors.slice(0, 2)));
    const t = buildReportTables(o.input, o.result, { selfGaps: true })[11]!;
    const stp = t.body.filter((r) => r[1] === "Sở Tư pháp");
    expect(stp).toHaveLength(1);
    expect(stp[0]?.slice(2)).toEqual([null, NO_SELF_SCORES, null, null, null, null, null]);
    const at = t.body.findIndex((r) => r[2] === "1.7" && r[4] === 0.95);
    const pieces = [t.body[at]![7]];
    for (let k = at + 1; t.body[k]?.[2] === null && t.body[k]?.[1] === null && t.body[k]?.[7] !== null; k++) pieces.push(t.body[k]![7]);
    expect(pieces.length).toBeGreaterThan(1);
    // Cut at spaces, and the run of "x" (one long word) by characters: nothing lost, nothing added.
    expect(pieces.join("").replace(/ /g, "")).toBe(long.replace(/ /g, ""));
    const write = planReportSheet(t);
    const heights = write.blocks[0]!.rowHeights!.filter((h): h is number => h !== undefined);
    expect(Math.max(...heights)).toBeLessThanOrEqual(409);
    expect(Math.max(...heights)).toBeGreaterThan(300);
    // A4 landscape, 12 pt text printed at ≥ 7 pt.
    expect(write.layout?.print?.orientation).toBe("landscape");
    expect(estimatePrintScale(write.layout!) * 12).toBeGreaterThanOrEqual(7);
  });

  it("300 units in one block: the table grows in rows only and stays legible", () => {
    const doc = scaledInput({ xa: 300 });
    doc.blocks[0]!.reasons = {};
    const o = computeIndex(doc);
    if (!o.ok) throw new Error("scaled input invalid");
    const t = buildReportTables(o.input, o.result, { selfGaps: true }).find((x) => x.sheetName === "Chênh lệch TĐG")!;
    expect(t.columns).toHaveLength(9);
    expect(t.body.map((r) => r[0]).filter((v) => v !== null)).toHaveLength(300);
    const write = planReportSheet(t);
    expect(estimatePrintScale(write.layout!) * 12).toBeGreaterThanOrEqual(7);
    expect(write.layout?.printTitleRows).toEqual({ row: 4, rows: 1 }); // the header row on every printed page
    expect(write.blocks[0]!.merges!.every((m) => m.row < 4 || m.row >= 5 + t.body.length)).toBe(true); // no merge in the body
  });
});

describe("note sheets in the workbook", () => {
  const grids = () => gridsOf(planInputSheets(withNotes(), { withScores: true }));

  it("are made from a document that has them, read back into the same tables, and a cut without a reason is named by cell", () => {
    const g = grids();
    expect(Object.keys(g).filter((n) => /Lý do|Giải trình/.test(n))).toEqual([
      "Lý do trừ điểm - Sở",
      "Giải trình - Sở",
      "Giải trình - Huyện",
    ]);
    expect(isInputSheet("Lý do trừ điểm - Sở") && isInputSheet("giải trình - huyện")).toBe(true);
    expect(g["Lý do trừ điểm - Sở"]![7]![4]).toBe(SNV_REASON); // E8: SNV (2nd unit), 1.1.2 (4th criteria row)
    const loaded = loadWorkbook(g);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.input.blocks[0]?.reasons?.SNV).toEqual({ "1.1.2": SNV_REASON });
    expect(loaded.input.blocks[0]?.explanations?.SNV).toEqual({ "1.1.2": SNV_EXPLANATION });
    expect(loaded.input.blocks[1]?.reasons).toBeUndefined();
    const a = analyzeGrids(g, () => {});
    expect(a.ok).toBe(true);
    const lines = a.warnings.map(formatProblem);
    expect(lines).toContain(
      "Lý do trừ điểm - Sở!K20: đơn vị SGTVT, tiêu chí 2.1.1: điểm thẩm định 0,65 thấp hơn điểm tự đánh giá 1 nhưng chưa có lý do trừ điểm",
    );
    expect(lines.filter((l) => l.includes("chưa có lý do trừ điểm"))).toHaveLength(334);
  });

  it("a text on a row not in the criteria set, on a parent row, or under an undeclared unit is an error at its cell", () => {
    const g = grids();
    const sheet = g["Lý do trừ điểm - Sở"]!;
    sheet[4]![5] = "lý do ở dòng lĩnh vực"; // F5: field 1, unit 3
    sheet[2]![23] = "SXYZ"; // X3: a unit column «Đơn vị - Sở» does not declare
    sheet[10]![23] = "lý do"; // X11
    sheet.push(["9.9", "Tiêu chí thêm tay", 1, null, "lý do"]); // E-column text on a new row
    const row = sheet.length;
    const a = analyzeGrids(g, () => {});
    expect(a.ok).toBe(false);
    if (a.ok) return;
    const lines = a.errors.map(formatProblem);
    expect(lines).toContain('Lý do trừ điểm - Sở!X3: khóa không hợp lệ: "SXYZ" không phải mã đơn vị của khối');
    expect(lines.some((l) => l.startsWith('Lý do trừ điểm - Sở!F5: lý do trừ điểm ở tiêu chí "1": không phải tiêu chí chấm điểm'))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith(`Lý do trừ điểm - Sở!E${row}: lý do trừ điểm ở tiêu chí "9.9"`))).toBe(true);
  });

  it("the template makes both note sheets for every block; without them a workbook loads as before", () => {
    const template = gridsOf(planInputSheets(fixture(), { withScores: false }));
    expect(Object.keys(template).filter((n) => /Lý do|Giải trình/.test(n))).toEqual([
      "Lý do trừ điểm - Sở",
      "Giải trình - Sở",
      "Lý do trừ điểm - Huyện",
      "Giải trình - Huyện",
    ]);
    const plain = gridsOf(planInputSheets(fixture(), { withScores: true }));
    expect(Object.keys(plain).some((n) => /Lý do|Giải trình/.test(n))).toBe(false);
    const a = analyzeGrids(plain, () => {});
    expect(a.ok).toBe(true);
    if (a.ok) expect(a.input.blocks.every((b) => b.reasons === undefined && b.explanations === undefined)).toBe(true);
  });
});

/** Each host, on a workbook holding one empty sheet. */
const HOSTS: { name: string; make: () => WorkbookPort }[] = [
  { name: "xlsx", make: () => new XlsxHost(emptyBook("Trang tính1")) },
  {
    name: "Excel (Office JS fake)",
    make: () => {
      const book = new FakeWorkbook();
      book.addSheet("Trang tính1");
      return new ExcelHost(book.context() as unknown as Excel.RequestContext, { features: { notes: true, pageLayout: true } });
    },
  },
  {
    name: "Google Sheets (SpreadsheetApp fake)",
    make: () => {
      const env = fakeEnvironment();
      env.spreadsheet._addSheet("Trang tính1");
      return new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, hostServices(env));
    },
  },
];

describe("all hosts agree on the note sheets and the «Chênh lệch TĐG» tables (Sơn La, 32 units)", () => {
  it("leaves the same values in every sheet, with the hand-checked rows", async () => {
    const results: { host: string; names: string[]; grids: Record<string, ReadValue[][]> }[] = [];
    for (const host of HOSTS) {
      const port = host.make();
      await port.write(planInputSheets(withNotes(), { withScores: true }));
      const outcome = await recalculateWorkbook(port);
      expect(outcome.ok, host.name).toBe(true);
      if (outcome.ok) {
        expect(outcome.warnings.map(formatProblem)).toContain(
          "Lý do trừ điểm - Sở!K20: đơn vị SGTVT, tiêu chí 2.1.1: điểm thẩm định 0,65 thấp hơn điểm tự đánh giá 1 nhưng chưa có lý do trừ điểm",
        );
      }
      const names = await port.listSheets();
      results.push({ host: host.name, names, grids: await port.readSheets(names) });
    }
    const [reference, ...others] = results;
    const names = reference!.names;
    expect(names.filter(isGeneratedSheet)).toContain("Chênh lệch TĐG");
    // Each table stands right after its block's Biểu.
    expect(names[names.indexOf("Biểu 11") + 1]).toBe("Chênh lệch TĐG");
    expect(names[names.indexOf("Biểu 11a") + 1]).toBe("Chênh lệch TĐG a");
    for (const other of others) {
      expect(other.names, other.host).toEqual(names);
      for (const name of names) expect(other.grids[name], `${other.host}: ${name}`).toEqual(reference!.grids[name]);
    }
    // The CLI as a user runs it: `cchc workbook notes.json book.xlsx`, then `cchc recalc book.xlsx`; the saved file,
    // opened again, holds the same note sheets and tables.
    const dir = mkdtempSync(join(tmpdir(), "appraisal-"));
    try {
      writeFileSync(join(dir, "notes.json"), JSON.stringify(withNotes()));
      const made = await captureCli(() => workbookCommand([join(dir, "notes.json"), join(dir, "book.xlsx")]));
      expect(made.code, made.stderr).toBe(0);
      const recalculated = await captureCli(() => recalcCommand([join(dir, "book.xlsx")]));
      expect(recalculated.code, recalculated.stderr).toBe(0);
      expect(recalculated.stderr).toContain(
        "Lý do trừ điểm - Sở!K20: đơn vị SGTVT, tiêu chí 2.1.1: điểm thẩm định 0,65 thấp hơn điểm tự đánh giá 1 nhưng chưa có lý do trừ điểm",
      );
      const saved = new XlsxHost(await openWorkbook(join(dir, "book.xlsx")));
      const kept = ["Lý do trừ điểm - Sở", "Giải trình - Sở", "Giải trình - Huyện", "Chênh lệch TĐG", "Chênh lệch TĐG a"];
      const savedGrids = await saved.readSheets(kept);
      for (const name of kept) expect(savedGrids[name], `cchc recalc: ${name}`).toEqual(reference!.grids[name]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const gap = reference!.grids["Chênh lệch TĐG"]!.map((row) => row.map(norm));
    const header = gap.findIndex((r) => r[0] === "STT");
    expect(gap[header + 1]).toEqual([
      1,
      "Sở Giao thông vận tải",
      "1.1.1",
      "Ban hành kế hoạch CCHC năm kịp thời, đúng quy định",
      0.25,
      0.5,
      0.25,
      null,
      null,
    ]);
    expect(gap.find((r) => r[1] === "Sở Nội vụ")).toEqual([
      2,
      "Sở Nội vụ",
      "1.1.2",
      "Mức độ hoàn thành kế hoạch CCHC năm",
      1,
      0.5,
      -0.5,
      SNV_REASON,
      SNV_EXPLANATION,
    ]);
    const huyen = reference!.grids["Chênh lệch TĐG a"]!.map((row) => row.map(norm));
    expect(huyen.some((r) => r[1] === "UBND thành phố Sơn La")).toBe(true);
  }, 120_000);

  it("Excel: still 3 context.sync per recalculation with the note sheets and tables", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Sheet1");
    const host = new ExcelHost(book.context() as unknown as Excel.RequestContext, { features: { notes: true, pageLayout: true } });
    await host.write(planInputSheets(withNotes(), { withScores: true }));
    const before = book.syncCount;
    const { outcome, syncs } = await recalculateInExcel((batch) => batch(book.context() as unknown as Excel.RequestContext), {
      host: { features: { notes: true, pageLayout: true } },
    });
    expect(outcome.ok).toBe(true);
    expect(syncs).toBe(3);
    expect(book.syncCount - before).toBe(3);
  }, 60_000);

  it("Excel at 20 sở + 170 xã with note sheets: 3 context.sync, every request and response under 4 MB", async () => {
    const doc = inputSchema.parse(scaledInput({ so: 20, xa: 170 }));
    for (const b of doc.blocks) b.reasons = {};
    const m = await measureExcelRecalculation(doc);
    expect(m.outcome.ok).toBe(true);
    expect(m.plan.map((w) => w.sheet)).toContain("Chênh lệch TĐG a");
    console.info(
      `[addin] 20 sở + 170 xã with notes: ${m.syncs} context.sync; largest request ${(m.largestRequest / 1e6).toFixed(2)} MB, ` +
        `largest response ${(m.largestResponse / 1e6).toFixed(2)} MB`,
    );
    expect(m.syncs).toBe(3);
    expect(m.largestRequest).toBeLessThan(4_000_000);
    expect(m.largestResponse).toBeLessThan(4_000_000);
  }, 120_000);

  it("Google Sheets: the «Chênh lệch TĐG» tables cost the same calls at 32 and at 95 units (nothing per row)", async () => {
    /** Calls read, write or format (the budget of test/gas.test.ts) of a second recalculation (every generated sheet there). */
    const measure = async (doc: InputDocument): Promise<number> => {
      const env = fakeEnvironment();
      env.spreadsheet._addSheet("Trang tính1");
      const port = new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, hostServices(env));
      port.write(planInputSheets(doc, { withScores: true }));
      expect((await recalculateWorkbook(port)).ok).toBe(true);
      env.log.reset();
      expect((await recalculateWorkbook(port)).ok).toBe(true);
      return env.log.count(["read", "write", "format"]);
    };
    const notes = (doc: InputDocument): InputDocument => {
      for (const b of doc.blocks) b.reasons = {};
      return doc;
    };
    const sonLa = (await measure(notes(fixture()))) - (await measure(fixture()));
    const province = (await measure(notes(scaledInput({ so: 20, xa: 75 })))) - (await measure(scaledInput({ so: 20, xa: 75 })));
    console.log(`Sheets calls of two «Chênh lệch TĐG» tables (and two note sheets read): 32 units ${sonLa}, 95 units ${province}`);
    expect(province).toBe(sonLa);
    expect(sonLa).toBeLessThanOrEqual(40);
  }, 120_000);
});

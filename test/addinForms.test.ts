/**
 * The appraisal cycle's forms in Excel, through the strict fake: «Tạo phiếu» makes the form sheet, the clerk moves
 * it to a file of its own, the agency fills it (exceljs here, an independent program), and «Nhập phiếu» inserts the
 * file's sheets (`insertWorksheetsFromBase64`), imports them through the core and deletes them again. Syncs are
 * counted; wrong forms are refused whole with cell-named messages and leave the workbook as it was.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { createFormsInExcel, importFormsInExcel, recalculateInExcel, type ExcelRun } from "../addin/actions.ts";
import { ExcelHost } from "../addin/excelHost.ts";
import { XlsxBook } from "../cli/xlsx/XlsxBook.ts";
import { formatProblem } from "../shared/problem.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";
import { isUncalculatedFormula, type CellValue } from "../shared/workbook/port.ts";
import { FakeWorkbook } from "./fakes/fakeExcel.ts";
import { sonLa2023 } from "./fixtures/scaledInput.ts";
import { agencyAnswers, typeAnswers } from "./helpers/agencyFill.ts";

const FEATURES = { pageLayout: true, notes: true };

/** Reads an .xlsx given in base64 with the tool's own reader (the fake has none). */
function decodeWorkbook(base64: string): { name: string; values: CellValue[][] }[] {
  const book = XlsxBook.fromBytes(new Uint8Array(Buffer.from(base64, "base64")));
  return book.sheets.map((entry) => ({
    name: entry.name,
    values: book.grid(entry, false).map((row) => row.map((v) => (isUncalculatedFormula(v) ? null : v))),
  }));
}

async function bookWithSonLa(): Promise<{ book: FakeWorkbook; run: ExcelRun }> {
  const book = new FakeWorkbook({ decodeWorkbook });
  book.addSheet("Sheet1");
  const host = new ExcelHost(book.context() as unknown as Excel.RequestContext, { features: FEATURES });
  expect(await createTemplate(host, sonLa2023(), { withScores: true })).toEqual({ ok: true });
  return { book, run: (batch) => batch(book.context() as unknown as Excel.RequestContext) };
}

/** The form sheet moved to a file of its own and filled by the agency with exceljs; the file in base64. */
async function filledFile(grid: CellValue[][], edit: (ws: ExcelJS.Worksheet, grid: CellValue[][]) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(String(grid[0]?.[7] ?? "").split("|")[2] ? `Phiếu TĐG - ${String(grid[0]![7]).split("|")[2]}` : "Phiếu");
  grid.forEach((row, r) => row.forEach((v, c) => v !== null && v !== "" && (ws.getCell(r + 1, c + 1).value = v)));
  edit(ws, grid);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

const snapshot = (book: FakeWorkbook) => book.sheets.map((s) => [s.name, JSON.stringify(s.grid())]);

describe("self-assessment forms in Excel (fake)", () => {
  it("forms out and in: typed scores, evidence and note land in the workbook; the self total equals the hand sum", async () => {
    const { book, run } = await bookWithSonLa();
    const made = await createFormsInExcel(run, ["TTR", "SNV"], { host: { features: FEATURES } });
    expect(made.outcome).toEqual({ ok: true, sheets: ["Phiếu TĐG - TTR", "Phiếu TĐG - SNV"] });
    expect(made.syncs).toBeLessThanOrEqual(3);
    expect(await createFormsInExcel(run, ["TTR"])).toMatchObject({ outcome: { ok: false } });

    const input = sonLa2023();
    const { answers, selfH } = agencyAnswers(input, "TTR");
    const grid = book
      .sheet("Phiếu TĐG - TTR")!
      .grid()
      .map((row) => row.map((v) => (v === "" ? null : v)));
    const base64 = await filledFile(grid, (ws, g) => typeAnswers(g, answers, (r, c, v) => (ws.getCell(r + 1, c + 1).value = v)));
    const sheetsBefore = book.sheets.map((s) => s.name);
    const syncsBefore = book.syncCount;
    const { outcome, syncs } = await importFormsInExcel(run, [{ name: "TTR.xlsx", base64 }], { host: { features: FEATURES } });
    expect(outcome[0]!.errors).toEqual([]);
    expect(outcome[0]!.sheets).toMatchObject([{ ok: true, unitCode: "TTR", count: answers.length }]);
    expect(book.syncCount - syncsBefore).toBe(syncs);
    console.log(`Excel: one form imported in ${syncs} syncs`);
    expect(syncs).toBeLessThanOrEqual(7);
    // The inserted sheet is gone again.
    expect(book.sheets.map((s) => s.name)).toEqual(sheetsBefore);

    const col = (sheet: string, unit: string) => {
      const g = book.sheet(sheet)!.grid();
      const header = g.findIndex((row) => row[0] === "Mã");
      const c = g[header]!.indexOf(unit);
      return (code: string) => g.find((row) => row[0] === code)![c];
    };
    const self = col("Tự đánh giá - Sở", "TTR");
    const evidence = col("Kiểm chứng - Sở", "TTR");
    const notes = col("Ghi chú TĐG - Sở", "TTR");
    for (const a of answers) {
      expect(self(a.code), a.code).toBe(typeof a.score === "string" && a.score !== "KĐG" ? Number(a.score.replace(",", ".")) : a.score);
      expect(evidence(a.code) || null, a.code).toBe(a.evidence);
      expect(notes(a.code) || null, a.code).toBe(a.note);
    }
    const recalc = await recalculateInExcel(run, { reports: false, host: { features: FEATURES } });
    if (!recalc.outcome.ok) throw new Error(recalc.outcome.errors.map(formatProblem).join("\n"));
    const ttr = recalc.outcome.result.blocks[0]!.units.find((u) => u.code === "TTR")!;
    expect(Math.round(ttr.self! * 100)).toBe(selfH);
  }, 60_000);

  it("a form made in Excel checks its score cells (ExcelApi 1.8 data validation: 0 … maximum, a warning that keeps «KĐG»)", async () => {
    const { book, run } = await bookWithSonLa();
    await createFormsInExcel(run, ["TTR"], { host: { features: { ...FEATURES, dataValidation: true } } });
    const sheet = book.sheet("Phiếu TĐG - TTR")!;
    const grid = sheet.grid();
    // Sub-criterion 1.1.1 of the Sơn La set has maximum 0,5 (test/fixtures/son-la-2023/input.json).
    const row = grid.findIndex((line) => line[0] === "1.1.1");
    const check = sheet.validations.find((v) => v.range.row <= row && row < v.range.row + v.range.rows && v.range.col === 4);
    expect(check?.rule).toEqual({ decimal: { formula1: 0, formula2: 0.5, operator: "Between" } });
    expect(check?.errorAlert).toMatchObject({ showAlert: true, style: "Warning" });
    expect(check?.prompt).toMatchObject({ showPrompt: true, message: expect.stringContaining("KĐG") });
    // Without ExcelApi 1.8 none is set, and nothing fails.
    const old = await bookWithSonLa();
    await createFormsInExcel(old.run, ["TTR"], { host: { features: FEATURES } });
    expect(old.book.sheet("Phiếu TĐG - TTR")!.validations).toEqual([]);
  });

  it("refuses wrong forms whole, naming the cells, and leaves the workbook as it was", async () => {
    const { book, run } = await bookWithSonLa();
    await createFormsInExcel(run, ["SNV", "SGTVT"]);
    const input = sonLa2023();
    const gridOf = (unit: string) =>
      book
        .sheet(`Phiếu TĐG - ${unit}`)!
        .grid()
        .map((row) => row.map((v) => (v === "" ? null : v)));
    const fill = (unit: string) => (ws: ExcelJS.Worksheet, g: CellValue[][]) =>
      typeAnswers(g, agencyAnswers(input, unit).answers, (r, c, v) => (ws.getCell(r + 1, c + 1).value = v));
    const rowOf = (g: CellValue[][], code: string) => g.findIndex((r) => r[0] === code);
    const snv = gridOf("SNV");
    const above = await filledFile(snv, (ws, g) => {
      fill("SNV")(ws, g);
      ws.getCell(rowOf(g, "1.1.1") + 1, 5).value = "3,5";
    });
    const deleted = await filledFile(gridOf("SGTVT"), (ws, g) => {
      fill("SGTVT")(ws, g);
      ws.spliceRows(rowOf(g, "1.1.2") + 1, 1);
    });
    const otherYear = snv.map((row) => [...row]);
    otherYear[0]![7] = String(otherYear[0]![7]).replace("|2023|", "|2022|");
    const year = await filledFile(otherYear, fill("SNV"));
    const otherUnit = snv.map((row) => [...row]);
    otherUnit[0]![7] = String(otherUnit[0]![7]).replace("|SNV|", "|SXYZ|");
    const unit = await filledFile(otherUnit, fill("SNV"));
    const notAWorkbook = Buffer.from("không phải sổ tính").toString("base64");

    const before = snapshot(book);
    const { outcome } = await importFormsInExcel(run, [
      { name: "SNV.xlsx", base64: above },
      { name: "SGTVT.xlsx", base64: deleted },
      { name: "SNV-2022.xlsx", base64: year },
      { name: "SXYZ.xlsx", base64: unit },
      { name: "ghi-chu.txt", base64: notAWorkbook },
    ]);
    expect(snapshot(book)).toEqual(before);
    const lines = outcome.map((o) => [...o.errors, ...o.sheets.flatMap((s) => (s.ok ? [] : s.errors))].map(formatProblem));
    expect(lines[0]).toEqual([`Phiếu TĐG - SNV!E${rowOf(snv, "1.1.1") + 1}: 3,5 vượt điểm tối đa 0,5`]);
    expect(lines[1]).toEqual(['Phiếu TĐG - SGTVT: phiếu thiếu dòng tiêu chí "1.1.2" (dòng đã bị xóa?); hãy dùng phiếu nguyên vẹn']);
    expect(lines[2]![0]).toContain("Phiếu TĐG - SNV!H1: phiếu của năm 2022, sổ tính của năm 2023");
    expect(lines[3]![0]).toContain("Phiếu TĐG - SXYZ!H1: đơn vị «SXYZ» của phiếu không có");
    expect(lines[4]![0]).toContain("ghi-chu.txt: không mở được tệp như một sổ tính Excel");
  }, 60_000);
});

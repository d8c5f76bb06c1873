/**
 * The appraisal cycle's forms in the CLI, on real .xlsx files: `cchc forms` makes one standalone form per unit,
 * an agency fills it (here exceljs, an independent program, types numbers, "0,25" text, KĐG, evidence and a
 * note), `cchc import` takes it back, and the unit's «Điểm tự đánh giá» equals the hand sum of what was typed.
 * Wrong forms are refused whole, naming file, sheet and cell, and the workbook is left as it was.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { run as compute } from "../cli/commands/compute.ts";
import { run as forms } from "../cli/commands/forms.ts";
import { run as importForms } from "../cli/commands/import.ts";
import { run as workbook } from "../cli/commands/workbook.ts";
import { XlsxBook } from "../cli/xlsx/XlsxBook.ts";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { newWorkbook } from "../cli/xlsx/newWorkbook.ts";
import { workbookBytes } from "../cli/xlsx/saveWorkbook.ts";
import { loadWorkbook } from "../shared/workbook/loadWorkbook.ts";
import { buildSelfAssessmentForm } from "../shared/workbook/selfAssessmentForm.ts";
import type { CellValue } from "../shared/workbook/port.ts";
import type { ResultDocument } from "../shared/schema/resultSchema.ts";
import { sonLa2023 } from "./fixtures/scaledInput.ts";
import { agencyAnswers, typeAnswers } from "./helpers/agencyFill.ts";
import { captureCli } from "./helpers/captureCli.ts";

const TMP = mkdtempSync(path.join(tmpdir(), "cchc-forms-"));
const at = (...p: string[]) => path.join(TMP, ...p);

/** Fills a form file with exceljs as an agency's spreadsheet program would, and saves it under `out`. */
async function fillWithExcelJs(file: string, out: string, edit: (ws: ExcelJS.Worksheet, grid: CellValue[][]) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const grid: CellValue[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    grid[r - 1] = Array.from({ length: 8 }, (_, c) => {
      const v = row.getCell(c + 1).value;
      return typeof v === "string" || typeof v === "number" ? v : null;
    });
  });
  for (let r = 0; r < grid.length; r++) grid[r] ??= [];
  edit(ws, grid);
  await wb.xlsx.writeFile(out);
}

async function makeBook(name: string, input = sonLa2023()): Promise<string> {
  const json = at(`${name}.json`);
  writeFileSync(json, JSON.stringify(input));
  const r = await captureCli(() => workbook([json, at(`${name}.xlsx`)]));
  expect(r.code, r.stderr).toBe(0);
  return at(`${name}.xlsx`);
}

async function loaded(book: string) {
  const host = new XlsxHost(XlsxBook.fromBytes(new Uint8Array(readFileSync(book))));
  const out = loadWorkbook(await host.readSheets(await host.listSheets()));
  if (!out.ok) throw new Error("book does not load");
  return out.input;
}

describe("cchc forms and cchc import", () => {
  it("round trip: forms out, filled by another program, imported; self total equals the hand sum", async () => {
    const input = sonLa2023();
    const book = await makeBook("book", input);
    const all = await captureCli(() => forms([book, "--out", at("all")]));
    expect(all.code, all.stderr).toBe(0);
    expect(readdirSync(at("all")).sort()).toEqual(input.blocks.flatMap((b) => b.units.map((u) => `${u.code}.xlsx`)).sort());

    const r = await captureCli(() => forms([book, "--out", at("forms"), "--unit", "TTR", "SNV"]));
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(at("forms")).sort()).toEqual(["SNV.xlsx", "TTR.xlsx"]);

    const { answers, selfH } = agencyAnswers(input, "TTR");
    expect(answers.filter((a) => a.score === "KĐG").map((a) => a.code)).toEqual(["6.4.1", "6.4.2"]);
    await fillWithExcelJs(at("forms", "TTR.xlsx"), at("TTR.xlsx"), (ws, grid) =>
      typeAnswers(grid, answers, (row, col, value) => {
        const cell = ws.getCell(row + 1, col + 1);
        // A link typed as a hyperlink, as Excel makes it of a pasted address.
        cell.value = typeof value === "string" && value.startsWith("https://") ? { text: value, hyperlink: value } : value;
      }),
    );
    const imported = await captureCli(() => importForms([book, at("TTR.xlsx")]));
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("Đã nhập TTR.xlsx › Phiếu TĐG - TTR: đơn vị TTR");

    const after = await loaded(book);
    const so = after.blocks.find((b) => b.id === "so")!;
    for (const a of answers) {
      const want = typeof a.score === "string" && a.score !== "KĐG" ? Number(a.score.replace(",", ".")) : a.score;
      expect(so.selfScores!["TTR"]![a.code], a.code).toBe(want);
      expect(so.evidence?.["TTR"]?.[a.code] ?? null, a.code).toBe(a.evidence);
      expect(so.selfNotes?.["TTR"]?.[a.code] ?? null, a.code).toBe(a.note);
    }
    // Another unit's self scores are untouched.
    expect(so.selfScores!["SNV"]).toEqual(input.blocks[0]!.selfScores!["SNV"]);

    const computed = await captureCli(() => compute([book, "--json"]));
    expect(computed.code, computed.stderr).toBe(0);
    const result = JSON.parse(computed.stdout) as ResultDocument;
    const ttr = result.blocks.find((b) => b.id === "so")!.units.find((u) => u.code === "TTR")!;
    expect(Math.round(ttr.self! * 100)).toBe(selfH);
  }, 60_000);

  it("refuses wrong forms whole (cell-named), imports the good one, exit 2; only bad forms leave the book's bytes as they were", async () => {
    const input = sonLa2023();
    const book = await makeBook("book2", input);
    await captureCli(() => forms([book, "--out", at("f2"), "--unit", "SNV", "SGTVT", "STP"]));
    const fillAll = (unit: string, file: string, out: string, extra?: (ws: ExcelJS.Worksheet, grid: CellValue[][]) => void) =>
      fillWithExcelJs(file, out, (ws, grid) => {
        typeAnswers(grid, agencyAnswers(input, unit).answers, (row, col, value) => (ws.getCell(row + 1, col + 1).value = value));
        extra?.(ws, grid);
      });
    const rowOf = (grid: CellValue[][], code: string) => grid.findIndex((r) => r[0] === code);
    // Above the maximum.
    await fillAll("SNV", at("f2", "SNV.xlsx"), at("SNV.xlsx"), (ws, grid) => (ws.getCell(rowOf(grid, "1.1.1") + 1, 5).value = "3,5"));
    // A row deleted.
    await fillAll("SGTVT", at("f2", "SGTVT.xlsx"), at("SGTVT.xlsx"), (ws, grid) => ws.spliceRows(rowOf(grid, "1.1.2") + 1, 1));
    // Good.
    await fillAll("STP", at("f2", "STP.xlsx"), at("STP.xlsx"));
    // Another year's criteria set, the same year with another set, a unit this book does not have: forms made
    // by the tool from other documents (written straight to .xlsx, no other workbook needed).
    const formFile = async (doc: typeof input, unit: string, file: string) => {
      const { workbook: wb, host } = newWorkbook();
      await host.write([buildSelfAssessmentForm(doc, "so", unit)]);
      writeFileSync(at(file), await workbookBytes(wb));
    };
    const other = sonLa2023();
    other.year = 2024;
    other.blocks[0]!.criteria.find((c) => c.code === "1.1.1")!.max = 1;
    await formFile(other, "SNV", "f3.xlsx");
    await fillAll("SNV", at("f3.xlsx"), at("SNV-2024.xlsx"));
    other.year = 2023;
    await formFile(other, "SNV", "SNV-set.xlsx");
    const stranger = sonLa2023();
    stranger.blocks[0]!.units[0]!.code = "SXYZ";
    await formFile(stranger, "SXYZ", "SXYZ.xlsx");

    const bad = ["SNV.xlsx", "SGTVT.xlsx", "SNV-2024.xlsx", "SNV-set.xlsx", "SXYZ.xlsx"].map((f) => at(f));
    const before = readFileSync(book);
    const refused = await captureCli(() => importForms([book, ...bad]));
    expect(refused.code).toBe(2);
    expect(Buffer.compare(readFileSync(book), before)).toBe(0);
    const snvRow = (await loaded(book)).blocks[0]!.criteria.findIndex((c) => c.code === "1.1.1") + 7;
    expect(refused.stderr).toContain(`SNV.xlsx › Phiếu TĐG - SNV!E${snvRow}: 3,5 vượt điểm tối đa 0,5`);
    expect(refused.stderr).toContain(`SGTVT.xlsx › Phiếu TĐG - SGTVT: phiếu thiếu dòng tiêu chí "1.1.2"`);
    expect(refused.stderr).toContain("SNV-2024.xlsx › Phiếu TĐG - SNV!H1: phiếu của năm 2024, sổ tính của năm 2023");
    expect(refused.stderr).toContain("SNV-set.xlsx › Phiếu TĐG - SNV!H1: phiếu được tạo từ một bộ tiêu chí khác");
    expect(refused.stderr).toContain("SXYZ.xlsx › Phiếu TĐG - SXYZ!H1: đơn vị «SXYZ» của phiếu không có trong danh sách đơn vị");
    expect(refused.stderr).toContain("5 phiếu bị từ chối");

    const mixed = await captureCli(() => importForms([book, at("SNV.xlsx"), at("STP.xlsx")]));
    expect(mixed.code).toBe(2);
    expect(mixed.stdout).toContain("Đã nhập STP.xlsx");
    const so = (await loaded(book)).blocks[0]!;
    expect(so.selfScores!["SNV"]).toEqual(input.blocks[0]!.selfScores!["SNV"]);
    expect(so.evidence?.["SNV"]).toBeUndefined();
    expect(Object.keys(so.evidence?.["STP"] ?? {}).length).toBeGreaterThan(0);
  }, 90_000);
});

/**
 * The add-in's recalculation through the strict Excel fake: round trips (context.sync) per run, the
 * Sơn La published ranking, and the same cells as the .xlsx host.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTemplateInExcel, recalculateInExcel, validateInExcel, type ExcelRun } from "../addin/actions.ts";
import { ExcelHost } from "../addin/excelHost.ts";
import { FakeWorkbook } from "./fakes/fakeExcel.ts";
import { makeRecalculateCommand, type CommandResult } from "../addin/recalculateCommand.ts";
import { newWorkbook } from "../cli/xlsx/newWorkbook.ts";
import { inputSchema, type InputDocument } from "../shared/schema/inputSchema.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";
import { recalculateWorkbook } from "../shared/workbook/recalculateWorkbook.ts";
import { cellAddress, type ReadValue, type SheetWrite, type WorkbookPort } from "../shared/workbook/port.ts";
import { needsTextFormat } from "../addin/textGuard.ts";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import { scaledInput } from "./fixtures/scaledInput.ts";
import { measureExcelRecalculation } from "./fakes/measureExcel.ts";

const FEATURES = { pageLayout: true, notes: true };

function fixture(): InputDocument {
  const raw: unknown = JSON.parse(readFileSync(new URL("./fixtures/son-la-2023/input.json", import.meta.url), "utf8"));
  return inputSchema.parse(raw);
}

/** A fake Excel workbook (one empty sheet, as Excel makes) holding `doc` in the template with its scores. */
async function bookWith(doc: InputDocument): Promise<FakeWorkbook> {
  const book = new FakeWorkbook();
  book.addSheet("Sheet1");
  const host = new ExcelHost(book.context() as unknown as Excel.RequestContext, { features: FEATURES });
  const made = await createTemplate(host, doc, { withScores: true });
  expect(made).toEqual({ ok: true });
  return book;
}

/** The score cell of a unit (column headed by its code) and a leaf (row with its code in column A). */
function scoreCell(book: FakeWorkbook, unit: string, leaf: string): { r: number; c: number; address: string } {
  const grid = book.sheet("Điểm - Sở")!.grid();
  const c = grid.find((row) => row.includes(unit))!.indexOf(unit);
  const r = grid.findIndex((row) => row[0] === leaf);
  expect(c).toBeGreaterThan(0);
  expect(r).toBeGreaterThan(0);
  return { r, c, address: `${String.fromCharCode(65 + c)}${r + 1}` };
}

function runOver(book: FakeWorkbook): ExcelRun {
  return (batch) => batch(book.context() as unknown as Excel.RequestContext);
}

describe("recalculation in Excel (fake)", () => {
  it("Sơn La 2023 (20 sở, 12 huyện): published ranking, at most 3 round trips", async () => {
    const book = await bookWith(fixture());
    const before = book.syncCount;
    book.requests = [];
    book.responses = [];
    const progress: string[] = [];
    const { outcome, syncs } = await recalculateInExcel(runOver(book), {
      host: { features: FEATURES },
      onProgress: (m) => progress.push(m),
    });
    expect(book.syncCount - before).toBe(syncs);
    expect(syncs).toBeLessThanOrEqual(3);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const [so, huyen] = outcome.summary.blocks;
    // seed-facts.md: SGTVT first with 95,44 (A), SNGV last with 81,2; mean 85,97; A 02 (10%), B 18 (90%)
    expect(so?.rows[0]).toEqual({ rank: 1, code: "SGTVT", name: "Sở Giao thông vận tải", index: 95.44, group: "A" });
    expect(so?.rows[19]).toMatchObject({ rank: 20, code: "SNGV", index: 81.2, group: "B" });
    expect(so?.rows.map((r) => r.code).slice(0, 4)).toEqual(["SGTVT", "SNV", "STC", "VPUBND"]);
    expect(so?.mean).toBe(85.97);
    expect(so?.groups.slice(0, 2)).toEqual([
      { name: "A", count: 2, share: 10 },
      { name: "B", count: 18, share: 90 },
    ]);
    // huyện: TPSL first 93,14, BYE last 81,24, mean 85,84, A 03 (25%)
    expect(huyen?.rows[0]).toMatchObject({ code: "TPSL", index: 93.14, group: "A" });
    expect(huyen?.rows[11]).toMatchObject({ code: "BYE", index: 81.24 });
    expect(huyen?.mean).toBe(85.84);
    expect(huyen?.groups[0]).toEqual({ name: "A", count: 3, share: 25 });
    expect(progress.length).toBeGreaterThan(0);
    // the Biểu sheets and the analysis were written
    const names = book.sheets.map((s) => s.name);
    expect(names).toContain("Phân tích");
    expect(names.filter((n) => n.startsWith("Biểu")).length).toBeGreaterThanOrEqual(22);
    expect(book.largestRequest).toBeLessThan(4_000_000);
    expect(book.largestResponse).toBeLessThan(4_000_000);
    console.info(
      `[addin] 20 sở + 12 huyện (32 units): ${syncs} context.sync, largest request ${book.largestRequest} bytes, largest response ${book.largestResponse} bytes`,
    );
  });

  it("a plan over the request budget is split into several syncs, each within it, writing the same cells", async () => {
    const whole = await bookWith(fixture());
    const split = await bookWith(fixture());
    split.requests = [];
    const once = await recalculateInExcel(runOver(whole), { host: { features: FEATURES } });
    const budget = 150_000;
    const parts = await recalculateInExcel(runOver(split), {
      host: { features: FEATURES, maxRequestBytes: budget, maxChunkBytes: 50_000 },
    });
    expect(once.syncs).toBe(3);
    expect(parts.syncs).toBeGreaterThan(5);
    expect(split.requests).toHaveLength(parts.syncs);
    // the host's estimate bounds what the fake measures
    for (const size of split.requests) expect(size).toBeLessThanOrEqual(budget);
    const cells = (book: FakeWorkbook) =>
      book.sheets.map((s) => [s.name, [...s.cells].sort(), s.merges, [...s.rowHeights], [...s.columnWidths], s.pageLayout]);
    expect(cells(split)).toEqual(cells(whole));
  });

  it("validation with an error lists the cell and writes nothing", async () => {
    const book = await bookWith(fixture());
    const target = scoreCell(book, "SGTVT", "1.1.1");
    book.sheet("Điểm - Sở")!.cell(target.r, target.c, true).value = 99;
    const snapshot = JSON.stringify(book.sheets.map((s) => [s.name, [...s.cells]]));
    const checked = await validateInExcel(runOver(book), { host: { features: FEATURES } });
    expect(checked.outcome.ok).toBe(false);
    const recalculated = await recalculateInExcel(runOver(book), { host: { features: FEATURES } });
    expect(recalculated.outcome.ok).toBe(false);
    if (recalculated.outcome.ok) return;
    const where = recalculated.outcome.errors.map((p) => `${p.sheet}!${p.cell}`);
    expect(where).toContain(`Điểm - Sở!${target.address}`);
    expect(recalculated.syncs).toBe(2); // list + read, no write
    expect(JSON.stringify(book.sheets.map((s) => [s.name, [...s.cells]]))).toBe(snapshot);
  });

  it("the ribbon command completes its event on success, on invalid data and on failure", async () => {
    const results: CommandResult[] = [];
    const good = await bookWith(fixture());
    let completed = 0;
    await makeRecalculateCommand(runOver(good), (r) => results.push(r))({ completed: () => void completed++ });
    expect(completed).toBe(1);
    expect(results[0]).toMatchObject({ status: "ok" });
    expect(good.sheet("Biểu 1")).toBeDefined();

    const empty = new FakeWorkbook();
    empty.addSheet("Sheet1");
    await makeRecalculateCommand(runOver(empty), (r) => results.push(r))({ completed: () => void completed++ });
    expect(completed).toBe(2);
    expect(results[1]).toMatchObject({ status: "invalid" });

    const broken: ExcelRun = () => Promise.reject(new Error("GeneralException: Excel đang bận"));
    await makeRecalculateCommand(broken, (r) => results.push(r))({ completed: () => void completed++ });
    expect(completed).toBe(3);
    expect(results[2]).toEqual({ status: "error", message: "GeneralException: Excel đang bận" });
  });

  it("invalid data from the ribbon selects the first offending cell", async () => {
    const book = await bookWith(fixture());
    const target = scoreCell(book, "SNV", "1.1.2");
    book.sheet("Điểm - Sở")!.cell(target.r, target.c, true).value = -1;
    await makeRecalculateCommand(runOver(book))({ completed: () => undefined });
    expect(book.selection).toEqual({ sheet: "Điểm - Sở", address: target.address });
    expect(book.sheet("Biểu 1")).toBeUndefined();
  });

  it("creating the template refuses when its sheets exist", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Sheet1");
    const first = await createTemplateInExcel(runOver(book), { host: { features: FEATURES } });
    expect(first.outcome).toEqual({ ok: true });
    // List + write; the template's 16 input sheets (8 a block, with the note sheets) take two write requests.
    expect(first.syncs).toBeLessThanOrEqual(3);
    const count = book.sheets.length;
    const second = await createTemplateInExcel(runOver(book), { host: { features: FEATURES } });
    expect(second.outcome.ok).toBe(false);
    expect(book.sheets.length).toBe(count);
  });
});

describe("formats land as planned", () => {
  it("every cell of every block of a full recalculation has the plan's font, fill, alignment and number format", async () => {
    const book = await bookWith(fixture());
    const excel = new ExcelHost(book.context() as unknown as Excel.RequestContext, { features: FEATURES });
    let plan: readonly SheetWrite[] = [];
    const spy: WorkbookPort = {
      listSheets: () => excel.listSheets(),
      readSheets: (names) => excel.readSheets(names),
      write: (changes) => {
        plan = changes;
        return excel.write(changes);
      },
    };
    expect((await recalculateWorkbook(spy)).ok).toBe(true);
    expect(plan.length).toBeGreaterThan(20);
    let checked = 0;
    const H: Record<string, string> = { left: "Left", center: "Center", right: "Right" };
    for (const change of plan) {
      const sheet = book.sheet(change.sheet)!;
      for (const block of change.blocks) {
        block.values.forEach((row, r) =>
          row.forEach((value, c) => {
            const want = { ...block.style, ...(block.styles?.[r]?.[c] ?? {}) };
            const cell = sheet.cell(block.row + r, block.col + c);
            const where = `${change.sheet}!${cellAddress(block.row + r, block.col + c)}`;
            if (value === null && cell === undefined) return;
            expect(cell, where).toBeDefined();
            const got = cell!;
            expect(got.style.bold ?? false, where).toBe(want.bold ?? false);
            expect(got.style.italic ?? false, where).toBe(want.italic ?? false);
            expect(got.style.fontName, where).toBe(want.fontName);
            expect(got.style.fontSize, where).toBe(want.fontSize);
            expect(got.style.fill, where).toBe(want.fill);
            expect(got.style.hAlign, where).toBe(want.hAlign ? H[want.hAlign] : undefined);
            expect(got.style.wrap, where).toBe(want.wrap);
            expect(got.style.borders ?? [], where).toEqual(want.border === true ? ["EdgeBottom", "EdgeLeft", "EdgeRight", "EdgeTop"] : []);
            const textual = typeof value === "string" && needsTextFormat(value);
            expect(got.numberFormat, where).toBe(textual ? "@" : (want.numberFormat ?? "General"));
            expect(got.formula, where).toBeNull();
            expect(got.value, where).toBe(value === null ? "" : value);
            checked++;
          }),
        );
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });
});

describe("same cells as the .xlsx host", () => {
  it("Sơn La 2023 recalculated in Excel (fake) and in exceljs gives equal grids on every sheet", async () => {
    const doc = fixture();
    const book = await bookWith(doc);
    const excel = new ExcelHost(book.context() as unknown as Excel.RequestContext, { features: FEATURES });
    const a = await recalculateWorkbook(excel);
    expect(a.ok).toBe(true);

    const { host: xlsx } = newWorkbook();
    expect(await createTemplate(xlsx, doc, { withScores: true })).toEqual({ ok: true });
    const b = await recalculateWorkbook(xlsx);
    expect(b.ok).toBe(true);

    const excelNames = (await excel.listSheets()).filter((n) => n !== "Sheet1");
    const xlsxNames = await xlsx.listSheets();
    expect(excelNames).toEqual(xlsxNames);
    const ga = await excel.readSheets(excelNames);
    const gb = await xlsx.readSheets(xlsxNames);
    const trim = (g: ReadValue[][] | undefined) => {
      const rows = (g ?? []).map((row) => {
        const r = [...row];
        while (r.length > 0 && r[r.length - 1] === null) r.pop();
        return r;
      });
      while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
      return rows;
    };
    for (const name of excelNames) expect(trim(ga[name]), name).toEqual(trim(gb[name]));
  });
});

/** Excel's request/response budget the add-in must keep (Excel on the web fails above 5 MB). */
const BUDGET = 4_000_000;
const MB = (n: number) => `${(n / 1_000_000).toFixed(2)} MB`;

/**
 * A full recalculation (results area, every Biểu, the analysis) of a workbook made from `doc`, through the
 * strict fake: syncs, request and response sizes, the add-in's own JavaScript time (wall and CPU time outside
 * `context.sync`), the plan written, and the results cells checked against the core run on the JSON document.
 */
async function recalculateAtScale(doc: InputDocument, label: string) {
  const measured = await measureExcelRecalculation(doc);
  const { book, plan, jsWallMs: jsWall, jsCpuMs: jsCpu } = measured;
  const ran = { outcome: measured.outcome, syncs: measured.syncs };
  expect(ran.outcome.ok).toBe(true);
  expect(book.requests.length).toBe(ran.syncs);

  // every planned sheet is there, with the plan's column A (stamps and labels)
  const units = doc.blocks.reduce((n, b) => n + b.units.length, 0);
  expect(plan.filter((w) => w.sheet.startsWith("Biểu")).length).toBeGreaterThanOrEqual(11 * doc.blocks.length);
  for (const w of plan) {
    const sheet = book.sheet(w.sheet);
    expect(sheet, w.sheet).toBeDefined();
    for (const block of w.blocks) {
      block.values.forEach((row, r) => {
        const v = row[0];
        if (block.col === 0 && v !== null && v !== undefined)
          expect(sheet!.cell(block.row + r, 0)?.value, `${w.sheet}!A${block.row + r + 1}`).toBe(v);
      });
    }
  }
  // Excel's limits held in every sheet
  for (const sheet of book.sheets) {
    for (const h of sheet.rowHeights.values()) expect(h, sheet.name).toBeLessThanOrEqual(409);
    for (const cell of sheet.cells.values()) if (typeof cell.value === "string") expect(cell.value.length).toBeLessThanOrEqual(32_767);
  }
  // the results cells under the scores: each unit's index and rank as the core computes them from the JSON
  const expected = computeIndex(doc);
  expect(expected.ok).toBe(true);
  if (!expected.ok) return { book, ran, jsWall, jsCpu };
  for (const block of expected.result.blocks) {
    const name = `Điểm - ${{ so: "Sở", xa: "Xã", huyen: "Huyện" }[block.id] ?? block.id}`;
    const grid = book.sheet(name)!.grid();
    const header = grid.find((row) => row.includes(block.units[0]!.code))!;
    const label = (re: RegExp) => grid.find((row) => row.some((v) => typeof v === "string" && re.test(v)))!;
    const [indexRow, rankRow] = [label(/^Chỉ số \(/), label(/^Xếp hạng$/)];
    for (const u of block.units) {
      const c = header.indexOf(u.code);
      expect([indexRow[c], rankRow[c]], `${name} ${u.code}`).toEqual([u.index, u.rank]);
    }
  }
  console.info(
    `[addin] ${label} (${units} units): ${ran.syncs} context.sync; largest request ${MB(book.largestRequest)}, largest response ${MB(book.largestResponse)}; ` +
      `requests ${book.requests.map(MB).join(" / ")}, responses ${book.responses.map(MB).join(" / ")}; add-in JavaScript ${jsWall.toFixed(0)} ms wall, ${jsCpu.toFixed(0)} ms CPU`,
  );
  return { book, ran, jsWall, jsCpu };
}

describe("the province as it is now: 75–300 units in a block", () => {
  it("20 sở + 75 xã (95 units): every Biểu, at most 3 syncs, requests and responses under 4 MB", async () => {
    const { book, ran } = await recalculateAtScale(inputSchema.parse(scaledInput({ so: 20, xa: 75 })), "20 sở + 75 xã");
    expect(ran.syncs).toBeLessThanOrEqual(3);
    expect(book.largestRequest).toBeLessThan(BUDGET);
    expect(book.largestResponse).toBeLessThan(BUDGET);
  });

  it("20 sở + 170 xã: every Biểu, at most 3 syncs, requests and responses under 4 MB", async () => {
    const { book, ran } = await recalculateAtScale(inputSchema.parse(scaledInput({ so: 20, xa: 170 })), "20 sở + 170 xã");
    expect(ran.syncs).toBeLessThanOrEqual(3);
    expect(book.largestRequest).toBeLessThan(BUDGET);
    expect(book.largestResponse).toBeLessThan(BUDGET);
  });

  it("300 xã in one block: every Biểu, requests and responses under 4 MB, again on a second run", async () => {
    const { book } = await recalculateAtScale(inputSchema.parse(scaledInput({ xa: 300 })), "300 xã");
    expect(book.largestRequest).toBeLessThan(BUDGET);
    expect(book.largestResponse).toBeLessThan(BUDGET);
    // a second run reads the Biểu it wrote (their stamps) and replaces them
    book.requests = [];
    book.responses = [];
    const again = await recalculateInExcel(runOver(book), { host: { features: FEATURES } });
    expect(again.outcome.ok).toBe(true);
    expect(book.largestRequest).toBeLessThan(BUDGET);
    expect(book.largestResponse).toBeLessThan(BUDGET);
    console.info(
      `[addin] 300 xã, second run: ${again.syncs} context.sync; largest request ${MB(book.largestRequest)}, largest response ${MB(book.largestResponse)}`,
    );
  });
});

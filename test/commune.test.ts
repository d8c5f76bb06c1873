/**
 * The province as it is now (issue 10, core part): blocks of 75–300 units numbered by position, Biểu legible
 * when printed, every row within Excel's 409 pt, generated sheets recognised and read (column A only) as Excel
 * names them, templates with chosen blocks. Runs the core over a plain in-memory port (no host).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { openWorkbook } from "../cli/xlsx/openWorkbook.ts";
import { describe, expect, it } from "vitest";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";
import { recalculateWorkbook } from "../shared/workbook/recalculateWorkbook.ts";
import { validateWorkbook } from "../shared/workbook/validateWorkbook.ts";
import { checkSheetWrites } from "../shared/workbook/checkSheetWrites.ts";
import { EXCEL_LIMITS, SHEETS_LIMITS } from "../shared/workbook/hostLimits.ts";
import { estimatePrintScale, printArea } from "../shared/workbook/printScale.ts";
import { columnWidthPt, rowHeightForLines, wrappedLineCount } from "../shared/workbook/wrappedRowHeight.ts";
import { isGeneratedSheet, isInputSheet } from "../shared/workbook/sheetNames.ts";
import { sameSheet, sheetFinder, sheetKey } from "../shared/workbook/sheetKey.ts";
import { placeholderCriteriaNote, templateSource } from "../shared/workbook/templateSource.ts";
import { STAMP_PREFIX } from "../shared/workbook/stamp.ts";
import { formatProblem } from "../shared/problem.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import type { CellStyle, CellValue, ReadOptions, SheetWrite, WorkbookPort } from "../shared/workbook/port.ts";
import { scaledInput, sonLa2023 } from "./fixtures/scaledInput.ts";
import { emptyBook, excelOf } from "./xlsxBooks.ts";

const run = promisify(execFile);

/** A workbook in memory: values only, a sheet per name; records every read and write. */
class MemoryPort implements WorkbookPort {
  sheets = new Map<string, CellValue[][]>();
  reads: { names: string[]; options?: ReadOptions }[] = [];
  writes: SheetWrite[][] = [];
  listSheets(): string[] {
    return [...this.sheets.keys()];
  }
  readSheets(names: readonly string[], options?: ReadOptions): Record<string, CellValue[][]> {
    this.reads.push({ names: [...names], ...(options ? { options } : {}) });
    const firstColumn = new Set(options?.firstColumnOnly ?? []);
    return Object.fromEntries(
      names.map((n) => {
        const grid = this.sheets.get(n) ?? [];
        return [n, firstColumn.has(n) ? grid.map((row) => [row[0] ?? null]) : grid.map((row) => [...row])];
      }),
    );
  }
  write(changes: readonly SheetWrite[]): void {
    this.writes.push([...changes]);
    for (const w of changes) {
      const grid = w.mode === "replace" ? [] : (this.sheets.get(w.sheet) ?? []);
      for (const r of w.clear ?? [])
        for (let i = r.row; i < r.row + r.rows; i++) for (let j = r.col; j < r.col + r.cols; j++) if (grid[i]) grid[i]![j] = null;
      for (const b of w.blocks) {
        b.values.forEach((line, i) => {
          const row = (grid[b.row + i] ??= []);
          line.forEach((v, j) => (row[b.col + j] = v));
        });
      }
      for (let i = 0; i < grid.length; i++) grid[i] ??= [];
      this.sheets.set(w.sheet, grid);
    }
  }
}

const cache = new Map<string, Promise<{ port: MemoryPort; plan: SheetWrite[] }>>();
/** The plan of a full recalculation of a workbook made from `input` (memoised: the tests only read it). */
function recalculated(input: InputDocument): Promise<{ port: MemoryPort; plan: SheetWrite[] }> {
  const key = JSON.stringify(input.blocks.map((b) => [b.id, b.units.length]));
  let made = cache.get(key);
  if (made === undefined) cache.set(key, (made = recalculate(input)));
  return made;
}

async function recalculate(input: InputDocument): Promise<{ port: MemoryPort; plan: SheetWrite[] }> {
  const port = new MemoryPort();
  expect((await createTemplate(port, input, { withScores: true })).ok).toBe(true);
  const outcome = await recalculateWorkbook(port);
  if (!outcome.ok) throw new Error(outcome.errors.map(formatProblem).slice(0, 5).join("\n"));
  return { port, plan: port.writes[1] ?? [] };
}

/** Height of every row of a one-block sheet write, as a host prints it (given heights, else 18 pt / 15 pt). */
function heightsOf(w: SheetWrite): number[] {
  const b = w.blocks[0]!;
  return b.values.map((line, i) => b.rowHeights?.[i] ?? (line.some((v) => v !== null) ? rowHeightForLines(1, 12) : 15));
}

/** The smallest font size of any written text cell of a sheet. */
function smallestFont(w: SheetWrite): number {
  let min = Infinity;
  for (const b of w.blocks) {
    b.values.forEach((line, i) =>
      line.forEach((v, j) => {
        if (v === null || v === "") return;
        const style: CellStyle = { ...(b.style ?? {}), ...(b.styles?.[i]?.[j] ?? {}) };
        min = Math.min(min, style.fontSize ?? 11);
      }),
    );
  }
  return min;
}

const SIZES = [
  { label: "32 (Sơn La 2023: 20 sở + 12 huyện)", input: () => sonLa2023(), units: 32 },
  { label: "95 (20 sở + 75 xã)", input: () => scaledInput({ so: 20, xa: 75 }), units: 95 },
  { label: "300 (300 xã)", input: () => scaledInput({ xa: 300 }), units: 300 },
] as const;

describe("Biểu printed legibly at 32, 95 and 300 units", () => {
  for (const size of SIZES) {
    it(`${size.label}: every Biểu repeats its header rows, is fitted to the width only, and prints its text at ≥ 7 pt`, async () => {
      const { plan } = await recalculated(size.input());
      const bieu = plan.filter((w) => w.sheet.startsWith("Biểu "));
      const blocks = size.input().blocks.length;
      expect(bieu).toHaveLength(11 * blocks);
      // Numbered by the block's position whatever its id (the 300-unit block is "xa", the only one).
      expect(bieu.slice(0, 11).map((w) => w.sheet)).toEqual(Array.from({ length: 11 }, (_, i) => `Biểu ${i + 1}`));
      if (blocks > 1) expect(bieu[11]?.sheet).toBe("Biểu 1a");
      const figures: string[] = [];
      for (const w of bieu) {
        const values = w.blocks[0]!.values;
        const titles = w.layout?.printTitleRows;
        expect(titles, w.sheet).toBeDefined();
        // The repeated rows are the header: they open with "STT", start right under the title lines, and are
        // the frozen rows' last ones.
        expect(values[titles!.row]?.[0], w.sheet).toBe("STT");
        expect(titles!.row + titles!.rows, w.sheet).toBe(w.layout?.frozenRows);
        expect(values[titles!.row + titles!.rows]?.[0], w.sheet).not.toBe("STT");
        const print = w.layout?.print;
        expect(print?.fitToWidth, w.sheet).toBe(true);
        const scale = estimatePrintScale(w.layout!, heightsOf(w));
        const font = smallestFont(w);
        expect(font * scale, `${w.sheet}: ${font} pt × ${scale}`).toBeGreaterThanOrEqual(7);
        // Fitted to one page only when short: then at most 15 % smaller than fitted to the width; a table
        // taller than 1.2 pages at the width's scale is never fitted to one page.
        const widthScale = estimatePrintScale({ ...w.layout!, print: { ...print!, fitToHeight: false } });
        const pages = (heightsOf(w).reduce((a, b) => a + b, 0) * widthScale) / printArea(print!.orientation).height;
        if (print?.fitToHeight === true) expect(scale, w.sheet).toBeGreaterThanOrEqual(widthScale * 0.85);
        else expect(scale, w.sheet).toBe(widthScale);
        if (pages > 1.2) expect(print?.fitToHeight, w.sheet).not.toBe(true);
        if (size.units > 32 && w.sheet.endsWith("a")) expect(print?.fitToHeight, w.sheet).not.toBe(true);
        figures.push(`${w.sheet} ${Math.round(scale * 100)}%${print?.fitToHeight === true ? " (1 trang)" : ""}`);
      }
      console.info(`${size.label}: ${figures.join(", ")}`);
    });
  }
});

describe("a recalculation plan of 20 + 170 and 300 units holds every host's limits", () => {
  for (const [label, input] of [
    ["20 sở + 170 xã", () => scaledInput({ so: 20, xa: 170 })],
    ["300 xã", () => scaledInput({ xa: 300 })],
  ] as const) {
    it(label, async () => {
      const { plan } = await recalculated(input());
      expect(() => checkSheetWrites(plan, EXCEL_LIMITS)).not.toThrow();
      expect(() => checkSheetWrites(plan, SHEETS_LIMITS)).not.toThrow();
      const heights = plan.flatMap((w) => w.blocks.flatMap((b) => (b.rowHeights ?? []).filter((h): h is number => h !== undefined)));
      const max = Math.max(...heights);
      expect(max).toBeLessThanOrEqual(409);
      const analysis = plan.find((w) => w.sheet === "Phân tích")!;
      const tallest = Math.max(...(analysis.blocks[0]!.rowHeights ?? []).map((h) => h ?? 0));
      console.info(`${label}: ${plan.length} sheets written, tallest row ${max} pt, tallest Phân tích row ${tallest} pt`);
    });
  }

  it("Phân tích: a long paragraph goes on over several rows, each ≤ 24 lines (≤ 409 pt), the text unchanged", async () => {
    const { plan, port } = await recalculated(scaledInput({ xa: 300 }));
    const w = plan.find((x) => x.sheet === "Phân tích")!;
    const b = w.blocks[0]!;
    const widthPt = columnWidthPt(w.layout!.columnWidths![0]!);
    let split = 0;
    b.values.forEach((line, i) => {
      const text = line[0];
      if (typeof text !== "string" || b.styles?.[i]?.[0]?.wrap !== true) return;
      const lines = wrappedLineCount(text, widthPt, 13);
      expect(lines).toBeLessThanOrEqual(24);
      expect(b.rowHeights?.[i] ?? 0).toBeLessThanOrEqual(409);
      if (lines > 1) expect(b.rowHeights?.[i]).toBe(rowHeightForLines(lines, 13));
      if (lines >= 20) split++;
    });
    expect(split).toBeGreaterThan(0); // 300 communes: some paragraph did need several rows
    // Joined back, the rows give the analysis's paragraphs: every unit of the block is named in them.
    const text = b.values
      .map((l) => l[0])
      .filter((v): v is string => typeof v === "string")
      .join(" ");
    for (let i = 1; i <= 300; i += 37) expect(text).toContain(`UBND xã thử nghiệm số ${i}`);
    // The stamp is the last line, in column A.
    expect(String(port.sheets.get("Phân tích")?.at(-1)?.[0])).toMatch(new RegExp(`^${STAMP_PREFIX}`));
  });
});

describe("generated sheets: read in the one readSheets call, column A only, stamp in column A", () => {
  it("a second recalculation reads Biểu and Phân tích with firstColumnOnly in the same call, and replaces them", async () => {
    const { port } = await recalculate(scaledInput({ so: 20, xa: 75 }));
    for (const [name, grid] of port.sheets) {
      if (!isGeneratedSheet(name)) continue;
      expect(
        grid.some((row) => typeof row[0] === "string" && row[0].startsWith(STAMP_PREFIX)),
        name,
      ).toBe(true);
    }
    port.reads = [];
    const again = await recalculateWorkbook(port);
    expect(again.ok).toBe(true);
    expect(port.reads).toHaveLength(1);
    const [read] = port.reads;
    const generated = port.listSheets().filter(isGeneratedSheet);
    expect(generated).toHaveLength(25); // 22 Biểu, 2 Tổng quan, Phân tích
    expect([...(read?.options?.firstColumnOnly ?? [])].sort()).toEqual([...generated].sort());
    for (const n of generated) expect(read?.names).toContain(n);
    // «Cài đặt» and six sheets per block (Tiêu chí, Đơn vị, Điểm, Tự đánh giá, Kiểm chứng, Ghi chú TĐG).
    expect(read?.names.filter(isInputSheet).length).toBe(1 + 6 * 2);
  });
});

describe("the .xlsx host prints the header rows on every page", () => {
  it("layout.printTitleRows becomes the sheet's print titles", async () => {
    const book = emptyBook();
    const { plan } = await recalculated(sonLa2023());
    const biểu4 = plan.find((w) => w.sheet === "Biểu 4")!;
    await new XlsxHost(book).write([biểu4]);
    const { row, rows } = biểu4.layout!.printTitleRows!;
    // Read back by an independent reader (exceljs).
    const workbook = await excelOf(book);
    expect(workbook.getWorksheet("Biểu 4")?.pageSetup.printTitlesRow).toBe(`${row + 1}:${row + rows}`);
    expect(workbook.getWorksheet("Biểu 4")?.getCell(row + 1, 1).value).toBe("STT");
  });
});

describe("sheet names matched as Excel matches them (any case, NFC or NFD)", () => {
  const nfd = (s: string) => s.normalize("NFD");
  it("sheetKey, sameSheet, sheetFinder", () => {
    expect(sameSheet("Biểu 3", "biểu 3")).toBe(true);
    expect(sameSheet("Biểu 3", "BIỂU 3")).toBe(true);
    expect(sameSheet("Biểu 3", nfd("Biểu 3"))).toBe(true);
    expect(nfd("Biểu 3")).not.toBe("Biểu 3");
    expect(sameSheet("Biểu 3", "Biểu 3a")).toBe(false);
    expect(sheetKey(nfd("CÀI ĐẶT"))).toBe("cài đặt");
    expect(sheetFinder(["x", nfd("điểm - sở")])("Điểm - Sở")).toBe(nfd("điểm - sở"));
  });

  it("generated and input sheets are recognised in any case or form; other names are not", () => {
    for (const n of ["Biểu 1", "biểu 11a", "BIỂU 4B", nfd("Biểu 3"), "Phân tích", nfd("phân tích")])
      expect(isGeneratedSheet(n), n).toBe(true);
    for (const n of ["Biểu tổng hợp", "Biểu 3 (bản cũ)", "Điểm - Sở", "Biểu"]) expect(isGeneratedSheet(n), n).toBe(false);
    for (const n of ["Cài đặt", "cài đặt", nfd("Cài đặt"), "điểm - sở", nfd("Tiêu chí - Xã"), "TỰ ĐÁNH GIÁ - HUYỆN"])
      expect(isInputSheet(n), n).toBe(true);
    expect(isInputSheet("Biểu 1")).toBe(false);
  });

  for (const [label, name] of [
    ["lower case", "biểu 3"],
    ["decomposed (NFD)", "Biểu 3".normalize("NFD")],
    ["exact", "Biểu 3"],
  ] as const) {
    it(`a person's own sheet «${label}» named like Biểu 3 is never replaced: the existing Vietnamese error, nothing written`, async () => {
      const port = new MemoryPort();
      expect((await createTemplate(port, sonLa2023(), { withScores: true })).ok).toBe(true);
      port.sheets.set(name, [
        [null, "Bảng tự lập của phòng CCHC"],
        [null, 1],
      ]);
      port.writes = [];
      const outcome = await recalculateWorkbook(port);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.errors.map(formatProblem)).toEqual([
        `${name}: sheet «${name}» đã có nhưng không do công cụ tạo (không có dòng «Tạo bởi cchc-index …»); công cụ không ghi đè — hãy đổi tên sheet đó rồi tính lại`,
      ]);
      expect(port.writes).toHaveLength(0);
    });
  }

  it("a stamped generated sheet spelt otherwise («biểu 3») is replaced under its own name, never doubled", async () => {
    const port = new MemoryPort();
    expect((await createTemplate(port, sonLa2023(), { withScores: true })).ok).toBe(true);
    expect((await recalculateWorkbook(port)).ok).toBe(true);
    const grid = port.sheets.get("Biểu 3")!;
    port.sheets.delete("Biểu 3");
    port.sheets.set("biểu 3", grid);
    port.writes = [];
    expect((await recalculateWorkbook(port)).ok).toBe(true);
    const sheets = port.writes[0]!.map((w) => w.sheet);
    expect(sheets).toContain("biểu 3");
    expect(sheets).not.toContain("Biểu 3");
    expect(port.listSheets().filter((n) => sameSheet(n, "Biểu 3"))).toEqual(["biểu 3"]);
  });

  it("input sheets named in another case or in NFD are read; the problems name them as the workbook spells them", async () => {
    const port = new MemoryPort();
    expect((await createTemplate(port, sonLa2023(), { withScores: true })).ok).toBe(true);
    const rename = (from: string, to: string) => {
      const grid = port.sheets.get(from)!;
      port.sheets.delete(from);
      port.sheets.set(to, grid);
    };
    rename("Cài đặt", "CÀI ĐẶT");
    rename("Điểm - Sở", "điểm - sở".normalize("NFD"));
    rename("Tiêu chí - Huyện", "Tiêu chí - Huyện".normalize("NFD"));
    const ok = await validateWorkbook(port);
    expect(ok.ok).toBe(true);
    port.sheets.get("điểm - sở".normalize("NFD"))![6]![3] = "3,5a";
    const bad = await validateWorkbook(port);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map(formatProblem)[0]).toMatch(new RegExp(`^${"điểm - sở".normalize("NFD")}!D7: `));
  });

  it("createTemplate refuses when a sheet of the same name exists in another case or form", async () => {
    const port = new MemoryPort();
    port.sheets.set("cài đặt".normalize("NFD"), [["của tôi"]]);
    port.sheets.set("HƯỚNG DẪN", [["của tôi"]]);
    const outcome = await createTemplate(port, templateSource(["so"]));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => e.sheet)).toEqual(["HƯỚNG DẪN", "cài đặt".normalize("NFD")]);
    expect(port.writes).toHaveLength(0);
  });
});

describe("templates with chosen blocks", () => {
  it("the commune block starts from the huyện set with a visible note in its criteria sheet and the instructions", async () => {
    const port = new MemoryPort();
    expect((await createTemplate(port, templateSource(["so", "xa"]))).ok).toBe(true);
    expect(port.listSheets()).toEqual([
      "Hướng dẫn",
      "Cài đặt",
      "Tiêu chí - Sở",
      "Đơn vị - Sở",
      "Điểm - Sở",
      "Tự đánh giá - Sở",
      "Lý do trừ điểm - Sở",
      "Giải trình - Sở",
      "Kiểm chứng - Sở",
      "Ghi chú TĐG - Sở",
      "Tiêu chí - Xã",
      "Đơn vị - Xã",
      "Điểm - Xã",
      "Tự đánh giá - Xã",
      "Lý do trừ điểm - Xã",
      "Giải trình - Xã",
      "Kiểm chứng - Xã",
      "Ghi chú TĐG - Xã",
    ]);
    const criteria = port.sheets.get("Tiêu chí - Xã")!.map((r) => r[0]);
    expect(criteria[1]).toMatch(/^LƯU Ý: bộ tiêu chí dưới đây là bản sao bộ tiêu chí khối UBND huyện, thành phố/);
    expect(criteria.slice(1, 4).join(" ")).toContain("Bộ tiêu chí UBND các xã, phường do tỉnh ban hành thay thế bộ này");
    const instructions = port.sheets
      .get("Hướng dẫn")!
      .map((r) => String(r[0] ?? ""))
      .join("\n");
    expect(instructions).toContain("Khối «UBND các xã, phường» (sheet «Tiêu chí - Xã»)");
    expect(instructions).toContain("do tỉnh ban hành thay thế bộ này");
    expect(
      port.sheets
        .get("Tiêu chí - Sở")!
        .map((r) => r[0])
        .join(" "),
    ).not.toContain("LƯU Ý");
    // The note is bold dark red: a person sees it.
    const write = port.writes[0]!.find((w) => w.sheet === "Tiêu chí - Xã")!;
    expect(write.blocks[0]!.styles?.[1]?.[0]).toMatchObject({ bold: true, color: "#C00000" });
    // The huyện block itself carries no note.
    expect(placeholderCriteriaNote(templateSource(["huyen"]).blocks[0]!)).toEqual([]);
  });

  it("with no communes typed yet the workbook loads and says where the units go", async () => {
    const port = new MemoryPort();
    expect((await createTemplate(port, templateSource(["xa"]))).ok).toBe(true);
    const outcome = await validateWorkbook(port);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map(formatProblem)).toEqual([
      "Đơn vị - Xã!A4: danh sách đơn vị trống: khối chưa có đơn vị nào (nhập mã và tên các đơn vị)",
    ]);
  });

  it("the blocks come in the order of a decision; the huyện block for past years", () => {
    expect(templateSource(["huyen", "so"]).blocks.map((b) => b.id)).toEqual(["so", "huyen"]);
    const [so, xa, huyen] = templateSource(["so", "xa", "huyen"]).blocks;
    expect([so?.units.length, xa?.units.length, huyen?.units.length]).toEqual([20, 0, 12]);
    expect(xa?.criteria).toEqual(huyen?.criteria);
  });
});

describe("cchc template --blocks", () => {
  const cli = (args: string[]) =>
    run(process.execPath, [resolve(import.meta.dirname, "../lib/cchc.mjs"), ...args]).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it("makes the chosen blocks (default so,xa); an unknown block id: exit 2, a Vietnamese message, no file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cchc-template-"));
    const made = await cli(["template", join(dir, "a.xlsx"), "--blocks", "huyen,so"]);
    expect(made.code).toBe(0);
    const sheets = (await openWorkbook(join(dir, "a.xlsx"))).sheets.map((w) => w.name);
    expect(sheets.filter((n) => n.startsWith("Điểm"))).toEqual(["Điểm - Sở", "Điểm - Huyện"]);
    const byDefault = await cli(["template", join(dir, "b.xlsx")]);
    expect(byDefault.code).toBe(0);
    const names = (await openWorkbook(join(dir, "b.xlsx"))).sheets.map((w) => w.name);
    expect(names.filter((n) => n.startsWith("Tiêu chí"))).toEqual(["Tiêu chí - Sở", "Tiêu chí - Xã"]);
    const bad = await cli(["template", join(dir, "c.xlsx"), "--blocks", "so,phuong"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain('Lỗi: khối không có: "phuong" (chọn trong: so, xa, huyen)');
    expect(existsSync(join(dir, "c.xlsx"))).toBe(false);
  });
});

import ExcelJS from "exceljs";
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SheetWrite } from "../../shared/workbook/port.ts";
import { XlsxHost } from "./XlsxHost.ts";
import { openWorkbook } from "./openWorkbook.ts";
import { saveWorkbook, workbookBytes } from "./saveWorkbook.ts";
import { XlsxBook } from "./XlsxBook.ts";
import { bookOf, excelOf } from "../../test/xlsxBooks.ts";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "xlsxhost-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** exceljs ValueType codes, written out so the test does not reuse the code's own table. */
const STRING = 3;
const FORMULA = 6;
const SHARED_STRING = 7;

function noteText(cell: ExcelJS.Cell): string | undefined {
  const n = cell.note as unknown;
  if (n === undefined || n === null) return undefined;
  if (typeof n === "string") return n;
  const texts = (n as { texts?: { text: string }[] }).texts ?? [];
  return texts.map((t) => t.text).join("");
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (ws === undefined) throw new Error(`missing sheet ${name}`);
  return ws;
}

/** A workbook as a person left it: settings, an old "Biểu 1", a scores sheet with their own notes, a last sheet. */
function personWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2024, 0, 17)); // the person's file: the same bytes each time
  wb.addWorksheet("Cài đặt").getCell("A1").value = "Năm";
  const old = wb.addWorksheet("Biểu 1");
  old.getCell("G10").value = "nội dung cũ";
  old.getCell("A1").value = "Tiêu đề cũ";
  const scores = wb.addWorksheet("Điểm - Sở");
  scores.getCell("A1").value = "Ghi chú của tôi";
  scores.getCell("D2").value = 42;
  scores.getCell("D2").font = { bold: true };
  scores.getCell("B4").value = "bên dưới";
  scores.getCell("B2").value = "cũ B2";
  scores.getCell("B2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  scores.getCell("B2").note = "ghi chú cũ";
  scores.mergeCells("B2:C2");
  scores.getCell("B3").value = 7;
  scores.getCell("Z30").value = "xa";
  wb.addWorksheet("Cuối").getCell("A1").value = 1;
  return wb;
}

const FORMULA_LOOKING = ["=SUM(A1)", "+84", "-abc", "@x", "=1+1"];

function plan(): SheetWrite[] {
  return [
    {
      sheet: "Biểu 1",
      mode: "replace",
      blocks: [
        {
          row: 0,
          col: 0,
          values: [["BIỂU 1: KẾT QUẢ CHỈ SỐ CCHC", null, null, null, null]],
          style: { bold: true, fontName: "Times New Roman", fontSize: 14, hAlign: "center", vAlign: "middle" },
          merges: [{ row: 0, col: 0, rows: 1, cols: 5 }],
          note: "Vùng do công cụ quản lý",
          rowHeights: [30],
        },
        {
          row: 2,
          col: 0,
          values: [
            ["STT", "Đơn vị", "Điểm", "Xếp hạng", "Ghi chú"],
            [1, "Sở Tư pháp", 85.97, 1, FORMULA_LOOKING[0] ?? ""],
            [2, "Sở Y tế", 80.5, 2, FORMULA_LOOKING[1] ?? ""],
          ],
          style: { border: true, fontName: "Times New Roman", fontSize: 12 },
          styles: [
            [
              { fill: "#D9E1F2", bold: true, wrap: true },
              { fill: "#D9E1F2", bold: true },
              { fill: "#D9E1F2", bold: true },
              { fill: "#D9E1F2", bold: true },
              { fill: "#D9E1F2", bold: true },
            ],
            [null, { italic: true, color: "#C00000" }, { numberFormat: "0.00", hAlign: "right" }, null, null],
            [null, null, { numberFormat: "0.00" }, null, null],
          ],
        },
      ],
      layout: {
        columnWidths: [6, 30, undefined, 10],
        frozenRows: 3,
        frozenCols: 1,
        print: { orientation: "landscape", fitToWidth: true },
        tabColor: "#1F4E79",
      },
    },
    {
      sheet: "Điểm - Sở",
      mode: "update",
      clear: [{ row: 1, col: 1, rows: 2, cols: 2 }], // B2:C3
      blocks: [
        {
          row: 4,
          col: 4,
          values: [
            [FORMULA_LOOKING[2] ?? "", FORMULA_LOOKING[3] ?? "", FORMULA_LOOKING[4] ?? ""],
            [true, false, null],
          ],
        },
      ],
    },
    { sheet: "Biểu 2", mode: "replace", after: "Biểu 1", blocks: [{ row: 0, col: 0, values: [["Biểu 2"]] }] },
    { sheet: "Mới", mode: "update", blocks: [{ row: 1, col: 1, values: [[3]] }] },
  ];
}

describe("XlsxHost write → save → reopen", () => {
  let reopened: ExcelJS.Workbook;
  let host: XlsxHost;

  beforeAll(async () => {
    const wb = await bookOf(personWorkbook());
    host = new XlsxHost(wb);
    await host.write(plan());
    const path = join(dir, "plan.xlsx");
    await saveWorkbook(wb, path);
    reopened = await excelOf(await readFile(path));
  });

  it("counts one write call and one block per block", () => {
    expect(host.calls).toEqual({ listSheets: 0, readSheets: 0, sheetsRead: 0, write: 1, blocksWritten: 5 });
  });

  it("keeps a replaced sheet in place, puts `after` sheets after their anchor and new sheets at the end", async () => {
    expect(await new XlsxHost(await bookOf(reopened)).listSheets()).toEqual(["Cài đặt", "Biểu 1", "Biểu 2", "Điểm - Sở", "Cuối", "Mới"]);
  });

  it("replace drops the old content and writes the blocks", async () => {
    const grids = await new XlsxHost(await bookOf(reopened)).readSheets(["Biểu 1"]);
    expect(grids["Biểu 1"]).toEqual([
      ["BIỂU 1: KẾT QUẢ CHỈ SỐ CCHC", null, null, null, null],
      [null, null, null, null, null],
      ["STT", "Đơn vị", "Điểm", "Xếp hạng", "Ghi chú"],
      [1, "Sở Tư pháp", 85.97, 1, "=SUM(A1)"],
      [2, "Sở Y tế", 80.5, 2, "+84"],
    ]);
    expect(sheet(reopened, "Biểu 1").getCell("G10").value).toBeNull();
  });

  it("writes formula-looking text as literal strings, never formulas", () => {
    const cells = [sheet(reopened, "Biểu 1").getCell("E4"), sheet(reopened, "Biểu 1").getCell("E5")];
    const ws = sheet(reopened, "Điểm - Sở");
    cells.push(ws.getCell("E5"), ws.getCell("F5"), ws.getCell("G5"));
    expect(cells.map((c) => c.value)).toEqual(FORMULA_LOOKING);
    for (const c of cells) {
      expect([STRING, SHARED_STRING]).toContain(c.type);
      expect(c.type).not.toBe(FORMULA);
      expect(c.formula).toBeUndefined();
    }
  });

  it("applies block style, then per-cell styles", () => {
    const ws = sheet(reopened, "Biểu 1");
    const title = ws.getCell("A1");
    expect(title.font).toMatchObject({ name: "Times New Roman", size: 14, bold: true });
    expect(title.alignment).toMatchObject({ horizontal: "center", vertical: "middle" });
    const header = ws.getCell("A3");
    expect(header.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } });
    expect(header.font).toMatchObject({ name: "Times New Roman", size: 12, bold: true });
    expect(header.alignment).toMatchObject({ wrapText: true });
    expect(header.border).toMatchObject({
      top: { style: "thin" },
      left: { style: "thin" },
      bottom: { style: "thin" },
      right: { style: "thin" },
    });
    const unit = ws.getCell("B4");
    expect(unit.font).toMatchObject({ name: "Times New Roman", size: 12, italic: true, color: { argb: "FFC00000" } });
    expect(unit.font.bold).toBeFalsy();
    expect(ws.getCell("C4").numFmt).toBe("0.00");
    expect(ws.getCell("C4").alignment).toMatchObject({ horizontal: "right" });
    expect(ws.getCell("C5").numFmt).toBe("0.00");
    expect(ws.getCell("D5").border).toMatchObject({ bottom: { style: "thin" } });
  });

  it("merges, notes and row heights", () => {
    const ws = sheet(reopened, "Biểu 1");
    expect(ws.model.merges).toEqual(["A1:E1"]);
    expect(noteText(ws.getCell("A1"))).toBe("Vùng do công cụ quản lý");
    expect(ws.getRow(1).height).toBe(30);
  });

  it("layout: column widths, frozen panes, A4 landscape fit to width, tab colour", () => {
    const ws = sheet(reopened, "Biểu 1");
    expect(ws.getColumn(1).width).toBe(6);
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.getColumn(4).width).toBe(10);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3, xSplit: 1 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.properties.tabColor).toEqual({ argb: "FF1F4E79" });
  });

  it("update clears only the clear ranges and the blocks; the person's cells around survive", async () => {
    const ws = sheet(reopened, "Điểm - Sở");
    // Cleared B2:C3: values, merge, note and fill gone.
    expect(ws.getCell("B2").value).toBeNull();
    expect(ws.getCell("B3").value).toBeNull();
    expect(ws.model.merges).toEqual([]);
    expect(noteText(ws.getCell("B2"))).toBeUndefined();
    expect(ws.getCell("B2").fill).toBeUndefined();
    // Around it: untouched.
    expect(ws.getCell("A1").value).toBe("Ghi chú của tôi");
    expect(ws.getCell("D2").value).toBe(42);
    expect(ws.getCell("D2").font).toMatchObject({ bold: true });
    expect(ws.getCell("B4").value).toBe("bên dưới");
    expect(ws.getCell("Z30").value).toBe("xa");
    const grid = (await new XlsxHost(await bookOf(reopened)).readSheets(["Điểm - Sở"]))["Điểm - Sở"];
    expect(grid?.length).toBe(30);
    expect(grid?.[0]?.length).toBe(26);
    expect(grid?.[4]?.slice(4, 7)).toEqual(["-abc", "@x", "=1+1"]);
    expect(grid?.[5]?.slice(4, 7)).toEqual([true, false, null]);
  });

  it("update creates a missing sheet", async () => {
    expect((await new XlsxHost(await bookOf(reopened)).readSheets(["Mới"]))["Mới"]).toEqual([
      [null, null],
      [null, 3],
    ]);
  });
});

describe("XlsxHost.write on a loaded workbook", () => {
  it("styling one cell does not restyle other cells that shared its style", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    for (const a of ["A1", "A2", "A3"]) {
      ws.getCell(a).value = 1.5;
      ws.getCell(a).font = { name: "Arial", size: 10 };
      ws.getCell(a).numFmt = "0.0";
    }
    const loaded = await bookOf(wb);
    await new XlsxHost(loaded).write([
      {
        sheet: "S",
        mode: "update",
        blocks: [{ row: 1, col: 0, values: [[2]], style: { numberFormat: "0.00", bold: true, fill: "#FF0000" } }],
      },
    ]);
    const back = await excelOf(loaded);
    const s = sheet(back, "S");
    expect(s.getCell("A2").numFmt).toBe("0.00");
    expect(s.getCell("A2").font).toMatchObject({ name: "Arial", size: 10, bold: true });
    for (const a of ["A1", "A3"]) {
      expect(s.getCell(a).numFmt).toBe("0.0");
      expect(s.getCell(a).font.bold).toBeFalsy();
      expect(JSON.stringify(s.getCell(a).fill ?? {})).not.toContain("FF0000");
    }
  });
});

describe("XlsxHost update clear ranges", () => {
  it("clears whole columns quickly and only those columns", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("B5").value = "xoá";
    ws.getCell("B900").value = 9;
    ws.getCell("C5").value = "giữ";
    const book = await bookOf(wb);
    const started = performance.now();
    await new XlsxHost(book).write([{ sheet: "S", mode: "update", clear: [{ row: 0, col: 1, rows: 1_048_576, cols: 1 }], blocks: [] }]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await new XlsxHost(book).readSheets(["S"])).toEqual({
      S: [
        [null, null, null],
        [null, null, null],
        [null, null, null],
        [null, null, null],
        [null, null, "giữ"],
      ],
    });
  });
});

describe("XlsxHost.readSheets", () => {
  it("reads every cell kind as the port's values, trimming trailing empty rows and columns", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Dữ liệu");
    ws.getCell("A1").value = 3.5;
    ws.getCell("B1").value = "chữ";
    ws.getCell("C1").value = { richText: [{ text: "Sở " }, { font: { bold: true }, text: "Tư pháp" }] };
    ws.getCell("A2").value = true;
    ws.getCell("B2").value = new Date(Date.UTC(2024, 0, 17));
    ws.getCell("C2").value = { formula: "A1*2", result: 7 };
    ws.getCell("A3").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("B3").value = { formula: "A1+1" }; // never calculated: no cached result
    ws.getCell("C3").value = { error: "#N/A" };
    ws.getCell("D4").value = { text: "liên kết", hyperlink: "https://example.org" };
    ws.getCell("F9").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } }; // formatted but empty
    ws.mergeCells("A5:B5");
    ws.getCell("A5").value = "gộp";
    const host = new XlsxHost(await bookOf(wb));
    const grids = await host.readSheets(["Dữ liệu"]);
    expect(grids["Dữ liệu"]).toEqual([
      [3.5, "chữ", "Sở Tư pháp", null],
      [true, "2024-01-17", 7, null],
      // A formula never calculated is handed on as such (the core says so at its cell), never as an empty cell.
      ["#DIV/0!", { uncalculated: true, formula: "=A1+1" }, "#N/A", null],
      [null, null, null, "liên kết"],
      ["gộp", null, null, null],
    ]);
    expect(host.calls).toEqual({ listSheets: 0, readSheets: 1, sheetsRead: 1, write: 0, blocksWritten: 0 });
  });

  it("an empty sheet reads as an empty grid", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Trống");
    expect(await new XlsxHost(await bookOf(wb)).readSheets(["Trống"])).toEqual({ Trống: [] });
  });

  it("throws a Vietnamese error naming an unknown sheet", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A");
    await expect(new XlsxHost(await bookOf(wb)).readSheets(["Không có"])).rejects.toThrow('Không có trang tính "Không có"');
  });

  it("finds a sheet whatever its case or Unicode form, as Excel does", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Điểm - Sở").getCell("A1").value = 5;
    const book = await bookOf(wb);
    const host = new XlsxHost(book);
    const decomposed = "Điểm - Sở".normalize("NFD");
    expect(decomposed).not.toBe("Điểm - Sở");
    expect(await host.readSheets([decomposed, "ĐIỂM - SỞ"])).toEqual({ [decomposed]: [[5]], "ĐIỂM - SỞ": [[5]] });
    await host.write([{ sheet: "điểm - sở", mode: "update", blocks: [{ row: 0, col: 1, values: [[6]] }] }]);
    expect(book.sheets.map((w) => w.name)).toEqual(["Điểm - Sở"]);
    expect(await host.readSheets(["Điểm - Sở"])).toEqual({ "Điểm - Sở": [[5, 6]] });
  });

  it("counts calls and sheets across calls", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A");
    wb.addWorksheet("B");
    const host = new XlsxHost(await bookOf(wb));
    const names = await host.listSheets();
    await host.readSheets(names);
    await host.readSheets(["A"]);
    await host.write([
      {
        sheet: "A",
        mode: "update",
        blocks: [
          { row: 0, col: 0, values: [[1]] },
          { row: 1, col: 0, values: [[2]] },
        ],
      },
      { sheet: "C", mode: "replace", blocks: [] },
    ]);
    expect(host.calls).toEqual({ listSheets: 1, readSheets: 2, sheetsRead: 3, write: 1, blocksWritten: 2 });
  });
});

describe("XlsxHost.write checks the whole plan first", () => {
  it("a bad colour in a later change leaves the workbook unchanged", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A").getCell("A1").value = "giữ";
    const book = await bookOf(wb);
    const before = Buffer.from(book.toBytes());
    const host = new XlsxHost(book);
    await expect(
      host.write([
        { sheet: "A", mode: "replace", blocks: [{ row: 0, col: 0, values: [["mới"]] }] },
        { sheet: "B", mode: "update", blocks: [{ row: 0, col: 0, values: [[1]], style: { fill: "đỏ" } }] },
      ]),
    ).rejects.toThrow(/B: mã màu không hợp lệ "đỏ"/);
    expect(book.sheets.map((w) => w.name)).toEqual(["A"]);
    expect(Buffer.from(book.toBytes()).equals(before)).toBe(true);
    expect(host.calls.write).toBe(0);
  });

  it("rejects invalid sheet names and non-finite numbers, naming the place", async () => {
    const host = new XlsxHost(XlsxBook.create());
    await expect(host.write([{ sheet: "a/b", mode: "replace", blocks: [] }])).rejects.toThrow(/Tên trang tính không hợp lệ: "a\/b"/);
    await expect(host.write([{ sheet: "x".repeat(32), mode: "replace", blocks: [] }])).rejects.toThrow(/Tên trang tính/);
    await expect(host.write([{ sheet: "S", mode: "replace", blocks: [{ row: 1, col: 2, values: [[1, Number.NaN]] }] }])).rejects.toThrow(
      "S!D2: giá trị số không hợp lệ",
    );
  });
});

/** DOS date/time of every central-directory entry of a ZIP, read independently of the code under test. */
function zipEntryStamps(bytes: Buffer): { name: string; time: number; date: number }[] {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  const out: { name: string; time: number; date: number }[] = [];
  for (let i = 0; i < count; i++) {
    const nameLen = bytes.readUInt16LE(p + 28);
    out.push({
      name: bytes.toString("utf8", p + 46, p + 46 + nameLen),
      time: bytes.readUInt16LE(p + 12),
      date: bytes.readUInt16LE(p + 14),
    });
    p += 46 + nameLen + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
  return out;
}

describe("saveWorkbook", () => {
  it("two saves of the same content, seconds apart, are byte-identical", async () => {
    const build = async (): Promise<XlsxBook> => {
      const wb = await bookOf(personWorkbook());
      await new XlsxHost(wb).write(plan());
      return wb;
    };
    const a = join(dir, "a.xlsx");
    const b = join(dir, "b.xlsx");
    await saveWorkbook(await build(), a);
    await new Promise((r) => setTimeout(r, 2100)); // ZIP times have a 2-second resolution
    await saveWorkbook(await build(), b);
    const [ba, bb] = [await readFile(a), await readFile(b)];
    expect(ba.length).toBeGreaterThan(1000);
    expect(ba.equals(bb)).toBe(true);
  });

  it("stamps ZIP entries and a new workbook's document properties with 2000-01-01, not the clock", async () => {
    const book = XlsxBook.create();
    await new XlsxHost(book).write(plan());
    const bytes = await workbookBytes(book);
    const stamps = zipEntryStamps(bytes);
    expect(stamps.map((s) => s.name)).toContain("xl/workbook.xml");
    // 2000-01-01 00:00:00 → DOS date ((2000-1980) << 9) | (1 << 5) | 1 = 10273, time 0.
    for (const s of stamps) expect({ name: s.name, time: s.time, date: s.date }).toEqual({ name: s.name, time: 0, date: 10273 });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(back.created.toISOString()).toBe("2000-01-01T00:00:00.000Z");
    expect(back.modified.toISOString()).toBe("2000-01-01T00:00:00.000Z");
    expect(back.creator).toBe("cchc-index");
  });

  it("a failed save leaves the old file untouched and no temporary file behind", async () => {
    const folder = join(dir, "atomic");
    await mkdir(folder);
    const path = join(folder, "book.xlsx");
    await writeFile(path, "old content");
    const wb = await bookOf(personWorkbook());
    wb.toBytes = () => {
      throw new Error("boom");
    };
    await expect(saveWorkbook(wb, path)).rejects.toThrow(`Không lập được nội dung sổ tính ${path}`);
    expect(await readFile(path, "utf8")).toBe("old content");
    // Rename onto a directory fails after the temp file was written: it must be removed.
    const target = join(folder, "is-a-dir.xlsx");
    await mkdir(target);
    await expect(saveWorkbook(await bookOf(personWorkbook()), target)).rejects.toThrow(
      `${target}: đã có một thư mục trùng tên, không ghi đè`,
    );
    expect((await readdir(folder)).sort()).toEqual(["book.xlsx", "is-a-dir.xlsx"]);
  });

  it("saves into a missing folder by making it, and leaves no temporary file", async () => {
    const folder = join(dir, "no-such-folder");
    const path = join(folder, "x.xlsx");
    await saveWorkbook(await bookOf(personWorkbook()), path);
    expect(await readdir(folder)).toEqual(["x.xlsx"]);
    expect((await openWorkbook(path)).sheets.length).toBeGreaterThan(0);
  });
});

describe("openWorkbook", () => {
  it("names the file when it is missing or not an .xlsx", async () => {
    const missing = join(dir, "missing.xlsx");
    await expect(openWorkbook(missing)).rejects.toThrow(`Không mở được sổ tính ${missing}: không tìm thấy tệp`);
    const junk = join(dir, "junk.xlsx");
    await writeFile(junk, "not a zip");
    await expect(openWorkbook(junk)).rejects.toThrow(`Không mở được sổ tính ${junk}: không đọc được tệp .xlsx`);
  });
});

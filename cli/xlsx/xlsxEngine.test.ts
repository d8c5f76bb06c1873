/**
 * The .xlsx layer's own contracts, read back through exceljs or jszip (independent readers): Excel's limits
 * refused before writing, print titles, input checks, a person's notes beside the tool's, first-column reads,
 * relationship targets, and archives that would inflate too far refused before inflating.
 */
import JSZip from "jszip";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { XlsxBook } from "./XlsxBook.ts";
import { XlsxHost } from "./XlsxHost.ts";
import { resolveTarget, relativeTarget } from "./XlsxPackage.ts";
import { readZip, inflateEntry, zipEntry, writeZip } from "./zip.ts";
import { isDateFormat } from "../../shared/workbook/excelDates.ts";
import { bookOf, excelOf } from "../../test/xlsxBooks.ts";

async function partText(book: XlsxBook, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(book.toBytes());
  return (await zip.file(name)?.async("string")) ?? "";
}

describe("Excel's limits, checked before anything is written", () => {
  it("refuses a cell past 32 767 characters and a row past 409 pt, in Vietnamese, leaving the book as it was", async () => {
    const book = XlsxBook.create();
    book.addSheet("A", 0);
    const before = Buffer.from(book.toBytes());
    const host = new XlsxHost(book);
    await expect(
      host.write([{ sheet: "A", mode: "update", blocks: [{ row: 0, col: 0, values: [["x".repeat(100_000)]] }] }]),
    ).rejects.toThrow(/32[ .]?767/);
    await expect(
      host.write([{ sheet: "B", mode: "replace", blocks: [{ row: 0, col: 0, values: [["x"]], rowHeights: [500] }] }]),
    ).rejects.toThrow(/409/);
    expect(host.calls.write).toBe(0);
    expect(Buffer.from(book.toBytes()).equals(before)).toBe(true);
  });
});

describe("print titles, input checks and notes", () => {
  it("repeats the given rows on every printed page (_xlnm.Print_Titles of that sheet), replacing its own old value", async () => {
    const book = XlsxBook.create();
    const host = new XlsxHost(book);
    await host.write([
      { sheet: "Đầu", mode: "replace", blocks: [] },
      { sheet: "Biểu 4", mode: "replace", blocks: [{ row: 0, col: 0, values: [["x"]] }], layout: { printTitleRows: { row: 3, rows: 2 } } },
    ]);
    await host.write([{ sheet: "Biểu 4", mode: "replace", blocks: [], layout: { printTitleRows: { row: 4, rows: 3 } } }]);
    const wb = await partText(book, "xl/workbook.xml");
    expect(wb.match(/_xlnm\.Print_Titles/g)?.length).toBe(1);
    expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'Biểu 4'!$5:$7</definedName>`);
    // A sheet inserted before it moves the name with its sheet.
    await host.write([{ sheet: "Trước", mode: "replace", after: "Đầu", blocks: [] }]);
    expect(await partText(book, "xl/workbook.xml")).toContain(`localSheetId="2">'Biểu 4'!$5:$7<`);
  });

  it("writes advisory number checks (warning style) once, however often recalculated", async () => {
    const book = XlsxBook.create();
    const host = new XlsxHost(book);
    const change = {
      sheet: "Điểm",
      mode: "update" as const,
      blocks: [],
      validations: [{ range: { row: 4, col: 3, rows: 10, cols: 2 }, min: 0, max: 1.5, help: "Nhập điểm từ 0 đến 1,5" }],
    };
    await host.write([change]);
    await host.write([change]);
    const ws = (await excelOf(book)).getWorksheet("Điểm") as ExcelJS.Worksheet;
    const dv = ws.getCell("D5").dataValidation;
    expect(dv).toMatchObject({ type: "decimal", errorStyle: "warning", prompt: "Nhập điểm từ 0 đến 1,5", formulae: [0, 1.5] });
    expect((await partText(book, "xl/worksheets/sheet1.xml")).match(/<dataValidation /g)?.length).toBe(1);
  });

  it("puts its note beside a person's notes on a sheet it updates, keeping theirs", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Điểm");
    ws.getCell("A1").value = "x";
    ws.getCell("A1").note = "ghi chú của tôi";
    ws.getCell("C3").note = "sẽ bị xoá cùng vùng";
    const book = await bookOf(wb);
    await new XlsxHost(book).write([
      {
        sheet: "Điểm",
        mode: "update",
        clear: [{ row: 2, col: 2, rows: 1, cols: 1 }],
        blocks: [{ row: 5, col: 1, values: [["KẾT QUẢ"]], note: "Vùng do công cụ quản lý" }],
      },
    ]);
    const back = (await excelOf(book)).getWorksheet("Điểm") as ExcelJS.Worksheet;
    const text = (c: ExcelJS.Cell): string | undefined => {
      const n = c.note as unknown;
      if (n === undefined || n === null) return undefined;
      return typeof n === "string" ? n : ((n as { texts?: { text: string }[] }).texts ?? []).map((t) => t.text).join("");
    };
    expect(text(back.getCell("A1"))).toBe("ghi chú của tôi");
    expect(text(back.getCell("C3"))).toBeUndefined();
    expect(text(back.getCell("B6"))).toBe("Vùng do công cụ quản lý");
  });
});

describe("reading", () => {
  it("reads only column A of the sheets named in firstColumnOnly", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Biểu 1");
    ws.getCell("A1").value = "Biểu số 1";
    ws.getCell("C1").value = "nhiều cột";
    ws.getCell("A3").value = "Tạo bởi cchc-index";
    ws.getCell("D9").value = 5;
    const host = new XlsxHost(await bookOf(wb));
    expect(await host.readSheets(["Biểu 1"], { firstColumnOnly: ["Biểu 1"] })).toEqual({
      "Biểu 1": [["Biểu số 1"], [null], ["Tạo bởi cchc-index"]],
    });
    expect((await host.readSheets(["Biểu 1"]))["Biểu 1"]?.length).toBe(9);
  });

  it("reads dates of a workbook counting from 1904 (old Mac Excel)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("Cài đặt");
    ws.getCell("A1").value = new Date(Date.UTC(2024, 0, 17));
    const book = await bookOf(wb);
    expect(await partText(book, "xl/workbook.xml")).toMatch(/date1904="1"/);
    expect(await new XlsxHost(book).readSheets(["Cài đặt"])).toEqual({ "Cài đặt": [["2024-01-17"]] });
  });

  it("recognises date formats, not numbers with text", () => {
    expect(isDateFormat("dd/mm/yyyy")).toBe(true);
    expect(isDateFormat("[$-42A]d mmmm yyyy")).toBe(true);
    expect(isDateFormat('0.00" điểm"')).toBe(false);
    expect(isDateFormat("[Red]0.00")).toBe(false);
    expect(isDateFormat("General")).toBe(false);
  });

  it("resolves relationship targets relative to their part, or from the root when absolute", () => {
    expect(resolveTarget("xl/worksheets/sheet1.xml", "../comments1.xml")).toBe("xl/comments1.xml");
    expect(resolveTarget("xl/worksheets/sheet1.xml", "/xl/comments/comment1.xml")).toBe("xl/comments/comment1.xml");
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet%201.xml")).toBe("xl/worksheets/sheet 1.xml");
    expect(resolveTarget("", "xl/workbook.xml")).toBe("xl/workbook.xml");
    expect(relativeTarget("xl/worksheets/sheet1.xml", "xl/comments1.xml")).toBe("../comments1.xml");
  });
});

describe("archives that inflate too far are refused before inflating", () => {
  const zeros = new Uint8Array(4 * 1024 * 1024);

  it("by the sizes their entries declare", () => {
    const bytes = writeZip([zipEntry("a.xml", zeros), zipEntry("b.xml", zeros)]);
    expect(() => readZip(bytes, 6 * 1024 * 1024)).toThrow(/bom ZIP/);
    expect(readZip(bytes, 9 * 1024 * 1024).length).toBe(2);
  });

  it("by what an entry actually inflates to when it declares less (a lying header)", () => {
    const entry = { ...zipEntry("a.xml", zeros), size: 1000 };
    const [read] = readZip(writeZip([entry]));
    expect(() => inflateEntry(read as typeof entry)).toThrow(/lớn hơn khai báo/);
  });

  it("a workbook that is a bomb is refused when opened, with a Vietnamese message", () => {
    const big = {
      name: "xl/worksheets/sheet1.xml",
      method: 8,
      crc: 0,
      size: 600 * 1024 * 1024,
      compressed: deflateRawSync(new Uint8Array(1024)),
    };
    expect(() => XlsxBook.fromBytes(writeZip([zipEntry("[Content_Types].xml", new TextEncoder().encode("<Types/>")), big]))).toThrow(
      /500 MB/,
    );
  });

  it("not a ZIP, or an encrypted entry: a Vietnamese reason", () => {
    expect(() => XlsxBook.fromBytes(new TextEncoder().encode("<html>không phải sổ tính</html>"))).toThrow(/không phải tệp ZIP/);
    const bytes = writeZip([zipEntry("a.xml", new TextEncoder().encode("x"))]);
    bytes[6] = 1; // local header flag: encrypted
    const central = bytes.length - 22 - (46 + 5);
    bytes[central + 8] = 1;
    expect(() => readZip(bytes)).toThrow(/mật khẩu/);
  });
});

describe("readSheetGrid: a formula without a saved value", () => {
  it("is handed to the core as an uncalculated formula, never as an empty cell; a cached result is the value", async () => {
    const { readSheetGrid } = await import("./readSheetGrid.ts");
    const xml =
      '<worksheet><sheetData><row r="1"><c r="A1"><f>SUM(B1:C1)</f></c><c r="B1"><v>1</v></c>' +
      '<c r="C1"><f>B1*2</f><v>2</v></c><c r="D1"><f t="shared" si="0"/></c></row></sheetData></worksheet>';
    expect(readSheetGrid(xml, { sharedStrings: [], dates: [] })).toEqual([
      [{ uncalculated: true, formula: "=SUM(B1:C1)" }, 1, 2, { uncalculated: true, formula: "=…" }],
    ]);
  });
});

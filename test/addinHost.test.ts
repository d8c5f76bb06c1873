import { describe, expect, it } from "vitest";
import { ExcelHost, detectExcelFeatures } from "../addin/excelHost.ts";
import { charsToPoints } from "../addin/excelWriteParts.ts";
import { isDateFormat } from "../shared/workbook/excelDates.ts";
import { styleRectangles } from "../shared/workbook/styleRectangles.ts";
import { FakeWorkbook } from "./fakes/fakeExcel.ts";
import { needsTextFormat } from "../addin/textGuard.ts";
import type { SheetWrite } from "../shared/workbook/port.ts";

const ALL = { pageLayout: true, notes: true };

function hostOver(book: FakeWorkbook, options: ConstructorParameters<typeof ExcelHost>[1] = {}) {
  const context = book.context();
  return new ExcelHost(context as unknown as Excel.RequestContext, { features: ALL, ...options });
}

describe("fake Excel is strict", () => {
  it("throws on reading a property that was not loaded and synced", async () => {
    const book = new FakeWorkbook();
    book.addSheet("A", [[1]]);
    const ctx = book.context();
    const range = ctx.workbook.worksheets.getItem("A").getRange("A1");
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    range.load("values");
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(range.values).toEqual([[1]]);
  });

  it("applies writes only at sync, and rejects a values array of the wrong shape", async () => {
    const book = new FakeWorkbook();
    book.addSheet("A");
    const ctx = book.context();
    const sheet = ctx.workbook.worksheets.getItem("A");
    sheet.getRange("A1:B1").values = [["x", "y"]];
    expect(book.sheet("A")?.grid()).toEqual([]);
    await ctx.sync();
    expect(book.sheet("A")?.grid()).toEqual([["x", "y"]]);
    sheet.getRange("A1:B2").values = [["x", "y"]];
    await expect(ctx.sync()).rejects.toThrow(/shape 1×2 does not match 2×2/);
  });

  it("takes a string starting with = as a formula unless the cell is text-formatted", async () => {
    const book = new FakeWorkbook();
    book.addSheet("A");
    const ctx = book.context();
    const sheet = ctx.workbook.worksheets.getItem("A");
    sheet.getRange("A1").values = [["=SUM(B1)"]];
    sheet.getRange("A2").numberFormat = [["@"]];
    sheet.getRange("A2").values = [["=SUM(B1)"]];
    await ctx.sync();
    expect(book.sheet("A")?.cell(0, 0)?.formula).toBe("=SUM(B1)");
    expect(book.sheet("A")?.cell(1, 0)).toMatchObject({ value: "=SUM(B1)", formula: null });
  });
});

describe("fake Excel holds Excel's limits", () => {
  it("measures every request and response in UTF-8 bytes of JSON and fails either above 5 MB", async () => {
    const book = new FakeWorkbook();
    book.addSheet("A");
    const ctx = book.context();
    const sheet = ctx.workbook.worksheets.getItem("A");
    const row = Array.from({ length: 100 }, (_, c) => `ô ${c}`);
    sheet.getRangeByIndexes(0, 0, 1, 100).values = [row];
    await ctx.sync();
    const json = JSON.stringify([row]);
    const bytes = new TextEncoder().encode(json).length;
    expect(bytes).toBeGreaterThan(json.length); // "ô" is two bytes
    expect(book.requests[0]).toBeGreaterThan(bytes);
    expect(book.requests[0]).toBeLessThan(bytes + 1_000);

    // a request of 6 MB is refused and nothing of it applied
    const big = [Array.from({ length: 200 }, (_, c) => `${c}`.padEnd(30_000, "x"))];
    sheet.getRangeByIndexes(10, 0, 1, 200).values = big;
    await expect(ctx.sync()).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
    expect(book.sheet("A")?.cell(10, 0)).toBeUndefined();

    // written in two halves it passes; reading it back whole is a response over 5 MB
    sheet.getRangeByIndexes(10, 0, 1, 100).values = [big[0]!.slice(0, 100)];
    await ctx.sync();
    sheet.getRangeByIndexes(10, 100, 1, 100).values = [big[0]!.slice(100)];
    await ctx.sync();
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("values");
    await expect(ctx.sync()).rejects.toThrow(/ResponsePayloadSizeLimitExceeded/);
    expect(() => used.values).toThrow(/PropertyNotLoaded/);
    expect(book.largestResponse).toBeGreaterThan(5 * 1024 * 1024);
    expect(book.syncCount).toBe(5);
  });

  it("refuses a row taller than 409 points and cell text longer than 32 767 characters", async () => {
    const book = new FakeWorkbook();
    book.addSheet("A");
    const ctx = book.context();
    const sheet = ctx.workbook.worksheets.getItem("A");
    sheet.getRangeByIndexes(0, 0, 1, 1).format.rowHeight = 409;
    await ctx.sync();
    sheet.getRangeByIndexes(1, 0, 1, 1).format.rowHeight = 409.5;
    await expect(ctx.sync()).rejects.toThrow(/row height 409.5/);
    sheet.getRangeByIndexes(0, 0, 1, 1).values = [["x".repeat(32_767)]];
    await ctx.sync();
    sheet.getRangeByIndexes(0, 1, 1, 1).values = [["x".repeat(32_768)]];
    await expect(ctx.sync()).rejects.toThrow(/32768 characters/);
    expect(book.sheet("A")?.rowHeights.get(0)).toBe(409);
    expect(book.sheet("A")?.rowHeights.has(1)).toBe(false);
  });

  it("sets print title rows only as whole rows", async () => {
    const book = new FakeWorkbook();
    book.addSheet("A");
    const ctx = book.context();
    const sheet = ctx.workbook.worksheets.getItem("A");
    sheet.pageLayout.setPrintTitleRows("$4:$6");
    await ctx.sync();
    expect(book.sheet("A")?.pageLayout.printTitleRows).toBe("$4:$6");
    sheet.pageLayout.setPrintTitleRows(sheet.getRange("A4:C6"));
    await expect(ctx.sync()).rejects.toThrow(/whole rows/);
  });
});

describe("needsTextFormat", () => {
  it("flags formulas, numeric text and date-like codes, not ordinary names", () => {
    for (const s of ["=A1", "+84 912 345 678", "-Ban", "@x", "1.2.1", "3,5", "0123", "TRUE", "2024-01-17", " x"]) {
      expect(needsTextFormat(s), s).toBe(true);
    }
    for (const s of ["Sở Nội vụ", "SGTVT", "Biểu 1", "KĐG", "A", ""]) expect(needsTextFormat(s), s).toBe(false);
  });
});

describe("ExcelHost reads", () => {
  it("lists sheets in order with one sync", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Hướng dẫn");
    book.addSheet("Điểm - Sở");
    const host = hostOver(book);
    expect(await host.listSheets()).toEqual(["Hướng dẫn", "Điểm - Sở"]);
    expect(book.syncCount).toBe(1);
  });

  it("reads every sheet in one sync, padded from A1, empty cells null; values only", async () => {
    const book = new FakeWorkbook();
    const s = book.addSheet("Điểm - Sở");
    s.cell(2, 2, true).value = "SGTVT";
    s.cell(2, 3, true).value = 3.5;
    s.cell(3, 3, true).value = 45308; // a date serial, but no date is ever read from a score sheet
    s.cell(3, 3, true).numberFormat = "dd/mm/yyyy";
    s.cell(3, 4, true).value = true;
    book.addSheet("Trống");
    const host = hostOver(book);
    const grids = await host.readSheets(["Điểm - Sở", "Trống", "Không có"]);
    expect(book.syncCount).toBe(1);
    expect(grids["Điểm - Sở"]).toEqual([
      [null, null, null, null, null],
      [null, null, null, null, null],
      [null, null, "SGTVT", 3.5, null],
      [null, null, null, 45308, true],
    ]);
    expect(grids["Trống"]).toEqual([]);
    expect(grids["Không có"]).toEqual([]);
  });

  it("reads dates as ISO text from the settings sheet, the only one that holds one, loading its formats alone", async () => {
    const book = new FakeWorkbook();
    const settings = book.addSheet("Cài đặt", [
      ["Năm đánh giá", 2023],
      ["Ngày quyết định", 45308],
    ]);
    settings.cell(1, 1, true).numberFormat = "dd/mm/yyyy";
    const scores = book.addSheet(
      "Điểm - Sở",
      Array.from({ length: 200 }, (_, r) => Array.from({ length: 50 }, (_, c) => r + c / 100)),
    );
    scores.cell(0, 0, true).numberFormat = "0.00";
    const host = hostOver(book);
    const grids = await host.readSheets(["Cài đặt", "Điểm - Sở"]);
    expect(grids["Cài đặt"]).toEqual([
      ["Năm đánh giá", 2023],
      ["Ngày quyết định", "2024-01-17"],
    ]);
    expect(grids["Điểm - Sở"]?.[199]?.[49]).toBe(199.49);
    // the response carries the score grid's values once, not its number formats: about its JSON size, not twice it
    const valuesJson = JSON.stringify(scores.grid()).length;
    expect(book.largestResponse).toBeGreaterThan(valuesJson);
    expect(book.largestResponse).toBeLessThan(valuesJson * 1.2);
  });

  it("reads only column A of the sheets named in firstColumnOnly, in the same sync", async () => {
    const book = new FakeWorkbook();
    const bieu = book.addSheet("Biểu 1");
    for (let r = 0; r < 300; r++) for (let c = 0; c < 40; c++) bieu.cell(r + 3, c, true).value = r * 100 + c;
    bieu.cell(305, 0, true).value = "Tạo bởi cchc-index 0.1.0 từ dữ liệu #abc";
    bieu.cell(400, 5, true).value = "ngoài cột A";
    book.addSheet("Điểm - Sở", [
      ["Mã", "SGTVT"],
      ["1.1.1", 0.5],
    ]);
    const host = hostOver(book);
    const grids = await host.readSheets(["Điểm - Sở", "Biểu 1"], { firstColumnOnly: ["Biểu 1"] });
    expect(book.syncCount).toBe(1);
    expect(grids["Điểm - Sở"]).toEqual([
      ["Mã", "SGTVT"],
      ["1.1.1", 0.5],
    ]);
    const a = grids["Biểu 1"]!;
    expect(a.every((row) => row.length === 1)).toBe(true);
    expect(a.slice(0, 4)).toEqual([[null], [null], [null], [0]]);
    expect(a[305]).toEqual(["Tạo bởi cchc-index 0.1.0 từ dữ liệu #abc"]);
    expect(a).toHaveLength(306);
    expect(book.largestResponse).toBeLessThan(5_000); // 300 rows of one cell, not 300 × 40
  });

  it("recognises date formats", () => {
    expect(isDateFormat("dd/mm/yyyy")).toBe(true);
    expect(isDateFormat("yyyy-mm-dd")).toBe(true);
    expect(isDateFormat("h:mm")).toBe(false);
    expect(isDateFormat("0.00")).toBe(false);
    expect(isDateFormat('"Ngày"0')).toBe(false);
  });
});

const reportPlan: SheetWrite = {
  sheet: "Biểu 1",
  mode: "replace",
  after: "Điểm - Sở",
  blocks: [
    {
      row: 0,
      col: 0,
      values: [["KẾT QUẢ CHỈ SỐ CCHC NĂM 2023", null, null]],
      style: { bold: true, fontName: "Times New Roman", fontSize: 14, hAlign: "center" },
      merges: [{ row: 0, col: 0, rows: 1, cols: 3 }],
      note: "Bảng do công cụ lập; đừng sửa tay.",
      rowHeights: [30],
    },
    {
      row: 2,
      col: 0,
      values: [
        ["STT", "Đơn vị", "Chỉ số"],
        [1, "=Sở Giao thông vận tải", 95.44],
        [2, "Sở Nội vụ", 93.1],
      ],
      style: { border: true, fontName: "Times New Roman" },
      styles: [
        [
          { bold: true, fill: "#DDEBF7" },
          { bold: true, fill: "#DDEBF7" },
          { bold: true, fill: "#DDEBF7" },
        ],
        [null, null, { numberFormat: "0.00" }],
        [null, { italic: true, color: "#C00000" }, { numberFormat: "0.00" }],
      ],
    },
  ],
  layout: { columnWidths: [6, 40, 10], frozenRows: 3, print: { orientation: "landscape", fitToWidth: true }, tabColor: "#1F6F43" },
};

describe("ExcelHost writes", () => {
  it("writes a replace plan in one sync, with values, formats, merges, note and layout", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Hướng dẫn");
    book.addSheet("Điểm - Sở");
    book.addSheet("Cài đặt");
    const host = hostOver(book);
    await host.listSheets();
    const before = book.syncCount;
    await host.write([reportPlan]);
    expect(book.syncCount - before).toBe(1);
    expect(book.suspendCalls).toBe(1);
    expect(book.sheets.map((s) => s.name)).toEqual(["Hướng dẫn", "Điểm - Sở", "Biểu 1", "Cài đặt"]);
    const s = book.sheet("Biểu 1")!;
    expect(s.grid()).toEqual([
      ["KẾT QUẢ CHỈ SỐ CCHC NĂM 2023", "", ""],
      ["", "", ""],
      ["STT", "Đơn vị", "Chỉ số"],
      [1, "=Sở Giao thông vận tải", 95.44],
      [2, "Sở Nội vụ", 93.1],
    ]);
    expect(s.cell(3, 1)?.formula).toBeNull();
    expect(s.cell(3, 1)?.numberFormat).toBe("@");
    expect(s.cell(3, 2)?.numberFormat).toBe("0.00");
    expect(s.cell(3, 0)?.numberFormat).toBe("General");
    expect(s.cell(0, 0)?.style).toMatchObject({ bold: true, fontName: "Times New Roman", fontSize: 14, hAlign: "Center" });
    expect(s.cell(2, 1)?.style).toMatchObject({ bold: true, fill: "#DDEBF7" });
    expect(s.cell(4, 1)?.style).toMatchObject({ italic: true, color: "#C00000", fontName: "Times New Roman" });
    // a 3×3 bordered table: the middle cell has all four edges
    expect(s.cell(3, 1)?.style.borders).toEqual(["EdgeBottom", "EdgeLeft", "EdgeRight", "EdgeTop"]);
    expect(s.merges).toEqual([{ row: 0, col: 0, rows: 1, cols: 3 }]);
    expect(s.notes.get("A1")).toBe("Bảng do công cụ lập; đừng sửa tay.");
    expect(s.rowHeights.get(0)).toBe(30);
    expect(s.columnWidths.get(1)).toBe(charsToPoints(40));
    expect(charsToPoints(10)).toBe(56.25);
    expect(s.frozenRows).toBe(3);
    expect(s.pageLayout).toEqual({ orientation: "Landscape", paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
    expect(s.tabColor).toBe("#1F6F43");
  });

  it("checks the whole plan against Excel's limits before queueing anything", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Điểm - Sở");
    const host = hostOver(book);
    await host.listSheets();
    const before = book.syncCount;
    const tall: SheetWrite = { sheet: "Phân tích", mode: "replace", blocks: [{ row: 0, col: 0, values: [["x"]], rowHeights: [410] }] };
    await expect(host.write([reportPlan, tall])).rejects.toThrow(/Phân tích: dòng 1 cao 410 điểm, ngoài giới hạn 0 … 409 điểm của Excel/);
    const long: SheetWrite = { sheet: "Biểu 2", mode: "replace", blocks: [{ row: 2, col: 1, values: [["x".repeat(32_768)]] }] };
    await expect(host.write([reportPlan, long])).rejects.toThrow(/Biểu 2!B3: nội dung dài 32768 ký tự/);
    expect(book.syncCount).toBe(before);
    expect(book.sheets.map((x) => x.name)).toEqual(["Điểm - Sở"]);
  });

  it("repeats the layout's title rows on every printed page (ExcelApi 1.9) and fits one page when asked", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Điểm - Sở");
    const layout = {
      ...reportPlan.layout,
      printTitleRows: { row: 2, rows: 2 },
      print: { orientation: "landscape" as const, fitToWidth: true, fitToHeight: true },
    };
    await hostOver(book).write([{ ...reportPlan, layout }]);
    const page = book.sheet("Biểu 1")!.pageLayout;
    expect(page.printTitleRows).toBe("$3:$4");
    expect(page.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 1 });
    const old = new FakeWorkbook();
    old.addSheet("Điểm - Sở");
    await hostOver(old, { features: { pageLayout: false, notes: false } }).write([{ ...reportPlan, layout }]);
    expect(old.sheet("Biểu 1")!.pageLayout.printTitleRows).toBeUndefined();
  });

  it("skips notes and page layout gracefully when the API set is missing", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Điểm - Sở");
    const host = hostOver(book, { features: { notes: false, pageLayout: false } });
    await host.write([reportPlan]);
    const s = book.sheet("Biểu 1")!;
    expect(s.notes.size).toBe(0);
    expect(s.pageLayout.orientation).toBe("Portrait");
    expect(s.grid()[0]?.[0]).toBe("KẾT QUẢ CHỈ SỐ CCHC NĂM 2023");
  });

  it("keeps text that Excel would turn into a formula, number or date exactly as text", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Đơn vị - Sở");
    const host = hostOver(book);
    const tricky = ["=1+1", "+84 912", "-Ban Dân tộc", "@Thanh tra", "1.2.1", "3,5", "007", "TRUE", "2024-01-17"];
    await host.write([{ sheet: "Đơn vị - Sở", mode: "update", blocks: [{ row: 0, col: 0, values: tricky.map((t) => [t, 1]) }] }]);
    const s = book.sheet("Đơn vị - Sở")!;
    tricky.forEach((t, r) => {
      expect(s.cell(r, 0)?.value, t).toBe(t);
      expect(s.cell(r, 0)?.formula, t).toBeNull();
      expect(s.cell(r, 1)?.value).toBe(1);
    });
    const grid = (await host.readSheets(["Đơn vị - Sở"]))["Đơn vị - Sở"];
    expect(grid?.map((row) => row[0])).toEqual(tricky);
  });

  it("update mode clears the given ranges (values, formats, merges) and leaves the rest", async () => {
    const book = new FakeWorkbook();
    const s = book.addSheet("Điểm - Sở", [
      ["Mã", "Tên", "Tổng"],
      ["SGTVT", "Sở GTVT", 1],
      ["SNV", "Sở Nội vụ", 2],
    ]);
    s.cell(1, 2)!.numberFormat = "0.00";
    s.merges.push({ row: 0, col: 2, rows: 1, cols: 2 });
    s.cell(0, 5, true).value = "ghi chú của người dùng";
    const host = hostOver(book);
    await host.write([
      {
        sheet: "Điểm - Sở",
        mode: "update",
        clear: [{ row: 0, col: 2, rows: 3, cols: 2 }],
        blocks: [{ row: 1, col: 2, values: [[95.44], [null]] }],
      },
    ]);
    expect(s.grid()).toEqual([
      ["Mã", "Tên", "", "", "", "ghi chú của người dùng"],
      ["SGTVT", "Sở GTVT", 95.44, "", "", ""],
      ["SNV", "Sở Nội vụ", "", "", "", ""],
    ]);
    expect(s.merges).toEqual([]);
    expect(s.cell(1, 2)?.numberFormat).toBe("General");
  });

  it("replaces an existing sheet in place, even the workbook's only sheet", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Biểu 1", [["cũ", "cũ"]]);
    const host = hostOver(book);
    await host.write([{ sheet: "Biểu 1", mode: "replace", blocks: [{ row: 0, col: 0, values: [["mới"]] }] }]);
    expect(book.sheets.map((x) => x.name)).toEqual(["Biểu 1"]);
    expect(book.sheet("Biểu 1")?.grid()).toEqual([["mới"]]);

    const book2 = new FakeWorkbook();
    for (const n of ["A", "Biểu 1", "B"]) book2.addSheet(n, [["cũ"]]);
    const host2 = hostOver(book2);
    await host2.write([
      { sheet: "Biểu 1", mode: "replace", blocks: [{ row: 0, col: 0, values: [["mới"]] }] },
      { sheet: "Biểu 2", mode: "replace", after: "Biểu 1", blocks: [{ row: 0, col: 0, values: [["hai"]] }] },
    ]);
    expect(book2.sheets.map((x) => x.name)).toEqual(["A", "Biểu 1", "Biểu 2", "B"]);
    expect(book2.sheet("Biểu 1")?.grid()).toEqual([["mới"]]);
  });

  it("round-trips a plan: what is written is what is read", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Hướng dẫn");
    const host = hostOver(book);
    const values = [
      ["Mã", "Tên", "1.1.1", "1.1.2"],
      ["SGTVT", "Sở Giao thông vận tải", 0.5, "KĐG"],
      ["BDT", "Ban Dân tộc tỉnh", null, 1],
    ];
    await host.write([{ sheet: "Điểm - Sở", mode: "replace", blocks: [{ row: 1, col: 1, values }] }]);
    const grid = (await host.readSheets(["Điểm - Sở"]))["Điểm - Sở"];
    expect(grid).toEqual([[null, null, null, null, null], ...values.map((row) => [null, ...row])]);
  });

  it("splits a write larger than the request budget into several syncs, each under it", async () => {
    const book = new FakeWorkbook({ maxRequestBytes: 60_000 });
    book.addSheet("Điểm - Sở");
    const host = hostOver(book, { maxRequestBytes: 50_000, maxChunkBytes: 20_000 });
    const values = Array.from({ length: 400 }, (_, r) => Array.from({ length: 20 }, (_, c) => (r * 20 + c) / 100));
    const plan: SheetWrite = { sheet: "Điểm - Sở", mode: "update", blocks: [{ row: 0, col: 0, values }] };
    await host.write([plan]);
    expect(book.syncCount).toBeGreaterThan(1);
    // the host's estimate bounds what the fake measures: every request within the host's budget
    expect(book.largestRequest).toBeLessThanOrEqual(50_000);
    expect(book.suspendCalls).toBe(book.syncCount - 1); // suspended in every request of the write (not the sheet listing)
    expect(book.sheet("Điểm - Sở")?.grid()).toEqual(values);
    // the same plan under a large budget is one sync (plus the sheet listing)
    const book2 = new FakeWorkbook();
    book2.addSheet("Điểm - Sở");
    const host2 = hostOver(book2);
    await host2.write([plan]);
    expect(book2.syncCount).toBe(2);
  });
});

describe("styleRectangles", () => {
  it("stacks equal runs into rectangles and leaves out unstyled cells", () => {
    const h = { bold: true, fill: "#DDEBF7" };
    const n = { numberFormat: "0.00", hAlign: "right" as const };
    const rects = styleRectangles(
      [
        [h, h, h],
        [null, n, n],
        [null, n, n],
        [{ numberFormat: "0.00" }, n, { italic: true }],
      ],
      4,
      3,
    );
    expect(rects).toEqual([
      { row: 0, col: 0, rows: 1, cols: 3, style: h },
      { row: 1, col: 1, rows: 2, cols: 2, style: n },
      { row: 3, col: 1, rows: 1, cols: 1, style: n },
      { row: 3, col: 2, rows: 1, cols: 1, style: { italic: true } },
    ]);
  });
});

describe("detectExcelFeatures", () => {
  it("asks Office for ExcelApi 1.9 (page layout), 1.18 (notes) and 1.8 (chart formats, data validation); nothing outside Office", () => {
    const scope = globalThis as { Office?: unknown };
    expect(detectExcelFeatures()).toEqual({ pageLayout: false, notes: false, chartFormats: false, dataValidation: false });
    scope.Office = { context: { requirements: { isSetSupported: (name: string, v: string) => name === "ExcelApi" && v === "1.9" } } };
    try {
      expect(detectExcelFeatures()).toEqual({ pageLayout: true, notes: false, chartFormats: false, dataValidation: false });
      scope.Office = { context: { requirements: { isSetSupported: (name: string, v: string) => name === "ExcelApi" && v === "1.8" } } };
      expect(detectExcelFeatures()).toEqual({ pageLayout: false, notes: false, chartFormats: true, dataValidation: true });
    } finally {
      delete scope.Office;
    }
  });
});

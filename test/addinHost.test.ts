import { describe, expect, it } from "vitest";
import { ExcelHost, charsToPoints, detectExcelFeatures, isDateFormat } from "../addin/excelHost.ts";
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

  it("reads every sheet in one sync, padded from A1, empty cells null, dates as ISO text", async () => {
    const book = new FakeWorkbook();
    const s = book.addSheet("Điểm - Sở");
    s.cell(2, 2, true).value = "SGTVT";
    s.cell(2, 3, true).value = 3.5;
    s.cell(3, 3, true).value = 45308; // 2024-01-17 as a date serial
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
      [null, null, null, "2024-01-17", true],
    ]);
    expect(grids["Trống"]).toEqual([]);
    expect(grids["Không có"]).toEqual([]);
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
        [{ bold: true, fill: "#DDEBF7" }, { bold: true, fill: "#DDEBF7" }, { bold: true, fill: "#DDEBF7" }],
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
    const book = new FakeWorkbook({ maxRequestChars: 60_000 });
    book.addSheet("Điểm - Sở");
    const host = hostOver(book, { maxRequestChars: 50_000, maxChunkChars: 20_000 });
    const values = Array.from({ length: 400 }, (_, r) => Array.from({ length: 20 }, (_, c) => (r * 20 + c) / 100));
    const plan: SheetWrite = { sheet: "Điểm - Sở", mode: "update", blocks: [{ row: 0, col: 0, values }] };
    await host.write([plan]);
    expect(book.syncCount).toBeGreaterThan(1);
    expect(book.largestRequest).toBeLessThanOrEqual(60_000);
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
  it("asks Office for ExcelApi 1.9 (page layout) and 1.18 (notes); nothing outside Office", () => {
    const scope = globalThis as { Office?: unknown };
    expect(detectExcelFeatures()).toEqual({ pageLayout: false, notes: false });
    scope.Office = { context: { requirements: { isSetSupported: (name: string, v: string) => name === "ExcelApi" && v === "1.9" } } };
    try {
      expect(detectExcelFeatures()).toEqual({ pageLayout: true, notes: false });
    } finally {
      delete scope.Office;
    }
  });
});

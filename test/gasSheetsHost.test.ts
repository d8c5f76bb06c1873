/**
 * SheetsHost against the strict SpreadsheetApp fake, with synthetic SheetWrite plans: values, text safety,
 * styles, replace/update semantics, validations, reading, and the number of calls.
 *
 * Counting rule (see test/fakes/fakeSheets.ts): "read" = calls that need data from the document (cell data,
 * grid size, sheet list) plus flush — the round trips; "change" = write + format + merge + structure, every call
 * that changes the document (Apps Script queues them); "local" = handle makers and properties of a held handle.
 */
import { describe, expect, it } from "vitest";
import { PartialWriteError, SheetsHost } from "../appsscript/sheetsHost.ts";
import { rectanglesByValue } from "../shared/workbook/rectanglesByValue.ts";
import type { CellStyle, CellValue, SheetWrite } from "../shared/workbook/port.ts";
import {
  CELL_TOO_LONG,
  FakeRange,
  FILE_TOO_BIG,
  OUTSIDE_SHEET,
  fakeEnvironment,
  hostServices,
  type FakeEnvironment,
} from "./fakes/fakeSheets.ts";

/** A host over a fresh fake; `sheetsApi: false`: a copy without the Sheets advanced service (SpreadsheetApp writer). */
function setup(options: { sheetsApi?: boolean } = {}): { env: FakeEnvironment; host: SheetsHost } {
  const env = fakeEnvironment({}, options);
  const host = new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, hostServices(env));
  return { env, host };
}

const header: CellStyle = { bold: true, fill: "#DDEBF7", border: true, hAlign: "center", fontName: "Times New Roman" };
const body: CellStyle = { border: true, fontName: "Times New Roman" };

/** A table like a Biểu: a header row and `n` unit rows (STT, name, index with "0.00", group). */
function table(n: number): SheetWrite {
  const values: CellValue[][] = [["STT", "Đơn vị", "Chỉ số", "Nhóm"]];
  const styles: (CellStyle | null)[][] = [[header, header, header, header]];
  for (let i = 1; i <= n; i++) {
    values.push([i, `Đơn vị ${i}`, 80 + (i % 20) + 0.25, i % 3 === 0 ? "A" : "B"]);
    styles.push([{ ...body, hAlign: "center" }, body, { ...body, numberFormat: "0.00" }, { ...body, hAlign: "center" }]);
  }
  return {
    sheet: "Biểu 1",
    mode: "replace",
    blocks: [{ row: 2, col: 0, values, styles, merges: [{ row: 0, col: 0, rows: 1, cols: 4 }] }],
    layout: { columnWidths: [6, 40, 12, 8], frozenRows: 3, tabColor: "#2F5597", print: { orientation: "portrait", fitToWidth: true } },
  };
}

describe("SheetsHost: writing", () => {
  it("writes values, keeps every string as text, and styles cells as the plan says", async () => {
    const { env, host } = setup();
    env.spreadsheet._addSheet("Trang tính1");
    const tricky = ["=SUM(A1)", "+84", "-abc", "@x", "1.10", "3,5", "'quoted"];
    host.write([
      {
        sheet: "Dữ liệu",
        mode: "replace",
        blocks: [
          {
            row: 1,
            col: 1,
            values: [tricky, [1.5, null, true, "", 0, -2.25, "KĐG"]],
            style: { fontName: "Times New Roman" },
            styles: [tricky.map(() => null), [{ numberFormat: "0.00", bold: true }, null, null, null, null, { fill: "#ffff00" }, null]],
            note: "Vùng do công cụ ghi",
          },
        ],
      },
    ]);
    const sheet = env.spreadsheet._sheet("Dữ liệu")!;
    // Row 2 (1-based) from column B: strings exactly as given, none a formula, "1.10" not the number 1.1.
    tricky.forEach((t, i) => {
      const cell = sheet._cell(2, 2 + i, false)!;
      expect(cell.value).toBe(t);
      expect(cell.formula).toBeUndefined();
      expect(cell.numberFormat).toBe("@");
    });
    expect(sheet._at("B3")?.value).toBe(1.5);
    expect(sheet._at("B3")?.numberFormat).toBe("0.00");
    expect(sheet._at("B3")?.fontWeight).toBe("bold");
    expect(sheet._at("C3")?.value ?? "").toBe("");
    expect(sheet._at("D3")?.value).toBe(true);
    expect(sheet._at("G3")?.value).toBe(-2.25);
    expect(sheet._at("G3")?.background).toBe("#FFFF00");
    expect(sheet._at("H3")?.fontFamily).toBe("Times New Roman");
    expect(sheet._at("B2")?.note).toBe("Vùng do công cụ ghi");
    expect(sheet._at("C2")?.note).toBeUndefined();
    // Nothing outside the block.
    expect(sheet._at("A1")?.value ?? "").toBe("");
    expect(sheet._at("A2")).toBeUndefined();
  });

  it("the fake, like Sheets, turns an unprotected '=…' string into a formula (so the test above can fail)", () => {
    const { env } = setup();
    const sheet = env.spreadsheet._addSheet("X");
    sheet._self.getRange("A1:C1").setValues([["=SUM(A1)", "1.10", "'=x"]]);
    expect(sheet._at("A1")?.formula).toBe("=SUM(A1)");
    expect(sheet._at("B1")?.value).toBe(1.1);
    expect(sheet._at("C1")?.value).toBe("=x");
    expect(() => sheet._self.getRange("A1:B1").setValues([["a"]])).toThrow(/số cột/);
    expect(() => (sheet._self as unknown as { getCell(): void }).getCell()).toThrow(/không có trong bản giả/);
  });

  it("builds a Biểu-like sheet: merges, borders, alignment, widths, frozen rows, tab colour", async () => {
    const { env, host } = setup();
    env.spreadsheet._addSheet("Cài đặt");
    host.write([table(5)]);
    const sheet = env.spreadsheet._sheet("Biểu 1")!;
    expect(env.spreadsheet._names()).toEqual(["Cài đặt", "Biểu 1"]);
    expect(sheet._merges).toEqual([{ row: 1, col: 1, rows: 1, cols: 4 }]);
    expect(sheet._at("A3")).toMatchObject({ value: "STT", fontWeight: "bold", background: "#DDEBF7", hAlign: "center" });
    expect(sheet._at("B3")?.border).toEqual({ top: true, left: true, bottom: true, right: true });
    expect(sheet._at("C8")).toMatchObject({ value: 80 + 5 + 0.25, numberFormat: "0.00" });
    expect(sheet._at("C8")?.border).toEqual({ top: true, left: true, bottom: true, right: true });
    expect(sheet._at("B8")?.fontWeight ?? "normal").toBe("normal");
    expect(sheet._at("D8")?.hAlign).toBe("center");
    expect(sheet._at("E8")).toBeUndefined();
    expect(sheet._frozenRows).toBe(3);
    expect(sheet._tabColor).toBe("#2F5597");
    expect(sheet._columnWidths.get(2)).toBe(285); // 40 characters × 7 px + 5
  });

  it("makes the same number of calls for 250 rows as for 20 (no call per cell)", async () => {
    const counts: Record<number, { write: number; read: number; all: number }> = {};
    for (const n of [20, 250]) {
      const { env, host } = setup();
      env.spreadsheet._addSheet("Cài đặt");
      env.log.reset();
      host.write([table(n)]);
      counts[n] = { write: env.log.count("change"), read: env.log.count("read"), all: env.log.count() };
    }
    expect(counts[250]).toEqual(counts[20]);
    // One setValues, at most one call per (aspect, value), the merge, the layout: far below one per cell.
    expect(counts[20]!.write).toBeLessThanOrEqual(25);
    // Reads: the sheet list, the active sheet (to return the person to it) and the grid size of the sheet that
    // stays (for the file's cell limit): nothing per row.
    expect(counts[20]!.read).toBeLessThanOrEqual(4);
  });

  it("replace recreates the sheet at its place; update clears only its ranges and keeps the rest", async () => {
    const { env, host } = setup();
    env.spreadsheet._addSheet("A", [["a"]]);
    const old = env.spreadsheet._addSheet("Biểu 1", [
      ["cũ", null, null],
      [null, null, "xa"],
    ]);
    old._merges.push({ row: 1, col: 1, rows: 1, cols: 2 });
    const scores = env.spreadsheet._addSheet("Điểm - Sở", [
      ["Ghi chú", null],
      [null, 42],
      [null, null],
      [null, 7],
      [null, 8],
    ]);
    scores._at("A1")!.background = "#FFFF00";
    env.spreadsheet._addSheet("Z", [["z"]]);
    host.write([
      { sheet: "Biểu 1", mode: "replace", blocks: [{ row: 0, col: 0, values: [["mới"]] }] },
      {
        sheet: "Điểm - Sở",
        mode: "update",
        clear: [{ row: 3, col: 0, rows: 2, cols: 2 }],
        blocks: [{ row: 3, col: 1, values: [["KẾT QUẢ"]], style: { bold: true } }],
      },
      { sheet: "Mới", mode: "update", after: "A", blocks: [{ row: 0, col: 0, values: [[1]] }] },
    ]);
    expect(env.spreadsheet._names()).toEqual(["A", "Mới", "Biểu 1", "Điểm - Sở", "Z"]);
    const b1 = env.spreadsheet._sheet("Biểu 1")!;
    expect(b1._grid()).toEqual([["mới"]]);
    expect(b1._merges).toEqual([]);
    const s = env.spreadsheet._sheet("Điểm - Sở")!;
    expect(s._grid()).toEqual([
      ["Ghi chú", null],
      [null, 42],
      [null, null],
      [null, "KẾT QUẢ"],
    ]);
    expect(s._at("A1")?.background).toBe("#FFFF00");
    expect(s._at("B4")?.fontWeight).toBe("bold");
  });

  it("checks the whole plan first: a bad colour in the second sheet writes nothing at all", async () => {
    const { env, host } = setup();
    env.spreadsheet._addSheet("A", [["a"]]);
    env.log.reset();
    expect(() =>
      host.write([
        { sheet: "B", mode: "replace", blocks: [{ row: 0, col: 0, values: [[1]] }] },
        { sheet: "C", mode: "replace", blocks: [{ row: 0, col: 0, values: [[1]], style: { fill: "vàng" } }] },
      ]),
    ).toThrow(/mã màu không hợp lệ/);
    expect(env.spreadsheet._names()).toEqual(["A"]);
    expect(env.log.count("change")).toBe(0);
  });

  it.each([true, false])(
    "puts number-between rules with help text on the planned cells, in one call (Sheets API: %s)",
    async (sheetsApi) => {
      const { env, host } = setup({ sheetsApi });
      env.spreadsheet._addSheet("A");
      env.log.reset();
      host.write([
        {
          sheet: "Phiếu",
          mode: "replace",
          blocks: [{ row: 0, col: 0, values: [["x"]] }],
          validations: [
            { range: { row: 6, col: 3, rows: 1, cols: 1 }, min: 0, max: 0.5, help: "0 đến 0,5" },
            { range: { row: 8, col: 3, rows: 2, cols: 1 }, min: 0, max: 1, help: "0 đến 1" },
          ],
        },
      ]);
      const sheet = env.spreadsheet._sheet("Phiếu")!;
      expect(sheet._at("D7")?.validation?.criteria).toEqual({ type: "NUMBER_BETWEEN", min: 0, max: 0.5 });
      expect(sheet._at("D7")?.validation?.helpText).toBe("0 đến 0,5");
      expect(sheet._at("D7")?.validation?.allowInvalid).toBe(true);
      expect(sheet._at("D8")?.validation).toBeUndefined();
      expect(sheet._at("D10")?.validation?.criteria.max).toBe(1);
      expect(env.log.calls.get(sheetsApi ? "Sheets.batchUpdate" : "Range.setDataValidations")).toBe(1);
    },
  );
});

describe("SheetsHost: reading", () => {
  it("reads each sheet's whole grid with getMaxRows() and one getValues(): empty → null, dates → ISO, trailing blanks dropped", async () => {
    const { env, host } = setup();
    env.spreadsheet._addSheet("Cài đặt", [
      ["Năm đánh giá", 2023, null],
      ["Ngày", new Date(Date.UTC(2024, 0, 16, 17, 0, 0)), null], // 17/01/2024 00:00 in Hà Nội time
      [null, "", null],
      ["Bật", true, null],
    ]);
    env.spreadsheet._addSheet("Khác", [["x"]]);
    env.spreadsheet._sheet("Cài đặt")!._cell(10, 10, true)!.background = "#FFFF00"; // format only: not data
    env.log.reset();
    const names = host.listSheets();
    const grids = host.readSheets(["Cài đặt"]);
    expect(names).toEqual(["Cài đặt", "Khác"]);
    expect(grids["Cài đặt"]).toEqual([
      ["Năm đánh giá", 2023],
      ["Ngày", "2024-01-17"],
      [null, null],
      ["Bật", true],
    ]);
    expect(env.log.calls.get("Spreadsheet.getSheets")).toBe(1);
    expect(env.log.calls.get("Sheet.getMaxRows")).toBe(1);
    expect(env.log.calls.get("Range.getValues")).toBe(1);
    expect(env.log.count("read")).toBe(4); // getSheets, getMaxRows, getValues, getSpreadsheetTimeZone (for the date)
    expect(() => host.readSheets(["Không có"])).toThrow(/Không có trang tính/);
  });
});

describe("rectanglesByValue", () => {
  it("covers each value's cells with row runs joined downwards", () => {
    const groups = rectanglesByValue([
      ["a", "a", "b"],
      ["a", "a", undefined],
      ["b", "a", "a"],
    ]);
    expect(groups.get("a")).toEqual([
      { row: 0, col: 0, rows: 2, cols: 2 },
      { row: 2, col: 1, rows: 1, cols: 2 },
    ]);
    expect(groups.get("b")).toEqual([
      { row: 0, col: 2, rows: 1, cols: 1 },
      { row: 2, col: 0, rows: 1, cols: 1 },
    ]);
  });
});

describe("the fake holds Google Sheets' limits", () => {
  it("a new sheet is 1000 × 26; outside it, 50 000+ characters, or 10 M cells in the file throw Sheets' own messages", () => {
    const { env } = setup();
    env.spreadsheet._addSheet("A");
    const sheet = env.spreadsheet._self.insertSheet("B");
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    expect(() => sheet.getRange(1, 1, 1, 27)).toThrow(OUTSIDE_SHEET);
    expect(() => sheet.getRange(1001, 1)).toThrow(OUTSIDE_SHEET);
    expect(() => sheet.getRange("A1:AA1")).toThrow(OUTSIDE_SHEET);
    sheet.insertColumnsAfter(26, 4);
    expect(sheet.getRange(1, 1, 1, 30).getNumColumns()).toBe(30);
    expect(() => sheet.getRange("A1").setValues([["x".repeat(50_001)]])).toThrow(CELL_TOO_LONG);
    sheet.getRange("A1").setValues([["x".repeat(50_000)]]);
    // 10 000 000 cells: the two sheets hold 26 000 + 30 000; one more sheet of 9 950 000 cells is too many.
    expect(() => sheet.insertRowsAfter(1000, Math.ceil((10_000_000 - 26_000 - 30_000) / 30) + 1)).toThrow(FILE_TOO_BIG);
    expect(env.spreadsheet._cellCount()).toBe(56_000);
  });
});

describe("SheetsHost: any number of units, every limit before the first write", () => {
  it("grows a new sheet's grid before writing a block wider and taller than 1000 × 26, in one call each way (SpreadsheetApp)", async () => {
    const { env, host } = setup({ sheetsApi: false });
    env.spreadsheet._addSheet("A");
    env.log.reset();
    const values: CellValue[][] = Array.from({ length: 1100 }, (_, r) => Array.from({ length: 40 }, (_, c) => r * 1000 + c));
    host.write([{ sheet: "Biểu 4", mode: "replace", blocks: [{ row: 0, col: 0, values }], layout: { columnWidths: Array(40).fill(8) } }]);
    const sheet = env.spreadsheet._sheet("Biểu 4")!;
    expect([sheet._maxRows, sheet._maxCols]).toEqual([1100, 40]);
    expect(sheet._at("AN1100")?.value).toBe(1099 * 1000 + 39);
    expect(env.log.calls.get("Sheet.insertRowsAfter")).toBe(1);
    expect(env.log.calls.get("Sheet.insertColumnsAfter")).toBe(1);
    expect(env.log.calls.get("Sheet.setColumnWidths")).toBe(1);
  });

  it("through the Sheets API, a new sheet is added at the size it needs, in the one batchUpdate", async () => {
    const { env, host } = setup();
    env.spreadsheet._addSheet("A");
    env.log.reset();
    const values: CellValue[][] = Array.from({ length: 1100 }, (_, r) => Array.from({ length: 40 }, (_, c) => r * 1000 + c));
    host.write([{ sheet: "Biểu 4", mode: "replace", blocks: [{ row: 0, col: 0, values }], layout: { columnWidths: Array(40).fill(8) } }]);
    const sheet = env.spreadsheet._sheet("Biểu 4")!;
    expect([sheet._maxRows, sheet._maxCols]).toEqual([1100, 40]);
    expect(sheet._at("AN1100")?.value).toBe(1099 * 1000 + 39);
    expect(sheet._columnWidths.get(40)).toBe(61); // 8 characters × 7 px + 5
    expect(env.log.calls.get("Sheets.batchUpdate")).toBe(1);
    expect(env.log.count("change")).toBe(2); // the batchUpdate, and the person brought back to their sheet
  });

  it.each([true, false])("grows a kept sheet too: a results area below its last row (Sheets API: %s)", async (sheetsApi) => {
    const { env, host } = setup({ sheetsApi });
    env.spreadsheet._addSheet("Điểm - Sở", [["x"]], { rows: 10, cols: 5 });
    host.write([
      {
        sheet: "Điểm - Sở",
        mode: "update",
        clear: [{ row: 12, col: 0, rows: 3, cols: 8 }],
        blocks: [{ row: 12, col: 0, values: [[1, 2, 3, 4, 5, 6, 7, 8]] }],
      },
    ]);
    const sheet = env.spreadsheet._sheet("Điểm - Sở")!;
    expect([sheet._maxRows, sheet._maxCols]).toEqual([15, 8]);
    expect(sheet._at("H13")?.value).toBe(8);
  });

  it("refuses, writing nothing, a plan that would take the file over 10 000 000 cells or a cell over Excel's 32 767 characters", () => {
    const { env, host } = setup();
    env.spreadsheet._addSheet("Lớn", [], { rows: 332_000, cols: 30 }); // 9 960 000 cells
    env.log.reset();
    const plan = (text: string): SheetWrite[] => [
      { sheet: "Biểu 1", mode: "replace", blocks: [{ row: 0, col: 0, values: [["a"]] }] },
      { sheet: "Biểu 2", mode: "replace", blocks: [{ row: 0, col: 0, values: [[text]] }] },
    ];
    expect(() => host.write(plan("b"))).toThrow(/10012000 ô, vượt giới hạn 10000000 ô/);
    expect(env.log.count("change")).toBe(0);
    env.spreadsheet._sheet("Lớn")!._maxRows = 10;
    expect(() => host.write(plan("x".repeat(40_000)))).toThrow(/Biểu 2!A1: nội dung dài 40000 ký tự/);
    expect(env.log.count("change")).toBe(0);
    expect(env.spreadsheet._names()).toEqual(["Lớn"]);
  });

  it("should a call still fail mid-write, says which sheets are complete, which is partial and which untouched (SpreadsheetApp)", async () => {
    const { env, host } = setup({ sheetsApi: false });
    env.spreadsheet._addSheet("A");
    host.write([{ sheet: "Biểu 1", mode: "replace", blocks: [{ row: 0, col: 0, values: [["cũ"]] }] }]);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, called with its own `this`
    const real = FakeRange.prototype.setValues;
    let calls = 0;
    FakeRange.prototype.setValues = function (this: FakeRange, v: unknown[][]) {
      if (++calls === 2) throw new Error("Service Spreadsheets timed out");
      return real.call(this, v);
    };
    try {
      const one = (sheet: string): SheetWrite => ({ sheet, mode: "replace", blocks: [{ row: 0, col: 0, values: [[sheet]] }] });
      let error: unknown = null;
      try {
        host.write([one("Biểu 1"), one("Biểu 2"), one("Biểu 3")]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PartialWriteError);
      const p = error as PartialWriteError;
      expect([p.deleted, p.complete, p.partial, p.untouched]).toEqual([["Biểu 1"], ["Biểu 1"], "Biểu 2", ["Biểu 3"]]);
      expect(p.message).toBe(
        "Bảng tính bị ghi dở vì lỗi: Service Spreadsheets timed out. Đã xoá để tạo lại: «Biểu 1»; đã ghi xong: «Biểu 1»; " +
          "ghi dở: «Biểu 2» (đã xoá để tạo lại); chưa ghi: «Biểu 3». Sửa nguyên nhân rồi chạy lại lệnh: các sheet này được ghi lại từ đầu.",
      );
      // The half-written «Biểu 2» (no stamp yet) is gone again, so the next run can make it whole.
      expect(env.spreadsheet._names()).toEqual(["A", "Biểu 1"]);
    } finally {
      FakeRange.prototype.setValues = real;
    }
  });

  it("through the Sheets API, a batchUpdate that fails writes nothing (the API applies all its requests or none)", () => {
    const { env, host } = setup();
    env.spreadsheet._addSheet("A");
    host.write([{ sheet: "Biểu 1", mode: "replace", blocks: [{ row: 0, col: 0, values: [["cũ"]] }] }]);
    env.api!.failOn = { call: 1, error: new Error("Service Spreadsheets timed out") };
    const one = (sheet: string): SheetWrite => ({ sheet, mode: "replace", blocks: [{ row: 0, col: 0, values: [[sheet]] }] });
    let error: unknown = null;
    try {
      host.write([one("Biểu 1"), one("Biểu 2")]);
    } catch (e) {
      error = e;
    }
    expect(error).not.toBeInstanceOf(PartialWriteError);
    expect((error as Error).message).toBe("Service Spreadsheets timed out");
    expect(env.spreadsheet._names()).toEqual(["A", "Biểu 1"]);
    expect(env.spreadsheet._sheet("Biểu 1")!._grid()).toEqual([["cũ"]]);
  });

  it("through the Sheets API, a plan split in several batchUpdates says which sheets the earlier ones wrote", () => {
    const env = fakeEnvironment();
    env.spreadsheet._addSheet("A");
    const ss = env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
    const one = (sheet: string): SheetWrite => ({ sheet, mode: "replace", blocks: [{ row: 0, col: 0, values: [[sheet]] }] });
    new SheetsHost(ss, hostServices(env)).write([one("Biểu 1")]);
    // A limit of 1 byte: one batchUpdate per sheet.
    const host = new SheetsHost(ss, { ...hostServices(env), maxRequestBytes: 1 });
    env.api!.failOn = { call: 3, error: new Error("Service Spreadsheets timed out") };
    env.log.reset();
    let error: unknown = null;
    try {
      host.write([one("Biểu 1"), one("Biểu 2"), one("Biểu 3")]);
    } catch (e) {
      error = e;
    }
    expect(env.log.calls.get("Sheets.batchUpdate")).toBe(3);
    expect(error).toBeInstanceOf(PartialWriteError);
    const p = error as PartialWriteError;
    expect([p.deleted, p.complete, p.partial, p.untouched]).toEqual([["Biểu 1"], ["Biểu 1", "Biểu 2"], null, ["Biểu 3"]]);
    expect(p.message).toBe(
      "Bảng tính bị ghi dở vì lỗi: Service Spreadsheets timed out. Đã xoá để tạo lại: «Biểu 1»; đã ghi xong: «Biểu 1», «Biểu 2»; " +
        "ghi dở: không có; chưa ghi: «Biểu 3». Sửa nguyên nhân rồi chạy lại lệnh: các sheet này được ghi lại từ đầu.",
    );
    expect(env.spreadsheet._names()).toEqual(["A", "Biểu 1", "Biểu 2"]);
    expect(env.spreadsheet._sheet("Biểu 2")!._grid()).toEqual([["Biểu 2"]]);
  });

  it.each([true, false])("a plan may write one sheet twice: a new sheet, then a block below on it (Sheets API: %s)", (sheetsApi) => {
    const { env, host } = setup({ sheetsApi });
    env.spreadsheet._addSheet("A");
    host.write([
      { sheet: "Mới", mode: "replace", blocks: [{ row: 0, col: 0, values: [["đầu"]] }], layout: { frozenRows: 1 } },
      { sheet: "Mới", mode: "update", blocks: [{ row: 1199, col: 1, values: [["cuối"]], style: { bold: true } }] },
    ]);
    const sheet = env.spreadsheet._sheet("Mới")!;
    expect(env.spreadsheet._names()).toEqual(["A", "Mới"]);
    expect(sheet._maxRows).toBe(1200);
    expect(sheet._at("A1")?.value).toBe("đầu");
    expect(sheet._at("B1200")).toMatchObject({ value: "cuối", fontWeight: "bold" });
  });

  it("through the Sheets API, replaces the only sheet of a spreadsheet (Sheets keeps at least one sheet)", () => {
    const { env, host } = setup();
    env.spreadsheet._addSheet("Biểu 1", [["cũ"]]);
    host.write([{ sheet: "Biểu 1", mode: "replace", blocks: [{ row: 0, col: 0, values: [["mới"]] }], layout: { frozenRows: 1 } }]);
    expect(env.spreadsheet._names()).toEqual(["Biểu 1"]);
    expect(env.spreadsheet._sheet("Biểu 1")!._grid()).toEqual([["mới"]]);
    expect(env.spreadsheet._sheet("Biểu 1")!._frozenRows).toBe(1);
  });

  it("the Sheets API fake is strict: an unknown request or a field mask leaving out what a request sets throws, and nothing of the batch is applied", () => {
    const env = fakeEnvironment();
    env.spreadsheet._addSheet("A", [["a"]]);
    const api = env.globals.Sheets as { Spreadsheets: { batchUpdate: (r: unknown, id: string) => unknown } };
    const range = { sheetId: 1, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 };
    const setA1 = {
      updateCells: { range, rows: [{ values: [{ userEnteredValue: { stringValue: "đổi" } }] }], fields: "userEnteredValue" },
    };
    expect(() => api.Spreadsheets.batchUpdate({ requests: [setA1, { addBanding: {} }] }, "fake-spreadsheet")).toThrow(/addBanding/);
    expect(() =>
      api.Spreadsheets.batchUpdate(
        {
          requests: [
            setA1,
            {
              repeatCell: { range, cell: { userEnteredFormat: { textFormat: { bold: true } } }, fields: "userEnteredFormat.wrapStrategy" },
            },
          ],
        },
        "fake-spreadsheet",
      ),
    ).toThrow(/textFormat.bold.*fields/);
    expect(() =>
      api.Spreadsheets.batchUpdate(
        { requests: [{ updateCells: { range, rows: [{ values: [{ note: "x" }] }], fields: "userEnteredValue" } }] },
        "fake-spreadsheet",
      ),
    ).toThrow(/note/);
    // As Sheets: no merge across the frozen rows.
    const frozen = {
      updateSheetProperties: { properties: { sheetId: 1, gridProperties: { frozenRowCount: 1 } }, fields: "gridProperties.frozenRowCount" },
    };
    const merge = { mergeCells: { range: { ...range, endRowIndex: 3 }, mergeType: "MERGE_ALL" } };
    expect(() => api.Spreadsheets.batchUpdate({ requests: [setA1, frozen, merge] }, "fake-spreadsheet")).toThrow(/frozen/);
    expect(env.spreadsheet._sheet("A")!._grid()).toEqual([["a"]]);
    expect(env.spreadsheet._sheet("A")!._frozenRows).toBe(0);
    api.Spreadsheets.batchUpdate({ requests: [setA1] }, "fake-spreadsheet");
    expect(env.spreadsheet._sheet("A")!._grid()).toEqual([["đổi"]]);
    expect(env.log.calls.get("Sheets.batchUpdate")).toBe(5);
  });

  it("reads a very tall sheet (mostly empty rows) to its data range only, and still knows its grid size", async () => {
    const { env, host } = setup();
    env.spreadsheet._addSheet(
      "Điểm - Sở",
      [
        ["a", 1],
        [null, 2],
      ],
      { rows: 6000, cols: 30 },
    );
    env.log.reset();
    expect(host.readSheets(["Điểm - Sở"])["Điểm - Sở"]).toEqual([
      ["a", 1],
      [null, 2],
    ]);
    expect(env.log.calls.get("Sheet.getDataRange")).toBe(1);
    // Its grid (6000 × 30 = 180 000 cells) counts against the file's limit: with 9 820 000 cells beside it the
    // file is full, and one more column of 1000 rows is too many.
    env.spreadsheet._addSheet("Lớn", [], { rows: 1000, cols: 9820 });
    const plan: SheetWrite[] = [{ sheet: "Lớn", mode: "update", blocks: [{ row: 0, col: 9820, values: [[1]] }] }];
    expect(() => host.write(plan)).toThrow(/10001000 ô/);
    expect(env.log.count("change")).toBe(0);
  });

  it("reads only column A of the sheets named in firstColumnOnly (one getValues each)", async () => {
    const { env, host } = setup();
    env.spreadsheet._addSheet("Biểu 1", [
      ["Biểu số 1", "x", "y"],
      [null, 5, 6],
      ["Tạo bởi cchc-index 0.1.0 từ dữ liệu #0123456789", null, 7],
    ]);
    env.spreadsheet._addSheet("Cài đặt", [["Năm", 2023]]);
    env.log.reset();
    const grids = host.readSheets(["Biểu 1", "Cài đặt"], { firstColumnOnly: ["Biểu 1"] });
    expect(grids["Biểu 1"]).toEqual([["Biểu số 1"], [null], ["Tạo bởi cchc-index 0.1.0 từ dữ liệu #0123456789"]]);
    expect(grids["Cài đặt"]).toEqual([["Năm", 2023]]);
    expect(env.log.calls.get("Range.getValues")).toBe(2);
  });
});

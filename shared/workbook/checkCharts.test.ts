import { describe, expect, it } from "vitest";
import { checkSheetWrites } from "./checkSheetWrites.ts";
import type { ChartSpec, SheetWrite } from "./port.ts";

/** Five units (A2:A6) with their index (B2:B6) and the mean (C2:C6), under a header row. */
function plan(chart: Partial<ChartSpec> = {}, change: Partial<SheetWrite> = {}): SheetWrite[] {
  const spec: ChartSpec = {
    id: "chi-so",
    kind: "column",
    title: "Chỉ số CCHC",
    categories: { row: 1, col: 0, rows: 5, cols: 1 },
    series: [
      { name: "Chỉ số", values: { row: 1, col: 1, rows: 5, cols: 1 } },
      { name: "Trung bình", values: { row: 1, col: 2, rows: 5, cols: 1 }, kind: "line" },
    ],
    numberFormat: "0.00",
    anchor: { row: 8, col: 0 },
    width: 400,
    height: 300,
    ...chart,
  };
  return [
    {
      sheet: "Tổng quan",
      mode: "replace",
      blocks: [
        { row: 0, col: 0, values: [["Đơn vị", "Chỉ số", "Trung bình"]] },
        { row: 1, col: 0, values: ["A", "B", "C", "D", "E"].map((u, i) => [u, 80 + i, 82]) },
      ],
      charts: [spec],
      ...change,
    },
  ];
}

describe("checkSheetWrites: native charts", () => {
  it("accepts a chart over the cells the plan writes on a replaced sheet", () => {
    expect(() => checkSheetWrites(plan())).not.toThrow();
    expect(() =>
      checkSheetWrites(plan({ kind: "pie", series: [{ name: "Chỉ số", values: { row: 1, col: 1, rows: 5, cols: 1 } }] })),
    ).not.toThrow();
  });

  it("refuses charts on a sheet it updates", () => {
    expect(() => checkSheetWrites(plan({}, { mode: "update" }))).toThrow(
      'Tổng quan: biểu đồ "chi-so" chỉ được vẽ trên trang tính được ghi mới toàn bộ (mode "replace"), không trên trang tính cập nhật',
    );
  });

  it("refuses ranges outside the written cells, of another length, or wider than a column", () => {
    expect(() => checkSheetWrites(plan({ categories: { row: 1, col: 0, rows: 6, cols: 1 } }))).toThrow(
      'Tổng quan: biểu đồ "chi-so": vùng nhãn (A2:A7) có ô A7 nằm ngoài các ô được ghi trên trang tính',
    );
    expect(() => checkSheetWrites(plan({ series: [{ name: "Chỉ số", values: { row: 1, col: 3, rows: 5, cols: 1 } }] }))).toThrow(
      'vùng giá trị của dãy "Chỉ số" (D2:D6) có ô D2 nằm ngoài các ô được ghi',
    );
    expect(() => checkSheetWrites(plan({ series: [{ name: "Chỉ số", values: { row: 1, col: 1, rows: 4, cols: 1 } }] }))).toThrow(
      'vùng giá trị của dãy "Chỉ số" có 4 ô, vùng nhãn có 5 ô',
    );
    expect(() => checkSheetWrites(plan({ categories: { row: 1, col: 0, rows: 5, cols: 2 } }))).toThrow("vùng nhãn (A2:B6) phải là một cột");
  });

  it("refuses a pie of two series, a line over horizontal bars, two charts of one id, bad colours, bounds and sizes", () => {
    const one = plan().at(0)?.charts?.[0] as ChartSpec;
    expect(() => checkSheetWrites(plan({ kind: "pie" }))).toThrow("biểu đồ tròn chỉ có một dãy số liệu");
    expect(() => checkSheetWrites(plan({ kind: "bar" }))).toThrow('dãy "Trung bình" là đường, không vẽ chung được với thanh ngang');
    expect(() => checkSheetWrites(plan({}, { charts: [one, { ...one, title: "Khác" }] }))).toThrow(
      'Tổng quan: hai biểu đồ cùng tên "chi-so"',
    );
    expect(() => checkSheetWrites(plan({ id: " " }))).toThrow("Tổng quan: một biểu đồ không có tên (id)");
    expect(() => checkSheetWrites(plan({ series: [{ ...one.series[0]!, color: "xanh" }] }))).toThrow('mã màu không hợp lệ "xanh"');
    expect(() => checkSheetWrites(plan({ valueAxisMin: 100, valueAxisMax: 0 }))).toThrow("giới hạn trục giá trị không hợp lệ (100 … 0)");
    expect(() => checkSheetWrites(plan({ width: 0 }))).toThrow("rộng 0 điểm, ngoài giới hạn");
    expect(() => checkSheetWrites(plan({ height: Number.NaN }))).toThrow("cao NaN điểm");
    expect(() => checkSheetWrites(plan({ anchor: { row: -1, col: 0 } }))).toThrow("ô neo không hợp lệ");
    expect(() => checkSheetWrites(plan({ numberFormat: "" }))).toThrow("thiếu định dạng số");
    expect(() => checkSheetWrites(plan({ series: [] }))).toThrow("không có dãy số liệu nào");
  });
});

import type { HostLimits } from "./hostLimits.ts";
import { cellAddress, type CellRange, type SheetWrite } from "./port.ts";

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const KINDS = new Set(["column", "bar", "line", "pie"]);
const SERIES_KINDS = new Set(["column", "bar", "line"]);
/** Largest chart side accepted, in points (about 1,76 m: far past any page; guards against unit mistakes). */
export const MAX_CHART_POINTS = 5000;

/**
 * Checks the native charts of one sheet of a write plan (part of `checkSheetWrites`): charts only on a sheet
 * written in `replace` mode (a chart is owned with its sheet), a unique non-empty id each, a known kind, one
 * series at least (exactly one for a pie; no line over horizontal bars), one-column ranges of the same length
 * lying inside the cells the plan writes on that sheet, colours "#RRGGBB", a number format, sane axis bounds,
 * anchor and size. Throws an Error naming the sheet and the chart, in Vietnamese.
 *
 * @example
 * const chart = { id: "c", kind: "column", title: "Chỉ số", numberFormat: "0.00", anchor: { row: 0, col: 3 }, width: 400, height: 300,
 *   categories: { row: 0, col: 0, rows: 2, cols: 1 }, series: [{ name: "Chỉ số", values: { row: 0, col: 1, rows: 2, cols: 1 } }] } as const;
 * checkCharts({ sheet: "Tổng quan", mode: "replace", blocks: [{ row: 0, col: 0, values: [["A", 1], ["B", 2]] }], charts: [chart] }, EXCEL_LIMITS); // passes
 * checkCharts({ sheet: "Điểm", mode: "update", blocks: [], charts: [chart] }, EXCEL_LIMITS); // throws: Điểm: biểu đồ "c" chỉ được vẽ …
 */
export function checkCharts(change: SheetWrite, limits: HostLimits): void {
  const charts = change.charts ?? [];
  if (charts.length === 0) return;
  const sheet = change.sheet;
  const ids = new Set<string>();
  for (const chart of charts) {
    const id = typeof chart.id === "string" ? chart.id.trim() : "";
    if (id === "") throw new Error(`${sheet}: một biểu đồ không có tên (id)`);
    const where = `${sheet}: biểu đồ "${chart.id}"`;
    if (change.mode !== "replace") {
      throw new Error(`${where} chỉ được vẽ trên trang tính được ghi mới toàn bộ (mode "replace"), không trên trang tính cập nhật`);
    }
    if (ids.has(id)) throw new Error(`${sheet}: hai biểu đồ cùng tên "${chart.id}"`);
    ids.add(id);
    if (!KINDS.has(chart.kind)) throw new Error(`${where}: loại biểu đồ không hợp lệ "${String(chart.kind)}"`);
    if (typeof chart.title !== "string") throw new Error(`${where}: thiếu tiêu đề`);
    if (typeof chart.numberFormat !== "string" || chart.numberFormat.trim() === "") {
      throw new Error(`${where}: thiếu định dạng số (numberFormat)`);
    }
    const range = (r: CellRange, what: string): void => {
      if (![r.row, r.col, r.rows, r.cols].every((n) => Number.isInteger(n) && n >= 0) || r.rows === 0) {
        throw new Error(`${where}: ${what} có toạ độ không hợp lệ (${JSON.stringify(r)})`);
      }
      if (r.cols !== 1) throw new Error(`${where}: ${what} (${rangeText(r)}) phải là một cột`);
      if (r.row + r.rows > limits.maxRows || r.col + 1 > limits.maxCols) {
        throw new Error(`${where}: ${what} vượt kích thước tối đa của một trang tính ${limits.name}`);
      }
      const outside = firstCellOutside(change, r);
      if (outside !== undefined) {
        throw new Error(`${where}: ${what} (${rangeText(r)}) có ô ${outside} nằm ngoài các ô được ghi trên trang tính`);
      }
    };
    range(chart.categories, "vùng nhãn");
    if (!Array.isArray(chart.series) || chart.series.length === 0) throw new Error(`${where}: không có dãy số liệu nào`);
    if (chart.kind === "pie" && chart.series.length !== 1) throw new Error(`${where}: biểu đồ tròn chỉ có một dãy số liệu`);
    for (const s of chart.series) {
      const what = `dãy "${s.name}"`;
      if (typeof s.name !== "string") throw new Error(`${where}: một dãy số liệu không có tên`);
      if (s.kind !== undefined && !SERIES_KINDS.has(s.kind))
        throw new Error(`${where}: ${what} có kiểu vẽ không hợp lệ "${String(s.kind)}"`);
      if (chart.kind === "bar" && s.kind === "line") {
        throw new Error(`${where}: ${what} là đường, không vẽ chung được với thanh ngang`);
      }
      range(s.values, `vùng giá trị của ${what}`);
      if (s.values.rows !== chart.categories.rows) {
        throw new Error(`${where}: vùng giá trị của ${what} có ${s.values.rows} ô, vùng nhãn có ${chart.categories.rows} ô`);
      }
      if (s.color !== undefined && !HEX_COLOR.test(s.color))
        throw new Error(`${where}: mã màu không hợp lệ "${s.color}" (cần dạng #RRGGBB)`);
    }
    const { valueAxisMin: min, valueAxisMax: max } = chart;
    if (
      (min !== undefined && !Number.isFinite(min)) ||
      (max !== undefined && !Number.isFinite(max)) ||
      (min !== undefined && max !== undefined && min >= max)
    ) {
      throw new Error(`${where}: giới hạn trục giá trị không hợp lệ (${String(min)} … ${String(max)})`);
    }
    const { row, col } = chart.anchor ?? { row: -1, col: -1 };
    if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0 || row >= limits.maxRows || col >= limits.maxCols) {
      throw new Error(`${where}: ô neo không hợp lệ (${JSON.stringify(chart.anchor)})`);
    }
    for (const [what, v] of [
      ["rộng", chart.width],
      ["cao", chart.height],
    ] as const) {
      if (!(Number.isFinite(v) && v > 0 && v <= MAX_CHART_POINTS)) {
        throw new Error(`${where}: ${what} ${v} điểm, ngoài giới hạn 0 … ${MAX_CHART_POINTS} điểm`);
      }
    }
  }
}

/** The first cell of a one-column range that no block of the plan writes, as "C45", or undefined. */
function firstCellOutside(change: SheetWrite, r: CellRange): string | undefined {
  for (let row = r.row; row < r.row + r.rows; row++) {
    const written = change.blocks.some((b) => {
      const line = b.values[row - b.row];
      return row >= b.row && line !== undefined && r.col >= b.col && r.col < b.col + line.length;
    });
    if (!written) return cellAddress(row, r.col);
  }
  return undefined;
}

function rangeText(r: CellRange): string {
  const first = cellAddress(r.row, r.col);
  const last = cellAddress(r.row + Math.max(r.rows, 1) - 1, r.col + Math.max(r.cols, 1) - 1);
  return first === last ? first : `${first}:${last}`;
}

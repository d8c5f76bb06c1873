import type { SheetLayout } from "./port.ts";
import { columnWidthPt } from "./wrappedRowHeight.ts";

/**
 * An A4 sheet of paper, in points (210 × 297 mm).
 *
 * @example
 * A4_PT.height / A4_PT.width; // ≈ 1.414 (√2)
 */
export const A4_PT = { width: 595.28, height: 841.89 } as const;

/**
 * Page margins in points: Excel's "Normal" margins (left and right 0.7 inch, top and bottom 0.75 inch), which
 * every host uses for the sheets the tool writes (exceljs and a new Excel or Google sheet start with them).
 *
 * @example
 * NORMAL_MARGINS_PT.left; // 50.4 (0.7 × 72)
 */
export const NORMAL_MARGINS_PT = { left: 50.4, right: 50.4, top: 54, bottom: 54 } as const;

/** The size of the area a page prints in, in points. */
export interface PrintArea {
  width: number;
  height: number;
}

/**
 * The printable area of an A4 page in an orientation, inside the margins.
 *
 * @example
 * printArea("landscape").width; // 741.09 (841.89 − 2 × 50.4)
 * printArea("portrait").width;  // 494.48
 */
export function printArea(
  orientation: "portrait" | "landscape",
  margins: { left: number; right: number; top: number; bottom: number } = NORMAL_MARGINS_PT,
): PrintArea {
  const [w, h] = orientation === "landscape" ? [A4_PT.height, A4_PT.width] : [A4_PT.width, A4_PT.height];
  return {
    width: Math.round((w - margins.left - margins.right) * 100) / 100,
    height: Math.round((h - margins.top - margins.bottom) * 100) / 100,
  };
}

/**
 * Width in points of columns given in characters (Excel's widths; undefined = Excel's default 8.43).
 *
 * @example
 * columnsWidthPt([10, 10]); // 112.5
 */
export function columnsWidthPt(columnWidths: readonly (number | undefined)[]): number {
  return columnWidths.reduce<number>((sum, w) => sum + columnWidthPt(w ?? 8.43), 0);
}

/**
 * The scale Excel (and LibreOffice) prints a sheet at when it is fitted to the page width of A4 (and, with
 * `fitToHeight`, to one page tall): the largest whole percentage at which the columns (and rows) fit, never
 * above 100 % and never below Excel's 10 %. Without `print.fitToWidth` the sheet prints at 100 %.
 *
 * @example
 * // 30 score columns 5.3 wide + STT, Đơn vị and a total: 1 161 pt on a 741 pt landscape line → 63 %.
 * estimatePrintScale({ columnWidths: [5, 26, ...Array(30).fill(5.3), 8], print: { orientation: "landscape", fitToWidth: true } }); // 0.63
 * estimatePrintScale({ columnWidths: [72], print: { orientation: "portrait", fitToWidth: true } }); // 1
 */
export function estimatePrintScale(layout: SheetLayout, rowHeights: readonly number[] = []): number {
  const print = layout.print;
  if (print === undefined || !print.fitToWidth) return 1;
  const area = printArea(print.orientation);
  let scale = Math.min(1, area.width / Math.max(1, columnsWidthPt(layout.columnWidths ?? [])));
  if (print.fitToHeight === true) {
    const height = rowHeights.reduce((a, b) => a + b, 0);
    if (height > 0) scale = Math.min(scale, area.height / height);
  }
  return Math.max(10, Math.floor(scale * 100 + 1e-9)) / 100;
}

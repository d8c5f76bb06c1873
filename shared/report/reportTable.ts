import type { CellRange, CellValue } from "../workbook/port.ts";

/** How a column's numbers are shown. */
export type ColumnKind = "text" | "integer" | "score" | "percent" | "signedScore" | "signedInteger";

/** One column of a report table. */
export interface ReportColumn {
  /** Width in characters. */
  width: number;
  kind: ColumnKind;
  /** One-line note on how the column is computed (Vietnamese), shown under the table. */
  note?: string;
}

/**
 * A report table (Biểu) as pure data: every host only lays it out.
 * Rows are arrays of cells, one per column; merges are relative to the table's top-left cell
 * (row 0 = first title line).
 *
 * @example
 * table.titleLines[0]; // "Biểu số 1"
 * table.header.length; // 2 header rows, merges describe the spanning cells
 */
export interface ReportTable {
  /** Sheet name, e.g. "Biểu 1" or "Biểu 1a". */
  sheetName: string;
  /** "1".."11", "1a".."11a", "1b".."11b"…: by the block's position (`bieuNumber`). */
  number: string;
  /** Lines above the table: "Biểu số 1", the title, "(Kèm theo Quyết định số …)". */
  titleLines: string[];
  /** Header rows (bold, bordered, centred). */
  header: CellValue[][];
  /** Body rows. */
  body: CellValue[][];
  /** Closing rows (Trung bình, Cao nhất, Thấp nhất, Tổng …), bold. */
  footer: CellValue[][];
  columns: ReportColumn[];
  /** Merged ranges, relative: row 0 is the first header row. */
  headerMerges: CellRange[];
  /** Landscape when wide. Header rows are repeated on every printed page (print titles). */
  landscape: boolean;
  /** Lines below the table: column notes ("Chỉ số = Tổng điểm / Điểm tối đa × 100"), stamp. */
  notes: string[];
  /**
   * Decimals of the score, percent and signed score columns (`settings.precision`): 2 when absent. Hosts pick the
   * number formats with `numberFormats(table.precision)`, Markdown with `formatCell(v, kind, table.precision)`.
   */
  precision?: 2 | 3;
}

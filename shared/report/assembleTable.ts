import type { CellValue } from "../workbook/port.ts";
import type { ReportColumn, ReportTable } from "./reportTable.ts";
import { bieuSheetName } from "./bieuNumber.ts";
import { DEFAULT_PRECISION, scaleOf, type Precision } from "../compute/hundredths.ts";

/** A column while a table is built: its header label for the notes, and its note. */
export interface ColumnSpec extends ReportColumn {
  /** Short label used to start the column's note ("Chỉ số"). */
  label: string;
}

/**
 * Total column width (characters) above which a table is printed landscape.
 *
 * @example
 * [6, 36, 10, 10].reduce((a, b) => a + b) > LANDSCAPE_WIDTH; // false: portrait
 */
export const LANDSCAPE_WIDTH = 100;

/**
 * Puts a report table together (sheet "Biểu N" from its number; `precision` as the block's, 2 when left out): the notes are the columns' notes ("Chỉ số: …"), then `extraNotes`, then the
 * stamp; the table is landscape when its columns are wider than {@link LANDSCAPE_WIDTH} characters.
 *
 * @example
 * const t = assembleTable({
 *   number: "1", titleLines: ["Biểu số 1"],
 *   header: [["STT"]], body: [[1]], footer: [], headerMerges: [],
 *   columns: [{ label: "STT", width: 6, kind: "integer", note: "thứ tự theo xếp hạng" }],
 * }, "Tạo bởi cchc-index");
 * t.notes; // ["STT: thứ tự theo xếp hạng", "Tạo bởi cchc-index"]
 * t.landscape; // false
 */
export function assembleTable(
  parts: Omit<ReportTable, "sheetName" | "columns" | "landscape" | "notes"> & { columns: ColumnSpec[]; extraNotes?: string[] },
  stamp: string | undefined,
): ReportTable {
  const columns: ReportColumn[] = parts.columns.map(({ width, kind, note }) =>
    note === undefined ? { width, kind } : { width, kind, note },
  );
  const notes = parts.columns.filter((c) => c.note !== undefined).map((c) => `${c.label}: ${c.note ?? ""}`);
  notes.push(...(parts.extraNotes ?? []));
  if (stamp !== undefined && stamp !== "") notes.push(stamp);
  const width = columns.reduce((s, c) => s + c.width, 0);
  const { columns: _specs, extraNotes: _extra, ...rest } = parts;
  return { sheetName: bieuSheetName(parts.number), ...rest, columns, landscape: width > LANDSCAPE_WIDTH, notes };
}

/**
 * Converts hundredths (units of 10^-precision) to a cell value (`null`/`undefined` give an empty cell).
 *
 * @example
 * cellH(8597);     // 85.97
 * cellH(87654, 3); // 87.654
 * cellH(null);     // null
 */
export function cellH(h: number | null | undefined, precision: Precision = DEFAULT_PRECISION): CellValue {
  return h === null || h === undefined ? null : h / scaleOf(precision);
}

/**
 * "0,01" or "0,001": the step figures are rounded to, as the tables' notes say it ("làm tròn đến 0,01").
 *
 * @example
 * roundingStep(2); // "0,01"
 * roundingStep(3); // "0,001"
 */
export function roundingStep(precision: Precision = DEFAULT_PRECISION): string {
  return precision === 3 ? "0,001" : "0,01";
}

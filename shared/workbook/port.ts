/**
 * The one interface between the core and a spreadsheet host (exceljs, Office JS, Apps Script).
 * Hosts only move values and formats; every decision (what to read, what to write, where) is the core's.
 * Rows and columns are 0-based here; `A1` addresses are made by `cellAddress`.
 */

/**
 * A value now or later: hosts over asynchronous APIs (Office JS, exceljs) return promises; hosts over synchronous
 * ones (Apps Script) return plain values, so the whole job runs synchronously there and a server function can
 * hand its result straight back to a sidebar.
 */
export type MaybePromise<T> = T | Promise<T>;

/** A cell's value as hosts exchange it. Strings are always literal text, never formulas. */
export type CellValue = string | number | boolean | null;

/**
 * What a host hands for a formula cell that holds no calculated value (a file written by a program that does not
 * calculate, such as openpyxl or exceljs, and never opened in Excel since). Without it such a cell would read as
 * empty and be reported as "chưa có điểm"; with it the core says the formula has not been calculated.
 * Only `readSheets` hands it; writes never carry it.
 *
 * @example
 * const cell: UncalculatedFormula = { uncalculated: true, formula: "=SUM(D5:D9)" };
 */
export interface UncalculatedFormula {
  uncalculated: true;
  /** The formula as written, with or without its leading "=". */
  formula: string;
}

/** A value as `readSheets` hands it: a cell value, or the marker of a formula without a calculated value. */
export type ReadValue = CellValue | UncalculatedFormula;

/**
 * Whether a read value is the marker of a formula without a calculated value.
 *
 * @example
 * isUncalculatedFormula({ uncalculated: true, formula: "=A1" }); // true
 * isUncalculatedFormula("=A1"); // false (text)
 */
export function isUncalculatedFormula(v: unknown): v is UncalculatedFormula {
  return typeof v === "object" && v !== null && (v as { uncalculated?: unknown }).uncalculated === true;
}

/** Formatting of a cell; every field optional, absent = host default. */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontName?: string;
  fontSize?: number;
  /** Excel number format code, e.g. "0.00" (shown "85,97" under a Vietnamese locale) or "@" for text. */
  numberFormat?: string;
  hAlign?: "left" | "center" | "right";
  vAlign?: "top" | "middle" | "bottom";
  wrap?: boolean;
  /** Background fill, "#RRGGBB". */
  fill?: string;
  /** Font colour, "#RRGGBB". */
  color?: string;
  /** Thin border on all four sides. */
  border?: boolean;
}

/** A rectangle of cells, 0-based, `rows` × `cols` in size. */
export interface CellRange {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * A rectangle of values written in one host call. `styles`, when given, has the shape of `values`
 * (null = only `style`). `style` applies to the whole block first.
 */
export interface WriteBlock {
  row: number;
  col: number;
  values: CellValue[][];
  style?: CellStyle;
  styles?: (CellStyle | null)[][];
  /** Absolute ranges to merge (inside or outside the block). */
  merges?: CellRange[];
  /** A note (comment) put on the block's top-left cell, e.g. to mark an area the tool owns. */
  note?: string;
  /** Row heights in points for rows of this block, by offset from `row` (undefined = default). */
  rowHeights?: (number | undefined)[];
}

/** Page and view settings of a sheet. */
export interface SheetLayout {
  /** Column widths in characters, from column A; undefined = leave as is. */
  columnWidths?: (number | undefined)[];
  frozenRows?: number;
  frozenCols?: number;
  /** A4 page setup: fit all columns to the page width; `fitToHeight` also fits all rows on one page. */
  print?: { orientation: "portrait" | "landscape"; fitToWidth: boolean; fitToHeight?: boolean };
  /** Rows (0-based, `rows` of them from `row`) repeated at the top of every printed page (print titles). */
  printTitleRows?: { row: number; rows: number };
  /**
   * Manual page breaks: each row (0-based) starts a new printed page (.xlsx `<rowBreaks>`, Excel
   * `horizontalPageBreaks`, ExcelApi 1.9). Google Sheets has no page-break API: there the rows are ignored.
   */
  rowBreaks?: number[];
  tabColor?: string;
}

/**
 * One series of a chart: its name and the cells of its values (a one-column range of the same sheet, as long as
 * the chart's categories).
 */
export interface ChartSeries {
  /** Legend text, e.g. "Nhóm A" or "Chỉ số trung bình". */
  name: string;
  values: CellRange;
  /** How this series is drawn; a "line" series over a "column" chart makes a combo chart (e.g. the block mean). */
  kind?: "column" | "bar" | "line";
  /** Fill (bars) or line colour, "#RRGGBB". */
  color?: string;
}

/**
 * A native chart the host draws over cells of the same sheet (Excel: `worksheet.charts.add`; Google Sheets: an
 * embedded chart; .xlsx: a chart part). Charts live only on sheets written in `replace` mode, so a chart is owned
 * with its sheet and regenerated with it; a person's own charts elsewhere are never touched.
 *
 * @example
 * const chart: ChartSpec = {
 *   id: "xep-hang-so",
 *   kind: "column",
 *   title: "Chỉ số CCHC năm 2023 - Các sở, ban, ngành",
 *   categories: { row: 40, col: 1, rows: 20, cols: 1 },
 *   series: [{ name: "Nhóm A", values: { row: 40, col: 2, rows: 20, cols: 1 }, color: "#2E7D32" }],
 *   valueAxisTitle: "Chỉ số", categoryAxisTitle: "Đơn vị", numberFormat: "0.00",
 *   anchor: { row: 2, col: 0 }, width: 720, height: 360,
 * };
 */
export interface ChartSpec {
  /** Stable name of the chart object within its sheet (hosts name the object by it), e.g. "xep-hang-so". */
  id: string;
  /** "column": vertical bars; "bar": horizontal bars; "line"; "pie". */
  kind: "column" | "bar" | "line" | "pie";
  title: string;
  /** Category labels: a one-column range of the same sheet (unit names, field names, group names). */
  categories: CellRange;
  series: ChartSeries[];
  /** Several bar series drawn in one place (one series per group, each unit in one of them): overlap 100 %. */
  overlap?: boolean;
  categoryAxisTitle?: string;
  valueAxisTitle?: string;
  /** Value axis bounds, when the default would mislead (e.g. a share axis from 0 to 100). */
  valueAxisMin?: number;
  valueAxisMax?: number;
  /** Number format of the value axis and data labels, e.g. "0.00" (shown "85,97" under a Vietnamese locale). */
  numberFormat: string;
  /** Show each point's value on the chart. */
  dataLabels?: boolean;
  /** Whether to show the legend (default: when there is more than one series). */
  legend?: boolean;
  /** Top-left cell the chart is anchored at; size in points (A4 landscape printable width is about 770 pt). */
  anchor: { row: number; col: number };
  width: number;
  height: number;
}

/**
 * What to do with one sheet. `replace`: the sheet is (re)created whole with these blocks (a sheet the
 * tool owns, such as "Biểu 1"). `update`: the sheet is kept, `clear` ranges are emptied (values and
 * formats), then the blocks are written; nothing else in the sheet changes.
 */
export interface SheetWrite {
  sheet: string;
  mode: "replace" | "update";
  clear?: CellRange[];
  blocks: WriteBlock[];
  layout?: SheetLayout;
  /** Place of a new sheet: after this sheet name (default: at the end). */
  after?: string;
  /**
   * Input checks on ranges (absolute, 0-based): a number from `min` to `max`, with `help` shown to the person
   * typing. Advisory: hosts flag a value outside (Sheets: warning triangle; Excel: warning alert) but accept it,
   * because "KĐG" and a decimal comma typed as text ("3,5") must stay possible; importers check strictly.
   */
  validations?: { range: CellRange; min: number; max: number; help: string }[];
  /** Native charts over this sheet's cells; only with `mode: "replace"` (the chart is owned with its sheet). */
  charts?: ChartSpec[];
}

/** What to read of the sheets named in a `readSheets` call. */
export interface ReadOptions {
  /**
   * Of these sheets (some of the names read), only column A (from A1 to its last value) is read, as rows of one
   * cell: enough to find the stamp of a generated sheet without moving its whole grid.
   */
  firstColumnOnly?: readonly string[];
}

/**
 * The host port. One `readSheets` call reads every sheet the core needs (one read per sheet);
 * one `write` call applies a whole plan (one write per block).
 *
 * @example
 * const port: WorkbookPort = new XlsxHost(workbook);
 * const names = await port.listSheets();
 * const grids = await port.readSheets(names.filter((n) => n.startsWith("Điểm")));
 */
export interface WorkbookPort {
  /** Sheet names in workbook order. */
  listSheets(): MaybePromise<string[]>;
  /**
   * The values of each named sheet from A1 to the end of its used range, as rows × columns
   * (empty cells null; dates as ISO strings "2024-01-17"; numbers as numbers; text as text; a formula its
   * calculated value, or an `UncalculatedFormula` marker when the file holds none).
   */
  readSheets(names: readonly string[], options?: ReadOptions): MaybePromise<Record<string, ReadValue[][]>>;
  /** Apply a whole plan of writes, in order. */
  write(changes: readonly SheetWrite[]): MaybePromise<void>;
}

/**
 * `A1`-style address of a 0-based cell.
 *
 * @example
 * cellAddress(11, 5); // "F12"
 * cellAddress(0, 26); // "AA1"
 */
export function cellAddress(row: number, col: number): string {
  return columnLetters(col) + String(row + 1);
}

/**
 * Column letters of a 0-based column index.
 *
 * @example
 * columnLetters(0); // "A"
 * columnLetters(27); // "AB"
 */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

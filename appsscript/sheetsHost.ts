/**
 * The Google Sheets host: implements the core's `WorkbookPort` over the active spreadsheet with batched
 * SpreadsheetApp calls. It only moves values and formats; every decision is the core's.
 *
 * Calls: `listSheets` = one `getSheets()`; `readSheets` = one `getDataRange().getValues()` per sheet (the sheet
 * list is kept from `listSheets`); `write` = per block one `setValues` on the whole block, and per style aspect
 * one call per distinct value (on the whole block, or on a `RangeList` of the cells holding that value) —
 * never a call per cell, so the number of calls does not grow with the number of units.
 */
import type { CellRange, CellStyle, CellValue, SheetLayout, SheetWrite, WorkbookPort, WriteBlock } from "../shared/workbook/port.ts";
import { checkSheetWrites } from "../shared/workbook/checkSheetWrites.ts";
import { trimmedGrid } from "../shared/workbook/trimmedGrid.ts";
import { rectanglesByValue } from "../shared/workbook/rectanglesByValue.ts";
import { cellAddress } from "../shared/workbook/port.ts";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type RangeList = GoogleAppsScript.Spreadsheet.RangeList;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

/** Services the host needs besides the spreadsheet (Apps Script globals by default). */
export interface SheetsHostServices {
  newDataValidation: () => GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  formatDate: (date: Date, timeZone: string, pattern: string) => string;
}


/**
 * `WorkbookPort` over a Google spreadsheet.
 *
 * @example
 * const host = new SheetsHost(SpreadsheetApp.getActiveSpreadsheet());
 * const outcome = recalculateWorkbook(host); // synchronous: the Sheets host returns plain values
 */
export class SheetsHost implements WorkbookPort {
  private list: { name: string; sheet: Sheet }[] | null = null;
  private timeZone: string | null = null;

  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly services: SheetsHostServices = {
      newDataValidation: () => SpreadsheetApp.newDataValidation(),
      formatDate: (d, tz, p) => Utilities.formatDate(d, tz, p),
    },
  ) {}

  listSheets(): string[] {
    return this.sheets().map((s) => s.name);
  }

  readSheets(names: readonly string[]): Record<string, CellValue[][]> {
    const out: Record<string, CellValue[][]> = {};
    for (const name of names) {
      const sheet = this.find(name);
      if (sheet === undefined) throw new Error(`Không có trang tính "${name}" trong bảng tính`);
      out[name] = this.toGrid(sheet.getDataRange().getValues());
    }
    return out;
  }

  write(changes: readonly SheetWrite[]): void {
    // Check the whole plan first, so a bad plan changes nothing.
    checkSheetWrites(changes);
    // Sheets activates every inserted sheet: note where the person is, to bring them back afterwards.
    const inserts = changes.some((c) => c.mode === "replace" || this.find(c.sheet) === undefined);
    const activeName = inserts ? (this.spreadsheet.getActiveSheet()?.getName() ?? null) : null;
    for (const change of changes) {
      const sheet = change.mode === "replace" ? this.replaceSheet(change) : this.updateSheet(change);
      for (const block of change.blocks) writeBlock(sheet, block, change.mode === "replace");
      if (change.validations !== undefined && change.validations.length > 0) {
        applyValidations(sheet, change.validations, this.services);
      }
      if (change.layout !== undefined) applyLayout(sheet, change.layout);
    }
    if (activeName !== null) this.find(activeName)?.activate();
  }

  /** The sheet list, read once per host. */
  private sheets(): { name: string; sheet: Sheet }[] {
    this.list ??= this.spreadsheet.getSheets().map((sheet) => ({ name: sheet.getName(), sheet }));
    return this.list;
  }

  /** Exact name first, then Sheets' case-insensitive match. */
  private find(name: string): Sheet | undefined {
    const list = this.sheets();
    const exact = list.find((s) => s.name === name);
    if (exact !== undefined) return exact.sheet;
    const lower = name.toLocaleLowerCase("vi");
    return list.find((s) => s.name.toLocaleLowerCase("vi") === lower)?.sheet;
  }

  private indexOf(sheet: Sheet): number {
    return this.sheets().findIndex((s) => s.sheet === sheet);
  }

  /** Where a new sheet goes: right after `after` when that sheet exists, else at the end. */
  private insertIndex(after: string | undefined): number {
    if (after !== undefined) {
      const anchor = this.find(after);
      if (anchor !== undefined) return this.indexOf(anchor) + 1;
    }
    return this.sheets().length;
  }

  private insertAt(name: string, index: number): Sheet {
    const sheet = this.spreadsheet.insertSheet(name, index);
    this.sheets().splice(index, 0, { name, sheet });
    return sheet;
  }

  /** Deletes the sheet if present and inserts it anew at the same place (or after `after`, or at the end). */
  private replaceSheet(change: SheetWrite): Sheet {
    const existing = this.find(change.sheet);
    if (existing === undefined) return this.insertAt(change.sheet, this.insertIndex(change.after));
    const list = this.sheets();
    const index = this.indexOf(existing);
    if (list.length === 1) {
      // Sheets cannot delete its only sheet: empty it instead.
      existing.clear();
      return existing;
    }
    this.spreadsheet.deleteSheet(existing);
    list.splice(index, 1);
    return this.insertAt(change.sheet, index);
  }

  /** Keeps the sheet (creates it if missing) and empties its `clear` ranges (values, formats, notes, merges). */
  private updateSheet(change: SheetWrite): Sheet {
    const sheet = this.find(change.sheet) ?? this.insertAt(change.sheet, this.insertIndex(change.after));
    const ranges = (change.clear ?? []).filter((r) => r.rows > 0 && r.cols > 0).map(rangeA1);
    if (ranges.length > 0) {
      const list = sheet.getRangeList(ranges);
      list.breakApart();
      list.clear();
      list.clearNote();
    }
    return sheet;
  }

  /** Port values from `getValues()`: "" → null, dates → "YYYY-MM-DD", trailing empty rows and columns dropped. */
  private toGrid(values: unknown[][]): CellValue[][] {
    return trimmedGrid(values.map((line) => line.map((v) => this.toCell(v))));
  }


  private toCell(v: unknown): CellValue {
    if (v === null || v === undefined || v === "") return null;
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (typeof v === "string" || typeof v === "boolean") return v;
    // Dates come from another realm in tests (vm): compare the tag, not `instanceof`.
    if (Object.prototype.toString.call(v) === "[object Date]") {
      const d = v as Date;
      if (Number.isNaN(d.getTime())) return null;
      this.timeZone ??= this.spreadsheet.getSpreadsheetTimeZone();
      return this.services.formatDate(d, this.timeZone, "yyyy-MM-dd");
    }
    return JSON.stringify(v); // getValues() holds numbers, strings, booleans and dates only: anything else as JSON text
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Checks


// ---------------------------------------------------------------------------------------------------------------
// Writing

/** "B3:D7" (or "B3") of a 0-based range. */
function rangeA1(r: CellRange): string {
  const tl = cellAddress(r.row, r.col);
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${cellAddress(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/**
 * Applies one style aspect to a block: the value held by every cell in one call on the block's range; else
 * per distinct value one call on a `RangeList` of the cells holding it. Cells without a value are untouched.
 */
function applyAspect<T>(
  sheet: Sheet,
  range: Range,
  origin: { row: number; col: number },
  grid: (T | undefined)[][],
  apply: (target: Range | RangeList, value: T) => void,
  order?: (a: T, b: T) => number,
): void {
  const groups = rectanglesByValue(grid);
  if (groups.size === 0) return;
  const height = grid.length;
  const width = grid[0]?.length ?? 0;
  if (groups.size === 1) {
    const [value, rects] = [...groups][0]!;
    if (rects.length === 1 && rects[0]!.rows === height && rects[0]!.cols === width) {
      apply(range, value);
      return;
    }
  }
  const entries = [...groups];
  if (order !== undefined) entries.sort((a, b) => order(a[0], b[0]));
  for (const [value, rects] of entries) {
    const a1s = rects.map((r) => rangeA1({ row: origin.row + r.row, col: origin.col + r.col, rows: r.rows, cols: r.cols }));
    apply(sheet.getRangeList(a1s), value);
  }
}

function mergedStyle(base: CellStyle | undefined, own: CellStyle | null | undefined): CellStyle | undefined {
  if (base === undefined) return own ?? undefined;
  if (own === null || own === undefined) return base;
  return { ...base, ...own };
}

/** Points → pixels (Sheets sizes rows in pixels). */
const pointsToPixels = (pt: number): number => Math.max(1, Math.round((pt * 4) / 3));
/** Excel character widths → pixels (7 px per character of the default font, plus padding). */
const charsToPixels = (chars: number): number => Math.max(1, Math.round(chars * 7 + 5));

function writeBlock(sheet: Sheet, block: WriteBlock, fresh: boolean): void {
  const height = block.values.length;
  const width = block.values.reduce((w, line) => Math.max(w, line.length), 0);
  if (height === 0 || width === 0) return;
  const values: CellValue[][] = block.values.map((line) => Array.from({ length: width }, (_, c) => line[c] ?? null));
  const styles: (CellStyle | undefined)[][] = values.map((line, r) =>
    line.map((_, c) => mergedStyle(block.style, block.styles?.[r]?.[c])),
  );
  const origin = { row: block.row, col: block.col };
  // No unmerging here: a replaced sheet is new, and an update's `clear` ranges were unmerged whole (unmerging a
  // range that cuts a person's merge could fail half-way through a plan).
  const range = sheet.getRange(block.row + 1, block.col + 1, height, width);

  const aspect = <T>(pick: (s: CellStyle, v: CellValue) => T | undefined): (T | undefined)[][] =>
    values.map((line, r) => line.map((v, c) => pick(styles[r]![c] ?? {}, v)));

  // Text stays text: "@" on every string cell before the values go in (setValues parses "=…", "1.10", "3,5").
  applyAspect(
    sheet,
    range,
    origin,
    aspect((s, v) => (typeof v === "string" && v !== "" ? "@" : s.numberFormat)),
    (t, f) => t.setNumberFormat(f),
  );
  range.setValues(values.map((line) => line.map((v) => (v === null ? "" : v))));

  // On a new (or emptied) sheet, a value equal to Sheets' default needs no call.
  const unlessDefault = <T>(v: T | undefined, fallback: T): T | undefined => (fresh && v === fallback ? undefined : v);
  applyAspect(
    sheet,
    range,
    origin,
    aspect((s) => unlessDefault(s.bold === undefined ? undefined : s.bold ? "bold" : "normal", "normal")),
    (t, v) => t.setFontWeight(v),
  );
  applyAspect(
    sheet,
    range,
    origin,
    aspect((s) => unlessDefault(s.italic === undefined ? undefined : s.italic ? "italic" : "normal", "normal")),
    (t, v) => t.setFontStyle(v),
  );
  applyAspect(sheet, range, origin, aspect((s) => s.fontName), (t, v) => t.setFontFamily(v));
  applyAspect(sheet, range, origin, aspect((s) => s.fontSize), (t, v) => t.setFontSize(v));
  applyAspect(sheet, range, origin, aspect((s) => s.hAlign), (t, v) => t.setHorizontalAlignment(v));
  applyAspect(sheet, range, origin, aspect((s) => s.vAlign), (t, v) => t.setVerticalAlignment(v));
  applyAspect(sheet, range, origin, aspect((s) => unlessDefault(s.wrap, false)), (t, v) => t.setWrap(v));
  applyAspect(sheet, range, origin, aspect((s) => s.fill?.toUpperCase()), (t, v) => t.setBackground(v));
  applyAspect(sheet, range, origin, aspect((s) => s.color?.toUpperCase()), (t, v) => t.setFontColor(v));
  // Borders off first, then on, so a bordered cell keeps the edge it shares with an unbordered one.
  applyAspect(
    sheet,
    range,
    origin,
    aspect((s) => unlessDefault(s.border, false)),
    (t, on) => t.setBorder(on, on, on, on, on, on),
    (a, b) => Number(a) - Number(b),
  );

  for (const m of block.merges ?? []) {
    if (m.rows === 0 || m.cols === 0 || (m.rows === 1 && m.cols === 1)) continue;
    sheet.getRange(m.row + 1, m.col + 1, m.rows, m.cols).merge();
  }
  if (block.note !== undefined) sheet.getRange(block.row + 1, block.col + 1).setNote(block.note);
  if (block.rowHeights !== undefined) {
    // Sheets fits a row to its wrapped text by itself (Excel, which the heights are computed for, does not);
    // it does not for merged cells: set heights only on rows that hold a merge.
    const merged = (row: number) => (block.merges ?? []).some((m) => m.cols > 1 && m.row <= row && row < m.row + m.rows);
    const heights = block.rowHeights.map((h, i) => (merged(block.row + i) ? h : undefined));
    for (const run of runs(heights)) sheet.setRowHeights(block.row + run.start + 1, run.count, pointsToPixels(run.value));
  }
}

/** Consecutive equal defined values: [{ start, count, value }]. */
function runs(list: readonly (number | undefined)[]): { start: number; count: number; value: number }[] {
  const out: { start: number; count: number; value: number }[] = [];
  list.forEach((v, i) => {
    if (v === undefined) return;
    const last = out[out.length - 1];
    if (last !== undefined && last.value === v && last.start + last.count === i) last.count += 1;
    else out.push({ start: i, count: 1, value: v });
  });
  return out;
}

function applyLayout(sheet: Sheet, layout: SheetLayout): void {
  if (layout.columnWidths !== undefined) {
    for (const run of runs(layout.columnWidths)) sheet.setColumnWidths(run.start + 1, run.count, charsToPixels(run.value));
  }
  if (layout.frozenRows !== undefined) sheet.setFrozenRows(layout.frozenRows);
  if (layout.frozenCols !== undefined) sheet.setFrozenColumns(layout.frozenCols);
  if (layout.tabColor !== undefined) sheet.setTabColor(layout.tabColor.toUpperCase());
  // layout.print: Apps Script has no page-setup API; Sheets asks for orientation and fit when printing.
}

/**
 * Number-between rules with help text, in one `setDataValidations` over the rectangle holding them all.
 * Advisory (invalid input is flagged, not refused): "KĐG" and a decimal comma typed as text must stay
 * possible; the import checks every cell strictly.
 */
function applyValidations(sheet: Sheet, list: NonNullable<SheetWrite["validations"]>, services: SheetsHostServices): void {
  const top = Math.min(...list.map((v) => v.range.row));
  const left = Math.min(...list.map((v) => v.range.col));
  const bottom = Math.max(...list.map((v) => v.range.row + v.range.rows));
  const right = Math.max(...list.map((v) => v.range.col + v.range.cols));
  if (bottom <= top || right <= left) return;
  const rules: (DataValidation | null)[][] = Array.from({ length: bottom - top }, () => Array.from({ length: right - left }, () => null));
  const built = new Map<string, DataValidation>();
  for (const v of list) {
    const key = `${v.min}|${v.max}|${v.help}`;
    let rule = built.get(key);
    if (rule === undefined) {
      rule = services.newDataValidation().requireNumberBetween(v.min, v.max).setAllowInvalid(true).setHelpText(v.help).build();
      built.set(key, rule);
    }
    for (let r = v.range.row; r < v.range.row + v.range.rows; r++) {
      for (let c = v.range.col; c < v.range.col + v.range.cols; c++) rules[r - top]![c - left] = rule;
    }
  }
  sheet.getRange(top + 1, left + 1, bottom - top, right - left).setDataValidations(rules);
}

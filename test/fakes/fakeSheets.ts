/**
 * A strict in-memory fake of the parts of Apps Script the cchc-index Sheets add-on uses: SpreadsheetApp
 * (Spreadsheet, Sheet, Range, RangeList, data validation), the Sheets API advanced service
 * (`Sheets.Spreadsheets.batchUpdate`, `FakeSheetsApi` below, over the same sheets and cells), Ui and menus,
 * HtmlService, LockService, Utilities.
 *
 * Strict: every object is a Proxy; a method the fake does not know throws (so the host cannot rely on an API
 * the fake has not modelled), and 2-D setters throw when the array does not have the range's shape, as Sheets does.
 *
 * Like Sheets, `setValues` parses strings as typed input unless the cell's number format is "@" (plain text):
 * "=…" (and "+x"/"-x" that is not a number) becomes a formula, a numeric text becomes a number; a leading "'"
 * forces text and is not part of the value.
 *
 * Strict about Sheets' limits too: a new sheet is 1000 rows × 26 columns and a range outside a sheet's grid throws
 * "The coordinates of the range are outside the dimensions of the sheet." (grow it first: insertRowsAfter,
 * insertColumnsAfter); a cell holds at most 50 000 characters; a file at most 10 000 000 cells (the sum of every
 * sheet's rows × columns, empty or not).
 *
 * Counting rule (used by the call-budget tests). Every method call on SpreadsheetApp, a Spreadsheet, Sheet, Range
 * or RangeList is recorded under `Class.method`, and falls in exactly one kind:
 * - `read`: the call needs data from the document (cell data, data extent, grid size, the sheet list), plus
 *   `flush`. These are the round trips: Apps Script queues changes and sends them with the next read or flush.
 * - `write`: cell content (setValues, notes, data validation, clear).
 * - `format`: cell formats (number format, text style, font, alignment, wrap, fill, borders).
 * - `merge`: merge, mergeAcross, mergeVertically, breakApart.
 * - `structure`: the sheet list and a sheet's own properties (insert, delete, grow the grid, column widths, row
 *   heights, frozen panes, tab colour, activation).
 * - `local`: handle makers and properties of a handle already held (getRange, getRangeList, getName, getIndex,
 *   getA1Notation…) and builders (newDataValidation, newTextStyle, and `Sheet.newChart` with every call on its
 *   `EmbeddedChartBuilder`: setChartType, addRange, setNumHeaders, setOption, setPosition, build), answered without
 *   the document. The chart reaches the document with `Sheet.insertChart`, a `structure` call: one per chart.
 * A `Sheets.Spreadsheets.batchUpdate` counts once, as `Sheets.batchUpdate` (kind `write`), whatever it holds.
 */
import { columnLetters } from "../../shared/workbook/port.ts";
import type { ChartsService } from "../../appsscript/sheetsCharts.ts";
import type { SheetsApiService } from "../../appsscript/sheetsApiRequests.ts";

export type Kind = "read" | "write" | "format" | "merge" | "structure" | "local";

/** Calls that need data from the document. */
const READS = new Set([
  "getValues",
  "getValue",
  "getSheetValues",
  "getDisplayValues",
  "getDisplayValue",
  "getFormulas",
  "getNumberFormats",
  "getDataRange",
  "getLastRow",
  "getLastColumn",
  "getMaxRows",
  "getMaxColumns",
  "getSheets",
  "getSheetByName",
  "getSpreadsheetTimeZone",
  "getActiveSheet",
  "getActiveRange",
  "getMergedRanges",
  "getFrozenRows",
  "flush",
]);
/** Handles and properties of a held handle. */
const LOCALS = new Set([
  "getRange",
  "getRangeList",
  "getRanges",
  "getName",
  "getIndex",
  "getSheetId",
  "getA1Notation",
  "getRow",
  "getColumn",
  "getNumRows",
  "getNumColumns",
  "getSheet",
  "getParent",
  "getId",
  "getActiveSpreadsheet",
  "getUi",
  "newDataValidation",
  "newTextStyle",
  // A chart builder is answered without the document, until `insertChart` (structure).
  "newChart",
  "setChartType",
  "addRange",
  "setNumHeaders",
  "setOption",
  "setPosition",
  "build",
]);
const FORMATS =
  /^set(NumberFormats?|FontWeights?|FontStyles?|FontFamil(y|ies)|FontSizes?|FontColors?|HorizontalAlignments?|VerticalAlignments?|Wraps?|Backgrounds?|Border|TextStyles?)$/;
const MERGES = new Set(["merge", "mergeAcross", "mergeVertically", "breakApart"]);
const STRUCTURE = new Set([
  "insertSheet",
  "deleteSheet",
  "insertColumnsAfter",
  "insertRowsAfter",
  "setColumnWidth",
  "setColumnWidths",
  "setRowHeight",
  "setRowHeights",
  "setFrozenRows",
  "setFrozenColumns",
  "setTabColor",
  "insertChart",
  "activate",
  "setActiveSheet",
  "toast",
]);

export function kindOf(method: string): Kind {
  if (READS.has(method)) return "read";
  if (LOCALS.has(method)) return "local";
  if (FORMATS.test(method)) return "format";
  if (MERGES.has(method)) return "merge";
  if (STRUCTURE.has(method)) return "structure";
  return "write";
}

/** Every kind that changes the document. */
export const CHANGE_KINDS: readonly Kind[] = ["write", "format", "merge", "structure"];

/** Counts calls on spreadsheet objects. */
export class CallLog {
  readonly calls = new Map<string, number>();
  /** Sheets whose data was read or which were changed. */
  readonly touched = new Set<string>();
  record(cls: string, method: string): void {
    const key = `${cls}.${method}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
  }
  /** Calls of one kind, of several kinds, of every kind that changes the document ("change"), or all. */
  count(kind?: Kind | "change" | readonly Kind[]): number {
    const kinds = kind === undefined ? null : kind === "change" ? CHANGE_KINDS : typeof kind === "string" ? [kind] : kind;
    let n = 0;
    for (const [key, v] of this.calls) {
      const method = key.slice(key.indexOf(".") + 1);
      if (kinds === null || kinds.includes(kindOf(method))) n += v;
    }
    return n;
  }
  /** Calls by kind, e.g. { read: 40, write: 27, format: 160, merge: 60, structure: 120, local: 900 }. */
  byKind(): Record<Kind, number> {
    const out: Record<Kind, number> = { read: 0, write: 0, format: 0, merge: 0, structure: 0, local: 0 };
    for (const [key, v] of this.calls) out[kindOf(key.slice(key.indexOf(".") + 1))] += v;
    return out;
  }
  reset(): void {
    this.calls.clear();
    this.touched.clear();
  }
  /** `Class.method: n` lines, sorted, for failure messages. */
  dump(): string {
    return [...this.calls.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([k, v]) => `${k}: ${v} (${kindOf(k.slice(k.indexOf(".") + 1))})`)
      .join("\n");
  }
}

/** Wraps `raw` so only its public methods are reachable, each call counted (when `log`) and unknown names throwing. */
function strict<T extends object>(raw: T, cls: string, log: CallLog | null): T {
  return new Proxy(raw, {
    get(target, prop) {
      if (typeof prop === "symbol" || prop === "then" || prop === "toJSON") return undefined;
      const v = (target as Record<string, unknown>)[prop];
      if (prop.startsWith("_") || typeof v !== "function" || prop === "constructor") {
        throw new Error(`FakeSheets: ${cls}.${prop} không có trong bản giả (fake) — API chưa được mô phỏng`);
      }
      return (...args: unknown[]) => {
        log?.record(cls, prop);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
    set(_t, prop) {
      throw new Error(`FakeSheets: không được gán ${cls}.${String(prop)}`);
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Cells

export interface FakeCell {
  /** "" when empty, as `getValue()` returns. */
  value: string | number | boolean | Date;
  formula?: string;
  numberFormat?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontFamily?: string;
  fontSize?: number;
  hAlign?: string;
  vAlign?: string;
  wrap?: boolean;
  background?: string;
  fontColor?: string;
  /** Border sides set: top, left, bottom, right. */
  border?: { top: boolean; left: boolean; bottom: boolean; right: boolean };
  note?: string;
  validation?: FakeDataValidation;
}

export interface Rect {
  row: number; // 1-based
  col: number;
  rows: number;
  cols: number;
}

/** A rectangle from A1 notation; whole columns ("A:A", "B:D") span the sheet's rows, whole rows ("1:40") its columns. */
export function a1ToRect(a1: string, size?: { rows: number; cols: number }): Rect {
  const clean = a1.replace(/\$/g, "").toUpperCase();
  const columns = /^([A-Z]+):([A-Z]+)$/.exec(clean);
  if (columns && size !== undefined) {
    const col = (t: string) => [...t].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const [c1, c2] = [col(columns[1]!), col(columns[2]!)];
    return { row: 1, col: Math.min(c1, c2), rows: size.rows, cols: Math.abs(c2 - c1) + 1 };
  }
  const rowsOnly = /^(\d+):(\d+)$/.exec(clean);
  if (rowsOnly && size !== undefined) {
    const [r1, r2] = [Number(rowsOnly[1]), Number(rowsOnly[2])];
    return { row: Math.min(r1, r2), col: 1, rows: Math.abs(r2 - r1) + 1, cols: size.cols };
  }
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1.replace(/\$/g, "").toUpperCase());
  if (!m) throw new Error(`FakeSheets: địa chỉ A1 không hợp lệ "${a1}"`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const r1 = Number(m[2]);
  const c1 = col(m[1]!);
  const r2 = m[4] !== undefined ? Number(m[4]) : r1;
  const c2 = m[3] !== undefined ? col(m[3]) : c1;
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

export function rectToA1(r: Rect): string {
  const tl = `${columnLetters(r.col - 1)}${r.row}`;
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${columnLetters(r.col + r.cols - 2)}${r.row + r.rows - 1}`;
}

/** Google Sheets' limits, with the messages Sheets gives. */
export const SHEETS_FAKE_LIMITS = { newRows: 1000, newCols: 26, cellChars: 50_000, fileCells: 10_000_000 };
export const OUTSIDE_SHEET = "The coordinates of the range are outside the dimensions of the sheet.";
export const CELL_TOO_LONG = `Your input contains more than the maximum of ${SHEETS_FAKE_LIMITS.cellChars} characters in a single cell.`;
export const FILE_TOO_BIG = `This action would increase the number of cells in the workbook above the limit of ${SHEETS_FAKE_LIMITS.fileCells} cells.`;

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** How Sheets stores a value given to setValues in a cell with this number format. */
export function parseTyped(v: unknown, numberFormat: string | undefined): { value: FakeCell["value"]; formula?: string } {
  if (v === null || v === undefined || v === "") return { value: "" };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`FakeSheets: số không hợp lệ ${v}`);
    return { value: v };
  }
  if (typeof v === "boolean") return { value: v };
  if (Object.prototype.toString.call(v) === "[object Date]") return { value: v as Date };
  if (typeof v !== "string") throw new Error(`FakeSheets: setValues nhận giá trị kiểu ${typeof v}`);
  if (v.length > SHEETS_FAKE_LIMITS.cellChars) throw new Error(CELL_TOO_LONG);
  if (numberFormat === "@") return { value: v };
  if (v.startsWith("'")) return { value: v.slice(1) };
  if (v.startsWith("=")) return { value: "#ERROR!", formula: v };
  if (NUMERIC_TEXT.test(v.trim())) return { value: Number(v.trim()) };
  if (v.startsWith("+") || v.startsWith("-")) return { value: "#ERROR!", formula: "=" + v };
  return { value: v };
}

// ---------------------------------------------------------------------------------------------------------------
// Data validation

export class FakeDataValidation {
  constructor(
    readonly criteria: { type: "NUMBER_BETWEEN"; min: number; max: number },
    readonly allowInvalid: boolean,
    readonly helpText: string,
  ) {}
  getHelpText(): string {
    return this.helpText;
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
}

class FakeDataValidationBuilder {
  _criteria: FakeDataValidation["criteria"] | null = null;
  _allowInvalid = true;
  _help = "";
  _self: FakeDataValidationBuilder;
  constructor() {
    this._self = strict(this, "DataValidationBuilder", null);
  }
  requireNumberBetween(min: number, max: number): FakeDataValidationBuilder {
    this._criteria = { type: "NUMBER_BETWEEN", min, max };
    return this._self;
  }
  setAllowInvalid(b: boolean): FakeDataValidationBuilder {
    this._allowInvalid = b;
    return this._self;
  }
  setHelpText(t: string): FakeDataValidationBuilder {
    this._help = t;
    return this._self;
  }
  build(): FakeDataValidation {
    if (!this._criteria) throw new Error("FakeSheets: DataValidationBuilder.build() chưa có điều kiện");
    return new FakeDataValidation(this._criteria, this._allowInvalid, this._help);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Range, RangeList, Sheet, Spreadsheet

function check2d(what: string, arr: unknown, rect: Rect): unknown[][] {
  if (!Array.isArray(arr) || arr.length !== rect.rows) {
    throw new Error(`FakeSheets: ${what}: số dòng (${Array.isArray(arr) ? arr.length : "?"}) khác số dòng của vùng (${rect.rows})`);
  }
  for (const line of arr) {
    if (!Array.isArray(line) || line.length !== rect.cols) {
      throw new Error(`FakeSheets: ${what}: số cột (${Array.isArray(line) ? line.length : "?"}) khác số cột của vùng (${rect.cols})`);
    }
  }
  return arr as unknown[][];
}

const H_ALIGN = new Set(["left", "center", "right", "normal"]);
const V_ALIGN = new Set(["top", "middle", "bottom"]);
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** The fake range behind a range handle (the strict proxy hides its fields). */
const rawRanges = new WeakMap<object, FakeRange>();
function rangeOf(handle: unknown): FakeRange {
  const raw = typeof handle === "object" && handle !== null ? rawRanges.get(handle) : undefined;
  if (raw === undefined) throw new Error("FakeSheets: cần một Range của bảng tính");
  return raw;
}

export class FakeRange {
  readonly _self: FakeRange;
  constructor(
    readonly _sheet: FakeSheet,
    readonly _rect: Rect,
  ) {
    if (![_rect.row, _rect.col, _rect.rows, _rect.cols].every((n) => Number.isInteger(n) && n >= 1)) {
      throw new Error(`FakeSheets: vùng không hợp lệ ${JSON.stringify(_rect)}`);
    }
    if (_rect.row + _rect.rows - 1 > _sheet._maxRows || _rect.col + _rect.cols - 1 > _sheet._maxCols) throw new Error(OUTSIDE_SHEET);
    this._self = strict(this, "Range", _sheet._book._log);
    rawRanges.set(this._self, this);
  }
  _each(fn: (cell: FakeCell, r: number, c: number) => void): void {
    const { row, col, rows, cols } = this._rect;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) fn(this._sheet._cell(row + r, col + c, true)!, r, c);
  }
  _touch(): void {
    this._sheet._book._log.touched.add(this._sheet._name);
  }
  _setEach<T>(what: string, arr: unknown, check: (v: unknown) => T, apply: (cell: FakeCell, v: T) => void): FakeRange {
    const grid = check2d(what, arr, this._rect);
    this._touch();
    this._each((cell, r, c) => apply(cell, check(grid[r]![c])));
    return this._self;
  }
  _setAll<T>(v: unknown, check: (v: unknown) => T, apply: (cell: FakeCell, v: T) => void): FakeRange {
    const ok = check(v);
    this._touch();
    this._each((cell) => apply(cell, ok));
    return this._self;
  }

  getA1Notation(): string {
    return rectToA1(this._rect);
  }
  getRow(): number {
    return this._rect.row;
  }
  getColumn(): number {
    return this._rect.col;
  }
  getNumRows(): number {
    return this._rect.rows;
  }
  getNumColumns(): number {
    return this._rect.cols;
  }
  getSheet(): FakeSheet {
    return this._sheet._self;
  }
  getValues(): unknown[][] {
    this._touch();
    const { row, col, rows, cols } = this._rect;
    const out: unknown[][] = Array.from({ length: rows }, () => new Array<unknown>(cols).fill(""));
    // A sparse sheet: visit its cells rather than the whole rectangle.
    for (const [key, cell] of this._sheet._cells) {
      const [r, c] = keyCell(key);
      if (r >= row && r < row + rows && c >= col && c < col + cols) out[r - row]![c - col] = cell.value;
    }
    return out;
  }
  getFormulas(): string[][] {
    const out: string[][] = [];
    const { row, col, rows, cols } = this._rect;
    for (let r = 0; r < rows; r++) {
      const line: string[] = [];
      for (let c = 0; c < cols; c++) line.push(this._sheet._cell(row + r, col + c, false)?.formula ?? "");
      out.push(line);
    }
    return out;
  }
  setValues(values: unknown[][]): FakeRange {
    const grid = check2d("setValues", values, this._rect);
    for (const line of grid)
      for (const v of line) if (typeof v === "string" && v.length > SHEETS_FAKE_LIMITS.cellChars) throw new Error(CELL_TOO_LONG);
    this._touch();
    this._each((cell, r, c) => {
      const typed = parseTyped(grid[r]![c], cell.numberFormat);
      cell.value = typed.value;
      if (typed.formula !== undefined) cell.formula = typed.formula;
      else delete cell.formula;
    });
    return this._self;
  }
  setValue(value: unknown): FakeRange {
    return this.setValues(Array.from({ length: this._rect.rows }, () => Array.from({ length: this._rect.cols }, () => value)));
  }
  setNumberFormat(f: string): FakeRange {
    return this._setAll(f, str("setNumberFormat"), (cell, v) => (cell.numberFormat = v));
  }
  setNumberFormats(a: string[][]): FakeRange {
    return this._setEach("setNumberFormats", a, str("setNumberFormats"), (cell, v) => (cell.numberFormat = v));
  }
  setFontWeight(w: string | null): FakeRange {
    return this._setAll(w, oneOf("setFontWeight", ["bold", "normal"]), (cell, v) => (cell.fontWeight = v));
  }
  setFontWeights(a: unknown[][]): FakeRange {
    return this._setEach("setFontWeights", a, oneOf("setFontWeights", ["bold", "normal"]), (cell, v) => (cell.fontWeight = v));
  }
  setFontStyle(s: string | null): FakeRange {
    return this._setAll(s, oneOf("setFontStyle", ["italic", "normal"]), (cell, v) => (cell.fontStyle = v));
  }
  setFontStyles(a: unknown[][]): FakeRange {
    return this._setEach("setFontStyles", a, oneOf("setFontStyles", ["italic", "normal"]), (cell, v) => (cell.fontStyle = v));
  }
  setFontFamily(f: string | null): FakeRange {
    return this._setAll(f, str("setFontFamily"), (cell, v) => (cell.fontFamily = v));
  }
  setFontFamilies(a: unknown[][]): FakeRange {
    return this._setEach("setFontFamilies", a, str("setFontFamilies"), (cell, v) => (cell.fontFamily = v));
  }
  setFontSize(s: number): FakeRange {
    return this._setAll(s, num("setFontSize"), (cell, v) => (cell.fontSize = v));
  }
  setFontSizes(a: unknown[][]): FakeRange {
    return this._setEach("setFontSizes", a, num("setFontSizes"), (cell, v) => (cell.fontSize = v));
  }
  setHorizontalAlignment(h: string | null): FakeRange {
    return this._setAll(h, oneOf("setHorizontalAlignment", [...H_ALIGN]), (cell, v) => (cell.hAlign = v));
  }
  setHorizontalAlignments(a: unknown[][]): FakeRange {
    return this._setEach("setHorizontalAlignments", a, orNull(oneOf("setHorizontalAlignments", [...H_ALIGN])), (cell, v) =>
      reset(cell, "hAlign", v),
    );
  }
  setVerticalAlignment(h: string | null): FakeRange {
    return this._setAll(h, oneOf("setVerticalAlignment", [...V_ALIGN]), (cell, v) => (cell.vAlign = v));
  }
  setVerticalAlignments(a: unknown[][]): FakeRange {
    return this._setEach("setVerticalAlignments", a, orNull(oneOf("setVerticalAlignments", [...V_ALIGN])), (cell, v) =>
      reset(cell, "vAlign", v),
    );
  }
  setWrap(w: boolean): FakeRange {
    return this._setAll(w, bool("setWrap"), (cell, v) => (cell.wrap = v));
  }
  setWraps(a: unknown[][]): FakeRange {
    return this._setEach("setWraps", a, bool("setWraps"), (cell, v) => (cell.wrap = v));
  }
  setBackground(c: string | null): FakeRange {
    return this._setAll(c, color("setBackground"), (cell, v) => (cell.background = v));
  }
  setBackgrounds(a: unknown[][]): FakeRange {
    return this._setEach("setBackgrounds", a, orNull(color("setBackgrounds")), (cell, v) => reset(cell, "background", v));
  }
  setTextStyle(style: unknown): FakeRange {
    return this._setAll(style, textStyle("setTextStyle"), applyTextStyle);
  }
  setTextStyles(a: unknown[][]): FakeRange {
    return this._setEach("setTextStyles", a, textStyle("setTextStyles"), applyTextStyle);
  }
  setFontColor(c: string | null): FakeRange {
    return this._setAll(c, color("setFontColor"), (cell, v) => (cell.fontColor = v));
  }
  setFontColors(a: unknown[][]): FakeRange {
    return this._setEach("setFontColors", a, color("setFontColors"), (cell, v) => (cell.fontColor = v));
  }
  setBorder(...args: unknown[]): FakeRange {
    if (args.length !== 6 && args.length !== 8) throw new Error(`FakeSheets: setBorder cần 6 hoặc 8 tham số, có ${args.length}`);
    const [top, left, bottom, right, vertical, horizontal] = args.slice(0, 6).map((a) => {
      if (a !== null && typeof a !== "boolean") throw new Error("FakeSheets: setBorder nhận true/false/null");
      return a;
    });
    this._touch();
    const { rows, cols } = this._rect;
    this._each((cell, r, c) => {
      const b = cell.border ?? { top: false, left: false, bottom: false, right: false };
      const pick = (outer: boolean, edge: boolean | null | undefined, inner: boolean | null | undefined, cur: boolean) => {
        const v = outer ? edge : inner;
        return v === null || v === undefined ? cur : v;
      };
      b.top = pick(r === 0, top, horizontal, b.top);
      b.bottom = pick(r === rows - 1, bottom, horizontal, b.bottom);
      b.left = pick(c === 0, left, vertical, b.left);
      b.right = pick(c === cols - 1, right, vertical, b.right);
      cell.border = b;
    });
    return this._self;
  }
  setNote(n: string | null): FakeRange {
    this._touch();
    this._each((cell) => {
      if (n === null || n === "") delete cell.note;
      else cell.note = n;
    });
    return this._self;
  }
  setDataValidation(rule: FakeDataValidation | null): FakeRange {
    this._touch();
    this._each((cell) => {
      if (rule === null) delete cell.validation;
      else cell.validation = rule;
    });
    return this._self;
  }
  setDataValidations(a: unknown[][]): FakeRange {
    const grid = check2d("setDataValidations", a, this._rect);
    this._touch();
    this._each((cell, r, c) => {
      const rule = grid[r]![c];
      if (rule === null) delete cell.validation;
      else if (rule instanceof FakeDataValidation) cell.validation = rule;
      else throw new Error("FakeSheets: setDataValidations nhận DataValidation hoặc null");
    });
    return this._self;
  }
  merge(): FakeRange {
    this._touch();
    const r = this._rect;
    if (r.rows === 1 && r.cols === 1) return this._self;
    for (const m of this._sheet._merges) {
      if (same(m, r)) return this._self;
      if (overlaps(m, r)) throw new Error(`FakeSheets: không gộp được ${rectToA1(r)}: chồng lên vùng gộp ${rectToA1(m)}`);
    }
    this._sheet._merges.push({ ...r });
    return this._self;
  }
  /** Merges each row of the range on its own. */
  mergeAcross(): FakeRange {
    const { row, col, rows, cols } = this._rect;
    if (cols > 1) for (let r = row; r < row + rows; r++) new FakeRange(this._sheet, { row: r, col, rows: 1, cols }).merge();
    return this._self;
  }
  /** Merges each column of the range on its own. */
  mergeVertically(): FakeRange {
    const { row, col, rows, cols } = this._rect;
    if (rows > 1) for (let c = col; c < col + cols; c++) new FakeRange(this._sheet, { row, col: c, rows, cols: 1 }).merge();
    return this._self;
  }
  breakApart(): FakeRange {
    this._touch();
    this._sheet._merges = this._sheet._merges.filter((m) => !overlaps(m, this._rect));
    return this._self;
  }
  clear(): FakeRange {
    this._touch();
    const { row, col, rows, cols } = this._rect;
    for (let r = row; r < row + rows; r++) {
      for (let c = col; c < col + cols; c++) {
        const cell = this._sheet._cell(r, c, false);
        if (cell) {
          const note = cell.note;
          this._sheet._cells.delete(cellKey(r, c));
          if (note !== undefined) this._sheet._cell(r, c, true)!.note = note;
        }
      }
    }
    return this._self;
  }
  clearNote(): FakeRange {
    this._touch();
    this._each((cell) => delete cell.note);
    return this._self;
  }
  activate(): FakeRange {
    this._sheet._book._activeSheet = this._sheet;
    this._sheet._book._activeRange = this._rect;
    return this._self;
  }
}

/** The key of a cell (1-based row and column) in `FakeSheet._cells`. */
export const cellKey = (row: number, col: number): number => row * 32_768 + col;
/** Row and column (1-based) of a `cellKey`. */
export const keyCell = (key: number): [number, number] => [Math.floor(key / 32_768), key % 32_768];

function same(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;
}
function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}
function orNull<T>(check: (v: unknown) => T) {
  return (v: unknown): T | null => (v === null ? null : check(v));
}
function reset<K extends "hAlign" | "vAlign" | "background">(cell: FakeCell, key: K, v: FakeCell[K] | null): void {
  if (v === null) delete cell[key];
  else cell[key] = v;
}
/** A text style built by `SpreadsheetApp.newTextStyle()`: unset fields leave the cell's own unchanged. */
export class FakeTextStyle {
  constructor(readonly fields: { bold?: boolean; italic?: boolean; fontFamily?: string; fontSize?: number; color?: string }) {}
}
function textStyle(what: string) {
  return (v: unknown): FakeTextStyle => {
    if (!(v instanceof FakeTextStyle)) throw new Error(`FakeSheets: ${what} cần TextStyle (SpreadsheetApp.newTextStyle()…build())`);
    return v;
  };
}
function applyTextStyle(cell: FakeCell, style: FakeTextStyle): void {
  const f = style.fields;
  if (f.bold !== undefined) cell.fontWeight = f.bold ? "bold" : "normal";
  if (f.italic !== undefined) cell.fontStyle = f.italic ? "italic" : "normal";
  if (f.fontFamily !== undefined) cell.fontFamily = f.fontFamily;
  if (f.fontSize !== undefined) cell.fontSize = f.fontSize;
  if (f.color !== undefined) cell.fontColor = f.color;
}
class FakeTextStyleBuilder {
  _fields: FakeTextStyle["fields"] = {};
  _self: FakeTextStyleBuilder;
  constructor() {
    this._self = strict(this, "TextStyleBuilder", null);
  }
  setBold(b: boolean): FakeTextStyleBuilder {
    this._fields.bold = bool("setBold")(b);
    return this._self;
  }
  setItalic(b: boolean): FakeTextStyleBuilder {
    this._fields.italic = bool("setItalic")(b);
    return this._self;
  }
  setFontFamily(f: string): FakeTextStyleBuilder {
    this._fields.fontFamily = str("setFontFamily")(f);
    return this._self;
  }
  setFontSize(n: number): FakeTextStyleBuilder {
    this._fields.fontSize = num("setFontSize")(n);
    return this._self;
  }
  setForegroundColor(c: string): FakeTextStyleBuilder {
    this._fields.color = color("setForegroundColor")(c);
    return this._self;
  }
  build(): FakeTextStyle {
    return new FakeTextStyle({ ...this._fields });
  }
}
function str(what: string) {
  return (v: unknown): string => {
    if (typeof v !== "string") throw new Error(`FakeSheets: ${what} cần chuỗi, nhận ${JSON.stringify(v)}`);
    return v;
  };
}
function num(what: string) {
  return (v: unknown): number => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`FakeSheets: ${what} cần số, nhận ${JSON.stringify(v)}`);
    return v;
  };
}
function bool(what: string) {
  return (v: unknown): boolean => {
    if (typeof v !== "boolean") throw new Error(`FakeSheets: ${what} cần true/false, nhận ${JSON.stringify(v)}`);
    return v;
  };
}
function oneOf(what: string, allowed: string[]) {
  return (v: unknown): string => {
    if (typeof v !== "string" || !allowed.includes(v)) throw new Error(`FakeSheets: ${what} không nhận ${JSON.stringify(v)}`);
    return v;
  };
}
function color(what: string) {
  return (v: unknown): string => {
    if (typeof v !== "string" || !COLOR.test(v)) throw new Error(`FakeSheets: ${what} cần màu #RRGGBB, nhận ${JSON.stringify(v)}`);
    return v.toUpperCase();
  };
}

export class FakeRangeList {
  readonly _self: FakeRangeList;
  constructor(
    readonly _ranges: FakeRange[],
    log: CallLog,
  ) {
    this._self = strict(this, "RangeList", log);
  }
  _all(fn: (r: FakeRange) => void): FakeRangeList {
    for (const r of this._ranges) fn(r);
    return this._self;
  }
  getRanges(): FakeRange[] {
    return this._ranges.map((r) => r._self);
  }
  setNumberFormat(f: string): FakeRangeList {
    return this._all((r) => r.setNumberFormat(f));
  }
  setFontWeight(w: string | null): FakeRangeList {
    return this._all((r) => r.setFontWeight(w));
  }
  setFontStyle(s: string | null): FakeRangeList {
    return this._all((r) => r.setFontStyle(s));
  }
  setFontFamily(f: string | null): FakeRangeList {
    return this._all((r) => r.setFontFamily(f));
  }
  setFontSize(s: number): FakeRangeList {
    return this._all((r) => r.setFontSize(s));
  }
  setHorizontalAlignment(h: string | null): FakeRangeList {
    return this._all((r) => r.setHorizontalAlignment(h));
  }
  setVerticalAlignment(v: string | null): FakeRangeList {
    return this._all((r) => r.setVerticalAlignment(v));
  }
  setWrap(w: boolean): FakeRangeList {
    return this._all((r) => r.setWrap(w));
  }
  setBackground(c: string | null): FakeRangeList {
    return this._all((r) => r.setBackground(c));
  }
  setFontColor(c: string | null): FakeRangeList {
    return this._all((r) => r.setFontColor(c));
  }
  setBorder(...args: unknown[]): FakeRangeList {
    return this._all((r) => r.setBorder(...args));
  }
  clear(): FakeRangeList {
    return this._all((r) => {
      r.clear();
      r.clearNote();
      r.setDataValidation(null);
    });
  }
  clearNote(): FakeRangeList {
    return this._all((r) => r.clearNote());
  }
  breakApart(): FakeRangeList {
    return this._all((r) => r.breakApart());
  }
}

export class FakeSheet {
  readonly _self: FakeSheet;
  /** Cells by `cellKey(row, col)` (1-based). */
  _cells = new Map<number, FakeCell>();
  _merges: Rect[] = [];
  _frozenRows = 0;
  _frozenCols = 0;
  _columnWidths = new Map<number, number>();
  _rowHeights = new Map<number, number>();
  _tabColor: string | null = null;
  /** Embedded charts, as `insertChart` received them (a test may add a person's own chart here). */
  _charts: FakeEmbeddedChart[] = [];
  /** The grid: rows × columns, empty or not (what Sheets counts against the file's cell limit). */
  _maxRows: number = SHEETS_FAKE_LIMITS.newRows;
  _maxCols: number = SHEETS_FAKE_LIMITS.newCols;
  constructor(
    readonly _book: FakeSpreadsheet,
    public _name: string,
    readonly _id: number,
  ) {
    this._self = strict(this, "Sheet", _book._log);
  }
  /** Moves cells, merges and sizes at or after `from` (1-based) by `n` rows or columns. */
  _shift(axis: "row" | "col", from: number, n: number): void {
    const cells = new Map<number, FakeCell>();
    for (const [key, cell] of this._cells) {
      const [r, c] = keyCell(key);
      const nr = axis === "row" && r >= from ? r + n : r;
      const nc = axis === "col" && c >= from ? c + n : c;
      cells.set(cellKey(nr, nc), cell);
    }
    this._cells = cells;
    for (const m of this._merges) if (m[axis] >= from) m[axis] += n;
    const sizes = axis === "row" ? this._rowHeights : this._columnWidths;
    const moved = new Map<number, number>();
    for (const [i, px] of sizes) moved.set(i >= from ? i + n : i, px);
    sizes.clear();
    for (const [i, px] of moved) sizes.set(i, px);
  }
  _cell(row: number, col: number, create: boolean): FakeCell | undefined {
    const key = cellKey(row, col);
    let cell = this._cells.get(key);
    if (!cell && create) {
      cell = { value: "" };
      this._cells.set(key, cell);
    }
    return cell;
  }
  /** Last row and column (1-based) holding a value or formula; 0 when empty. */
  _extent(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (const [key, cell] of this._cells) {
      if (cell.value === "" && cell.formula === undefined) continue;
      const [r, c] = keyCell(key);
      rows = Math.max(rows, r);
      cols = Math.max(cols, c);
    }
    return { rows, cols };
  }
  /** Test helper: the value grid A1..extent, "" as null. */
  _grid(): (string | number | boolean | null)[][] {
    const { rows, cols } = this._extent();
    const out: (string | number | boolean | null)[][] = [];
    for (let r = 1; r <= rows; r++) {
      const line: (string | number | boolean | null)[] = [];
      for (let c = 1; c <= cols; c++) {
        const v = this._cell(r, c, false)?.value ?? "";
        line.push(v === "" ? null : v instanceof Date ? v.toISOString() : v);
      }
      out.push(line);
    }
    return out;
  }
  /** Test helper: a cell by A1. */
  _at(a1: string): FakeCell | undefined {
    const r = a1ToRect(a1);
    return this._cell(r.row, r.col, false);
  }

  getName(): string {
    return this._name;
  }
  getIndex(): number {
    return this._book._sheets.indexOf(this) + 1;
  }
  getSheetId(): number {
    return this._id;
  }
  getParent(): FakeSpreadsheet {
    return this._book._self;
  }
  getRange(a: unknown, b?: unknown, c?: unknown, d?: unknown): FakeRange {
    if (typeof a === "string" && b === undefined)
      return new FakeRange(this, a1ToRect(a, { rows: this._maxRows, cols: this._maxCols }))._self;
    if (typeof a === "number" && typeof b === "number") {
      return new FakeRange(this, { row: a, col: b, rows: typeof c === "number" ? c : 1, cols: typeof d === "number" ? d : 1 })._self;
    }
    throw new Error(`FakeSheets: getRange(${[a, b, c, d].map((x) => JSON.stringify(x)).join(", ")}) không được hỗ trợ`);
  }
  getRangeList(a1s: string[]): FakeRangeList {
    if (!Array.isArray(a1s) || a1s.length === 0) throw new Error("FakeSheets: getRangeList cần danh sách A1 không rỗng");
    return new FakeRangeList(
      a1s.map((a) => new FakeRange(this, a1ToRect(a))),
      this._book._log,
    )._self;
  }
  getDataRange(): FakeRange {
    this._book._log.touched.add(this._name);
    const { rows, cols } = this._extent();
    return new FakeRange(this, { row: 1, col: 1, rows: Math.max(rows, 1), cols: Math.max(cols, 1) })._self;
  }
  getLastRow(): number {
    return this._extent().rows;
  }
  getMaxRows(): number {
    return this._maxRows;
  }
  getMaxColumns(): number {
    return this._maxCols;
  }
  /** Values of a rectangle; -1 rows or columns: up to the last row or column holding data. */
  getSheetValues(row: number, col: number, rows: number, cols: number): unknown[][] {
    const { rows: lastRow, cols: lastCol } = this._extent();
    const nr = rows === -1 ? lastRow - row + 1 : rows;
    const nc = cols === -1 ? lastCol - col + 1 : cols;
    if (nr <= 0 || nc <= 0) return [];
    return new FakeRange(this, { row, col, rows: nr, cols: nc }).getValues();
  }
  insertRowsAfter(after: number, n: number): FakeSheet {
    for (const v of [after, n])
      if (!Number.isInteger(v) || v < 1) throw new Error(`FakeSheets: insertRowsAfter(${after}, ${n}) không hợp lệ`);
    if (after > this._maxRows) throw new Error(OUTSIDE_SHEET);
    this._book._grow(n * this._maxCols);
    this._book._log.touched.add(this._name);
    this._shift("row", after + 1, n);
    this._maxRows += n;
    return this._self;
  }
  insertColumnsAfter(after: number, n: number): FakeSheet {
    for (const v of [after, n])
      if (!Number.isInteger(v) || v < 1) throw new Error(`FakeSheets: insertColumnsAfter(${after}, ${n}) không hợp lệ`);
    if (after > this._maxCols) throw new Error(OUTSIDE_SHEET);
    this._book._grow(n * this._maxRows);
    this._book._log.touched.add(this._name);
    this._shift("col", after + 1, n);
    this._maxCols += n;
    return this._self;
  }
  getLastColumn(): number {
    return this._extent().cols;
  }
  getFrozenRows(): number {
    return this._frozenRows;
  }
  clear(): FakeSheet {
    this._book._log.touched.add(this._name);
    this._cells.clear();
    this._merges = [];
    return this._self;
  }
  setFrozenRows(n: number): void {
    this._book._log.touched.add(this._name);
    this._frozenRows = num("setFrozenRows")(n);
  }
  setFrozenColumns(n: number): void {
    this._book._log.touched.add(this._name);
    this._frozenCols = num("setFrozenColumns")(n);
  }
  setColumnWidth(col: number, px: number): FakeSheet {
    return this.setColumnWidths(col, 1, px);
  }
  setColumnWidths(start: number, n: number, px: number): FakeSheet {
    this._book._log.touched.add(this._name);
    for (const v of [start, n, px])
      if (!Number.isInteger(v) || v < 1) throw new Error(`FakeSheets: setColumnWidths(${start}, ${n}, ${px}) không hợp lệ`);
    for (let c = start; c < start + n; c++) this._columnWidths.set(c, px);
    return this._self;
  }
  setRowHeight(row: number, px: number): FakeSheet {
    return this.setRowHeights(row, 1, px);
  }
  setRowHeights(start: number, n: number, px: number): FakeSheet {
    this._book._log.touched.add(this._name);
    for (const v of [start, n, px])
      if (!Number.isInteger(v) || v < 1) throw new Error(`FakeSheets: setRowHeights(${start}, ${n}, ${px}) không hợp lệ`);
    for (let r = start; r < start + n; r++) this._rowHeights.set(r, px);
    return this._self;
  }
  setTabColor(c: string | null): FakeSheet {
    this._book._log.touched.add(this._name);
    this._tabColor = c === null ? null : color("setTabColor")(c);
    return this._self;
  }
  activate(): FakeSheet {
    this._book._activeSheet = this;
    return this._self;
  }
  newChart(): FakeChartBuilder {
    return new FakeChartBuilder(this)._self;
  }
  insertChart(chart: FakeEmbeddedChart): void {
    const raw = builtCharts.get(chart);
    if (raw === undefined) throw new Error("FakeSheets: insertChart cần một biểu đồ từ EmbeddedChartBuilder.build()");
    if (raw.sheet !== this) throw new Error("FakeSheets: insertChart: biểu đồ được dựng trên sheet khác");
    const { row, col } = raw.position;
    if (row > this._maxRows || col > this._maxCols) throw new Error(OUTSIDE_SHEET);
    this._book._log.touched.add(this._name);
    this._charts.push(raw);
  }
}

/** The chart types of `Charts.ChartType` the fake knows. */
const CHART_TYPES = new Set(["BAR", "COLUMN", "COMBO", "LINE", "PIE"]);

/** An embedded chart as built (plain data for tests). */
export interface FakeEmbeddedChart {
  sheet: FakeSheet;
  type: string;
  /** A1 addresses of the ranges, in the order added. */
  ranges: string[];
  numHeaders: number | null;
  options: Record<string, unknown>;
  /** 1-based anchor cell and offsets in pixels. */
  position: { row: number; col: number; offsetX: number; offsetY: number };
}
const builtCharts = new WeakMap<object, FakeEmbeddedChart>();

/** Fake `EmbeddedChartBuilder` (strict, its calls counted as `local`). */
export class FakeChartBuilder {
  readonly _self: FakeChartBuilder;
  _type: string | null = null;
  _ranges: string[] = [];
  _numHeaders: number | null = null;
  _options: Record<string, unknown> = {};
  _position: { row: number; col: number; offsetX: number; offsetY: number } | null = null;
  constructor(readonly _sheet: FakeSheet) {
    this._self = strict(this, "EmbeddedChartBuilder", _sheet._book._log);
  }
  setChartType(type: unknown): FakeChartBuilder {
    if (typeof type !== "string" || !CHART_TYPES.has(type)) throw new Error(`FakeSheets: setChartType(${String(type)}) chưa được mô phỏng`);
    this._type = type;
    return this._self;
  }
  addRange(range: FakeRange): FakeChartBuilder {
    const raw = rangeOf(range);
    if (raw._sheet !== this._sheet) throw new Error("FakeSheets: addRange: vùng thuộc sheet khác");
    const r = raw._rect;
    if (r.row + r.rows - 1 > this._sheet._maxRows || r.col + r.cols - 1 > this._sheet._maxCols) throw new Error(OUTSIDE_SHEET);
    this._ranges.push(rectToA1(r));
    return this._self;
  }
  setNumHeaders(n: number): FakeChartBuilder {
    if (!Number.isInteger(n) || n < 0) throw new Error(`FakeSheets: setNumHeaders(${n}) không hợp lệ`);
    this._numHeaders = n;
    return this._self;
  }
  setOption(key: string, value: unknown): FakeChartBuilder {
    if (typeof key !== "string" || key === "") throw new Error("FakeSheets: setOption cần tên tùy chọn");
    this._options[key] = JSON.parse(JSON.stringify(value)) as unknown;
    return this._self;
  }
  setPosition(row: number, col: number, offsetX: number, offsetY: number): FakeChartBuilder {
    for (const v of [row, col]) if (!Number.isInteger(v) || v < 1) throw new Error(`FakeSheets: setPosition(${row}, ${col}) không hợp lệ`);
    for (const v of [offsetX, offsetY]) if (!Number.isInteger(v) || v < 0) throw new Error("FakeSheets: setPosition: độ lệch không hợp lệ");
    this._position = { row, col, offsetX, offsetY };
    return this._self;
  }
  build(): FakeEmbeddedChart {
    if (this._type === null) throw new Error("FakeSheets: build: chưa chọn loại biểu đồ (setChartType)");
    if (this._ranges.length === 0) throw new Error("FakeSheets: build: biểu đồ chưa có vùng dữ liệu");
    const chart: FakeEmbeddedChart = {
      sheet: this._sheet,
      type: this._type,
      ranges: [...this._ranges],
      numHeaders: this._numHeaders,
      options: { ...this._options },
      position: this._position ?? { row: 1, col: 1, offsetX: 0, offsetY: 0 },
    };
    const handle = strict({}, "EmbeddedChart", null);
    builtCharts.set(handle, chart);
    return handle as FakeEmbeddedChart;
  }
}

export class FakeSpreadsheet {
  readonly _self: FakeSpreadsheet;
  _sheets: FakeSheet[] = [];
  _activeSheet: FakeSheet | null = null;
  _activeRange: Rect | null = null;
  _nextId = 1;
  _toasts: string[] = [];
  constructor(
    readonly _log: CallLog,
    readonly _timeZone = "Asia/Ho_Chi_Minh",
  ) {
    this._self = strict(this, "Spreadsheet", _log);
  }
  /** Cells of the file: every sheet's rows × columns. */
  _cellCount(): number {
    return this._sheets.reduce((n, s) => n + s._maxRows * s._maxCols, 0);
  }
  /** Refuses a change that would take the file over Sheets' cell limit. */
  _grow(cells: number): void {
    if (this._cellCount() + cells > SHEETS_FAKE_LIMITS.fileCells) throw new Error(FILE_TOO_BIG);
  }
  /**
   * Test helper: adds a sheet with values (row-major, 0-based), written as typed values (no parsing). Its grid is
   * 1000 × 26, or larger to hold the values, or `size`.
   */
  _addSheet(name: string, values: unknown[][] = [], size?: { rows: number; cols: number }): FakeSheet {
    const sheet = new FakeSheet(this, name, this._nextId++);
    sheet._maxRows = size?.rows ?? Math.max(SHEETS_FAKE_LIMITS.newRows, values.length);
    sheet._maxCols = size?.cols ?? Math.max(SHEETS_FAKE_LIMITS.newCols, ...values.map((l) => l.length));
    this._grow(sheet._maxRows * sheet._maxCols);
    values.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v === null || v === undefined || v === "") return;
        sheet._cell(r + 1, c + 1, true)!.value = v as FakeCell["value"];
      }),
    );
    this._sheets.push(sheet);
    this._activeSheet ??= sheet;
    return sheet;
  }
  _sheet(name: string): FakeSheet | undefined {
    return this._sheets.find((s) => s._name === name);
  }
  _names(): string[] {
    return this._sheets.map((s) => s._name);
  }

  getId(): string {
    return "fake-spreadsheet";
  }
  getSheets(): FakeSheet[] {
    return this._sheets.map((s) => s._self);
  }
  getSheetByName(name: string): FakeSheet | null {
    return this._sheet(name)?._self ?? null;
  }
  getSpreadsheetTimeZone(): string {
    return this._timeZone;
  }
  getActiveSheet(): FakeSheet | null {
    return this._activeSheet?._self ?? null;
  }
  insertSheet(name: unknown, index?: unknown): FakeSheet {
    if (typeof name !== "string" || name === "") throw new Error("FakeSheets: insertSheet cần tên");
    if (this._sheet(name)) throw new Error(`FakeSheets: A sheet with the name "${name}" already exists.`);
    if (index !== undefined && (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index > this._sheets.length)) {
      throw new Error(`FakeSheets: insertSheet: vị trí ${JSON.stringify(index)} không hợp lệ`);
    }
    this._grow(SHEETS_FAKE_LIMITS.newRows * SHEETS_FAKE_LIMITS.newCols);
    const sheet = new FakeSheet(this, name, this._nextId++);
    this._sheets.splice(index === undefined ? this._sheets.length : index, 0, sheet);
    this._log.touched.add(name);
    this._activeSheet = sheet; // Sheets activates an inserted sheet
    return sheet._self;
  }
  deleteSheet(sheet: FakeSheet): void {
    const raw = this._sheets.find((s) => s._self === sheet);
    if (!raw) throw new Error("FakeSheets: deleteSheet: sheet không thuộc bảng tính");
    if (this._sheets.length === 1) throw new Error("FakeSheets: không xóa được sheet duy nhất");
    this._sheets = this._sheets.filter((s) => s !== raw);
    this._log.touched.add(raw._name);
    if (this._activeSheet === raw) this._activeSheet = this._sheets[0] ?? null;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    const raw = this._sheets.find((s) => s._self === sheet);
    if (!raw) throw new Error("FakeSheets: setActiveSheet: sheet không thuộc bảng tính");
    this._activeSheet = raw;
    return sheet;
  }
  toast(msg: string, _title?: string, _timeout?: number): void {
    this._toasts.push(msg);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Ui, HtmlService, LockService, Utilities: the globals a script sees

export interface UiLog {
  menus: { title: string; items: { caption: string; fn: string }[] }[];
  alerts: string[];
  prompts: string[];
  sidebars: { title: string; html: string }[];
  /** Answers `prompt` returns, in order: text, or null for Cancel. */
  promptAnswers: (string | null)[];
}

export interface FakeEnvironment {
  globals: Record<string, unknown>;
  spreadsheet: FakeSpreadsheet;
  log: CallLog;
  ui: UiLog;
  /** `events`: "flush" and "release" in the order they happened. */
  lock: { held: boolean; waits: number; releases: number; busy: boolean; events: string[] };
  /** The Sheets advanced service's fake (request body sizes, a failure hook); null without the service. */
  api: FakeSheetsApi | null;
}

/**
 * A fresh fake environment. `files` gives the HTML files of the project (name → content) for HtmlService.
 *
 * @example
 * const env = fakeEnvironment({ sidebar: "<html>…</html>" });
 * env.spreadsheet._addSheet("Cài đặt", [["Năm đánh giá", 2023]]);
 * vm.runInNewContext(code, { ...env.globals });
 */
export function fakeEnvironment(files: Record<string, string> = {}, options: { sheetsApi?: boolean } = {}): FakeEnvironment {
  const log = new CallLog();
  const spreadsheet = new FakeSpreadsheet(log);
  const ui: UiLog = { menus: [], alerts: [], prompts: [], sidebars: [], promptAnswers: [] };
  const lock = { held: false, waits: 0, releases: 0, busy: false, events: [] as string[] };

  const ButtonSet = { OK: "OK", OK_CANCEL: "OK_CANCEL", YES_NO: "YES_NO", YES_NO_CANCEL: "YES_NO_CANCEL" };
  const Button = { OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO", CLOSE: "CLOSE" };

  class Menu {
    _items: { caption: string; fn: string }[] = [];
    _self: Menu;
    constructor(readonly _title: string) {
      this._self = strict(this, "Menu", null);
    }
    addItem(caption: string, fn: string): Menu {
      if (typeof caption !== "string" || typeof fn !== "string") throw new Error("FakeSheets: addItem(caption, functionName)");
      this._items.push({ caption, fn });
      return this._self;
    }
    addSeparator(): Menu {
      return this._self;
    }
    addToUi(): void {
      ui.menus.push({ title: this._title, items: this._items });
    }
  }
  class PromptResponse {
    _self: PromptResponse;
    constructor(readonly _text: string | null) {
      this._self = strict(this, "PromptResponse", null);
    }
    getResponseText(): string {
      return this._text ?? "";
    }
    getSelectedButton(): string {
      return this._text === null ? Button.CANCEL : Button.OK;
    }
  }
  class Ui {
    ButtonSet = ButtonSet;
    Button = Button;
    createMenu(title: string): Menu {
      return new Menu(title)._self;
    }
    createAddonMenu(): Menu {
      return new Menu("(add-on)")._self;
    }
    alert(a: string, b?: string, _buttons?: string): string {
      ui.alerts.push(b === undefined ? a : `${a}\n${b}`);
      return Button.OK;
    }
    prompt(a: string, b?: string, _buttons?: string): PromptResponse {
      ui.prompts.push(b === undefined ? a : `${a}\n${b}`);
      const answer = ui.promptAnswers.length > 0 ? ui.promptAnswers.shift()! : null;
      return new PromptResponse(answer)._self;
    }
    showSidebar(html: HtmlOutput): void {
      const raw = htmlOutputs.get(html);
      if (raw === undefined) throw new Error("FakeSheets: showSidebar cần một HtmlOutput");
      ui.sidebars.push({ title: raw._title, html: raw._html });
    }
  }
  const theUi = new Proxy(new Ui(), {
    get(t, prop) {
      if (prop === "ButtonSet" || prop === "Button") return (t as unknown as Record<string, unknown>)[prop];
      if (typeof prop === "symbol" || prop === "then") return undefined;
      const v = (t as unknown as Record<string, unknown>)[prop];
      if (typeof v !== "function") throw new Error(`FakeSheets: Ui.${prop} không có trong bản giả`);
      return (v as (...a: unknown[]) => unknown).bind(t);
    },
  });

  const htmlOutputs = new WeakMap<object, HtmlOutput>();
  class HtmlOutput {
    _title = "";
    _self: HtmlOutput;
    constructor(readonly _html: string) {
      this._self = strict(this, "HtmlOutput", null);
      htmlOutputs.set(this._self, this);
    }
    setTitle(t: string): HtmlOutput {
      this._title = t;
      return this._self;
    }
    getContent(): string {
      return this._html;
    }
  }
  const HtmlService = strict(
    {
      createHtmlOutputFromFile(name: string): HtmlOutput {
        const html = files[name];
        if (html === undefined) throw new Error(`FakeSheets: không có tệp HTML "${name}"`);
        return new HtmlOutput(html)._self;
      },
    },
    "HtmlService",
    null,
  );

  const theLock = strict(
    {
      waitLock(ms: number): void {
        lock.waits += 1;
        if (typeof ms !== "number") throw new Error("FakeSheets: waitLock(ms)");
        if (lock.busy || lock.held) throw new Error("Lock timeout: another process was holding the lock for too long.");
        lock.held = true;
      },
      tryLock(_ms: number): boolean {
        if (lock.busy || lock.held) return false;
        lock.held = true;
        return true;
      },
      hasLock(): boolean {
        return lock.held;
      },
      releaseLock(): void {
        lock.events.push("release");
        lock.releases += 1;
        lock.held = false;
      },
    },
    "Lock",
    null,
  );
  const LockService = strict({ getDocumentLock: () => theLock }, "LockService", null);

  const SpreadsheetApp = strict(
    {
      getActiveSpreadsheet: () => spreadsheet._self,
      getUi: () => theUi,
      flush: () => {
        lock.events.push("flush");
      },
      newDataValidation: () => new FakeDataValidationBuilder()._self,
      newTextStyle: () => new FakeTextStyleBuilder()._self,
    },
    "SpreadsheetApp",
    log,
  );
  const Utilities = strict(
    {
      formatDate(d: Date, tz: string, pattern: string): string {
        if (pattern !== "yyyy-MM-dd") throw new Error(`FakeSheets: formatDate mẫu ${pattern} chưa hỗ trợ`);
        return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
      },
    },
    "Utilities",
    null,
  );

  // Enums are plain values: an unknown member throws, as an unmodelled API must.
  const enumOf = <T extends object>(values: T, name: string): T =>
    new Proxy(Object.freeze(values), {
      get(t, p) {
        if (typeof p === "symbol" || p === "then" || p === "toJSON") return undefined;
        if (!(p in t)) throw new Error(`FakeSheets: ${name}.${p} không có trong bản giả (fake) — API chưa được mô phỏng`);
        return (t as Record<string, unknown>)[p];
      },
    });
  const Charts = enumOf(
    { ChartType: enumOf({ BAR: "BAR", COLUMN: "COLUMN", COMBO: "COMBO", LINE: "LINE", PIE: "PIE" }, "Charts.ChartType") },
    "Charts",
  );

  // The Sheets advanced service (the manifest enables it); `{ sheetsApi: false }`: a copy without it.
  const api = options.sheetsApi === false ? null : new FakeSheetsApi(spreadsheet);
  const Sheets =
    api === null
      ? undefined
      : enumOf(
          { Spreadsheets: strict({ batchUpdate: (r: unknown, id: unknown) => api.batchUpdate(r, id) }, "Sheets.Spreadsheets", null) },
          "Sheets",
        );
  return {
    globals: { SpreadsheetApp, HtmlService, LockService, Utilities, Charts, console, ...(Sheets === undefined ? {} : { Sheets }) },
    spreadsheet,
    log,
    ui,
    lock,
    api,
  };
}

/**
 * The services a `SheetsHost` built in the test's own realm needs, taken from the fake's globals.
 *
 * @example
 * const host = new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, hostServices(env));
 */
export function hostServices(env: FakeEnvironment): {
  newDataValidation: () => GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  formatDate: (date: Date, timeZone: string, pattern: string) => string;
  newTextStyle: () => GoogleAppsScript.Spreadsheet.TextStyleBuilder;
  charts: ChartsService;
  sheetsApi?: SheetsApiService;
} {
  const g = env.globals as {
    SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    Utilities: GoogleAppsScript.Utilities.Utilities;
    Charts: ChartsService;
    Sheets?: SheetsApiService;
  };
  return {
    newDataValidation: () => g.SpreadsheetApp.newDataValidation(),
    formatDate: (d, tz, p) => g.Utilities.formatDate(d, tz, p),
    newTextStyle: () => g.SpreadsheetApp.newTextStyle(),
    charts: g.Charts,
    ...(g.Sheets === undefined ? {} : { sheetsApi: g.Sheets }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The Sheets API advanced service (`Sheets.Spreadsheets.batchUpdate`), over the same in-memory model

/** The request kinds the fake applies; any other throws, as the API's 400 for a request it cannot parse. */
const API_REQUESTS = new Set([
  "addSheet",
  "deleteSheet",
  "updateSheetProperties",
  "appendDimension",
  "updateCells",
  "repeatCell",
  "mergeCells",
  "unmergeCells",
  "updateDimensionProperties",
  "setDataValidation",
]);
/** Field paths of `userEnteredFormat` the fake models (repeatCell and updateCells masks). */
const FORMAT_PATHS = new Set([
  "numberFormat",
  "textFormat.bold",
  "textFormat.italic",
  "textFormat.fontFamily",
  "textFormat.fontSize",
  "textFormat.foregroundColorStyle",
  "horizontalAlignment",
  "verticalAlignment",
  "wrapStrategy",
  "backgroundColorStyle",
  "borders",
]);
const API_H: Record<string, string> = { LEFT: "left", CENTER: "center", RIGHT: "right" };
const API_V: Record<string, string> = { TOP: "top", MIDDLE: "middle", BOTTOM: "bottom" };
const NUMBER_FORMAT_TYPES = new Set(["TEXT", "NUMBER", "PERCENT", "CURRENCY", "DATE", "TIME", "DATE_TIME", "SCIENTIFIC"]);

/** A 400 of the API: "Invalid requests[i].kind: …". */
function bad(i: number, kind: string, what: string): Error {
  return new Error(`API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[${i}].${kind}: ${what}`);
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Throws unless `o` is an object whose keys are all in `allowed` and which has every key of `required`. */
function keys(o: unknown, allowed: readonly string[], required: readonly string[], fail: (w: string) => Error, what: string): Json {
  if (!isObj(o)) throw fail(`${what} phải là một đối tượng`);
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw fail(`${what}: trường lạ "${k}"`);
  for (const k of required) if (o[k] === undefined) throw fail(`${what}: thiếu "${k}"`);
  return o;
}
function intAtLeast(v: unknown, min: number, fail: (w: string) => Error, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) throw fail(`${what} phải là số nguyên ≥ ${min}, nhận ${JSON.stringify(v)}`);
  return v;
}
/** "#RRGGBB" of a `ColorStyle` ({ rgbColor: { red, green, blue } }, 0–1; absent components are 0). */
function apiColor(v: unknown, fail: (w: string) => Error, what: string): string {
  const style = keys(v, ["rgbColor"], ["rgbColor"], fail, what);
  const rgb = keys(style.rgbColor, ["red", "green", "blue", "alpha"], [], fail, `${what}.rgbColor`);
  const hex = (k: string) => {
    const x = rgb[k] ?? 0;
    if (typeof x !== "number" || x < 0 || x > 1) throw fail(`${what}.rgbColor.${k} phải từ 0 đến 1`);
    return Math.round(x * 255)
      .toString(16)
      .padStart(2, "0")
      .toUpperCase();
  };
  return `#${hex("red")}${hex("green")}${hex("blue")}`;
}

/** Snapshot of the model, to undo a batchUpdate that failed part-way (the API applies all or nothing). */
function snapshot(book: FakeSpreadsheet): () => void {
  const sheets = [...book._sheets];
  const active = book._activeSheet;
  const nextId = book._nextId;
  const states = sheets.map((s) => ({
    sheet: s,
    name: s._name,
    cells: new Map([...s._cells].map(([k, c]) => [k, { ...c, border: c.border && { ...c.border } }])),
    merges: s._merges.map((m) => ({ ...m })),
    frozen: [s._frozenRows, s._frozenCols] as const,
    widths: new Map(s._columnWidths),
    heights: new Map(s._rowHeights),
    tab: s._tabColor,
    size: [s._maxRows, s._maxCols] as const,
  }));
  return () => {
    book._sheets = sheets;
    book._activeSheet = active;
    book._nextId = nextId;
    for (const st of states) {
      const s = st.sheet;
      s._name = st.name;
      s._cells = st.cells;
      s._merges = st.merges;
      [s._frozenRows, s._frozenCols] = st.frozen;
      s._columnWidths = st.widths;
      s._rowHeights = st.heights;
      s._tabColor = st.tab;
      [s._maxRows, s._maxCols] = st.size;
    }
  };
}

/**
 * Fake `Sheets` advanced service: `Sheets.Spreadsheets.batchUpdate(resource, spreadsheetId)` applies each request
 * onto the same sheets, cells, merges, sizes, notes and validations as the SpreadsheetApp fake. Strict like the
 * API: an unknown request kind, an unknown field, a field mask naming what the fake does not model or leaving out
 * a field the request sets, a range outside the grid, all throw, and then nothing of the batch is applied. Each
 * call is counted once (`Sheets.batchUpdate`, kind `write`); `bodies` holds each request body's size in bytes.
 */
export class FakeSheetsApi {
  readonly bodies: number[] = [];
  /** Test hook: throws `error` instead of applying the `call`-th call (1-based) from when it is set. */
  failOn: { call: number; error: Error } | null = null;
  constructor(readonly book: FakeSpreadsheet) {}

  batchUpdate(resource: unknown, spreadsheetId: unknown): { spreadsheetId: string; replies: object[] } {
    this.book._log.record("Sheets", "batchUpdate");
    if (spreadsheetId !== this.book.getId()) throw new Error(`FakeSheets API: không có bảng tính "${String(spreadsheetId)}"`);
    const fail0 = (w: string) => new Error(`API call to sheets.spreadsheets.batchUpdate failed with error: ${w}`);
    const body = keys(resource, ["requests", "includeSpreadsheetInResponse"], ["requests"], fail0, "resource");
    if (!Array.isArray(body.requests) || body.requests.length === 0) throw fail0("requests phải là mảng không rỗng");
    this.bodies.push(Buffer.byteLength(JSON.stringify(resource), "utf8"));
    if (this.failOn !== null && --this.failOn.call === 0) {
      const { error } = this.failOn;
      this.failOn = null;
      throw error;
    }
    const undo = snapshot(this.book);
    try {
      body.requests.forEach((req, i) => {
        if (!isObj(req) || Object.keys(req).length !== 1) throw fail0(`requests[${i}] phải có đúng một loại yêu cầu`);
        const kind = Object.keys(req)[0]!;
        if (!API_REQUESTS.has(kind)) throw fail0(`requests[${i}]: loại yêu cầu "${kind}" chưa được mô phỏng`);
        this.apply(kind, req[kind], (w) => bad(i, kind, w));
      });
    } catch (e) {
      undo();
      throw e;
    }
    return { spreadsheetId: this.book.getId(), replies: body.requests.map(() => ({})) };
  }

  private sheetById(id: unknown, fail: (w: string) => Error): FakeSheet {
    const sheet = this.book._sheets.find((s) => s._id === id);
    if (sheet === undefined) throw fail(`No grid with id: ${JSON.stringify(id)}`);
    return sheet;
  }

  /** A GridRange → the sheet and a 1-based Rect inside its grid. */
  private range(v: unknown, fail: (w: string) => Error): { sheet: FakeSheet; rect: Rect } {
    const r = keys(
      v,
      ["sheetId", "startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"],
      ["sheetId", "startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"],
      fail,
      "range",
    );
    const sheet = this.sheetById(r.sheetId, fail);
    const [r0, r1, c0, c1] = (["startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"] as const).map((k) =>
      intAtLeast(r[k], 0, fail, `range.${k}`),
    ) as [number, number, number, number];
    if (r1 <= r0 || c1 <= c0) throw fail(`range rỗng ${JSON.stringify(r)}`);
    if (r1 > sheet._maxRows || c1 > sheet._maxCols) throw fail(OUTSIDE_SHEET);
    return { sheet, rect: { row: r0 + 1, col: c0 + 1, rows: r1 - r0, cols: c1 - c0 } };
  }

  private apply(kind: string, v: unknown, fail: (w: string) => Error): void {
    const book = this.book;
    switch (kind) {
      case "addSheet": {
        const o = keys(v, ["properties"], ["properties"], fail, "addSheet");
        const p = keys(o.properties, ["sheetId", "title", "index", "gridProperties", "tabColorStyle"], ["title"], fail, "properties");
        const title = p.title;
        if (typeof title !== "string" || title === "") throw fail("properties.title phải là chuỗi không rỗng");
        if (book._sheets.some((s) => s._name.toLocaleLowerCase("vi") === title.toLocaleLowerCase("vi")))
          throw fail(`A sheet with the name "${title}" already exists. Please enter another name.`);
        const id = p.sheetId === undefined ? book._nextId : intAtLeast(p.sheetId, 0, fail, "properties.sheetId");
        if (book._sheets.some((s) => s._id === id)) throw fail(`Sheet with id ${id} already exists`);
        const index = p.index === undefined ? book._sheets.length : intAtLeast(p.index, 0, fail, "properties.index");
        if (index > book._sheets.length) throw fail(`properties.index ${index} quá số sheet`);
        const g = keys(
          p.gridProperties ?? {},
          ["rowCount", "columnCount", "frozenRowCount", "frozenColumnCount"],
          [],
          fail,
          "properties.gridProperties",
        );
        const rows = g.rowCount === undefined ? SHEETS_FAKE_LIMITS.newRows : intAtLeast(g.rowCount, 1, fail, "rowCount");
        const cols = g.columnCount === undefined ? SHEETS_FAKE_LIMITS.newCols : intAtLeast(g.columnCount, 1, fail, "columnCount");
        book._grow(rows * cols);
        const sheet = new FakeSheet(book, title, id);
        book._nextId = Math.max(book._nextId, id + 1);
        sheet._maxRows = rows;
        sheet._maxCols = cols;
        if (g.frozenRowCount !== undefined) sheet._frozenRows = intAtLeast(g.frozenRowCount, 0, fail, "frozenRowCount");
        if (g.frozenColumnCount !== undefined) sheet._frozenCols = intAtLeast(g.frozenColumnCount, 0, fail, "frozenColumnCount");
        if (p.tabColorStyle !== undefined) sheet._tabColor = apiColor(p.tabColorStyle, fail, "tabColorStyle");
        book._sheets.splice(index, 0, sheet);
        book._log.touched.add(title);
        return;
      }
      case "deleteSheet": {
        const o = keys(v, ["sheetId"], ["sheetId"], fail, "deleteSheet");
        const sheet = this.sheetById(o.sheetId, fail);
        if (book._sheets.length === 1) throw fail("You can't remove all the sheets in a document.");
        book._sheets = book._sheets.filter((s) => s !== sheet);
        book._log.touched.add(sheet._name);
        if (book._activeSheet === sheet) book._activeSheet = book._sheets[0] ?? null;
        return;
      }
      case "updateSheetProperties": {
        const o = keys(v, ["properties", "fields"], ["properties", "fields"], fail, "updateSheetProperties");
        const p = keys(o.properties, ["sheetId", "title", "gridProperties", "tabColorStyle"], ["sheetId"], fail, "properties");
        const sheet = this.sheetById(p.sheetId, fail);
        const g = keys(p.gridProperties ?? {}, ["frozenRowCount", "frozenColumnCount"], [], fail, "properties.gridProperties");
        const fields = this.mask(
          o.fields,
          ["title", "gridProperties.frozenRowCount", "gridProperties.frozenColumnCount", "tabColorStyle"],
          fail,
        );
        const set = [...(p.title !== undefined ? ["title"] : []), ...Object.keys(g).map((k) => `gridProperties.${k}`)];
        if (p.tabColorStyle !== undefined) set.push("tabColorStyle");
        for (const f of set) if (!fields.includes(f)) throw fail(`trường "${f}" không có trong fields`);
        for (const f of fields) {
          if (f === "title") {
            if (typeof p.title !== "string" || p.title === "") throw fail("title phải là chuỗi không rỗng");
            sheet._name = p.title;
          } else if (f === "gridProperties.frozenRowCount") sheet._frozenRows = intAtLeast(g.frozenRowCount ?? 0, 0, fail, f);
          else if (f === "gridProperties.frozenColumnCount") sheet._frozenCols = intAtLeast(g.frozenColumnCount ?? 0, 0, fail, f);
          else sheet._tabColor = p.tabColorStyle === undefined ? null : apiColor(p.tabColorStyle, fail, "tabColorStyle");
        }
        book._log.touched.add(sheet._name);
        return;
      }
      case "appendDimension": {
        const o = keys(v, ["sheetId", "dimension", "length"], ["sheetId", "dimension", "length"], fail, "appendDimension");
        const sheet = this.sheetById(o.sheetId, fail);
        const n = intAtLeast(o.length, 1, fail, "length");
        if (o.dimension === "ROWS") {
          book._grow(n * sheet._maxCols);
          sheet._maxRows += n;
        } else if (o.dimension === "COLUMNS") {
          book._grow(n * sheet._maxRows);
          sheet._maxCols += n;
        } else throw fail(`dimension ${JSON.stringify(o.dimension)}`);
        book._log.touched.add(sheet._name);
        return;
      }
      case "updateCells": {
        const o = keys(v, ["rows", "fields", "start", "range"], ["fields"], fail, "updateCells");
        if ((o.start === undefined) === (o.range === undefined)) throw fail("cần đúng một trong start và range");
        const fields = this.mask(o.fields, ["userEnteredValue", "userEnteredFormat", "note", "dataValidation"], fail);
        let sheet: FakeSheet;
        let rect: Rect | null = null;
        let origin: { row: number; col: number };
        if (o.range !== undefined) {
          ({ sheet, rect } = this.range(o.range, fail));
          origin = { row: rect.row, col: rect.col };
        } else {
          const s = keys(o.start, ["sheetId", "rowIndex", "columnIndex"], ["sheetId"], fail, "start");
          sheet = this.sheetById(s.sheetId, fail);
          origin = {
            row: intAtLeast(s.rowIndex ?? 0, 0, fail, "rowIndex") + 1,
            col: intAtLeast(s.columnIndex ?? 0, 0, fail, "columnIndex") + 1,
          };
        }
        book._log.touched.add(sheet._name);
        const rows = o.rows;
        if (rows === undefined) {
          if (rect === null) throw fail("không có rows thì cần range");
          for (let r = rect.row; r < rect.row + rect.rows; r++)
            for (let c = rect.col; c < rect.col + rect.cols; c++) this.setCell(sheet, r, c, {}, fields, fail);
          return;
        }
        if (!Array.isArray(rows)) throw fail("rows phải là mảng");
        rows.forEach((row, r) => {
          const line = keys(row, ["values"], [], fail, `rows[${r}]`).values ?? [];
          if (!Array.isArray(line)) throw fail(`rows[${r}].values phải là mảng`);
          line.forEach((cell, c) => {
            const at = { row: origin.row + r, col: origin.col + c };
            if (at.row > sheet._maxRows || at.col > sheet._maxCols) throw fail(OUTSIDE_SHEET);
            if (rect !== null && (at.row >= rect.row + rect.rows || at.col >= rect.col + rect.cols)) throw fail("rows vượt ra ngoài range");
            const data = keys(
              cell,
              ["userEnteredValue", "userEnteredFormat", "note", "dataValidation"],
              [],
              fail,
              `rows[${r}].values[${c}]`,
            );
            for (const k of Object.keys(data)) if (!fields.includes(k)) throw fail(`"${k}" không có trong fields "${String(o.fields)}"`);
            this.setCell(sheet, at.row, at.col, data, fields, fail);
          });
        });
        return;
      }
      case "repeatCell": {
        const o = keys(v, ["range", "cell", "fields"], ["range", "cell", "fields"], fail, "repeatCell");
        const { sheet, rect } = this.range(o.range, fail);
        const cell = keys(o.cell, ["userEnteredFormat"], [], fail, "cell");
        const fields = this.mask(
          o.fields,
          [...FORMAT_PATHS].map((p) => `userEnteredFormat.${p}`),
          fail,
        );
        // Every field the cell sets must be in the mask (the API would ignore it: a mistake here).
        const format = keys(
          cell.userEnteredFormat ?? {},
          ["numberFormat", "textFormat", "horizontalAlignment", "verticalAlignment", "wrapStrategy", "backgroundColorStyle", "borders"],
          [],
          fail,
          "userEnteredFormat",
        );
        for (const k of Object.keys(format)) {
          const paths =
            k === "textFormat" ? Object.keys(isObj(format.textFormat) ? format.textFormat : {}).map((t) => `textFormat.${t}`) : [k];
          for (const p of paths)
            if (!fields.includes(`userEnteredFormat.${p}`)) throw fail(`"userEnteredFormat.${p}" không có trong fields`);
        }
        book._log.touched.add(sheet._name);
        for (let r = rect.row; r < rect.row + rect.rows; r++)
          for (let c = rect.col; c < rect.col + rect.cols; c++) this.setFormat(sheet._cell(r, c, true)!, format, fields, fail);
        return;
      }
      case "mergeCells": {
        const o = keys(v, ["range", "mergeType"], ["range", "mergeType"], fail, "mergeCells");
        if (o.mergeType !== "MERGE_ALL") throw fail(`mergeType ${JSON.stringify(o.mergeType)} chưa được mô phỏng`);
        const { sheet, rect } = this.range(o.range, fail);
        if (rect.rows === 1 && rect.cols === 1) throw fail("Must merge more than one cell.");
        const crosses = (start: number, n: number, frozen: number) => frozen > 0 && start <= frozen && start + n - 1 > frozen;
        if (crosses(rect.row, rect.rows, sheet._frozenRows) || crosses(rect.col, rect.cols, sheet._frozenCols))
          throw fail("You can't merge frozen and non-frozen rows or columns.");
        for (const m of sheet._merges) {
          if (overlaps(m, rect)) throw fail(`You can't merge cells that are already merged: ${rectToA1(m)}`);
        }
        sheet._merges.push({ ...rect });
        book._log.touched.add(sheet._name);
        return;
      }
      case "unmergeCells": {
        const o = keys(v, ["range"], ["range"], fail, "unmergeCells");
        const { sheet, rect } = this.range(o.range, fail);
        sheet._merges = sheet._merges.filter((m) => !overlaps(m, rect));
        book._log.touched.add(sheet._name);
        return;
      }
      case "updateDimensionProperties": {
        const o = keys(v, ["range", "properties", "fields"], ["range", "properties", "fields"], fail, "updateDimensionProperties");
        const r = keys(
          o.range,
          ["sheetId", "dimension", "startIndex", "endIndex"],
          ["sheetId", "dimension", "startIndex", "endIndex"],
          fail,
          "range",
        );
        const sheet = this.sheetById(r.sheetId, fail);
        const p = keys(o.properties, ["pixelSize"], ["pixelSize"], fail, "properties");
        if (o.fields !== "pixelSize") throw fail(`fields ${JSON.stringify(o.fields)} (chỉ mô phỏng "pixelSize")`);
        const px = intAtLeast(p.pixelSize, 1, fail, "pixelSize");
        const start = intAtLeast(r.startIndex, 0, fail, "startIndex");
        const end = intAtLeast(r.endIndex, start + 1, fail, "endIndex");
        const [sizes, max] =
          r.dimension === "ROWS"
            ? [sheet._rowHeights, sheet._maxRows]
            : r.dimension === "COLUMNS"
              ? [sheet._columnWidths, sheet._maxCols]
              : [null, 0];
        if (sizes === null) throw fail(`dimension ${JSON.stringify(r.dimension)}`);
        if (end > max) throw fail(OUTSIDE_SHEET);
        for (let i = start + 1; i <= end; i++) sizes.set(i, px);
        book._log.touched.add(sheet._name);
        return;
      }
      case "setDataValidation": {
        const o = keys(v, ["range", "rule"], ["range"], fail, "setDataValidation");
        const { sheet, rect } = this.range(o.range, fail);
        let rule: FakeDataValidation | null = null;
        if (o.rule !== undefined) {
          const r = keys(o.rule, ["condition", "inputMessage", "strict", "showCustomUi"], ["condition"], fail, "rule");
          const cond = keys(r.condition, ["type", "values"], ["type", "values"], fail, "rule.condition");
          if (cond.type !== "NUMBER_BETWEEN") throw fail(`condition.type ${JSON.stringify(cond.type)} chưa được mô phỏng`);
          const values = cond.values;
          if (!Array.isArray(values) || values.length !== 2) throw fail("NUMBER_BETWEEN cần đúng hai giá trị");
          const [min, max] = values.map((x: unknown) => {
            const s = keys(x, ["userEnteredValue"], ["userEnteredValue"], fail, "condition.values[]").userEnteredValue;
            if (typeof s !== "string" || !Number.isFinite(Number(s)) || s.trim() === "")
              throw fail(`giá trị ${JSON.stringify(s)} không phải số`);
            return Number(s);
          }) as [number, number];
          if (r.strict !== undefined && typeof r.strict !== "boolean") throw fail("strict phải là true/false");
          if (r.inputMessage !== undefined && typeof r.inputMessage !== "string") throw fail("inputMessage phải là chuỗi");
          rule = new FakeDataValidation({ type: "NUMBER_BETWEEN", min, max }, r.strict !== true, r.inputMessage ?? "");
        }
        book._log.touched.add(sheet._name);
        for (let r = rect.row; r < rect.row + rect.rows; r++)
          for (let c = rect.col; c < rect.col + rect.cols; c++) {
            const cell = sheet._cell(r, c, rule !== null);
            if (cell === undefined) continue;
            if (rule === null) delete cell.validation;
            else cell.validation = rule;
          }
        return;
      }
    }
  }

  /** A field mask ("a,b.c") as a list, each path among `allowed` (a path outside throws). */
  private mask(v: unknown, allowed: readonly string[], fail: (w: string) => Error): string[] {
    if (typeof v !== "string" || v.trim() === "") throw fail("fields phải là chuỗi không rỗng");
    const out = v.split(",").map((f) => f.trim());
    for (const f of out) if (!allowed.includes(f)) throw fail(`fields: "${f}" không hợp lệ hoặc chưa được mô phỏng`);
    return out;
  }

  /** One cell of an updateCells: each masked field set from `data`, or cleared when `data` lacks it. */
  private setCell(sheet: FakeSheet, row: number, col: number, data: Json, fields: string[], fail: (w: string) => Error): void {
    const existing = sheet._cell(row, col, false);
    if (existing === undefined && Object.keys(data).length === 0) return;
    const cell = existing ?? sheet._cell(row, col, true)!;
    for (const f of fields) {
      if (f === "userEnteredValue") {
        delete cell.formula;
        cell.value = "";
        if (data.userEnteredValue === undefined) continue;
        const u = keys(data.userEnteredValue, ["stringValue", "numberValue", "boolValue", "formulaValue"], [], fail, "userEnteredValue");
        if (Object.keys(u).length !== 1) throw fail("userEnteredValue cần đúng một giá trị");
        if (u.stringValue !== undefined) {
          if (typeof u.stringValue !== "string") throw fail("stringValue phải là chuỗi");
          if (u.stringValue.length > SHEETS_FAKE_LIMITS.cellChars) throw fail(CELL_TOO_LONG);
          cell.value = u.stringValue;
        } else if (u.numberValue !== undefined) {
          if (typeof u.numberValue !== "number" || !Number.isFinite(u.numberValue)) throw fail("numberValue phải là số");
          cell.value = u.numberValue;
        } else if (u.boolValue !== undefined) {
          if (typeof u.boolValue !== "boolean") throw fail("boolValue phải là true/false");
          cell.value = u.boolValue;
        } else {
          if (typeof u.formulaValue !== "string" || !u.formulaValue.startsWith("=")) throw fail("formulaValue phải bắt đầu bằng =");
          cell.value = "#ERROR!";
          cell.formula = u.formulaValue;
        }
      } else if (f === "note") {
        if (data.note === undefined || data.note === "") delete cell.note;
        else if (typeof data.note !== "string") throw fail("note phải là chuỗi");
        else cell.note = data.note;
      } else if (f === "dataValidation") {
        if (data.dataValidation !== undefined) throw fail("dataValidation trong updateCells chưa được mô phỏng");
        delete cell.validation;
      } else {
        const format = keys(data.userEnteredFormat ?? {}, [], [], fail, "userEnteredFormat");
        this.setFormat(
          cell,
          format,
          [...FORMAT_PATHS].map((p) => `userEnteredFormat.${p}`),
          fail,
        );
      }
    }
  }

  /** The masked parts of a `userEnteredFormat` onto a cell (a masked part the format lacks is cleared). */
  private setFormat(cell: FakeCell, format: Json, fields: string[], fail: (w: string) => Error): void {
    const text = keys(
      format.textFormat ?? {},
      ["bold", "italic", "fontFamily", "fontSize", "foregroundColorStyle"],
      [],
      fail,
      "textFormat",
    );
    for (const full of fields) {
      const f = full.slice("userEnteredFormat.".length);
      switch (f) {
        case "numberFormat": {
          if (format.numberFormat === undefined) {
            delete cell.numberFormat;
            break;
          }
          const n = keys(format.numberFormat, ["type", "pattern"], ["type"], fail, "numberFormat");
          if (typeof n.type !== "string" || !NUMBER_FORMAT_TYPES.has(n.type)) throw fail(`numberFormat.type ${JSON.stringify(n.type)}`);
          if (n.pattern !== undefined && typeof n.pattern !== "string") throw fail("numberFormat.pattern phải là chuỗi");
          if (n.type === "TEXT" && n.pattern !== "@") throw fail('numberFormat TEXT cần pattern "@"');
          cell.numberFormat = n.pattern ?? "";
          break;
        }
        case "textFormat.bold":
        case "textFormat.italic": {
          const k = f === "textFormat.bold" ? "bold" : "italic";
          const b = text[k];
          if (b !== undefined && typeof b !== "boolean") throw fail(`${f} phải là true/false`);
          const field = k === "bold" ? "fontWeight" : "fontStyle";
          if (b === undefined) delete cell[field];
          else cell[field] = b ? k : "normal";
          break;
        }
        case "textFormat.fontFamily":
          if (text.fontFamily === undefined) delete cell.fontFamily;
          else cell.fontFamily = str(f)(text.fontFamily);
          break;
        case "textFormat.fontSize":
          if (text.fontSize === undefined) delete cell.fontSize;
          else cell.fontSize = intAtLeast(text.fontSize, 1, fail, f);
          break;
        case "textFormat.foregroundColorStyle":
          if (text.foregroundColorStyle === undefined) delete cell.fontColor;
          else cell.fontColor = apiColor(text.foregroundColorStyle, fail, f);
          break;
        case "horizontalAlignment": {
          const h = format.horizontalAlignment;
          if (h === undefined) delete cell.hAlign;
          else if (typeof h !== "string" || API_H[h] === undefined) throw fail(`horizontalAlignment ${JSON.stringify(h)}`);
          else cell.hAlign = API_H[h];
          break;
        }
        case "verticalAlignment": {
          const v = format.verticalAlignment;
          if (v === undefined) delete cell.vAlign;
          else if (typeof v !== "string" || API_V[v] === undefined) throw fail(`verticalAlignment ${JSON.stringify(v)}`);
          else cell.vAlign = API_V[v];
          break;
        }
        case "wrapStrategy": {
          const w = format.wrapStrategy;
          if (w === undefined) delete cell.wrap;
          else if (typeof w !== "string" || !["WRAP", "OVERFLOW_CELL", "CLIP"].includes(w)) throw fail(`wrapStrategy ${JSON.stringify(w)}`);
          else cell.wrap = w === "WRAP";
          break;
        }
        case "backgroundColorStyle":
          if (format.backgroundColorStyle === undefined) delete cell.background;
          else cell.background = apiColor(format.backgroundColorStyle, fail, f);
          break;
        case "borders": {
          if (format.borders === undefined) {
            delete cell.border;
            break;
          }
          const b = keys(format.borders, ["top", "bottom", "left", "right"], [], fail, "borders");
          const side = (k: string, cur: boolean): boolean => {
            if (b[k] === undefined) return cur;
            const s = keys(b[k], ["style", "colorStyle", "width"], ["style"], fail, `borders.${k}`).style;
            if (s !== "SOLID" && s !== "NONE") throw fail(`borders.${k}.style ${JSON.stringify(s)} chưa được mô phỏng`);
            return s === "SOLID";
          };
          const cur = cell.border ?? { top: false, left: false, bottom: false, right: false };
          cell.border = {
            top: side("top", cur.top),
            left: side("left", cur.left),
            bottom: side("bottom", cur.bottom),
            right: side("right", cur.right),
          };
          break;
        }
        default:
          throw fail(`fields: "${full}" chưa được mô phỏng`);
      }
    }
  }
}

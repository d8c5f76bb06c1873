/**
 * The Node .xlsx host: implements the core's `WorkbookPort` over an exceljs `Workbook` held in memory.
 * It only moves values and formats; opening and saving the file is `openWorkbook` / `saveWorkbook`.
 */
import type ExcelJS from "exceljs";
import type {
  CellRange,
  CellStyle,
  CellValue,
  SheetLayout,
  SheetWrite,
  WorkbookPort,
  WriteBlock,
} from "../../shared/workbook/port.ts";
import { cellAddress } from "../../shared/workbook/port.ts";
import { checkSheetWrites } from "../../shared/workbook/checkSheetWrites.ts";
import { trimmedGrid } from "../../shared/workbook/trimmedGrid.ts";
import { columnWidthPt, rowHeightForLines, wrappedLineCount } from "./wrappedRowHeight.ts";

/** How many host calls were made, so tests can count host I/O. */
export interface XlsxHostCalls {
  listSheets: number;
  readSheets: number;
  sheetsRead: number;
  write: number;
  blocksWritten: number;
}

/** Options of the .xlsx host. */
export interface XlsxHostOptions {
  /**
   * Store an estimated height for rows of written blocks that hold wrapped text and have no height in
   * `rowHeights` (default true). Excel grows such rows itself, LibreOffice does not and clips the text.
   */
  fitWrappedRows?: boolean;
}

/** exceljs cell value type codes (`ExcelJS.ValueType`), kept here so this file needs no runtime import. */
const VALUE_TYPE = {
  Null: 0,
  Merge: 1,
  Number: 2,
  String: 3,
  Date: 4,
  Hyperlink: 5,
  Formula: 6,
  SharedString: 7,
  RichText: 8,
  Boolean: 9,
  Error: 10,
} as const;

/**
 * `WorkbookPort` over an exceljs workbook.
 *
 * @example
 * const workbook = await openWorkbook("book.xlsx");
 * const host = new XlsxHost(workbook);
 * const grids = await host.readSheets(await host.listSheets());
 * await host.write([{ sheet: "Biểu 1", mode: "replace", blocks: [{ row: 0, col: 0, values: [["Tiêu đề"]] }] }]);
 * await saveWorkbook(workbook, "book.xlsx");
 */
export class XlsxHost implements WorkbookPort {
  readonly workbook: ExcelJS.Workbook;
  readonly calls: XlsxHostCalls = { listSheets: 0, readSheets: 0, sheetsRead: 0, write: 0, blocksWritten: 0 };
  private readonly fitWrappedRows: boolean;

  constructor(workbook: ExcelJS.Workbook, options: XlsxHostOptions = {}) {
    this.workbook = workbook;
    this.fitWrappedRows = options.fitWrappedRows ?? true;
  }

  async listSheets(): Promise<string[]> {
    this.calls.listSheets += 1;
    return this.workbook.worksheets.map((ws) => ws.name);
  }

  async readSheets(names: readonly string[]): Promise<Record<string, CellValue[][]>> {
    this.calls.readSheets += 1;
    this.calls.sheetsRead += names.length;
    const out: Record<string, CellValue[][]> = {};
    for (const name of names) {
      const ws = findSheet(this.workbook, name);
      if (ws === undefined) {
        throw new Error(`Không có trang tính "${name}" trong sổ tính`);
      }
      out[name] = readGrid(ws);
    }
    return out;
  }

  async write(changes: readonly SheetWrite[]): Promise<void> {
    // Check the whole plan first, so a bad plan changes nothing.
    checkSheetWrites(changes);
    this.calls.write += 1;
    for (const change of changes) {
      const ws = change.mode === "replace" ? this.replaceSheet(change) : this.updateSheet(change);
      for (const block of change.blocks) {
        writeBlock(ws, block);
        this.calls.blocksWritten += 1;
      }
      if (change.layout !== undefined) applyLayout(ws, change.layout);
      // After the layout: the estimate needs the final column widths.
      if (this.fitWrappedRows) for (const block of change.blocks) fitWrappedRows(ws, block);
    }
  }

  /** Removes the sheet if present and creates it anew at the same place (or after `after`, or at the end). */
  private replaceSheet(change: SheetWrite): ExcelJS.Worksheet {
    const order = this.workbook.worksheets;
    const existing = findSheet(this.workbook, change.sheet);
    let index: number;
    if (existing !== undefined) {
      index = order.indexOf(existing);
      this.workbook.removeWorksheet(existing.id);
    } else {
      index = this.insertIndex(change.after, order);
    }
    return this.createAt(change.sheet, index);
  }

  /** Keeps the sheet (creates it if missing) and empties its `clear` ranges. */
  private updateSheet(change: SheetWrite): ExcelJS.Worksheet {
    let ws = findSheet(this.workbook, change.sheet);
    if (ws === undefined) {
      ws = this.createAt(change.sheet, this.insertIndex(change.after, this.workbook.worksheets));
    }
    for (const range of change.clear ?? []) clearRange(ws, range);
    return ws;
  }

  /** Where a new sheet goes: right after `after` when that sheet exists, else at the end. */
  private insertIndex(after: string | undefined, order: ExcelJS.Worksheet[]): number {
    if (after !== undefined) {
      const anchor = findSheet(this.workbook, after);
      if (anchor !== undefined) {
        const i = order.indexOf(anchor);
        if (i >= 0) return i + 1;
      }
    }
    return order.length;
  }

  /** Adds a sheet and moves it to position `index` of the workbook order. */
  private createAt(name: string, index: number): ExcelJS.Worksheet {
    const others = this.workbook.worksheets;
    const ws = this.workbook.addWorksheet(name);
    const order = others.filter((s) => s !== ws);
    order.splice(Math.min(index, order.length), 0, ws);
    order.forEach((s, i) => {
      (s as unknown as { orderNo: number }).orderNo = i + 1;
    });
    return ws;
  }
}

/**
 * The sheet with this name: exact match first, then as Excel compares names (case-insensitive), also
 * across Unicode forms (a name typed with decomposed Vietnamese diacritics matches the composed one).
 */
function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const exact = workbook.getWorksheet(name);
  if (exact !== undefined) return exact;
  const key = sheetKey(name);
  return workbook.worksheets.find((ws) => sheetKey(ws.name) === key);
}

function sheetKey(name: string): string {
  return name.normalize("NFC").toLocaleLowerCase("vi");
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** A sheet's values from A1 to the last row/column holding a value; trailing empty rows/columns trimmed. */
function readGrid(ws: ExcelJS.Worksheet): CellValue[][] {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const line: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      line[colNumber - 1] = cellValue(cell);
    });
    rows[rowNumber - 1] = line;
  });
  return trimmedGrid(rows);
}

/** One cell as a port value. Merged-over cells read as empty; formulas give their cached result. */
function cellValue(cell: ExcelJS.Cell): CellValue {
  if ((cell.type as number) === VALUE_TYPE.Merge) return null;
  return plainValue(cell.value);
}

function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") return v === "" ? null : v;
  if (typeof v === "boolean") return v;
  if (v instanceof Date) return isoDate(v);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("formula" in o || "sharedFormula" in o) {
      return "result" in o ? plainValue(o.result) : null;
    }
    if (Array.isArray(o.richText)) return richTextString(o.richText);
    if ("error" in o && typeof o.error === "string") return o.error;
    if ("text" in o) return plainValue(o.text);
  }
  return null;
}

function richTextString(parts: unknown[]): string | null {
  const s = parts
    .map((p) => (p !== null && typeof p === "object" && typeof (p as { text?: unknown }).text === "string" ? (p as { text: string }).text : ""))
    .join("");
  return s === "" ? null : s;
}

/** exceljs dates are UTC instants of the serial day; "YYYY-MM-DD". */
function isoDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const y = String(d.getUTCFullYear()).padStart(4, "0");
  const m = String(d.getUTCMonth() + 1).padStart(2, "0");
  const day = String(d.getUTCDate()).padStart(2, "0");
  return `${y}-${m}-${day}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing


/** Empties a range: unmerges merges touching it, then removes values, formats and notes. */
function clearRange(ws: ExcelJS.Worksheet, range: CellRange): void {
  if (range.rows === 0 || range.cols === 0) return;
  unmergeIntersecting(ws, range);
  // Only rows and columns that exist can hold anything (a range may be whole columns).
  const lastRow = Math.min(range.row + range.rows, ws.rowCount);
  const lastCol = Math.min(range.col + range.cols, ws.columnCount);
  for (let r = range.row; r < lastRow; r++) {
    const row = ws.findRow(r + 1);
    if (row === undefined) continue;
    for (let c = range.col; c < lastCol; c++) {
      const cell = ws.findCell(r + 1, c + 1);
      if (cell === undefined) continue;
      cell.value = null;
      cell.style = {};
      (cell as unknown as { _comment?: unknown })._comment = undefined;
    }
  }
}

/** A merge's 0-based rectangle from its "A1:C3" range text. */
function mergeRanges(ws: ExcelJS.Worksheet): { range: string; top: number; left: number; bottom: number; right: number }[] {
  const merges = (ws as unknown as { _merges: Record<string, { range: string; top: number; left: number; bottom: number; right: number }> })._merges;
  return Object.values(merges ?? {}).filter((m) => m !== undefined);
}

/** Unmerges every merge that overlaps the range (the whole merge, even the part outside). */
function unmergeIntersecting(ws: ExcelJS.Worksheet, range: CellRange): void {
  const top = range.row + 1;
  const left = range.col + 1;
  const bottom = range.row + range.rows;
  const right = range.col + range.cols;
  for (const m of mergeRanges(ws)) {
    if (m.top <= bottom && m.bottom >= top && m.left <= right && m.right >= left) ws.unMergeCells(m.range);
  }
}

function writeBlock(ws: ExcelJS.Worksheet, block: WriteBlock): void {
  const height = block.values.length;
  const width = block.values.reduce((w, line) => Math.max(w, line.length), 0);
  // Writing into a merged-over cell would write its master instead: unmerge what the block covers.
  if (height > 0 && width > 0) unmergeIntersecting(ws, { row: block.row, col: block.col, rows: height, cols: width });
  block.values.forEach((line, r) => {
    line.forEach((v, c) => {
      const cell = ws.getCell(block.row + r + 1, block.col + c + 1);
      // A string is always literal text: exceljs only makes formulas from { formula } objects.
      cell.value = v === "" ? null : v;
      const style = mergedStyle(block.style, block.styles?.[r]?.[c] ?? undefined);
      if (style !== undefined) applyStyle(cell, style);
    });
  });
  block.rowHeights?.forEach((h, i) => {
    if (h !== undefined) ws.getRow(block.row + i + 1).height = h;
  });
  for (const m of block.merges ?? []) {
    if (m.rows === 0 || m.cols === 0 || (m.rows === 1 && m.cols === 1)) continue;
    unmergeIntersecting(ws, m);
    ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  }
  if (block.note !== undefined) {
    ws.getCell(block.row + 1, block.col + 1).note = block.note;
  }
}

/**
 * Grows rows of the block that hold wrapped text (merged cells included, across their merged width) to an
 * estimated fit, unless the block gives the row's height. Never shrinks a row.
 */
function fitWrappedRows(ws: ExcelJS.Worksheet, block: WriteBlock): void {
  const widthOf = (col: number): number => columnWidthPt(ws.getColumn(col + 1).width ?? 8.43);
  const merges = mergeRanges(ws);
  const needed = new Map<number, number>(); // 0-based row → points
  const need = (row: number, pt: number): void => {
    if (block.rowHeights?.[row - block.row] !== undefined) return;
    needed.set(row, Math.max(needed.get(row) ?? 0, pt));
  };
  block.values.forEach((line, r) => {
    line.forEach((v, c) => {
      if (typeof v !== "string" || v === "") return;
      const row = block.row + r;
      const col = block.col + c;
      const cell = ws.getCell(row + 1, col + 1);
      if (cell.alignment?.wrapText !== true) return;
      const merge = merges.find((m) => m.top === row + 1 && m.left === col + 1);
      let width = 0;
      for (let k = col; k <= (merge !== undefined ? merge.right - 1 : col); k++) width += widthOf(k);
      const size = cell.font?.size ?? 11;
      const lines = wrappedLineCount(v, width, size, cell.font?.bold === true);
      if (lines <= 1) return;
      const total = rowHeightForLines(lines, size);
      if (merge === undefined || merge.bottom === merge.top) {
        need(row, total);
        return;
      }
      // A merge over several rows: the missing height goes to its last row.
      let have = 0;
      for (let k = merge.top; k < merge.bottom; k++) have += ws.getRow(k).height ?? needed.get(k - 1) ?? 15;
      need(merge.bottom - 1, total - have);
    });
  });
  for (const [row, pt] of needed) {
    const current = ws.getRow(row + 1).height;
    if (pt > (current ?? 15)) ws.getRow(row + 1).height = pt;
  }
}

function mergedStyle(base: CellStyle | undefined, own: CellStyle | undefined): CellStyle | undefined {
  if (base === undefined) return own;
  if (own === undefined) return base;
  return { ...base, ...own };
}

/** "#RRGGBB" → exceljs ARGB "FFRRGGBB". */
function argb(hex: string): string {
  const m = /^#([0-9a-fA-F]{6})$/.exec(hex);
  if (m === null || m[1] === undefined) throw new Error(`Mã màu không hợp lệ: "${hex}" (cần dạng #RRGGBB)`);
  return "FF" + m[1].toUpperCase();
}

/** Applies a port style onto a cell, keeping the cell's other formatting. Always assigns fresh objects:
 * exceljs shares style objects between cells (same style id on load, merged cells). */
function applyStyle(cell: ExcelJS.Cell, s: CellStyle): void {
  // A loaded workbook gives every cell of one style id the same style object: copy before changing it.
  cell.style = { ...cell.style };
  if (s.fontName !== undefined || s.fontSize !== undefined || s.bold !== undefined || s.italic !== undefined || s.color !== undefined) {
    const font: Partial<ExcelJS.Font> = { ...(cell.font ?? {}) };
    if (s.fontName !== undefined) font.name = s.fontName;
    if (s.fontSize !== undefined) font.size = s.fontSize;
    if (s.bold !== undefined) font.bold = s.bold;
    if (s.italic !== undefined) font.italic = s.italic;
    if (s.color !== undefined) font.color = { argb: argb(s.color) };
    cell.font = font;
  }
  if (s.numberFormat !== undefined) cell.numFmt = s.numberFormat;
  if (s.hAlign !== undefined || s.vAlign !== undefined || s.wrap !== undefined) {
    const alignment: Partial<ExcelJS.Alignment> = { ...(cell.alignment ?? {}) };
    if (s.hAlign !== undefined) alignment.horizontal = s.hAlign;
    if (s.vAlign !== undefined) alignment.vertical = s.vAlign;
    if (s.wrap !== undefined) alignment.wrapText = s.wrap;
    cell.alignment = alignment;
  }
  if (s.fill !== undefined) {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  }
  if (s.border !== undefined) {
    if (s.border) {
      const thin: Partial<ExcelJS.Border> = { style: "thin" };
      cell.border = { top: { ...thin }, left: { ...thin }, bottom: { ...thin }, right: { ...thin } };
    } else {
      cell.border = {};
    }
  }
}

function applyLayout(ws: ExcelJS.Worksheet, layout: SheetLayout): void {
  layout.columnWidths?.forEach((w, i) => {
    if (w !== undefined) ws.getColumn(i + 1).width = w;
  });
  if (layout.frozenRows !== undefined || layout.frozenCols !== undefined) {
    const current = ws.views?.[0] as { xSplit?: number; ySplit?: number } | undefined;
    const ySplit = layout.frozenRows ?? current?.ySplit ?? 0;
    const xSplit = layout.frozenCols ?? current?.xSplit ?? 0;
    ws.views =
      ySplit > 0 || xSplit > 0
        ? [{ state: "frozen", xSplit, ySplit, topLeftCell: cellAddress(ySplit, xSplit) }]
        : [{ state: "normal" }];
  }
  if (layout.print !== undefined) {
    ws.pageSetup.paperSize = 9; // A4
    ws.pageSetup.orientation = layout.print.orientation;
    if (layout.print.fitToWidth) {
      ws.pageSetup.fitToPage = true;
      ws.pageSetup.fitToWidth = 1;
      ws.pageSetup.fitToHeight = layout.print.fitToHeight === true ? 1 : 0;
    } else {
      ws.pageSetup.fitToPage = false;
    }
  }
  if (layout.printTitleRows !== undefined && layout.printTitleRows.rows > 0) {
    const { row, rows } = layout.printTitleRows;
    ws.pageSetup.printTitlesRow = `${row + 1}:${row + rows}`;
  }
  if (layout.tabColor !== undefined) {
    ws.properties.tabColor = { argb: argb(layout.tabColor) };
  }
}

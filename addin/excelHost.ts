/**
 * The Office JS host: `WorkbookPort` over an `Excel.RequestContext`, batched so that a whole
 * recalculation costs three round trips (`context.sync`): one to list the sheets, one to read every
 * sheet the core asks for, one to write the whole plan.
 *
 * A write plan larger than `maxRequestChars` (JSON characters of what is sent, default 3,5 million,
 * under Excel's 5 MB request limit with room for the envelope) is split: value blocks are written in row
 * chunks each under `maxChunkChars`, and the host syncs early whenever the next chunk would push the
 * request over the budget — the only case where `write` uses more than one sync.
 */
import type { CellRange, CellStyle, CellValue, SheetLayout, SheetWrite, WorkbookPort, WriteBlock } from "../shared/workbook/port.ts";
import { checkSheetWrites } from "../shared/workbook/checkSheetWrites.ts";
import { trimmedGrid } from "../shared/workbook/trimmedGrid.ts";
import { styleRectangles } from "../shared/workbook/styleRectangles.ts";
import { parseA1 } from "./a1.ts";
import { needsTextFormat } from "./textGuard.ts";

/** What the host may use beyond ExcelApi 1.7 (the manifest's minimum). */
export interface ExcelFeatures {
  /** ExcelApi 1.9: `worksheet.pageLayout` (orientation, paper size, fit to width). */
  pageLayout: boolean;
  /** ExcelApi 1.18: `worksheet.notes.add`. Without it notes are skipped. */
  notes: boolean;
}

/** Options of `ExcelHost`. */
export interface ExcelHostOptions {
  features?: ExcelFeatures;
  /** Budget of one request in JSON characters (default 3 500 000). */
  maxRequestChars?: number;
  /** Budget of one range write in JSON characters (default 1 000 000). */
  maxChunkChars?: number;
  /** Queue this many operations, then give the event loop a turn (default 500). */
  yieldEvery?: number;
}

/**
 * The features the running Excel supports, asked from `Office.context.requirements`;
 * all false outside Office.
 *
 * @example
 * const host = new ExcelHost(context, { features: detectExcelFeatures() });
 */
export function detectExcelFeatures(): ExcelFeatures {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const supported = (v: string): boolean => {
    try {
      return office?.context?.requirements?.isSetSupported("ExcelApi", v) === true;
    } catch {
      return false;
    }
  };
  return { pageLayout: supported("1.9"), notes: supported("1.18") };
}

const DATE_SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * True when an Excel number format shows a date (d, m or y outside quotes; m alone only without h/s).
 *
 * @example
 * isDateFormat("dd/mm/yyyy"); // true
 * isDateFormat("0.00"); // false
 */
export function isDateFormat(format: string): boolean {
  if (format === "General" || format === "@") return false;
  const bare = format.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "");
  if (/[dy]/i.test(bare)) return true;
  return /m/i.test(bare) && !/[hs]/i.test(bare);
}

/** ISO date "2024-01-17" of an Excel date serial. */
function serialToIso(serial: number): string {
  return new Date(DATE_SERIAL_EPOCH + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** Thin border edges set for a bordered range. */
const BORDER_EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

const H_ALIGN: Record<NonNullable<CellStyle["hAlign"]>, string> = { left: "Left", center: "Center", right: "Right" };
const V_ALIGN: Record<NonNullable<CellStyle["vAlign"]>, string> = { top: "Top", middle: "Center", bottom: "Bottom" };

/**
 * Excel column width in points for a width in characters of the default font (Calibri/Aptos 11, whose
 * digits are 7 px wide): (7 × chars + 5 px padding) × 0,75 pt/px.
 *
 * @example
 * charsToPoints(10); // 56.25
 */
export function charsToPoints(chars: number): number {
  return (Math.round(chars * 7) + 5) * 0.75;
}

/**
 * `WorkbookPort` over Office JS.
 *
 * @example
 * await Excel.run(async (context) => {
 *   const host = new ExcelHost(context, { features: detectExcelFeatures() });
 *   const outcome = await recalculateWorkbook(host);
 * });
 */
export class ExcelHost implements WorkbookPort {
  private sheetOrder: string[] | null = null;
  private readonly features: ExcelFeatures;
  private readonly maxRequestChars: number;
  private readonly maxChunkChars: number;
  private readonly yieldEvery: number;
  /** JSON characters queued since the last sync (an estimate). */
  private pendingChars = 0;
  private pendingOps = 0;
  /** Number of `context.sync` calls this host made. */
  syncs = 0;

  constructor(private readonly context: Excel.RequestContext, options: ExcelHostOptions = {}) {
    this.features = options.features ?? detectExcelFeatures();
    this.maxRequestChars = options.maxRequestChars ?? 3_500_000;
    this.maxChunkChars = Math.min(options.maxChunkChars ?? 1_000_000, this.maxRequestChars);
    this.yieldEvery = options.yieldEvery ?? 500;
  }

  private async sync(): Promise<void> {
    this.syncs++;
    this.pendingChars = 0;
    this.pendingOps = 0;
    await this.context.sync();
  }

  /** Counts a queued operation; syncs early only if `chars` more would overflow the request budget. */
  private async queued(chars: number): Promise<void> {
    if (this.pendingChars > 0 && this.pendingChars + chars > this.maxRequestChars) {
      await this.sync();
      // the suspension lasts until the next sync only: renew it for the rest of the plan
      this.context.application.suspendApiCalculationUntilNextSync();
    }
    this.pendingChars += chars;
    this.pendingOps++;
    if (this.pendingOps % this.yieldEvery === 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }

  async listSheets(): Promise<string[]> {
    const sheets = this.context.workbook.worksheets;
    sheets.load("items/name");
    await this.sync();
    this.sheetOrder = sheets.items.map((s) => s.name);
    return [...this.sheetOrder];
  }

  async readSheets(names: readonly string[]): Promise<Record<string, CellValue[][]>> {
    const wanted = [...new Set(names)];
    if (wanted.length === 0) return {};
    const ranges = wanted.map((name) => {
      // isNullObject of *OrNullObject proxies is set by the sync itself; only real properties are loaded
      const sheet = this.context.workbook.worksheets.getItemOrNullObject(name);
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load(["address", "values", "numberFormat"]);
      return { name, sheet, used };
    });
    await this.sync();
    const out: Record<string, CellValue[][]> = {};
    for (const { name, sheet, used } of ranges) {
      if (sheet.isNullObject || used.isNullObject) {
        out[name] = [];
        continue;
      }
      const at = parseA1(used.address);
      const values = used.values;
      const formats = used.numberFormat;
      const width = at.col + at.cols;
      const grid: CellValue[][] = [];
      for (let r = 0; r < at.row; r++) grid.push(new Array<CellValue>(width).fill(null));
      values.forEach((row, r) => {
        const line: CellValue[] = new Array<CellValue>(at.col).fill(null);
        row.forEach((v: unknown, c) => line.push(this.readValue(v, formats[r]?.[c])));
        grid.push(line);
      });
      out[name] = trimmedGrid(grid);
    }
    return out;
  }

  private readValue(v: unknown, format: unknown): CellValue {
    if (v === "" || v === null || v === undefined) return null;
    if (typeof v === "number") return typeof format === "string" && isDateFormat(format) ? serialToIso(v) : v;
    if (typeof v === "boolean" || typeof v === "string") return v;
    return JSON.stringify(v); // `values` holds numbers, strings and booleans only: anything else as its JSON text
  }

  async write(changes: readonly SheetWrite[]): Promise<void> {
    if (changes.length === 0) return;
    checkSheetWrites(changes); // the whole plan is checked before anything is queued

    if (this.sheetOrder === null) await this.listSheets();
    const order = [...(this.sheetOrder ?? [])];
    const sheets = this.context.workbook.worksheets;
    this.context.application.suspendApiCalculationUntilNextSync();
    await this.queued(50);
    for (const change of changes) {
      let sheet: Excel.Worksheet;
      const exists = order.includes(change.sheet);
      if (change.mode === "replace" || !exists) {
        const oldIndex = order.indexOf(change.sheet);
        if (oldIndex >= 0) order.splice(oldIndex, 1);
        let target = oldIndex >= 0 ? oldIndex : order.length;
        if (change.after !== undefined && order.includes(change.after)) target = order.indexOf(change.after) + 1;
        if (exists) {
          // Add under a temporary name first: Excel refuses to delete a workbook's only sheet.
          const temp = `~cchc${order.length}-${Date.now() % 100000}`;
          const old = sheets.getItem(change.sheet);
          sheet = sheets.add(temp);
          old.delete();
          sheet.name = change.sheet;
        } else {
          sheet = sheets.add(change.sheet);
        }
        order.splice(target, 0, change.sheet);
        sheet.position = target;
        await this.queued(200);
      } else {
        sheet = sheets.getItem(change.sheet);
        for (const area of change.clear ?? []) {
          const range = sheet.getRangeByIndexes(area.row, area.col, area.rows, area.cols);
          range.unmerge();
          range.clear("All");
          await this.queued(80);
        }
      }
      for (const block of change.blocks) await this.writeBlock(sheet, block);
      if (change.layout !== undefined) await this.applyLayout(sheet, change.layout);
    }
    this.sheetOrder = order;
    await this.sync();
  }

  private async writeBlock(sheet: Excel.Worksheet, block: WriteBlock): Promise<void> {
    const rows = block.values.length;
    const cols = rows === 0 ? 0 : Math.max(...block.values.map((r) => r.length));
    if (rows > 0 && cols > 0) {
      const whole = sheet.getRangeByIndexes(block.row, block.col, rows, cols);
      if (block.style !== undefined) await this.applyStyle(whole, block.style, rows, cols);
      // Cell styles: runs of equal style in a row, stacked into rectangles over consecutive rows.
      if (block.styles !== undefined) {
        for (const rect of styleRectangles(block.styles, rows, cols)) {
          await this.applyStyle(sheet.getRangeByIndexes(block.row + rect.row, block.col + rect.col, rect.rows, rect.cols), rect.style, rect.rows, rect.cols);
        }
      }
      await this.writeValues(sheet, block, rows, cols);
    }
    for (const m of block.merges ?? []) {
      if (m.rows * m.cols > 1) {
        sheet.getRangeByIndexes(m.row, m.col, m.rows, m.cols).merge(false);
        await this.queued(60);
      }
    }
    (block.rowHeights ?? []).forEach((h, i) => {
      if (h !== undefined) sheet.getRangeByIndexes(block.row + i, 0, 1, 1).format.rowHeight = h;
    });
    if (block.rowHeights !== undefined) await this.queued(40 * block.rowHeights.length);
    if (block.note !== undefined && this.features.notes) {
      sheet.notes.add(sheet.getRangeByIndexes(block.row, block.col, 1, 1), block.note);
      await this.queued(JSON.stringify(block.note).length + 60);
    }
  }

  /** Number formats then values, in row chunks under the chunk budget. */
  private async writeValues(sheet: Excel.Worksheet, block: WriteBlock, rows: number, cols: number): Promise<void> {
    const values: (string | number | boolean)[][] = [];
    const formats: string[][] = [];
    for (let r = 0; r < rows; r++) {
      const vLine: (string | number | boolean)[] = [];
      const fLine: string[] = [];
      for (let c = 0; c < cols; c++) {
        const v = block.values[r]?.[c] ?? null;
        const own = block.styles?.[r]?.[c]?.numberFormat ?? block.style?.numberFormat ?? "General";
        if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`Giá trị không hợp lệ (${String(v)}) tại ô dòng ${block.row + r + 1}, cột ${block.col + c + 1}`);
        vLine.push(v === null ? "" : v);
        fLine.push(typeof v === "string" && needsTextFormat(v) ? "@" : own);
      }
      values.push(vLine);
      formats.push(fLine);
    }
    let start = 0;
    while (start < rows) {
      let size = 0;
      let end = start;
      while (end < rows) {
        const rowSize = JSON.stringify(values[end]).length + JSON.stringify(formats[end]).length + 2;
        if (end > start && size + rowSize > this.maxChunkChars) break;
        size += rowSize;
        end++;
      }
      const range = sheet.getRangeByIndexes(block.row + start, block.col, end - start, cols);
      await this.queued(size + 100);
      range.numberFormat = formats.slice(start, end);
      range.values = values.slice(start, end);
      start = end;
    }
  }

  private async applyStyle(range: Excel.Range, style: CellStyle, rows: number, cols: number): Promise<void> {
    const f = range.format;
    let n = 0;
    if (style.fontName !== undefined) { f.font.name = style.fontName; n++; }
    if (style.fontSize !== undefined) { f.font.size = style.fontSize; n++; }
    if (style.bold !== undefined) { f.font.bold = style.bold; n++; }
    if (style.italic !== undefined) { f.font.italic = style.italic; n++; }
    if (style.color !== undefined) { f.font.color = style.color; n++; }
    if (style.fill !== undefined) { f.fill.color = style.fill; n++; }
    if (style.hAlign !== undefined) { f.horizontalAlignment = H_ALIGN[style.hAlign] as Excel.HorizontalAlignment; n++; }
    if (style.vAlign !== undefined) { f.verticalAlignment = V_ALIGN[style.vAlign] as Excel.VerticalAlignment; n++; }
    if (style.wrap !== undefined) { f.wrapText = style.wrap; n++; }
    if (style.border === true) {
      for (const edge of BORDER_EDGES) {
        if (edge === "InsideVertical" && cols < 2) continue;
        if (edge === "InsideHorizontal" && rows < 2) continue;
        f.borders.getItem(edge).style = "Continuous";
        n++;
      }
    }
    // an estimate of Office JS's request JSON: the range's object path, then one action per property
    if (n > 0) await this.queued(250 + 100 * n);
  }

  private async applyLayout(sheet: Excel.Worksheet, layout: SheetLayout): Promise<void> {
    (layout.columnWidths ?? []).forEach((w, c) => {
      if (w !== undefined) sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = charsToPoints(w);
    });
    const rows = layout.frozenRows ?? 0;
    const cols = layout.frozenCols ?? 0;
    if (rows > 0 && cols > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, rows, cols));
    else if (rows > 0) sheet.freezePanes.freezeRows(rows);
    else if (cols > 0) sheet.freezePanes.freezeColumns(cols);
    if (layout.print !== undefined && this.features.pageLayout) {
      sheet.pageLayout.orientation = layout.print.orientation === "landscape" ? "Landscape" : "Portrait";
      sheet.pageLayout.paperSize = "A4";
      if (layout.print.fitToWidth) sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    }
    if (layout.tabColor !== undefined) sheet.tabColor = layout.tabColor;
    await this.queued(60 * ((layout.columnWidths?.length ?? 0) + 6));
  }
}

/** Rectangles of a clear list, for tests and logs. */
export type { CellRange };

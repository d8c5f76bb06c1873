/**
 * The Node .xlsx host: implements the core's `WorkbookPort` over an `XlsxBook` (a part-preserving OOXML layer).
 * It only moves values and formats (and draws the native charts of the sheets it replaces); every part of the
 * workbook it does not write keeps its bytes (charts, pivot tables, images, shapes, conditional formatting, the
 * person's notes and sheets…). Opening and saving the
 * file is `openWorkbook` / `saveWorkbook`.
 */
import type { ReadOptions, ReadValue, SheetWrite, WorkbookPort } from "../../shared/workbook/port.ts";
import { checkSheetWrites } from "../../shared/workbook/checkSheetWrites.ts";
import { EXCEL_LIMITS } from "../../shared/workbook/hostLimits.ts";
import type { XlsxBook } from "./XlsxBook.ts";
import { writeSheet } from "./writeSheet.ts";

/** How many host calls were made, so tests can count host I/O. */
export interface XlsxHostCalls {
  listSheets: number;
  readSheets: number;
  sheetsRead: number;
  write: number;
  blocksWritten: number;
}

/**
 * `WorkbookPort` over an .xlsx workbook in memory.
 *
 * @example
 * const book = await openWorkbook("book.xlsx");
 * const host = new XlsxHost(book);
 * const grids = await host.readSheets(await host.listSheets());
 * await host.write([{ sheet: "Biểu 1", mode: "replace", blocks: [{ row: 0, col: 0, values: [["Tiêu đề"]] }] }]);
 * await saveWorkbook(book, "book.xlsx");
 */
export class XlsxHost implements WorkbookPort {
  readonly book: XlsxBook;
  readonly calls: XlsxHostCalls = { listSheets: 0, readSheets: 0, sheetsRead: 0, write: 0, blocksWritten: 0 };

  constructor(book: XlsxBook) {
    this.book = book;
  }

  async listSheets(): Promise<string[]> {
    this.calls.listSheets += 1;
    return this.book.sheets.map((s) => s.name);
  }

  async readSheets(names: readonly string[], options: ReadOptions = {}): Promise<Record<string, ReadValue[][]>> {
    this.calls.readSheets += 1;
    this.calls.sheetsRead += names.length;
    const firstColumn = new Set(options.firstColumnOnly ?? []);
    const out: Record<string, ReadValue[][]> = {};
    for (const name of names) {
      const entry = this.book.findSheet(name);
      if (entry === undefined) throw new Error(`Không có trang tính "${name}" trong sổ tính`);
      out[name] = this.book.grid(entry, firstColumn.has(name));
    }
    return out;
  }

  async write(changes: readonly SheetWrite[]): Promise<void> {
    // Check the whole plan first (Excel's limits: 409 pt rows, 32 767 characters a cell), so a bad plan changes nothing.
    checkSheetWrites(changes, EXCEL_LIMITS);
    this.calls.write += 1;
    for (const change of changes) {
      let entry = this.book.findSheet(change.sheet);
      if (entry === undefined) entry = this.book.addSheet(change.sheet, this.insertIndex(change.after));
      else if (change.mode === "replace") this.book.blankSheet(entry);
      this.calls.blocksWritten += writeSheet(this.book, entry, change);
    }
  }

  /** Where a new sheet goes: right after `after` when that sheet exists, else at the end. */
  private insertIndex(after: string | undefined): number {
    const anchor = after === undefined ? undefined : this.book.findSheet(after);
    return anchor === undefined ? this.book.sheets.length : this.book.sheets.indexOf(anchor) + 1;
  }
}

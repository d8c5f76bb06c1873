/**
 * The Google Sheets host: implements the core's `WorkbookPort` over the active spreadsheet, reading with batched
 * SpreadsheetApp calls and writing with the Sheets API advanced service. It only moves values and formats; every
 * decision is the core's.
 *
 * Calls: `listSheets` = one `getSheets()`; `readSheets` = per sheet `getMaxRows()` and one `getValues()` of its
 * whole grid (rows "1:n": the values give the grid's size too, which the cell-limit check needs), or for a sheet
 * named in `firstColumnOnly` one `getRange("A:A").getValues()`; `write` = the grid size of every other sheet that
 * stays, then the whole plan in one `Sheets.Spreadsheets.batchUpdate` (several when it passes 8 MB of JSON; see
 * sheetsApiRequests.ts), and per native chart one `insertChart` (sheetsCharts.ts). Without the advanced service
 * (a copy whose manifest does not enable it), SpreadsheetApp writes: per sheet a fixed number of calls (see
 * sheetsBlock.ts). Never a call per cell, unit or row, so the number of calls does not grow with the number of
 * units.
 *
 * Nothing is written until the whole plan has passed every Google Sheets limit (sheet names, grid size, text per
 * cell, row heights, cells per file). Grids are grown before writing (a new sheet is 1000 × 26). Should a call
 * still fail mid-write, the error says which sheets are complete, which one is partial and which are untouched.
 */
import type { CellRange, CellValue, ReadOptions, SheetWrite, WorkbookPort } from "../shared/workbook/port.ts";
import { checkSheetWrites } from "../shared/workbook/checkSheetWrites.ts";
import { checkFileCellBudget, type GridSize } from "../shared/workbook/fileCellBudget.ts";
import { SHEETS_LIMITS } from "../shared/workbook/hostLimits.ts";
import { sheetExtent } from "../shared/workbook/sheetExtent.ts";
import { trimmedGrid } from "../shared/workbook/trimmedGrid.ts";
import { PartialWriteError } from "./partialWriteError.ts";
import { rangeA1, writeBlock, type NewTextStyle } from "./sheetsBlock.ts";
import { applyLayout, applyValidations } from "./sheetsLayout.ts";
import { insertCharts, type ChartsService } from "./sheetsCharts.ts";
import { changeRequests, inside, layoutProperties, utf8Length, type SheetsApiService, type SheetsRequest } from "./sheetsApiRequests.ts";

/** The Sheets advanced service, when the manifest enables it (`dependencies.enabledAdvancedServices`). */
declare const Sheets: SheetsApiService | undefined;

export { PartialWriteError };

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The grid of a new Google sheet. */
export const NEW_SHEET: GridSize = { rows: 1000, cols: 26 };
/** Sheets up to this many rows are read whole (one call, and the values give the grid's size). */
const FULL_READ_ROWS = 5000;

/** Services the host needs besides the spreadsheet (Apps Script globals by default). */
export interface SheetsHostServices {
  newDataValidation: () => GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  formatDate: (date: Date, timeZone: string, pattern: string) => string;
  newTextStyle?: NewTextStyle;
  /** Apps Script's `Charts` service (its `ChartType`), for the native charts of a replaced sheet. */
  charts?: ChartsService;
  /**
   * The Sheets API advanced service (`Sheets`): when given, a plan is written with `Sheets.Spreadsheets.batchUpdate`
   * (one call, or one per ~8 MB of requests); without it, with SpreadsheetApp (a fixed number of calls per sheet).
   */
  sheetsApi?: SheetsApiService;
  /** Largest request body of one batchUpdate, in bytes of JSON (8 000 000 by default; tests lower it). */
  maxRequestBytes?: number;
}

/** The Sheets API's requests stay well under its request-size limit. */
const MAX_REQUEST_BYTES = 8_000_000;

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
  /** Grid sizes learnt while reading, by sheet name. */
  private readonly sizes = new Map<string, GridSize>();

  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly services: SheetsHostServices = {
      newDataValidation: () => SpreadsheetApp.newDataValidation(),
      formatDate: (d, tz, p) => Utilities.formatDate(d, tz, p),
      newTextStyle: () => SpreadsheetApp.newTextStyle(),
      charts: Charts,
      sheetsApi: typeof Sheets === "undefined" ? undefined : Sheets,
    },
  ) {}

  listSheets(): string[] {
    return this.sheets().map((s) => s.name);
  }

  readSheets(names: readonly string[], options: ReadOptions = {}): Record<string, CellValue[][]> {
    const out: Record<string, CellValue[][]> = {};
    const firstColumn = new Set(options.firstColumnOnly ?? []);
    for (const name of names) {
      const sheet = this.find(name);
      if (sheet === undefined) throw new Error(`Không có trang tính "${name}" trong bảng tính`);
      out[name] = trimmedGrid(this.values(name, sheet, firstColumn.has(name)).map((line) => line.map((v) => this.toCell(v))));
    }
    return out;
  }

  write(changes: readonly SheetWrite[]): void {
    // Every limit first, so a plan that cannot be written changes nothing.
    checkSheetWrites(changes, SHEETS_LIMITS);
    const replaced = new Set(
      changes
        .filter((c) => c.mode === "replace")
        .map((c) => this.find(c.sheet))
        .filter((s) => s !== undefined),
    );
    const kept: Record<string, GridSize> = {};
    for (const { name, sheet } of this.sheets()) {
      if (!replaced.has(sheet)) kept[name] = this.sizes.get(name) ?? { rows: sheet.getMaxRows(), cols: sheet.getMaxColumns() };
    }
    checkFileCellBudget(kept, changes, NEW_SHEET, SHEETS_LIMITS);

    // Sheets activates every inserted sheet: note where the person is, to bring them back afterwards.
    const inserts = changes.some((c) => c.mode === "replace" || this.find(c.sheet) === undefined);
    const activeName = inserts ? (this.spreadsheet.getActiveSheet()?.getName() ?? null) : null;
    const order = this.finalOrder(changes);
    if (this.services.sheetsApi !== undefined) {
      this.writeThroughApi(this.services.sheetsApi, changes, order, kept, activeName);
      return;
    }
    const done: string[] = [];
    const deleted: string[] = [];
    let current: string | null = null;
    try {
      // Replaced sheets go first, so the file never holds an old and a new grid at once (the cell limit).
      const emptied = this.deleteAll([...replaced], deleted);
      for (const change of changes) {
        current = change.sheet;
        const { sheet, size } = this.sheetFor(change, order, emptied, kept);
        grow(sheet, size, sheetExtent(change));
        if (change.mode === "update") clearRanges(sheet, change.clear ?? []);
        const cleared = (change.clear ?? []).filter((r) => r.rows > 0 && r.cols > 0);
        for (const block of change.blocks) {
          const fresh = change.mode === "replace" || cleared.some((r) => inside(block, r));
          writeBlock(sheet, block, fresh, this.services.newTextStyle ?? (() => SpreadsheetApp.newTextStyle()));
        }
        if (change.validations !== undefined && change.validations.length > 0) applyValidations(sheet, change.validations, this.services);
        if (change.layout !== undefined) applyLayout(sheet, change.layout);
        if (change.mode === "replace" && (change.charts ?? []).length > 0)
          insertCharts(sheet, change.charts ?? [], this.services.charts ?? Charts);
        done.push(change.sheet);
        current = null;
      }
      if (activeName !== null) this.find(activeName)?.activate();
    } catch (e) {
      const untouched = changes.map((c) => c.sheet).filter((n) => !done.includes(n) && n !== current);
      throw new PartialWriteError(e, deleted, done, current, untouched, this.removePartial(changes, current));
    }
  }

  /**
   * The plan through the Sheets API: per change its requests (replaced sheets deleted and added anew with their grid
   * size, frozen panes and tab colour; then values, formats, merges, notes, checks, widths and heights), sent in one
   * batchUpdate, or in several of at most `maxRequestBytes` each, split between sheets. A batchUpdate applies all
   * its requests or none: a failure of the first leaves the spreadsheet as it was; of a later one, the error says
   * which sheets the earlier ones wrote. Native charts are drawn afterwards with SpreadsheetApp (one
   * `insertChart` each).
   */
  private writeThroughApi(
    api: SheetsApiService,
    changes: readonly SheetWrite[],
    order: string[],
    kept: Record<string, GridSize>,
    activeName: string | null,
  ): void {
    const list = this.sheets();
    const sim = list.map((s) => ({ name: s.name, id: s.sheet.getSheetId() }));
    let nextId = Math.max(0, ...sim.map((s) => s.id)) + 1;
    const lower = (n: string) => n.toLocaleLowerCase("vi");
    // Sheets this plan adds, by name: a later change of the same sheet writes on it (it does not exist yet).
    const planned = new Map<string, { id: number; grid: GridSize }>();
    const parts = changes.map((change) => {
      const existing = this.find(change.sheet);
      const earlier = planned.get(lower(change.sheet));
      const oldId = earlier !== undefined || existing === undefined ? null : (sim[list.findIndex((s) => s.sheet === existing)]?.id ?? null);
      const replaced = change.mode === "replace" && oldId !== null;
      const added = earlier === undefined && (oldId === null || replaced);
      const id = earlier?.id ?? (added ? nextId++ : oldId!);
      const need = sheetExtent(change);
      const requests: SheetsRequest[] = [];
      if (!added) {
        const size = earlier?.grid ?? kept[list.find((s) => s.sheet === existing)!.name] ?? NEW_SHEET;
        for (const [dimension, have, want] of [
          ["ROWS", size.rows, need.rows],
          ["COLUMNS", size.cols, need.cols],
        ] as const) {
          if (want > have) requests.push({ appendDimension: { sheetId: id, dimension, length: want - have } });
        }
      }
      requests.push(...changeRequests(id, change, added));
      const grid = { rows: Math.max(NEW_SHEET.rows, need.rows), cols: Math.max(NEW_SHEET.cols, need.cols) };
      if (added) planned.set(lower(change.sheet), { id, grid });
      else if (earlier !== undefined)
        earlier.grid = { rows: Math.max(earlier.grid.rows, need.rows), cols: Math.max(earlier.grid.cols, need.cols) };
      return { change, oldId: replaced ? oldId : null, added, id, grid, requests, bytes: utf8Length(JSON.stringify(requests)) };
    });

    // Batches of whole sheets, each under the size limit (a sheet larger than the limit goes alone).
    const limit = this.services.maxRequestBytes ?? MAX_REQUEST_BYTES;
    const batches: (typeof parts)[] = [];
    let bytes = 0;
    for (const part of parts) {
      const last = batches.at(-1);
      if (last === undefined || bytes + part.bytes > limit) {
        batches.push([part]);
        bytes = part.bytes;
      } else {
        last.push(part);
        bytes += part.bytes;
      }
    }

    const deleted: string[] = [];
    const done: string[] = [];
    const spreadsheetId = this.spreadsheet.getId();
    batches.forEach((batch, k) => {
      const requests: SheetsRequest[] = [];
      const last: SheetsRequest[] = [];
      const gone: string[] = [];
      // Replaced sheets go first, so the file never holds an old and a new grid at once (the cell limit); Sheets
      // keeps at least one sheet: the last one is renamed out of the way and deleted at the end of the batch.
      for (const part of batch) {
        if (part.oldId === null) continue;
        const at = sim.findIndex((s) => s.id === part.oldId);
        gone.push(sim[at]!.name);
        if (sim.length === 1) {
          const title = `cchc-tam-${part.oldId}`;
          requests.push({ updateSheetProperties: { properties: { sheetId: part.oldId, title }, fields: "title" } });
          sim[at]!.name = title;
          last.push({ deleteSheet: { sheetId: part.oldId } });
        } else {
          requests.push({ deleteSheet: { sheetId: part.oldId } });
          sim.splice(at, 1);
        }
      }
      for (const part of batch) {
        if (!part.added) continue;
        const before = new Set(order.slice(0, order.indexOf(part.change.sheet)).map(lower));
        const index = sim.filter((s) => before.has(lower(s.name))).length;
        const { properties } = layoutProperties(part.change.layout);
        const gridProperties = { rowCount: part.grid.rows, columnCount: part.grid.cols, ...(properties.gridProperties ?? {}) };
        requests.push({ addSheet: { properties: { ...properties, sheetId: part.id, title: part.change.sheet, index, gridProperties } } });
        sim.splice(index, 0, { name: part.change.sheet, id: part.id });
      }
      for (const part of batch) requests.push(...part.requests);
      requests.push(...last);
      try {
        api.Spreadsheets.batchUpdate({ requests }, spreadsheetId);
      } catch (e) {
        if (k === 0) throw e; // nothing written
        const untouched = batches.slice(k).flatMap((b) => b.map((p) => p.change.sheet));
        throw new PartialWriteError(e, deleted, done, null, untouched);
      }
      deleted.push(...gone);
      done.push(...batch.map((p) => p.change.sheet));
    });
    // The person's sheet, when the plan kept it: its handle still holds (no need to list the sheets again).
    const replacedIds = new Set(parts.map((p) => p.oldId));
    const activeKept = list.find((s) => activeName !== null && s.name === activeName && !replacedIds.has(s.sheet.getSheetId()));
    this.list = null;
    for (const part of parts) this.sizes.delete(part.change.sheet);

    let current: string | null = null;
    try {
      for (const change of changes) {
        if (change.mode !== "replace" || (change.charts ?? []).length === 0) continue;
        current = change.sheet;
        const sheet = this.find(change.sheet);
        if (sheet === undefined) throw new Error(`Không có trang tính "${change.sheet}" sau khi ghi`);
        insertCharts(sheet, change.charts ?? [], this.services.charts ?? Charts);
        current = null;
      }
      if (activeKept !== undefined) activeKept.sheet.activate();
      else if (activeName !== null) this.find(activeName)?.activate();
    } catch (e) {
      throw new PartialWriteError(
        e,
        deleted,
        done.filter((n) => n !== current),
        current,
        [],
        this.removePartial(changes, current),
      );
    }
  }

  /**
   * Removes a sheet the tool owns (a `replace` write) that a failure left half-written: it has no stamp yet, so the
   * next run would take it for a person's sheet and refuse to replace it. Best effort; true when removed.
   */
  private removePartial(changes: readonly SheetWrite[], current: string | null): boolean {
    if (current === null || changes.find((c) => c.sheet === current)?.mode !== "replace") return false;
    try {
      const sheet = this.find(current);
      if (sheet === undefined) return false;
      this.spreadsheet.deleteSheet(sheet);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A sheet's values: column A only; else its whole grid (rows "1:n"), whose shape is the grid's size that the
   * cell-limit check needs; a sheet taller than `FULL_READ_ROWS` (mostly empty rows) is read to its data range.
   */
  private values(name: string, sheet: Sheet, firstColumnOnly: boolean): unknown[][] {
    if (firstColumnOnly) return sheet.getRange("A:A").getValues();
    const rows = sheet.getMaxRows();
    const tall = rows > FULL_READ_ROWS;
    const values = tall ? sheet.getDataRange().getValues() : sheet.getRange(`1:${rows}`).getValues();
    this.sizes.set(name, { rows, cols: tall ? sheet.getMaxColumns() : (values[0]?.length ?? 0) });
    return values;
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

  /**
   * Sheet names in the order they will have after the plan: a replaced sheet keeps its place, a new one goes
   * right after `after` (when that sheet exists) or at the end.
   */
  private finalOrder(changes: readonly SheetWrite[]): string[] {
    const order = this.sheets().map((s) => s.name);
    const nameOf = (name: string) => {
      const sheet = this.find(name);
      return sheet === undefined ? name : this.sheets().find((s) => s.sheet === sheet)!.name;
    };
    for (const change of changes) {
      const at = order.indexOf(nameOf(change.sheet));
      if (at >= 0) {
        if (change.mode === "replace") order[at] = change.sheet; // recreated under the plan's spelling
        continue;
      }
      const anchor = change.after === undefined ? -1 : order.indexOf(nameOf(change.after));
      order.splice(anchor >= 0 ? anchor + 1 : order.length, 0, change.sheet);
    }
    return order;
  }

  /** Deletes the given sheets; Sheets keeps at least one sheet, so when none would be left one is emptied instead. */
  private deleteAll(sheets: Sheet[], deleted: string[]): Sheet | null {
    const list = this.sheets();
    let emptied: Sheet | null = null;
    for (const sheet of sheets) {
      const index = list.findIndex((s) => s.sheet === sheet);
      if (list.length === 1) {
        sheet.clear();
        emptied = sheet;
        continue;
      }
      this.spreadsheet.deleteSheet(sheet);
      deleted.push(list[index]!.name);
      list.splice(index, 1);
    }
    return emptied;
  }

  /** The sheet a change writes on, and its grid size: inserted at its final place when missing. */
  private sheetFor(
    change: SheetWrite,
    order: string[],
    emptied: Sheet | null,
    kept: Record<string, GridSize>,
  ): { sheet: Sheet; size: GridSize } {
    const existing = this.find(change.sheet);
    if (existing !== undefined) {
      if (existing === emptied) return { sheet: existing, size: { rows: existing.getMaxRows(), cols: existing.getMaxColumns() } };
      const name = this.sheets().find((s) => s.sheet === existing)!.name;
      return { sheet: existing, size: kept[name] ?? NEW_SHEET };
    }
    const list = this.sheets();
    const before = order.slice(0, order.indexOf(change.sheet));
    const index = list.filter((s) => before.includes(s.name)).length;
    const sheet = this.spreadsheet.insertSheet(change.sheet, index);
    list.splice(index, 0, { name: change.sheet, sheet });
    return { sheet, size: { ...NEW_SHEET } };
  }

  /** A port value from `getValues()`: "" → null, dates → "YYYY-MM-DD". */
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
    return JSON.stringify(v) ?? null;
  }
}

/** Empties a kept sheet's `clear` ranges (values, formats, notes, merges) with one call per kind. */
function clearRanges(sheet: Sheet, clear: readonly CellRange[]): void {
  const ranges = clear.filter((r) => r.rows > 0 && r.cols > 0).map(rangeA1);
  if (ranges.length === 0) return;
  const list = sheet.getRangeList(ranges);
  list.breakApart();
  list.clear();
  list.clearNote();
}

/** Grows a sheet's grid to hold `need` (one call per direction, only when needed). */
function grow(sheet: Sheet, size: GridSize, need: GridSize): void {
  if (need.rows > size.rows) sheet.insertRowsAfter(size.rows, need.rows - size.rows);
  if (need.cols > size.cols) sheet.insertColumnsAfter(size.cols, need.cols - size.cols);
}

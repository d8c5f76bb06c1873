/**
 * The Office JS host: `WorkbookPort` over an `Excel.RequestContext`, batched so that a whole
 * recalculation costs three round trips (`context.sync`): one to list the sheets, one to read every
 * sheet the core asks for, one to write the whole plan.
 *
 * Reads move only what the job needs (`planSheetReads`): the used range's values of the input sheets, number
 * formats only of the settings sheet (the one holding a date), and of a generated sheet only column A (its
 * stamp). Writes are checked against Excel's limits (`checkSheetWrites`) before anything is queued; a plan
 * whose request would pass `maxRequestBytes` (UTF-8 bytes of request JSON, default 3,5 million, under Excel on
 * the web's 5 MB with room for what the estimate misses) is split into several syncs (`splitWrites`) — the only
 * case where `write` uses more than one sync.
 */
import type { CellValue, ReadOptions, SheetWrite, WorkbookPort } from "../shared/workbook/port.ts";
import { checkSheetWrites } from "../shared/workbook/checkSheetWrites.ts";
import { isDateFormat, serialToIso } from "../shared/workbook/excelDates.ts";
import { EXCEL_LIMITS } from "../shared/workbook/hostLimits.ts";
import { planSheetReads } from "../shared/workbook/planSheetReads.ts";
import { splitWrites } from "../shared/workbook/splitWrites.ts";
import { trimmedGrid } from "../shared/workbook/trimmedGrid.ts";
import { parseA1 } from "./a1.ts";
import { excelWriteParts, type ExcelFeatures } from "./excelWriteParts.ts";

export type { ExcelFeatures };

/** Options of `ExcelHost`. */
export interface ExcelHostOptions {
  features?: ExcelFeatures;
  /** Budget of one request in UTF-8 bytes of JSON (default 3 500 000). */
  maxRequestBytes?: number;
  /** Budget of one range write in bytes (default 1 000 000). */
  maxChunkBytes?: number;
  /** Queue this many parts, then give the event loop a turn (default 500). */
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
  return { pageLayout: supported("1.9"), notes: supported("1.18"), chartFormats: supported("1.8"), dataValidation: supported("1.8") };
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
  private readonly maxRequestBytes: number;
  private readonly maxChunkBytes: number;
  private readonly yieldEvery: number;
  /** Number of `context.sync` calls this host made. */
  syncs = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    options: ExcelHostOptions = {},
  ) {
    this.features = options.features ?? detectExcelFeatures();
    this.maxRequestBytes = options.maxRequestBytes ?? 3_500_000;
    this.maxChunkBytes = Math.min(options.maxChunkBytes ?? 1_000_000, this.maxRequestBytes);
    this.yieldEvery = options.yieldEvery ?? 500;
  }

  private async sync(): Promise<void> {
    this.syncs++;
    await this.context.sync();
  }

  async listSheets(): Promise<string[]> {
    const sheets = this.context.workbook.worksheets;
    sheets.load("items/name");
    await this.sync();
    this.sheetOrder = sheets.items.map((s) => s.name);
    return [...this.sheetOrder];
  }

  async readSheets(names: readonly string[], options: ReadOptions = {}): Promise<Record<string, CellValue[][]>> {
    const reads = planSheetReads(names, options).map(({ name, kind }) => {
      // isNullObject of *OrNullObject proxies is set by the sync itself; only real properties are loaded
      const sheet = this.context.workbook.worksheets.getItemOrNullObject(name);
      const area = kind === "firstColumn" ? sheet.getRangeByIndexes(0, 0, EXCEL_LIMITS.maxRows, 1) : sheet;
      const used = area.getUsedRangeOrNullObject(true);
      if (kind === "valuesAndDates") used.load(["address", "values", "numberFormat"]);
      else used.load(["address", "values"]);
      return { name, sheet, used, dates: kind === "valuesAndDates" };
    });
    if (reads.length === 0) return {};
    await this.sync();
    const out: Record<string, CellValue[][]> = {};
    for (const { name, sheet, used, dates } of reads) {
      if (sheet.isNullObject || used.isNullObject) {
        out[name] = [];
        continue;
      }
      const at = parseA1(used.address);
      const formats = dates ? used.numberFormat : [];
      const grid: CellValue[][] = [];
      for (let r = 0; r < at.row; r++) grid.push([]);
      used.values.forEach((row, r) => {
        const line: CellValue[] = new Array<CellValue>(at.col).fill(null);
        row.forEach((v: unknown, c) => line.push(readValue(v, formats[r]?.[c])));
        grid.push(line);
      });
      out[name] = trimmedGrid(grid);
    }
    return out;
  }

  async write(changes: readonly SheetWrite[]): Promise<void> {
    if (changes.length === 0) return;
    checkSheetWrites(changes, EXCEL_LIMITS); // the whole plan is checked before anything is queued
    if (this.sheetOrder === null) await this.listSheets();
    const order = [...(this.sheetOrder ?? [])];
    const parts = excelWriteParts(this.context, changes, order, this.features, this.maxChunkBytes);
    let queued = 0;
    for (const batch of splitWrites(
      parts.map((p) => p.size),
      this.maxRequestBytes,
    )) {
      // the suspension lasts until the next sync only: renewed in every request of the plan
      this.context.application.suspendApiCalculationUntilNextSync();
      for (const part of parts.slice(batch.start, batch.end)) {
        part.queue();
        if (++queued % this.yieldEvery === 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
      await this.sync();
    }
    this.sheetOrder = order;
  }
}

/** A cell as the core reads it: empty → null, a number in a date format → ISO date. */
function readValue(v: unknown, format: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "number") return typeof format === "string" && isDateFormat(format) ? serialToIso(v) : v;
  if (typeof v === "boolean" || typeof v === "string") return v;
  return JSON.stringify(v) ?? null;
}

/**
 * What the task pane and the ribbon command do, over an `Excel.run`-like function, so that tests run
 * them against the fake. No domain logic: every decision is the core's (shared/workbook/).
 */
import type { Problem } from "../shared/problem.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";
import { TEMPLATE_BLOCKS, templateSource, type TemplateBlockId } from "../shared/workbook/templateSource.ts";
import type { WorkbookOutcome } from "../shared/workbook/analyzeWorkbook.ts";
import { recalculateWorkbook } from "../shared/workbook/recalculateWorkbook.ts";
import { validateWorkbook } from "../shared/workbook/validateWorkbook.ts";
import { writeNotices, type NoticesOutcome } from "../shared/workbook/writeNotices.ts";
import { ExcelHost, type ExcelHostOptions } from "./excelHost.ts";

/** `Excel.run` or a stand-in over the fake. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The outcome of creating the template. */
export type TemplateOutcome = { ok: true } | { ok: false; errors: Problem[] };

/** What a run reports: the core's outcome plus the number of `context.sync` calls it took. */
export interface Ran<T> {
  outcome: T;
  syncs: number;
}

/**
 * Validates, computes and writes the results area and (unless `reports: false`) the Biểu sheets and the
 * analysis, in one `Excel.run`.
 *
 * @example
 * const { outcome } = await recalculateInExcel(Excel.run, { onProgress: show });
 * if (!outcome.ok) outcome.errors; // problems with sheet and cell
 */
export async function recalculateInExcel(
  run: ExcelRun,
  options: { reports?: boolean; onProgress?: (message: string) => void; host?: ExcelHostOptions } = {},
): Promise<Ran<WorkbookOutcome>> {
  return run(async (context) => {
    const host = new ExcelHost(context, options.host);
    const recalcOptions: { reports?: boolean; onProgress?: (message: string) => void } = {};
    if (options.reports !== undefined) recalcOptions.reports = options.reports;
    if (options.onProgress !== undefined) recalcOptions.onProgress = options.onProgress;
    const outcome = await recalculateWorkbook(host, recalcOptions);
    return { outcome, syncs: host.syncs };
  });
}

/**
 * Writes the result notices (phiếu thông báo kết quả): one sheet per block, each unit from a new printed page
 * (or, with `unit`, that unit's notice alone on "Thông báo - CODE"), in one `Excel.run`.
 *
 * @example
 * const { outcome } = await noticesInExcel(Excel.run);
 * if (outcome.ok) outcome.sheets; // ["Thông báo kết quả - Sở", …]
 */
export async function noticesInExcel(
  run: ExcelRun,
  options: { unit?: string; onProgress?: (message: string) => void; host?: ExcelHostOptions } = {},
): Promise<Ran<NoticesOutcome>> {
  return run(async (context) => {
    const host = new ExcelHost(context, options.host);
    const noticeOptions: { unit?: string; onProgress?: (message: string) => void } = {};
    if (options.unit !== undefined) noticeOptions.unit = options.unit;
    if (options.onProgress !== undefined) noticeOptions.onProgress = options.onProgress;
    const outcome = await writeNotices(host, noticeOptions);
    return { outcome, syncs: host.syncs };
  });
}

/**
 * Validates and computes without writing.
 *
 * @example
 * const { outcome } = await validateInExcel(Excel.run);
 */
export async function validateInExcel(
  run: ExcelRun,
  options: { onProgress?: (message: string) => void; host?: ExcelHostOptions } = {},
): Promise<Ran<WorkbookOutcome>> {
  return run(async (context) => {
    const host = new ExcelHost(context, options.host);
    const outcome = await validateWorkbook(host, options.onProgress ? { onProgress: options.onProgress } : {});
    return { outcome, syncs: host.syncs };
  });
}

/**
 * Writes the template sheets of the chosen blocks (default: those marked `byDefault` in `TEMPLATE_BLOCKS`) into
 * the current workbook; refuses if they exist.
 *
 * @example
 * const { outcome } = await createTemplateInExcel(Excel.run, { blocks: ["so", "xa"] }); // outcome.ok === true
 */
export async function createTemplateInExcel(
  run: ExcelRun,
  options: { host?: ExcelHostOptions; blocks?: readonly TemplateBlockId[] } = {},
): Promise<Ran<TemplateOutcome>> {
  const blocks = options.blocks ?? TEMPLATE_BLOCKS.filter((b) => b.byDefault).map((b) => b.id);
  return run(async (context) => {
    const host = new ExcelHost(context, options.host);
    const outcome = await createTemplate(host, templateSource(blocks));
    return { outcome, syncs: host.syncs };
  });
}

/**
 * Selects the cell a problem names (or activates its sheet when it names no cell).
 *
 * @example
 * await selectProblemCell(Excel.run, { sheet: "Điểm - Sở", cell: "F12" });
 */
export async function selectProblemCell(run: ExcelRun, where: { sheet: string; cell?: string | undefined }): Promise<void> {
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(where.sheet);
    sheet.activate();
    if (where.cell !== undefined) sheet.getRange(where.cell).select();
    await context.sync();
  });
}

/**
 * A short Vietnamese description of an unexpected error (an Office error's code and message).
 *
 * @example
 * describeError(new Error("boom")); // "boom"
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

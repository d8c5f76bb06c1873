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
import { SELF_FORM_MARKER_ANY } from "../shared/workbook/selfAssessmentForm.ts";
import { createSelfAssessmentForms, importFormSheets, type FormSheetOutcome } from "../shared/workbook/selfAssessmentFormImport.ts";

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
 * Makes the self-assessment form sheets («Phiếu TĐG - MÃ») in the workbook for the units named (every unit when
 * none is named), in one `Excel.run`; refuses, writing nothing, an unknown code or a form sheet that exists. The
 * clerk then moves or copies each sheet to a file of its own to send (Excel: right-click the tab › Move or Copy ›
 * new book); the form needs no add-in to be filled.
 *
 * @example
 * const { outcome } = await createFormsInExcel(Excel.run, ["SGTVT"]); // outcome: { ok: true, sheets: ["Phiếu TĐG - SGTVT"] }
 */
export async function createFormsInExcel(
  run: ExcelRun,
  unitCodes: readonly string[],
  options: { host?: ExcelHostOptions } = {},
): Promise<Ran<{ ok: true; sheets: string[] } | { ok: false; errors: Problem[] }>> {
  return run(async (context) => {
    const host = new ExcelHost(context, options.host);
    const outcome = await createSelfAssessmentForms(host, unitCodes);
    return { outcome, syncs: host.syncs };
  });
}

/** A form file picked by the clerk: its file name and its bytes in base64. */
export interface FormFile {
  name: string;
  base64: string;
}

/** What importing one form file gave: per form sheet found in it, the core's outcome. */
export interface FormFileOutcome {
  file: string;
  /** Problems of the file itself (not a workbook, no form sheet in it). */
  errors: Problem[];
  sheets: FormSheetOutcome[];
}

/**
 * Imports filled form files into the workbook, each in its own `Excel.run`: the file's sheets are inserted
 * (`insertWorksheetsFromBase64`, ExcelApi 1.13), read and checked by the core (`importFormSheets`: a bad form is
 * refused whole, the good ones are written), then the inserted sheets are deleted again, whatever happened.
 * Problems name the form's sheet as the file had it.
 *
 * @example
 * const { outcome } = await importFormsInExcel(Excel.run, [{ name: "SGTVT.xlsx", base64 }]);
 * outcome[0]?.sheets[0]; // { sheet: "Phiếu TĐG - SGTVT", ok: true, unitCode: "SGTVT", count: 70, warnings: [] }
 */
export async function importFormsInExcel(
  run: ExcelRun,
  files: readonly FormFile[],
  options: { host?: ExcelHostOptions } = {},
): Promise<Ran<FormFileOutcome[]>> {
  const outcomes: FormFileOutcome[] = [];
  let syncs = 0;
  for (const file of files) {
    // One Excel.run per file, one after the other: each inserts, imports and deletes its own sheets.
    const ran = await importOneFile(run, file, options);
    // The deleting sync in `finally` is not counted inside.
    syncs += ran.syncs + 1;
    outcomes.push(ran.outcome);
  }
  return { outcome: outcomes, syncs };
}

/** One form file in one `Excel.run` (see `importFormsInExcel`). */
function importOneFile(run: ExcelRun, file: FormFile, options: { host?: ExcelHostOptions }): Promise<Ran<FormFileOutcome>> {
  return run(async (context) => {
    let own = 0;
    const sync = async () => {
      own++;
      await context.sync();
    };
    const before = context.workbook.worksheets.load("items/name");
    const ids = context.workbook.insertWorksheetsFromBase64(file.base64);
    try {
      await sync();
    } catch (error) {
      const problem = { path: file.name, message: `không mở được tệp như một sổ tính Excel (.xlsx): ${describeError(error)}` };
      return { outcome: { file: file.name, errors: [problem], sheets: [] }, syncs: own };
    }
    const host = new ExcelHost(context, options.host);
    try {
      const inserted = ids.value.map((id) => context.workbook.worksheets.getItem(id).load("name"));
      await sync();
      const names = inserted.map((w) => w.name);
      const asInFile = fileSheetNames(
        before.items.map((w) => w.name),
        names,
      );
      const rename = (p: Problem): Problem =>
        p.sheet !== undefined && asInFile.has(p.sheet) ? { ...p, sheet: asInFile.get(p.sheet)! } : p;
      const grids = await host.readSheets(names);
      const forms = names.filter((n) => (grids[n] ?? []).slice(0, 10).some((row) => row.some(isFormMarkerText)));
      if (forms.length === 0) {
        const problem = { path: file.name, message: "không có sheet phiếu tự đánh giá nào (thiếu dấu nhận diện ở ô H1)" };
        return { outcome: { file: file.name, errors: [problem], sheets: [] }, syncs: own + host.syncs };
      }
      const sheets = (await importFormSheets(host, forms)).map((o): FormSheetOutcome =>
        o.ok
          ? { ...o, sheet: asInFile.get(o.sheet) ?? o.sheet, warnings: o.warnings.map(rename) }
          : { ...o, sheet: asInFile.get(o.sheet) ?? o.sheet, errors: o.errors.map(rename) },
      );
      return { outcome: { file: file.name, errors: [], sheets }, syncs: own + host.syncs };
    } finally {
      // The inserted sheets go again, whatever happened (by id: their names may be taken by then).
      for (const id of ids.value) context.workbook.worksheets.getItem(id).delete();
      await context.sync();
    }
  });
}

/**
 * The names the inserted sheets had in their file: Excel gives a sheet whose name is taken " (2)", " (3)" …
 * (inserted name → name in the file).
 */
function fileSheetNames(existing: readonly string[], inserted: readonly string[]): Map<string, string> {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  return new Map(
    inserted.map((n) => {
      const m = / \(\d+\)$/.exec(n);
      const base = m === null ? n : n.slice(0, m.index);
      return [n, m !== null && taken.has(base.toLowerCase()) ? base : n];
    }),
  );
}

/** Whether a cell holds a form's marker. */
function isFormMarkerText(v: unknown): boolean {
  return typeof v === "string" && v.trim().startsWith(SELF_FORM_MARKER_ANY);
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

import { computeIndex } from "../compute/computeIndex.ts";
import type { Problem } from "../problem.ts";
import type { InputDocument } from "../schema/inputSchema.ts";
import type { ResultDocument } from "../schema/resultSchema.ts";
import { andThen } from "./andThen.ts";
import { loadWorkbook, plainGrids, type GridLayout } from "./loadWorkbook.ts";
import { placeProblems } from "./placeProblems.ts";
import type { CellValue, MaybePromise, ReadValue, WorkbookPort } from "./port.ts";
import { isGeneratedSheet, isInputSheet } from "./sheetNames.ts";
import { summarizeResult, type ResultSummary } from "./summarizeResult.ts";

/** The outcome of validating or recalculating a workbook. */
export type WorkbookOutcome =
  | { ok: true; input: InputDocument; result: ResultDocument; warnings: Problem[]; summary: ResultSummary }
  | { ok: false; errors: Problem[]; warnings: Problem[] };

/** A successful analysis also keeps the tables' layout, for writing results beside the scores. */
export type WorkbookAnalysis =
  | (Extract<WorkbookOutcome, { ok: true }> & {
      layouts: { id: string; scores: GridLayout; self: GridLayout | null }[];
      /**
       * The generated sheets (Biểu, Phân tích) already in the workbook, by their own names, as read (column A
       * only): a recalculation replaces them once it finds its stamp there.
       */
      generated: Record<string, CellValue[][]>;
    })
  | Extract<WorkbookOutcome, { ok: false }>;

/**
 * Reads every input sheet, and the generated sheets already there, in one `readSheets` call (of a generated
 * sheet only column A, where its stamp is: `firstColumnOnly`); validates and computes. Writes nothing.
 * Every problem carries its sheet and cell. Synchronous when the host is.
 *
 * @example
 * const analysis = await analyzeWorkbook(port);
 * if (!analysis.ok) analysis.errors.map(formatProblem);
 */
export function analyzeWorkbook(port: WorkbookPort, progress: (message: string) => void = () => {}): MaybePromise<WorkbookAnalysis> {
  progress("Đang đọc dữ liệu trong sổ tính…");
  return andThen(port.listSheets(), (sheets) => {
    const generated = sheets.filter(isGeneratedSheet);
    const names = sheets.filter((n) => isInputSheet(n) || isGeneratedSheet(n));
    return andThen(port.readSheets(names, { firstColumnOnly: generated }), (grids) => analyzeGrids(grids, progress));
  });
}

/**
 * The analysis of sheets already read: load, validate, compute, place every problem on its cell.
 *
 * @example
 * analyzeGrids(await port.readSheets(names), () => {}).ok; // true for a valid workbook
 */
export function analyzeGrids(
  grids: Readonly<Record<string, readonly (readonly ReadValue[])[]>>,
  progress: (message: string) => void,
): WorkbookAnalysis {
  progress("Đang kiểm tra dữ liệu…");
  const loaded = loadWorkbook(grids);
  if (!loaded.ok) return { ok: false, errors: loaded.errors, warnings: [] };
  progress("Đang tính điểm, chỉ số và xếp hạng…");
  const outcome = computeIndex(loaded.input);
  const warnings = placeProblems(outcome.warnings, loaded.places);
  if (!outcome.ok) return { ok: false, errors: placeProblems(outcome.errors, loaded.places), warnings };
  return {
    ok: true,
    input: outcome.input,
    result: outcome.result,
    warnings,
    summary: summarizeResult(outcome.input, outcome.result),
    layouts: loaded.layout.blocks,
    generated: plainGrids(Object.fromEntries(Object.entries(grids).filter(([name]) => isGeneratedSheet(name)))).grids,
  };
}

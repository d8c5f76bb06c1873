import { computeIndex } from "../compute/computeIndex.ts";
import type { Problem } from "../problem.ts";
import type { InputDocument } from "../schema/inputSchema.ts";
import type { ResultDocument } from "../schema/resultSchema.ts";
import { loadWorkbook, type GridLayout } from "./loadWorkbook.ts";
import { placeProblems } from "./placeProblems.ts";
import type { WorkbookPort } from "./port.ts";
import { SETTINGS_SHEET } from "./sheetNames.ts";
import { summarizeResult, type ResultSummary } from "./summarizeResult.ts";

/** The outcome of validating or recalculating a workbook. */
export type WorkbookOutcome =
  | { ok: true; input: InputDocument; result: ResultDocument; warnings: Problem[]; summary: ResultSummary }
  | { ok: false; errors: Problem[]; warnings: Problem[] };

/** A successful analysis also keeps the tables' layout, for writing results beside the scores. */
export type WorkbookAnalysis =
  | (Extract<WorkbookOutcome, { ok: true }> & { layouts: { id: string; scores: GridLayout; self: GridLayout | null }[]; sheets: string[] })
  | Extract<WorkbookOutcome, { ok: false }>;

const INPUT_PREFIXES = ["Tiêu chí - ", "Đơn vị - ", "Điểm - ", "Tự đánh giá - "];

/**
 * Reads every input sheet in one `readSheets` call, validates and computes. Writes nothing.
 * Every problem carries its sheet and cell.
 *
 * @example
 * const analysis = await analyzeWorkbook(port);
 * if (!analysis.ok) analysis.errors.map(formatProblem);
 */
export async function analyzeWorkbook(port: WorkbookPort, progress: (message: string) => void = () => {}): Promise<WorkbookAnalysis> {
  progress("Đang đọc dữ liệu trong sổ tính…");
  const sheets = await port.listSheets();
  const wanted = sheets.filter((n) => n === SETTINGS_SHEET || INPUT_PREFIXES.some((p) => n.startsWith(p)));
  const grids = await port.readSheets(wanted);
  progress("Đang kiểm tra dữ liệu…");
  const loaded = loadWorkbook(grids);
  if (!loaded.ok) return { ok: false, errors: loaded.errors, warnings: [] };
  progress("Đang tính điểm, chỉ số và xếp hạng…");
  const outcome = computeIndex(loaded.document);
  const warnings = placeProblems(outcome.warnings, loaded.places);
  if (!outcome.ok) return { ok: false, errors: placeProblems(outcome.errors, loaded.places), warnings };
  return {
    ok: true,
    input: outcome.input,
    result: outcome.result,
    warnings,
    summary: summarizeResult(outcome.input, outcome.result),
    layouts: loaded.layout.blocks,
    sheets,
  };
}

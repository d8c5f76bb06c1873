import { andThen } from "./andThen.ts";
import { analyzeWorkbook, type WorkbookOutcome } from "./analyzeWorkbook.ts";
import type { MaybePromise, WorkbookPort } from "./port.ts";

/**
 * Checks the workbook and computes the result without writing anything (one list, one read).
 *
 * @example
 * const outcome = await validateWorkbook(port);
 * outcome.ok ? outcome.summary : outcome.errors; // every problem with sheet and cell
 */
export function validateWorkbook(
  port: WorkbookPort,
  options: { onProgress?: (message: string) => void } = {},
): MaybePromise<WorkbookOutcome> {
  return andThen(analyzeWorkbook(port, options.onProgress), (analysis): WorkbookOutcome => {
    if (!analysis.ok) return analysis;
    const { layouts: _layouts, generated: _generated, ...outcome } = analysis;
    return outcome;
  });
}

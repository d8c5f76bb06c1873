import { analyzeWorkbook, type WorkbookOutcome } from "./analyzeWorkbook.ts";
import type { WorkbookPort } from "./port.ts";

/**
 * Checks the workbook and computes the result without writing anything (one list, one read).
 *
 * @example
 * const outcome = await validateWorkbook(port);
 * outcome.ok ? outcome.summary : outcome.errors; // every problem with sheet and cell
 */
export async function validateWorkbook(port: WorkbookPort, options: { onProgress?: (message: string) => void } = {}): Promise<WorkbookOutcome> {
  const analysis = await analyzeWorkbook(port, options.onProgress);
  if (!analysis.ok) return analysis;
  const { layouts: _layouts, sheets: _sheets, ...outcome } = analysis;
  return outcome;
}

/**
 * The ribbon button "Tính lại xếp hạng" (ExecuteFunction): validate → compute → write results and Biểu
 * sheets in one click. It has no window of its own, so when the workbook is invalid it selects the first
 * offending cell; `event.completed()` is called exactly once on every path, errors included.
 */
import { recalculateInExcel, selectProblemCell, type ExcelRun } from "./actions.ts";

/** The part of `Office.AddinCommands.Event` the command uses. */
export interface CommandEvent {
  completed: () => void;
}

/** What happened, for logs and tests. */
export type CommandResult = { status: "ok"; syncs: number } | { status: "invalid"; errors: number } | { status: "error"; message: string };

/**
 * The command handler over a given `Excel.run`.
 *
 * @example
 * const recalculate = makeRecalculateCommand(Excel.run);
 * Office.actions.associate("recalculate", recalculate);
 */
export function makeRecalculateCommand(
  run: ExcelRun,
  log: (result: CommandResult) => void = () => {},
): (event: CommandEvent) => Promise<void> {
  return async (event) => {
    let result: CommandResult;
    try {
      const { outcome, syncs } = await recalculateInExcel(run);
      if (outcome.ok) {
        result = { status: "ok", syncs };
      } else {
        result = { status: "invalid", errors: outcome.errors.length };
        const first = outcome.errors.find((p) => p.sheet !== undefined);
        if (first?.sheet !== undefined) {
          try {
            await selectProblemCell(run, { sheet: first.sheet, cell: first.cell });
          } catch {
            // selecting is a courtesy; the sheet may be protected or gone
          }
        }
      }
    } catch (error) {
      result = { status: "error", message: error instanceof Error ? error.message : String(error) };
    } finally {
      event.completed();
    }
    log(result);
  };
}

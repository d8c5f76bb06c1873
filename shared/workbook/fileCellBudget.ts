import type { HostLimits } from "./hostLimits.ts";
import type { SheetWrite } from "./port.ts";
import { sheetExtent } from "./sheetExtent.ts";

/** Rows × columns of a sheet's grid. */
export interface GridSize {
  rows: number;
  cols: number;
}

/**
 * The cells a file holds after a write plan, for a host that counts every cell of every sheet's grid (Google
 * Sheets): sheets the plan does not touch keep their size (`kept`), a sheet the plan updates grows to fit the
 * write, and a new or replaced sheet is the host's new-sheet grid (`fresh`) grown to fit. `kept` must hold the
 * size of every sheet that stays (not replaced); replaced sheets' old grids do not count (the host deletes them
 * before it inserts anything).
 *
 * @example
 * plannedCellCount({ "Điểm - Sở": { rows: 1000, cols: 26 } }, [{ sheet: "Biểu 4", mode: "replace", blocks: [] }], { rows: 1000, cols: 26 });
 * // 52000
 */
export function plannedCellCount(kept: Readonly<Record<string, GridSize>>, changes: readonly SheetWrite[], fresh: GridSize): number {
  const sizes = new Map(Object.entries(kept).map(([name, size]) => [name, { ...size }]));
  for (const change of changes) {
    const need = sheetExtent(change);
    const base = change.mode === "replace" ? fresh : (sizes.get(change.sheet) ?? fresh);
    sizes.set(change.sheet, { rows: Math.max(base.rows, need.rows), cols: Math.max(base.cols, need.cols) });
  }
  let total = 0;
  for (const s of sizes.values()) total += s.rows * s.cols;
  return total;
}

/**
 * Refuses a plan that would take the file over the host's cell limit (`limits.maxCells`; nothing to check when the
 * host has none), before anything is written. Throws a Vietnamese message with the count.
 *
 * @example
 * checkFileCellBudget({}, [{ sheet: "Biểu 1", mode: "replace", blocks: [] }], { rows: 1000, cols: 26 }, SHEETS_LIMITS); // passes
 */
export function checkFileCellBudget(
  kept: Readonly<Record<string, GridSize>>,
  changes: readonly SheetWrite[],
  fresh: GridSize,
  limits: HostLimits,
): void {
  if (limits.maxCells === undefined) return;
  const total = plannedCellCount(kept, changes, fresh);
  if (total > limits.maxCells) {
    throw new Error(
      `Sau khi ghi, bảng tính sẽ có ${total} ô, vượt giới hạn ${limits.maxCells} ô một tệp của ${limits.name}; chưa ghi gì. ` +
        "Hãy xoá bớt sheet hoặc dòng, cột trống rồi thử lại.",
    );
  }
}

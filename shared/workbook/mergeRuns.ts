import type { CellRange } from "./port.ts";

/**
 * One host call that makes merges: `whole` merges the range into one cell; `across` merges each row of the
 * range on its own (all rows span the same columns); `down` merges each column of the range on its own.
 */
export interface MergeRun {
  range: CellRange;
  how: "whole" | "across" | "down";
}

/**
 * Groups a plan's merges into as few host calls as the hosts allow: one-row merges over the same columns on
 * consecutive rows become one `across` run (Sheets `mergeAcross`, Excel `merge(true)`), one-column merges over
 * the same rows in consecutive columns one `down` run (Sheets `mergeVertically`); other merges stay `whole`.
 * Single cells are dropped. The merges must not overlap (checked plans never do).
 *
 * @example
 * mergeRuns([{ row: 0, col: 0, rows: 1, cols: 5 }, { row: 1, col: 0, rows: 1, cols: 5 }, { row: 3, col: 0, rows: 2, cols: 1 },
 *   { row: 3, col: 1, rows: 2, cols: 1 }]);
 * // [{ how: "across", range: { row: 0, col: 0, rows: 2, cols: 5 } }, { how: "down", range: { row: 3, col: 0, rows: 2, cols: 2 } }]
 */
export function mergeRuns(merges: readonly CellRange[]): MergeRun[] {
  const real = merges.filter((m) => m.rows > 0 && m.cols > 0 && m.rows * m.cols > 1);
  const across = real.filter((m) => m.rows === 1).sort((a, b) => a.col - b.col || a.cols - b.cols || a.row - b.row);
  const down = real.filter((m) => m.cols === 1).sort((a, b) => a.row - b.row || a.rows - b.rows || a.col - b.col);
  const out: MergeRun[] = [];
  for (const m of across) {
    const last = out[out.length - 1];
    const r = last?.range;
    if (last?.how === "across" && r!.col === m.col && r!.cols === m.cols && r!.row + r!.rows === m.row) r!.rows += 1;
    else out.push({ how: "across", range: { ...m } });
  }
  for (const m of down) {
    const last = out[out.length - 1];
    const r = last?.range;
    if (last?.how === "down" && r!.row === m.row && r!.rows === m.rows && r!.col + r!.cols === m.col) r!.cols += 1;
    else out.push({ how: "down", range: { ...m } });
  }
  for (const m of real) if (m.rows > 1 && m.cols > 1) out.push({ how: "whole", range: { ...m } });
  return out;
}

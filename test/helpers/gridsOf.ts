import type { ReadValue, SheetWrite } from "../../shared/workbook/port.ts";

/** The values a host reads back after writing `plan` into an empty workbook ("" reads as an empty cell). */
export function gridsOf(plan: readonly SheetWrite[]): Record<string, ReadValue[][]> {
  const out: Record<string, ReadValue[][]> = {};
  for (const w of plan) {
    const grid: ReadValue[][] = (out[w.sheet] ??= []);
    for (const b of w.blocks) {
      b.values.forEach((line, r) =>
        line.forEach((v, c) => {
          while (grid.length <= b.row + r) grid.push([]);
          const row = grid[b.row + r]!;
          while (row.length <= b.col + c) row.push(null);
          row[b.col + c] = v === "" ? null : v;
        }),
      );
    }
  }
  return out;
}

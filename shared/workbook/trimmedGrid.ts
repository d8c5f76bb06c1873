import type { ReadValue } from "./port.ts";

/**
 * A rectangular grid from rows that may be ragged or sparse: from A1 to the last row and column holding a
 * value, trailing empty rows and columns dropped, holes filled with null. What every host's `readSheets` returns.
 *
 * @example
 * trimmedGrid([["Mã", null, null], [], [null, 3, null], [null]]); // [["Mã", null], [null, null], [null, 3]]
 * trimmedGrid([[null]]); // []
 */
export function trimmedGrid<T extends ReadValue = ReadValue>(rows: readonly (readonly (T | undefined)[] | undefined)[]): (T | null)[][] {
  let lastRow = -1;
  let lastCol = -1;
  rows.forEach((line, r) =>
    line?.forEach((v, c) => {
      if (v === null || v === undefined) return;
      if (r > lastRow) lastRow = r;
      if (c > lastCol) lastCol = c;
    }),
  );
  const grid: (T | null)[][] = [];
  for (let r = 0; r <= lastRow; r++) {
    const line = rows[r] ?? [];
    const out: (T | null)[] = [];
    for (let c = 0; c <= lastCol; c++) out.push(line[c] ?? null);
    grid.push(out);
  }
  return grid;
}

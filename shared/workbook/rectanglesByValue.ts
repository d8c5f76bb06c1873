import type { CellRange } from "./port.ts";

/**
 * The rectangles (0-based, relative) covering the cells of `grid` that hold each value: runs along each row,
 * joined down while the next row has the same run. Keys are compared with `===`; `undefined` cells are left out.
 * Hosts use it to format many cells with one call per rectangle (or one call per value on a range list).
 *
 * @example
 * rectanglesByValue([["a", "a"], ["a", "a"], ["b", undefined]]);
 * // Map { "a" => [{ row: 0, col: 0, rows: 2, cols: 2 }], "b" => [{ row: 2, col: 0, rows: 1, cols: 1 }] }
 */
export function rectanglesByValue<T>(grid: readonly (readonly (T | undefined)[])[]): Map<T, CellRange[]> {
  const out = new Map<T, CellRange[]>();
  let open = new Map<string, CellRange>();
  grid.forEach((line, r) => {
    const next = new Map<string, CellRange>();
    let c = 0;
    while (c < line.length) {
      const v = line[c];
      let end = c + 1;
      while (end < line.length && line[end] === v) end++;
      if (v !== undefined) {
        const key = `${c}:${end}:${typeof v}:${String(v)}`;
        const prev = open.get(key);
        if (prev !== undefined && prev.row + prev.rows === r) {
          prev.rows += 1;
          next.set(key, prev);
        } else {
          const rect = { row: r, col: c, rows: 1, cols: end - c };
          let list = out.get(v);
          if (list === undefined) out.set(v, (list = []));
          list.push(rect);
          next.set(key, rect);
        }
      }
      c = end;
    }
    open = next;
  });
  return out;
}

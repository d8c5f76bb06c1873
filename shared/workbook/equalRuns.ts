/** A run of consecutive equal values in a list: `count` items from `start`, all `value`. */
export interface EqualRun<T> {
  start: number;
  count: number;
  value: T;
}

/**
 * The runs of consecutive equal defined values of a list (undefined items are skipped and end a run). Hosts set
 * column widths and row heights with one call per run instead of one per column or row.
 *
 * @example
 * equalRuns([6, 40, 12, 12, undefined, 12]);
 * // [{ start: 0, count: 1, value: 6 }, { start: 1, count: 1, value: 40 }, { start: 2, count: 2, value: 12 },
 * //  { start: 5, count: 1, value: 12 }]
 */
export function equalRuns<T>(list: readonly (T | undefined)[]): EqualRun<T>[] {
  const out: EqualRun<T>[] = [];
  list.forEach((v, i) => {
    if (v === undefined) return;
    const last = out[out.length - 1];
    if (last !== undefined && last.value === v && last.start + last.count === i) last.count += 1;
    else out.push({ start: i, count: 1, value: v });
  });
  return out;
}

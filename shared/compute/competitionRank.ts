/**
 * Competition ranking ("1, 2, 2, 4"), highest value first: equal values share the best rank and the next
 * rank skips. Returns one rank per input value, in input order.
 *
 * @example
 * competitionRank([90, 95, 90, 80]); // [2, 1, 2, 4]
 * competitionRank([9544, 9000, 9000, 8120]); // [1, 2, 2, 4]
 */
export function competitionRank(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  const ranks = new Array<number>(values.length);
  let prev = Number.NaN;
  let rank = 0;
  order.forEach((unit, position) => {
    const v = values[unit] as number;
    if (v !== prev) {
      rank = position + 1;
      prev = v;
    }
    ranks[unit] = rank;
  });
  return ranks;
}

/**
 * Unit positions in list order: by rank, then by input order.
 *
 * @example
 * rankOrder([2, 1, 2, 4]); // [1, 0, 2, 3]
 */
export function rankOrder(ranks: readonly number[]): number[] {
  return ranks.map((_, i) => i).sort((a, b) => (ranks[a] as number) - (ranks[b] as number) || a - b);
}

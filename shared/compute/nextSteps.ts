import type { GroupSetting } from "../schema/inputSchema.ts";
import { DEFAULT_PRECISION, scaleOf, type Precision } from "./hundredths.ts";

/** How far a unit is from the next better group and the next better rank, in hundredths (units of 10^-precision). */
export interface NextSteps {
  /** The next better group and its threshold minus the unit's index; null in the best group. */
  toNextGroup: { group: string; pointsH: number } | null;
  /** The rank of the nearest unit ranked better and its index minus the unit's; null for rank 1. */
  toNextRank: { rank: number; pointsH: number } | null;
}

/**
 * For each unit of a block (indices in hundredths, or in units of 10^-`precision`; competition ranks), the distance to the next better group
 * (the group with the lowest threshold above the unit's index: `settings.groups` names it) and to the next
 * better rank (the largest rank smaller than the unit's, and that unit's index minus the unit's index).
 * Both distances are positive; null where there is nothing better (best group; rank 1).
 *
 * @example
 * const groups = [{ name: "A", min: 90 }, { name: "B", min: 70 }, { name: "C", min: 0 }];
 * nextSteps([9544, 8877, 8877, 8120], [1, 2, 2, 4], groups)[3];
 * // { toNextGroup: { group: "A", pointsH: 880 }, toNextRank: { rank: 2, pointsH: 757 } }
 * nextSteps([9544], [1], groups)[0]; // { toNextGroup: null, toNextRank: null }
 */
export function nextSteps(
  indexH: readonly number[],
  ranks: readonly number[],
  groups: readonly GroupSetting[],
  precision: Precision = DEFAULT_PRECISION,
): NextSteps[] {
  const scale = scaleOf(precision);
  const thresholds = groups.map((g) => ({ name: g.name, minH: Math.round(g.min * scale) }));
  // The index of each rank (every unit of one rank has the same index), ranks from best to worst.
  const indexOfRank = new Map<number, number>();
  ranks.forEach((rank, i) => indexOfRank.set(rank, indexH[i] ?? 0));
  const distinctRanks = [...indexOfRank.keys()].sort((a, b) => a - b);
  return indexH.map((own, i) => {
    let next: { name: string; minH: number } | undefined;
    for (const g of thresholds) if (g.minH > own && (next === undefined || g.minH < next.minH)) next = g;
    const rank = ranks[i] ?? 1;
    const position = distinctRanks.indexOf(rank);
    const better = position > 0 ? distinctRanks[position - 1] : undefined;
    const betterIndex = better === undefined ? undefined : indexOfRank.get(better);
    return {
      toNextGroup: next === undefined ? null : { group: next.name, pointsH: next.minH - own },
      toNextRank: better === undefined || betterIndex === undefined ? null : { rank: better, pointsH: betterIndex - own },
    };
  });
}

import type { GroupSetting } from "../schema/inputSchema.ts";
import { DEFAULT_PRECISION, scaleOf, type Precision } from "./hundredths.ts";

/**
 * The group (nhóm) of an index: the first group, highest threshold first, whose threshold ≤ index.
 * Works on the index rounded to `precision` decimals, in units of 10^-precision (hundredths by default).
 * Returns `undefined` when no threshold is low enough (valid settings always hold a group at 0).
 *
 * @example
 * const groups = [{ name: "A", min: 90 }, { name: "B", min: 70 }, { name: "C", min: 50 }, { name: "D", min: 0 }];
 * assignGroup(9000, groups); // "A" (90,00)
 * assignGroup(8999, groups); // "B" (89,99)
 * assignGroup(89999, groups, 3); // "B" (89,999)
 */
export function assignGroup(
  indexHundredths: number,
  groups: readonly GroupSetting[],
  precision: Precision = DEFAULT_PRECISION,
): string | undefined {
  return makeGroupAssigner(groups, precision)(indexHundredths);
}

/**
 * Prepares `assignGroup` for many units: sorts the thresholds once (stable: equal thresholds keep the
 * settings' order).
 *
 * @example
 * const group = makeGroupAssigner([{ name: "Đạt", min: 50 }, { name: "Chưa đạt", min: 0 }]);
 * group(5000); // "Đạt"
 * group(4999); // "Chưa đạt"
 */
export function makeGroupAssigner(
  groups: readonly GroupSetting[],
  precision: Precision = DEFAULT_PRECISION,
): (indexHundredths: number) => string | undefined {
  const scale = scaleOf(precision);
  const sorted = groups.map((g, i) => ({ name: g.name, minH: Math.round(g.min * scale), i })).sort((a, b) => b.minH - a.minH || a.i - b.i);
  return (indexH) => {
    for (const g of sorted) if (g.minH <= indexH) return g.name;
    return undefined;
  };
}

import { DEFAULT_PRECISION, roundDiv, scaleOf, type Precision } from "../compute/hundredths.ts";

/**
 * Mean of values in hundredths, rounded half up to a hundredth (as the method rounds means; the same at any
 * precision: values in thousandths give a mean in thousandths);
 * `undefined` for an empty list.
 *
 * @example
 * meanH([950, 800, 1000]); // 917 (9,17)
 * meanH([]);               // undefined
 */
export function meanH(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return roundDiv(
    values.reduce((s, v) => s + v, 0),
    values.length,
  );
}

/**
 * A value as a percentage of a maximum, both in units of 10^-precision (hundredths by default), rounded half up
 * to 10^-precision of a percent (in those units); `undefined` when the maximum is 0.
 *
 * @example
 * percentH(1783, 2000);      // 8915 (89,15 %)
 * percentH(1736, 2000);      // 8680 (86,8 %)
 * percentH(17831, 20000, 3); // 89155 (89,155 %)
 */
export function percentH(valueH: number, maxH: number, precision: Precision = DEFAULT_PRECISION): number | undefined {
  if (maxH <= 0) return undefined;
  return roundDiv(valueH * 100 * scaleOf(precision), maxH);
}

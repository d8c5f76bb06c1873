/**
 * Integer arithmetic in units of 10^-precision (`settings.precision`: 2 by default, so 1 point = 100 hundredths;
 * 3 gives thousandths, 1 point = 1000). Every score, total and index of the core is an integer number of such
 * units; only output converts back to a JSON number. The names say "hundredths" (the default); every function
 * takes the precision as its last argument, 2 when left out.
 */

/**
 * Decimals kept by every score, total and index: `settings.precision`, 2 (default) or 3.
 *
 * @example
 * const p: Precision = input.settings?.precision ?? DEFAULT_PRECISION;
 */
export type Precision = 2 | 3;

/**
 * The precision when `settings.precision` is not given.
 *
 * @example
 * DEFAULT_PRECISION; // 2
 */
export const DEFAULT_PRECISION: Precision = 2;

/**
 * Units per point at a precision: 10^precision.
 *
 * @example
 * scaleOf(2); // 100
 * scaleOf(3); // 1000
 */
export function scaleOf(precision: Precision = DEFAULT_PRECISION): number {
  return precision === 3 ? 1000 : 100;
}

/**
 * Integer division rounded half up (half away from zero for a negative numerator): the rounding the
 * method uses for indices, means and shares. `denominator` must be a positive integer.
 *
 * @example
 * roundDiv(171940, 20); // 8597  (85,97)
 * roundDiv(5, 2);       // 3     (2,5 → 3)
 * roundDiv(-5, 2);      // -3
 * roundDiv(8578 * 10000, 9900); // 8665 (85,78 of 99 → index 86,65)
 */
export function roundDiv(numerator: number, denominator: number): number {
  if (!(denominator > 0)) throw new RangeError("roundDiv: denominator must be positive");
  const negative = numerator < 0;
  const a = negative ? -numerator : numerator;
  let q = Math.floor(a / denominator);
  const r = a - q * denominator;
  if (r * 2 >= denominator) q += 1;
  return negative ? (q === 0 ? 0 : -q) : q;
}

/**
 * Units (hundredths, or thousandths at precision 3) → the JSON number with at most `precision` decimals (the
 * nearest double, which prints exactly).
 *
 * @example
 * toNumber(8597);     // 85.97
 * toNumber(-522);     // -5.22
 * toNumber(87654, 3); // 87.654
 */
export function toNumber(hundredths: number, precision: Precision = DEFAULT_PRECISION): number {
  return hundredths / scaleOf(precision);
}

/**
 * A number already known to have at most `precision` decimals (e.g. a validated maximum) → units of
 * 10^-precision (hundredths by default).
 *
 * @example
 * toHundredths(11.5);      // 1150
 * toHundredths(0.29);      // 29 (0.29 * 100 is 28.999999999999996 in floating point)
 * toHundredths(87.654, 3); // 87654
 */
export function toHundredths(n: number, precision: Precision = DEFAULT_PRECISION): number {
  return Math.round(n * scaleOf(precision));
}

/**
 * Whether a number has at most `precision` decimals (as a JSON number or a maximum must).
 *
 * @example
 * hasAtMostDecimals(85.97);     // true
 * hasAtMostDecimals(87.654);    // false
 * hasAtMostDecimals(87.654, 3); // true
 */
export function hasAtMostDecimals(n: number, precision: Precision = DEFAULT_PRECISION): boolean {
  const scale = scaleOf(precision);
  return Number.isFinite(n) && Math.round(n * scale) / scale === n;
}

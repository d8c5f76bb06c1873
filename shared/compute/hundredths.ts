/**
 * Integer arithmetic in hundredths (1 point = 100). Every score, total and index of the core is an integer
 * number of hundredths; only output converts back to a JSON number.
 */

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
 * Hundredths → the JSON number with at most 2 decimals (the nearest double, which prints exactly).
 *
 * @example
 * toNumber(8597); // 85.97
 * toNumber(-522); // -5.22
 */
export function toNumber(hundredths: number): number {
  return hundredths / 100;
}

/**
 * A number already known to have at most 2 decimals (e.g. a validated maximum) → hundredths.
 *
 * @example
 * toHundredths(11.5); // 1150
 * toHundredths(0.29); // 29 (0.29 * 100 is 28.999999999999996 in floating point)
 */
export function toHundredths(n: number): number {
  return Math.round(n * 100);
}

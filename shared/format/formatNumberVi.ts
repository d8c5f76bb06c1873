import { decimalParts, roundParts } from "../compute/decimalParts.ts";
import { DEFAULT_PRECISION, type Precision } from "../compute/hundredths.ts";

function joinVi(negative: boolean, intDigits: string, fracDigits: string): string {
  const isZero = /^0*$/.test(intDigits + fracDigits);
  const sign = negative && !isZero ? "-" : "";
  return sign + intDigits + (fracDigits === "" ? "" : "," + fracDigits);
}

/**
 * A number the Vietnamese way: decimal comma, at most `precision` decimals (2 by default, or 3; rounded half
 * away from zero), no trailing zeros, no thousands separator.
 *
 * @example
 * formatNumberVi(85.97); // "85,97"
 * formatNumberVi(12.1);  // "12,1"
 * formatNumberVi(10);    // "10"
 * formatNumberVi(-5.22); // "-5,22"
 * formatNumberVi(1254.5); // "1254,5"
 * formatNumberVi(87.654);    // "87,65"
 * formatNumberVi(87.654, 3); // "87,654"
 */
export function formatNumberVi(n: number, precision: Precision = DEFAULT_PRECISION): string {
  const parts = decimalParts(n);
  if (parts === null) return String(n);
  const r = roundParts(parts, precision);
  return joinVi(r.negative, r.intDigits, r.fracDigits.replace(/0+$/, ""));
}

/**
 * A number with a fixed count of decimals (rounded half away from zero) and a decimal comma.
 *
 * @example
 * formatFixedVi(85.97, 2); // "85,97"
 * formatFixedVi(81.2, 2);  // "81,20"
 * formatFixedVi(10, 0);    // "10"
 */
export function formatFixedVi(n: number, decimals = 2): string {
  const parts = decimalParts(n);
  if (parts === null) return String(n);
  const r = roundParts(parts, decimals);
  return joinVi(r.negative, r.intDigits, r.fracDigits);
}

/**
 * A count as the decision prints it: two digits below 10.
 *
 * @example
 * padCount(2);  // "02"
 * padCount(0);  // "00"
 * padCount(11); // "11"
 */
export function padCount(n: number): string {
  return n >= 0 && n < 10 ? `0${n}` : String(n);
}

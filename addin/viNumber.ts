/**
 * Numbers the Vietnamese way for the task pane: decimal comma, no float noise.
 */

/**
 * A score or index with two decimals and a decimal comma.
 *
 * @example
 * formatScore(95.44); // "95,44"
 * formatScore(81.2);  // "81,20"
 */
export function formatScore(n: number): string {
  const hundredths = Math.round(Math.abs(n) * 100);
  const sign = n < 0 && hundredths > 0 ? "-" : "";
  return `${sign}${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, "0")}`;
}

/**
 * A percentage without trailing zeros, decimal comma.
 *
 * @example
 * formatShare(10);    // "10%"
 * formatShare(12.5);  // "12,5%"
 */
export function formatShare(n: number): string {
  const hundredths = Math.round(n * 100);
  const whole = Math.trunc(hundredths / 100);
  const frac = Math.abs(hundredths % 100);
  const digits = frac === 0 ? "" : `,${String(frac).padStart(2, "0").replace(/0$/, "")}`;
  return `${whole}${digits}%`;
}

/**
 * A count padded to two digits, as the decision prints counts below 10.
 *
 * @example
 * padCount(2); // "02"
 * padCount(18); // "18"
 */
export function padCount(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

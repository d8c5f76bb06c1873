/**
 * Dates as Excel stores them: a number (days since 30 December 1899) shown through a date number format.
 * Shared by every reader of Excel's cells (the Office JS host, an .xlsx reader).
 */

const DATE_SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * True when an Excel number format shows a date (d, m or y outside quotes; m alone only without h/s).
 *
 * @example
 * isDateFormat("dd/mm/yyyy"); // true
 * isDateFormat("0.00"); // false
 */
export function isDateFormat(format: string): boolean {
  if (format === "General" || format === "@") return false;
  const bare = format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
  if (/[dy]/i.test(bare)) return true;
  return /m/i.test(bare) && !/[hs]/i.test(bare);
}

/**
 * ISO date of an Excel date serial (the time of day dropped).
 *
 * @example
 * serialToIso(45308); // "2024-01-17"
 */
export function serialToIso(serial: number): string {
  return new Date(DATE_SERIAL_EPOCH + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

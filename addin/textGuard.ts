/**
 * Which strings Excel would not keep as typed text when written through `Range.values`.
 *
 * The Excel JavaScript API reads a string set into `values` like typed input: the API reference says
 * "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets
 * this value as a formula", and text that looks like a number, a date, a time or TRUE/FALSE is converted.
 * A cell whose number format is "@" (Text) keeps what is typed as text. So the host sets "@" on such a
 * cell in the same batch, before its value (an apostrophe prefix would also work in the Excel UI, but
 * the API documents nothing about it, and reading back `formulas` drops it: OfficeDev/office-js#6687).
 */

/**
 * True when `s` must be written into a cell formatted as text ("@") to stay exactly `s`.
 *
 * @example
 * needsTextFormat("=SUM(A1)"); // true  (would be a formula)
 * needsTextFormat("1.2.1");    // true  (criteria code; Excel may read a date)
 * needsTextFormat("3,5");      // true  (a number in a comma-decimal locale)
 * needsTextFormat("Sở Nội vụ"); // false
 */
export function needsTextFormat(s: string): boolean {
  if (s === "") return false;
  if (/^[=+\-@]/.test(s)) return true;
  if (s !== s.trim()) return true;
  const t = s.trim();
  if (/^(true|false)$/i.test(t)) return true;
  // numbers, percents, currency, fractions, dates and times made of digits and separators
  if (/^[\d\s.,:/%()$€£¥₫+\-eE]*\d[\d\s.,:/%()$€£¥₫+\-eE]*$/.test(t)) return true;
  // dates written with a month name (1-Jan, Jan-24, 17 Jan 2024)
  if (/^\d{1,4}[\s\-/.]+[A-Za-z]{3,9}([\s\-/.]+\d{1,4})?$/.test(t) || /^[A-Za-z]{3,9}[\s\-/.]+\d{1,4}([\s\-/.,]+\d{1,4})?$/.test(t))
    return true;
  return false;
}

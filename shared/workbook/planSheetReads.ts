import type { ReadOptions } from "./port.ts";
import { SETTINGS_SHEET } from "./sheetNames.ts";

/**
 * What a host reads of one sheet: `values` (the used range's values), `valuesAndDates` (also what tells a
 * date from a number where the host stores dates as numbers: Excel's number formats) or `firstColumn` (only
 * column A, from A1 to its last value: the stamp of a generated sheet).
 */
export type SheetReadKind = "values" | "valuesAndDates" | "firstColumn";

/**
 * The reads of a `readSheets` call: each name once, in order; `firstColumnOnly` sheets read only column A; the
 * settings sheet (the only one holding a date: the decision's) also with what marks dates; the rest values only,
 * so a host never moves a whole formats grid for the score sheets.
 *
 * @example
 * planSheetReads(["Cài đặt", "Điểm - Sở", "Biểu 1", "Điểm - Sở"], { firstColumnOnly: ["Biểu 1"] });
 * // [{ name: "Cài đặt", kind: "valuesAndDates" }, { name: "Điểm - Sở", kind: "values" }, { name: "Biểu 1", kind: "firstColumn" }]
 */
export function planSheetReads(names: readonly string[], options: ReadOptions = {}): { name: string; kind: SheetReadKind }[] {
  const firstColumn = new Set(options.firstColumnOnly ?? []);
  return [...new Set(names)].map((name) => ({
    name,
    kind: firstColumn.has(name) ? "firstColumn" : name === SETTINGS_SHEET ? "valuesAndDates" : "values",
  }));
}

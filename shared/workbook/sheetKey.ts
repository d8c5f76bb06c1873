/**
 * Sheet names as Excel compares them: case-insensitive, and one Unicode form (NFC), so "biểu 3", "BIỂU 3" and
 * a decomposed (NFD) "Biểu 3" are all the same sheet as "Biểu 3". Every sheet-name check of the core uses it.
 */

/**
 * The key of a sheet name: NFC, lower case.
 *
 * @example
 * sheetKey("BIỂU 3") === sheetKey("biểu 3"); // true
 * sheetKey("Biểu 3".normalize("NFD")) === sheetKey("Biểu 3"); // true
 */
export function sheetKey(name: string): string {
  return name.normalize("NFC").toLowerCase().normalize("NFC");
}

/**
 * Whether two sheet names name the same sheet (as Excel compares them).
 *
 * @example
 * sameSheet("Cài đặt", "CÀI ĐẶT"); // true
 * sameSheet("Biểu 1", "Biểu 1a"); // false
 */
export function sameSheet(a: string, b: string): boolean {
  return sheetKey(a) === sheetKey(b);
}

/**
 * Finds, among the names a workbook has, the one that names the same sheet as `wanted` (its own spelling, as
 * the host lists it), or undefined.
 *
 * @example
 * const find = sheetFinder(["cài đặt", "Điểm - Sở"]);
 * find("Cài đặt"); // "cài đặt"
 * find("Biểu 1"); // undefined
 */
export function sheetFinder(names: Iterable<string>): (wanted: string) => string | undefined {
  const byKey = new Map<string, string>();
  for (const n of names) if (!byKey.has(sheetKey(n))) byKey.set(sheetKey(n), n);
  return (wanted) => byKey.get(sheetKey(wanted));
}

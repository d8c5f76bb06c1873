/**
 * The suffix of the table numbers of the block at `position` (0-based, in the document's order), as a decision
 * numbers them whatever the block is: first block "" (Biểu số 1–11), second "a" (1a–11a), third "b" (1b–11b)…
 *
 * @example
 * blockTableSuffix(0); // ""
 * blockTableSuffix(1); // "a"
 * blockTableSuffix(2); // "b"
 */
export function blockTableSuffix(position: number): string {
  if (!Number.isInteger(position) || position < 0 || position > 26) {
    throw new Error(`Vị trí khối không hợp lệ: ${position} (tối đa 27 khối, Biểu 1 … 11z)`);
  }
  return position === 0 ? "" : String.fromCharCode(96 + position);
}

/**
 * The number of a table (Biểu) of the block at `position`, as printed after "Biểu số".
 *
 * @example
 * bieuNumber(1, 0); // "1"
 * bieuNumber(6, 1); // "6a"
 * bieuNumber(4, 2); // "4b"
 */
export function bieuNumber(n: number, position: number): string {
  return `${n}${blockTableSuffix(position)}`;
}

/**
 * The sheet of a Biểu: "Biểu " and its number.
 *
 * @example
 * bieuSheetName("4b"); // "Biểu 4b"
 */
export function bieuSheetName(number: string): string {
  return `Biểu ${number}`;
}

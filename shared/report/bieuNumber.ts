/**
 * The suffix of a block's table numbers: block `so` → "" (Biểu số 1–11), block `huyen` → "a"
 * (Biểu số 1a–11a), any other block id → "-" + id (Biểu số 1-xa … 11-xa).
 *
 * @example
 * blockTableSuffix("so");    // ""
 * blockTableSuffix("huyen"); // "a"
 * blockTableSuffix("xa");    // "-xa"
 */
export function blockTableSuffix(blockId: string): string {
  if (blockId === "so") return "";
  if (blockId === "huyen") return "a";
  return `-${blockId}`;
}

/**
 * The number of a table (Biểu) of a block, as printed after "Biểu số".
 *
 * @example
 * bieuNumber(1, "so");    // "1"
 * bieuNumber(6, "huyen"); // "6a"
 */
export function bieuNumber(n: number, blockId: string): string {
  return `${n}${blockTableSuffix(blockId)}`;
}

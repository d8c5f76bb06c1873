/**
 * The form under which labels (header cells, setting names, the "KẾT QUẢ" marker, method names) are compared, as
 * Excel compares names: Unicode NFC (text typed with Unikey's "Unicode tổ hợp" is decomposed), no-break and other
 * spaces as one plain space, trimmed, lower case. Two labels match when their keys are equal.
 *
 * @example
 * labelKey(" Điểm\u00A0tối đa ") === labelKey("điểm tối đa"); // true
 * labelKey("Điểm tối đa".normalize("NFD")) === labelKey("Điểm tối đa"); // true
 * labelKey(null); // ""
 */
export function labelKey(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text =
    typeof value === "string"
      ? value
      : typeof value === "number" || typeof value === "boolean"
        ? String(value)
        : (JSON.stringify(value) ?? "");
  return text
    .normalize("NFC")
    .replace(/[\s\u00A0\u2007\u202F\uFEFF]+/gu, " ")
    .trim()
    .toLowerCase();
}

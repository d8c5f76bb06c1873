import { TOOL_VERSION } from "../version.ts";

/**
 * JSON text of a value with object keys sorted, so equal data always gives equal text.
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * A short, stable hash (FNV-1a 64-bit, first 10 hex digits) of a document's canonical JSON.
 *
 * @example
 * dataHash({ a: 1 }) === dataHash({ a: 1 }); // true
 * dataHash({ a: 1 }).length; // 10
 */
export function dataHash(value: unknown): string {
  const text = canonicalJson(value);
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, "0").slice(0, 10);
}

/** How every stamp line begins. */
export const STAMP_PREFIX = "Tạo bởi cchc-index";

/**
 * The stamp line of every generated sheet: tool version and the input data's hash, no clock time,
 * so the same input always gives the same workbook.
 *
 * @example
 * stampLine({ a: 1 }); // "Tạo bởi cchc-index 0.1.0 từ dữ liệu #…(10 hex)"
 */
export function stampLine(input: unknown, toolVersion: string = TOOL_VERSION): string {
  return `${STAMP_PREFIX} ${toolVersion} từ dữ liệu #${dataHash(input)}`;
}

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
  const text = fastCanonicalJson(value) ?? canonicalJson(value);
  // FNV-1a 64-bit over the text's UTF-16 code units without BigInt: the hash as four 16-bit limbs, v0 lowest;
  // × 0x100000001b3 = × 0x1b3 + × 2^40 (limb 2, shifted by 8).
  let v0 = 0x2325;
  let v1 = 0x8422;
  let v2 = 0x9ce4;
  let v3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    v0 ^= text.charCodeAt(i);
    const t0 = v0 * 0x1b3;
    let t1 = v1 * 0x1b3;
    let t2 = v2 * 0x1b3 + (v0 << 8);
    const t3 = v3 * 0x1b3 + (v1 << 8);
    t1 += t0 >>> 16;
    v0 = t0 & 0xffff;
    t2 += t1 >>> 16;
    v1 = t1 & 0xffff;
    v3 = (t3 + (t2 >>> 16)) & 0xffff;
    v2 = t2 & 0xffff;
  }
  const hex = (limb: number) => limb.toString(16).padStart(4, "0");
  return (hex(v3) + hex(v2) + hex(v1) + hex(v0)).slice(0, 10);
}

/** Thrown inside `fastCanonicalJson` when the native serialiser would not give the canonical text. */
const NOT_CANONICAL = new Error("not canonical");

/**
 * `canonicalJson` through the native `JSON.stringify` (many times faster on a large document), or null when that
 * would differ: an object whose keys cannot be put in sorted order (number-like keys go first in JavaScript),
 * a `toJSON`, a function or symbol as a property value, or an object that is not a plain object or array.
 */
function fastCanonicalJson(value: unknown): string | null {
  try {
    return JSON.stringify(sortedTree(value)) ?? "null";
  } catch (e) {
    if (e === NOT_CANONICAL) return null;
    throw e;
  }
}

function keysSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (!((keys[i - 1] as string) < (keys[i] as string))) return false;
  return true;
}

/** The value with every object's keys in sorted order (copies only where needed); throws NOT_CANONICAL (above). */
function sortedTree(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (typeof (v as { toJSON?: unknown }).toJSON === "function") throw NOT_CANONICAL;
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (item === null || typeof item !== "object") continue;
      const sorted = sortedTree(item);
      if (sorted !== item) (out ??= v.slice())[i] = sorted;
    }
    return out ?? v;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw NOT_CANONICAL;
  const record = v as Record<string, unknown>;
  const keys = Object.keys(record);
  let changed: Map<string, unknown> | null = null;
  for (const k of keys) {
    const item = record[k];
    if (typeof item === "function" || typeof item === "symbol") throw NOT_CANONICAL;
    if (item === null || typeof item !== "object") continue;
    const sorted = sortedTree(item);
    if (sorted !== item) (changed ??= new Map()).set(k, sorted);
  }
  if (changed === null && keysSorted(keys)) return v;
  const copy: Record<string, unknown> = {};
  for (const k of [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) copy[k] = changed?.has(k) ? changed.get(k) : record[k];
  if (!keysSorted(Object.keys(copy))) throw NOT_CANONICAL;
  return copy;
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

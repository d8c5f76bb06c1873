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
 * a `toJSON`, or an object that is not a plain object or array.
 */
function fastCanonicalJson(value: unknown): string | null {
  const sorted = (keys: string[]): boolean => {
    for (let i = 1; i < keys.length; i++) if (!((keys[i - 1] as string) < (keys[i] as string))) return false;
    return true;
  };
  try {
    return (
      JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
        if (this[key] !== v) throw NOT_CANONICAL; // a toJSON changed it
        if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
        const proto = Object.getPrototypeOf(v) as unknown;
        if (proto !== Object.prototype && proto !== null) throw NOT_CANONICAL;
        const record = v as Record<string, unknown>;
        const keys = Object.keys(record);
        if (sorted(keys)) return v;
        const copy: Record<string, unknown> = {};
        for (const k of [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) copy[k] = record[k];
        if (!sorted(Object.keys(copy))) throw NOT_CANONICAL;
        return copy;
      }) ?? "null"
    );
  } catch (e) {
    if (e === NOT_CANONICAL) return null;
    throw e;
  }
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

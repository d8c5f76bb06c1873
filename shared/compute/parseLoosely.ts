import type * as z from "zod";

function withoutKeys(value: unknown, path: readonly PropertyKey[], keys: readonly string[]): unknown {
  if (value === null || typeof value !== "object") return value;
  if (path.length === 0) {
    if (Array.isArray(value)) return value;
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!keys.includes(k)) copy[k] = v;
    return copy;
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = value.slice();
    if (typeof head === "number") copy[head] = withoutKeys(copy[head], rest, keys);
    return copy;
  }
  const copy: Record<PropertyKey, unknown> = { ...(value as Record<PropertyKey, unknown>) };
  if (head !== undefined && Object.hasOwn(copy, head)) copy[head] = withoutKeys(copy[head], rest, keys);
  return copy;
}

/**
 * Parses with a strict schema but, when unknown keys are the only issues, parses again without them, so
 * that the rest of a document can still be checked (the unknown keys are reported elsewhere).
 * Returns `undefined` when other issues remain.
 *
 * @example
 * parseLoosely(z.strictObject({ a: z.number() }), { a: 1, b: 2 }); // { a: 1 }
 * parseLoosely(z.strictObject({ a: z.number() }), { a: "x" });     // undefined
 */
export function parseLoosely<T extends z.ZodType>(schema: T, value: unknown): z.output<T> | undefined {
  let current = value;
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = schema.safeParse(current);
    if (r.success) return r.data;
    if (!r.error.issues.every((i) => i.code === "unrecognized_keys")) return undefined;
    for (const issue of r.error.issues) {
      if (issue.code === "unrecognized_keys") current = withoutKeys(current, issue.path, issue.keys);
    }
  }
  return undefined;
}

import type { Criterion } from "../schema/inputSchema.ts";

/**
 * A short fingerprint (8 hex digits, FNV-1a over "code:maximum in hundredths;" of every leaf, in order) of a
 * criteria set, written in a self-assessment form's marker so that a form made from another year's (or another
 * block's) criteria set is refused on import. Any change of a leaf's code or maximum, or of the leaves' order,
 * gives another fingerprint; names and methods do not count.
 *
 * @example
 * criteriaSetHash([{ code: "1", name: "A", max: 1 }, { code: "1.1", name: "B", max: 1 }]); // "8 hex digits"
 * criteriaSetHash(a) === criteriaSetHash(b); // true when a and b have the same leaves and maxima
 */
export function criteriaSetHash(criteria: readonly Criterion[]): string {
  const parents = new Set(criteria.map((c) => c.code.slice(0, Math.max(0, c.code.lastIndexOf(".")))));
  let text = "";
  for (const c of criteria) if (!parents.has(c.code)) text += `${c.code}:${Math.round(c.max * 100)};`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

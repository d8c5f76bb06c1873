import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import type { Criterion, InputDocument } from "../shared/schema/inputSchema.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";
import { validateWorkbook } from "../shared/workbook/validateWorkbook.ts";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { XlsxBook } from "../cli/xlsx/XlsxBook.ts";

/** Hundredths → a number with at most 2 decimals. */
const h = (n: number) => n / 100;
const name = fc
  .string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(..."aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠ =+-@0123456789,.") })
  .map((s) => s.trim())
  .filter((s) => s !== "");

/** A valid criteria set: 1–3 fields, each with 1–3 criteria, some with 1–2 sub-criteria. */
const criteriaArb = fc
  .array(
    fc.array(
      fc.record({
        subs: fc.array(
          fc.record({ max: fc.integer({ min: 0, max: 500 }), method: fc.constantFrom("appraised", "survey", "satisfaction") }),
          { maxLength: 2 },
        ),
        max: fc.integer({ min: 1, max: 500 }),
        method: fc.constantFrom("appraised", "survey", "satisfaction"),
        name,
      }),
      { minLength: 1, maxLength: 3 },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((fields) => {
    const out: Criterion[] = [];
    fields.forEach((crits, fi) => {
      const fieldCode = String(fi + 1);
      const field: Criterion = { code: fieldCode, name: `Lĩnh vực ${fieldCode}`, max: 0 };
      out.push(field);
      let fieldMax = 0;
      crits.forEach((c, ci) => {
        const code = `${fieldCode}.${ci + 1}`;
        if (c.subs.length === 0) {
          out.push({ code, name: c.name, max: h(c.max), method: c.method });
          fieldMax += c.max;
        } else {
          const parent: Criterion = { code, name: c.name, max: 0 };
          out.push(parent);
          let sum = 0;
          c.subs.forEach((s, si) => {
            out.push({ code: `${code}.${si + 1}`, name: `${c.name} ${si + 1}`, max: h(s.max), method: s.method });
            sum += s.max;
          });
          parent.max = h(sum);
          fieldMax += sum;
        }
      });
      field.max = h(fieldMax);
    });
    return out;
  });

const docArb: fc.Arbitrary<InputDocument> = fc
  .record({
    criteria: criteriaArb,
    unitCount: fc.integer({ min: 1, max: 5 }),
    seed: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 400, maxLength: 400 }),
    names: fc.array(name, { minLength: 5, maxLength: 5 }),
    withPrevious: fc.boolean(),
    withSelf: fc.boolean(),
    asText: fc.boolean(),
  })
  .map(({ criteria, unitCount, seed, names, withPrevious, withSelf, asText }) => {
    let k = 0;
    const next = () => seed[k++ % seed.length]!;
    const parents = new Set(criteria.map((c) => c.code.split(".").slice(0, -1).join(".")));
    const leaves = criteria.filter((c) => !parents.has(c.code));
    const units = Array.from({ length: unitCount }, (_, i) => ({
      code: `DV${i + 1}`,
      name: names[i]!,
      ...(withPrevious ? { previous: { index: h(next() % 10_001), rank: 1 + (next() % unitCount) } } : {}),
    }));
    const score = (max: number) => {
      const v = h(next() % (Math.round(max * 100) + 1));
      return asText ? String(v).replace(".", ",") : v;
    };
    const scores: Record<string, Record<string, unknown>> = {};
    const selfScores: Record<string, Record<string, unknown>> = {};
    for (const u of units) {
      scores[u.code] = {};
      selfScores[u.code] = {};
      leaves.forEach((leaf, i) => {
        // The first leaf always counts, so no unit is wholly not applicable.
        scores[u.code]![leaf.code] = i > 0 && next() % 7 === 0 ? null : score(leaf.max);
        if ((leaf.method ?? "appraised") === "appraised") selfScores[u.code]![leaf.code] = score(leaf.max);
      });
    }
    // A workbook cannot tell "no self scores" from "self scores for no leaf": give them only where there are some.
    for (const u of Object.keys(selfScores)) if (Object.keys(selfScores[u]!).length === 0) delete selfScores[u];
    return {
      format: "cchc-index/1" as const,
      year: 2024,
      province: "Tỉnh thử",
      blocks: [{ id: "so", name: "Các sở", criteria, units, scores, ...(withSelf ? { selfScores } : {}) }],
    };
  });

describe("workbook round trip, generated inputs", () => {
  it("JSON → workbook → JSON computes the same result document", async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(docArb, async (doc) => {
        const direct = computeIndex(doc);
        if (!direct.ok) return; // e.g. a unit whose only applicable leaves have maximum 0
        checked++;
        const workbook = XlsxBook.create();
        const host = new XlsxHost(workbook);
        expect((await createTemplate(host, doc, { withScores: true })).ok).toBe(true);
        const back = await validateWorkbook(new XlsxHost(workbook));
        expect(back.ok ? back.result : back.errors).toEqual(direct.result);
      }),
      { numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(40);
  });
});

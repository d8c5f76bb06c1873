/** Property tests of the core (fast-check): invariants of valid documents and robustness on any input. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeIndex, type ComputeOutcome } from "../shared/compute/computeIndex.ts";
import { resultSchema, type ResultDocument } from "../shared/schema/resultSchema.ts";

const H = (n: number) => Math.round(n * 100);

interface Leaf {
  code: string;
  maxH: number;
  method: "appraised" | "survey" | "satisfaction";
}

/** A valid criteria set: 1–4 fields, each a leaf or 1–3 criteria, each a leaf or 1–3 sub-criteria. */
const criteriaArb = fc
  .array(
    fc.array(
      fc.oneof(
        fc.record({ leaf: fc.integer({ min: 0, max: 3000 }), method: fc.constantFrom("appraised", "survey", "satisfaction") }),
        fc.array(fc.record({ leaf: fc.integer({ min: 0, max: 3000 }), method: fc.constantFrom("appraised", "survey", "satisfaction") }), {
          minLength: 1,
          maxLength: 3,
        }),
      ),
      { minLength: 0, maxLength: 3 },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((fields) => {
    const criteria: { code: string; name: string; max: number; method?: string }[] = [];
    const leaves: Leaf[] = [];
    fields.forEach((kids, f) => {
      const fcode = String(f + 1);
      if (kids.length === 0) {
        criteria.push({ code: fcode, name: `LV ${fcode}`, max: 5, method: "appraised" });
        leaves.push({ code: fcode, maxH: 500, method: "appraised" });
        return;
      }
      const fieldAt = criteria.push({ code: fcode, name: `LV ${fcode}`, max: 0 }) - 1;
      let fieldH = 0;
      kids.forEach((kid, c) => {
        const ccode = `${fcode}.${c + 1}`;
        if (!Array.isArray(kid)) {
          criteria.push({ code: ccode, name: `TC ${ccode}`, max: kid.leaf / 100, method: kid.method });
          leaves.push({ code: ccode, maxH: kid.leaf, method: kid.method });
          fieldH += kid.leaf;
          return;
        }
        const at = criteria.push({ code: ccode, name: `TC ${ccode}`, max: 0 }) - 1;
        let sum = 0;
        kid.forEach((g, s) => {
          const scode = `${ccode}.${s + 1}`;
          criteria.push({ code: scode, name: `TCTP ${scode}`, max: g.leaf / 100, method: g.method });
          leaves.push({ code: scode, maxH: g.leaf, method: g.method });
          sum += g.leaf;
        });
        (criteria[at] as { max: number }).max = sum / 100;
        fieldH += sum;
      });
      (criteria[fieldAt] as { max: number }).max = fieldH / 100;
    });
    return { criteria, leaves };
  });

/** A valid document: one or two blocks, 1–8 units, scores as numbers, comma strings, null or "KĐG". */
const docArb = fc
  .tuple(criteriaArb, fc.integer({ min: 1, max: 8 }), fc.boolean(), fc.integer({ min: 1, max: 2 }))
  .chain(([{ criteria, leaves }, nUnits, withPrevious, nBlocks]) => {
    const cell = (maxH: number) =>
      fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0, max: maxH }).map((h) => h / 100) },
        { weight: 2, arbitrary: fc.integer({ min: 0, max: maxH }).map((h) => (h / 100).toString().replace(".", ",")) },
        { weight: 1, arbitrary: fc.constantFrom(null, "KĐG", " kđg ") },
      );
    const unitArb = fc.record({
      row: fc.tuple(...leaves.map((l) => cell(l.maxH))),
      self: fc.option(fc.tuple(...leaves.map((l) => fc.integer({ min: 0, max: l.maxH }).map((h) => h / 100)))),
      prevIndex: fc.integer({ min: 0, max: 10000 }),
      prevRank: fc.integer({ min: 1, max: 30 }),
    });
    const blockArb = fc.array(unitArb, { minLength: nUnits, maxLength: nUnits });
    return fc.array(blockArb, { minLength: nBlocks, maxLength: nBlocks }).map((blocks) => {
      // Every unit gets one applicable leaf with a positive maximum, if there is one, so its index exists.
      const anchor = leaves.findIndex((l) => l.maxH > 0);
      return {
        format: "cchc-index/1",
        year: 2023,
        province: "Sơn La",
        blocks: blocks.map((units, b) => ({
          id: `k${b}`,
          name: `Khối ${b}`,
          criteria,
          units: units.map((u, i) => ({
            code: `U${i}`,
            name: `Đơn vị ${i}`,
            ...(withPrevious ? { previous: { index: u.prevIndex / 100, rank: u.prevRank } } : {}),
          })),
          scores: Object.fromEntries(
            units.map((u, i) => [
              `U${i}`,
              Object.fromEntries(
                leaves.map((l, k) => [
                  l.code,
                  k === anchor && u.row[k] === null
                    ? 0
                    : k === anchor && typeof u.row[k] === "string" && /k/i.test(u.row[k])
                      ? 0
                      : u.row[k],
                ]),
              ),
            ]),
          ),
          selfScores: Object.fromEntries(
            units.flatMap((u, i) =>
              u.self === null
                ? []
                : [[`U${i}`, Object.fromEntries(leaves.flatMap((l, k) => (l.method === "appraised" ? [[l.code, u.self?.[k]]] : [])))]],
            ),
          ),
        })),
      };
    });
  });

function mustSucceed(outcome: ComputeOutcome, doc: unknown): ResultDocument {
  if (!outcome.ok) {
    // a set whose leaves all have maximum 0 makes every index undefined: the only expected error
    const allZero = (doc as { blocks: { criteria: { max: number }[] }[] }).blocks[0]?.criteria.every((c) => c.max === 0);
    expect(allZero).toBe(true);
    expect(outcome.errors.every((e) => /không tính được chỉ số/.test(e.message))).toBe(true);
    return { format: "cchc-index-result/1", year: 0, blocks: [], warnings: [] };
  }
  return outcome.result;
}

function numbersIn(v: unknown, out: number[] = []): number[] {
  if (typeof v === "number") out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => numbersIn(x, out));
  else if (v !== null && typeof v === "object") Object.values(v).forEach((x) => numbersIn(x, out));
  return out;
}

describe("properties of valid documents", () => {
  it("ranks are a competition ranking consistent with the indices", () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const result = mustSucceed(computeIndex(doc), doc);
        for (const b of result.blocks) {
          for (const u of b.units) {
            const better = b.units.filter((x) => x.index > u.index).length;
            expect(u.rank).toBe(better + 1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("toNextGroup and toNextRank equal a direct computation from the indices and the group thresholds", () => {
    // Thresholds: 0 plus up to 4 other distinct values with up to 2 decimals, in any order.
    const groupsArb = fc
      .uniqueArray(fc.integer({ min: 1, max: 10000 }), { maxLength: 4 })
      .chain((mins) => fc.shuffledSubarray([0, ...mins], { minLength: mins.length + 1 }))
      .map((mins) => mins.map((m, i) => ({ name: `N${i}`, min: m / 100 })));
    fc.assert(
      fc.property(docArb, groupsArb, (doc, groups) => {
        const withGroups = { ...doc, settings: { groups } };
        const result = mustSucceed(computeIndex(withGroups), withGroups);
        for (const b of result.blocks) {
          for (const u of b.units) {
            const own = H(u.index);
            const above = groups.filter((g) => H(g.min) > own).sort((x, y) => x.min - y.min)[0];
            expect(u.toNextGroup).toEqual(above === undefined ? null : { group: above.name, points: (H(above.min) - own) / 100 });
            const better = b.units.filter((x) => x.index > u.index).sort((x, y) => x.index - y.index)[0];
            expect(u.toNextRank).toEqual(better === undefined ? null : { rank: better.rank, points: (H(better.index) - own) / 100 });
            if (u.toNextGroup) expect(u.toNextGroup.points).toBeGreaterThan(0);
            if (u.toNextRank) expect(u.toNextRank.points).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("total = sum of fields = appraised + survey + satisfaction; 0 ≤ index ≤ 100; index = total/max", () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const result = mustSucceed(computeIndex(doc), doc);
        for (const b of result.blocks) {
          for (const u of b.units) {
            expect(u.fields.reduce((s, f) => s + H(f.score), 0)).toBe(H(u.total));
            expect(u.fields.reduce((s, f) => s + H(f.max), 0)).toBe(H(u.max));
            expect(H(u.appraised) + H(u.survey) + H(u.satisfaction)).toBe(H(u.total));
            expect(u.index).toBeGreaterThanOrEqual(0);
            expect(u.index).toBeLessThanOrEqual(100);
            expect(Math.abs(u.index - (u.total / u.max) * 100)).toBeLessThanOrEqual(0.005 + 1e-9);
            if (u.max === 100) expect(u.index).toBe(u.total);
          }
          const groupTotal = b.stats.groups.reduce((s, g) => s + g.count, 0);
          expect(groupTotal).toBe(b.units.length);
          expect(b.stats.aboveMean + b.stats.belowMean).toBeLessThanOrEqual(b.units.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("every output number has at most 2 decimals and the result passes resultSchema", () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const outcome = computeIndex(doc);
        if (!outcome.ok) return;
        expect(resultSchema.safeParse(outcome.result).success).toBe(true);
        for (const n of numbersIn(outcome.result)) expect(String(n)).toMatch(/^-?\d+(\.\d{1,2})?$/);
      }),
      { numRuns: 300 },
    );
  });

  it("is invariant under reordering the units", () => {
    fc.assert(
      fc.property(docArb, fc.integer(), (doc, seed) => {
        const a = computeIndex(doc);
        const shuffled = structuredClone(doc);
        for (const b of shuffled.blocks) {
          let s = seed;
          for (let i = b.units.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) & 0x7fffffff;
            const j = s % (i + 1);
            [b.units[i], b.units[j]] = [b.units[j] as (typeof b.units)[number], b.units[i] as (typeof b.units)[number]];
          }
        }
        const c = computeIndex(shuffled);
        expect(c.ok).toBe(a.ok);
        if (!a.ok || !c.ok) return;
        a.result.blocks.forEach((ba, k) => {
          const bc = c.result.blocks[k];
          const byCode = (units: typeof ba.units) => Object.fromEntries(units.map((u) => [u.code, u]));
          expect(byCode(bc?.units ?? [])).toEqual(byCode(ba.units));
          const norm = (s: typeof ba.stats) =>
            JSON.parse(JSON.stringify(s), (key, v: unknown) =>
              key === "units" && Array.isArray(v) ? [...(v as string[])].sort() : v,
            ) as unknown;
          expect(norm(bc!.stats)).toEqual(norm(ba.stats));
        });
      }),
      { numRuns: 200 },
    );
  });
});

/** Replaces, deletes or adds one value somewhere in a JSON-like tree. */
function mutate(doc: unknown, pick: number, action: number, value: unknown): unknown {
  const copy = structuredClone(doc);
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const walk = (v: unknown) => {
    const proto: unknown = v !== null && typeof v === "object" ? Object.getPrototypeOf(v) : undefined;
    if (Array.isArray(v) || proto === Object.prototype || proto === null) {
      containers.push(v as Record<string, unknown>);
      Object.values(v as object).forEach(walk);
    }
  };
  walk(copy);
  const target = containers[pick % containers.length];
  if (target === undefined) return value;
  const keys = Object.keys(target);
  const key = keys[pick % Math.max(1, keys.length)];
  if (action === 0 || key === undefined) (target as Record<string, unknown>)[`k${pick % 7}`] = value;
  else if (action === 1) delete (target as Record<string, unknown>)[key];
  else (target as Record<string, unknown>)[key] = value;
  return copy;
}

describe("robustness", () => {
  const weird = fc.oneof(
    fc.anything({
      maxDepth: 6,
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withBoxedValues: true,
      withObjectString: true,
    }),
    fc.jsonValue({ maxDepth: 8 }),
    fc.constantFrom(
      Number.NaN,
      Infinity,
      -Infinity,
      1e308,
      -1e-308,
      2 ** 53,
      "KĐG",
      "",
      " ",
      "3,5",
      "\u0000",
      "𝟑",
      "Ⅲ",
      "１",
      "__proto__",
      "constructor",
    ),
    fc.string({ unit: "binary" }),
    fc.integer().map((n) => n / 1000),
    fc.letrec((tie) => ({
      deep: fc.oneof(
        { depthSize: "small" },
        fc.constant(null),
        fc.array(tie("deep"), { maxLength: 2 }),
        fc.dictionary(fc.string(), tie("deep"), { maxKeys: 2 }),
      ),
    })).deep,
  );

  it("10 000 arbitrary documents never throw and give a result or a non-empty error list", () => {
    const arb = fc.oneof(
      { weight: 1, arbitrary: weird },
      { weight: 3, arbitrary: fc.tuple(docArb, fc.nat(), fc.integer({ min: 0, max: 2 }), weird).map(([d, p, a, v]) => mutate(d, p, a, v)) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(docArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2 }), weird), { maxLength: 5 }))
          .map(([d, ms]) => ms.reduce<unknown>((acc, [p, a, v]) => mutate(acc, p, a, v), d)),
      },
    );
    fc.assert(
      fc.property(arb, (doc) => {
        let outcome: ComputeOutcome | undefined;
        expect(() => {
          outcome = computeIndex(doc);
        }).not.toThrow();
        if (outcome === undefined) return;
        if (outcome.ok) {
          expect(resultSchema.safeParse(outcome.result).success).toBe(true);
        } else {
          expect(outcome.errors.length).toBeGreaterThan(0);
          for (const e of outcome.errors) {
            expect(typeof e.path).toBe("string");
            expect(e.path.length).toBeGreaterThan(0);
            expect(e.message).not.toMatch(/lỗi nội bộ/);
          }
        }
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it("huge numbers are refused with a Vietnamese error, never computed inexactly", () => {
    const doc = {
      format: "cchc-index/1",
      year: 2023,
      province: "X",
      blocks: [
        {
          id: "b",
          name: "B",
          criteria: [{ code: "1", name: "Một", max: 1e300 }],
          units: [{ code: "U", name: "U" }],
          scores: { U: { "1": 1e300 } },
        },
      ],
    };
    const outcome = computeIndex(doc);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors[0]?.message).toMatch(/vượt giới hạn/);
  });
});

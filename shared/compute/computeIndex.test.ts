import { describe, expect, it } from "vitest";
import { computeIndex, type ComputeOutcome } from "./computeIndex.ts";
import { resultSchema, type BlockResult, type UnitResult } from "../schema/resultSchema.ts";
import type { Problem } from "../problem.ts";

/**
 * Test set (total 100): field 1 (60) = 1.1 (40: 1.1.1 appraised 25, 1.1.2 appraised 15) + 1.2 survey 20;
 * field 2 (40) = 2.1 appraised 29 + 2.2 satisfaction 10 + 2.3 appraised 1.
 */
const CRITERIA = [
  { code: "1", name: "Lĩnh vực 1", max: 60 },
  { code: "1.1", name: "Tiêu chí 1.1", max: 40 },
  { code: "1.1.1", name: "TCTP 1.1.1", max: 25, method: "appraised" },
  { code: "1.1.2", name: "TCTP 1.1.2", max: 15 },
  { code: "1.2", name: "Tiêu chí 1.2", max: 20, method: "survey" },
  { code: "2", name: "Lĩnh vực 2", max: 40 },
  { code: "2.1", name: "Tiêu chí 2.1", max: 29, method: "appraised" },
  { code: "2.2", name: "Tiêu chí 2.2", max: 10, method: "satisfaction" },
  { code: "2.3", name: "Tiêu chí 2.3", max: 1, method: "appraised" },
];
const LEAVES = ["1.1.1", "1.1.2", "1.2", "2.1", "2.2", "2.3"] as const;

type Row = [unknown, unknown, unknown, unknown, unknown, unknown];
interface UnitSpec {
  code: string;
  scores: Row;
  self?: Record<string, unknown>;
  previous?: { index: number; rank: number };
}

const row = (r: Row): Record<string, unknown> => Object.fromEntries(LEAVES.map((l, i) => [l, r[i]]));

function block(units: UnitSpec[], id = "so", extra: Record<string, unknown> = {}) {
  const selfScores: Record<string, unknown> = {};
  for (const u of units) if (u.self !== undefined) selfScores[u.code] = u.self;
  return {
    id,
    name: `Khối ${id}`,
    criteria: CRITERIA,
    units: units.map((u) => ({ code: u.code, name: `Đơn vị ${u.code}`, ...(u.previous ? { previous: u.previous } : {}) })),
    scores: Object.fromEntries(units.map((u) => [u.code, row(u.scores)])),
    ...(Object.keys(selfScores).length > 0 ? { selfScores } : {}),
    ...extra,
  };
}

function doc(blocks: unknown[], extra: Record<string, unknown> = {}) {
  return { format: "cchc-index/1", year: 2023, province: "Sơn La", blocks, ...extra };
}

/** A unit with these scores: total = sum. */
const full: Row = [25, 15, 20, 29, 10, 1]; // 100

function ok(outcome: ComputeOutcome) {
  if (!outcome.ok) throw new Error(outcome.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  expect(resultSchema.safeParse(outcome.result).success).toBe(true);
  return outcome;
}
function errorsOf(outcome: ComputeOutcome): Problem[] {
  expect(outcome.ok).toBe(false);
  return outcome.ok ? [] : outcome.errors;
}
const unit = (b: BlockResult | undefined, code: string): UnitResult => {
  const u = b?.units.find((x) => x.code === code);
  if (u === undefined) throw new Error(`no unit ${code}`);
  return u;
};

describe("computeIndex: unit results", () => {
  it("computes fields, parts, total, index, group and rank of one unit", () => {
    const r = ok(computeIndex(doc([block([{ code: "X", scores: [24.5, "14,28", "18", 20, 9, 0.5], self: { "1.1.1": 25, "1.1.2": 15, "2.1": 28, "2.3": 1 } }])])));
    expect(r.result.blocks[0]?.units[0]).toEqual({
      code: "X",
      name: "Đơn vị X",
      fields: [
        { code: "1", score: 56.78, max: 60 },
        { code: "2", score: 29.5, max: 40 },
      ],
      self: 69,
      appraised: 59.28,
      survey: 18,
      satisfaction: 9,
      total: 86.28,
      max: 100,
      index: 86.28,
      group: "B",
      rank: 1,
    });
    expect(r.warnings).toEqual([]);
    expect(r.result.warnings).toEqual([]);
  });

  it("leaves N/A out of the maximum: 85,78 of 99 → index 86,65", () => {
    const r = ok(computeIndex(doc([block([{ code: "X", scores: [24.5, 14.28, 18, 20, 9, null] }])])));
    const u = r.result.blocks[0]?.units[0];
    expect(u?.total).toBe(85.78);
    expect(u?.max).toBe(99);
    expect(u?.index).toBe(86.65);
    expect(u?.fields).toEqual([
      { code: "1", score: 56.78, max: 60 },
      { code: "2", score: 29, max: 39 },
    ]);
  });

  it("ranks ties 1, 2, 2, 4 and lists units in input order", () => {
    const r = ok(
      computeIndex(
        doc([
          block([
            { code: "P", scores: [20, 15, 20, 29, 10, 1] }, // 95
            { code: "Q", scores: [25, 15, 20, 29, 10, 1] }, // 100
            { code: "R", scores: [20, 15, 20, 29, 10, 1] }, // 95
            { code: "S", scores: [0, 15, 20, 29, 10, 1] }, // 75
          ]),
        ]),
      ),
    );
    const b = r.result.blocks[0];
    expect(b?.units.map((u) => [u.code, u.rank])).toEqual([
      ["P", 2],
      ["Q", 1],
      ["R", 2],
      ["S", 4],
    ]);
  });

  it("puts index 90,00 in A and 89,99 in B", () => {
    const r = ok(
      computeIndex(
        doc([
          block([
            { code: "A90", scores: [15, 15, 20, 29, 10, 1] }, // 90
            { code: "B8999", scores: [14.99, 15, 20, 29, 10, 1] }, // 89,99
          ]),
        ]),
      ),
    );
    expect(unit(r.result.blocks[0], "A90").group).toBe("A");
    expect(unit(r.result.blocks[0], "B8999").group).toBe("B");
  });

  it("computes two blocks independently", () => {
    const r = ok(
      computeIndex(
        doc([
          block([{ code: "X", scores: full }, { code: "Y", scores: [0, 0, 0, 0, 0, 0] }], "so"),
          block([{ code: "X", scores: [0, 0, 10, 0, 0, 0] }], "huyen"),
        ]),
      ),
    );
    expect(r.result.blocks.map((b) => b.id)).toEqual(["so", "huyen"]);
    expect(r.result.blocks[0]?.stats.mean).toBe(50);
    expect(r.result.blocks[1]?.stats.mean).toBe(10);
    expect(unit(r.result.blocks[1], "X").rank).toBe(1);
    expect(unit(r.result.blocks[1], "X").group).toBe("D");
  });

  it("rejects a unit whose leaves are all N/A", () => {
    const errors = errorsOf(computeIndex(doc([block([{ code: "X", scores: [null, "KĐG", null, null, null, null] }])])));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe("blocks[0].scores.X");
    expect(errors[0]?.message).toMatch(/KĐG/);
  });
});

describe("computeIndex: block statistics", () => {
  const r = ok(
    computeIndex(
      doc([
        block([
          { code: "P", scores: [20, 15, 20, 29, 10, 1], previous: { index: 90, rank: 1 } }, // 95: +5, rank 2 (−1)
          { code: "Q", scores: [25, 15, 20, 29, 10, 1], previous: { index: 80, rank: 3 } }, // 100: +20, rank 1 (+2)
          { code: "R", scores: [20, 15, 20, 29, 10, 1], previous: { index: 95, rank: 2 } }, // 95: 0, rank 2 (0)
          { code: "S", scores: [0, 15, 10, 29, 10, 1], previous: { index: 70, rank: 4 } }, // 65: −5, rank 4 (0)
        ]),
      ]),
    ),
  );
  const s = r.result.blocks[0]?.stats;
  it("mean, above/below (exact mean), extremes, gap", () => {
    // (95 + 100 + 95 + 65) / 4 = 88,75
    expect(s?.count).toBe(4);
    expect(s?.mean).toBe(88.75);
    expect(s?.aboveMean).toBe(3);
    expect(s?.belowMean).toBe(1);
    expect(s?.highest).toEqual({ value: 100, units: ["Q"] });
    expect(s?.lowest).toEqual({ value: 65, units: ["S"] });
    expect(s?.gap).toBe(35);
  });
  it("group counts and shares in the settings' order", () => {
    expect(s?.groups).toEqual([
      { name: "A", count: 3, share: 75 },
      { name: "B", count: 0, share: 0 },
      { name: "C", count: 1, share: 25 },
      { name: "D", count: 0, share: 0 },
    ]);
  });
  it("per field and per method, methods in the order appraised, survey, satisfaction", () => {
    // field 1: P 55, Q 60, R 55, S 25 → mean 48,75; field 2: all 40
    expect(s?.fields[0]).toEqual({ code: "1", max: 60, mean: 48.75, highest: { value: 60, units: ["Q"] }, lowest: { value: 25, units: ["S"] } });
    expect(s?.fields[1]).toEqual({ code: "2", max: 40, mean: 40, highest: { value: 40, units: ["Q", "P", "R", "S"] }, lowest: { value: 40, units: ["Q", "P", "R", "S"] } });
    expect(s?.methods.map((m) => [m.method, m.max, m.mean])).toEqual([
      ["appraised", 70, 62.5], // 65, 70, 65, 45+5=… P: 20+15+29+1 = 65; Q 70; R 65; S 0+15+29+1 = 45 → 245/4 = 61,25? see below
      ["survey", 20, 17.5],
      ["satisfaction", 10, 10],
    ]);
  });
  it("changes against the previous year", () => {
    expect(unit(r.result.blocks[0], "P").change).toEqual({ index: 5, rank: -1 });
    expect(unit(r.result.blocks[0], "Q").change).toEqual({ index: 20, rank: 2 });
    expect(s?.previous).toEqual({
      mean: 83.75, // (90 + 80 + 95 + 70) / 4
      meanChange: 5,
      indexUp: 2,
      indexDown: 1,
      indexHeld: 1,
      rankUp: 1,
      rankHeld: 2,
      rankDown: 1,
      largestIndexRise: { value: 20, units: ["Q"] },
      largestIndexFall: { value: -5, units: ["S"] },
      largestRankRise: { value: 2, units: ["Q"] },
      largestRankFall: { value: -1, units: ["P"] },
    });
  });
});

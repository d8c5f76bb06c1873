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
    const r = ok(
      computeIndex(
        doc([block([{ code: "X", scores: [24.5, "14,28", "18", 20, 9, 0.5], self: { "1.1.1": 25, "1.1.2": 15, "2.1": 28, "2.3": 1 } }])]),
      ),
    );
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
      // 90 − 86,28 to group A; alone in its block, so no better rank.
      toNextGroup: { group: "A", points: 3.72 },
      toNextRank: null,
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
          block(
            [
              { code: "X", scores: full },
              { code: "Y", scores: [0, 0, 0, 0, 0, 0] },
            ],
            "so",
          ),
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
    expect(s?.fields[0]).toEqual({
      code: "1",
      max: 60,
      mean: 48.75,
      highest: { value: 60, units: ["Q"] },
      lowest: { value: 25, units: ["S"] },
    });
    expect(s?.fields[1]).toEqual({
      code: "2",
      max: 40,
      mean: 40,
      highest: { value: 40, units: ["Q", "P", "R", "S"] },
      lowest: { value: 40, units: ["Q", "P", "R", "S"] },
    });
    expect(s?.methods.map((m) => [m.method, m.max, m.mean])).toEqual([
      ["appraised", 70, 61.25], // P 20+15+29+1 = 65, Q 70, R 65, S 0+15+29+1 = 45 → 245/4
      ["survey", 20, 17.5], // 20, 20, 20, 10
      ["satisfaction", 10, 10],
    ]);
    expect(s?.methods[0]?.highest).toEqual({ value: 70, units: ["Q"] });
    expect(s?.methods[0]?.lowest).toEqual({ value: 45, units: ["S"] });
    expect(s?.methods[1]?.lowest).toEqual({ value: 10, units: ["S"] });
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

describe("computeIndex: settled details of interchange.md", () => {
  it("1. unit lists in stats are in rank order, then input order", () => {
    const r = ok(
      computeIndex(
        doc([
          block([
            { code: "P", scores: [10, 15, 20, 29, 10, 1], previous: { index: 80, rank: 1 } }, // 85 (rank 3), field 1 = 45
            { code: "Q", scores: [25, 5, 20, 29, 10, 1], previous: { index: 85, rank: 2 } }, // 90 (rank 1), field 1 = 25+5+20 = 50
            { code: "R", scores: [25, 5, 20, 29, 10, 1], previous: { index: 85, rank: 3 } }, // 90 (rank 1)
            { code: "S", scores: [10, 15, 20, 29, 10, 1], previous: { index: 80, rank: 4 } }, // 85 (rank 3)
          ]),
        ]),
      ),
    );
    const s = r.result.blocks[0]?.stats;
    expect(s?.highest).toEqual({ value: 90, units: ["Q", "R"] });
    expect(s?.lowest).toEqual({ value: 85, units: ["P", "S"] });
    // field 2 is 40 for everyone: rank order (Q, R rank 1) before input order (P first in input)
    expect(s?.fields[1]?.highest.units).toEqual(["Q", "R", "P", "S"]);
    // all rose by 5: largest rise lists them in rank order
    expect(s?.previous?.largestIndexRise).toEqual({ value: 5, units: ["Q", "R", "P", "S"] });
    expect(s?.previous?.largestIndexFall).toBeNull();
  });

  it("2. field and method statistics use raw scores and the set's maximum, even with N/A", () => {
    const r = ok(
      computeIndex(
        doc([
          block([
            { code: "X", scores: [25, 15, 20, 20, 10, null] }, // field 2 raw 30 of 39
            { code: "Y", scores: [25, 15, 20, 29, 10, 1] }, // field 2 = 40
          ]),
        ]),
      ),
    );
    const s = r.result.blocks[0]?.stats;
    expect(s?.fields[1]).toEqual({
      code: "2",
      max: 40,
      mean: 35,
      highest: { value: 40, units: ["Y"] },
      lowest: { value: 30, units: ["X"] },
    });
    // X: total 90 of 99 → 90,91 (90/99 = 0,909090…); the appraised method max stays 70
    expect(unit(r.result.blocks[0], "X").index).toBe(90.91);
    expect(s?.methods[0]?.max).toBe(70);
    expect(s?.methods[0]?.mean).toBe(65); // (60 + 70) / 2
  });

  it("3. a wholly N/A field shows score 0, max 0", () => {
    const r = ok(computeIndex(doc([block([{ code: "X", scores: [25, 15, 20, null, null, null] }])])));
    expect(unit(r.result.blocks[0], "X").fields).toEqual([
      { code: "1", score: 60, max: 60 },
      { code: "2", score: 0, max: 0 },
    ]);
    expect(unit(r.result.blocks[0], "X").index).toBe(100);
  });

  it("4. ranks and groups use the rounded index (87,525 → 87,53 ties a plain 87,53)", () => {
    const r = ok(
      computeIndex(
        doc([
          block([
            { code: "N", scores: [25, 15, null, 20.02, 10, 0] }, // 70,02 of 80 = 87,525 → 87,53
            { code: "M", scores: [25, 15, 20, 17.53, 10, 0] }, // 87,53 of 100
            { code: "L", scores: [25, 15, 20, 17.52, 10, 0] }, // 87,52
          ]),
        ]),
      ),
    );
    const b = r.result.blocks[0];
    expect(unit(b, "N").index).toBe(87.53);
    expect(unit(b, "N").rank).toBe(1);
    expect(unit(b, "M").rank).toBe(1);
    expect(unit(b, "L").rank).toBe(3);
    const g = ok(
      computeIndex(
        doc([block([{ code: "N", scores: [25, 15, null, 20.02, 10, 0] }])], {
          settings: {
            groups: [
              { name: "Cao", min: 87.53 },
              { name: "Thấp", min: 0 },
            ],
          },
        }),
      ),
    );
    expect(unit(g.result.blocks[0], "N").group).toBe("Cao");
  });

  it("5. problems name their place: criteria index plus code, score cell, self-score cell", () => {
    const bad = block([{ code: "SGTVT", scores: [25, "16", 20, 29, 10, 1], self: { "1.1.1": 26 } }]);
    (bad.criteria as unknown[]) = CRITERIA.map((c) => (c.code === "2.3" ? { ...c, max: -1 } : c));
    const errors = errorsOf(computeIndex(doc([bad])));
    expect(errors).toContainEqual({ path: "blocks[0].criteria[8]", message: "tiêu chí 2.3: điểm tối đa -1 nhỏ hơn 0" });
    const ok2 = block([{ code: "SGTVT", scores: [25, "16", 20, 29, 10, 1], self: { "1.1.1": 26 } }]);
    const e2 = errorsOf(computeIndex(doc([ok2])));
    expect(e2).toEqual([
      { path: 'blocks[0].selfScores.SGTVT["1.1.1"]', message: "26 vượt điểm tối đa 25" },
      { path: 'blocks[0].scores.SGTVT["1.1.2"]', message: "16 vượt điểm tối đa 15" },
    ]);
  });

  describe("6. errors", () => {
    it("duplicate unit codes", () => {
      const errors = errorsOf(
        computeIndex(
          doc([
            block([
              { code: "X", scores: full },
              { code: "X", scores: full },
            ]),
          ]),
        ),
      );
      expect(errors).toEqual([{ path: "blocks[0].units[1].code", message: 'mã đơn vị "X" bị trùng (đã có ở units[0])' }]);
    });
    it("an empty blocks list", () => {
      expect(errorsOf(computeIndex(doc([])))).toEqual([{ path: "blocks", message: "danh sách khối trống" }]);
    });
    it("an empty units list", () => {
      expect(errorsOf(computeIndex(doc([block([])])))).toEqual([
        { path: "blocks[0].units", message: "danh sách đơn vị trống: khối chưa có đơn vị nào (nhập mã và tên các đơn vị)" },
      ]);
    });
    it('a JSON "" score (the empty cell)', () => {
      expect(errorsOf(computeIndex(doc([block([{ code: "X", scores: [25, "", 20, 29, 10, 1] }])])))).toEqual([
        { path: 'blocks[0].scores.X["1.1.2"]', message: "chưa có điểm" },
      ]);
    });
    it("true or any non-number", () => {
      expect(errorsOf(computeIndex(doc([block([{ code: "X", scores: [true, {}, [], "abc", 10, 1] }])])))).toEqual([
        { path: 'blocks[0].scores.X["1.1.1"]', message: "true không phải là số" },
        { path: 'blocks[0].scores.X["1.1.2"]', message: "không phải là số (đang là đối tượng)" },
        { path: 'blocks[0].scores.X["1.2"]', message: "không phải là số (đang là danh sách)" },
        { path: 'blocks[0].scores.X["2.1"]', message: '"abc" không phải là số' },
      ]);
    });
    it("a missing score and a key that is not a leaf", () => {
      const b = block([{ code: "X", scores: full }]);
      const scores = b.scores as Record<string, Record<string, unknown>>;
      delete scores.X?.["2.2"];
      (scores.X as Record<string, unknown>)["1.1"] = 40;
      (scores.X as Record<string, unknown>)["9.9"] = 1;
      const errors = errorsOf(computeIndex(doc([b])));
      expect(errors).toContainEqual({ path: 'blocks[0].scores.X["2.2"]', message: "chưa có điểm" });
      // Each unknown key is named at its own path (interchange: blocks[0].scores.U01["2.3"]).
      expect(
        errors
          .filter((e) => e.path.startsWith("blocks[0].scores.X[") && e.message.startsWith("khóa"))
          .map((e) => [e.path, e.message.slice(0, 25)]),
      ).toEqual([
        ['blocks[0].scores.X["1.1"]', 'khóa không hợp lệ: "1.1" '],
        ['blocks[0].scores.X["9.9"]', 'khóa không hợp lệ: "9.9" '],
      ]);
    });
    it("scores of an unknown unit and a unit without scores", () => {
      const b = block([{ code: "X", scores: full }]);
      (b.scores as Record<string, unknown>).Y = row(full);
      (b.units as unknown[]).push({ code: "Z", name: "Đơn vị Z" });
      const errors = errorsOf(computeIndex(doc([b])));
      expect(errors).toEqual([
        { path: "blocks[0].scores.Y", message: 'khóa không hợp lệ: "Y" không phải mã đơn vị của khối' },
        { path: "blocks[0].scores.Z", message: "chưa có điểm của đơn vị Z" },
      ]);
    });
    it("a self score on a survey or satisfaction leaf", () => {
      const errors = errorsOf(computeIndex(doc([block([{ code: "X", scores: full, self: { "1.2": 20, "2.2": "9" } }])])));
      expect(errors.map((e) => e.path)).toEqual(['blocks[0].selfScores.X["1.2"]', 'blocks[0].selfScores.X["2.2"]']);
      expect(errors[0]?.message).toContain("điều tra xã hội học");
      expect(errors[1]?.message).toContain("SIPAS");
    });
    it("groups without one at 0", () => {
      const errors = errorsOf(
        computeIndex(
          doc([block([{ code: "X", scores: full }])], {
            settings: {
              groups: [
                { name: "A", min: 90 },
                { name: "B", min: 50 },
              ],
            },
          }),
        ),
      );
      expect(errors).toHaveLength(1);
      expect(errors[0]?.path).toBe("settings.groups");
    });
    it("a criteria maximum with more than 2 decimals", () => {
      const b = block([{ code: "X", scores: full }]);
      (b.criteria as unknown[]) = CRITERIA.map((c) => (c.code === "2.3" ? { ...c, max: 1.001 } : c));
      const errors = errorsOf(computeIndex(doc([b])));
      expect(errors).toContainEqual({
        path: "blocks[0].criteria[8]",
        message: "tiêu chí 2.3: điểm tối đa 1,001 có quá 2 chữ số thập phân",
      });
    });
    it("collects every problem, not only the first", () => {
      const b1 = block([
        { code: "X", scores: [26, "", true, 29, 10, 1] },
        { code: "Y", scores: [-1, 15, 20, 29, 10, 1] },
      ]);
      const errors = errorsOf(computeIndex(doc([b1, block([{ code: "Z", scores: full }], "so")])));
      expect(errors.map((e) => e.path)).toEqual([
        'blocks[0].scores.X["1.1.1"]',
        'blocks[0].scores.X["1.1.2"]',
        'blocks[0].scores.X["1.2"]',
        'blocks[0].scores.Y["1.1.1"]',
        "blocks[1].id",
      ]);
    });
  });

  it('7. N/A is null or "KĐG" in any case, trimmed', () => {
    const r = ok(computeIndex(doc([block([{ code: "X", scores: [25, 15, 20, " kđg ", "KĐG", null] }])])));
    expect(unit(r.result.blocks[0], "X").max).toBe(60);
    expect(unit(r.result.blocks[0], "X").total).toBe(60);
  });

  it("8. rounding: negative judged as written, maximum after rounding, '2.500' without warning", () => {
    // 2.1 gets maximum 3 (2.2 takes the other 26 points, so the set still sums to 100)
    const set = CRITERIA.map((c) => (c.code === "2.1" ? { ...c, max: 3 } : c.code === "2.2" ? { ...c, max: 36 } : c));
    const mk = (v: unknown) => {
      const b = block([{ code: "X", scores: [25, 15, 20, v, 10, 1] }]);
      (b.criteria as unknown[]) = set;
      return doc([b]);
    };
    const passes = ok(computeIndex(mk(3.004)));
    expect(unit(passes.result.blocks[0], "X").fields[1]?.score).toBe(14);
    expect(passes.warnings).toEqual([
      { path: 'blocks[0].scores.X["2.1"]', message: "3,004 có quá 2 chữ số thập phân, đã làm tròn thành 3" },
    ]);
    expect(passes.result.warnings).toEqual(['blocks[0].scores.X["2.1"]: 3,004 có quá 2 chữ số thập phân, đã làm tròn thành 3']);
    expect(errorsOf(computeIndex(mk(3.005)))).toEqual([{ path: 'blocks[0].scores.X["2.1"]', message: "3,005 vượt điểm tối đa 3" }]);
    expect(errorsOf(computeIndex(mk("-0,001")))).toEqual([{ path: 'blocks[0].scores.X["2.1"]', message: "-0,001 nhỏ hơn 0" }]);
    const noWarn = ok(computeIndex(mk("2.500")));
    expect(noWarn.warnings).toEqual([]);
    const quarter = ok(computeIndex(mk(0.125)));
    expect(unit(quarter.result.blocks[0], "X").fields[1]?.score).toBe(11.13);
    expect(quarter.warnings).toHaveLength(1);
    expect(ok(computeIndex(mk(3))).warnings).toEqual([]);
  });

  it("9. self: sum over applicable appraised leaves; N/A leaves ignored; missing or null → absent", () => {
    const self = { "1.1.1": 24, "1.1.2": 14, "2.1": 28, "2.3": "abc" };
    const r = ok(
      computeIndex(
        doc([
          block([
            { code: "NA", scores: [25, 15, 20, 29, 10, null], self }, // 2.3 N/A: its self score is ignored → 66
            { code: "MISSING", scores: full, self: { "1.1.1": 24, "1.1.2": 14, "2.1": 28 } },
            { code: "NULL", scores: full, self: { "1.1.1": 24, "1.1.2": 14, "2.1": 28, "2.3": null } },
            { code: "FULL", scores: full, self: { "1.1.1": 24, "1.1.2": "14,5", "2.1": 28, "2.3": 1 } },
            { code: "NONE", scores: full },
          ]),
        ]),
      ),
    );
    const b = r.result.blocks[0];
    expect(unit(b, "NA").self).toBe(66);
    expect(unit(b, "MISSING").self).toBeUndefined();
    expect("self" in unit(b, "MISSING")).toBe(false);
    expect(unit(b, "NULL").self).toBeUndefined();
    expect(unit(b, "FULL").self).toBe(67.5);
    expect(unit(b, "NONE").self).toBeUndefined();
  });

  it("10. a total other than 100 warns; previous.index rounds like a score, rank as given; groups in settings order", () => {
    const b = block([
      { code: "X", scores: full, previous: { index: 96.505, rank: 7 } },
      { code: "Y", scores: [0, 0, 0, 0, 0, 0], previous: { index: 50, rank: 1 } },
    ]);
    (b.criteria as unknown[]) = [...CRITERIA, { code: "3", name: "Lĩnh vực 3", max: 0.5 }];
    (b.scores as Record<string, Record<string, unknown>>).X!["3"] = 0.5;
    (b.scores as Record<string, Record<string, unknown>>).Y!["3"] = 0;
    const settings = {
      groups: [
        { name: "Yếu", min: 0 },
        { name: "Tốt", min: 80 },
      ],
    };
    const r = ok(computeIndex(doc([b], { settings })));
    expect(r.warnings).toEqual([
      { path: "blocks[0].criteria", message: "tổng điểm tối đa của bộ tiêu chí là 100,5, không phải 100" },
      { path: "blocks[0].units[0].previous.index", message: "96,505 có quá 2 chữ số thập phân, đã làm tròn thành 96,51" },
    ]);
    expect(r.result.warnings).toHaveLength(2);
    // X: 100,5 of 100,5 → 100; change 100 − 96,51 = 3,49; rank 7 → 1 = +6
    expect(unit(r.result.blocks[0], "X").change).toEqual({ index: 3.49, rank: 6 });
    expect(unit(r.result.blocks[0], "Y").change).toEqual({ index: -50, rank: -1 });
    expect(r.result.blocks[0]?.stats.groups.map((g) => g.name)).toEqual(["Yếu", "Tốt"]);
    expect(r.result.blocks[0]?.stats.previous?.mean).toBe(73.26); // (96,51 + 50) / 2 = 73,255 → 73,26
  });
});

describe("computeIndex: previous data and nulls", () => {
  it("omits change and stats.previous unless every unit has previous", () => {
    const r = ok(
      computeIndex(
        doc([
          block([
            { code: "X", scores: full, previous: { index: 90, rank: 1 } },
            { code: "Y", scores: full },
          ]),
        ]),
      ),
    );
    expect(r.result.blocks[0]?.units.every((u) => u.change === undefined)).toBe(true);
    expect(r.result.blocks[0]?.stats.previous).toBeUndefined();
  });
  it("gives null for a largest rise/fall that did not happen", () => {
    const r = ok(computeIndex(doc([block([{ code: "X", scores: full, previous: { index: 100, rank: 1 } }])])));
    expect(r.result.blocks[0]?.stats.previous).toMatchObject({
      indexHeld: 1,
      rankHeld: 1,
      largestIndexRise: null,
      largestIndexFall: null,
      largestRankRise: null,
      largestRankFall: null,
    });
  });
  it("lists only the methods present", () => {
    const b = block([{ code: "X", scores: full }]);
    (b.criteria as unknown[]) = [{ code: "1", name: "Một", max: 100, method: "survey" }];
    (b.scores as Record<string, unknown>).X = { "1": 70 };
    const r = ok(computeIndex(doc([b])));
    expect(r.result.blocks[0]?.stats.methods.map((m) => m.method)).toEqual(["survey"]);
    expect(unit(r.result.blocks[0], "X")).toMatchObject({ appraised: 0, survey: 70, satisfaction: 0, total: 70 });
  });
});

describe("computeIndex: shape problems in Vietnamese", () => {
  it("translates zod issues with paths", () => {
    const b = block([{ code: "X", scores: full }]) as Record<string, unknown>;
    b.extra = 1;
    (b.units as Record<string, unknown>[])[0]!.previous = { index: "90", rank: 0 };
    const errors = errorsOf(computeIndex({ format: "cchc-index/2", year: 2023.5, province: 7, blocks: [b], x: true }));
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: "format", message: 'phải là "cchc-index/1"' },
        { path: "year", message: "phải là số nguyên (đang là 2023.5)" },
        { path: "province", message: "phải là chuỗi (đang là 7)" },
        { path: "blocks[0].units[0].previous.index", message: 'phải là số (đang là "90")' },
        { path: "blocks[0].units[0].previous.rank", message: "phải ≥ 1" },
        { path: "blocks[0].extra", message: 'khóa không hợp lệ: "extra"' },
        { path: "x", message: 'khóa không hợp lệ: "x"' },
      ]),
    );
  });
  it("reports missing keys and a wrong method", () => {
    const b = block([{ code: "X", scores: full }]);
    (b.criteria as unknown[]) = CRITERIA.map((c) => (c.code === "2.3" ? { ...c, method: "vote" } : c));
    const errors = errorsOf(computeIndex({ format: "cchc-index/1", blocks: [b] }));
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: "year", message: "thiếu khóa bắt buộc" },
        { path: "province", message: "thiếu khóa bắt buộc" },
        { path: "blocks[0].criteria[8].method", message: 'tiêu chí 2.3: phải là một trong: "appraised", "survey", "satisfaction"' },
      ]),
    );
  });
  it("never throws on odd values", () => {
    for (const v of [undefined, null, 0, "", [], {}, "x", true, { blocks: null }, { blocks: [null] }, { blocks: [{ scores: [] }] }]) {
      const outcome = computeIndex(v);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.errors.length).toBeGreaterThan(0);
    }
  });
});

describe("computeIndex: codes and partial checks", () => {
  it("accepts unit codes of letters (also Vietnamese), digits, _ and -; rejects others", () => {
    const r = ok(computeIndex(doc([block([{ code: "SỞ_GTVT-1", scores: full }])])));
    expect(r.result.blocks[0]?.units[0]?.code).toBe("SỞ_GTVT-1");
    const errors = errorsOf(computeIndex(doc([block([{ code: "S G", scores: full }])])));
    expect(errors).toEqual([{ path: "blocks[0].units[0].code", message: 'mã đơn vị "S G" không hợp lệ (chỉ gồm chữ, số, "_" và "-")' }]);
  });
  it("still checks score cells when the criteria set is broken, without repeating completeness errors", () => {
    const b = block([{ code: "X", scores: [30, 15, 20, 29, 10, 1] }]);
    (b.criteria as unknown[]) = CRITERIA.map((c) => (c.code === "2" ? { ...c, max: 41 } : c));
    delete (b.scores as Record<string, Record<string, unknown>>).X!["2.2"];
    expect(errorsOf(computeIndex(doc([b])))).toEqual([
      { path: "blocks[0].criteria[5]", message: "tiêu chí 2: điểm tối đa 41 khác tổng điểm tối đa của các tiêu chí con (40)" },
      { path: 'blocks[0].scores.X["1.1.1"]', message: "30 vượt điểm tối đa 25" },
    ]);
  });
  it("rejects duplicate block ids and bad group settings", () => {
    const errors = errorsOf(
      computeIndex(
        doc([block([{ code: "X", scores: full }]), block([{ code: "X", scores: full }])], {
          settings: {
            groups: [
              { name: "A", min: 90.001 },
              { name: "A", min: 0 },
              { name: "Z", min: 120 },
            ],
          },
        }),
      ),
    );
    expect(errors).toEqual([
      { path: "settings.groups[0].min", message: "ngưỡng 90,001 có quá 2 chữ số thập phân" },
      { path: "settings.groups[1].name", message: 'tên nhóm "A" bị trùng (đã có ở groups[0])' },
      { path: "settings.groups[2].min", message: "ngưỡng 120 phải từ 0 đến 100" },
      { path: "blocks[1].id", message: 'mã khối "so" bị trùng (đã có ở blocks[0])' },
    ]);
  });
});

describe("computeIndex: never lose work, never crash (issue 11)", () => {
  it("unit codes __proto__, constructor and toString are ordinary codes", () => {
    const units = ["__proto__", "constructor", "toString"].map((code, i) => ({ code, scores: [25, 15, 20, 29 - i, 10, 1] as Row }));
    // JSON.parse makes "__proto__" an own key, as a file read from disk would.
    const parsed: unknown = JSON.parse(
      JSON.stringify(doc([block(units.slice(1))]))
        .replace('"scores":{', '"scores":{"__proto__":{"1.1.1":25,"1.1.2":15,"1.2":20,"2.1":29,"2.2":10,"2.3":1},')
        .replace('"units":[', '"units":[{"code":"__proto__","name":"Đơn vị __proto__"},'),
    );
    const r = ok(computeIndex(parsed));
    const b = r.result.blocks[0]!;
    expect(b.units.map((u) => [u.code, u.total, u.rank])).toEqual([
      ["__proto__", 100, 1],
      ["constructor", 99, 2],
      ["toString", 98, 3],
    ]);
  });
  it("an unknown key of a unit is named at its own path", () => {
    const b = block([
      { code: "X", scores: full },
      { code: "Y", scores: full },
    ]);
    (b.units[1] as Record<string, unknown>).prevous = { index: 80, rank: 2 };
    expect(errorsOf(computeIndex(doc([b])))).toEqual([{ path: "blocks[0].units[1].prevous", message: 'khóa không hợp lệ: "prevous"' }]);
  });
  it("a criterion's problem names its code", () => {
    const b = block([{ code: "X", scores: full }]);
    (b.criteria as unknown[]) = CRITERIA.map((c) => (c.code === "1.1.2" ? { ...c, max: "15", note: 1 } : c));
    expect(errorsOf(computeIndex(doc([b])))).toEqual([
      { path: "blocks[0].criteria[3].max", message: 'tiêu chí 1.1.2: phải là số (đang là "15")' },
      { path: "blocks[0].criteria[3].note", message: 'tiêu chí 1.1.2: khóa không hợp lệ: "note"' },
    ]);
  });
  it("refuses a name longer than 255 characters, naming its path", () => {
    const b = block([{ code: "X", scores: full }]);
    (b.units[0] as { name: string }).name = "A".repeat(100_000);
    expect(errorsOf(computeIndex(doc([b], { province: "T".repeat(256) })))).toEqual([
      { path: "province", message: "dài 256 ký tự, vượt giới hạn 255 ký tự" },
      { path: "blocks[0].units[0].name", message: "dài 100.000 ký tự, vượt giới hạn 255 ký tự" },
    ]);
    (b.units[0] as { name: string }).name = "A".repeat(255);
    ok(computeIndex(doc([b])));
  });
  it("15. a self total left out because of a KĐG or missing self score is a warning naming the unit and leaf", () => {
    const selfFull = { "1.1.1": 24, "1.1.2": 14, "2.1": 28, "2.3": 1 };
    const r = ok(
      computeIndex(
        doc([
          block([
            { code: "KDG", scores: full, self: { ...selfFull, "1.1.2": "KĐG", "2.1": null } },
            { code: "MISSING", scores: full, self: { "1.1.1": 24, "2.1": 28, "2.3": 1 } },
            { code: "BOTH", scores: [25, null, 20, 29, 10, 1], self: { ...selfFull, "1.1.2": "KĐG" } }, // N/A on both: self 53
            { code: "NONE", scores: full },
          ]),
        ]),
      ),
    );
    expect(r.warnings).toEqual([
      {
        path: 'blocks[0].selfScores.KDG["1.1.2"]',
        message:
          "điểm tự đánh giá của tiêu chí 1.1.2 là KĐG nhưng tiêu chí có điểm thẩm định, nên đơn vị KDG không có «Điểm tự đánh giá» " +
          "(nhập điểm tự đánh giá, hoặc ghi KĐG cả ở điểm thẩm định nếu tiêu chí không đánh giá)",
      },
      {
        path: 'blocks[0].selfScores.MISSING["1.1.2"]',
        message: "chưa có điểm tự đánh giá của tiêu chí 1.1.2, nên đơn vị MISSING không có «Điểm tự đánh giá»",
      },
    ]);
    const units = r.result.blocks[0]!.units;
    expect(units.map((u) => u.self)).toEqual([undefined, undefined, 53, undefined]);
    expect(r.result.warnings).toHaveLength(2);
  });
});

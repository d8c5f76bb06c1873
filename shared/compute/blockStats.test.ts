import { describe, expect, it } from "vitest";
import { blockStats, extremeOf, type BlockStatsSetup, type UnitTotals } from "./blockStats.ts";

const setup: BlockStatsSetup = {
  fields: [
    { code: "1", maxH: 6000 },
    { code: "2", maxH: 4000 },
  ],
  methods: [
    { method: "appraised", slot: 0, maxH: 7000 },
    { method: "survey", slot: 1, maxH: 3000 },
  ],
  groups: ["A", "B", "C", "D"],
};

const u = (code: string, indexH: number, rank: number, group: string, fieldH: number[], previous?: UnitTotals["previous"]): UnitTotals => ({
  code,
  fieldH,
  methodH: [fieldH[0] ?? 0, fieldH[1] ?? 0, 0],
  indexH,
  rank,
  group,
  ...(previous ? { previous } : {}),
});

describe("blockStats", () => {
  it("mean rounds half up; above/below compare with the exact mean", () => {
    // 90,01 + 90,00 + 90,00 = 270,01 → exact mean 90,00333…; mean 90
    const s = blockStats(
      [u("X", 9001, 1, "A", [5001, 4000]), u("Y", 9000, 2, "A", [5000, 4000]), u("Z", 9000, 2, "A", [5000, 4000])],
      setup,
    );
    expect(s.mean).toBe(90);
    expect(s.aboveMean).toBe(1);
    expect(s.belowMean).toBe(2);
    expect(s.gap).toBe(0.01);
  });

  it("a unit exactly at the mean is neither above nor below; mean of 2 rounds ,005 up", () => {
    const s = blockStats([u("X", 8001, 1, "B", [0, 0]), u("Y", 8000, 2, "B", [0, 0])], setup);
    expect(s.mean).toBe(80.01); // 80,005 → 80,01
    expect([s.aboveMean, s.belowMean]).toEqual([1, 1]);
    const t = blockStats([u("X", 9000, 1, "A", [0, 0]), u("Y", 8000, 3, "B", [0, 0]), u("Z", 8500, 2, "B", [0, 0])], setup);
    expect([t.aboveMean, t.belowMean]).toEqual([1, 1]);
  });

  it("shares round half up to hundredths of a percent", () => {
    // 1 of 3 = 33,333…% → 33,33; 2 of 3 = 66,666…% → 66,67
    const s = blockStats([u("X", 9500, 1, "A", [0, 0]), u("Y", 8000, 2, "B", [0, 0]), u("Z", 7000, 3, "B", [0, 0])], setup);
    expect(s.groups).toEqual([
      { name: "A", count: 1, share: 33.33 },
      { name: "B", count: 2, share: 66.67 },
      { name: "C", count: 0, share: 0 },
      { name: "D", count: 0, share: 0 },
    ]);
  });

  it("fields and methods: mean, extremes with every unit holding them, the set's maximum", () => {
    const s = blockStats(
      [u("X", 9000, 1, "A", [5000, 3000]), u("Y", 8000, 2, "B", [4000, 4000]), u("Z", 8000, 2, "B", [5000, 3000])],
      setup,
    );
    expect(s.fields[0]).toEqual({
      code: "1",
      max: 60,
      mean: 46.67,
      highest: { value: 50, units: ["X", "Z"] },
      lowest: { value: 40, units: ["Y"] },
    });
    expect(s.methods[1]).toEqual({
      method: "survey",
      max: 30,
      mean: 33.33,
      highest: { value: 40, units: ["Y"] },
      lowest: { value: 30, units: ["X", "Z"] },
    });
  });

  it("previous-year statistics with ties among the largest movers", () => {
    const s = blockStats(
      [
        u("X", 9000, 1, "A", [0, 0], { indexH: 8000, rank: 3 }), // +10, +2
        u("Y", 8500, 2, "B", [0, 0], { indexH: 7500, rank: 4 }), // +10, +2
        u("Z", 8000, 3, "B", [0, 0], { indexH: 9000, rank: 1 }), // −10, −2
        u("W", 7000, 4, "B", [0, 0], { indexH: 7000, rank: 2 }), // 0, −2
      ],
      setup,
    );
    expect(s.previous).toEqual({
      mean: 78.75, // (80 + 75 + 90 + 70) / 4
      meanChange: 2.5, // mean (90 + 85 + 80 + 70) / 4 = 81,25; 81,25 − 78,75
      indexUp: 2,
      indexDown: 1,
      indexHeld: 1,
      rankUp: 2,
      rankHeld: 0,
      rankDown: 2,
      largestIndexRise: { value: 10, units: ["X", "Y"] },
      largestIndexFall: { value: -10, units: ["Z"] },
      largestRankRise: { value: 2, units: ["X", "Y"] },
      largestRankFall: { value: -2, units: ["Z", "W"] },
    });
  });
});

describe("extremeOf", () => {
  it("lists every unit holding the value in the given order, or null", () => {
    expect(extremeOf([10, 30, 30], ["A", "B", "C"], [2, 1, 0], "max")).toEqual({ value: 0.3, units: ["C", "B"] });
    expect(extremeOf([10, 30, 30], ["A", "B", "C"], [0, 1, 2], "min")).toEqual({ value: 0.1, units: ["A"] });
    expect(extremeOf([-5, 0], ["A", "B"], [0, 1], "max", (v) => v > 0)).toBeNull();
  });
});

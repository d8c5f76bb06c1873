import { describe, expect, it } from "vitest";
import { nextSteps } from "./nextSteps.ts";

const GROUPS = [
  { name: "A", min: 90 },
  { name: "B", min: 70 },
  { name: "C", min: 50 },
  { name: "D", min: 0 },
];

describe("nextSteps", () => {
  it("measures the way to the next group and the next better rank (ranking 1-2-2-4)", () => {
    // Worked by hand: 95,44 is in A (best); 88,77 needs 1,23 for A; 81,20 needs 8,80 for A and 7,57 for rank 2.
    const steps = nextSteps([9544, 8877, 8877, 8120, 4999], [1, 2, 2, 4, 5], GROUPS);
    expect(steps).toEqual([
      { toNextGroup: null, toNextRank: null },
      { toNextGroup: { group: "A", pointsH: 123 }, toNextRank: { rank: 1, pointsH: 667 } },
      { toNextGroup: { group: "A", pointsH: 123 }, toNextRank: { rank: 1, pointsH: 667 } },
      { toNextGroup: { group: "A", pointsH: 880 }, toNextRank: { rank: 2, pointsH: 757 } },
      { toNextGroup: { group: "C", pointsH: 1 }, toNextRank: { rank: 4, pointsH: 3121 } },
    ]);
  });

  it("names the group of the settings whatever their order, and ties at the top share rank 1", () => {
    const words = [
      { name: "Khá", min: 80 },
      { name: "Tốt", min: 90 },
      { name: "Trung bình", min: 0 },
    ];
    expect(nextSteps([9000, 9000, 7950], [1, 1, 3], words)).toEqual([
      { toNextGroup: null, toNextRank: null },
      { toNextGroup: null, toNextRank: null },
      { toNextGroup: { group: "Khá", pointsH: 50 }, toNextRank: { rank: 1, pointsH: 1050 } },
    ]);
  });
});

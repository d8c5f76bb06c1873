import { describe, expect, it } from "vitest";
import { competitionRank, rankOrder } from "./competitionRank.ts";

describe("competitionRank", () => {
  it("shares the best rank and skips the next: 1, 2, 2, 4", () => {
    expect(competitionRank([95, 90, 90, 80])).toEqual([1, 2, 2, 4]);
  });
  it("keeps input order of the values", () => {
    expect(competitionRank([80, 90, 95, 90])).toEqual([4, 2, 1, 2]);
  });
  it("ranks a three-way tie at the top", () => {
    expect(competitionRank([7, 7, 7, 1])).toEqual([1, 1, 1, 4]);
  });
  it("handles empty and single lists", () => {
    expect(competitionRank([])).toEqual([]);
    expect(competitionRank([42])).toEqual([1]);
  });
});

describe("rankOrder", () => {
  it("sorts by rank then input order", () => {
    expect(rankOrder([2, 1, 2, 4])).toEqual([1, 0, 2, 3]);
  });
});

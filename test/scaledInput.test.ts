import { describe, expect, it } from "vitest";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import { scaledInput } from "./fixtures/scaledInput.ts";

describe("scaledInput (large fixtures for the commune tier)", () => {
  it.each([
    [{ so: 20, xa: 75 }, [20, 75]],
    [{ xa: 300 }, [300]],
    [{ so: 20, xa: 170 }, [20, 170]],
  ])("%j is valid with the asked unit counts and mostly distinct indices", (sizes, counts) => {
    const r = computeIndex(scaledInput(sizes));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result.blocks.map((b) => b.units.length)).toEqual(counts);
    for (const b of r.result.blocks) expect(new Set(b.units.map((u) => u.index)).size).toBeGreaterThan(b.units.length * 0.8);
  });
});

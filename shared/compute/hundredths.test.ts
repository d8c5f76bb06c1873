import { describe, expect, it } from "vitest";
import { roundDiv, toHundredths, toNumber } from "./hundredths.ts";

describe("roundDiv", () => {
  it("rounds half up", () => {
    expect(roundDiv(5, 2)).toBe(3);
    expect(roundDiv(7, 2)).toBe(4);
    expect(roundDiv(1, 3)).toBe(0);
    expect(roundDiv(2, 3)).toBe(1);
    expect(roundDiv(10, 5)).toBe(2);
  });
  it("rounds a negative numerator half away from zero", () => {
    expect(roundDiv(-5, 2)).toBe(-3);
    expect(roundDiv(-1, 3)).toBe(0);
    expect(Object.is(roundDiv(-1, 3), -0)).toBe(false);
  });
  it("computes an index: 85,78 of 99 → 86,65 (85,78/99×100 = 86,6464…)", () => {
    expect(roundDiv(8578 * 10000, 9900)).toBe(8665);
  });
  it("computes an index at exactly half: 70,02 of 80 = 87,525 → 87,53", () => {
    expect(roundDiv(7002 * 10000, 8000)).toBe(8753);
  });
  it("refuses a zero denominator", () => {
    expect(() => roundDiv(1, 0)).toThrow();
  });
});

describe("toNumber / toHundredths", () => {
  it("converts without float noise", () => {
    expect(toNumber(8597)).toBe(85.97);
    expect(toNumber(29)).toBe(0.29);
    expect(toNumber(-522)).toBe(-5.22);
    expect(toHundredths(0.29)).toBe(29);
    expect(toHundredths(11.5)).toBe(1150);
  });
});

import { describe, expect, it } from "vitest";
import { parseScore } from "./parseScore.ts";
import { decimalParts, roundParts } from "./decimalParts.ts";

const value = (hundredths: number, rounded = false) => ({ kind: "value", hundredths, rounded });

describe("parseScore: numbers and decimal strings", () => {
  it("reads numbers", () => {
    expect(parseScore(3.5)).toEqual(value(350));
    expect(parseScore(0)).toEqual(value(0));
    expect(parseScore(-0)).toEqual(value(0));
    expect(parseScore(0.29)).toEqual(value(29));
    expect(parseScore(2.44)).toEqual(value(244));
  });
  it("reads both separators and trims", () => {
    expect(parseScore("3,5")).toEqual(value(350));
    expect(parseScore("3.5")).toEqual(value(350));
    expect(parseScore(" 3 ")).toEqual(value(300));
    expect(parseScore(",5")).toEqual(value(50));
    expect(parseScore("3,")).toEqual(value(300));
    expect(parseScore("+2")).toEqual(value(200));
  });
  it('gives no warning for "3.500" (the extra digits are zeros)', () => {
    expect(parseScore("3.500")).toEqual(value(350));
    expect(parseScore("3,500", 4)).toEqual(value(350));
  });
});

describe("parseScore: rounding half away from zero with a warning", () => {
  it("rounds 0.125 to 0,13 (not 0,12 as float arithmetic would)", () => {
    expect(parseScore(0.125)).toEqual(value(13, true));
    expect(parseScore("0,125")).toEqual(value(13, true));
  });
  it("rounds 1.005 to 1,01 and 2.675 to 2,68 (the written digits count)", () => {
    expect(parseScore(1.005)).toEqual(value(101, true));
    expect(parseScore(2.675)).toEqual(value(268, true));
  });
  it("rounds down below half, still warning", () => {
    expect(parseScore(2.444)).toEqual(value(244, true));
    expect(parseScore("3,004999")).toEqual(value(300, true));
  });
  it("handles exponent forms of JS numbers", () => {
    expect(parseScore(1e-7)).toEqual(value(0, true));
    expect(parseScore(5e-3)).toEqual(value(1, true));
    expect(parseScore(1.5e-2)).toEqual(value(2, true));
  });
});

describe("parseScore: maximum and sign", () => {
  it("judges 'above the maximum' after rounding", () => {
    expect(parseScore(3.004, 3)).toEqual(value(300, true));
    expect(parseScore(3.005, 3)).toEqual({ kind: "error", message: "3,005 vượt điểm tối đa 3" });
    expect(parseScore("3,5", 3)).toEqual({ kind: "error", message: "3,5 vượt điểm tối đa 3" });
    expect(parseScore(3, 3)).toEqual(value(300));
    expect(parseScore(0.6, 0.5)).toEqual({ kind: "error", message: "0,6 vượt điểm tối đa 0,5" });
  });
  it("judges 'negative' on the value as written", () => {
    expect(parseScore(-0.5)).toEqual({ kind: "error", message: "-0,5 nhỏ hơn 0" });
    expect(parseScore(-0.001)).toEqual({ kind: "error", message: "-0,001 nhỏ hơn 0" });
    expect(parseScore("-0,001")).toEqual({ kind: "error", message: "-0,001 nhỏ hơn 0" });
    expect(parseScore("-0")).toEqual(value(0));
  });
  it("refuses huge values", () => {
    expect(parseScore(1e21, 10).kind).toBe("error");
    expect(parseScore("99999999999999999999").kind).toBe("error");
    expect(parseScore(1e300).kind).toBe("error");
  });
});

describe("parseScore: not applicable and errors", () => {
  it("reads null and KĐG in any case, trimmed, as N/A", () => {
    expect(parseScore(null)).toEqual({ kind: "na" });
    expect(parseScore("KĐG")).toEqual({ kind: "na" });
    expect(parseScore(" kđg ")).toEqual({ kind: "na" });
    expect(parseScore("Kđg")).toEqual({ kind: "na" });
  });
  it("treats an empty cell as 'chưa có điểm', never zero", () => {
    expect(parseScore("")).toEqual({ kind: "error", message: "chưa có điểm" });
    expect(parseScore("   ")).toEqual({ kind: "error", message: "chưa có điểm" });
    expect(parseScore(undefined)).toEqual({ kind: "error", message: "chưa có điểm" });
  });
  it("names what is not a number", () => {
    expect(parseScore("3,5a")).toEqual({ kind: "error", message: '"3,5a" không phải là số' });
    expect(parseScore("1.000,5")).toEqual({ kind: "error", message: '"1.000,5" không phải là số' });
    expect(parseScore("KDG")).toEqual({ kind: "error", message: '"KDG" không phải là số' });
    expect(parseScore(true)).toEqual({ kind: "error", message: "true không phải là số" });
    expect(parseScore(Number.NaN)).toEqual({ kind: "error", message: "NaN không phải là số" });
    expect(parseScore(Infinity)).toEqual({ kind: "error", message: "Infinity không phải là số" });
    expect(parseScore([1])).toEqual({ kind: "error", message: "không phải là số (đang là danh sách)" });
    expect(parseScore({})).toEqual({ kind: "error", message: "không phải là số (đang là đối tượng)" });
    expect(parseScore(".")).toEqual({ kind: "error", message: '"." không phải là số' });
  });
});

describe("decimalParts / roundParts", () => {
  it("expands the shortest representation", () => {
    expect(decimalParts(1e-7)).toEqual({ negative: false, intDigits: "0", fracDigits: "0000001" });
    expect(decimalParts(1.5e21)).toEqual({ negative: false, intDigits: "1500000000000000000000", fracDigits: "" });
    expect(decimalParts(-85.97)).toEqual({ negative: true, intDigits: "85", fracDigits: "97" });
    expect(decimalParts(Number.NaN)).toBeNull();
  });
  it("carries when rounding up", () => {
    expect(roundParts({ negative: false, intDigits: "9", fracDigits: "995" }, 2)).toEqual({
      negative: false,
      intDigits: "10",
      fracDigits: "00",
    });
  });
});

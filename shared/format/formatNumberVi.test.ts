import { describe, expect, it } from "vitest";
import { formatFixedVi, formatNumberVi, padCount } from "./formatNumberVi.ts";

describe("formatNumberVi", () => {
  it("writes decimal commas without trailing zeros", () => {
    expect(formatNumberVi(85.97)).toBe("85,97");
    expect(formatNumberVi(12.1)).toBe("12,1");
    expect(formatNumberVi(10)).toBe("10");
    expect(formatNumberVi(-5.22)).toBe("-5,22");
    expect(formatNumberVi(0)).toBe("0");
    expect(formatNumberVi(-0)).toBe("0");
  });
  it("uses no thousands separator", () => {
    expect(formatNumberVi(1574)).toBe("1574");
    expect(formatNumberVi(1254.5)).toBe("1254,5");
  });
  it("rounds to hundredths half away from zero, exactly", () => {
    expect(formatNumberVi(0.125)).toBe("0,13");
    expect(formatNumberVi(1.005)).toBe("1,01");
    expect(formatNumberVi(-0.125)).toBe("-0,13");
    expect(formatNumberVi(9.995)).toBe("10");
    expect(formatNumberVi(0.1 + 0.2)).toBe("0,3");
    expect(formatNumberVi(-0.001)).toBe("0");
  });
  it("expands exponent forms", () => {
    expect(formatNumberVi(1e-7)).toBe("0");
    expect(formatNumberVi(1e21)).toBe("1000000000000000000000");
  });
});

describe("formatFixedVi", () => {
  it("keeps the given number of decimals", () => {
    expect(formatFixedVi(85.97, 2)).toBe("85,97");
    expect(formatFixedVi(81.2, 2)).toBe("81,20");
    expect(formatFixedVi(10, 2)).toBe("10,00");
    expect(formatFixedVi(-5.2)).toBe("-5,20");
    expect(formatFixedVi(92.745, 1)).toBe("92,7");
    expect(formatFixedVi(89.15, 0)).toBe("89");
  });
});

describe("padCount", () => {
  it("pads counts below 10 to two digits", () => {
    expect(padCount(2)).toBe("02");
    expect(padCount(0)).toBe("00");
    expect(padCount(9)).toBe("09");
    expect(padCount(10)).toBe("10");
    expect(padCount(11)).toBe("11");
    expect(padCount(120)).toBe("120");
  });
});

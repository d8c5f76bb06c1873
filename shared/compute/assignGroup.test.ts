import { describe, expect, it } from "vitest";
import { assignGroup, makeGroupAssigner } from "./assignGroup.ts";
import { DEFAULT_GROUPS } from "../schema/inputSchema.ts";

describe("assignGroup", () => {
  it("puts exactly 90,00 in A and 89,99 in B", () => {
    expect(assignGroup(9000, DEFAULT_GROUPS)).toBe("A");
    expect(assignGroup(8999, DEFAULT_GROUPS)).toBe("B");
  });
  it("uses the default thresholds 70, 50 and 0", () => {
    expect(assignGroup(7000, DEFAULT_GROUPS)).toBe("B");
    expect(assignGroup(6999, DEFAULT_GROUPS)).toBe("C");
    expect(assignGroup(5000, DEFAULT_GROUPS)).toBe("C");
    expect(assignGroup(4999, DEFAULT_GROUPS)).toBe("D");
    expect(assignGroup(0, DEFAULT_GROUPS)).toBe("D");
    expect(assignGroup(10000, DEFAULT_GROUPS)).toBe("A");
  });
  it("takes the highest threshold first whatever the settings' order", () => {
    const group = makeGroupAssigner([
      { name: "Thấp", min: 0 },
      { name: "Cao", min: 80 },
      { name: "Vừa", min: 60.5 },
    ]);
    expect(group(8000)).toBe("Cao");
    expect(group(6050)).toBe("Vừa");
    expect(group(6049)).toBe("Thấp");
  });
  it("returns undefined when no threshold is low enough", () => {
    expect(assignGroup(1000, [{ name: "A", min: 50 }])).toBeUndefined();
  });
});

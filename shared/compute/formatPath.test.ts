import { describe, expect, it } from "vitest";
import { appendPath, formatPath } from "./formatPath.ts";

describe("formatPath", () => {
  it("writes identifiers with dots, other keys in brackets, indices as [n]", () => {
    expect(formatPath(["blocks", 0, "scores", "SGTVT", "1.2.1"])).toBe('blocks[0].scores.SGTVT["1.2.1"]');
    expect(formatPath(["blocks", 0, "scores", "SO-1"])).toBe('blocks[0].scores["SO-1"]');
    expect(formatPath(["blocks", 1, "criteria", 3])).toBe("blocks[1].criteria[3]");
    expect(formatPath(["a", 'x"y'])).toBe('a["x\\"y"]');
    expect(formatPath([])).toBe("$");
  });
  it("appends to a formatted path", () => {
    expect(appendPath("blocks[0].selfScores", "SGTVT")).toBe("blocks[0].selfScores.SGTVT");
    expect(appendPath("blocks[0].selfScores.SGTVT", "1.1")).toBe('blocks[0].selfScores.SGTVT["1.1"]');
    expect(appendPath("$", "blocks")).toBe("blocks");
    expect(appendPath("blocks", 2)).toBe("blocks[2]");
  });
});

import * as z from "zod";
import { describe, expect, it } from "vitest";
import { zodIssueProblems } from "./zodIssueProblems.ts";
import { parseLoosely } from "./parseLoosely.ts";

const schema = z.strictObject({
  n: z.number(),
  s: z.string(),
  i: z.number().int().min(1),
  list: z.array(z.strictObject({ "a-b": z.boolean() })),
  kind: z.enum(["x", "y"]),
});

describe("zodIssueProblems", () => {
  it("translates every issue into Vietnamese with its path", () => {
    const value = { n: "1", s: 2, i: 0, list: [{ "a-b": 1, extra: 1, other: 2 }], kind: "z", more: true };
    const r = schema.safeParse(value);
    expect(r.success).toBe(false);
    const problems = zodIssueProblems(r.success ? [] : r.error.issues, value);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: "n", message: 'phải là số (đang là "1")' },
        { path: "s", message: "phải là chuỗi (đang là 2)" },
        { path: "i", message: "phải ≥ 1" },
        { path: 'list[0]["a-b"]', message: "phải là true hoặc false (đang là 1)" },
        { path: "list[0].extra", message: 'khóa không hợp lệ: "extra"' },
        { path: "list[0].other", message: 'khóa không hợp lệ: "other"' },
        { path: "kind", message: 'phải là một trong: "x", "y"' },
        { path: "more", message: 'khóa không hợp lệ: "more"' },
      ]),
    );
    expect(problems).toHaveLength(8);
  });

  it("says a key is missing and names wrong containers", () => {
    const value = { n: 1, list: {} };
    const r = schema.safeParse(value);
    const problems = zodIssueProblems(r.success ? [] : r.error.issues, value);
    expect(problems).toContainEqual({ path: "s", message: "thiếu khóa bắt buộc" });
    expect(problems).toContainEqual({ path: "list", message: "phải là danh sách (đang là đối tượng)" });
    const top = zodIssueProblems(schema.safeParse(null).error?.issues ?? [], null);
    expect(top).toEqual([{ path: "$", message: "phải là đối tượng (đang là null)" }]);
  });

  it("prefixes a base path", () => {
    const r = z.strictObject({ code: z.string() }).safeParse({ code: 1 });
    expect(zodIssueProblems(r.error?.issues ?? [], { code: 1 }, "blocks[2]")).toEqual([
      { path: "blocks[2].code", message: "phải là chuỗi (đang là 1)" },
    ]);
  });
});

describe("parseLoosely", () => {
  const s = z.strictObject({ a: z.number(), inner: z.array(z.strictObject({ b: z.string() })) });
  it("drops unknown keys when they are the only issues", () => {
    expect(parseLoosely(s, { a: 1, x: 2, inner: [{ b: "c", y: 3 }] })).toEqual({ a: 1, inner: [{ b: "c" }] });
  });
  it("gives undefined when another issue remains", () => {
    expect(parseLoosely(s, { a: "1", x: 2, inner: [] })).toBeUndefined();
  });
});

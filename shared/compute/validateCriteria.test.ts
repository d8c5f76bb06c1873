import { describe, expect, it } from "vitest";
import { validateCriteria } from "./validateCriteria.ts";
import { buildCriteriaTree } from "./buildCriteriaTree.ts";
import type { Criterion } from "../schema/inputSchema.ts";

const c = (code: string, max: number, method?: Criterion["method"]): Criterion =>
  method === undefined ? { code, name: `Tiêu chí ${code}`, max } : { code, name: `Tiêu chí ${code}`, max, method };

/** A valid set summing to 100. */
const VALID: Criterion[] = [
  c("1", 60),
  c("1.1", 40),
  c("1.1.1", 25, "appraised"),
  c("1.1.2", 15),
  c("1.2", 20, "survey"),
  c("2", 40),
  c("2.1", 29, "appraised"),
  c("2.2", 10, "satisfaction"),
  c("2.3", 1, "appraised"),
];

const check = (set: Criterion[]) => validateCriteria(set, "blocks[0].criteria");

describe("validateCriteria", () => {
  it("accepts a valid set without warnings", () => {
    expect(check(VALID)).toEqual({ errors: [], warnings: [] });
  });

  it("rejects an empty set", () => {
    expect(check([]).errors).toEqual([{ path: "blocks[0].criteria", message: "bộ tiêu chí trống" }]);
  });

  it("rejects bad code formats, naming each", () => {
    const set = [c("1", 100), c("1.a", 0), c("1.1.1.1", 0), c("", 0), c("01", 0), c("1..2", 0)];
    const { errors } = check(set);
    expect(errors.map((e) => e.path)).toEqual([
      "blocks[0].criteria[1]",
      "blocks[0].criteria[2]",
      "blocks[0].criteria[3]",
      "blocks[0].criteria[4]",
      "blocks[0].criteria[5]",
    ]);
    expect(errors[0]?.message).toContain('"1.a"');
    expect(errors[1]?.message).toContain('"1.1.1.1"');
  });

  it("rejects duplicate codes", () => {
    const { errors } = check([c("1", 100), c("1.1", 50), c("1.1", 50)]);
    expect(errors).toContainEqual({ path: "blocks[0].criteria[2]", message: "tiêu chí 1.1: mã bị trùng (đã có ở criteria[1])" });
  });

  it("rejects a missing parent", () => {
    const { errors } = check([c("1", 100), c("1.2.1", 100)]);
    expect(errors).toContainEqual({ path: "blocks[0].criteria[1]", message: "tiêu chí 1.2.1: không có tiêu chí cha 1.2" });
  });

  it("rejects a parent listed after its child", () => {
    const { errors } = check([c("1", 100), c("1.1.1", 100), c("1.1", 100)]);
    expect(errors).toContainEqual({
      path: "blocks[0].criteria[1]",
      message: "tiêu chí 1.1.1: tiêu chí cha 1.1 phải đứng trước (đang ở criteria[2])",
    });
  });

  it("rejects a child separated from its parent's group (not pre-order)", () => {
    const set = [c("1", 50), c("1.1", 50), c("2", 50), c("2.1", 50), c("1.2", 0)];
    const { errors } = check(set);
    expect(errors).toContainEqual({
      path: "blocks[0].criteria[4]",
      message: "tiêu chí 1.2: sai thứ tự hiển thị, phải đứng liền trong nhóm của tiêu chí cha 1",
    });
  });

  it("rejects siblings out of numeric order (10 after 9 is fine, 2 after 10 is not)", () => {
    const fields = Array.from({ length: 10 }, (_, i) => c(String(i + 1), 10));
    expect(check(fields).errors).toEqual([]);
    const { errors } = check([c("1", 50), c("1.2", 25), c("1.1", 25), c("2", 50)]);
    expect(errors).toEqual([{ path: "blocks[0].criteria[2]", message: "tiêu chí 1.1: sai thứ tự, phải đứng trước tiêu chí 1.2" }]);
    const fieldsOut = check([c("2", 50), c("1", 50)]).errors;
    expect(fieldsOut).toEqual([{ path: "blocks[0].criteria[1]", message: "tiêu chí 1: sai thứ tự, phải đứng trước tiêu chí 2" }]);
  });

  it("rejects a negative maximum and one with more than 2 decimals", () => {
    const { errors } = check([c("1", 100.125), c("1.1", 100.125), c("2", -1)]);
    expect(errors).toContainEqual({ path: "blocks[0].criteria[0]", message: "tiêu chí 1: điểm tối đa 100,125 có quá 2 chữ số thập phân" });
    expect(errors).toContainEqual({
      path: "blocks[0].criteria[1]",
      message: "tiêu chí 1.1: điểm tối đa 100,125 có quá 2 chữ số thập phân",
    });
    expect(errors).toContainEqual({ path: "blocks[0].criteria[2]", message: "tiêu chí 2: điểm tối đa -1 nhỏ hơn 0" });
  });

  it("rejects a maximum above 1 000 000", () => {
    const { errors } = check([c("1", 2_000_000)]);
    expect(errors).toEqual([{ path: "blocks[0].criteria[0]", message: "tiêu chí 1: điểm tối đa vượt giới hạn 1000000" }]);
  });

  it("rejects a total above 1 000 000", () => {
    const { errors } = check([c("1", 600_000), c("2", 600_000)]);
    expect(errors).toEqual([{ path: "blocks[0].criteria", message: "tổng điểm tối đa của bộ tiêu chí vượt giới hạn 1000000" }]);
  });

  it("rejects a parent whose maximum is not the sum of its children's", () => {
    const set = VALID.map((x) => (x.code === "1.1" ? c("1.1", 39.5) : x));
    const { errors } = check(set);
    expect(errors).toEqual([
      { path: "blocks[0].criteria[0]", message: "tiêu chí 1: điểm tối đa 60 khác tổng điểm tối đa của các tiêu chí con (59,5)" },
      { path: "blocks[0].criteria[1]", message: "tiêu chí 1.1: điểm tối đa 39,5 khác tổng điểm tối đa của các tiêu chí con (40)" },
    ]);
  });

  it("compares sums exactly in hundredths (0,1 + 0,2 = 0,3)", () => {
    expect(check([c("1", 0.3), c("1.1", 0.1), c("1.2", 0.2)]).errors).toEqual([]);
  });

  it("rejects a method on a node with children", () => {
    const set = VALID.map((x) => (x.code === "2" ? c("2", 40, "appraised") : x));
    const { errors } = check(set);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe("blocks[0].criteria[5]");
    expect(errors[0]?.message).toMatch(/^tiêu chí 2: có tiêu chí con nên không được ghi phương thức/);
  });

  it("warns when the total is not 100", () => {
    const { errors, warnings } = check([c("1", 99.5)]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([{ path: "blocks[0].criteria", message: "tổng điểm tối đa của bộ tiêu chí là 99,5, không phải 100" }]);
  });

  it("reports every offending code at once", () => {
    const set = [c("1", 50), c("1.1", 20), c("1.1", 30), c("x", 1), c("3.1", 50)];
    expect(check(set).errors.map((e) => e.path)).toEqual([
      "blocks[0].criteria[2]",
      "blocks[0].criteria[3]",
      "blocks[0].criteria[4]",
      "blocks[0].criteria[0]",
    ]);
  });
});

describe("buildCriteriaTree", () => {
  const tree = buildCriteriaTree(VALID);
  it("finds fields, leaves in display order, depth and field codes", () => {
    expect(tree.fields.map((f) => f.code)).toEqual(["1", "2"]);
    expect(tree.leaves.map((l) => l.code)).toEqual(["1.1.1", "1.1.2", "1.2", "2.1", "2.2", "2.3"]);
    expect(tree.byCode.get("1.1.2")?.depth).toBe(3);
    expect(tree.byCode.get("1.1.2")?.fieldCode).toBe("1");
    expect(tree.byCode.get("1.1")?.isLeaf).toBe(false);
    expect(tree.byCode.get("1.1")?.children.map((n) => n.code)).toEqual(["1.1.1", "1.1.2"]);
    expect(tree.totalMaxH).toBe(10000);
  });
  it("defaults a leaf's method to appraised and gives none to parents", () => {
    expect(tree.byCode.get("1.1.2")?.method).toBe("appraised");
    expect(tree.byCode.get("1.2")?.method).toBe("survey");
    expect(tree.byCode.get("1")?.method).toBeUndefined();
  });
  it("lists the leaves of a field", () => {
    expect(tree.leavesOf("2").map((l) => `${l.code}:${l.method}`)).toEqual(["2.1:appraised", "2.2:satisfaction", "2.3:appraised"]);
    expect(tree.leavesOf("1.2").map((l) => l.code)).toEqual(["1.2"]);
    expect(tree.leavesOf("9")).toEqual([]);
  });
});

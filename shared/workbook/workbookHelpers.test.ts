import { describe, expect, it } from "vitest";
import { andThen } from "./andThen.ts";
import { checkSheetWrites } from "./checkSheetWrites.ts";
import { trimmedGrid } from "./trimmedGrid.ts";
import { placeProblems } from "./placeProblems.ts";
import { dataHash, stampLine } from "./stamp.ts";

describe("trimmedGrid", () => {
  it("pads ragged rows to a rectangle and drops trailing empty rows and columns", () => {
    expect(trimmedGrid<string | number | null>([["Mã", null, null], [], [null, 3, null], [null]])).toEqual([
      ["Mã", null],
      [null, null],
      [null, 3],
    ]);
    expect(trimmedGrid([[null, undefined], []])).toEqual([]);
    // A sparse array (holes) reads like nulls.
    const sparse: (number | undefined)[] = [];
    sparse[2] = 7;
    expect(trimmedGrid([sparse])).toEqual([[null, null, 7]]);
  });
});

describe("andThen", () => {
  it("stays synchronous for plain values and chains promises", async () => {
    let ran = false;
    const v = andThen(2, (n) => {
      ran = true;
      return n + 1;
    });
    expect(ran).toBe(true);
    expect(v).toBe(3);
    const p = andThen(Promise.resolve(2), (n) => n * 10);
    expect(p).toBeInstanceOf(Promise);
    expect(await p).toBe(20);
  });
});

describe("checkSheetWrites", () => {
  const ok = { sheet: "Biểu 1", mode: "replace" as const, blocks: [{ row: 0, col: 0, values: [[1, "a"]] }] };
  it("accepts a sound plan and names what is wrong in a bad one", () => {
    expect(() => checkSheetWrites([ok])).not.toThrow();
    expect(() => checkSheetWrites([ok, { ...ok, sheet: "A/B" }])).toThrow('Tên trang tính không hợp lệ: "A/B"');
    expect(() => checkSheetWrites([{ ...ok, sheet: "x".repeat(32) }])).toThrow(/tối đa 31 ký tự/);
    expect(() => checkSheetWrites([{ ...ok, blocks: [{ row: 1, col: 2, values: [[1, Number.NaN]] }] }])).toThrow(
      "Biểu 1!D2: giá trị số không hợp lệ (NaN)",
    );
    expect(() => checkSheetWrites([{ ...ok, blocks: [{ row: 0, col: 0, values: [[1]], style: { fill: "vàng" } }] }])).toThrow(
      /mã màu không hợp lệ "vàng"/,
    );
    expect(() => checkSheetWrites([{ ...ok, clear: [{ row: -1, col: 0, rows: 1, cols: 1 }] }])).toThrow(/vùng xoá có toạ độ không hợp lệ/);
  });
});

describe("placeProblems", () => {
  it("puts a problem on the cell of the longest known path that starts it", () => {
    const places = new Map([
      ["blocks[0].units[2]", { sheet: "Đơn vị - Sở", cell: "A6" }],
      ["blocks[0].units[2].previous.rank", { sheet: "Đơn vị - Sở", cell: "D6" }],
    ]);
    const [rank, name, other] = placeProblems(
      [
        { path: "blocks[0].units[2].previous.rank", message: "phải là số nguyên" },
        { path: "blocks[0].units[2].name", message: "trống" },
        { path: "year", message: "thiếu" },
      ],
      places,
    );
    expect(rank).toMatchObject({ sheet: "Đơn vị - Sở", cell: "D6" });
    expect(name).toMatchObject({ sheet: "Đơn vị - Sở", cell: "A6" });
    expect(other?.sheet).toBeUndefined();
  });
});

describe("stamp", () => {
  it("is the same for equal data whatever the key order, and differs when a score changes", () => {
    expect(dataHash({ a: 1, b: [1, 2] })).toBe(dataHash({ b: [1, 2], a: 1 }));
    expect(dataHash({ a: 1 })).not.toBe(dataHash({ a: 2 }));
    expect(stampLine({ a: 1 }, "9.9.9")).toMatch(/^Tạo bởi cchc-index 9\.9\.9 từ dữ liệu #[0-9a-f]{10}$/);
  });
});

/**
 * The core's write helpers that hosts share: runs of equal widths, merge runs, the size a write needs, and the
 * file's cell budget (Google Sheets: 10 000 000 cells, new sheet 1000 × 26).
 */
import { describe, expect, it } from "vitest";
import { equalRuns } from "./equalRuns.ts";
import { checkFileCellBudget, plannedCellCount } from "./fileCellBudget.ts";
import { SHEETS_LIMITS } from "./hostLimits.ts";
import { mergeRuns } from "./mergeRuns.ts";
import type { CellRange, SheetWrite } from "./port.ts";
import { sheetExtent } from "./sheetExtent.ts";

/** Every cell covered by a set of merges, as "row,col" → the merge it belongs to (to compare two sets). */
function cover(merges: readonly CellRange[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of merges) {
    for (let r = m.row; r < m.row + m.rows; r++)
      for (let c = m.col; c < m.col + m.cols; c++) out.set(`${r},${c}`, `${m.row},${m.col},${m.rows},${m.cols}`);
  }
  return out;
}

/** The merges a run makes. */
function expand(run: ReturnType<typeof mergeRuns>[number]): CellRange[] {
  const { row, col, rows, cols } = run.range;
  if (run.how === "across") return Array.from({ length: rows }, (_, i) => ({ row: row + i, col, rows: 1, cols }));
  if (run.how === "down") return Array.from({ length: cols }, (_, i) => ({ row, col: col + i, rows, cols: 1 }));
  return [run.range];
}

describe("equalRuns", () => {
  it("joins consecutive equal values and skips undefined", () => {
    expect(equalRuns([6, 40, 12, 12, undefined, 12, 12])).toEqual([
      { start: 0, count: 1, value: 6 },
      { start: 1, count: 1, value: 40 },
      { start: 2, count: 2, value: 12 },
      { start: 5, count: 2, value: 12 },
    ]);
    expect(equalRuns([])).toEqual([]);
  });
});

describe("mergeRuns", () => {
  it("makes exactly the planned merges, in fewer calls: title rows across, header columns down", () => {
    const merges: CellRange[] = [
      ...[0, 1, 2].map((row) => ({ row, col: 0, rows: 1, cols: 80 })), // title lines over the whole width
      ...Array.from({ length: 76 }, (_, i) => ({ row: 4, col: 4 + i, rows: 2, cols: 1 })), // one header column per unit
      { row: 4, col: 0, rows: 2, cols: 1 },
      { row: 4, col: 1, rows: 2, cols: 3 }, // a block merge
      { row: 40, col: 0, rows: 1, cols: 80 }, // a note line after a gap
      { row: 9, col: 9, rows: 1, cols: 1 }, // a single cell: nothing to merge
    ];
    const runs = mergeRuns(merges);
    expect(runs).toEqual([
      { how: "across", range: { row: 0, col: 0, rows: 3, cols: 80 } },
      { how: "across", range: { row: 40, col: 0, rows: 1, cols: 80 } },
      { how: "down", range: { row: 4, col: 0, rows: 2, cols: 1 } },
      { how: "down", range: { row: 4, col: 4, rows: 2, cols: 76 } },
      { how: "whole", range: { row: 4, col: 1, rows: 2, cols: 3 } },
    ]);
    expect(cover(runs.flatMap(expand))).toEqual(cover(merges.filter((m) => m.rows * m.cols > 1)));
  });
});

describe("sheetExtent", () => {
  it("covers blocks, merges, clears, validations, widths and frozen panes", () => {
    const write: SheetWrite = {
      sheet: "Biểu 4",
      mode: "update",
      clear: [{ row: 50, col: 0, rows: 3, cols: 2 }],
      blocks: [
        { row: 2, col: 1, values: [[1, 2, 3]], merges: [{ row: 0, col: 0, rows: 1, cols: 30 }], rowHeights: [undefined, undefined, 20] },
      ],
      validations: [{ range: { row: 0, col: 40, rows: 1, cols: 1 }, min: 0, max: 1, help: "" }],
      layout: { columnWidths: [8, 8], frozenRows: 60 },
    };
    expect(sheetExtent(write)).toEqual({ rows: 60, cols: 41 });
    expect(sheetExtent({ sheet: "A", mode: "replace", blocks: [] })).toEqual({ rows: 0, cols: 0 });
  });
});

describe("the file's cell budget", () => {
  const fresh = { rows: 1000, cols: 26 };
  it("counts kept sheets as they are, new and replaced sheets as a new grid grown to fit, updated sheets grown", () => {
    const kept = { "Điểm - Xã": { rows: 1000, cols: 304 }, "Cài đặt": { rows: 1000, cols: 26 } };
    const plan: SheetWrite[] = [
      { sheet: "Điểm - Xã", mode: "update", blocks: [{ row: 1100, col: 0, values: [[1]] }] },
      { sheet: "Biểu 4", mode: "replace", blocks: [{ row: 0, col: 0, values: [Array<number>(80).fill(1)] }] },
    ];
    expect(plannedCellCount(kept, plan, fresh)).toBe(1101 * 304 + 1000 * 26 + 1000 * 80);
  });
  it("refuses a plan over 10 000 000 cells with the count, in Vietnamese; passes one at the limit", () => {
    const plan: SheetWrite[] = [{ sheet: "Biểu 1", mode: "replace", blocks: [] }];
    expect(() => checkFileCellBudget({ Lớn: { rows: 9_974_000, cols: 1 } }, plan, fresh, SHEETS_LIMITS)).not.toThrow();
    expect(() => checkFileCellBudget({ Lớn: { rows: 9_974_001, cols: 1 } }, plan, fresh, SHEETS_LIMITS)).toThrow(
      "Sau khi ghi, bảng tính sẽ có 10000001 ô, vượt giới hạn 10000000 ô một tệp của Google Sheets; chưa ghi gì.",
    );
  });
});

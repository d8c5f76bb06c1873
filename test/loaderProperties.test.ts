/**
 * Property test of the loader every host shares (issue 11): mutated template workbooks (random edits of cells,
 * rows, columns, sheet names and value types) never make `analyzeGrids` throw; each ends either with a valid result
 * or with a non-empty list of errors, each naming a sheet (and a well-formed cell when it names one).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../shared/problem.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import { resultSchema } from "../shared/schema/resultSchema.ts";
import { analyzeGrids } from "../shared/workbook/analyzeWorkbook.ts";
import { planInputSheets } from "../shared/workbook/planInputSheets.ts";
import type { ReadValue } from "../shared/workbook/port.ts";
import { sonLaExample } from "../shared/workbook/sonLaExample.ts";
import { gridsOf } from "./helpers/gridsOf.ts";

type Grids = Record<string, ReadValue[][]>;

/** A small document (two blocks, three and two units, all three methods, self scores) whose template is quick to load. */
function smallDocument(): InputDocument {
  const criteria = [
    { code: "1", name: "Lĩnh vực 1", max: 60 },
    { code: "1.1", name: "Tiêu chí 1.1", max: 40 },
    { code: "1.1.1", name: "TCTP 1.1.1", max: 25, method: "appraised" as const },
    { code: "1.1.2", name: "TCTP 1.1.2", max: 15, method: "appraised" as const },
    { code: "1.2", name: "Tiêu chí 1.2", max: 20, method: "survey" as const },
    { code: "2", name: "Lĩnh vực 2", max: 40 },
    { code: "2.1", name: "Tiêu chí 2.1", max: 29, method: "appraised" as const },
    { code: "2.2", name: "Tiêu chí 2.2", max: 10, method: "satisfaction" as const },
    { code: "2.3", name: "Tiêu chí 2.3", max: 1, method: "appraised" as const },
  ];
  const scores = (k: number) => ({ "1.1.1": 25 - k, "1.1.2": "14,5", "1.2": 20, "2.1": 28, "2.2": 9.5, "2.3": k === 1 ? null : 1 });
  const self = (k: number) => ({ "1.1.1": 25 - k, "1.1.2": 15, "2.1": 29, "2.3": 1 });
  const block = (id: string, codes: string[]) => ({
    id,
    name: `Khối ${id}`,
    criteria,
    units: codes.map((code, k) => ({ code, name: `Đơn vị ${code}`, previous: { index: 90 - k, rank: k + 1 } })),
    scores: Object.fromEntries(codes.map((c, k) => [c, scores(k)])),
    selfScores: Object.fromEntries(codes.map((c, k) => [c, self(k)])),
  });
  return {
    format: "cchc-index/1",
    year: 2023,
    province: "Sơn La",
    decision: { number: "94/QĐ-UBND", date: "2024-01-17" },
    blocks: [block("so", ["U1", "U2", "U3"]), block("huyen", ["H1", "H2"])],
  };
}

const LABEL_TEXTS = [
  "Mã",
  "Tên tiêu chí",
  "Điểm tối đa",
  "Phương thức",
  "Tên đơn vị",
  "Chỉ số năm trước",
  "Xếp hạng năm trước",
  "KẾT QUẢ",
  "Nhóm",
  "Từ chỉ số",
  "Mã khối",
  "Tên khối",
  "Năm đánh giá",
  "Tỉnh",
  "Thẩm định",
  "Điều tra XHH",
  "Hài lòng (SIPAS)",
];
const valueArb: fc.Arbitrary<ReadValue | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 120 }) },
  fc.double(),
  fc.constantFrom(0.5, 14.999, 1e308, -0, Number.NaN, Number.POSITIVE_INFINITY, 2023, 2.5e-7),
  fc.string({ maxLength: 8 }),
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "KĐG",
      " kđg ",
      "",
      " ",
      "\u00A0",
      "1",
      "1.1",
      "1.1.1",
      "1.2",
      "2.3",
      "8.2",
      "9",
      "1.2.3.4",
      "0",
      "3,5",
      "1,0",
      "-1",
      "__proto__",
      "constructor",
      "toString",
      "hasOwnProperty",
      "U1",
      "U2",
      "H1",
      "so",
      "huyen",
      "xa",
      "A",
      "D",
      "=SUM(A1)",
      ...LABEL_TEXTS,
      ...LABEL_TEXTS.map((l) => l.normalize("NFD").toUpperCase()),
    ),
  },
  fc.boolean(),
  fc.string({ minLength: 256, maxLength: 300 }),
  fc.record({ uncalculated: fc.constant(true as const), formula: fc.string({ maxLength: 60 }) }),
  fc.constant(undefined), // a hole in a ragged row
);

type Mutation =
  | { kind: "set"; sheet: number; row: number; col: number; value: ReadValue | undefined }
  | { kind: "insertRow" | "deleteRow"; sheet: number; row: number; copyOf: number | null }
  | { kind: "insertCol" | "deleteCol"; sheet: number; col: number }
  | { kind: "swapRows"; sheet: number; row: number; other: number }
  | { kind: "retype"; sheet: number; row: number; col: number }
  | { kind: "renameSheet"; sheet: number; name: string; variant: number }
  | { kind: "deleteSheet"; sheet: number };

const sheetArb = fc.nat({ max: 50 });
const rowArb = fc.nat({ max: 40 });
const colArb = fc.nat({ max: 14 });
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("set" as const), sheet: sheetArb, row: rowArb, col: colArb, value: valueArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom("insertRow" as const, "deleteRow" as const),
      sheet: sheetArb,
      row: rowArb,
      copyOf: fc.option(rowArb),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom("insertCol" as const, "deleteCol" as const), sheet: sheetArb, col: colArb }) },
  fc.record({ kind: fc.constant("swapRows" as const), sheet: sheetArb, row: rowArb, other: rowArb }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("retype" as const), sheet: sheetArb, row: rowArb, col: colArb }) },
  fc.record({
    kind: fc.constant("renameSheet" as const),
    sheet: sheetArb,
    name: fc.string({ maxLength: 12 }),
    variant: fc.nat({ max: 3 }),
  }),
  fc.record({ kind: fc.constant("deleteSheet" as const), sheet: sheetArb }),
);

/** Applies the edits to a copy of `base`; rows and columns are taken modulo the sheet's size (plus a margin). */
function mutate(base: Grids, mutations: readonly Mutation[]): Grids {
  const grids: Grids = {};
  for (const [name, grid] of Object.entries(base)) grids[name] = grid.map((row) => row.slice());
  for (const m of mutations) {
    const names = Object.keys(grids);
    if (names.length === 0) return grids;
    const name = names[m.sheet % names.length]!;
    const grid = grids[name]!;
    const row = (r: number) => r % (grid.length + 2);
    switch (m.kind) {
      case "set": {
        const r = row(m.row);
        while (grid.length <= r) grid.push([]);
        grid[r]![m.col] = m.value as ReadValue;
        break;
      }
      case "insertRow":
        grid.splice(row(m.row), 0, m.copyOf === null ? [] : (grid[m.copyOf % Math.max(1, grid.length)] ?? []).slice());
        break;
      case "deleteRow":
        grid.splice(row(m.row), 1);
        break;
      case "insertCol":
        for (const line of grid) line.splice(m.col, 0, null);
        break;
      case "deleteCol":
        for (const line of grid) line.splice(m.col, 1);
        break;
      case "swapRows": {
        const [a, b] = [m.row % Math.max(1, grid.length), m.other % Math.max(1, grid.length)];
        if (grid[a] && grid[b]) [grid[a], grid[b]] = [grid[b], grid[a]];
        break;
      }
      case "retype": {
        const line = grid[row(m.row)];
        const v = line?.[m.col];
        if (line === undefined) break;
        if (typeof v === "number") line[m.col] = String(v).replace(".", ",");
        else if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v.replace(",", "."))))
          line[m.col] = Number(v.replace(",", "."));
        else if (typeof v === "string") line[m.col] = v.toUpperCase();
        break;
      }
      case "renameSheet": {
        const to = [m.name, name.toLowerCase(), name.normalize("NFD"), `${name} `][m.variant]!;
        if (to === name || Object.hasOwn(grids, to)) break;
        grids[to] = grid;
        delete grids[name];
        break;
      }
      case "deleteSheet":
        delete grids[name];
        break;
    }
  }
  return grids;
}

const CELL = /^[A-Z]{1,3}[1-9]\d*$/;

/** Counts of how the cases ended. */
const endings = { ok: 0, errors: 0 };

/** Why the analysis of these grids breaks the contract, or null. */
function broken(grids: Grids): string | null {
  let a: ReturnType<typeof analyzeGrids>;
  try {
    a = analyzeGrids(grids, () => {});
  } catch (e) {
    return `threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  }
  if (a.ok) {
    endings.ok++;
    const parsed = resultSchema.safeParse(a.result);
    return parsed.success ? null : `invalid result: ${parsed.error.message.slice(0, 300)}`;
  }
  endings.errors++;
  if (a.errors.length === 0) return "not ok, but no error";
  for (const e of a.errors) {
    const line = formatProblem(e);
    // A missing sheet is named in the message (there is no sheet to select).
    const missing = e.sheet === undefined && e.message.startsWith("thiếu sheet «") && e.message.includes(`«${e.path}»`);
    if (!missing && (typeof e.sheet !== "string" || e.sheet === "")) return `error without a sheet: ${line}`;
    if (e.cell !== undefined && !CELL.test(e.cell)) return `malformed cell: ${line}`;
    if (e.message.trim() === "" || /undefined|\[object /.test(e.message.replace(/"[^"]*"/g, ""))) return `odd message: ${line}`;
  }
  return null;
}

describe("loader property: mutated templates never crash and every error names its sheet", () => {
  it("10 000 mutated small templates (two blocks, all methods, self scores)", () => {
    const base = gridsOf(planInputSheets(smallDocument(), { withScores: true }));
    expect(broken(base)).toBeNull();
    expect(analyzeGrids(base, () => {}).ok).toBe(true);
    endings.ok = endings.errors = 0;
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (mutations) => {
        const why = broken(mutate(base, mutations));
        if (why !== null) throw new Error(why);
      }),
      { numRuns: 10_000 },
    );
    // Many edits leave a valid workbook (a changed name, a moved row): both endings are exercised.
    expect(endings.ok).toBeGreaterThan(100);
    expect(endings.errors).toBeGreaterThan(1000);
  }, 120_000);

  it("100 mutated Sơn La workbooks", () => {
    const base = gridsOf(planInputSheets(sonLaExample(), { withScores: true }));
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        const why = broken(mutate(base, mutations));
        if (why !== null) throw new Error(why);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

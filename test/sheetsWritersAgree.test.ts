/**
 * The two writers of the Google Sheets host leave the same spreadsheet: the Sheets API (one
 * `Sheets.Spreadsheets.batchUpdate`, the default) and SpreadsheetApp (a copy without the advanced service). Same
 * plans (the Sơn La workbook, a full recalculation with every Biểu, then «Tạo Biểu» again over it, and the same at
 * 95 units), same fake model: sheet order, grid sizes, values, formulas, notes, checks, fills, borders, merges,
 * column widths, row heights, frozen panes, tab colours and charts must be equal; the cell formats that show (number
 * format, font, alignment, wrap) equal on every cell holding a value and not hidden under a merge — on other cells
 * the SpreadsheetApp writer may put any value, to save calls.
 */
import { describe, expect, it } from "vitest";
import { SheetsHost } from "../appsscript/sheetsHost.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import { planInputSheets } from "../shared/workbook/planInputSheets.ts";
import { recalculateWorkbook } from "../shared/workbook/recalculateWorkbook.ts";
import { sonLaExample } from "../shared/workbook/sonLaExample.ts";
import { fakeEnvironment, hostServices, keyCell, type FakeCell, type FakeEnvironment, type FakeSheet } from "./fakes/fakeSheets.ts";
import { scaledInput } from "./fixtures/scaledInput.ts";

/** A spreadsheet after the template with scores, «Tạo Biểu», and «Tạo Biểu» again (each Biểu replaced). */
function run(input: InputDocument, sheetsApi: boolean): FakeEnvironment {
  const env = fakeEnvironment({}, { sheetsApi });
  env.spreadsheet._addSheet("Trang tính1");
  const host = () => new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, hostServices(env));
  host().write(planInputSheets(input, { withScores: true }));
  for (let i = 0; i < 2; i++) {
    const outcome = recalculateWorkbook(host(), { reports: true }) as Awaited<ReturnType<typeof recalculateWorkbook>>;
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors.slice(0, 3)));
  }
  return env;
}

/** What a cell shows, with Sheets' defaults written out (a default set explicitly = not set). */
function shown(cell: FakeCell | undefined, visible: boolean): Record<string, unknown> {
  const c = cell ?? { value: "" };
  const out: Record<string, unknown> = {
    value: c.value instanceof Date ? c.value.toISOString() : c.value,
    formula: c.formula ?? null,
    note: c.note ?? null,
    validation:
      c.validation === undefined
        ? null
        : { ...c.validation.criteria, help: c.validation.helpText, allowInvalid: c.validation.allowInvalid },
    fill: c.background ?? null,
    border: c.border === undefined || !Object.values(c.border).some(Boolean) ? null : c.border,
  };
  if (visible) {
    out.numberFormat = c.numberFormat === undefined || c.numberFormat === "General" ? null : c.numberFormat;
    out.bold = c.fontWeight === "bold";
    out.italic = c.fontStyle === "italic";
    out.font = c.fontFamily ?? "Arial";
    out.size = c.fontSize ?? 10;
    out.color = c.fontColor ?? "#000000";
    out.hAlign = c.hAlign ?? null;
    out.vAlign = c.vAlign ?? "bottom";
    out.wrap = c.wrap ?? false;
  }
  return out;
}

/** Every cell either writer touched on a sheet, by "row,col", as shown. */
function cells(a: FakeSheet, b: FakeSheet): Map<string, [Record<string, unknown>, Record<string, unknown>]> {
  const keys = new Set([...a._cells.keys(), ...b._cells.keys()]);
  const hidden = (s: FakeSheet, r: number, c: number) =>
    s._merges.some((m) => r >= m.row && r < m.row + m.rows && c >= m.col && c < m.col + m.cols && (r !== m.row || c !== m.col));
  const out = new Map<string, [Record<string, unknown>, Record<string, unknown>]>();
  for (const key of keys) {
    const [r, c] = keyCell(key);
    const ca = a._cells.get(key);
    const cb = b._cells.get(key);
    const visible = (ca?.value ?? "") !== "" && !hidden(a, r, c);
    out.set(`${r},${c}`, [shown(ca, visible), shown(cb, visible)]);
  }
  return out;
}

const CASES: { name: string; input: () => InputDocument }[] = [
  { name: "Sơn La 2023", input: sonLaExample },
  { name: "95 units (20 sở + 75 xã, phường)", input: () => scaledInput({ so: 20, xa: 75 }) },
];

describe.each(CASES)("the Sheets API and SpreadsheetApp writers agree: $name", ({ input }) => {
  it("same sheets, cells, formats, merges, sizes, panes, tab colours and charts", () => {
    const api = run(input(), true);
    const app = run(input(), false);
    expect(api.log.calls.get("Sheets.batchUpdate")).toBeGreaterThan(0);
    expect(app.log.calls.get("Sheets.batchUpdate")).toBeUndefined();
    expect(api.spreadsheet._names()).toEqual(app.spreadsheet._names());
    expect(api.spreadsheet._names().filter((n) => n.startsWith("Biểu "))).toHaveLength(22);
    for (const name of app.spreadsheet._names()) {
      const a = api.spreadsheet._sheet(name)!;
      const b = app.spreadsheet._sheet(name)!;
      const sheet = (s: FakeSheet) => ({
        size: [s._maxRows, s._maxCols],
        merges: [...s._merges].sort((x, y) => x.row - y.row || x.col - y.col),
        frozen: [s._frozenRows, s._frozenCols],
        widths: [...s._columnWidths].sort((x, y) => x[0] - y[0]),
        heights: [...s._rowHeights].sort((x, y) => x[0] - y[0]),
        tab: s._tabColor,
        charts: s._charts.map((c) => ({ type: c.type, ranges: c.ranges, options: c.options, position: c.position })),
      });
      expect(sheet(a), name).toEqual(sheet(b));
      for (const [at, [x, y]] of cells(a, b)) expect(x, `${name}!${at}`).toEqual(y);
    }
  }, 120_000);
});

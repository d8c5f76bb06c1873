/**
 * Writing one block of a plan on a Google sheet with a fixed number of calls, whatever the number of cells:
 * values in one `setValues` (number formats first, in one call, so text stays text); then per format aspect at
 * most one call on the block's range — one value for the whole range (`setX`) or a 2-D grid (`setXs`); font,
 * size, weight, slant and colour together as text styles; borders in one `RangeList`; merges in runs
 * (`mergeAcross` for one-row merges over the same columns, `mergeVertically` for one-column merges). The
 * decisions two hosts share (style rectangles, merge runs, equal runs) are the core's (shared/workbook/).
 */
import type { CellRange, CellStyle, CellValue, WriteBlock } from "../shared/workbook/port.ts";
import { cellAddress } from "../shared/workbook/port.ts";
import { equalRuns } from "../shared/workbook/equalRuns.ts";
import { mergeRuns } from "../shared/workbook/mergeRuns.ts";
import { rectanglesByValue } from "../shared/workbook/rectanglesByValue.ts";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type RangeList = GoogleAppsScript.Spreadsheet.RangeList;
type TextStyle = GoogleAppsScript.Spreadsheet.TextStyle;

/** Builds a text style (SpreadsheetApp.newTextStyle by default). */
export type NewTextStyle = () => GoogleAppsScript.Spreadsheet.TextStyleBuilder;

/** "B3:D7" (or "B3") of a 0-based range. */
export function rangeA1(r: CellRange): string {
  const tl = cellAddress(r.row, r.col);
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${cellAddress(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/** Points → pixels (Sheets sizes rows in pixels). */
export const pointsToPixels = (pt: number): number => Math.max(1, Math.round((pt * 4) / 3));

/** What Sheets shows in a cell nobody formatted. */
const DEFAULTS = { bold: false, italic: false, fontName: "Arial", fontSize: 10, color: "#000000" } as const;
const TEXT_FIELDS = ["bold", "italic", "fontName", "fontSize", "color"] as const;

/** A cell of the block: its value, its style, and whether its text formats are invisible (empty or merged away). */
interface Cell {
  v: CellValue;
  s: CellStyle;
  free: boolean;
}

/**
 * One aspect over the block. On a fresh block (new sheet, or inside a cleared range) a cell without the aspect
 * gets the default, and `free` cells take any value (the first needed one), so that the block needs one call
 * (uniform) or one 2-D call; nothing when every needed cell is the default. Otherwise (a block over a person's
 * cells) only cells with the aspect are touched: one call per distinct value on a `RangeList`.
 */
function aspect<T>(
  sheet: Sheet,
  range: Range,
  block: { row: number; col: number },
  cells: Cell[][],
  fresh: boolean,
  pick: (c: Cell) => T | undefined,
  fallback: T,
  one: (target: Range | RangeList, v: T) => void,
  grid: (target: Range, values: T[][]) => void,
  canBeFree = true,
): void {
  if (!fresh) {
    for (const [value, rects] of rectanglesByValue(cells.map((line) => line.map(pick)))) {
      one(sheet.getRangeList(rects.map((r) => rangeA1({ ...r, row: block.row + r.row, col: block.col + r.col }))), value);
    }
    return;
  }
  const needed = cells.map((line) => line.map((c) => (canBeFree && c.free ? undefined : (pick(c) ?? fallback))));
  const distinct = new Set<T>();
  for (const line of needed) for (const v of line) if (v !== undefined) distinct.add(v);
  if (distinct.size === 0 || (distinct.size === 1 && distinct.has(fallback))) return;
  const first = distinct.values().next().value as T;
  if (distinct.size === 1) one(range, first);
  else
    grid(
      range,
      needed.map((line) => line.map((v) => (v === undefined ? first : v))),
    );
}

/** Writes one block (values, formats, merges, note, row heights). `fresh`: the block's cells hold nothing of a person's. */
export function writeBlock(sheet: Sheet, block: WriteBlock, fresh: boolean, newTextStyle: NewTextStyle): void {
  const height = block.values.length;
  const width = block.values.reduce((w, line) => Math.max(w, line.length), 0);
  if (height === 0 || width === 0) return;
  // Cells of the block hidden under a merge (all but the merge's top-left cell).
  const hidden = new Set<number>();
  for (const m of block.merges ?? []) {
    for (let r = Math.max(m.row, block.row); r < Math.min(m.row + m.rows, block.row + height); r++) {
      for (let c = Math.max(m.col, block.col); c < Math.min(m.col + m.cols, block.col + width); c++) {
        if (r !== m.row || c !== m.col) hidden.add((r - block.row) * width + (c - block.col));
      }
    }
  }
  const merged = (r: number, c: number) => hidden.has(r * width + c);
  const cells: Cell[][] = Array.from({ length: height }, (_, r) =>
    Array.from({ length: width }, (_, c) => {
      const v = block.values[r]?.[c] ?? null;
      const own = block.styles?.[r]?.[c];
      const s = own === null || own === undefined ? (block.style ?? {}) : { ...block.style, ...own };
      return { v, s, free: v === null || v === "" || merged(r, c) };
    }),
  );
  const range = sheet.getRange(block.row + 1, block.col + 1, height, width);
  const at = { row: block.row, col: block.col };
  const run = <T>(
    pick: (c: Cell) => T | undefined,
    fallback: T,
    one: (t: Range | RangeList, v: T) => void,
    grid: (t: Range, g: T[][]) => void,
    canBeFree = true,
  ) => aspect(sheet, range, at, cells, fresh, pick, fallback, one, grid, canBeFree);

  // Text stays text: "@" on every string cell before the values go in (setValues parses "=…", "1.10", "3,5").
  run(
    (c) => (typeof c.v === "string" && c.v !== "" ? "@" : c.s.numberFormat),
    "General",
    (t, f) => t.setNumberFormat(f),
    (t, g) => t.setNumberFormats(g),
  );
  range.setValues(cells.map((line) => line.map((c) => (c.v === null ? "" : c.v))));

  // Font, size, weight, slant, colour: one text style per distinct combination, only of the fields the block uses
  // (RangeList has no setTextStyle: over a person's cells, one aspect at a time).
  const used = TEXT_FIELDS.filter((f) => cells.some((line) => line.some((c) => c.s[f] !== undefined)));
  if (!fresh) {
    const weight = (b: boolean | undefined) => (b === undefined ? undefined : b ? "bold" : "normal");
    const slant = (b: boolean | undefined) => (b === undefined ? undefined : b ? "italic" : "normal");
    run(
      (c) => weight(c.s.bold),
      "normal",
      (t, v) => t.setFontWeight(v as "bold"),
      () => {},
    );
    run(
      (c) => slant(c.s.italic),
      "normal",
      (t, v) => t.setFontStyle(v),
      () => {},
    );
    run(
      (c) => c.s.fontName,
      DEFAULTS.fontName as string,
      (t, v) => t.setFontFamily(v),
      () => {},
    );
    run(
      (c) => c.s.fontSize,
      DEFAULTS.fontSize as number,
      (t, v) => t.setFontSize(v),
      () => {},
    );
    run(
      (c) => c.s.color?.toUpperCase(),
      DEFAULTS.color as string,
      (t, v) => t.setFontColor(v),
      () => {},
    );
  } else if (used.length > 0) {
    const styles = new Map<string, TextStyle>();
    const textStyle = (c: Cell): TextStyle => {
      const key = used.map((f) => String(c.s[f] ?? DEFAULTS[f])).join("|");
      let style = styles.get(key);
      if (style === undefined) {
        let b = newTextStyle();
        for (const f of used) {
          const v = c.s[f] ?? DEFAULTS[f];
          if (f === "bold") b = b.setBold(v as boolean);
          else if (f === "italic") b = b.setItalic(v as boolean);
          else if (f === "fontName") b = b.setFontFamily(v as string);
          else if (f === "fontSize") b = b.setFontSize(v as number);
          else b = b.setForegroundColor((v as string).toUpperCase());
        }
        styles.set(key, (style = b.build()));
      }
      return style;
    };
    const none = textStyle({ v: null, s: {}, free: true });
    const pick = (c: Cell) => (used.some((f) => c.s[f] !== undefined) ? textStyle(c) : undefined);
    run(
      pick,
      none,
      (t, v) => (t as Range).setTextStyle(v),
      (t, g) => t.setTextStyles(g),
    );
  }
  type H = NonNullable<CellStyle["hAlign"]> | null;
  type V = NonNullable<CellStyle["vAlign"]> | null;
  // Sheets' own alignment already puts text left and numbers right: those need no call.
  const hAlign = (c: Cell): H | undefined =>
    (c.s.hAlign === "left" && typeof c.v === "string") || (c.s.hAlign === "right" && typeof c.v === "number") ? null : c.s.hAlign;
  run<H>(
    hAlign,
    null,
    (t, v) => t.setHorizontalAlignment(v),
    (t, g) => t.setHorizontalAlignments(g),
  );
  run<V>(
    (c) => c.s.vAlign,
    null,
    (t, v) => t.setVerticalAlignment(v),
    (t, g) => t.setVerticalAlignments(g),
  );
  run(
    (c) => c.s.wrap,
    false,
    (t, v) => t.setWrap(v),
    (t, g) => t.setWraps(g),
  );
  run(
    (c) => c.s.fill?.toUpperCase(),
    null as string | null,
    (t, v) => t.setBackground(v),
    (t, g) => t.setBackgrounds(g),
    false,
  );
  // Borders: every bordered rectangle in one RangeList (a fresh block has none to take off).
  const borders = rectanglesByValue(cells.map((line) => line.map((c) => c.s.border)));
  for (const on of fresh ? [true] : [false, true]) {
    const rects = borders.get(on) ?? [];
    if (rects.length > 0)
      sheet
        .getRangeList(rects.map((r) => rangeA1({ ...r, row: block.row + r.row, col: block.col + r.col })))
        .setBorder(on, on, on, on, on, on);
  }

  for (const m of mergeRuns(block.merges ?? [])) {
    const target = sheet.getRange(m.range.row + 1, m.range.col + 1, m.range.rows, m.range.cols);
    if (m.how === "across") target.mergeAcross();
    else if (m.how === "down") target.mergeVertically();
    else target.merge();
  }
  if (block.note !== undefined) sheet.getRange(block.row + 1, block.col + 1).setNote(block.note);
  if (block.rowHeights !== undefined) {
    // Sheets fits a row to its wrapped text by itself (Excel, which the heights are computed for, does not);
    // it does not for merged cells: set heights only on rows that hold a merge.
    const holdsMerge = (row: number) => (block.merges ?? []).some((m) => m.cols > 1 && m.row <= row && row < m.row + m.rows);
    const heights = block.rowHeights.map((h, i) => (holdsMerge(block.row + i) ? h : undefined));
    for (const r of equalRuns(heights)) sheet.setRowHeights(block.row + r.start + 1, r.count, pointsToPixels(r.value));
  }
}

/**
 * The requests of the Sheets API (`Sheets.Spreadsheets.batchUpdate`, the advanced service) that write one sheet of
 * a plan: values in one `updateCells`, formats as one `repeatCell` per rectangle of cells formatted alike
 * (`rectanglesByValue`), one `mergeCells` per merge, `updateDimensionProperties` per run of equal column widths or
 * row heights, the block notes, the number checks (`setDataValidation`), and for a kept sheet its cleared ranges.
 * Plain JSON, no call: the host sends them in as few batchUpdates as the request size allows.
 *
 * Same cells as the SpreadsheetApp writer (sheetsBlock.ts): every string goes in as `stringValue` (text stays
 * text, "=…" too) under the number format "@"; Sheets' own alignment (text left, numbers right) is not set; row
 * heights only on rows holding a merge (Sheets fits other rows to their wrapped text).
 */
import type { CellRange, CellStyle, CellValue, SheetLayout, SheetWrite, WriteBlock } from "../shared/workbook/port.ts";
import { equalRuns } from "../shared/workbook/equalRuns.ts";
import { rectanglesByValue } from "../shared/workbook/rectanglesByValue.ts";
import { styleKey } from "../shared/workbook/styleRectangles.ts";
import { pointsToPixels } from "./sheetsBlock.ts";
import { charsToPixels } from "./sheetsLayout.ts";

/** One request of a batchUpdate (`{ addSheet: {…} }`, `{ updateCells: {…} }`…). */
export type SheetsRequest = Record<string, unknown>;

/** The part of the Sheets advanced service the host uses (the global `Sheets` when the manifest enables it). */
export interface SheetsApiService {
  Spreadsheets: { batchUpdate: (resource: { requests: SheetsRequest[] }, spreadsheetId: string) => unknown };
}

/**
 * A `GridRange` of the API (0-based, end exclusive) from a 0-based `CellRange`.
 *
 * @example
 * gridRange(7, { row: 2, col: 0, rows: 1, cols: 4 });
 * // { sheetId: 7, startRowIndex: 2, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 4 }
 */
export function gridRange(sheetId: number, r: CellRange): Record<string, number> {
  return { sheetId, startRowIndex: r.row, endRowIndex: r.row + r.rows, startColumnIndex: r.col, endColumnIndex: r.col + r.cols };
}

/**
 * "#RRGGBB" → the API's `ColorStyle` (components 0–1).
 *
 * @example
 * colorStyle("#FF0000"); // { rgbColor: { red: 1, green: 0, blue: 0 } }
 */
export function colorStyle(hex: string): { rgbColor: { red: number; green: number; blue: number } } {
  const n = (i: number) => parseInt(hex.slice(i, i + 2), 16) / 255;
  return { rgbColor: { red: n(1), green: n(3), blue: n(5) } };
}

/** The API's `NumberFormat` of an Excel-style code; "General" has none (Sheets' automatic format). */
function numberFormat(code: string): { type: string; pattern: string } | undefined {
  if (code === "General") return undefined;
  return { type: code === "@" ? "TEXT" : code.includes("%") ? "PERCENT" : "NUMBER", pattern: code };
}

/** The `CellData` holding a value (`{}`: empty). Strings are always text, never formulas. */
function valueData(v: CellValue): Record<string, unknown> {
  if (v === null || v === "") return {};
  if (typeof v === "string") return { userEnteredValue: { stringValue: v } };
  if (typeof v === "number") return { userEnteredValue: { numberValue: v } };
  return { userEnteredValue: { boolValue: v } };
}

const H: Record<string, string> = { left: "LEFT", center: "CENTER", right: "RIGHT" };
const V: Record<string, string> = { top: "TOP", middle: "MIDDLE", bottom: "BOTTOM" };
const NONE = { style: "NONE" };
const SOLID = { style: "SOLID" };

/** One cell format: the `userEnteredFormat` to set and the field mask naming exactly its parts. */
interface Format {
  format: Record<string, unknown>;
  fields: string;
}

/** The format of a cell (its number format decided apart); undefined when nothing is set. */
function cellFormat(nf: string | undefined, s: CellStyle, hAlign: CellStyle["hAlign"], fresh: boolean): Format | undefined {
  const f: Record<string, unknown> = {};
  const fields: string[] = [];
  if (nf !== undefined) {
    const n = numberFormat(nf);
    if (n !== undefined) f.numberFormat = n;
    fields.push("userEnteredFormat.numberFormat");
  }
  const text: Record<string, unknown> = {};
  if (s.bold !== undefined) text.bold = s.bold;
  if (s.italic !== undefined) text.italic = s.italic;
  if (s.fontName !== undefined) text.fontFamily = s.fontName;
  if (s.fontSize !== undefined) text.fontSize = s.fontSize;
  if (s.color !== undefined) text.foregroundColorStyle = colorStyle(s.color);
  for (const k of Object.keys(text)) fields.push(`userEnteredFormat.textFormat.${k}`);
  if (Object.keys(text).length > 0) f.textFormat = text;
  if (hAlign !== undefined) {
    f.horizontalAlignment = H[hAlign];
    fields.push("userEnteredFormat.horizontalAlignment");
  }
  if (s.vAlign !== undefined) {
    f.verticalAlignment = V[s.vAlign];
    fields.push("userEnteredFormat.verticalAlignment");
  }
  if (s.wrap !== undefined) {
    f.wrapStrategy = s.wrap ? "WRAP" : "OVERFLOW_CELL";
    fields.push("userEnteredFormat.wrapStrategy");
  }
  if (s.fill !== undefined) {
    f.backgroundColorStyle = colorStyle(s.fill);
    fields.push("userEnteredFormat.backgroundColorStyle");
  }
  // A fresh cell has no border to take off.
  if (s.border === true || (s.border === false && !fresh)) {
    const side = s.border ? SOLID : NONE;
    f.borders = { top: side, bottom: side, left: side, right: side };
    fields.push("userEnteredFormat.borders");
  }
  return fields.length === 0 ? undefined : { format: f, fields: fields.join(",") };
}

/**
 * The requests writing one block: values, formats, merges, note, row heights. `fresh`: the block's cells hold
 * nothing of a person's (a new sheet, or inside a cleared range).
 *
 * @example
 * blockRequests(7, { row: 0, col: 0, values: [["Biểu 1"]], style: { bold: true } }, true);
 * // [{ updateCells: … }, { repeatCell: … }]
 */
export function blockRequests(sheetId: number, block: WriteBlock, fresh: boolean): SheetsRequest[] {
  const height = block.values.length;
  const width = block.values.reduce((w, line) => Math.max(w, line.length), 0);
  if (height === 0 || width === 0) return [];
  const out: SheetsRequest[] = [];
  const values = Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => block.values[r]?.[c] ?? null));
  out.push({
    updateCells: {
      start: { sheetId, rowIndex: block.row, columnIndex: block.col },
      rows: values.map((line) => ({ values: line.map(valueData) })),
      fields: "userEnteredValue",
    },
  });

  // Formats: one key per cell (number format, alignment as set, style), one repeatCell per rectangle of a key.
  const formats = new Map<string, Format | null>();
  const styleKeys = new Map<CellStyle, string>();
  const empty: CellStyle = {};
  const keys = values.map((line, r) =>
    line.map((v, c): string | undefined => {
      const own = block.styles?.[r]?.[c];
      const s = own === null || own === undefined ? (block.style ?? empty) : { ...block.style, ...own };
      const nf = typeof v === "string" && v !== "" ? "@" : s.numberFormat;
      // Sheets' own alignment already puts text left and numbers right.
      const h = (s.hAlign === "left" && typeof v === "string") || (s.hAlign === "right" && typeof v === "number") ? undefined : s.hAlign;
      let sk = styleKeys.get(s);
      if (sk === undefined) styleKeys.set(s, (sk = styleKey(s)));
      const key = `${nf ?? ""}\u0001${h ?? ""}\u0001${sk}`;
      if (!formats.has(key)) formats.set(key, cellFormat(nf, s, h, fresh) ?? null);
      return formats.get(key) === null ? undefined : key;
    }),
  );
  for (const [key, rects] of rectanglesByValue(keys)) {
    const f = formats.get(key)!;
    for (const r of rects) {
      out.push({
        repeatCell: {
          range: gridRange(sheetId, { row: block.row + r.row, col: block.col + r.col, rows: r.rows, cols: r.cols }),
          cell: { userEnteredFormat: f.format },
          fields: f.fields,
        },
      });
    }
  }
  for (const m of block.merges ?? []) {
    if (m.rows * m.cols > 1) out.push({ mergeCells: { range: gridRange(sheetId, m), mergeType: "MERGE_ALL" } });
  }
  if (block.note !== undefined) {
    out.push({
      updateCells: {
        start: { sheetId, rowIndex: block.row, columnIndex: block.col },
        rows: [{ values: [{ note: block.note }] }],
        fields: "note",
      },
    });
  }
  if (block.rowHeights !== undefined) {
    // As the SpreadsheetApp writer: heights only on rows that hold a merge (Sheets fits the others by itself).
    const holdsMerge = (row: number) => (block.merges ?? []).some((m) => m.cols > 1 && m.row <= row && row < m.row + m.rows);
    const heights = block.rowHeights.map((h, i) => (holdsMerge(block.row + i) ? h : undefined));
    for (const run of equalRuns(heights)) {
      out.push(dimension(sheetId, "ROWS", block.row + run.start, run.count, pointsToPixels(run.value)));
    }
  }
  return out;
}

/** An `updateDimensionProperties` setting `count` rows or columns from `start` (0-based) to `pixels`. */
function dimension(sheetId: number, dimension: "ROWS" | "COLUMNS", start: number, count: number, pixels: number): SheetsRequest {
  return {
    updateDimensionProperties: {
      range: { sheetId, dimension, startIndex: start, endIndex: start + count },
      properties: { pixelSize: pixels },
      fields: "pixelSize",
    },
  };
}

/**
 * The sheet properties of a layout that `addSheet` or `updateSheetProperties` carry: frozen panes, tab colour.
 *
 * @example
 * layoutProperties({ frozenRows: 3, tabColor: "#2F5597" }).fields; // ["gridProperties.frozenRowCount", "tabColorStyle"]
 */
export function layoutProperties(layout: SheetLayout | undefined): { properties: Record<string, unknown>; fields: string[] } {
  const grid: Record<string, number> = {};
  const properties: Record<string, unknown> = {};
  const fields: string[] = [];
  if (layout?.frozenRows !== undefined) {
    grid.frozenRowCount = layout.frozenRows;
    fields.push("gridProperties.frozenRowCount");
  }
  if (layout?.frozenCols !== undefined) {
    grid.frozenColumnCount = layout.frozenCols;
    fields.push("gridProperties.frozenColumnCount");
  }
  if (fields.length > 0) properties.gridProperties = grid;
  if (layout?.tabColor !== undefined) {
    properties.tabColorStyle = colorStyle(layout.tabColor);
    fields.push("tabColorStyle");
  }
  return { properties, fields };
}

/**
 * The requests writing one change on a sheet that exists (added just before, or kept): cleared ranges, blocks,
 * number checks, column widths, and for a kept sheet its frozen panes and tab colour.
 *
 * @example
 * changeRequests(7, change, true); // a replaced sheet, added in the same batch
 */
export function changeRequests(sheetId: number, change: SheetWrite, added: boolean): SheetsRequest[] {
  const out: SheetsRequest[] = [];
  const cleared = (change.clear ?? []).filter((r) => r.rows > 0 && r.cols > 0);
  if (!added && change.mode === "update") {
    for (const r of cleared) {
      out.push({ unmergeCells: { range: gridRange(sheetId, r) } });
      out.push({ updateCells: { range: gridRange(sheetId, r), fields: "userEnteredValue,userEnteredFormat,note,dataValidation" } });
    }
  }
  for (const block of change.blocks) {
    const fresh = added || change.mode === "replace" || cleared.some((r) => inside(block, r));
    out.push(...blockRequests(sheetId, block, fresh));
  }
  const list = change.validations ?? [];
  if (list.length > 0) {
    // As SpreadsheetApp's one setDataValidations: the rectangle holding them all is set whole (no rule elsewhere).
    const top = Math.min(...list.map((v) => v.range.row));
    const left = Math.min(...list.map((v) => v.range.col));
    const bottom = Math.max(...list.map((v) => v.range.row + v.range.rows));
    const right = Math.max(...list.map((v) => v.range.col + v.range.cols));
    if (!added)
      out.push({ setDataValidation: { range: gridRange(sheetId, { row: top, col: left, rows: bottom - top, cols: right - left }) } });
    for (const v of list) {
      if (v.range.rows <= 0 || v.range.cols <= 0) continue;
      out.push({
        setDataValidation: {
          range: gridRange(sheetId, v.range),
          rule: {
            condition: { type: "NUMBER_BETWEEN", values: [{ userEnteredValue: String(v.min) }, { userEnteredValue: String(v.max) }] },
            inputMessage: v.help,
            strict: false,
          },
        },
      });
    }
  }
  for (const run of equalRuns(change.layout?.columnWidths ?? [])) {
    out.push(dimension(sheetId, "COLUMNS", run.start, run.count, charsToPixels(run.value)));
  }
  if (!added) {
    const { properties, fields } = layoutProperties(change.layout);
    if (fields.length > 0) out.push({ updateSheetProperties: { properties: { sheetId, ...properties }, fields: fields.join(",") } });
  }
  return out;
}

/**
 * Whether a block lies wholly inside a range.
 *
 * @example
 * inside({ row: 3, col: 1, values: [["x"]] }, { row: 3, col: 0, rows: 2, cols: 2 }); // true
 */
export function inside(block: WriteBlock, r: CellRange): boolean {
  const width = block.values.reduce((w, line) => Math.max(w, line.length), 0);
  return (
    block.row >= r.row && block.col >= r.col && block.row + block.values.length <= r.row + r.rows && block.col + width <= r.col + r.cols
  );
}

/**
 * Bytes of a string in UTF-8 (the size of a request body; Apps Script has no TextEncoder).
 *
 * @example
 * utf8Length("Biểu"); // 6
 */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

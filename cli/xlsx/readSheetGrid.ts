/**
 * Reading cell values from a worksheet part's XML, with the workbook's shared strings and the styles that
 * show a date. Values only, as the port wants them: numbers, text, booleans, dates as "YYYY-MM-DD", a formula's
 * cached result (none: an `UncalculatedFormula` marker), an error as its text ("#N/A").
 */
import { isDateFormat, serialToIso } from "../../shared/workbook/excelDates.ts";
import type { ReadValue } from "../../shared/workbook/port.ts";
import { trimmedGrid } from "../../shared/workbook/trimmedGrid.ts";
import { attr, parseAttrs, unescapeOoxml, unescapeXml } from "./xml.ts";

/**
 * The strings of a sharedStrings part, rich text runs joined, phonetic runs left out.
 *
 * @example
 * parseSharedStrings('<sst><si><t>Sở</t></si><si><r><t>A</t></r><r><t>B</t></r></si></sst>'); // ["Sở", "AB"]
 */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) out.push(runText(m[1] ?? ""));
  return out;
}

/** The text of `<t>` elements of a string item (`<si>` or `<is>`), phonetic runs (`<rPh>`) left out. */
function runText(inner: string): string {
  const body = inner.includes("rPh") ? inner.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "") : inner;
  let s = "";
  for (const t of body.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)) s += t[1] ?? "";
  return unescapeOoxml(unescapeXml(s));
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30). */
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/**
 * For each cellXfs index of a styles part, whether it shows a date.
 *
 * @example
 * dateStyles(stylesXml); // [false, false, true, …]
 */
export function dateStyles(xml: string | undefined): boolean[] {
  if (xml === undefined) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
    const a = parseAttrs(m[0]);
    custom.set(Number(a.numFmtId), a.formatCode ?? "");
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? "";
  return [...xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], "numFmtId") ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id);
  });
}

/**
 * 0-based column of a cell reference's letters ("AB12" → 27), or -1.
 *
 * @example
 * refColumn("C7"); // 2
 */
export function refColumn(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    const upper = code >= 97 ? code - 32 : code;
    if (upper < 65 || upper > 90) break;
    n = n * 26 + (upper - 64);
  }
  return i === 0 ? -1 : n - 1;
}

/** Options of `readSheetGrid`. */
export interface GridContext {
  sharedStrings: readonly string[];
  dates: readonly boolean[];
  /** Read only column A. */
  firstColumnOnly?: boolean;
  /** Dates count from 1904 (a workbook's `<workbookPr date1904="1"/>`, old Mac Excel). */
  date1904?: boolean;
}

const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;

/**
 * A sheet's values from A1 to its last value, trailing empty rows and columns trimmed.
 *
 * @example
 * readSheetGrid('<worksheet><sheetData><row r="1"><c r="B1"><v>3.5</v></c></row></sheetData></worksheet>',
 *   { sharedStrings: [], dates: [] }); // [[null, 3.5]]
 */
export function readSheetGrid(xml: string, context: GridContext): ReadValue[][] {
  const start = xml.search(/<(?:\w+:)?sheetData\b/);
  if (start < 0) return [];
  const endMatch = /<\/(?:\w+:)?sheetData>/.exec(xml.slice(start));
  const data = endMatch === null ? "" : xml.slice(start, start + endMatch.index);
  const rows: ReadValue[][] = [];
  let nextRow = 1;
  ROW.lastIndex = 0;
  let rm: RegExpExecArray | null;
  while ((rm = ROW.exec(data)) !== null) {
    const r = Number(attr(rm[1] ?? "", "r") ?? nextRow);
    nextRow = r + 1;
    const body = rm[2];
    if (body === undefined || body === "") continue;
    const line: ReadValue[] = [];
    let nextCol = 0;
    CELL.lastIndex = 0;
    let cm: RegExpExecArray | null;
    while ((cm = CELL.exec(body)) !== null) {
      const attrs = cm[1] ?? "";
      const ref = attr(attrs, "r");
      const col = ref === undefined ? nextCol : refColumn(ref);
      nextCol = col + 1;
      if (context.firstColumnOnly === true && col > 0) break;
      const inner = cm[2];
      if (inner === undefined || inner === "") continue;
      const value = cellValue(attrs, inner, context);
      if (value !== null) line[col] = value;
    }
    if (line.length > 0) rows[r - 1] = line;
  }
  return trimmedGrid(rows);
}

function cellValue(attrs: string, inner: string, context: GridContext): ReadValue {
  const type = attr(attrs, "t") ?? "n";
  if (type === "inlineStr") {
    const is = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner)?.[1];
    const s = is === undefined ? "" : runText(is);
    return s === "" ? null : s;
  }
  const v = /<(?:\w+:)?v\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?v>)/.exec(inner)?.[1];
  if (v === undefined) {
    // A formula the program that saved the file never calculated: say so, never read it as an empty cell.
    const f = /<(?:\w+:)?f\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/.exec(inner);
    return f === null ? null : { uncalculated: true, formula: `=${unescapeXml(f[1] ?? "") || "…"}` };
  }
  switch (type) {
    case "s": {
      const s = context.sharedStrings[Number(v)];
      return s === undefined || s === "" ? null : s;
    }
    case "str":
    case "e": {
      const s = unescapeOoxml(unescapeXml(v));
      return s === "" ? null : s;
    }
    case "b":
      return v.trim() === "1" || v.trim() === "true";
    case "d": {
      const iso = /^\d{4}-\d{2}-\d{2}/.exec(v.trim());
      return iso === null ? v.trim() || null : iso[0];
    }
    default: {
      const n = Number(v);
      if (v.trim() === "" || !Number.isFinite(n)) return null;
      const s = Number(attr(attrs, "s") ?? 0);
      return context.dates[s] === true ? serialToIso(context.date1904 === true ? n + 1462 : n) : n;
    }
  }
}

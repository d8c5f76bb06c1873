/**
 * Applies one `SheetWrite` of the core's plan to a worksheet of an `XlsxBook`: clears ranges (values, formats,
 * notes, merges touching them), writes blocks (values, styles, merges, row heights, notes), then layout,
 * input checks and (on a replaced sheet) the charts, whose parts the book writes on save. Strings are always written as text (inline strings), never as formulas.
 */
import { columnLetters, type CellRange, type CellStyle, type CellValue, type SheetWrite } from "../../shared/workbook/port.ts";
import type { SheetEntry, XlsxBook } from "./XlsxBook.ts";
import type { SheetXml } from "./SheetXml.ts";
import { applyLayout } from "./applyLayout.ts";
import { escapeXml, attr } from "./xml.ts";
import { refColumn } from "./readSheetGrid.ts";

/** A merge, 0-based and inclusive. */
interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Writes one sheet of the plan. Returns the number of blocks written.
 *
 * @example
 * writeSheet(book, entry, { sheet: "Biểu 1", mode: "replace", blocks: [{ row: 0, col: 0, values: [["Tiêu đề"]] }] });
 */
export function writeSheet(book: XlsxBook, entry: SheetEntry, change: SheetWrite): number {
  const sheet = book.sheet(entry);
  const styles = book.styles();
  const fresh = change.mode === "replace";
  const merges = readMerges(sheet);
  let mergesChanged = false;
  const unmerge = (range: CellRange): void => {
    const before = merges.length;
    for (let i = merges.length - 1; i >= 0; i--) if (overlaps(merges[i] as Merge, range)) merges.splice(i, 1);
    mergesChanged ||= merges.length !== before;
  };
  for (const range of change.clear ?? []) {
    if (range.rows === 0 || range.cols === 0) continue;
    unmerge(range);
    if (hasNotes(book, entry)) book.notes(entry).clear(range);
    for (const r of sheet.rowsIn(range.row, range.row + range.rows)) sheet.removeCells(r, range.col, range.col + range.cols);
  }
  for (const block of change.blocks) {
    const height = block.values.length;
    const width = block.values.reduce((w, line) => Math.max(w, line.length), 0);
    if (height > 0 && width > 0) unmerge({ row: block.row, col: block.col, rows: height, cols: width });
    const merged = new Map<CellStyle, CellStyle | undefined>(); // one merged style object per cell style object
    block.values.forEach((line, r) => {
      const row = block.row + r;
      line.forEach((v, c) => {
        const col = block.col + c;
        const own = block.styles?.[r]?.[c] ?? undefined;
        let style = own === undefined ? block.style : merged.get(own);
        if (style === undefined && own !== undefined) merged.set(own, (style = mergedStyle(block.style, own)));
        const base = fresh ? 0 : sheet.styleOf(row, col);
        const s = style === undefined ? base : styles.apply(base, style);
        sheet.setCell(row, col, cellXml(row, col, v, s));
      });
    });
    block.rowHeights?.forEach((h, i) => {
      if (h !== undefined) sheet.setRowHeight(block.row + i, h);
    });
    for (const m of block.merges ?? []) {
      if (m.rows === 0 || m.cols === 0 || (m.rows === 1 && m.cols === 1)) continue;
      unmerge(m);
      merges.push({ top: m.row, left: m.col, bottom: m.row + m.rows - 1, right: m.col + m.cols - 1 });
      mergesChanged = true;
    }
    if (block.note !== undefined) book.notes(entry).set(block.row, block.col, block.note);
  }
  if (mergesChanged || (fresh && merges.length > 0)) writeMerges(sheet, merges);
  if (change.layout !== undefined) applyLayout(book, entry, change.layout);
  if (change.validations !== undefined && change.validations.length > 0) writeValidations(sheet, change.validations);
  if (fresh && change.charts !== undefined && change.charts.length > 0) book.setCharts(entry, change.charts);
  return change.blocks.length;
}

function hasNotes(book: XlsxBook, entry: SheetEntry): boolean {
  return book.pkg.rels(entry.part).some((r) => r.type.endsWith("/comments"));
}

function mergedStyle(base: CellStyle | undefined, own: CellStyle | undefined): CellStyle | undefined {
  if (base === undefined) return own;
  if (own === undefined) return base;
  return { ...base, ...own };
}

/** Column letters by column index, made once. */
const LETTERS: string[] = [];
function letters(col: number): string {
  return (LETTERS[col] ??= columnLetters(col));
}

/** A cell's XML for a port value; undefined when the cell is empty and unformatted. */
function cellXml(row: number, col: number, v: CellValue, s: number): string | undefined {
  const ref = `${letters(col)}${row + 1}`;
  const style = s > 0 ? ` s="${s}"` : "";
  if (v === null || v === "") return s > 0 ? `<c r="${ref}"${style}/>` : undefined;
  if (typeof v === "number") return `<c r="${ref}"${style}><v>${Object.is(v, -0) ? 0 : v}</v></c>`;
  if (typeof v === "boolean") return `<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`;
  const space = /^\s|\s$|\n/.test(v) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${escapeXml(v)}</t></is></c>`;
}

function overlaps(m: Merge, r: CellRange): boolean {
  return m.top < r.row + r.rows && m.bottom >= r.row && m.left < r.col + r.cols && m.right >= r.col;
}

function readMerges(sheet: SheetXml): Merge[] {
  const xml = sheet.child("mergeCells") ?? "";
  const out: Merge[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*>/g)) {
    const ref = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/i.exec(attr(m[0], "ref") ?? "");
    if (ref === null) continue;
    out.push({
      top: Number(ref[2]) - 1,
      left: refColumn(ref[1] as string),
      bottom: Number(ref[4]) - 1,
      right: refColumn(ref[3] as string),
    });
  }
  return out;
}

function writeMerges(sheet: SheetXml, merges: Merge[]): void {
  const ref = (m: Merge): string => `${columnLetters(m.left)}${m.top + 1}:${columnLetters(m.right)}${m.bottom + 1}`;
  sheet.setChild(
    "mergeCells",
    merges.length === 0
      ? undefined
      : `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${ref(m)}"/>`).join("")}</mergeCells>`,
  );
}

/** Advisory number checks (warning style: a value outside is flagged, not refused). Same ranges are replaced. */
function writeValidations(sheet: SheetXml, list: NonNullable<SheetWrite["validations"]>): void {
  const sqref = (r: CellRange): string => {
    const a = `${columnLetters(r.col)}${r.row + 1}`;
    const b = `${columnLetters(r.col + r.cols - 1)}${r.row + r.rows}`;
    return a === b ? a : `${a}:${b}`;
  };
  const ours = new Map(list.map((v) => [sqref(v.range), v]));
  const old = sheet.child("dataValidations") ?? "";
  const kept = [...old.matchAll(/<(?:\w+:)?dataValidation\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?dataValidation>)/g)]
    .map((m) => m[0])
    .filter((x) => !ours.has(attr(x, "sqref") ?? ""));
  const made = [...ours].map(([ref, v]) => {
    const prompt = v.help.length > 255 ? v.help.slice(0, 254) + "…" : v.help;
    return (
      `<dataValidation type="decimal" errorStyle="warning" allowBlank="1" showInputMessage="1" showErrorMessage="1" prompt="${escapeXml(prompt)}" sqref="${ref}">` +
      `<formula1>${v.min}</formula1><formula2>${v.max}</formula2></dataValidation>`
    );
  });
  const all = [...kept, ...made];
  const open =
    /^<(?:\w+:)?dataValidations\b[^>]*>/
      .exec(old)?.[0]
      ?.replace(/\/>$/, ">")
      .replace(/\scount="\d*"/, "") ?? "<dataValidations>";
  sheet.setChild("dataValidations", `${open.slice(0, -1)} count="${all.length}">${all.join("")}</dataValidations>`);
}

/**
 * A worksheet part as an editor that keeps every byte it is not asked to change: top-level elements are kept as
 * text (replaced one by one, new ones inserted in the order the schema requires), rows of <sheetData> stay raw
 * text until a cell of theirs is written, and only those rows are written anew.
 */
import { columnLetters } from "../../shared/workbook/port.ts";
import { refColumn } from "./readSheetGrid.ts";
import { attr, setAttr } from "./xml.ts";

/** Order of a worksheet's children (CT_Worksheet). */
const ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];
const RANK = new Map(ORDER.map((n, i) => [n, i]));

interface Child {
  /** Local name ("#text" for whitespace between elements). */
  name: string;
  xml: string;
}

interface Row {
  raw?: string;
  open?: string;
  cells?: Map<number, string>;
}

const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>[\s\S]*?<\/(?:\w+:)?row>)/g;
const CELL = /<(?:\w+:)?c\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?c>)/g;

/** A new, empty worksheet part. */
export const EMPTY_SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/>' +
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

/**
 * Editor of one worksheet part.
 *
 * @example
 * const sheet = new SheetXml(pkg.text("xl/worksheets/sheet1.xml")!);
 * sheet.setCell(0, 0, '<c r="A1"><v>1</v></c>');
 * pkg.setText("xl/worksheets/sheet1.xml", sheet.toXml());
 */
export class SheetXml {
  private readonly prolog: string;
  private readonly epilog: string;
  private readonly children: Child[] = [];
  private readonly rows = new Map<number, Row>();
  private rowsSorted = true;
  /** The largest row number (1-based) in `rows`. */
  private lastRow = 0;
  private dataPrefix = "";
  /** A cell holding a formula was overwritten or removed (the calculation chain must go). */
  formulaRemoved = false;
  /** Rows and columns written (1-based bounds), for the dimension. */
  private written = { top: Infinity, left: Infinity, bottom: 0, right: 0 };

  constructor(xml: string) {
    const root = /<(?:\w+:)?worksheet\b[^>]*>/.exec(xml);
    if (root === null) throw new Error("phần trang tính không có <worksheet>");
    const start = root.index + root[0].length;
    const end = xml.search(/<\/(?:\w+:)?worksheet>\s*$/);
    this.prolog = xml.slice(0, start);
    this.epilog = xml.slice(end < 0 ? xml.length : end);
    const body = xml.slice(start, end < 0 ? xml.length : end);
    let p = 0;
    while (p < body.length) {
      const lt = body.indexOf("<", p);
      if (lt < 0) {
        this.children.push({ name: "#text", xml: body.slice(p) });
        break;
      }
      if (lt > p) this.children.push({ name: "#text", xml: body.slice(p, lt) });
      const m = /^<((?:[\w.-]+:)?([\w.-]+))\b[^>]*?(\/?)>/.exec(body.slice(lt, lt + 4000));
      if (m === null) throw new Error("phần trang tính có XML hỏng");
      const qname = m[1] as string;
      const local = m[2] as string;
      let stop: number;
      if (m[3] === "/") stop = lt + m[0].length;
      else {
        const close = body.indexOf(`</${qname}>`, lt);
        if (close < 0) throw new Error(`phần trang tính có XML hỏng (thiếu </${qname}>)`);
        stop = close + qname.length + 3;
      }
      const text = body.slice(lt, stop);
      if (local === "sheetData") this.parseRows(text);
      this.children.push({ name: local, xml: local === "sheetData" ? "" : text });
      p = stop;
    }
    if (!this.children.some((c) => c.name === "sheetData")) this.setChild("sheetData", "");
  }

  private parseRows(text: string): void {
    const open = /^<[^>]*>/.exec(text)?.[0] ?? "";
    this.dataPrefix = open.endsWith("/>") ? open.slice(0, -2) + ">" : open;
    let next = 1;
    let last = 0;
    ROW.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = ROW.exec(text)) !== null) {
      const r = Number(attr(m[1] ?? "", "r") ?? next);
      next = r + 1;
      if (r <= last) this.rowsSorted = false;
      last = r;
      this.rows.set(r, { raw: m[0] });
      this.lastRow = Math.max(this.lastRow, r);
    }
  }

  /** A top-level element's text, or undefined. */
  child(name: string): string | undefined {
    return this.children.find((c) => c.name === name)?.xml;
  }

  /** Sets (or with undefined removes) a top-level element, inserting a new one where the schema wants it. */
  setChild(name: string, xml: string | undefined): void {
    const i = this.children.findIndex((c) => c.name === name);
    if (i >= 0) {
      if (xml === undefined) this.children.splice(i, 1);
      else (this.children[i] as Child).xml = xml;
      return;
    }
    if (xml === undefined) return;
    const rank = RANK.get(name) ?? ORDER.length;
    const at = this.children.findIndex((c) => (RANK.get(c.name) ?? -1) > rank);
    this.children.splice(at < 0 ? this.children.length : at, 0, { name, xml });
  }

  /** 0-based rows that exist in the sheet data, within [from, to). */
  rowsIn(from: number, to: number): number[] {
    const out: number[] = [];
    for (const r of this.rows.keys()) if (r - 1 >= from && r - 1 < to) out.push(r - 1);
    return out;
  }

  /** The text of a cell (`<c …>…</c>`), or undefined. */
  cell(row: number, col: number): string | undefined {
    return this.editRow(row, false)?.cells?.get(col);
  }

  /** Sets (or with undefined removes) a cell's text. */
  setCell(row: number, col: number, xml: string | undefined): void {
    const data = this.editRow(row, xml !== undefined);
    if (data === undefined) return;
    const cells = data.cells as Map<number, string>;
    const old = cells.get(col);
    if (old !== undefined && old.includes("<f")) this.formulaRemoved = true;
    if (xml === undefined) cells.delete(col);
    else {
      cells.set(col, xml);
      const w = this.written;
      w.top = Math.min(w.top, row + 1);
      w.bottom = Math.max(w.bottom, row + 1);
      w.left = Math.min(w.left, col + 1);
      w.right = Math.max(w.right, col + 1);
    }
  }

  /** The cell format index of a cell (0 when none). */
  styleOf(row: number, col: number): number {
    const xml = this.cell(row, col);
    return xml === undefined ? 0 : Number(attr(/^<[^>]*>/.exec(xml)?.[0] ?? "", "s") ?? 0);
  }

  /** The stored height of a row in points, or undefined. */
  rowHeight(row: number): number | undefined {
    const data = this.rows.get(row + 1);
    if (data === undefined) return undefined;
    const open = data.open ?? /^<[^>]*>/.exec(data.raw ?? "")?.[0] ?? "";
    const ht = attr(open, "ht");
    return ht === undefined ? undefined : Number(ht);
  }

  /** Removes the cells of a row in columns [from, to). */
  removeCells(row: number, from: number, to: number): void {
    const data = this.editRow(row, false);
    if (data === undefined) return;
    const cells = data.cells as Map<number, string>;
    for (const [col, xml] of cells) {
      if (col < from || col >= to) continue;
      if (xml.includes("<f")) this.formulaRemoved = true;
      cells.delete(col);
    }
  }

  /** Stores a row's height in points. */
  setRowHeight(row: number, points: number): void {
    const data = this.editRow(row, true) as Row;
    data.open = setAttr(setAttr(data.open as string, "ht", String(points)), "customHeight", "1");
  }

  private editRow(row: number, create: boolean): Row | undefined {
    const r = row + 1;
    let data = this.rows.get(r);
    if (data === undefined) {
      if (!create) return undefined;
      data = { open: `<row r="${r}">`, cells: new Map() };
      if (this.lastRow > r) this.rowsSorted = false;
      this.lastRow = Math.max(this.lastRow, r);
      this.rows.set(r, data);
      return data;
    }
    if (data.cells === undefined) {
      const raw = data.raw ?? "";
      const open = /^<[^>]*>/.exec(raw)?.[0] ?? `<row r="${r}">`;
      data.open = setAttr(open.endsWith("/>") ? open.slice(0, -2) + ">" : open, "spans", undefined);
      if (attr(data.open, "r") === undefined) data.open = setAttr(data.open, "r", String(r));
      data.cells = new Map();
      let next = 0;
      CELL.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = CELL.exec(raw)) !== null) {
        const ref = attr(/^<[^>]*>/.exec(m[0])?.[0] ?? "", "r");
        const col = ref === undefined ? next : refColumn(ref);
        next = col + 1;
        data.cells.set(col, ref === undefined ? m[0].replace(/^<(\w+:)?c\b/, (s) => `${s} r="${columnLetters(col)}${r}"`) : m[0]);
      }
      data.raw = undefined;
    }
    return data;
  }

  /** The worksheet part's text. */
  toXml(): string {
    this.updateDimension();
    const keys = [...this.rows.keys()];
    if (!this.rowsSorted) keys.sort((a, b) => a - b);
    const parts: string[] = [];
    for (const r of keys) {
      const data = this.rows.get(r) as Row;
      if (data.raw !== undefined) {
        parts.push(data.raw);
        continue;
      }
      const cells = data.cells as Map<number, string>;
      const open = data.open as string;
      if (cells.size === 0) {
        if (attr(open, "ht") !== undefined || attr(open, "hidden") !== undefined || attr(open, "s") !== undefined)
          parts.push(open.slice(0, -1) + "/>");
        continue;
      }
      const cols = [...cells.keys()].sort((a, b) => a - b);
      parts.push(open);
      for (const c of cols) parts.push(cells.get(c) as string);
      parts.push("</row>");
    }
    const data = parts.length === 0 ? "<sheetData/>" : `${this.dataPrefix || "<sheetData>"}${parts.join("")}</sheetData>`;
    return this.prolog + this.children.map((c) => (c.name === "sheetData" ? data : c.xml)).join("") + this.epilog;
  }

  private updateDimension(): void {
    const w = this.written;
    if (w.bottom === 0) return;
    const old = this.child("dimension");
    let { top, left, bottom, right } = w;
    const ref = old === undefined ? undefined : attr(old, "ref");
    const m = ref === undefined ? null : /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(ref);
    if (m !== null) {
      top = Math.min(top, Number(m[2]));
      left = Math.min(left, refColumn(m[1] as string) + 1);
      bottom = Math.max(bottom, Number(m[4] ?? m[2]));
      right = Math.max(right, refColumn(m[3] ?? (m[1] as string)) + 1);
    }
    const text = `${columnLetters(left - 1)}${top}:${columnLetters(right - 1)}${bottom}`;
    this.setChild("dimension", `<dimension ref="${text}"/>`);
  }
}

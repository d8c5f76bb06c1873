/**
 * An .xlsx workbook opened for the tool: the package, its sheet list (xl/workbook.xml) and editors for the parts
 * the tool owns (sheets it writes, their notes, styles, the sheet list, print titles). `toBytes()` writes back
 * only what was edited; every other part keeps its stored bytes.
 */
import type { ChartSpec, ReadValue } from "../../shared/workbook/port.ts";
import { dateStyles, parseSharedStrings, readSheetGrid } from "./readSheetGrid.ts";
import { EMPTY_SHEET, SheetXml } from "./SheetXml.ts";
import { SheetNotes } from "./SheetNotes.ts";
import { MINIMAL_STYLES, StylesXml } from "./StylesXml.ts";
import { REL, XlsxPackage } from "./XlsxPackage.ts";
import { attr, escapeXml, parseAttrs, setAttr } from "./xml.ts";
import { newPackage } from "./newPackage.ts";
import { dropSheetParts } from "./dropSheetParts.ts";
import { writeSheetCharts } from "./writeSheetCharts.ts";

/** One sheet of the workbook. `part` is its worksheet part name ("" for a chart sheet or a missing part). */
export interface SheetEntry {
  name: string;
  part: string;
  /** The `<sheet …/>` element as stored. */
  xml: string;
}

/** The editors of one worksheet part. */
interface Editor {
  sheet: SheetXml;
  notes?: SheetNotes;
  /** Charts to write on save (a replaced sheet's). */
  charts?: { entry: SheetEntry; specs: readonly ChartSpec[] };
}

const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/**
 * A workbook package with editors.
 *
 * @example
 * const book = XlsxBook.fromBytes(readFileSync("book.xlsx"));
 * book.sheets.map((s) => s.name); // ["Cài đặt", …]
 * writeFileSync("book.xlsx", book.toBytes());
 */
export class XlsxBook {
  readonly pkg: XlsxPackage;
  readonly workbookPart: string;
  readonly sheets: SheetEntry[] = [];
  private workbookXml: string;
  private workbookDirty = false;
  private sharedStrings?: string[];
  private dates?: boolean[];
  private stylesEditor?: StylesXml;
  private stylesPart?: string;
  private readonly editors = new Map<string, Editor>();

  private constructor(pkg: XlsxPackage) {
    this.pkg = pkg;
    const main = pkg.rels("").find((r) => r.type === REL.officeDocument || r.type.endsWith("/officeDocument"));
    this.workbookPart = main?.target ?? "xl/workbook.xml";
    const xml = pkg.text(this.workbookPart);
    if (xml === undefined) throw new Error("không có phần sổ tính (xl/workbook.xml): không phải tệp .xlsx");
    this.workbookXml = xml;
    const rels = new Map(pkg.rels(this.workbookPart).map((r) => [r.id, r]));
    const sheets = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(xml)?.[1] ?? "";
    for (const m of sheets.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const a = parseAttrs(m[0]);
      const id = Object.entries(a).find(([k]) => k === "r:id" || k.endsWith(":id"))?.[1] ?? "";
      const rel = rels.get(id);
      const isWorksheet = rel !== undefined && !rel.external && rel.type.endsWith("/worksheet") && pkg.has(rel.target);
      this.sheets.push({ name: a.name ?? "", part: isWorksheet ? rel.target : "", xml: m[0] });
    }
  }

  /** Opens .xlsx bytes. Throws (Vietnamese message) when they are not a readable workbook. */
  static fromBytes(bytes: Uint8Array): XlsxBook {
    return new XlsxBook(XlsxPackage.fromBytes(bytes));
  }

  /** A new workbook with no sheet yet (add sheets before saving). */
  static create(): XlsxBook {
    return new XlsxBook(newPackage());
  }

  /**
   * The sheet with this name: exact first, then as Excel compares names (case-insensitive, any Unicode form).
   */
  findSheet(name: string): SheetEntry | undefined {
    const exact = this.sheets.find((s) => s.name === name);
    if (exact !== undefined) return exact;
    const key = sheetKey(name);
    return this.sheets.find((s) => sheetKey(s.name) === key);
  }

  /** A sheet's values (see `readSheetGrid`); written cells included. */
  grid(entry: SheetEntry, firstColumnOnly = false): ReadValue[][] {
    if (entry.part === "") return [];
    const edited = this.editors.get(entry.part);
    const xml = edited !== undefined ? edited.sheet.toXml() : (this.pkg.text(entry.part) ?? "");
    this.sharedStrings ??= parseSharedStrings(this.sharedStringsXml() ?? "");
    this.dates ??= dateStyles(this.stylesEditor?.toXml() ?? this.stylesXml());
    const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\sdate1904="(1|true)"/.test(this.workbookXml);
    return readSheetGrid(xml, { sharedStrings: this.sharedStrings, dates: this.dates, firstColumnOnly, date1904 });
  }

  /** The styles editor (made on first use). */
  styles(): StylesXml {
    if (this.stylesEditor === undefined) {
      this.stylesEditor = new StylesXml(this.stylesXml() ?? MINIMAL_STYLES);
      this.dates = undefined;
    }
    return this.stylesEditor;
  }

  /** The editor of a worksheet (made on first use). */
  sheet(entry: SheetEntry): SheetXml {
    return this.editor(entry).sheet;
  }

  /** The notes editor of a worksheet. */
  notes(entry: SheetEntry): SheetNotes {
    const e = this.editor(entry);
    e.notes ??= new SheetNotes(this.pkg, entry.part);
    return e.notes;
  }

  /**
   * Native charts of a sheet the tool replaced (after `blankSheet`): their parts are written on save, over the
   * values the sheet then holds.
   */
  setCharts(entry: SheetEntry, charts: readonly ChartSpec[]): void {
    this.editor(entry).charts = { entry, specs: charts };
  }

  private editor(entry: SheetEntry): Editor {
    let e = this.editors.get(entry.part);
    if (e === undefined) {
      e = { sheet: new SheetXml(this.pkg.text(entry.part) ?? EMPTY_SHEET) };
      this.editors.set(entry.part, e);
    }
    return e;
  }

  /**
   * Empties a sheet the tool owns: a blank worksheet in the same part (same place, same id); its notes, its
   * drawing with its charts and whatever else only it referred to go with it (`dropSheetParts`). A chart sheet
   * or missing part becomes a new worksheet part.
   */
  blankSheet(entry: SheetEntry): void {
    if (entry.part === "") {
      const fresh = this.addSheet(entry.name, this.sheets.indexOf(entry), entry);
      entry.part = fresh.part;
      return;
    }
    const old = this.editors.get(entry.part)?.sheet ?? new SheetXml(this.pkg.text(entry.part) ?? EMPTY_SHEET);
    for (const rel of this.pkg.rels(entry.part)) {
      if (!rel.external && (rel.type.endsWith("/comments") || rel.type.endsWith("/vmlDrawing"))) {
        this.pkg.delete(rel.target);
        this.pkg.removeContentType(rel.target);
      }
    }
    dropSheetParts(this.pkg, entry.part);
    const blank = new SheetXml(EMPTY_SHEET);
    blank.formulaRemoved = old.formulaRemoved || /<(?:\w+:)?f\b/.test(old.toXml());
    this.editors.set(entry.part, { sheet: blank });
  }

  /**
   * Adds a worksheet named `name` at position `index` of the sheet list (or, with `reuse`, gives that entry a
   * new worksheet part). Sheet-scoped defined names and the active tab after it move with their sheets.
   */
  addSheet(name: string, index: number, reuse?: SheetEntry): SheetEntry {
    let n = 1;
    while (this.pkg.has(`xl/worksheets/sheet${n}.xml`)) n++;
    const part = `xl/worksheets/sheet${n}.xml`;
    this.pkg.setText(part, EMPTY_SHEET);
    this.pkg.setContentType(part, WORKSHEET_TYPE);
    const rId = this.pkg.addRel(this.workbookPart, REL.worksheet, part);
    if (reuse !== undefined) {
      reuse.xml = setAttr(reuse.xml.replace(/\s[\w]+:id\s*=\s*"[^"]*"/, ""), "r:id", rId).replace(
        /<((?:\w+:)?sheet)\b/,
        `<$1 xmlns:r="${R_NS}"`,
      );
      reuse.part = part;
      this.workbookDirty = true;
      return reuse;
    }
    const ids = this.sheets.map((s) => Number(attr(s.xml, "sheetId") ?? 0));
    const sheetId = Math.max(0, ...ids) + 1;
    const root = /<(?:\w+:)?workbook\b[^>]*>/.exec(this.workbookXml)?.[0] ?? "";
    const declare = root.includes(`xmlns:r="${R_NS}"`) ? "" : ` xmlns:r="${R_NS}"`;
    const entry: SheetEntry = { name, part, xml: `<sheet${declare} name="${escapeXml(name)}" sheetId="${sheetId}" r:id="${rId}"/>` };
    const at = Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, entry);
    this.shiftSheetIndexes(at);
    this.workbookDirty = true;
    return entry;
  }

  /** Sheet indexes at or after `from` move one up (a sheet was inserted there). */
  private shiftSheetIndexes(from: number): void {
    const bump = (tag: string, name: string): string => {
      const v = attr(tag, name);
      return v !== undefined && Number(v) >= from && this.sheets.length > 1 ? setAttr(tag, name, String(Number(v) + 1)) : tag;
    };
    this.workbookXml = this.workbookXml
      .replace(/<(?:\w+:)?definedName\b[^>]*>/g, (tag) => bump(tag, "localSheetId"))
      .replace(/<(?:\w+:)?workbookView\b[^>]*>/g, (tag) => (from <= Number(attr(tag, "activeTab") ?? 0) ? bump(tag, "activeTab") : tag));
  }

  /** Sets (or with undefined removes) a sheet's print titles: rows repeated at the top of each printed page. */
  setPrintTitles(entry: SheetEntry, rows: { row: number; rows: number } | undefined): void {
    const index = this.sheets.indexOf(entry);
    const names = /<(?:\w+:)?definedNames\b[^>]*>([\s\S]*?)<\/(?:\w+:)?definedNames>/.exec(this.workbookXml);
    const items = [...(names?.[1] ?? "").matchAll(/<(?:\w+:)?definedName\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?definedName>)/g)].map(
      (m) => m[0],
    );
    const mine = (x: string): boolean => attr(x, "name") === "_xlnm.Print_Titles" && attr(x, "localSheetId") === String(index);
    const old = items.find(mine);
    const ref =
      rows === undefined || rows.rows === 0 ? undefined : `'${entry.name.replace(/'/g, "''")}'!$${rows.row + 1}:$${rows.row + rows.rows}`;
    let element: string | undefined;
    if (ref !== undefined) {
      // Keep the print-title columns a person set (the part before or after a comma that names columns).
      const cols = old === undefined ? [] : (/>([\s\S]*)</.exec(old)?.[1] ?? "").split(",").filter((p) => /!\$[A-Z]+:\$[A-Z]+$/i.test(p));
      element = `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeXml([...cols, ref].join(","))}</definedName>`;
    }
    if (element === old) return;
    const kept = items.filter((x) => !mine(x));
    if (element !== undefined) kept.push(element);
    const block = kept.length === 0 ? "" : `<definedNames>${kept.join("")}</definedNames>`;
    if (names !== null) this.workbookXml = this.workbookXml.replace(names[0], () => block);
    else if (block !== "") {
      // After sheets, functionGroups and externalReferences (CT_Workbook's order).
      const after = [
        ...this.workbookXml.matchAll(
          /<\/(?:\w+:)?(sheets|functionGroups|externalReferences)>|<(?:\w+:)?(sheets|functionGroups|externalReferences)\b[^>]*\/>/g,
        ),
      ].at(-1);
      const at = after === undefined ? 0 : (after.index ?? 0) + after[0].length;
      this.workbookXml = this.workbookXml.slice(0, at) + block + this.workbookXml.slice(at);
    }
    this.workbookDirty = true;
  }

  /** The workbook as bytes: edited parts written anew, every other part as it was stored. Deterministic. */
  toBytes(): Uint8Array {
    let formulaRemoved = false;
    for (const [part, e] of this.editors) {
      if (e.notes !== undefined) e.notes.save(e.sheet);
      if (e.charts !== undefined) {
        const grid = this.grid(e.charts.entry);
        writeSheetCharts(this.pkg, part, e.sheet, e.charts.entry.name, e.charts.specs, (r, c) => grid[r]?.[c] ?? undefined);
        e.charts = undefined; // written once: a second save keeps them
      }
      this.pkg.setText(part, e.sheet.toXml());
      formulaRemoved ||= e.sheet.formulaRemoved;
    }
    if (this.stylesEditor !== undefined) {
      const part = this.stylesPart ?? this.findStylesPart() ?? "xl/styles.xml";
      if (!this.pkg.has(part)) {
        this.pkg.addRel(this.workbookPart, REL.styles, part);
        this.pkg.setContentType(part, "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
      }
      this.pkg.setText(part, this.stylesEditor.toXml());
    }
    if (formulaRemoved) this.dropCalcChain();
    if (this.workbookDirty) {
      const list = `<sheets>${this.sheets.map((s) => s.xml).join("")}</sheets>`;
      this.workbookXml = this.workbookXml.replace(/<((?:\w+:)?)sheets\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?sheets>)/, (_, p: string) =>
        p === "" ? list : list.replace(/<(\/?)sheet/g, `<$1${p}sheet`),
      );
      this.pkg.setText(this.workbookPart, this.workbookXml);
      this.workbookDirty = false;
    }
    return this.pkg.toBytes();
  }

  /** A cell that held a formula is gone: Excel's calculation chain would name it, so the chain (a cache) goes. */
  private dropCalcChain(): void {
    const rels = this.pkg.rels(this.workbookPart).filter((r) => r.type.endsWith("/calcChain"));
    for (const r of rels) {
      this.pkg.delete(r.target);
      this.pkg.removeContentType(r.target);
    }
    this.pkg.removeRels(this.workbookPart, new Set(rels.map((r) => r.id)));
  }

  private findStylesPart(): string | undefined {
    this.stylesPart ??= this.pkg.rels(this.workbookPart).find((r) => r.type.endsWith("/styles") && !r.external)?.target;
    return this.stylesPart;
  }

  private stylesXml(): string | undefined {
    const part = this.findStylesPart();
    return part === undefined ? undefined : this.pkg.text(part);
  }

  private sharedStringsXml(): string | undefined {
    const rel = this.pkg.rels(this.workbookPart).find((r) => r.type.endsWith("/sharedStrings") && !r.external);
    return rel === undefined ? undefined : this.pkg.text(rel.target);
  }
}

/**
 * A sheet name as Excel compares names: case-insensitive, any Unicode form.
 *
 * @example
 * sheetKey("BIỂU 3") === sheetKey("biểu 3"); // true
 */
export function sheetKey(name: string): string {
  return name.normalize("NFC").toLocaleLowerCase("vi");
}

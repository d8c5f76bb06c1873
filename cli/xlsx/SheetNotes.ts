/**
 * Notes (legacy comments) of one sheet: the comments part and the VML drawing that shows them. Only the notes
 * the tool writes or clears change; the person's other notes keep their text and their VML shape (size,
 * visibility), and other shapes of the VML part (form controls) are kept as they are.
 */
import { columnLetters, type CellRange } from "../../shared/workbook/port.ts";
import { REL, type XlsxPackage } from "./XlsxPackage.ts";
import type { SheetXml } from "./SheetXml.ts";
import { refColumn } from "./readSheetGrid.ts";
import { attr, escapeXml } from "./xml.ts";

const AUTHOR = "cchc-index";
const COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
const VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing";

interface Note {
  row: number;
  col: number;
  /** The `<comment>` element as stored (kept) or made. */
  xml: string;
  /** New: needs a VML shape. */
  fresh: boolean;
}

/**
 * Editor of a sheet's notes.
 *
 * @example
 * const notes = new SheetNotes(pkg, "xl/worksheets/sheet2.xml");
 * notes.set(0, 0, "Vùng do công cụ quản lý");
 * notes.save(sheet);
 */
export class SheetNotes {
  private readonly pkg: XlsxPackage;
  private readonly sheetPart: string;
  private commentsPart?: string;
  private vmlPart?: string;
  private commentsXml?: string;
  private notes: Note[] = [];
  private changed = false;

  constructor(pkg: XlsxPackage, sheetPart: string) {
    this.pkg = pkg;
    this.sheetPart = sheetPart;
    for (const rel of pkg.rels(sheetPart)) {
      if (rel.external) continue;
      if (rel.type.endsWith("/comments")) this.commentsPart = rel.target;
      if (rel.type.endsWith("/vmlDrawing")) this.vmlPart = rel.target;
    }
    this.commentsXml = this.commentsPart === undefined ? undefined : pkg.text(this.commentsPart);
    for (const m of (this.commentsXml ?? "").matchAll(/<(?:\w+:)?comment\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?comment>)/g)) {
      const ref = attr(/^<[^>]*>/.exec(m[0])?.[0] ?? "", "ref") ?? "";
      const row = Number(/\d+/.exec(ref)?.[0] ?? 0) - 1;
      this.notes.push({ row, col: refColumn(ref), xml: m[0], fresh: false });
    }
  }

  /** Removes the notes inside a range. */
  clear(range: CellRange): void {
    const kept = this.notes.filter(
      (n) => !(n.row >= range.row && n.row < range.row + range.rows && n.col >= range.col && n.col < range.col + range.cols),
    );
    if (kept.length !== this.notes.length) this.changed = true;
    this.notes = kept;
  }

  /** Puts a note on a cell (replacing any there), unless the same text is already there. */
  set(row: number, col: number, text: string): void {
    const ref = `${columnLetters(col)}${row + 1}`;
    const xml = `<comment ref="${ref}" authorId="${this.authorId()}"><text><r><t xml:space="preserve">${escapeXml(text)}</t></r></text></comment>`;
    const i = this.notes.findIndex((n) => n.row === row && n.col === col);
    if (i >= 0 && (this.notes[i] as Note).xml === xml) return;
    if (i >= 0) this.notes.splice(i, 1);
    this.notes.push({ row, col, xml, fresh: true });
    this.changed = true;
  }

  private authorId(): number {
    const authors = [...(this.commentsXml ?? "").matchAll(/<(?:\w+:)?author\b[^>]*>([\s\S]*?)<\/(?:\w+:)?author>/g)].map((m) => m[1]);
    const i = authors.indexOf(AUTHOR);
    return i >= 0 ? i : authors.length;
  }

  /** Writes the comments and VML parts (only when a note changed) and links them from the sheet. */
  save(sheet: SheetXml): void {
    if (!this.changed) return;
    const pkg = this.pkg;
    const sorted = [...this.notes].sort((a, b) => a.row - b.row || a.col - b.col);
    // Comments part: authors kept (ours added), comment list rewritten in cell order.
    let authors = [...(this.commentsXml ?? "").matchAll(/<(?:\w+:)?author\b[^>]*>([\s\S]*?)<\/(?:\w+:)?author>/g)].map((m) => m[0]);
    if (sorted.some((n) => n.fresh) && !authors.some((a) => a.includes(`>${AUTHOR}<`)))
      authors = [...authors, `<author>${AUTHOR}</author>`];
    const list = `<commentList>${sorted.map((n) => n.xml).join("")}</commentList>`;
    let comments: string;
    if (this.commentsXml !== undefined) {
      comments = this.commentsXml
        .replace(
          /<((?:\w+:)?)authors\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?authors>)/,
          (_, p: string) => `<${p}authors>${authors.join("")}</${p}authors>`,
        )
        .replace(/<(?:\w+:)?commentList\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?commentList>)/, () => list);
    } else {
      comments = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>${authors.join("")}</authors>${list}</comments>`;
    }
    if (this.commentsPart === undefined) {
      this.commentsPart = freeName(pkg, "xl/comments", ".xml");
      pkg.addRel(this.sheetPart, REL.comments, this.commentsPart);
      pkg.setContentType(this.commentsPart, COMMENTS_TYPE);
    }
    pkg.setText(this.commentsPart, comments);
    this.commentsXml = comments;
    // VML: note shapes kept for kept notes, made for new ones; other shapes untouched.
    let vml = this.vmlPart === undefined ? undefined : pkg.text(this.vmlPart);
    if (vml === undefined) vml = EMPTY_VML;
    const shapes = [...vml.matchAll(/<v:shape\b[^>]*?(?:\/>|>[\s\S]*?<\/v:shape>)/g)].map((m) => m[0]);
    const isNote = (s: string): boolean => /ObjectType="Note"/.test(s);
    const key = (s: string): string => `${/<x:Row>\s*(\d+)/.exec(s)?.[1]}:${/<x:Column>\s*(\d+)/.exec(s)?.[1]}`;
    const byCell = new Map(shapes.filter(isNote).map((s) => [key(s), s]));
    let nextId = Math.max(1024, ...[...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]))) + 1;
    const noteShapes = sorted.map((n) => byCell.get(`${n.row}:${n.col}`) ?? noteShape(nextId++, n.row, n.col));
    const others = shapes.filter((s) => !isNote(s));
    const body = [...others, ...noteShapes].join("");
    const firstShape = vml.search(/<v:shape\b/);
    const head = (firstShape >= 0 ? vml.slice(0, firstShape) : vml.slice(0, vml.lastIndexOf("</xml>"))).trimEnd();
    const isNew = this.vmlPart === undefined;
    const vmlPart = this.vmlPart ?? freeName(pkg, "xl/drawings/vmlDrawing", ".vml");
    pkg.setText(vmlPart, `${head}${body}</xml>`);
    if (isNew) {
      this.vmlPart = vmlPart;
      const id = pkg.addRel(this.sheetPart, REL.vmlDrawing, this.vmlPart);
      pkg.setDefaultContentType("vml", VML_TYPE);
      sheet.setChild(
        "legacyDrawing",
        `<legacyDrawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${id}"/>`,
      );
    }
    this.changed = false;
  }
}

/** The first free part name `prefix{n}suffix`. */
function freeName(pkg: XlsxPackage, prefix: string, suffix: string): string {
  let n = 1;
  while (pkg.has(`${prefix}${n}${suffix}`)) n++;
  return `${prefix}${n}${suffix}`;
}

const EMPTY_VML =
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
  '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>' +
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
  "</xml>";

function noteShape(id: number, row: number, col: number): string {
  const anchor = `${col + 1}, 15, ${Math.max(0, row - 1)}, 10, ${col + 3}, 15, ${row + 3}, 4`;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

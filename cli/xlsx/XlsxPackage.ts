/**
 * An OOXML package (the ZIP of an .xlsx) as parts: untouched parts keep their stored bytes; a part is inflated
 * and decoded only when read, and re-encoded only when set. Relationships are resolved as OPC says: a target
 * is relative to its source part's folder, or absolute from the package root when it starts with "/" (as
 * openpyxl writes them).
 */
import { inflateEntry, MAX_INFLATED_BYTES, readZip, writeZip, zipEntry, type ZipEntry } from "./zip.ts";
import { attr, escapeXml, parseAttrs } from "./xml.ts";

/** One relationship of a part. `target` is the resolved part name (no leading "/"), unless external. */
export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** Relationship type URIs by short name. */
export const REL = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  sharedStrings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  comments: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
  vmlDrawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing",
  calcChain: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
} as const;

interface Part {
  name: string;
  entry?: ZipEntry;
  text?: string;
  dirty: boolean;
}

const decoder = new TextDecoder("utf-8");
const encoder = new TextEncoder();

/**
 * The parts of an .xlsx package.
 *
 * @example
 * const pkg = XlsxPackage.fromBytes(bytes);
 * pkg.text("xl/workbook.xml"); // "<?xml …"
 * pkg.rels("xl/workbook.xml"); // [{ id: "rId1", type: REL.worksheet, target: "xl/worksheets/sheet1.xml", … }]
 */
export class XlsxPackage {
  private readonly parts = new Map<string, Part>();
  private inflated = 0;
  private readonly maxInflatedBytes: number;

  private constructor(maxInflatedBytes: number) {
    this.maxInflatedBytes = maxInflatedBytes;
  }

  /** A package read from bytes (entries not inflated yet). Throws `ZipError` for a broken archive. */
  static fromBytes(bytes: Uint8Array, maxInflatedBytes = MAX_INFLATED_BYTES): XlsxPackage {
    const pkg = new XlsxPackage(maxInflatedBytes);
    for (const entry of readZip(bytes, maxInflatedBytes))
      pkg.parts.set(entry.name.toLowerCase(), { name: entry.name, entry, dirty: false });
    return pkg;
  }

  /** An empty package. */
  static empty(): XlsxPackage {
    return new XlsxPackage(MAX_INFLATED_BYTES);
  }

  has(name: string): boolean {
    return this.parts.has(name.toLowerCase());
  }

  /** Part names in package order. */
  names(): string[] {
    return [...this.parts.values()].map((p) => p.name);
  }

  /** The part's text (UTF-8; a UTF-16 part with its byte-order mark is decoded too), or undefined. */
  text(name: string): string | undefined {
    const part = this.parts.get(name.toLowerCase());
    if (part === undefined) return undefined;
    if (part.text === undefined && part.entry !== undefined) {
      const bytes = inflateEntry(part.entry, this.maxInflatedBytes - this.inflated);
      this.inflated += bytes.length;
      part.text = bytes[0] === 0xff && bytes[1] === 0xfe ? new TextDecoder("utf-16le").decode(bytes) : decoder.decode(bytes);
      if (part.text.charCodeAt(0) === 0xfeff) part.text = part.text.slice(1);
    }
    return part.text;
  }

  /** Sets a part's text (a new part is added at the end). */
  setText(name: string, text: string): void {
    const key = name.toLowerCase();
    const part = this.parts.get(key);
    if (part !== undefined) {
      if (part.text === text && !part.dirty) return;
      part.text = text;
      part.dirty = true;
    } else {
      this.parts.set(key, { name, text, dirty: true });
    }
  }

  delete(name: string): void {
    this.parts.delete(name.toLowerCase());
  }

  /** The relationships of a part (from `folder/_rels/file.rels`), targets resolved to part names. */
  rels(source: string): Relationship[] {
    const xml = this.text(relsName(source));
    if (xml === undefined) return [];
    const out: Relationship[] = [];
    for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const a = parseAttrs(m[0]);
      const external = a.TargetMode === "External";
      out.push({
        id: a.Id ?? "",
        type: a.Type ?? "",
        target: external ? (a.Target ?? "") : resolveTarget(source, a.Target ?? ""),
        external,
      });
    }
    return out;
  }

  /** Writes a part's relationships (targets given as part names are written relative to the source). */
  setRels(source: string, rels: readonly Relationship[]): void {
    const name = relsName(source);
    if (rels.length === 0) {
      this.delete(name);
      return;
    }
    const body = rels
      .map(
        (r) =>
          `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.external ? r.target : relativeTarget(source, r.target))}"${r.external ? ' TargetMode="External"' : ""}/>`,
      )
      .join("");
    this.setText(
      name,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`,
    );
  }

  /**
   * Adds one relationship to a part's .rels, keeping the others as they are written. Returns its id.
   */
  addRel(source: string, type: string, target: string): string {
    const name = relsName(source);
    const xml = this.text(name);
    const ids = new Set(this.rels(source).map((r) => r.id));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const element = `<Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(relativeTarget(source, target))}"/>`;
    if (xml === undefined) {
      this.setText(
        name,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${element}</Relationships>`,
      );
    } else {
      this.setText(
        name,
        xml.replace(/<\/(\w+:)?Relationships>\s*$/, (end) => element + end),
      );
    }
    return id;
  }

  /** Removes relationships of a part by id, keeping the rest of its .rels text. */
  removeRels(source: string, ids: ReadonlySet<string>): void {
    const name = relsName(source);
    const xml = this.text(name);
    if (xml === undefined || ids.size === 0) return;
    this.setText(
      name,
      xml.replace(/<(?:\w+:)?Relationship\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?Relationship>)/g, (el) =>
        ids.has(attr(el, "Id") ?? "") ? "" : el,
      ),
    );
  }

  /** Declares a part's content type ([Content_Types].xml Override), unless already declared. */
  setContentType(part: string, type: string): void {
    const xml = this.text("[Content_Types].xml") ?? "";
    const partName = "/" + part;
    const overrides = [...xml.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)].map((m) => m[0]);
    if (overrides.some((o) => (attr(o, "PartName") ?? "").toLowerCase() === partName.toLowerCase())) return;
    this.setText(
      "[Content_Types].xml",
      xml.replace(/<\/(\w+:)?Types>\s*$/, (end) => `<Override PartName="${escapeXml(partName)}" ContentType="${type}"/>` + end),
    );
  }

  /** Declares a default content type for an extension, unless already declared. */
  setDefaultContentType(extension: string, type: string): void {
    const xml = this.text("[Content_Types].xml") ?? "";
    const defaults = [...xml.matchAll(/<(?:\w+:)?Default\b[^>]*>/g)].map((m) => m[0]);
    if (defaults.some((d) => (attr(d, "Extension") ?? "").toLowerCase() === extension.toLowerCase())) return;
    this.setText(
      "[Content_Types].xml",
      xml.replace(/(<(?:\w+:)?Types\b[^>]*>)/, (start) => start + `<Default Extension="${extension}" ContentType="${type}"/>`),
    );
  }

  /** Removes a part's content type Override. */
  removeContentType(part: string): void {
    const xml = this.text("[Content_Types].xml");
    if (xml === undefined) return;
    const partName = ("/" + part).toLowerCase();
    this.setText(
      "[Content_Types].xml",
      xml.replace(/<(?:\w+:)?Override\b[^>]*>/g, (o) => ((attr(o, "PartName") ?? "").toLowerCase() === partName ? "" : o)),
    );
  }

  /** The package as .xlsx bytes: unchanged parts keep their compressed bytes. Deterministic. */
  toBytes(): Uint8Array {
    const entries: ZipEntry[] = [];
    const ordered = [...this.parts.values()];
    // [Content_Types].xml first, as Office writes it.
    ordered.sort((a, b) => Number(b.name === "[Content_Types].xml") - Number(a.name === "[Content_Types].xml"));
    for (const part of ordered) {
      if (!part.dirty && part.entry !== undefined) entries.push(part.entry);
      else {
        const entry = zipEntry(part.name, encoder.encode(part.text ?? ""));
        part.entry = entry;
        part.dirty = false;
        entries.push(entry);
      }
    }
    return writeZip(entries);
  }
}

/**
 * The .rels part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; the package's own: "_rels/.rels".
 *
 * @example
 * relsName("xl/worksheets/sheet1.xml"); // "xl/worksheets/_rels/sheet1.xml.rels"
 */
export function relsName(source: string): string {
  if (source === "") return "_rels/.rels";
  const slash = source.lastIndexOf("/");
  return `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
}

/**
 * A relationship target as a part name: absolute ("/xl/comments/comment1.xml") from the root, else relative
 * to the source part's folder ("../comments1.xml").
 *
 * @example
 * resolveTarget("xl/worksheets/sheet1.xml", "../comments1.xml"); // "xl/comments1.xml"
 * resolveTarget("xl/worksheets/sheet1.xml", "/xl/comments/comment1.xml"); // "xl/comments/comment1.xml"
 */
export function resolveTarget(source: string, target: string): string {
  const clean = decodeURIComponentSafe(target.split("#")[0] ?? "");
  const base = clean.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of clean.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") base.pop();
    else base.push(seg);
  }
  return base.join("/");
}

/**
 * A part name as a target relative to the source part's folder.
 *
 * @example
 * relativeTarget("xl/worksheets/sheet1.xml", "xl/comments1.xml"); // "../comments1.xml"
 */
export function relativeTarget(source: string, part: string): string {
  const from = source.split("/").slice(0, -1);
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

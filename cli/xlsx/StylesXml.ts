/**
 * The styles part (xl/styles.xml) as an append-only editor: a port `CellStyle` applied onto an existing cell
 * format gives a cell format index; fonts, fills, borders, number formats and cell formats are reused when an
 * identical one exists, else appended. Existing entries are never changed or renumbered, so every cell of the
 * person's keeps its look.
 */
import type { CellStyle } from "../../shared/workbook/port.ts";
import { attr, escapeXml, parseAttrs, setAttr } from "./xml.ts";

type Section = "numFmts" | "fonts" | "fills" | "borders" | "cellXfs";
const ITEM: Record<Section, string> = { numFmts: "numFmt", fonts: "font", fills: "fill", borders: "border", cellXfs: "xf" };
/** Order of the sections in CT_Stylesheet (a missing one is inserted before the first later one present). */
const ORDER: Section[] = ["numFmts", "fonts", "fills", "borders", "cellXfs"];
const LATER = ["cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

/** What the row-height estimate needs of a cell format. */
export interface FormatFacts {
  wrap: boolean;
  size: number;
  bold: boolean;
}

/**
 * Editor of a styles part.
 *
 * @example
 * const styles = new StylesXml(pkg.text("xl/styles.xml") ?? MINIMAL_STYLES);
 * const s = styles.apply(0, { bold: true, numberFormat: "0.00" }); // a cellXfs index
 * pkg.setText("xl/styles.xml", styles.toXml());
 */
export class StylesXml {
  private xml: string;
  private readonly items: Record<Section, string[]>;
  private readonly index: Record<Section, Map<string, number>>;
  private readonly appended = new Set<Section>();
  private readonly cache = new Map<string, number>();
  private readonly byObject = new WeakMap<CellStyle, Map<number, number>>();
  private nextNumFmtId: number;

  constructor(xml: string) {
    this.xml = xml;
    this.items = { numFmts: [], fonts: [], fills: [], borders: [], cellXfs: [] };
    this.index = { numFmts: new Map(), fonts: new Map(), fills: new Map(), borders: new Map(), cellXfs: new Map() };
    for (const section of ORDER) {
      const body = this.sectionBody(section);
      if (body === undefined) continue;
      const item = ITEM[section];
      const re = new RegExp(`<(?:\\w+:)?${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</(?:\\w+:)?${item}>)`, "g");
      this.items[section] = [...body.matchAll(re)].map((m) => m[0]);
      this.items[section].forEach((x, i) => {
        if (!this.index[section].has(x)) this.index[section].set(x, i);
      });
    }
    const ids = this.items.numFmts.map((x) => Number(attr(x, "numFmtId") ?? 0));
    this.nextNumFmtId = Math.max(163, ...ids) + 1;
    if (this.items.cellXfs.length === 0) this.add("cellXfs", '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
  }

  /** Number of cell formats. */
  get cellFormatCount(): number {
    return this.items.cellXfs.length;
  }

  /** The cell format index for `style` applied over cell format `base` (other formatting kept). */
  apply(base: number, style: CellStyle): number {
    let byBase = this.byObject.get(style);
    const seen = byBase?.get(base);
    if (seen !== undefined) return seen;
    // Every field, in the object's order (another order only makes a second cache entry for the same format).
    let key = String(base);
    for (const [k, v] of Object.entries(style)) key += `|${k}=${String(v)}`;
    let cached = this.cache.get(key);
    if (cached === undefined) {
      cached = this.make(base, style);
      this.cache.set(key, cached);
    }
    if (byBase === undefined) this.byObject.set(style, (byBase = new Map<number, number>()));
    byBase.set(base, cached);
    return cached;
  }

  private make(base: number, style: CellStyle): number {
    const baseXf = this.items.cellXfs[base] ?? this.items.cellXfs[0] ?? "<xf/>";
    const open = /^<[^>]*?\/?>/.exec(baseXf)?.[0] ?? "<xf>";
    let tag = open.endsWith("/>") ? open.slice(0, -2) + ">" : open;
    const inner = baseXf.endsWith("/>") ? "" : baseXf.slice(open.length).replace(/<\/(?:\w+:)?xf>$/, "");
    let alignment = /<(?:\w+:)?alignment\b[^>]*?\/?>/.exec(inner)?.[0];
    const rest = inner.replace(/<(?:\w+:)?alignment\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?alignment>)/, "");
    if (
      style.fontName !== undefined ||
      style.fontSize !== undefined ||
      style.bold !== undefined ||
      style.italic !== undefined ||
      style.color !== undefined
    ) {
      const font = this.font(Number(attr(tag, "fontId") ?? 0), style);
      tag = setAttr(setAttr(tag, "fontId", String(font)), "applyFont", "1");
    }
    if (style.numberFormat !== undefined) {
      tag = setAttr(setAttr(tag, "numFmtId", String(this.numFmt(style.numberFormat))), "applyNumberFormat", "1");
    }
    if (style.fill !== undefined) {
      const fill = this.add(
        "fills",
        `<fill><patternFill patternType="solid"><fgColor rgb="FF${style.fill.slice(1).toUpperCase()}"/><bgColor indexed="64"/></patternFill></fill>`,
      );
      tag = setAttr(setAttr(tag, "fillId", String(fill)), "applyFill", "1");
    }
    if (style.border !== undefined) {
      const side = (name: string): string =>
        style.border === true ? `<${name} style="thin"><color indexed="64"/></${name}>` : `<${name}/>`;
      const border = this.add("borders", `<border>${side("left")}${side("right")}${side("top")}${side("bottom")}<diagonal/></border>`);
      tag = setAttr(setAttr(tag, "borderId", String(border)), "applyBorder", "1");
    }
    if (style.hAlign !== undefined || style.vAlign !== undefined || style.wrap !== undefined) {
      let a = alignment ?? "<alignment/>";
      if (!a.endsWith("/>")) a = a.replace(/>$/, "/>");
      if (style.hAlign !== undefined) a = setAttr(a, "horizontal", style.hAlign);
      if (style.vAlign !== undefined) a = setAttr(a, "vertical", style.vAlign === "middle" ? "center" : style.vAlign);
      if (style.wrap !== undefined) a = setAttr(a, "wrapText", style.wrap ? "1" : undefined);
      alignment = a;
      tag = setAttr(tag, "applyAlignment", "1");
    }
    const body = (alignment ?? "") + rest;
    const xf = body === "" ? tag.slice(0, -1) + "/>" : `${tag}${body}</xf>`;
    return this.add("cellXfs", xf);
  }

  /** Wrap, font size and boldness of a cell format (for row-height estimates). */
  facts(index: number): FormatFacts {
    const xf = this.items.cellXfs[index] ?? "";
    const font = this.items.fonts[Number(attr(xf, "fontId") ?? 0)] ?? "";
    const size = Number(attr(/<(?:\w+:)?sz\b[^>]*>/.exec(font)?.[0] ?? "", "val") ?? 11);
    const b = /<(?:\w+:)?b\b[^>]*>/.exec(font)?.[0];
    return {
      wrap: /wrapText="(1|true)"/.test(xf),
      size: Number.isFinite(size) && size > 0 ? size : 11,
      bold: b !== undefined && !/val="(0|false)"/.test(b),
    };
  }

  /** The styles part's text: unchanged when nothing was appended. */
  toXml(): string {
    for (const section of ORDER) {
      if (!this.appended.has(section)) continue;
      const content = this.items[section].join("");
      const re = new RegExp(`<((?:\\w+:)?${section})\\b([^>]*?)(?:/>|>[\\s\\S]*?</(?:\\w+:)?${section}>)`);
      const element = (name: string, attrs: string): string =>
        `<${name}${setAttr(`<x${attrs}>`, "count", String(this.items[section].length)).slice(2, -1)}>${content}</${name}>`;
      if (re.test(this.xml)) {
        this.xml = this.xml.replace(re, (_, name: string, attrs: string) => element(name, attrs));
      } else {
        const later = [...ORDER.slice(ORDER.indexOf(section) + 1), ...LATER]
          .map((n) => new RegExp(`<(?:\\w+:)?${n}\\b`).exec(this.xml)?.index)
          .find((i) => i !== undefined);
        const at = later ?? this.xml.search(/<\/(?:\w+:)?styleSheet>/);
        this.xml = this.xml.slice(0, at) + element(section, "") + this.xml.slice(at);
      }
      this.appended.delete(section);
    }
    return this.xml;
  }

  private sectionBody(section: Section): string | undefined {
    return new RegExp(`<(?:\\w+:)?${section}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${section}>`).exec(this.xml)?.[1];
  }

  private add(section: Section, xml: string): number {
    const found = this.index[section].get(xml);
    if (found !== undefined) return found;
    const i = this.items[section].length;
    this.items[section].push(xml);
    this.index[section].set(xml, i);
    this.appended.add(section);
    return i;
  }

  private numFmt(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    for (const x of this.items.numFmts) if (parseAttrs(x).formatCode === code) return Number(attr(x, "numFmtId"));
    const id = this.nextNumFmtId++;
    this.add("numFmts", `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return id;
  }

  private font(base: number, s: CellStyle): number {
    const xml = this.items.fonts[base] ?? "<font/>";
    const inner = xml.endsWith("/>") ? "" : xml.replace(/^<[^>]*>/, "").replace(/<\/(?:\w+:)?font>$/, "");
    const drop = new Set<string>();
    if (s.bold !== undefined) drop.add("b");
    if (s.italic !== undefined) drop.add("i");
    if (s.fontSize !== undefined) drop.add("sz");
    if (s.color !== undefined) drop.add("color");
    if (s.fontName !== undefined) drop.add("name");
    const kept = [...inner.matchAll(/<((?:\w+:)?(\w+))\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g)]
      .filter((m) => !drop.has(m[2] ?? ""))
      .map((m) => m[0]);
    const own: string[] = [];
    if (s.bold === true) own.push("<b/>");
    if (s.italic === true) own.push("<i/>");
    if (s.fontSize !== undefined) own.push(`<sz val="${s.fontSize}"/>`);
    if (s.color !== undefined) own.push(`<color rgb="FF${s.color.slice(1).toUpperCase()}"/>`);
    if (s.fontName !== undefined) own.push(`<name val="${escapeXml(s.fontName)}"/>`);
    return this.add("fonts", `<font>${own.join("")}${kept.join("")}</font>`);
  }
}

/** A minimal styles part for a new workbook (Calibri 11, as Excel starts one). */
export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  "</styleSheet>";

/**
 * XML text helpers for the .xlsx layer: escaping, unescaping and attributes of one start tag.
 */

/**
 * Text escaped for element content or a double-quoted attribute; characters XML 1.0 forbids are written as
 * Excel's `_xHHHH_` escapes.
 *
 * @example
 * escapeXml('a < "b"'); // "a &lt; &quot;b&quot;"
 */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/[&<>"]/g, (ch) => (ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : "&quot;"))
      // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters: they are escaped as OOXML's _xHHHH_
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`)
  );
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * Text of XML content: entities and character references resolved.
 *
 * @example
 * unescapeXml("a &lt; &#98;"); // "a < b"
 */
export function unescapeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith("#x")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
}

/**
 * Excel's `_xHHHH_` escapes (control characters in cell text) resolved.
 *
 * @example
 * unescapeOoxml("a_x000D_b"); // "a\rb"
 */
export function unescapeOoxml(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The attributes of a start tag's text (`<c r="A1" s="2">` or just ` r="A1" s="2"`), values unescaped.
 *
 * @example
 * parseAttrs('<c r="A1" t="s">'); // { r: "A1", t: "s" }
 */
export function parseAttrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag)) !== null) out[m[1] as string] = unescapeXml(m[2] ?? m[3] ?? "");
  return out;
}

/**
 * One attribute's value in a start tag, or undefined.
 *
 * @example
 * attr('<sheet name="A" r:id="rId1"/>', "r:id"); // "rId1"
 */
export function attr(tag: string, name: string): string | undefined {
  // Fast path: name="value" after whitespace, as every writer seen puts it.
  const key = `${name}="`;
  let at = tag.indexOf(key);
  while (at > 0) {
    const before = tag.charCodeAt(at - 1);
    if (before === 32 || before === 9 || before === 10 || before === 13) {
      const end = tag.indexOf('"', at + key.length);
      if (end < 0) break;
      const value = tag.slice(at + key.length, end);
      return value.includes("&") ? unescapeXml(value) : value;
    }
    at = tag.indexOf(key, at + 1);
  }
  if (!tag.includes(name)) return undefined;
  let re = ATTR_RES.get(name);
  if (re === undefined) {
    re = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR_RES.set(name, re);
  }
  const m = re.exec(tag);
  return m === null ? undefined : unescapeXml(m[1] ?? m[2] ?? "");
}

const ATTR_RES = new Map<string, RegExp>();

/**
 * Attributes as text for a start tag (leading space per attribute), skipping undefined values, in the given order.
 *
 * @example
 * attrsText({ r: "A1", s: "2", t: undefined }); // ' r="A1" s="2"'
 */
export function attrsText(attrs: Record<string, string | number | undefined>): string {
  let s = "";
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) s += ` ${k}="${escapeXml(String(v))}"`;
  return s;
}

/**
 * A start tag with one attribute set (added at the end when absent), or removed when `value` is undefined.
 *
 * @example
 * setAttr('<row r="3">', "ht", "20"); // '<row r="3" ht="20">'
 */
export function setAttr(tag: string, name: string, value: string | undefined): string {
  const re = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  if (value === undefined) return tag.replace(re, "");
  const text = ` ${name}="${escapeXml(value)}"`;
  if (re.test(tag)) return tag.replace(re, () => text);
  const end = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return tag.slice(0, end) + text + tag.slice(end);
}

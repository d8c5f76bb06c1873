import type { CellRange, CellStyle } from "./port.ts";
import { rectanglesByValue } from "./rectanglesByValue.ts";

/**
 * Covers the styled cells of a block with rectangles of one style each (see `rectanglesByValue`), sorted by
 * row then column. Cells with null or only a number format are left out (number formats go with the values).
 *
 * @example
 * styleRectangles([[{ bold: true }, { bold: true }], [{ bold: true }, { bold: true }]], 2, 2);
 * // [{ row: 0, col: 0, rows: 2, cols: 2, style: { bold: true } }]
 */
export function styleRectangles(
  styles: readonly (readonly (CellStyle | null)[])[],
  rows: number,
  cols: number,
): (CellRange & { style: CellStyle })[] {
  const byKey = new Map<string, CellStyle>();
  // Plans often repeat one style object over many cells: its key is made once.
  const known = new Map<CellStyle, string>();
  const keys = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c): string | undefined => {
      const style = styles[r]?.[c] ?? null;
      if (style === null) return undefined;
      let key = known.get(style);
      if (key === undefined) known.set(style, (key = styleKey(style)));
      if (key === "{}") return undefined;
      if (!byKey.has(key)) byKey.set(key, style);
      return key;
    }),
  );
  const out: (CellRange & { style: CellStyle })[] = [];
  for (const [key, rects] of rectanglesByValue(keys)) {
    const style = byKey.get(key);
    if (style !== undefined) for (const rect of rects) out.push({ ...rect, style });
  }
  return out.sort((a, b) => a.row - b.row || a.col - b.col);
}

/**
 * A canonical text key of a style, number format left out.
 *
 * @example
 * styleKey({ bold: true, numberFormat: "0.00" }) === styleKey({ bold: true }); // true
 */
export function styleKey(style: CellStyle): string {
  let key = "{";
  let known = 0;
  for (const k of STYLE_FIELDS) {
    const v = style[k];
    if (v === undefined) continue;
    known++;
    key += `${key.length > 1 ? "," : ""}"${k}":${typeof v === "string" ? JSON.stringify(v) : String(v)}`;
  }
  // A field CellStyle does not have yet: the general (slower) form, same text.
  let all = 0;
  for (const k in style) if (k !== "numberFormat" && style[k as keyof CellStyle] !== undefined) all++;
  if (all === known) return `${key}}`;
  const defined = Object.keys(style)
    .filter((k) => k !== "numberFormat" && style[k as keyof CellStyle] !== undefined)
    .sort();
  return `{${defined.map((k) => `${JSON.stringify(k)}:${JSON.stringify(style[k as keyof CellStyle])}`).join(",")}}`;
}

/** The fields of `CellStyle` but the number format, in the order `Array.prototype.sort` puts them. */
const STYLE_FIELDS = ["bold", "border", "color", "fill", "fontName", "fontSize", "hAlign", "italic", "vAlign", "wrap"] as const;

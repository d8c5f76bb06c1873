import { EXCEL_LIMITS } from "./hostLimits.ts";
import type { CellStyle, CellValue, SheetWrite } from "./port.ts";
import { ANALYSIS_SHEET } from "./sheetNames.ts";
import { FONT, STYLES } from "./workbookLabels.ts";

/** A titled list of paragraphs, as the report's analysis gives them. */
export interface AnalysisText {
  title: string;
  paragraphs: string[];
}

/** Column width in characters: fits an A4 portrait page without scaling. */
const WIDTH_CHARS = 72;
/** Wrapped lines of one row: 24 × 16,5 pt = 396 pt, under Excel's 409 pt row height. */
const MAX_LINES = 24;

/**
 * The "Phân tích" sheet: the written results (phần III) of every block, one paragraph per row, wrapped in
 * one wide column, with the stamp line last. Owned by the tool and regenerated whole.
 *
 * @example
 * planAnalysisSheet("KẾT QUẢ CHỈ SỐ CCHC NĂM 2023", [{ title: "1. Khối sở", paragraphs: ["Tổng điểm …"] }], stamp);
 */
export function planAnalysisSheet(heading: string, sections: readonly AnalysisText[], stamp: string): SheetWrite {
  const values: CellValue[][] = [];
  const styles: (CellStyle | null)[][] = [];
  const heights: (number | undefined)[] = [];
  const add = (text: string | null, style: CellStyle | null, lines = 1) => {
    values.push([text]);
    styles.push([style]);
    // A long paragraph (a list of 75+ units) is clamped to the tallest row Excel and Google Sheets allow.
    heights.push(lines > 1 ? Math.min(EXCEL_LIMITS.maxRowHeight, Math.ceil(lines * 16.5)) : undefined);
  };
  add(heading, { ...STYLES.title, hAlign: "left" });
  add(null, null);
  for (const s of sections) {
    add(s.title, { fontName: FONT, fontSize: 13, bold: true });
    for (const p of s.paragraphs) {
      // A long paragraph (the units of a group, at 300 units) goes on several rows: a row is at most 409 pt tall.
      for (const part of splitText(p, MAX_LINES * WIDTH_CHARS - 8)) {
        add(part, { fontName: FONT, fontSize: 13, wrap: true, vAlign: "top", hAlign: "left" }, Math.ceil((part.length + 8) / WIDTH_CHARS));
      }
    }
    add(null, null);
  }
  add(stamp, STYLES.note);
  return {
    sheet: ANALYSIS_SHEET,
    mode: "replace",
    blocks: [{ row: 0, col: 0, values, styles, rowHeights: heights }],
    layout: { columnWidths: [WIDTH_CHARS], print: { orientation: "portrait", fitToWidth: true }, tabColor: "#548235" },
  };
}

/**
 * Pieces of `text` of at most `max` characters, cut after a sentence, else after "; " or ", ", else at a space
 * (the last such break in the second half of the piece, else the last one anywhere).
 *
 * @example
 * splitText("Một. Hai. Ba.", 9); // ["Một. Hai.", "Ba."]
 */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const head = rest.slice(0, max + 1);
    const breaks = [". ", "; ", ", ", " "].map((sep) => head.lastIndexOf(sep));
    const cut = breaks.find((i) => i >= max / 2) ?? breaks.find((i) => i > 0);
    const at = cut === undefined ? max : cut + 1;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  out.push(rest);
  return out;
}

import type { CellStyle, CellValue, SheetWrite } from "./port.ts";
import { ANALYSIS_SHEET } from "./sheetNames.ts";
import { FONT, STYLES } from "./workbookLabels.ts";
import { columnWidthPt, rowHeightForLines, textWidthPt, wordsLineCount, wrappedLineCount } from "./wrappedRowHeight.ts";

/** A titled list of paragraphs, as the report's analysis gives them. */
export interface AnalysisText {
  title: string;
  paragraphs: string[];
}

/** Column width in characters: fits an A4 portrait page without scaling. */
const WIDTH_CHARS = 72;
/** Font size of the paragraphs. */
const FONT_SIZE = 13;
/**
 * Most lines of one row: 24 lines of 13 pt are 393 pt, under Excel's 409 pt row limit with room for the
 * estimate's error. A longer paragraph goes on in the next rows.
 */
export const ANALYSIS_MAX_LINES = 24;

/**
 * Splits a paragraph into pieces of at most `maxLines` wrapped lines in a cell `widthPt` wide, each piece
 * ending, where it can, after a "," ";" or "." in its second half (else at a space). Joined with spaces the
 * pieces give the paragraph back.
 *
 * @example
 * splitParagraph("a, b", 1000, 13, 24); // ["a, b"]
 * splitParagraph("Đơn vị An, Đơn vị Bình", 40, 13, 1); // ["Đơn vị", "An,", …] (one line each)
 */
export function splitParagraph(text: string, widthPt: number, fontSize: number, maxLines: number): string[] {
  if (wrappedLineCount(text, widthPt, fontSize) <= maxLines) return [text];
  const words = text.split(" ");
  // Each word measured once; a run of words is counted from their widths (as wrappedLineCount would count the
  // run joined with spaces: empty words are runs of spaces). A text with line breaks is measured run by run.
  const widths = /[\r\n]/.test(text) ? null : words.map((w) => (w === "" ? null : textWidthPt(w, fontSize)));
  const fits = (start: number, end: number): boolean =>
    widths === null
      ? wrappedLineCount(words.slice(start, end).join(" "), widthPt, fontSize) <= maxLines
      : wordsLineCount(
          widths.slice(start, end).filter((w): w is number => w !== null),
          widthPt,
          fontSize,
        ) <= maxLines;
  const pieces: string[] = [];
  let start = 0;
  while (start < words.length) {
    // The longest run of words from `start` that fits (at least one word).
    let end = start + 1;
    let high = words.length;
    while (end < high) {
      const mid = Math.ceil((end + high) / 2);
      if (fits(start, mid)) end = mid;
      else high = mid - 1;
    }
    if (end < words.length) {
      for (let k = end; k > start + Math.max(1, Math.floor((end - start) / 2)); k--) {
        if (/[,;.]$/.test(words[k - 1] ?? "")) {
          end = k;
          break;
        }
      }
    }
    pieces.push(words.slice(start, end).join(" "));
    start = end;
  }
  return pieces;
}

/**
 * The "Phân tích" sheet: the written results (phần III) of every block, one paragraph per row, wrapped in
 * one wide column, with the stamp line last (column A, as everything). Owned by the tool and regenerated
 * whole. Each row is as tall as its text needs (the core's `wrappedRowHeight` estimate), and never more than
 * `ANALYSIS_MAX_LINES` lines: a longer paragraph (the list of 300 communes of a group) goes on in the rows
 * below, so no row passes Excel's 409 pt.
 *
 * @example
 * planAnalysisSheet("KẾT QUẢ CHỈ SỐ CCHC NĂM 2023", [{ title: "1. Khối sở", paragraphs: ["Tổng điểm …"] }], stamp);
 */
export function planAnalysisSheet(heading: string, sections: readonly AnalysisText[], stamp: string): SheetWrite {
  const values: CellValue[][] = [];
  const styles: (CellStyle | null)[][] = [];
  const heights: (number | undefined)[] = [];
  const widthPt = columnWidthPt(WIDTH_CHARS);
  const add = (text: string | null, style: CellStyle | null, height?: number) => {
    values.push([text]);
    styles.push([style]);
    heights.push(height);
  };
  add(heading, { ...STYLES.title, hAlign: "left" });
  add(null, null);
  const paragraph: CellStyle = { fontName: FONT, fontSize: FONT_SIZE, wrap: true, vAlign: "top", hAlign: "left" };
  for (const s of sections) {
    add(s.title, { fontName: FONT, fontSize: FONT_SIZE, bold: true });
    for (const p of s.paragraphs) {
      for (const piece of splitParagraph(p, widthPt, FONT_SIZE, ANALYSIS_MAX_LINES)) {
        const lines = wrappedLineCount(piece, widthPt, FONT_SIZE);
        add(piece, paragraph, lines > 1 ? rowHeightForLines(lines, FONT_SIZE) : undefined);
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

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
      add(p, { fontName: FONT, fontSize: 13, wrap: true, vAlign: "top", hAlign: "left" }, Math.ceil((p.length + 8) / WIDTH_CHARS));
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

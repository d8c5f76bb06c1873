import type { UnitNotice } from "../report/buildNotices.ts";
import type { CellRange, CellStyle, CellValue, SheetLayout, SheetWrite } from "./port.ts";
import { FONT, NUMBER_FORMATS, numberFormats } from "./workbookLabels.ts";
import { toHundredths, toNumber, type Precision } from "../compute/hundredths.ts";
import { columnWidthPt, wrappedLineCount } from "./wrappedRowHeight.ts";

/** Font size of the body of a notice (tables and sentences). */
const BODY = 10;
/** Width in characters of the score columns (C–F). */
const SCORE_WIDTH = 7;
/** Height of an empty spacer row, in points. */
const SPACER_HEIGHT = 6;

/**
 * Column widths (characters) of a notice sheet: Mã, name, four score columns and, when some unit of the sheet
 * has a reason for a cut, "Lý do trừ điểm". 93 or 99 characters: A4 portrait at about 95 %.
 *
 * @example
 * noticeColumnWidths(false); // [5, 60, 7, 7, 7, 7]
 * noticeColumnWidths(true); // [5, 40, 7, 7, 7, 7, 26]
 */
export function noticeColumnWidths(withReasons: boolean): number[] {
  const scores = [SCORE_WIDTH, SCORE_WIDTH, SCORE_WIDTH, SCORE_WIDTH];
  return withReasons ? [5, 40, ...scores, 26] : [5, 60, ...scores];
}

/** The style of the whole sheet's block; cell styles below carry only what differs (hosts write fewer formats). */
const base: CellStyle = { fontName: FONT, fontSize: BODY, vAlign: "middle" };
/**
 * Cell styles. Table cells share one style whatever their column (text left, numbers right by Excel's general
 * alignment), so that a table body is one rectangle of formats for the hosts, not one per column.
 */
const cell: CellStyle = { wrap: true, border: true };
function makeStyles(precision: Precision) {
  const score = numberFormats(precision).score;
  return {
  title: { fontSize: 13, bold: true, hAlign: "center", wrap: true },
  unit: { fontSize: 13, bold: true, hAlign: "center", wrap: true },
  subtitle: { italic: true, hAlign: "center", wrap: true },
  section: { bold: true, wrap: true },
  sentence: { wrap: true },
  header: { bold: true, hAlign: "center", wrap: true, border: true, fill: "#DDEBF7", numberFormat: NUMBER_FORMATS.text },
  code: { ...cell, numberFormat: NUMBER_FORMATS.text },
  name: { ...cell, numberFormat: NUMBER_FORMATS.text },
  score: { ...cell, numberFormat: score },
  lost: { ...cell, numberFormat: score },
  reason: { ...cell, numberFormat: NUMBER_FORMATS.text },
  totalName: { ...cell, bold: true, numberFormat: NUMBER_FORMATS.text },
  totalScore: { ...cell, bold: true, numberFormat: score },
  stamp: { fontSize: 9, italic: true, color: "#595959" },
  } satisfies Record<string, CellStyle>;
}
/** The styles at each precision, made once (hosts cache styles by object). */
const STYLES_BY_PRECISION = new Map<Precision, ReturnType<typeof makeStyles>>();
function noticeStyles(precision: Precision): ReturnType<typeof makeStyles> {
  let made = STYLES_BY_PRECISION.get(precision);
  if (made === undefined) {
    made = makeStyles(precision);
    STYLES_BY_PRECISION.set(precision, made);
  }
  return made;
}

/** Rows of one notice being laid out (0-based inside the notice). */
class NoticeRows {
  values: CellValue[][] = [];
  styles: (CellStyle | null)[][] = [];
  merges: CellRange[] = [];
  heights: (number | undefined)[] = [];
  constructor(readonly width: number) {}
  row(cells: CellValue[], styles: (CellStyle | null)[], height?: number): number {
    const v: CellValue[] = [];
    const s: (CellStyle | null)[] = [];
    for (let c = 0; c < this.width; c++) {
      v.push(cells[c] ?? null);
      s.push(styles[c] ?? null);
    }
    this.values.push(v);
    this.styles.push(s);
    this.heights.push(height);
    return this.values.length - 1;
  }
  /** A line of text over the whole width. */
  line(text: string, style: CellStyle): void {
    const r = this.row([text], [style]);
    if (this.width > 1) this.merges.push({ row: r, col: 0, rows: 1, cols: this.width });
  }
  spacer(): void {
    this.row([], [], SPACER_HEIGHT);
  }
}

/**
 * The rows of one notice: title, unit, block and decision; I. the overview sentences; II. the fields against the
 * block mean; III. every criterion where points were lost (with the self score and the reason); IV. the three
 * criteria most below the block mean; V. the points to the next rank and the next group; the stamp line.
 */
function noticeRows(n: UnitNotice, width: number, stamp: string): NoticeRows {
  const S = noticeStyles(n.precision);
  const withReasons = width > 6;
  const t = new NoticeRows(width);
  const headerRow = (labels: string[]) =>
    t.row(
      labels,
      labels.map(() => S.header),
    );
  t.line(`PHIẾU THÔNG BÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${n.year}`, S.title);
  t.line(n.unitName, S.unit);
  t.line(`Khối ${lowerFirst(n.blockName)}${n.province.trim() === "" ? "" : ` - tỉnh ${n.province}`}`, S.subtitle);
  if (n.decision !== undefined) t.line(n.decision, S.subtitle);
  t.spacer();

  t.line("I. KẾT QUẢ CHUNG", S.section);
  for (const s of n.summary) t.line(s, S.sentence);
  t.spacer();

  t.line("II. ĐIỂM THEO LĨNH VỰC", S.section);
  headerRow(["Mã", "Lĩnh vực", "Điểm tối đa", "Điểm đạt", "Trung bình khối", "Điểm bị trừ", ...(withReasons ? [""] : [])]);
  if (withReasons) t.styles[t.styles.length - 1]![6] = null;
  for (const f of n.fields) {
    t.row([f.code, f.name, f.max, f.score, f.mean, f.lost], [S.code, S.name, S.score, S.score, S.score, S.lost]);
  }
  const lostTotal = toNumber(toHundredths(n.max, n.precision) - toHundredths(n.total, n.precision), n.precision);
  t.row(
    [null, "Tổng điểm", n.max, n.total, null, lostTotal],
    [S.code, S.totalName, S.totalScore, S.totalScore, S.totalScore, S.totalScore],
  );
  t.spacer();

  t.line("III. CÁC TIÊU CHÍ BỊ TRỪ ĐIỂM", S.section);
  if (n.lost.length === 0) t.line("Đơn vị không bị trừ điểm ở tiêu chí nào.", S.sentence);
  else {
    headerRow(["Mã", "Tiêu chí", "Điểm tối đa", "Tự đánh giá", "Điểm đạt", "Điểm bị trừ", ...(withReasons ? ["Lý do trừ điểm"] : [])]);
    for (const l of n.lost) {
      t.row(
        [l.code, l.name, l.max, l.self, l.score, l.lost, ...(withReasons ? [l.reason] : [])],
        [S.code, S.name, S.score, S.score, S.score, S.lost, S.reason],
      );
    }
  }
  t.spacer();

  t.line(`IV. CÁC TIÊU CHÍ CÓ ĐIỂM THẤP HƠN TRUNG BÌNH KHỐI NHIỀU NHẤT`, S.section);
  if (n.trailing.length === 0) t.line("Không có tiêu chí nào đơn vị đạt thấp hơn trung bình khối.", S.sentence);
  else {
    headerRow(["Mã", "Tiêu chí", "Điểm tối đa", "Điểm đạt", "Trung bình khối", "Thấp hơn"]);
    for (const l of n.trailing) {
      t.row([l.code, l.name, l.max, l.score, l.mean, l.behind], [S.code, S.name, S.score, S.score, S.score, S.lost]);
    }
  }
  t.spacer();

  t.line("V. ĐỂ NÂNG THỨ HẠNG, XẾP NHÓM", S.section);
  for (const s of n.nextSteps) t.line(s, S.sentence);
  t.spacer();
  t.line(stamp, S.stamp);
  return t;
}

/**
 * One sheet the tool owns holding the result notices (phiếu thông báo kết quả) of the given units one after
 * another, each from a new printed page (`layout.rowBreaks`): A4 portrait, fitted to the page width, 10 pt
 * Times New Roman, every row's height decided here (wrapped text measured, `wrappedLineCount`); a notice fills one page, two when the
 * unit lost points on many criteria. Each notice ends with the stamp line (column A), so the sheet is recognised
 * as the tool's. One block of values.
 *
 * @example
 * const [so] = buildNotices(input, result);
 * planNoticeSheet("Thông báo kết quả - Sở", so.notices, stampLine(input)).layout?.rowBreaks?.length; // 19 (20 units)
 */
export function planNoticeSheet(sheet: string, notices: readonly UnitNotice[], stamp: string): SheetWrite {
  const withReasons = notices.some((n) => n.lost.some((l) => l.reason !== null));
  const columnWidths = noticeColumnWidths(withReasons);
  const width = columnWidths.length;
  const values: CellValue[][] = [];
  const styles: (CellStyle | null)[][] = [];
  const merges: CellRange[] = [];
  const rowHeights: (number | undefined)[] = [];
  const rowBreaks: number[] = [];
  for (const n of notices) {
    const start = values.length;
    if (start > 0) rowBreaks.push(start);
    const t = noticeRows(n, width, stamp);
    const heights = noticeRowHeights(t, columnWidths);
    t.values.forEach((line, r) => {
      values.push(line);
      styles.push(t.styles[r] ?? []);
      rowHeights.push(heights[r]);
    });
    for (const m of t.merges) merges.push({ ...m, row: m.row + start });
  }
  const layout: SheetLayout = {
    columnWidths,
    print: { orientation: "portrait", fitToWidth: true },
    tabColor: "#548235",
    rowBreaks,
  };
  return { sheet, mode: "replace", blocks: [{ row: 0, col: 0, values, style: base, styles, merges, rowHeights }], layout };
}

/** Height of a one-line row as a multiple of the font size (Times New Roman needs about 1,15), plus 2 pt. */
const LINE_SPACING = 1.2;
/** Line height of wrapped text, as `rowHeightForLines` measures it (LibreOffice clips tighter rows), plus 3 pt. */
const WRAPPED_SPACING = 1.25;

/**
 * Every row's height in points: the most wrapped lines of its cells (a merged line measured across its merged
 * width) at the cell's font size: one line 1,2 × the size + 2 pt, wrapped lines 1,25 × + 3 pt (as `rowHeightForLines`);
 * a spacer row keeps its own. Tighter than
 * Excel's 15 pt default row, so that a notice of 50 criteria with lost points still prints on two pages.
 */
function noticeRowHeights(t: NoticeRows, columnWidths: readonly number[]): number[] {
  const widthPt = (col: number, cols: number): number => {
    let w = 0;
    for (let k = col; k < col + cols; k++) w += columnWidthPt(columnWidths[k] ?? 8.43);
    return w;
  };
  return t.values.map((line, r) => {
    const given = t.heights[r];
    if (given !== undefined) return given;
    let need = BODY * LINE_SPACING + 2;
    line.forEach((v, c) => {
      if (v === null || v === "") return;
      const style = t.styles[r]?.[c] ?? base;
      const size = style.fontSize ?? BODY;
      const merge = t.merges.find((m) => m.row === r && m.col === c);
      const lines =
        typeof v === "string" && style.wrap === true ? wrappedLineCount(v, widthPt(c, merge?.cols ?? 1), size, style.bold === true) : 1;
      need = Math.max(need, lines === 1 ? size * LINE_SPACING + 2 : lines * size * WRAPPED_SPACING + 3);
    });
    return Math.min(MAX_ROW_HEIGHT, Math.ceil(need));
  });
}

/** Excel's highest row, in points. */
const MAX_ROW_HEIGHT = 409;

/** The block's name after "Khối": its first letter in lower case, unless the first word is an acronym (UBND). */
function lowerFirst(text: string): string {
  const first = text.split(" ")[0] ?? "";
  if (first.length > 1 && first === first.toLocaleUpperCase("vi")) return text;
  return text.length > 0 ? text.charAt(0).toLocaleLowerCase("vi") + text.slice(1) : text;
}

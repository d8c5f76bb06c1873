import type { InputDocument } from "../schema/inputSchema.ts";
import type { CellValue } from "../workbook/port.ts";
import { selfGapSheetName } from "../workbook/sheetNames.ts";
import { LABELS } from "../workbook/workbookLabels.ts";
import { parseScoreH, type ParsedScore } from "../compute/parseScore.ts";
import type { Precision } from "../compute/hundredths.ts";
import { splitParagraph } from "../workbook/planAnalysisSheet.ts";
import { columnWidthPt, wrappedLineCount } from "../workbook/wrappedRowHeight.ts";
import type { ReportTable } from "./reportTable.ts";
import type { BlockContext } from "./blockContext.ts";
import { assembleTable, cellH, type ColumnSpec } from "./assembleTable.ts";

/** Font size of the table's body (that of every Biểu: `planReportSheet`). */
const BODY_FONT_SIZE = 12;
/**
 * Most wrapped lines of a note in one row: 24 lines of 12 pt are 363 pt, under Excel's 409 pt row limit with room
 * for the estimate's error. A longer note (up to 2000 characters) goes on in the rows below its leaf's row.
 */
const NOTE_MAX_LINES = 24;

/** The one line of a unit that has given no self score. */
export const NO_SELF_SCORES = "Chưa có điểm tự đánh giá";
/** The one line of a unit whose self scores all equal the appraised ones. */
export const NO_DIFFERENCE = "Không có chênh lệch";

/**
 * The table of differences between self and appraised scores of a block (sheet «Chênh lệch TĐG», «Chênh lệch
 * TĐG a» for the second block…), for the appraisal council and the units: per unit in rank order, every appraised
 * leaf whose appraised score differs from the self score, or that has a reason (lý do trừ điểm) or an explanation
 * (giải trình): STT, Đơn vị (on the unit's first line only), Mã, Tiêu chí, Tự đánh giá, Thẩm định, Chênh lệch
 * (appraised − self: negative for a cut), Lý do trừ điểm, Giải trình. A `KĐG` on one side only is shown as such,
 * with no difference. A unit without self scores has one line «Chưa có điểm tự đánh giá» (or the lines of its
 * notes), a unit without differences one line «Không có chênh lệch». The table grows in rows, never in columns.
 *
 * @example
 * const t = buildSelfGapTable(input, blockContexts(input, result)[0]!);
 * t.sheetName; // "Chênh lệch TĐG"
 * t.body[0]; // [1, "Sở Giao thông vận tải", "1.1.1", "Ban hành kế hoạch CCHC năm …", 0.25, 0.5, 0.25, null, null]
 */
export function buildSelfGapTable(input: InputDocument, ctx: BlockContext, stamp?: string): ReportTable {
  const sheetName = selfGapSheetName(ctx.suffix);
  const columns: ColumnSpec[] = [
    { label: "STT", width: 5, kind: "integer" },
    { label: "Đơn vị", width: 22, kind: "text" },
    { label: "Mã", width: 7, kind: "text" },
    { label: "Tiêu chí", width: 30, kind: "text" },
    { label: "Tự đánh giá", width: 8, kind: "score" },
    { label: "Thẩm định", width: 8, kind: "score" },
    {
      label: "Chênh lệch",
      width: 9,
      kind: "signedScore",
      note: "Điểm thẩm định − Điểm tự đánh giá (âm: bị trừ điểm, dương: được cộng điểm)",
    },
    { label: "Lý do trừ điểm", width: REASON_WIDTH, kind: "text" },
    { label: "Giải trình", width: EXPLANATION_WIDTH, kind: "text" },
  ];
  const { block } = ctx;
  const leaves = ctx.tree.leaves.filter((l) => (l.method ?? "appraised") === "appraised");
  const body: CellValue[][] = [];
  let differing = 0;
  let cuts = 0;
  let cutsWithoutReason = 0;
  let withSelf = 0;
  ctx.ranked.forEach((unit, i) => {
    const self = rowOf(block.selfScores, unit.code);
    const final = rowOf(block.scores, unit.code) ?? {};
    const reasons = rowOf(block.reasons, unit.code);
    const explanations = rowOf(block.explanations, unit.code);
    const hasSelf = self !== undefined && Object.keys(self).length > 0;
    if (hasSelf) withSelf++;
    const lines: CellValue[][] = [];
    for (const leaf of leaves) {
      const reason = noteOf(reasons, leaf.code);
      const explanation = noteOf(explanations, leaf.code);
      const s = self !== undefined && Object.hasOwn(self, leaf.code) ? parseScoreH(self[leaf.code], leaf.maxH, ctx.precision) : undefined;
      const f = parseScoreH(Object.hasOwn(final, leaf.code) ? final[leaf.code] : undefined, leaf.maxH, ctx.precision);
      const differs = s !== undefined && s.kind !== "error" && f.kind !== "error" && !sameScore(s, f);
      if (!differs && reason === null && explanation === null) continue;
      let change: number | null = null;
      if (differs && s.kind === "value" && f.kind === "value") {
        change = f.hundredths - s.hundredths;
        if (change < 0) {
          cuts++;
          if (reason === null) cutsWithoutReason++;
        }
      }
      if (differs) differing++;
      // A long note goes on in the rows below (no row taller than 409 pt, no merged cells).
      const reasonParts = reason === null ? [null] : splitNote(reason, columnWidthPt(REASON_WIDTH));
      const explanationParts = explanation === null ? [null] : splitNote(explanation, columnWidthPt(EXPLANATION_WIDTH));
      for (let k = 0; k < Math.max(reasonParts.length, explanationParts.length); k++) {
        const notes = [reasonParts[k] ?? null, explanationParts[k] ?? null];
        lines.push(
          k === 0
            ? [
                null,
                null,
                leaf.code,
                leaf.name,
                scoreCell(s, ctx.precision),
                scoreCell(f, ctx.precision),
                cellH(change, ctx.precision),
                ...notes,
              ]
            : [null, null, null, null, null, null, null, ...notes],
        );
      }
    }
    if (lines.length === 0) lines.push([null, null, null, hasSelf ? NO_DIFFERENCE : NO_SELF_SCORES, null, null, null, null, null]);
    const first = lines[0]!;
    first[0] = i + 1;
    first[1] = unit.name;
    body.push(...lines);
  });
  const extraNotes: string[] = [
    "Đơn vị theo thứ tự xếp hạng; chỉ liệt kê tiêu chí thẩm định có điểm thẩm định khác điểm tự đánh giá, " +
      "hoặc có lý do trừ điểm hay giải trình.",
    withSelf === 0
      ? "Chưa có đơn vị nào trong khối có điểm tự đánh giá."
      : `Số tiêu chí có chênh lệch: ${differing}; bị trừ điểm: ${cuts}, trong đó chưa có lý do trừ điểm: ${cutsWithoutReason}.`,
  ];
  const table = assembleTable(
    {
      number: sheetName,
      titleLines: [
        "BẢNG CHÊNH LỆCH ĐIỂM TỰ ĐÁNH GIÁ VÀ ĐIỂM THẨM ĐỊNH",
        `CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${input.year} CỦA ${block.name.toLocaleUpperCase("vi")}`,
        "(Tài liệu làm việc của Hội đồng thẩm định, không thuộc các Biểu công bố)",
      ],
      header: [columns.map((c) => c.label)],
      body,
      footer: [],
      headerMerges: [],
      columns,
      extraNotes,
      precision: ctx.precision,
    },
    stamp,
  );
  return { ...table, sheetName };
}

/** Widths of the note columns, in characters. */
const REASON_WIDTH = 34;
const EXPLANATION_WIDTH = 34;

/**
 * A note cut into pieces of at most `NOTE_MAX_LINES` wrapped lines in a column `widthPt` wide: at punctuation
 * or spaces (`splitParagraph`), and a word longer than that (a long link) by characters.
 */
function splitNote(text: string, widthPt: number): string[] {
  const fits = (t: string): boolean => wrappedLineCount(t, widthPt, BODY_FONT_SIZE) <= NOTE_MAX_LINES;
  return splitParagraph(text, widthPt, BODY_FONT_SIZE, NOTE_MAX_LINES).flatMap((piece) => {
    const out: string[] = [];
    let rest = piece;
    while (!fits(rest)) {
      let n = 1;
      while (n < rest.length && fits(rest.slice(0, n * 2))) n *= 2;
      let high = Math.min(rest.length, n * 2);
      while (n + 1 < high) {
        const mid = Math.floor((n + high) / 2);
        if (fits(rest.slice(0, mid))) n = mid;
        else high = mid;
      }
      out.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    out.push(rest);
    return out;
  });
}

/** A unit's row of a table (score or note) when it is an object. */
function rowOf<T>(table: Record<string, Record<string, T>> | undefined, unit: string): Record<string, T> | undefined {
  if (table === undefined || !Object.hasOwn(table, unit)) return undefined;
  const row = table[unit];
  return row !== null && typeof row === "object" ? row : undefined;
}

/** A note's text, or null when there is none. */
function noteOf(row: Record<string, string> | undefined, code: string): string | null {
  if (row === undefined || !Object.hasOwn(row, code)) return null;
  const text = row[code];
  return typeof text === "string" && text.trim() !== "" ? text.trim() : null;
}

function sameScore(a: ParsedScore, b: ParsedScore): boolean {
  if (a.kind === "value" && b.kind === "value") return a.hundredths === b.hundredths;
  return a.kind === b.kind;
}

function scoreCell(p: ParsedScore | undefined, precision: Precision): CellValue {
  if (p === undefined) return null;
  if (p.kind === "value") return cellH(p.hundredths, precision);
  return p.kind === "na" ? LABELS.notApplicable : null;
}

import type { InputDocument } from "../schema/inputSchema.ts";
import type { CellRange, CellValue } from "../workbook/port.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";
import type { CriteriaNode } from "../compute/buildCriteriaTree.ts";
import type { ReportTable } from "./reportTable.ts";
import type { BlockContext } from "./blockContext.ts";
import { assembleTable, cellH as cellAt, roundingStep, type ColumnSpec } from "./assembleTable.ts";
import { meanH } from "./meanH.ts";
import { tableTitle } from "./tableTitle.ts";
import { toHundredths as unitsAt } from "../compute/hundredths.ts";

/**
 * How a not-applicable score is shown in a table cell.
 *
 * @example
 * row[3] === NOT_APPLICABLE; // true where the unit's criterion is "không đánh giá"
 */
export const NOT_APPLICABLE = "KĐG";

/**
 * The table number of a field: 3 + the field's code ("1" → 4 … "8" → 11); a field whose code is not a
 * whole number takes 3 + its position (1-based).
 *
 * @example
 * fieldTableNumber("3", 2); // 6
 * fieldTableNumber("x", 0); // 4
 */
export function fieldTableNumber(fieldCode: string, position: number): number {
  return /^\d+$/.test(fieldCode) ? 3 + Number(fieldCode) : 4 + position;
}

/** Fields with at most this many criteria and sub-criteria keep the 36-character name column of Biểu 1–3. */
const WIDE_NAME_MAX_COLUMNS = 20;

/**
 * Width (characters) of a score column of Biểu 4–11: "10,00" and "Cộng" in 12 pt bold fit.
 *
 * @example
 * columnWidthPt(FIELD_SCORE_WIDTH); // 33.75 pt
 */
export const FIELD_SCORE_WIDTH = 5.7;

/**
 * Biểu số 4–11 (4a–11a, 4b–11b…): one field, legible at any number of units — one row per unit in rank order
 * (STT, Đơn vị), one column per criterion and sub-criterion of the field (a criterion with sub-criteria heads
 * its group: its code over the group, "Cộng" over its own column, the sum of its applicable sub-criteria, then
 * one column per sub-criterion, headed by the last part of its code), and the field total (= Biểu 3's field
 * column). The last header row holds the maxima; the closing row Trung bình holds each column's mean over the
 * units assessed ("KĐG" when not applicable). Names of the criteria do not fit a column header: a legend
 * under the table gives them, with their maxima.
 *
 * @example
 * const ctx = blockContexts(input, result)[0]!;
 * const t = buildFieldTable(input, ctx, ctx.tree.fields[0]!, 0);
 * t.number;             // "4"
 * t.header[1]?.[2];     // "1.1"
 * t.body[0]?.slice(0, 2); // [1, "Sở Giao thông vận tải"]
 * t.body[0]?.at(-1);    // 11.41 (the first unit's field total)
 */
export function buildFieldTable(
  input: InputDocument,
  ctx: BlockContext,
  field: CriteriaNode,
  position: number,
  stamp?: string,
): ReportTable {
  const number = `${fieldTableNumber(field.code, position)}${ctx.suffix}`;
  const p = ctx.precision;
  const cellH = (h: number | null | undefined) => cellAt(h, p);
  const toHundredths = (x: number): number => unitsAt(x, p);
  // "10,000" needs a little more room than "10,00".
  const scoreWidth = p === 3 ? FIELD_SCORE_WIDTH + 0.8 : FIELD_SCORE_WIDTH;
  const units = ctx.ranked;
  const nodes = ctx.tree.nodes.filter((node) => node.fieldCode === field.code && node.code !== field.code);
  const n = nodes.length;
  const total = `Tổng điểm lĩnh vực ${field.code}`;
  const columns: ColumnSpec[] = [
    { label: "STT", width: 5, kind: "integer" },
    // As wide as in Biểu 1–3 (a unit's name on one line) unless the field has so many columns that the
    // narrower name column keeps the printed text ≥ 7 pt (30 columns: 60 % of 12 pt on A4 landscape).
    { label: "Đơn vị", width: n <= WIDE_NAME_MAX_COLUMNS ? 36 : 26, kind: "text" },
    ...nodes.map((node): ColumnSpec => ({ label: node.code, width: scoreWidth, kind: "score" })),
    { label: total, width: 8, kind: "score" },
  ];
  const last = 2 + n;
  const row = (): CellValue[] => Array<CellValue>(n + 3).fill(null);
  const title = row();
  title[0] = "STT";
  title[1] = "Đơn vị";
  if (n > 0) title[2] = "Điểm các tiêu chí, tiêu chí thành phần (tên ở chú thích dưới bảng)";
  title[last] = total;
  const codes = row();
  const parts = row();
  const maxima = row();
  maxima[1] = "Điểm tối đa";
  maxima[last] = cellH(field.maxH);
  const headerMerges: CellRange[] = [
    { row: 0, col: 0, rows: 3, cols: 1 },
    { row: 0, col: 1, rows: 3, cols: 1 },
    { row: 0, col: last, rows: 3, cols: 1 },
    ...(n > 1 ? [{ row: 0, col: 2, rows: 1, cols: n }] : []),
  ];
  // A criterion (depth 2) heads its group: the criterion's own column, then its descendants.
  nodes.forEach((node, k) => {
    const col = 2 + k;
    maxima[col] = cellH(node.maxH);
    if (node.depth <= 2) {
      codes[col] = node.code;
      const size = nodes.slice(k + 1).findIndex((x) => x.depth <= 2);
      const group = size < 0 ? n - k : size + 1;
      if (group > 1) {
        parts[col] = "Cộng";
        headerMerges.push({ row: 1, col, rows: 1, cols: group });
      } else headerMerges.push({ row: 1, col, rows: 2, cols: 1 });
    } else {
      parts[col] = node.code.slice(node.code.lastIndexOf(".") + 1);
    }
  });
  const header: CellValue[][] = [title, codes, parts, maxima];
  const body: CellValue[][] = units.map((u, i) => {
    const f = u.fields.find((x) => x.code === field.code);
    return [
      i + 1,
      u.name,
      ...nodes.map((node) => {
        const s = ctx.nodeScore(u.code, node.code);
        return s === null ? NOT_APPLICABLE : cellH(s);
      }),
      f === undefined ? 0 : f.score,
    ];
  });
  const stat = ctx.result.stats.fields.find((s) => s.code === field.code);
  const totals = units.map((u) => {
    const f = u.fields.find((x) => x.code === field.code);
    return f === undefined ? 0 : toHundredths(f.score);
  });
  const footer: CellValue[][] = [
    [
      null,
      "Trung bình",
      ...nodes.map((node) => {
        const mean = meanH(units.map((u) => ctx.nodeScore(u.code, node.code)).filter((s): s is number => s !== null));
        return mean === undefined ? NOT_APPLICABLE : cellH(mean);
      }),
      stat?.mean ?? cellH(meanH(totals)),
    ],
  ];
  const legend = nodes.map((node) => `${node.code}. ${node.name} (tối đa ${formatNumberVi(node.max, p)} điểm)`);
  return assembleTable(
    {
      number,
      titleLines: tableTitle(
        input,
        number,
        `KẾT QUẢ LĨNH VỰC ${field.code}: ${field.name.toLocaleUpperCase("vi")} NĂM ${input.year}`,
        ctx.block.name,
      ),
      header,
      body,
      footer,
      headerMerges,
      columns,
      extraNotes: [
        ...(n > 0 ? [`Tiêu chí, tiêu chí thành phần của lĩnh vực ${field.code}: ${field.name}:`, ...legend] : []),
        "Điểm của tiêu chí (cột «Cộng») bằng tổng điểm các tiêu chí thành phần được đánh giá; KĐG: không đánh giá (không tính vào điểm và điểm tối đa của đơn vị).",
        `${total}: tổng điểm các tiêu chí của lĩnh vực, bằng cột lĩnh vực ${field.code} của Biểu số 3${ctx.suffix}; Trung bình: trung bình cộng điểm của các đơn vị được đánh giá (không tính KĐG), làm tròn đến ${roundingStep(p)}.`,
      ],
      precision: p,
    },
    stamp,
  );
}

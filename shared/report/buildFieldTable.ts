import type { InputDocument } from "../schema/inputSchema.ts";
import type { CellValue } from "../workbook/port.ts";
import type { CriteriaNode } from "../compute/buildCriteriaTree.ts";
import type { ReportTable } from "./reportTable.ts";
import type { BlockContext } from "./blockContext.ts";
import { assembleTable, cellH, type ColumnSpec } from "./assembleTable.ts";
import { meanH } from "./meanH.ts";
import { tableTitle } from "./tableTitle.ts";
import { toHundredths } from "../compute/hundredths.ts";

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

/**
 * Biểu số 4–11 (4a–11a): one field's criteria and sub-criteria as rows (code, name, maximum), one column per
 * unit in rank order with the unit's score ("KĐG" when not applicable; a criterion is the sum of its
 * applicable sub-criteria), a side column with the mean over the units assessed, and a closing row with the
 * field total of each unit and the field mean.
 *
 * @example
 * const ctx = blockContexts(input, result)[0]!;
 * const t = buildFieldTable(input, ctx, ctx.tree.fields[0]!, 0);
 * t.number;        // "4"
 * t.body[0]?.[0];  // "1.1"
 * t.footer[0]?.[3]; // 11.41 (the first unit's field total)
 */
export function buildFieldTable(
  input: InputDocument,
  ctx: BlockContext,
  field: CriteriaNode,
  position: number,
  stamp?: string,
): ReportTable {
  const number = `${fieldTableNumber(field.code, position)}${ctx.suffix}`;
  const units = ctx.ranked;
  const columns: ColumnSpec[] = [
    { label: "Mã số", width: 8, kind: "text" },
    { label: "Tiêu chí, tiêu chí thành phần", width: 48, kind: "text" },
    { label: "Điểm tối đa", width: 8, kind: "score" },
    ...units.map((u): ColumnSpec => ({ label: u.name, width: 9, kind: "score" })),
    {
      label: "Trung bình",
      width: 9,
      kind: "score",
      note: "trung bình cộng điểm của các đơn vị được đánh giá ở tiêu chí (không tính KĐG), làm tròn đến 0,01",
    },
  ];
  const n = units.length;
  const header: CellValue[][] = [
    ["Mã số", "Tiêu chí, tiêu chí thành phần", "Điểm tối đa", "Điểm của các đơn vị (theo thứ tự xếp hạng)", ...Array<CellValue>(Math.max(0, n - 1)).fill(null), "Trung bình"],
    [null, null, null, ...units.map((u) => u.name), null],
  ];
  const headerMerges = [
    ...[0, 1, 2, 3 + n].map((col) => ({ row: 0, col, rows: 2, cols: 1 })),
    ...(n > 1 ? [{ row: 0, col: 3, rows: 1, cols: n }] : []),
  ];
  const rows = ctx.tree.nodes.filter((node) => node.fieldCode === field.code && node.code !== field.code);
  const body: CellValue[][] = rows.map((node) => {
    const scores = units.map((u) => ctx.nodeScore(u.code, node.code));
    const assessed = scores.filter((s): s is number => s !== null);
    const mean = meanH(assessed);
    return [
      node.code,
      node.name,
      cellH(node.maxH),
      ...scores.map((s) => (s === null ? NOT_APPLICABLE : cellH(s))),
      mean === undefined ? NOT_APPLICABLE : cellH(mean),
    ];
  });
  const stat = ctx.result.stats.fields.find((s) => s.code === field.code);
  const totals = units.map((u) => {
    const f = u.fields.find((x) => x.code === field.code);
    return f === undefined ? 0 : toHundredths(f.score);
  });
  const footer: CellValue[][] = [
    [
      field.code,
      `Tổng điểm lĩnh vực ${field.code}`,
      cellH(field.maxH),
      ...totals.map((t) => cellH(t)),
      stat?.mean ?? cellH(meanH(totals)),
    ],
  ];
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
        "Điểm của tiêu chí bằng tổng điểm các tiêu chí thành phần được đánh giá; KĐG: không đánh giá (không tính vào điểm và điểm tối đa của đơn vị).",
        `Tổng điểm lĩnh vực ${field.code}: tổng điểm các tiêu chí của lĩnh vực, bằng cột lĩnh vực ${field.code} của Biểu số 3${ctx.suffix}; Trung bình: trung bình cộng của tất cả các đơn vị.`,
      ],
    },
    stamp,
  );
}

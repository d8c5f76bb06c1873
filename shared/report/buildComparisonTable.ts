import type { InputDocument } from "../schema/inputSchema.ts";
import type { CellValue } from "../workbook/port.ts";
import type { ReportTable } from "./reportTable.ts";
import type { BlockContext } from "./blockContext.ts";
import { assembleTable, cellH, type ColumnSpec } from "./assembleTable.ts";
import { tableTitle } from "./tableTitle.ts";
import { toHundredths } from "../compute/hundredths.ts";

/**
 * Biểu số 2 (2a): comparison with the previous year, in this year's rank order — STT, Đơn vị, Chỉ số and
 * Xếp hạng of the previous year and of this year, Tăng/giảm điểm, Tăng/giảm bậc; closing row Trung bình.
 * When the block has no previous-year data for every unit, the table keeps its header, has no rows and
 * a note says why.
 *
 * @example
 * const t = buildComparisonTable(input, blockContexts(input, result)[0]!);
 * t.footer[0]; // [null, "Trung bình", 91.19, null, 85.97, null, -5.22, null]
 */
export function buildComparisonTable(input: InputDocument, ctx: BlockContext, stamp?: string): ReportTable {
  const number = `2${ctx.suffix}`;
  const prevYear = input.year - 1;
  const columns: ColumnSpec[] = [
    { label: "STT", width: 6, kind: "integer" },
    { label: "Đơn vị", width: 36, kind: "text" },
    { label: `Chỉ số năm ${prevYear}`, width: 10, kind: "score" },
    { label: `Xếp hạng năm ${prevYear}`, width: 9, kind: "integer" },
    { label: `Chỉ số năm ${input.year}`, width: 10, kind: "score" },
    { label: `Xếp hạng năm ${input.year}`, width: 9, kind: "integer" },
    {
      label: "Tăng/giảm điểm",
      width: 10,
      kind: "signedScore",
      note: `Chỉ số năm ${input.year} − Chỉ số năm ${prevYear} (dương: tăng điểm, âm: giảm điểm)`,
    },
    {
      label: "Tăng/giảm bậc",
      width: 9,
      kind: "signedInteger",
      note: `Xếp hạng năm ${prevYear} − Xếp hạng năm ${input.year} (dương: tăng bậc, âm: giảm bậc, 0: giữ bậc)`,
    },
  ];
  const header: CellValue[][] = [
    ["STT", "Đơn vị", `Năm ${prevYear}`, null, `Năm ${input.year}`, null, "Tăng/giảm điểm", "Tăng/giảm bậc"],
    [null, null, "Chỉ số", "Xếp hạng", "Chỉ số", "Xếp hạng", null, null],
  ];
  const headerMerges = [
    ...[0, 1, 6, 7].map((col) => ({ row: 0, col, rows: 2, cols: 1 })),
    { row: 0, col: 2, rows: 1, cols: 2 },
    { row: 0, col: 4, rows: 1, cols: 2 },
  ];
  const previous = ctx.result.stats.previous;
  const hasAll = previous !== undefined && ctx.ranked.every((u) => u.change !== undefined);
  const body: CellValue[][] = [];
  const footer: CellValue[][] = [];
  const extraNotes: string[] = [];
  if (hasAll) {
    ctx.ranked.forEach((u, i) => {
      const change = u.change ?? { index: 0, rank: 0 };
      const prevIndexH = toHundredths(u.index, ctx.precision) - toHundredths(change.index, ctx.precision);
      body.push([i + 1, u.name, cellH(prevIndexH, ctx.precision), u.rank + change.rank, u.index, u.rank, change.index, change.rank]);
    });
    footer.push([null, "Trung bình", previous.mean, null, ctx.result.stats.mean, null, previous.meanChange, null]);
  } else {
    extraNotes.push(`Không có đủ số liệu Chỉ số CCHC năm ${prevYear} của các đơn vị trong khối nên không lập được bảng so sánh.`);
  }
  return assembleTable(
    {
      number,
      titleLines: tableTitle(
        input,
        number,
        `SO SÁNH KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${input.year} VỚI NĂM ${prevYear}`,
        ctx.block.name,
      ),
      header,
      body,
      footer,
      headerMerges,
      columns,
      extraNotes,
      precision: ctx.precision,
    },
    stamp,
  );
}

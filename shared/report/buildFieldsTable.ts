import type { InputDocument } from "../schema/inputSchema.ts";
import type { CellValue } from "../workbook/port.ts";
import type { ReportTable } from "./reportTable.ts";
import type { BlockContext } from "./blockContext.ts";
import { assembleTable, cellH as cellAt, roundingStep, type ColumnSpec } from "./assembleTable.ts";
import { meanH } from "./meanH.ts";
import { tableTitle } from "./tableTitle.ts";
import { toHundredths as unitsAt } from "../compute/hundredths.ts";

/**
 * Biểu số 3 (3a): results by field — one row per unit in rank order, one column per field (name, then its
 * maximum in the third header row), then Tổng điểm, Chỉ số, Xếp hạng; closing rows Trung bình, Cao nhất,
 * Thấp nhất. The field columns add up to Tổng điểm.
 *
 * @example
 * const t = buildFieldsTable(input, blockContexts(input, result)[0]!);
 * t.header[2]?.slice(2, 4); // [11.5, 10.5]
 * t.footer[0]?.[2];        // 7.69 (mean of field 1)
 */
export function buildFieldsTable(input: InputDocument, ctx: BlockContext, stamp?: string): ReportTable {
  const number = `3${ctx.suffix}`;
  const p = ctx.precision;
  const cellH = (h: number | null | undefined) => cellAt(h, p);
  const toHundredths = (n: number): number => unitsAt(n, p);
  const step = roundingStep(p);
  const fields = ctx.tree.fields;
  const n = fields.length;
  const columns: ColumnSpec[] = [
    { label: "STT", width: 6, kind: "integer" },
    { label: "Đơn vị", width: 36, kind: "text" },
    ...fields.map((f): ColumnSpec => ({ label: `Lĩnh vực ${f.code}`, width: 10, kind: "score" })),
    { label: "Tổng điểm", width: 10, kind: "score", note: "tổng điểm các lĩnh vực" },
    { label: "Chỉ số", width: 9, kind: "score", note: `Tổng điểm / Điểm tối đa của đơn vị × 100, làm tròn đến ${step}` },
    { label: "Xếp hạng", width: 8, kind: "integer", note: "theo Chỉ số giảm dần; Chỉ số bằng nhau thì cùng hạng" },
  ];
  const header: CellValue[][] = [
    ["STT", "Đơn vị", "Điểm các lĩnh vực", ...Array<CellValue>(Math.max(0, n - 1)).fill(null), "Tổng điểm", "Chỉ số", "Xếp hạng"],
    [null, null, ...fields.map((f) => `${f.code}. ${f.name}`), null, null, null],
    [null, "Điểm tối đa", ...fields.map((f) => cellH(f.maxH)), cellH(ctx.tree.totalMaxH), 100, null],
  ];
  const headerMerges = [
    { row: 0, col: 0, rows: 3, cols: 1 },
    { row: 0, col: 1, rows: 2, cols: 1 },
    ...(n > 1 ? [{ row: 0, col: 2, rows: 1, cols: n }] : []),
    { row: 0, col: 2 + n, rows: 2, cols: 1 },
    { row: 0, col: 3 + n, rows: 2, cols: 1 },
    { row: 0, col: 4 + n, rows: 3, cols: 1 },
  ];
  const fieldScore = (u: BlockContext["ranked"][number], code: string): number => {
    const f = u.fields.find((x) => x.code === code);
    return f === undefined ? 0 : toHundredths(f.score);
  };
  const body: CellValue[][] = ctx.ranked.map((u, i) => [
    i + 1,
    u.name,
    ...fields.map((f) => cellH(fieldScore(u, f.code))),
    u.total,
    u.index,
    u.rank,
  ]);
  const stats = ctx.result.stats;
  const totals = ctx.ranked.map((u) => toHundredths(u.total));
  const fieldStat = (code: string) => stats.fields.find((s) => s.code === code);
  const footer: CellValue[][] = [
    [
      null,
      "Trung bình",
      ...fields.map((f) => fieldStat(f.code)?.mean ?? cellH(meanH(ctx.ranked.map((u) => fieldScore(u, f.code))))),
      cellH(meanH(totals)),
      stats.mean,
      null,
    ],
    [null, "Cao nhất", ...fields.map((f) => fieldStat(f.code)?.highest.value ?? null), cellH(max(totals)), stats.highest.value, null],
    [null, "Thấp nhất", ...fields.map((f) => fieldStat(f.code)?.lowest.value ?? null), cellH(min(totals)), stats.lowest.value, null],
  ];
  return assembleTable(
    {
      number,
      titleLines: tableTitle(input, number, `KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${input.year} THEO TỪNG LĨNH VỰC`, ctx.block.name),
      header,
      body,
      footer,
      headerMerges,
      columns,
      extraNotes: [`Trung bình: trung bình cộng của các đơn vị, làm tròn đến ${step}; Cao nhất, Thấp nhất: trong các đơn vị của khối.`],
      precision: p,
    },
    stamp,
  );
}

function max(values: number[]): number | undefined {
  return values.length === 0 ? undefined : Math.max(...values);
}
function min(values: number[]): number | undefined {
  return values.length === 0 ? undefined : Math.min(...values);
}

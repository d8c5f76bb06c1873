import type { InputDocument, Method } from "../schema/inputSchema.ts";
import type { CellValue } from "../workbook/port.ts";
import type { ReportTable } from "./reportTable.ts";
import type { BlockContext } from "./blockContext.ts";
import { assembleTable, cellH as cellAt, roundingStep, type ColumnSpec } from "./assembleTable.ts";
import { meanH, percentH } from "./meanH.ts";
import { tableTitle } from "./tableTitle.ts";
import { groupRanges, groupSettings } from "./groupRanges.ts";
import { toHundredths as unitsAt, toNumber } from "../compute/hundredths.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";

/**
 * Biểu số 1 (1a): overall results in rank order — STT, Đơn vị, Tự đánh giá, Điểm thẩm định, Điểm điều tra
 * XHH and its share of the maximum, Điểm hài lòng (SIPAS) and its share, Tổng điểm, Điểm tối đa, Chỉ số,
 * Xếp hạng, Xếp nhóm. The second header row holds the maxima; closing rows Trung bình, Cao nhất, Thấp nhất.
 *
 * @example
 * const t = buildOverallTable(input, blockContexts(input, result)[0]!, "Tạo bởi cchc-index");
 * t.body[0]?.slice(0, 2); // [1, "Sở Giao thông vận tải"]
 * t.footer[0]?.[0];      // "Trung bình"
 */
export function buildOverallTable(input: InputDocument, ctx: BlockContext, stamp?: string): ReportTable {
  const number = `1${ctx.suffix}`;
  const p = ctx.precision;
  const cellH = (h: number | null | undefined) => cellAt(h, p);
  const toHundredths = (n: number): number => unitsAt(n, p);
  const step = roundingStep(p);
  const units = ctx.ranked;
  const methodMaxH = (m: Method): number => ctx.tree.leaves.filter((l) => l.method === m).reduce((s, l) => s + l.maxH, 0);
  const apprMax = methodMaxH("appraised");
  const survMax = methodMaxH("survey");
  const satMax = methodMaxH("satisfaction");
  const hasSelf = units.every((u) => u.self !== undefined);
  const ranges = groupRanges(groupSettings(input), p)
    .map((g) => `${g.name}: ${g.text}`)
    .join("; ");

  const columns: ColumnSpec[] = [
    { label: "STT", width: 6, kind: "integer" },
    { label: "Đơn vị", width: 36, kind: "text" },
    {
      label: "Tự đánh giá",
      width: 10,
      kind: "score",
      note: "tổng điểm đơn vị tự chấm ở các tiêu chí tự đánh giá, thẩm định (để trống khi thiếu điểm tự chấm)",
    },
    { label: "Điểm thẩm định", width: 10, kind: "score", note: "tổng điểm sau thẩm định của các tiêu chí tự đánh giá, thẩm định" },
    { label: "Điểm điều tra XHH", width: 10, kind: "score", note: "tổng điểm các tiêu chí đánh giá qua điều tra xã hội học" },
    {
      label: "Tỷ lệ điều tra XHH",
      width: 9,
      kind: "percent",
      note: `Điểm điều tra XHH / ${formatNumberVi(toNumber(survMax, p), p)} × 100, làm tròn đến ${step}`,
    },
    { label: "Điểm hài lòng (SIPAS)", width: 10, kind: "score", note: "điểm đo lường sự hài lòng của người dân, tổ chức" },
    {
      label: "Tỷ lệ hài lòng",
      width: 9,
      kind: "percent",
      note: `Điểm hài lòng / ${formatNumberVi(toNumber(satMax, p), p)} × 100, làm tròn đến ${step}`,
    },
    { label: "Tổng điểm", width: 10, kind: "score", note: "Điểm thẩm định + Điểm điều tra XHH + Điểm hài lòng" },
    { label: "Điểm tối đa của đơn vị", width: 9, kind: "score", note: "điểm tối đa của bộ tiêu chí trừ các tiêu chí không đánh giá (KĐG)" },
    { label: "Chỉ số", width: 9, kind: "score", note: `Tổng điểm / Điểm tối đa × 100, làm tròn đến ${step}` },
    { label: "Xếp hạng", width: 8, kind: "integer", note: "theo Chỉ số giảm dần; Chỉ số bằng nhau thì cùng hạng" },
    { label: "Xếp nhóm", width: 8, kind: "text", note: ranges },
  ];
  const header: CellValue[][] = [
    [
      "STT",
      "Đơn vị",
      "Tự đánh giá",
      "Điểm thẩm định",
      "Điểm điều tra XHH",
      "Tỷ lệ (%)",
      "Điểm hài lòng (SIPAS)",
      "Tỷ lệ (%)",
      "Tổng điểm",
      "Điểm tối đa của đơn vị",
      "Chỉ số",
      "Xếp hạng",
      "Xếp nhóm",
    ],
    [
      null,
      "Điểm tối đa",
      cellH(apprMax),
      cellH(apprMax),
      cellH(survMax),
      100,
      cellH(satMax),
      100,
      cellH(ctx.tree.totalMaxH),
      null,
      100,
      null,
      null,
    ],
  ];
  const headerMerges = [0, 9, 11, 12].map((col) => ({ row: 0, col, rows: 2, cols: 1 }));
  const body: CellValue[][] = units.map((u, i) => [
    i + 1,
    u.name,
    u.self ?? null,
    u.appraised,
    u.survey,
    cellH(percentH(toHundredths(u.survey), survMax, p)),
    u.satisfaction,
    cellH(percentH(toHundredths(u.satisfaction), satMax, p)),
    u.total,
    u.max,
    u.index,
    u.rank,
    u.group,
  ]);

  const column = (pick: (u: (typeof units)[number]) => number | undefined): number[] | undefined => {
    const values = units.map((u) => pick(u));
    return values.every((v): v is number => v !== undefined) ? values.map((v) => toHundredths(v)) : undefined;
  };
  const stat = (values: number[] | undefined, kind: "mean" | "max" | "min"): number | undefined => {
    if (values === undefined || values.length === 0) return undefined;
    if (kind === "mean") return meanH(values);
    return kind === "max" ? Math.max(...values) : Math.min(...values);
  };
  const self = hasSelf ? column((u) => u.self) : undefined;
  const appraised = column((u) => u.appraised);
  const survey = column((u) => u.survey);
  const satisfaction = column((u) => u.satisfaction);
  const total = column((u) => u.total);
  const index = column((u) => u.index);
  const stats = ctx.result.stats;
  const footer: CellValue[][] = (["mean", "max", "min"] as const).map((kind) => {
    const s = stat(survey, kind);
    const t = stat(satisfaction, kind);
    const idx = kind === "mean" ? toHundredths(stats.mean) : stat(index, kind);
    return [
      null,
      kind === "mean" ? "Trung bình" : kind === "max" ? "Cao nhất" : "Thấp nhất",
      cellH(stat(self, kind)),
      cellH(stat(appraised, kind)),
      cellH(s),
      cellH(s === undefined ? undefined : percentH(s, survMax, p)),
      cellH(t),
      cellH(t === undefined ? undefined : percentH(t, satMax, p)),
      cellH(stat(total, kind)),
      null,
      cellH(idx),
      null,
      null,
    ];
  });
  return assembleTable(
    {
      number,
      titleLines: tableTitle(input, number, `KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${input.year}`, ctx.block.name),
      header,
      body,
      footer,
      headerMerges,
      columns,
      extraNotes: [`Trung bình: trung bình cộng của các đơn vị, làm tròn đến ${step}.`],
      precision: p,
    },
    stamp,
  );
}

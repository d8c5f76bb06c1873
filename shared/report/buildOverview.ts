import type { InputDocument } from "../schema/inputSchema.ts";
import { DEFAULT_GROUPS } from "../schema/inputSchema.ts";
import type { Extreme, ResultDocument, UnitResult } from "../schema/resultSchema.ts";
import { DEFAULT_PRECISION, roundDiv, scaleOf, toHundredths, toNumber, type Precision } from "../compute/hundredths.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";
import { blockContexts, type BlockContext } from "./blockContext.ts";

/** Up to this many units, the ranking chart shows every unit; above, the first and last `RANKING_ENDS`. */
export const RANKING_ALL_UP_TO = 40;
/** Units shown at each end of the ranking chart of a larger block. */
export const RANKING_ENDS = 15;

/** How a key figure's number is shown. */
export type FigureKind = "integer" | "score" | "signedScore" | "signedInteger";

/** One line of the key figures: a label, a number, the units it names (or null). */
export interface KeyFigure {
  label: string;
  value: number;
  kind: FigureKind;
  detail: string | null;
}

/** One row of the ranking (and change) data: a unit, or the summary of the units left out in the middle. */
export type RankingRow =
  | { kind: "unit"; name: string; rank: number; index: number; group: string; previous: number | null; change: number | null }
  | { kind: "middle"; label: string };

/** Everything the overview sheet of one block shows, as pure data. */
export interface BlockOverview {
  /** "Tổng quan", "Tổng quan a", "Tổng quan b"…: by the block's position, as the Biểu are numbered. */
  sheetName: string;
  year: number;
  blockName: string;
  mean: number;
  keyFigures: KeyFigure[];
  /** Every group of the settings, in their order, with its threshold, count and share (%). */
  groups: { name: string; min: number; count: number; share: number }[];
  /** Units in rank order; above `RANKING_ALL_UP_TO` units the first and last `RANKING_ENDS` and one middle row. */
  ranking: RankingRow[];
  /** The rule the ranking rows follow, in Vietnamese, when units were left out; else null. */
  rankingNote: string | null;
  /** Every field: "1. Name", set maximum, block mean, mean as a share of the maximum (%, 2 decimals). */
  fields: { label: string; max: number; mean: number; share: number }[];
  /** Whether every unit has last year's index (the change chart is drawn only then). */
  hasPrevious: boolean;
  /** `settings.precision`: decimals of every figure. */
  precision: Precision;
}

/**
 * The sheet name of the overview of the block at `position` (0-based): the suffix of its Biểu numbers.
 *
 * @example
 * overviewSheetName(0); // "Tổng quan"
 * overviewSheetName(1); // "Tổng quan a"
 */
export function overviewSheetName(position: number): string {
  return position === 0 ? "Tổng quan" : `Tổng quan ${String.fromCharCode(96 + position)}`;
}

/**
 * The overview of every block of a computed document, in input order: key figures (mean, highest, lowest, gap,
 * above/below the mean, last year's mean and the largest rises and falls when every unit has last year's data),
 * the groups with counts and shares, the ranking rows the chart draws, and each field's mean as a share of its
 * maximum. Numbers are the result's own (hundredths); shares are rounded half up to hundredths.
 *
 * @example
 * const [so] = buildOverviews(input, result); // the Sơn La fixture
 * so?.sheetName; // "Tổng quan"
 * so?.groups.map((g) => g.count); // [2, 18, 0, 0]
 * so?.ranking[0]; // { kind: "unit", name: "Sở Giao thông vận tải", rank: 1, index: 95.44, group: "A", previous: … }
 */
export function buildOverviews(input: InputDocument, result: ResultDocument): BlockOverview[] {
  const settings = input.settings?.groups ?? DEFAULT_GROUPS;
  return blockContexts(input, result).map((ctx) => buildOverview(ctx, settings));
}

function buildOverview(ctx: BlockContext, settings: readonly { name: string; min: number }[]): BlockOverview {
  const stats = ctx.result.stats;
  const names = (e: Extreme | null): string | null => (e === null ? null : e.units.map((code) => ctx.nameOf(code)).join(", "));
  const keyFigures: KeyFigure[] = [
    { label: "Số đơn vị được đánh giá", value: stats.count, kind: "integer", detail: null },
    { label: "Chỉ số trung bình", value: stats.mean, kind: "score", detail: null },
    { label: "Chỉ số cao nhất", value: stats.highest.value, kind: "score", detail: names(stats.highest) },
    { label: "Chỉ số thấp nhất", value: stats.lowest.value, kind: "score", detail: names(stats.lowest) },
    { label: "Khoảng cách cao nhất - thấp nhất", value: stats.gap, kind: "score", detail: null },
    { label: "Số đơn vị trên mức trung bình", value: stats.aboveMean, kind: "integer", detail: null },
    { label: "Số đơn vị dưới mức trung bình", value: stats.belowMean, kind: "integer", detail: null },
  ];
  const prev = stats.previous;
  if (prev !== undefined) {
    const extreme = (label: string, e: Extreme | null, kind: FigureKind) => {
      if (e !== null) keyFigures.push({ label, value: e.value, kind, detail: names(e) });
    };
    keyFigures.push(
      { label: `Chỉ số trung bình năm ${ctx.year - 1}`, value: prev.mean, kind: "score", detail: null },
      { label: "Tăng/giảm chỉ số trung bình", value: prev.meanChange, kind: "signedScore", detail: null },
      { label: "Số đơn vị tăng chỉ số", value: prev.indexUp, kind: "integer", detail: null },
      { label: "Số đơn vị giảm chỉ số", value: prev.indexDown, kind: "integer", detail: null },
    );
    extreme("Tăng chỉ số nhiều nhất", prev.largestIndexRise, "signedScore");
    extreme("Giảm chỉ số nhiều nhất", prev.largestIndexFall, "signedScore");
    extreme("Tăng bậc nhiều nhất", prev.largestRankRise, "signedInteger");
    extreme("Giảm bậc nhiều nhất", prev.largestRankFall, "signedInteger");
  }
  const minOf = new Map(settings.map((g) => [g.name, g.min]));
  const groups = stats.groups.map((g) => ({ name: g.name, min: minOf.get(g.name) ?? 0, count: g.count, share: g.share }));
  const fields = ctx.tree.fields.map((node, k) => {
    const s = stats.fields[k];
    const maxH = toHundredths(s?.max ?? node.max, ctx.precision);
    const meanH = toHundredths(s?.mean ?? 0, ctx.precision);
    return {
      label: `${node.code}. ${node.name}`,
      max: toNumber(maxH, ctx.precision),
      mean: toNumber(meanH, ctx.precision),
      share: maxH > 0 ? toNumber(roundDiv(meanH * 100 * scaleOf(ctx.precision), maxH), ctx.precision) : 0,
    };
  });
  const { rows, note } = rankingRows(ctx.ranked, ctx.precision);
  return {
    sheetName: overviewSheetName(ctx.position),
    year: ctx.year,
    blockName: ctx.block.name,
    mean: stats.mean,
    keyFigures,
    groups,
    ranking: rows,
    rankingNote: note,
    fields,
    hasPrevious: prev !== undefined,
    precision: ctx.precision,
  };
}

/**
 * The rows of the ranking chart: every unit in rank order up to `RANKING_ALL_UP_TO` units; above, the first
 * and the last `RANKING_ENDS` with one row between them that says how many units are left out and their range
 * of indices ("… 270 đơn vị ở giữa, chỉ số từ 70,1 đến 89,2"), and the rule as a note.
 *
 * @example
 * rankingRows(ranked).rows.length; // 20 for 20 units; 31 for 300 (15 + 1 + 15)
 */
export function rankingRows(
  ranked: readonly UnitResult[],
  precision: Precision = DEFAULT_PRECISION,
): { rows: RankingRow[]; note: string | null } {
  const unit = (u: UnitResult): RankingRow => ({
    kind: "unit",
    name: u.name,
    rank: u.rank,
    index: u.index,
    group: u.group,
    previous:
      u.change === undefined ? null : toNumber(toHundredths(u.index, precision) - toHundredths(u.change.index, precision), precision),
    change: u.change?.index ?? null,
  });
  if (ranked.length <= RANKING_ALL_UP_TO) return { rows: ranked.map(unit), note: null };
  const middle = ranked.slice(RANKING_ENDS, ranked.length - RANKING_ENDS);
  const lows = middle.map((u) => u.index);
  const label = `… ${middle.length} đơn vị ở giữa, chỉ số từ ${formatNumberVi(Math.min(...lows), precision)} đến ${formatNumberVi(Math.max(...lows), precision)}`;
  return {
    rows: [...ranked.slice(0, RANKING_ENDS).map(unit), { kind: "middle", label }, ...ranked.slice(-RANKING_ENDS).map(unit)],
    note:
      `Khối có ${ranked.length} đơn vị: biểu đồ xếp hạng chỉ vẽ ${RANKING_ENDS} đơn vị đứng đầu và ${RANKING_ENDS} đơn vị cuối; ` +
      `${middle.length} đơn vị ở giữa gộp vào một dòng (xem đủ ở Biểu 1).`,
  };
}

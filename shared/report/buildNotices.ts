import type { InputDocument } from "../schema/inputSchema.ts";
import { DEFAULT_GROUPS } from "../schema/inputSchema.ts";
import type { ResultDocument, UnitResult } from "../schema/resultSchema.ts";
import { parseScore } from "../compute/parseScore.ts";
import { toHundredths, toNumber, type Precision } from "../compute/hundredths.ts";
import { makeGroupAssigner } from "../compute/assignGroup.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";
import { blockContexts, type BlockContext } from "./blockContext.ts";
import { decisionLine } from "./decisionLine.ts";
import { meanH } from "./meanH.ts";

/** A field (lĩnh vực) on a unit's notice: the unit's score and maximum, the block mean, the points lost. */
export interface NoticeField {
  code: string;
  name: string;
  score: number;
  /** The unit's maximum of the field (criteria not assessed, KĐG, left out). */
  max: number;
  /** Mean of the field over the block's units (as Biểu 3 prints it). */
  mean: number;
  /** max − score. */
  lost: number;
}

/** A criterion (leaf) where the unit lost points. */
export interface NoticeLostLeaf {
  code: string;
  name: string;
  max: number;
  /** The unit's self score (tự đánh giá); null when it gave none for this leaf. */
  self: number | null;
  /** The final (appraised, surveyed or SIPAS) score. */
  score: number;
  /** max − score. */
  lost: number;
  /** The appraisal council's reason (lý do trừ điểm) from `blocks[].reasons`; null when none is given. */
  reason: string | null;
}

/** A criterion (leaf) where the unit scored below the block mean. */
export interface NoticeTrailingLeaf {
  code: string;
  name: string;
  max: number;
  score: number;
  /** Mean of the leaf over the units assessed on it, rounded half up to a hundredth. */
  mean: number;
  /** mean − score (> 0). */
  behind: number;
}

/**
 * Everything a unit's result notice (phiếu thông báo kết quả) says, numbers as JSON numbers with at most 2
 * decimals and the sentences already worded.
 */
export interface UnitNotice {
  year: number;
  province: string;
  /** The line naming the decision, "(Kèm theo Quyết định số … ngày …)"; undefined when neither is given. */
  decision: string | undefined;
  blockId: string;
  blockName: string;
  /** Position of the block in the input (0-based). */
  position: number;
  unitCode: string;
  unitName: string;
  index: number;
  rank: number;
  /** Number of units ranked in the block. */
  unitCount: number;
  group: string;
  total: number;
  max: number;
  self: number | undefined;
  /** Last year's index, rank and group (the group by this year's thresholds), when the input gives them. */
  previous: { index: number; rank: number; group: string } | undefined;
  /** index − last year's index; last year's rank − rank (positive: up). */
  change: { index: number; rank: number } | undefined;
  fields: NoticeField[];
  /** Every leaf where the unit lost points, in criteria order. */
  lost: NoticeLostLeaf[];
  /** At most three leaves where the unit trails the block mean by the most points (ties: criteria order). */
  trailing: NoticeTrailingLeaf[];
  toNextGroup: UnitResult["toNextGroup"];
  /** Threshold of the next better group, in points; undefined in the best group. */
  nextGroupMin: number | undefined;
  toNextRank: UnitResult["toNextRank"];
  /** The overview sentences, in Vietnamese. */
  summary: string[];
  /** What the unit needs for the next rank and the next group, in Vietnamese. */
  nextSteps: string[];
  /** `settings.precision`: decimals of every figure. */
  precision: Precision;
}

/** The notices of one block, units in rank order (then input order). */
export interface BlockNotices {
  blockId: string;
  blockName: string;
  position: number;
  notices: UnitNotice[];
}

/** How many leaves the notice lists as trailing the block mean. */
export const TRAILING_COUNT = 3;

/**
 * The result notice (phiếu thông báo kết quả) of every unit of every block of a computed document: header,
 * index, rank of N, group and their change, the field scores against the block mean, every leaf where points
 * were lost (self score, final score, points lost, reason), the points to the next rank and the next group, and
 * the three leaves where the unit trails the block mean by the most points. "By points" (not by share of the
 * maximum): the index counts points, so the largest gaps in points are where the unit can gain most.
 *
 * @example
 * const computed = computeIndex(doc);
 * if (computed.ok) {
 *   const [so] = buildNotices(computed.input, computed.result);
 *   so?.notices[0]?.unitCode; // "SGTVT" (rank 1 of the Sơn La sở block)
 *   so?.notices[0]?.index; // 95.44
 * }
 */
export function buildNotices(input: InputDocument, result: ResultDocument): BlockNotices[] {
  const groups = input.settings?.groups ?? DEFAULT_GROUPS;
  return blockContexts(input, result).map((ctx) => ({
    blockId: ctx.block.id,
    blockName: ctx.block.name,
    position: ctx.position,
    notices: blockNotices(input, ctx, groups),
  }));
}

function blockNotices(input: InputDocument, ctx: BlockContext, groups: readonly { name: string; min: number }[]): UnitNotice[] {
  const { block, result, tree } = ctx;
  const p = ctx.precision;
  const assign = makeGroupAssigner(groups, p);
  const leaves = tree.leaves;
  // Block mean of every leaf over the units assessed on it.
  const leafMean = new Map<string, number | undefined>();
  for (const leaf of leaves) {
    const values: number[] = [];
    for (const u of result.units) {
      const v = ctx.nodeScore(u.code, leaf.code);
      if (v !== null) values.push(v);
    }
    leafMean.set(leaf.code, meanH(values));
  }
  const fieldMean = new Map(result.stats.fields.map((f) => [f.code, f.mean]));
  const count = result.units.length;
  const decision = decisionLine(input.decision);

  return ctx.ranked.map((u) => {
    const unit = block.units.find((x) => x.code === u.code);
    const selfRow = block.selfScores?.[u.code];
    const reasons = block.reasons?.[u.code];
    const fields: NoticeField[] = tree.fields.map((f, k) => {
      const own = u.fields[k] ?? { score: 0, max: 0 };
      return {
        code: f.code,
        name: f.name,
        score: own.score,
        max: own.max,
        mean: fieldMean.get(f.code) ?? 0,
        lost: toNumber(toHundredths(own.max, p) - toHundredths(own.score, p)),
      };
    });
    const lost: NoticeLostLeaf[] = [];
    const trailing: (NoticeTrailingLeaf & { order: number; behindH: number })[] = [];
    leaves.forEach((leaf, order) => {
      const scoreH = ctx.nodeScore(u.code, leaf.code);
      if (scoreH === null) return; // not assessed (KĐG)
      if (scoreH < leaf.maxH) {
        const self = selfRow === undefined ? undefined : parseScore(selfRow[leaf.code], leaf.max, p);
        const reason = reasons?.[leaf.code]?.trim();
        lost.push({
          code: leaf.code,
          name: leaf.name,
          max: toNumber(leaf.maxH, p),
          self: self?.kind === "value" ? toNumber(self.hundredths, p) : null,
          score: toNumber(scoreH, p),
          lost: toNumber(leaf.maxH - scoreH, p),
          reason: reason === undefined || reason === "" ? null : reason,
        });
      }
      const mean = leafMean.get(leaf.code);
      if (mean !== undefined && mean > scoreH) {
        trailing.push({
          code: leaf.code,
          name: leaf.name,
          max: toNumber(leaf.maxH, p),
          score: toNumber(scoreH, p),
          mean: toNumber(mean, p),
          behind: toNumber(mean - scoreH, p),
          order,
          behindH: mean - scoreH,
        });
      }
    });
    trailing.sort((a, b) => b.behindH - a.behindH || a.order - b.order);
    const previous =
      unit?.previous === undefined || u.change === undefined
        ? undefined
        : { index: unit.previous.index, rank: unit.previous.rank, group: assign(toHundredths(unit.previous.index, p)) ?? "" };
    const nextGroupMin = u.toNextGroup === null ? undefined : groups.find((g) => g.name === u.toNextGroup?.group)?.min;
    const notice: UnitNotice = {
      year: input.year,
      province: input.province,
      decision,
      blockId: block.id,
      blockName: block.name,
      position: ctx.position,
      unitCode: u.code,
      unitName: u.name,
      index: u.index,
      rank: u.rank,
      unitCount: count,
      group: u.group,
      total: u.total,
      max: u.max,
      self: u.self,
      previous,
      change: u.change,
      fields,
      lost,
      trailing: trailing.slice(0, TRAILING_COUNT).map(({ order: _o, behindH: _b, ...leaf }) => leaf),
      toNextGroup: u.toNextGroup,
      nextGroupMin,
      toNextRank: u.toNextRank,
      summary: [],
      nextSteps: [],
      precision: p,
    };
    notice.summary = summarySentences(notice, groups);
    notice.nextSteps = nextStepSentences(notice);
    return notice;
  });
}

function summarySentences(n: UnitNotice, groups: readonly { name: string; min: number }[]): string[] {
  const vi = (x: number): string => formatNumberVi(x, n.precision);
  const lines: string[] = [];
  const scaled = n.max !== 100 ? ` (tổng điểm ${vi(n.total)}/${vi(n.max)} điểm, quy về thang 100)` : "";
  const self = n.self === undefined ? "" : ` Điểm tự đánh giá của đơn vị (các tiêu chí thẩm định): ${vi(n.self)} điểm.`;
  lines.push(
    `Năm ${n.year}, ${n.unitName} đạt Chỉ số cải cách hành chính ${vi(n.index)} điểm${scaled}, ` +
      `xếp hạng ${n.rank}/${n.unitCount} đơn vị của khối ${lowerFirst(n.blockName)}, thuộc nhóm ${n.group}.${self}`,
  );
  if (n.previous !== undefined && n.change !== undefined) {
    const c = n.change;
    const index = c.index > 0 ? `tăng ${vi(c.index)} điểm` : c.index < 0 ? `giảm ${vi(-c.index)} điểm` : "không đổi";
    const rank = c.rank > 0 ? `tăng ${c.rank} bậc` : c.rank < 0 ? `giảm ${-c.rank} bậc` : "giữ nguyên thứ hạng";
    const minOf = (name: string) => groups.find((g) => g.name === name)?.min ?? 0;
    const group =
      n.previous.group === n.group || n.previous.group === ""
        ? `giữ nhóm ${n.group}`
        : `${minOf(n.group) > minOf(n.previous.group) ? "lên" : "xuống"} nhóm ${n.group} (năm ${n.year - 1}: nhóm ${n.previous.group})`;
    lines.push(
      `So với năm ${n.year - 1} (chỉ số ${vi(n.previous.index)} điểm, hạng ${n.previous.rank}): chỉ số ${index}, ${rank}, ${group}.`,
    );
  }
  return lines;
}

function nextStepSentences(n: UnitNotice): string[] {
  const vi = (x: number): string => formatNumberVi(x, n.precision);
  const lines: string[] = [];
  if (n.toNextRank === null) lines.push(`Đơn vị đang xếp hạng ${n.rank}, đứng đầu khối.`);
  else lines.push(`Để đạt hạng ${n.toNextRank.rank}, chỉ số cần tăng thêm ${vi(n.toNextRank.points)} điểm.`);
  if (n.toNextGroup === null) lines.push(`Đơn vị thuộc nhóm cao nhất (nhóm ${n.group}).`);
  else {
    const from = n.nextGroupMin === undefined ? "" : ` (từ ${vi(n.nextGroupMin)} điểm)`;
    lines.push(`Để vào nhóm ${n.toNextGroup.group}${from}, chỉ số cần tăng thêm ${vi(n.toNextGroup.points)} điểm.`);
  }
  return lines;
}

/** The block's name inside a sentence: its first letter in lower case, unless the first word is an acronym (UBND). */
function lowerFirst(text: string): string {
  const first = text.split(" ")[0] ?? "";
  if (first.length > 1 && first === first.toLocaleUpperCase("vi")) return text;
  return text.length > 0 ? text.charAt(0).toLocaleLowerCase("vi") + text.slice(1) : text;
}

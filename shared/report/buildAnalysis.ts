import type { InputDocument, Method } from "../schema/inputSchema.ts";
import type { Extreme, ResultDocument, UnitResult } from "../schema/resultSchema.ts";
import { formatNumberVi, padCount } from "../format/formatNumberVi.ts";
import { makeGroupAssigner } from "../compute/assignGroup.ts";
import { toHundredths, toNumber } from "../compute/hundredths.ts";
import { blockContexts, type BlockContext } from "./blockContext.ts";
import { groupRanges, groupSettings } from "./groupRanges.ts";
import { percentH } from "./meanH.ts";
import { fieldTableNumber } from "./buildFieldTable.ts";

/** The written results of one block (phần III of the report): a title and its paragraphs, in order. */
export interface AnalysisSection {
  blockId: string;
  /** "1. Đối với khối sở". */
  title: string;
  /** Sub-headings ("a) Kết quả chung (Biểu số 1, 2)"), paragraphs and "- " bullets, in reading order. */
  paragraphs: string[];
}

/**
 * The written results (phần III "Kết quả Chỉ số CCHC") per block, in the source decision's own patterns:
 * the mean and its change, units above and below the mean, the groups with their units, index and rank
 * movers, one paragraph per field (Biểu số 4–11), the survey and satisfaction results. Counts below 10 are
 * zero-padded ("02"), numbers use a decimal comma without trailing zeros, units are named in rank order,
 * every unit sharing a highest or lowest value is named. Figures come from `result` (names from `input`);
 * every score, mean and percentage quoted is a cell of the tables of `buildReportTables`.
 *
 * @example
 * const [so] = buildAnalysis(input, result);
 * so?.title;         // "1. Đối với khối sở"
 * so?.paragraphs[1]; // "Tổng điểm trung bình của các sở đạt: 85,97/100 điểm, giảm 5,22 điểm so với năm 2022, có 11 đơn vị …"
 */
export function buildAnalysis(input: InputDocument, result: ResultDocument): AnalysisSection[] {
  return blockContexts(input, result).map((ctx, i) => ({
    blockId: ctx.block.id,
    title: `${i + 1}. Đối với khối ${blockWord(ctx)}`,
    paragraphs: [...overallParagraphs(input, ctx), ...fieldParagraphs(ctx), ...methodParagraphs(ctx)],
  }));
}

/** A figure of the block as the text quotes it: decimal comma, at most the block's `precision` decimals. */
function numberIn(ctx: BlockContext): (n: number) => string {
  return (n) => formatNumberVi(n, ctx.precision);
}

function blockWord(ctx: BlockContext): string {
  if (ctx.block.id === "so") return "sở";
  if (ctx.block.id === "huyen") return "huyện";
  return lowerFirst(ctx.block.name);
}

function blockNoun(ctx: BlockContext): string {
  if (ctx.block.id === "so") return "các sở";
  if (ctx.block.id === "huyen") return "các huyện";
  return lowerFirst(ctx.block.name);
}

function lowerFirst(s: string): string {
  // Keep acronyms such as "UBND" as they are.
  return /^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLocaleLowerCase("vi") + s.slice(1) : s;
}

function names(ctx: BlockContext, codes: readonly string[]): string {
  return codes.map((c) => ctx.nameOf(c)).join(", ");
}

function namesOf(units: readonly UnitResult[]): string {
  return units.map((u) => u.name).join(", ");
}

/** "X" or "X, Y cùng" — the subject of a sentence naming every unit that holds a value. */
function holders(ctx: BlockContext, e: Extreme): string {
  return e.units.length > 1 ? `${names(ctx, e.units)} cùng` : names(ctx, e.units);
}

function overallParagraphs(input: InputDocument, ctx: BlockContext): string[] {
  const num = numberIn(ctx);
  const stats = ctx.result.stats;
  const prev = stats.previous;
  const hasPrevious = prev !== undefined && ctx.ranked.every((u) => u.change !== undefined);
  const prevYear = input.year - 1;
  const out: string[] = [`a) Kết quả chung (Biểu số 1${ctx.suffix}${hasPrevious ? `, 2${ctx.suffix}` : ""})`];

  // The mean, its change, above and below the mean.
  const parts: string[] = [];
  let head = `Tổng điểm trung bình của ${blockNoun(ctx)} đạt: ${num(stats.mean)}/100 điểm`;
  if (hasPrevious) {
    const d = prev.meanChange;
    head +=
      d > 0
        ? `, tăng ${num(d)} điểm so với năm ${prevYear}`
        : d < 0
          ? `, giảm ${num(-d)} điểm so với năm ${prevYear}`
          : `, bằng năm ${prevYear}`;
  }
  parts.push(head);
  if (stats.count === 1) {
    parts.push(`khối có 01 đơn vị là ${names(ctx, stats.highest.units)} với ${num(stats.highest.value)} điểm`);
  } else if (stats.highest.value === stats.lowest.value) {
    parts.push(`tất cả ${padCount(stats.count)} đơn vị cùng đạt ${num(stats.highest.value)} điểm`);
  } else {
    const equal = stats.count - stats.aboveMean - stats.belowMean;
    parts.push(
      stats.aboveMean > 0
        ? `có ${padCount(stats.aboveMean)} đơn vị đạt kết quả trên mức trung bình, trong đó ${holders(ctx, stats.highest)} nhất bảng với ${num(stats.highest.value)} điểm`
        : `không có đơn vị nào đạt kết quả trên mức trung bình`,
    );
    if (equal > 0) parts.push(`có ${padCount(equal)} đơn vị đạt đúng mức trung bình`);
    parts.push(
      stats.belowMean > 0
        ? `có ${padCount(stats.belowMean)} đơn vị đạt kết quả dưới mức trung bình, trong đó ${holders(ctx, stats.lowest)} cuối bảng với ${num(stats.lowest.value)} điểm`
        : `không có đơn vị nào đạt kết quả dưới mức trung bình`,
    );
  }
  out.push(`${parts[0] ?? ""}, ${parts.slice(1).join("; ")}; cụ thể:`);

  // Groups, with the change against last year's groups when every unit has last year's index.
  const settings = groupSettings(input);
  const ranges = new Map(groupRanges(settings, ctx.precision).map((g) => [g.name, g.text]));
  const previousGroup = new Map<string, number>();
  // Last year's groups: from every unit's previous index, else from the counts last year's decision printed.
  const givenCounts = ctx.block.previousGroupCounts;
  const hasGroupsBefore = hasPrevious || givenCounts !== undefined;
  if (!hasPrevious && givenCounts !== undefined) {
    for (const [name, count] of Object.entries(givenCounts)) previousGroup.set(name, count);
  }
  if (hasPrevious) {
    const assign = makeGroupAssigner(settings, ctx.precision);
    for (const u of ctx.ranked) {
      const g = assign(toHundredths(u.index, ctx.precision) - toHundredths(u.change?.index ?? 0, ctx.precision));
      if (g !== undefined) previousGroup.set(g, (previousGroup.get(g) ?? 0) + 1);
    }
  }
  const groupChange = (name: string, count: number): string => {
    if (!hasGroupsBefore) return "";
    const d = count - (previousGroup.get(name) ?? 0);
    if (d > 0) return `; so với năm ${prevYear} tăng ${padCount(d)} đơn vị`;
    if (d < 0) return `; so với năm ${prevYear} giảm ${padCount(-d)} đơn vị`;
    return `; số đơn vị không thay đổi so với năm ${prevYear}`;
  };
  const empty: string[] = [];
  for (const g of stats.groups) {
    const members = ctx.ranked.filter((u) => u.group === g.name);
    const range = ranges.get(g.name);
    const label = `Nhóm ${g.name}${range === undefined ? "" : ` (${range})`}`;
    if (members.length === 0) {
      const before = previousGroup.get(g.name) ?? 0;
      empty.push(before > 0 ? `nhóm ${g.name} (năm ${prevYear} có ${padCount(before)} đơn vị)` : `nhóm ${g.name}`);
      continue;
    }
    out.push(
      `- ${label}, có ${padCount(members.length)} đơn vị chiếm tỷ lệ ${num(g.share)}%, bao gồm: ${namesOf(members)}${groupChange(g.name, members.length)}.`,
    );
  }
  if (empty.length > 0) out.push(`- Không có đơn vị nào thuộc ${empty.join(", ")}.`);

  if (!hasPrevious) {
    out.push(`- Chưa có đủ số liệu Chỉ số CCHC năm ${prevYear} của các đơn vị nên chưa so sánh được với năm ${prevYear}.`);
    return out;
  }
  const since = `so với năm ${prevYear}`;
  const change = (u: UnitResult) => u.change ?? { index: 0, rank: 0 };

  // Index movers.
  const up = ctx.ranked.filter((u) => change(u).index > 0);
  const down = ctx.ranked.filter((u) => change(u).index < 0);
  const held = ctx.ranked.filter((u) => change(u).index === 0);
  if (up.length > 0)
    out.push(
      moverLine(ctx, up, `tăng điểm ${since}`, " bao gồm", prev.largestIndexRise, "tăng nhiều điểm nhất", (v) => `tăng ${num(v)} điểm`),
    );
  if (down.length > 0)
    out.push(
      moverLine(ctx, down, `giảm điểm ${since}`, " bao gồm", prev.largestIndexFall, "giảm nhiều điểm nhất", (v) => `giảm ${num(-v)} điểm`),
    );
  if (held.length > 0) out.push(moverLine(ctx, held, `giữ nguyên điểm ${since}`, " bao gồm", null, "", () => ""));

  // Rank movers, with the change of their count against last year's own counts when given («(giảm 03 đơn vị)»).
  const rankUp = ctx.ranked.filter((u) => change(u).rank > 0);
  const rankHeld = ctx.ranked.filter((u) => change(u).rank === 0);
  const rankDown = ctx.ranked.filter((u) => change(u).rank < 0);
  const moves = ctx.block.previousRankMoves;
  const versus = (count: number, before: number | undefined): string => {
    if (before === undefined) return "";
    const d = count - before;
    return d > 0 ? ` (tăng ${padCount(d)} đơn vị)` : d < 0 ? ` (giảm ${padCount(-d)} đơn vị)` : " (số đơn vị không thay đổi)";
  };
  if (rankUp.length > 0)
    out.push(
      moverLine(
        ctx,
        rankUp,
        `tăng bậc ${since}${versus(rankUp.length, moves?.up)}`,
        ", gồm",
        prev.largestRankRise,
        "tăng nhiều bậc nhất",
        (v) => `tăng ${v} bậc`,
      ),
    );
  if (rankHeld.length > 0)
    out.push(moverLine(ctx, rankHeld, `giữ bậc ${since}${versus(rankHeld.length, moves?.held)}`, ", gồm", null, "", () => ""));
  if (rankDown.length > 0)
    out.push(
      moverLine(
        ctx,
        rankDown,
        `giảm bậc ${since}${versus(rankDown.length, moves?.down)}`,
        ", gồm",
        prev.largestRankFall,
        "giảm nhiều bậc nhất",
        (v) => `giảm ${-v} bậc`,
      ),
    );
  return out;
}

/**
 * "- Có 07 đơn vị tăng bậc so với năm 2022, gồm: …, trong đó đơn vị tăng nhiều bậc nhất là X (tăng 8 bậc)."
 * A single unit: "- Có 01 đơn vị tăng điểm so với năm 2022: X (tăng 4,78 điểm)."
 */
function moverLine(
  ctx: BlockContext,
  units: readonly UnitResult[],
  what: string,
  listWord: string,
  largest: Extreme | null | undefined,
  largestWhat: string,
  amount: (value: number) => string,
): string {
  const head = `- Có ${padCount(units.length)} đơn vị ${what}`;
  if (units.length === 1) {
    const tail = largest === null || largest === undefined ? "" : ` (${amount(largest.value)})`;
    return `${head}: ${namesOf(units)}${tail}.`;
  }
  let line = `${head}${listWord}: ${namesOf(units)}`;
  if (largest !== null && largest !== undefined && largest.units.length < units.length) {
    const who = largest.units.length > 1 ? `có ${padCount(largest.units.length)} đơn vị` : "đơn vị";
    line += `, trong đó ${who} ${largestWhat} là ${names(ctx, largest.units)} (${amount(largest.value)})`;
  } else if (largest !== null && largest !== undefined) {
    line += ` (cùng ${amount(largest.value)})`;
  }
  return `${line}.`;
}

function fieldParagraphs(ctx: BlockContext): string[] {
  const num = numberIn(ctx);
  const out: string[] = [`b) Kết quả của các tiêu chí (Biểu số 3${ctx.suffix})`];
  ctx.tree.fields.forEach((field, i) => {
    const stat = ctx.result.stats.fields.find((s) => s.code === field.code);
    if (stat === undefined) return;
    const bieu = `${fieldTableNumber(field.code, i)}${ctx.suffix}`;
    out.push(
      `- ${field.name} (Biểu số ${bieu}): điểm trung bình đạt được là ${num(stat.mean)}/${num(stat.max)} điểm, ${extremesText(ctx, stat.highest, stat.lowest)}.`,
    );
  });
  return out;
}

function extremesText(ctx: BlockContext, highest: Extreme, lowest: Extreme): string {
  const num = numberIn(ctx);
  if (ctx.result.stats.count === 1) return `${names(ctx, highest.units)} đạt ${num(highest.value)} điểm`;
  if (highest.value === lowest.value) return `tất cả các đơn vị cùng đạt ${num(highest.value)} điểm`;
  return (
    `${holders(ctx, highest)} đạt điểm cao nhất (${num(highest.value)} điểm), ` +
    `${holders(ctx, lowest)} đạt điểm thấp nhất (${num(lowest.value)} điểm)`
  );
}

const METHOD_HEADINGS: Partial<Record<Method, string>> = {
  survey: "c) Kết quả điều tra xã hội học",
  satisfaction: "d) Kết quả đo lường sự hài lòng của người dân, tổ chức (SIPAS)",
};

function methodParagraphs(ctx: BlockContext): string[] {
  const num = numberIn(ctx);
  const out: string[] = [];
  for (const method of ["survey", "satisfaction"] as const) {
    const stat = ctx.result.stats.methods.find((m) => m.method === method);
    const heading = METHOD_HEADINGS[method];
    if (stat === undefined || heading === undefined || stat.max <= 0) continue;
    const p = ctx.precision;
    const maxH = toHundredths(stat.max, p);
    const pct = (v: number): string => num(toNumber(percentH(toHundredths(v, p), maxH, p) ?? 0, p));
    const values = ctx.ranked.map((u) => toHundredths(method === "survey" ? u.survey : u.satisfaction, p));
    const sum = values.reduce((s, v) => s + v, 0);
    const below = values.filter((v) => v * values.length < sum).length;
    const belowText =
      below > 0
        ? `có ${padCount(below)}/${padCount(values.length)} đơn vị có điểm đạt được thấp hơn điểm trung bình`
        : "không có đơn vị nào có điểm thấp hơn điểm trung bình";
    let text = `Điểm trung bình ${num(stat.mean)}/${num(stat.max)} điểm đạt ${pct(stat.mean)}%, ${belowText}`;
    if (stat.highest.value === stat.lowest.value) {
      text += `; tất cả các đơn vị cùng được ${num(stat.highest.value)} điểm đạt ${pct(stat.highest.value)}%.`;
    } else {
      text +=
        `; ${holders(ctx, stat.highest)} có điểm cao nhất, được ${num(stat.highest.value)} điểm đạt ${pct(stat.highest.value)}%` +
        `; ${holders(ctx, stat.lowest)} có điểm thấp nhất, được ${num(stat.lowest.value)} điểm đạt ${pct(stat.lowest.value)}%.`;
    }
    out.push(`${heading} (Biểu số 1${ctx.suffix})`, text);
  }
  return out;
}

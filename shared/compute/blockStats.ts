import type { BlockStats, Extreme } from "../schema/resultSchema.ts";
import type { Method } from "../schema/inputSchema.ts";
import { DEFAULT_PRECISION, roundDiv, scaleOf, toNumber, type Precision } from "./hundredths.ts";

/**
 * One unit's computed figures in hundredths (what statistics are made of).
 *
 * @example
 * const t: UnitTotals = { code: "X", fieldH: [9000], methodH: [9000, 0, 0], indexH: 9000, rank: 1, group: "A" };
 */
export interface UnitTotals {
  code: string;
  /** Raw field scores, one per field of the set, in set order. */
  fieldH: number[];
  /** Method totals, in the order appraised, survey, satisfaction. */
  methodH: [number, number, number];
  /** Index rounded to hundredths. */
  indexH: number;
  rank: number;
  group: string;
  /** Previous index in hundredths and previous rank, when given. */
  previous?: { indexH: number; rank: number };
}

/**
 * What a block's statistics need besides the units.
 *
 * @example
 * const setup: BlockStatsSetup = { fields: [{ code: "1", maxH: 10000 }],
 *   methods: [{ method: "appraised", slot: 0, maxH: 10000 }], groups: ["A", "B", "C", "D"] };
 */
export interface BlockStatsSetup {
  /** Field codes and the set's field maxima (hundredths), in set order. */
  fields: { code: string; maxH: number }[];
  /** Methods present in the set, in the order appraised, survey, satisfaction, with their set maxima. */
  methods: { method: Method; slot: 0 | 1 | 2; maxH: number }[];
  /** Group names in the settings' order. */
  groups: string[];
  /** Decimals of every figure (`settings.precision`): the unit of the `…H` values is 10^-precision. Default 2. */
  precision?: Precision;
}

/**
 * The highest or lowest of `values` and every unit holding it, units listed in `order` (rank order then
 * input order). `null` when `keep` rejects every value.
 *
 * @example
 * extremeOf([10, 30, 30], ["A", "B", "C"], [1, 2, 0], "max"); // { value: 0.3, units: ["B", "C"] }
 */
export function extremeOf(
  values: readonly number[],
  codes: readonly string[],
  order: readonly number[],
  which: "max" | "min",
  keep: (v: number) => boolean = () => true,
  precision: Precision = DEFAULT_PRECISION,
): Extreme | null {
  let best: number | undefined;
  for (const v of values) {
    if (!keep(v)) continue;
    if (best === undefined || (which === "max" ? v > best : v < best)) best = v;
  }
  if (best === undefined) return null;
  const units: string[] = [];
  for (const i of order) if (values[i] === best) units.push(codes[i] as string);
  return { value: toNumber(best, precision), units };
}

function scoreStat(values: number[], codes: string[], order: number[], maxH: number, precision: Precision) {
  const sum = values.reduce((s, v) => s + v, 0);
  return {
    max: toNumber(maxH, precision),
    mean: toNumber(roundDiv(sum, values.length), precision),
    highest: extremeOf(values, codes, order, "max", undefined, precision) as Extreme,
    lowest: extremeOf(values, codes, order, "min", undefined, precision) as Extreme,
  };
}

/**
 * Block statistics per method.md §4 from computed units (input order). `previous` is present only when
 * every unit has previous-year data. All means round half up; above/below the mean compare with the
 * exact mean.
 *
 * @example
 * const units = [
 *   { code: "X", fieldH: [9000], methodH: [9000, 0, 0], indexH: 9000, rank: 1, group: "A" },
 *   { code: "Y", fieldH: [8000], methodH: [8000, 0, 0], indexH: 8000, rank: 2, group: "B" },
 * ] satisfies UnitTotals[];
 * const stats = blockStats(units, { fields: [{ code: "1", maxH: 10000 }],
 *   methods: [{ method: "appraised", slot: 0, maxH: 10000 }], groups: ["A", "B", "C", "D"] });
 * stats.mean;      // 85
 * stats.aboveMean; // 1
 * stats.groups[0]; // { name: "A", count: 1, share: 50 }
 */
export function blockStats(units: readonly UnitTotals[], setup: BlockStatsSetup): BlockStats {
  const precision = setup.precision ?? DEFAULT_PRECISION;
  const scale = scaleOf(precision);
  const num = (h: number): number => toNumber(h, precision);
  const n = units.length;
  const codes = units.map((u) => u.code);
  const order = units.map((_, i) => i).sort((a, b) => (units[a] as UnitTotals).rank - (units[b] as UnitTotals).rank || a - b);
  const index = units.map((u) => u.indexH);
  const sum = index.reduce((s, v) => s + v, 0);
  const meanH = roundDiv(sum, n);
  const highest = extremeOf(index, codes, order, "max", undefined, precision) as Extreme;
  const lowest = extremeOf(index, codes, order, "min", undefined, precision) as Extreme;
  const groupCount = new Map<string, number>(setup.groups.map((g) => [g, 0]));
  for (const u of units) groupCount.set(u.group, (groupCount.get(u.group) ?? 0) + 1);
  const stats: BlockStats = {
    count: n,
    mean: num(meanH),
    highest,
    lowest,
    gap: num(Math.round(highest.value * scale) - Math.round(lowest.value * scale)),
    aboveMean: index.filter((v) => v * n > sum).length,
    belowMean: index.filter((v) => v * n < sum).length,
    groups: setup.groups.map((name) => {
      const count = groupCount.get(name) ?? 0;
      return { name, count, share: num(roundDiv(count * 100 * scale, n)) };
    }),
    fields: setup.fields.map((f, k) => ({
      code: f.code,
      ...scoreStat(
        units.map((u) => u.fieldH[k] ?? 0),
        codes,
        order,
        f.maxH,
        precision,
      ),
    })),
    methods: setup.methods.map((m) => ({
      method: m.method,
      ...scoreStat(
        units.map((u) => u.methodH[m.slot]),
        codes,
        order,
        m.maxH,
        precision,
      ),
    })),
  };
  const prev = units.map((u) => u.previous);
  if (n > 0 && prev.every((p) => p !== undefined)) {
    const p = prev as { indexH: number; rank: number }[];
    const prevMeanH = roundDiv(
      p.reduce((s, x) => s + x.indexH, 0),
      n,
    );
    const indexChange = units.map((u, i) => u.indexH - (p[i] as { indexH: number }).indexH);
    const rankChange = units.map((u, i) => (p[i] as { rank: number }).rank - u.rank);
    stats.previous = {
      mean: num(prevMeanH),
      meanChange: num(meanH - prevMeanH),
      indexUp: indexChange.filter((c) => c > 0).length,
      indexDown: indexChange.filter((c) => c < 0).length,
      indexHeld: indexChange.filter((c) => c === 0).length,
      rankUp: rankChange.filter((c) => c > 0).length,
      rankHeld: rankChange.filter((c) => c === 0).length,
      rankDown: rankChange.filter((c) => c < 0).length,
      largestIndexRise: extremeOf(indexChange, codes, order, "max", (c) => c > 0, precision),
      largestIndexFall: extremeOf(indexChange, codes, order, "min", (c) => c < 0, precision),
      largestRankRise: extremeOf(
        rankChange.map((c) => c * scale),
        codes,
        order,
        "max",
        (c) => c > 0,
        precision,
      ),
      largestRankFall: extremeOf(
        rankChange.map((c) => c * scale),
        codes,
        order,
        "min",
        (c) => c < 0,
        precision,
      ),
    };
  }
  return stats;
}

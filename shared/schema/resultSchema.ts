import * as z from "zod";
import { methodSchema, precisionSchema } from "./inputSchema.ts";

/** Whether `n` has at most `decimals` decimals as a JSON number prints it. */
function hasDecimals(n: number, decimals: 2 | 3): boolean {
  const scale = decimals === 3 ? 1000 : 100;
  return Number.isFinite(n) && Math.round(n * scale) / scale === n;
}

/**
 * A JSON number with at most 2 decimals (no float artefacts such as 85.970000001).
 *
 * @example
 * hundredthsNumber.safeParse(85.97).success; // true
 * hundredthsNumber.safeParse(85.970000001).success; // false
 */
export const hundredthsNumber = z.number().refine((n) => hasDecimals(n, 2), {
  message: "số có quá 2 chữ số thập phân",
});

/**
 * A JSON number with at most 3 decimals (the most `settings.precision` allows); the result document checks
 * every figure against its own `precision` too.
 *
 * @example
 * thousandthsNumber.safeParse(87.654).success; // true
 * thousandthsNumber.safeParse(87.6541).success; // false
 */
export const thousandthsNumber = z.number().refine((n) => hasDecimals(n, 3), {
  message: "số có quá 3 chữ số thập phân",
});

/** The number of the figures below: at most 3 decimals here; the result checks them against its own `precision`. */
const figure = thousandthsNumber;

/**
 * A value and every unit holding it, in rank order then input order.
 *
 * @example
 * extremeSchema.parse({ value: 10, units: ["BDT", "BQLKCN"] });
 */
export const extremeSchema = z.strictObject({ value: figure, units: z.array(z.string()) });
export type Extreme = z.infer<typeof extremeSchema>;

/**
 * One unit's result: field scores, parts of the total, index, group, rank and change.
 *
 * @example
 * unitResultSchema.shape.index; // at most 3 decimals (at most `precision` in a result document)
 */
export const unitResultSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  fields: z.array(z.strictObject({ code: z.string(), score: figure, max: figure })),
  self: figure.optional(),
  appraised: figure,
  survey: figure,
  satisfaction: figure,
  total: figure,
  max: figure,
  index: figure,
  group: z.string(),
  rank: z.number().int().min(1),
  change: z.strictObject({ index: figure, rank: z.number().int() }).optional(),
  /** The next better group and the points the index lacks to reach it; null in the best group. */
  toNextGroup: z.strictObject({ group: z.string(), points: figure }).nullable(),
  /** The rank of the nearest unit ranked better and the points between; null for rank 1. */
  toNextRank: z.strictObject({ rank: z.number().int().min(1), points: figure }).nullable(),
});
export type UnitResult = z.infer<typeof unitResultSchema>;

/**
 * Mean, highest and lowest of a field or a method over a block.
 *
 * @example
 * scoreStatSchema.parse({ max: 14, mean: 12.1, highest: { value: 14, units: ["VPUBND"] }, lowest: { value: 9.5, units: ["SYT"] } });
 */
export const scoreStatSchema = z.strictObject({
  max: figure,
  mean: figure,
  highest: extremeSchema,
  lowest: extremeSchema,
});

/**
 * A block's statistics, as the analysis quotes them (method.md §4).
 *
 * @example
 * blockStatsSchema.shape.mean; // 85.97 for the Sơn La sở
 */
export const blockStatsSchema = z.strictObject({
  count: z.number().int(),
  mean: figure,
  highest: extremeSchema,
  lowest: extremeSchema,
  gap: figure,
  aboveMean: z.number().int(),
  belowMean: z.number().int(),
  groups: z.array(z.strictObject({ name: z.string(), count: z.number().int(), share: figure })),
  fields: z.array(scoreStatSchema.extend({ code: z.string() })),
  methods: z.array(scoreStatSchema.extend({ method: methodSchema })),
  previous: z
    .strictObject({
      mean: figure,
      meanChange: figure,
      indexUp: z.number().int(),
      indexDown: z.number().int(),
      indexHeld: z.number().int(),
      rankUp: z.number().int(),
      rankHeld: z.number().int(),
      rankDown: z.number().int(),
      largestIndexRise: extremeSchema.nullable(),
      largestIndexFall: extremeSchema.nullable(),
      largestRankRise: extremeSchema.nullable(),
      largestRankFall: extremeSchema.nullable(),
    })
    .optional(),
});
export type BlockStats = z.infer<typeof blockStatsSchema>;

/**
 * A block's units (in input order) and statistics.
 *
 * @example
 * blockResultSchema.shape.units;
 */
export const blockResultSchema = z.strictObject({
  id: z.string(),
  units: z.array(unitResultSchema),
  stats: blockStatsSchema,
});
export type BlockResult = z.infer<typeof blockResultSchema>;

/** Every JSON number under `value` with its path (counts and ranks included: they are whole numbers anyway). */
function numbersIn(value: unknown, path: (string | number)[], out: { path: (string | number)[]; n: number }[]): void {
  if (typeof value === "number") out.push({ path, n: value });
  else if (Array.isArray(value)) value.forEach((v, i) => numbersIn(v, [...path, i], out));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) numbersIn(v, [...path, k], out);
  }
}

/**
 * The result document `cchc-index-result/1`: what `cchc compute --json` prints. `precision` (2 or 3, as
 * `settings.precision`; 2 when absent) bounds the decimals of every figure.
 *
 * @example
 * resultSchema.parse(JSON.parse(stdout)).blocks[0]?.stats.mean; // 85.97 for the Sơn La sở block
 */
export const resultSchema = z
  .strictObject({
    format: z.literal("cchc-index-result/1"),
    year: z.number().int(),
    /** Decimals of every figure: `settings.precision` of the input (2 by default). */
    precision: precisionSchema.optional(),
    blocks: z.array(blockResultSchema),
    warnings: z.array(z.string()),
  })
  .superRefine((doc, ctx) => {
    const precision = doc.precision ?? 2;
    if (precision === 3) return;
    const found: { path: (string | number)[]; n: number }[] = [];
    numbersIn(doc.blocks, ["blocks"], found);
    for (const { path, n } of found) {
      if (!hasDecimals(n, precision)) ctx.addIssue({ code: "custom", path, message: `số có quá ${precision} chữ số thập phân` });
    }
  });
export type ResultDocument = z.infer<typeof resultSchema>;

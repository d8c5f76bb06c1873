import * as z from "zod";
import { methodSchema } from "./inputSchema.ts";

/**
 * A JSON number with at most 2 decimals (no float artefacts such as 85.970000001).
 *
 * @example
 * hundredthsNumber.safeParse(85.97).success; // true
 * hundredthsNumber.safeParse(85.970000001).success; // false
 */
export const hundredthsNumber = z.number().refine((n) => Number.isFinite(n) && Math.round(n * 100) / 100 === n, {
  message: "số có quá 2 chữ số thập phân",
});

/**
 * A value and every unit holding it, in rank order then input order.
 *
 * @example
 * extremeSchema.parse({ value: 10, units: ["BDT", "BQLKCN"] });
 */
export const extremeSchema = z.strictObject({ value: hundredthsNumber, units: z.array(z.string()) });
export type Extreme = z.infer<typeof extremeSchema>;

/**
 * One unit's result: field scores, parts of the total, index, group, rank and change.
 *
 * @example
 * unitResultSchema.shape.index; // at most 2 decimals
 */
export const unitResultSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  fields: z.array(z.strictObject({ code: z.string(), score: hundredthsNumber, max: hundredthsNumber })),
  self: hundredthsNumber.optional(),
  appraised: hundredthsNumber,
  survey: hundredthsNumber,
  satisfaction: hundredthsNumber,
  total: hundredthsNumber,
  max: hundredthsNumber,
  index: hundredthsNumber,
  group: z.string(),
  rank: z.number().int().min(1),
  change: z.strictObject({ index: hundredthsNumber, rank: z.number().int() }).optional(),
  /** The next better group and the points the index lacks to reach it; null in the best group. */
  toNextGroup: z.strictObject({ group: z.string(), points: hundredthsNumber }).nullable(),
  /** The rank of the nearest unit ranked better and the points between; null for rank 1. */
  toNextRank: z.strictObject({ rank: z.number().int().min(1), points: hundredthsNumber }).nullable(),
});
export type UnitResult = z.infer<typeof unitResultSchema>;

/**
 * Mean, highest and lowest of a field or a method over a block.
 *
 * @example
 * scoreStatSchema.parse({ max: 14, mean: 12.1, highest: { value: 14, units: ["VPUBND"] }, lowest: { value: 9.5, units: ["SYT"] } });
 */
export const scoreStatSchema = z.strictObject({
  max: hundredthsNumber,
  mean: hundredthsNumber,
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
  mean: hundredthsNumber,
  highest: extremeSchema,
  lowest: extremeSchema,
  gap: hundredthsNumber,
  aboveMean: z.number().int(),
  belowMean: z.number().int(),
  groups: z.array(z.strictObject({ name: z.string(), count: z.number().int(), share: hundredthsNumber })),
  fields: z.array(scoreStatSchema.extend({ code: z.string() })),
  methods: z.array(scoreStatSchema.extend({ method: methodSchema })),
  previous: z
    .strictObject({
      mean: hundredthsNumber,
      meanChange: hundredthsNumber,
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

/**
 * The result document `cchc-index-result/1`: what `cchc compute --json` prints.
 *
 * @example
 * resultSchema.parse(JSON.parse(stdout)).blocks[0]?.stats.mean; // 85.97 for the Sơn La sở block
 */
export const resultSchema = z.strictObject({
  format: z.literal("cchc-index-result/1"),
  year: z.number().int(),
  blocks: z.array(blockResultSchema),
  warnings: z.array(z.string()),
});
export type ResultDocument = z.infer<typeof resultSchema>;

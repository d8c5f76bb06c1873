import * as z from "zod";

/**
 * A raw score as it may stand in JSON or a spreadsheet cell: a number, a decimal string (`"3,5"`),
 * `null` or `"KĐG"` for not applicable. The schema accepts anything here on purpose: every cell is
 * checked by `parseScore`, which names the cell and says what is wrong in Vietnamese.
 *
 * @example
 * rawScoreSchema.parse("3,5"); // "3,5" (checked later by parseScore)
 */
export const rawScoreSchema = z.unknown();

/**
 * The longest text accepted in any name or code (a unit, criterion, block, group name, the province, the
 * decision). Each ends up in one cell of a Biểu sheet or a header (Excel holds at most 32 767 characters in a
 * cell; a column header or a table title far shorter); 255 is far above any real name (the longest in the Sơn La
 * sets is 93 characters) and keeps every generated cell and row height within the hosts' limits.
 *
 * @example
 * textSchema.safeParse("x".repeat(MAX_TEXT_LENGTH + 1)).success; // false
 */
export const MAX_TEXT_LENGTH = 255;

/**
 * A name or code: a string of at most `MAX_TEXT_LENGTH` characters.
 *
 * @example
 * textSchema.parse("Sở Giao thông vận tải");
 */
export const textSchema = z.string().max(MAX_TEXT_LENGTH);

/**
 * Methods of a leaf: appraised (70 points), survey (officials' survey, 20), satisfaction (SIPAS, 10).
 *
 * @example
 * methodSchema.parse("survey"); // "survey"
 */
export const methodSchema = z.enum(["appraised", "survey", "satisfaction"]);
export type Method = z.infer<typeof methodSchema>;

/**
 * One node of a criteria set (field `1`, criterion `1.1`, sub-criterion `1.1.1`).
 *
 * @example
 * criterionSchema.parse({ code: "1.1.1", name: "Ban hành kế hoạch", max: 0.5, method: "appraised" });
 */
export const criterionSchema = z.strictObject({
  code: textSchema,
  name: textSchema,
  max: z.number(),
  method: methodSchema.optional(),
});
export type Criterion = z.infer<typeof criterionSchema>;

/**
 * A unit assessed in a block, with last year's index and rank when known.
 *
 * @example
 * unitSchema.parse({ code: "SGTVT", name: "Sở Giao thông vận tải", previous: { index: 96.5, rank: 1 } });
 */
export const unitSchema = z.strictObject({
  code: textSchema,
  name: textSchema,
  previous: z.strictObject({ index: z.number(), rank: z.number().int().min(1) }).optional(),
});
export type Unit = z.infer<typeof unitSchema>;

/**
 * `scores[unit][leaf]`: raw score values, checked cell by cell.
 *
 * @example
 * scoreTableSchema.parse({ SGTVT: { "1.1.1": 0.5, "8.1": "9,8", "6.4.1": null } });
 */
export const scoreTableSchema = z.record(z.string(), z.record(z.string(), rawScoreSchema));
export type ScoreTable = z.infer<typeof scoreTableSchema>;

/**
 * The longest free text accepted in a note cell (evidence, a reason for a cut, an explanation): Google Sheets holds
 * 50 000 characters in a cell and Excel 32 767; 2 000 keeps every generated row within 409 pt.
 *
 * @example
 * noteSchema.safeParse("x".repeat(MAX_NOTE_LENGTH + 1)).success; // false
 */
export const MAX_NOTE_LENGTH = 2000;

/**
 * Free text about one unit's leaf (tài liệu kiểm chứng, ghi chú, lý do trừ điểm, giải trình).
 *
 * @example
 * noteSchema.parse("Kế hoạch số 12/KH-SGTVT ngày 05/01/2023");
 */
export const noteSchema = z.string().max(MAX_NOTE_LENGTH);

/**
 * `notes[unit][leaf]`: free text per unit and leaf, as for `evidence`, `selfNotes`, `reasons`, `explanations`.
 *
 * @example
 * noteTableSchema.parse({ SGTVT: { "1.1.1": "https://vanban.sonla.gov.vn/..." } });
 */
export const noteTableSchema = z.record(z.string(), z.record(z.string(), noteSchema));
export type NoteTable = z.infer<typeof noteTableSchema>;

/**
 * The previous year's own rank movements of a block, as that year's decision printed them: how many units rose,
 * held and fell in rank against the year before. With them the analysis adds the decision's «(giảm 03 đơn vị)»
 * to each rank-movement line.
 *
 * @example
 * rankMovesSchema.parse({ up: 10, held: 5, down: 5 });
 */
export const rankMovesSchema = z.strictObject({
  up: z.number().int().min(0),
  held: z.number().int().min(0),
  down: z.number().int().min(0),
});
export type RankMoves = z.infer<typeof rankMovesSchema>;

/**
 * One block (khối): its criteria set, units and scores.
 *
 * @example
 * blockSchema.parse({ id: "so", name: "Các sở", criteria: [], units: [], scores: {} }); // shape only
 */
export const blockSchema = z.strictObject({
  id: textSchema,
  name: textSchema,
  criteria: z.array(criterionSchema),
  units: z.array(unitSchema),
  scores: scoreTableSchema,
  selfScores: scoreTableSchema.optional(),
  /** Evidence (tài liệu kiểm chứng) the unit gave with each self score: a document's number and date, or a link. */
  evidence: noteTableSchema.optional(),
  /** The unit's own note (ghi chú) on a self score. */
  selfNotes: noteTableSchema.optional(),
  /** The appraisal council's reason (lý do trừ điểm) where the appraised score is below the self score. */
  reasons: noteTableSchema.optional(),
  /** The unit's explanation (giải trình) of a cut. */
  explanations: noteTableSchema.optional(),
  /** Last year's counts of units that rose, held and fell in rank (from last year's decision). */
  previousRankMoves: rankMovesSchema.optional(),
  /**
   * Last year's count of units per group (`{ "A": 16, "B": 4 }`, from last year's decision), for the group lines when
   * not every unit has `previous` (new or merged units); with `previous` on every unit, those decide.
   */
  previousGroupCounts: z.record(textSchema, z.number().int().min(0)).optional(),
});
export type Block = z.infer<typeof blockSchema>;

/**
 * A group (nhóm) and its lower threshold; a unit falls in the first group, highest threshold first, with min ≤ index.
 *
 * @example
 * groupSchema.parse({ name: "A", min: 90 });
 */
export const groupSchema = z.strictObject({ name: textSchema, min: z.number() });
export type GroupSetting = z.infer<typeof groupSchema>;

/**
 * `settings.precision`: the decimals every figure keeps, 2 (default) or 3. Any other value is an error
 * ("phải là một trong: 2, 3").
 *
 * @example
 * precisionSchema.parse(3); // 3
 * precisionSchema.safeParse(4).success; // false
 */
export const precisionSchema = z.literal([2, 3]);

/** The groups of the source decision: A ≥ 90, B ≥ 70, C ≥ 50, D below. */
export const DEFAULT_GROUPS: readonly GroupSetting[] = [
  { name: "A", min: 90 },
  { name: "B", min: 70 },
  { name: "C", min: 50 },
  { name: "D", min: 0 },
];

/**
 * The input document `cchc-index/1` (see docs/interchange). Unknown keys are rejected everywhere.
 *
 * @example
 * const parsed = inputSchema.safeParse(JSON.parse(text));
 * if (parsed.success) console.log(parsed.data.blocks.length);
 */
export const inputSchema = z.strictObject({
  format: z.literal("cchc-index/1"),
  year: z.number().int(),
  province: textSchema,
  /** The decision publishing the index: its number, its date (ISO), both or neither (texts leave out what is not given). */
  decision: z.strictObject({ number: textSchema.optional(), date: textSchema.optional() }).optional(),
  settings: z
    .strictObject({
      groups: z.array(groupSchema).optional(),
      /** "Bắt buộc tài liệu kiểm chứng": a self score above 0 without evidence is an error (default: a warning). */
      requireEvidence: z.boolean().optional(),
      /** Decimals of every score, maximum, total, index, mean, share and change: 2 (default) or 3. */
      precision: precisionSchema.optional(),
    })
    .optional(),
  blocks: z.array(blockSchema),
});
export type InputDocument = z.infer<typeof inputSchema>;

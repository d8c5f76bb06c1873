import type { InputDocument } from "../schema/inputSchema.ts";
import type { ResultDocument } from "../schema/resultSchema.ts";
import type { ReportTable } from "./reportTable.ts";
import { blockContexts } from "./blockContext.ts";
import { buildOverallTable } from "./buildOverallTable.ts";
import { buildComparisonTable } from "./buildComparisonTable.ts";
import { buildFieldsTable } from "./buildFieldsTable.ts";
import { buildFieldTable } from "./buildFieldTable.ts";
import { buildSelfGapTable } from "./buildSelfGapTable.ts";

/**
 * The report tables (Biểu) of a computed document, for each block in input order: Biểu 1 (overall results),
 * 2 (comparison with the previous year), 3 (by field), then one per field (4–11). The first block numbers them
 * 1–11, the second 1a–11a, the third 1b–11b…, whatever their ids (see `blockTableSuffix`). Pure data: hosts lay
 * the tables out. `options.stamp` is appended to every table's notes. With `options.selfGaps`, the Biểu of each
 * block that keeps the appraisal's notes (`reasons` or `explanations`) are followed by its table of differences
 * between self and appraised scores («Chênh lệch TĐG», «Chênh lệch TĐG a»…: `buildSelfGapTable`), which a
 * recalculation writes and `cchc report` prints.
 *
 * @example
 * const r = computeIndex(doc);
 * if (r.ok) {
 *   const tables = buildReportTables(r.input, r.result, { stamp: stampLine(r.input) });
 *   tables.map((t) => t.number); // ["1", "2", …, "11", "1a", …, "11a"]
 * }
 */
export function buildReportTables(
  input: InputDocument,
  result: ResultDocument,
  options: { stamp?: string; selfGaps?: boolean } = {},
): ReportTable[] {
  const tables: ReportTable[] = [];
  for (const ctx of blockContexts(input, result)) {
    tables.push(buildOverallTable(input, ctx, options.stamp));
    tables.push(buildComparisonTable(input, ctx, options.stamp));
    tables.push(buildFieldsTable(input, ctx, options.stamp));
    ctx.tree.fields.forEach((field, i) => tables.push(buildFieldTable(input, ctx, field, i, options.stamp)));
    // Only where the appraisal's notes are kept (a «Lý do trừ điểm» or «Giải trình» sheet, or the JSON's table).
    if (options.selfGaps === true && (ctx.block.reasons !== undefined || ctx.block.explanations !== undefined))
      tables.push(buildSelfGapTable(input, ctx, options.stamp));
  }
  return tables;
}

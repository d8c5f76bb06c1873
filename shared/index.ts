/**
 * The public API of the core: schemas, the computation, formatters, problems and the host port types.
 *
 * @example
 * import { computeIndex, formatNumberVi } from "./shared/index.ts";
 * const outcome = computeIndex(doc);
 * if (outcome.ok) formatNumberVi(outcome.result.blocks[0]!.stats.mean); // "85,97"
 */
export * from "./schema/inputSchema.ts";
export * from "./schema/resultSchema.ts";
export * from "./problem.ts";
export * from "./workbook/port.ts";
export { computeIndex, type ComputeOutcome } from "./compute/computeIndex.ts";
export { parseScore, parseScoreH, type ParsedScore } from "./compute/parseScore.ts";
export { competitionRank, rankOrder } from "./compute/competitionRank.ts";
export { assignGroup, makeGroupAssigner } from "./compute/assignGroup.ts";
export { blockStats, extremeOf, type UnitTotals, type BlockStatsSetup } from "./compute/blockStats.ts";
export { roundDiv, toNumber, toHundredths, scaleOf, hasAtMostDecimals, DEFAULT_PRECISION, type Precision } from "./compute/hundredths.ts";
export { validateCriteria, MAX_CRITERION_POINTS } from "./compute/validateCriteria.ts";
export { buildCriteriaTree, type CriteriaNode, type CriteriaTree } from "./compute/buildCriteriaTree.ts";
export { formatPath, appendPath } from "./compute/formatPath.ts";
export { decimalParts, roundParts, type DecimalParts } from "./compute/decimalParts.ts";
export { formatNumberVi, formatFixedVi, padCount } from "./format/formatNumberVi.ts";
export { TOOL_VERSION } from "./version.ts";
export { buildReportTables } from "./report/buildReportTables.ts";
export { buildAnalysis, type AnalysisSection } from "./report/buildAnalysis.ts";
export type { ReportTable, ReportColumn, ColumnKind } from "./report/reportTable.ts";
export { recalculateWorkbook, type RecalculateOptions } from "./workbook/recalculateWorkbook.ts";
export { validateWorkbook } from "./workbook/validateWorkbook.ts";
export { buildNotices, type UnitNotice, type BlockNotices } from "./report/buildNotices.ts";
export { planNoticeSheet } from "./workbook/planNoticeSheet.ts";
export { planNotices, writeNotices, type NoticeOptions, type NoticesOutcome } from "./workbook/writeNotices.ts";
export { createTemplate } from "./workbook/createTemplate.ts";
export { analyzeWorkbook, type WorkbookOutcome } from "./workbook/analyzeWorkbook.ts";
export { loadWorkbook, type LoadedWorkbook, type GridLayout } from "./workbook/loadWorkbook.ts";
export { summarizeResult, type ResultSummary } from "./workbook/summarizeResult.ts";
export {
  sheetNames,
  noticeSheetName,
  unitNoticeSheetName,
  isNoticeSheet,
  SETTINGS_SHEET,
  INSTRUCTIONS_SHEET,
  ANALYSIS_SHEET,
} from "./workbook/sheetNames.ts";
export { stampLine, dataHash } from "./workbook/stamp.ts";
export { numberFormats, NUMBER_FORMATS } from "./workbook/workbookLabels.ts";

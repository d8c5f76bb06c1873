import { buildAnalysis } from "../report/buildAnalysis.ts";
import { buildReportTables } from "../report/buildReportTables.ts";
import { buildOverviews } from "../report/buildOverview.ts";
import type { Problem } from "../problem.ts";
import { TOOL_VERSION } from "../version.ts";
import { andThen } from "./andThen.ts";
import { analyzeWorkbook, type WorkbookAnalysis, type WorkbookOutcome } from "./analyzeWorkbook.ts";
import { planAnalysisSheet } from "./planAnalysisSheet.ts";
import { planOverviewSheet } from "./planOverviewSheet.ts";
import { planReportSheet } from "./planReportSheet.ts";
import { planResultsArea } from "./planResultsArea.ts";
import type { MaybePromise, SheetWrite, WorkbookPort } from "./port.ts";
import { STAMP_PREFIX, stampLine } from "./stamp.ts";
import { sheetFinder } from "./sheetKey.ts";
import type { CellValue } from "./port.ts";

/** Options of a recalculation. */
export interface RecalculateOptions {
  /** Also (re)write the Biểu sheets and the analysis (default true). */
  reports?: boolean;
  onProgress?: (message: string) => void;
  toolVersion?: string;
}

/**
 * The whole job in place: read (one list, one read), validate, compute, then in one `write` the results
 * area under each block's scores and, unless `reports: false`, each block's "Tổng quan" (key figures and native
 * charts), every Biểu sheet and the "Phân tích" sheet.
 * Nothing is written when anything is invalid. Running it twice gives the same workbook.
 *
 * @example
 * const outcome = await recalculateWorkbook(new XlsxHost(workbook));
 * if (outcome.ok) outcome.summary.blocks[0]?.rows[0]?.name; // "Sở Giao thông vận tải"
 */
export function recalculateWorkbook(port: WorkbookPort, options: RecalculateOptions = {}): MaybePromise<WorkbookOutcome> {
  const progress = options.onProgress ?? (() => {});
  return andThen(analyzeWorkbook(port, progress), (analysis) => {
    const plan = planRecalculation(analysis, options);
    if (!plan.ok) return plan.outcome;
    progress("Đang ghi kết quả vào sổ tính…");
    return andThen(port.write(plan.writes), () => {
      progress("Xong.");
      return plan.outcome;
    });
  });
}

/** Everything a recalculation writes, in one plan, or the outcome that stops it. */
function planRecalculation(
  analysis: WorkbookAnalysis,
  options: RecalculateOptions,
): { ok: true; writes: SheetWrite[]; outcome: WorkbookOutcome } | { ok: false; outcome: WorkbookOutcome } {
  if (!analysis.ok) return { ok: false, outcome: analysis };
  const progress = options.onProgress ?? (() => {});
  const { layouts, generated, ...outcome } = analysis;
  const stamp = stampLine(outcome.input, options.toolVersion ?? TOOL_VERSION);

  progress(options.reports !== false ? "Đang lập vùng kết quả, các Biểu và phần phân tích…" : "Đang lập vùng kết quả…");
  const writes: SheetWrite[] = [];
  const problems: Problem[] = [];
  outcome.result.blocks.forEach((blockResult, i) => {
    const block = outcome.input.blocks[i];
    const layout = layouts.find((l) => l.id === blockResult.id);
    if (!block || !layout) return;
    const plan = planResultsArea(block, blockResult, layout.scores, stamp, outcome.input.settings?.precision ?? 2);
    if ("problems" in plan) problems.push(...plan.problems);
    else writes.push(plan.write);
  });
  if (problems.length > 0) return { ok: false, outcome: { ok: false, errors: problems, warnings: outcome.warnings } };

  if (options.reports !== false) {
    // Each block's overview ("Tổng quan", "Tổng quan a"…) goes just before its Biểu 1.
    const overviews = buildOverviews(outcome.input, outcome.result);
    let next = 0;
    for (const table of buildReportTables(outcome.input, outcome.result, { stamp, selfGaps: true })) {
      const overview = overviews[next];
      if (/^1[a-z]?$/.test(table.number) && overview !== undefined) {
        writes.push(planOverviewSheet(overview, stamp));
        next++;
      }
      writes.push(planReportSheet(table));
    }
    const sections = buildAnalysis(outcome.input, outcome.result);
    writes.push(
      planAnalysisSheet(
        `KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${outcome.input.year}`.toUpperCase(),
        sections.map((s) => ({ title: s.title, paragraphs: s.paragraphs })),
        stamp,
      ),
    );
  }
  // A sheet the tool replaces must be one it made: a person's own sheet named "Biểu 1" (or "biểu 1", any case
  // or Unicode form: Excel takes it for the same sheet) is never overwritten. The stamp is in column A.
  const existingName = sheetFinder(Object.keys(generated));
  const targets = writes.map((w) => {
    const name = w.mode === "replace" ? existingName(w.sheet) : undefined;
    const existing = name === undefined ? undefined : generated[name];
    // Only column A was read: a sheet without the stamp there may hold a person's work elsewhere, so it is never
    // replaced, even when its column A is empty.
    if (name !== undefined && existing !== undefined && !hasStamp(existing)) {
      problems.push({
        path: name,
        sheet: name,
        message: `sheet «${name}» đã có nhưng không do công cụ tạo (không có dòng «${STAMP_PREFIX} …»); công cụ không ghi đè — hãy đổi tên sheet đó rồi tính lại`,
      });
    }
    // A stamped sheet spelt otherwise ("biểu 3") is the one replaced: a host never meets two names Excel takes for one.
    return name !== undefined && name !== w.sheet ? { ...w, sheet: name } : w;
  });
  if (problems.length > 0) return { ok: false, outcome: { ok: false, errors: problems, warnings: outcome.warnings } };
  return { ok: true, writes: targets, outcome };
}

/** Whether column A of a sheet (as read) holds a stamp line. */
function hasStamp(grid: CellValue[][]): boolean {
  return grid.some((row) => {
    const a = row[0];
    return typeof a === "string" && a.normalize("NFC").startsWith(STAMP_PREFIX);
  });
}

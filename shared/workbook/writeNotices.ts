import { buildNotices } from "../report/buildNotices.ts";
import type { Problem } from "../problem.ts";
import type { InputDocument } from "../schema/inputSchema.ts";
import type { ResultDocument } from "../schema/resultSchema.ts";
import { TOOL_VERSION } from "../version.ts";
import { andThen } from "./andThen.ts";
import { analyzeGrids, type WorkbookOutcome } from "./analyzeWorkbook.ts";
import { planNoticeSheet } from "./planNoticeSheet.ts";
import type { MaybePromise, ReadValue, SheetWrite, WorkbookPort } from "./port.ts";
import { sheetFinder } from "./sheetKey.ts";
import { isInputSheet, isNoticeSheet, noticeSheetName, unitNoticeSheetName } from "./sheetNames.ts";
import { STAMP_PREFIX, stampLine } from "./stamp.ts";

/** Options of `writeNotices` and `planNotices`. */
export interface NoticeOptions {
  /** One unit's code: its notice alone, on the sheet `Thông báo - CODE`. Absent or blank: every unit, one sheet per block. */
  unit?: string;
  onProgress?: (message: string) => void;
  toolVersion?: string;
}

/** What `writeNotices` reports: the workbook outcome and, when it succeeded, the sheets written. */
export type NoticesOutcome = (Extract<WorkbookOutcome, { ok: true }> & { sheets: string[] }) | Extract<WorkbookOutcome, { ok: false }>;

/**
 * The notice sheets of a computed document: one sheet per block (`Thông báo kết quả - Sở` …) holding every unit's
 * notice, each from a new page; or, with `unit`, the sheet `Thông báo - CODE` with that unit's notice alone. A
 * problem (path `unit`) when no block has that unit.
 *
 * @example
 * const plan = planNotices(input, result, stampLine(input));
 * if (plan.ok) plan.writes.map((w) => w.sheet); // ["Thông báo kết quả - Sở", "Thông báo kết quả - Huyện"]
 * planNotices(input, result, stamp, "SGTVT"); // { ok: true, writes: [{ sheet: "Thông báo - SGTVT", … }] }
 */
export function planNotices(
  input: InputDocument,
  result: ResultDocument,
  stamp: string,
  unit?: string,
): { ok: true; writes: SheetWrite[] } | { ok: false; errors: Problem[] } {
  const blocks = buildNotices(input, result);
  const code = unit?.trim() ?? "";
  if (code === "")
    return { ok: true, writes: blocks.map((b) => planNoticeSheet(noticeSheetName(b.blockId, b.position), b.notices, stamp)) };
  for (const b of blocks) {
    const notice = b.notices.find((n) => n.unitCode === code);
    if (notice !== undefined) return { ok: true, writes: [planNoticeSheet(unitNoticeSheetName(code), [notice], stamp)] };
  }
  const known = blocks.flatMap((b) => b.notices.map((n) => n.unitCode));
  const shown = known.slice(0, 12).join(", ") + (known.length > 12 ? ", …" : "");
  return { ok: false, errors: [{ path: "unit", message: `không có đơn vị mã «${code}» trong các khối (mã đơn vị: ${shown})` }] };
}

/**
 * Result notices (phiếu thông báo kết quả) into the workbook: read (one list, one read of the input sheets and of
 * column A of the notice sheets already there), validate, compute, then one `write` of the notice sheets
 * (`planNotices`). Writes only sheets it owns: a sheet of that name without the
 * stamp in column A is a person's and stops the job. Nothing is written when anything is invalid.
 *
 * @example
 * const outcome = await writeNotices(new XlsxHost(workbook));
 * if (outcome.ok) outcome.sheets; // ["Thông báo kết quả - Sở", "Thông báo kết quả - Huyện"]
 */
export function writeNotices(port: WorkbookPort, options: NoticeOptions = {}): MaybePromise<NoticesOutcome> {
  const progress = options.onProgress ?? (() => {});
  progress("Đang đọc dữ liệu trong sổ tính…");
  return andThen(port.listSheets(), (sheets) => {
    // The input sheets and, of the notice sheets already there, column A (their stamp), in one read.
    const notices = sheets.filter(isNoticeSheet);
    const names = sheets.filter((n) => isInputSheet(n) || isNoticeSheet(n));
    return andThen(port.readSheets(names, { firstColumnOnly: notices }), (grids): MaybePromise<NoticesOutcome> => {
      const analysis = analyzeGrids(grids, progress);
      if (!analysis.ok) return analysis;
      const { layouts: _layouts, generated: _generated, ...outcome } = analysis;
      progress("Đang lập phiếu thông báo kết quả…");
      const stamp = stampLine(outcome.input, options.toolVersion ?? TOOL_VERSION);
      const plan = planNotices(outcome.input, outcome.result, stamp, options.unit);
      if (!plan.ok) return { ok: false, errors: plan.errors, warnings: outcome.warnings };
      const existing = Object.fromEntries(notices.map((n) => [n, grids[n] ?? []]));
      const owned = ownedTargets(plan.writes, existing);
      if (!owned.ok) return { ok: false, errors: owned.errors, warnings: outcome.warnings };
      progress("Đang ghi phiếu thông báo vào sổ tính…");
      return andThen(port.write(owned.writes), () => {
        progress("Xong.");
        return { ...outcome, sheets: owned.writes.map((w) => w.sheet) };
      });
    });
  });
}

/**
 * The writes aimed at the sheets already there under the same name (any case, NFC or NFD), refusing a sheet
 * without the tool's stamp in column A (a person's own sheet is never replaced).
 */
function ownedTargets(
  writes: readonly SheetWrite[],
  generated: Readonly<Record<string, readonly (readonly ReadValue[])[]>>,
): { ok: true; writes: SheetWrite[] } | { ok: false; errors: Problem[] } {
  const existingName = sheetFinder(Object.keys(generated));
  const errors: Problem[] = [];
  const targets = writes.map((w) => {
    const name = existingName(w.sheet);
    const existing = name === undefined ? undefined : generated[name];
    if (name !== undefined && existing !== undefined && !existing.some((row) => isStamp(row[0]))) {
      errors.push({
        path: name,
        sheet: name,
        message: `sheet «${name}» đã có nhưng không do công cụ tạo (không có dòng «${STAMP_PREFIX} …»); công cụ không ghi đè — hãy đổi tên sheet đó rồi chạy lại`,
      });
    }
    return name !== undefined && name !== w.sheet ? { ...w, sheet: name } : w;
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, writes: targets };
}

function isStamp(value: ReadValue | undefined): boolean {
  return typeof value === "string" && value.normalize("NFC").startsWith(STAMP_PREFIX);
}

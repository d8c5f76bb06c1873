/**
 * Apps Script entry points of the Google Sheets add-on: the menu "Chỉ số CCHC", its commands, and the
 * functions the sidebar calls through `google.script.run`. Every export here becomes a global function
 * of `dist/gas/Code.js` (see scripts/build-gas.ts). Hosts only move values: every decision is the core's.
 * No entry throws to the user: failures become a Vietnamese message.
 */
import { formatProblem, type Problem } from "../shared/problem.ts";
import { formatFixedVi } from "../shared/format/formatNumberVi.ts";
import type { MaybePromise } from "../shared/workbook/port.ts";
import type { ResultSummary } from "../shared/workbook/summarizeResult.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";
import { recalculateWorkbook } from "../shared/workbook/recalculateWorkbook.ts";
import { validateWorkbook } from "../shared/workbook/validateWorkbook.ts";
import { writeNotices } from "../shared/workbook/writeNotices.ts";
import type { WorkbookOutcome } from "../shared/workbook/analyzeWorkbook.ts";
import { createSelfAssessmentForms, importSelfAssessmentForm } from "../shared/workbook/selfAssessmentFormImport.ts";
import { TEMPLATE_BLOCKS, templateSource, type TemplateBlockId } from "../shared/workbook/templateSource.ts";
import { PartialWriteError, SheetsHost } from "./sheetsHost.ts";

/** Menu title and the captions of its items, with the global function each one runs. */
export const MENU_TITLE = "Chỉ số CCHC";
export const MENU_ITEMS: readonly (readonly [caption: string, fn: string] | null)[] = [
  ["Tính lại xếp hạng", "menuRecalculate"],
  ["Kiểm tra dữ liệu", "menuValidate"],
  ["Tạo Biểu", "menuCreateReports"],
  ["Phiếu thông báo kết quả", "menuNotices"],
  ["Mở bảng điều khiển", "showSidebar"],
  null,
  ["Tạo mẫu sổ tính", "menuCreateTemplate"],
  ["Tạo phiếu tự đánh giá", "menuCreateSelfAssessmentForm"],
  ["Nhập phiếu", "menuImportSelfAssessmentForm"],
];

const LOCK_WAIT_MS = 30_000;
const MENU_PROBLEM_LINES = 15;

/** A problem as the sidebar shows it: the core's problem (null: no cell) and its whole line. */
export interface PanelProblem {
  path: string;
  message: string;
  sheet: string | null;
  cell: string | null;
  /** The whole line, "Điểm - Sở!F12: chưa có điểm". */
  text: string;
}

/** What every sidebar call returns (plain JSON, as `google.script.run` requires). */
export interface PanelResult {
  ok: boolean;
  /** One sentence: what happened. */
  message: string;
  errors: PanelProblem[];
  warnings: PanelProblem[];
  summary: ResultSummary | null;
  /** The progress messages of the run, in order. */
  steps: string[];
  /** Duration in milliseconds. */
  ms: number;
}

const toPanel = (p: Problem): PanelProblem => ({
  path: p.path,
  message: p.message,
  sheet: p.sheet ?? null,
  cell: p.cell ?? null,
  text: formatProblem(p),
});

function failure(message: string, steps: string[], started: number, errors: Problem[] = [], warnings: Problem[] = []): PanelResult {
  return {
    ok: false,
    message,
    errors: errors.map(toPanel),
    warnings: warnings.map(toPanel),
    summary: null,
    steps,
    ms: Date.now() - started,
  };
}

/**
 * The value of a core job run on the Sheets host. That host is synchronous, so the job is too, and a sidebar call
 * returns its plain result (google.script.run does not wait for promises).
 */
function settle<T>(value: MaybePromise<T>): T {
  if (value instanceof Promise) throw new Error("máy chủ Google Sheets phải chạy đồng bộ");
  return value;
}

function host(): SheetsHost {
  return new SheetsHost(SpreadsheetApp.getActiveSpreadsheet());
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The message of a failure: a write that stopped part-way says what the spreadsheet now holds; any other failure
 * happened before the first write (every limit is checked first), so nothing was written.
 */
function unexpected(e: unknown): string {
  if (e instanceof PartialWriteError) return e.message;
  return `Không thực hiện được: ${errorText(e)}. Chưa ghi gì vào bảng tính (mọi thay đổi được kiểm tra trước khi ghi).`;
}

/**
 * Runs `job` holding the document lock, so two clicks (or two people) cannot interleave writes; pending writes
 * are flushed before the lock is released, whether the job succeeded or failed. Returns null when the lock
 * could not be had within 30 s.
 */
function withDocumentLock<T>(job: () => MaybePromise<T>): { value: T } | null {
  const lock = LockService.getDocumentLock();
  // Only a script outside a document has no document lock; this one is bound to its spreadsheet.
  if (lock === null) return { value: settle(job()) };
  try {
    lock.waitLock(LOCK_WAIT_MS);
  } catch {
    return null;
  }
  try {
    return { value: settle(job()) };
  } finally {
    try {
      SpreadsheetApp.flush();
    } finally {
      lock.releaseLock();
    }
  }
}

const BUSY = "Đang có một lần tính khác chạy trên bảng tính này; vui lòng đợi rồi thử lại.";

function outcomeResult(outcome: WorkbookOutcome, okMessage: string, steps: string[], started: number): PanelResult {
  if (!outcome.ok) {
    return failure(
      `Dữ liệu có ${outcome.errors.length} lỗi; chưa ghi gì vào bảng tính. Bấm vào từng lỗi để chọn ô.`,
      steps,
      started,
      outcome.errors,
      outcome.warnings,
    );
  }
  return {
    ok: true,
    message: okMessage,
    errors: [],
    warnings: outcome.warnings.map(toPanel),
    summary: outcome.summary,
    steps,
    ms: Date.now() - started,
  };
}

function run(kind: "validate" | "recalculate" | "reports"): PanelResult {
  const started = Date.now();
  const steps: string[] = [];
  const onProgress = (m: string) => steps.push(m);
  try {
    if (kind === "validate") {
      const outcome = settle(validateWorkbook(host(), { onProgress }));
      return outcomeResult(outcome, "Dữ liệu hợp lệ. Chưa ghi gì vào bảng tính.", steps, started);
    }
    const locked = withDocumentLock(() => recalculateWorkbook(host(), { reports: kind === "reports", onProgress }));
    if (locked === null) return failure(BUSY, steps, started);
    const okMessage =
      kind === "reports"
        ? "Đã tính lại và ghi vùng KẾT QUẢ, sheet Tổng quan (số liệu chính và biểu đồ), các Biểu và sheet Phân tích."
        : "Đã tính lại và ghi vùng KẾT QUẢ dưới bảng điểm của từng khối.";
    return outcomeResult(locked.value, okMessage, steps, started);
  } catch (e) {
    return failure(unexpected(e), steps, started);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sidebar (google.script.run)

/** Sidebar: check the data, write nothing. */
export function sidebarValidate(): PanelResult {
  return run("validate");
}

/** Sidebar: recalculate the results area (Tính lại xếp hạng). */
export function sidebarRecalculate(): PanelResult {
  return run("recalculate");
}

/** Sidebar: recalculate and (re)write every Biểu and the analysis (Tạo Biểu). */
export function sidebarCreateReports(): PanelResult {
  return run("reports");
}

/**
 * Sidebar and menu: result notices (phiếu thông báo kết quả). With a unit code, that unit's notice alone on the
 * sheet "Thông báo - CODE", ready to print or download (Google Sheets has no page-break API, so one sheet per unit
 * is how a notice prints on its own pages); empty: every unit's notice, one sheet per block.
 */
export function sidebarNotices(unitCode?: unknown): PanelResult {
  const started = Date.now();
  const steps: string[] = [];
  const unit = typeof unitCode === "string" ? unitCode.trim() : "";
  try {
    const locked = withDocumentLock(() => writeNotices(host(), { unit, onProgress: (m) => steps.push(m) }));
    if (locked === null) return failure(BUSY, steps, started);
    const outcome = locked.value;
    if (!outcome.ok) {
      if (outcome.errors.some((p) => p.path === "unit"))
        return failure(outcome.errors[0]!.message.replace(/^./, (c) => c.toUpperCase()) + ".", steps, started);
      return outcomeResult(outcome, "", steps, started);
    }
    const first = outcome.sheets[0];
    if (first !== undefined) SpreadsheetApp.getActiveSpreadsheet().getSheetByName(first)?.activate();
    const sheets = outcome.sheets.map((n) => `«${n}»`).join(", ");
    const message =
      unit === ""
        ? `Đã ghi phiếu thông báo kết quả của mọi đơn vị vào ${sheets}. Google Sheets không đặt được ngắt trang: để in từng phiếu một, nhập mã đơn vị.`
        : `Đã ghi phiếu thông báo kết quả của đơn vị ${unit} vào ${sheets} (Tệp › In hoặc Tải xuống › PDF, khổ A4 dọc).`;
    return outcomeResult(outcome, message, steps, started);
  } catch (e) {
    return failure(unexpected(e), steps, started);
  }
}

/** Sidebar: select a problem's cell. Returns false when the sheet no longer exists. */
export function sidebarSelectCell(sheetName: string, cell: string): boolean {
  try {
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(String(sheetName));
    if (sheet === null) return false;
    sheet.activate();
    if (typeof cell === "string" && /^[A-Z]{1,3}[0-9]{1,7}$/.test(cell)) sheet.getRange(cell).activate();
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Menu

/** Adds the menu "Chỉ số CCHC" when the spreadsheet opens. */
export function onOpen(_e?: unknown): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) {
    if (item === null) menu.addSeparator();
    else menu.addItem(item[0], item[1]);
  }
  menu.addToUi();
}

/** Same menu when installed as an add-on. */
export function onInstall(e?: unknown): void {
  onOpen(e);
}

/** Opens the sidebar (sidebar.html). */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile("sidebar").setTitle("Chỉ số CCHC");
  SpreadsheetApp.getUi().showSidebar(html);
}

function alert(text: string): void {
  SpreadsheetApp.getUi().alert(text);
}

function problemLines(problems: readonly PanelProblem[]): string {
  const shown = problems.slice(0, MENU_PROBLEM_LINES).map((p) => `• ${p.text}`);
  if (problems.length > MENU_PROBLEM_LINES) shown.push(`… và ${problems.length - MENU_PROBLEM_LINES} lỗi khác.`);
  return shown.join("\n");
}

function summaryLines(result: PanelResult): string {
  const lines: string[] = [];
  const precision = result.summary?.precision ?? 2;
  for (const block of result.summary?.blocks ?? []) {
    const groups = block.groups.map((g) => `${g.name}: ${g.count}`).join(", ");
    const first = block.rows[0];
    lines.push(
      `${block.name}: ${block.rows.length} đơn vị, chỉ số trung bình ${formatFixedVi(block.mean, precision)}; nhóm ${groups}` +
        (first ? `; đứng đầu ${first.name} (${formatFixedVi(first.index, precision)}).` : "."),
    );
  }
  return lines.join("\n");
}

function report(result: PanelResult): void {
  const parts = [result.message];
  if (!result.ok && result.errors.length > 0) {
    parts.push(problemLines(result.errors), "Mở «Chỉ số CCHC › Mở bảng điều khiển» để xem đầy đủ và chọn từng ô.");
  }
  if (result.ok) parts.push(summaryLines(result));
  if (result.warnings.length > 0) parts.push(`Cảnh báo:\n${problemLines(result.warnings)}`);
  alert(parts.filter((p) => p !== "").join("\n\n"));
}

/** Menu: Tính lại xếp hạng. */
export function menuRecalculate(): void {
  report(run("recalculate"));
}

/** Menu: Kiểm tra dữ liệu. */
export function menuValidate(): void {
  report(run("validate"));
}

/** Menu: Tạo Biểu. */
export function menuCreateReports(): void {
  report(run("reports"));
}

/** Menu: Phiếu thông báo kết quả — asks for a unit code (empty: every unit, one sheet per block). */
export function menuNotices(): void {
  try {
    const ui = SpreadsheetApp.getUi();
    const answer = ui.prompt(
      "Phiếu thông báo kết quả",
      "Nhập mã đơn vị (như ở sheet «Đơn vị - …», ví dụ SGTVT) để lập phiếu của đơn vị đó trên một sheet riêng, sẵn để in; " +
        "để trống để lập phiếu của mọi đơn vị (mỗi khối một sheet).",
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer.getSelectedButton() !== ui.Button.OK) return;
    report(sidebarNotices(answer.getResponseText()));
  } catch (e) {
    alert(unexpected(e));
  }
}

/**
 * The blocks chosen in the template prompt: numbers of `TEMPLATE_BLOCKS` ("1, 2"), empty for the default ones;
 * null when the answer names no block or something else than a listed number.
 */
function chosenTemplateBlocks(answer: string): TemplateBlockId[] | null {
  const text = answer.trim();
  if (text === "") return TEMPLATE_BLOCKS.filter((b) => b.byDefault).map((b) => b.id);
  const parts = text.split(/[\s,;]+/).filter((p) => p !== "");
  const ids = new Set<TemplateBlockId>();
  for (const part of parts) {
    const block = /^\d+$/.test(part) ? TEMPLATE_BLOCKS[Number(part) - 1] : undefined;
    if (block === undefined) return null;
    ids.add(block.id);
  }
  return TEMPLATE_BLOCKS.filter((b) => ids.has(b.id)).map((b) => b.id);
}

/** Menu: Tạo mẫu sổ tính — asks which blocks, then writes their template sheets (Sơn La criteria sets, empty scores). */
export function menuCreateTemplate(): void {
  try {
    const ui = SpreadsheetApp.getUi();
    const lines = TEMPLATE_BLOCKS.map((b, i) => `${i + 1}. ${b.label}${b.byDefault ? " (mặc định)" : ""}`);
    const answer = ui.prompt(
      "Tạo mẫu sổ tính",
      `Mẫu gồm những khối nào? Gõ số thứ tự, cách nhau bằng dấu phẩy (ví dụ: 1, 2); để trống để chọn các khối mặc định.\n\n${lines.join("\n")}\n\n` +
        "Khối UBND xã, phường bắt đầu từ bộ tiêu chí cấp huyện của Sơn La; thay bằng bộ tiêu chí của tỉnh trước khi chấm điểm.",
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer.getSelectedButton() !== ui.Button.OK) return;
    const ids = chosenTemplateBlocks(answer.getResponseText());
    if (ids === null || ids.length === 0) {
      return alert(`Chưa tạo mẫu: «${answer.getResponseText().trim()}» không phải số thứ tự của khối (1 đến ${TEMPLATE_BLOCKS.length}).`);
    }
    const locked = withDocumentLock(() => createTemplate(host(), templateSource(ids)));
    if (locked === null) return alert(BUSY);
    const outcome = locked.value;
    if (!outcome.ok) return alert(`Chưa tạo mẫu:\n${problemLines(outcome.errors.map(toPanel))}`);
    const names = ids.map((id) => TEMPLATE_BLOCKS.find((b) => b.id === id)!.label).join("; ");
    alert(`Đã tạo các sheet mẫu cho: ${names}. Đọc sheet «Hướng dẫn», nhập đơn vị và điểm vào các ô trắng rồi bấm «Tính lại xếp hạng».`);
  } catch (e) {
    alert(unexpected(e));
  }
}

/** Menu: Tạo phiếu tự đánh giá (asks for unit codes; none = every unit). */
export function menuCreateSelfAssessmentForm(): void {
  try {
    const ui = SpreadsheetApp.getUi();
    const answer = ui.prompt(
      "Tạo phiếu tự đánh giá",
      "Nhập mã đơn vị (như ở sheet «Đơn vị - …», ví dụ SGTVT; nhiều mã cách nhau bằng dấu phẩy). Để trống để tạo phiếu cho mọi đơn vị.",
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer.getSelectedButton() !== ui.Button.OK) return;
    const codes = answer
      .getResponseText()
      .split(",")
      .map((c) => c.trim())
      .filter((c) => c !== "");
    const locked = withDocumentLock(() => createSelfAssessmentForms(host(), codes));
    if (locked === null) return alert(BUSY);
    const outcome = locked.value;
    if (!outcome.ok) return alert(`Chưa tạo phiếu:\n${problemLines(outcome.errors.map(toPanel))}`);
    SpreadsheetApp.getActiveSpreadsheet()
      .getSheetByName(outcome.sheets[0] ?? "")
      ?.activate();
    const list =
      outcome.sheets.length === 1 ? `sheet «${outcome.sheets[0]}»` : `${outcome.sheets.length} sheet phiếu («${outcome.sheets[0]}» …)`;
    alert(
      `Đã tạo ${list}. Gửi phiếu cho đơn vị (ví dụ: Tệp › Tải xuống, hoặc chuột phải vào tên sheet › Sao chép vào › Bảng tính mới); ` +
        "đơn vị điền điểm, tài liệu kiểm chứng, ghi chú vào các ô trắng. Khi nhận lại, sao chép sheet vào bảng tính này, mở sheet đó rồi chọn «Chỉ số CCHC › Nhập phiếu».",
    );
  } catch (e) {
    alert(unexpected(e));
  }
}

/** Menu: Nhập phiếu (imports the active form sheet into "Tự đánh giá - …"). */
export function menuImportSelfAssessmentForm(): void {
  try {
    const active = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getName();
    const locked = withDocumentLock(() => importSelfAssessmentForm(host(), active));
    if (locked === null) return alert(BUSY);
    const outcome = locked.value;
    if (!outcome.ok) return alert(`Chưa nhập phiếu «${active}» (không ghi gì):\n${problemLines(outcome.errors.map(toPanel))}`);
    const warn = outcome.warnings.length > 0 ? `\n\nCảnh báo:\n${problemLines(outcome.warnings.map(toPanel))}` : "";
    alert(
      `Đã nhập ${outcome.count} điểm tự đánh giá của đơn vị ${outcome.unitCode} vào sheet «${outcome.sheet}» ` +
        `(tài liệu kiểm chứng và ghi chú vào các sheet «Kiểm chứng», «Ghi chú TĐG»).${warn}`,
    );
  } catch (e) {
    alert(unexpected(e));
  }
}

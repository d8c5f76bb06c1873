/**
 * Entry of the task pane (taskpane.html): wires the buttons to the actions and shows progress,
 * problems and the ranking.
 */
import type { Problem } from "../shared/problem.ts";
import type { WorkbookOutcome } from "../shared/workbook/analyzeWorkbook.ts";
import {
  createFormsInExcel,
  createTemplateInExcel,
  describeError,
  importFormsInExcel,
  noticesInExcel,
  recalculateInExcel,
  selectProblemCell,
  validateInExcel,
  type ExcelRun,
  type FormFile,
  type FormFileOutcome,
} from "./actions.ts";
import { waitForOffice } from "./officeReady.ts";
import { renderProblems, renderSummary } from "../ui/resultView.ts";
import { TEMPLATE_BLOCKS, type TemplateBlockId } from "../shared/workbook/templateSource.ts";

const OFFICE_TIMEOUT_MS = 10_000;

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`#${id} missing`);
  return node as T;
}

const run: ExcelRun = (batch) => Excel.run(batch);

const ui = {
  app: byId("app"),
  connecting: byId("connecting"),
  unavailable: byId("unavailable"),
  unavailableReason: byId("unavailable-reason"),
  ready: byId("ready"),
  withReports: byId<HTMLInputElement>("with-reports"),
  recalculate: byId<HTMLButtonElement>("btn-recalculate"),
  validate: byId<HTMLButtonElement>("btn-validate"),
  template: byId<HTMLButtonElement>("btn-template"),
  notices: byId<HTMLButtonElement>("btn-notices"),
  noticeUnit: byId<HTMLInputElement>("notice-unit"),
  templateBlocks: byId<HTMLFieldSetElement>("template-blocks"),
  formUnits: byId<HTMLInputElement>("form-units"),
  forms: byId<HTMLButtonElement>("btn-forms"),
  formFiles: byId<HTMLInputElement>("form-files"),
  importForms: byId<HTMLButtonElement>("btn-import"),
  progress: byId("progress"),
  status: byId("status"),
  problems: byId("problems"),
  problemList: byId("problem-list"),
  warnings: byId("warnings"),
  warningList: byId("warning-list"),
  summary: byId("summary"),
  summaryBlocks: byId("summary-blocks"),
};

function setStatus(text: string, tone: "" | "ok" | "bad" = ""): void {
  ui.status.textContent = text;
  ui.status.className = tone === "" ? "status" : `status ${tone}`;
}

function select(where: { sheet: string; cell?: string | undefined }): void {
  selectProblemCell(run, where).catch((error: unknown) =>
    setStatus(`Không chọn được ô ${where.cell ?? ""} trong «${where.sheet}»: ${describeError(error)}`, "bad"),
  );
}

function showProblems(errors: readonly Problem[], warnings: readonly Problem[]): void {
  ui.problems.hidden = errors.length === 0;
  renderProblems(ui.problemList, errors, select);
  ui.warnings.hidden = warnings.length === 0;
  renderProblems(ui.warningList, warnings, select);
}

/** Runs one action with the buttons disabled, progress shown, and every failure reported. */
async function busy(label: string, action: () => Promise<void>): Promise<void> {
  const buttons = [ui.recalculate, ui.validate, ui.template, ui.notices, ui.forms, ui.importForms];
  buttons.forEach((b) => (b.disabled = true));
  ui.app.setAttribute("aria-busy", "true");
  ui.progress.hidden = false;
  setStatus(label);
  try {
    await action();
  } catch (error) {
    setStatus(`Có lỗi không mong đợi, sổ tính có thể chưa được cập nhật: ${describeError(error)}`, "bad");
  } finally {
    ui.progress.hidden = true;
    ui.app.setAttribute("aria-busy", "false");
    buttons.forEach((b) => (b.disabled = false));
  }
}

function showOutcome(outcome: WorkbookOutcome, done: string): void {
  if (!outcome.ok) {
    showProblems(outcome.errors, outcome.warnings);
    ui.summary.hidden = true;
    setStatus(`Có ${outcome.errors.length} lỗi cần sửa; chưa ghi gì vào sổ tính.`, "bad");
    ui.problems.querySelector("a")?.focus();
    return;
  }
  showProblems([], outcome.warnings);
  renderSummary(ui.summaryBlocks, outcome.summary);
  ui.summary.hidden = false;
  const units = outcome.summary.blocks.map((b) => `${b.name}: ${b.rows.length} đơn vị`).join("; ");
  setStatus(`${done}. ${units}.`, "ok");
}

ui.recalculate.addEventListener("click", () => {
  const reports = ui.withReports.checked;
  void busy("Đang tính lại…", async () => {
    const { outcome } = await recalculateInExcel(run, { reports, onProgress: (m) => setStatus(m) });
    showOutcome(outcome, reports ? "Đã tính lại xếp hạng, lập lại các Biểu, sheet Tổng quan (biểu đồ) và phần phân tích" : "Đã tính lại xếp hạng");
  });
});

ui.notices.addEventListener("click", () => {
  const unit = ui.noticeUnit.value.trim();
  void busy("Đang lập phiếu thông báo kết quả…", async () => {
    const { outcome } = await noticesInExcel(run, { unit, onProgress: (m) => setStatus(m) });
    showOutcome(outcome, outcome.ok ? `Đã ghi phiếu thông báo kết quả vào ${outcome.sheets.map((s) => `«${s}»`).join(", ")}` : "");
  });
});

ui.validate.addEventListener("click", () => {
  void busy("Đang kiểm tra…", async () => {
    const { outcome } = await validateInExcel(run, { onProgress: (m) => setStatus(m) });
    showOutcome(outcome, "Dữ liệu hợp lệ, chưa ghi gì vào sổ tính");
  });
});

// One checkbox per block a template can hold, ticked as TEMPLATE_BLOCKS suggests.
for (const block of TEMPLATE_BLOCKS) {
  const label = document.createElement("label");
  label.className = "check";
  const box = document.createElement("input");
  box.type = "checkbox";
  box.name = "template-block";
  box.value = block.id;
  box.checked = block.byDefault;
  label.append(box, ` ${block.label}`);
  ui.templateBlocks.append(label);
}

function chosenBlocks(): TemplateBlockId[] {
  const boxes = Array.from(ui.templateBlocks.querySelectorAll<HTMLInputElement>("input[name=template-block]:checked"));
  return TEMPLATE_BLOCKS.filter((b) => boxes.some((box) => box.value === b.id)).map((b) => b.id);
}

ui.template.addEventListener("click", () => {
  const blocks = chosenBlocks();
  if (blocks.length === 0) {
    setStatus("Hãy chọn ít nhất một khối để tạo sổ mẫu.", "bad");
    return;
  }
  void busy("Đang tạo sổ mẫu…", async () => {
    const { outcome } = await createTemplateInExcel(run, { blocks });
    if (outcome.ok) {
      showProblems([], []);
      setStatus("Đã tạo sổ mẫu. Nhập đơn vị và điểm vào các sheet «Đơn vị», «Điểm» rồi bấm «Tính lại xếp hạng».", "ok");
    } else {
      showProblems(outcome.errors, []);
      setStatus("Chưa tạo sổ mẫu: sổ tính đã có các sheet cùng tên.", "bad");
    }
  });
});

ui.forms.addEventListener("click", () => {
  const codes = ui.formUnits.value
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "");
  void busy("Đang tạo phiếu…", async () => {
    const { outcome } = await createFormsInExcel(run, codes);
    if (!outcome.ok) {
      showProblems(outcome.errors, []);
      setStatus("Chưa tạo phiếu nào.", "bad");
      return;
    }
    showProblems([], []);
    setStatus(
      `Đã tạo ${outcome.sheets.length} sheet phiếu (${outcome.sheets.join(", ")}). Chuyển mỗi sheet sang một sổ làm việc mới rồi gửi cho đơn vị.`,
      "ok",
    );
  });
});

/** A picked file's bytes in base64 (what `insertWorksheetsFromBase64` takes). */
function readBase64(file: File): Promise<FormFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === "string" ? reader.result : "";
      resolve({ name: file.name, base64: url.slice(url.indexOf("base64,") + "base64,".length) });
    };
    reader.onerror = () => reject(reader.error ?? new Error(`không đọc được tệp ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/** Problems of imported forms, each prefixed with its file (the form sheets are gone again: nothing to select). */
function formProblems(outcomes: readonly FormFileOutcome[], which: "errors" | "warnings"): Problem[] {
  return outcomes.flatMap((o) => {
    const own = which === "errors" ? o.errors : [];
    const sheets = o.sheets.flatMap((s) => (which === "errors" ? (s.ok ? [] : s.errors) : s.ok ? s.warnings : []));
    return [...own, ...sheets].map((p) => ({
      path: `${o.file} › ${p.sheet !== undefined ? `${p.sheet}${p.cell !== undefined ? `!${p.cell}` : ""}` : p.path}`,
      message: p.message,
    }));
  });
}

ui.importForms.addEventListener("click", () => {
  const picked = Array.from(ui.formFiles.files ?? []);
  if (picked.length === 0) {
    setStatus("Hãy chọn tệp phiếu (.xlsx) trước.", "bad");
    return;
  }
  void busy("Đang nhập phiếu…", async () => {
    const files = await Promise.all(picked.map(readBase64));
    const { outcome } = await importFormsInExcel(run, files);
    const done = outcome.flatMap((o) => o.sheets.filter((s) => s.ok).map((s) => `${o.file} (${s.ok ? s.unitCode : ""})`));
    const refused = outcome.filter((o) => o.errors.length > 0 || o.sheets.some((s) => !s.ok)).length;
    showProblems(formProblems(outcome, "errors"), formProblems(outcome, "warnings"));
    ui.summary.hidden = true;
    setStatus(
      `Đã nhập ${done.length} phiếu${done.length > 0 ? `: ${done.join(", ")}` : ""}.` +
        (refused > 0 ? ` ${refused} tệp bị từ chối (không ghi gì từ tệp đó), xem «Cần sửa».` : " Bấm «Tính lại xếp hạng» để tính lại."),
      refused > 0 ? "bad" : "ok",
    );
  });
});

async function start(): Promise<void> {
  const state = await waitForOffice(globalThis, OFFICE_TIMEOUT_MS);
  ui.connecting.hidden = true;
  ui.app.setAttribute("aria-busy", "false");
  if (!state.ready) {
    ui.unavailableReason.textContent = state.message;
    ui.unavailable.hidden = false;
    return;
  }
  ui.ready.hidden = false;
}

void start();

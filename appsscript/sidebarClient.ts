/**
 * The sidebar's own script (runs in the browser, in HtmlService's iframe): wires the buttons to the server
 * functions of main.ts through `google.script.run` and shows the result with the same view as the Excel task pane.
 * scripts/build-gas.ts bundles it into dist/gas/sidebar.html.
 */
import { renderProblems, renderSummary } from "../ui/resultView.ts";
import type { PanelResult } from "./main.ts";

/** The client side of `google.script.run`, as far as the sidebar uses it. */
interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
  [serverFunction: string]: unknown;
}
declare const google: { script: { run: ScriptRun } };

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`#${id} missing`);
  return node as T;
}

const buttons = ["btn-recalculate", "btn-validate", "btn-reports", "btn-notices"].map((id) => byId<HTMLButtonElement>(id));
const status = byId("status");

function busy(on: boolean, text?: string): void {
  for (const b of buttons) b.disabled = on;
  byId("progress").hidden = !on;
  if (text !== undefined) status.textContent = text;
}

/** Calls a server function of main.ts by name. */
function callServer(name: string, args: unknown[], onResult: (value: unknown) => void): void {
  const runner = google.script.run.withSuccessHandler(onResult).withFailureHandler((error) => {
    busy(false);
    status.textContent = `Lỗi: ${error?.message ?? String(error)}`;
  });
  (runner[name] as (...a: unknown[]) => void)(...args);
}

function selectCell(where: { sheet: string; cell?: string | undefined }): void {
  callServer("sidebarSelectCell", [where.sheet, where.cell ?? ""], (ok) => {
    if (ok !== true) status.textContent = `Không tìm thấy sheet «${where.sheet}» (có thể đã bị đổi tên).`;
  });
}

function show(value: unknown): void {
  busy(false);
  const result = value as PanelResult | null;
  if (result === null || typeof result !== "object" || typeof result.ok !== "boolean") {
    status.textContent = "Không nhận được kết quả từ máy chủ Apps Script; hãy thử lại.";
    return;
  }
  status.textContent = `${result.message} (${(result.ms / 1000).toFixed(1).replace(".", ",")} giây)`;
  const steps = byId("steps");
  steps.replaceChildren(
    ...result.steps.map((s) => {
      const li = document.createElement("li");
      li.textContent = s;
      return li;
    }),
  );
  steps.hidden = result.steps.length === 0;
  byId("problems").hidden = result.errors.length === 0;
  renderProblems(byId("problem-list"), result.errors, selectCell);
  byId("warnings").hidden = result.warnings.length === 0;
  renderProblems(byId("warning-list"), result.warnings, selectCell);
  byId("summary").hidden = result.summary === null;
  if (result.summary !== null) renderSummary(byId("summary-blocks"), result.summary);
}

function run(name: string, text: string, args: unknown[] = []): void {
  busy(true, text);
  byId("steps").hidden = true;
  callServer(name, args, show);
}

byId("btn-recalculate").addEventListener("click", () => run("sidebarRecalculate", "Đang đọc, kiểm tra và tính lại…"));
byId("btn-validate").addEventListener("click", () => run("sidebarValidate", "Đang kiểm tra dữ liệu…"));
byId("btn-reports").addEventListener("click", () => run("sidebarCreateReports", "Đang tính lại và lập các Biểu…"));
byId("btn-notices").addEventListener("click", () =>
  run("sidebarNotices", "Đang lập phiếu thông báo kết quả…", [byId<HTMLInputElement>("notice-unit").value]),
);

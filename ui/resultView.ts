/**
 * DOM rendering of a run's results, shared by the Excel task pane and the Google Sheets sidebar: problems with
 * links to their cells, and the ranking summary. Every text from the workbook goes through `textContent`,
 * never HTML. Numbers use the core's Vietnamese formatters.
 */
import { formatFixedVi, formatNumberVi, padCount } from "../shared/format/formatNumberVi.ts";
import type { ResultSummary } from "../shared/workbook/summarizeResult.ts";

/** A problem as a panel lists it (a core `Problem`; a host may send null for "no cell"). */
export interface ShownProblem {
  path: string;
  message: string;
  sheet?: string | null | undefined;
  cell?: string | null | undefined;
}

const formatScore = (n: number, precision: 2 | 3 = 2): string => formatFixedVi(n, precision);
const formatShare = (n: number, precision: 2 | 3 = 2): string => `${formatNumberVi(n, precision)}%`;

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Fills a list with problems: "Điểm - Sở!F12" as a link that calls `onSelect`, then the message.
 *
 * @example
 * renderProblems(document.querySelector("ol")!, errors, (p) => selectProblemCell(Excel.run, p));
 */
export function renderProblems(
  list: HTMLElement,
  problems: readonly ShownProblem[],
  onSelect: (where: { sheet: string; cell?: string | undefined }) => void,
  limit = 200,
): void {
  const doc = list.ownerDocument;
  list.replaceChildren();
  for (const p of problems.slice(0, limit)) {
    const item = el(doc, "li");
    const sheet = p.sheet ?? undefined;
    const cell = p.cell ?? undefined;
    if (sheet !== undefined) {
      const where = cell !== undefined ? `${sheet}!${cell}` : sheet;
      const link = el(doc, "a", { href: "#", title: `Chọn ${where} trong sổ tính` }, where);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        onSelect({ sheet, cell });
      });
      item.append(link, doc.createTextNode(`: ${p.message}`));
    } else {
      item.append(el(doc, "code", {}, p.path), doc.createTextNode(`: ${p.message}`));
    }
    list.append(item);
  }
  if (problems.length > limit) list.append(el(doc, "li", { class: "muted" }, `… và ${problems.length - limit} vấn đề khác`));
}

/**
 * Renders each block: mean, group counts, and the ranking table (rank, unit, index, group), figures with the
 * summary's `precision` decimals.
 *
 * @example
 * renderSummary(document.getElementById("summary-blocks")!, outcome.summary);
 */
export function renderSummary(container: HTMLElement, summary: ResultSummary): void {
  const doc = container.ownerDocument;
  const precision = summary.precision ?? 2;
  container.replaceChildren();
  for (const block of summary.blocks) {
    const section = el(doc, "article", { class: "block", "aria-label": block.name });
    section.append(el(doc, "h3", {}, `${block.name} (${padCount(block.rows.length)} đơn vị)`));
    const stats = el(doc, "ul", { class: "stats" });
    stats.append(el(doc, "li", { class: "chip" }, `Trung bình ${formatScore(block.mean, precision)}`));
    for (const g of block.groups) {
      stats.append(
        el(
          doc,
          "li",
          { class: g.count > 0 ? "chip" : "chip empty" },
          `Nhóm ${g.name}: ${padCount(g.count)} (${formatShare(g.share, precision)})`,
        ),
      );
    }
    section.append(stats);
    const table = el(doc, "table", { class: "ranking" });
    table.append(el(doc, "caption", {}, `Xếp hạng: ${block.name}`));
    const head = el(doc, "thead");
    const hr = el(doc, "tr");
    hr.append(
      el(doc, "th", { scope: "col", class: "num" }, "Hạng"),
      el(doc, "th", { scope: "col" }, "Đơn vị"),
      el(doc, "th", { scope: "col", class: "num" }, "Chỉ số"),
      el(doc, "th", { scope: "col" }, "Nhóm"),
    );
    head.append(hr);
    const body = el(doc, "tbody");
    for (const row of block.rows) {
      const tr = el(doc, "tr", row.rank === 1 ? { class: "top" } : {});
      const group = el(doc, "span", { class: `group group-${/^[A-D]$/.test(row.group) ? row.group : "X"}` }, row.group);
      const groupCell = el(doc, "td");
      groupCell.append(group);
      tr.append(
        el(doc, "td", { class: "num" }, String(row.rank)),
        el(doc, "th", { scope: "row" }, row.name),
        el(doc, "td", { class: "num" }, formatScore(row.index, precision)),
        groupCell,
      );
      body.append(tr);
    }
    table.append(head, body);
    section.append(table);
    container.append(section);
  }
}

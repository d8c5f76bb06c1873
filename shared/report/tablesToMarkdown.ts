import type { CellValue } from "../workbook/port.ts";
import type { ColumnKind, ReportTable } from "./reportTable.ts";
import { formatFixedVi, formatNumberVi } from "../format/formatNumberVi.ts";
import { escapeMarkdown } from "./analysisToMarkdown.ts";
import { DEFAULT_PRECISION, type Precision } from "../compute/hundredths.ts";

/**
 * A cell as printed in a table: scores and percentages with `precision` decimals (2 by default, or 3) and a
 * decimal comma ("85,97", "81,20"; "87,654"), signed kinds with "+" for a rise, text as is, empty for `null`.
 *
 * @example
 * formatCell(81.2, "score");         // "81,20"
 * formatCell(-5.22, "signedScore");  // "-5,22"
 * formatCell(8, "signedInteger");    // "+8"
 * formatCell("KĐG", "score");        // "KĐG"
 * formatCell(81.2, "score", 3);      // "81,200"
 */
export function formatCell(value: CellValue, kind: ColumnKind, precision: Precision = DEFAULT_PRECISION): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "Có" : "Không";
  if (typeof value === "string") return value;
  switch (kind) {
    case "score":
    case "percent":
      return formatFixedVi(value, precision);
    case "signedScore":
      return (value > 0 ? "+" : "") + formatFixedVi(value, precision);
    case "signedInteger":
      return (value > 0 ? "+" : "") + String(value);
    case "integer":
      return String(value);
    default:
      return formatNumberVi(value, precision);
  }
}

/**
 * The column labels of a table for a one-row header: for each column, the texts of the header cells
 * covering it (a merged cell covers all its columns), top to bottom, joined with " – "; numbers in the
 * header (the maxima) are shown "(tối đa 11,5)".
 *
 * @example
 * flatHeader(biểu2); // ["STT", "Đơn vị", "Năm 2022 – Chỉ số", "Năm 2022 – Xếp hạng", …]
 */
export function flatHeader(table: ReportTable): string[] {
  const cover = (row: number, col: number): CellValue => {
    for (const m of table.headerMerges) {
      if (row >= m.row && row < m.row + m.rows && col >= m.col && col < m.col + m.cols) {
        return table.header[m.row]?.[m.col] ?? null;
      }
    }
    return table.header[row]?.[col] ?? null;
  };
  return table.columns.map((_, col) => {
    const parts: string[] = [];
    table.header.forEach((_, row) => {
      const v = cover(row, col);
      if (v === null || v === "") return;
      const text = typeof v === "number" ? `(tối đa ${formatNumberVi(v, table.precision)})` : String(v);
      if (parts[parts.length - 1] !== text) parts.push(text);
    });
    return parts.join(" – ");
  });
}

/**
 * Report tables as Markdown: per table a `###` heading ("Biểu số 1"), the other title lines in bold and
 * italics, a pipe table (one-row header, body, closing rows in bold) and the notes as a list.
 *
 * @example
 * tablesToMarkdown(buildReportTables(input, result)).startsWith("### Biểu số 1\n"); // true
 */
export function tablesToMarkdown(tables: readonly ReportTable[]): string {
  return tables.map(tableToMarkdown).join("\n");
}

function tableToMarkdown(t: ReportTable): string {
  const cell = (s: string): string => escapeMarkdown(s).replace(/\r?\n/g, " ");
  const lines: string[] = [];
  const [first, ...rest] = t.titleLines;
  lines.push(`### ${cell(first ?? t.sheetName)}`, "");
  for (const line of rest) lines.push(line.startsWith("(") ? `*${cell(line)}*` : `**${cell(line)}**`, "");
  const header = flatHeader(t);
  const align = t.columns.map((c) => (c.kind === "text" ? ":--" : "--:"));
  const row = (cells: string[]): string => `| ${cells.join(" | ")} |`;
  lines.push(row(header.map(cell)), row(align));
  for (const r of t.body) lines.push(row(t.columns.map((c, i) => cell(formatCell(r[i] ?? null, c.kind, t.precision)))));
  for (const r of t.footer) {
    lines.push(
      row(
        t.columns.map((c, i) => {
          const s = formatCell(r[i] ?? null, c.kind, t.precision);
          return s === "" ? "" : `**${cell(s)}**`;
        }),
      ),
    );
  }
  if (t.notes.length > 0) {
    lines.push("", "Ghi chú:", "");
    for (const n of t.notes) lines.push(`- ${cell(n)}`);
  }
  lines.push("");
  return lines.join("\n");
}

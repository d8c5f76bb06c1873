import type { ColumnKind, ReportTable } from "../report/reportTable.ts";
import type { CellStyle, CellValue, SheetWrite } from "./port.ts";
import { FONT, NUMBER_FORMATS, STYLES } from "./workbookLabels.ts";

/** Tables up to this many rows are fitted on one page. */
const ONE_PAGE_ROWS = 48;

const KIND_FORMATS: Record<ColumnKind, string> = {
  text: NUMBER_FORMATS.text,
  integer: NUMBER_FORMATS.integer,
  score: NUMBER_FORMATS.score,
  percent: NUMBER_FORMATS.score,
  signedScore: NUMBER_FORMATS.signedScore,
  signedInteger: NUMBER_FORMATS.signedInteger,
};

/**
 * Lays a report table (Biểu) out as a sheet the tool owns: title lines merged and centred over the table,
 * bold bordered header rows with their merges, body and closing rows with the column's number format,
 * then the column notes and the stamp. Frozen header rows, A4 fit to width, landscape where wide.
 * One block of values for the whole sheet.
 *
 * @example
 * const write = planReportSheet(tables[0]); // { sheet: "Biểu 1", mode: "replace", … }
 */
export function planReportSheet(table: ReportTable): SheetWrite {
  const width = Math.max(1, table.columns.length);
  const values: CellValue[][] = [];
  const styles: (CellStyle | null)[][] = [];
  const merges: { row: number; col: number; rows: number; cols: number }[] = [];
  const push = (cells: CellValue[], style: (c: number) => CellStyle | null) => {
    const v: CellValue[] = [];
    const s: (CellStyle | null)[] = [];
    for (let c = 0; c < width; c++) {
      v.push(cells[c] ?? null);
      s.push(style(c));
    }
    values.push(v);
    styles.push(s);
    return values.length - 1;
  };
  const fullWidth = (row: number) => {
    if (width > 1) merges.push({ row, col: 0, rows: 1, cols: width });
  };

  table.titleLines.forEach((line, i) => {
    const style: CellStyle =
      i === 0
        ? { fontName: FONT, fontSize: 12, bold: true, hAlign: "center" }
        : line.startsWith("(")
          ? STYLES.subtitle
          : { ...STYLES.title, wrap: true };
    fullWidth(push([line], () => style));
  });
  push([], () => null);
  const headerStart = values.length;
  for (const row of table.header) push(row, () => ({ ...STYLES.header, numberFormat: NUMBER_FORMATS.text }));
  for (const m of table.headerMerges) merges.push({ ...m, row: m.row + headerStart });
  const cellStyle = (c: number, bold: boolean): CellStyle => {
    const col = table.columns[c];
    const kind = col?.kind ?? "text";
    return {
      fontName: FONT,
      fontSize: 12,
      border: true,
      vAlign: "middle",
      wrap: kind === "text",
      hAlign: kind === "text" ? (c === 0 ? "center" : "left") : kind === "integer" || kind === "signedInteger" ? "center" : "right",
      numberFormat: KIND_FORMATS[kind],
      ...(bold ? { bold: true } : {}),
    };
  };
  for (const row of table.body) push(row, (c) => cellStyle(c, false));
  for (const row of table.footer) push(row, (c) => cellStyle(c, true));
  push([], () => null);
  for (const note of table.notes) fullWidth(push([note], () => ({ ...STYLES.note, wrap: true })));

  // Header rows are as tall as their longest wrapped label needs (hosts do not grow merged or written rows).
  const rowHeights: (number | undefined)[] = values.map(() => undefined);
  table.header.forEach((row, r) => {
    let lines = 1;
    row.forEach((cell, c) => {
      if (typeof cell !== "string" || cell === "") return;
      const merge = table.headerMerges.find((m) => m.row === r && m.col === c);
      const cols = merge ? table.columns.slice(c, c + merge.cols) : [table.columns[c]];
      const chars = cols.reduce((sum, col) => sum + (col?.width ?? 10), 0);
      const rows = merge?.rows ?? 1;
      lines = Math.max(lines, Math.ceil(Math.ceil((cell.length * 1.15) / Math.max(4, chars - 1)) / rows));
    });
    rowHeights[headerStart + r] = Math.max(18, lines * 16 + 4);
  });

  return {
    sheet: table.sheetName,
    mode: "replace",
    blocks: [{ row: 0, col: 0, values, styles, merges, rowHeights }],
    layout: {
      columnWidths: table.columns.map((c) => c.width),
      frozenRows: headerStart + table.header.length,
      // A short table (the decision's Biểu 1–3 of 20 units) prints on one page, notes included.
      print: { orientation: table.landscape ? "landscape" : "portrait", fitToWidth: true, fitToHeight: values.length <= ONE_PAGE_ROWS },
      tabColor: "#2F5597",
    },
  };
}

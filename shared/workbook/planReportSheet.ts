import type { ColumnKind, ReportTable } from "../report/reportTable.ts";
import type { CellStyle, CellValue, SheetLayout, SheetWrite } from "./port.ts";
import { FONT, NUMBER_FORMATS, numberFormats, STYLES } from "./workbookLabels.ts";
import { fitRowHeights, wrappedTextHeight } from "./fitRowHeights.ts";
import { estimatePrintScale } from "./printScale.ts";
import { columnWidthPt, rowHeightForLines } from "./wrappedRowHeight.ts";

/** Font size of every text of a Biểu but the title: body, header and notes. */
const BODY_FONT_SIZE = 12;
/** Smallest printed text size, in points. */
const MIN_PRINTED_PT = 7;
/** A table is fitted to one page when that prints it at least this share of its fit-to-width size. */
const ONE_PAGE_SHRINK = 0.85;
/** Lowest height of a header row, in points. */
const HEADER_MIN_HEIGHT = 18;
/** Height of an empty spacer row (Excel's default), in points. */
const EMPTY_ROW_HEIGHT = 15;

function kindFormats(precision: 2 | 3): Record<ColumnKind, string> {
  const f = numberFormats(precision);
  return {
    text: f.text,
    integer: f.integer,
    score: f.score,
    percent: f.score,
    signedScore: f.signedScore,
    signedInteger: f.signedInteger,
  };
}

/**
 * Lays a report table (Biểu) out as a sheet the tool owns: title lines merged and centred over the table,
 * bold bordered header rows with their merges, body and closing rows with the column's number format,
 * then the column notes and the stamp (in column A). Every row's height is decided here (wrapped text
 * measured with `wrappedRowHeight`). Header rows are frozen and repeated on every printed page (print titles);
 * A4, landscape where wide, fitted to the page width only (and to one page when it then fits on one page).
 * Every text but the title is 12 pt: see `estimatePrintScale` for the printed size. One block of values. Score
 * columns show `table.precision` decimals ("0.00", or "0.000" at 3).
 *
 * @example
 * const write = planReportSheet(tables[0]); // { sheet: "Biểu 1", mode: "replace", … }
 */
export function planReportSheet(table: ReportTable): SheetWrite {
  const KIND_FORMATS = kindFormats(table.precision ?? 2);
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
  const headerStyle: CellStyle = { ...STYLES.header, numberFormat: NUMBER_FORMATS.text };
  for (const row of table.header) push(row, () => headerStyle);
  for (const m of table.headerMerges) merges.push({ ...m, row: m.row + headerStart });
  // One style object per column and weight, shared by its cells: hosts group and cache styles by object.
  const made = new Map<string, CellStyle>();
  const cellStyle = (c: number, bold: boolean): CellStyle => {
    const key = `${c}|${bold}`;
    let style = made.get(key);
    if (style === undefined) made.set(key, (style = columnStyle(c, bold)));
    return style;
  };
  const columnStyle = (c: number, bold: boolean): CellStyle => {
    const col = table.columns[c];
    const kind = col?.kind ?? "text";
    return {
      fontName: FONT,
      fontSize: BODY_FONT_SIZE,
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
  const noteStyle: CellStyle = { ...STYLES.note, fontSize: BODY_FONT_SIZE, wrap: true, vAlign: "top" };
  for (const note of table.notes) fullWidth(push([note], () => noteStyle));

  // Header rows are as tall as their longest wrapped label needs (hosts do not grow merged or written rows);
  // a label merged over several rows shares its height among them.
  const rowHeights: (number | undefined)[] = values.map(() => undefined);
  const colPt = (c: number): number => columnWidthPt(table.columns[c]?.width ?? 10);
  table.header.forEach((row, r) => {
    let need = HEADER_MIN_HEIGHT;
    row.forEach((cell, c) => {
      const text = typeof cell === "number" ? String(cell) : cell;
      if (typeof text !== "string" || text === "") return;
      const merge = table.headerMerges.find((m) => m.row === r && m.col === c);
      let width = 0;
      for (let k = c; k < c + (merge?.cols ?? 1); k++) width += colPt(k);
      need = Math.max(need, Math.ceil(wrappedTextHeight(text, width, BODY_FONT_SIZE, true) / (merge?.rows ?? 1)));
    });
    rowHeights[headerStart + r] = need;
  });
  const planned = fitRowHeights({
    sheet: table.sheetName,
    mode: "replace",
    blocks: [{ row: 0, col: 0, values, styles, merges, rowHeights }],
    layout: { columnWidths: table.columns.map((c) => c.width) },
  });
  const heights = (planned.blocks[0]?.rowHeights ?? []).map(
    (h, i) => h ?? (values[i]?.some((v) => v !== null) ? rowHeightForLines(1, BODY_FONT_SIZE) : EMPTY_ROW_HEIGHT),
  );
  const layout: SheetLayout = {
    columnWidths: table.columns.map((c) => c.width),
    frozenRows: headerStart + table.header.length,
    printTitleRows: { row: headerStart, rows: table.header.length },
    print: { orientation: table.landscape ? "landscape" : "portrait", fitToWidth: true },
    tabColor: "#2F5597",
  };
  // Fitted to the page width only; a short table (Biểu 1–3 of 20 units, a page and its notes) is fitted to
  // one page when that shrinks it by at most ONE_PAGE_SHRINK more and its text stays legible.
  const widthScale = estimatePrintScale(layout);
  const print = layout.print!;
  const onePage = estimatePrintScale({ ...layout, print: { ...print, fitToHeight: true } }, heights);
  if (onePage >= widthScale * ONE_PAGE_SHRINK && onePage * BODY_FONT_SIZE >= MIN_PRINTED_PT) {
    layout.print = { ...print, fitToHeight: true };
  }
  return { ...planned, layout };
}

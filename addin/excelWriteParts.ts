/**
 * A write plan as the Office JS calls that carry it out, cut into parts: each part queues a few calls on the
 * request context and knows about how many bytes of request JSON they add (`size`), so the host can split the
 * plan into several syncs only when it would pass Excel on the web's request limit (`splitWrites` in the core).
 * Nothing is queued while the parts are made; `queue()` runs them in order.
 */
import type { CellStyle, SheetLayout, SheetWrite, WriteBlock } from "../shared/workbook/port.ts";
import { rectanglesByValue } from "../shared/workbook/rectanglesByValue.ts";
import { jsonBytes, splitWrites } from "../shared/workbook/splitWrites.ts";
import { styleRectangles } from "../shared/workbook/styleRectangles.ts";
import { needsTextFormat } from "./textGuard.ts";
import { chartPart } from "./excelCharts.ts";

/** What the host may use beyond ExcelApi 1.7 (the manifest's minimum). */
export interface ExcelFeatures {
  /** ExcelApi 1.9: `worksheet.pageLayout` (orientation, paper size, fit to width, print titles) and `horizontalPageBreaks`. */
  pageLayout: boolean;
  /** ExcelApi 1.18: `worksheet.notes.add`. Without it notes are skipped. */
  notes: boolean;
  /**
   * ExcelApi 1.8: overlap of chart series, number format of a chart's value axis and data labels (see
   * excelCharts.ts). Without it (or when absent) charts are drawn with ExcelApi 1.7 only.
   */
  chartFormats?: boolean;
  /**
   * ExcelApi 1.8: `range.dataValidation` for `SheetWrite.validations` (a number from min to max, a warning alert
   * that still accepts "KĐG" or "3,5" typed as text, and the help as the cell's prompt). Without it, none is set.
   */
  dataValidation?: boolean;
}

/** Some Office JS calls and an estimate of the request bytes they add. */
export interface WritePart {
  size: number;
  queue: () => void;
}

/** Request bytes of one object path (a range, its format, font…) and of one action, besides their arguments. */
const PATH = 110;
const ACTION = 90;

/** Thin border edges set for a bordered range. */
const BORDER_EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;
const H_ALIGN: Record<NonNullable<CellStyle["hAlign"]>, string> = { left: "Left", center: "Center", right: "Right" };
const V_ALIGN: Record<NonNullable<CellStyle["vAlign"]>, string> = { top: "Top", middle: "Center", bottom: "Bottom" };

/**
 * Excel column width in points for a width in characters of the default font (Calibri/Aptos 11, whose
 * digits are 7 px wide): (7 × chars + 5 px padding) × 0,75 pt/px.
 *
 * @example
 * charsToPoints(10); // 56.25
 */
export function charsToPoints(chars: number): number {
  return (Math.round(chars * 7) + 5) * 0.75;
}

/**
 * The parts of a whole plan, in order. `order` (the workbook's sheet names) is updated as sheets are added.
 *
 * @example
 * const parts = excelWriteParts(context, plan, order, features, 1_000_000);
 * for (const batch of splitWrites(parts.map((p) => p.size), 3_500_000)) …
 */
export function excelWriteParts(
  context: Excel.RequestContext,
  changes: readonly SheetWrite[],
  order: string[],
  features: ExcelFeatures,
  maxChunk: number,
): WritePart[] {
  const parts: WritePart[] = [];
  for (const change of changes) {
    const ref: { sheet: Excel.Worksheet | null } = { sheet: null };
    const at = (row: number, col: number, rows: number, cols: number): Excel.Range => ref.sheet!.getRangeByIndexes(row, col, rows, cols);
    parts.push(sheetPart(context, change, order, ref));
    for (const area of change.mode === "update" ? (change.clear ?? []) : []) {
      parts.push({
        size: PATH + 2 * ACTION + 20,
        queue: () => {
          const range = at(area.row, area.col, area.rows, area.cols);
          range.unmerge();
          range.clear("All");
        },
      });
    }
    for (const block of change.blocks) parts.push(...blockParts(block, at, ref, features, maxChunk));
    if (change.layout !== undefined) parts.push(layoutPart(change.layout, at, ref, features));
    if (features.dataValidation === true) for (const v of change.validations ?? []) parts.push(validationPart(v, at));
    // Charts only on a sheet written whole: they go with the sheet when it is replaced.
    for (const chart of change.mode === "replace" ? (change.charts ?? []) : []) {
      parts.push(chartPart(chart, at, ref, { chartFormats: features.chartFormats === true }));
    }
  }
  return parts;
}

/** Creates (or replaces, or finds) the sheet a change writes to. */
function sheetPart(context: Excel.RequestContext, change: SheetWrite, order: string[], ref: { sheet: Excel.Worksheet | null }): WritePart {
  const sheets = context.workbook.worksheets;
  const exists = order.includes(change.sheet);
  if (change.mode === "update" && exists)
    return { size: PATH + jsonBytes(change.sheet), queue: () => void (ref.sheet = sheets.getItem(change.sheet)) };
  const oldIndex = order.indexOf(change.sheet);
  if (oldIndex >= 0) order.splice(oldIndex, 1);
  let target = oldIndex >= 0 ? oldIndex : order.length;
  if (change.after !== undefined && order.includes(change.after)) target = order.indexOf(change.after) + 1;
  order.splice(target, 0, change.sheet);
  return {
    size: 3 * PATH + 4 * ACTION + 3 * jsonBytes(change.sheet),
    queue: () => {
      if (exists) {
        // Add under a temporary name first: Excel refuses to delete a workbook's only sheet.
        const old = sheets.getItem(change.sheet);
        ref.sheet = sheets.add(`~cchc${target}-${Date.now() % 100000}`);
        old.delete();
        ref.sheet.name = change.sheet;
      } else ref.sheet = sheets.add(change.sheet);
      ref.sheet.position = target;
    },
  };
}

type At = (row: number, col: number, rows: number, cols: number) => Excel.Range;

function blockParts(
  block: WriteBlock,
  at: At,
  ref: { sheet: Excel.Worksheet | null },
  features: ExcelFeatures,
  maxChunk: number,
): WritePart[] {
  const parts: WritePart[] = [];
  const rows = block.values.length;
  const cols = block.values.reduce((w, line) => Math.max(w, line.length), 0);
  if (rows > 0 && cols > 0) {
    if (block.style !== undefined) parts.push(stylePart(block.style, rows, cols, () => at(block.row, block.col, rows, cols)));
    // Cell styles: runs of equal style in a row, stacked into rectangles over consecutive rows.
    for (const r of styleRectangles(block.styles ?? [], rows, cols)) {
      parts.push(stylePart(r.style, r.rows, r.cols, () => at(block.row + r.row, block.col + r.col, r.rows, r.cols)));
    }
    parts.push(...valueParts(block, rows, cols, at, maxChunk));
  }
  const merges = (block.merges ?? []).filter((m) => m.rows * m.cols > 1);
  if (merges.length > 0) {
    parts.push({
      size: merges.length * (PATH + ACTION + 30),
      queue: () => merges.forEach((m) => at(m.row, m.col, m.rows, m.cols).merge(false)),
    });
  }
  // Row heights: one call per run of rows of equal height.
  const heights = rectanglesByValue((block.rowHeights ?? []).map((h) => [h]));
  for (const [h, rects] of heights) {
    parts.push({
      size: rects.length * (2 * PATH + ACTION + 30),
      queue: () => rects.forEach((r) => (at(block.row + r.row, 0, r.rows, 1).format.rowHeight = h)),
    });
  }
  const note = block.note;
  if (note !== undefined && features.notes) {
    parts.push({
      size: PATH + ACTION + jsonBytes(note) + 30,
      queue: () => void ref.sheet!.notes.add(at(block.row, block.col, 1, 1), note),
    });
  }
  return parts;
}

/** Number formats then values, in row chunks of at most `maxChunk` bytes each. */
function valueParts(block: WriteBlock, rows: number, cols: number, at: At, maxChunk: number): WritePart[] {
  const values: (string | number | boolean)[][] = [];
  const formats: string[][] = [];
  const sizes: number[] = [];
  for (let r = 0; r < rows; r++) {
    const vLine: (string | number | boolean)[] = [];
    const fLine: string[] = [];
    for (let c = 0; c < cols; c++) {
      const v = block.values[r]?.[c] ?? null;
      const own = block.styles?.[r]?.[c]?.numberFormat ?? block.style?.numberFormat ?? "General";
      vLine.push(v === null ? "" : v);
      fLine.push(typeof v === "string" && needsTextFormat(v) ? "@" : own);
    }
    values.push(vLine);
    formats.push(fLine);
    sizes.push(jsonBytes(vLine) + jsonBytes(fLine) + 2);
  }
  return splitWrites(sizes, maxChunk).map(({ start, end, size }) => ({
    size: size + PATH + 2 * ACTION,
    queue: () => {
      const range = at(block.row + start, block.col, end - start, cols);
      range.numberFormat = formats.slice(start, end);
      range.values = values.slice(start, end);
    },
  }));
}

function stylePart(style: CellStyle, rows: number, cols: number, range: () => Excel.Range): WritePart {
  const props: [string, unknown][] = [];
  const set = (key: string, v: unknown) => v !== undefined && props.push([key, v]);
  set("font.name", style.fontName);
  set("font.size", style.fontSize);
  set("font.bold", style.bold);
  set("font.italic", style.italic);
  set("font.color", style.color);
  set("fill.color", style.fill);
  set("horizontalAlignment", style.hAlign && H_ALIGN[style.hAlign]);
  set("verticalAlignment", style.vAlign && V_ALIGN[style.vAlign]);
  set("wrapText", style.wrap);
  const edges =
    style.border !== true
      ? []
      : BORDER_EDGES.filter((e) => !(e === "InsideVertical" && cols < 2) && !(e === "InsideHorizontal" && rows < 2));
  if (props.length === 0 && edges.length === 0) return { size: 0, queue: () => undefined };
  return {
    size: 4 * PATH + props.reduce((n, [, v]) => n + ACTION + jsonBytes(v), 0) + edges.length * (PATH + ACTION + 30),
    queue: () => {
      const f = range().format;
      for (const [key, v] of props) {
        const [a, b] = key.split(".") as [string, string | undefined];
        if (b === undefined) (f as unknown as Record<string, unknown>)[a] = v;
        else (f as unknown as Record<string, Record<string, unknown>>)[a]![b] = v;
      }
      for (const edge of edges) f.borders.getItem(edge).style = "Continuous";
    },
  };
}

function layoutPart(layout: SheetLayout, at: At, ref: { sheet: Excel.Worksheet | null }, features: ExcelFeatures): WritePart {
  const widths = rectanglesByValue([layout.columnWidths ?? []]);
  const calls = [...widths.values()].reduce((n, rects) => n + rects.length, 0);
  return {
    size: (calls + (layout.rowBreaks?.length ?? 0)) * (2 * PATH + ACTION + 20) + 10 * (PATH + ACTION + 40),
    queue: () => {
      const sheet = ref.sheet!;
      for (const [w, rects] of widths) for (const r of rects) at(0, r.col, 1, r.cols).format.columnWidth = charsToPoints(w);
      const rows = layout.frozenRows ?? 0;
      const cols = layout.frozenCols ?? 0;
      if (rows > 0 && cols > 0) sheet.freezePanes.freezeAt(at(0, 0, rows, cols));
      else if (rows > 0) sheet.freezePanes.freezeRows(rows);
      else if (cols > 0) sheet.freezePanes.freezeColumns(cols);
      if (features.pageLayout) {
        const page = sheet.pageLayout;
        if (layout.print !== undefined) {
          page.orientation = layout.print.orientation === "landscape" ? "Landscape" : "Portrait";
          page.paperSize = "A4";
          if (layout.print.fitToWidth)
            page.zoom = { horizontalFitToPages: 1, verticalFitToPages: layout.print.fitToHeight === true ? 1 : 0 };
        }
        const titles = layout.printTitleRows;
        if (titles !== undefined && titles.rows > 0) page.setPrintTitleRows(`$${titles.row + 1}:$${titles.row + titles.rows}`);
        // ExcelApi 1.9: a manual page break above each row (the range is the one "immediately after the break").
        for (const row of layout.rowBreaks ?? []) sheet.horizontalPageBreaks.add(at(row, 0, 1, 1));
      }
      if (layout.tabColor !== undefined) sheet.tabColor = layout.tabColor;
    },
  };
}

/**
 * One input check (`SheetWrite.validations`): a decimal from `min` to `max` with a warning alert (Excel asks, and
 * keeps the value if the person insists, so "KĐG" and a decimal comma typed as text stay possible: importers check
 * strictly) and the help as the prompt shown on the cell.
 */
function validationPart(v: NonNullable<SheetWrite["validations"]>[number], at: At): WritePart {
  return {
    size: 3 * (PATH + ACTION) + jsonBytes(v.help) * 2 + 200,
    queue: () => {
      const validation = at(v.range.row, v.range.col, v.range.rows, v.range.cols).dataValidation;
      validation.clear();
      validation.rule = { decimal: { formula1: v.min, formula2: v.max, operator: "Between" } };
      validation.errorAlert = { showAlert: true, style: "Warning", title: "Ngoài khoảng điểm", message: v.help.slice(0, 255) };
      validation.prompt = { showPrompt: true, title: "Điểm", message: v.help.slice(0, 255) };
    },
  };
}

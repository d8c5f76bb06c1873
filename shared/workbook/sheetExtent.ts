import type { SheetWrite } from "./port.ts";

/**
 * The rows and columns a sheet must have for a write to fit: every block, merge, cleared range, validation,
 * row height, column width and frozen pane of the write (0 × 0 for an empty write). Hosts with a fixed grid
 * (Google Sheets: 1000 × 26 for a new sheet) grow the sheet to this size before writing.
 *
 * @example
 * sheetExtent({ sheet: "Biểu 4", mode: "replace", blocks: [{ row: 0, col: 0, values: [Array(80).fill(1)] }] });
 * // { rows: 1, cols: 80 }
 */
export function sheetExtent(change: SheetWrite): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  const fit = (bottom: number, right: number) => {
    rows = Math.max(rows, bottom);
    cols = Math.max(cols, right);
  };
  const rect = (r: { row: number; col: number; rows: number; cols: number }) => {
    if (r.rows > 0 && r.cols > 0) fit(r.row + r.rows, r.col + r.cols);
  };
  for (const block of change.blocks) {
    const width = block.values.reduce((w, line) => Math.max(w, line.length), 0);
    if (block.values.length > 0 && width > 0) fit(block.row + block.values.length, block.col + width);
    for (const m of block.merges ?? []) rect(m);
    block.rowHeights?.forEach((h, i) => h !== undefined && fit(block.row + i + 1, 0));
  }
  for (const c of change.clear ?? []) rect(c);
  for (const v of change.validations ?? []) rect(v.range);
  const layout = change.layout;
  layout?.columnWidths?.forEach((w, i) => w !== undefined && fit(0, i + 1));
  fit(layout?.frozenRows ?? 0, layout?.frozenCols ?? 0);
  if (layout?.printTitleRows !== undefined) fit(layout.printTitleRows.row + layout.printTitleRows.rows, 0);
  return { rows, cols };
}

import type { CellRange, CellStyle, SheetWrite, WriteBlock } from "./port.ts";
import { columnWidthPt, rowHeightForLines, wrappedLineCount } from "./wrappedRowHeight.ts";

/** Excel's default column width in characters. */
const DEFAULT_WIDTH = 8.43;
/** Excel's default font size. */
const DEFAULT_FONT_SIZE = 11;

/**
 * The height in points a wrapped text needs in a cell `widthPt` wide, with its font size and weight.
 *
 * @example
 * wrappedTextHeight("Sở Giao thông vận tải", 56.25, 12); // 48: three lines at 12 pt
 */
export function wrappedTextHeight(text: string, widthPt: number, fontSize: number, bold = false): number {
  return rowHeightForLines(wrappedLineCount(text, widthPt, fontSize, bold), fontSize);
}

/**
 * A sheet write with the height of every row of wrapped text decided by the core: each row of a block that
 * holds a wrapped text cell (merged cells over one row measured across their merged width) gets the height
 * its longest text needs, estimated with `wrappedRowHeight`, unless the block gives that row's height.
 * Cells merged over several rows are left to the heights the planner gives. Hosts then need not measure
 * anything (Excel does not grow rows of merged cells, LibreOffice grows none). Pure: returns a new write.
 *
 * @example
 * const w = fitRowHeights({ sheet: "Phân tích", mode: "replace", layout: { columnWidths: [10] },
 *   blocks: [{ row: 0, col: 0, values: [["Sở Giao thông vận tải"]], style: { wrap: true, fontSize: 12 } }] });
 * w.blocks[0]?.rowHeights; // [48]
 */
export function fitRowHeights(write: SheetWrite): SheetWrite {
  const widths = write.layout?.columnWidths ?? [];
  const widthPt = (col: number): number => columnWidthPt(widths[col] ?? DEFAULT_WIDTH);
  const merges = write.blocks.flatMap((b) => b.merges ?? []);
  return { ...write, blocks: write.blocks.map((b) => fitBlock(b, widthPt, merges)) };
}

function fitBlock(block: WriteBlock, widthPt: (col: number) => number, merges: readonly CellRange[]): WriteBlock {
  const heights: (number | undefined)[] = [...(block.rowHeights ?? [])];
  let changed = false;
  block.values.forEach((line, r) => {
    if (block.rowHeights?.[r] !== undefined) return;
    const row = block.row + r;
    let need = 0;
    line.forEach((v, c) => {
      if (typeof v !== "string" || v === "") return;
      // The cell's own style over the block's, field by field (as `{ ...block.style, ...own }` would give).
      const own = block.styles?.[r]?.[c] ?? undefined;
      const field = <K extends keyof CellStyle>(k: K): CellStyle[K] => (own !== undefined && k in own ? own[k] : block.style?.[k]);
      if (field("wrap") !== true) return;
      const col = block.col + c;
      const merge = merges.find((m) => m.row === row && m.col === col && (m.rows > 1 || m.cols > 1));
      if (merge !== undefined && merge.rows > 1) return;
      let width = 0;
      for (let k = col; k < col + (merge?.cols ?? 1); k++) width += widthPt(k);
      const size = field("fontSize") ?? DEFAULT_FONT_SIZE;
      const lines = wrappedLineCount(v, width, size, field("bold") === true);
      if (lines > 1) need = Math.max(need, rowHeightForLines(lines, size));
    });
    if (need > 0) {
      heights[r] = need;
      changed = true;
    }
  });
  if (!changed) return block;
  while (heights.length < block.values.length) heights.push(undefined);
  return { ...block, rowHeights: heights };
}

import { EXCEL_LIMITS, type HostLimits } from "./hostLimits.ts";
import { cellAddress, type CellRange, type CellStyle, type SheetWrite } from "./port.ts";
import { checkCharts } from "./checkCharts.ts";

/** Most manual horizontal page breaks of one sheet (Excel: 1 026; the .xlsx `<rowBreaks>` of Excel likewise). */
const MAX_ROW_BREAKS = 1026;
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
/** Characters Excel forbids in a sheet name (Google Sheets accepts them, but a workbook must open in both). */
const FORBIDDEN_SHEET_CHARS = /[\\/?*[\]:]/;

/**
 * Checks a whole write plan before a host touches anything, so a bad plan never half-writes: sheet names that
 * Excel accepts (1–31 characters, none of \ / ? * [ ] :), whole non-negative coordinates, finite numbers,
 * colours "#RRGGBB", sane data-validation bounds, at most 1 026 page breaks inside the sheet, and the host's limits (`limits`, Excel's by default): every
 * cell and range inside the sheet's maximum size, cell text within the character limit, row heights within the
 * maximum height; native charts only on replaced sheets and over cells the plan writes (`checkCharts`).
 * Throws an Error naming the place, in Vietnamese.
 *
 * @example
 * checkSheetWrites([{ sheet: "Biểu 1", mode: "replace", blocks: [] }]); // passes
 * checkSheetWrites([{ sheet: "A/B", mode: "replace", blocks: [] }]); // throws: Tên trang tính không hợp lệ: "A/B" …
 */
export function checkSheetWrites(changes: readonly SheetWrite[], limits: HostLimits = EXCEL_LIMITS): void {
  for (const change of changes) checkSheetWrite(change, limits);
}

function checkSheetWrite(change: SheetWrite, limits: HostLimits): void {
  const name = change.sheet;
  if (name.trim() === "" || name.length > 31 || FORBIDDEN_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new Error(`Tên trang tính không hợp lệ: "${name}" (tối đa 31 ký tự, không chứa \\ / ? * [ ] :)`);
  }
  const checkRange = (range: CellRange, what: string): void => {
    if (![range.row, range.col, range.rows, range.cols].every((n) => Number.isInteger(n) && n >= 0)) {
      throw new Error(`${name}: ${what} có toạ độ không hợp lệ (${JSON.stringify(range)})`);
    }
    checkSize(range.row + range.rows, range.col + range.cols, what);
  };
  const checkSize = (rows: number, cols: number, what: string): void => {
    if (rows > limits.maxRows || cols > limits.maxCols) {
      throw new Error(
        `${name}: ${what} vượt kích thước tối đa của một trang tính ${limits.name} (${limits.maxRows} dòng × ${limits.maxCols} cột)`,
      );
    }
  };
  const checkColor = (hex: string | undefined, what: string): void => {
    if (hex !== undefined && !HEX_COLOR.test(hex)) throw new Error(`${name}: ${what} không hợp lệ "${hex}" (cần dạng #RRGGBB)`);
  };
  for (const range of change.clear ?? []) checkRange(range, "vùng xoá");
  for (const v of change.validations ?? []) {
    checkRange(v.range, "vùng kiểm tra dữ liệu");
    if (!Number.isFinite(v.min) || !Number.isFinite(v.max) || v.min > v.max) {
      throw new Error(`${name}: điều kiện kiểm tra dữ liệu không hợp lệ (${v.min} … ${v.max})`);
    }
  }
  for (const block of change.blocks) {
    if (!Number.isInteger(block.row) || !Number.isInteger(block.col) || block.row < 0 || block.col < 0) {
      throw new Error(`${name}: khối ghi có toạ độ không hợp lệ (${block.row}, ${block.col})`);
    }
    const width = block.values.reduce((w, line) => Math.max(w, line.length), 0);
    checkSize(block.row + block.values.length, block.col + width, "khối ghi");
    for (let r = 0; r < block.values.length; r++) {
      const line = block.values[r]!;
      for (let c = 0; c < line.length; c++) {
        const v = line[c];
        if (typeof v === "number" && !Number.isFinite(v)) {
          throw new Error(`${name}!${cellAddress(block.row + r, block.col + c)}: giá trị số không hợp lệ (${v})`);
        }
        if (typeof v === "string" && v.length > limits.maxCellChars) {
          throw new Error(
            `${name}!${cellAddress(block.row + r, block.col + c)}: nội dung dài ${v.length} ký tự, vượt giới hạn ${limits.maxCellChars} ký tự một ô của ${limits.name}`,
          );
        }
      }
    }
    block.rowHeights?.forEach((h, r) => {
      if (h !== undefined && !(Number.isFinite(h) && h > 0 && h <= limits.maxRowHeight)) {
        throw new Error(
          `${name}: dòng ${block.row + r + 1} cao ${h} điểm, ngoài giới hạn 0 … ${limits.maxRowHeight} điểm của ${limits.name}`,
        );
      }
    });
    for (const m of block.merges ?? []) checkRange(m, "vùng gộp ô");
    // Styles are shared objects (one per column and weight): each checked once.
    const checked = new Set<CellStyle>();
    const checkStyle = (s: CellStyle | null | undefined): void => {
      if (s === null || s === undefined || checked.has(s)) return;
      checked.add(s);
      checkColor(s.fill, "mã màu");
      checkColor(s.color, "mã màu");
    };
    checkStyle(block.style);
    for (const line of block.styles ?? []) for (const s of line) checkStyle(s);
  }
  checkColor(change.layout?.tabColor, "mã màu thẻ");
  const breaks = change.layout?.rowBreaks ?? [];
  if (breaks.length > MAX_ROW_BREAKS) {
    throw new Error(`${name}: ${breaks.length} ngắt trang, vượt giới hạn ${MAX_ROW_BREAKS} ngắt trang ngang một trang tính của Excel`);
  }
  for (const row of breaks) {
    if (!Number.isInteger(row) || row < 1) throw new Error(`${name}: ngắt trang ở dòng không hợp lệ (${row})`);
    checkSize(row + 1, 1, "ngắt trang");
  }
  checkCharts(change, limits);
}

/**
 * A1 addresses for the add-in: parse "B2:F30" (optionally sheet-qualified) into a 0-based rectangle,
 * and write a rectangle back as an address.
 */
import { cellAddress, type CellRange } from "../shared/workbook/port.ts";

/**
 * 0-based rectangle of an A1 address; a sheet prefix (`'Điểm - Sở'!B2:F30`) is ignored.
 *
 * @example
 * parseA1("'Điểm - Sở'!B2:F30"); // { row: 1, col: 1, rows: 29, cols: 5 }
 * parseA1("F12"); // { row: 11, col: 5, rows: 1, cols: 1 }
 */
export function parseA1(address: string): CellRange {
  const bang = address.lastIndexOf("!");
  const local = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "");
  const [a, b] = local.split(":");
  const start = parseCell(a ?? "");
  const end = b === undefined ? start : parseCell(b);
  const row = Math.min(start.row, end.row);
  const col = Math.min(start.col, end.col);
  return { row, col, rows: Math.abs(end.row - start.row) + 1, cols: Math.abs(end.col - start.col) + 1 };
}

function parseCell(text: string): { row: number; col: number } {
  const m = /^([A-Za-z]{1,3})([0-9]{1,7})$/.exec(text.trim());
  if (m === null) throw new Error(`Địa chỉ ô không hợp lệ: "${text}"`);
  let col = 0;
  for (const ch of (m[1] ?? "").toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/**
 * A1 address of a 0-based rectangle ("F12" for a single cell).
 *
 * @example
 * rangeA1({ row: 1, col: 1, rows: 29, cols: 5 }); // "B2:F30"
 */
export function rangeA1(r: CellRange): string {
  const first = cellAddress(r.row, r.col);
  if (r.rows === 1 && r.cols === 1) return first;
  return `${first}:${cellAddress(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/**
 * A problem found in input: where it is and what is wrong, in Vietnamese.
 * `path` is the JSON path (`blocks[0].scores.SGTVT["1.2.1"]`); a workbook reader adds `sheet`/`cell`
 * so hosts can say `Điểm - Sở!F12` and select the cell.
 *
 * @example
 * const p: Problem = { path: 'blocks[0].scores.SGTVT["1.2.1"]', message: "3,5 vượt điểm tối đa 3" };
 * formatProblem(p); // 'blocks[0].scores.SGTVT["1.2.1"]: 3,5 vượt điểm tối đa 3'
 */
export interface Problem {
  path: string;
  message: string;
  sheet?: string;
  cell?: string;
}

/**
 * One line for a problem: `WHERE: message`, WHERE being `Sheet!Cell` when known, else the JSON path.
 *
 * @example
 * formatProblem({ path: "x", sheet: "Điểm - Sở", cell: "F12", message: "3,5 vượt điểm tối đa 3" });
 * // "Điểm - Sở!F12: 3,5 vượt điểm tối đa 3"
 */
export function formatProblem(p: Problem): string {
  const where = p.sheet !== undefined ? (p.cell !== undefined ? `${p.sheet}!${p.cell}` : p.sheet) : p.path;
  return `${where}: ${p.message}`;
}

import type { Block, Criterion, GroupSetting, InputDocument, Unit } from "../schema/inputSchema.ts";
import { formatPath } from "../compute/formatPath.ts";
import type { Problem } from "../problem.ts";
import { cellAddress, type CellValue } from "./port.ts";
import { SETTINGS_SHEET, sheetNames } from "./sheetNames.ts";
import { sheetFinder } from "./sheetKey.ts";
import { LABELS, parseMethodLabel } from "./workbookLabels.ts";

/** Where a block's score table stands in its sheet (0-based). */
export interface GridLayout {
  sheet: string;
  headerRow: number;
  codeCol: number;
  /** Column of "Điểm tối đa"; unit columns start after it. */
  maxCol: number;
  unitCols: Record<string, number>;
  criterionRows: Record<string, number>;
  /** Last row holding a criterion. */
  lastCriterionRow: number;
  /** Row of the "KẾT QUẢ" marker of the area the tool owns, if present. */
  markerRow: number | null;
  /** The sheet's values as read. */
  grid: CellValue[][];
}

/** A cell, for placing problems. */
export interface Place {
  sheet: string;
  cell: string;
}

/** What `loadWorkbook` finds: the input document, where each JSON path came from, and the tables' layout. */
export type LoadedWorkbook =
  | {
      ok: true;
      input: InputDocument;
      places: Map<string, Place>;
      layout: { blocks: { id: string; scores: GridLayout; self: GridLayout | null }[] };
    }
  | { ok: false; errors: Problem[] };

/**
 * Text of a cell, trimmed ("" for empty); numbers as JavaScript prints them.
 *
 * @example
 * cellText(" Mã "); // "Mã"
 * cellText(1.5); // "1.5"
 * cellText(null); // ""
 */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  return String(v).trim();
}

/**
 * A number typed in a cell: a number, or text with a decimal comma or point ("11,5"); else undefined.
 *
 * @example
 * cellNumber("11,5"); // 11.5
 * cellNumber(12); // 12
 * cellNumber("abc"); // undefined
 */
export function cellNumber(v: CellValue | undefined): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v !== "string") return undefined;
  const t = v.trim();
  if (!/^[+-]?\d+([.,]\d+)?$/.test(t)) return undefined;
  return Number(t.replace(",", "."));
}

/** Finds the first row holding all `labels` in consecutive columns; returns row and first column. */
function findHeader(grid: CellValue[][], labels: readonly string[]): { row: number; col: number } | null {
  const want = labels.map((l) => l.toLowerCase());
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c + want.length <= row.length; c++) {
      if (want.every((w, k) => cellText(row[c + k]).toLowerCase() === w)) return { row: r, col: c };
    }
  }
  return null;
}

const isCriterionCode = (t: string): boolean => /^\d+(\.\d+)*$/.test(t);

/**
 * Reads the workbook's sheets (values only) into a `cchc-index/1` document, finding every table by its
 * header labels (see docs/workbook.md). Problems of shape (a missing sheet or header, a maximum that is not a
 * number) are returned with their cell; the scores themselves are checked later by `computeIndex`, whose
 * problems `places` maps back to cells.
 *
 * @example
 * const loaded = loadWorkbook(await port.readSheets(await port.listSheets()));
 * if (loaded.ok) computeIndex(loaded.input);
 */
export function loadWorkbook(grids: Record<string, CellValue[][]>): LoadedWorkbook {
  const errors: Problem[] = [];
  const places = new Map<string, Place>();
  const place = (segments: (string | number)[], sheet: string, row: number, col: number) =>
    places.set(formatPath(segments), { sheet, cell: cellAddress(row, col) });
  const problem = (sheet: string, row: number | null, col: number, message: string) =>
    errors.push({ path: sheet, sheet, ...(row !== null ? { cell: cellAddress(row, col) } : {}), message });

  // Sheets are found as Excel finds them (any case, NFC or NFD); problems name each sheet as the workbook spells it.
  const findSheet = sheetFinder(Object.keys(grids));
  const own = (name: string): string => findSheet(name) ?? name;
  const settingsSheet = own(SETTINGS_SHEET);
  const settings = grids[settingsSheet];
  if (settings === undefined) {
    return { ok: false, errors: [{ path: SETTINGS_SHEET, message: `thiếu sheet «${SETTINGS_SHEET}»` }] };
  }

  // Settings: label → the value to its right.
  const findValue = (label: string): { row: number; col: number; value: CellValue } | null => {
    for (let r = 0; r < settings.length; r++) {
      const row = settings[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        if (cellText(row[c]).toLowerCase() === label.toLowerCase()) return { row: r, col: c + 1, value: row[c + 1] ?? null };
      }
    }
    return null;
  };
  const yearCell = findValue(LABELS.year);
  const year = yearCell ? cellNumber(yearCell.value) : undefined;
  if (!yearCell) problem(settingsSheet, null, 0, `thiếu dòng «${LABELS.year}»`);
  else if (year === undefined || !Number.isInteger(year)) problem(settingsSheet, yearCell.row, yearCell.col, `năm "${cellText(yearCell.value)}" không hợp lệ`);
  else place(["year"], settingsSheet, yearCell.row, yearCell.col);
  const provinceCell = findValue(LABELS.province);
  if (provinceCell) place(["province"], settingsSheet, provinceCell.row, provinceCell.col);
  const numberCell = findValue(LABELS.decisionNumber);
  const dateCell = findValue(LABELS.decisionDate);
  const decisionNumber = numberCell ? cellText(numberCell.value) : "";
  const decisionDate = dateCell ? vietnameseDateToIso(cellText(dateCell.value)) : "";
  if (numberCell) place(["decision", "number"], settingsSheet, numberCell.row, numberCell.col);
  if (dateCell) place(["decision", "date"], settingsSheet, dateCell.row, dateCell.col);

  // Groups table.
  const groups: GroupSetting[] = [];
  const groupHeader = findHeader(settings, [LABELS.groupName, LABELS.groupMin]);
  if (groupHeader) {
    for (let r = groupHeader.row + 1; r < settings.length; r++) {
      const name = cellText(settings[r]?.[groupHeader.col]);
      const minCell = settings[r]?.[groupHeader.col + 1] ?? null;
      if (name === "" && cellText(minCell) === "") break;
      const min = cellNumber(minCell);
      if (min === undefined) problem(settingsSheet, r, groupHeader.col + 1, `ngưỡng nhóm "${cellText(minCell)}" không phải là số`);
      place(["settings", "groups", groups.length], settingsSheet, r, groupHeader.col);
      place(["settings", "groups", groups.length, "min"], settingsSheet, r, groupHeader.col + 1);
      groups.push({ name, min: min ?? 0 });
    }
  }

  // Blocks table.
  const blockHeader = findHeader(settings, [LABELS.blockId, LABELS.blockName]);
  const blockRows: { id: string; name: string }[] = [];
  if (!blockHeader) problem(settingsSheet, null, 0, `thiếu bảng khối (tiêu đề «${LABELS.blockId}», «${LABELS.blockName}»)`);
  else {
    for (let r = blockHeader.row + 1; r < settings.length; r++) {
      const id = cellText(settings[r]?.[blockHeader.col]);
      if (id === "") break;
      blockRows.push({ id, name: cellText(settings[r]?.[blockHeader.col + 1]) });
    }
    if (blockRows.length === 0) problem(settingsSheet, blockHeader.row + 1, blockHeader.col, "chưa khai báo khối nào");
  }

  const blocks: Block[] = [];
  const layouts: { id: string; scores: GridLayout; self: GridLayout | null }[] = [];
  blockRows.forEach((b, bi) => {
    const wanted = sheetNames(b.id);
    const names = { criteria: own(wanted.criteria), units: own(wanted.units), scores: own(wanted.scores), self: own(wanted.self) };
    const criteria = readCriteria(grids, names.criteria, bi, problem, place);
    const units = readUnits(grids, names.units, bi, problem, place);
    const leafCodes = leavesOf(criteria);
    const scores = readScoreSheet(grids, names.scores, bi, "scores", leafCodes, true, problem, place);
    const self = grids[names.self] === undefined ? null : readScoreSheet(grids, names.self, bi, "selfScores", leafCodes, false, problem, place);
    if (criteria && units && scores) {
      blocks.push({
        id: b.id,
        name: b.name,
        criteria,
        units,
        scores: scores.table,
        ...(self && Object.keys(self.table).length > 0 ? { selfScores: self.table } : {}),
      });
      layouts.push({ id: b.id, scores: scores.layout, self: self?.layout ?? null });
    }
  });

  if (errors.length > 0) return { ok: false, errors };
  const input: InputDocument = {
    format: "cchc-index/1",
    year: year ?? 0,
    province: provinceCell ? cellText(provinceCell.value) : "",
    ...(decisionNumber !== "" || decisionDate !== "" ? { decision: { number: decisionNumber, date: decisionDate } } : {}),
    ...(groupHeader ? { settings: { groups } } : {}),
    blocks,
  };
  return { ok: true, input, places, layout: { blocks: layouts } };
}

type Report = (sheet: string, row: number | null, col: number, message: string) => void;
type PlaceFn = (segments: (string | number)[], sheet: string, row: number, col: number) => void;

/**
 * "17/01/2024" → "2024-01-17"; an ISO date or other text is kept.
 *
 * @example
 * vietnameseDateToIso("17/01/2024"); // "2024-01-17"
 * vietnameseDateToIso("2024-01-17"); // "2024-01-17"
 */
export function vietnameseDateToIso(text: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return text.trim();
  return `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
}

function readCriteria(grids: Record<string, CellValue[][]>, sheet: string, bi: number, problem: Report, place: PlaceFn): Criterion[] | null {
  const grid = grids[sheet];
  if (!grid) return problem(sheet, null, 0, `thiếu sheet «${sheet}»`), null;
  const h = findHeader(grid, [LABELS.code, LABELS.criterionName, LABELS.max, LABELS.method]);
  if (!h) return problem(sheet, null, 0, `không tìm thấy dòng tiêu đề «${LABELS.code} | ${LABELS.criterionName} | ${LABELS.max} | ${LABELS.method}»`), null;
  const codes = grid.slice(h.row + 1).map((row) => cellText(row[h.col]));
  const parents = new Set(codes.map((c) => c.slice(0, Math.max(0, c.lastIndexOf(".")))));
  const out: Criterion[] = [];
  for (let r = h.row + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const code = cellText(row[h.col]);
    const cells = [0, 1, 2, 3].map((k) => row[h.col + k] ?? null);
    if (code === "") {
      if (cells.some((v) => cellText(v) !== "")) problem(sheet, r, h.col, "dòng có dữ liệu nhưng thiếu mã tiêu chí");
      continue;
    }
    const i = out.length;
    const max = cellNumber(cells[2]);
    if (max === undefined) problem(sheet, r, h.col + 2, `điểm tối đa "${cellText(cells[2])}" không phải là số`);
    const methodText = cellText(cells[3]);
    const method = parseMethodLabel(methodText);
    const isLeaf = !parents.has(code);
    if (method === undefined) problem(sheet, r, h.col + 3, `phương thức "${methodText}" không hợp lệ (Thẩm định, Điều tra XHH, Hài lòng (SIPAS))`);
    place(["blocks", bi, "criteria", i], sheet, r, h.col);
    place(["blocks", bi, "criteria", i, "name"], sheet, r, h.col + 1);
    place(["blocks", bi, "criteria", i, "max"], sheet, r, h.col + 2);
    place(["blocks", bi, "criteria", i, "method"], sheet, r, h.col + 3);
    out.push({ code, name: cellText(cells[1]), max: max ?? 0, ...(isLeaf || methodText !== "" ? { method: method ?? "appraised" } : {}) });
  }
  place(["blocks", bi, "criteria"], sheet, h.row, h.col);
  return out;
}

function readUnits(grids: Record<string, CellValue[][]>, sheet: string, bi: number, problem: Report, place: PlaceFn): Unit[] | null {
  const grid = grids[sheet];
  if (!grid) return problem(sheet, null, 0, `thiếu sheet «${sheet}»`), null;
  const h = findHeader(grid, [LABELS.code, LABELS.unitName, LABELS.previousIndex, LABELS.previousRank]);
  if (!h) return problem(sheet, null, 0, `không tìm thấy dòng tiêu đề «${LABELS.code} | ${LABELS.unitName} | ${LABELS.previousIndex} | ${LABELS.previousRank}»`), null;
  const out: Unit[] = [];
  // An empty list is reported on the first row under the header, where the units go.
  place(["blocks", bi, "units"], sheet, h.row + 1, h.col);
  for (let r = h.row + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const code = cellText(row[h.col]);
    const cells = [0, 1, 2, 3].map((k) => row[h.col + k] ?? null);
    if (code === "") {
      if (cells.some((v) => cellText(v) !== "")) problem(sheet, r, h.col, "dòng có dữ liệu nhưng thiếu mã đơn vị");
      continue;
    }
    const i = out.length;
    place(["blocks", bi, "units", i], sheet, r, h.col);
    // Until a score sheet column claims them, a unit's scores point at its row here.
    place(["blocks", bi, "scores", code], sheet, r, h.col);
    place(["blocks", bi, "selfScores", code], sheet, r, h.col);
    place(["blocks", bi, "units", i, "code"], sheet, r, h.col);
    place(["blocks", bi, "units", i, "name"], sheet, r, h.col + 1);
    place(["blocks", bi, "units", i, "previous"], sheet, r, h.col + 2);
    place(["blocks", bi, "units", i, "previous", "index"], sheet, r, h.col + 2);
    place(["blocks", bi, "units", i, "previous", "rank"], sheet, r, h.col + 3);
    const unit: Unit = { code, name: cellText(cells[1]) };
    const [pi, pr] = [cells[2], cells[3]];
    if (cellText(pi) !== "" || cellText(pr) !== "") {
      const index = cellNumber(pi);
      const rank = cellNumber(pr);
      if (index === undefined) problem(sheet, r, h.col + 2, `chỉ số năm trước "${cellText(pi)}" không phải là số`);
      if (rank === undefined || !Number.isInteger(rank) || rank < 1) problem(sheet, r, h.col + 3, `xếp hạng năm trước "${cellText(pr)}" phải là số nguyên từ 1`);
      unit.previous = { index: index ?? 0, rank: rank ?? 1 };
    }
    out.push(unit);
  }
  return out;
}

function leavesOf(criteria: Criterion[] | null): Set<string> {
  if (!criteria) return new Set();
  const parents = new Set(criteria.map((c) => c.code.slice(0, Math.max(0, c.code.lastIndexOf(".")))));
  return new Set(criteria.map((c) => c.code).filter((c) => !parents.has(c)));
}

function readScoreSheet(
  grids: Record<string, CellValue[][]>,
  sheet: string,
  bi: number,
  key: "scores" | "selfScores",
  leafCodes: Set<string>,
  emptyIsError: boolean,
  problem: Report,
  place: PlaceFn,
): { table: Record<string, Record<string, unknown>>; layout: GridLayout } | null {
  const grid = grids[sheet];
  if (!grid) return problem(sheet, null, 0, `thiếu sheet «${sheet}»`), null;
  const h = findHeader(grid, [LABELS.code, LABELS.criterionName, LABELS.max]);
  if (!h) return problem(sheet, null, 0, `không tìm thấy dòng tiêu đề «${LABELS.code} | ${LABELS.criterionName} | ${LABELS.max}»`), null;
  const header = grid[h.row] ?? [];
  const unitCols: Record<string, number> = {};
  const table: Record<string, Record<string, unknown>> = {};
  for (let c = h.col + 3; c < header.length; c++) {
    const code = cellText(header[c]);
    if (code === "") break; // a person's own columns stand after an empty column
    if (unitCols[code] !== undefined) problem(sheet, h.row, c, `mã đơn vị "${code}" xuất hiện hai lần`);
    unitCols[code] = c;
    table[code] = {};
    place(["blocks", bi, key, code], sheet, h.row, c);
  }
  const criterionRows: Record<string, number> = {};
  let markerRow: number | null = null;
  let lastCriterionRow = h.row;
  for (let r = h.row + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const code = cellText(row[h.col]);
    if (code === LABELS.resultsMarker) {
      markerRow = r;
      break;
    }
    if (code === "") continue;
    if (!isCriterionCode(code)) {
      problem(sheet, r, h.col, `"${code}" không phải là mã tiêu chí`);
      continue;
    }
    if (criterionRows[code] !== undefined) problem(sheet, r, h.col, `mã tiêu chí "${code}" xuất hiện hai lần`);
    criterionRows[code] = r;
    lastCriterionRow = r;
    if (!leafCodes.has(code)) continue;
    for (const [unit, c] of Object.entries(unitCols)) {
      const v = row[c] ?? null;
      place(["blocks", bi, key, unit, code], sheet, r, c);
      if (v === null || (typeof v === "string" && v.trim() === "")) {
        if (emptyIsError) table[unit]![code] = "";
      } else table[unit]![code] = v;
    }
  }
  for (const code of leafCodes) {
    if (criterionRows[code] === undefined && (emptyIsError || Object.keys(unitCols).length > 0)) {
      if (emptyIsError) problem(sheet, null, 0, `thiếu dòng tiêu chí "${code}"`);
    }
  }
  if (!emptyIsError) {
    // Self scores: a unit whose column is wholly empty has given none (its `self` stays absent).
    for (const unit of Object.keys(table)) if (Object.keys(table[unit]!).length === 0) delete table[unit];
  }
  return { table, layout: { sheet, headerRow: h.row, codeCol: h.col, maxCol: h.col + 2, unitCols, criterionRows, lastCriterionRow, markerRow, grid } };
}

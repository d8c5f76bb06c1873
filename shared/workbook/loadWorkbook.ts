import { type Block, type Criterion, type GroupSetting, type InputDocument, type RankMoves, type Unit } from "../schema/inputSchema.ts";
import { formatPath } from "../compute/formatPath.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";
import type { Problem } from "../problem.ts";
import { labelKey } from "./labelKey.ts";
import { cellAddress, isUncalculatedFormula, type CellValue, type ReadValue } from "./port.ts";
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
  /** Unit code → column. A null-prototype object: codes such as `constructor` or `__proto__` are plain keys. */
  unitCols: Record<string, number>;
  /** Criterion code → row (null-prototype object). */
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
  /** The formula of the cell when it holds one without a calculated value: problems there say so instead. */
  formula?: string;
}

/** Where a block's tables stand: final scores, self scores, evidence and notes (null: the sheet is absent). */
export interface BlockLayout {
  id: string;
  scores: GridLayout;
  self: GridLayout | null;
  evidence: GridLayout | null;
  selfNotes: GridLayout | null;
}

/** What `loadWorkbook` finds: the input document, where each JSON path came from, and the tables' layout. */
export type LoadedWorkbook =
  | {
      ok: true;
      input: InputDocument;
      places: Map<string, Place>;
      layout: { blocks: BlockLayout[] };
    }
  | { ok: false; errors: Problem[] };

/**
 * Text of a cell, in Unicode NFC and trimmed ("" for empty); numbers as JavaScript prints them.
 *
 * @example
 * cellText(" Mã "); // "Mã"
 * cellText(1.5); // "1.5"
 * cellText(null); // ""
 */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  return String(v).normalize("NFC").trim();
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

/**
 * Finds the first row holding all `labels` in consecutive columns (compared by `labelKey`: any case, NFC, spaces
 * and no-break spaces alike); returns row and first column.
 *
 * @example
 * findHeader([[null, "mã", "Tên đơn vị"]], ["Mã", "Tên đơn vị"]); // { row: 0, col: 1 }
 */
export function findHeader(grid: readonly (readonly CellValue[])[], labels: readonly string[]): { row: number; col: number } | null {
  const want = labels.map(labelKey);
  const first = want[0];
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c + want.length <= row.length; c++) {
      if (row[c] === null || labelKey(row[c]) !== first) continue;
      if (want.every((w, k) => labelKey(row[c + k]) === w)) return { row: r, col: c };
    }
  }
  return null;
}

/**
 * The sheet of the workbook that a template name means: the exact name, else the one equal to it as Excel
 * compares names (any case, NFC). Returns the sheet's real name and grid.
 * (Kept local to the loader; the lead may swap in the shared sheet-name matcher of sheetNames.ts.)
 */
function findGrid<T>(grids: Readonly<Record<string, T>>, name: string): { name: string; grid: T } | null {
  if (Object.hasOwn(grids, name)) return { name, grid: grids[name] as T };
  // As Excel finds a sheet: any case, NFC or NFD; problems name the sheet as the workbook spells it.
  const other = sheetFinder(Object.keys(grids))(name);
  return other === undefined ? null : { name: other, grid: grids[other] as T };
}

/** The longest formula text quoted in a message. */
const FORMULA_SHOWN = 40;

/**
 * The problem said of a cell whose formula has no calculated value.
 *
 * @example
 * uncalculatedFormulaMessage("=SUM(D5:D9)"); // "ô có công thức =SUM(D5:D9) nhưng chưa có giá trị đã tính …"
 */
export function uncalculatedFormulaMessage(formula: string): string {
  const f = formula.startsWith("=") ? formula : `=${formula}`;
  const shown = f.length > FORMULA_SHOWN ? `${f.slice(0, FORMULA_SHOWN)}…` : f;
  return (
    `ô có công thức ${shown} nhưng chưa có giá trị đã tính (tệp được lưu bởi một chương trình không tính công thức); ` +
    "mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi chạy lại"
  );
}

/**
 * Grids as `readSheets` hands them, with every `UncalculatedFormula` marker replaced by null (and any other
 * non-cell value too), holes filled with null; and where the markers were, per sheet ("row,col" → formula).
 *
 * @example
 * const { grids, formulas } = plainGrids({ S: [[1, { uncalculated: true, formula: "=A1" }]] });
 * grids.S; // [[1, null]]
 * formulas.get("S")?.get("0,1"); // "=A1"
 */
export function plainGrids(grids: Readonly<Record<string, readonly (readonly ReadValue[])[]>>): {
  grids: Record<string, CellValue[][]>;
  formulas: Map<string, Map<string, string>>;
} {
  const clean: Record<string, CellValue[][]> = Object.create(null) as Record<string, CellValue[][]>;
  const formulas = new Map<string, Map<string, string>>();
  for (const name of Object.keys(grids)) {
    const grid = grids[name];
    if (!Array.isArray(grid)) continue;
    const out: CellValue[][] = [];
    (grid as readonly (readonly ReadValue[] | undefined)[]).forEach((row, r) => {
      const line: CellValue[] = [];
      if (Array.isArray(row)) {
        (row as readonly ReadValue[]).forEach((v, c) => {
          if (isUncalculatedFormula(v)) {
            let at = formulas.get(name);
            if (at === undefined) formulas.set(name, (at = new Map<string, string>()));
            at.set(`${r},${c}`, typeof v.formula === "string" ? v.formula : "");
            line[c] = null;
          } else line[c] = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
        });
      }
      for (let c = 0; c < line.length; c++) if (line[c] === undefined) line[c] = null;
      out[r] = line;
    });
    for (let r = 0; r < out.length; r++) if (out[r] === undefined) out[r] = [];
    clean[name] = out;
  }
  return { grids: clean, formulas };
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
export function loadWorkbook(readGrids: Readonly<Record<string, readonly (readonly ReadValue[])[]>>): LoadedWorkbook {
  const { grids, formulas } = plainGrids(readGrids);
  const errors: Problem[] = [];
  const places = new LazyPlaces();
  const formulaAt = (sheet: string, row: number, col: number): string | undefined => formulas.get(sheet)?.get(`${row},${col}`);
  const place = (segments: (string | number)[], sheet: string, row: number, col: number, ifAbsent = false) => {
    const formula = formulaAt(sheet, row, col);
    const path = formatPath(segments);
    if (ifAbsent && places.holds(path)) return;
    places.set(path, { sheet, cell: cellAddress(row, col), ...(formula !== undefined ? { formula } : {}) });
  };
  const problem = (sheet: string, row: number | null, col: number, message: string) => {
    const formula = row === null ? undefined : formulaAt(sheet, row, col);
    errors.push({
      path: sheet,
      sheet,
      ...(row !== null ? { cell: cellAddress(row, col) } : {}),
      message: formula !== undefined ? uncalculatedFormulaMessage(formula) : message,
    });
  };

  const settingsFound = findGrid(grids, SETTINGS_SHEET);
  if (settingsFound === null) {
    return { ok: false, errors: [{ path: SETTINGS_SHEET, message: `thiếu sheet «${SETTINGS_SHEET}»` }] };
  }
  const settings = settingsFound.grid;
  const settingsSheet = settingsFound.name;

  // Settings: label → the value to its right.
  const findValue = (label: string): { row: number; col: number; value: CellValue } | null => {
    const want = labelKey(label);
    for (let r = 0; r < settings.length; r++) {
      const row = settings[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        if (row[c] !== null && labelKey(row[c]) === want) return { row: r, col: c + 1, value: row[c + 1] ?? null };
      }
    }
    return null;
  };
  const yearCell = findValue(LABELS.year);
  const year = yearCell ? cellNumber(yearCell.value) : undefined;
  if (!yearCell) problem(settingsSheet, null, 0, `thiếu dòng «${LABELS.year}»`);
  else if (year === undefined || !Number.isInteger(year))
    problem(settingsSheet, yearCell.row, yearCell.col, `năm "${cellText(yearCell.value)}" không hợp lệ`);
  else place(["year"], settingsSheet, yearCell.row, yearCell.col);
  const provinceCell = findValue(LABELS.province);
  if (provinceCell) place(["province"], settingsSheet, provinceCell.row, provinceCell.col);
  const numberCell = findValue(LABELS.decisionNumber);
  const dateCell = findValue(LABELS.decisionDate);
  const decisionNumber = numberCell ? cellText(numberCell.value) : "";
  const decisionDate = dateCell ? vietnameseDateToIso(cellText(dateCell.value)) : "";
  if (numberCell) place(["decision", "number"], settingsSheet, numberCell.row, numberCell.col);
  const requireCell = findValue(LABELS.requireEvidence);
  let requireEvidence: boolean | undefined;
  if (requireCell) {
    const key = labelKey(requireCell.value);
    if (key === labelKey(LABELS.yes) || key === "x") requireEvidence = true;
    else if (key === labelKey(LABELS.no) || key === "") requireEvidence = false;
    else
      problem(
        settingsSheet,
        requireCell.row,
        requireCell.col,
        `"${cellText(requireCell.value)}" không hợp lệ: ghi ${LABELS.yes} hoặc ${LABELS.no}`,
      );
    place(["settings", "requireEvidence"], settingsSheet, requireCell.row, requireCell.col);
  }
  if (dateCell) place(["decision", "date"], settingsSheet, dateCell.row, dateCell.col);
  // Decimals (settings.precision): 2 or 3; an empty cell or no row at all (an older workbook) means 2.
  const precisionCell = findValue(LABELS.precision);
  let precision: 2 | 3 | undefined;
  if (precisionCell && cellText(precisionCell.value) !== "") {
    const p = cellNumber(precisionCell.value);
    if (p === 2 || p === 3) {
      precision = p;
      place(["settings", "precision"], settingsSheet, precisionCell.row, precisionCell.col);
    } else {
      problem(
        settingsSheet,
        precisionCell.row,
        precisionCell.col,
        `số chữ số thập phân "${typeof precisionCell.value === "number" ? String(precisionCell.value).replace(".", ",") : cellText(precisionCell.value)}" không hợp lệ: chỉ được 2 hoặc 3`,
      );
    }
  }

  // Groups table.
  const groups: GroupSetting[] = [];
  const groupHeader = findHeader(settings, [LABELS.groupName, LABELS.groupMin]);
  if (groupHeader) {
    place(["settings", "groups"], settingsSheet, groupHeader.row, groupHeader.col);
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
  const blockRows: { id: string; name: string; moves?: RankMoves }[] = [];
  if (!blockHeader) problem(settingsSheet, null, 0, `thiếu bảng khối (tiêu đề «${LABELS.blockId}», «${LABELS.blockName}»)`);
  else {
    // Optional columns: last year's own rank-movement counts (all three, or none).
    const headerRow = settings[blockHeader.row] ?? [];
    const moveCols = (
      [
        ["up", LABELS.previousUp],
        ["held", LABELS.previousHeld],
        ["down", LABELS.previousDown],
      ] as const
    ).map(([key, label]) => ({ key, label, col: headerRow.findIndex((v) => v !== null && labelKey(v) === labelKey(label)) }));
    for (let r = blockHeader.row + 1; r < settings.length; r++) {
      const id = cellText(settings[r]?.[blockHeader.col]);
      if (id === "") break;
      const bi = blockRows.length;
      place(["blocks", bi], settingsSheet, r, blockHeader.col);
      place(["blocks", bi, "id"], settingsSheet, r, blockHeader.col);
      place(["blocks", bi, "name"], settingsSheet, r, blockHeader.col + 1);
      const row: { id: string; name: string; moves?: RankMoves } = { id, name: cellText(settings[r]?.[blockHeader.col + 1]) };
      const given = moveCols.filter((m) => m.col >= 0 && cellText(settings[r]?.[m.col]) !== "");
      if (given.length > 0) {
        const moves: Record<string, number> = {};
        for (const m of moveCols) {
          const v = m.col >= 0 ? settings[r]?.[m.col] : undefined;
          const n = cellNumber(v);
          if (m.col < 0 || cellText(v) === "")
            problem(
              settingsSheet,
              r,
              m.col >= 0 ? m.col : blockHeader.col,
              `khối ${id}: thiếu «${m.label}» (nhập đủ ba số tăng, giữ, giảm bậc năm trước hoặc để trống cả ba)`,
            );
          else if (n === undefined || !Number.isInteger(n) || n < 0)
            problem(settingsSheet, r, m.col, `«${m.label}» của khối ${id} phải là số nguyên không âm, không phải "${cellText(v)}"`);
          else {
            moves[m.key] = n;
            place(["blocks", bi, "previousRankMoves", m.key], settingsSheet, r, m.col);
          }
        }
        if (Object.keys(moves).length === 3) row.moves = moves as unknown as RankMoves;
      }
      blockRows.push(row);
    }
    if (blockRows.length === 0) problem(settingsSheet, blockHeader.row + 1, blockHeader.col, "chưa khai báo khối nào");
  }
  // Optional columns of the groups table: «Năm trước - ID», last year's count of the block's units per group.
  const previousGroupCounts = new Map<string, Record<string, number>>();
  if (groupHeader) {
    const headerRow = settings[groupHeader.row] ?? [];
    const prefix = labelKey(LABELS.previousGroupCount);
    headerRow.forEach((h, c) => {
      if (h === null || c <= groupHeader.col + 1) return;
      const key = labelKey(h);
      if (!key.startsWith(prefix)) return;
      const id = cellText(h).slice(LABELS.previousGroupCount.trim().length).trim();
      const bi = blockRows.findIndex((b) => labelKey(b.id) === labelKey(id));
      if (bi < 0) {
        problem(settingsSheet, groupHeader.row, c, `cột «${cellText(h)}»: không có khối «${id}» trong bảng khối`);
        return;
      }
      const counts: Record<string, number> = {};
      let any = false;
      groups.forEach((g, k) => {
        const r = groupHeader.row + 1 + k;
        const v = settings[r]?.[c];
        if (cellText(v) === "") return;
        any = true;
        const n = cellNumber(v);
        if (n === undefined || !Number.isInteger(n) || n < 0)
          problem(
            settingsSheet,
            r,
            c,
            `số đơn vị nhóm ${g.name} năm trước của khối ${id} phải là số nguyên không âm, không phải "${cellText(v)}"`,
          );
        else {
          counts[g.name] = n;
          place(["blocks", bi, "previousGroupCounts", g.name], settingsSheet, r, c);
        }
      });
      if (any) previousGroupCounts.set(blockRows[bi]!.id, counts);
    });
  }

  const blocks: Block[] = [];
  const layouts: BlockLayout[] = [];
  blockRows.forEach((b, bi) => {
    const names = sheetNames(b.id);
    const errorsBefore = errors.length;
    const criteria = readCriteria(findGrid(grids, names.criteria), names.criteria, bi, problem, place);
    // With a criteria sheet that did not read cleanly, the score sheets' maxima are not compared with it.
    const criteriaRead = errors.length === errorsBefore;
    const units = readUnits(findGrid(grids, names.units), names.units, bi, problem, place);
    const context: ScoreContext = {
      bi,
      criteria,
      criteriaRead,
      criteriaSheet: names.criteria,
      problem,
      place,
      defer: (fn) => places.defer(fn),
      formulaAt,
    };
    const scores = readScoreSheet(findGrid(grids, names.scores), names.scores, "scores", context);
    const selfGrid = findGrid(grids, names.self);
    const self = selfGrid === null ? null : readScoreSheet(selfGrid, names.self, "selfScores", context);
    // The appraisal notes: optional sheets; a workbook without them has no such table (no warnings of missing reasons).
    const reasonsGrid = findGrid(grids, names.reasons);
    const reasons = reasonsGrid === null ? null : readNoteSheet(reasonsGrid, "reasons", context);
    const explanationsGrid = findGrid(grids, names.explanations);
    const explanations = explanationsGrid === null ? null : readNoteSheet(explanationsGrid, "explanations", context);
    const evidenceGrid = findGrid(grids, names.evidence);
    const evidence = evidenceGrid === null ? null : readNoteSheet(evidenceGrid, "evidence", context);
    const notesGrid = findGrid(grids, names.selfNotes);
    const selfNotes = notesGrid === null ? null : readNoteSheet(notesGrid, "selfNotes", context);
    if (criteria && units && scores) {
      blocks.push({
        id: b.id,
        name: b.name,
        criteria,
        units,
        scores: scores.table,
        ...(self && Object.keys(self.table).length > 0 ? { selfScores: self.table } : {}),
        ...(reasons ? { reasons: reasons.table } : {}),
        ...(explanations ? { explanations: explanations.table } : {}),
        ...(b.moves ? { previousRankMoves: b.moves } : {}),
        ...(previousGroupCounts.has(b.id) ? { previousGroupCounts: previousGroupCounts.get(b.id) } : {}),
        // Evidence and notes only when there are some (the sheets are in every template); reasons and explanations
        // whenever their sheet is there (a reasons sheet asks for a reason for every cut).
        ...(evidence && Object.keys(evidence.table).length > 0 ? { evidence: evidence.table } : {}),
        ...(selfNotes && Object.keys(selfNotes.table).length > 0 ? { selfNotes: selfNotes.table } : {}),
      });
      layouts.push({
        id: b.id,
        scores: scores.layout,
        self: self?.layout ?? null,
        evidence: evidence?.layout ?? null,
        selfNotes: selfNotes?.layout ?? null,
      });
    }
  });

  if (errors.length > 0) return { ok: false, errors };
  const input: InputDocument = {
    format: "cchc-index/1",
    year: year ?? 0,
    province: provinceCell ? cellText(provinceCell.value) : "",
    ...(decisionNumber !== "" || decisionDate !== ""
      ? {
          decision: {
            ...(decisionNumber !== "" ? { number: decisionNumber } : {}),
            ...(decisionDate !== "" ? { date: decisionDate } : {}),
          },
        }
      : {}),
    ...(groupHeader || precision !== undefined || requireEvidence !== undefined
      ? {
          settings: {
            ...(groupHeader ? { groups } : {}),
            ...(precision !== undefined ? { precision } : {}),
            ...(requireEvidence !== undefined ? { requireEvidence } : {}),
          },
        }
      : {}),
    blocks,
  };
  return { ok: true, input, places, layout: { blocks: layouts } };
}

type Report = (sheet: string, row: number | null, col: number, message: string) => void;
type PlaceFn = (segments: (string | number)[], sheet: string, row: number, col: number, ifAbsent?: boolean) => void;
type Found = { name: string; grid: CellValue[][] } | null;

/** What reading a score sheet needs besides the sheet. */
interface ScoreContext {
  bi: number;
  /** The block's criteria as read from its "Tiêu chí" sheet (null when that sheet could not be read). */
  criteria: Criterion[] | null;
  /** Whether the criteria sheet read without a problem (its maxima can be compared). */
  criteriaRead: boolean;
  criteriaSheet: string;
  problem: Report;
  place: PlaceFn;
  /** Places made only when a problem is placed (one per score cell: too many to format each path up front). */
  defer: (fn: () => void) => void;
  formulaAt: (sheet: string, row: number, col: number) => string | undefined;
}

/**
 * The places of a loaded workbook: a `Map` whose deferred entries (the score cells, one path per unit and
 * criterion) are made on first use, so that a workbook without problems never formats them.
 */
class LazyPlaces extends Map<string, Place> {
  private pending: (() => void)[] = [];
  /** Whether the key is set already, without settling the deferred entries (for a deferred entry's own check). */
  holds(key: string): boolean {
    return super.has(key);
  }
  defer(fn: () => void): void {
    this.pending.push(fn);
  }
  private settle(): void {
    if (this.pending.length === 0) return;
    const list = this.pending;
    this.pending = [];
    for (const fn of list) fn();
  }
  override get(key: string): Place | undefined {
    this.settle();
    return super.get(key);
  }
  override has(key: string): boolean {
    this.settle();
    return super.has(key);
  }
  override get size(): number {
    this.settle();
    return super.size;
  }
  override forEach(fn: (value: Place, key: string, map: Map<string, Place>) => void, thisArg?: unknown): void {
    this.settle();
    super.forEach(fn, thisArg);
  }
  override entries(): MapIterator<[string, Place]> {
    this.settle();
    return super.entries();
  }
  override keys(): MapIterator<string> {
    this.settle();
    return super.keys();
  }
  override values(): MapIterator<Place> {
    this.settle();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[string, Place]> {
    return this.entries();
  }
}

/** Whether a cell holds nothing (empty, or text of spaces only): `cellText(v) === ""` without making the text. */
function blank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** An empty object without prototype, so that any text (`__proto__`, `constructor`) is a plain key. */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

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

function readCriteria(found: Found, wanted: string, bi: number, problem: Report, place: PlaceFn): Criterion[] | null {
  if (!found) return (problem(wanted, null, 0, `thiếu sheet «${wanted}»`), null);
  const { name: sheet, grid } = found;
  const h = findHeader(grid, [LABELS.code, LABELS.criterionName, LABELS.max, LABELS.method]);
  if (!h)
    return (
      problem(sheet, null, 0, `không tìm thấy dòng tiêu đề «${LABELS.code} | ${LABELS.criterionName} | ${LABELS.max} | ${LABELS.method}»`),
      null
    );
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
    if (method === undefined)
      problem(sheet, r, h.col + 3, `phương thức "${methodText}" không hợp lệ (Thẩm định, Điều tra XHH, Hài lòng (SIPAS))`);
    place(["blocks", bi, "criteria", i], sheet, r, h.col);
    place(["blocks", bi, "criteria", i, "name"], sheet, r, h.col + 1);
    place(["blocks", bi, "criteria", i, "max"], sheet, r, h.col + 2);
    place(["blocks", bi, "criteria", i, "method"], sheet, r, h.col + 3);
    out.push({ code, name: cellText(cells[1]), max: max ?? 0, ...(isLeaf || methodText !== "" ? { method: method ?? "appraised" } : {}) });
  }
  place(["blocks", bi, "criteria"], sheet, h.row, h.col);
  return out;
}

function readUnits(found: Found, wanted: string, bi: number, problem: Report, place: PlaceFn): Unit[] | null {
  if (!found) return (problem(wanted, null, 0, `thiếu sheet «${wanted}»`), null);
  const { name: sheet, grid } = found;
  const h = findHeader(grid, [LABELS.code, LABELS.unitName, LABELS.previousIndex, LABELS.previousRank]);
  if (!h)
    return (
      problem(
        sheet,
        null,
        0,
        `không tìm thấy dòng tiêu đề «${LABELS.code} | ${LABELS.unitName} | ${LABELS.previousIndex} | ${LABELS.previousRank}»`,
      ),
      null
    );
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
      if (rank === undefined || !Number.isInteger(rank) || rank < 1)
        problem(sheet, r, h.col + 3, `xếp hạng năm trước "${cellText(pr)}" phải là số nguyên từ 1`);
      unit.previous = { index: index ?? 0, rank: rank ?? 1 };
    }
    out.push(unit);
  }
  return out;
}

/** Leaf codes and the maximum of every code of a criteria set (null-prototype objects). */
function criteriaIndex(criteria: Criterion[]): { leaves: Set<string>; max: Map<string, number> } {
  const parents = new Set(criteria.map((c) => c.code.slice(0, Math.max(0, c.code.lastIndexOf(".")))));
  const max = new Map<string, number>();
  for (const c of criteria) if (!max.has(c.code)) max.set(c.code, c.max);
  return { leaves: new Set(criteria.map((c) => c.code).filter((c) => !parents.has(c))), max };
}

/**
 * Reads a note sheet (lý do trừ điểm, giải trình, tài liệu kiểm chứng, ghi chú TĐG): the shape of a score sheet,
 * texts instead of scores. Every non-empty text on a criterion row goes into the table with its cell, whatever the
 * row; a unit without any text has no entry. `computeIndex` reports a text under a code that is not the right kind
 * of leaf, or under an undeclared unit (its header cell), at its cell.
 */
function readNoteSheet(
  found: NonNullable<Found>,
  key: "reasons" | "explanations" | "evidence" | "selfNotes",
  { bi, problem, place, defer, formulaAt }: ScoreContext,
): { table: Record<string, Record<string, string>>; layout: GridLayout } | null {
  const { name: sheet, grid } = found;
  const h = findHeader(grid, [LABELS.code, LABELS.criterionName, LABELS.max]);
  if (!h) return (problem(sheet, null, 0, `không tìm thấy dòng tiêu đề «${LABELS.code} | ${LABELS.criterionName} | ${LABELS.max}»`), null);
  place(["blocks", bi, key], sheet, h.row, h.col);
  const header = grid[h.row] ?? [];
  const unitCols = dict<number>();
  const table = dict<Record<string, string>>();
  for (let c = h.col + 3; c < header.length; c++) {
    const code = cellText(header[c]);
    if (code === "") break; // a person's own columns stand after an empty column
    if (Object.hasOwn(unitCols, code)) problem(sheet, h.row, c, `mã đơn vị "${code}" xuất hiện hai lần`);
    unitCols[code] = c;
    place(["blocks", bi, key, code], sheet, h.row, c);
  }
  const units = Object.entries(unitCols);
  const criterionRows = dict<number>();
  let lastCriterionRow = h.row;
  const rowsToPlace: (string | number)[] = [];
  defer(() => {
    for (let k = 0; k < rowsToPlace.length; k += 2)
      for (const [unit, c] of units) place(["blocks", bi, key, unit, rowsToPlace[k] as string], sheet, rowsToPlace[k + 1] as number, c);
  });
  for (let r = h.row + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const code = cellText(row[h.col]);
    // The row of the units' names under their codes (as in «Điểm»): not notes.
    if (code === "" && labelKey(row[h.col + 1] ?? null) === labelKey(LABELS.unitName)) continue;
    const typed = units.filter(([, c]) => cellText(row[c]) !== "" || formulaAt(sheet, r, c) !== undefined);
    // Every cell of a criterion row is placed (when a problem asks): a missing reason is warned of at its own (empty) cell.
    if (isCriterionCode(code)) {
      rowsToPlace.push(code, r);
      criterionRows[code] ??= r;
      lastCriterionRow = r;
    }
    if (typed.length === 0) continue;
    if (!isCriterionCode(code)) {
      const [, c] = typed[0]!;
      problem(sheet, r, c, code === "" ? "ô có nội dung nhưng dòng thiếu mã tiêu chí" : `"${code}" không phải là mã tiêu chí`);
      continue;
    }
    for (const [unit, c] of typed) {
      const formula = formulaAt(sheet, r, c);
      if (formula !== undefined) {
        problem(sheet, r, c, uncalculatedFormulaMessage(formula));
        continue;
      }
      const texts = (table[unit] ??= dict<string>());
      if (Object.hasOwn(texts, code)) problem(sheet, r, h.col, `mã tiêu chí "${code}" xuất hiện hai lần`);
      // Text as typed (line breaks kept), NFC; a number or date cell as its text.
      const v = row[c];
      texts[code] = typeof v === "string" ? v.normalize("NFC").trim() : cellText(v);
    }
  }
  const layout: GridLayout = {
    sheet,
    headerRow: h.row,
    codeCol: h.col,
    maxCol: h.col + 2,
    unitCols,
    criterionRows,
    lastCriterionRow,
    markerRow: null,
    grid,
  };
  return { table, layout };
}

function readScoreSheet(
  found: Found,
  wanted: string,
  key: "scores" | "selfScores",
  { bi, criteria, criteriaRead, criteriaSheet, problem, place, defer, formulaAt }: ScoreContext,
): { table: Record<string, Record<string, unknown>>; layout: GridLayout } | null {
  const emptyIsError = key === "scores";
  if (!found) return (problem(wanted, null, 0, `thiếu sheet «${wanted}»`), null);
  const { name: sheet, grid } = found;
  const h = findHeader(grid, [LABELS.code, LABELS.criterionName, LABELS.max]);
  if (!h) return (problem(sheet, null, 0, `không tìm thấy dòng tiêu đề «${LABELS.code} | ${LABELS.criterionName} | ${LABELS.max}»`), null);
  const index = criteria ? criteriaIndex(criteria) : null;
  const header = grid[h.row] ?? [];
  const unitCols = dict<number>();
  const table = dict<Record<string, unknown>>();
  for (let c = h.col + 3; c < header.length; c++) {
    const code = cellText(header[c]);
    if (code === "") break; // a person's own columns stand after an empty column
    if (Object.hasOwn(unitCols, code)) problem(sheet, h.row, c, `mã đơn vị "${code}" xuất hiện hai lần`);
    unitCols[code] = c;
    table[code] = dict<unknown>();
    place(["blocks", bi, key, code], sheet, h.row, c);
  }
  const units = Object.entries(unitCols);
  const criterionRows = dict<number>();
  let markerRow: number | null = null;
  let lastCriterionRow = h.row;
  const marker = labelKey(LABELS.resultsMarker);
  // Leaf rows read, as code, row, code, row … (their score cells are placed only when a problem is).
  const leafRows: (string | number)[] = [];
  for (let r = h.row + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const code = cellText(row[h.col]);
    if (code !== "" && labelKey(code) === marker) {
      markerRow = r;
      break;
    }
    if (code === "") continue;
    if (!isCriterionCode(code)) {
      problem(sheet, r, h.col, `"${code}" không phải là mã tiêu chí`);
      continue;
    }
    if (Object.hasOwn(criterionRows, code)) problem(sheet, r, h.col, `mã tiêu chí "${code}" xuất hiện hai lần`);
    criterionRows[code] = r;
    lastCriterionRow = r;
    if (index === null) continue;
    const typed = () => units.filter(([, c]) => !blank(row[c]) || formulaAt(sheet, r, c) !== undefined);
    const setMax = index.max.get(code);
    if (setMax === undefined) {
      // A row the criteria set does not have: its scores would count for nothing.
      const cells = typed();
      if (cells.length > 0) {
        const [, c] = cells[0]!;
        problem(
          sheet,
          r,
          c,
          `tiêu chí "${code}" không có trong sheet «${criteriaSheet}» nên điểm ở dòng này không được tính ` +
            `(${cells.length} ô có điểm); thêm tiêu chí vào «${criteriaSheet}» hoặc xóa dòng`,
        );
      }
      continue;
    }
    const maxCell = row[h.col + 2] ?? null;
    if (criteriaRead && cellText(maxCell) !== "") {
      const written = cellNumber(maxCell);
      if (written === undefined || Math.abs(written - setMax) > 1e-9) {
        problem(
          sheet,
          r,
          h.col + 2,
          `điểm tối đa "${cellText(maxCell)}" khác điểm tối đa của tiêu chí "${code}" trong sheet «${criteriaSheet}» ` +
            `(${formatNumberVi(setMax, 3)}); điểm tối đa chỉ sửa ở sheet «${criteriaSheet}»`,
        );
      }
    }
    if (!index.leaves.has(code)) {
      const cells = typed();
      if (cells.length > 0) {
        const [, c] = cells[0]!;
        problem(sheet, r, c, `tiêu chí "${code}" là tiêu chí cha: không nhập điểm ở dòng này (điểm tính từ các tiêu chí thành phần)`);
      }
      continue;
    }
    leafRows.push(code, r);
    for (const [unit, c] of units) {
      const v = row[c] ?? null;
      if (formulaAt(sheet, r, c) !== undefined)
        table[unit]![code] = ""; // reported at its cell as an uncalculated formula
      else if (v === null || (typeof v === "string" && v.trim() === "")) {
        if (emptyIsError) table[unit]![code] = "";
      } else table[unit]![code] = v;
    }
  }
  defer(() => {
    for (let k = 0; k < leafRows.length; k += 2) {
      const code = leafRows[k] as string;
      const r = leafRows[k + 1] as number;
      for (const [unit, c] of units) {
        place(["blocks", bi, key, unit, code], sheet, r, c);
        // Until an evidence or notes sheet claims them, a unit's evidence and notes point at its self score.
        if (key === "selfScores") for (const k of ["evidence", "selfNotes"]) place(["blocks", bi, k, unit, code], sheet, r, c, true);
      }
    }
  });
  if (emptyIsError && index !== null) {
    for (const code of index.leaves) if (!Object.hasOwn(criterionRows, code)) problem(sheet, null, 0, `thiếu dòng tiêu chí "${code}"`);
  }
  if (!emptyIsError) {
    // Self scores: a unit whose column is wholly empty has given none (its `self` stays absent).
    for (const unit of Object.keys(table)) if (Object.keys(table[unit]!).length === 0) delete table[unit];
  }
  return {
    table,
    layout: { sheet, headerRow: h.row, codeCol: h.col, maxCol: h.col + 2, unitCols, criterionRows, lastCriterionRow, markerRow, grid },
  };
}

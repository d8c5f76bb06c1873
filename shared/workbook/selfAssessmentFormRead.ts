import { parseScore } from "../compute/parseScore.ts";
import { toNumber } from "../compute/hundredths.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";
import type { Problem } from "../problem.ts";
import { MAX_NOTE_LENGTH } from "../schema/inputSchema.ts";
import { labelKey } from "./labelKey.ts";
import { cellText, cellNumber, findHeader, plainGrids, uncalculatedFormulaMessage } from "./loadWorkbook.ts";
import { cellAddress, type ReadValue } from "./port.ts";
import { SELF_FORM_COL, SELF_FORM_COLUMNS, SELF_FORM_MARKER, SELF_FORM_MARKER_ANY, SELF_FORM_NOT_INPUT } from "./selfAssessmentForm.ts";

/** Where one leaf's three input cells stand in the form (A1 addresses). */
export interface FormCells {
  score: string;
  evidence: string;
  note: string;
}

/**
 * What a filled form says: block, unit, year and criteria set of its marker, and per appraised leaf the raw score
 * as typed, the evidence and the note (trimmed, only when not empty), with the cells they stand in.
 *
 * @example
 * const content: SelfAssessmentFormContent = {
 *   ok: true, blockId: "so", unitCode: "SGTVT", year: 2023, criteriaHash: "1a2b3c4d", markerCell: "H1",
 *   scores: { "1.1.1": "0,5" }, evidence: { "1.1.1": "KH số 12/KH-SGTVT ngày 05/01/2023" }, notes: {},
 *   cells: { "1.1.1": { score: "E9", evidence: "F9", note: "G9" } }, warnings: [],
 * };
 */
export type SelfAssessmentFormContent =
  | {
      ok: true;
      blockId: string;
      unitCode: string;
      year: number;
      criteriaHash: string;
      /** A1 address of the marker. */
      markerCell: string;
      /** Raw values as typed (a number, "3,5", "KĐG"), each already checked by `parseScore` against the row's maximum. */
      scores: Record<string, unknown>;
      evidence: Record<string, string>;
      notes: Record<string, string>;
      cells: Record<string, FormCells>;
      /** Values rounded to hundredths (more than 2 decimals), by cell. */
      warnings: Problem[];
    }
  | { ok: false; errors: Problem[] };

const isCriterionCode = (t: string): boolean => /^\d+(\.\d+)*$/.test(t);

/** What a form's marker says. */
export interface FormMarker {
  blockId: string;
  unitCode: string;
  year: number;
  criteriaHash: string;
  /** A1 address of the marker cell. */
  cell: string;
}

/**
 * Finds and reads a form's marker (normally H1) in the first 10 rows: block, unit, year, criteria set. Refuses a
 * sheet without one, an old form (version 1) and a marker that was edited.
 *
 * @example
 * readFormMarker(grid, "Phiếu TĐG - SGTVT"); // { ok: true, marker: { blockId: "so", unitCode: "SGTVT", year: 2023, criteriaHash: "…", cell: "H1" } }
 */
export function readFormMarker(
  grid: readonly (readonly ReadValue[])[],
  sheetName: string,
): { ok: true; marker: FormMarker } | { ok: false; errors: Problem[] } {
  let marker: { row: number; col: number; text: string } | null = null;
  for (let r = 0; r < Math.min(grid.length, 10) && marker === null; r++) {
    const line = grid[r] ?? [];
    for (let c = 0; c < line.length; c++) {
      const v = line[c];
      const t = typeof v === "string" ? cellText(v) : "";
      if (t.startsWith(SELF_FORM_MARKER_ANY)) {
        marker = { row: r, col: c, text: t };
        break;
      }
    }
  }
  if (marker === null) {
    return {
      ok: false,
      errors: [
        {
          path: sheetName,
          sheet: sheetName,
          message: "không phải phiếu tự đánh giá do công cụ tạo (thiếu dấu nhận diện ở ô H1); hãy tạo phiếu bằng «Tạo phiếu tự đánh giá»",
        },
      ],
    };
  }
  const cell = cellAddress(marker.row, marker.col);
  const wrong = (message: string) => ({ ok: false as const, errors: [{ path: `${sheetName}!${cell}`, sheet: sheetName, cell, message }] });
  const [version = "", blockId = "", unitCode = "", yearText = "", criteriaHash = ""] = marker.text.split("|");
  if (version !== SELF_FORM_MARKER) return wrong("phiếu theo mẫu cũ (không có năm và bộ tiêu chí); hãy tạo lại phiếu bằng công cụ này");
  const year = Number(yearText);
  if (blockId === "" || unitCode === "" || !Number.isInteger(year) || !/^[0-9a-f]{8}$/.test(criteriaHash)) {
    return wrong("dấu nhận diện của phiếu đã bị sửa; hãy tạo lại phiếu");
  }
  return { ok: true, marker: { blockId, unitCode, year, criteriaHash, cell } };
}

/**
 * Reads a form made by `buildSelfAssessmentForm` and filled by the agency, strictly: every score cell is checked
 * with `parseScore` against the maximum in its row, evidence and notes for length, grey cells must stay as made.
 * Every problem names its cell (`Phiếu TĐG - SGTVT!E12: 3,5 vượt điểm tối đa 3`). The form is found by its marker
 * (H1) and its header row, not by fixed addresses. Whether the form fits the workbook (year, criteria set, unit,
 * every row present) is `planSelfAssessmentImport`'s check.
 *
 * @example
 * const read = readSelfAssessmentForm(grid, "Phiếu TĐG - SGTVT");
 * if (read.ok) read.scores["1.1.1"]; // 0.5
 * else read.errors.map(formatProblem); // ["Phiếu TĐG - SGTVT!E12: 3,5 vượt điểm tối đa 3"]
 */
export function readSelfAssessmentForm(
  readGrid: readonly (readonly ReadValue[])[],
  sheetName: string,
  precision: 2 | 3 = 2,
): SelfAssessmentFormContent {
  const { grids, formulas } = plainGrids({ form: readGrid });
  const grid = grids.form ?? [];
  const formulaAt = (row: number, col: number): string | undefined => formulas.get("form")?.get(`${row},${col}`);
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const at = (row: number, col: number, message: string): Problem => {
    const cell = cellAddress(row, col);
    return { path: `${sheetName}!${cell}`, sheet: sheetName, cell, message };
  };
  const whole = (message: string): { ok: false; errors: Problem[] } => ({
    ok: false,
    errors: [{ path: sheetName, sheet: sheetName, message }],
  });

  const found = readFormMarker(grid, sheetName);
  if (!found.ok) return found;
  const { blockId, unitCode, year, criteriaHash, cell: markerCell } = found.marker;

  const header = findHeader(grid, SELF_FORM_COLUMNS);
  if (header === null) return whole(`không tìm thấy dòng tiêu đề «${SELF_FORM_COLUMNS.join(" | ")}»`);
  const { row: h, col: c0 } = header;
  const col = (k: keyof typeof SELF_FORM_COL): number => c0 + SELF_FORM_COL[k];

  const rows: { r: number; code: string }[] = [];
  for (let r = h + 1; r < grid.length; r++) {
    const line = grid[r] ?? [];
    const code = cellText(line[c0]);
    if (code === "") {
      for (const k of ["score", "evidence", "note"] as const) {
        if (cellText(line[col(k)]) !== "") errors.push(at(r, col(k), "dòng có dữ liệu nhưng thiếu mã tiêu chí"));
      }
      continue;
    }
    if (!isCriterionCode(code)) {
      errors.push(at(r, c0, `"${code}" không phải là mã tiêu chí`));
      continue;
    }
    rows.push({ r, code });
  }
  const codes = rows.map((x) => x.code);
  const seen = new Set<string>();
  const scores = Object.create(null) as Record<string, unknown>;
  const evidence = Object.create(null) as Record<string, string>;
  const notes = Object.create(null) as Record<string, string>;
  const cells = Object.create(null) as Record<string, FormCells>;
  for (const { r, code } of rows) {
    const line = grid[r] ?? [];
    const raw = line[col("score")] ?? null;
    if (seen.has(code)) {
      errors.push(at(r, c0, `mã tiêu chí "${code}" xuất hiện hai lần`));
      continue;
    }
    seen.add(code);
    const isLeaf = !codes.some((other) => other.startsWith(code + "."));
    const typed = cellText(raw);
    const evidenceText = cellText(line[col("evidence")]);
    const noteText = cellText(line[col("note")]);
    const greyText = (what: string) => {
      if (evidenceText !== "") errors.push(at(r, col("evidence"), `ô xám: ${what}, không ghi tài liệu kiểm chứng ở dòng này`));
      if (noteText !== "") errors.push(at(r, col("note"), `ô xám: ${what}, không ghi chú ở dòng này`));
    };
    if (!isLeaf) {
      if (typed !== "")
        errors.push(at(r, col("score"), `tiêu chí "${code}" là tiêu chí cha, không nhập điểm (điểm tính từ các tiêu chí thành phần)`));
      greyText(`tiêu chí "${code}" là tiêu chí cha`);
      continue;
    }
    if (formulaAt(r, col("score")) !== undefined) {
      errors.push(at(r, col("score"), uncalculatedFormulaMessage(formulaAt(r, col("score")) ?? "")));
      continue;
    }
    if (labelKey(typed).startsWith(labelKey(SELF_FORM_NOT_INPUT))) {
      greyText(`tiêu chí "${code}" không tự đánh giá`);
      continue;
    }
    const max = cellNumber(line[col("max")]);
    if (max === undefined) {
      errors.push(at(r, col("max"), `điểm tối đa "${cellText(line[col("max")])}" không phải là số`));
      continue;
    }
    // An empty cell is "chưa có điểm" (parseScore reads null as not applicable, so give it "").
    const parsed = parseScore(raw === null ? "" : raw, max, precision);
    if (parsed.kind === "error") errors.push(at(r, col("score"), parsed.message));
    else if (parsed.kind === "value" && parsed.rounded) {
      const shown = typeof raw === "number" ? typed.replace(".", ",") : typed;
      warnings.push(at(r, col("score"), `${shown} được làm tròn thành ${formatNumberVi(toNumber(parsed.hundredths, precision), precision)}`));
    }
    for (const [k, t, what] of [
      ["evidence", evidenceText, "tài liệu kiểm chứng"],
      ["note", noteText, "ghi chú"],
    ] as const) {
      if (t.length > MAX_NOTE_LENGTH) errors.push(at(r, col(k), `${what} dài ${t.length} ký tự, quá ${MAX_NOTE_LENGTH} ký tự`));
    }
    scores[code] = raw;
    if (evidenceText !== "") evidence[code] = evidenceText;
    if (noteText !== "") notes[code] = noteText;
    cells[code] = { score: cellAddress(r, col("score")), evidence: cellAddress(r, col("evidence")), note: cellAddress(r, col("note")) };
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, blockId, unitCode, year, criteriaHash, markerCell, scores, evidence, notes, cells, warnings };
}

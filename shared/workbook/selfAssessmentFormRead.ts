import { parseScore } from "../compute/parseScore.ts";
import { toNumber } from "../compute/hundredths.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";
import type { Problem } from "../problem.ts";
import { labelKey } from "./labelKey.ts";
import { cellText, cellNumber, plainGrids, uncalculatedFormulaMessage } from "./loadWorkbook.ts";
import { cellAddress, type ReadValue } from "./port.ts";
import { SELF_FORM_INPUT_LABEL, SELF_FORM_MARKER, SELF_FORM_NOT_INPUT } from "./selfAssessmentForm.ts";
import { LABELS } from "./workbookLabels.ts";

/**
 * What a filled form says: block, unit, and per appraised leaf the raw cell value and where it stands.
 *
 * @example
 * const content: SelfAssessmentFormContent = {
 *   ok: true, blockId: "so", unitCode: "SGTVT", scores: { "1.1.1": "0,5" }, cells: { "1.1.1": "D9" }, warnings: [],
 * };
 */
export type SelfAssessmentFormContent =
  | {
      ok: true;
      blockId: string;
      unitCode: string;
      /** Raw values as typed (a number, "3,5", "KĐG"), each already checked by `parseScore`. */
      scores: Record<string, unknown>;
      /** A1 address of each score in the form. */
      cells: Record<string, string>;
      /** Values rounded to `precision` decimals (they had more), by cell. */
      warnings: Problem[];
    }
  | { ok: false; errors: Problem[] };

const isCriterionCode = (t: string): boolean => /^\d+(\.\d+)*$/.test(t);

/**
 * Reads a form made by `buildSelfAssessmentForm` and filled by the agency. Every input cell is checked with
 * `parseScore` against the maximum in its row; every problem names its cell (`Phiếu TĐG - SGTVT!D12: 3,5 vượt
 * điểm tối đa 3`). The form is found by its marker (F1) and its header row, not by fixed addresses. Scores keep
 * `precision` decimals (`settings.precision` of the workbook, 2 by default).
 *
 * @example
 * const read = readSelfAssessmentForm(grid, "Phiếu TĐG - SGTVT");
 * if (read.ok) read.scores["1.1.1"]; // 0.5
 * else read.errors.map(formatProblem); // ["Phiếu TĐG - SGTVT!D12: 3,5 vượt điểm tối đa 3"]
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

  let marker: { blockId: string; unitCode: string } | null = null;
  for (let r = 0; r < Math.min(grid.length, 10) && marker === null; r++) {
    for (const v of grid[r] ?? []) {
      const t = cellText(v);
      if (!t.startsWith(SELF_FORM_MARKER + "|")) continue;
      const [, blockId = "", unitCode = ""] = t.split("|");
      if (blockId !== "" && unitCode !== "") marker = { blockId, unitCode };
      break;
    }
  }
  if (marker === null) {
    return {
      ok: false,
      errors: [
        {
          path: sheetName,
          sheet: sheetName,
          message: "không phải phiếu tự đánh giá do công cụ tạo (thiếu dấu nhận diện ở ô F1); hãy tạo phiếu bằng «Tạo phiếu tự đánh giá»",
        },
      ],
    };
  }

  const labels = [LABELS.code, LABELS.criterionName, LABELS.max, SELF_FORM_INPUT_LABEL].map(labelKey);
  let header: { row: number; col: number } | null = null;
  for (let r = 0; r < grid.length && header === null; r++) {
    const line = grid[r] ?? [];
    for (let c = 0; c + labels.length <= line.length; c++) {
      if (labels.every((l, k) => labelKey(line[c + k]) === l)) {
        header = { row: r, col: c };
        break;
      }
    }
  }
  if (header === null) {
    return {
      ok: false,
      errors: [
        {
          path: sheetName,
          sheet: sheetName,
          message: `không tìm thấy dòng tiêu đề «${LABELS.code} | ${LABELS.criterionName} | ${LABELS.max} | ${SELF_FORM_INPUT_LABEL}»`,
        },
      ],
    };
  }

  const { row: h, col: c0 } = header;
  const rows: { r: number; code: string }[] = [];
  for (let r = h + 1; r < grid.length; r++) {
    const line = grid[r] ?? [];
    const code = cellText(line[c0]);
    if (code === "") {
      if (cellText(line[c0 + 3]) !== "") errors.push(at(r, c0 + 3, "dòng có điểm nhưng thiếu mã tiêu chí"));
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
  const cells = Object.create(null) as Record<string, string>;
  for (const { r, code } of rows) {
    const line = grid[r] ?? [];
    const raw = line[c0 + 3] ?? null;
    if (seen.has(code)) {
      errors.push(at(r, c0, `mã tiêu chí "${code}" xuất hiện hai lần`));
      continue;
    }
    seen.add(code);
    const isLeaf = !codes.some((other) => other.startsWith(code + "."));
    const typed = cellText(raw);
    if (!isLeaf) {
      if (typed !== "")
        errors.push(at(r, c0 + 3, `tiêu chí "${code}" là tiêu chí cha, không nhập điểm (điểm tính từ các tiêu chí thành phần)`));
      continue;
    }
    if (formulaAt(r, c0 + 3) !== undefined) {
      errors.push(at(r, c0 + 3, uncalculatedFormulaMessage(formulaAt(r, c0 + 3) ?? "")));
      continue;
    }
    if (labelKey(typed).startsWith(labelKey(SELF_FORM_NOT_INPUT))) continue;
    const max = cellNumber(line[c0 + 2]);
    if (max === undefined) {
      errors.push(at(r, c0 + 2, `điểm tối đa "${cellText(line[c0 + 2])}" không phải là số`));
      continue;
    }
    // An empty cell is "chưa có điểm" (parseScore reads null as not applicable, so give it "").
    const parsed = parseScore(raw === null ? "" : raw, max, precision);
    if (parsed.kind === "error") {
      errors.push(at(r, c0 + 3, parsed.message));
      continue;
    }
    if (parsed.kind === "value" && parsed.rounded) {
      const shown = typeof raw === "number" ? typed.replace(".", ",") : typed;
      warnings.push(at(r, c0 + 3, `${shown} được làm tròn thành ${formatNumberVi(toNumber(parsed.hundredths, precision), precision)}`));
    }
    scores[code] = raw;
    cells[code] = cellAddress(r, c0 + 3);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, blockId: marker.blockId, unitCode: marker.unitCode, scores, cells, warnings };
}

import { parseScore } from "../compute/parseScore.ts";
import { toNumber } from "../compute/hundredths.ts";
import type { Problem } from "../problem.ts";
import { loadWorkbook, type LoadedWorkbook } from "./loadWorkbook.ts";
import type { CellValue, MaybePromise, SheetWrite, WorkbookPort } from "./port.ts";
import { buildSelfAssessmentForm, findUnitBlocks, SELF_FORM_PREFIX, selfAssessmentFormName } from "./selfAssessmentForm.ts";
import { readSelfAssessmentForm, type SelfAssessmentFormContent } from "./selfAssessmentFormRead.ts";
import { isInputSheet, sheetNames } from "./sheetNames.ts";
import { andThen } from "./andThen.ts";
import { LABELS } from "./workbookLabels.ts";

type Loaded = Extract<LoadedWorkbook, { ok: true }>;
type FormContent = Extract<SelfAssessmentFormContent, { ok: true }>;

/**
 * The write that copies a read form into the master workbook: mode `update`, one block, the unit's column of
 * the block's "Tự đánh giá - …" sheet from the first to the last criterion row. Appraised leaves get the form's
 * scores (numbers, or "KĐG"); every other cell of that column is written back as it was. Each score is checked
 * again against the master's criteria; nothing is planned when anything is wrong. A "KĐG" on a leaf that is not
 * "KĐG" in the final scores too is imported with a warning naming its cell: with it the unit gets no
 * "Điểm tự đánh giá" (interchange.md, details 9 and 15).
 *
 * @example
 * const plan = planSelfAssessmentImport(loaded, form, "Phiếu TĐG - SGTVT");
 * if (plan.ok) plan.write; // { sheet: "Tự đánh giá - Sở", mode: "update", blocks: [{ row: 4, col: 3, values: [[null], [0.5], …] }] }
 */
export function planSelfAssessmentImport(
  loaded: Loaded,
  form: FormContent,
  formSheet: string,
): { ok: true; write: SheetWrite; count: number; warnings: Problem[] } | { ok: false; errors: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const onForm = (message: string, cell?: string): Problem => ({ path: formSheet, sheet: formSheet, ...(cell ? { cell } : {}), message });
  const precision = loaded.input.settings?.precision ?? 2;
  const block = loaded.input.blocks.find((b) => b.id === form.blockId);
  if (block === undefined) return { ok: false, errors: [onForm(`khối «${form.blockId}» của phiếu không có trong sổ tính`, "F1")] };
  const unit = block.units.find((u) => u.code === form.unitCode);
  if (unit === undefined) {
    return {
      ok: false,
      errors: [onForm(`đơn vị «${form.unitCode}» của phiếu không có trong danh sách đơn vị khối «${block.name}»`, "F1")],
    };
  }
  const selfSheet = sheetNames(block.id).self;
  const layout = loaded.layout.blocks.find((b) => b.id === block.id)?.self ?? null;
  if (layout === null) return { ok: false, errors: [{ path: selfSheet, message: `thiếu sheet «${selfSheet}» để nhập điểm tự đánh giá` }] };
  const col = layout.unitCols[unit.code];
  if (col === undefined) {
    return {
      ok: false,
      errors: [
        {
          path: selfSheet,
          sheet: selfSheet,
          message: `sheet «${selfSheet}» chưa có cột của đơn vị «${unit.code}» (thêm mã đơn vị vào dòng tiêu đề)`,
        },
      ],
    };
  }

  const parents = new Set(block.criteria.map((c) => c.code.slice(0, Math.max(0, c.code.lastIndexOf(".")))));
  const appraised = block.criteria.filter((c) => !parents.has(c.code) && (c.method ?? "appraised") === "appraised");
  const wanted = new Set(appraised.map((c) => c.code));
  const finalScores = Object.hasOwn(block.scores, unit.code) ? block.scores[unit.code] : undefined;
  for (const code of Object.keys(form.scores)) {
    if (!wanted.has(code))
      errors.push(onForm(`tiêu chí "${code}" không phải tiêu chí thành phần tự đánh giá của khối «${block.name}»`, form.cells[code]));
  }
  const newValues = new Map<number, CellValue>();
  for (const c of appraised) {
    const row = layout.criterionRows[c.code];
    if (!Object.hasOwn(form.scores, c.code)) {
      errors.push(onForm(`phiếu thiếu tiêu chí "${c.code}"`));
      continue;
    }
    if (row === undefined) {
      errors.push({ path: selfSheet, sheet: selfSheet, message: `thiếu dòng tiêu chí "${c.code}"` });
      continue;
    }
    const raw = form.scores[c.code];
    const parsed = parseScore(raw === null ? "" : raw, c.max, precision);
    if (parsed.kind === "error") errors.push(onForm(parsed.message, form.cells[c.code]));
    else newValues.set(row, parsed.kind === "na" ? LABELS.notApplicable : toNumber(parsed.hundredths, precision));
    const final = finalScores !== undefined && Object.hasOwn(finalScores, c.code) ? finalScores[c.code] : "";
    if (parsed.kind === "na" && parseScore(final, c.max).kind !== "na") {
      warnings.push(
        onForm(
          `${LABELS.notApplicable} ở tiêu chí ${c.code}: đơn vị ${unit.code} chỉ có «Điểm tự đánh giá» nếu tiêu chí này cũng là ` +
            `${LABELS.notApplicable} ở sheet «${sheetNames(block.id).scores}» (điểm tự đánh giá tính trên đúng các tiêu chí được thẩm định)`,
          form.cells[c.code],
        ),
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const rows = Object.values(layout.criterionRows);
  const first = Math.min(...rows);
  const last = Math.max(...rows);
  const values: CellValue[][] = [];
  for (let r = first; r <= last; r++) values.push([newValues.has(r) ? newValues.get(r)! : (layout.grid[r]?.[col] ?? null)]);
  return { ok: true, write: { sheet: selfSheet, mode: "update", blocks: [{ row: first, col, values }] }, count: newValues.size, warnings };
}

/**
 * Reads the master workbook's input sheets (one list, one read) and, for a unit code, builds its form and
 * writes it as a new sheet. Refuses, writing nothing, when the code is unknown or the form sheet exists.
 *
 * @example
 * await createSelfAssessmentForm(port, "SGTVT"); // { ok: true, sheet: "Phiếu TĐG - SGTVT" }
 * await createSelfAssessmentForm(port, "XYZ"); // { ok: false, errors: [{ message: "không có đơn vị mã «XYZ» …" }] }
 */
export function createSelfAssessmentForm(
  port: WorkbookPort,
  unitCode: string,
): MaybePromise<{ ok: true; sheet: string } | { ok: false; errors: Problem[] }> {
  const code = unitCode.trim();
  type Outcome = { ok: true; sheet: string } | { ok: false; errors: Problem[] };
  return andThen(port.listSheets(), (names) =>
    andThen(port.readSheets(names.filter(isInputSheet)), (grids): MaybePromise<Outcome> => {
      const loaded = loadWorkbook(grids);
      if (!loaded.ok) return loaded;
      const blocks = findUnitBlocks(loaded.input, code);
      if (code === "" || blocks.length === 0) {
        const known = loaded.input.blocks.flatMap((b) => b.units.map((u) => u.code)).join(", ");
        return { ok: false, errors: [{ path: "unit", message: `không có đơn vị mã «${code}» trong sổ tính (các mã: ${known})` }] };
      }
      if (blocks.length > 1) {
        return {
          ok: false,
          errors: [
            {
              path: "unit",
              message: `mã đơn vị «${code}» có trong nhiều khối (${blocks.map((b) => b.name).join(", ")}); hãy đổi mã cho khác nhau`,
            },
          ],
        };
      }
      const sheet = selfAssessmentFormName(code);
      if (names.includes(sheet)) {
        return {
          ok: false,
          errors: [
            {
              path: sheet,
              sheet,
              message: `sheet «${sheet}» đã có; công cụ không ghi đè (đổi tên hoặc xóa sheet đó nếu muốn tạo phiếu mới)`,
            },
          ],
        };
      }
      return andThen(port.write([buildSelfAssessmentForm(loaded.input, blocks[0]!.id, code)]), () => ({ ok: true as const, sheet }));
    }),
  );
}

/**
 * Imports a filled form sheet into the master workbook's "Tự đánh giá - …" sheet: one list, one read (input
 * sheets and the form), one write of the unit's column. Nothing is written if anything is wrong.
 *
 * @example
 * await importSelfAssessmentForm(port, "Phiếu TĐG - SGTVT"); // { ok: true, unitCode: "SGTVT", sheet: "Tự đánh giá - Sở", count: 52, warnings: [] }
 */
export function importSelfAssessmentForm(
  port: WorkbookPort,
  formSheet: string,
): MaybePromise<{ ok: true; unitCode: string; sheet: string; count: number; warnings: Problem[] } | { ok: false; errors: Problem[] }> {
  type Outcome = { ok: true; unitCode: string; sheet: string; count: number; warnings: Problem[] } | { ok: false; errors: Problem[] };
  return andThen(port.listSheets(), (names): MaybePromise<Outcome> => {
    if (!names.includes(formSheet)) return { ok: false, errors: [{ path: formSheet, message: `không có sheet «${formSheet}»` }] };
    if (isInputSheet(formSheet)) {
      return {
        ok: false,
        errors: [
          {
            path: formSheet,
            sheet: formSheet,
            message: `sheet «${formSheet}» không phải phiếu tự đánh giá (mở sheet «${SELF_FORM_PREFIX}…» rồi chọn «Nhập phiếu»)`,
          },
        ],
      };
    }
    return andThen(port.readSheets([...names.filter(isInputSheet), formSheet]), (grids): MaybePromise<Outcome> => {
      const loaded = loadWorkbook(grids);
      const precision = loaded.ok ? (loaded.input.settings?.precision ?? 2) : 2;
      const form = readSelfAssessmentForm(grids[formSheet] ?? [], formSheet, precision);
      if (!form.ok) return form;
      if (!loaded.ok) return loaded;
      const plan = planSelfAssessmentImport(loaded, form, formSheet);
      if (!plan.ok) return plan;
      return andThen(port.write([plan.write]), () => ({
        ok: true as const,
        unitCode: form.unitCode,
        sheet: plan.write.sheet,
        count: plan.count,
        warnings: [...form.warnings, ...plan.warnings],
      }));
    });
  });
}

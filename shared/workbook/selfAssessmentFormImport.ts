import { missingEvidenceMessage } from "../compute/checkEvidence.ts";
import { parseScore } from "../compute/parseScore.ts";
import { toNumber } from "../compute/hundredths.ts";
import type { Problem } from "../problem.ts";
import type { Block, InputDocument, Unit } from "../schema/inputSchema.ts";
import { criteriaSetHash } from "./criteriaSetHash.ts";
import { fitRowHeights } from "./fitRowHeights.ts";
import { loadWorkbook, type GridLayout, type LoadedWorkbook } from "./loadWorkbook.ts";
import { planNoteSheet } from "./planInputSheets.ts";
import { sheetFinder } from "./sheetKey.ts";
import type { CellValue, MaybePromise, ReadValue, SheetWrite, WorkbookPort } from "./port.ts";
import { buildSelfAssessmentForm, findUnitBlocks, SELF_FORM_PREFIX } from "./selfAssessmentForm.ts";
import { readFormMarker, readSelfAssessmentForm, type FormMarker, type SelfAssessmentFormContent } from "./selfAssessmentFormRead.ts";
import { isInputSheet, sheetNames } from "./sheetNames.ts";
import { andThen } from "./andThen.ts";
import { LABELS } from "./workbookLabels.ts";

type Loaded = Extract<LoadedWorkbook, { ok: true }>;
type FormContent = Extract<SelfAssessmentFormContent, { ok: true }>;

/**
 * The writes that copy a read form into the master workbook (interchange.md, details 17 and 18; docs/workbook.md):
 * mode `update` of the unit's column in «Tự đánh giá - …» (scores), «Kiểm chứng - …» (evidence) and «Ghi chú TĐG -
 * …» (notes), from the first to the last criterion row: appraised leaves get the form's values (an empty evidence or
 * note clears the old one: a re-import replaces the unit's self-assessment whole), every other cell is written back
 * as it was. A notes sheet that is missing is created (the same shape, the other units' columns empty).
 * Refuses the whole form, naming the form's cells, when its year, criteria set, block or unit does not fit the
 * workbook, a row is missing, or a score is wrong. A self score above 0 without evidence is a warning at the
 * form's evidence cell, an error when «Bắt buộc tài liệu kiểm chứng» is on. A "KĐG" on a leaf that is not "KĐG" in
 * the final scores too is imported with a warning naming its cell (interchange.md, details 9 and 15).
 *
 * @example
 * const plan = planSelfAssessmentImport(loaded, form, "Phiếu TĐG - SGTVT");
 * if (plan.ok) plan.writes[0]; // { sheet: "Tự đánh giá - Sở", mode: "update", blocks: [{ row: 4, col: 3, values: [[null], [0.5], …] }] }
 */
export function planSelfAssessmentImport(
  loaded: Loaded,
  form: FormContent,
  formSheet: string,
): { ok: true; writes: SheetWrite[]; count: number; warnings: Problem[] } | { ok: false; errors: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const onForm = (message: string, cell?: string): Problem => ({ path: formSheet, sheet: formSheet, ...(cell ? { cell } : {}), message });
  const fit = checkFormMarker(loaded, { ...form, cell: form.markerCell }, formSheet);
  if (!fit.ok) return fit;
  const { block, unit } = fit;
  const names = sheetNames(block.id);
  const layouts = loaded.layout.blocks.find((b) => b.id === block.id);
  const layout = layouts?.self ?? null;
  if (layout === null)
    return { ok: false, errors: [{ path: names.self, message: `thiếu sheet «${names.self}» để nhập điểm tự đánh giá` }] };
  const col = layout.unitCols[unit.code];
  if (col === undefined) {
    return {
      ok: false,
      errors: [
        {
          path: names.self,
          sheet: names.self,
          message: `sheet «${names.self}» chưa có cột của đơn vị «${unit.code}» (thêm mã đơn vị vào dòng tiêu đề)`,
        },
      ],
    };
  }

  const parents = new Set(block.criteria.map((c) => c.code.slice(0, Math.max(0, c.code.lastIndexOf(".")))));
  const appraised = block.criteria.filter((c) => !parents.has(c.code) && (c.method ?? "appraised") === "appraised");
  const wanted = new Set(appraised.map((c) => c.code));
  const finalScores = Object.hasOwn(block.scores, unit.code) ? block.scores[unit.code] : undefined;
  const requireEvidence = loaded.input.settings?.requireEvidence === true;
  const precision = loaded.input.settings?.precision ?? 2;
  for (const code of Object.keys(form.scores)) {
    if (!wanted.has(code))
      errors.push(
        onForm(`tiêu chí "${code}" không phải tiêu chí thành phần tự đánh giá của khối «${block.name}»`, form.cells[code]?.score),
      );
  }
  const newValues = new Map<number, CellValue>();
  for (const c of appraised) {
    const row = layout.criterionRows[c.code];
    if (!Object.hasOwn(form.scores, c.code)) {
      errors.push(onForm(`phiếu thiếu dòng tiêu chí "${c.code}" (dòng đã bị xóa?); hãy dùng phiếu nguyên vẹn`));
      continue;
    }
    if (row === undefined) {
      errors.push({ path: names.self, sheet: names.self, message: `thiếu dòng tiêu chí "${c.code}"` });
      continue;
    }
    const raw = form.scores[c.code];
    const cells = form.cells[c.code];
    const parsed = parseScore(raw === null ? "" : raw, c.max, precision);
    if (parsed.kind === "error") errors.push(onForm(parsed.message, cells?.score));
    else newValues.set(row, parsed.kind === "na" ? LABELS.notApplicable : toNumber(parsed.hundredths, precision));
    if (parsed.kind === "value" && parsed.hundredths > 0 && !Object.hasOwn(form.evidence, c.code)) {
      (requireEvidence ? errors : warnings).push(
        onForm(missingEvidenceMessage(c.code, toNumber(parsed.hundredths, precision), precision), cells?.evidence),
      );
    }
    const final = finalScores !== undefined && Object.hasOwn(finalScores, c.code) ? finalScores[c.code] : "";
    if (parsed.kind === "na" && parseScore(final, c.max, precision).kind !== "na") {
      warnings.push(
        onForm(
          `${LABELS.notApplicable} ở tiêu chí ${c.code}: đơn vị ${unit.code} chỉ có «Điểm tự đánh giá» nếu tiêu chí này cũng là ` +
            `${LABELS.notApplicable} ở sheet «${names.scores}» (điểm tự đánh giá tính trên đúng các tiêu chí được thẩm định)`,
          cells?.score,
        ),
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const column = (grid: GridLayout, c: number, value: (code: string) => CellValue | undefined): SheetWrite => {
    const rows = Object.values(grid.criterionRows);
    const codeAt = new Map(Object.entries(grid.criterionRows).map(([code, r]) => [r, code]));
    const first = Math.min(...rows);
    const last = Math.max(...rows);
    const values: CellValue[][] = [];
    for (let r = first; r <= last; r++) {
      const code = codeAt.get(r);
      const v = code !== undefined && wanted.has(code) ? value(code) : undefined;
      values.push([v !== undefined ? v : (grid.grid[r]?.[c] ?? null)]);
    }
    return { sheet: grid.sheet, mode: "update", blocks: [{ row: first, col: c, values }] };
  };
  const writes: SheetWrite[] = [column(layout, col, (code) => newValues.get(layout.criterionRows[code] ?? -1))];
  for (const [kind, texts] of [
    ["evidence", form.evidence],
    ["selfNotes", form.notes],
  ] as const) {
    const noteLayout = layouts?.[kind] ?? null;
    const noteCol = noteLayout?.unitCols[unit.code];
    if (noteLayout !== null && noteCol !== undefined) {
      writes.push(column(noteLayout, noteCol, (code) => (Object.hasOwn(texts, code) ? texts[code]! : null)));
    } else if (noteLayout === null) {
      writes.push(fitRowHeights(planNoteSheet(block, kind, { [unit.code]: { ...texts } })));
    } else {
      return {
        ok: false,
        errors: [
          {
            path: noteLayout.sheet,
            sheet: noteLayout.sheet,
            message: `sheet «${noteLayout.sheet}» chưa có cột của đơn vị «${unit.code}» (thêm mã đơn vị vào dòng tiêu đề)`,
          },
        ],
      };
    }
  }
  return { ok: true, writes, count: newValues.size, warnings };
}

/**
 * Whether a form's marker fits the workbook: same year, a block and unit it has, the same criteria set. Checked
 * before the form's cells, so that a form of another year or unit is refused with one line at its marker cell.
 *
 * @example
 * checkFormMarker(loaded, marker, "Phiếu TĐG - SNV"); // { ok: false, errors: [{ cell: "H1", message: "phiếu của năm 2024, sổ tính của năm 2023 …" }] }
 */
export function checkFormMarker(
  loaded: Loaded,
  marker: FormMarker,
  formSheet: string,
): { ok: true; block: Block; unit: Unit } | { ok: false; errors: Problem[] } {
  const refuse = (message: string) => ({
    ok: false as const,
    errors: [{ path: `${formSheet}!${marker.cell}`, sheet: formSheet, cell: marker.cell, message }],
  });
  if (marker.year !== loaded.input.year) {
    return refuse(
      `phiếu của năm ${marker.year}, sổ tính của năm ${loaded.input.year}: hãy dùng phiếu tạo từ sổ tính năm ${loaded.input.year}`,
    );
  }
  const block = loaded.input.blocks.find((b) => b.id === marker.blockId);
  if (block === undefined) return refuse(`khối «${marker.blockId}» của phiếu không có trong sổ tính`);
  const unit = block.units.find((u) => u.code === marker.unitCode);
  if (unit === undefined) return refuse(`đơn vị «${marker.unitCode}» của phiếu không có trong danh sách đơn vị khối «${block.name}»`);
  if (marker.criteriaHash !== criteriaSetHash(block.criteria)) {
    return refuse(
      `phiếu được tạo từ một bộ tiêu chí khác bộ tiêu chí hiện nay của khối «${block.name}» (mã hoặc điểm tối đa khác); ` +
        "hãy tạo lại phiếu từ sổ tính này",
    );
  }
  return { ok: true, block, unit };
}

/**
 * The whole strict reading of one form sheet against a loaded workbook: marker (and its fit), then every cell,
 * then the plan of writes. Hosts call this one function.
 *
 * @example
 * const plan = planFormImport(loaded, grids["Phiếu TĐG - SGTVT"], "Phiếu TĐG - SGTVT");
 * if (plan.ok) await port.write(plan.writes);
 */
export function planFormImport(
  loaded: Loaded,
  grid: readonly (readonly ReadValue[])[],
  formSheet: string,
): { ok: true; form: FormContent; writes: SheetWrite[]; count: number; warnings: Problem[] } | { ok: false; errors: Problem[] } {
  const marker = readFormMarker(grid, formSheet);
  if (!marker.ok) return marker;
  const fit = checkFormMarker(loaded, marker.marker, formSheet);
  if (!fit.ok) return fit;
  const form = readSelfAssessmentForm(grid, formSheet, loaded.input.settings?.precision ?? 2);
  if (!form.ok) return form;
  const plan = planSelfAssessmentImport(loaded, form, formSheet);
  if (!plan.ok) return plan;
  return { ...plan, form, warnings: [...form.warnings, ...plan.warnings] };
}

/**
 * The forms of the units named (all units of every block when `codes` is empty), from a loaded workbook; refuses
 * an unknown code or a code found in two blocks.
 *
 * @example
 * planSelfAssessmentForms(loaded.input, ["SGTVT"]); // { ok: true, forms: [{ unitCode: "SGTVT", write: { sheet: "Phiếu TĐG - SGTVT", … } }] }
 */
export function planSelfAssessmentForms(
  input: InputDocument,
  codes: readonly string[],
): { ok: true; forms: { unitCode: string; write: SheetWrite }[] } | { ok: false; errors: Problem[] } {
  const wanted = codes.map((c) => c.trim()).filter((c) => c !== "");
  const list = wanted.length > 0 ? wanted : input.blocks.flatMap((b) => b.units.map((u) => u.code));
  const errors: Problem[] = [];
  const forms: { unitCode: string; write: SheetWrite }[] = [];
  const known = input.blocks.flatMap((b) => b.units.map((u) => u.code)).join(", ");
  for (const code of [...new Set(list)]) {
    const blocks = findUnitBlocks(input, code);
    if (blocks.length === 0) errors.push({ path: "unit", message: `không có đơn vị mã «${code}» trong sổ tính (các mã: ${known})` });
    else if (blocks.length > 1) {
      errors.push({
        path: "unit",
        message: `mã đơn vị «${code}» có trong nhiều khối (${blocks.map((b) => b.name).join(", ")}); hãy đổi mã cho khác nhau`,
      });
    } else forms.push({ unitCode: code, write: buildSelfAssessmentForm(input, blocks[0]!.id, code) });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, forms };
}

/**
 * Reads the master workbook's input sheets (one list, one read) and writes the forms of the units named (every
 * unit when none is named) as new sheets, in one write. Refuses, writing nothing, when a code is unknown or a form
 * sheet exists already.
 *
 * @example
 * await createSelfAssessmentForms(port, ["SGTVT"]); // { ok: true, sheets: ["Phiếu TĐG - SGTVT"] }
 * await createSelfAssessmentForms(port, ["XYZ"]); // { ok: false, errors: [{ message: "không có đơn vị mã «XYZ» …" }] }
 */
export function createSelfAssessmentForms(
  port: WorkbookPort,
  unitCodes: readonly string[],
): MaybePromise<{ ok: true; sheets: string[] } | { ok: false; errors: Problem[] }> {
  type Outcome = { ok: true; sheets: string[] } | { ok: false; errors: Problem[] };
  return andThen(port.listSheets(), (names) =>
    andThen(port.readSheets(names.filter(isInputSheet)), (grids): MaybePromise<Outcome> => {
      const loaded = loadWorkbook(grids);
      if (!loaded.ok) return loaded;
      const planned = planSelfAssessmentForms(loaded.input, unitCodes);
      if (!planned.ok) return planned;
      const existing = sheetFinder(names);
      const clashes = planned.forms.flatMap((f) => {
        const name = existing(f.write.sheet);
        return name === undefined ? [] : [name];
      });
      if (clashes.length > 0) {
        return {
          ok: false,
          errors: clashes.map((sheet) => ({
            path: sheet,
            sheet,
            message: `sheet «${sheet}» đã có; công cụ không ghi đè (đổi tên hoặc xóa sheet đó nếu muốn tạo phiếu mới)`,
          })),
        };
      }
      const writes = planned.forms.map((f) => f.write);
      return andThen(port.write(writes), () => ({ ok: true as const, sheets: writes.map((w) => w.sheet) }));
    }),
  );
}

/**
 * `createSelfAssessmentForms` for one unit.
 *
 * @example
 * await createSelfAssessmentForm(port, "SGTVT"); // { ok: true, sheet: "Phiếu TĐG - SGTVT" }
 */
export function createSelfAssessmentForm(
  port: WorkbookPort,
  unitCode: string,
): MaybePromise<{ ok: true; sheet: string } | { ok: false; errors: Problem[] }> {
  if (unitCode.trim() === "") return { ok: false, errors: [{ path: "unit", message: "chưa nhập mã đơn vị" }] };
  return andThen(createSelfAssessmentForms(port, [unitCode]), (o) => (o.ok ? { ok: true as const, sheet: o.sheets[0] ?? "" } : o));
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
      if (!loaded.ok) {
        // The form's own problems come first, as the agency can mend them; then the workbook's.
        const form = readSelfAssessmentForm(grids[formSheet] ?? [], formSheet);
        return form.ok ? loaded : form;
      }
      const plan = planFormImport(loaded, grids[formSheet] ?? [], formSheet);
      if (!plan.ok) return plan;
      return andThen(port.write(plan.writes), () => ({
        ok: true as const,
        unitCode: plan.form.unitCode,
        sheet: plan.writes[0]!.sheet,
        count: plan.count,
        warnings: plan.warnings,
      }));
    });
  });
}

/** What importing one form sheet gave. */
export type FormSheetOutcome =
  { sheet: string; ok: true; unitCode: string; count: number; warnings: Problem[] } | { sheet: string; ok: false; errors: Problem[] };

/**
 * Imports several form sheets of the workbook, each strictly and whole or not at all (a bad form is refused with
 * its problems, the others are imported): per form one read (input sheets and the form) and, when it is good, one
 * write of the unit's columns. Used where forms arrive as sheets inserted into the workbook (Excel's
 * `insertWorksheetsFromBase64`).
 *
 * @example
 * await importFormSheets(port, ["Phiếu TĐG - SGTVT", "Phiếu TĐG - SNV"]);
 * // [{ sheet: "Phiếu TĐG - SGTVT", ok: true, unitCode: "SGTVT", count: 70, warnings: [] }, { sheet: "Phiếu TĐG - SNV", ok: false, errors: [...] }]
 */
export function importFormSheets(port: WorkbookPort, formSheets: readonly string[]): MaybePromise<FormSheetOutcome[]> {
  return andThen(port.listSheets(), (names) => {
    const inputs = names.filter(isInputSheet);
    const results: FormSheetOutcome[] = [];
    const step = (i: number): MaybePromise<FormSheetOutcome[]> => {
      const sheet = formSheets[i];
      if (sheet === undefined) return results;
      return andThen(port.readSheets([...inputs, sheet]), (grids) => {
        const loaded = loadWorkbook(grids);
        const plan = loaded.ok ? planFormImport(loaded, grids[sheet] ?? [], sheet) : loaded;
        if (!plan.ok) {
          results.push({ sheet, ok: false, errors: plan.errors });
          return step(i + 1);
        }
        return andThen(port.write(plan.writes), () => {
          results.push({ sheet, ok: true, unitCode: plan.form.unitCode, count: plan.count, warnings: plan.warnings });
          return step(i + 1);
        });
      });
    };
    return step(0);
  });
}

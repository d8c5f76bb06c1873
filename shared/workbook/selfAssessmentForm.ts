import { formatNumberVi } from "../format/formatNumberVi.ts";
import type { Block, InputDocument } from "../schema/inputSchema.ts";
import type { CellStyle, CellValue, SheetWrite } from "./port.ts";
import { LABELS, METHOD_LABELS, NUMBER_FORMATS, numberFormats, STYLES } from "./workbookLabels.ts";
import { fitRowHeights } from "./fitRowHeights.ts";

/**
 * Sheet-name prefix of a self-assessment form.
 *
 * @example
 * SELF_FORM_PREFIX + "SGTVT"; // "Phiếu TĐG - SGTVT"
 */
export const SELF_FORM_PREFIX = "Phiếu TĐG - ";

/**
 * First part of the marker cell (F1) that identifies a form, its block and its unit.
 *
 * @example
 * `${SELF_FORM_MARKER}|so|SGTVT`; // "cchc-index:phieu-tdg/1|so|SGTVT"
 */
export const SELF_FORM_MARKER = "cchc-index:phieu-tdg/1";

/**
 * Header of the input column.
 *
 * @example
 * [LABELS.code, LABELS.criterionName, LABELS.max, SELF_FORM_INPUT_LABEL]; // ["Mã", "Tên tiêu chí", "Điểm tối đa", "Điểm tự đánh giá"]
 */
export const SELF_FORM_INPUT_LABEL = "Điểm tự đánh giá";

/**
 * Start of the text standing in the input column of a leaf the unit does not self-assess.
 *
 * @example
 * `${SELF_FORM_NOT_INPUT} (Điều tra XHH)`; // the greyed cell of a survey leaf
 */
export const SELF_FORM_NOT_INPUT = "Không tự đánh giá";

/**
 * The 0-based row of the criteria header (title, unit, block, instructions and a blank row above it).
 *
 * @example
 * buildSelfAssessmentForm(input, "so", "SGTVT").blocks[0]?.values[SELF_FORM_HEADER_ROW]?.[0]; // "Mã"
 */
export const SELF_FORM_HEADER_ROW = 5;

/**
 * Column (0-based) of the marker cell.
 *
 * @example
 * cellAddress(0, SELF_FORM_MARKER_COL); // "F1"
 */
export const SELF_FORM_MARKER_COL = 5;

/**
 * The name of a unit's form sheet.
 *
 * @example
 * selfAssessmentFormName("SGTVT"); // "Phiếu TĐG - SGTVT"
 */
export function selfAssessmentFormName(unitCode: string): string {
  return SELF_FORM_PREFIX + unitCode;
}

/**
 * The marker text put in cell F1 of a form.
 *
 * @example
 * selfAssessmentFormMarker("so", "SGTVT"); // "cchc-index:phieu-tdg/1|so|SGTVT"
 */
export function selfAssessmentFormMarker(blockId: string, unitCode: string): string {
  return `${SELF_FORM_MARKER}|${blockId}|${unitCode}`;
}

/**
 * The blocks of a document that have a unit with this code (normally one).
 *
 * @example
 * findUnitBlocks(sonLaExample(), "SGTVT").map((b) => b.id); // ["so"]
 * findUnitBlocks(sonLaExample(), "KHONGCO"); // []
 */
export function findUnitBlocks(input: InputDocument, unitCode: string): Block[] {
  return input.blocks.filter((b) => b.units.some((u) => u.code === unitCode));
}

const greyed: CellStyle = { ...STYLES.parentRow, bold: false, italic: true, color: "#7F7F7F" };
const markerStyle: CellStyle = { fontName: STYLES.plain.fontName, fontSize: 8, color: "#BFBFBF", numberFormat: NUMBER_FORMATS.text };
const text = (s: CellStyle): CellStyle => ({ ...s, numberFormat: NUMBER_FORMATS.text });
const scoreIn =
  (precision: 2 | 3) =>
  (s: CellStyle): CellStyle => ({ ...s, numberFormat: numberFormats(precision).score });

/**
 * A self-assessment form (phiếu tự đánh giá) for one unit, to send to the agency: title, unit and block, the
 * block's criteria (Mã, Tên tiêu chí, Điểm tối đa) and the input column "Điểm tự đánh giá", white and checked
 * (0 ≤ score ≤ maximum) on appraised leaves only; parent rows and survey/SIPAS leaves are grey and say why.
 * Cell F1 holds a small grey marker naming block and unit, read back by `readSelfAssessmentForm`.
 * Throws when the block or unit does not exist (callers check with `findUnitBlocks`).
 *
 * @example
 * const form = buildSelfAssessmentForm(sonLaExample(), "so", "SGTVT");
 * form.sheet; // "Phiếu TĐG - SGTVT"
 * form.blocks[0]?.values[5]; // ["Mã", "Tên tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", null, null]
 * form.blocks[0]?.values[0]?.[5]; // "cchc-index:phieu-tdg/1|so|SGTVT"
 * form.validations?.[0]; // { range: { row: 7, col: 3, rows: 1, cols: 1 }, min: 0, max: 0.5, help: "Nhập điểm từ 0 đến 0,5 …" }
 */
export function buildSelfAssessmentForm(input: InputDocument, blockId: string, unitCode: string): SheetWrite {
  const score = scoreIn(input.settings?.precision ?? 2);
  const block = input.blocks.find((b) => b.id === blockId);
  if (block === undefined) throw new Error(`không có khối «${blockId}»`);
  const unit = block.units.find((u) => u.code === unitCode);
  if (unit === undefined) throw new Error(`khối «${block.name}» không có đơn vị mã «${unitCode}»`);

  const width = SELF_FORM_MARKER_COL + 1;
  const values: CellValue[][] = [];
  const styles: (CellStyle | null)[][] = [];
  const add = (cells: CellValue[], style: (CellStyle | null)[] | CellStyle | null): number => {
    values.push(Array.from({ length: width }, (_, c) => cells[c] ?? null));
    styles.push(Array.from({ length: width }, (_, c) => (Array.isArray(style) ? (style[c] ?? null) : c < 4 ? style : null)));
    return values.length - 1;
  };

  add([`PHIẾU TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${input.year}`], STYLES.title);
  styles[0]![SELF_FORM_MARKER_COL] = markerStyle;
  values[0]![SELF_FORM_MARKER_COL] = selfAssessmentFormMarker(block.id, unit.code);
  add([`Đơn vị: ${unit.name} (mã ${unit.code})`], text({ ...STYLES.plain, bold: true }));
  add([`Khối: ${block.name}${input.province !== "" ? ` – tỉnh ${input.province}` : ""}`], text(STYLES.plain));
  add(
    [
      `Nhập điểm vào các ô trắng của cột «${SELF_FORM_INPUT_LABEL}»: số từ 0 đến điểm tối đa (3,5 hoặc 3.5), ` +
        `hoặc ${LABELS.notApplicable} nếu tiêu chí không đánh giá đối với đơn vị. Ô xám không nhập. Không đổi tên sheet, không sửa ô F1.`,
    ],
    text({ ...STYLES.note, wrap: true, vAlign: "top" }),
  );
  add([], null);
  add([LABELS.code, LABELS.criterionName, LABELS.max, SELF_FORM_INPUT_LABEL], text(STYLES.header));

  const parents = new Set(block.criteria.map((c) => c.code.slice(0, Math.max(0, c.code.lastIndexOf(".")))));
  const validations: NonNullable<SheetWrite["validations"]> = [];
  for (const c of block.criteria) {
    const isLeaf = !parents.has(c.code);
    const method = c.method ?? "appraised";
    if (!isLeaf) {
      add([c.code, c.name, c.max, null], [text(STYLES.parentRow), STYLES.parentRow, score(STYLES.parentRow), STYLES.parentRow]);
    } else if (method !== "appraised") {
      add(
        [c.code, c.name, c.max, `${SELF_FORM_NOT_INPUT} (${METHOD_LABELS[method]})`],
        [text(STYLES.input), STYLES.text, score(STYLES.input), text({ ...greyed, wrap: true })],
      );
    } else {
      const row = add(
        [c.code, c.name, c.max, null],
        [text(STYLES.input), STYLES.text, score(STYLES.input), score({ ...STYLES.input, fill: "#FFFFFF" })],
      );
      validations.push({
        range: { row, col: 3, rows: 1, cols: 1 },
        min: 0,
        max: c.max,
        help: `Nhập điểm từ 0 đến ${formatNumberVi(c.max, input.settings?.precision ?? 2)} (ví dụ 0,5), hoặc ${LABELS.notApplicable} nếu không đánh giá.`,
      });
    }
  }

  const full = (row: number) => ({ row, col: 0, rows: 1, cols: 4 });
  const rowHeights: (number | undefined)[] = [];
  rowHeights[3] = 48;
  return fitRowHeights({
    sheet: selfAssessmentFormName(unit.code),
    mode: "replace",
    blocks: [{ row: 0, col: 0, values, styles, merges: [full(0), full(1), full(2), full(3)], rowHeights }],
    validations,
    layout: {
      columnWidths: [10, 70, 12, 18, 2, 8],
      frozenRows: SELF_FORM_HEADER_ROW + 1,
      print: { orientation: "portrait", fitToWidth: true },
    },
  });
}

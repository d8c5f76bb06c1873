import { formatNumberVi } from "../format/formatNumberVi.ts";
import type { Block, InputDocument } from "../schema/inputSchema.ts";
import type { CellStyle, CellValue, SheetWrite } from "./port.ts";
import { LABELS, METHOD_LABELS, NUMBER_FORMATS, numberFormats, STYLES } from "./workbookLabels.ts";
import { fitRowHeights } from "./fitRowHeights.ts";
import { criteriaSetHash } from "./criteriaSetHash.ts";

/**
 * Sheet-name prefix of a self-assessment form.
 *
 * @example
 * SELF_FORM_PREFIX + "SGTVT"; // "Phiếu TĐG - SGTVT"
 */
export const SELF_FORM_PREFIX = "Phiếu TĐG - ";

/**
 * First part of the marker cell (H1) that identifies a form: version, block, unit, year and criteria set.
 *
 * @example
 * `${SELF_FORM_MARKER}|so|SGTVT|2023|1a2b3c4d`; // "cchc-index:phieu-tdg/2|so|SGTVT|2023|1a2b3c4d"
 */
export const SELF_FORM_MARKER = "cchc-index:phieu-tdg/2";

/**
 * Start of the marker of any version (an older form, without year and criteria set, is recognised and refused).
 *
 * @example
 * "cchc-index:phieu-tdg/1|so|SGTVT".startsWith(SELF_FORM_MARKER_ANY); // true
 */
export const SELF_FORM_MARKER_ANY = "cchc-index:phieu-tdg/";

/**
 * Header of the input column.
 *
 * @example
 * SELF_FORM_COLUMNS[SELF_FORM_COL.score]; // "Điểm tự đánh giá"
 */
export const SELF_FORM_INPUT_LABEL = "Điểm tự đánh giá";

/**
 * Start of the text standing in the input column of a leaf the unit does not self-assess.
 *
 * @example
 * SELF_FORM_NOT_INPUT; // the greyed score cell of a survey or SIPAS leaf
 */
export const SELF_FORM_NOT_INPUT = "Không tự đánh giá";

/**
 * The 0-based row of the criteria header (title, unit, block, two lines of instructions above it).
 *
 * @example
 * buildSelfAssessmentForm(input, "so", "SGTVT").blocks[0]?.values[SELF_FORM_HEADER_ROW]?.[0]; // "Mã"
 */
export const SELF_FORM_HEADER_ROW = 5;

/**
 * The form's columns (0-based), left to right: A Mã, B Tên tiêu chí, C Điểm tối đa, D Phương thức, E Điểm tự đánh
 * giá, F Tài liệu kiểm chứng, G Ghi chú; the marker stands in H1.
 *
 * @example
 * cellAddress(11, SELF_FORM_COL.score); // "E12"
 */
export const SELF_FORM_COL = { code: 0, name: 1, max: 2, method: 3, score: 4, evidence: 5, note: 6, marker: 7 } as const;

/**
 * Header labels of the form's criteria table, in column order (the reader finds the table by them).
 *
 * @example
 * SELF_FORM_COLUMNS.length; // 7
 */
export const SELF_FORM_COLUMNS = [
  LABELS.code,
  LABELS.criterionName,
  LABELS.max,
  LABELS.method,
  SELF_FORM_INPUT_LABEL,
  LABELS.evidence,
  LABELS.selfNote,
] as const;

/**
 * Column (0-based) of the marker cell.
 *
 * @example
 * cellAddress(0, SELF_FORM_MARKER_COL); // "H1"
 */
export const SELF_FORM_MARKER_COL = SELF_FORM_COL.marker;

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
 * The marker text put in cell H1 of a form: block, unit, year and the criteria set's fingerprint.
 *
 * @example
 * selfAssessmentFormMarker("so", "SGTVT", 2023, "1a2b3c4d"); // "cchc-index:phieu-tdg/2|so|SGTVT|2023|1a2b3c4d"
 */
export function selfAssessmentFormMarker(blockId: string, unitCode: string, year: number, criteriaHash: string): string {
  return `${SELF_FORM_MARKER}|${blockId}|${unitCode}|${year}|${criteriaHash}`;
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
const white: CellStyle = { ...STYLES.input, fill: "#FFFFFF" };

/**
 * A self-assessment form (phiếu tự đánh giá) for one unit, to send to the agency: title, unit and block, the
 * block's criteria (Mã, Tên tiêu chí, Điểm tối đa, Phương thức) and three white cells per appraised leaf: «Điểm tự
 * đánh giá» (checked 0 ≤ score ≤ maximum), «Tài liệu kiểm chứng» (số, ngày văn bản hoặc đường dẫn) and «Ghi chú».
 * Parent rows are grey headings; survey/SIPAS leaves are shown grey and say why nothing is typed. Cell H1 holds a
 * small grey marker naming block, unit, year and the criteria set (`criteriaSetHash`), read back by
 * `readSelfAssessmentForm`. Throws when the block or unit does not exist (callers check with `findUnitBlocks`).
 *
 * @example
 * const form = buildSelfAssessmentForm(sonLaExample(), "so", "SGTVT");
 * form.sheet; // "Phiếu TĐG - SGTVT"
 * form.blocks[0]?.values[5]?.slice(0, 7); // ["Mã", "Tên tiêu chí", "Điểm tối đa", "Phương thức", "Điểm tự đánh giá", "Tài liệu kiểm chứng", "Ghi chú"]
 * form.blocks[0]?.values[0]?.[7]; // "cchc-index:phieu-tdg/2|so|SGTVT|2023|…"
 * form.validations?.[0]; // { range: { row: 7, col: 4, rows: 1, cols: 1 }, min: 0, max: 0.5, help: "Nhập điểm từ 0 đến 0,5 …" }
 */
export function buildSelfAssessmentForm(input: InputDocument, blockId: string, unitCode: string): SheetWrite {
  const score = scoreIn(input.settings?.precision ?? 2);
  const block = input.blocks.find((b) => b.id === blockId);
  if (block === undefined) throw new Error(`không có khối «${blockId}»`);
  const unit = block.units.find((u) => u.code === unitCode);
  if (unit === undefined) throw new Error(`khối «${block.name}» không có đơn vị mã «${unitCode}»`);

  const width = SELF_FORM_MARKER_COL + 1;
  const tableCols = SELF_FORM_COLUMNS.length;
  const values: CellValue[][] = [];
  const styles: (CellStyle | null)[][] = [];
  const add = (cells: CellValue[], style: (CellStyle | null)[] | CellStyle | null): number => {
    values.push(Array.from({ length: width }, (_, c) => cells[c] ?? null));
    styles.push(Array.from({ length: width }, (_, c) => (Array.isArray(style) ? (style[c] ?? null) : c < tableCols ? style : null)));
    return values.length - 1;
  };

  add([`PHIẾU TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${input.year}`], STYLES.title);
  styles[0]![SELF_FORM_MARKER_COL] = markerStyle;
  values[0]![SELF_FORM_MARKER_COL] = selfAssessmentFormMarker(block.id, unit.code, input.year, criteriaSetHash(block.criteria));
  add([`Đơn vị: ${unit.name} (mã ${unit.code})`], text({ ...STYLES.plain, bold: true }));
  add([`Khối: ${block.name}${input.province !== "" ? ` – tỉnh ${input.province}` : ""}`], text(STYLES.plain));
  add(
    [
      `Nhập vào các ô trắng: «${SELF_FORM_INPUT_LABEL}» là số từ 0 đến điểm tối đa (3,5 hoặc 3.5), hoặc ${LABELS.notApplicable} nếu ` +
        `tiêu chí không đánh giá đối với đơn vị; «${LABELS.evidence}» ghi số, ngày văn bản hoặc đường dẫn (bắt buộc khi điểm lớn hơn 0); ` +
        `«${LABELS.selfNote}» nếu cần. Ô xám không nhập. Không đổi tên sheet, không thêm, xóa dòng, không sửa ô H1.`,
    ],
    text({ ...STYLES.note, wrap: true, vAlign: "top" }),
  );
  add([], null);
  add([...SELF_FORM_COLUMNS], text(STYLES.header));

  const parents = new Set(block.criteria.map((c) => c.code.slice(0, Math.max(0, c.code.lastIndexOf(".")))));
  const validations: NonNullable<SheetWrite["validations"]> = [];
  const wrapped = (s: CellStyle): CellStyle => text({ ...s, wrap: true, vAlign: "top" });
  for (const c of block.criteria) {
    const isLeaf = !parents.has(c.code);
    const method = c.method ?? "appraised";
    if (!isLeaf) {
      add(
        [c.code, c.name, c.max],
        [text(STYLES.parentRow), STYLES.parentRow, score(STYLES.parentRow), ...Array<CellStyle>(4).fill(STYLES.parentRow)],
      );
    } else if (method !== "appraised") {
      add(
        [c.code, c.name, c.max, METHOD_LABELS[method], SELF_FORM_NOT_INPUT],
        [
          text(greyed),
          { ...greyed, wrap: true },
          score(greyed),
          text({ ...greyed, wrap: true }),
          text({ ...greyed, wrap: true }),
          greyed,
          greyed,
        ],
      );
    } else {
      const row = add(
        [c.code, c.name, c.max, METHOD_LABELS[method]],
        [
          text(STYLES.input),
          STYLES.text,
          score(STYLES.input),
          text({ ...STYLES.input, wrap: true }),
          score(white),
          wrapped(white),
          wrapped(white),
        ],
      );
      validations.push({
        range: { row, col: SELF_FORM_COL.score, rows: 1, cols: 1 },
        min: 0,
        max: c.max,
        help: `Nhập điểm từ 0 đến ${formatNumberVi(c.max, input.settings?.precision ?? 2)} (ví dụ 0,5), hoặc ${LABELS.notApplicable} nếu không đánh giá.`,
      });
    }
  }

  const full = (row: number) => ({ row, col: 0, rows: 1, cols: tableCols });
  const rowHeights: (number | undefined)[] = [];
  rowHeights[3] = 48;
  return fitRowHeights({
    sheet: selfAssessmentFormName(unit.code),
    mode: "replace",
    blocks: [{ row: 0, col: 0, values, styles, merges: [full(0), full(1), full(2), full(3)], rowHeights }],
    validations,
    layout: {
      columnWidths: [9, 50, 9, 13, 12, 36, 24, 8],
      frozenRows: SELF_FORM_HEADER_ROW + 1,
      print: { orientation: "landscape", fitToWidth: true },
      printTitleRows: { row: SELF_FORM_HEADER_ROW, rows: 1 },
    },
  });
}

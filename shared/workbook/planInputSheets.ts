import type { Block, InputDocument } from "../schema/inputSchema.ts";
import { DEFAULT_GROUPS } from "../schema/inputSchema.ts";
import type { CellStyle, CellValue, SheetWrite } from "./port.ts";
import { INSTRUCTIONS_SHEET, SETTINGS_SHEET, sheetNames } from "./sheetNames.ts";
import { LABELS, METHOD_LABELS, NUMBER_FORMATS, OWNED_NOTE, STYLES } from "./workbookLabels.ts";
import { placeholderCriteriaNote } from "./templateSource.ts";
import { fitRowHeights } from "./fitRowHeights.ts";
import { EXCEL_LIMITS } from "./hostLimits.ts";

/** Rows above the header row of a criteria-by-unit score sheet (title, hint). */
export const SCORE_HEADER_ROW = 2;

/**
 * The sheets a person fills, made from a `cchc-index/1` document: instructions, settings, and per block the
 * criteria, units, final-score and self-assessment sheets, and the appraisal's note sheets (lý do trừ điểm,
 * giải trình). With `withScores: false` the score cells are left empty and both note sheets are made (a template
 * ready to fill); with `withScores: true` a note sheet is made when the block has its table. Each sheet is one
 * block of values with per-cell styles.
 *
 * @example
 * const plan = planInputSheets(sonLaExample, { withScores: false });
 * plan.map((s) => s.sheet); // ["Hướng dẫn", "Cài đặt", "Tiêu chí - Sở", "Đơn vị - Sở", "Điểm - Sở", "Tự đánh giá - Sở", "Kiểm chứng - Sở", "Ghi chú TĐG - Sở", …]
 */
export function planInputSheets(input: InputDocument, options: { withScores: boolean }): SheetWrite[] {
  const plan: SheetWrite[] = [planInstructions(input), planSettings(input)];
  for (const block of input.blocks) {
    const names = sheetNames(block.id);
    plan.push(planCriteriaSheet(block, names.criteria));
    plan.push(planUnitsSheet(block, names.units));
    plan.push(planScoreSheet(block, names.scores, options.withScores ? block.scores : undefined, "ĐIỂM ĐẠT SAU THẨM ĐỊNH"));
    plan.push(planScoreSheet(block, names.self, options.withScores ? (block.selfScores ?? {}) : undefined, "ĐIỂM TỰ ĐÁNH GIÁ", true));
    // The appraisal notes: always in a template; from a document only when it has them.
    if (!options.withScores || block.reasons !== undefined) plan.push(planNoteSheet(block, "reasons", block.reasons));
    if (!options.withScores || block.explanations !== undefined) plan.push(planNoteSheet(block, "explanations", block.explanations));
    // Evidence and the unit's notes of its self scores (filled by importing self-assessment forms).
    plan.push(planNoteSheet(block, "evidence", options.withScores ? block.evidence : undefined));
    plan.push(planNoteSheet(block, "selfNotes", options.withScores ? block.selfNotes : undefined));
  }
  return plan.map(fitRowHeights);
}

/** A grid builder: rows of values and the styles beside them. */
class Grid {
  values: CellValue[][] = [];
  styles: (CellStyle | null)[][] = [];
  constructor(readonly width: number) {}
  add(cells: CellValue[], style: CellStyle | null | (CellStyle | null)[]): number {
    const row: CellValue[] = [];
    const st: (CellStyle | null)[] = [];
    for (let c = 0; c < this.width; c++) {
      row.push(cells[c] ?? null);
      st.push(Array.isArray(style) ? (style[c] ?? null) : style);
    }
    this.values.push(row);
    this.styles.push(st);
    return this.values.length - 1;
  }
}

function sheet(name: string, grid: Grid, { widths, frozenRows }: { widths: number[]; frozenRows?: number }): SheetWrite {
  return {
    sheet: name,
    mode: "replace",
    blocks: [{ row: 0, col: 0, values: grid.values, styles: grid.styles }],
    layout: {
      columnWidths: widths,
      ...(frozenRows !== undefined ? { frozenRows } : {}),
      print: { orientation: widths.reduce((a, b) => a + b, 0) > 100 ? "landscape" : "portrait", fitToWidth: true },
    },
  };
}

const text = (s: CellStyle): CellStyle => ({ ...s, numberFormat: NUMBER_FORMATS.text });

function planInstructions(input: InputDocument): SheetWrite {
  const lines = [
    "HƯỚNG DẪN SỬ DỤNG SỔ TÍNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH",
    "",
    "1. Sheet «Cài đặt»: năm đánh giá, tỉnh, số và ngày quyết định công bố, các khối, bảng xếp nhóm (Nhóm A từ 90 …) và số chữ số thập phân của điểm, chỉ số (2 hoặc 3).",
    "2. Mỗi khối có 4 sheet: «Tiêu chí - …» (bộ tiêu chí: Mã, Tên tiêu chí, Điểm tối đa, Phương thức), «Đơn vị - …»",
    "   (Mã, Tên đơn vị, Chỉ số và Xếp hạng năm trước), «Điểm - …» (điểm đạt sau thẩm định: tiêu chí theo dòng, đơn vị theo cột)",
    "   và «Tự đánh giá - …» (điểm tự đánh giá, cùng dạng; có thể bỏ trống). Hai sheet tùy chọn, cùng dạng: «Kiểm chứng - …» và «Ghi chú TĐG - …» (tài liệu kiểm chứng và ghi chú của đơn vị cho từng điểm tự đánh giá, thường điền khi nhập phiếu); «Lý do trừ điểm - …»",
    "   (Hội đồng thẩm định ghi lý do ở tiêu chí có điểm thẩm định thấp hơn điểm tự đánh giá) và «Giải trình - …» (đơn vị giải trình).",
    "3. Nhập điểm vào các ô trắng của dòng tiêu chí thành phần: số như 3,5 hoặc 3.5; «KĐG» nếu tiêu chí không đánh giá",
    "   đối với đơn vị (không tính vào điểm và điểm tối đa). Ô trống là lỗi «chưa có điểm», không phải 0.",
    "4. Có thể chèn thêm dòng tiêu chí, thêm cột đơn vị (mã đơn vị ở dòng tiêu đề, khai báo ở sheet «Đơn vị»), đổi thứ tự sheet",
    "   và thêm sheet riêng: công cụ tìm bảng theo tiêu đề cột, không theo địa chỉ cố định. Cột riêng của bạn đặt sau một cột trống.",
    "5. Bấm «Tính lại xếp hạng»: công cụ kiểm tra toàn bộ dữ liệu (mọi lỗi được nêu kèm sheet và ô), rồi ghi kết quả vào vùng",
    "   «KẾT QUẢ» (nền vàng) dưới bảng điểm, các sheet «Biểu 1» … «Biểu 11» (khối thứ nhất trong «Cài đặt»), «Biểu 1a» … «Biểu 11a»",
    "   (khối thứ hai), «Biểu 1b» … «Biểu 11b» (khối thứ ba), «Chênh lệch TĐG» (a, b… theo khối có sheet Lý do trừ điểm",
    "   hoặc Giải trình: các tiêu chí có điểm thẩm định khác điểm tự đánh giá, kèm lý do và giải trình) và «Phân tích».",
    "6. Vùng nền vàng và các sheet Biểu, Chênh lệch TĐG, Phân tích do công cụ ghi lại toàn bộ mỗi lần tính: đừng sửa tay ở đó.",
    "   Công cụ không bao giờ ghi vào ô khác.",
  ];
  const notes = input.blocks.flatMap((b) => {
    const note = placeholderCriteriaNote(b);
    return note.length === 0 ? [] : ["", `7. Khối «${b.name}» (sheet «${sheetNames(b.id).criteria}»):`, ...note.map((l) => `   ${l}`)];
  });
  const grid = new Grid(1);
  lines.forEach((l, i) => grid.add([l], i === 0 ? { ...STYLES.title, hAlign: "left" } : STYLES.plain));
  notes.forEach((l) => grid.add([l], l === "" ? null : NOTE_STYLE));
  return sheet(INSTRUCTIONS_SHEET, grid, { widths: [130] });
}

/** A note a person must see (the commune block's borrowed criteria set): bold, dark red. */
const NOTE_STYLE: CellStyle = { ...STYLES.plain, bold: true, color: "#C00000" };

function planSettings(input: InputDocument): SheetWrite {
  // Two columns of settings; the blocks table adds last year's rank-movement counts, the groups table one column of
  // last year's counts per block (both optional: empty cells = not given).
  const grid = new Grid(Math.max(5, 2 + input.blocks.length));
  grid.add(["CÀI ĐẶT", null], STYLES.title);
  grid.add([null, null], null);
  grid.add([LABELS.settingKey, LABELS.settingValue], STYLES.header);
  grid.add([LABELS.year, input.year], STYLES.input);
  grid.add([LABELS.province, input.province], [STYLES.input, text(STYLES.input)]);
  grid.add([LABELS.decisionNumber, input.decision?.number ?? null], [STYLES.input, text(STYLES.input)]);
  grid.add(
    [LABELS.decisionDate, input.decision?.date !== undefined ? isoToVietnameseDate(input.decision.date) : null],
    [STYLES.input, text(STYLES.input)],
  );
  grid.add([null, null], null);
  grid.add([LABELS.blockId, LABELS.blockName, LABELS.previousUp, LABELS.previousHeld, LABELS.previousDown], STYLES.header);
  for (const b of input.blocks) {
    const m = b.previousRankMoves;
    grid.add(
      [b.id, b.name, m?.up ?? null, m?.held ?? null, m?.down ?? null],
      [text(STYLES.input), text(STYLES.input), STYLES.input, STYLES.input, STYLES.input],
    );
  }
  grid.add([null, null], null);
  grid.add([LABELS.groupName, LABELS.groupMin, ...input.blocks.map((b) => LABELS.previousGroupCount + b.id)], STYLES.header);
  for (const g of input.settings?.groups ?? DEFAULT_GROUPS) {
    const counts = input.blocks.map((b) => (b.previousGroupCounts === undefined ? null : (b.previousGroupCounts[g.name] ?? 0)));
    grid.add([g.name, g.min, ...counts], [text(STYLES.input), STYLES.input, ...counts.map(() => STYLES.input)]);
  }
  // Below the groups (an empty row ends their table), so that older workbooks without it keep their rows.
  grid.add([null, null], null);
  grid.add([LABELS.precision, input.settings?.precision ?? 2], STYLES.input);
  grid.add([LABELS.requireEvidence, input.settings?.requireEvidence === true ? LABELS.yes : LABELS.no], [STYLES.input, text(STYLES.input)]);
  return sheet(SETTINGS_SHEET, grid, { widths: [28, 40, ...Array.from({ length: grid.width - 2 }, () => 16)] });
}

/**
 * "2024-01-17" → "17/01/2024"; other text is kept as written.
 *
 * @example
 * isoToVietnameseDate("2024-01-17"); // "17/01/2024"
 */
export function isoToVietnameseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function planCriteriaSheet(block: Block, name: string): SheetWrite {
  const grid = new Grid(4);
  grid.add([`BỘ TIÊU CHÍ – ${block.name.toUpperCase()}`], STYLES.title);
  const note = placeholderCriteriaNote(block);
  for (const line of note) grid.add([line], NOTE_STYLE);
  grid.add([null], null);
  grid.add([LABELS.code, LABELS.criterionName, LABELS.max, LABELS.method], STYLES.header);
  const parents = new Set(block.criteria.map((c) => parentCode(c.code)));
  for (const c of block.criteria) {
    const isLeaf = !parents.has(c.code);
    const base = isLeaf ? STYLES.input : STYLES.parentRow;
    grid.add(
      [c.code, c.name, c.max, isLeaf ? METHOD_LABELS[c.method ?? "appraised"] : null],
      [text(base), { ...base, wrap: true }, base, base],
    );
  }
  return sheet(name, grid, { widths: [10, 70, 12, 18], frozenRows: 3 + note.length });
}

function planUnitsSheet(block: Block, name: string): SheetWrite {
  const grid = new Grid(4);
  grid.add([`DANH SÁCH ĐƠN VỊ – ${block.name.toUpperCase()}`], STYLES.title);
  grid.add([null], null);
  grid.add([LABELS.code, LABELS.unitName, LABELS.previousIndex, LABELS.previousRank], STYLES.header);
  for (const u of block.units) {
    grid.add(
      [u.code, u.name, u.previous?.index ?? null, u.previous?.rank ?? null],
      [text(STYLES.input), text(STYLES.input), STYLES.input, STYLES.input],
    );
  }
  return sheet(name, grid, { widths: [14, 45, 16, 16], frozenRows: 3 });
}

/**
 * The grid shared by the score and note sheets: title, hint, the header row (`Mã`, `Tên tiêu chí`, `Điểm tối đa`,
 * unit codes) and the units' names under it, then one row per criterion with one cell per unit: `unitCell` gives the
 * value of an input cell (a leaf for which `isInput` holds); other cells are grey and empty.
 */
function criteriaByUnitGrid(
  block: Block,
  title: string,
  hint: string,
  isInput: (c: Block["criteria"][number]) => boolean,
  unitCell: (criterion: string, unit: string) => CellValue,
  inputStyle: CellStyle,
): Grid {
  const units = block.units;
  const grid = new Grid(3 + units.length);
  grid.add([`${title} – ${block.name.toUpperCase()}`], { ...STYLES.title, hAlign: "left" });
  grid.add([hint], STYLES.note);
  grid.add([LABELS.code, LABELS.criterionName, LABELS.max, ...units.map((u) => u.code)], text(STYLES.header));
  grid.add(
    [null, LABELS.unitName, null, ...units.map((u) => u.name)],
    [
      STYLES.header,
      STYLES.header,
      STYLES.header,
      ...units.map(() => ({ ...STYLES.header, bold: false, italic: true, numberFormat: NUMBER_FORMATS.text })),
    ],
  );
  const parents = new Set(block.criteria.map((c) => parentCode(c.code)));
  for (const c of block.criteria) {
    const isLeaf = !parents.has(c.code);
    const inputCell = isLeaf && isInput(c);
    const cells: CellValue[] = [c.code, c.name, c.max];
    const styles: (CellStyle | null)[] = [
      text(isLeaf ? STYLES.input : STYLES.parentRow),
      isLeaf ? STYLES.text : STYLES.parentRow,
      isLeaf ? STYLES.input : STYLES.parentRow,
    ];
    for (const u of units) {
      cells.push(inputCell ? unitCell(c.code, u.code) : null);
      styles.push(inputCell ? inputStyle : STYLES.parentRow);
    }
    grid.add(cells, styles);
  }
  return grid;
}

function planScoreSheet(
  block: Block,
  name: string,
  scores: Record<string, Record<string, unknown>> | undefined,
  title: string,
  selfOnly = false,
): SheetWrite {
  const units = block.units;
  const grid = criteriaByUnitGrid(
    block,
    title,
    "Nhập điểm vào ô trắng: số (3,5 hoặc 3.5) hoặc KĐG nếu không đánh giá. Mã đơn vị ở dòng tiêu đề.",
    (c) => !selfOnly || (c.method ?? "appraised") === "appraised",
    (criterion, unit) => {
      const raw = scores?.[unit]?.[criterion];
      return raw === null ? LABELS.notApplicable : typeof raw === "number" || typeof raw === "string" ? raw : null;
    },
    STYLES.input,
  );
  grid.add([], null);
  const marker = grid.add([LABELS.resultsMarker, "Kết quả tính (vùng do công cụ ghi khi bấm Tính lại xếp hạng)"], STYLES.ownedLabel);
  const result = sheet(name, grid, { widths: [10, 60, 11, ...units.map(() => 12)], frozenRows: SCORE_HEADER_ROW + 2 });
  if (!selfOnly) {
    result.blocks.push({ row: marker, col: 0, values: [[LABELS.resultsMarker]], style: STYLES.ownedLabel, note: OWNED_NOTE });
    result.layout = { ...result.layout, frozenCols: 3 };
  } else {
    // The self-assessment sheet has no results area: drop the marker row.
    const first = result.blocks[0];
    if (first) {
      first.values = first.values.slice(0, marker - 1);
      first.styles = first.styles?.slice(0, marker - 1);
    }
    result.layout = { ...result.layout, frozenCols: 3 };
  }
  return result;
}

/** Titles and hints of the note sheets. */
const NOTE_SHEETS = {
  reasons: {
    title: "LÝ DO TRỪ ĐIỂM (HỘI ĐỒNG THẨM ĐỊNH)",
    hint:
      "Ghi lý do vào ô của đơn vị, ở dòng tiêu chí có điểm thẩm định thấp hơn điểm tự đánh giá (tối đa 2000 ký tự). " +
      "Mã đơn vị ở dòng tiêu đề.",
  },
  explanations: {
    title: "GIẢI TRÌNH CỦA ĐƠN VỊ",
    hint: "Đơn vị ghi giải trình vào ô của mình, ở dòng tiêu chí bị trừ điểm (tối đa 2000 ký tự). Mã đơn vị ở dòng tiêu đề.",
  },
  evidence: {
    title: "TÀI LIỆU KIỂM CHỨNG",
    hint: "Số, ngày văn bản hoặc đường dẫn tài liệu kiểm chứng của từng điểm tự đánh giá (tối đa 2000 ký tự). Mã đơn vị ở dòng tiêu đề.",
  },
  selfNotes: {
    title: "GHI CHÚ CỦA ĐƠN VỊ KHI TỰ ĐÁNH GIÁ",
    hint: "Ghi chú của đơn vị cho từng điểm tự đánh giá (tối đa 2000 ký tự). Mã đơn vị ở dòng tiêu đề.",
  },
} as const;

/** Width of a unit's column in a note sheet, in characters: a sentence or two per line. */
const NOTE_COLUMN_WIDTH = 32;

/** A note cell a person types in: wrapped text, top-aligned, kept as text (a typed "1.5" stays "1.5"). */
const NOTE_INPUT: CellStyle = { ...STYLES.input, vAlign: "top", wrap: true, numberFormat: NUMBER_FORMATS.text };

/**
 * A note sheet («Lý do trừ điểm - …», «Giải trình - …», «Kiểm chứng - …», «Ghi chú TĐG - …»): the shape of a score
 * sheet (criteria as rows, `Mã`, `Tên tiêu chí`, `Điểm tối đa`, one column per unit with its code in the header row
 * and its name below), wide wrapped cells for texts, only appraised leaves open for typing. No results area.
 *
 * @example
 * planNoteSheet(block, "evidence", { SGTVT: { "1.1.1": "KH số 12" } }).sheet; // "Kiểm chứng - Sở"
 */
export function planNoteSheet(
  block: Block,
  kind: keyof typeof NOTE_SHEETS,
  notes: Record<string, Record<string, string>> | undefined,
): SheetWrite {
  const name = sheetNames(block.id)[kind];
  const { title, hint } = NOTE_SHEETS[kind];
  const units = block.units;
  const grid = criteriaByUnitGrid(
    block,
    title,
    hint,
    (c) => (c.method ?? "appraised") === "appraised",
    (criterion, unit) => (notes !== undefined && Object.hasOwn(notes, unit) ? (notes[unit]?.[criterion] ?? null) : null),
    NOTE_INPUT,
  );
  const result = sheet(name, grid, { widths: [10, 45, 11, ...units.map(() => NOTE_COLUMN_WIDTH)], frozenRows: SCORE_HEADER_ROW + 2 });
  result.layout = { ...result.layout, frozenCols: 3 };
  // A long note (up to 2000 characters) would need a taller row than Excel allows: the row stops at 409 pt, the
  // whole text stays in the cell (the formula bar shows it; the «Chênh lệch TĐG» table splits it over rows).
  const fitted = fitRowHeights(result);
  return {
    ...fitted,
    blocks: fitted.blocks.map((b) =>
      b.rowHeights === undefined
        ? b
        : { ...b, rowHeights: b.rowHeights.map((h) => (h === undefined ? h : Math.min(h, EXCEL_LIMITS.maxRowHeight))) },
    ),
  };
}

/**
 * The parent code of a criteria code ("" for a field).
 *
 * @example
 * parentCode("1.2.3"); // "1.2"
 * parentCode("4"); // ""
 */
export function parentCode(code: string): string {
  const i = code.lastIndexOf(".");
  return i < 0 ? "" : code.slice(0, i);
}

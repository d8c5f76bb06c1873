import { sheetKey } from "./sheetKey.ts";

/**
 * Names of the workbook's sheets (see docs/workbook.md). Blocks `so` (khối sở), `xa` (khối xã, phường) and
 * `huyen` (khối huyện) get a Vietnamese suffix; any other block id gets its id as suffix.
 *
 * @example
 * sheetNames("so").scores; // "Điểm - Sở"
 * sheetNames("huyen").self; // "Tự đánh giá - Huyện"
 * sheetNames("so").reasons; // "Lý do trừ điểm - Sở"
 * sheetNames("so").evidence; // "Kiểm chứng - Sở"
 * sheetNames("so").selfNotes; // "Ghi chú TĐG - Sở"
 */
export function sheetNames(blockId: string): {
  criteria: string;
  units: string;
  scores: string;
  self: string;
  /** The appraisal council's reasons for each cut (lý do trừ điểm), optional. */
  reasons: string;
  /** The units' explanations (giải trình), optional. */
  explanations: string;
  /** Evidence (tài liệu kiểm chứng) of each self score, optional. */
  evidence: string;
  /** The unit's notes (ghi chú) of its self scores, optional. */
  selfNotes: string;
} {
  const suffix = blockSuffix(blockId);
  return {
    criteria: `Tiêu chí - ${suffix}`,
    units: `Đơn vị - ${suffix}`,
    scores: `Điểm - ${suffix}`,
    self: `Tự đánh giá - ${suffix}`,
    reasons: `Lý do trừ điểm - ${suffix}`,
    explanations: `Giải trình - ${suffix}`,
    evidence: `Kiểm chứng - ${suffix}`,
    selfNotes: `Ghi chú TĐG - ${suffix}`,
  };
}

/**
 * The short Vietnamese label of a block used in sheet names.
 *
 * @example
 * blockSuffix("so"); // "Sở"
 * blockSuffix("huyen"); // "Huyện"
 */
export function blockSuffix(blockId: string): string {
  if (blockId === "so") return "Sở";
  if (blockId === "huyen") return "Huyện";
  if (blockId === "xa") return "Xã";
  return blockId;
}

/** Prefixes of the input sheets of every block. */
const INPUT_PREFIXES = ["Tiêu chí - ", "Đơn vị - ", "Điểm - ", "Tự đánh giá - ", "Lý do trừ điểm - ", "Giải trình - ", "Kiểm chứng - ", "Ghi chú TĐG - "];

/**
 * Whether a sheet is one `loadWorkbook` reads: the settings sheet or an input sheet of some block.
 *
 * @example
 * isInputSheet("Điểm - Sở"); // true
 * isInputSheet("Biểu 1"); // false
 */
export function isInputSheet(name: string): boolean {
  const key = sheetKey(name);
  return key === sheetKey(SETTINGS_SHEET) || INPUT_PREFIXES.some((p) => key.startsWith(sheetKey(p)));
}

/** "biểu 4", "biểu 11a", "biểu 7b": a Biểu sheet name (see `bieuNumber`), as a `sheetKey`. */
const BIEU_KEY = new RegExp(`^${sheetKey("Biểu")} \\d{1,2}[a-z]?$`);

/** "chênh lệch tđg", "chênh lệch tđg a": a self-versus-appraised table's name (see `selfGapSheetName`), as a `sheetKey`. */
const SELF_GAP_KEY = new RegExp(`^${sheetKey("Chênh lệch TĐG")}( [a-z])?$`);

/**
 * The sheet of a block's table of differences between self and appraised scores (chênh lệch tự đánh giá và
 * thẩm định), named by the block's position like its Biểu: "" (first block), "a" (second), "b"…
 *
 * @example
 * selfGapSheetName(""); // "Chênh lệch TĐG"
 * selfGapSheetName("a"); // "Chênh lệch TĐG a"
 */
export function selfGapSheetName(suffix: string): string {
  return suffix === "" ? "Chênh lệch TĐG" : `Chênh lệch TĐG ${suffix}`;
}

/** "tổng quan", "tổng quan a"…: an overview sheet name (see `overviewSheetName`), as a `sheetKey`. */
const OVERVIEW_KEY = new RegExp(`^${sheetKey("Tổng quan")}( [a-z])?$`);

/**
 * Whether a sheet is one the tool generates whole (a Biểu, an overview, a «Chênh lệch TĐG» table or the
 * analysis), so a recalculation replaces it.
 * Names are compared as Excel compares them (any case, NFC or NFD): "biểu 3" is the tool's "Biểu 3".
 *
 * @example
 * isGeneratedSheet("Biểu 11a"); // true
 * isGeneratedSheet("biểu 4b"); // true
 * isGeneratedSheet("Chênh lệch TĐG a"); // true
 * isGeneratedSheet("Tổng quan a"); // true
 * isGeneratedSheet("Biểu tổng hợp"); // false
 * isGeneratedSheet("Điểm - Sở"); // false
 */
export function isGeneratedSheet(name: string): boolean {
  const key = sheetKey(name);
  return key === sheetKey(ANALYSIS_SHEET) || BIEU_KEY.test(key) || OVERVIEW_KEY.test(key) || SELF_GAP_KEY.test(key);
}

/** Prefixes of the notice sheets (`noticeSheetName`, `unitNoticeSheetName`), as `sheetKey`s. */
const NOTICE_KEYS = ["Thông báo kết quả - ", "Thông báo - "].map(sheetKey);

/**
 * Whether a sheet is a notice sheet the tool may have made ("Thông báo kết quả - …", "Thông báo - …", any case,
 * NFC or NFD). Not a `isGeneratedSheet`: a recalculation neither reads nor writes them; `writeNotices` replaces
 * one once its stamp is found in column A.
 *
 * @example
 * isNoticeSheet("Thông báo kết quả - Sở"); // true
 * isNoticeSheet("thông báo - SGTVT"); // true
 * isNoticeSheet("Thông báo"); // false
 */
export function isNoticeSheet(name: string): boolean {
  const key = sheetKey(name);
  return NOTICE_KEYS.some((p) => key.startsWith(p));
}

/**
 * The sheet holding the result notices (phiếu thông báo kết quả) of every unit of a block: "Thông báo kết quả"
 * and the block's suffix; a name longer than Excel's 31 characters takes the block's position instead.
 *
 * @example
 * noticeSheetName("so", 0); // "Thông báo kết quả - Sở"
 * noticeSheetName("huyen", 1); // "Thông báo kết quả - Huyện"
 * noticeSheetName("x".repeat(40), 2); // "Thông báo kết quả - 3"
 */
export function noticeSheetName(blockId: string, position: number): string {
  const name = `Thông báo kết quả - ${blockSuffix(blockId)}`;
  return name.length <= 31 && !/[\\/?*[\]:]/.test(name) ? name : `Thông báo kết quả - ${position + 1}`;
}

/**
 * The sheet holding one unit's result notice (Google Sheets, which cannot break pages: one sheet per unit to
 * print): "Thông báo - " and the unit's code, cut to Excel's 31 characters.
 *
 * @example
 * unitNoticeSheetName("SGTVT"); // "Thông báo - SGTVT"
 */
export function unitNoticeSheetName(unitCode: string): string {
  return `Thông báo - ${unitCode}`.slice(0, 31);
}

/** The settings sheet (năm, tỉnh, quyết định, khối, nhóm). */
export const SETTINGS_SHEET = "Cài đặt";
/** The instructions sheet, in Vietnamese. */
export const INSTRUCTIONS_SHEET = "Hướng dẫn";
/** The sheet with the written analysis (phần III), owned by the tool. */
export const ANALYSIS_SHEET = "Phân tích";

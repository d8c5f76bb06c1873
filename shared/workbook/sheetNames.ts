import { sheetKey } from "./sheetKey.ts";

/**
 * Names of the workbook's sheets (see docs/workbook.md). Blocks `so` (khối sở), `xa` (khối xã, phường) and
 * `huyen` (khối huyện) get a Vietnamese suffix; any other block id gets its id as suffix.
 *
 * @example
 * sheetNames("so").scores; // "Điểm - Sở"
 * sheetNames("huyen").self; // "Tự đánh giá - Huyện"
 * sheetNames("so").evidence; // "Kiểm chứng - Sở"
 * sheetNames("so").selfNotes; // "Ghi chú TĐG - Sở"
 */
export function sheetNames(blockId: string): {
  criteria: string;
  units: string;
  scores: string;
  self: string;
  evidence: string;
  selfNotes: string;
} {
  const suffix = blockSuffix(blockId);
  return {
    criteria: `Tiêu chí - ${suffix}`,
    units: `Đơn vị - ${suffix}`,
    scores: `Điểm - ${suffix}`,
    self: `Tự đánh giá - ${suffix}`,
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
const INPUT_PREFIXES = ["Tiêu chí - ", "Đơn vị - ", "Điểm - ", "Tự đánh giá - ", "Kiểm chứng - ", "Ghi chú TĐG - "];

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

/**
 * Whether a sheet is one the tool generates whole (a Biểu or the analysis), so a recalculation replaces it.
 * Names are compared as Excel compares them (any case, NFC or NFD): "biểu 3" is the tool's "Biểu 3".
 *
 * @example
 * isGeneratedSheet("Biểu 11a"); // true
 * isGeneratedSheet("biểu 4b"); // true
 * isGeneratedSheet("Biểu tổng hợp"); // false
 * isGeneratedSheet("Điểm - Sở"); // false
 */
export function isGeneratedSheet(name: string): boolean {
  const key = sheetKey(name);
  return key === sheetKey(ANALYSIS_SHEET) || BIEU_KEY.test(key);
}

/** The settings sheet (năm, tỉnh, quyết định, khối, nhóm). */
export const SETTINGS_SHEET = "Cài đặt";
/** The instructions sheet, in Vietnamese. */
export const INSTRUCTIONS_SHEET = "Hướng dẫn";
/** The sheet with the written analysis (phần III), owned by the tool. */
export const ANALYSIS_SHEET = "Phân tích";

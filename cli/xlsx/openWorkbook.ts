/**
 * Opens an .xlsx file as an exceljs workbook, with a Vietnamese error naming the file when it cannot.
 */
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";

/**
 * Reads the workbook at `path`.
 *
 * @example
 * const workbook = await openWorkbook("out/son-la-2023.xlsx");
 * await new XlsxHost(workbook).listSheets(); // ["Cài đặt", "Tiêu chí - Sở", …]
 */
export async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === "ENOENT"
        ? "không tìm thấy tệp"
        : code === "EACCES" || code === "EPERM"
          ? "không có quyền đọc tệp"
          : code === "EISDIR"
            ? "đây là một thư mục, không phải tệp"
            : error instanceof Error
              ? error.message
              : String(error);
    throw new Error(`Không mở được sổ tính ${path}: ${reason}`, { cause: error });
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Không mở được sổ tính ${path}: không đọc được tệp .xlsx (${detail})`, { cause: error });
  }
  return workbook;
}

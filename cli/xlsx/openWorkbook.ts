/**
 * Opening an .xlsx workbook: from bytes (`workbookFromBytes`, what a caller that reads the file itself wraps)
 * or from a path (`openWorkbook`), with a Vietnamese error naming the file when it cannot.
 */
import { readFile } from "node:fs/promises";
import { XlsxBook } from "./XlsxBook.ts";

/**
 * A workbook from .xlsx bytes. Throws an Error with a Vietnamese reason when the bytes are not a readable
 * workbook (not a ZIP, encrypted entries, an archive that would inflate past 500 MB, no workbook part).
 *
 * @example
 * const book = workbookFromBytes(readFileSync("book.xlsx"));
 */
export function workbookFromBytes(bytes: Uint8Array): XlsxBook {
  return XlsxBook.fromBytes(bytes);
}

/**
 * Reads the workbook at `path`.
 *
 * @example
 * const book = await openWorkbook("out/son-la-2023.xlsx");
 * await new XlsxHost(book).listSheets(); // ["Cài đặt", "Tiêu chí - Sở", …]
 */
export async function openWorkbook(path: string): Promise<XlsxBook> {
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
  try {
    return workbookFromBytes(bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Không mở được sổ tính ${path}: không đọc được tệp .xlsx (${detail})`, { cause: error });
  }
}

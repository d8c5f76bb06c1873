/**
 * Opens an .xlsx input safely: reads it ({@link readInputBytes}), checks its raw bytes
 * ({@link inspectXlsxBytes}: empty, encrypted, HTML, corrupt, zip bomb …) and only then hands it to the
 * engine; an engine failure on a file that passed the checks is a Vietnamese {@link FileProblem} too,
 * never the library's English text (`CCHC_DEBUG=1` shows it).
 */
import type { XlsxBook } from "../xlsx/XlsxBook.ts";
import { workbookFromBytes } from "../xlsx/openWorkbook.ts";
import { FileProblem } from "./fileProblem.ts";
import { inspectXlsxBytes } from "./inspectXlsx.ts";
import { readInputBytes } from "./readInputBytes.ts";

/**
 * The engine's workbook for the .xlsx at `path`, or a thrown {@link FileProblem}.
 *
 * @example
 * const workbook = await openXlsxChecked("BOOK.xlsx"); // throws "BOOK.xlsx: tệp có mật khẩu …" for an encrypted one
 */
export async function openXlsxChecked(path: string): Promise<XlsxBook> {
  const bytes = await readInputBytes(path);
  await inspectXlsxBytes(bytes, path);
  try {
    return workbookFromBytes(bytes);
  } catch (error) {
    throw new FileProblem(
      path,
      "không đọc được nội dung sổ tính (tệp hỏng, hoặc do chương trình khác ghi theo cách chưa hỗ trợ): hãy mở bằng Excel và lưu lại",
      {
        cause: error,
      },
    );
  }
}

import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { saveWorkbook } from "./saveWorkbook.ts";
import { XlsxBook } from "./XlsxBook.ts";
import { XlsxHost } from "./XlsxHost.ts";

/**
 * A new, empty workbook and its host.
 *
 * @example
 * const { workbook, host } = newWorkbook();
 * await createTemplate(host);
 */
export function newWorkbook(): { workbook: XlsxBook; host: XlsxHost } {
  const workbook = XlsxBook.create();
  return { workbook, host: new XlsxHost(workbook) };
}

/**
 * Saves a workbook to a path, creating its folder.
 *
 * @example
 * await writeNewBook(workbook, "out/book.xlsx");
 */
export async function writeNewBook(workbook: XlsxBook, path: string): Promise<void> {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  await saveWorkbook(workbook, path);
}

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

/**
 * Test helpers between exceljs (used by tests only, to build a person's workbook and to inspect a saved one
 * through an independent reader) and the tool's own .xlsx layer (`XlsxBook`).
 */
import ExcelJS from "exceljs";
import { XlsxBook } from "../cli/xlsx/XlsxBook.ts";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { formatProblem } from "../shared/problem.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";
import type { SheetWrite, WorkbookPort } from "../shared/workbook/port.ts";
import { recalculateWorkbook } from "../shared/workbook/recalculateWorkbook.ts";

/** The tool's book for an exceljs workbook (saved by exceljs, opened by the tool). */
export async function bookOf(wb: ExcelJS.Workbook): Promise<XlsxBook> {
  const bytes = await wb.xlsx.writeBuffer();
  return XlsxBook.fromBytes(new Uint8Array(bytes));
}

/** An exceljs workbook reading the tool's saved bytes (an independent reader for assertions). */
export async function excelOf(book: XlsxBook | Uint8Array): Promise<ExcelJS.Workbook> {
  const bytes = book instanceof Uint8Array ? book : book.toBytes();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  return wb;
}

/** A new book of the tool holding these empty sheets. */
export function emptyBook(...names: string[]): XlsxBook {
  const book = XlsxBook.create();
  names.forEach((name, i) => book.addSheet(name, i));
  return book;
}

/**
 * A new book holding only some sheets of the recalculation of `doc` (e.g. the Biểu alone, so that printing it
 * starts at the first Biểu): the template and the recalculation run on a scratch book, then the kept sheets of
 * the recalculation's plan are written into a fresh one.
 */
export async function planOnlyBook(doc: InputDocument, keep: (sheet: string) => boolean): Promise<XlsxBook> {
  const host = new XlsxHost(emptyBook());
  const made = await createTemplate(host, doc, { withScores: true });
  if (!made.ok) throw new Error(made.errors.map(formatProblem).join("\n"));
  let plan: readonly SheetWrite[] = [];
  const spy: WorkbookPort = {
    listSheets: () => host.listSheets(),
    readSheets: (names, options) => host.readSheets(names, options),
    write: (changes) => {
      plan = changes;
      return host.write(changes);
    },
  };
  const outcome = await recalculateWorkbook(spy);
  if (!outcome.ok) throw new Error(outcome.errors.map(formatProblem).slice(0, 5).join("\n"));
  const out = emptyBook();
  await new XlsxHost(out).write(plan.filter((w) => keep(w.sheet)));
  return out;
}

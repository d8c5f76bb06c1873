/**
 * Test helpers between exceljs (used by tests only, to build a person's workbook and to inspect a saved one
 * through an independent reader) and the tool's own .xlsx layer (`XlsxBook`).
 */
import ExcelJS from "exceljs";
import { XlsxBook } from "../cli/xlsx/XlsxBook.ts";

/** The tool's book for an exceljs workbook (saved by exceljs, opened by the tool). */
export async function bookOf(wb: ExcelJS.Workbook): Promise<XlsxBook> {
  const bytes = await wb.xlsx.writeBuffer();
  return XlsxBook.fromBytes(new Uint8Array(bytes as ArrayBuffer));
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

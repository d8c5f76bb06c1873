import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import ExcelJS from "exceljs";
import { saveWorkbook } from "./saveWorkbook.ts";
import { XlsxHost } from "./XlsxHost.ts";

/** A new, empty exceljs workbook and its host. */
export function newWorkbook(): { workbook: ExcelJS.Workbook; host: XlsxHost } {
  const workbook = new ExcelJS.Workbook();
  return { workbook, host: new XlsxHost(workbook) };
}

/** Saves a workbook to a path, creating its folder. */
export async function writeNewBook(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  await saveWorkbook(workbook, path);
}

/**
 * Saves an exceljs workbook deterministically and atomically.
 *
 * Deterministic: the document properties carry fixed dates and author, and the ZIP entries' DOS
 * timestamps (which exceljs/JSZip stamp with the clock) are rewritten to a fixed date, so the same
 * content always gives byte-identical files.
 * Atomic: the bytes go to a temporary file in the target's folder, which is then renamed over the
 * target; a failure leaves the old file (if any) as it was.
 */
import type ExcelJS from "exceljs";
import { randomBytes } from "node:crypto";
import { rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** The date written into document properties and ZIP entries: 2000-01-01 00:00 UTC. */
export const FIXED_SAVE_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

/** Author written into document properties. */
export const WORKBOOK_CREATOR = "cchc-index";

/**
 * The workbook as .xlsx bytes, identical for identical content.
 *
 * @example
 * const a = await workbookBytes(wb);
 * const b = await workbookBytes(wb);
 * Buffer.compare(a, b); // 0
 */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  workbook.creator = WORKBOOK_CREATOR;
  workbook.lastModifiedBy = WORKBOOK_CREATOR;
  workbook.created = FIXED_SAVE_DATE;
  workbook.modified = FIXED_SAVE_DATE;
  const data = await workbook.xlsx.writeBuffer();
  const bytes = Buffer.from(data);
  fixZipTimestamps(bytes, FIXED_SAVE_DATE);
  return bytes;
}

/**
 * Writes the workbook to `path` atomically (temporary file in the same folder, then rename).
 *
 * @example
 * await saveWorkbook(workbook, "out/son-la-2023.xlsx");
 */
export async function saveWorkbook(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await workbookBytes(workbook);
  } catch (error) {
    throw new Error(`Không lập được nội dung sổ tính ${path}: ${message(error)}`, { cause: error });
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, bytes, { flag: "wx" });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new Error(`Không ghi được sổ tính ${path}: ${message(error)}`, { cause: error });
  }
}

function message(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return "thư mục không tồn tại";
  if (code === "EACCES" || code === "EPERM") return "không có quyền ghi";
  if (code === "ENOSPC") return "hết chỗ trên đĩa";
  if (code === "EISDIR") return "đường dẫn là một thư mục";
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sets the DOS time/date of every entry of a ZIP archive (local headers and central directory) in place.
 * Throws if the bytes are not a well-formed ZIP.
 *
 * @example
 * fixZipTimestamps(bytes, new Date(Date.UTC(2000, 0, 1))); // entries now dated 2000-01-01 00:00
 */
export function fixZipTimestamps(bytes: Buffer, date: Date): void {
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  // End of central directory: signature 0x06054b50, searched from the end (a comment may follow it).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("tệp ZIP hỏng: không thấy mục lục cuối");
  const entries = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (bytes.readUInt32LE(p) !== 0x02014b50) throw new Error("tệp ZIP hỏng: mục lục trung tâm sai");
    bytes.writeUInt16LE(dosTime, p + 12);
    bytes.writeUInt16LE(dosDate, p + 14);
    const local = bytes.readUInt32LE(p + 42);
    if (bytes.readUInt32LE(local) !== 0x04034b50) throw new Error("tệp ZIP hỏng: đầu mục sai");
    bytes.writeUInt16LE(dosTime, local + 10);
    bytes.writeUInt16LE(dosDate, local + 12);
    p += 46 + bytes.readUInt16LE(p + 28) + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
}

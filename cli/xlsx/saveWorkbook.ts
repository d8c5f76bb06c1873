/**
 * Saves a workbook deterministically and atomically.
 *
 * Deterministic: parts are written in a fixed order and every ZIP entry is dated 2000-01-01, so the same content
 * always gives byte-identical files; parts the tool did not change keep their stored bytes.
 * Atomic: written through `writeFileAtomic` (a temporary file in the target's folder renamed over the target;
 * a failure leaves the old file, if any, as it was, and no temporary file).
 */
import { writeFileAtomic } from "../io/writeFileAtomic.ts";
import type { XlsxBook } from "./XlsxBook.ts";

/**
 * The workbook as .xlsx bytes, identical for identical content.
 *
 * @example
 * const a = await workbookBytes(book);
 * const b = await workbookBytes(book);
 * Buffer.compare(a, b); // 0
 */
export async function workbookBytes(workbook: XlsxBook): Promise<Buffer> {
  const bytes = workbook.toBytes();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Writes the workbook to `path` atomically (see `writeFileAtomic`).
 *
 * @example
 * await saveWorkbook(workbook, "out/son-la-2023.xlsx");
 */
export async function saveWorkbook(workbook: XlsxBook, path: string): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await workbookBytes(workbook);
  } catch (error) {
    throw new Error(`Không lập được nội dung sổ tính ${path}: ${message(error)}`, { cause: error });
  }
  await writeFileAtomic(path, bytes);
}

function message(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return "thư mục không tồn tại";
  if (code === "EACCES" || code === "EPERM") return "không có quyền ghi";
  if (code === "ENOSPC") return "hết chỗ trên đĩa";
  if (code === "EISDIR") return "đường dẫn là một thư mục";
  return error instanceof Error ? error.message : String(error);
}

import { open, stat } from "node:fs/promises";
import { FileProblem, fsReason } from "./fileProblem.ts";

/** Input files larger than this are refused before reading (no workbook or JSON of this tool comes close). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * Reads an input file the user named, refusing (with a {@link FileProblem}) a missing file, a folder, a
 * device or pipe, and a file above {@link MAX_INPUT_BYTES}, before reading it.
 *
 * @example
 * const bytes = await readInputBytes("BOOK.xlsx"); // Buffer, or throws FileProblem "BOOK.xlsx: không tìm thấy tệp"
 */
export async function readInputBytes(path: string, maxBytes = MAX_INPUT_BYTES): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new FileProblem(path, "đây là một thư mục, không phải tệp");
    if (!info.isFile()) throw new FileProblem(path, "không phải tệp thông thường (thiết bị, ống dẫn hoặc socket)");
    size = info.size;
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(path, fsReason(error, "read"), { cause: error });
  }
  if (size > maxBytes) {
    throw new FileProblem(path, `tệp quá lớn (${Math.round(size / 1048576)} MB; tối đa ${Math.round(maxBytes / 1048576)} MB)`);
  }
  try {
    const handle = await open(path, "r");
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new FileProblem(path, fsReason(error, "read"), { cause: error });
  }
}

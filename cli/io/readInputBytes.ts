import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { FileProblem, fsReason } from "./fileProblem.ts";

/** Input files larger than this are refused before reading (no workbook or JSON of this tool comes close). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** Reads a pipe or device (`<(cat in.json)`, /dev/stdin) up to `maxBytes`, refusing more. */
async function readStream(path: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = createReadStream(path);
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new FileProblem(path, `quá lớn (hơn ${Math.round(maxBytes / 1048576)} MB)`);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(path, fsReason(error, "read"), { cause: error });
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}

/**
 * Reads an input file the user named, refusing (with a {@link FileProblem}) a missing file, a folder, a
 * socket, and a file above {@link MAX_INPUT_BYTES} (checked before reading; a pipe such as `<(cat in.json)`
 * is read up to that bound).
 *
 * @example
 * const bytes = await readInputBytes("BOOK.xlsx"); // Buffer, or throws FileProblem "BOOK.xlsx: không tìm thấy tệp"
 */
export async function readInputBytes(path: string, maxBytes = MAX_INPUT_BYTES): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new FileProblem(path, "đây là một thư mục, không phải tệp");
    if (info.isFIFO() || info.isCharacterDevice()) return await readStream(path, maxBytes);
    if (!info.isFile()) throw new FileProblem(path, "không phải tệp thông thường");
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

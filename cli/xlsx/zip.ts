/**
 * A small ZIP reader and writer for .xlsx packages over node:zlib (no dependency).
 *
 * Reading keeps each entry's compressed bytes as they are; an entry is inflated only when its text is asked for,
 * and written back verbatim when it was not changed, so the parts the tool does not own stay byte-identical and
 * cost nothing to save. Inflation is bounded: the declared sizes of all entries, and the actual output of each
 * inflation, must stay under `maxInflatedBytes` (a ZIP bomb is refused before it fills memory).
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";

/** One entry of an archive: its compressed bytes as stored (method 0 = stored, 8 = deflate). */
export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  size: number;
  compressed: Uint8Array;
}

/** The default bound on the inflated size of a whole archive: 500 MB. */
export const MAX_INFLATED_BYTES = 500 * 1024 * 1024;

/** A ZIP that cannot be read, with a Vietnamese reason. */
export class ZipError extends Error {}

/**
 * The entries of a ZIP archive, in archive order, not inflated.
 *
 * @example
 * const entries = readZip(bytes); // [{ name: "[Content_Types].xml", method: 8, … }, …]
 */
export function readZip(bytes: Uint8Array, maxInflatedBytes = MAX_INFLATED_BYTES): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("không phải tệp ZIP (.xlsx) hợp lệ: không thấy mục lục cuối");
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  if (count === 0xffff || p === 0xffffffff) throw new ZipError("tệp ZIP64 quá lớn, không hỗ trợ");
  const entries: ZipEntry[] = [];
  let declared = 0;
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new ZipError("tệp ZIP hỏng: mục lục trung tâm sai");
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
    if ((flags & 1) !== 0) throw new ZipError("tệp có mật khẩu (mã hoá), không đọc được");
    if (method !== 0 && method !== 8) throw new ZipError(`phần ${name} nén theo cách không hỗ trợ (${method})`);
    declared += size;
    if (declared > maxInflatedBytes) {
      throw new ZipError(`giải nén vượt ${Math.round(maxInflatedBytes / 1048576)} MB (nghi là «bom ZIP»), từ chối đọc`);
    }
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw new ZipError("tệp ZIP hỏng: đầu mục sai");
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressedSize > bytes.length) throw new ZipError("tệp ZIP hỏng: bị cắt cụt");
    if (name.endsWith("/")) continue;
    entries.push({ name, method, crc, size, compressed: bytes.subarray(start, start + compressedSize) });
  }
  return entries;
}

/**
 * The inflated bytes of an entry. The output may not pass the entry's declared size (nor `max`).
 *
 * @example
 * const xml = new TextDecoder().decode(inflateEntry(entry));
 */
export function inflateEntry(entry: ZipEntry, max = MAX_INFLATED_BYTES): Uint8Array {
  if (entry.method === 0) return entry.compressed;
  try {
    return inflateRawSync(entry.compressed, { maxOutputLength: Math.max(1, Math.min(entry.size, max)) });
  } catch (error) {
    const tooBig = error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
    throw new ZipError(
      tooBig
        ? `phần ${entry.name} giải nén lớn hơn khai báo (nghi là «bom ZIP»), từ chối đọc`
        : `phần ${entry.name} hỏng, không giải nén được`,
    );
  }
}

/**
 * A stored entry for new content (deflated; tiny parts stored). Deflate level 1: the sheets of 300 units are
 * about 4 MB of XML, which level 1 packs about 5 times faster than the default level 6 for a file about 18 %
 * larger (measured on the 300-unit bench workbook: 585 kB instead of 497 kB).
 *
 * @example
 * const entry = zipEntry("xl/workbook.xml", new TextEncoder().encode(xml));
 */
export function zipEntry(name: string, data: Uint8Array): ZipEntry {
  const deflated = data.length < 64 ? undefined : deflateRawSync(data, { level: 1 });
  const useDeflate = deflated !== undefined && deflated.length < data.length;
  return { name, method: useDeflate ? 8 : 0, crc: crc32(data) >>> 0, size: data.length, compressed: useDeflate ? deflated : data };
}

/** DOS time and date of every entry written: 2000-01-01 00:00, so equal content gives equal bytes. */
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;

/**
 * An archive of these entries, in this order, dated 2000-01-01 (deterministic).
 *
 * @example
 * const bytes = writeZip(readZip(original)); // same entries, same compressed bytes
 */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  let total = 22;
  entries.forEach((e, i) => (total += 30 + 46 + 2 * (names[i] as Uint8Array).length + e.compressed.length));
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  entries.forEach((e, i) => {
    const name = names[i] as Uint8Array;
    const utf8 = /[^\x20-\x7e]/.test(e.name) ? 0x800 : 0;
    offsets.push(p);
    view.setUint32(p, 0x04034b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, utf8, true);
    view.setUint16(p + 8, e.method, true);
    view.setUint16(p + 10, DOS_TIME, true);
    view.setUint16(p + 12, DOS_DATE, true);
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, e.compressed.length, true);
    view.setUint32(p + 22, e.size, true);
    view.setUint16(p + 26, name.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(name, p + 30);
    out.set(e.compressed, p + 30 + name.length);
    p += 30 + name.length + e.compressed.length;
  });
  const central = p;
  entries.forEach((e, i) => {
    const name = names[i] as Uint8Array;
    const utf8 = /[^\x20-\x7e]/.test(e.name) ? 0x800 : 0;
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint16(p + 8, utf8, true);
    view.setUint16(p + 10, e.method, true);
    view.setUint16(p + 12, DOS_TIME, true);
    view.setUint16(p + 14, DOS_DATE, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, e.compressed.length, true);
    view.setUint32(p + 24, e.size, true);
    view.setUint32(p + 42, offsets[i] as number, true);
    view.setUint16(p + 28, name.length, true);
    out.set(name, p + 46);
    p += 46 + name.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - central, true);
  view.setUint32(p + 16, central, true);
  return out;
}

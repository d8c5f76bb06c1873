/**
 * Checks the raw bytes of a file said to be an .xlsx workbook before any spreadsheet library parses it, so
 * that whatever engine opens it next only sees a well-formed, bounded ZIP holding a spreadsheet. Refused,
 * each with a Vietnamese reason: an empty file; an encrypted workbook (OLE/CFB container) or an old .xls;
 * HTML, XML or other text saved as .xlsx; a truncated or corrupt ZIP (every entry is inflated once,
 * streamed, and its size and CRC checked); an archive that inflates past a bound or with an absurd ratio
 * (a "zip bomb"), refused before inflating anything; a ZIP that is not a spreadsheet (.docx, .ods, .xlsb).
 */
import { createInflateRaw, crc32 as zlibCrc32, inflateRawSync } from "node:zlib";
import { FileProblem } from "./fileProblem.ts";

/** Bounds of what an .xlsx may inflate to. */
export interface XlsxLimits {
  /** Sum of the declared uncompressed sizes of all entries. */
  maxUncompressedTotal: number;
  /** Largest uncompressed/compressed ratio of one entry … */
  maxEntryRatio: number;
  /** … counted only for entries at least this large uncompressed. */
  ratioFloor: number;
  /** Number of ZIP entries. */
  maxEntries: number;
}

/** The default bounds: 256 MB inflated in all, ratio 500 for entries of 1 MB or more, 20 000 entries. */
export const XLSX_LIMITS: XlsxLimits = {
  maxUncompressedTotal: 256 * 1024 * 1024,
  maxEntryRatio: 500,
  ratioFloor: 1024 * 1024,
  maxEntries: 20_000,
};

/** One entry of a ZIP central directory, with where its data starts in the file. */
export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the local header. */
  localOffset: number;
  /** Offset of the (compressed) data. */
  dataStart: number;
}

const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");

class Corrupt extends Error {}

function u16(b: Buffer, at: number): number {
  if (at + 2 > b.length) throw new Corrupt("dữ liệu bị cắt cụt");
  return b.readUInt16LE(at);
}
function u32(b: Buffer, at: number): number {
  if (at + 4 > b.length) throw new Corrupt("dữ liệu bị cắt cụt");
  return b.readUInt32LE(at);
}
function u64(b: Buffer, at: number): number {
  if (at + 8 > b.length) throw new Corrupt("dữ liệu bị cắt cụt");
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Corrupt("kích thước ZIP64 vô lý");
  return Number(v);
}

/**
 * The entries of a ZIP archive, read from its central directory (ZIP64 included); throws an Error with a
 * Vietnamese reason when the directory is missing, truncated or points outside the file.
 *
 * @example
 * listZipEntries(readFileSync("BOOK.xlsx")).map((e) => e.name); // ["[Content_Types].xml", "_rels/.rels", …]
 */
export function listZipEntries(bytes: Buffer): ZipEntryInfo[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50 && i + 22 + bytes.readUInt16LE(i + 20) <= bytes.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Corrupt("không thấy mục lục cuối tệp ZIP, tệp bị cắt cụt hoặc hỏng");
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0) throw new Corrupt("tệp ZIP chia nhiều phần, không hỗ trợ");
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== 0x07064b50) throw new Corrupt("mục lục ZIP64 bị thiếu");
    const z = u64(bytes, locator + 8);
    if (u32(bytes, z) !== 0x06064b50) throw new Corrupt("mục lục ZIP64 sai");
    count = u64(bytes, z + 32);
    cdSize = u64(bytes, z + 40);
    cdOffset = u64(bytes, z + 48);
  }
  if (cdOffset + cdSize > bytes.length) throw new Corrupt("mục lục ZIP trỏ ra ngoài tệp, tệp bị cắt cụt hoặc hỏng");
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (u32(bytes, p) !== 0x02014b50) throw new Corrupt("mục lục ZIP bị hỏng");
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    let compressedSize = u32(bytes, p + 20);
    let uncompressedSize = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    if (p + 46 + nameLength > bytes.length) throw new Corrupt("mục lục ZIP bị cắt cụt");
    const rawName = bytes.subarray(p + 46, p + 46 + nameLength);
    const name = rawName.toString(flags & 0x800 ? "utf8" : "latin1");
    // ZIP64 extended information: the 8-byte values of the fields that hold 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = u16(bytes, e);
      const size = u16(bytes, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = u64(bytes, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(bytes, q);
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(bytes, q);
      }
      e += 4 + size;
    }
    if (u32(bytes, localOffset) !== 0x04034b50) throw new Corrupt(`phần «${name}» không có đầu mục, tệp bị hỏng`);
    const dataStart = localOffset + 30 + u16(bytes, localOffset + 26) + u16(bytes, localOffset + 28);
    if (dataStart + compressedSize > bytes.length) throw new Corrupt(`phần «${name}» bị cắt cụt`);
    entries.push({ name, method, flags, crc32: crc, compressedSize, uncompressedSize, localOffset, dataStart });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The inflated bytes of one (small) entry, at most `maxBytes`; throws when it inflates past that.
 *
 * @example
 * readZipEntry(bytes, entries.find((e) => e.name === "[Content_Types].xml")!).toString("utf8");
 */
export function readZipEntry(bytes: Buffer, entry: ZipEntryInfo, maxBytes = 16 * 1024 * 1024): Buffer {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method !== 8) throw new Corrupt(`phần «${entry.name}» nén bằng phương pháp không hỗ trợ (mã ${entry.method})`);
  return inflateRawSync(data, { maxOutputLength: Math.max(1, Math.min(maxBytes, entry.uncompressedSize)) });
}

const crc32: ((data: Uint8Array, value?: number) => number) | undefined = typeof zlibCrc32 === "function" ? zlibCrc32 : undefined;

/**
 * Inflates one entry as a stream, keeping only a running size and CRC (peak memory: one chunk), and
 * throws when it is corrupt, inflates past its declared size, or its CRC does not match.
 */
async function verifyEntry(bytes: Buffer, entry: ZipEntryInfo): Promise<void> {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw new Corrupt(`phần «${entry.name}» có kích thước sai`);
    if (crc32 !== undefined && crc32(data) >>> 0 !== entry.crc32) throw new Corrupt(`phần «${entry.name}» sai mã kiểm tra (CRC)`);
    return;
  }
  if (entry.method !== 8) throw new Corrupt(`phần «${entry.name}» nén bằng phương pháp không hỗ trợ (mã ${entry.method})`);
  await new Promise<void>((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    let crc = 0;
    let settled = false;
    const fail = (reason: Error): void => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      reject(reason);
    };
    inflate.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > entry.uncompressedSize) {
        fail(
          new Corrupt(
            `phần «${entry.name}» giải nén ra nhiều hơn kích thước khai báo (${entry.uncompressedSize} byte): tệp hỏng hoặc là «bom nén»`,
          ),
        );
        return;
      }
      if (crc32 !== undefined) crc = crc32(chunk, crc);
    });
    inflate.on("error", () => fail(new Corrupt(`phần «${entry.name}» không giải nén được, tệp bị hỏng`)));
    inflate.on("end", () => {
      if (settled) return;
      if (size !== entry.uncompressedSize) return fail(new Corrupt(`phần «${entry.name}» có kích thước sai, tệp bị hỏng`));
      if (crc32 !== undefined && crc >>> 0 !== entry.crc32)
        return fail(new Corrupt(`phần «${entry.name}» sai mã kiểm tra (CRC), tệp bị hỏng`));
      settled = true;
      resolve();
    });
    // Feed in slices so a large entry is not handed to zlib at once (back-pressure is not needed: output is discarded).
    const step = 1024 * 1024;
    for (let at = 0; at < data.length; at += step) inflate.write(data.subarray(at, Math.min(data.length, at + step)));
    inflate.end();
  });
}

function startsWithText(bytes: Buffer): string | undefined {
  let text = bytes.subarray(0, 512).toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.trimStart();
  return text === "" ? undefined : text;
}

/** Why bytes that are not a ZIP are not an .xlsx. */
function notZipReason(bytes: Buffer): string {
  if (bytes.length === 0) return "tệp trống (0 byte), không phải sổ tính Excel";
  if (bytes.subarray(0, 8).equals(CFB_SIGNATURE)) {
    if (bytes.includes(ENCRYPTED_PACKAGE) || bytes.includes(ENCRYPTION_INFO)) {
      return "tệp có mật khẩu (sổ tính đã mã hóa): hãy mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu), lưu lại rồi chạy lại";
    }
    return "tệp Excel 97–2003 (.xls) hoặc định dạng Office cũ, không phải .xlsx: hãy mở bằng Excel và lưu lại dạng Sổ làm việc Excel (.xlsx)";
  }
  if (bytes.subarray(0, 4).toString("latin1") === "PK\x05\x06") return "tệp ZIP rỗng, không phải sổ tính Excel";
  const text = startsWithText(bytes);
  if (text !== undefined && /^<(!doctype\s+html|html|head|body|meta|table)\b/i.test(text)) {
    return "tệp là trang web (HTML) đặt tên .xlsx, không phải sổ tính Excel: hãy mở bằng Excel và lưu lại dạng .xlsx";
  }
  if (text !== undefined && text.startsWith("<")) {
    return "tệp là văn bản XML (có thể là «Bảng tính XML 2003») đặt tên .xlsx: hãy mở bằng Excel và lưu lại dạng .xlsx";
  }
  if (text !== undefined && (text.startsWith("{") || text.startsWith("[")))
    return "tệp là văn bản JSON, không phải sổ tính Excel (hãy đặt tên .json)";
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return "tệp PDF, không phải sổ tính Excel";
  if (text !== undefined && bytes.subarray(0, 4096).every((b) => b === 9 || b === 10 || b === 13 || b >= 32)) {
    return "tệp văn bản (có thể là CSV) đặt tên .xlsx, không phải sổ tính Excel";
  }
  return "không phải sổ tính Excel .xlsx (không nhận ra định dạng tệp)";
}

/** The reason a ZIP whose content types are `types` is not an .xlsx workbook, or undefined when it is one. */
function notSpreadsheetReason(types: string): string | undefined {
  if (/spreadsheetml\.(sheet|template)\.main\+xml|ms-excel\.(sheet|template|addin)\.macroEnabled\.main\+xml/.test(types)) return undefined;
  if (/ms-excel\.sheet\.binary/.test(types)) return "sổ tính nhị phân (.xlsb), không phải .xlsx: hãy mở bằng Excel và lưu lại dạng .xlsx";
  if (/wordprocessingml/.test(types)) return "tệp Word (.docx) đặt tên .xlsx, không phải sổ tính Excel";
  if (/presentationml/.test(types)) return "tệp PowerPoint (.pptx) đặt tên .xlsx, không phải sổ tính Excel";
  return "tệp ZIP này không chứa sổ tính Excel";
}

/**
 * Refuses (throws a {@link FileProblem}) bytes that are not a sound, bounded .xlsx workbook; see the file
 * comment for every case. Inflates each entry once as a stream, so its peak memory is a few chunks.
 *
 * @example
 * await inspectXlsxBytes(readFileSync("BOOK.xlsx"), "BOOK.xlsx"); // resolves: safe to hand to the engine
 * await inspectXlsxBytes(Buffer.alloc(0), "BOOK.xlsx"); // throws "BOOK.xlsx: tệp trống (0 byte), …"
 */
export async function inspectXlsxBytes(bytes: Buffer, path: string, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new FileProblem(path, notZipReason(bytes));
  let entries: ZipEntryInfo[];
  try {
    entries = listZipEntries(bytes);
  } catch (error) {
    if (error instanceof Corrupt) throw new FileProblem(path, `tệp .xlsx bị hỏng: ${error.message}`);
    throw error;
  }
  if (entries.length > limits.maxEntries)
    throw new FileProblem(path, `tệp có ${entries.length} phần, quá giới hạn ${limits.maxEntries}: không mở`);
  const mb = (n: number): string => `${Math.round(n / 1048576)} MB`;
  let total = 0;
  const names = new Set<string>();
  for (const e of entries) {
    total += e.uncompressedSize;
    if (e.flags & 1) throw new FileProblem(path, "tệp có mật khẩu (phần ZIP mã hóa): hãy bỏ mật khẩu rồi lưu lại dạng .xlsx");
    const key = e.name.toLowerCase();
    if (names.has(key)) throw new FileProblem(path, `tệp .xlsx bị hỏng: phần «${e.name}» có hai lần`);
    names.add(key);
    if (e.uncompressedSize >= limits.ratioFloor && e.uncompressedSize > limits.maxEntryRatio * Math.max(1, e.compressedSize)) {
      throw new FileProblem(
        path,
        `phần «${e.name}» nén ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} lần (${mb(e.uncompressedSize)}): có thể là «bom nén», không mở`,
      );
    }
  }
  if (total > limits.maxUncompressedTotal) {
    throw new FileProblem(
      path,
      `tệp giải nén ra ${mb(total)}, quá giới hạn ${mb(limits.maxUncompressedTotal)}: có thể là «bom nén», không mở`,
    );
  }
  const typesEntry = entries.find((e) => e.name.toLowerCase() === "[content_types].xml");
  if (typesEntry === undefined) {
    const mimetype = entries.find((e) => e.name === "mimetype");
    let reason = "tệp ZIP này không phải sổ tính Excel (thiếu [Content_Types].xml)";
    if (mimetype !== undefined) {
      const type = (() => {
        try {
          return readZipEntry(bytes, mimetype, 256).toString("latin1");
        } catch {
          return "";
        }
      })();
      if (type.includes("opendocument.spreadsheet"))
        reason = "tệp OpenDocument (.ods), không phải .xlsx: hãy lưu lại dạng Sổ làm việc Excel (.xlsx)";
    }
    throw new FileProblem(path, reason);
  }
  try {
    for (const e of entries) await verifyEntry(bytes, e);
  } catch (error) {
    if (error instanceof Corrupt) throw new FileProblem(path, `tệp .xlsx bị hỏng: ${error.message}`);
    throw error;
  }
  const notSpreadsheet = notSpreadsheetReason(readZipEntry(bytes, typesEntry, 4 * 1024 * 1024).toString("utf8"));
  if (notSpreadsheet !== undefined) throw new FileProblem(path, notSpreadsheet);
}

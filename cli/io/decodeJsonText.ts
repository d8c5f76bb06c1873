import { FileProblem } from "./fileProblem.ts";

/**
 * The offset of the first byte that is not part of a well-formed UTF-8 sequence (overlong forms, surrogates
 * and code points above U+10FFFF included), or -1 when the bytes are valid UTF-8.
 *
 * @example
 * firstInvalidUtf8(Buffer.from("Sở", "utf8")); // -1
 * firstInvalidUtf8(Buffer.from([0x53, 0xf5])); // 1
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes the bytes of a JSON file to text. UTF-8 (with or without BOM) is read; UTF-16 with a BOM is
 * decoded too; anything else (UTF-8 with invalid bytes, e.g. a file saved in Windows-1258 or TCVN3;
 * UTF-16 without a BOM; UTF-32) is refused with a {@link FileProblem} naming the place of the first bad byte.
 *
 * @example
 * decodeJsonText(Buffer.from('\uFEFF{"a":1}'), "in.json"); // '{"a":1}'
 * decodeJsonText(Buffer.from([0x7b, 0xd2, 0x7d]), "in.json"); // throws "in.json: không phải văn bản UTF-8 …"
 */
export function decodeJsonText(bytes: Uint8Array, path: string): string {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0)
    throw new FileProblem(path, "tệp mã hóa UTF-32, không hỗ trợ; hãy lưu lại với mã hóa UTF-8");
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)
    throw new FileProblem(path, "tệp mã hóa UTF-32, không hỗ trợ; hãy lưu lại với mã hóa UTF-8");
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const encoding = b0 === 0xff ? "utf-16le" : "utf-16be";
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new FileProblem(path, `tệp ${encoding.toUpperCase()} bị hỏng (có ký tự không giải mã được); hãy lưu lại với mã hóa UTF-8`);
    }
  }
  if (bytes.length >= 2 && ((b0 !== 0 && b1 === 0) || (b0 === 0 && b1 !== 0))) {
    throw new FileProblem(path, "tệp có vẻ mã hóa UTF-16 nhưng không có BOM; hãy lưu lại với mã hóa UTF-8");
  }
  try {
    // The native decoder is fast; the byte-by-byte scan below only runs to name the place of a bad byte.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: find where.
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    let lineStart = 0;
    let line = 1;
    for (let i = 0; i < bad; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const column = [...Buffer.from(bytes.subarray(lineStart, bad)).toString("utf8")].length + 1;
    const hex = (bytes[bad] as number).toString(16).toUpperCase().padStart(2, "0");
    throw new FileProblem(
      path,
      `không phải văn bản UTF-8: byte 0x${hex} ở dòng ${line}, cột ${column} không hợp lệ (tệp được lưu bằng mã khác như Windows-1258, TCVN3?); hãy lưu lại với mã hóa UTF-8`,
    );
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

import { describe, expect, it } from "vitest";
import * as fc from "fast-check";
import { decodeJsonText, firstInvalidUtf8 } from "./decodeJsonText.ts";

describe("firstInvalidUtf8", () => {
  it("finds a bad byte exactly when the WHATWG decoder refuses the bytes", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 12 }),
          fc.string({ unit: "grapheme" }).map((s) => new Uint8Array(Buffer.from(s))),
        ),
        (bytes) => {
          let valid = true;
          try {
            decoder.decode(bytes);
          } catch {
            valid = false;
          }
          const bad = firstInvalidUtf8(bytes);
          expect(bad === -1).toBe(valid);
          if (!valid) expect(() => decoder.decode(bytes.subarray(0, bad))).not.toThrow();
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("refuses overlong forms, surrogates and code points past U+10FFFF", () => {
    for (const bytes of [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0x41, 0xe1, 0xba],
    ]) {
      expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(bytes[0] === 0x41 ? 1 : 0);
    }
  });
});

describe("decodeJsonText", () => {
  it("names the line and column of the first bad byte", () => {
    const bytes = Buffer.concat([Buffer.from('{\n  "tên": "Sơn La",\n  "x": "S'), Buffer.from([0xf5]), Buffer.from('"\n}')]);
    expect(() => decodeJsonText(bytes, "a.json")).toThrow("a.json: không phải văn bản UTF-8: byte 0xF5 ở dòng 3, cột 10 không hợp lệ");
  });

  it("drops a UTF-8 BOM and decodes UTF-16 with a BOM; refuses UTF-32", () => {
    expect(decodeJsonText(Buffer.from('\uFEFF["Sở"]'), "a.json")).toBe('["Sở"]');
    expect(decodeJsonText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('["Sở"]', "utf16le")]), "a.json")).toBe('["Sở"]');
    expect(() => decodeJsonText(Buffer.from([0xff, 0xfe, 0, 0, 0x5b, 0, 0, 0]), "a.json")).toThrow("UTF-32");
  });
});

import { describe, expect, it } from "vitest";
import * as fc from "fast-check";
import { MAX_JSON_DEPTH, parseJsonStrict } from "./parseJsonStrict.ts";

function errors(text: string) {
  const r = parseJsonStrict(text);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
}

describe("parseJsonStrict", () => {
  it("a key given twice is an error at the repeated key's own path, with both places", () => {
    const text = '{\n  "blocks": [\n    { "scores": { "U01": {\n      "1.5": 1.5,\n      "1.5": 0 } } }\n  ]\n}';
    expect(errors(text)).toEqual([
      {
        path: 'blocks[0].scores.U01["1.5"]',
        message: "khóa lặp lại (lần đầu ở dòng 4, cột 7)",
        line: 5,
        column: 7,
        first: { line: 4, column: 7 },
      },
    ]);
  });

  it("lists every repeated key, nested ones and identifiers included", () => {
    const e = errors('{"a": 1, "b": {"c": 2, "c": 3}, "a": 4, "units": [{"code": "X", "code": "Y"}]}');
    expect(e.map((p) => p.path)).toEqual(["b.c", "a", "units[0].code"]);
  });

  it.each([
    ['{"a": NaN}', 1, 7, "NaN không phải là giá trị JSON"],
    ['{"a": Infinity}', 1, 7, "Infinity không phải là số JSON"],
    ['{"a": -Infinity}', 1, 7, "-Infinity không phải là số JSON"],
    ['{\n  "a": 1,\n}', 3, 1, 'dấu phẩy thừa trước "}"'],
    ["[1, 2,]", 1, 7, 'dấu phẩy thừa trước "]"'],
    ["{'a': 1}", 1, 2, "nháy đơn"],
    ["{\"a\": 'x'}", 1, 7, "nháy đơn"],
    ["{a: 1}", 1, 2, "tên khóa phải đặt trong dấu nháy kép"],
    ['{"a": 1 // x\n}', 1, 9, "cần dấu phẩy"],
    ['{"a": 1,\n // x\n "b": 2}', 2, 2, "chú thích"],
    ['{"a": 01}', 1, 7, "không được có số 0 ở đầu"],
    ['{"a": 1.}', 1, 7, "sau dấu chấm phải có chữ số"],
    ['{"a": .5}', 1, 7, 'bắt đầu bằng "."'],
    ['{"a": +1}', 1, 7, 'bắt đầu bằng "+"'],
    ['{"a": 3,5}', 1, 9, "số thập phân viết bằng dấu chấm"],
    ['{"a": 1e999}', 1, 7, "số quá lớn"],
    ['{"a": True}', 1, 7, "True phải viết thường: true"],
    ['{"a": undefined}', 1, 7, "undefined"],
    ['{"a" 1}', 1, 6, "thiếu dấu hai chấm"],
    ['{"a": 1 "b": 2}', 1, 9, "thiếu dấu phẩy giữa hai khóa"],
    ['{"a": "x\ny"}', 1, 9, "chuỗi không được xuống dòng"],
    ['{"a": "\\x"}', 1, 8, "ký tự thoát \\x"],
    ['{"a": "\\u12"}', 1, 8, "\\u phải có đúng 4 chữ số"],
    ['{"a": "abc', 1, 7, "chuỗi không được đóng"],
    ['{"a": [1, 2', 1, 12, 'thiếu "]"'],
    ['{"a": 1', 1, 8, 'thiếu "}"'],
    ['{"a": 1}}', 1, 9, 'thừa dấu "}"'],
    ['{"a": 1} x', 1, 10, "còn nội dung sau khi JSON đã kết thúc"],
    ["", 1, 1, "tệp trống"],
    ["  \n ", 2, 2, "tệp trống"],
    ['{"tên": "Sở Nội vụ", "x": ?}', 1, 27, 'gặp "?"'],
  ])("%j: a syntax error with line %i and column %i", (text, line, column, message) => {
    const [e, ...rest] = errors(text);
    expect(rest).toEqual([]);
    expect(e?.message).toContain(message);
    expect(e?.message.startsWith("JSON sai cú pháp: ")).toBe(true);
    expect([e?.line, e?.column]).toEqual([line, column]);
    expect(e?.path).toBe("$");
  });

  it("skips a leading BOM (positions still count it on line 1)", () => {
    expect(parseJsonStrict('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(errors('\uFEFF{"a": x}')[0]).toMatchObject({ line: 1, column: 8 });
  });

  it("keeps __proto__ as an own key, never as the prototype", () => {
    const r = parseJsonStrict('{"__proto__": {"polluted": 1}, "constructor": 2}');
    expect(r.ok).toBe(true);
    const value = (r as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(value).toEqual(JSON.parse('{"__proto__": {"polluted": 1}, "constructor": 2}'));
  });

  it("refuses nesting deeper than the bound without overflowing the stack", () => {
    const deep = "[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1);
    expect(errors(deep)[0]?.message).toContain("lồng nhau");
    const ok = "[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH);
    expect(parseJsonStrict(ok).ok).toBe(true);
  });

  it("reads what JSON.stringify writes exactly as JSON.parse does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const r = parseJsonStrict(text);
        expect(r).toEqual({ ok: true, value: JSON.parse(text) as unknown });
      }),
      { numRuns: 300 },
    );
  });

  it("on any text, accepts exactly what JSON.parse accepts (barring repeated keys and non-finite numbers)", () => {
    const alphabet = fc.constantFrom(..."{}[]\",:0123456789-+.eE truefalsnu\\/\n\t'xNaI".split(""));
    const fragment = fc.oneof(
      fc.string({ unit: alphabet, maxLength: 30 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 4 }), (parts) => {
        const text = parts.join("");
        let expected: unknown;
        let parses = true;
        try {
          expected = JSON.parse(text);
        } catch {
          parses = false;
        }
        const r = parseJsonStrict(text);
        if (r.ok) {
          expect(parses).toBe(true);
          expect(r.value).toEqual(expected);
        } else if (parses) {
          // Only our two extra refusals may differ from JSON.parse.
          expect(r.errors.every((e) => e.message.startsWith("khóa lặp lại") || e.message.includes("số quá lớn"))).toBe(true);
        } else {
          expect(r.errors).toHaveLength(1);
          expect(r.errors[0]?.line).toBeGreaterThanOrEqual(1);
          expect(r.errors[0]?.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * A strict JSON reader for input documents: what `JSON.parse` accepts, plus two refusals it does not make
 * (a key given twice in one object, a number too large to be finite), and every problem in Vietnamese with
 * its line and column. Pure: no host API, so every host (CLI, add-in, Apps Script) can read JSON the same way.
 */
import { appendPath } from "./formatPath.ts";

/** One problem of a JSON text: where (JSON path, 1-based line and column) and what, in Vietnamese. */
export interface JsonProblem {
  /** JSON path of the place (`blocks[0].scores.U01["1.5"]`); `$` for the whole text. */
  path: string;
  message: string;
  line: number;
  column: number;
  /** For a repeated key: where the key was first given. */
  first?: { line: number; column: number };
}

/** The parsed value, or every problem found (one syntax error stops the reading; repeated keys are all listed). */
export type StrictJsonOutcome = { ok: true; value: unknown } | { ok: false; errors: JsonProblem[] };

/** Nesting deeper than this is refused (a recursive reader must not overflow the stack). */
export const MAX_JSON_DEPTH = 512;

class SyntaxProblem extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

const WS_SPACE = 0x20;
const WS_TAB = 0x09;
const WS_LF = 0x0a;
const WS_CR = 0x0d;

function describeChar(text: string, at: number): string {
  const code = text.codePointAt(at);
  if (code === undefined) return "hết tệp";
  if (code < 0x20 || code === 0x7f) return `ký tự điều khiển U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code === 0xfeff) return "ký tự BOM (U+FEFF)";
  return `"${String.fromCodePoint(code)}"`;
}

/** Explains a bare word (`NaN`, `Infinity`, `True`, `undefined`, `'text'` …) where a value was expected. */
function explainBareValue(text: string, at: number): string {
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(at, at + 40))?.[0];
  if (word === "NaN") return 'NaN không phải là giá trị JSON (ô chưa có điểm: bỏ khóa; không đánh giá: null hoặc "KĐG")';
  if (word === "Infinity") return "Infinity không phải là số JSON";
  if (word === "undefined") return "undefined không phải là giá trị JSON (dùng null)";
  if (word !== undefined && /^(true|false|null)$/i.test(word)) return `${word} phải viết thường: ${word.toLowerCase()}`;
  if (word !== undefined) return `từ ${word} không phải là giá trị JSON (chuỗi phải đặt trong dấu nháy kép "…")`;
  const c = text[at];
  if (c === "'") return 'chuỗi phải đặt trong dấu nháy kép "…", không phải nháy đơn';
  if (c === "/" && (text[at + 1] === "/" || text[at + 1] === "*")) return "JSON không cho phép chú thích (// hoặc /* */)";
  if (c === "-" && text.startsWith("Infinity", at + 1)) return "-Infinity không phải là số JSON";
  if (c === "+" || c === ".") return `số viết sai: JSON không cho phép số bắt đầu bằng "${c}"`;
  if (c === "]" || c === "}") return `dấu phẩy thừa trước "${c}"`;
  if (at >= text.length) return "tệp kết thúc giữa chừng, thiếu giá trị";
  return `cần một giá trị JSON, gặp ${describeChar(text, at)}`;
}

class Reader {
  private pos = 0;
  readonly duplicates: { path: string; at: number; first: number }[] = [];

  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    this.skipSpace();
    if (this.pos >= this.text.length) throw new SyntaxProblem(this.pos, "tệp trống, không có nội dung JSON");
    const value = this.parseValue("$", 0);
    this.skipSpace();
    if (this.pos < this.text.length) {
      const c = this.text[this.pos];
      const hint =
        c === "," ? "dấu phẩy thừa sau giá trị cuối" : c === "}" || c === "]" ? `thừa dấu "${c}"` : describeChar(this.text, this.pos);
      throw new SyntaxProblem(this.pos, `còn nội dung sau khi JSON đã kết thúc: ${hint}`);
    }
    return value;
  }

  private skipSpace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === WS_SPACE || c === WS_LF || c === WS_CR || c === WS_TAB) p++;
      else break;
    }
    this.pos = p;
  }

  private parseValue(path: string, depth: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === 0x7b /* { */) return this.parseObject(path, depth + 1);
    if (c === 0x5b /* [ */) return this.parseArray(path, depth + 1);
    if (c === 0x22 /* " */) return this.parseString();
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      if (c === 0x2d && t.startsWith("Infinity", this.pos + 1)) throw new SyntaxProblem(this.pos, explainBareValue(t, this.pos));
      return this.parseNumber();
    }
    if (t.startsWith("true", this.pos) && !/[\w$]/.test(t[this.pos + 4] ?? "")) {
      this.pos += 4;
      return true;
    }
    if (t.startsWith("false", this.pos) && !/[\w$]/.test(t[this.pos + 5] ?? "")) {
      this.pos += 5;
      return false;
    }
    if (t.startsWith("null", this.pos) && !/[\w$]/.test(t[this.pos + 4] ?? "")) {
      this.pos += 4;
      return null;
    }
    throw new SyntaxProblem(this.pos, explainBareValue(t, this.pos));
  }

  private parseObject(path: string, depth: number): Record<string, unknown> {
    if (depth > MAX_JSON_DEPTH) throw new SyntaxProblem(this.pos, `JSON lồng nhau quá ${MAX_JSON_DEPTH} tầng`);
    const t = this.text;
    this.pos++; // {
    const out: Record<string, unknown> = {};
    const seen = new Map<string, number>();
    this.skipSpace();
    if (t.charCodeAt(this.pos) === 0x7d /* } */) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      const keyAt = this.pos;
      if (t.charCodeAt(this.pos) !== 0x22) {
        const c = t[this.pos];
        if (c === "}") throw new SyntaxProblem(this.pos, 'dấu phẩy thừa trước "}"');
        if (c === undefined) throw new SyntaxProblem(this.pos, 'tệp kết thúc giữa chừng: thiếu "}"');
        if (c === "'") throw new SyntaxProblem(this.pos, 'tên khóa phải đặt trong dấu nháy kép "…", không phải nháy đơn');
        if (c === "/" && (t[this.pos + 1] === "/" || t[this.pos + 1] === "*"))
          throw new SyntaxProblem(this.pos, "JSON không cho phép chú thích (// hoặc /* */)");
        if (/\d/.test(c) && t[keyAt - 1] === ",") {
          throw new SyntaxProblem(this.pos, 'sau dấu phẩy cần tên khóa; số thập phân viết bằng dấu chấm (3.5) hoặc trong nháy kép ("3,5")');
        }
        if (/[\w$]/.test(c)) throw new SyntaxProblem(this.pos, 'tên khóa phải đặt trong dấu nháy kép "…"');
        throw new SyntaxProblem(this.pos, `cần tên khóa trong dấu nháy kép, gặp ${describeChar(t, this.pos)}`);
      }
      const key = this.parseString();
      const keyPath = appendPath(path, key);
      this.skipSpace();
      if (t.charCodeAt(this.pos) !== 0x3a /* : */) {
        throw new SyntaxProblem(
          this.pos,
          this.pos >= t.length ? "tệp kết thúc giữa chừng: thiếu dấu hai chấm và giá trị" : `thiếu dấu hai chấm ":" sau khóa "${key}"`,
        );
      }
      this.pos++;
      this.skipSpace();
      const value = this.parseValue(keyPath, depth);
      const first = seen.get(key);
      if (first !== undefined) this.duplicates.push({ path: keyPath, at: keyAt, first });
      else {
        seen.set(key, keyAt);
        // "__proto__" must become an own property, as JSON.parse makes it, never the object's prototype.
        if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        else out[key] = value;
      }
      this.skipSpace();
      const c = t.charCodeAt(this.pos);
      if (c === 0x2c /* , */) {
        this.pos++;
        continue;
      }
      if (c === 0x7d) {
        this.pos++;
        return out;
      }
      if (this.pos >= t.length) throw new SyntaxProblem(this.pos, 'tệp kết thúc giữa chừng: thiếu "}"');
      if (c === 0x22) throw new SyntaxProblem(this.pos, "thiếu dấu phẩy giữa hai khóa");
      throw new SyntaxProblem(this.pos, `cần dấu phẩy hoặc "}", gặp ${describeChar(t, this.pos)}`);
    }
  }

  private parseArray(path: string, depth: number): unknown[] {
    if (depth > MAX_JSON_DEPTH) throw new SyntaxProblem(this.pos, `JSON lồng nhau quá ${MAX_JSON_DEPTH} tầng`);
    const t = this.text;
    this.pos++; // [
    const out: unknown[] = [];
    this.skipSpace();
    if (t.charCodeAt(this.pos) === 0x5d /* ] */) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.pos >= t.length) throw new SyntaxProblem(this.pos, 'tệp kết thúc giữa chừng: thiếu "]"');
      if (t[this.pos] === ",") throw new SyntaxProblem(this.pos, "thiếu phần tử giữa hai dấu phẩy");
      out.push(this.parseValue(appendPath(path, out.length), depth));
      this.skipSpace();
      const c = t.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x5d) {
        this.pos++;
        return out;
      }
      if (this.pos >= t.length) throw new SyntaxProblem(this.pos, 'tệp kết thúc giữa chừng: thiếu "]"');
      throw new SyntaxProblem(this.pos, `thiếu dấu phẩy giữa hai phần tử (hoặc thiếu "]"), gặp ${describeChar(t, this.pos)}`);
    }
  }

  private parseString(): string {
    const t = this.text;
    const start = ++this.pos; // after the opening quote
    let p = start;
    // Fast path: no escapes, no control characters.
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x22) {
        this.pos = p + 1;
        return t.slice(start, p);
      }
      if (c === 0x5c || c < 0x20 || Number.isNaN(c)) break;
      p++;
    }
    let out = t.slice(start, p);
    for (;;) {
      if (p >= t.length) throw new SyntaxProblem(start - 1, 'chuỗi không được đóng: thiếu dấu nháy kép "');
      const c = t.charCodeAt(p);
      if (c === 0x22) {
        this.pos = p + 1;
        return out;
      }
      if (c < 0x20) {
        throw new SyntaxProblem(
          p,
          c === WS_LF || c === WS_CR
            ? 'chuỗi không được xuống dòng (viết \\n, hoặc thiếu dấu nháy kép đóng ")'
            : `${describeChar(t, p)} trong chuỗi (viết dạng \\u….)`,
        );
      }
      if (c !== 0x5c) {
        out += t[p];
        p++;
        continue;
      }
      const e = t[p + 1];
      switch (e) {
        case '"':
        case "\\":
        case "/":
          out += e;
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "u": {
          const hex = t.slice(p + 2, p + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new SyntaxProblem(p, "\\u phải có đúng 4 chữ số thập lục phân");
          out += String.fromCharCode(parseInt(hex, 16));
          p += 4;
          break;
        }
        default:
          throw new SyntaxProblem(
            p,
            e === undefined
              ? 'chuỗi không được đóng: thiếu dấu nháy kép "'
              : `ký tự thoát \\${e} không hợp lệ (chỉ \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`,
          );
      }
      p += 2;
    }
  }

  private parseNumber(): number {
    const t = this.text;
    const start = this.pos;
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = start;
    const match = m.exec(t);
    const end = match === null ? start : start + match[0].length;
    const next = t[end];
    if (match === null || (next !== undefined && /[\w.+-]/.test(next))) {
      const word = /^[-+\w.]+/.exec(t.slice(start, start + 40))?.[0] ?? t.slice(start, start + 1);
      const hint = /^-?0\d/.test(word) ? " (không được có số 0 ở đầu)" : /\.(?!\d)/.test(word) ? " (sau dấu chấm phải có chữ số)" : "";
      throw new SyntaxProblem(start, `số viết sai: ${word}${hint}`);
    }
    const value = Number(match[0]);
    if (!Number.isFinite(value)) throw new SyntaxProblem(start, `số quá lớn: ${match[0]}`);
    this.pos = end;
    return value;
  }
}

/** 1-based line and column of positions in a text (the column counts characters from the line's start). */
function lineColumns(text: string): (at: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (at) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo] as number;
    return { line: lo + 1, column: [...text.slice(lineStart, at)].length + 1 };
  };
}

/**
 * Parses JSON text strictly. Refused, each with line and column: every syntax error `JSON.parse` refuses
 * (explained: `NaN`, `Infinity`, trailing commas, comments, single quotes, unquoted keys, leading zeros …),
 * numbers too large to be finite, nesting deeper than {@link MAX_JSON_DEPTH}, and a key given twice in one
 * object (named at its own path: the last value must never silently win). A leading BOM is skipped.
 *
 * @example
 * parseJsonStrict('{"a": [1, 2]}'); // { ok: true, value: { a: [1, 2] } }
 * parseJsonStrict('{"s": {"1.5": 1.5, "1.5": 0}}').errors;
 * // [{ path: 's["1.5"]', message: "khóa lặp lại (lần đầu ở dòng 1, cột 8)", line: 1, column: 20, first: { line: 1, column: 8 } }]
 * parseJsonStrict('{"a": NaN}').errors[0].message; // "NaN không phải là giá trị JSON (…)", line 1, column 7
 */
export function parseJsonStrict(text: string): StrictJsonOutcome {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const offset = body === text ? 0 : 1;
  const reader = new Reader(body);
  let value: unknown;
  try {
    value = reader.parseDocument();
  } catch (e) {
    if (!(e instanceof SyntaxProblem)) {
      if (e instanceof RangeError) {
        return { ok: false, errors: [{ path: "$", message: "JSON lồng nhau quá sâu", line: 1, column: 1 }] };
      }
      throw e;
    }
    const where = lineColumns(text)(e.at + offset);
    return { ok: false, errors: [{ path: "$", message: `JSON sai cú pháp: ${e.message}`, ...where }] };
  }
  if (reader.duplicates.length > 0) {
    const lineColumnAt = lineColumns(text);
    return {
      ok: false,
      errors: reader.duplicates.map((d) => {
        const first = lineColumnAt(d.first + offset);
        const message = `khóa lặp lại (lần đầu ở dòng ${first.line}, cột ${first.column})`;
        return { path: d.path, message, ...lineColumnAt(d.at + offset), first };
      }),
    };
  }
  return { ok: true, value };
}

import { decimalParts } from "./decimalParts.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";
import { DEFAULT_PRECISION, scaleOf, type Precision } from "./hundredths.ts";

/**
 * A checked score: hundredths (integer; thousandths at precision 3), not applicable, or what is wrong (Vietnamese).
 *
 * @example
 * const p: ParsedScore = parseScore("2,444", 2.5); // { kind: "value", hundredths: 244, rounded: true }
 * if (p.kind === "value") total += p.hundredths;
 */
export type ParsedScore = { kind: "value"; hundredths: number; rounded: boolean } | { kind: "na" } | { kind: "error"; message: string };

/** Integer digits beyond which a value is refused outright (keeps hundredths far below 2^53). */
const MAX_INT_DIGITS = 12;
const NUMBER_TEXT = /^([+-]?)(\d*)(?:[.,](\d*))?$/;

function fromDigits(negative: boolean, intRaw: string, fracDigits: string, maxH: number | undefined, precision: Precision): ParsedScore {
  const scale = scaleOf(precision);
  const intDigits = intRaw.replace(/^0+/, "");
  const display = (negative ? "-" : "") + (intDigits || "0") + (fracDigits === "" ? "" : "," + fracDigits);
  const nonZero = /[1-9]/.test(intDigits) || /[1-9]/.test(fracDigits);
  if (negative && nonZero) return { kind: "error", message: `${display} nhỏ hơn 0` };
  if (intDigits.length > MAX_INT_DIGITS) {
    return {
      kind: "error",
      message: maxH === undefined ? `${display} quá lớn` : `${display} vượt điểm tối đa ${formatNumberVi(maxH / scale, precision)}`,
    };
  }
  const kept = fracDigits.padEnd(precision, "0").slice(0, precision);
  const rest = fracDigits.slice(precision);
  let hundredths = Number(intDigits || "0") * scale + Number(kept);
  const rounded = /[1-9]/.test(rest);
  if (rest.charCodeAt(0) >= 53 /* "5" */) hundredths += 1;
  if (maxH !== undefined && hundredths > maxH) {
    return { kind: "error", message: `${display} vượt điểm tối đa ${formatNumberVi(maxH / scale, precision)}` };
  }
  return { kind: "value", hundredths, rounded };
}

function isNotApplicableText(s: string): boolean {
  // "KĐG" in any case; Ð (U+00D0, Icelandic eth) looks identical to Đ and is accepted too.
  return s.toUpperCase().replace(/\u00D0/g, "\u0110") === "K\u0110G";
}

/**
 * `parseScore` with the maximum already in units of 10^-precision (the core's hot loop calls this).
 *
 * @example
 * parseScoreH("3,5", 300);        // { kind: "error", message: "3,5 vượt điểm tối đa 3" }
 * parseScoreH("2,4445", 3000, 3); // { kind: "value", hundredths: 2445, rounded: true } (thousandths)
 */
export function parseScoreH(raw: unknown, maxH: number | undefined, precision: Precision = DEFAULT_PRECISION): ParsedScore {
  const scale = scaleOf(precision);
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { kind: "error", message: `${String(raw)} không phải là số` };
    const h = Math.round(raw * scale);
    if (h / scale === raw && Math.abs(h) < 1e15) {
      if (raw < 0) return { kind: "error", message: `${formatNumberVi(raw, precision)} nhỏ hơn 0` };
      if (maxH !== undefined && h > maxH) {
        return { kind: "error", message: `${formatNumberVi(raw, precision)} vượt điểm tối đa ${formatNumberVi(maxH / scale, precision)}` };
      }
      return { kind: "value", hundredths: h === 0 ? 0 : h, rounded: false };
    }
    const parts = decimalParts(raw);
    if (parts === null) return { kind: "error", message: `${String(raw)} không phải là số` };
    return fromDigits(parts.negative, parts.intDigits, parts.fracDigits, maxH, precision);
  }
  if (typeof raw === "string") {
    const s = raw.trim();
    if (s === "") return { kind: "error", message: "chưa có điểm" };
    if (isNotApplicableText(s)) return { kind: "na" };
    const m = NUMBER_TEXT.exec(s);
    if (m === null || ((m[2] ?? "") === "" && (m[3] ?? "") === "")) {
      return { kind: "error", message: `${JSON.stringify(s)} không phải là số` };
    }
    return fromDigits(m[1] === "-", m[2] ?? "", m[3] ?? "", maxH, precision);
  }
  if (raw === null) return { kind: "na" };
  if (raw === undefined) return { kind: "error", message: "chưa có điểm" };
  if (typeof raw === "boolean") return { kind: "error", message: `${String(raw)} không phải là số` };
  if (Array.isArray(raw)) return { kind: "error", message: "không phải là số (đang là danh sách)" };
  if (typeof raw === "object") return { kind: "error", message: "không phải là số (đang là đối tượng)" };
  return { kind: "error", message: `không phải là số (kiểu ${typeof raw})` };
}

/**
 * Reads one score as a JSON value or spreadsheet cell holds it: a number, a decimal string with `,` or `.`
 * (`"3,5"`, `" 3 "`), `null` or `"KĐG"` (any case, trimmed) for not applicable. More than `precision` (2 by
 * default, or 3) decimals are rounded half away from zero to units of 10^-precision with `rounded: true`. Negative is judged on the value as
 * written, "above the maximum" after rounding. An empty string is "chưa có điểm", never a zero.
 *
 * @example
 * parseScore("3,5", 4);  // { kind: "value", hundredths: 350, rounded: false }
 * parseScore(0.125);     // { kind: "value", hundredths: 13, rounded: true }
 * parseScore(" kđg ");   // { kind: "na" }
 * parseScore(3.004, 3);  // { kind: "value", hundredths: 300, rounded: true }
 * parseScore(3.005, 3);  // { kind: "error", message: "3,005 vượt điểm tối đa 3" }
 * parseScore("3,5a");    // { kind: "error", message: "\"3,5a\" không phải là số" }
 * parseScore("");        // { kind: "error", message: "chưa có điểm" }
 * parseScore(3.004, 3, 3); // { kind: "value", hundredths: 3004, rounded: false } (thousandths)
 */
export function parseScore(raw: unknown, max?: number, precision: Precision = DEFAULT_PRECISION): ParsedScore {
  return parseScoreH(raw, max === undefined ? undefined : Math.round(max * scaleOf(precision)), precision);
}

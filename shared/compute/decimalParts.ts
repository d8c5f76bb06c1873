/**
 * The decimal digits of a number as written, without floating-point noise.
 *
 * @example
 * const p: DecimalParts = { negative: false, intDigits: "85", fracDigits: "97" }; // 85,97
 */
export interface DecimalParts {
  negative: boolean;
  /** Integer digits without leading zeros ("0" for none). */
  intDigits: string;
  /** Fraction digits as written (may be empty, may end in zeros). */
  fracDigits: string;
}

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/**
 * Splits a finite JS number into decimal digits using its shortest representation `String(n)`,
 * expanding exponent forms (`1e-7`, `1.5e+21`). Returns `null` for NaN and ±Infinity.
 *
 * @example
 * decimalParts(0.125);  // { negative: false, intDigits: "0", fracDigits: "125" }
 * decimalParts(1e-7);   // { negative: false, intDigits: "0", fracDigits: "0000001" }
 * decimalParts(-85.97); // { negative: true, intDigits: "85", fracDigits: "97" }
 */
export function decimalParts(n: number): DecimalParts | null {
  if (!Number.isFinite(n)) return null;
  const m = NUMBER_TEXT.exec(String(n));
  if (m === null) return null;
  const negative = m[1] === "-";
  const int = m[2] ?? "0";
  const frac = m[3] ?? "";
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  const digits = int + frac;
  const point = int.length + exp;
  let intDigits: string;
  let fracDigits: string;
  if (point <= 0) {
    intDigits = "0";
    fracDigits = "0".repeat(-point) + digits;
  } else if (point >= digits.length) {
    intDigits = digits + "0".repeat(point - digits.length);
    fracDigits = "";
  } else {
    intDigits = digits.slice(0, point);
    fracDigits = digits.slice(point);
  }
  intDigits = intDigits.replace(/^0+(?=\d)/, "");
  return { negative, intDigits, fracDigits };
}

/**
 * Rounds decimal digits half away from zero to `decimals` fraction digits, exactly (string arithmetic).
 * The result's `fracDigits` has exactly `decimals` digits.
 *
 * @example
 * roundParts({ negative: false, intDigits: "0", fracDigits: "125" }, 2); // { …, intDigits: "0", fracDigits: "13" }
 * roundParts({ negative: false, intDigits: "9", fracDigits: "995" }, 2); // { …, intDigits: "10", fracDigits: "00" }
 */
export function roundParts(parts: DecimalParts, decimals: number): DecimalParts {
  const frac = parts.fracDigits.padEnd(decimals, "0");
  const kept = parts.intDigits + frac.slice(0, decimals);
  const next = frac.charCodeAt(decimals);
  let digits = kept;
  if (!Number.isNaN(next) && next >= 53 /* "5" */) {
    const arr = kept.split("");
    let i = arr.length - 1;
    for (; i >= 0; i--) {
      if (arr[i] === "9") arr[i] = "0";
      else {
        arr[i] = String.fromCharCode((arr[i] ?? "0").charCodeAt(0) + 1);
        break;
      }
    }
    digits = (i < 0 ? "1" : "") + arr.join("");
  }
  const intLen = digits.length - decimals;
  const intDigits = digits.slice(0, intLen).replace(/^0+(?=\d)/, "") || "0";
  return { negative: parts.negative, intDigits, fracDigits: digits.slice(intLen) };
}

import type { Criterion } from "../schema/inputSchema.ts";
import type { Problem } from "../problem.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";
import { appendPath } from "./formatPath.ts";
import { DEFAULT_PRECISION, scaleOf, type Precision } from "./hundredths.ts";
export { buildCriteriaTree } from "./buildCriteriaTree.ts";
export type { CriteriaNode, CriteriaTree } from "./buildCriteriaTree.ts";

/**
 * Largest maximum accepted for one node and for a whole set, in points (keeps integers exact).
 *
 * @example
 * MAX_CRITERION_POINTS * 1000 * 100_000 < Number.MAX_SAFE_INTEGER; // true: total × 100 000 in thousandths stays exact
 */
export const MAX_CRITERION_POINTS = 1_000_000;

const CODE = /^[1-9]\d{0,5}(\.[1-9]\d{0,5}){0,2}$/;

/**
 * Checks a criteria set against method.md §1 and names every offending code: code format (digits and
 * dots, depth 1–3), unique codes, parent present and listed before, display order (pre-order, siblings in
 * numeric order), maximum ≥ 0 with at most `precision` decimals (2 by default, or 3; and ≤ 1 000 000), a parent's maximum equal to the
 * sum of its children's, a method only on leaves. A total other than 100 is a warning.
 * `basePath` is the path of the list, e.g. `blocks[0].criteria`.
 *
 * @example
 * const { errors, warnings } = validateCriteria(
 *   [{ code: "1", name: "Chỉ đạo", max: 2 }, { code: "1.1", name: "Kế hoạch", max: 1.5 }],
 *   "blocks[0].criteria",
 * );
 * errors[0];   // { path: "blocks[0].criteria[0]", message: "tiêu chí 1: điểm tối đa 2 khác tổng điểm tối đa của các tiêu chí con (1,5)" }
 * warnings[0]; // { path: "blocks[0].criteria", message: "tổng điểm tối đa của bộ tiêu chí là 2, không phải 100" }
 */
export function validateCriteria(
  criteria: readonly Criterion[],
  basePath: string,
  precision: Precision = DEFAULT_PRECISION,
): { errors: Problem[]; warnings: Problem[] } {
  const scale = scaleOf(precision);
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  if (criteria.length === 0) {
    errors.push({ path: basePath, message: "bộ tiêu chí trống" });
    return { errors, warnings };
  }
  const at = (i: number): string => appendPath(basePath, i);
  const label = (c: Criterion): string => `tiêu chí ${c.code}`;
  const firstIndex = new Map<string, number>();
  const validCode: boolean[] = criteria.map((c, i) => {
    if (!CODE.test(c.code)) {
      errors.push({
        path: at(i),
        message: `mã tiêu chí ${JSON.stringify(c.code)} không hợp lệ (chỉ gồm số và dấu chấm, từ 1 đến 3 cấp, ví dụ 1.2.3)`,
      });
      return false;
    }
    const seen = firstIndex.get(c.code);
    if (seen !== undefined) {
      errors.push({ path: at(i), message: `${label(c)}: mã bị trùng (đã có ở criteria[${seen}])` });
      return false;
    }
    firstIndex.set(c.code, i);
    return true;
  });

  // Maxima: ≥ 0, at most `precision` decimals, bounded.
  const maxH: (number | undefined)[] = criteria.map((c, i) => {
    const h = Math.round(c.max * scale);
    if (c.max < 0) {
      errors.push({ path: at(i), message: `${label(c)}: điểm tối đa ${formatNumberVi(c.max)} nhỏ hơn 0` });
      return undefined;
    }
    if (c.max > MAX_CRITERION_POINTS) {
      errors.push({ path: at(i), message: `${label(c)}: điểm tối đa vượt giới hạn ${MAX_CRITERION_POINTS}` });
      return undefined;
    }
    if (h / scale !== c.max) {
      errors.push({
        path: at(i),
        message: `${label(c)}: điểm tối đa ${String(c.max).replace(".", ",")} có quá ${precision} chữ số thập phân`,
      });
      return undefined;
    }
    return h;
  });

  // Tree structure and display order.
  const open: string[] = []; // open[d - 1] = the last node seen at depth d
  const lastChild = new Map<string, number>(); // parent code ("" for fields) → last sibling number
  const children = new Map<string, number[]>();
  criteria.forEach((c, i) => {
    if (!validCode[i]) return;
    const segments = c.code.split(".");
    const depth = segments.length;
    const parent = depth === 1 ? "" : segments.slice(0, -1).join(".");
    if (parent !== "") {
      const parentIndex = firstIndex.get(parent);
      if (parentIndex === undefined) {
        errors.push({ path: at(i), message: `${label(c)}: không có tiêu chí cha ${parent}` });
        return;
      }
      if (parentIndex > i) {
        errors.push({ path: at(i), message: `${label(c)}: tiêu chí cha ${parent} phải đứng trước (đang ở criteria[${parentIndex}])` });
        return;
      }
      (children.get(parent) ?? children.set(parent, []).get(parent))?.push(i);
      if (open[depth - 2] !== parent) {
        errors.push({
          path: at(i),
          message: `${label(c)}: sai thứ tự hiển thị, phải đứng liền trong nhóm của tiêu chí cha ${parent}`,
        });
        return;
      }
    }
    const num = Number(segments[depth - 1]);
    const prev = lastChild.get(parent);
    if (prev !== undefined && prev >= num) {
      const prevCode = (parent === "" ? "" : parent + ".") + String(prev);
      errors.push({ path: at(i), message: `${label(c)}: sai thứ tự, phải đứng trước tiêu chí ${prevCode}` });
    }
    lastChild.set(parent, Math.max(prev ?? 0, num));
    open.length = depth - 1;
    open.push(c.code);
  });

  // Parent maximum = sum of children; method only on leaves.
  criteria.forEach((c, i) => {
    if (!validCode[i]) return;
    const kids = children.get(c.code);
    if (kids === undefined) return;
    if (c.method !== undefined) {
      errors.push({
        path: at(i),
        message: `${label(c)}: có tiêu chí con nên không được ghi phương thức đánh giá (chỉ ghi ở tiêu chí không có tiêu chí con)`,
      });
    }
    const own = maxH[i];
    const kidMax = kids.map((k) => maxH[k]);
    if (own === undefined || kidMax.some((m) => m === undefined)) return;
    const sum = kidMax.reduce<number>((s, m) => s + (m ?? 0), 0);
    if (sum !== own) {
      errors.push({
        path: at(i),
        message: `${label(c)}: điểm tối đa ${formatNumberVi(own / scale, precision)} khác tổng điểm tối đa của các tiêu chí con (${formatNumberVi(sum / scale, precision)})`,
      });
    }
  });

  // Total.
  const fieldMax = criteria.map((c, i) => (validCode[i] && !c.code.includes(".") ? maxH[i] : 0));
  if (!fieldMax.some((m) => m === undefined)) {
    const total = fieldMax.reduce<number>((s, m) => s + (m ?? 0), 0);
    if (total > MAX_CRITERION_POINTS * scale) {
      errors.push({ path: basePath, message: `tổng điểm tối đa của bộ tiêu chí vượt giới hạn ${MAX_CRITERION_POINTS}` });
    } else if (total !== 100 * scale) {
      warnings.push({
        path: basePath,
        message: `tổng điểm tối đa của bộ tiêu chí là ${formatNumberVi(total / scale, precision)}, không phải 100`,
      });
    }
  }
  return { errors, warnings };
}

import { formatNumberVi } from "../format/formatNumberVi.ts";
import type { Problem } from "../problem.ts";
import type { Block } from "../schema/inputSchema.ts";
import { appendPath } from "./formatPath.ts";
import { parseScore } from "./parseScore.ts";
import { DEFAULT_PRECISION, toNumber, type Precision } from "./hundredths.ts";

/**
 * The message of a self score above 0 without evidence (said the same way on import and in the check).
 *
 * @example
 * missingEvidenceMessage("1.1.1", 0.5); // "điểm tự đánh giá 0,5 của tiêu chí 1.1.1 chưa có tài liệu kiểm chứng (số, ngày văn bản hoặc đường dẫn)"
 */
export function missingEvidenceMessage(code: string, score: number, precision: Precision = DEFAULT_PRECISION): string {
  return `điểm tự đánh giá ${formatNumberVi(score, precision)} của tiêu chí ${code} chưa có tài liệu kiểm chứng (số, ngày văn bản hoặc đường dẫn)`;
}

/**
 * The evidence rule (interchange.md, detail 17): a self score above 0 on an appraised leaf needs evidence
 * (`evidence[unit][leaf]`, not blank). Missing evidence is an error when `requireEvidence` is on (every unit with
 * self scores), else a warning, and then only for a unit that gave evidence for at least one leaf (a unit whose
 * self scores came without any evidence table, as in older books, is not flooded with warnings). Also refuses
 * evidence and notes keyed by a unit the block does not have or by a code that is not a leaf. Each problem's path
 * is the evidence cell's, e.g. `blocks[0].evidence.SGTVT["1.1.1"]`. Self scores that do not parse are skipped
 * (the score check reports them).
 *
 * @example
 * const { errors, warnings } = checkEvidence(block, 0, false);
 * warnings[0]; // { path: 'blocks[0].evidence.SGTVT["1.1.2"]', message: "điểm tự đánh giá 0,5 của tiêu chí 1.1.2 chưa có …" }
 */
export function checkEvidence(block: Block, b: number, requireEvidence: boolean, precision: Precision = DEFAULT_PRECISION): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const base = appendPath("blocks", b);
  const parents = new Set(block.criteria.map((c) => c.code.slice(0, Math.max(0, c.code.lastIndexOf(".")))));
  const leaves = block.criteria.filter((c) => !parents.has(c.code));
  const leafCodes = new Set(leaves.map((c) => c.code));
  const unitCodes = new Set(block.units.map((u) => u.code));
  for (const key of ["evidence", "selfNotes"] as const) {
    const table = block[key];
    if (table === undefined) continue;
    for (const unit of Object.keys(table)) {
      const path = appendPath(appendPath(base, key), unit);
      if (!unitCodes.has(unit)) {
        errors.push({ path, message: `khóa không hợp lệ: ${JSON.stringify(unit)} không phải mã đơn vị của khối` });
        continue;
      }
      for (const code of Object.keys(table[unit] ?? {})) {
        if (!leafCodes.has(code))
          errors.push({
            path: appendPath(path, code),
            message: `khóa không hợp lệ: ${JSON.stringify(code)} không phải tiêu chí chấm điểm của bộ tiêu chí`,
          });
      }
    }
  }
  const selfScores = block.selfScores ?? {};
  const evidence = block.evidence ?? {};
  for (const unit of block.units) {
    if (!Object.hasOwn(selfScores, unit.code)) continue;
    const own = Object.hasOwn(evidence, unit.code) ? evidence[unit.code] : undefined;
    if (!requireEvidence && own === undefined) continue;
    const self = selfScores[unit.code] ?? {};
    for (const c of leaves) {
      if ((c.method ?? "appraised") !== "appraised" || !Object.hasOwn(self, c.code)) continue;
      const parsed = parseScore(self[c.code], c.max, precision);
      if (parsed.kind !== "value" || parsed.hundredths === 0) continue;
      const text = own !== undefined && Object.hasOwn(own, c.code) ? (own[c.code] ?? "") : "";
      if (text.trim() !== "") continue;
      const problem = {
        path: appendPath(appendPath(appendPath(base, "evidence"), unit.code), c.code),
        message: missingEvidenceMessage(c.code, toNumber(parsed.hundredths, precision), precision),
      };
      (requireEvidence ? errors : warnings).push(problem);
    }
  }
  return { errors, warnings };
}

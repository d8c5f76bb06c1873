import type { Block } from "../schema/inputSchema.ts";
import type { Problem } from "../problem.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";
import { buildCriteriaTree } from "./buildCriteriaTree.ts";
import { DEFAULT_PRECISION, toNumber, type Precision } from "./hundredths.ts";
import { appendPath } from "./formatPath.ts";
import { parseScoreH } from "./parseScore.ts";

/** The note tables of the appraisal, and what a problem calls their texts. */
const NOTE_TABLES = [
  { key: "reasons", what: "lý do trừ điểm" },
  { key: "explanations", what: "giải trình" },
] as const;

const METHOD_VI = { survey: "điều tra xã hội học", satisfaction: "khảo sát sự hài lòng (SIPAS)" } as const;

/**
 * Checks a block's appraisal notes (`reasons`: lý do trừ điểm, `explanations`: giải trình; interchange.md):
 * errors for a text under a code that is not a unit of the block, or under a criterion that is not an appraised
 * leaf of its set (its text would be shown nowhere); and, when the block has a `reasons` table at all, a warning
 * for every appraised leaf whose final score is below the unit's self score and has no reason, at
 * `blocks[b].reasons.UNIT["leaf"]` (a workbook places it on that cell of «Lý do trừ điểm»). Blocks without a
 * `reasons` table are not warned of: the council does not record reasons there. Scores that do not parse are
 * left to `computeIndex`'s own problems.
 *
 * @example
 * const { errors, warnings } = checkAppraisalNotes({ ...sonLa.blocks[0], reasons: {} }, 0);
 * warnings[0]; // { path: 'blocks[0].reasons.VPUBND["1.1.2"]',
 * //   message: "đơn vị VPUBND, tiêu chí 1.1.2: điểm thẩm định 0 thấp hơn điểm tự đánh giá 1 nhưng chưa có lý do trừ điểm" }
 */
export function checkAppraisalNotes(
  block: Block,
  b: number,
  precision: Precision = DEFAULT_PRECISION,
): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  if (block.reasons === undefined && block.explanations === undefined) return { errors, warnings };
  const base = appendPath("blocks", b);
  const units = new Set(block.units.map((u) => u.code));
  const tree = buildCriteriaTree(block.criteria, precision);
  const leaves = new Map(tree.leaves.map((l) => [l.code, l]));
  for (const { key, what } of NOTE_TABLES) {
    const table = block[key];
    if (table === undefined) continue;
    const path = appendPath(base, key);
    for (const unit of Object.keys(table)) {
      const unitPath = appendPath(path, unit);
      if (!units.has(unit)) {
        errors.push({ path: unitPath, message: `khóa không hợp lệ: ${JSON.stringify(unit)} không phải mã đơn vị của khối` });
        continue;
      }
      const row = table[unit] ?? {};
      for (const code of Object.keys(row)) {
        const leaf = leaves.get(code);
        const at = appendPath(unitPath, code);
        if (leaf === undefined) {
          errors.push({
            path: at,
            message: `${what} ở tiêu chí ${JSON.stringify(code)}: không phải tiêu chí chấm điểm (tiêu chí không có tiêu chí con) của bộ tiêu chí`,
          });
        } else if (leaf.method !== undefined && leaf.method !== "appraised" && (row[code] ?? "").trim() !== "") {
          errors.push({
            path: at,
            message: `tiêu chí ${code} chấm bằng ${METHOD_VI[leaf.method]}, không qua thẩm định nên không có ${what}`,
          });
        }
      }
    }
  }
  const reasons = block.reasons;
  if (reasons === undefined || block.selfScores === undefined) return { errors, warnings };
  const reasonsPath = appendPath(base, "reasons");
  for (const unit of block.units) {
    const self = rowOf(block.selfScores, unit.code);
    const final = rowOf(block.scores, unit.code);
    if (self === undefined || final === undefined) continue;
    const given = Object.hasOwn(reasons, unit.code) ? reasons[unit.code] : undefined;
    for (const leaf of tree.leaves) {
      if ((leaf.method ?? "appraised") !== "appraised") continue;
      if (!Object.hasOwn(self, leaf.code) || !Object.hasOwn(final, leaf.code)) continue;
      const s = parseScoreH(self[leaf.code], leaf.maxH, precision);
      const f = parseScoreH(final[leaf.code], leaf.maxH, precision);
      if (s.kind !== "value" || f.kind !== "value" || f.hundredths >= s.hundredths) continue;
      const reason = given !== undefined && Object.hasOwn(given, leaf.code) ? given[leaf.code] : undefined;
      if (reason !== undefined && reason.trim() !== "") continue;
      warnings.push({
        path: appendPath(appendPath(reasonsPath, unit.code), leaf.code),
        message:
          `đơn vị ${unit.code}, tiêu chí ${leaf.code}: điểm thẩm định ${formatNumberVi(toNumber(f.hundredths, precision), precision)} thấp hơn ` +
          `điểm tự đánh giá ${formatNumberVi(toNumber(s.hundredths, precision), precision)} nhưng chưa có lý do trừ điểm`,
      });
    }
  }
  return { errors, warnings };
}

/** A unit's row of a score table when it is an object (scores may be anything until `computeIndex` checks them). */
function rowOf(table: unknown, unit: string): Record<string, unknown> | undefined {
  if (table === null || typeof table !== "object" || Array.isArray(table) || !Object.hasOwn(table, unit)) return undefined;
  const row = (table as Record<string, unknown>)[unit];
  return row !== null && typeof row === "object" && !Array.isArray(row) ? (row as Record<string, unknown>) : undefined;
}

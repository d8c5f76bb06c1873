import {
  blockSchema,
  DEFAULT_GROUPS,
  inputSchema,
  type Block,
  type GroupSetting,
  type InputDocument,
  type Method,
} from "../schema/inputSchema.ts";
import type { BlockResult, ResultDocument, UnitResult } from "../schema/resultSchema.ts";
import { formatProblem, type Problem } from "../problem.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";
import { buildCriteriaTree, type CriteriaTree } from "./buildCriteriaTree.ts";
import { validateCriteria } from "./validateCriteria.ts";
import { parseScoreH } from "./parseScore.ts";
import { zodIssueProblems } from "./zodIssueProblems.ts";
import { appendPath } from "./formatPath.ts";
import { parseLoosely } from "./parseLoosely.ts";
import { DEFAULT_PRECISION, roundDiv, scaleOf, toNumber, type Precision } from "./hundredths.ts";
import { competitionRank } from "./competitionRank.ts";
import { makeGroupAssigner } from "./assignGroup.ts";
import { nextSteps } from "./nextSteps.ts";
import { blockStats, type UnitTotals } from "./blockStats.ts";
import { checkAppraisalNotes } from "./checkAppraisalNotes.ts";
import { checkEvidence } from "./checkEvidence.ts";

/**
 * The outcome of `computeIndex`: a result, or every problem found (never both, never an exception).
 *
 * @example
 * const outcome: ComputeOutcome = computeIndex(doc);
 * const lines = outcome.ok ? outcome.result.warnings : outcome.errors.map(formatProblem);
 */
export type ComputeOutcome =
  { ok: true; input: InputDocument; result: ResultDocument; warnings: Problem[] } | { ok: false; errors: Problem[]; warnings: Problem[] };

const UNIT_CODE = /^[\p{L}\p{N}_-]+$/u;
const METHOD_SLOT: Record<Method, 0 | 1 | 2> = { appraised: 0, survey: 1, satisfaction: 2 };
const METHODS: readonly Method[] = ["appraised", "survey", "satisfaction"];
const METHOD_VI: Record<Method, string> = {
  appraised: "thẩm định",
  survey: "điều tra xã hội học",
  satisfaction: "khảo sát sự hài lòng (SIPAS)",
};

type Dict = Record<string, unknown>;

function isPlainObject(v: unknown): v is Dict {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function own(o: Dict, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A copy of the document whose score tables are replaced by `{}`, so zod checks the shape only. */
function stubScores(doc: unknown): unknown {
  if (!isPlainObject(doc) || !Array.isArray(doc.blocks)) return doc;
  const blocks = (doc.blocks as unknown[]).map((b) => {
    if (!isPlainObject(b)) return b;
    const copy: Dict = { ...b };
    if (isPlainObject(b.scores)) copy.scores = {};
    if (Object.hasOwn(b, "selfScores") && isPlainObject(b.selfScores)) copy.selfScores = {};
    return copy;
  });
  return { ...doc, blocks };
}

/** Everything a checked block needs to be computed. */
interface PreparedBlock {
  block: Block;
  tree: CriteriaTree;
  units: UnitTotals[];
  /** Per unit: set maximum not counting N/A, totals per field… (input order). */
  rows: {
    fieldH: number[];
    fieldMaxH: number[];
    methodH: [number, number, number];
    selfH: number | undefined;
    totalH: number;
    maxH: number;
    previous?: { indexH: number; rank: number };
  }[];
}

interface Sink {
  errors: Problem[];
  warnings: Problem[];
  /** `settings.precision` (2 when absent or invalid). */
  precision: Precision;
}

function checkGroups(groups: readonly GroupSetting[], path: string, sink: Sink): void {
  const names = new Map<string, number>();
  let hasZero = false;
  groups.forEach((g, i) => {
    const at = appendPath(path, i);
    if (g.name.trim() === "") sink.errors.push({ path: appendPath(at, "name"), message: "tên nhóm trống" });
    const seen = names.get(g.name);
    if (seen !== undefined) {
      sink.errors.push({ path: appendPath(at, "name"), message: `tên nhóm ${JSON.stringify(g.name)} bị trùng (đã có ở groups[${seen}])` });
    } else names.set(g.name, i);
    const scale = scaleOf(sink.precision);
    if (g.min < 0 || g.min > 100) {
      sink.errors.push({ path: appendPath(at, "min"), message: `ngưỡng ${formatNumberVi(g.min, sink.precision)} phải từ 0 đến 100` });
    } else if (Math.round(g.min * scale) / scale !== g.min) {
      sink.errors.push({
        path: appendPath(at, "min"),
        message: `ngưỡng ${String(g.min).replace(".", ",")} có quá ${sink.precision} chữ số thập phân`,
      });
    }
    if (g.min === 0) hasZero = true;
  });
  if (!hasZero) {
    sink.errors.push({ path, message: "cần một nhóm có ngưỡng 0 (ví dụ D: dưới 50 điểm, min 0) để mọi đơn vị đều có nhóm" });
  }
}

function rowProblem(path: string, what: string): Problem {
  return { path, message: what };
}

/** Checks one block whose shape zod accepted, and computes its units' totals. */
function prepareBlock(block: Block, b: number, sink: Sink): PreparedBlock | undefined {
  const base = appendPath("blocks", b);
  const errorsBefore = sink.errors.length;
  if (block.id.trim() === "") sink.errors.push({ path: appendPath(base, "id"), message: "mã khối trống" });
  const precision = sink.precision;
  const scale = scaleOf(precision);
  const criteriaCheck = validateCriteria(block.criteria, appendPath(base, "criteria"), precision);
  sink.errors.push(...criteriaCheck.errors);
  sink.warnings.push(...criteriaCheck.warnings);

  const unitsPath = appendPath(base, "units");
  if (block.units.length === 0)
    sink.errors.push({ path: unitsPath, message: "danh sách đơn vị trống: khối chưa có đơn vị nào (nhập mã và tên các đơn vị)" });
  const unitIndex = new Map<string, number>();
  block.units.forEach((u, i) => {
    const at = appendPath(unitsPath, i);
    if (!UNIT_CODE.test(u.code)) {
      sink.errors.push({
        path: appendPath(at, "code"),
        message: `mã đơn vị ${JSON.stringify(u.code)} không hợp lệ (chỉ gồm chữ, số, "_" và "-")`,
      });
    }
    const seen = unitIndex.get(u.code);
    if (seen !== undefined) {
      sink.errors.push({ path: appendPath(at, "code"), message: `mã đơn vị ${JSON.stringify(u.code)} bị trùng (đã có ở units[${seen}])` });
    } else unitIndex.set(u.code, i);
    if (u.name.trim() === "") sink.errors.push({ path: appendPath(at, "name"), message: "tên đơn vị trống" });
  });

  // Score tables: objects of objects, keys are units.
  const scoresPath = appendPath(base, "scores");
  const selfPath = appendPath(base, "selfScores");
  const scores = block.scores as unknown as Dict;
  const selfScores = block.selfScores as unknown as Dict | undefined;
  for (const key of Object.keys(scores)) {
    if (!unitIndex.has(key)) {
      sink.errors.push(rowProblem(appendPath(scoresPath, key), `khóa không hợp lệ: ${JSON.stringify(key)} không phải mã đơn vị của khối`));
    } else if (!isPlainObject(own(scores, key))) {
      sink.errors.push(rowProblem(appendPath(scoresPath, key), "phải là đối tượng (mã tiêu chí → điểm)"));
    }
  }
  if (selfScores !== undefined) {
    for (const key of Object.keys(selfScores)) {
      if (!unitIndex.has(key)) {
        sink.errors.push(rowProblem(appendPath(selfPath, key), `khóa không hợp lệ: ${JSON.stringify(key)} không phải mã đơn vị của khối`));
      } else if (!isPlainObject(own(selfScores, key))) {
        sink.errors.push(rowProblem(appendPath(selfPath, key), "phải là đối tượng (mã tiêu chí → điểm tự đánh giá)"));
      }
    }
  }
  // With a broken set, scores are still checked cell by cell where the leaf is clear, without the
  // completeness checks (which would only repeat the criteria problems).
  const criteriaOk = criteriaCheck.errors.length === 0;

  const tree = buildCriteriaTree(block.criteria, precision);
  const leaves = tree.leaves;
  const nLeaves = leaves.length;
  const leafCode = leaves.map((l) => l.code);
  const leafMaxH = leaves.map((l) => (criteriaOk || (l.max >= 0 && l.maxH / scale === l.max) ? l.maxH : undefined));
  const fieldPos = new Map(tree.fields.map((f, k) => [f.code, k]));
  const leafField = leaves.map((l) => fieldPos.get(l.fieldCode) ?? 0);
  const leafSlot = leaves.map((l) => METHOD_SLOT[l.method ?? "appraised"]);
  const leafSet = new Set(leafCode);
  const nFields = tree.fields.length;

  const rows: PreparedBlock["rows"] = [];
  block.units.forEach((unit, i) => {
    const fieldH = new Array<number>(nFields).fill(0);
    const fieldMaxH = new Array<number>(nFields).fill(0);
    const methodH: [number, number, number] = [0, 0, 0];
    let totalH = 0;
    let maxH = 0;
    let selfH = 0;
    let selfComplete = true;
    /** The first applicable appraised leaf without a self score (interchange detail 15). */
    let selfGap: { code: string; na: boolean } | undefined;
    let unitErrors = 0;
    const rowPath = appendPath(scoresPath, unit.code);
    const row = own(scores, unit.code);
    const selfRowRaw = selfScores === undefined ? undefined : own(selfScores, unit.code);
    const selfRow = isPlainObject(selfRowRaw) ? selfRowRaw : undefined;
    if (selfRow === undefined) selfComplete = false;
    const selfRowPath = appendPath(selfPath, unit.code);
    if (!isPlainObject(row)) {
      if (row === undefined) sink.errors.push({ path: rowPath, message: `chưa có điểm của đơn vị ${unit.code}` });
      rows.push({ fieldH, fieldMaxH, methodH, selfH: undefined, totalH, maxH });
    } else {
      let found = 0;
      let selfFound = 0;
      for (let k = 0; k < nLeaves; k++) {
        const code = leafCode[k] as string;
        const lmax = leafMaxH[k];
        const slot = leafSlot[k] as 0 | 1 | 2;
        const raw = own(row, code);
        if (raw === undefined && !criteriaOk) continue;
        let sraw: unknown;
        if (selfRow !== undefined) {
          sraw = own(selfRow, code);
          if (sraw !== undefined) {
            selfFound++;
            if (slot !== 0 && sraw !== null) {
              sink.errors.push({
                path: appendPath(selfRowPath, code),
                message: `tiêu chí ${code} chấm bằng ${METHOD_VI[leaves[k]?.method ?? "survey"]}, không có điểm tự đánh giá`,
              });
              unitErrors++;
            }
          }
        }
        let h: number;
        if (typeof raw === "number" && raw >= 0 && lmax !== undefined && (h = Math.round(raw * scale)) / scale === raw && h <= lmax) {
          found++;
        } else {
          if (raw !== undefined) found++;
          const p = parseScoreH(raw, lmax, precision);
          if (p.kind === "error") {
            sink.errors.push({ path: appendPath(rowPath, code), message: p.message });
            unitErrors++;
            continue;
          }
          if (p.kind === "na") continue;
          if (p.rounded) {
            sink.warnings.push({ path: appendPath(rowPath, code), message: roundedMessage(raw, p.hundredths, precision) });
          }
          h = p.hundredths;
        }
        const f = leafField[k] as number;
        fieldH[f] = (fieldH[f] as number) + h;
        fieldMaxH[f] = (fieldMaxH[f] as number) + (lmax ?? 0);
        methodH[slot] += h;
        totalH += h;
        maxH += lmax ?? 0;
        if (slot === 0 && selfRow !== undefined) {
          let sh: number;
          if (typeof sraw === "number" && sraw >= 0 && lmax !== undefined && (sh = Math.round(sraw * scale)) / scale === sraw && sh <= lmax) {
            selfH += sh;
          } else if (sraw === undefined) {
            selfComplete = false;
            selfGap ??= { code, na: false };
          } else {
            const sp = parseScoreH(sraw, lmax, precision);
            if (sp.kind === "error") {
              sink.errors.push({ path: appendPath(selfRowPath, code), message: sp.message });
              unitErrors++;
            } else if (sp.kind === "na") {
              selfComplete = false;
              selfGap ??= { code, na: true };
            } else {
              if (sp.rounded) {
                sink.warnings.push({ path: appendPath(selfRowPath, code), message: roundedMessage(sraw, sp.hundredths, precision) });
              }
              selfH += sp.hundredths;
            }
          }
        }
      }
      // Keys that are not leaves of the set; looked for only when a row has more keys than the leaves it matched.
      const unknownKeys = (r: Record<string, unknown>, path: string): void => {
        for (const key of Object.keys(r)) {
          if (leafSet.has(key)) continue;
          sink.errors.push({
            path: appendPath(path, key),
            message: `khóa không hợp lệ: ${JSON.stringify(key)} không phải tiêu chí chấm điểm (tiêu chí không có tiêu chí con) của bộ tiêu chí`,
          });
          unitErrors++;
        }
      };
      if (criteriaOk && found < Object.keys(row).length) unknownKeys(row, rowPath);
      if (criteriaOk && selfRow !== undefined && selfFound < Object.keys(selfRow).length) unknownKeys(selfRow, selfRowPath);
      if (criteriaOk && unitErrors === 0 && maxH === 0) {
        sink.errors.push({
          path: rowPath,
          message: `mọi tiêu chí của đơn vị ${unit.code} đều không đánh giá (KĐG) hoặc có điểm tối đa 0: không tính được chỉ số`,
        });
      }
      if (selfRow !== undefined && selfGap !== undefined) {
        const { code, na } = selfGap;
        sink.warnings.push({
          path: appendPath(selfRowPath, code),
          message: na
            ? `điểm tự đánh giá của tiêu chí ${code} là KĐG nhưng tiêu chí có điểm thẩm định, nên đơn vị ${unit.code} không có ` +
              "«Điểm tự đánh giá» (nhập điểm tự đánh giá, hoặc ghi KĐG cả ở điểm thẩm định nếu tiêu chí không đánh giá)"
            : `chưa có điểm tự đánh giá của tiêu chí ${code}, nên đơn vị ${unit.code} không có «Điểm tự đánh giá»`,
        });
      }
      let previous: { indexH: number; rank: number } | undefined;
      if (unit.previous !== undefined) {
        const prevPath = appendPath(appendPath(appendPath(unitsPath, i), "previous"), "index");
        const p = parseScoreH(unit.previous.index, 100 * scale, precision);
        if (p.kind === "error") sink.errors.push({ path: prevPath, message: `chỉ số năm trước: ${p.message}` });
        else if (p.kind === "value") {
          if (p.rounded) sink.warnings.push({ path: prevPath, message: roundedMessage(unit.previous.index, p.hundredths, precision) });
          previous = { indexH: p.hundredths, rank: unit.previous.rank };
        }
      }
      rows.push({ fieldH, fieldMaxH, methodH, selfH: selfComplete ? selfH : undefined, totalH, maxH, ...(previous ? { previous } : {}) });
    }
  });
  if (!criteriaOk || sink.errors.length > errorsBefore) return undefined;
  return { block, tree, units: [], rows };
}

function roundedMessage(raw: unknown, hundredths: number, precision: Precision): string {
  const written = typeof raw === "string" ? raw.trim() : String(raw).replace(".", ",");
  return `${written} có quá ${precision} chữ số thập phân, đã làm tròn thành ${formatNumberVi(toNumber(hundredths, precision), precision)}`;
}

function computeBlock(
  p: PreparedBlock,
  assign: (h: number) => string | undefined,
  groups: readonly GroupSetting[],
  precision: Precision,
): BlockResult {
  const { block, tree, rows } = p;
  const scale = scaleOf(precision);
  const num = (h: number): number => toNumber(h, precision);
  const groupNames = groups.map((g) => g.name);
  const indexH = rows.map((r) => roundDiv(r.totalH * 100 * scale, r.maxH));
  const ranks = competitionRank(indexH);
  const steps = nextSteps(indexH, ranks, groups, precision);
  const allPrevious = rows.every((r) => r.previous !== undefined);
  const totals: UnitTotals[] = rows.map((r, i) => ({
    code: (block.units[i] as { code: string }).code,
    fieldH: r.fieldH,
    methodH: r.methodH,
    indexH: indexH[i] as number,
    rank: ranks[i] as number,
    group: assign(indexH[i] as number) ?? "",
    ...(allPrevious && r.previous !== undefined ? { previous: r.previous } : {}),
  }));
  const units: UnitResult[] = rows.map((r, i) => {
    const u = block.units[i] as { code: string; name: string };
    const t = totals[i] as UnitTotals;
    const result: UnitResult = {
      code: u.code,
      name: u.name,
      fields: tree.fields.map((f, k) => ({ code: f.code, score: num(r.fieldH[k] ?? 0), max: num(r.fieldMaxH[k] ?? 0) })),
      ...(r.selfH !== undefined ? { self: num(r.selfH) } : {}),
      appraised: num(r.methodH[0]),
      survey: num(r.methodH[1]),
      satisfaction: num(r.methodH[2]),
      total: num(r.totalH),
      max: num(r.maxH),
      index: num(t.indexH),
      group: t.group,
      rank: t.rank,
      toNextGroup: null,
      toNextRank: null,
    };
    const step = steps[i];
    if (step?.toNextGroup) result.toNextGroup = { group: step.toNextGroup.group, points: num(step.toNextGroup.pointsH) };
    if (step?.toNextRank) result.toNextRank = { rank: step.toNextRank.rank, points: num(step.toNextRank.pointsH) };
    if (t.previous !== undefined) {
      result.change = { index: num(t.indexH - t.previous.indexH), rank: t.previous.rank - t.rank };
    }
    return result;
  });
  const methods = METHODS.flatMap((method) => {
    const own = tree.leaves.filter((l) => l.method === method);
    return own.length === 0 ? [] : [{ method, slot: METHOD_SLOT[method], maxH: own.reduce((s, l) => s + l.maxH, 0) }];
  });
  const stats = blockStats(totals, {
    fields: tree.fields.map((f) => ({ code: f.code, maxH: f.maxH })),
    methods,
    groups: groupNames,
    precision,
  });
  return { id: block.id, units, stats };
}

function computeUnchecked(doc: unknown): ComputeOutcome {
  const sink: Sink = { errors: [], warnings: [], precision: DEFAULT_PRECISION };
  const stub = stubScores(doc);
  const parsed = inputSchema.safeParse(stub);
  if (!parsed.success) sink.errors.push(...zodIssueProblems(parsed.error.issues, stub));

  // Settings: groups.
  let groups: readonly GroupSetting[] = DEFAULT_GROUPS;
  const rawSettings = isPlainObject(doc) ? own(doc, "settings") : undefined;
  const settings = parseLoosely(inputSchema.shape.settings, rawSettings);
  // Precision: as given; when given but wrong (reported by zod at settings.precision), the rest is checked at the
  // loosest precision, 3, so that the one mistake is not repeated as "too many decimals" everywhere.
  const rawPrecision = isPlainObject(rawSettings) ? own(rawSettings, "precision") : undefined;
  sink.precision = rawPrecision === undefined ? DEFAULT_PRECISION : rawPrecision === 2 ? 2 : 3;
  if (rawSettings === undefined || settings !== undefined) {
    groups = settings?.groups ?? DEFAULT_GROUPS;
    checkGroups(groups, "settings.groups", sink);
  }

  // Blocks: each one whose shape is right is checked fully, even when another part is wrong.
  const rawBlocks: unknown[] = isPlainObject(doc) && Array.isArray(doc.blocks) ? (doc.blocks as unknown[]) : [];
  if (isPlainObject(doc) && Array.isArray(doc.blocks) && rawBlocks.length === 0) {
    sink.errors.push({ path: "blocks", message: "danh sách khối trống" });
  }
  const stubBlocks = isPlainObject(stub) && Array.isArray(stub.blocks) ? (stub.blocks as unknown[]) : [];
  const prepared: PreparedBlock[] = [];
  const blockIds = new Map<string, number>();
  rawBlocks.forEach((raw, b) => {
    const data = parseLoosely(blockSchema, stubBlocks[b]);
    if (data === undefined || !isPlainObject(raw)) return;
    const shape = { data };
    const seen = blockIds.get(shape.data.id);
    if (seen !== undefined) {
      sink.errors.push({
        path: appendPath(appendPath("blocks", b), "id"),
        message: `mã khối ${JSON.stringify(shape.data.id)} bị trùng (đã có ở blocks[${seen}])`,
      });
    } else blockIds.set(shape.data.id, b);
    const block: Block = {
      ...shape.data,
      scores: raw.scores as Block["scores"],
      ...(raw.selfScores !== undefined ? { selfScores: raw.selfScores as Block["scores"] } : {}),
    };
    const p = prepareBlock(block, b, sink);
    if (p !== undefined) {
      prepared.push(p);
      const evidence = checkEvidence(block, b, settings?.requireEvidence === true, sink.precision);
      sink.errors.push(...evidence.errors);
      sink.warnings.push(...evidence.warnings);
    }
    const notes = checkAppraisalNotes(block, b, sink.precision);
    sink.errors.push(...notes.errors);
    sink.warnings.push(...notes.warnings);
  });

  // Last year's group counts name groups of the settings.
  const groupNames = new Set(groups.map((g) => g.name));
  rawBlocks.forEach((raw, b) => {
    const counts = isPlainObject(raw) ? own(raw, "previousGroupCounts") : undefined;
    if (!isPlainObject(counts)) return;
    for (const name of Object.keys(counts)) {
      if (groupNames.has(name)) continue;
      sink.errors.push({
        path: appendPath(appendPath(appendPath("blocks", b), "previousGroupCounts"), name),
        message: `nhóm ${JSON.stringify(name)} không có trong bảng xếp nhóm (settings.groups)`,
      });
    }
  });

  if (!parsed.success || sink.errors.length > 0) return { ok: false, errors: sink.errors, warnings: sink.warnings };

  const assign = makeGroupAssigner(groups, sink.precision);
  const blocks = prepared.map((p) => computeBlock(p, assign, groups, sink.precision));
  const input: InputDocument = { ...parsed.data, blocks: prepared.map((p) => p.block) };
  const result: ResultDocument = {
    format: "cchc-index-result/1",
    year: parsed.data.year,
    precision: sink.precision,
    blocks,
    warnings: sink.warnings.map(formatProblem),
  };
  return { ok: true, input, result, warnings: sink.warnings };
}

/**
 * Validates a `cchc-index/1` document and computes every block per method.md §1–4: unit totals, indices,
 * ranks, groups, changes and block statistics, all in integer units of 10^-`settings.precision` (hundredths
 * by default, thousandths at precision 3). Collects every problem (in
 * Vietnamese, each with its JSON path) instead of stopping at the first; never throws, whatever the input.
 *
 * @example
 * const outcome = computeIndex(JSON.parse(text));
 * if (outcome.ok) outcome.result.blocks[0]?.stats.mean; // 85.97 for the Sơn La 2023 sở block
 * else outcome.errors.map(formatProblem);               // ['blocks[0].scores.SGTVT["1.2.1"]: 3,5 vượt điểm tối đa 3', …]
 */
export function computeIndex(doc: unknown): ComputeOutcome {
  try {
    return computeUnchecked(doc);
  } catch (e) {
    return {
      ok: false,
      errors: [{ path: "$", message: `lỗi nội bộ khi tính: ${e instanceof Error ? e.message : String(e)}` }],
      warnings: [],
    };
  }
}

import type { Block, InputDocument } from "../schema/inputSchema.ts";
import type { BlockResult, ResultDocument, UnitResult } from "../schema/resultSchema.ts";
import { buildCriteriaTree, type CriteriaTree } from "../compute/buildCriteriaTree.ts";
import { parseScore } from "../compute/parseScore.ts";
import { blockTableSuffix } from "./bieuNumber.ts";
import { DEFAULT_PRECISION, type Precision } from "../compute/hundredths.ts";

/** Everything the tables and the analysis need about one block. */
export interface BlockContext {
  year: number;
  /** `settings.precision` (2 by default): the decimals of every figure; `…H` values are in units of 10^-precision. */
  precision: Precision;
  /** 0-based position of the block in the input. */
  position: number;
  block: Block;
  result: BlockResult;
  tree: CriteriaTree;
  /** Units sorted by rank, then input order. */
  ranked: UnitResult[];
  /** Suffix of its table numbers, by position: "" (first block), "a" (second), "b" (third)… */
  suffix: string;
  /** Official name of a unit by code (the code itself when unknown). */
  nameOf(code: string): string;
  /**
   * Score of every node for a unit, in hundredths (units of 10^-precision): leaves parsed from the input, parents the sum of their
   * applicable children; `null` when not applicable (a parent whose children are all not applicable).
   */
  nodeScore(unitCode: string, nodeCode: string): number | null;
}

/**
 * The contexts of every block of a computed document, in input order. Input and result blocks are paired
 * by id (by position when ids repeat).
 *
 * @example
 * const [so] = blockContexts(input, result);
 * so?.ranked[0]?.code; // "SGTVT" for the Sơn La fixture
 * so?.nodeScore("BDT", "6.4"); // null (not applicable)
 */
export function blockContexts(input: InputDocument, result: ResultDocument): BlockContext[] {
  const out: BlockContext[] = [];
  input.blocks.forEach((block, position) => {
    const sameId = result.blocks.filter((b) => b.id === block.id);
    const blockResult = sameId.length === 1 ? sameId[0] : result.blocks[position];
    if (blockResult === undefined) return;
    out.push(makeContext(input.year, position, block, blockResult, input.settings?.precision ?? DEFAULT_PRECISION));
  });
  return out;
}

function makeContext(year: number, position: number, block: Block, result: BlockResult, precision: Precision): BlockContext {
  const tree = buildCriteriaTree(block.criteria, precision);
  const order = new Map(result.units.map((u, i) => [u.code, i]));
  const ranked = [...result.units].sort((a, b) => a.rank - b.rank || (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
  const names = new Map<string, string>(block.units.map((u) => [u.code, u.name]));
  for (const u of result.units) if (!names.has(u.code)) names.set(u.code, u.name);
  const cache = new Map<string, Map<string, number | null>>();
  // Deepest nodes first so that parents can sum their children (the same order for every unit).
  const deepestFirst = [...tree.nodes].sort((a, b) => b.depth - a.depth);
  const scoresOf = (unitCode: string): Map<string, number | null> => {
    let m = cache.get(unitCode);
    if (m !== undefined) return m;
    m = new Map();
    const raw = block.scores[unitCode] ?? {};
    for (const n of deepestFirst) {
      if (n.isLeaf) {
        const p = parseScore(raw[n.code], n.max, precision);
        m.set(n.code, p.kind === "value" ? p.hundredths : null);
      } else {
        let sum: number | null = null;
        for (const c of n.children) {
          const v = m.get(c.code);
          if (v !== null && v !== undefined) sum = (sum ?? 0) + v;
        }
        m.set(n.code, sum);
      }
    }
    cache.set(unitCode, m);
    return m;
  };
  return {
    year,
    precision,
    position,
    block,
    result,
    tree,
    ranked,
    suffix: blockTableSuffix(position),
    nameOf: (code) => names.get(code) ?? code,
    nodeScore: (unitCode, nodeCode) => scoresOf(unitCode).get(nodeCode) ?? null,
  };
}

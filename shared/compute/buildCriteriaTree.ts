import type { Criterion, Method } from "../schema/inputSchema.ts";
import { DEFAULT_PRECISION, scaleOf, type Precision } from "./hundredths.ts";

/**
 * One node of a criteria set with its place in the tree.
 *
 * @example
 * const node: CriteriaNode | undefined = buildCriteriaTree(criteria).byCode.get("1.1.2");
 * node?.fieldCode; // "1"
 */
export interface CriteriaNode {
  code: string;
  name: string;
  /** Maximum in points, as given. */
  max: number;
  /** Maximum in hundredths (units of 10^-precision: thousandths when the tree was built at precision 3). */
  maxH: number;
  /** Position in the input `criteria` list. */
  index: number;
  /** 1 = field (lĩnh vực), 2 = criterion (tiêu chí), 3 = sub-criterion (tiêu chí thành phần). */
  depth: number;
  parentCode: string | null;
  /** Code of the field (depth-1 ancestor, or itself). */
  fieldCode: string;
  children: CriteriaNode[];
  isLeaf: boolean;
  /** Method of a leaf (default `appraised`); `undefined` on a node with children. */
  method: Method | undefined;
}

/**
 * A criteria set as a tree.
 *
 * @example
 * const tree: CriteriaTree = buildCriteriaTree(block.criteria);
 * tree.fields.map((f) => tree.leavesOf(f.code).length); // leaves per field
 */
export interface CriteriaTree {
  /** Every node in display order. */
  nodes: CriteriaNode[];
  /** The fields (depth 1) in display order. */
  fields: CriteriaNode[];
  /** Every leaf in display order. */
  leaves: CriteriaNode[];
  byCode: Map<string, CriteriaNode>;
  /** Sum of the fields' maxima, in hundredths (units of 10^-precision). */
  totalMaxH: number;
  /** The leaves under a node (itself if a leaf), in display order; empty for an unknown code. */
  leavesOf(code: string): CriteriaNode[];
}

/**
 * Builds the tree of a criteria set (assumed valid, see `validateCriteria`; with an invalid set, nodes
 * whose parent is missing are treated as fields and later duplicates are dropped). Maxima in units of
 * 10^-`precision` (2 by default).
 *
 * @example
 * const tree = buildCriteriaTree([
 *   { code: "1", name: "Chỉ đạo", max: 1.5 },
 *   { code: "1.1", name: "Kế hoạch", max: 1, method: "appraised" },
 *   { code: "1.2", name: "Điều tra", max: 0.5, method: "survey" },
 * ]);
 * tree.leaves.map((l) => l.code);          // ["1.1", "1.2"]
 * tree.fields[0]?.children.length;         // 2
 * tree.leavesOf("1").map((l) => l.method); // ["appraised", "survey"]
 */
export function buildCriteriaTree(criteria: readonly Criterion[], precision: Precision = DEFAULT_PRECISION): CriteriaTree {
  const nodes: CriteriaNode[] = [];
  const byCode = new Map<string, CriteriaNode>();
  criteria.forEach((c, index) => {
    if (byCode.has(c.code)) return;
    const dot = c.code.lastIndexOf(".");
    const parentCode = dot < 0 ? null : c.code.slice(0, dot);
    const parent = parentCode === null ? undefined : byCode.get(parentCode);
    const node: CriteriaNode = {
      code: c.code,
      name: c.name,
      max: c.max,
      maxH: Math.round(c.max * scaleOf(precision)),
      index,
      depth: parent === undefined ? 1 : parent.depth + 1,
      parentCode: parent === undefined ? null : parent.code,
      fieldCode: parent === undefined ? c.code : parent.fieldCode,
      children: [],
      isLeaf: true,
      method: c.method,
    };
    if (parent !== undefined) {
      parent.children.push(node);
      parent.isLeaf = false;
    }
    byCode.set(c.code, node);
    nodes.push(node);
  });
  for (const n of nodes) n.method = n.isLeaf ? (criteria[n.index]?.method ?? "appraised") : undefined;
  const fields = nodes.filter((n) => n.parentCode === null);
  const leaves = nodes.filter((n) => n.isLeaf);
  const totalMaxH = fields.reduce((s, f) => s + f.maxH, 0);
  const leavesOf = (code: string): CriteriaNode[] => {
    const start = byCode.get(code);
    if (start === undefined) return [];
    const out: CriteriaNode[] = [];
    const walk = (n: CriteriaNode): void => {
      if (n.isLeaf) out.push(n);
      else n.children.forEach(walk);
    };
    walk(start);
    return out;
  };
  return { nodes, fields, leaves, byCode, totalMaxH, leavesOf };
}

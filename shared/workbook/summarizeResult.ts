import type { InputDocument } from "../schema/inputSchema.ts";
import type { ResultDocument } from "../schema/resultSchema.ts";

/** What a host shows after a run: per block the ranking and the groups. */
export interface ResultSummary {
  /** Decimals of the figures (`settings.precision`; 2 when absent): hosts format with it. */
  precision?: 2 | 3;
  blocks: {
    id: string;
    name: string;
    mean: number;
    rows: { rank: number; code: string; name: string; index: number; group: string }[];
    groups: { name: string; count: number; share: number }[];
  }[];
}

/**
 * The ranking (by rank, then input order) and group counts of every block, for a task pane or sidebar.
 *
 * @example
 * summarizeResult(input, result).blocks[0]?.rows[0]; // { rank: 1, code: "SGTVT", name: "Sở Giao thông vận tải", index: 95.44, group: "A" }
 */
export function summarizeResult(input: InputDocument, result: ResultDocument): ResultSummary {
  return {
    precision: result.precision ?? input.settings?.precision ?? 2,
    blocks: result.blocks.map((b, i) => ({
      id: b.id,
      name: input.blocks[i]?.name ?? b.id,
      mean: b.stats.mean,
      rows: b.units
        .map((u, order) => ({ u, order }))
        .sort((x, y) => x.u.rank - y.u.rank || x.order - y.order)
        .map(({ u }) => ({ rank: u.rank, code: u.code, name: u.name, index: u.index, group: u.group })),
      groups: b.stats.groups.map((g) => ({ name: g.name, count: g.count, share: g.share })),
    })),
  };
}

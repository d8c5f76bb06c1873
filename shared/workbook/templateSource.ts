import type { InputDocument } from "../schema/inputSchema.ts";
import { sonLaExample } from "./sonLaExample.ts";

/** The blocks a template can hold. */
export type TemplateBlockId = "so" | "xa" | "huyen";

/**
 * The blocks a person can choose for a new template, in the order a decision lists them, with the label a
 * task pane or dialog shows.
 *
 * @example
 * TEMPLATE_BLOCKS.map((b) => b.id); // ["so", "xa", "huyen"]
 */
export const TEMPLATE_BLOCKS: readonly { id: TemplateBlockId; label: string; byDefault: boolean }[] = [
  { id: "so", label: "Sở, ban, ngành", byDefault: true },
  { id: "xa", label: "UBND xã, phường (từ năm 2025)", byDefault: true },
  { id: "huyen", label: "UBND huyện, thành phố (các năm trước 2025)", byDefault: false },
];

/**
 * The document a template is made from, with the chosen blocks in the order of `TEMPLATE_BLOCKS`: the Sơn La
 * criteria sets; the commune block (`xa`) starts from a copy of the huyện set, to be replaced by the province's
 * own set, and has no units yet.
 *
 * @example
 * templateSource(["so", "xa"]).blocks.map((b) => b.id); // ["so", "xa"]
 */
export function templateSource(blocks: readonly TemplateBlockId[]): InputDocument {
  const example = sonLaExample();
  const byId = new Map(example.blocks.map((b) => [b.id, b]));
  const chosen = TEMPLATE_BLOCKS.filter((b) => blocks.includes(b.id)).map((b) => {
    if (b.id !== "xa") return byId.get(b.id);
    const huyen = byId.get("huyen");
    return huyen && { ...huyen, id: "xa", name: "UBND các xã, phường", units: [], scores: {}, selfScores: {} };
  });
  return { ...example, blocks: chosen.filter((b) => b !== undefined) };
}

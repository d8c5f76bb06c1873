import type { InputDocument } from "../schema/inputSchema.ts";
import { sonLaExample } from "./sonLaExample.ts";
import { canonicalJson } from "./stamp.ts";
import { sheetNames } from "./sheetNames.ts";

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
 * own set (its criteria sheet and the instructions say so: `placeholderCriteriaNote`), and has no units: the
 * names of a province's xã and phường are not in our sources, and invented ones would have to be deleted by
 * hand. Such a workbook loads; until units are typed it stops with "Đơn vị - Xã!A3: danh sách đơn vị trống".
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

/** Whether two criteria sets are the same (codes, names, maxima, methods). */
function sameCriteria(a: InputDocument["blocks"][number]["criteria"], b: InputDocument["blocks"][number]["criteria"]): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * The visible note of a block whose criteria are still the copy of Sơn La's huyện set taken as a starting
 * point (the commune block of a new template): lines for the top of its criteria sheet and the instructions.
 * Empty for any other block (the huyện block itself, or a block with its own set).
 *
 * @example
 * const [, xa] = templateSource(["so", "xa"]).blocks;
 * placeholderCriteriaNote(xa!)[0]; // "LƯU Ý: bộ tiêu chí dưới đây là bản sao bộ tiêu chí khối UBND huyện, thành phố …"
 * placeholderCriteriaNote(templateSource(["so"]).blocks[0]!); // []
 */
export function placeholderCriteriaNote(block: InputDocument["blocks"][number]): string[] {
  if (block.id === "huyen") return [];
  const huyen = sonLaExample().blocks.find((b) => b.id === "huyen");
  if (huyen === undefined || !sameCriteria(block.criteria, huyen.criteria)) return [];
  const names = sheetNames(block.id);
  return [
    `LƯU Ý: bộ tiêu chí dưới đây là bản sao bộ tiêu chí khối UBND huyện, thành phố của tỉnh Sơn La (năm 2023), chỉ để bắt đầu.`,
    `Bộ tiêu chí ${block.name} do tỉnh ban hành thay thế bộ này: sửa, thêm, xóa các dòng (Mã, Tên tiêu chí, Điểm tối đa,`,
    `Phương thức) cho đúng bộ của tỉnh, rồi sửa các dòng tiêu chí ở sheet «${names.scores}» và «${names.self}» cho khớp.`,
  ];
}

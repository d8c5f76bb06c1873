import { DEFAULT_GROUPS, type GroupSetting, type InputDocument } from "../schema/inputSchema.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";
import { DEFAULT_PRECISION, type Precision } from "../compute/hundredths.ts";

/**
 * Each group's range in words, in the settings' order: the highest "từ 90 điểm trở lên", a middle one
 * "từ 70 đến dưới 90 điểm", the one at 0 "dưới 50 điểm".
 *
 * @example
 * groupRanges([{ name: "A", min: 90 }, { name: "B", min: 70 }, { name: "C", min: 50 }, { name: "D", min: 0 }]);
 * // [{ name: "A", text: "từ 90 điểm trở lên" }, { name: "B", text: "từ 70 đến dưới 90 điểm" },
 * //  { name: "C", text: "từ 50 đến dưới 70 điểm" }, { name: "D", text: "dưới 50 điểm" }]
 */
export function groupRanges(groups: readonly GroupSetting[], precision: Precision = DEFAULT_PRECISION): { name: string; text: string }[] {
  return groups.map((g) => {
    const above = groups.filter((o) => o.min > g.min).map((o) => o.min);
    const upper = above.length === 0 ? undefined : Math.min(...above);
    const min = formatNumberVi(g.min, precision);
    if (upper === undefined) return { name: g.name, text: `từ ${min} điểm trở lên` };
    const up = formatNumberVi(upper, precision);
    if (g.min <= 0) return { name: g.name, text: `dưới ${up} điểm` };
    return { name: g.name, text: `từ ${min} đến dưới ${up} điểm` };
  });
}

/**
 * The group settings of a document (the decision's A/B/C/D when absent).
 *
 * @example
 * groupSettings({ ...input, settings: undefined }).map((g) => g.name); // ["A", "B", "C", "D"]
 */
export function groupSettings(input: InputDocument): readonly GroupSetting[] {
  return input.settings?.groups ?? DEFAULT_GROUPS;
}

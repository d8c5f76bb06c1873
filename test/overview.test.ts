/**
 * The overview sheet ("Tổng quan") of each block: key figures, groups, the chart data tables and the native chart
 * specs. Expected figures come from the source decision (seed facts of decision 94/QĐ-UBND) or by hand.
 */
import { describe, expect, it } from "vitest";
import { buildOverviews, overviewSheetName, RANKING_ENDS } from "../shared/report/buildOverview.ts";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import { chartsOfPlan } from "../shared/workbook/chartsOfPlan.ts";
import { CHART_ROW_PT, GROUP_COLORS, planOverviewSheet } from "../shared/workbook/planOverviewSheet.ts";
import type { CellRange, CellValue, SheetWrite } from "../shared/workbook/port.ts";
import { printArea } from "../shared/workbook/printScale.ts";
import { isGeneratedSheet } from "../shared/workbook/sheetNames.ts";
import { computed, smallDoc, sonLa } from "./reportFixtures.ts";
import { scaledInput } from "./fixtures/scaledInput.ts";

/** The values of a one-column range of a planned sheet. */
function cells(write: SheetWrite, r: CellRange): CellValue[] {
  const values = write.blocks[0]!.values;
  return Array.from({ length: r.rows }, (_, k) => values[r.row + k]?.[r.col] ?? null);
}
const figure = (write: SheetWrite, label: string): CellValue[] | undefined => write.blocks[0]!.values.find((row) => row[0] === label);

describe("overview of the Sơn La sở block (decision 94/QĐ-UBND)", () => {
  const { input, result } = sonLa();
  const [so, huyen] = buildOverviews(input, result);
  const write = planOverviewSheet(so!, "Tạo bởi cchc-index test");

  it("is named by the block's position, as the Biểu are, and is a sheet the tool owns", () => {
    expect([so!.sheetName, huyen!.sheetName]).toEqual(["Tổng quan", "Tổng quan a"]);
    expect(overviewSheetName(2)).toBe("Tổng quan b");
    expect(write.mode).toBe("replace");
    for (const name of ["Tổng quan", "tổng quan a", "TỔNG QUAN B"]) expect(isGeneratedSheet(name), name).toBe(true);
    for (const name of ["Tổng quan khác", "Tổng quan ab", "Tổng"]) expect(isGeneratedSheet(name), name).toBe(false);
  });

  it("holds the published key figures", () => {
    expect(figure(write, "Số đơn vị được đánh giá")?.[1]).toBe(20);
    expect(figure(write, "Chỉ số trung bình")?.[1]).toBe(85.97);
    expect(figure(write, "Chỉ số cao nhất")?.slice(1, 3)).toEqual([95.44, "Sở Giao thông vận tải"]);
    expect(figure(write, "Chỉ số thấp nhất")?.slice(1, 3)).toEqual([81.2, "Sở Ngoại vụ"]);
    expect(figure(write, "Khoảng cách cao nhất - thấp nhất")?.[1]).toBe(14.24);
    expect(figure(write, "Số đơn vị trên mức trung bình")?.[1]).toBe(11);
    expect(figure(write, "Số đơn vị dưới mức trung bình")?.[1]).toBe(9);
    expect(figure(write, "Chỉ số trung bình năm 2022")?.[1]).toBe(91.19);
    expect(figure(write, "Tăng/giảm chỉ số trung bình")?.[1]).toBe(-5.22);
    expect(figure(write, "Số đơn vị tăng chỉ số")?.[1]).toBe(1);
    expect(figure(write, "Số đơn vị giảm chỉ số")?.[1]).toBe(19);
    expect(figure(write, "Giảm chỉ số nhiều nhất")?.slice(1, 3)).toEqual([-10.15, "Sở Nông nghiệp và Phát triển nông thôn"]);
    expect(figure(write, "Tăng bậc nhiều nhất")?.slice(1, 3)).toEqual([8, "Sở Kế hoạch và Đầu tư"]);
    expect(figure(write, "Giảm bậc nhiều nhất")?.slice(1, 3)).toEqual([-7, "Sở Nông nghiệp và Phát triển nông thôn"]);
    // Groups: A 02 (10 %), B 18 (90 %).
    expect(figure(write, "Nhóm A")?.slice(0, 4)).toEqual(["Nhóm A", 90, 2, 10]);
    expect(figure(write, "Nhóm B")?.slice(0, 4)).toEqual(["Nhóm B", 70, 18, 90]);
  });

  it("draws the ranking as one column series per group, each unit only in its group's column, with the mean as a line", () => {
    const ranking = write.charts!.find((c) => c.id === "xep-hang")!;
    expect(ranking.kind).toBe("column");
    expect(ranking.overlap).toBe(true);
    expect(ranking.series.map((s) => [s.name, s.kind])).toEqual([
      ["Nhóm A", "column"],
      ["Nhóm B", "column"],
      ["Trung bình khối", "line"],
    ]);
    expect(ranking.series.map((s) => s.color)).toEqual([GROUP_COLORS[0], GROUP_COLORS[1], "#212121"]);
    const names = cells(write, ranking.categories);
    expect(names).toHaveLength(20);
    expect(names[0]).toBe("Sở Giao thông vận tải");
    expect(names[1]).toBe("Sở Nội vụ");
    expect(names[19]).toBe("Sở Ngoại vụ");
    const [a, b, mean] = ranking.series.map((s) => cells(write, s.values));
    // A: SGTVT 95,44 and SNV (both ≥ 90), nothing below; B: the other 18, nothing above.
    expect(a![0]).toBe(95.44);
    expect(a!.filter((v) => v !== null)).toHaveLength(2);
    expect(a!.slice(2).every((v) => v === null)).toBe(true);
    expect(b!.slice(0, 2)).toEqual([null, null]);
    expect(b!.filter((v) => v !== null)).toHaveLength(18);
    expect(b![19]).toBe(81.2);
    expect(new Set(mean)).toEqual(new Set([85.97]));
    // The axis starts at the ten below the lowest index less 5 (2022's lowest: SLĐTBXH 79,58 → 70).
    expect([ranking.valueAxisMin, ranking.valueAxisMax]).toEqual([70, 100]);
  });

  it("profiles each field's mean as a share of its maximum and compares the two years", () => {
    const fields = write.charts!.find((c) => c.id === "linh-vuc")!;
    expect(fields.kind).toBe("bar");
    expect(cells(write, fields.categories)[0]).toBe("1. Công tác chỉ đạo, điều hành CCHC");
    // 7,69 / 11,5 = 66,869… % → 66,87; 9,54 / 10 = 95,4 %.
    const shares = cells(write, fields.series[0]!.values);
    expect(shares[0]).toBe(66.87);
    expect(shares[7]).toBe(95.4);
    const change = write.charts!.find((c) => c.id === "so-sanh")!;
    expect(change.series.map((s) => s.name)).toEqual(["Năm 2022", "Năm 2023"]);
    const names = cells(write, change.categories);
    const idx = names.indexOf("Sở Nông nghiệp và Phát triển nông thôn");
    const [last, now] = change.series.map((s) => cells(write, s.values));
    // SNNPTNT: the largest fall, −10,15: 2023 82,9.
    expect(now![idx]).toBe(82.9);
    expect(Math.round((now![idx] as number) * 100 - (last![idx] as number) * 100)).toBe(-1015);
    const groups = write.charts!.find((c) => c.id === "phan-nhom")!;
    expect(cells(write, groups.categories)).toEqual(["Nhóm A", "Nhóm B", "Nhóm C", "Nhóm D"]);
    expect(cells(write, groups.series[0]!.values)).toEqual([2, 18, 0, 0]);
  });

  it("lays the charts out on empty rows of known height, each inside an A4 landscape page, none over another", () => {
    const heights = write.blocks[0]!.rowHeights!;
    const values = write.blocks[0]!.values;
    const page = printArea("landscape");
    const taken = new Set<number>();
    for (const c of write.charts!) {
      expect(c.width).toBeLessThanOrEqual(page.width);
      expect(c.height).toBeLessThanOrEqual(page.height);
      const rows = Math.ceil(c.height / CHART_ROW_PT);
      for (let r = c.anchor.row; r < c.anchor.row + rows; r++) {
        expect(heights[r], `row ${r + 1}`).toBe(CHART_ROW_PT);
        expect(values[r]!.every((v) => v === null)).toBe(true);
        expect(taken.has(r)).toBe(false);
        taken.add(r);
      }
    }
    // The stamp line is the last row, in column A.
    expect(values.at(-1)![0]).toBe("Tạo bởi cchc-index test");
  });

  it("the huyện block (Tổng quan a): TPSL first with 93,14, groups A 03 (25 %) and B 09 (75 %)", () => {
    const w = planOverviewSheet(huyen!, "x");
    const ranking = w.charts!.find((c) => c.id === "xep-hang")!;
    expect(cells(w, ranking.categories)[0]).toBe("UBND thành phố Sơn La");
    expect(cells(w, ranking.series[0]!.values)[0]).toBe(93.14);
    expect(figure(w, "Nhóm A")?.slice(2, 4)).toEqual([3, 25]);
    expect(figure(w, "Nhóm B")?.slice(2, 4)).toEqual([9, 75]);
  });
});

describe("overview rules", () => {
  it("three units by hand: An and Bình tie at 90, Cường 70; no previous year, so no change chart", () => {
    const { input, result } = computed(smallDoc());
    const [o] = buildOverviews(input, result);
    const w = planOverviewSheet(o!, "x");
    // Mean (90 + 90 + 70) / 3 = 83,333… → 83,33; gap 20; A 2 of 3 = 66,67 %, B 33,33 %.
    expect(figure(w, "Chỉ số trung bình")?.[1]).toBe(83.33);
    expect(figure(w, "Chỉ số cao nhất")?.[2]).toBe("Đơn vị An, Đơn vị Bình");
    expect(figure(w, "Khoảng cách cao nhất - thấp nhất")?.[1]).toBe(20);
    expect(figure(w, "Nhóm A")?.slice(2, 4)).toEqual([2, 66.67]);
    expect(figure(w, "Nhóm B")?.slice(2, 4)).toEqual([1, 33.33]);
    expect(figure(w, "Chỉ số trung bình năm 2022")).toBeUndefined();
    expect(w.charts!.map((c) => c.id)).toEqual(["xep-hang", "phan-nhom", "linh-vuc"]);
  });

  it("300 units in a block: the ranking chart shows the first 15 and the last 15 with one row for the 270 between", () => {
    const r = computeIndex(scaledInput({ xa: 300 }));
    if (!r.ok) throw new Error("invalid scaled input");
    const [o] = buildOverviews(r.input, r.result);
    const w = planOverviewSheet(o!, "x");
    const ranking = w.charts!.find((c) => c.id === "xep-hang")!;
    const names = cells(w, ranking.categories);
    expect(names).toHaveLength(2 * RANKING_ENDS + 1);
    const ranked = [...r.result.blocks[0]!.units].sort((a, b) => a.rank - b.rank);
    expect(names[0]).toBe(ranked[0]!.name);
    expect(names[30]).toBe(ranked[299]!.name);
    expect(names[15]).toMatch(/^… 270 đơn vị ở giữa, chỉ số từ \d+(,\d+)? đến \d+(,\d+)?$/);
    const middle = ranked.slice(15, 285).map((u) => u.index);
    expect(names[15]).toContain(`từ ${String(Math.min(...middle)).replace(".", ",")} đến ${String(Math.max(...middle)).replace(".", ",")}`);
    // The middle row has no bar, only the mean.
    for (const s of ranking.series.slice(0, -1)) expect(cells(w, s.values)[15]).toBeNull();
    expect(cells(w, ranking.series.at(-1)!.values)[15]).toBe(o!.mean);
    expect(w.blocks[0]!.values.some((row) => typeof row[0] === "string" && row[0].startsWith("Khối có 300 đơn vị"))).toBe(true);
  });

  it("chartsOfPlan lists every chart with A1 ranges", () => {
    const { input, result } = sonLa();
    const writes = buildOverviews(input, result).map((o) => planOverviewSheet(o, "x"));
    const list = chartsOfPlan(writes);
    expect(list.map((c) => `${c.sheet}/${c.id}`)).toEqual([
      "Tổng quan/xep-hang",
      "Tổng quan/phan-nhom",
      "Tổng quan/linh-vuc",
      "Tổng quan/so-sanh",
      "Tổng quan a/xep-hang",
      "Tổng quan a/phan-nhom",
      "Tổng quan a/linh-vuc",
      "Tổng quan a/so-sanh",
    ]);
    expect(list[0]!.series[0]!.values).toMatch(/^E\d+:E\d+$/);
  });
});

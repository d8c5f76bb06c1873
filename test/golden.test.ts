/**
 * Golden test: the Sơn La 2023 fixture through the core reproduces every published figure of
 * the brief's seed-facts.md (Sơn La 94/QĐ-UBND, typed in by hand from that file).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import { resultSchema, type BlockResult, type Extreme } from "../shared/schema/resultSchema.ts";

const FIXTURE = path.resolve(__dirname, "fixtures/son-la-2023/input.json");
const outcome = computeIndex(JSON.parse(readFileSync(FIXTURE, "utf8")));
if (!outcome.ok) throw new Error(outcome.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
const result = outcome.result;
const so = result.blocks.find((b) => b.id === "so") as BlockResult;
const huyen = result.blocks.find((b) => b.id === "huyen") as BlockResult;

const byRank = (b: BlockResult) =>
  b.units
    .map((u, i) => ({ u, i }))
    .sort((x, y) => x.u.rank - y.u.rank || x.i - y.i)
    .map(({ u }) => u.code);
const unit = (b: BlockResult, code: string) => {
  const u = b.units.find((x) => x.code === code);
  if (u === undefined) throw new Error(code);
  return u;
};
const ext = (value: number, ...units: string[]): Extreme => ({ value, units });
const codesWith = (b: BlockResult, pred: (u: BlockResult["units"][number]) => boolean) =>
  b.units
    .filter(pred)
    .map((u) => u.code)
    .sort();

describe("golden: Sơn La 2023", () => {
  it("validates against resultSchema, without warnings", () => {
    expect(resultSchema.safeParse(result).success).toBe(true);
    expect(outcome.warnings).toEqual([]);
    expect(result.year).toBe(2023);
    expect(result.blocks.map((b) => b.id)).toEqual(["so", "huyen"]);
  });

  describe("khối sở", () => {
    it("rank order and the published totals", () => {
      expect(byRank(so)).toEqual([
        "SGTVT",
        "SNV",
        "STC",
        "VPUBND",
        "SGDDT",
        "STP",
        "SCT",
        "BDT",
        "SKHDT",
        "TTR",
        "BQLKCN",
        "STTTT",
        "SKHCN",
        "SVHTTDL",
        "SNNPTNT",
        "SLDTBXH",
        "SXD",
        "SYT",
        "STNMT",
        "SNGV",
      ]);
      expect(so.units.map((u) => u.rank).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(unit(so, "SGTVT")).toMatchObject({ name: "Sở Giao thông vận tải", total: 95.44, index: 95.44, group: "A", rank: 1 });
      expect(unit(so, "SNGV")).toMatchObject({ name: "Sở Ngoại vụ", index: 81.2, group: "B", rank: 20 });
      expect(unit(so, "SNV").group).toBe("A");
    });
    it("N/A criterion 6.4 scales BDT and TTR from a maximum of 99", () => {
      expect(unit(so, "BDT")).toMatchObject({ total: 85.78, max: 99, index: 86.65 });
      expect(unit(so, "TTR")).toMatchObject({ total: 85.34, max: 99, index: 86.2 });
    });
    it("mean, above/below, extremes, gap, groups", () => {
      const s = so.stats;
      expect(s.count).toBe(20);
      expect(s.mean).toBe(85.97);
      expect(s.aboveMean).toBe(11);
      expect(s.belowMean).toBe(9);
      expect(s.highest).toEqual(ext(95.44, "SGTVT"));
      expect(s.lowest).toEqual(ext(81.2, "SNGV"));
      expect(s.gap).toBe(14.24);
      expect(s.groups).toEqual([
        { name: "A", count: 2, share: 10 },
        { name: "B", count: 18, share: 90 },
        { name: "C", count: 0, share: 0 },
        { name: "D", count: 0, share: 0 },
      ]);
    });
    it("previous year: mean, index and rank changes with the named units", () => {
      const p = so.stats.previous;
      expect(p?.mean).toBe(91.19);
      expect(p?.meanChange).toBe(-5.22);
      expect([p?.indexUp, p?.indexDown, p?.indexHeld]).toEqual([1, 19, 0]);
      expect(codesWith(so, (u) => (u.change?.index ?? 0) > 0)).toEqual(["SLDTBXH"]);
      expect(p?.largestIndexFall).toEqual(ext(-10.15, "SNNPTNT"));
      expect(p?.largestIndexRise?.units).toEqual(["SLDTBXH"]);
      expect([p?.rankUp, p?.rankHeld, p?.rankDown]).toEqual([7, 4, 9]);
      expect(codesWith(so, (u) => (u.change?.rank ?? 0) > 0)).toEqual(["BQLKCN", "SGDDT", "SKHDT", "SLDTBXH", "STC", "STTTT", "SYT"]);
      expect(codesWith(so, (u) => u.change?.rank === 0)).toEqual(["SGTVT", "SNV", "STP", "SVHTTDL"]);
      expect(codesWith(so, (u) => (u.change?.rank ?? 0) < 0)).toEqual([
        "BDT",
        "SCT",
        "SKHCN",
        "SNGV",
        "SNNPTNT",
        "STNMT",
        "SXD",
        "TTR",
        "VPUBND",
      ]);
      expect(p?.largestRankRise).toEqual(ext(8, "SKHDT"));
      expect(p?.largestRankFall).toEqual(ext(-7, "SNNPTNT"));
    });
    it("every field's mean, highest and lowest", () => {
      expect(so.stats.fields).toEqual([
        { code: "1", max: 11.5, mean: 7.69, highest: ext(11.41, "SGTVT"), lowest: ext(3.89, "SNGV") },
        { code: "2", max: 10.5, mean: 9.67, highest: ext(10.32, "SNV"), lowest: ext(8.51, "SLDTBXH") },
        { code: "3", max: 14, mean: 12.1, highest: ext(14, "VPUBND"), lowest: ext(9.5, "SYT") },
        { code: "4", max: 12.5, mean: 11.86, highest: ext(12.25, "SGTVT"), lowest: ext(10.2, "SKHDT") },
        { code: "5", max: 12, mean: 11, highest: ext(11.77, "SGTVT"), lowest: ext(9.59, "STNMT") },
        { code: "6", max: 12, mean: 10.55, highest: ext(11.39, "SGTVT"), lowest: ext(9.25, "SGDDT") },
        { code: "7", max: 17.5, mean: 13.47, highest: ext(16.85, "STTTT"), lowest: ext(10.63, "SNNPTNT") },
        // BDT (rank 8) before BQLKCN (rank 11)
        { code: "8", max: 10, mean: 9.54, highest: ext(10, "BDT", "BQLKCN"), lowest: ext(8.64, "TTR") },
      ]);
    });
    it("survey and satisfaction", () => {
      const survey = so.stats.methods.find((m) => m.method === "survey");
      expect(survey).toEqual({ method: "survey", max: 20, mean: 17.83, highest: ext(18.55, "SNV"), lowest: ext(17.36, "SLDTBXH") });
      expect(so.units.filter((u) => u.survey < 17.83).length).toBe(11);
      expect(so.stats.methods.map((m) => m.method)).toEqual(["appraised", "survey", "satisfaction"]);
      expect(so.stats.methods.map((m) => m.max)).toEqual([70, 20, 10]);
      expect(so.units.filter((u) => u.satisfaction >= 9).length).toBe(19);
    });
    it("field means need not add up to the mean index (85,88 vs 85,97)", () => {
      const sumH = so.stats.fields.reduce((s, f) => s + Math.round(f.mean * 100), 0);
      expect(sumH).toBe(8588);
    });
  });

  describe("khối huyện", () => {
    it("rank order and the published totals", () => {
      expect(byRank(huyen)).toEqual(["TPSL", "MCH", "SMA", "YCH", "PYE", "MLA", "MSO", "VHO", "TCH", "QNH", "SCO", "BYE"]);
      expect(unit(huyen, "TPSL")).toMatchObject({ name: "UBND thành phố Sơn La", index: 93.14, group: "A", rank: 1 });
      expect(unit(huyen, "BYE")).toMatchObject({ name: "UBND huyện Bắc Yên", index: 81.24, rank: 12 });
      expect(codesWith(huyen, (u) => u.group === "A")).toEqual(["MCH", "SMA", "TPSL"]);
    });
    it("mean, above/below, extremes, gap, groups", () => {
      const s = huyen.stats;
      expect(s.mean).toBe(85.84);
      expect([s.aboveMean, s.belowMean]).toEqual([5, 7]);
      expect(s.highest).toEqual(ext(93.14, "TPSL"));
      expect(s.lowest).toEqual(ext(81.24, "BYE"));
      expect(s.gap).toBe(11.9);
      expect(s.groups).toEqual([
        { name: "A", count: 3, share: 25 },
        { name: "B", count: 9, share: 75 },
        { name: "C", count: 0, share: 0 },
        { name: "D", count: 0, share: 0 },
      ]);
    });
    it("previous year: mean, changes, named units and 2022 ranks", () => {
      const p = huyen.stats.previous;
      expect(p?.mean).toBe(87.94);
      expect(p?.meanChange).toBe(-2.1);
      expect([p?.indexUp, p?.indexDown, p?.indexHeld]).toEqual([1, 11, 0]);
      expect(p?.largestIndexRise).toEqual(ext(4.78, "PYE"));
      expect(p?.largestIndexFall).toEqual(ext(-8.48, "MSO"));
      expect([p?.rankUp, p?.rankHeld, p?.rankDown]).toEqual([5, 3, 4]);
      expect(codesWith(huyen, (u) => (u.change?.rank ?? 0) > 0)).toEqual(["PYE", "QNH", "TCH", "TPSL", "YCH"]);
      expect(codesWith(huyen, (u) => u.change?.rank === 0)).toEqual(["BYE", "MCH", "MLA"]);
      expect(codesWith(huyen, (u) => (u.change?.rank ?? 0) < 0)).toEqual(["MSO", "SCO", "SMA", "VHO"]);
      expect(p?.largestRankRise).toEqual(ext(4, "PYE"));
      // MSO (rank 7) before SCO (rank 11)
      expect(p?.largestRankFall).toEqual(ext(-3, "MSO", "SCO"));
      const prevRank = (code: string) => unit(huyen, code).rank + (unit(huyen, code).change?.rank ?? Number.NaN);
      expect(["SMA", "MCH", "MSO", "MLA", "SCO", "PYE", "TCH", "QNH", "BYE"].map(prevRank)).toEqual([1, 2, 4, 6, 8, 9, 10, 11, 12]);
      expect(prevRank("YCH")).not.toBe(3);
    });
    it("every field's mean, highest and lowest (they add to 85,84)", () => {
      expect(huyen.stats.fields).toEqual([
        { code: "1", max: 11, mean: 8.39, highest: ext(10.38, "MCH"), lowest: ext(6.65, "QNH") },
        { code: "2", max: 10, mean: 8.9, highest: ext(9.13, "TPSL"), lowest: ext(8.38, "SCO") },
        { code: "3", max: 13, mean: 12.02, highest: ext(13, "SMA"), lowest: ext(9.5, "TCH") },
        { code: "4", max: 12.5, mean: 11.77, highest: ext(12.05, "TPSL"), lowest: ext(10.7, "VHO") },
        { code: "5", max: 11.5, mean: 10.29, highest: ext(11.07, "SMA"), lowest: ext(8.73, "BYE") },
        { code: "6", max: 12, mean: 10.35, highest: ext(11.77, "TPSL"), lowest: ext(9.17, "MSO") },
        { code: "7", max: 14.5, mean: 10.78, highest: ext(13.57, "TPSL"), lowest: ext(8.53, "MSO") },
        { code: "8", max: 15.5, mean: 13.34, highest: ext(14.82, "TPSL"), lowest: ext(11.47, "BYE") },
      ]);
      expect(huyen.stats.fields.reduce((s, f) => s + Math.round(f.mean * 100), 0)).toBe(8584);
    });
    it("survey and satisfaction", () => {
      const m = (k: string) => huyen.stats.methods.find((x) => x.method === k);
      expect(m("survey")).toEqual({ method: "survey", max: 20, mean: 16.93, highest: ext(17.71, "TPSL"), lowest: ext(16.08, "SCO") });
      expect(huyen.units.filter((u) => u.survey < 16.93).length).toBe(5);
      expect(m("satisfaction")?.mean).toBe(9.45);
      expect(m("satisfaction")?.highest).toEqual(ext(10, "SMA"));
      expect(huyen.units.filter((u) => u.satisfaction >= 9).length).toBe(11);
    });
  });
});

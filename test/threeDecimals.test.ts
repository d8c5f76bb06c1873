/**
 * `settings.precision: 3` end to end on a block worked out by hand (test/fixtures/three-decimals/README.md):
 * the core, `cchc compute --json`, the workbook (`cchc workbook` then `cchc recalc`, read back with exceljs),
 * the Biểu tables and the written analysis. Every expected figure comes from the README, not from the tool.
 * The fixture is another province, year and decision: nothing generated may name Sơn La or its decision.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import { resultSchema, type BlockResult } from "../shared/schema/resultSchema.ts";
import { buildReportTables } from "../shared/report/buildReportTables.ts";
import { buildAnalysis } from "../shared/report/buildAnalysis.ts";
import { tablesToMarkdown } from "../shared/report/tablesToMarkdown.ts";
import { analysisToMarkdown } from "../shared/report/analysisToMarkdown.ts";
import { formatProblem } from "../shared/problem.ts";
import { buildNotices } from "../shared/report/buildNotices.ts";
import { planNoticeSheet } from "../shared/workbook/planNoticeSheet.ts";
import { excelOf } from "./xlsxBooks.ts";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const fixturePath = resolve(root, "test/fixtures/three-decimals/input.json");
const text = readFileSync(fixturePath, "utf8");
const fixture = JSON.parse(text) as Record<string, unknown> & { settings: Record<string, unknown>; blocks: Record<string, unknown>[] };
const cli = (args: string[]) =>
  run(process.execPath, [resolve(root, "lib/cchc.mjs"), ...args], { cwd: root }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

// ---- The hand-worked figures (README.md) ----
/** Unit → [total, max, index, rank, group, change of index, change of rank]. */
const HAND: Record<string, [number, number, number, number, string, number, number]> = {
  U01: [95.437, 100, 95.437, 1, "A", 1.326, 0],
  U02: [91.234, 100, 91.234, 2, "A", 0.734, 1],
  U03: [91.234, 100, 91.234, 2, "A", -0.766, 0],
  U04: [89.999, 100, 89.999, 5, "B", 1.111, 0],
  U05: [89.2, 99, 90.101, 4, "A", 0.102, 0],
  U06: [87.654, 100, 87.654, 6, "B", 1.654, 1],
  U07: [87.652, 100, 87.652, 7, "B", 0.652, -1],
  U08: [84.321, 100, 84.321, 8, "B", 4.198, 1],
  U09: [78.005, 100, 78.005, 9, "B", -4.495, -1],
  U10: [70, 100, 70, 10, "B", -1.234, 0],
  U11: [65.432, 100, 65.432, 11, "C", 15.433, 1],
  U12: [48.765, 100, 48.765, 12, "D", -6.79, -1],
};
const RANK_ORDER = ["U01", "U02", "U03", "U05", "U04", "U06", "U07", "U08", "U09", "U10", "U11", "U12"];

function checkBlock(b: BlockResult): void {
  for (const u of b.units) {
    const [total, max, index, rank, group, dIndex, dRank] = HAND[u.code]!;
    expect({ code: u.code, total: u.total, max: u.max, index: u.index, rank: u.rank, group: u.group, change: u.change }).toEqual({
      code: u.code,
      total,
      max,
      index,
      rank,
      group,
      change: { index: dIndex, rank: dRank },
    });
  }
  const s = b.stats;
  expect(s.mean).toBe(81.653);
  expect([s.aboveMean, s.belowMean]).toEqual([8, 4]);
  expect(s.highest).toEqual({ value: 95.437, units: ["U01"] });
  expect(s.lowest).toEqual({ value: 48.765, units: ["U12"] });
  expect(s.gap).toBe(46.672);
  expect(s.groups).toEqual([
    { name: "A", count: 4, share: 33.333 },
    { name: "B", count: 6, share: 50 },
    { name: "C", count: 1, share: 8.333 },
    { name: "D", count: 1, share: 8.333 },
  ]);
  const field1 = s.fields.find((f) => f.code === "1")!;
  expect(field1).toEqual({ code: "1", max: 12.5, mean: 10.19, highest: { value: 11.833, units: ["U01"] }, lowest: { value: 6.1, units: ["U12"] } });
  const survey = s.methods.find((m) => m.method === "survey")!;
  expect([survey.mean, survey.highest.value, survey.lowest.value]).toEqual([16.412, 19.369, 9.731]);
  expect(s.methods.find((m) => m.method === "satisfaction")?.mean).toBe(8.141);
  expect(s.previous).toMatchObject({
    mean: 80.659,
    meanChange: 0.994,
    indexUp: 8,
    indexDown: 4,
    indexHeld: 0,
    rankUp: 4,
    rankHeld: 5,
    rankDown: 3,
    largestIndexRise: { value: 15.433, units: ["U11"] },
    largestIndexFall: { value: -6.79, units: ["U12"] },
  });
  const u04 = b.units.find((u) => u.code === "U04")!;
  expect(u04.toNextGroup).toEqual({ group: "A", points: 0.001 });
  const u07 = b.units.find((u) => u.code === "U07")!;
  expect(u07.toNextRank).toEqual({ rank: 6, points: 0.002 });
}

const byRank = (b: BlockResult) =>
  b.units
    .map((u, i) => ({ u, i }))
    .sort((x, y) => x.u.rank - y.u.rank || x.i - y.i)
    .map(({ u }) => u.code);

describe("precision 3: a block worked by hand", () => {
  const outcome = computeIndex(fixture);
  if (!outcome.ok) throw new Error(outcome.errors.map(formatProblem).join("\n"));

  it("computeIndex gives every hand figure, with the four-decimal score rounded and warned about", () => {
    expect(resultSchema.safeParse(outcome.result).success).toBe(true);
    expect(outcome.result.precision).toBe(3);
    expect(outcome.result.warnings).toEqual(['blocks[0].scores.U01["1.1.1"]: 2,9204 có quá 3 chữ số thập phân, đã làm tròn thành 2,92']);
    const b = outcome.result.blocks[0]!;
    expect(byRank(b)).toEqual(RANK_ORDER);
    checkBlock(b);
  });

  it("result notices speak in thousandths: U06 needs 89,999 − 87,654 = 2,345 for rank 5 and 90 − 87,654 = 2,346 for group A", () => {
    const [block] = buildNotices(outcome.input, outcome.result);
    const u06 = block!.notices.find((n) => n.unitCode === "U06")!;
    expect(u06.toNextRank).toEqual({ rank: 5, points: 2.345 });
    expect(u06.nextSteps).toEqual([
      "Để đạt hạng 5, chỉ số cần tăng thêm 2,345 điểm.",
      "Để vào nhóm A (từ 90 điểm), chỉ số cần tăng thêm 2,346 điểm.",
    ]);
    expect(u06.summary[0]).toContain("87,654 điểm");
    const sheet = planNoticeSheet("Thông báo kết quả - Xã", [u06], "stamp");
    const formats = new Set(sheet.blocks.flatMap((b) => (b.styles ?? []).flat().map((st) => st?.numberFormat)).filter((f) => f !== undefined && f !== "@"));
    expect(formats).toEqual(new Set(["0.000"]));
  });

  it("the result schema refuses a third decimal in a precision-2 result", () => {
    expect(resultSchema.safeParse({ ...outcome.result, precision: 2 }).success).toBe(false);
  });

  it("the same data at precision 2 is refused: maxima with three decimals", () => {
    const two = computeIndex({ ...fixture, settings: { ...fixture.settings, precision: 2 } });
    expect(two.ok).toBe(false);
    if (two.ok) return;
    expect(two.errors.map(formatProblem)).toContain("blocks[0].criteria[1]: tiêu chí 1.1: điểm tối đa 6,125 có quá 2 chữ số thập phân");
  });

  it("settings.precision other than 2 or 3 is an error at settings.precision", () => {
    for (const bad of [4, 2.5, "3", 0]) {
      const r = computeIndex({ ...fixture, settings: { ...fixture.settings, precision: bad } });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.errors.map(formatProblem)).toEqual(["settings.precision: phải là một trong: 2, 3"]);
    }
  });

  it("cchc compute --json prints the same hand figures", async () => {
    const r = await cli(["compute", fixturePath, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const result = resultSchema.parse(JSON.parse(r.stdout));
    expect(result.precision).toBe(3);
    checkBlock(result.blocks[0]!);
    expect(r.stdout).toContain('"mean": 81.653');
    // The readable summary keeps the three decimals too.
    const summary = await cli(["compute", fixturePath]);
    expect(summary.stdout).toContain("Chỉ số trung bình: 81,653/100 (+0,994 so với năm trước: 80,659)");
    expect(summary.stdout).toMatch(/5 +U04 +UBND xã Nậm Loỏng +89,999 +B/);
    expect(summary.stdout).toContain("Nhóm A (từ 90 điểm): 04 đơn vị, 33,333%");
  }, 60_000);

  it("Biểu tables carry three decimals and the hand figures", () => {
    const tables = buildReportTables(outcome.input, outcome.result);
    const b1 = tables.find((t) => t.number === "1")!;
    expect(b1.precision).toBe(3);
    // Column 10 = Chỉ số, 11 = Xếp hạng, 12 = Xếp nhóm; rows in rank order.
    expect(b1.body.map((r) => [r[10], r[11], r[12]])).toEqual(RANK_ORDER.map((c) => [HAND[c]![2], HAND[c]![3], HAND[c]![4]]));
    expect(b1.footer[0]?.[10]).toBe(81.653);
    // Survey share of the mean: 16,412 / 20 × 100 = 82,06.
    expect(b1.footer[0]?.[5]).toBe(82.06);
    expect(b1.notes).toContain("Chỉ số: Tổng điểm / Điểm tối đa × 100, làm tròn đến 0,001");
    const md = tablesToMarkdown(tables);
    expect(md).toContain("| 5 | UBND xã Nậm Loỏng |");
    expect(md).toContain("| 89,999 | 5 | B |");
    expect(md).toContain("| 70,000 | 10 | B |");
    const b2 = tables.find((t) => t.number === "2")!;
    expect(b2.footer[0]).toEqual([null, "Trung bình", 80.659, null, 81.653, null, 0.994, null]);
    const b4 = tables.find((t) => t.number === "4")!;
    // Field 1 of the first unit (U01): 2,920 + 2,893 = 5,813 for 1.1, then 1.1.1, 1.1.2, 1.2, total 11,833.
    expect(b4.body[0]?.slice(2)).toEqual([5.813, 2.92, 2.893, 6.02, 11.833]);
  });

  it("the written analysis quotes three decimals, the group movement and the rank-movement counts", () => {
    const [section] = buildAnalysis(outcome.input, outcome.result);
    const all = section!.paragraphs.join("\n");
    expect(section!.title).toBe("1. Đối với khối các xã, phường");
    expect(all).toContain("đạt: 81,653/100 điểm, tăng 0,994 điểm so với năm 2024");
    expect(all).toContain("trong đó UBND phường Tân Phong nhất bảng với 95,437 điểm");
    expect(all).toContain("- Nhóm A (từ 90 điểm trở lên), có 04 đơn vị chiếm tỷ lệ 33,333%");
    expect(all).toContain("; so với năm 2024 tăng 01 đơn vị.");
    expect(all).toMatch(/- Nhóm B [^\n]*; so với năm 2024 giảm 01 đơn vị\./);
    expect(all).toMatch(/- Nhóm C [^\n]*; số đơn vị không thay đổi so với năm 2024\./);
    expect(all).toContain("- Có 04 đơn vị tăng bậc so với năm 2024 (giảm 02 đơn vị), gồm:");
    expect(all).toContain("- Có 05 đơn vị giữ bậc so với năm 2024 (tăng 03 đơn vị), gồm:");
    expect(all).toContain("- Có 03 đơn vị giảm bậc so với năm 2024 (giảm 01 đơn vị), gồm:");
    expect(all).toContain("trong đó đơn vị tăng nhiều điểm nhất là UBND xã Mường So (tăng 15,433 điểm)");
    expect(all).toContain("điểm trung bình đạt được là 10,19/12,5 điểm");
    expect(all).toContain("Điểm trung bình 16,412/20 điểm đạt 82,06%");
  });

  it("without previousRankMoves the rank lines have no count change", () => {
    const blocks = fixture.blocks.map(({ previousRankMoves: _drop, ...b }) => b);
    const r = computeIndex({ ...fixture, blocks });
    if (!r.ok) throw new Error("unexpected");
    const all = buildAnalysis(r.input, r.result)[0]!.paragraphs.join("\n");
    expect(all).toContain("- Có 04 đơn vị tăng bậc so với năm 2024, gồm:");
  });

  it("workbook: `cchc workbook` then `cchc recalc` write three decimals (format 0.000) and the hand figures; nothing names Sơn La", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cchc-3dec-"));
    const book = join(dir, "book.xlsx");
    const made = await cli(["workbook", fixturePath, book]);
    expect(made.code, made.stderr).toBe(0);
    const again = await cli(["recalc", book]);
    expect(again.code, again.stderr).toBe(0);
    const wb: ExcelJS.Workbook = await excelOf(readFileSync(book));

    // «Cài đặt» holds the precision row.
    const settings = wb.getWorksheet("Cài đặt")!;
    let precisionValue: unknown;
    settings.eachRow((row) => {
      if (row.getCell(1).value === "Số chữ số thập phân") precisionValue = row.getCell(2).value;
    });
    expect(precisionValue).toBe(3);

    // The results area under the scores.
    const scores = wb.getWorksheet("Điểm - Xã")!;
    let header = 0;
    const rowOf: Record<string, number> = {};
    scores.eachRow((row, r) => {
      if (row.getCell(1).value === "Mã" && header === 0) header = r;
      const label = row.getCell(2).value;
      if (typeof label === "string") for (const l of ["Tổng điểm", "Chỉ số (", "Xếp hạng", "Xếp nhóm"]) if (label.startsWith(l)) rowOf[l] ??= r;
    });
    const colOf = (code: string): number => {
      let col = 0;
      scores.getRow(header).eachCell((cell, c) => {
        if (cell.value === code) col = c;
      });
      return col;
    };
    for (const code of Object.keys(HAND)) {
      const c = colOf(code);
      const [total, , index, rank, group] = HAND[code]!;
      expect(scores.getCell(rowOf["Tổng điểm"]!, c).value).toBe(total);
      const indexCell = scores.getCell(rowOf["Chỉ số ("]!, c);
      expect(indexCell.value).toBe(index);
      expect(indexCell.numFmt).toBe("0.000");
      expect(scores.getCell(rowOf["Xếp hạng"]!, c).value).toBe(rank);
      expect(scores.getCell(rowOf["Xếp nhóm"]!, c).value).toBe(group);
    }

    // Biểu 1: the index column in rank order, "0.000".
    const b1 = wb.getWorksheet("Biểu 1")!;
    const indexCells: ExcelJS.Cell[] = [];
    b1.eachRow((row) => {
      const stt = row.getCell(1).value;
      if (typeof stt === "number" && typeof row.getCell(2).value === "string") indexCells.push(row.getCell(11));
    });
    expect(indexCells.map((c) => c.value)).toEqual(RANK_ORDER.map((c) => HAND[c]![2]));
    expect(new Set(indexCells.map((c) => c.numFmt))).toEqual(new Set(["0.000"]));
    const b2 = wb.getWorksheet("Biểu 2")!;
    let signed: string | undefined;
    b2.eachRow((row) => {
      if (row.getCell(2).value === "Trung bình") signed = row.getCell(7).numFmt;
    });
    expect(signed).toBe("+0.000;-0.000;0.000");

    // «Tổng quan»: the mean (81,653 by hand) at three decimals, and its charts' axes too.
    const overview = wb.getWorksheet("Tổng quan")!;
    let mean: ExcelJS.Cell | undefined;
    overview.eachRow((row) => {
      if (row.getCell(1).value === "Chỉ số trung bình") mean ??= row.getCell(2);
    });
    expect(mean?.value).toBe(81.653);
    expect(mean?.numFmt).toBe("0.000");
    const zip = await JSZip.loadAsync(readFileSync(book));
    const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts.length).toBeGreaterThan(0);
    const rankingXml = await Promise.all(charts.map((n) => zip.file(n)!.async("string")));
    expect(rankingXml.some((x) => x.includes('formatCode="0.000"'))).toBe(true);
    expect(rankingXml.some((x) => x.includes('formatCode="0.00"'))).toBe(false);

    // Nothing generated names Sơn La, its decision or its years.
    const texts: string[] = [];
    wb.eachSheet((ws) => {
      texts.push(ws.name);
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === "string") texts.push(cell.value);
          else if (cell.value !== null && typeof cell.value === "object" && "richText" in cell.value)
            texts.push(cell.value.richText.map((t) => t.text).join(""));
        }),
      );
    });
    expect(texts.some((t) => t.includes("Lai Châu") || t.includes("123/QĐ-UBND"))).toBe(true);
    for (const bad of ["Sơn La", "94/QĐ-UBND", "2023", "2022"]) expect(texts.filter((t) => t.includes(bad))).toEqual([]);
  }, 120_000);

  it("no Biểu, analysis or Markdown text names Sơn La or 94/QĐ-UBND", async () => {
    const tables = buildReportTables(outcome.input, outcome.result, { stamp: "Tạo bởi cchc-index" });
    const sections = buildAnalysis(outcome.input, outcome.result);
    const cells = tables.flatMap((t) => [...t.titleLines, ...t.notes, ...[...t.header, ...t.body, ...t.footer].flat().map((v) => String(v))]);
    const written = [
      ...cells,
      ...sections.flatMap((s) => [s.title, ...s.paragraphs]),
      tablesToMarkdown(tables),
      analysisToMarkdown(sections),
      (await cli(["compute", fixturePath])).stdout,
    ];
    expect(tables[0]?.titleLines[2]).toBe("(Kèm theo Quyết định số 123/QĐ-UBND ngày 20/01/2026 của Chủ tịch UBND tỉnh)");
    for (const bad of ["Sơn La", "94/QĐ-UBND", "2023", "2022"]) expect(written.filter((t) => t.includes(bad))).toEqual([]);
  }, 60_000);
});

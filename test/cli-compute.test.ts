/** `cchc compute` end to end: spawns the real CLI (node lib/cchc.mjs) on the fixture and on bad files. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resultSchema } from "../shared/schema/resultSchema.ts";

const ROOT = path.resolve(__dirname, "..");
const FIXTURE = path.resolve(__dirname, "fixtures/son-la-2023/input.json");
const TMP = mkdtempSync(path.join(tmpdir(), "cchc-compute-"));

/** The fixture as plain JSON, typed only as far as the tests edit it (they also write what the schema refuses). */
interface FixtureJson {
  blocks: { scores: Record<string, Record<string, unknown>>; extra?: unknown }[];
}

/** The fixture's scores of one unit in block `k`. */
function scoresOf(doc: FixtureJson, k: number, unit: string): Record<string, unknown> {
  const scores = doc.blocks[k]?.scores[unit];
  if (scores === undefined) throw new Error(`fixture: no scores of ${unit} in block ${k}`);
  return scores;
}

function cchc(...args: string[]) {
  const r = spawnSync(process.execPath, ["lib/cchc.mjs", "compute", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("cchc compute", () => {
  it("--json prints a valid result document, exit 0, nothing on stderr", () => {
    const r = cchc(FIXTURE, "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const result = resultSchema.parse(JSON.parse(r.stdout));
    expect(result.blocks.map((b) => b.stats.mean)).toEqual([85.97, 85.84]);
    expect(r.stdout.startsWith('{\n  "format": "cchc-index-result/1"')).toBe(true);
  }, 60_000);

  it("prints a Vietnamese summary without --json", () => {
    const r = cchc(FIXTURE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Sở Giao thông vận tải");
    expect(r.stdout).toContain("Hạng");
    expect(r.stdout).toContain("95,44");
    expect(r.stdout).toContain("Chỉ số trung bình: 85,97/100");
    expect(r.stdout).toContain("Nhóm A (từ 90 điểm): 02 đơn vị, 10%");
  }, 60_000);

  it("invalid input: exit 2, empty stdout, every problem with its path on stderr", () => {
    const doc = JSON.parse(readFileSync(FIXTURE, "utf8")) as FixtureJson;
    scoresOf(doc, 0, "SGTVT")["1.6"] = "3,5"; // maximum 2,5
    scoresOf(doc, 0, "SNV")["1.1.1"] = "";
    scoresOf(doc, 1, "TPSL")["1.1.1"] = true;
    doc.blocks[0]!.extra = 1;
    const bad = path.join(TMP, "bad.json");
    writeFileSync(bad, JSON.stringify(doc));
    const r = cchc(bad, "--json");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        'blocks[0].extra: khóa không hợp lệ: "extra"',
        'blocks[0].scores.SGTVT["1.6"]: 3,5 vượt điểm tối đa 2,5',
        'blocks[0].scores.SNV["1.1.1"]: chưa có điểm',
        'blocks[1].scores.TPSL["1.1.1"]: true không phải là số',
      ]),
    );
    expect(lines).toHaveLength(4);
  }, 60_000);

  it("prints warnings on stderr and still succeeds", () => {
    const doc = JSON.parse(readFileSync(FIXTURE, "utf8")) as FixtureJson;
    const before = scoresOf(doc, 0, "SGTVT")["1.6"];
    scoresOf(doc, 0, "SGTVT")["1.6"] = `${String(before)}0001`.replace(".", ",");
    const file = path.join(TMP, "warn.json");
    writeFileSync(file, JSON.stringify(doc));
    const r = cchc(file, "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^blocks\[0\]\.scores\.SGTVT\["1\.6"\]: .* đã làm tròn thành .*\n$/);
    expect((JSON.parse(r.stdout) as { warnings: unknown }).warnings).toEqual([r.stderr.trimEnd()]);
  }, 60_000);

  it("a missing file and a JSON syntax error are Vietnamese problems, exit 2", () => {
    const missing = cchc(path.join(TMP, "khong-co.json"));
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("không tìm thấy tệp");
    const broken = path.join(TMP, "broken.json");
    writeFileSync(broken, '{\n  "format": "cchc-index/1",\n}');
    const r = cchc(broken);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/JSON sai cú pháp/);
  }, 60_000);

  it("wrong usage exits 1", () => {
    expect(cchc().code).toBe(1);
  }, 60_000);
});

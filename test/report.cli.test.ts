import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SON_LA_PATH, smallDoc } from "./reportFixtures.ts";

const ROOT = path.resolve(__dirname, "..");
const cchc = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, "lib/cchc.mjs"), "report", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });

describe("cchc report", () => {
  it("--out DIR writes analysis.md and bieu.json", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "cchc-report-")), "ra");
    const r = cchc(SON_LA_PATH, "--out", dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["analysis.md", "bieu.json"]);
    const md = readFileSync(path.join(dir, "analysis.md"), "utf8");
    expect(md).toContain("## III. KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023");
    expect(md).toContain("Tổng điểm trung bình của các sở đạt: 85,97/100 điểm, giảm 5,22 điểm so với năm 2022");
    expect(md).toContain("Tổng điểm trung bình của các huyện đạt: 85,84/100 điểm, giảm 2,1 điểm so với năm 2022");
    const tables = JSON.parse(readFileSync(path.join(dir, "bieu.json"), "utf8")) as {
      number: string;
      notes: string[];
      body: unknown[][];
    }[];
    expect(tables).toHaveLength(22);
    expect(tables[0]?.body[0]?.slice(0, 2)).toEqual([1, "Sở Giao thông vận tải"]);
    expect(tables[21]?.number).toBe("11a");
    expect(tables[0]?.notes[tables[0].notes.length - 1]).toMatch(/^Tạo bởi cchc-index \S+ từ dữ liệu #[0-9a-f]{10}$/);
  });

  it("--md prints the analysis and every table as Markdown", () => {
    const r = cchc(SON_LA_PATH, "--md");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("### 1. Đối với khối sở");
    expect(r.stdout).toContain(
      "- Cải cách thủ tục hành chính (Biểu số 6): điểm trung bình đạt được là 12,1/14 điểm, Văn phòng UBND tỉnh đạt điểm cao nhất (14 điểm), Sở Y tế đạt điểm thấp nhất (9,5 điểm).",
    );
    expect(r.stdout).toContain("### Biểu số 1\n");
    expect(r.stdout).toContain("### Biểu số 11a\n");
    expect(r.stdout).toContain("| 1 | Sở Giao thông vận tải |");
  });

  it("invalid input: exit 2, every problem on stderr, nothing written", () => {
    const base = mkdtempSync(path.join(tmpdir(), "cchc-report-"));
    const doc = smallDoc();
    const block = (doc.blocks as { scores: Record<string, Record<string, unknown>> }[])[0]!;
    block.scores.DVA!["1.1"] = 45; // above the maximum 40
    block.scores.DVC!["2.2"] = ""; // empty cell
    const file = path.join(base, "bad.json");
    writeFileSync(file, JSON.stringify(doc));
    const out = path.join(base, "out");
    const r = cchc(file, "--out", out);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines.some((l) => l.includes("DVA") && l.includes("1.1"))).toBe(true);
    expect(lines.some((l) => l.includes("DVC") && l.includes("chưa có điểm"))).toBe(true);
    expect(existsSync(out)).toBe(false);
  });

  it("a missing file is exit 2; missing --out/--md is exit 1 with the usage", () => {
    const missing = cchc(path.join(tmpdir(), "khong-co-tep-nay.json"), "--md");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("không tìm thấy tệp");
    const usage = cchc(SON_LA_PATH);
    expect(usage.status).toBe(1);
    expect(usage.stderr).toContain("Cách dùng: cchc report");
  });
});

/**
 * Measures `cchc recalc BOOK.xlsx` (wall time and peak memory of the whole process) on workbooks of 32 (Sơn La
 * 2023), 95 (20 sở + 75 xã), 300 (one block) and, with `--big`, 5 000 units. Each workbook is made by
 * `cchc workbook`, then recalculated in place twice (the second run is reported: a workbook that already holds
 * every Biểu, as a person's does). Needs /usr/bin/time (GNU time) for peak memory.
 *
 *   npx tsx scripts/measure-recalc.ts [--big]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { scaledInput, sonLa2023 } from "../test/fixtures/scaledInput.ts";

const root = resolve(import.meta.dirname, "..");
const cli = resolve(root, "bin/cchc.mjs");
const dir = mkdtempSync(join(tmpdir(), "cchc-measure-"));
const cases: [string, unknown][] = [
  ["32 (Sơn La 2023)", sonLa2023()],
  ["95 (20 sở + 75 xã)", scaledInput({ so: 20, xa: 75 })],
  ["300 (một khối)", scaledInput({ xa: 300 })],
];
if (process.argv.includes("--big")) cases.push(["5 000 (một khối)", scaledInput({ xa: 5000 })]);

function timed(args: string[]): { seconds: number; mb: number } {
  const run = spawnSync("/usr/bin/time", ["-f", "TIME %e %M", process.execPath, cli, ...args], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 1 << 26,
  });
  const out = run.stderr.toString();
  const m = /TIME ([\d.]+) (\d+)/.exec(out);
  if (m === null || run.status !== 0) throw new Error(`cchc ${args[0]}: ${out.slice(-2000)}`);
  return { seconds: Number(m[1]), mb: Math.round(Number(m[2]) / 1024) };
}

for (const [label, doc] of cases) {
  const json = join(dir, "input.json");
  const book = join(dir, "book.xlsx");
  writeFileSync(json, JSON.stringify(doc));
  const made = timed(["workbook", json, book]);
  timed(["recalc", book]);
  const r = timed(["recalc", book]);
  process.stdout.write(`${label}: workbook ${made.seconds} s, ${made.mb} MB; recalc ${r.seconds} s, ${r.mb} MB\n`);
}

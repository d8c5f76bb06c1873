/**
 * Measures a CLI recalculation of an .xlsx workbook in place (open, validate, compute, write every Biểu and the
 * analysis, save), each run in a fresh Node process: wall time and peak memory (maxRSS) of that process.
 * Workbooks of 32 (Sơn La 2023), 95 (20 sở + 75 xã), 250 and 300 (one block) and, with `--big`, 5 000 units are made
 * once (template with scores, not recalculated), then recalculated twice; CPU time (user + system) is the
 * figure to compare on a shared machine; the second run is reported (a
 * workbook that already holds every Biểu, as a person's does).
 *
 * The run calls what `cchc recalc` calls (openWorkbook → XlsxHost → recalculateWorkbook → saveWorkbook). Row
 * heights the core plans above Excel's 409 pt (the analysis at 95+ units) and analysis text above 32 767
 * characters (at 5 000 units), core issues being fixed elsewhere, are clamped here so that the engine can be
 * measured at every size. `--sizes 32,5000` picks sizes.
 *
 *   npx tsx scripts/measure-recalc.ts [--big] [--sizes 32,250]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");

async function child(book: string): Promise<void> {
  const started = performance.now();
  const { openWorkbook } = await import("../cli/xlsx/openWorkbook.ts");
  const { saveWorkbook } = await import("../cli/xlsx/saveWorkbook.ts");
  const { XlsxHost } = await import("../cli/xlsx/XlsxHost.ts");
  const { recalculateWorkbook } = await import("../shared/workbook/recalculateWorkbook.ts");
  const workbook = await openWorkbook(book);
  const host = new XlsxHost(workbook);
  const clamped = {
    listSheets: () => host.listSheets(),
    readSheets: (n: readonly string[], o?: object) => host.readSheets(n, o),
    write: (changes: Parameters<typeof host.write>[0]) =>
      host.write(
        changes.map((c) => ({
          ...c,
          blocks: c.blocks.map((b) => ({
            ...b,
            values: b.values.map((line) => line.map((v) => (typeof v === "string" && v.length > 32767 ? v.slice(0, 32767) : v))),
            rowHeights: b.rowHeights?.map((h) => (h === undefined ? h : Math.min(h, 409))),
          })),
        })),
      ),
  };
  const outcome = await recalculateWorkbook(clamped);
  if (!outcome.ok)
    throw new Error(
      outcome.errors
        .slice(0, 3)
        .map((e) => `${e.path}: ${e.message}`)
        .join("\n"),
    );
  await saveWorkbook(workbook, book);
  const seconds = (performance.now() - started) / 1000;
  const usage = process.resourceUsage();
  const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stdout.write(JSON.stringify({ seconds, cpu, mb: Math.round(usage.maxRSS / 1024) }) + "\n");
}

async function make(doc: unknown, book: string): Promise<void> {
  const json = book.replace(/\.xlsx$/, ".json");
  writeFileSync(json, JSON.stringify(doc));
  const { jsonToWorkbook } = await import("../cli/commands/workbook.ts");
  if ((await jsonToWorkbook(json, book, { recalc: false })) !== 0) throw new Error("workbook failed");
}

function run(args: string[]): { seconds: number; cpu: number; mb: number; wall: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", resolve(root, "scripts/measure-recalc.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(r.stderr.slice(-3000));
  return { ...(JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as { seconds: number; cpu: number; mb: number }), wall };
}

const mode = process.argv[2];
if (mode === "--child") await child(process.argv[3] as string);
else if (mode === "--make") {
  const { scaledInput, sonLa2023 } = await import("../test/fixtures/scaledInput.ts");
  const size = process.argv[4] as string;
  const doc = size === "32" ? sonLa2023() : size === "95" ? scaledInput({ so: 20, xa: 75 }) : scaledInput({ xa: Number(size) });
  await make(doc, process.argv[3] as string);
  process.stdout.write("{}\n");
} else {
  const dir = mkdtempSync(join(tmpdir(), "cchc-measure-"));
  const chosen = process.argv[process.argv.indexOf("--sizes") + 1];
  const sizes =
    process.argv.includes("--sizes") && chosen !== undefined
      ? chosen.split(",")
      : ["32", "95", "250", "300", ...(process.argv.includes("--big") ? ["5000"] : [])];
  for (const size of sizes) {
    const book = join(dir, `book-${size}.xlsx`);
    run(["--make", book, size]);
    run(["--child", book]);
    const r = run(["--child", book]);
    process.stdout.write(
      `${size} đơn vị: recalc ${r.cpu.toFixed(2)} s CPU, ${r.wall.toFixed(2)} s đồng hồ (cả tiến trình), ${r.seconds.toFixed(2)} s (mở → lưu), đỉnh ${r.mb} MB\n`,
    );
  }
}

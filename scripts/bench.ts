/**
 * `npm run bench`: a benchmark (not a timed test) of the three hosts on the same documents, printed as ONE
 * Markdown table: 32 units (Sơn La 2023: 20 sở + 12 huyện), 95 units (20 sở + 75 xã, phường) and 300 units
 * (one block of 300 xã), from test/fixtures/scaledInput.ts.
 *
 * - CLI (.xlsx, the built lib/cchc.mjs): `cchc recalc` of a workbook made first, each run in its own child
 *   process, the sizes interleaved (one run of each size per round); wall and CPU time (medians of the runs) and
 *   peak memory (the child's `process.resourceUsage().maxRSS`).
 * - Excel (test/fakes/fakeExcel.ts): the add-in's recalculation with every Biểu: `context.sync` count, the largest
 *   request and response the fake measured, and the add-in's own JavaScript time (wall time minus time inside
 *   `sync`, where the fake plays Excel).
 * - Google Sheets (test/fakes/fakeSheets.ts): the built Code.js in a `vm` context, «Tạo Biểu» from the sidebar;
 *   Spreadsheet service calls by kind (read = round trips, write, format, merge, structure, local), as the fake
 *   counts them, and their total over every kind but local (handle makers).
 *
 *   npm run bench                    # the table (3 CLI runs per size)
 *   npm run bench -- --runs 1        # faster
 *   npm run bench -- --sizes 32,95   # some sizes only
 *   npm run bench -- --sizes 32,250 --runs 7   # the CLI's time target: 250 units within 1,8 × the 32-unit time
 *   npm run bench -- --core          # the core alone: computeIndex on 100 / 1 000 / 10 000 units × 300 leaves
 *
 * Dev only (it loads the test fakes); the shipped CLI has no bench command. Each host is measured by one small
 * function below (measureCli, measureExcel, measureSheets), which reads the fakes' counters defensively.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { documentToWorkbook } from "../cli/commands/workbook.ts";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import { formatNumberVi } from "../shared/format/formatNumberVi.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import { planInputSheets } from "../shared/workbook/planInputSheets.ts";
import { measureExcelRecalculation } from "../test/fakes/measureExcel.ts";
import * as fakeSheets from "../test/fakes/fakeSheets.ts";
import { scaledInput, sonLa2023 } from "../test/fixtures/scaledInput.ts";
import { buildCli } from "./build-cli.ts";
import { buildGas } from "./build-gas.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** One size of the bench: its label and document. */
export interface BenchCase {
  units: number;
  label: string;
  input: () => InputDocument;
}

/** The three sizes of issue 10. */
export const CASES: BenchCase[] = [
  { units: 32, label: "Sơn La 2023 (20 sở + 12 huyện)", input: sonLa2023 },
  { units: 95, label: "20 sở + 75 xã, phường", input: () => scaledInput({ so: 20, xa: 75 }) },
  { units: 300, label: "300 xã trong một khối", input: () => scaledInput({ xa: 300 }) },
  // The CLI's time target (250 units within 1,8 × the 32-unit time): `--sizes 32,250`.
  { units: 250, label: "250 xã trong một khối", input: () => scaledInput({ xa: 250 }) },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

/** A number in Vietnamese style, or "—" when the fake does not measure it. */
function show(value: number | undefined, digits = 0): string {
  if (value === undefined || !Number.isFinite(value)) return "—";
  return formatNumberVi(Number(value.toFixed(digits)));
}

// ---------------------------------------------------------------------------------------------------- CLI

/** What `cchc recalc` costs on one workbook. */
export interface CliFigures {
  wallMs: number;
  /** CPU time of the child (user + system), less sensitive than wall time to a loaded machine. */
  cpuMs: number;
  peakMb: number;
}

/**
 * Peak memory and CPU time of the child, written as JSON to the file named by BENCH_RSS_FILE when it exits
 * (a preloaded module, so the CLI itself is run untouched).
 */
const RSS_PRELOAD =
  "data:text/javascript," +
  encodeURIComponent(
    `import { writeFileSync } from "node:fs"; process.on("exit", () => { const u = process.resourceUsage(); writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify({ maxRSS: u.maxRSS, cpu: u.userCPUTime + u.systemCPUTime })); });`,
  );

/** Makes the workbook (template with scores, not yet recalculated, as the demo does), then times `runs` recalcs. */
export async function measureCli(input: InputDocument, runs: number, dir: string): Promise<CliFigures> {
  const figures = await measureCliInterleaved([input], runs, dir);
  const first = figures[0];
  if (first === undefined || !first.ok) throw new Error(first?.ok === false ? first.error : "không đo được");
  return first.value;
}

/**
 * Makes one workbook per document, then times `runs` rounds of `cchc recalc`, each round running every workbook
 * once in turn (interleaved, so that a busy spell of a shared machine falls on every size alike). Medians.
 */
export async function measureCliInterleaved(inputs: InputDocument[], runs: number, dir: string): Promise<Measured<CliFigures>[]> {
  const books: (string | Error)[] = [];
  for (const [i, input] of inputs.entries()) {
    const book = join(dir, `book-${i}-${input.blocks.map((b) => b.units.length).join("-")}.xlsx`);
    try {
      if ((await documentToWorkbook(input, book, { recalc: false })) !== 0) throw new Error("không tạo được sổ tính cho bench");
      books.push(book);
    } catch (error) {
      books.push(error instanceof Error ? error : new Error(String(error)));
    }
  }
  const walls = inputs.map((): number[] => []);
  const cpus = inputs.map((): number[] => []);
  const peaks = inputs.map(() => 0);
  const failed = inputs.map((): string | null => null);
  for (let r = 0; r < runs; r++) {
    books.forEach((book, i) => {
      if (book instanceof Error) return void (failed[i] = book.message);
      if (failed[i] !== null) return;
      const rssFile = join(dir, "rss.txt");
      const out = join(dir, "out.xlsx");
      const t0 = performance.now();
      const child = spawnSync(process.execPath, ["--import", RSS_PRELOAD, join(ROOT, "lib/cchc.mjs"), "recalc", book, "--out", out], {
        env: { ...process.env, BENCH_RSS_FILE: rssFile },
        encoding: "utf8",
      });
      walls[i]!.push(performance.now() - t0);
      if (child.status !== 0) return void (failed[i] = `cchc recalc thất bại (mã ${child.status}):\n${child.stderr}`);
      const usage = JSON.parse(readFileSync(rssFile, "utf8")) as { maxRSS: number; cpu: number };
      peaks[i] = Math.max(peaks[i]!, usage.maxRSS);
      cpus[i]!.push(usage.cpu / 1000);
    });
  }
  return inputs.map((_, i) =>
    failed[i] !== null
      ? { ok: false, error: failed[i]! }
      : { ok: true, value: { wallMs: median(walls[i]!), cpuMs: median(cpus[i]!), peakMb: peaks[i]! / 1024 } },
  );
}

// -------------------------------------------------------------------------------------------------- Excel

/** What the add-in's recalculation (with every Biểu) costs against the Excel fake. */
export interface ExcelFigures {
  syncs: number;
  largestRequest?: number;
  largestResponse?: number;
  /** The add-in's own JavaScript: wall time outside `sync`. */
  addinMs: number;
  /** The same as CPU time (this process, outside `sync`), less sensitive to a loaded machine. */
  addinCpuMs: number;
}

/** Fills a fake workbook with the template and scores, then recalculates it as the ribbon button does (measured by the
 * same helper as the tests: `measureExcelRecalculation`). Sizes are UTF-8 bytes of the JSON crossing a sync. */
export async function measureExcel(input: InputDocument): Promise<ExcelFigures> {
  const m = await measureExcelRecalculation(input);
  if (!m.outcome.ok) throw new Error(`Excel giả: tính lại thất bại: ${JSON.stringify(m.outcome.errors.slice(0, 3))}`);
  return {
    syncs: m.syncs,
    largestRequest: m.largestRequest,
    largestResponse: m.largestResponse,
    addinMs: m.jsWallMs,
    addinCpuMs: m.jsCpuMs,
  };
}

// ------------------------------------------------------------------------------------------------- Sheets

/** Spreadsheet service calls of one «Tạo Biểu», by kind (the fake's counting rule). */
export type SheetsFigures = Record<string, number>;

/** The built Apps Script bundle and sidebar, made once per bench. */
export async function gasBundle(dir: string): Promise<{ code: string; sidebar: string }> {
  await buildGas(dir);
  return { code: readFileSync(join(dir, "Code.js"), "utf8"), sidebar: readFileSync(join(dir, "sidebar.html"), "utf8") };
}

/** Loads the bundle on the Sheets fake, writes the filled template and runs «Tạo Biểu» once (not counted), then counts
 * a second «Tạo Biểu». */
export async function measureSheets(input: InputDocument, bundle: { code: string; sidebar: string }): Promise<SheetsFigures> {
  const env = fakeSheets.fakeEnvironment({ sidebar: bundle.sidebar });
  const context = vm.createContext({ ...env.globals });
  vm.runInContext(bundle.code, context, { filename: "Code.js" });
  env.spreadsheet._addSheet("Trang tính1");
  const { SheetsHost } = await import("../appsscript/sheetsHost.ts");
  const host = new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, fakeSheets.hostServices(env));
  host.write(planInputSheets(input, { withScores: true }));
  // The usual case, as the call-budget test counts it: «Tạo Biểu» again, over the Biểu of an earlier run.
  const create = (context as unknown as { sidebarCreateReports: () => { ok: boolean; message: string } }).sidebarCreateReports;
  // The Sheets API fake records each batchUpdate's request body size (absent from an older fake).
  const bodies = (env as { api?: { bodies?: number[] } | null }).api?.bodies;
  for (const counted of [false, true]) {
    env.log.reset();
    const from = bodies?.length ?? 0;
    const result = create();
    if (!result.ok) throw new Error(`Sheets giả: Tạo Biểu thất bại: ${result.message}`);
    if (counted) {
      const figures = callsByKind(env.log);
      const sizes = bodies?.slice(from) ?? [];
      if (sizes.length > 0) figures.batchUpdateKB = Math.round(Math.max(...sizes) / 1000);
      return figures;
    }
  }
  throw new Error("unreachable");
}

/**
 * Calls grouped by the fake's kinds (read, write, format, merge, structure, local) plus `total`: every kind but
 * `local` (handle makers such as getRange, answered without the document), the count the issue's budget is
 * about. Reads whichever API the log has.
 */
export function callsByKind(log: object): SheetsFigures {
  const byKind = (log as { byKind?: () => Record<string, number> | Map<string, number> }).byKind;
  if (typeof byKind === "function") {
    const kinds = byKind.call(log);
    const out: SheetsFigures = kinds instanceof Map ? Object.fromEntries(kinds) : { ...kinds };
    out.total ??= Object.entries(out).reduce((a, [k, n]) => (k === "local" ? a : a + n), 0);
    return out;
  }
  const calls = (log as { calls?: Map<string, number> }).calls ?? new Map<string, number>();
  const kindOf = (fakeSheets as { kindOf?: (method: string) => string }).kindOf ?? (() => "call");
  const out: SheetsFigures = {};
  let total = 0;
  for (const [key, n] of calls) {
    const kind = kindOf(key.slice(key.indexOf(".") + 1));
    out[kind] = (out[kind] ?? 0) + n;
    if (kind !== "local") total += n;
  }
  out.total = total;
  return out;
}

// -------------------------------------------------------------------------------------------------- Table

/** A host's figures, or why it could not be measured (a failing host must not stop the bench). */
export type Measured<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs one measurement, keeping its error's first line. */
export async function attempt<T>(measure: () => Promise<T>): Promise<Measured<T>> {
  try {
    return { ok: true, value: await measure() };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const line = text.split("\n").find((l) => /^(Error|\w*Error):/.test(l.trim())) ?? text.split("\n")[0] ?? text;
    return { ok: false, error: line.trim().slice(0, 300) };
  }
}

/** One row of the table. */
export interface BenchRow {
  c: BenchCase;
  cli: Measured<CliFigures>;
  excel: Measured<ExcelFigures>;
  sheets: Measured<SheetsFigures>;
}

/** The Markdown table: one row per size, the three hosts side by side; failures as numbered notes below it. */
export function benchTable(rows: BenchRow[]): string {
  const notes: string[] = [];
  const cells = <T>(m: Measured<T>, count: number, pick: (v: T) => string[]): string[] => {
    if (m.ok) return pick(m.value);
    notes.push(m.error);
    return Array.from({ length: count }, (_, i) => (i === 0 ? `lỗi (${notes.length})` : "—"));
  };
  const kinds = [...new Set(rows.flatMap((r) => (r.sheets.ok ? Object.keys(r.sheets.value) : [])))].sort((a, b) =>
    a === "total" ? 1 : b === "total" ? -1 : a.localeCompare(b),
  );
  if (kinds.length === 0) kinds.push("total");
  const head = [
    "Đơn vị",
    "CLI recalc (s)",
    "CLI CPU (s)",
    "CLI bộ nhớ đỉnh (MB)",
    "Excel: số sync",
    "Excel: yêu cầu lớn nhất (ký tự)",
    "Excel: phản hồi lớn nhất (ký tự)",
    "Excel: JS của add-in (ms)",
    "Excel: JS của add-in, CPU (ms)",
    ...kinds.map(
      (k) => `Sheets: ${k === "total" ? "tổng lệnh (mọi loại trừ local)" : k === "batchUpdateKB" ? "batchUpdate lớn nhất (kB)" : k}`,
    ),
  ];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---:").join("|")}|`];
  for (const { c, cli, excel, sheets } of rows) {
    lines.push(
      `| ${[
        `${c.units} (${c.label})`,
        ...cells(cli, 3, (v) => [show(v.wallMs / 1000, 2), show(v.cpuMs / 1000, 2), show(v.peakMb)]),
        ...cells(excel, 5, (v) => [show(v.syncs), show(v.largestRequest), show(v.largestResponse), show(v.addinMs), show(v.addinCpuMs)]),
        ...cells(sheets, kinds.length, (v) => kinds.map((k) => show(v[k]))),
      ].join(" | ")} |`,
    );
  }
  return [...lines, ...notes.map((n, i) => `${i === 0 ? "\n" : ""}(${i + 1}) ${n}`)].join("\n");
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * Runs the host bench and prints the table (or the core timings with `--core`).
 *
 * @example
 * await run(["--runs", "1", "--sizes", "32"]);
 */
export async function run(args: string[]): Promise<number> {
  if (args.includes("--core")) return runCore(args);
  const runs = Number(option(args, "--runs") ?? 3);
  const sizes = (option(args, "--sizes") ?? "32,95,300").split(",").map(Number);
  const dir = mkdtempSync(join(tmpdir(), "cchc-bench-"));
  try {
    await buildCli();
    const bundle = await gasBundle(join(dir, "gas"));
    const rows: BenchRow[] = [];
    const cases = CASES.filter((k) => sizes.includes(k.units));
    process.stderr.write(`… CLI: ${runs} vòng, mỗi vòng chạy lần lượt ${cases.map((c) => c.units).join(", ")} đơn vị\n`);
    const clis = await measureCliInterleaved(
      cases.map((c) => c.input()),
      runs,
      dir,
    );
    for (const [i, c] of cases.entries()) {
      process.stderr.write(`… ${c.units} đơn vị\n`);
      const cli = clis[i] ?? { ok: false, error: "không đo được" };
      const excel = await attempt(() => measureExcel(c.input()));
      const sheets = await attempt(() => measureSheets(c.input(), bundle));
      rows.push({ c, cli, excel, sheets });
    }
    process.stdout.write(`${benchTable(rows)}\n`);
    process.stdout.write(
      `\nCLI: trung vị của ${runs} lần chạy \`cchc recalc\` (mỗi lần một tiến trình Node). Thời gian CPU ít phụ thuộc vào việc máy đang bận hơn thời gian thực. Node ${process.version}.\n`,
    );
    const small = rows.find((r) => r.c.units === 32);
    for (const large of rows.filter((r) => r.c.units === 250 || r.c.units === 300)) {
      if (small?.cli.ok && large.cli.ok)
        process.stdout.write(
          `CLI ${large.c.units} đơn vị / 32 đơn vị: gấp ${show(large.cli.value.wallMs / small.cli.value.wallMs, 2)} lần thời gian thực, ${show(large.cli.value.cpuMs / small.cli.value.cpuMs, 2)} lần thời gian CPU.\n`,
        );
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --------------------------------------------------------------------------------------------------- Core

/** Small deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A valid `cchc-index/1` document with one block of `units` units and `leaves` leaves (10 fields of
 * leaves/10 criteria each; every leaf max 100/leaves rounded to hundredths, the last leaf taking the rest).
 * Scores mix numbers and decimal-comma strings; some are N/A; every appraised leaf has a self score.
 *
 * @example
 * const doc = benchDocument(100, 300, 1); // 100 units × 300 leaves
 */
export function benchDocument(units: number, leaves: number, seed: number): unknown {
  const rnd = random(seed);
  const fields = 10;
  const perField = Math.ceil(leaves / fields);
  const leafMaxH: number[] = [];
  const base = Math.floor(10000 / leaves);
  for (let k = 0; k < leaves; k++) leafMaxH.push(k === leaves - 1 ? 10000 - base * (leaves - 1) : base);
  const criteria: { code: string; name: string; max: number; method?: string }[] = [];
  const leafCodes: string[] = [];
  const leafMethod: string[] = [];
  for (let f = 0; f < fields; f++) {
    const ks = leafMaxH.slice(f * perField, (f + 1) * perField);
    if (ks.length === 0) break;
    criteria.push({ code: String(f + 1), name: `Lĩnh vực ${f + 1}`, max: ks.reduce((s, v) => s + v, 0) / 100 });
    ks.forEach((h, j) => {
      const code = `${f + 1}.${j + 1}`;
      const method = f === fields - 1 ? "satisfaction" : j % 5 === 4 ? "survey" : "appraised";
      criteria.push({ code, name: `Tiêu chí ${code}`, max: h / 100, method });
      leafCodes.push(code);
      leafMethod.push(method);
    });
  }
  const unitList = Array.from({ length: units }, (_, i) => ({
    code: `U${i + 1}`,
    name: `Đơn vị ${i + 1}`,
    previous: { index: Math.round(5000 + rnd() * 5000) / 100, rank: i + 1 },
  }));
  const scores: Record<string, Record<string, unknown>> = {};
  const selfScores: Record<string, Record<string, unknown>> = {};
  for (const u of unitList) {
    const row: Record<string, unknown> = {};
    const self: Record<string, unknown> = {};
    leafCodes.forEach((code, k) => {
      const maxH = leafMaxH[k] as number;
      const r = rnd();
      const h = Math.floor(r * (maxH + 1));
      row[code] = r < 0.002 && k > 0 ? null : r < 0.1 ? (h / 100).toFixed(2).replace(".", ",") : h / 100;
      if (leafMethod[k] === "appraised") self[code] = Math.min(maxH, h + 5) / 100;
    });
    scores[u.code] = row;
    selfScores[u.code] = self;
  }
  return {
    format: "cchc-index/1",
    year: 2023,
    province: "Thử nghiệm",
    blocks: [{ id: "bench", name: "Khối thử", criteria, units: unitList, scores, selfScores }],
  };
}

function time(doc: unknown, runs: number): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const outcome = computeIndex(doc);
    const t = performance.now() - t0;
    if (!outcome.ok)
      throw new Error(
        outcome.errors
          .slice(0, 3)
          .map((p: { path: string; message: string }) => `${p.path}: ${p.message}`)
          .join("\n"),
      );
    best = Math.min(best, t);
  }
  return best;
}

/** The core alone: computeIndex on generated blocks of 100, 1 000 and 10 000 units × 300 leaves. */
function runCore(args: string[]): number {
  const sizes = args.includes("--quick") ? [100, 1000] : [100, 1000, 10000];
  const leaves = 300;
  const results: { units: number; ms: number }[] = [];
  for (const units of sizes) {
    const doc = benchDocument(units, leaves, 20231);
    time(doc, 1); // warm-up
    const ms = time(doc, units >= 10000 ? 3 : 5);
    results.push({ units, ms });
    const prev = results[results.length - 2];
    const ratio =
      prev === undefined ? "" : `, gấp ${formatNumberVi(ms / prev.ms)} lần cỡ ${prev.units} (số đơn vị gấp ${units / prev.units})`;
    process.stdout.write(`${units} đơn vị × ${leaves} tiêu chí (${units * leaves} ô điểm): ${formatNumberVi(ms)} ms${ratio}\n`);
  }
  const last = results[results.length - 1];
  if (last !== undefined && last.units === 10000) {
    process.stdout.write(
      last.ms < 1000 ? "Đạt mục tiêu: dưới 1 giây cho 10 000 đơn vị.\n" : "CHƯA ĐẠT mục tiêu 1 giây cho 10 000 đơn vị.\n",
    );
  }
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    },
  );
}

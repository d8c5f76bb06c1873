/**
 * `cchc bench`: times `computeIndex` on generated blocks of 100, 1 000 and 10 000 units × 300 leaves
 * (deterministic data), best of a few runs after a warm-up, and prints milliseconds and growth ratios.
 */
import { computeIndex } from "../shared/compute/computeIndex.ts";
import { formatNumberVi } from "../shared/format/formatNumberVi.ts";

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
    if (!outcome.ok) throw new Error(outcome.errors.slice(0, 3).map((p: { path: string; message: string }) => `${p.path}: ${p.message}`).join("\n"));
    best = Math.min(best, t);
  }
  return best;
}

/**
 * Runs the benchmark and prints a table.
 *
 * @example
 * await run([]); // prints "100 đơn vị × 300 tiêu chí: 12,3 ms" …
 */
export async function run(args: string[]): Promise<number> {
  const sizes = args.includes("--quick") ? [100, 1000] : [100, 1000, 10000];
  const leaves = 300;
  const results: { units: number; ms: number }[] = [];
  for (const units of sizes) {
    const doc = benchDocument(units, leaves, 20231);
    time(doc, 1); // warm-up
    const ms = time(doc, units >= 10000 ? 3 : 5);
    results.push({ units, ms });
    const prev = results[results.length - 2];
    const ratio = prev === undefined ? "" : `, gấp ${formatNumberVi(ms / prev.ms)} lần cỡ ${prev.units} (số đơn vị gấp ${units / prev.units})`;
    process.stdout.write(`${units} đơn vị × ${leaves} tiêu chí (${units * leaves} ô điểm): ${formatNumberVi(ms)} ms${ratio}\n`);
  }
  const last = results[results.length - 1];
  if (last !== undefined && last.units === 10000) {
    process.stdout.write(last.ms < 1000 ? "Đạt mục tiêu: dưới 1 giây cho 10 000 đơn vị.\n" : "CHƯA ĐẠT mục tiêu 1 giây cho 10 000 đơn vị.\n");
  }
  return 0;
}

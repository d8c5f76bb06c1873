/**
 * `cchc compute INPUT.json|BOOK.xlsx [--json]`: validates and computes the index.
 * With `--json` prints the result document; otherwise a Vietnamese summary per block.
 * Exit 0 on success (warnings on stderr), 2 on invalid input (every problem on stderr, nothing on stdout),
 * 1 on wrong usage.
 */
import { computeIndex } from "../../shared/compute/computeIndex.ts";
import { formatProblem, type Problem } from "../../shared/problem.ts";
import { formatFixedVi, formatNumberVi, padCount } from "../../shared/format/formatNumberVi.ts";
import type { InputDocument } from "../../shared/schema/inputSchema.ts";
import { DEFAULT_GROUPS } from "../../shared/schema/inputSchema.ts";
import type { BlockResult, Extreme, ResultDocument } from "../../shared/schema/resultSchema.ts";
import { loadDocument } from "../loadDocument.ts";
import { reportError } from "../io/reportError.ts";

const USAGE = "Cách dùng: cchc compute INPUT.json|BOOK.xlsx [--json]\n";

function pad(text: string, width: number, right = false): string {
  const len = [...text.normalize("NFC")].length;
  const fill = " ".repeat(Math.max(0, width - len));
  return right ? fill + text : text + fill;
}

function signed(n: number, precision: 2 | 3): string {
  return n > 0 ? `+${formatNumberVi(n, precision)}` : formatNumberVi(n, precision);
}

function unitsText(e: Extreme | null, names: Map<string, string>, precision: 2 | 3): string {
  if (e === null) return "không có";
  return `${formatNumberVi(e.value, precision)} (${e.units.map((c) => names.get(c) ?? c).join(", ")})`;
}

/**
 * The readable summary of one block: rank table, mean, extremes and groups.
 *
 * @example
 * summarizeBlock(input.blocks[0], result.blocks[0], input.settings?.groups ?? DEFAULT_GROUPS);
 * // "Khối: Các sở, ban, ngành (so), 20 đơn vị\nHạng  Mã … "
 */
export function summarizeBlock(
  name: string,
  block: BlockResult,
  groups: readonly { name: string; min: number }[],
  precision: 2 | 3 = 2,
): string {
  const num = (n: number): string => formatNumberVi(n, precision);
  const names = new Map(block.units.map((u) => [u.code, u.name]));
  const units = [...block.units].map((u, i) => ({ u, i })).sort((a, b) => a.u.rank - b.u.rank || a.i - b.i);
  const rows = units.map(({ u }) => [
    String(u.rank),
    u.code,
    u.name,
    formatFixedVi(u.index, precision),
    u.group,
    u.change === undefined
      ? ""
      : `${signed(u.change.index, precision)} điểm, ${u.change.rank === 0 ? "giữ nguyên" : u.change.rank > 0 ? `tăng ${u.change.rank} bậc` : `giảm ${-u.change.rank} bậc`}`,
  ]);
  const header = ["Hạng", "Mã", "Đơn vị", "Chỉ số", "Nhóm", "Tăng/giảm"];
  const widths = header.map((h, c) => Math.max([...h].length, ...rows.map((r) => [...(r[c] ?? "")].length)));
  const right = [true, false, false, true, false, false];
  const line = (r: string[]): string =>
    r
      .map((cell, c) => pad(cell, widths[c] ?? 0, right[c]))
      .join("  ")
      .trimEnd();
  const s = block.stats;
  const out: string[] = [
    `Khối: ${name} (${block.id}), ${s.count} đơn vị`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `Chỉ số trung bình: ${num(s.mean)}/100` +
      (s.previous !== undefined ? ` (${signed(s.previous.meanChange, precision)} so với năm trước: ${num(s.previous.mean)})` : "") +
      `; ${padCount(s.aboveMean)} đơn vị trên mức trung bình, ${padCount(s.belowMean)} đơn vị dưới mức trung bình.`,
    `Cao nhất: ${unitsText(s.highest, names, precision)}; thấp nhất: ${unitsText(s.lowest, names, precision)}; khoảng cách ${num(s.gap)} điểm.`,
    ...s.groups.map((g) => {
      const min = groups.find((x) => x.name === g.name)?.min;
      return `Nhóm ${g.name}${min === undefined ? "" : ` (từ ${num(min)} điểm)`}: ${padCount(g.count)} đơn vị, ${num(g.share)}%`;
    }),
  ];
  return out.join("\n");
}

/**
 * The readable Vietnamese summary of a result, every block: what `cchc compute`, `recalc` and `demo` print.
 *
 * @example
 * resultText(outcome.input, outcome.result); // "Chỉ số CCHC năm 2023, Sơn La\n\nKhối: Các sở, ban, ngành (so) …"
 */
export function resultText(input: InputDocument, result: ResultDocument): string {
  const groups = input.settings?.groups ?? DEFAULT_GROUPS;
  const title = `Chỉ số CCHC năm ${result.year}, ${input.province}`;
  const precision = result.precision ?? input.settings?.precision ?? 2;
  const blocks = result.blocks.map((b, i) => summarizeBlock(input.blocks[i]?.name ?? b.id, b, groups, precision));
  return [title, "", blocks.join("\n\n"), ""].join("\n");
}

/**
 * Runs `cchc compute`.
 *
 * @example
 * await run(["input.json", "--json"]); // 0, result JSON on stdout
 */
export async function run(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const files = args.filter((a) => a !== "--json");
  const unknown = files.filter((a) => a.startsWith("--"));
  if (files.length !== 1 || unknown.length > 0) {
    process.stderr.write(unknown.length > 0 ? `Tham số không hợp lệ: ${unknown.join(" ")}\n${USAGE}` : USAGE);
    return 1;
  }
  try {
    return await compute(files[0] as string, json);
  } catch (error) {
    return reportError(error);
  }
}

async function compute(file: string, json: boolean): Promise<number> {
  const loaded = await loadDocument(file);
  if (!loaded.ok) {
    process.stderr.write(loaded.errors.map((p) => formatProblem(p) + "\n").join(""));
    return 2;
  }
  const outcome = computeIndex(loaded.document);
  // A workbook's problems name their cell (Điểm - Sở!F12) instead of the JSON path.
  const place = loaded.place ?? ((problems: Problem[]) => problems);
  const placedWarnings = place(outcome.warnings);
  const warnings = placedWarnings.map((p) => formatProblem(p) + "\n").join("");
  if (!outcome.ok) {
    process.stderr.write(
      place(outcome.errors)
        .map((p) => formatProblem(p) + "\n")
        .join("") + warnings,
    );
    return 2;
  }
  if (loaded.place) outcome.result.warnings = placedWarnings.map(formatProblem);
  process.stdout.write(json ? JSON.stringify(outcome.result, null, 2) + "\n" : resultText(outcome.input, outcome.result));
  if (warnings !== "") process.stderr.write(warnings);
  return 0;
}

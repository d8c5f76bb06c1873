/**
 * `cchc report INPUT.json|BOOK.xlsx --out DIR | --md`: computes the index, then builds the report tables
 * (Biểu 1–11, 1a–11a, each block's «Chênh lệch TĐG» table of self versus appraised scores) and the written
 * analysis (phần III).
 * `--out DIR` writes `DIR/analysis.md` and `DIR/bieu.json` (the table models), both or neither;
 * `--md` prints the analysis and the tables as Markdown on stdout. Both options may be given.
 * Exit 0 on success (warnings on stderr), 2 on invalid input or an output folder that cannot be written
 * (every problem on stderr, nothing written), 1 on wrong usage or a bug.
 */
import { join } from "node:path";
import { computeIndex } from "../../shared/compute/computeIndex.ts";
import { formatProblem, type Problem } from "../../shared/problem.ts";
import { buildReportTables } from "../../shared/report/buildReportTables.ts";
import { buildAnalysis } from "../../shared/report/buildAnalysis.ts";
import { analysisToMarkdown } from "../../shared/report/analysisToMarkdown.ts";
import { tablesToMarkdown } from "../../shared/report/tablesToMarkdown.ts";
import { stampLine } from "../../shared/workbook/stamp.ts";
import { loadDocument } from "../loadDocument.ts";
import { checkOutputTarget } from "../io/checkOutputTarget.ts";
import { reportError } from "../io/reportError.ts";
import { commitTemp, discardTemp, makeFolder, writeTemp } from "../io/writeFileAtomic.ts";

const USAGE = "Cách dùng: cchc report INPUT.json|BOOK.xlsx --out THƯ_MỤC | --md\n";

interface ReportArgs {
  file: string;
  out?: string;
  md: boolean;
}

function parseArgs(args: string[]): ReportArgs | string {
  const files: string[] = [];
  let out: string | undefined;
  let md = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--md") md = true;
    else if (a === "--out") {
      const dir = args[i + 1];
      if (dir === undefined || dir.startsWith("--")) return "Thiếu thư mục sau --out";
      out = dir;
      i++;
    } else if (a.startsWith("--out=")) out = a.slice("--out=".length);
    else if (a.startsWith("--")) return `Tham số không hợp lệ: ${a}`;
    else files.push(a);
  }
  if (files.length !== 1) return files.length === 0 ? "Thiếu tệp đầu vào" : `Chỉ nhận một tệp đầu vào, có ${files.length}`;
  if (out === undefined && !md) return "Cần --out THƯ_MỤC hoặc --md";
  if (out === "") return "Thiếu thư mục sau --out";
  return { file: files[0] as string, out, md };
}

/**
 * Runs `cchc report`.
 *
 * @example
 * await run(["input.json", "--out", "out/report"]); // 0, writes out/report/analysis.md and out/report/bieu.json
 * await run(["input.json", "--md"]);                // 0, Markdown on stdout
 */
export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    process.stderr.write(`${parsed}\n${USAGE}`);
    return 1;
  }
  try {
    return await report(parsed);
  } catch (error) {
    return reportError(error);
  }
}

async function report(parsed: ReportArgs): Promise<number> {
  if (parsed.out !== undefined) checkOutputTarget(parsed.out, "folder");
  const loaded = await loadDocument(parsed.file);
  if (!loaded.ok) {
    process.stderr.write(loaded.errors.map((p) => formatProblem(p) + "\n").join(""));
    return 2;
  }
  const outcome = computeIndex(loaded.document);
  const place = loaded.place ?? ((problems: Problem[]) => problems);
  const warnings = place(outcome.warnings)
    .map((p) => formatProblem(p) + "\n")
    .join("");
  if (!outcome.ok) {
    process.stderr.write(
      place(outcome.errors)
        .map((p) => formatProblem(p) + "\n")
        .join("") + warnings,
    );
    return 2;
  }
  const { input, result } = outcome;
  const tables = buildReportTables(input, result, { stamp: stampLine(input), selfGaps: true });
  const analysis = analysisToMarkdown(buildAnalysis(input, result), {
    heading: `III. KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${input.year}`,
  });
  if (parsed.out !== undefined) {
    await writeBoth(parsed.out, {
      "analysis.md": analysis,
      "bieu.json": JSON.stringify(tables, null, 2) + "\n",
    });
  }
  if (parsed.md) process.stdout.write(`${analysis}\n${tablesToMarkdown(tables)}`);
  if (warnings !== "") process.stderr.write(warnings);
  return 0;
}

/**
 * Writes every file to a temporary name first, then renames them all: never a half-written report.
 * Throws a `FileProblem` (every temporary file removed) when the folder cannot be written.
 */
async function writeBoth(dir: string, files: Record<string, string>): Promise<void> {
  await makeFolder(dir);
  const temps: [string, string][] = [];
  try {
    for (const [name, text] of Object.entries(files)) temps.push([await writeTemp(join(dir, name), text), join(dir, name)]);
    for (const [temp, path] of temps) await commitTemp(temp, path);
  } catch (error) {
    await Promise.all(temps.map(([temp]) => discardTemp(temp)));
    throw error;
  }
}

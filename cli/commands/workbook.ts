import { computeIndex } from "../../shared/compute/computeIndex.ts";
import { formatProblem } from "../../shared/problem.ts";
import { createTemplate } from "../../shared/workbook/createTemplate.ts";
import { recalculateWorkbook } from "../../shared/workbook/recalculateWorkbook.ts";
import { loadDocument } from "../loadDocument.ts";
import { newWorkbook } from "../xlsx/newWorkbook.ts";
import { workbookBytes } from "../xlsx/saveWorkbook.ts";
import { checkOutputTarget } from "../io/checkOutputTarget.ts";
import { reportError } from "../io/reportError.ts";
import { writeFileAtomic } from "../io/writeFileAtomic.ts";

/** `cchc workbook INPUT.json OUT.xlsx`: a workbook in our template from the JSON, recalculated. */
export async function run(args: string[]): Promise<number> {
  const [input, out] = args.filter((a) => !a.startsWith("--"));
  if (!input || !out) {
    process.stderr.write("Cách dùng: cchc workbook INPUT.json OUT.xlsx\n");
    return 1;
  }
  let code: number;
  try {
    code = await jsonToWorkbook(input, out);
  } catch (error) {
    return reportError(error);
  }
  if (code === 0) process.stdout.write(`Đã tạo sổ tính: ${out}\n`);
  return code;
}

/**
 * Builds `out` from a JSON input (validated first), with results, Biểu sheets and analysis. Checks first
 * that `out` may be written; writes atomically. Throws a `FileProblem` when `out` cannot be written.
 */
export async function jsonToWorkbook(input: string, out: string, options: { recalc?: boolean } = {}): Promise<number> {
  checkOutputTarget(out, "file");
  const loaded = await loadDocument(input);
  if (!loaded.ok) {
    for (const p of loaded.errors) process.stderr.write(formatProblem(p) + "\n");
    return 2;
  }
  return documentToWorkbook(loaded.document, out, options);
}

/** Builds `out` from an input document already read (validated here first). */
export async function documentToWorkbook(document: unknown, out: string, options: { recalc?: boolean } = {}): Promise<number> {
  const computed = computeIndex(document);
  if (!computed.ok) {
    for (const p of [...computed.errors, ...computed.warnings]) process.stderr.write(formatProblem(p) + "\n");
    return 2;
  }
  const { workbook, host } = newWorkbook();
  const created = await createTemplate(host, computed.input, { withScores: true });
  if (!created.ok) {
    for (const p of created.errors) process.stderr.write(formatProblem(p) + "\n");
    return 2;
  }
  if (options.recalc !== false) {
    const outcome = await recalculateWorkbook(host);
    if (!outcome.ok) {
      for (const p of outcome.errors) process.stderr.write(formatProblem(p) + "\n");
      return 2;
    }
  }
  await writeFileAtomic(out, await workbookBytes(workbook));
  return 0;
}

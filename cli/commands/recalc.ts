import { formatProblem } from "../../shared/problem.ts";
import { recalculateWorkbook } from "../../shared/workbook/recalculateWorkbook.ts";
import type { InputDocument } from "../../shared/schema/inputSchema.ts";
import type { ResultDocument } from "../../shared/schema/resultSchema.ts";
import { resultText } from "./compute.ts";
import { workbookBytes } from "../xlsx/saveWorkbook.ts";
import { XlsxHost } from "../xlsx/XlsxHost.ts";
import { checkOutputTarget } from "../io/checkOutputTarget.ts";
import { openXlsxChecked } from "../io/openXlsx.ts";
import { reportError } from "../io/reportError.ts";
import { writeFileAtomic } from "../io/writeFileAtomic.ts";

/**
 * `cchc recalc BOOK.xlsx [--out OUT.xlsx]`: validate, compute in place, (re)write Biểu sheets and the
 * analysis. Exit 0 with the summary; 2 for an invalid workbook (every problem with its cell) or a file that
 * cannot be read or written (Vietnamese reason naming it), the file untouched; 1 for wrong usage or a bug.
 */
export async function run(args: string[]): Promise<number> {
  const outIndex = args.indexOf("--out");
  const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const book = args.find((a, i) => !a.startsWith("--") && (outIndex < 0 || i !== outIndex + 1));
  if (!book || (outIndex >= 0 && !out)) {
    process.stderr.write("Cách dùng: cchc recalc BOOK.xlsx [--out OUT.xlsx]\n");
    return 1;
  }
  try {
    const outcome = await recalcFile(book, out ?? book);
    if (!outcome.ok) return 2;
    process.stdout.write(resultText(outcome.input, outcome.result));
    process.stdout.write(`\nĐã ghi: ${out ?? book}\n`);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

/**
 * Recalculates one .xlsx file into `out`; prints problems to stderr. Checks first that `out` may be
 * written (a read-only workbook is never replaced), then opens `book` through the raw-byte checks; writes
 * atomically. Throws a `FileProblem` for a file that cannot be used.
 *
 * @example
 * const outcome = await recalcFile("BOOK.xlsx", "BOOK.xlsx"); // { ok: true, input, result }
 */
export async function recalcFile(
  book: string,
  out: string,
): Promise<{ ok: true; input: InputDocument; result: ResultDocument } | { ok: false }> {
  const workbook = await openXlsxChecked(book);
  checkOutputTarget(out, "file");
  const outcome = await recalculateWorkbook(new XlsxHost(workbook));
  for (const w of outcome.warnings) process.stderr.write(`Cảnh báo: ${formatProblem(w)}\n`);
  if (!outcome.ok) {
    for (const p of outcome.errors) process.stderr.write(formatProblem(p) + "\n");
    process.stderr.write(`${book}: ${outcome.errors.length} lỗi; sổ tính không bị thay đổi.\n`);
    return { ok: false };
  }
  await writeFileAtomic(out, await workbookBytes(workbook));
  return { ok: true, input: outcome.input, result: outcome.result };
}

import { formatProblem } from "../../shared/problem.ts";
import { recalculateWorkbook } from "../../shared/workbook/recalculateWorkbook.ts";
import type { InputDocument } from "../../shared/schema/inputSchema.ts";
import type { ResultDocument } from "../../shared/schema/resultSchema.ts";
import { resultText } from "./compute.ts";
import { openWorkbook } from "../xlsx/openWorkbook.ts";
import { writeNewBook } from "../xlsx/newWorkbook.ts";
import { XlsxHost } from "../xlsx/XlsxHost.ts";
import { existsSync } from "node:fs";

/**
 * `cchc recalc BOOK.xlsx [--out OUT.xlsx]`: validate, compute in place, (re)write Biểu sheets and the
 * analysis. Invalid workbook: exit 2, every problem with its cell, file untouched.
 */
export async function run(args: string[]): Promise<number> {
  const outIndex = args.indexOf("--out");
  const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const book = args.find((a, i) => !a.startsWith("--") && (outIndex < 0 || i !== outIndex + 1));
  if (!book || (outIndex >= 0 && !out)) {
    process.stderr.write("Cách dùng: cchc recalc BOOK.xlsx [--out OUT.xlsx]\n");
    return 1;
  }
  const outcome = await recalcFile(book, out ?? book);
  if (!outcome.ok) return 2;
  process.stdout.write(resultText(outcome.input, outcome.result));
  process.stdout.write(`\nĐã ghi: ${out ?? book}\n`);
  return 0;
}

/** Recalculates one .xlsx file into `out`; prints problems to stderr. */
export async function recalcFile(book: string, out: string): Promise<{ ok: true; input: InputDocument; result: ResultDocument } | { ok: false }> {
  if (!existsSync(book)) {
    process.stderr.write(`${book}: không tìm thấy tệp\n`);
    return { ok: false };
  }
  const workbook = await openWorkbook(book);
  const outcome = await recalculateWorkbook(new XlsxHost(workbook));
  for (const w of outcome.warnings) process.stderr.write(`Cảnh báo: ${formatProblem(w)}\n`);
  if (!outcome.ok) {
    for (const p of outcome.errors) process.stderr.write(formatProblem(p) + "\n");
    process.stderr.write(`${outcome.errors.length} lỗi; sổ tính không bị thay đổi.\n`);
    return { ok: false };
  }
  await writeNewBook(workbook, out);
  return { ok: true, input: outcome.input, result: outcome.result };
}

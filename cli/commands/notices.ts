import { join } from "node:path";
import { formatProblem, type Problem } from "../../shared/problem.ts";
import { analyzeWorkbook } from "../../shared/workbook/analyzeWorkbook.ts";
import { buildNotices } from "../../shared/report/buildNotices.ts";
import { planNoticeSheet } from "../../shared/workbook/planNoticeSheet.ts";
import { unitNoticeSheetName } from "../../shared/workbook/sheetNames.ts";
import { stampLine } from "../../shared/workbook/stamp.ts";
import { writeNotices } from "../../shared/workbook/writeNotices.ts";
import { newWorkbook } from "../xlsx/newWorkbook.ts";
import { workbookBytes } from "../xlsx/saveWorkbook.ts";
import { XlsxHost } from "../xlsx/XlsxHost.ts";
import { checkOutputTarget } from "../io/checkOutputTarget.ts";
import { openXlsxChecked } from "../io/openXlsx.ts";
import { reportError } from "../io/reportError.ts";
import { commitTemp, discardTemp, makeFolder, writeTemp, writeFileAtomic } from "../io/writeFileAtomic.ts";

const USAGE = "Cách dùng: cchc notices BOOK.xlsx [--out DIR]\n";

/**
 * `cchc notices BOOK.xlsx [--out DIR]`: the result notice (phiếu thông báo kết quả) of every unit. Without
 * `--out`, one sheet per block ("Thông báo kết quả - Sở" …, each unit from a new printed page) is written into the
 * book, atomically, replacing only the notice sheets the tool made; with `--out DIR`, one workbook per unit,
 * `DIR/CODE.xlsx` (the book is not changed). Exit 2 for an invalid book (every problem with its cell, nothing
 * written) or a file that cannot be used; 1 for wrong usage or a bug.
 */
export async function run(args: string[]): Promise<number> {
  const outIndex = args.indexOf("--out");
  const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const book = args.find((a, i) => !a.startsWith("--") && (outIndex < 0 || i !== outIndex + 1));
  if (!book || (outIndex >= 0 && (out === undefined || out.startsWith("--")))) {
    process.stderr.write(USAGE);
    return 1;
  }
  try {
    return out === undefined ? await intoBook(book) : await perUnit(book, out);
  } catch (error) {
    return reportError(error);
  }
}

function printProblems(book: string, errors: readonly Problem[], warnings: readonly Problem[]): void {
  for (const w of warnings) process.stderr.write(`Cảnh báo: ${formatProblem(w)}\n`);
  for (const p of errors) process.stderr.write(formatProblem(p) + "\n");
  if (errors.length > 0) process.stderr.write(`${book}: ${errors.length} lỗi; không ghi gì.\n`);
}

/** The notice sheets written into the book itself. */
async function intoBook(book: string): Promise<number> {
  const workbook = await openXlsxChecked(book);
  checkOutputTarget(book, "file");
  const outcome = await writeNotices(new XlsxHost(workbook));
  if (!outcome.ok) {
    printProblems(book, outcome.errors, outcome.warnings);
    return 2;
  }
  printProblems(book, [], outcome.warnings);
  await writeFileAtomic(book, await workbookBytes(workbook));
  const count = outcome.result.blocks.reduce((n, b) => n + b.units.length, 0);
  process.stdout.write(
    `Đã ghi phiếu thông báo kết quả của ${count} đơn vị vào ${book}: ${outcome.sheets.map((s) => `«${s}»`).join(", ")}\n`,
  );
  return 0;
}

/** One workbook per unit, `DIR/CODE.xlsx`; every file written to a temporary name first, then all renamed. */
async function perUnit(book: string, dir: string): Promise<number> {
  const workbook = await openXlsxChecked(book);
  checkOutputTarget(dir, "folder");
  const analysis = await analyzeWorkbook(new XlsxHost(workbook));
  if (!analysis.ok) {
    printProblems(book, analysis.errors, analysis.warnings);
    return 2;
  }
  printProblems(book, [], analysis.warnings);
  const stamp = stampLine(analysis.input);
  const blocks = buildNotices(analysis.input, analysis.result);
  // A code found in two blocks gets the block's id after it, so no file replaces another.
  const seen = new Map<string, number>();
  for (const b of blocks) for (const n of b.notices) seen.set(n.unitCode, (seen.get(n.unitCode) ?? 0) + 1);
  await makeFolder(dir);
  const temps: [string, string][] = [];
  try {
    for (const b of blocks) {
      for (const n of b.notices) {
        const name = (seen.get(n.unitCode) ?? 0) > 1 ? `${n.unitCode}-${b.blockId}` : n.unitCode;
        const unitBook = newWorkbook();
        await unitBook.host.write([planNoticeSheet(unitNoticeSheetName(n.unitCode), [n], stamp)]);
        const path = join(dir, `${name}.xlsx`);
        temps.push([await writeTemp(path, await workbookBytes(unitBook.workbook)), path]);
      }
    }
    for (const [temp, path] of temps) await commitTemp(temp, path);
  } catch (error) {
    await Promise.all(temps.map(([temp]) => discardTemp(temp)));
    throw error;
  }
  process.stdout.write(`Đã ghi ${temps.length} phiếu thông báo kết quả vào ${dir}/ (mỗi đơn vị một tệp, tên theo mã đơn vị)\n`);
  return 0;
}

/**
 * `cchc forms BOOK.xlsx --out DIR [--unit CODE…]`: one self-assessment form (phiếu tự đánh giá) per unit, each a
 * standalone .xlsx named by the unit's code (`DIR/SGTVT.xlsx`), for the agency to fill in Excel, LibreOffice or
 * Google Sheets and send back (`cchc import`). Exit 0; 2 for an invalid workbook, an unknown unit code or a folder
 * that cannot be written (nothing written); 1 for wrong usage or a bug.
 */
import { join } from "node:path";
import { formatProblem } from "../../shared/problem.ts";
import { loadWorkbook } from "../../shared/workbook/loadWorkbook.ts";
import { planSelfAssessmentForms } from "../../shared/workbook/selfAssessmentFormImport.ts";
import { isInputSheet } from "../../shared/workbook/sheetNames.ts";
import { newWorkbook } from "../xlsx/newWorkbook.ts";
import { workbookBytes } from "../xlsx/saveWorkbook.ts";
import { XlsxHost } from "../xlsx/XlsxHost.ts";
import { checkOutputTarget } from "../io/checkOutputTarget.ts";
import { openXlsxChecked } from "../io/openXlsx.ts";
import { reportError } from "../io/reportError.ts";
import { commitTemp, discardTemp, makeFolder, writeTemp } from "../io/writeFileAtomic.ts";

const USAGE = "Cách dùng: cchc forms BOOK.xlsx --out THƯ_MỤC [--unit MÃ…]\n";

function parseArgs(args: string[]): { book: string; out: string; units: string[] } | string {
  const files: string[] = [];
  const units: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--out") {
      out = args[++i];
      if (out === undefined || out.startsWith("--") || out === "") return "Thiếu thư mục sau --out";
    } else if (a.startsWith("--out=")) out = a.slice("--out=".length);
    else if (a === "--unit" || a.startsWith("--unit=")) {
      const first = a.startsWith("--unit=") ? a.slice("--unit=".length) : undefined;
      const list = first !== undefined ? [first] : [];
      while (first === undefined && i + 1 < args.length && !args[i + 1]!.startsWith("--")) list.push(args[++i]!);
      const codes = list
        .flatMap((s) => s.split(","))
        .map((s) => s.trim())
        .filter((s) => s !== "");
      if (codes.length === 0) return "Thiếu mã đơn vị sau --unit";
      units.push(...codes);
    } else if (a.startsWith("--")) return `Tham số không hợp lệ: ${a}`;
    else files.push(a);
  }
  if (files.length !== 1) return files.length === 0 ? "Thiếu sổ tính" : `Chỉ nhận một sổ tính, có ${files.length}`;
  if (out === undefined || out === "") return "Cần --out THƯ_MỤC";
  return { book: files[0]!, out, units };
}

/** Runs `cchc forms`; see the file's comment. */
export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    process.stderr.write(`${parsed}\n${USAGE}`);
    return 1;
  }
  try {
    const workbook = await openXlsxChecked(parsed.book);
    checkOutputTarget(parsed.out, "folder");
    const host = new XlsxHost(workbook);
    const loaded = loadWorkbook(await host.readSheets((await host.listSheets()).filter(isInputSheet)));
    if (!loaded.ok) {
      for (const p of loaded.errors) process.stderr.write(formatProblem(p) + "\n");
      process.stderr.write(`${parsed.book}: ${loaded.errors.length} lỗi; chưa tạo phiếu nào.\n`);
      return 2;
    }
    const planned = planSelfAssessmentForms(loaded.input, parsed.units);
    if (!planned.ok) {
      for (const p of planned.errors) process.stderr.write(`Lỗi: ${p.message}\n`);
      return 2;
    }
    const files: [string, Uint8Array][] = [];
    for (const form of planned.forms) {
      const { workbook: book, host: formHost } = newWorkbook();
      await formHost.write([form.write]);
      files.push([join(parsed.out, `${form.unitCode}.xlsx`), await workbookBytes(book)]);
    }
    await makeFolder(parsed.out);
    const temps: [string, string][] = [];
    try {
      for (const [path, bytes] of files) temps.push([await writeTemp(path, bytes), path]);
      for (const [temp, path] of temps) await commitTemp(temp, path);
    } catch (error) {
      await Promise.all(temps.map(([temp]) => discardTemp(temp)));
      throw error;
    }
    process.stdout.write(
      `Đã tạo ${files.length} phiếu tự đánh giá trong ${parsed.out}: ${planned.forms.map((f) => `${f.unitCode}.xlsx`).join(", ")}\n`,
    );
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

/**
 * `cchc import BOOK.xlsx FORM.xlsx… [--out OUT.xlsx]`: imports filled self-assessment forms (made by `cchc forms`
 * or «Tạo phiếu») into the workbook. Each form is checked strictly and taken whole or not at all: a bad form is
 * refused with every problem named by file, sheet and cell (`SGTVT.xlsx › Phiếu TĐG - SGTVT!E12: 3,5 vượt điểm tối
 * đa 3`), the good ones are imported (the unit's self scores, evidence and notes replace what the workbook had).
 * The workbook is written once at the end, only if some form was imported. Exit 0 when every form was imported;
 * 2 when any was refused (or the workbook is invalid, or a file cannot be used); 1 for wrong usage or a bug.
 */
import { basename } from "node:path";
import { formatProblem, type Problem } from "../../shared/problem.ts";
import { loadWorkbook } from "../../shared/workbook/loadWorkbook.ts";
import { SELF_FORM_MARKER_ANY } from "../../shared/workbook/selfAssessmentForm.ts";
import { planFormImport } from "../../shared/workbook/selfAssessmentFormImport.ts";
import { isInputSheet } from "../../shared/workbook/sheetNames.ts";
import type { ReadValue } from "../../shared/workbook/port.ts";
import { workbookBytes } from "../xlsx/saveWorkbook.ts";
import { XlsxHost } from "../xlsx/XlsxHost.ts";
import { checkOutputTarget } from "../io/checkOutputTarget.ts";
import { FileProblem } from "../io/fileProblem.ts";
import { openXlsxChecked } from "../io/openXlsx.ts";
import { reportError } from "../io/reportError.ts";
import { writeFileAtomic } from "../io/writeFileAtomic.ts";

const USAGE = "Cách dùng: cchc import BOOK.xlsx PHIẾU.xlsx… [--out OUT.xlsx]\n";

/** Whether a sheet's first rows hold a form's marker. */
function isFormGrid(grid: readonly (readonly ReadValue[])[]): boolean {
  return grid.slice(0, 10).some((row) => row.some((v) => typeof v === "string" && v.trim().startsWith(SELF_FORM_MARKER_ANY)));
}

/** Runs `cchc import`; see the file's comment. */
export async function run(args: string[]): Promise<number> {
  const outIndex = args.indexOf("--out");
  const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const files = args.filter((a, i) => !a.startsWith("--") && (outIndex < 0 || i !== outIndex + 1));
  const unknown = args.find((a, i) => a.startsWith("--") && i !== outIndex);
  if (unknown !== undefined || files.length < 2 || (outIndex >= 0 && (out === undefined || out.startsWith("--")))) {
    process.stderr.write(unknown !== undefined ? `Tham số không hợp lệ: ${unknown}\n${USAGE}` : USAGE);
    return 1;
  }
  const [book, ...forms] = files as [string, ...string[]];
  try {
    const workbook = await openXlsxChecked(book);
    checkOutputTarget(out ?? book, "file");
    const host = new XlsxHost(workbook);
    const readBook = async () => loadWorkbook(await host.readSheets((await host.listSheets()).filter(isInputSheet)));
    let loaded = await readBook();
    if (!loaded.ok) {
      for (const p of loaded.errors) process.stderr.write(formatProblem(p) + "\n");
      process.stderr.write(`${book}: ${loaded.errors.length} lỗi; chưa nhập phiếu nào, sổ tính không bị thay đổi.\n`);
      return 2;
    }
    let refused = 0;
    let imported = 0;
    const fromFile = new Map<string, string>();
    for (const file of forms) {
      const name = basename(file);
      const say = (p: Problem) => `${name} › ${formatProblem(p)}`;
      const refuse = (lines: string[]) => {
        refused++;
        for (const l of lines) process.stderr.write(l + "\n");
        process.stderr.write(`${name}: phiếu không được nhập (${lines.length} lỗi).\n`);
      };
      let grids: Record<string, ReadValue[][]>;
      try {
        const formHost = new XlsxHost(await openXlsxChecked(file));
        grids = await formHost.readSheets(await formHost.listSheets());
      } catch (error) {
        if (!(error instanceof FileProblem)) throw error;
        refuse([`${name}: ${error.reason}`]);
        continue;
      }
      const sheets = Object.keys(grids).filter((s) => isFormGrid(grids[s] ?? []));
      if (sheets.length === 0) {
        refuse([`${name}: không có sheet phiếu tự đánh giá nào (thiếu dấu nhận diện ở ô H1); hãy dùng phiếu do cchc forms tạo`]);
        continue;
      }
      for (const sheet of sheets) {
        const plan = planFormImport(loaded, grids[sheet] ?? [], sheet);
        if (!plan.ok) {
          refuse(plan.errors.map(say));
          continue;
        }
        const form = plan.form;
        await host.write(plan.writes);
        imported++;
        for (const w of plan.warnings) process.stderr.write(`Cảnh báo: ${say(w)}\n`);
        const earlier = fromFile.get(form.unitCode);
        if (earlier !== undefined)
          process.stderr.write(`Cảnh báo: ${name}: phiếu của ${form.unitCode} thay cho phiếu đã nhập từ ${earlier}\n`);
        fromFile.set(form.unitCode, name);
        const n = (o: Record<string, string>) => Object.keys(o).length;
        process.stdout.write(
          `Đã nhập ${name} › ${sheet}: đơn vị ${form.unitCode}, ${plan.count} điểm tự đánh giá, ${n(form.evidence)} tài liệu kiểm chứng, ${n(form.notes)} ghi chú\n`,
        );
        const again = await readBook();
        if (!again.ok) throw new Error("sổ tính không đọc lại được sau khi nhập phiếu");
        loaded = again;
      }
    }
    if (imported > 0) {
      await writeFileAtomic(out ?? book, await workbookBytes(workbook));
      process.stdout.write(`Đã ghi: ${out ?? book} (${imported} phiếu). Chạy «cchc recalc ${out ?? book}» để tính lại.\n`);
    } else process.stderr.write(`Không nhập được phiếu nào; ${book} không bị thay đổi.\n`);
    if (refused > 0) process.stderr.write(`${refused} phiếu bị từ chối.\n`);
    return refused > 0 ? 2 : 0;
  } catch (error) {
    return reportError(error);
  }
}

import { createTemplate } from "../../shared/workbook/createTemplate.ts";
import { formatProblem } from "../../shared/problem.ts";
import { newWorkbook } from "../xlsx/newWorkbook.ts";
import { workbookBytes } from "../xlsx/saveWorkbook.ts";
import { checkOutputTarget } from "../io/checkOutputTarget.ts";
import { reportError } from "../io/reportError.ts";
import { writeFileAtomic } from "../io/writeFileAtomic.ts";

/** `cchc template OUT.xlsx`: an empty workbook with the Sơn La criteria sets and units, ready to fill. */
export async function run(args: string[]): Promise<number> {
  const out = args.find((a) => !a.startsWith("--"));
  if (!out) {
    process.stderr.write("Cách dùng: cchc template OUT.xlsx\n");
    return 1;
  }
  try {
    checkOutputTarget(out, "file");
    const { workbook, host } = newWorkbook();
    const outcome = await createTemplate(host);
    if (!outcome.ok) {
      for (const p of outcome.errors) process.stderr.write(formatProblem(p) + "\n");
      return 2;
    }
    await writeFileAtomic(out, await workbookBytes(workbook));
    process.stdout.write(`Đã tạo sổ tính mẫu: ${out}\n`);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

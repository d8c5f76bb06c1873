import { createTemplate } from "../../shared/workbook/createTemplate.ts";
import { TEMPLATE_BLOCKS, templateSource, type TemplateBlockId } from "../../shared/workbook/templateSource.ts";
import { formatProblem } from "../../shared/problem.ts";
import { newWorkbook } from "../xlsx/newWorkbook.ts";
import { workbookBytes } from "../xlsx/saveWorkbook.ts";
import { checkOutputTarget } from "../io/checkOutputTarget.ts";
import { reportError } from "../io/reportError.ts";
import { writeFileAtomic } from "../io/writeFileAtomic.ts";

const USAGE = `Cách dùng: cchc template OUT.xlsx [--blocks so,xa,huyen]
  --blocks  các khối của sổ mẫu, cách nhau bằng dấu phẩy (mặc định: ${TEMPLATE_BLOCKS.filter((b) => b.byDefault)
    .map((b) => b.id)
    .join(",")})
${TEMPLATE_BLOCKS.map((b) => `            ${b.id.padEnd(6)} ${b.label}`).join("\n")}
`;

/**
 * The blocks named by `--blocks so,xa` (or `--blocks=so,xa`); the default blocks without it; a Vietnamese
 * message for an unknown id or a missing list.
 */
function chosenBlocks(args: string[]): { ok: true; ids: TemplateBlockId[] } | { ok: false; message: string } {
  const i = args.findIndex((a) => a === "--blocks" || a.startsWith("--blocks="));
  if (i < 0) return { ok: true, ids: TEMPLATE_BLOCKS.filter((b) => b.byDefault).map((b) => b.id) };
  const arg = args[i] ?? "";
  const list = arg.startsWith("--blocks=") ? arg.slice("--blocks=".length) : args[i + 1];
  if (list === undefined || list.startsWith("--") || list.trim() === "") {
    return { ok: false, message: "thiếu danh sách khối sau --blocks (ví dụ: --blocks so,xa)" };
  }
  const known = new Map(TEMPLATE_BLOCKS.map((b) => [b.id as string, b.id]));
  const ids: TemplateBlockId[] = [];
  for (const raw of list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")) {
    const id = known.get(raw);
    if (id === undefined) {
      return { ok: false, message: `khối không có: "${raw}" (chọn trong: ${TEMPLATE_BLOCKS.map((b) => b.id).join(", ")})` };
    }
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) return { ok: false, message: "danh sách khối sau --blocks trống (ví dụ: --blocks so,xa)" };
  return { ok: true, ids };
}

/**
 * `cchc template OUT.xlsx [--blocks so,xa,huyen]`: an empty workbook with the chosen blocks (default sở and
 * UBND xã, phường) from the Sơn La criteria sets, ready to fill. Exit 2 with a Vietnamese message for an
 * unknown block.
 */
export async function run(args: string[]): Promise<number> {
  const blocks = chosenBlocks(args);
  if (!blocks.ok) {
    process.stderr.write(`Lỗi: ${blocks.message}\n\n${USAGE}`);
    return 2;
  }
  const listIndex = args.findIndex((a) => a === "--blocks");
  const out = args.find((a, i) => !a.startsWith("--") && !(listIndex >= 0 && i === listIndex + 1));
  if (!out) {
    process.stderr.write(USAGE);
    return 1;
  }
  try {
    checkOutputTarget(out, "file");
    const { workbook, host } = newWorkbook();
    const source = templateSource(blocks.ids);
    const outcome = await createTemplate(host, source);
    if (!outcome.ok) {
      for (const p of outcome.errors) process.stderr.write(formatProblem(p) + "\n");
      return 2;
    }
    await writeFileAtomic(out, await workbookBytes(workbook));
    process.stdout.write(`Đã tạo sổ tính mẫu: ${out} (khối: ${source.blocks.map((b) => b.id).join(", ")})\n`);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

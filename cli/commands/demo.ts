import { relative, resolve } from "node:path";
import example from "../../examples/son-la-2023.json" with { type: "json" };
import { documentToWorkbook } from "./workbook.ts";
import { formatFixedVi } from "../../shared/format/formatNumberVi.ts";
import { resultText } from "./compute.ts";
import { recalcFile } from "./recalc.ts";
import { reportError } from "../io/reportError.ts";

/**
 * `npm run demo` / `cchc demo`: the Sơn La 2023 example (examples/son-la-2023.json, bundled into the CLI).
 * Builds out/son-la-2023.xlsx in the current folder, recalculates it in place, prints the ranking and the
 * file's path.
 */
export async function run(): Promise<number> {
  try {
    return await demo();
  } catch (error) {
    return reportError(error);
  }
}

async function demo(): Promise<number> {
  const started = performance.now();
  const out = resolve(process.cwd(), "out/son-la-2023.xlsx");
  const built = await documentToWorkbook(example, out, { recalc: false });
  if (built !== 0) return built;
  const outcome = await recalcFile(out, out);
  if (!outcome.ok) return 2;
  process.stdout.write(resultText(outcome.input, outcome.result));
  const seconds = formatFixedVi((performance.now() - started) / 1000, 2);
  process.stdout.write(`\nSổ tính: ${relative(process.cwd(), out) || out} (${seconds} giây)\n`);
  return 0;
}

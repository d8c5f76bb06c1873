import type { Problem } from "../problem.ts";
import type { InputDocument } from "../schema/inputSchema.ts";
import { planInputSheets } from "./planInputSheets.ts";
import { andThen } from "./andThen.ts";
import type { MaybePromise, WorkbookPort } from "./port.ts";
import { sonLaExample } from "./sonLaExample.ts";
import { sheetFinder } from "./sheetKey.ts";

/**
 * Writes the template sheets (instructions, settings, and per block criteria, units, scores and
 * self-assessment sheets with empty score cells) into the workbook, from the Sơn La criteria sets unless
 * another document is given. Refuses, writing nothing, when any of those sheets already exists (in any case or
 * Unicode form: Excel takes "cài đặt" for "Cài đặt").
 *
 * @example
 * await createTemplate(port); // { ok: true }
 * await createTemplate(port); // { ok: false, errors: [{ message: "sheet «Cài đặt» đã có …" }, …] }
 */
export function createTemplate(
  port: WorkbookPort,
  source: InputDocument = sonLaExample(),
  options: { withScores?: boolean } = {},
): MaybePromise<{ ok: true } | { ok: false; errors: Problem[] }> {
  const plan = planInputSheets(source, { withScores: options.withScores ?? false });
  return andThen(port.listSheets(), (names): MaybePromise<{ ok: true } | { ok: false; errors: Problem[] }> => {
    const existing = sheetFinder(names);
    const clashes = plan.flatMap((s) => {
      const name = existing(s.sheet);
      return name === undefined ? [] : [name];
    });
    if (clashes.length > 0) {
      return {
        ok: false,
        errors: clashes.map((name) => ({
          path: name,
          sheet: name,
          message: `sheet «${name}» đã có trong sổ tính; công cụ không ghi đè (đổi tên hoặc xóa sheet đó nếu muốn tạo mẫu mới)`,
        })),
      };
    }
    return andThen(port.write(plan), () => ({ ok: true as const }));
  });
}

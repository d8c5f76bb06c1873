import { existsSync } from "node:fs";
import type { Problem } from "../../shared/problem.ts";
import { loadWorkbook } from "../../shared/workbook/loadWorkbook.ts";
import { placeProblems } from "../../shared/workbook/placeProblems.ts";
import { openWorkbook } from "./openWorkbook.ts";
import { XlsxHost } from "./XlsxHost.ts";

/**
 * Reads a workbook in our template into a `cchc-index/1` document. `place` maps the core's problems
 * (JSON paths) to the workbook's cells.
 */
export async function readWorkbookDocument(
  path: string,
): Promise<{ ok: true; document: unknown; place: (problems: Problem[]) => Problem[] } | { ok: false; errors: Problem[] }> {
  if (!existsSync(path)) return { ok: false, errors: [{ path, message: "không tìm thấy tệp" }] };
  let host: XlsxHost;
  try {
    host = new XlsxHost(await openWorkbook(path));
  } catch (e) {
    return { ok: false, errors: [{ path, message: `không đọc được tệp Excel (${(e as Error).message})` }] };
  }
  const grids = await host.readSheets(await host.listSheets());
  const loaded = loadWorkbook(grids);
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  return { ok: true, document: loaded.input, place: (problems) => placeProblems(problems, loaded.places) };
}

import { readFile } from "node:fs/promises";
import type { Problem } from "../shared/problem.ts";

/** A document read from disk, or the problems that prevented it (in Vietnamese). */
export type LoadedDocument =
  | { ok: true; document: unknown; place?: (problems: Problem[]) => Problem[] }
  | { ok: false; errors: Problem[] };

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  return { line, column: position - before.lastIndexOf("\n") };
}

/**
 * Reads an input document: a `.json` file (`cchc-index/1`) or a workbook in our template (`.xlsx`, read by
 * `cli/xlsx/readWorkbookDocument.ts`). A missing file or a JSON syntax error is a problem, never a throw.
 *
 * @example
 * const loaded = await loadDocument("input.json");
 * if (loaded.ok) computeIndex(loaded.document);
 * else loaded.errors.map(formatProblem); // ["input.json: không tìm thấy tệp"]
 */
export async function loadDocument(path: string): Promise<LoadedDocument> {
  if (/\.xlsx$/i.test(path)) {
    const { readWorkbookDocument } = await import("./xlsx/readWorkbookDocument.ts");
    return readWorkbookDocument(path);
  }
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message =
      code === "ENOENT"
        ? "không tìm thấy tệp"
        : code === "EISDIR"
          ? "là thư mục, không phải tệp"
          : code === "EACCES"
            ? "không có quyền đọc tệp"
            : `không đọc được tệp (${code ?? String(e)})`;
    return { ok: false, errors: [{ path, message }] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { ok: true, document: JSON.parse(text) as unknown };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(detail);
    const where = pos?.[1] !== undefined ? lineColumn(text, Number(pos[1])) : undefined;
    const at = where !== undefined ? ` ở dòng ${where.line}, cột ${where.column}` : "";
    return {
      ok: false,
      errors: [{ path, message: text.trim() === "" ? "tệp trống, không phải JSON" : `JSON sai cú pháp${at}` }],
    };
  }
}

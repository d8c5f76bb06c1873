import type { Problem } from "../shared/problem.ts";
import { parseJsonStrict } from "../shared/compute/parseJsonStrict.ts";
import { loadWorkbook } from "../shared/workbook/loadWorkbook.ts";
import { placeProblems } from "../shared/workbook/placeProblems.ts";
import { decodeJsonText } from "./io/decodeJsonText.ts";
import { FileProblem } from "./io/fileProblem.ts";
import { openXlsxChecked } from "./io/openXlsx.ts";
import { readInputBytes } from "./io/readInputBytes.ts";
import { XlsxHost } from "./xlsx/XlsxHost.ts";

/** A document read from disk, or the problems that prevented it (in Vietnamese). */
export type LoadedDocument = { ok: true; document: unknown; place?: (problems: Problem[]) => Problem[] } | { ok: false; errors: Problem[] };

/**
 * The problems of a JSON text for a file, placed: a syntax error as `FILE (dòng L, cột C): …`, a repeated
 * key at its JSON path with its line and column in FILE.
 *
 * @example
 * parseJsonFile('{"a": 1, "a": 2}', "in.json");
 * // { ok: false, errors: [{ path: "a", message: "khóa lặp lại ở dòng 1, cột 10 của in.json (lần đầu ở dòng 1, cột 2)" }] }
 */
export function parseJsonFile(text: string, file: string): LoadedDocument {
  const parsed = parseJsonStrict(text);
  if (parsed.ok) return { ok: true, document: parsed.value };
  return {
    ok: false,
    errors: parsed.errors.map((e) =>
      e.first !== undefined
        ? {
            path: e.path,
            message: `khóa lặp lại ở dòng ${e.line}, cột ${e.column} của ${file} (lần đầu ở dòng ${e.first.line}, cột ${e.first.column})`,
          }
        : { path: `${file} (dòng ${e.line}, cột ${e.column})`, message: e.message },
    ),
  };
}

/**
 * Reads an input document: a `.json` file (`cchc-index/1`, strict UTF-8 or UTF-16 with BOM, strict JSON:
 * repeated keys refused) or a workbook in our template (`.xlsx`, checked by `openXlsxChecked` first).
 * A file that cannot be used is a problem naming it, never a throw.
 *
 * @example
 * const loaded = await loadDocument("input.json");
 * if (loaded.ok) computeIndex(loaded.document);
 * else loaded.errors.map(formatProblem); // ["input.json: không tìm thấy tệp"]
 */
export async function loadDocument(path: string): Promise<LoadedDocument> {
  try {
    if (/\.xlsx$/i.test(path)) {
      const host = new XlsxHost(await openXlsxChecked(path));
      const grids = await host.readSheets(await host.listSheets());
      const loaded = loadWorkbook(grids);
      if (!loaded.ok) return { ok: false, errors: loaded.errors };
      return { ok: true, document: loaded.input, place: (problems) => placeProblems(problems, loaded.places) };
    }
    const bytes = await readInputBytes(path);
    if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
      return {
        ok: false,
        errors: [{ path, message: "tệp là sổ tính Excel hoặc tệp nén ZIP, không phải JSON (sổ tính phải có đuôi .xlsx)" }],
      };
    }
    return parseJsonFile(decodeJsonText(bytes, path), path);
  } catch (error) {
    if (error instanceof FileProblem) return { ok: false, errors: [{ path: error.path, message: error.reason }] };
    throw error;
  }
}

import { accessSync, constants, statSync, type Stats } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { FileProblem } from "./fileProblem.ts";
import { removeStaleTemps } from "./writeFileAtomic.ts";

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function writable(path: string, info: Stats): boolean {
  // A file or folder with no write bit is read-only for us even when we run as root (who could write it):
  // the person marked it so on purpose.
  if ((info.mode & 0o222) === 0) return false;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks, before any work, that `path` can be written as a file, and removes stale temporary files of
 * killed runs beside it. Refused with a {@link FileProblem}: a path whose parent is a regular file
 * (`--out book.xlsx/x.xlsx`), a read-only folder, an existing folder or non-regular file at `path`, and a
 * read-only (e.g. chmod 444) file at `path`: it is never replaced by a writable one.
 * `kind` is "file" for a workbook, "folder" for a folder the command writes files into.
 *
 * @example
 * checkOutputTarget("out/BOOK.xlsx", "file"); // ok, or throws "out/BOOK.xlsx: tệp chỉ đọc, …"
 */
export function checkOutputTarget(path: string, kind: "file" | "folder" = "file"): void {
  const target = statOrUndefined(path);
  if (target !== undefined) {
    if (kind === "file") {
      if (target.isDirectory()) throw new FileProblem(path, "đã có một thư mục trùng tên, không ghi đè");
      if (!target.isFile()) throw new FileProblem(path, "không phải tệp thông thường, không ghi đè");
      if (!writable(path, target)) {
        throw new FileProblem(path, "tệp chỉ đọc, không ghi đè: bỏ thuộc tính chỉ đọc (chmod u+w) hoặc ghi ra tệp khác bằng --out");
      }
    } else {
      if (!target.isDirectory()) throw new FileProblem(path, "đã có một tệp trùng tên, không phải thư mục");
      if (!writable(path, target)) throw new FileProblem(path, "thư mục chỉ đọc, không ghi được vào");
      return;
    }
  }
  // The nearest existing ancestor must be a folder we may write in (named as the person wrote the path).
  const show = (dir: string): string => (isAbsolute(path) ? dir : relative(process.cwd(), dir) || "hiện tại");
  let dir = resolve(kind === "file" ? dirname(path) : path);
  for (;;) {
    const info = statOrUndefined(dir);
    if (info !== undefined) {
      if (!info.isDirectory()) throw new FileProblem(path, `không tạo được: ${show(dir)} là một tệp, không phải thư mục`);
      if (!writable(dir, info)) throw new FileProblem(path, `thư mục ${show(dir)} chỉ đọc, không ghi được vào`);
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  if (kind === "file") removeStaleTemps(path);
}

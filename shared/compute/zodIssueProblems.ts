import type * as z from "zod";
import type { Problem } from "../problem.ts";
import { appendPath, formatPath } from "./formatPath.ts";

const TYPE_NAMES: Record<string, string> = {
  number: "số",
  int: "số nguyên",
  string: "chuỗi",
  object: "đối tượng",
  record: "đối tượng",
  array: "danh sách",
  boolean: "true hoặc false",
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "danh sách";
  if (typeof v === "object") return "đối tượng";
  if (typeof v === "string") return v.length > 40 ? "chuỗi" : JSON.stringify(v);
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return String(v);
  return typeof v;
}

/** 100000 → "100.000" (a count as Vietnamese print it, thousands grouped by "."). */
function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/**
 * "tiêu chí 1.1.2: " when the path runs through a criterion (`…criteria[3]…`) whose code is known, so that a
 * problem of a criterion names it by its code as the contract asks (interchange.md, detail 5); else "".
 */
function criterionPrefix(root: unknown, path: readonly PropertyKey[]): string {
  for (let k = path.length - 2; k >= 0; k--) {
    if (path[k] !== "criteria" || typeof path[k + 1] !== "number") continue;
    const node = valueAt(root, path.slice(0, k + 2));
    const code = node !== null && typeof node === "object" ? valueAt(node, ["code"]) : undefined;
    return typeof code === "string" && code.trim() !== "" && code.length <= 40 ? `tiêu chí ${code}: ` : "";
  }
  return "";
}

function message(issue: z.core.$ZodIssue, value: unknown, present: boolean): string {
  switch (issue.code) {
    case "invalid_type": {
      if (!present) return "thiếu khóa bắt buộc";
      if (issue.expected === "int") return `phải là số nguyên (đang là ${describe(value)})`;
      const name = TYPE_NAMES[issue.expected];
      return name === undefined ? `sai kiểu (đang là ${describe(value)})` : `phải là ${name} (đang là ${describe(value)})`;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `phải là ${JSON.stringify(issue.values[0])}`
        : `phải là một trong: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return `phải ${issue.inclusive === false ? ">" : "≥"} ${String(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "string" && typeof value === "string") {
        return `dài ${formatCount(value.length)} ký tự, vượt giới hạn ${formatCount(Number(issue.maximum))} ký tự`;
      }
      return `phải ${issue.inclusive === false ? "<" : "≤"} ${String(issue.maximum)}`;
    case "unrecognized_keys":
      return `khóa không hợp lệ: ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    default:
      return "giá trị không hợp lệ";
  }
}

/**
 * Translates zod issues into Vietnamese problems with JSON paths. An unknown key gives one problem
 * per key (`khóa không hợp lệ: "x"`) at the key's own path (`blocks[0].units[1].prevous`); a problem inside a
 * criterion starts with its code (`tiêu chí 1.1.2: …`); a text too long says its length and the bound;
 * `basePath` prefixes every path.
 *
 * @example
 * const r = inputSchema.safeParse({ format: "cchc-index/1", year: "2023", province: "Sơn La", blocks: [], x: 1 });
 * zodIssueProblems(r.error!.issues, doc);
 * // [{ path: "year", message: 'phải là số (đang là "2023")' }, { path: "x", message: 'khóa không hợp lệ: "x"' }]
 */
export function zodIssueProblems(issues: readonly z.core.$ZodIssue[], root: unknown, basePath = ""): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path;
    let where = formatPath(path);
    if (basePath !== "") where = path.reduce<string>((p, k) => appendPath(p, typeof k === "number" ? k : String(k)), basePath);
    const prefix = criterionPrefix(root, path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        out.push({ path: appendPath(where, key), message: `${prefix}khóa không hợp lệ: ${JSON.stringify(key)}` });
      continue;
    }
    const parent = valueAt(root, path.slice(0, -1));
    const last = path[path.length - 1];
    const present =
      path.length === 0 || (last !== undefined && parent !== null && typeof parent === "object" && Object.hasOwn(parent, last));
    out.push({ path: where, message: prefix + message(issue, valueAt(root, path), present) });
  }
  return out;
}

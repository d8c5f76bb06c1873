const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A JSON path as problems show it: identifiers as `.key`, other keys as `["key"]`, indices as `[0]`.
 * The root is `$`.
 *
 * @example
 * formatPath(["blocks", 0, "scores", "SGTVT", "1.2.1"]); // 'blocks[0].scores.SGTVT["1.2.1"]'
 * formatPath([]); // "$"
 */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (typeof s === "symbol") out += `[${String(s)}]`;
    else if (IDENTIFIER.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === "" ? "$" : out;
}

/**
 * Appends one key to an already formatted path.
 *
 * @example
 * appendPath('blocks[0].scores', "SGTVT"); // "blocks[0].scores.SGTVT"
 * appendPath('blocks[0].scores.SGTVT', "1.2.1"); // 'blocks[0].scores.SGTVT["1.2.1"]'
 */
export function appendPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base === "$" ? "" : base}[${key}]`;
  if (base === "$" || base === "") return IDENTIFIER.test(key) ? key : `[${JSON.stringify(key)}]`;
  return IDENTIFIER.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

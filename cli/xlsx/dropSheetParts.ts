/**
 * Removes what a sheet the tool replaces referred to (its drawing with the charts in it, and whatever else its
 * relationships named): the sheet's relationships are dropped, then every part reachable only through them is
 * deleted with its own .rels and its content-type override. A part that something else still refers to (an
 * image a person's drawing shares, a pivot cache the workbook lists) is kept, with what it refers to.
 */
import { relsName, type XlsxPackage } from "./XlsxPackage.ts";

/**
 * Drops the relationships of `sheetPart` and the parts only they kept alive. Returns the deleted part names.
 *
 * @example
 * dropSheetParts(pkg, "xl/worksheets/sheet5.xml"); // ["xl/drawings/drawing2.xml", "xl/charts/chart3.xml", …]
 */
export function dropSheetParts(pkg: XlsxPackage, sheetPart: string): string[] {
  const roots = pkg
    .rels(sheetPart)
    .filter((r) => !r.external)
    .map((r) => r.target);
  pkg.setRels(sheetPart, []);
  // Everything reachable from the sheet's old relationships.
  const candidates = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const part = stack.pop() as string;
    if (candidates.has(part) || !pkg.has(part) || part === sheetPart) continue;
    candidates.add(part);
    for (const r of pkg.rels(part)) if (!r.external) stack.push(r.target);
  }
  if (candidates.size === 0) return [];
  // Of those, what another part (not a candidate) still reaches stays.
  const live = new Set<string>();
  const mark = (part: string): void => {
    if (!candidates.has(part) || live.has(part)) return;
    live.add(part);
    for (const r of pkg.rels(part)) if (!r.external) mark(r.target);
  };
  for (const name of pkg.names()) {
    const source = relsSource(name);
    if (source === undefined || candidates.has(source) || source === sheetPart) continue;
    if (source !== "" && !pkg.has(source)) continue; // the .rels of a part that is gone
    for (const r of pkg.rels(source)) if (!r.external) mark(r.target);
  }
  const dropped = [...candidates].filter((p) => !live.has(p)).sort();
  for (const part of dropped) {
    pkg.delete(part);
    pkg.delete(relsName(part));
    pkg.removeContentType(part);
  }
  return dropped;
}

/** The part a .rels part belongs to ("" for the package's own), or undefined for another part. */
function relsSource(name: string): string | undefined {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(name);
  return m === null ? undefined : `${m[1] ?? ""}${m[2] ?? ""}`;
}

import type { Problem } from "../problem.ts";
import { uncalculatedFormulaMessage, type Place } from "./loadWorkbook.ts";

/**
 * Gives each problem the sheet and cell its JSON path came from (the longest known path that starts it),
 * so that `blocks[0].scores.SGTVT["1.2.1"]` is reported as `Điểm - Sở!F12`. A problem of a cell that holds a
 * formula without a calculated value says so instead of what the empty value seemed to be ("chưa có điểm").
 *
 * @example
 * const places = new Map([['blocks[0].scores.SGTVT["1.2.1"]', { sheet: "Điểm - Sở", cell: "F12" }]]);
 * placeProblems([{ path: 'blocks[0].scores.SGTVT["1.2.1"]', message: "chưa có điểm" }], places)[0]?.cell; // "F12"
 */
export function placeProblems(problems: readonly Problem[], places: ReadonlyMap<string, Place>): Problem[] {
  return problems.map((p) => {
    if (p.sheet !== undefined) return p;
    let path = p.path;
    for (;;) {
      const found = places.get(path);
      if (found) {
        const message = found.formula !== undefined && path === p.path ? uncalculatedFormulaMessage(found.formula) : p.message;
        return { ...p, sheet: found.sheet, cell: found.cell, message };
      }
      const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
      if (cut <= 0) return p;
      path = path.slice(0, cut);
    }
  });
}

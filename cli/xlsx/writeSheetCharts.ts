/**
 * Writes the native charts of a sheet the tool replaces: one drawing part for the sheet, one chart part per
 * `ChartSpec`, their relationships, their content types and the sheet's `<drawing r:id>` element. Part names
 * are the first free `xl/drawings/drawingN.xml` / `xl/charts/chartN.xml`, so a person's parts are never
 * overwritten; removing the old ones of a replaced sheet is `dropSheetParts`'s job.
 */
import type { ChartSpec } from "../../shared/workbook/port.ts";
import { chartXml, type CellLookup } from "./chartXml.ts";
import { drawingXml, type ChartFrame } from "./drawingXml.ts";
import type { SheetXml } from "./SheetXml.ts";
import type { Relationship, XlsxPackage } from "./XlsxPackage.ts";

const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
/** Content type of a drawing part. */
export const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";
/** Content type of a chart part. */
export const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/**
 * Adds the charts to the package and links them from the sheet. Does nothing for an empty list.
 *
 * @example
 * writeSheetCharts(pkg, "xl/worksheets/sheet3.xml", sheet, "Tổng quan", charts, (r, c) => grid[r]?.[c] ?? undefined);
 */
export function writeSheetCharts(
  pkg: XlsxPackage,
  sheetPart: string,
  sheet: SheetXml,
  sheetName: string,
  charts: readonly ChartSpec[],
  cell: CellLookup,
): void {
  if (charts.length === 0) return;
  const drawing = freePartName(pkg, "xl/drawings/drawing", ".xml");
  pkg.setText(drawing, ""); // reserved, so the charts' names do not take it
  const rels: Relationship[] = [];
  const frames: ChartFrame[] = charts.map((spec, i) => {
    const part = freePartName(pkg, "xl/charts/chart", ".xml");
    pkg.setText(part, chartXml(spec, sheetName, cell));
    pkg.setContentType(part, CHART_TYPE);
    const rId = `rId${i + 1}`;
    rels.push({ id: rId, type: REL_CHART, target: part, external: false });
    return { name: spec.id, description: spec.title, rId, ...spec.anchor, width: spec.width, height: spec.height };
  });
  pkg.setText(drawing, drawingXml(frames));
  pkg.setContentType(drawing, DRAWING_TYPE);
  pkg.setRels(drawing, rels);
  const id = pkg.addRel(sheetPart, REL_DRAWING, drawing);
  sheet.setChild("drawing", `<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${id}"/>`);
}

/**
 * The first part name `prefix{n}suffix` (n = 1, 2, …) not in the package.
 *
 * @example
 * freePartName(pkg, "xl/charts/chart", ".xml"); // "xl/charts/chart2.xml" when chart1.xml exists
 */
export function freePartName(pkg: XlsxPackage, prefix: string, suffix: string): string {
  let n = 1;
  while (pkg.has(`${prefix}${n}${suffix}`)) n++;
  return `${prefix}${n}${suffix}`;
}

/**
 * Native charts on a Google sheet: each `ChartSpec` of a replaced sheet becomes one embedded chart, built with
 * `sheet.newChart()` (the builder works without the document) and drawn by one `sheet.insertChart` — a fixed number
 * of Spreadsheet calls per chart, whatever the number of units.
 *
 * Mapping: categories are the first range (the domain: `useFirstColumnAsDomain`, no header rows), then one range per
 * series; series names, colours and a per-series `type: "line"` go in the `series` option (a chart with a line
 * series over columns is a COMBO chart with `seriesType: "bars"`); overlapping series are stacked (`isStacked`:
 * each category holds a value in one series only, so the picture is that of Excel's 100 % overlap); the value axis
 * is `vAxis` of a column chart and `hAxis` of a bar chart, with its title, `format` and `viewWindow`; sizes in
 * pixels (4/3 of the points), anchored at the spec's cell.
 */
import type { CellRange, ChartSpec } from "../shared/workbook/port.ts";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The part of Apps Script's `Charts` service the host uses (the global `Charts` in Apps Script). */
export interface ChartsService {
  ChartType: Pick<typeof GoogleAppsScript.Charts.ChartType, "BAR" | "COLUMN" | "COMBO" | "LINE" | "PIE">;
}

/** Points → pixels (Sheets sizes charts in pixels). */
const px = (pt: number): number => Math.round((pt * 4) / 3);

/**
 * The chart type and options of a spec, as `setChartType` and `setOption` take them.
 *
 * @example
 * sheetsChartOptions(spec).type; // "COMBO" for the ranking (columns and the mean as a line)
 */
export function sheetsChartOptions(spec: ChartSpec): {
  type: "BAR" | "COLUMN" | "COMBO" | "LINE" | "PIE";
  options: Record<string, unknown>;
} {
  const combo = spec.kind === "column" && spec.series.some((s) => s.kind === "line");
  const type = combo ? "COMBO" : spec.kind === "bar" ? "BAR" : spec.kind === "line" ? "LINE" : spec.kind === "pie" ? "PIE" : "COLUMN";
  const series: Record<number, Record<string, unknown>> = {};
  spec.series.forEach((s, i) => {
    const one: Record<string, unknown> = { labelInLegend: s.name };
    if (s.color !== undefined) one.color = s.color;
    if (combo) one.type = s.kind === "line" ? "line" : "bars";
    if (spec.dataLabels === true) one.dataLabel = "value";
    series[i] = one;
  });
  const legend = spec.legend ?? spec.series.length > 1;
  const options: Record<string, unknown> = {
    title: spec.title,
    legend: { position: legend ? "bottom" : "none" },
    series,
    useFirstColumnAsDomain: true,
    width: px(spec.width),
    height: px(spec.height),
  };
  if (combo) options.seriesType = "bars";
  if (spec.overlap === true) options.isStacked = true;
  if (spec.kind !== "pie") {
    const value: Record<string, unknown> = { format: spec.numberFormat };
    if (spec.valueAxisTitle !== undefined) value.title = spec.valueAxisTitle;
    if (spec.valueAxisMin !== undefined || spec.valueAxisMax !== undefined) {
      value.viewWindow = {
        ...(spec.valueAxisMin !== undefined ? { min: spec.valueAxisMin } : {}),
        ...(spec.valueAxisMax !== undefined ? { max: spec.valueAxisMax } : {}),
      };
    }
    const category: Record<string, unknown> = spec.categoryAxisTitle !== undefined ? { title: spec.categoryAxisTitle } : {};
    options[spec.kind === "bar" ? "hAxis" : "vAxis"] = value;
    options[spec.kind === "bar" ? "vAxis" : "hAxis"] = category;
  }
  return { type, options };
}

/**
 * Draws the charts of a replaced sheet: per chart one `newChart`, one `getRange` per range, the builder's calls,
 * and one `insertChart` (the only call that changes the document).
 *
 * @example
 * insertCharts(sheet, change.charts ?? [], Charts);
 */
export function insertCharts(sheet: Sheet, charts: readonly ChartSpec[], service: ChartsService): void {
  const range = (r: CellRange) => sheet.getRange(r.row + 1, r.col + 1, r.rows, r.cols);
  for (const spec of charts) {
    const { type, options } = sheetsChartOptions(spec);
    let builder = sheet.newChart().setChartType(service.ChartType[type]).setNumHeaders(0).addRange(range(spec.categories));
    for (const s of spec.series) builder = builder.addRange(range(s.values));
    for (const [key, value] of Object.entries(options)) builder = builder.setOption(key, value);
    sheet.insertChart(builder.setPosition(spec.anchor.row + 1, spec.anchor.col + 1, 0, 0).build());
  }
}

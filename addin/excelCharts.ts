/**
 * Native charts of a plan as Office JS calls: one `WritePart` per `ChartSpec`, queued in the same batch as the
 * sheet's cells (no extra `context.sync`). ExcelApi 1.7 draws them (series.add, setValues, setXAxisValues,
 * series.chartType, hasDataLabels); ExcelApi 1.8 adds the overlap of the group series and the number format of the
 * value axis and data labels. Without 1.8, overlapping series are drawn as stacked columns (each category holds a
 * value in one series only, so the picture is the same) and the axis keeps Excel's own number format.
 */
import type { CellRange, ChartSpec } from "../shared/workbook/port.ts";
import { jsonBytes } from "../shared/workbook/splitWrites.ts";
import type { WritePart } from "./excelWriteParts.ts";

/** Request bytes of one object path and of one action, besides their arguments (as in excelWriteParts). */
const PATH = 110;
const ACTION = 90;

/** What the chart calls may use beyond ExcelApi 1.7. */
export interface ExcelChartFeatures {
  /** ExcelApi 1.8: `series.overlap`, `axis.numberFormat`, `series.dataLabels.numberFormat`. */
  chartFormats: boolean;
}

/** The chart types the add-in draws. */
export type ExcelChartType = "ColumnClustered" | "ColumnStacked" | "BarClustered" | "BarStacked" | "Line" | "Pie";

type At = (row: number, col: number, rows: number, cols: number) => Excel.Range;

/**
 * The Excel chart type of a spec: clustered columns or bars, a line, a pie; overlapping series without ExcelApi 1.8
 * become stacked columns (or bars).
 *
 * @example
 * excelChartType({ kind: "column", overlap: true } as ChartSpec, { chartFormats: false }); // "ColumnStacked"
 */
export function excelChartType(spec: Pick<ChartSpec, "kind" | "overlap">, features: ExcelChartFeatures): ExcelChartType {
  const stacked = spec.overlap === true && !features.chartFormats;
  if (spec.kind === "column") return stacked ? "ColumnStacked" : "ColumnClustered";
  if (spec.kind === "bar") return stacked ? "BarStacked" : "BarClustered";
  return spec.kind === "line" ? "Line" : "Pie";
}

/**
 * The calls that draw one chart on the sheet `ref` holds once its part runs.
 *
 * @example
 * parts.push(chartPart(spec, at, ref, { chartFormats: true }));
 */
export function chartPart(spec: ChartSpec, at: At, ref: { sheet: Excel.Worksheet | null }, features: ExcelChartFeatures): WritePart {
  const range = (r: CellRange) => at(r.row, r.col, r.rows, r.cols);
  const texts = [spec.id, spec.title, spec.categoryAxisTitle ?? "", spec.valueAxisTitle ?? "", ...spec.series.map((s) => s.name)];
  const size = (12 + 8 * spec.series.length) * (PATH + ACTION) + texts.reduce((n, t) => n + jsonBytes(t), 0);
  return {
    size,
    queue: () => {
      const first = spec.series[0];
      if (first === undefined) return;
      const chart = ref.sheet!.charts.add(excelChartType(spec, features), range(first.values), "Columns");
      chart.name = spec.id;
      chart.title.text = spec.title;
      const legend = spec.legend ?? spec.series.length > 1;
      chart.legend.visible = legend;
      if (legend) chart.legend.position = "Bottom";
      spec.series.forEach((s, i) => {
        const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
        series.name = s.name;
        series.setValues(range(s.values));
        series.setXAxisValues(range(spec.categories));
        const line = s.kind === "line";
        if (line && spec.kind !== "line") series.chartType = "Line";
        if (s.color !== undefined) {
          if (line) series.format.line.color = s.color;
          else series.format.fill.setSolidColor(s.color);
        }
        if (spec.dataLabels === true) {
          series.hasDataLabels = true;
          if (features.chartFormats) series.dataLabels.numberFormat = spec.numberFormat;
        }
        if (i === 0 && spec.overlap === true && features.chartFormats) {
          series.overlap = 100;
          series.gapWidth = 50;
        }
      });
      if (spec.kind !== "pie") {
        const value = chart.axes.valueAxis;
        if (spec.valueAxisTitle !== undefined) value.title.text = spec.valueAxisTitle;
        if (spec.valueAxisMin !== undefined) value.minimum = spec.valueAxisMin;
        if (spec.valueAxisMax !== undefined) value.maximum = spec.valueAxisMax;
        if (features.chartFormats) value.numberFormat = spec.numberFormat;
        if (spec.categoryAxisTitle !== undefined) chart.axes.categoryAxis.title.text = spec.categoryAxisTitle;
      }
      chart.setPosition(at(spec.anchor.row, spec.anchor.col, 1, 1));
      chart.width = spec.width;
      chart.height = spec.height;
    },
  };
}

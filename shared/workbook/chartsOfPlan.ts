import type { CellRange, ChartSpec, SheetWrite } from "./port.ts";
import { cellAddress } from "./port.ts";

/** A chart as every host can report it: ranges in A1 notation, no host names. */
export interface ChartSummary {
  sheet: string;
  id: string;
  kind: ChartSpec["kind"];
  title: string;
  categories: string;
  series: { name: string; values: string; kind: "column" | "bar" | "line"; color: string | null }[];
  /** Top-left cell, e.g. "A30". */
  anchor: string;
  width: number;
  height: number;
}

/**
 * "B3:B22" of a range (one cell: "B3").
 *
 * @example
 * rangeAddress({ row: 2, col: 1, rows: 20, cols: 1 }); // "B3:B22"
 */
export function rangeAddress(r: CellRange): string {
  const tl = cellAddress(r.row, r.col);
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${cellAddress(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/**
 * Every chart a plan asks for, sheet by sheet, in the terms a test can compare with what each host recorded
 * (a series without its own kind takes the chart's: "pie" series count as "column").
 *
 * @example
 * chartsOfPlan(writes).map((c) => `${c.sheet}/${c.id}`); // ["Tổng quan/xep-hang", "Tổng quan/phan-nhom", …]
 */
export function chartsOfPlan(plan: readonly SheetWrite[]): ChartSummary[] {
  return plan.flatMap((w) =>
    (w.charts ?? []).map((c) => ({
      sheet: w.sheet,
      id: c.id,
      kind: c.kind,
      title: c.title,
      categories: rangeAddress(c.categories),
      series: c.series.map((s) => ({
        name: s.name,
        values: rangeAddress(s.values),
        kind: s.kind ?? (c.kind === "bar" ? "bar" : c.kind === "line" ? "line" : "column"),
        color: s.color ?? null,
      })),
      anchor: cellAddress(c.anchor.row, c.anchor.col),
      width: c.width,
      height: c.height,
    })),
  );
}

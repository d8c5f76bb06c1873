/**
 * Native charts in every host: a full Sơn La recalculation through the Excel (Office JS) fake and the Google Sheets
 * fake draws exactly the charts of the plan (type, series and their ranges, names, colours, categories, title,
 * place and size), on the overview sheets only, again on a second run (replaced, not added), and leaves a person's
 * own chart on another sheet alone. The plan is taken from the host's own `write` call. The .xlsx host's side is
 * compared with `chartsOfPlan` the same way (added at merge).
 */
import { describe, expect, it } from "vitest";
import { ExcelHost } from "../addin/excelHost.ts";
import { SheetsHost } from "../appsscript/sheetsHost.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import { chartsOfPlan, type ChartSummary } from "../shared/workbook/chartsOfPlan.ts";
import { planInputSheets } from "../shared/workbook/planInputSheets.ts";
import type { SheetWrite, WorkbookPort } from "../shared/workbook/port.ts";
import { recalculateWorkbook } from "../shared/workbook/recalculateWorkbook.ts";
import { sonLaExample } from "../shared/workbook/sonLaExample.ts";
import { FakeWorkbook } from "./fakes/fakeExcel.ts";
import type { FakeChartRecord } from "./fakes/fakeExcelCharts.ts";
import { fakeEnvironment, hostServices, type FakeEmbeddedChart, type FakeEnvironment } from "./fakes/fakeSheets.ts";
import { scaledInput } from "./fixtures/scaledInput.ts";

/** A port that keeps the plan of the last `write`. */
function recording(port: WorkbookPort): { port: WorkbookPort; plans: SheetWrite[][] } {
  const plans: SheetWrite[][] = [];
  return {
    plans,
    port: {
      listSheets: () => port.listSheets(),
      readSheets: (names, options) => port.readSheets(names, options),
      write: (changes) => {
        plans.push([...changes]);
        return port.write(changes);
      },
    },
  };
}

const KIND: Record<string, ChartSummary["kind"]> = {
  ColumnClustered: "column",
  ColumnStacked: "column",
  BarClustered: "bar",
  BarStacked: "bar",
  Line: "line",
  Pie: "pie",
  COLUMN: "column",
  COMBO: "column",
  BAR: "bar",
  LINE: "line",
  PIE: "pie",
};

/** An Excel fake chart in the plan's terms. */
function fromExcel(sheet: string, c: FakeChartRecord): ChartSummary {
  const kind = KIND[c.type]!;
  const categories = new Set(c.series.map((s) => s.xValues));
  expect(categories.size, `${sheet}/${c.name}: every series has the same categories`).toBe(1);
  return {
    sheet,
    id: c.name,
    kind,
    title: c.title,
    categories: c.series[0]!.xValues!,
    series: c.series.map((s) => ({
      name: s.name,
      values: s.values!,
      kind: s.chartType === "Line" ? "line" : kind === "bar" ? "bar" : "column",
      color: s.fill ?? s.line,
    })),
    anchor: c.position!,
    width: c.width,
    height: c.height,
  };
}

/** A Sheets fake chart in the plan's terms (sizes back from pixels; the id is the plan's, Sheets names no chart). */
function fromSheets(sheet: string, c: FakeEmbeddedChart, id: string): ChartSummary {
  const kind = KIND[c.type]!;
  const series = c.options.series as Record<string, { labelInLegend: string; color?: string; type?: string }>;
  const [categories, ...values] = c.ranges;
  return {
    sheet,
    id,
    kind,
    title: c.options.title as string,
    categories: categories!,
    series: values.map((v, i) => ({
      name: series[i]!.labelInLegend,
      values: v,
      kind: series[i]!.type === "line" ? "line" : kind === "bar" ? "bar" : "column",
      color: series[i]!.color ?? null,
    })),
    anchor: `${String.fromCharCode(64 + c.position.col)}${c.position.row}`,
    width: Math.round(((c.options.width as number) * 3) / 4),
    height: Math.round(((c.options.height as number) * 3) / 4),
  };
}

const PERSON_EXCEL: FakeChartRecord = {
  name: "Biểu đồ của tôi",
  type: "Pie",
  seriesBy: "Columns",
  title: "Của tôi",
  legend: { visible: true, position: "Right" },
  series: [],
  valueAxis: { title: null, minimum: null, maximum: null, numberFormat: null },
  categoryAxis: { title: null },
  position: "B2",
  width: 300,
  height: 200,
};

async function excelRun(input: InputDocument) {
  const book = new FakeWorkbook();
  book.addSheet("Trang tính1").charts.push(structuredClone(PERSON_EXCEL));
  const make = () =>
    recording(
      new ExcelHost(book.context() as unknown as Excel.RequestContext, { features: { notes: true, pageLayout: true, chartFormats: true } }),
    );
  await make().port.write(planInputSheets(input, { withScores: true }));
  const runs = [];
  for (let k = 0; k < 2; k++) {
    const { port, plans } = make();
    const before = book.syncCount;
    const outcome = await recalculateWorkbook(port);
    expect(outcome.ok).toBe(true);
    const charts = book.sheets.flatMap((s) => s.charts.filter((c) => c.name !== PERSON_EXCEL.name).map((c) => fromExcel(s.name, c)));
    runs.push({ plan: chartsOfPlan(plans[0]!), charts, syncs: book.syncCount - before });
  }
  return { book, runs };
}

function sheetsRun(input: InputDocument): { env: FakeEnvironment; runs: { plan: ChartSummary[]; charts: ChartSummary[] }[] } {
  const env = fakeEnvironment();
  const own = env.spreadsheet._addSheet("Trang tính1");
  const person: FakeEmbeddedChart = {
    sheet: own,
    type: "PIE",
    ranges: ["A1:A3"],
    numHeaders: 0,
    options: { title: "Của tôi" },
    position: { row: 2, col: 2, offsetX: 0, offsetY: 0 },
  };
  own._charts.push(person);
  const make = () =>
    recording(new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, hostServices(env)));
  void make().port.write(planInputSheets(input, { withScores: true }));
  const runs = [];
  for (let k = 0; k < 2; k++) {
    const { port, plans } = make();
    const outcome = recalculateWorkbook(port) as Awaited<ReturnType<typeof recalculateWorkbook>>;
    expect(outcome.ok).toBe(true);
    const plan = chartsOfPlan(plans[0]!);
    // Sheets charts carry no name: they are matched with the plan's by sheet and order.
    const charts = env.spreadsheet._sheets.flatMap((s) =>
      s._charts.filter((c) => c !== person).map((c, i) => fromSheets(s._name, c, plan.filter((p) => p.sheet === s._name)[i]?.id ?? "?")),
    );
    runs.push({ plan, charts });
  }
  expect(own._charts).toEqual([person]);
  return { env, runs };
}

describe("native charts in the Excel and Google Sheets hosts", () => {
  it("Sơn La 2023: both hosts draw exactly the planned charts on Tổng quan and Tổng quan a, twice, and keep a person's chart", async () => {
    const excel = await excelRun(sonLaExample());
    const sheets = sheetsRun(sonLaExample());
    const plan = excel.runs[0]!.plan;
    expect(plan.map((c) => `${c.sheet}/${c.id}`)).toEqual([
      "Tổng quan/xep-hang",
      "Tổng quan/phan-nhom",
      "Tổng quan/linh-vuc",
      "Tổng quan/so-sanh",
      "Tổng quan a/xep-hang",
      "Tổng quan a/phan-nhom",
      "Tổng quan a/linh-vuc",
      "Tổng quan a/so-sanh",
    ]);
    for (const run of [...excel.runs, ...sheets.runs]) {
      expect(run.plan).toEqual(plan);
      expect(run.charts).toEqual(plan);
    }
    for (const run of excel.runs) expect(run.syncs).toBeLessThanOrEqual(3);
    // The person's chart on their own sheet is untouched.
    expect(excel.book.sheet("Trang tính1")!.charts).toEqual([PERSON_EXCEL]);
    // Overview sheets sit before their block's Biểu 1.
    const names = excel.book.sheets.map((s) => s.name);
    expect(names.indexOf("Tổng quan")).toBe(names.indexOf("Biểu 1") - 1);
    expect(names.indexOf("Tổng quan a")).toBe(names.indexOf("Biểu 1a") - 1);
    expect(sheets.env.spreadsheet._names()).toEqual(names);
  });

  it("what each host sets beyond the common summary: overlap, mean line, axes, number formats", async () => {
    const excel = await excelRun(sonLaExample());
    const ranking = excel.book.sheet("Tổng quan")!.charts.find((c) => c.name === "xep-hang")!;
    expect(ranking.type).toBe("ColumnClustered");
    expect(ranking.series[0]).toMatchObject({ overlap: 100, gapWidth: 50 });
    expect(ranking.series.at(-1)).toMatchObject({ name: "Trung bình khối", chartType: "Line", line: "#212121", fill: null });
    expect(ranking.valueAxis).toEqual({ title: "Chỉ số", minimum: 70, maximum: 100, numberFormat: "0.00" });
    expect(ranking.categoryAxis).toEqual({ title: "Đơn vị" });
    expect(ranking.legend).toEqual({ visible: true, position: "Bottom" });
    const groups = excel.book.sheet("Tổng quan")!.charts.find((c) => c.name === "phan-nhom")!;
    expect(groups.series[0]).toMatchObject({ hasDataLabels: true, labelFormat: "0" });
    expect(groups.legend.visible).toBe(false);

    const { env } = sheetsRun(sonLaExample());
    const [rankingS, , fieldsS] = env.spreadsheet._sheet("Tổng quan")!._charts;
    expect(rankingS!.type).toBe("COMBO");
    expect(rankingS!.numHeaders).toBe(0);
    expect(rankingS!.options).toMatchObject({
      seriesType: "bars",
      isStacked: true,
      useFirstColumnAsDomain: true,
      legend: { position: "bottom" },
      vAxis: { title: "Chỉ số", format: "0.00", viewWindow: { min: 70, max: 100 } },
      hAxis: { title: "Đơn vị" },
    });
    expect((rankingS!.options.series as Record<string, unknown>)["2"]).toEqual({
      labelInLegend: "Trung bình khối",
      color: "#212121",
      type: "line",
    });
    // A bar chart's value axis is horizontal.
    expect(fieldsS!.type).toBe("BAR");
    expect(fieldsS!.options).toMatchObject({
      hAxis: { title: "Tỷ lệ so với điểm tối đa (%)", viewWindow: { min: 0, max: 100 } },
      vAxis: { title: "Lĩnh vực" },
    });
  });

  it("without ExcelApi 1.8 the group series are stacked columns (the same picture) and no format is set", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Trang tính1");
    const host = new ExcelHost(book.context() as unknown as Excel.RequestContext, { features: { notes: false, pageLayout: false } });
    await host.write(planInputSheets(sonLaExample(), { withScores: true }));
    expect((await recalculateWorkbook(host)).ok).toBe(true);
    const ranking = book.sheet("Tổng quan")!.charts.find((c) => c.name === "xep-hang")!;
    expect(ranking.type).toBe("ColumnStacked");
    expect(ranking.series.every((s) => s.overlap === null && s.labelFormat === null)).toBe(true);
    expect(ranking.valueAxis.numberFormat).toBeNull();
  });

  it("Sheets: charts add one insertChart each and a fixed number of local calls per block, whatever the units", () => {
    const counts = (input: InputDocument) => {
      const env = fakeEnvironment();
      env.spreadsheet._addSheet("Trang tính1");
      const host = new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, hostServices(env));
      host.write(planInputSheets(input, { withScores: true }));
      env.log.reset();
      const outcome = recalculateWorkbook(host) as Awaited<ReturnType<typeof recalculateWorkbook>>;
      expect(outcome.ok).toBe(true);
      const calls = (key: string) => env.log.calls.get(key) ?? 0;
      return {
        insertChart: calls("Sheet.insertChart"),
        builder:
          [...env.log.calls].filter(([k]) => k.startsWith("EmbeddedChartBuilder.")).reduce((n, [, v]) => n + v, 0) +
          calls("Sheet.newChart"),
        byKind: env.log.byKind(),
      };
    };
    const small = counts(sonLaExample()); // 20 sở + 12 huyện, previous year given: 4 charts a block
    const large = counts(scaledInput({ so: 20, xa: 75 })); // 95 units
    const huge = counts(scaledInput({ xa: 300 })); // one block of 300
    expect(small.insertChart).toBe(8);
    expect(large.insertChart).toBe(small.insertChart);
    expect(huge.insertChart).toBe(small.insertChart / 2);
    expect(large.builder).toBe(small.builder);
    expect(huge.builder).toBe(small.builder / 2);
    console.info(
      `[sheets charts] insertChart (structure) ${small.insertChart}, builder calls (local) ${small.builder} for 2 blocks; ` +
        `all calls of the recalculation by kind: 32 units ${JSON.stringify(small.byKind)}, 95 units ${JSON.stringify(large.byKind)}, 300 units ${JSON.stringify(huge.byKind)}`,
    );
  });
});

describe("the fakes' charts are strict", () => {
  it("Excel: unmodelled members throw, reads are not loaded, another sheet's data fails the sync, and charts count in the request", async () => {
    const book = new FakeWorkbook();
    book.addSheet("A", [[1], [2]]);
    book.addSheet("B", [[3]]);
    const ctx = book.context();
    const sheet = ctx.workbook.worksheets.getItem("A");
    const chart = sheet.charts.add("ColumnClustered", sheet.getRange("A1:A2"), "Columns");
    expect(() => (chart as unknown as { showAllFieldButtons: boolean }).showAllFieldButtons).toThrow(/NotImplemented/);
    expect(() => ((chart as unknown as { style: number }).style = 2)).toThrow(/NotImplemented/);
    expect(() => chart.name).toThrow(/PropertyNotLoaded/);
    expect(() => (chart.series.getItemAt(0) as unknown as { markerStyle: string }).markerStyle).toThrow(/NotImplemented/);
    chart.name = "c";
    await ctx.sync();
    const small = book.requests.at(-1)!;
    expect(book.sheet("A")!.charts.map((c) => [c.name, c.type, c.series[0]!.values])).toEqual([["c", "ColumnClustered", "A1:A2"]]);
    // A long title is a bigger request.
    chart.title.text = "x".repeat(10_000);
    await ctx.sync();
    expect(book.requests.at(-1)!).toBeGreaterThan(10_000);
    expect(small).toBeGreaterThan(0);
    chart.series.getItemAt(0).setValues(ctx.workbook.worksheets.getItem("B").getRange("A1"));
    await expect(ctx.sync()).rejects.toThrow(/InvalidArgument/);
    chart.series.getItemAt(0).format.fill.setSolidColor("red");
    await expect(ctx.sync()).rejects.toThrow(/colour red/);
  });

  it("Sheets: builder calls are local, insertChart is structure, an unknown chart type or option-less build throws", () => {
    const env = fakeEnvironment();
    const raw = env.spreadsheet._addSheet("A", [["x", 1]]);
    const sheet = raw._self;
    const g = env.globals as { Charts: { ChartType: Record<string, unknown> } };
    expect(() => g.Charts.ChartType.SANKEY).toThrow(/không có trong bản giả/);
    env.log.reset();
    const chart = sheet
      .newChart()
      .setChartType(g.Charts.ChartType.COLUMN)
      .addRange(sheet.getRange(1, 1, 1, 1))
      .addRange(sheet.getRange(1, 2, 1, 1))
      .setOption("title", "t")
      .setPosition(3, 1, 0, 0)
      .build();
    expect(env.log.byKind()).toMatchObject({ structure: 0, write: 0, read: 0, format: 0 });
    sheet.insertChart(chart);
    expect(env.log.byKind().structure).toBe(1);
    expect(raw._charts[0]).toMatchObject({ type: "COLUMN", ranges: ["A1", "B1"], options: { title: "t" }, position: { row: 3, col: 1 } });
    expect(() => sheet.newChart().build()).toThrow(/setChartType/);
    expect(() => (sheet.newChart() as unknown as { setTitle: (t: string) => void }).setTitle("x")).toThrow(/không có trong bản giả/);
  });
});

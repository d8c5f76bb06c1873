/**
 * Native charts in every host: a full Sơn La recalculation through the Excel (Office JS) fake and the Google Sheets
 * fake draws exactly the charts of the plan (type, series and their ranges, names, colours, categories, title,
 * place and size), on the overview sheets only, again on a second run (replaced, not added), and leaves a person's
 * own chart on another sheet alone. The plan is taken from the host's own `write` call. The .xlsx host (the CLI's)
 * is read back from its saved bytes with jszip, a reader independent of the tool's ZIP layer: each chart part,
 * found through the sheet's drawing and its relationships, is turned into the same summary (kind from
 * `c:barDir`/`c:lineChart`/`c:pieChart`, title text, the `c:cat`/`c:val` formulas, series names and colours,
 * the drawing's `xdr:from` cell, `xdr:ext` size and `xdr:cNvPr` name), so the three hosts are compared with the
 * plan and with each other at 32 units and at 190 (20 sở + 170 xã).
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { ExcelHost } from "../addin/excelHost.ts";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
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
import { emptyBook } from "./xlsxBooks.ts";

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

/** A part's target resolved against the part that points at it (`../charts/chart1.xml` from a drawing). */
function resolvePart(from: string, target: string): string {
  return target.startsWith("/") ? target.slice(1) : new URL(target, `http://x/${from}`).pathname.slice(1);
}

/** The relationships of a part: id → resolved target. */
async function relsOf(zip: JSZip, part: string): Promise<Map<string, string>> {
  const name = part.replace(/([^/]+)$/, "_rels/$1.rels");
  const xml = (await zip.file(name)?.async("string")) ?? "";
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])![1]!;
    out.set(id, resolvePart(part, /\bTarget="([^"]*)"/.exec(m[0])![1]!));
  }
  return out;
}

const unescapeXml = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** "'Tổng quan'!$A$41:$A$72" → "A41:A72", checking the chart reads its own sheet. */
function localRange(formula: string, sheet: string, where: string): string {
  const m = /^(?:'((?:[^']|'')*)'|([^!]+))!(.+)$/.exec(unescapeXml(formula));
  expect(m, `${where}: ${formula}`).not.toBeNull();
  expect((m![1] ?? m![2])!.replace(/''/g, "'"), `${where}: the chart reads its own sheet`).toBe(sheet);
  return m![3]!.replace(/\$/g, "");
}

/** Every chart of a saved .xlsx, sheet by sheet in the workbook's order, in the plan's terms. */
async function chartsOfXlsx(bytes: Uint8Array): Promise<ChartSummary[]> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = (await zip.file("xl/workbook.xml")!.async("string")) ?? "";
  const sheetRels = await relsOf(zip, "xl/workbook.xml");
  const out: ChartSummary[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const sheet = unescapeXml(/\bname="([^"]*)"/.exec(m[0])![1]!);
    const sheetPart = sheetRels.get(/\br:id="([^"]*)"/.exec(m[0])![1]!)!;
    const sheetXml = await zip.file(sheetPart)!.async("string");
    const drawingId = /<drawing\b[^>]*\br:id="([^"]*)"/.exec(sheetXml)?.[1];
    if (drawingId === undefined) continue;
    const drawingPart = (await relsOf(zip, sheetPart)).get(drawingId)!;
    const drawing = await zip.file(drawingPart)!.async("string");
    const chartRels = await relsOf(zip, drawingPart);
    for (const a of drawing.matchAll(/<xdr:(oneCellAnchor|twoCellAnchor)\b[\s\S]*?<\/xdr:\1>/g)) {
      const anchor = a[0];
      const from = /<xdr:from><xdr:col>(\d+)<\/xdr:col>.*?<xdr:row>(\d+)<\/xdr:row>/.exec(anchor)!;
      const ext = /<xdr:ext cx="(\d+)" cy="(\d+)"\/>/.exec(anchor)!;
      const id = unescapeXml(/<xdr:cNvPr\b[^>]*\bname="([^"]*)"/.exec(anchor)![1]!);
      const chartPart = chartRels.get(/<c:chart\b[^>]*\br:id="([^"]*)"/.exec(anchor)![1]!)!;
      const chart = await zip.file(chartPart)!.async("string");
      const where = `${sheet}/${id} (${chartPart})`;
      // The chart's own title is the c:title before the plot area (the axes have theirs inside it).
      const head = chart.slice(0, chart.indexOf("<c:plotArea>"));
      const title = [...(/<c:title>[\s\S]*?<\/c:title>/.exec(head)?.[0] ?? "").matchAll(/<a:t>([^<]*)<\/a:t>/g)]
        .map((t) => unescapeXml(t[1]!))
        .join("");
      const barDir = /<c:barChart>\s*<c:barDir val="(bar|col)"/.exec(chart)?.[1];
      const kind: ChartSummary["kind"] = chart.includes("<c:pieChart>")
        ? "pie"
        : barDir === "bar"
          ? "bar"
          : barDir === "col"
            ? "column"
            : "line";
      const series: (ChartSummary["series"][number] & { order: number; categories: string })[] = [];
      for (const g of chart.matchAll(/<c:(barChart|lineChart|pieChart)>([\s\S]*?)<\/c:\1>/g)) {
        const seriesKind = g[1] === "lineChart" ? "line" : kind === "bar" ? "bar" : "column";
        for (const ser of g[2]!.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)) {
          const x = ser[1]!;
          const spPr = /<c:spPr>([\s\S]*?)<\/c:spPr>/.exec(x)?.[1] ?? "";
          // A bar's fill, or a line's stroke (its spPr holds only the a:ln).
          const color = /<a:srgbClr val="([0-9A-Fa-f]{6})"/.exec(spPr)?.[1];
          series.push({
            order: Number(/<c:order val="(\d+)"/.exec(x)![1]),
            name: unescapeXml(/<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(x)![1]!),
            values: localRange(/<c:val>[\s\S]*?<c:f>([^<]*)<\/c:f>/.exec(x)![1]!, sheet, where),
            categories: localRange(/<c:cat>[\s\S]*?<c:f>([^<]*)<\/c:f>/.exec(x)![1]!, sheet, where),
            kind: seriesKind,
            color: color === undefined ? null : `#${color.toUpperCase()}`,
          });
        }
      }
      series.sort((p, q) => p.order - q.order);
      expect(new Set(series.map((s) => s.categories)).size, `${where}: every series has the same categories`).toBe(1);
      out.push({
        sheet,
        id,
        kind,
        title,
        categories: series[0]!.categories,
        series: series.map(({ name, values, kind: k, color }) => ({ name, values, kind: k, color })),
        anchor: `${String.fromCharCode(65 + Number(from[1]))}${Number(from[2]) + 1}`,
        width: Number(ext[1]) / 12700,
        height: Number(ext[2]) / 12700,
      });
    }
  }
  return out;
}

/** Two recalculations through the CLI's .xlsx host, each saved and read back. */
async function xlsxRun(input: InputDocument) {
  const book = emptyBook("Trang tính1");
  const make = () => recording(new XlsxHost(book));
  await make().port.write(planInputSheets(input, { withScores: true }));
  const runs = [];
  for (let k = 0; k < 2; k++) {
    const { port, plans } = make();
    const outcome = await recalculateWorkbook(port);
    expect(outcome.ok).toBe(true);
    const bytes = book.toBytes();
    runs.push({ plan: chartsOfPlan(plans[0]!), charts: await chartsOfXlsx(bytes), bytes });
  }
  return { book, runs };
}

describe("the three hosts draw the same charts: Excel, Google Sheets and the CLI's .xlsx", () => {
  const threeHosts = async (input: () => InputDocument) => {
    const excel = await excelRun(input());
    const sheets = sheetsRun(input());
    const xlsx = await xlsxRun(input());
    const plan = xlsx.runs[0]!.plan;
    for (const run of [...excel.runs, ...sheets.runs, ...xlsx.runs]) expect(run.plan).toEqual(plan);
    // Each host against the plan, then against each other (the same statement, said the way).
    for (const run of xlsx.runs) expect(run.charts).toEqual(plan);
    const [e, s, x] = [excel.runs[1]!.charts, sheets.runs[1]!.charts, xlsx.runs[1]!.charts];
    expect(e).toEqual(x);
    expect(s).toEqual(x);
    return { plan, xlsx };
  };

  it("Sơn La 2023 (32 units): the saved .xlsx holds exactly the planned charts, replaced (not added) on a second run", async () => {
    const { plan, xlsx } = await threeHosts(sonLaExample);
    expect(plan).toHaveLength(8);
    // Worked by hand from the source decision and the sheet's layout: the 20 sở all stand at 70 or more (groups A
    // and B only, A from 90), so the ranking chart of Tổng quan reads its table's 20 rows, one column per group
    // present (A: E, B: F) and the mean (G), coloured A green and B blue, the mean dark.
    const ranking = xlsx.runs[1]!.charts[0]!;
    expect(ranking).toMatchObject({ sheet: "Tổng quan", id: "xep-hang", kind: "column", anchor: "A" + ranking.anchor.slice(1) });
    expect(ranking.title).toBe("Chỉ số CCHC năm 2023 theo thứ hạng - Các sở, ban, ngành");
    expect(ranking.series.map((s) => [s.name, s.kind, s.color, s.values.replace(/\d+/g, "")])).toEqual([
      ["Nhóm A", "column", "#2E7D32", "E:E"],
      ["Nhóm B", "column", "#1565C0", "F:F"],
      ["Trung bình khối", "line", "#212121", "G:G"],
    ]);
    const [first, last] = ranking.categories.split(":").map((a) => Number(a.slice(1)));
    expect(last! - first! + 1).toBe(20);
    // The second run replaced the charts: as many chart and drawing parts as charts and overview sheets.
    const zip = await JSZip.loadAsync(xlsx.runs[1]!.bytes);
    const names = Object.keys(zip.files);
    expect(names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(8);
    expect(names.filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n))).toHaveLength(2);
  });

  it("20 sở + 170 xã: the same charts in the three hosts, the xã ranking showing the top and bottom 15", { timeout: 120_000 }, async () => {
    const { plan } = await threeHosts(() => scaledInput({ so: 20, xa: 170 }));
    const ranking = plan.filter((c) => c.id === "xep-hang");
    expect(ranking.map((c) => c.sheet)).toEqual(["Tổng quan", "Tổng quan a"]);
    const rows = (c: ChartSummary) => {
      const [a, b] = c.categories.split(":").map((x) => Number(x.slice(1)));
      return b! - a! + 1;
    };
    expect(rows(ranking[0]!)).toBe(20); // every sở
    expect(rows(ranking[1]!)).toBe(31); // 15 first, a "…" row, 15 last
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

/**
 * Charts of the strict Excel fake (`fakeExcel.ts`): `worksheet.charts.add(type, sourceData, seriesBy)` and the parts
 * of `Excel.Chart` the add-in sets (name, title, legend, series: name, setValues, setXAxisValues, chartType, overlap,
 * gapWidth, hasDataLabels, dataLabels.numberFormat, format.fill.setSolidColor, format.line.color; value and category
 * axis: title, minimum, maximum, numberFormat; setPosition, width, height). Like the rest of the fake, every call is
 * queued and applied at `context.sync()`, counted in the request's size (one object path per proxy, one action per
 * call or property set), and checked as Excel checks it (a range of another sheet, an unknown chart type, a colour
 * that is not "#RRGGBB", an overlap outside −100…100 fail the sync). Reading any property, or using any member the
 * fake does not model, throws: the add-in cannot rely on an unmodelled API unnoticed.
 * What a sync applied is kept on the sheet as plain data (`FakeSheet.charts`), for tests.
 */
import { rangeA1 } from "../../addin/a1.ts";
import type { FakeRange, FakeRequestContext, FakeSheet, FakeWorksheet } from "./fakeExcel.ts";
import { utf8Bytes } from "./fakeExcel.ts";

/** One series as the fake recorded it. */
export interface FakeChartSeriesRecord {
  name: string;
  /** A1 address of its values on the chart's sheet. */
  values: string | null;
  /** A1 address of its categories. */
  xValues: string | null;
  /** Its own chart type when set (a combo chart), else null. */
  chartType: string | null;
  fill: string | null;
  line: string | null;
  overlap: number | null;
  gapWidth: number | null;
  hasDataLabels: boolean;
  labelFormat: string | null;
}

/** One chart as the fake recorded it. */
export interface FakeChartRecord {
  name: string;
  type: string;
  seriesBy: string;
  title: string;
  legend: { visible: boolean; position: string };
  series: FakeChartSeriesRecord[];
  valueAxis: { title: string | null; minimum: number | null; maximum: number | null; numberFormat: string | null };
  categoryAxis: { title: string | null };
  /** Top-left cell given to `setPosition`. */
  position: string | null;
  width: number;
  height: number;
}

/** The chart types the fake draws (the add-in's); any other fails the sync with NotImplemented. */
const TYPES = new Set(["ColumnClustered", "ColumnStacked", "BarClustered", "BarStacked", "Line", "Pie"]);
/** Bytes of one action besides its arguments (as in fakeExcel.ts; object paths are counted by `ctx.path`). */
const ACTION_BYTES = 80;

class ChartError extends Error {
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

/** An object that throws on any member it does not declare (get or set). */
function strict<T extends object>(obj: T, cls: string): T {
  return new Proxy(obj, {
    get(t, p, receiver) {
      if (typeof p === "symbol" || p === "then" || p === "toJSON") return undefined;
      if (!(p in t)) throw new ChartError("NotImplemented", `fake Excel: ${cls}.${p} is not modelled`);
      return Reflect.get(t, p, receiver) as unknown;
    },
    set(t, p, v, receiver) {
      if (typeof p === "symbol" || !(p in t)) throw new ChartError("NotImplemented", `fake Excel: ${cls}.${String(p)} is not modelled`);
      return Reflect.set(t, p, v, receiver);
    },
  });
}

/** Queues one action with its arguments; the first use of a proxy also sends its object path. */
class Node {
  private sent = false;
  constructor(protected readonly ctx: FakeRequestContext) {}
  protected send(args: unknown, run: () => void): void {
    if (!this.sent) this.ctx.path();
    this.sent = true;
    this.ctx.enqueue(() => ACTION_BYTES + (args === undefined ? 0 : utf8Bytes(JSON.stringify(args))), run);
  }
  protected notLoaded(prop: string): never {
    throw new ChartError("PropertyNotLoaded", `The property '${prop}' is not available (the fake models writes only).`);
  }
}

const isColor = (v: unknown): v is string => typeof v === "string" && /^#[0-9A-Fa-f]{6}$/.test(v);

/** The address of a range on the chart's sheet; another sheet's range fails, as it cannot be drawn there. */
function addressOn(range: FakeRange, sheet: FakeSheet): string {
  if (range.worksheet.target() !== sheet) throw new ChartError("InvalidArgument", "a chart's data must be on its own sheet (fake)");
  const r = range.rect();
  if (r.cols !== 1) throw new ChartError("InvalidArgument", `fake Excel models one-column series only: ${rangeA1(r)}`);
  return rangeA1(r);
}

/** Fake `worksheet.charts`. */
export class FakeChartCollection extends Node {
  constructor(
    ctx: FakeRequestContext,
    private readonly worksheet: FakeWorksheet,
  ) {
    super(ctx);
  }
  add(type: string, sourceData: FakeRange, seriesBy = "Auto"): FakeChart {
    let record: FakeChartRecord | null = null;
    this.send([type, 0, seriesBy], () => {
      if (!TYPES.has(type)) throw new ChartError("NotImplemented", `fake Excel: chart type ${type}`);
      if (seriesBy !== "Columns") throw new ChartError("NotImplemented", `fake Excel: seriesBy ${seriesBy} (the add-in gives "Columns")`);
      const sheet = this.worksheet.target();
      record = {
        name: `Chart ${sheet.charts.length + 1}`,
        type,
        seriesBy,
        title: "",
        legend: { visible: true, position: "Right" },
        series: [newSeries("Series1", addressOn(sourceData, sheet))],
        valueAxis: { title: null, minimum: null, maximum: null, numberFormat: null },
        categoryAxis: { title: null },
        position: null,
        width: 360,
        height: 216,
      };
      sheet.charts.push(record);
    });
    this.ctx.path([type]);
    return new FakeChart(
      this.ctx,
      () => {
        if (record === null) throw new ChartError("InvalidObjectPath", "chart not added yet");
        return record;
      },
      () => this.worksheet.target(),
    ).proxy;
  }
}

function newSeries(name: string, values: string | null): FakeChartSeriesRecord {
  return {
    name,
    values,
    xValues: null,
    chartType: null,
    fill: null,
    line: null,
    overlap: null,
    gapWidth: null,
    hasDataLabels: false,
    labelFormat: null,
  };
}

/** Fake `Excel.Chart`. */
export class FakeChart extends Node {
  readonly proxy: FakeChart;
  readonly title: { text: string };
  readonly legend: { visible: boolean; position: string };
  readonly axes: { valueAxis: FakeAxis; categoryAxis: FakeAxis };
  readonly series: FakeSeriesCollection;
  constructor(
    ctx: FakeRequestContext,
    private readonly chart: () => FakeChartRecord,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
    this.title = child(ctx, "ChartTitle", {
      text: (v) => {
        if (typeof v !== "string") throw new ChartError("InvalidArgument", "title.text");
        chart().title = v;
      },
    });
    this.legend = child(ctx, "ChartLegend", {
      visible: (v) => void (chart().legend.visible = v === true),
      position: (v) => {
        if (!["Top", "Bottom", "Left", "Right", "Corner", "Custom"].includes(String(v)))
          throw new ChartError("InvalidArgument", `legend ${String(v)}`);
        chart().legend.position = String(v);
      },
    });
    this.axes = strict(
      { valueAxis: new FakeAxis(ctx, () => chart(), "value").proxy, categoryAxis: new FakeAxis(ctx, () => chart(), "category").proxy },
      "ChartAxes",
    );
    this.series = new FakeSeriesCollection(ctx, chart, sheet).proxy;
    this.proxy = strict(this, "Chart");
  }
  set name(v: string) {
    this.send(v, () => void (this.chart().name = v));
  }
  get name(): string {
    return this.notLoaded("name");
  }
  set width(v: number) {
    this.send(v, () => {
      if (!(v > 0)) throw new ChartError("InvalidArgument", `width ${v}`);
      this.chart().width = v;
    });
  }
  get width(): number {
    return this.notLoaded("width");
  }
  set height(v: number) {
    this.send(v, () => {
      if (!(v > 0)) throw new ChartError("InvalidArgument", `height ${v}`);
      this.chart().height = v;
    });
  }
  get height(): number {
    return this.notLoaded("height");
  }
  setPosition(startCell: FakeRange, endCell?: FakeRange): void {
    if (endCell !== undefined) throw new ChartError("NotImplemented", "fake Excel: setPosition with an end cell");
    this.send([0], () => {
      const r = startCell.rect();
      if (startCell.worksheet.target() !== this.sheet()) throw new ChartError("InvalidArgument", "setPosition on another sheet");
      this.chart().position = rangeA1({ ...r, rows: 1, cols: 1 });
    });
  }
}

/** A child object with write-only properties, each set queued. */
function child<T extends Record<string, unknown>>(ctx: FakeRequestContext, cls: string, setters: Record<string, (v: unknown) => void>): T {
  const node = new (class extends Node {
    queue(key: string, v: unknown): void {
      this.send(v, () => setters[key]!(v));
    }
  })(ctx);
  const obj = {} as Record<string, unknown>;
  for (const key of Object.keys(setters)) {
    Object.defineProperty(obj, key, {
      set: (v: unknown) => node.queue(key, v),
      get: () => {
        throw new ChartError("PropertyNotLoaded", `${cls}.${key}`);
      },
      enumerable: true,
    });
  }
  return strict(obj, cls) as T;
}

/** Fake value or category axis. */
class FakeAxis extends Node {
  readonly proxy: FakeAxis;
  readonly title: { text: string };
  constructor(
    ctx: FakeRequestContext,
    private readonly chart: () => FakeChartRecord,
    private readonly which: "value" | "category",
  ) {
    super(ctx);
    this.title = child(ctx, "ChartAxisTitle", {
      text: (v) => {
        if (typeof v !== "string") throw new ChartError("InvalidArgument", "axis title");
        (which === "value" ? chart().valueAxis : chart().categoryAxis).title = v;
      },
    });
    this.proxy = strict(this, "ChartAxis");
  }
  private valueOnly(prop: string): FakeChartRecord["valueAxis"] {
    if (this.which !== "value") throw new ChartError("NotImplemented", `fake Excel: categoryAxis.${prop}`);
    return this.chart().valueAxis;
  }
  set minimum(v: number) {
    this.send(v, () => void (this.valueOnly("minimum").minimum = v));
  }
  get minimum(): number {
    return this.notLoaded("minimum");
  }
  set maximum(v: number) {
    this.send(v, () => void (this.valueOnly("maximum").maximum = v));
  }
  get maximum(): number {
    return this.notLoaded("maximum");
  }
  set numberFormat(v: string) {
    this.send(v, () => void (this.valueOnly("numberFormat").numberFormat = v));
  }
  get numberFormat(): string {
    return this.notLoaded("numberFormat");
  }
}

/** Fake `chart.series`. */
class FakeSeriesCollection extends Node {
  readonly proxy: FakeSeriesCollection;
  constructor(
    ctx: FakeRequestContext,
    private readonly chart: () => FakeChartRecord,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
    this.proxy = strict(this, "ChartSeriesCollection");
  }
  getItemAt(index: number): FakeSeries {
    this.ctx.path([index]);
    return new FakeSeries(
      this.ctx,
      () => {
        const s = this.chart().series[index];
        if (s === undefined) throw new ChartError("ItemNotFound", `series ${index}`);
        return s;
      },
      this.sheet,
    ).proxy;
  }
  add(name?: string): FakeSeries {
    let added: FakeChartSeriesRecord | null = null;
    this.send([name], () => {
      added = newSeries(name ?? `Series${this.chart().series.length + 1}`, null);
      this.chart().series.push(added);
    });
    return new FakeSeries(
      this.ctx,
      () => {
        if (added === null) throw new ChartError("InvalidObjectPath", "series not added yet");
        return added;
      },
      this.sheet,
    ).proxy;
  }
}

/** Fake `Excel.ChartSeries`. */
class FakeSeries extends Node {
  readonly proxy: FakeSeries;
  readonly format: { fill: { setSolidColor: (c: string) => void }; line: { color: string } };
  readonly dataLabels: { numberFormat: string };
  constructor(
    ctx: FakeRequestContext,
    private readonly series: () => FakeChartSeriesRecord,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
    const fillNode = new (class extends Node {
      setSolidColor(c: string): void {
        this.send(c, () => {
          if (!isColor(c)) throw new ChartError("InvalidArgument", `colour ${String(c)}`);
          series().fill = c;
        });
      }
    })(ctx);
    this.format = strict(
      {
        fill: strict({ setSolidColor: (c: string) => fillNode.setSolidColor(c) }, "ChartFill"),
        line: child<{ color: string }>(ctx, "ChartLineFormat", {
          color: (v) => {
            if (!isColor(v)) throw new ChartError("InvalidArgument", `line colour ${String(v)}`);
            series().line = v;
          },
        }),
      },
      "ChartSeriesFormat",
    );
    this.dataLabels = child(ctx, "ChartDataLabels", {
      numberFormat: (v) => void (series().labelFormat = String(v)),
    });
    this.proxy = strict(this, "ChartSeries");
  }
  set name(v: string) {
    this.send(v, () => void (this.series().name = v));
  }
  get name(): string {
    return this.notLoaded("name");
  }
  setValues(range: FakeRange): void {
    this.send([0], () => void (this.series().values = addressOn(range, this.sheet())));
  }
  setXAxisValues(range: FakeRange): void {
    this.send([0], () => void (this.series().xValues = addressOn(range, this.sheet())));
  }
  set chartType(v: string) {
    this.send(v, () => {
      if (!TYPES.has(v)) throw new ChartError("NotImplemented", `fake Excel: series chart type ${v}`);
      this.series().chartType = v;
    });
  }
  get chartType(): string {
    return this.notLoaded("chartType");
  }
  set overlap(v: number) {
    this.send(v, () => {
      if (!(v >= -100 && v <= 100)) throw new ChartError("InvalidArgument", `overlap ${v}`);
      this.series().overlap = v;
    });
  }
  get overlap(): number {
    return this.notLoaded("overlap");
  }
  set gapWidth(v: number) {
    this.send(v, () => {
      if (!(v >= 0 && v <= 500)) throw new ChartError("InvalidArgument", `gapWidth ${v}`);
      this.series().gapWidth = v;
    });
  }
  get gapWidth(): number {
    return this.notLoaded("gapWidth");
  }
  set hasDataLabels(v: boolean) {
    this.send(v, () => void (this.series().hasDataLabels = v));
  }
  get hasDataLabels(): boolean {
    return this.notLoaded("hasDataLabels");
  }
}

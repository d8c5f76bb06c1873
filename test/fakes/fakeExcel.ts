/**
 * A strict in-memory stand-in for the part of the Excel JavaScript API the add-in uses, for tests
 * (Node and the browser end-to-end test). It behaves like Excel where it matters to us:
 * - every change is queued and applied only at `context.sync()`, in order; a failing operation rejects
 *   the sync (earlier operations of the batch stay applied, as in Excel);
 * - reading a property that was not loaded and synced throws;
 * - a 2-D array whose shape differs from the range's throws at sync;
 * - a string written to `values` is read like typed input unless the cell's number format is "@"
 *   (text): `=…`, `+…`, `-…`, `@…` become formulas, numeric text becomes a number, TRUE/FALSE booleans,
 *   ISO dates date serials; `null` in a values array leaves that cell unchanged;
 * - every sync measures its request and its response as Office JS would send them: UTF-8 bytes of the JSON
 *   (one action per call or property set, with its arguments; one object path per proxy: range, format,
 *   font, …; the loaded values of each `load`). A request or response over 5 MB fails the sync, as in Excel
 *   on the web (RequestPayloadSizeLimitExceeded, ResponsePayloadSizeLimitExceeded);
 * - Excel's specification limits: a row height above 409 points, cell text longer than 32 767 characters,
 *   a column wider than 255 characters fail the sync (InvalidArgument);
 * - syncs are counted, and every request's and response's size is kept (`requests`, `responses`);
 * - charts (`worksheet.charts.add` and the chart members the add-in sets) are modelled in fakeExcelCharts.ts and
 *   recorded on the sheet (`FakeSheet.charts`).
 * No DOM or Node API: the same file is bundled into the browser test.
 */
import type { CellRange } from "../../shared/workbook/port.ts";
import { parseA1, rangeA1 } from "../../addin/a1.ts";
import { FakeChartCollection, type FakeChartRecord } from "./fakeExcelCharts.ts";

/** Formatting of one fake cell. */
export interface FakeStyle {
  fontName?: string;
  fontSize?: number;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  fill?: string;
  hAlign?: string;
  vAlign?: string;
  wrap?: boolean;
  /** Edges with a continuous border: "EdgeTop", "EdgeLeft", … (inside edges resolved to the cells' edges). */
  borders?: string[];
}

/** One stored cell. `formula` is set when a string was taken as a formula. */
export interface FakeCell {
  value: string | number | boolean;
  formula: string | null;
  numberFormat: string;
  style: FakeStyle;
}

let sheetIds = 0;

/** One sheet of the fake workbook. */
export class FakeSheet {
  cells = new Map<string, FakeCell>();
  merges: CellRange[] = [];
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  frozenRows = 0;
  frozenCols = 0;
  /** Data validations set through `range.dataValidation` (ExcelApi 1.8), in the order set. */
  validations: { range: CellRange; rule: unknown; errorAlert: unknown; prompt: unknown }[] = [];
  pageLayout: { orientation: string; paperSize: string; zoom: Record<string, number> | null; printTitleRows?: string } = {
    orientation: "Portrait",
    paperSize: "Letter",
    zoom: null,
  };
  tabColor = "";
  notes = new Map<string, string>();
  /** Charts drawn on the sheet (see fakeExcelCharts.ts); a test may add a person's own chart here. */
  charts: FakeChartRecord[] = [];
  /** Manual horizontal page breaks: the 0-based rows that start a new page. */
  rowBreaks: number[] = [];
  /** The worksheet's id, as `Excel.Worksheet.id` (unique in the workbook). */
  readonly id = `{fake-sheet-${++sheetIds}}`;
  constructor(public name: string) {}

  /** The cell at 0-based (row, col), created when `create`. */
  cell(row: number, col: number, create: true): FakeCell;
  cell(row: number, col: number, create?: false): FakeCell | undefined;
  cell(row: number, col: number, create = false): FakeCell | undefined {
    const key = `${row},${col}`;
    let c = this.cells.get(key);
    if (c === undefined && create) {
      c = { value: "", formula: null, numberFormat: "General", style: {} };
      this.cells.set(key, c);
    }
    return c;
  }

  /** Used rectangle (values only when `valuesOnly`; inside `within` when given), or null when none. */
  usedRange(valuesOnly: boolean, within?: CellRange): CellRange | null {
    let minR = Infinity,
      minC = Infinity,
      maxR = -1,
      maxC = -1;
    for (const [key, c] of this.cells) {
      if (valuesOnly && c.value === "" && c.formula === null) continue;
      const [r, col] = key.split(",").map(Number) as [number, number];
      if (within !== undefined && !(r >= within.row && r < within.row + within.rows && col >= within.col && col < within.col + within.cols))
        continue;
      minR = Math.min(minR, r);
      minC = Math.min(minC, col);
      maxR = Math.max(maxR, r);
      maxC = Math.max(maxC, col);
    }
    if (maxR < 0) return null;
    return { row: minR, col: minC, rows: maxR - minR + 1, cols: maxC - minC + 1 };
  }

  /** Values of the sheet from A1 to the end of its used range ("" for empty), as Excel returns them. */
  grid(): (string | number | boolean)[][] {
    const used = this.usedRange(true);
    if (used === null) return [];
    const out: (string | number | boolean)[][] = [];
    for (let r = 0; r < used.row + used.rows; r++) {
      const row: (string | number | boolean)[] = [];
      for (let c = 0; c < used.col + used.cols; c++) row.push(this.cell(r, c)?.value ?? "");
      out.push(row);
    }
    return out;
  }
}

/** The whole fake workbook: its sheets in order, the selection, and counters for tests. */
export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  selection: { sheet: string; address: string } | null = null;
  activeSheet: string | null = null;
  syncCount = 0;
  /** Size of every sync's request and response, in order (UTF-8 bytes of the JSON). */
  requests: number[] = [];
  responses: number[] = [];
  suspendCalls = 0;
  constructor(public options: FakeLimits = {}) {}

  /** Largest request seen (bytes). */
  get largestRequest(): number {
    return Math.max(0, ...this.requests);
  }
  /** Largest response seen (bytes). */
  get largestResponse(): number {
    return Math.max(0, ...this.responses);
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Adds a sheet with the given values (row-major, from A1), for test setup (no sync counted). */
  addSheet(name: string, values: (string | number | boolean | null)[][] = []): FakeSheet {
    const s = new FakeSheet(name);
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== "") s.cell(r, c, true).value = v;
      }),
    );
    this.sheets.push(s);
    return s;
  }

  /** A new request context over this workbook (what `Excel.run` passes to its callback). */
  context(): FakeRequestContext {
    return new FakeRequestContext(this);
  }

  /** `Excel.run` over this workbook. */
  run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T> {
    return batch(this.context());
  }
}

/** Payload limits of one sync (bytes); Excel on the web's 5 MB by default. */
export interface FakeLimits {
  maxRequestBytes?: number;
  maxResponseBytes?: number;
  /**
   * Reads a workbook file for `insertWorksheetsFromBase64` (the fake has no .xlsx reader of its own: tests hand
   * one in): its sheets in order, with their values from A1. Throws on a file that is not a workbook.
   */
  decodeWorkbook?: (base64: string) => { name: string; values: (string | number | boolean | null)[][] }[];
}

/** Excel on the web: "a payload size limit for requests and responses of 5MB". */
export const EXCEL_WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Excel's specification limits. */
const MAX_ROW_HEIGHT = 409;
const MAX_CELL_CHARS = 32_767;
const MAX_COLUMN_WIDTH_POINTS = (255 * 7 + 5) * 0.75;
const MAX_COLS = 16_384;

/** Bytes of one action (`{"Id":…,"ActionType":…,"Name":"…","ObjectPathId":…,"ArgumentInfo":{…}}`) besides its arguments. */
const ACTION_BYTES = 80;
/** Bytes of one object path (`"12":{"Id":12,"ObjectPathType":3,"Name":"…","ParentObjectPathId":…}`) besides its arguments. */
const PATH_BYTES = 90;
/** Bytes of a request's or response's envelope. */
const ENVELOPE_BYTES = 120;

/**
 * UTF-8 bytes of a string (what crosses the wire), without TextEncoder.
 *
 * @example
 * utf8Bytes("Sở"); // 4
 */
export function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n += 2; // a surrogate pair: 4 bytes for 2 UTF-16 units
      i++;
    } else if (c >= 0x800) n += 2;
    else if (c >= 0x80) n += 1;
  }
  return n;
}

/** Bytes of a value as JSON. */
function jsonBytes(v: unknown): number {
  return v === undefined ? 0 : utf8Bytes(JSON.stringify(v));
}

/** Request bytes of one action with these arguments (measured at sync, so the add-in's own time excludes it). */
function act(args?: unknown): () => number {
  return () => ACTION_BYTES + jsonBytes(args);
}

interface QueuedOp {
  payload: () => number;
  run: () => void;
}

class FakeError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** The fake `Excel.RequestContext`. */
export class FakeRequestContext {
  readonly workbook: FakeWorkbookProxy;
  readonly application: { suspendApiCalculationUntilNextSync: () => void };
  /** @internal */ queue: QueuedOp[] = [];
  /** Object paths created since the last sync, with their arguments. */
  private paths: unknown[] = [];
  /** Bytes of the response being built by the running sync. */
  private responseBytes = 0;
  constructor(readonly book: FakeWorkbook) {
    this.workbook = new FakeWorkbookProxy(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () => this.enqueue(act(), () => void book.suspendCalls++),
    };
  }

  /** @internal An action of `payload` request bytes, run at sync. */
  enqueue(payload: () => number, run: () => void): void {
    this.queue.push({ payload, run });
  }

  /** @internal A new object path (a proxy the request refers to), with its arguments. */
  path(args?: unknown): void {
    this.paths.push(args);
  }

  /** @internal Bytes an action adds to the response (loaded values, null-object flags). */
  respond(bytes: number): void {
    this.responseBytes += bytes;
  }

  /**
   * Applies every queued operation in order; rejects on the first failure, on a request over the limit (nothing
   * applied) and on a response over the limit (the changes stay applied, nothing loaded is delivered).
   */
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    let request = ENVELOPE_BYTES;
    for (const args of this.paths) request += PATH_BYTES + jsonBytes(args);
    for (const op of ops) request += op.payload();
    this.paths = [];
    this.book.syncCount++;
    this.book.requests.push(request);
    const limits = this.book.options;
    const maxRequest = limits.maxRequestBytes ?? EXCEL_WEB_PAYLOAD_LIMIT;
    if (request > maxRequest) {
      this.book.responses.push(0);
      throw new FakeError("RequestPayloadSizeLimitExceeded", `request of ${request} bytes > ${maxRequest}`);
    }
    await Promise.resolve();
    this.responseBytes = ENVELOPE_BYTES;
    try {
      for (const op of ops) op.run();
    } finally {
      this.book.responses.push(this.responseBytes);
    }
    const maxResponse = limits.maxResponseBytes ?? EXCEL_WEB_PAYLOAD_LIMIT;
    if (this.responseBytes > maxResponse) {
      for (const proxy of this.loading) proxy.forget();
      throw new FakeError("ResponsePayloadSizeLimitExceeded", `response of ${this.responseBytes} bytes > ${maxResponse}`);
    }
    this.loading = [];
  }

  /** @internal Proxies loaded in the running sync: their values are withheld when the response fails. */
  loading: Loadable[] = [];

  trackedObjects = { add: () => undefined, remove: () => undefined };
}

function loadList(props: string | string[] | undefined): string[] {
  if (props === undefined) return [];
  const list = Array.isArray(props) ? props : props.split(",");
  return list.map((p) => p.trim()).filter((p) => p !== "");
}

/** Base of proxies: loaded property values, readable only after load + sync. */
class Loadable {
  protected loadedValues = new Map<string, unknown>();
  /** @internal */
  forget(): void {
    this.loadedValues.clear();
  }
  protected read<T>(prop: string): T {
    if (!this.loadedValues.has(prop)) {
      throw new FakeError("PropertyNotLoaded", `The property '${prop}' is not available. Call load() and sync() first.`);
    }
    return this.loadedValues.get(prop) as T;
  }
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;
  constructor(private ctx: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    ctx.path("Worksheets");
  }
  getSelectedRange(): never {
    throw new FakeError("NotImplemented", "getSelectedRange");
  }
  /**
   * `Workbook.insertWorksheetsFromBase64` (ExcelApi 1.13) with its default options: every sheet of the file is
   * inserted at the end; a name already taken (any case) gets " (2)", " (3)" … as Excel does. Its result (the new
   * sheets' ids) is readable after sync. The base64 text counts in the request's size.
   */
  insertWorksheetsFromBase64(base64: string, options?: { positionType?: string }): { value: string[] } {
    if (options?.positionType !== undefined && options.positionType !== "End") throw new FakeError("NotImplemented", "positionType");
    const book = this.ctx.book;
    let ids: string[] | null = null;
    this.ctx.enqueue(
      () => ACTION_BYTES + base64.length,
      () => {
        const decode = book.options.decodeWorkbook;
        if (decode === undefined) throw new FakeError("NotImplemented", "no decodeWorkbook given to the fake");
        let sheets: ReturnType<typeof decode>;
        try {
          sheets = decode(base64);
        } catch {
          throw new FakeError("InvalidArgument", "the file is not a workbook");
        }
        ids = sheets.map(({ name, values }) => {
          let finalName = name;
          for (let n = 2; book.sheets.some((s) => s.name.toLowerCase() === finalName.toLowerCase()); n++) finalName = `${name} (${n})`;
          return book.addSheet(finalName, values).id;
        });
        this.ctx.respond(jsonBytes(ids));
      },
    );
    return {
      get value(): string[] {
        if (ids === null) throw new FakeError("PropertyNotLoaded", "insertWorksheetsFromBase64: call sync() first");
        return ids;
      },
    };
  }
}

class FakeWorksheetCollection extends Loadable {
  constructor(private ctx: FakeRequestContext) {
    super();
  }
  get items(): FakeWorksheet[] {
    return this.read<FakeWorksheet[]>("items");
  }
  load(props?: string | string[]): this {
    const wanted = loadList(props);
    this.ctx.enqueue(act(wanted), () => {
      const items = this.ctx.book.sheets.map((s) => {
        const w = new FakeWorksheet(this.ctx, () => s);
        w.snapshot(wanted.map((p) => p.replace(/^items\//, "")));
        this.ctx.respond(jsonBytes(w.toJSON()));
        return w;
      });
      this.loadedValues.set("items", items);
      this.ctx.loading.push(this);
    });
    return this;
  }
  /** A sheet by name or by id, as Excel's `getItem(key)`. */
  getItem(name: string): FakeWorksheet {
    this.ctx.path([name]);
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.book.sheet(name) ?? this.ctx.book.sheets.find((o) => o.id === name);
      if (s === undefined) throw new FakeError("ItemNotFound", `worksheet "${name}"`);
      return s;
    });
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this.ctx, () => this.ctx.book.sheet(name) ?? null);
    this.ctx.path([name]);
    // isNullObject is known after sync without load()
    this.ctx.enqueue(act(), () => {
      sheet.snapshot([]);
      this.ctx.respond(30);
    });
    return sheet;
  }
  getActiveWorksheet(): FakeWorksheet {
    this.ctx.path();
    return new FakeWorksheet(this.ctx, () => {
      const book = this.ctx.book;
      const s = (book.activeSheet !== null ? book.sheet(book.activeSheet) : undefined) ?? book.sheets[0];
      if (s === undefined) throw new FakeError("ItemNotFound", "no sheet");
      return s;
    });
  }
  add(name?: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    const book = this.ctx.book;
    this.ctx.path([name]);
    this.ctx.enqueue(act([name]), () => {
      const finalName = name ?? `Sheet${book.sheets.length + 1}`;
      if (book.sheets.some((s) => s.name.toLowerCase() === finalName.toLowerCase())) {
        throw new FakeError("ItemAlreadyExists", `worksheet "${finalName}"`);
      }
      if (finalName.length > 31 || /[\\/?*[\]:]/.test(finalName)) throw new FakeError("InvalidArgument", `name "${finalName}"`);
      created = new FakeSheet(finalName);
      book.sheets.push(created);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (created === null) throw new FakeError("InvalidObjectPath", "sheet not added yet");
      return created;
    });
  }
}

/** Fake `Excel.Worksheet`; its target sheet is resolved at sync time (it may be added in the same batch). */
export class FakeWorksheet extends Loadable {
  readonly freezePanes: {
    freezeRows: (n: number) => void;
    freezeColumns: (n: number) => void;
    freezeAt: (r: FakeRange | string) => void;
    unfreeze: () => void;
  };
  readonly pageLayout: {
    orientation: string;
    paperSize: string;
    zoom: Record<string, number>;
    setPrintTitleRows: (rows: FakeRange | string) => void;
  };
  readonly notes: { add: (cell: FakeRange | string, content: string) => void };
  readonly charts: FakeChartCollection;
  /** ExcelApi 1.9: `add(range)` puts a manual page break above the range ("the range immediately after"). */
  readonly horizontalPageBreaks: { add: (range: FakeRange | string) => void };
  private resolved: FakeSheet | null | undefined = undefined;
  constructor(
    private ctx: FakeRequestContext,
    private resolver: () => FakeSheet | null,
  ) {
    super();
    const target = () => this.target();
    this.charts = new FakeChartCollection(ctx, this);
    this.freezePanes = {
      freezeRows: (n) =>
        ctx.enqueue(act([n]), () => {
          const s = target();
          s.frozenRows = n;
          s.frozenCols = 0;
        }),
      freezeColumns: (n) =>
        ctx.enqueue(act([n]), () => {
          const s = target();
          s.frozenCols = n;
          s.frozenRows = 0;
        }),
      freezeAt: (r) =>
        ctx.enqueue(act([typeof r === "string" ? r : 0]), () => {
          const rect = typeof r === "string" ? parseA1(r) : r.rect();
          const s = target();
          s.frozenRows = rect.row + rect.rows;
          s.frozenCols = rect.col + rect.cols;
        }),
      unfreeze: () =>
        ctx.enqueue(act(), () => {
          const s = target();
          s.frozenRows = 0;
          s.frozenCols = 0;
        }),
    };
    const layout = { orientation: "", paperSize: "", zoom: {} as Record<string, number> };
    let layoutPath = false;
    const onLayout = (args: unknown, run: () => void) => {
      if (!layoutPath) ctx.path();
      layoutPath = true;
      ctx.enqueue(act(args), run);
    };
    this.pageLayout = {
      set orientation(v: string) {
        if (v !== "Portrait" && v !== "Landscape") throw new FakeError("InvalidArgument", `orientation ${v}`);
        onLayout(v, () => void (target().pageLayout.orientation = v));
      },
      get orientation() {
        return layout.orientation;
      },
      set paperSize(v: string) {
        onLayout(v, () => void (target().pageLayout.paperSize = v));
      },
      get paperSize() {
        return layout.paperSize;
      },
      set zoom(v: Record<string, number>) {
        onLayout(v, () => void (target().pageLayout.zoom = { ...v }));
      },
      get zoom() {
        return layout.zoom;
      },
      // ExcelApi 1.9: "The range must span the entire row to be valid" ("$4:$6", or a range of whole rows)
      setPrintTitleRows(rows: FakeRange | string) {
        onLayout(typeof rows === "string" ? [rows] : [0], () => {
          const m = typeof rows === "string" ? /^\$?(\d+):\$?(\d+)$/.exec(rows) : null;
          const rect =
            typeof rows === "string"
              ? m
                ? { row: Number(m[1]) - 1, col: 0, rows: Number(m[2]) - Number(m[1]) + 1, cols: MAX_COLS }
                : null
              : rows.rect();
          if (rect === null || rect.col !== 0 || rect.cols !== MAX_COLS || rect.rows < 1 || rect.row < 0) {
            throw new FakeError(
              "InvalidArgument",
              `print title rows must be whole rows: ${typeof rows === "string" ? rows : rangeA1(rows.rect())}`,
            );
          }
          target().pageLayout.printTitleRows = `$${rect.row + 1}:$${rect.row + rect.rows}`;
        });
      },
    };
    this.horizontalPageBreaks = {
      add: (range) =>
        ctx.enqueue(act([typeof range === "string" ? range : 0]), () => {
          const rect = typeof range === "string" ? parseA1(range) : range.rect();
          const s = target();
          if (rect.row < 1) throw new FakeError("InvalidArgument", "page break above row 1");
          if (s.rowBreaks.length >= 1026) throw new FakeError("InvalidOperation", "more than 1026 page breaks");
          if (!s.rowBreaks.includes(rect.row)) s.rowBreaks.push(rect.row);
        }),
    };
    this.notes = {
      add: (cell, content) =>
        ctx.enqueue(act([typeof cell === "string" ? cell : 0, content]), () => {
          const rect = typeof cell === "string" ? parseA1(cell) : cell.rect();
          if (rect.rows !== 1 || rect.cols !== 1) throw new FakeError("InvalidCellAddress", "note on a range");
          target().notes.set(rangeA1(rect), content);
        }),
    };
  }

  /** @internal The sheet, resolved once at sync time. */
  target(): FakeSheet {
    const s = this.resolveOrNull();
    if (s === null) throw new FakeError("InvalidObjectPath", "null worksheet");
    return s;
  }
  /** @internal */
  resolveOrNull(): FakeSheet | null {
    if (this.resolved === undefined) this.resolved = this.resolver();
    return this.resolved;
  }

  /** @internal */
  snapshot(props: string[]): void {
    const s = this.resolveOrNull();
    this.loadedValues.set("isNullObject", s === null);
    if (s === null) return;
    for (const p of props) {
      if (p === "name") this.loadedValues.set("name", s.name);
      else if (p === "position") this.loadedValues.set("position", this.ctx.book.sheets.indexOf(s));
      else if (p === "tabColor") this.loadedValues.set("tabColor", s.tabColor);
      else if (p !== "isNullObject") throw new FakeError("InvalidArgument", `fake cannot load worksheet.${p}`);
    }
  }

  load(props?: string | string[]): this {
    const wanted = loadList(props);
    this.ctx.enqueue(act(wanted), () => {
      this.snapshot(wanted);
      this.ctx.respond(jsonBytes(this.toJSON()));
      this.ctx.loading.push(this);
    });
    return this;
  }

  /** The loaded properties, as Office JS's `toJSON` gives them (and as the response carries them). */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loadedValues);
  }

  get isNullObject(): boolean {
    return this.read<boolean>("isNullObject");
  }
  get name(): string {
    return this.read<string>("name");
  }
  set name(v: string) {
    this.ctx.enqueue(act(v), () => {
      const s = this.target();
      if (this.ctx.book.sheets.some((o) => o !== s && o.name.toLowerCase() === v.toLowerCase())) {
        throw new FakeError("ItemAlreadyExists", `worksheet "${v}"`);
      }
      s.name = v;
    });
  }
  get position(): number {
    return this.read<number>("position");
  }
  set position(v: number) {
    this.ctx.enqueue(act(v), () => {
      const s = this.target();
      const list = this.ctx.book.sheets;
      if (v < 0 || v >= list.length) throw new FakeError("InvalidArgument", `position ${v}`);
      list.splice(list.indexOf(s), 1);
      list.splice(v, 0, s);
    });
  }
  get tabColor(): string {
    return this.read<string>("tabColor");
  }
  set tabColor(v: string) {
    this.ctx.enqueue(act(v), () => void (this.target().tabColor = v));
  }
  delete(): void {
    this.ctx.enqueue(act(), () => {
      const s = this.target();
      const list = this.ctx.book.sheets;
      if (list.length <= 1) throw new FakeError("InvalidOperation", "cannot delete the only sheet");
      list.splice(list.indexOf(s), 1);
      if (this.ctx.book.activeSheet === s.name) this.ctx.book.activeSheet = null;
    });
  }
  activate(): void {
    this.ctx.enqueue(act(), () => void (this.ctx.book.activeSheet = this.target().name));
  }
  getRange(address: string): FakeRange {
    const rect = parseA1(address);
    this.ctx.path([address]);
    return new FakeRange(this.ctx, this, () => rect);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    if (rows < 1 || cols < 1 || row < 0 || col < 0) throw new FakeError("InvalidArgument", "getRangeByIndexes");
    this.ctx.path([row, col, rows, cols]);
    return new FakeRange(this.ctx, this, () => ({ row, col, rows, cols }));
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const range = new FakeRange(this.ctx, this, () => this.resolveOrNull()?.usedRange(valuesOnly) ?? null);
    this.ctx.path([valuesOnly]);
    // isNullObject is known after sync without load()
    this.ctx.enqueue(act(), () => {
      range.markNull();
      this.ctx.respond(30);
    });
    return range;
  }
}

type Matrix = unknown[][];

function checkShape(name: string, rect: CellRange, m: Matrix): void {
  if (!Array.isArray(m) || m.length !== rect.rows || m.some((row) => !Array.isArray(row) || row.length !== rect.cols)) {
    const got = Array.isArray(m) ? `${m.length}×${Array.isArray(m[0]) ? m[0].length : "?"}` : typeof m;
    throw new FakeError("InvalidArgument", `${name}: shape ${got} does not match ${rect.rows}×${rect.cols} (${rangeA1(rect)})`);
  }
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** What Excel stores when a string is written to `values` in a cell with number format `fmt`. */
function typedInput(s: string, cell: FakeCell): void {
  cell.formula = null;
  if (cell.numberFormat === "@") {
    cell.value = s;
    return;
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim())) {
    cell.value = Number(s.trim());
  } else if (/^(true|false)$/i.test(s.trim())) {
    cell.value = s.trim().toLowerCase() === "true";
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(s.trim())) {
    cell.value = Math.round((Date.parse(s.trim()) - EXCEL_EPOCH) / 86_400_000);
    if (cell.numberFormat === "General") cell.numberFormat = "yyyy-mm-dd";
  } else if (/^[=+\-@]/.test(s) && s.length > 1) {
    cell.formula = s.startsWith("=") ? s : `=${s}`;
    cell.value = "#NAME?";
  } else {
    cell.value = s;
  }
}

/** Fake `Excel.Range`; its rectangle is resolved at sync time. */
export class FakeRange extends Loadable {
  readonly format: FakeRangeFormat;
  private resolved: CellRange | null | undefined = undefined;
  constructor(
    private ctx: FakeRequestContext,
    readonly worksheet: FakeWorksheet,
    private resolver: () => CellRange | null,
  ) {
    super();
    this.format = new FakeRangeFormat(ctx, this);
  }

  /** @internal */
  rect(): CellRange {
    const r = this.rectOrNull();
    if (r === null) throw new FakeError("InvalidObjectPath", "null range");
    return r;
  }
  private rectOrNull(): CellRange | null {
    if (this.resolved === undefined) this.resolved = this.resolver();
    return this.resolved;
  }
  /** @internal */
  eachCell(fn: (cell: FakeCell, r: number, c: number) => void): void {
    const rect = this.rect();
    const sheet = this.worksheet.target();
    for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) fn(sheet.cell(rect.row + r, rect.col + c, true), r, c);
  }

  /** @internal */
  markNull(): void {
    this.loadedValues.set("isNullObject", this.rectOrNull() === null);
  }

  /** Used range inside this range (ExcelApi 1.4). */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const range = new FakeRange(this.ctx, this.worksheet, () => this.worksheet.resolveOrNull()?.usedRange(valuesOnly, this.rect()) ?? null);
    this.ctx.path([valuesOnly]);
    this.ctx.enqueue(act(), () => {
      range.markNull();
      this.ctx.respond(30);
    });
    return range;
  }

  load(props?: string | string[]): this {
    const wanted = loadList(props);
    this.ctx.enqueue(act(wanted), () => {
      this.ctx.loading.push(this);
      try {
        this.loadNow(wanted);
      } finally {
        this.ctx.respond(30 + jsonBytes(Object.fromEntries(this.loadedValues)));
      }
    });
    return this;
  }

  private loadNow(wanted: string[]): void {
    {
      const rect = this.rectOrNull();
      this.loadedValues.set("isNullObject", rect === null);
      if (rect === null) return;
      const sheet = this.worksheet.target();
      const matrix = (f: (c: FakeCell | undefined) => unknown): unknown[][] =>
        Array.from({ length: rect.rows }, (_, r) => Array.from({ length: rect.cols }, (_, c) => f(sheet.cell(rect.row + r, rect.col + c))));
      for (const p of wanted) {
        if (p === "values")
          this.loadedValues.set(
            p,
            matrix((c) => c?.value ?? ""),
          );
        else if (p === "formulas")
          this.loadedValues.set(
            p,
            matrix((c) => c?.formula ?? c?.value ?? ""),
          );
        else if (p === "numberFormat")
          this.loadedValues.set(
            p,
            matrix((c) => c?.numberFormat ?? "General"),
          );
        else if (p === "text")
          this.loadedValues.set(
            p,
            matrix((c) => String(c?.value ?? "")),
          );
        else if (p === "address") {
          const quoted = /^[A-Za-z0-9_]+$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
          this.loadedValues.set(p, `${quoted}!${rangeA1(rect)}`);
        } else if (p === "rowCount") this.loadedValues.set(p, rect.rows);
        else if (p === "columnCount") this.loadedValues.set(p, rect.cols);
        else if (p === "rowIndex") this.loadedValues.set(p, rect.row);
        else if (p === "columnIndex") this.loadedValues.set(p, rect.col);
        else if (p !== "isNullObject") throw new FakeError("InvalidArgument", `fake cannot load range.${p}`);
      }
    }
  }

  get isNullObject(): boolean {
    return this.read<boolean>("isNullObject");
  }
  get address(): string {
    return this.read<string>("address");
  }
  get values(): unknown[][] {
    return this.read<unknown[][]>("values");
  }
  set values(m: unknown[][]) {
    this.ctx.enqueue(act(m), () => {
      checkShape("values", this.rect(), m);
      this.eachCell((cell, r, c) => {
        const v = m[r]?.[c];
        if (v === null || v === undefined) return; // null leaves the cell unchanged, as in Excel
        if (typeof v === "string" && v.length > MAX_CELL_CHARS) {
          throw new FakeError(
            "InvalidArgument",
            `cell text of ${v.length} characters > ${MAX_CELL_CHARS} at ${rangeA1({ ...this.rect(), rows: 1, cols: 1 })}+(${r},${c})`,
          );
        }
        if (typeof v === "string") typedInput(v, cell);
        else if (typeof v === "number" || typeof v === "boolean") {
          if (typeof v === "number" && !Number.isFinite(v)) throw new FakeError("InvalidArgument", "non-finite number");
          cell.value = v;
          cell.formula = null;
        } else throw new FakeError("InvalidArgument", `value of type ${typeof v}`);
      });
    });
  }
  get formulas(): unknown[][] {
    return this.read<unknown[][]>("formulas");
  }
  get numberFormat(): unknown[][] {
    return this.read<unknown[][]>("numberFormat");
  }
  set numberFormat(m: unknown[][]) {
    this.ctx.enqueue(act(m), () => {
      checkShape("numberFormat", this.rect(), m);
      this.eachCell((cell, r, c) => {
        const v = m[r]?.[c];
        if (v === null || v === undefined) return;
        if (typeof v !== "string") throw new FakeError("InvalidArgument", "numberFormat must be text");
        cell.numberFormat = v;
      });
    });
  }
  /**
   * ExcelApi 1.8 `range.dataValidation`: `clear()` and the `rule`, `errorAlert` and `prompt` setters, checked as Excel
   * checks them (a decimal rule with numeric bounds and a known operator; prompt/alert message ≤ 255 characters,
   * title ≤ 32). Reading back is not modelled.
   */
  get dataValidation(): { clear: () => void; rule: unknown; errorAlert: unknown; prompt: unknown } {
    const entry = (): FakeSheet["validations"][number] => {
      const rect = this.rect();
      const list = this.worksheet.target().validations;
      let found = list.find((v) => v.range.row === rect.row && v.range.col === rect.col && v.range.rows === rect.rows && v.range.cols === rect.cols);
      if (found === undefined) list.push((found = { range: { ...rect }, rule: null, errorAlert: null, prompt: null }));
      return found;
    };
    const checkText = (v: unknown, what: string): void => {
      const o = v as { message?: unknown; title?: unknown };
      if (typeof o.message !== "string" || o.message.length > 255) throw new FakeError("InvalidArgument", `${what}.message`);
      if (typeof o.title !== "string" || o.title.length > 32) throw new FakeError("InvalidArgument", `${what}.title`);
    };
    const ctx = this.ctx;
    const self = this;
    return {
      clear: () =>
        ctx.enqueue(act(), () => {
          const rect = self.rect();
          const sheet = self.worksheet.target();
          sheet.validations = sheet.validations.filter((v) => !intersects(v.range, rect));
        }),
      set rule(v: unknown) {
        ctx.enqueue(act(v), () => {
          const d = (v as { decimal?: { formula1?: unknown; formula2?: unknown; operator?: unknown } }).decimal;
          if (d === undefined || typeof d.formula1 !== "number" || typeof d.formula2 !== "number" || d.operator !== "Between")
            throw new FakeError("InvalidArgument", `dataValidation.rule ${JSON.stringify(v)}`);
          entry().rule = v;
        });
      },
      set errorAlert(v: unknown) {
        ctx.enqueue(act(v), () => {
          checkText(v, "errorAlert");
          entry().errorAlert = v;
        });
      },
      set prompt(v: unknown) {
        ctx.enqueue(act(v), () => {
          checkText(v, "prompt");
          entry().prompt = v;
        });
      },
      get rule(): unknown {
        throw new FakeError("PropertyNotLoaded", "dataValidation.rule");
      },
      get errorAlert(): unknown {
        throw new FakeError("PropertyNotLoaded", "dataValidation.errorAlert");
      },
      get prompt(): unknown {
        throw new FakeError("PropertyNotLoaded", "dataValidation.prompt");
      },
    };
  }
  merge(across = false): void {
    this.ctx.enqueue(act([across]), () => {
      const rect = this.rect();
      const sheet = this.worksheet.target();
      if (across) throw new FakeError("NotImplemented", "merge(across)");
      if (sheet.merges.some((m) => intersects(m, rect)))
        throw new FakeError("InvalidOperation", `merge over a merged area ${rangeA1(rect)}`);
      sheet.merges.push({ ...rect });
    });
  }
  unmerge(): void {
    this.ctx.enqueue(act(), () => {
      const rect = this.rect();
      const sheet = this.worksheet.target();
      sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
    });
  }
  clear(applyTo: string = "All"): void {
    this.ctx.enqueue(act([applyTo]), () => {
      const rect = this.rect();
      const sheet = this.worksheet.target();
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          const cell = sheet.cell(r, c);
          if (cell === undefined) continue;
          if (applyTo === "All") sheet.cells.delete(`${r},${c}`);
          else if (applyTo === "Contents") {
            cell.value = "";
            cell.formula = null;
          } else if (applyTo === "Formats") {
            cell.numberFormat = "General";
            cell.style = {};
          }
        }
      }
    });
  }
  select(): void {
    this.ctx.enqueue(act(), () => {
      const sheet = this.worksheet.target();
      this.ctx.book.activeSheet = sheet.name;
      this.ctx.book.selection = { sheet: sheet.name, address: rangeA1(this.rect()) };
    });
  }
}

function intersects(a: CellRange, b: CellRange): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"];

class FakeRangeFormat {
  readonly font: Record<string, unknown>;
  readonly fill: { color: string; clear: () => void };
  readonly borders: { getItem: (edge: string) => { style: string; color: string; weight: string } };
  /** Object paths already sent for `format`, `format.font`, `format.fill` of this range. */
  private paths = new Set<string>();
  constructor(
    private ctx: FakeRequestContext,
    private range: FakeRange,
  ) {
    const styleProp = <K extends keyof FakeStyle>(key: K, check: (v: unknown) => boolean, child?: "font" | "fill") => ({
      set: (v: FakeStyle[K]) => {
        this.usePath(child);
        ctx.enqueue(act(v), () => {
          if (!check(v)) throw new FakeError("InvalidArgument", `${key} = ${String(v)}`);
          range.eachCell((cell) => void (cell.style = { ...cell.style, [key]: v }));
        });
      },
      get: () => {
        throw new FakeError("PropertyNotLoaded", `format ${key}`);
      },
    });
    const isColor = (v: unknown) => typeof v === "string" && /^#[0-9A-Fa-f]{6}$/.test(v);
    this.font = {};
    Object.defineProperties(this.font, {
      name: styleProp("fontName", (v) => typeof v === "string" && v !== "", "font"),
      size: styleProp("fontSize", (v) => typeof v === "number" && v > 0 && v < 410, "font"),
      bold: styleProp("bold", (v) => typeof v === "boolean", "font"),
      italic: styleProp("italic", (v) => typeof v === "boolean", "font"),
      color: styleProp("color", isColor, "font"),
    });
    this.fill = { clear: () => undefined } as { color: string; clear: () => void };
    Object.defineProperty(this.fill, "color", styleProp("fill", isColor, "fill"));
    Object.defineProperties(this, {
      horizontalAlignment: styleProp("hAlign", (v) =>
        ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"].includes(String(v)),
      ),
      verticalAlignment: styleProp("vAlign", (v) => ["Top", "Center", "Bottom", "Justify", "Distributed"].includes(String(v))),
      wrapText: styleProp("wrap", (v) => typeof v === "boolean"),
    });
    this.borders = {
      getItem: (edge: string) => {
        if (!EDGES.includes(edge)) throw new FakeError("InvalidArgument", `border ${edge}`);
        this.usePath("borders");
        ctx.path([edge]);
        const border = {} as { style: string; color: string; weight: string };
        Object.defineProperty(border, "style", {
          set: (v: string) =>
            ctx.enqueue(act(v), () => {
              if (!["Continuous", "None", "Dash", "DashDot", "Double", "Dot"].includes(v))
                throw new FakeError("InvalidArgument", `border style ${v}`);
              const rect = range.rect();
              range.eachCell((cell, r, c) => {
                const sides: string[] = [];
                if (edge === "EdgeTop" && r === 0) sides.push("EdgeTop");
                if (edge === "EdgeBottom" && r === rect.rows - 1) sides.push("EdgeBottom");
                if (edge === "EdgeLeft" && c === 0) sides.push("EdgeLeft");
                if (edge === "EdgeRight" && c === rect.cols - 1) sides.push("EdgeRight");
                if (edge === "InsideHorizontal") {
                  if (r > 0) sides.push("EdgeTop");
                  if (r < rect.rows - 1) sides.push("EdgeBottom");
                }
                if (edge === "InsideVertical") {
                  if (c > 0) sides.push("EdgeLeft");
                  if (c < rect.cols - 1) sides.push("EdgeRight");
                }
                const set = new Set(cell.style.borders ?? []);
                for (const s of sides)
                  if (v === "None") set.delete(s);
                  else set.add(s);
                cell.style = { ...cell.style, borders: [...set].sort() };
              });
            }),
          get: () => {
            throw new FakeError("PropertyNotLoaded", "border style");
          },
        });
        Object.defineProperty(border, "color", { set: (v: string) => ctx.enqueue(act(v), () => undefined), get: () => "" });
        Object.defineProperty(border, "weight", { set: (v: string) => ctx.enqueue(act(v), () => undefined), get: () => "" });
        return border;
      },
    };
  }
  /** Sends the object path of `format` (and of `font`, `fill` or `borders`) once per range. */
  private usePath(child?: string): void {
    for (const key of ["format", child]) {
      if (key === undefined || this.paths.has(key)) continue;
      this.paths.add(key);
      this.ctx.path();
    }
  }
  set columnWidth(points: number) {
    this.usePath();
    this.ctx.enqueue(act(points), () => {
      if (!(points >= 0 && points <= MAX_COLUMN_WIDTH_POINTS))
        throw new FakeError("InvalidArgument", `column width ${points} points > ${MAX_COLUMN_WIDTH_POINTS}`);
      const rect = this.range.rect();
      const sheet = this.range.worksheet.target();
      for (let c = rect.col; c < rect.col + rect.cols; c++) sheet.columnWidths.set(c, points);
    });
  }
  set rowHeight(points: number) {
    this.usePath();
    this.ctx.enqueue(act(points), () => {
      if (!(points >= 0 && points <= MAX_ROW_HEIGHT))
        throw new FakeError("InvalidArgument", `row height ${points} points > ${MAX_ROW_HEIGHT}`);
      const rect = this.range.rect();
      const sheet = this.range.worksheet.target();
      for (let r = rect.row; r < rect.row + rect.rows; r++) sheet.rowHeights.set(r, points);
    });
  }
}

/** A fake workbook as plain JSON (to preload the browser test's fake). */
export interface FakeBookData {
  sheets: { name: string; cells: [string, FakeCell][]; merges: CellRange[]; frozenRows: number; frozenCols: number }[];
}

/**
 * The workbook's sheets as JSON-safe data.
 *
 * @example
 * const copy = bookFromData(JSON.parse(JSON.stringify(bookToData(book))));
 */
export function bookToData(book: FakeWorkbook): FakeBookData {
  return {
    sheets: book.sheets.map((s) => ({
      name: s.name,
      cells: [...s.cells],
      merges: s.merges,
      frozenRows: s.frozenRows,
      frozenCols: s.frozenCols,
    })),
  };
}

/** A fake workbook rebuilt from `bookToData`. */
export function bookFromData(data: FakeBookData, options: FakeLimits = {}): FakeWorkbook {
  const book = new FakeWorkbook(options);
  for (const s of data.sheets) {
    const sheet = new FakeSheet(s.name);
    sheet.cells = new Map(s.cells);
    sheet.merges = s.merges;
    sheet.frozenRows = s.frozenRows;
    sheet.frozenCols = s.frozenCols;
    book.sheets.push(sheet);
  }
  return book;
}

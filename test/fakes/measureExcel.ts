/**
 * One full recalculation in the Excel add-in, measured through the strict fake (for tests and the bench):
 * the workbook is made from a document with its scores (createTemplate), then recalculated with every Biểu.
 * Reports syncs, every request's and response's size (UTF-8 bytes of JSON), and the add-in's own JavaScript
 * time: wall and CPU time spent outside `context.sync` (the core's work and the host's queueing). Node only
 * (`process.cpuUsage`).
 */
import { ExcelHost, type ExcelHostOptions } from "../../addin/excelHost.ts";
import type { InputDocument } from "../../shared/schema/inputSchema.ts";
import { createTemplate } from "../../shared/workbook/createTemplate.ts";
import type { WorkbookOutcome } from "../../shared/workbook/analyzeWorkbook.ts";
import type { SheetWrite, WorkbookPort } from "../../shared/workbook/port.ts";
import { recalculateWorkbook } from "../../shared/workbook/recalculateWorkbook.ts";
import { FakeWorkbook } from "./fakeExcel.ts";

/** What `measureExcelRecalculation` reports. */
export interface ExcelMeasure {
  book: FakeWorkbook;
  outcome: WorkbookOutcome;
  /** The plan the recalculation wrote. */
  plan: readonly SheetWrite[];
  syncs: number;
  requests: number[];
  responses: number[];
  largestRequest: number;
  largestResponse: number;
  /** The add-in's own time, outside `context.sync`, in milliseconds. */
  jsWallMs: number;
  jsCpuMs: number;
}

const FEATURES = { pageLayout: true, notes: true };

/** A fake workbook holding `doc` in the template with its scores (one empty sheet first, as Excel makes). */
export async function workbookWith(doc: InputDocument): Promise<FakeWorkbook> {
  const book = new FakeWorkbook();
  book.addSheet("Sheet1");
  const made = await createTemplate(new ExcelHost(book.context() as unknown as Excel.RequestContext, { features: FEATURES }), doc, {
    withScores: true,
  });
  if (!made.ok) throw new Error(`template: ${made.errors.map((e) => e.message).join("; ")}`);
  return book;
}

/** Recalculates `book` (or a new workbook made from `doc`) once, measured. */
export async function measureExcelRecalculation(source: InputDocument | FakeWorkbook, host: ExcelHostOptions = {}): Promise<ExcelMeasure> {
  const book = source instanceof FakeWorkbook ? source : await workbookWith(source);
  book.requests = [];
  book.responses = [];
  const context = book.context();
  const sync = context.sync.bind(context);
  let syncWall = 0;
  let syncCpu = 0;
  context.sync = async () => {
    const [wall, cpu] = [performance.now(), process.cpuUsage()];
    await sync();
    syncWall += performance.now() - wall;
    const used = process.cpuUsage(cpu);
    syncCpu += (used.user + used.system) / 1000;
  };
  let plan: readonly SheetWrite[] = [];
  const [wall, cpu] = [performance.now(), process.cpuUsage()];
  const excel = new ExcelHost(context as unknown as Excel.RequestContext, { features: FEATURES, ...host });
  const spy: WorkbookPort = {
    listSheets: () => excel.listSheets(),
    readSheets: (names, options) => excel.readSheets(names, options),
    write: (changes) => {
      plan = changes;
      return excel.write(changes);
    },
  };
  const outcome = await recalculateWorkbook(spy);
  const used = process.cpuUsage(cpu);
  return {
    book,
    outcome,
    plan,
    syncs: excel.syncs,
    requests: [...book.requests],
    responses: [...book.responses],
    largestRequest: book.largestRequest,
    largestResponse: book.largestResponse,
    jsWallMs: performance.now() - wall - syncWall,
    jsCpuMs: (used.user + used.system) / 1000 - syncCpu,
  };
}

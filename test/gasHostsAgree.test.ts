/**
 * One table for every host: the same plans (the Sơn La workbook, then a full recalculation with every Biểu)
 * written through the .xlsx host, the Excel (Office JS) host over its fake, and the Sheets host over its fake
 * must leave exactly the same cell values, sheet by sheet, in the same sheet order.
 */
import { describe, expect, it } from "vitest";
import { ExcelHost } from "../addin/excelHost.ts";
import { FakeWorkbook } from "./fakes/fakeExcel.ts";
import { SheetsHost } from "../appsscript/sheetsHost.ts";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { emptyBook } from "./xlsxBooks.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import { planInputSheets } from "../shared/workbook/planInputSheets.ts";
import type { CellValue, WorkbookPort } from "../shared/workbook/port.ts";
import { recalculateWorkbook } from "../shared/workbook/recalculateWorkbook.ts";
import { sonLaExample } from "../shared/workbook/sonLaExample.ts";
import { fakeEnvironment } from "./fakes/fakeSheets.ts";

/** Each host, on a workbook holding one empty sheet. */
const HOSTS: { name: string; make: () => WorkbookPort }[] = [
  {
    name: "xlsx",
    make: () => new XlsxHost(emptyBook("Trang tính1")),
  },
  {
    name: "Excel (Office JS fake)",
    make: () => {
      const book = new FakeWorkbook();
      book.addSheet("Trang tính1");
      return new ExcelHost(book.context() as unknown as Excel.RequestContext, { features: { notes: true, pageLayout: true } });
    },
  },
  {
    name: "Google Sheets (SpreadsheetApp fake)",
    make: () => {
      const env = fakeEnvironment();
      env.spreadsheet._addSheet("Trang tính1");
      const g = env.globals as { SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp; Utilities: GoogleAppsScript.Utilities.Utilities };
      return new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, {
        newDataValidation: () => g.SpreadsheetApp.newDataValidation(),
        formatDate: (d, tz, p) => g.Utilities.formatDate(d, tz, p),
      });
    },
  },
];

/** Every sheet's values after the template with scores and a full recalculation. */
async function run(port: WorkbookPort, input: InputDocument): Promise<{ names: string[]; grids: Record<string, CellValue[][]> }> {
  await port.write(planInputSheets(input, { withScores: true }));
  const outcome = await recalculateWorkbook(port, { reports: true });
  if (!outcome.ok) throw new Error(`recalculation failed: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
  const names = await port.listSheets();
  return { names, grids: await port.readSheets(names) };
}

const CASES: { name: string; input: () => InputDocument }[] = [
  { name: "Sơn La 2023", input: sonLaExample },
  {
    name: "names that look like formulas or numbers",
    input: () => {
      const input = sonLaExample();
      ["=SUM(A1)", "+84", "-1", "@x", "1.10", "3,5"].forEach((n, i) => (input.blocks[0]!.units[i]!.name = n));
      return input;
    },
  },
];

describe.each(CASES)("all hosts agree: $name", ({ input }) => {
  it("leaves the same values in every sheet", async () => {
    const results = [];
    for (const host of HOSTS) results.push({ host: host.name, ...(await run(host.make(), input())) });
    const [reference, ...others] = results;
    expect(reference!.names).toContain("Biểu 11a");
    for (const other of others) {
      expect(other.names, other.host).toEqual(reference!.names);
      for (const name of reference!.names) expect(other.grids[name], `${other.host}: ${name}`).toEqual(reference!.grids[name]);
    }
  });
});

/**
 * One table for every host: the same plans (the Sơn La workbook, then a full recalculation with every Biểu)
 * written through the .xlsx host, the Excel (Office JS) host over its fake, and the Sheets host over its fake
 * must leave exactly the same cell values, sheet by sheet, in the same sheet order — for Sơn La (32 units), for the
 * province as it is now (20 sở + 75 xã, phường) and for 300 units in one block. The .xlsx host is used through its
 * public surface only (`new XlsxHost(exceljs workbook)`, the port), in `HOSTS` below: the one place to adapt when
 * its internals change.
 */
import { describe, expect, it } from "vitest";
import { ExcelHost } from "../addin/excelHost.ts";
import { FakeWorkbook } from "./fakes/fakeExcel.ts";
import { SheetsHost } from "../appsscript/sheetsHost.ts";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { emptyBook } from "./xlsxBooks.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import { planInputSheets } from "../shared/workbook/planInputSheets.ts";
import type { ReadValue, WorkbookPort } from "../shared/workbook/port.ts";
import { recalculateWorkbook } from "../shared/workbook/recalculateWorkbook.ts";
import { sonLaExample } from "../shared/workbook/sonLaExample.ts";
import { fakeEnvironment, hostServices } from "./fakes/fakeSheets.ts";
import { scaledInput } from "./fixtures/scaledInput.ts";

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
    name: "Google Sheets (Sheets API fake: batchUpdate)",
    make: () => {
      const env = fakeEnvironment();
      env.spreadsheet._addSheet("Trang tính1");
      return new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, hostServices(env));
    },
  },
  {
    // A copy without the Sheets advanced service: the SpreadsheetApp writer.
    name: "Google Sheets (SpreadsheetApp fake, no Sheets API)",
    make: () => {
      const env = fakeEnvironment({}, { sheetsApi: false });
      env.spreadsheet._addSheet("Trang tính1");
      return new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, hostServices(env));
    },
  },
];

/** Every sheet's values after the template with scores and a full recalculation. */
async function run(port: WorkbookPort, input: InputDocument): Promise<{ names: string[]; grids: Record<string, ReadValue[][]> }> {
  await port.write(planInputSheets(input, { withScores: true }));
  const outcome = await recalculateWorkbook(port, { reports: true });
  if (!outcome.ok) throw new Error(`recalculation failed: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
  const names = await port.listSheets();
  return { names, grids: await port.readSheets(names) };
}

const CASES: { name: string; input: () => InputDocument }[] = [
  { name: "Sơn La 2023", input: sonLaExample },
  // The province as it is now (20 sở + 75 xã, phường) and one block of 300 units: every Biểu, every host.
  { name: "95 units (20 sở + 75 xã, phường)", input: () => scaledInput({ so: 20, xa: 75 }) },
  { name: "300 units in one block", input: () => scaledInput({ xa: 300 }) },
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
    expect(reference!.names.some((n) => /^Biểu 11/.test(n))).toBe(true);
    for (const other of others) {
      expect(other.names, other.host).toEqual(reference!.names);
      for (const name of reference!.names) expect(other.grids[name], `${other.host}: ${name}`).toEqual(reference!.grids[name]);
    }
    // About 6 s of CPU for 300 units through the three hosts; room for a busy CI machine.
  }, 120_000);
});

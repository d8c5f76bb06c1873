/**
 * The add-in's «Phiếu thông báo kết quả» through the strict Excel fake: round trips, page breaks
 * (horizontalPageBreaks, ExcelApi 1.9), the largest request, and the same cells as the .xlsx host.
 */
import { describe, expect, it } from "vitest";
import { noticesInExcel, type ExcelRun } from "../addin/actions.ts";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";
import { writeNotices } from "../shared/workbook/writeNotices.ts";
import { FakeWorkbook } from "./fakes/fakeExcel.ts";
import { workbookWith } from "./fakes/measureExcel.ts";
import { scaledInput, sonLa2023 } from "./fixtures/scaledInput.ts";
import { emptyBook } from "./xlsxBooks.ts";

const FEATURES = { pageLayout: true, notes: true };

function runOver(book: FakeWorkbook): ExcelRun {
  return (batch) => batch(book.context() as unknown as Excel.RequestContext);
}

describe("notices in Excel (fake)", () => {
  it("Sơn La: two sheets, a page break before every unit but the first, at most 3 round trips; same cells as the .xlsx host", async () => {
    const book = await workbookWith(sonLa2023());
    book.requests = [];
    const { outcome, syncs } = await noticesInExcel(runOver(book), { host: { features: FEATURES } });
    expect(outcome.ok).toBe(true);
    expect(syncs).toBeLessThanOrEqual(3);
    const so = book.sheet("Thông báo kết quả - Sở")!;
    const huyen = book.sheet("Thông báo kết quả - Huyện")!;
    expect(so.rowBreaks).toHaveLength(19);
    expect(huyen.rowBreaks).toHaveLength(11);
    expect(so.pageLayout.orientation).toBe("Portrait");
    expect(so.pageLayout.paperSize).toBe("A4");
    const grid = so.grid();
    for (const row of so.rowBreaks) expect(grid[row]?.[0]).toBe("PHIẾU THÔNG BÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023");
    expect(grid[1]?.[0]).toBe("Sở Giao thông vận tải");

    // The .xlsx host writes the same values.
    const xlsx = new XlsxHost(emptyBook());
    expect((await createTemplate(xlsx, sonLa2023(), { withScores: true })).ok).toBe(true);
    expect((await writeNotices(xlsx)).ok).toBe(true);
    const cells = (await xlsx.readSheets(["Thông báo kết quả - Sở"]))["Thông báo kết quả - Sở"]!;
    expect(grid.slice(0, cells.length).map((r) => r.slice(0, 6).map((v) => (v === "" ? null : v)))).toEqual(
      cells.map((r) => [...r, ...Array<null>(6).fill(null)].slice(0, 6)),
    );
  });

  it("one unit's notice: its own sheet, no page break", async () => {
    const book = await workbookWith(sonLa2023());
    const { outcome, syncs } = await noticesInExcel(runOver(book), { unit: "SNGV", host: { features: FEATURES } });
    expect(outcome.ok).toBe(true);
    expect(syncs).toBeLessThanOrEqual(3);
    expect(book.sheet("Thông báo - SNGV")?.rowBreaks).toEqual([]);
  });

  it("without ExcelApi 1.9 the notices are written without page setup or breaks", async () => {
    const book = await workbookWith(sonLa2023());
    const { outcome } = await noticesInExcel(runOver(book), { host: { features: { pageLayout: false, notes: false } } });
    expect(outcome.ok).toBe(true);
    expect(book.sheet("Thông báo kết quả - Sở")?.rowBreaks).toEqual([]);
  });

  it("one unit of a 300-unit block: its notice alone, at most 3 round trips", { timeout: 120_000 }, async () => {
    const doc = scaledInput({ xa: 300 });
    const code = doc.blocks[0]!.units[150]!.code;
    const book = await workbookWith(doc);
    const { outcome, syncs } = await noticesInExcel(runOver(book), { unit: code, host: { features: FEATURES } });
    expect(outcome.ok).toBe(true);
    expect(syncs).toBeLessThanOrEqual(3);
    expect(book.sheet(`Thông báo - ${code}`)).toBeDefined();
  });

  // All notices of 95 or 300 units in one sheet are 6 000 to 24 000 rows of formatted tables, about 50 kB of
  // Office JS requests a unit: the write is split into requests under Excel's limit (4 and 7 round trips).
  it.each([
    ["95 units", { so: 20, xa: 75 }, 4],
    ["300 units in one block", { xa: 300 }, 7],
  ])("%s: every request under Excel's limit, a bounded number of round trips", { timeout: 120_000 }, async (_label, sizes, most) => {
    const book = await workbookWith(scaledInput(sizes));
    book.requests = [];
    const { outcome, syncs } = await noticesInExcel(runOver(book), { host: { features: FEATURES } });
    expect(outcome.ok).toBe(true);
    const largest = Math.max(...book.requests);
    console.info(`notices ${_label}: ${syncs} syncs, largest request ${(largest / 1e6).toFixed(2)} MB`);
    expect(syncs).toBeLessThanOrEqual(most);
    expect(largest).toBeLessThanOrEqual(4_000_000);
  });
});

/**
 * Result notices (phiếu thông báo kết quả) as sheets: the plan (page breaks, A4 portrait, at most two pages a
 * unit by the print estimate, host limits at 32, 95 and 300 units), `writeNotices` over the .xlsx host (owned
 * sheets only, nothing written on bad data) and the `<rowBreaks>` in the saved file.
 */
import { describe, expect, it } from "vitest";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import { checkSheetWrites } from "../shared/workbook/checkSheetWrites.ts";
import { EXCEL_LIMITS, SHEETS_LIMITS } from "../shared/workbook/hostLimits.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";
import { planNotices, writeNotices } from "../shared/workbook/writeNotices.ts";
import { estimatePrintScale, printArea } from "../shared/workbook/printScale.ts";
import type { SheetWrite } from "../shared/workbook/port.ts";
import { stampLine } from "../shared/workbook/stamp.ts";
import { isGeneratedSheet, isNoticeSheet, noticeSheetName, unitNoticeSheetName } from "../shared/workbook/sheetNames.ts";
import { workbookBytes } from "../cli/xlsx/saveWorkbook.ts";
import { inflateEntry, readZip } from "../cli/xlsx/zip.ts";
import { emptyBook } from "./xlsxBooks.ts";
import { scaledInput, sonLa2023 } from "./fixtures/scaledInput.ts";

function plan(doc: InputDocument, unit?: string): SheetWrite[] {
  const computed = computeIndex(doc);
  if (!computed.ok) throw new Error(JSON.stringify(computed.errors.slice(0, 3)));
  const p = planNotices(computed.input, computed.result, stampLine(computed.input), unit);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.writes;
}

/** Printed pages of each notice of a sheet, by the print estimate (row heights are the plan's own). */
function pagesPerNotice(w: SheetWrite): number[] {
  const heights = (w.blocks[0]?.rowHeights ?? []).map((h) => h ?? 15);
  const page = printArea("portrait").height / estimatePrintScale(w.layout ?? {});
  const starts = [0, ...(w.layout?.rowBreaks ?? []), heights.length];
  const out: number[] = [];
  for (let i = 0; i + 1 < starts.length; i++) out.push(heights.slice(starts[i], starts[i + 1]).reduce((a, b) => a + b, 0) / page);
  return out;
}

describe("notice sheets (plan)", () => {
  it("Sơn La: one sheet per block, a page break before every unit but the first, each notice on at most two A4 pages", () => {
    const writes = plan(sonLa2023());
    expect(writes.map((w) => w.sheet)).toEqual(["Thông báo kết quả - Sở", "Thông báo kết quả - Huyện"]);
    const units = [20, 12];
    writes.forEach((w, i) => {
      const values = w.blocks[0]!.values;
      const breaks = w.layout?.rowBreaks ?? [];
      expect(breaks).toHaveLength(units[i]! - 1);
      // Every page break starts a notice: its title line.
      for (const row of [0, ...breaks]) expect(values[row]?.[0]).toBe("PHIẾU THÔNG BÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023");
      expect(w.layout?.print).toEqual({ orientation: "portrait", fitToWidth: true });
      expect(estimatePrintScale(w.layout!)).toBeGreaterThanOrEqual(0.95);
      for (const pages of pagesPerNotice(w)) expect(pages).toBeLessThanOrEqual(1.85);
      // The stamp closes every notice, in column A.
      const stamps = values.filter((r) => typeof r[0] === "string" && r[0].startsWith("Tạo bởi cchc-index"));
      expect(stamps).toHaveLength(units[i]!);
      expect(isNoticeSheet(w.sheet)).toBe(true);
      expect(isGeneratedSheet(w.sheet)).toBe(false); // a recalculation neither reads nor replaces it
    });
  });

  it("one unit's notice alone on its own sheet; an unknown code is a problem naming the codes", () => {
    const [w] = plan(sonLa2023(), " SNGV ");
    expect(w?.sheet).toBe("Thông báo - SNGV");
    expect(w?.layout?.rowBreaks).toEqual([]);
    expect(w?.blocks[0]?.values[1]?.[0]).toBe("Sở Ngoại vụ");
    const computed = computeIndex(sonLa2023());
    if (!computed.ok) throw new Error("fixture");
    const bad = planNotices(computed.input, computed.result, "stamp", "XYZ");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]?.message).toMatch(/^không có đơn vị mã «XYZ» trong các khối \(mã đơn vị: SGTVT, SNV, STC, /);
  });

  it("sheet names: block suffix, Excel's 31 characters", () => {
    expect(noticeSheetName("so", 0)).toBe("Thông báo kết quả - Sở");
    expect(noticeSheetName("xa", 1)).toBe("Thông báo kết quả - Xã");
    expect(noticeSheetName("khoi-rat-dai-qua", 2)).toBe("Thông báo kết quả - 3");
    expect(unitNoticeSheetName("A".repeat(40))).toHaveLength(31);
  });

  it.each([
    ["95 units (20 sở + 75 xã)", { so: 20, xa: 75 }],
    ["300 units in one block", { xa: 300 }],
  ])("%s: the plan passes the Excel and Google Sheets limits", (_label, sizes) => {
    const writes = plan(scaledInput(sizes));
    checkSheetWrites(writes, EXCEL_LIMITS);
    checkSheetWrites(writes, SHEETS_LIMITS);
    const units = writes.reduce((n, w) => n + (w.layout?.rowBreaks?.length ?? 0) + 1, 0);
    expect(units).toBe(Object.values(sizes).reduce((a, b) => a + b, 0));
    for (const w of writes) {
      for (const h of w.blocks[0]?.rowHeights ?? []) expect(h ?? 0).toBeLessThanOrEqual(409);
    }
  });

  it("a long reason gets its own column and a taller row, still within 409 pt", () => {
    const doc = sonLa2023();
    doc.blocks[0]!.reasons = { SNGV: { "1.1.1": "Lý do ".repeat(330).trim() } };
    const [so] = plan(doc);
    expect(so?.layout?.columnWidths).toHaveLength(7);
    const values = so!.blocks[0]!.values;
    const r = values.findIndex((row) => row[0] === "1.1.1" && typeof row[6] === "string");
    expect(r).toBeGreaterThan(0);
    expect(so!.blocks[0]!.rowHeights![r]).toBeGreaterThan(100);
    checkSheetWrites([so!]);
  });
});

describe("writeNotices over the .xlsx host", () => {
  async function book(doc: InputDocument): Promise<{ host: XlsxHost; workbook: ReturnType<typeof emptyBook> }> {
    const workbook = emptyBook();
    const host = new XlsxHost(workbook);
    const made = await createTemplate(host, doc, { withScores: true });
    expect(made.ok).toBe(true);
    return { host, workbook };
  }

  it("writes the notice sheets with <rowBreaks>, and replaces its own sheets on a second run", async () => {
    const { host, workbook } = await book(sonLa2023());
    const outcome = await writeNotices(host);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.sheets).toEqual(["Thông báo kết quả - Sở", "Thông báo kết quả - Huyện"]);
    const first = await workbookBytes(workbook);
    const again = await writeNotices(host);
    expect(again.ok).toBe(true);
    expect(Buffer.compare(first, await workbookBytes(workbook))).toBe(0);
    const sheets = readZip(new Uint8Array(first)).filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
    const withBreaks = sheets.map((e) => new TextDecoder().decode(inflateEntry(e))).filter((xml) => xml.includes("<rowBreaks"));
    expect(withBreaks).toHaveLength(2);
    expect(withBreaks.map((xml) => /<rowBreaks count="(\d+)"/.exec(xml)?.[1]).sort()).toEqual(["11", "19"]);
  });

  it("<rowBreaks>: written in schema order, replaced, and removed by an empty list", async () => {
    const workbook = emptyBook();
    const host = new XlsxHost(workbook);
    const sheetXml = async (): Promise<string> => {
      const entry = readZip(new Uint8Array(await workbookBytes(workbook))).find((e) => e.name === "xl/worksheets/sheet1.xml")!;
      return new TextDecoder().decode(inflateEntry(entry));
    };
    const values = Array.from({ length: 30 }, (_, i) => [`dòng ${i + 1}`]);
    await host.write([
      {
        sheet: "P",
        mode: "replace",
        blocks: [{ row: 0, col: 0, values }],
        layout: { print: { orientation: "portrait", fitToWidth: true }, rowBreaks: [20, 10] },
      },
    ]);
    const xml = await sheetXml();
    expect(xml).toContain(
      '<rowBreaks count="2" manualBreakCount="2"><brk id="10" max="16383" man="1"/><brk id="20" max="16383" man="1"/></rowBreaks>',
    );
    expect(xml.indexOf("<pageSetup")).toBeLessThan(xml.indexOf("<rowBreaks"));
    await host.write([{ sheet: "P", mode: "update", blocks: [], layout: { rowBreaks: [] } }]);
    expect(await sheetXml()).not.toContain("rowBreaks");
  });

  it("a person's own sheet of that name is never replaced; bad data writes nothing", async () => {
    const { host } = await book(sonLa2023());
    await host.write([{ sheet: "thông báo kết quả - sở", mode: "replace", blocks: [{ row: 0, col: 0, values: [["của tôi"]] }] }]);
    const outcome = await writeNotices(host);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors[0]?.message).toMatch(/^sheet «thông báo kết quả - sở» đã có nhưng không do công cụ tạo/);
    expect((await host.readSheets(["thông báo kết quả - sở"]))["thông báo kết quả - sở"]).toEqual([["của tôi"]]);
    expect(await host.listSheets()).not.toContain("Thông báo kết quả - Huyện");

    const broken = await book(sonLa2023());
    const grid = (await broken.host.readSheets(["Điểm - Sở"]))["Điểm - Sở"]!;
    const r = grid.findIndex((row) => row[0] === "1.1.1");
    await broken.host.write([{ sheet: "Điểm - Sở", mode: "update", blocks: [{ row: r, col: 3, values: [["9,5"]] }] }]);
    const bad = await writeNotices(broken.host);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.some((p) => p.sheet === "Điểm - Sở" && p.cell === `D${r + 1}`)).toBe(true);
    expect((await broken.host.listSheets()).some((n) => n.startsWith("Thông báo"))).toBe(false);
  });
});

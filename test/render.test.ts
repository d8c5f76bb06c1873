/**
 * Renders workbooks written through XlsxHost with LibreOffice (→ PDF → PNG) and checks the printed result:
 * page count, page orientation, text and fonts. Needs libreoffice, pdftoppm, pdfinfo, pdftotext, pdffonts.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { openWorkbook } from "../cli/xlsx/openWorkbook.ts";
import { XlsxBook } from "../cli/xlsx/XlsxBook.ts";
import { excelOf } from "./xlsxBooks.ts";
import { saveWorkbook } from "../cli/xlsx/saveWorkbook.ts";
import type { CellValue, SheetWrite } from "../shared/workbook/port.ts";
import { missingRenderPrograms, renderPdf } from "../scripts/render-pdf.ts";
import { fitRowHeights } from "../shared/workbook/fitRowHeights.ts";

const run = promisify(execFile);

const missing = await missingRenderPrograms();
for (const extra of ["pdftotext", "pdffonts"]) {
  await run("sh", ["-c", `command -v ${extra}`]).catch(() => missing.push(extra));
}
const ci = process.env.CI === "true";
const skip = missing.length > 0 && !ci;
if (skip) console.warn(`render.test.ts: bỏ qua, thiếu chương trình ${missing.join(", ")} (cài libreoffice-calc-nogui poppler-utils)`);

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function pageText(pdf: string, page: number): Promise<string> {
  const { stdout } = await run("pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf, "-"]);
  return stdout;
}

/** Words of a PDF page with their boxes (pdftotext -bbox). */
async function pageWords(pdf: string, page: number): Promise<{ text: string; yMin: number }[]> {
  const { stdout } = await run("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), pdf, "-"]);
  const words: { text: string; yMin: number }[] = [];
  for (const m of stdout.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/g)) {
    words.push({ text: (m[2] ?? "").replace(/&amp;/g, "&"), yMin: Number(m[1]) });
  }
  return words;
}

const HEADERS = [
  "STT",
  "Đơn vị",
  "Chỉ số thành phần 1",
  "Chỉ số thành phần 2",
  "Chỉ số thành phần 3",
  "Chỉ số thành phần 4",
  "Tổng điểm",
  "Xếp hạng",
  "Cột cuối",
];
/** A unit name that must wrap in its 28-character column; every word of it must be printed. */
const LONG_UNIT = "Ban Quản lý các khu công nghiệp tỉnh Sơn La và khu kinh tế cửa khẩu quốc tế Lóng Sập";
const UNITS = ["Sở Tư pháp", "Sở Y tế", "Sở Tài chính", "Sở Nội vụ", "Sở Giáo dục và Đào tạo", LONG_UNIT, "Sở Xây dựng"];

/** A titled, merged, bordered Times New Roman table, wide enough (≈ 190 characters) to overflow one A4 width. */
function table(sheet: string, fit: boolean, after?: string): SheetWrite {
  const width = HEADERS.length;
  const rows: CellValue[][] = UNITS.map((u, i) => [i + 1, u, 18.5 + i, 17.25, 9, 19.75 - i, 64.5 + i, i + 1, "x"]);
  const font = { fontName: "Times New Roman" };
  // Row heights of wrapped text are the core's decision (fitRowHeights), as in every plan the tool writes.
  return fitRowHeights({
    sheet,
    mode: "replace",
    ...(after !== undefined ? { after } : {}),
    blocks: [
      {
        row: 0,
        col: 0,
        values: [[`BIỂU KẾT QUẢ ${sheet.toUpperCase()}`, ...Array<CellValue>(width - 1).fill(null)]],
        style: { ...font, fontSize: 16, bold: true, hAlign: "center", vAlign: "middle" },
        merges: [{ row: 0, col: 0, rows: 1, cols: width }],
        rowHeights: [28],
      },
      {
        row: 2,
        col: 0,
        values: [HEADERS, ...rows],
        style: { ...font, fontSize: 12, border: true, vAlign: "middle", wrap: true },
        styles: [
          HEADERS.map(() => ({ bold: true, hAlign: "center" as const, wrap: true, fill: "#D9E1F2" })),
          ...rows.map((r) => r.map((v, c) => (c >= 2 && c <= 6 ? { numberFormat: "0.00" } : null))),
        ],
        rowHeights: [36],
      },
    ],
    layout: {
      columnWidths: [6, 28, 22, 22, 22, 22, 22, 22, 22],
      frozenRows: 3,
      print: { orientation: fit ? "landscape" : "portrait", fitToWidth: fit },
    },
  });
}

describe.skipIf(skip)("LibreOffice rendering", () => {
  let dir = "";
  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`CI: thiếu chương trình ${missing.join(", ")}`);
    dir = await mkdtemp(join(tmpdir(), "render-"));
  });
  afterAll(async () => {
    if (dir !== "" && process.env.KEEP_RENDER === undefined) await rm(dir, { recursive: true, force: true });
    else if (dir !== "") console.info(`render output kept in ${dir}`);
  });

  it("a small fit-to-width landscape A4 table prints on one page; without fit it spills over", async () => {
    const wb = XlsxBook.create();
    await new XlsxHost(wb).write([table("Vừa trang", true), table("Không vừa", false)]);
    const book = join(dir, "small.xlsx");
    await saveWorkbook(wb, book);

    const r = await renderPdf(book, join(dir, "png"));
    console.info(`render small.xlsx: ${r.pageCount} trang, PDF ${r.timings.convertSeconds} s, PNG ${r.timings.rasterSeconds} s`);
    // Sheet 1 (fit to width): exactly one page with every column; sheet 2 (no fit, ~190 characters wide on
    // portrait A4): at least two pages.
    expect(r.pageCount).toBeGreaterThanOrEqual(3);
    expect(r.pngs.length).toBe(r.pageCount);
    const first = await pageText(r.pdf, 1);
    expect(first).toContain("BIỂU KẾT QUẢ VỪA TRANG");
    expect(first).toContain("Sở Giáo dục và Đào tạo");
    expect(first).toContain("Cột cuối");
    expect(first).toMatch(/64,50/); // "0.00" under the Vietnamese locale the renderer runs with
    // The wrapped long name is printed whole inside its own row, between its neighbours' rows: its row
    // was given its height by the core (LibreOffice does not grow rows itself; otherwise the lines spill over).
    const words = await pageWords(r.pdf, 1);
    const lineOf = (text: string): number => {
      const w = words.find((x) => x.text === text);
      if (w === undefined) throw new Error(`"${text}" is not on page 1`);
      return w.yMin;
    };
    const above = lineOf("Giáo"); // row 5: "Sở Giáo dục và Đào tạo"
    const below = lineOf("Xây"); // row 7: "Sở Xây dựng"
    for (const word of ["Ban", "Quản", "nghiệp", "kinh", "khẩu", "Lóng", "Sập"]) {
      const y = lineOf(word);
      expect(y, word).toBeGreaterThan(above);
      expect(y, word).toBeLessThan(below);
    }
    const second = await pageText(r.pdf, 2);
    expect(second).toContain("Sở Giáo dục và Đào tạo");
    expect(second).not.toContain("Cột cuối");
    const last = await pageText(r.pdf, r.pageCount);
    expect(last).toContain("Cột cuối");

    // Page 1 is landscape A4 (297 × 210 mm → about 702 × 496 px at 60 dpi) and not blank.
    const png = await readFile(r.pngs[0] ?? "");
    const { width, height } = pngSize(png);
    expect(width).toBeGreaterThan(690);
    expect(width).toBeLessThan(710);
    expect(height).toBeGreaterThan(490);
    expect(height).toBeLessThan(500);
    expect((await stat(r.pngs[0] ?? "")).size).toBeGreaterThan(5_000);
    const portrait = pngSize(await readFile(r.pngs[1] ?? ""));
    expect(portrait.height).toBeGreaterThan(portrait.width);

    // Times New Roman is printed with it or its metric twin Liberation Serif (Debian has no Times New Roman).
    // Every glyph, Vietnamese letters such as "ể", "ị" included, must come from that one family: with
    // Debian's fonts-liberation 1.07 alone they fall back to DejaVu Serif (fonts-liberation2 has them).
    const { stdout: fonts } = await run("pdffonts", [r.pdf]);
    const families = fonts
      .split("\n")
      .slice(2)
      .map((line) => line.split(/\s+/)[0] ?? "")
      .filter((name) => name !== "")
      .map((name) => name.replace(/^[A-Z]{6}\+/, ""));
    expect(families.length).toBeGreaterThan(0);
    const foreign = families.filter((f) => !/^(TimesNewRoman|LiberationSerif)/.test(f));
    expect(foreign, `phông thay thế ngoài Times New Roman/Liberation Serif (cần gói fonts-liberation2): ${foreign.join(", ")}`).toEqual([]);
  });

  it(
    "the demo workbook (npm run demo) prints each Biểu from its own A4 page, in Vietnamese number style",
    { timeout: 300_000 },
    async () => {
      // Run the demo as a user would, in an empty folder: it writes out/son-la-2023.xlsx there.
      const cwd = await mkdtemp(join(tmpdir(), "cchc-demo-"));
      await run(process.execPath, [resolve(import.meta.dirname, "../lib/cchc.mjs"), "demo"], { cwd });
      const demo = join(cwd, "out", "son-la-2023.xlsx");
      // Render a copy holding only the Biểu sheets and the analysis (their cells are values, they need no other sheet).
      const workbook = await openWorkbook(demo);
      const host = new XlsxHost(workbook);
      const generated = (await host.listSheets()).filter((n) => n.startsWith("Biểu") || n === "Phân tích");
      const bieu = generated.filter((n) => n.startsWith("Biểu"));
      expect(bieu.length).toBe(22);
      const grids = await host.readSheets(generated);
      const only = await excelOf(workbook); // exceljs (tests only) removes the other sheets of the copy
      for (const ws of [...only.worksheets]) if (!generated.includes(ws.name)) only.removeWorksheet(ws.id);
      const copy = join(dir, "bieu.xlsx");
      await writeFile(copy, new Uint8Array(await only.xlsx.writeBuffer()));
      const r = await renderPdf(copy, join(dir, "demo"));
      console.info(
        `render son-la-2023.xlsx: ${bieu.length} Biểu + Phân tích, ${r.pageCount} trang, PDF ${r.timings.convertSeconds} s, PNG ${r.timings.rasterSeconds} s`,
      );
      expect(r.pngs.length).toBe(r.pageCount);
      const pages: string[] = [];
      for (let p = 1; p <= r.pageCount; p++) pages.push((await run("pdftotext", ["-f", String(p), "-l", String(p), r.pdf, "-"])).stdout);
      // Each Biểu's heading ("Biểu số 1" …) opens exactly one page; a Biểu of 20 sở takes one or two pages (Biểu 4–11:
      // the table, then the legend of its criteria under the repeated header rows).
      for (const name of bieu) {
        const heading = grids[name]?.flat().find((v): v is string => typeof v === "string");
        expect(heading, name).toBe(`Biểu số ${name.slice("Biểu ".length)}`);
        expect(pages.filter((t) => t.trimStart().startsWith(`${heading}\n`)).length, name).toBe(1);
      }
      expect(r.pageCount).toBeLessThanOrEqual(2 * bieu.length + 4); // the analysis takes a few portrait pages
      const all = pages.join("\n");
      expect(all).toContain("95,44"); // SGTVT, Biểu 1, shown the Vietnamese way
      expect(all).not.toMatch(/\b95\.44\b/);
      expect(all).toContain("85,97/100");
      await rm(cwd, { recursive: true, force: true });
    },
  );
});

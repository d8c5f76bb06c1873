/**
 * Prints a sheet with the tool's native charts (the hand-made overview of `fixtures/chartSheet.ts`: a column
 * chart coloured by group with the mean as a line, a horizontal bar chart with labels, a pie) with LibreOffice,
 * in one run, and reads the PDF: the charts' Vietnamese titles, their axis and label numbers in Vietnamese style,
 * and the series drawn in their colours where the charts are; then, in a second run, the real overview sheets
 * «Tổng quan» and «Tổng quan a» of the Sơn La 2023 recalculation: every chart whole on a page of its own, its
 * title with diacritics, the groups' colours in the ranking in the proportion the published figures give.
 * Needs libreoffice, pdftoppm, pdfinfo (scripts/render-pdf.ts) and pdftotext.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XlsxBook } from "../cli/xlsx/XlsxBook.ts";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { saveWorkbook } from "../cli/xlsx/saveWorkbook.ts";
import { missingRenderPrograms, renderPdf } from "../scripts/render-pdf.ts";
import { chartSheet, GROUP_COLORS, MEAN_COLOR } from "./fixtures/chartSheet.ts";
import { sonLa2023 } from "./fixtures/scaledInput.ts";
import { planOnlyBook } from "./xlsxBooks.ts";

const run = promisify(execFile);
const missing = await missingRenderPrograms();
await run("sh", ["-c", "command -v pdftotext"]).catch(() => missing.push("pdftotext"));
const ci = process.env.CI === "true";
const skip = missing.length > 0 && !ci;
if (skip) console.warn(`renderCharts.test.ts: bỏ qua, thiếu chương trình ${missing.join(", ")} (cài libreoffice-calc-nogui poppler-utils)`);

/** An RGB raster of one PDF page (pdftoppm's PPM). */
interface Raster {
  width: number;
  height: number;
  rgb: Buffer;
}

async function raster(pdf: string, page: number, dpi: number): Promise<Raster> {
  const { stdout } = await run("pdftoppm", ["-r", String(dpi), "-f", String(page), "-l", String(page), pdf], {
    encoding: "buffer",
    maxBuffer: 64 * 1024 * 1024,
  });
  const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(stdout.subarray(0, 40).toString("latin1"));
  if (m === null) throw new Error("pdftoppm did not give a PPM image");
  return { width: Number(m[1]), height: Number(m[2]), rgb: stdout.subarray(m[0].length) };
}

/** Pixels within `tolerance` of a colour, with the mean height (0 = top, 1 = bottom) at which they lie. */
function pixelsOf(image: Raster, hex: string, tolerance = 24): { count: number; meanY: number } {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  let sumY = 0;
  for (let p = 0; p < image.width * image.height; p++) {
    const o = p * 3;
    if (want.every((v, k) => Math.abs((image.rgb[o + k] as number) - v) <= tolerance)) {
      count++;
      sumY += Math.floor(p / image.width);
    }
  }
  return { count, meanY: count === 0 ? 0 : sumY / count / image.height };
}

describe.skipIf(skip)("LibreOffice draws the tool's native charts", () => {
  let dir = "";
  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`CI: thiếu chương trình ${missing.join(", ")}`);
    dir = await mkdtemp(join(tmpdir(), "render-charts-"));
  });
  afterAll(async () => {
    if (dir !== "" && process.env.KEEP_RENDER === undefined) await rm(dir, { recursive: true, force: true });
    else if (dir !== "") console.info(`render output kept in ${dir}`);
  });

  it(
    "prints a column chart coloured by group with its mean line, horizontal bars with labels and a pie",
    { timeout: 300_000 },
    async () => {
      const book = XlsxBook.create();
      await new XlsxHost(book).write([chartSheet()]);
      const path = join(dir, "charts.xlsx");
      await saveWorkbook(book, path);
      const r = await renderPdf(path, join(dir, "png"));
      console.info(`render charts.xlsx: ${r.pageCount} trang, PDF ${r.timings.convertSeconds} s, PNG ${r.timings.rasterSeconds} s`);
      expect(r.pageCount).toBe(1); // fit to one landscape page
      const { stdout: text } = await run("pdftotext", ["-layout", r.pdf, "-"]);
      // Titles with their diacritics, legends and axis titles: drawn by the chart, not in any cell.
      for (const s of [
        "Chỉ số CCHC năm 2023 - Các sở, ban, ngành",
        "Xếp hạng Chỉ số CCHC",
        "Cơ cấu theo nhóm",
        "Chỉ số trung bình",
        "Đơn vị",
      ])
        expect(text, s).toContain(s);
      // The value axes in the format "0.00", shown the Vietnamese way: 0–100 for the columns, from 60 for the bars.
      expect(text).toMatch(/100,00/);
      expect(text).toMatch(/60,00/);
      expect(text).not.toMatch(/\b100\.00\b/);
      // Data labels of the bars: Sở Tư pháp's 95,44 is printed three times (its two cells in the table, in the
      // "Nhóm A" and "Chỉ số" columns, and its bar's label).
      expect(text.match(/95,44/g)?.length).toBe(3);

      // The page holds the series in their colours: groups' columns and the mean line in the top chart, purple
      // bars below it, the pie's three slices.
      const image = await raster(r.pdf, 1, 60);
      const green = pixelsOf(image, GROUP_COLORS[0] as string);
      const amber = pixelsOf(image, GROUP_COLORS[1] as string);
      const red = pixelsOf(image, GROUP_COLORS[2] as string);
      const mean = pixelsOf(image, MEAN_COLOR);
      const purple = pixelsOf(image, "#6A1B9A");
      const counts = { green: green.count, amber: amber.count, red: red.count, mean: mean.count, purple: purple.count };
      console.info(`render charts.xlsx: pixels ${JSON.stringify(counts)}`);
      for (const [name, n] of Object.entries(counts)) expect(n, name).toBeGreaterThan(40);
      for (const top of [green, amber, red, mean]) expect(top.meanY).toBeLessThan(purple.meanY);
      for (const slice of ["#4472C4", "#ED7D31", "#A5A5A5"]) expect(pixelsOf(image, slice, 12).count, slice).toBeGreaterThan(40);
    },
  );

  it(
    "prints the Sơn La 2023 overview sheets: each chart whole on its own page, titled, in the groups' colours",
    { timeout: 300_000 },
    async () => {
      const book = await planOnlyBook(sonLa2023(), (name) => name.startsWith("Tổng quan"));
      const path = join(dir, "tong-quan.xlsx");
      await saveWorkbook(book, path);
      const r = await renderPdf(path, join(dir, "png-tong-quan"));
      console.info(`render tong-quan.xlsx: ${r.pageCount} trang, PDF ${r.timings.convertSeconds} s, PNG ${r.timings.rasterSeconds} s`);
      const { stdout } = await run("pdftotext", [r.pdf, "-"]);
      // pdftotext ends each page with a form feed; a title wrapped on two lines is joined again.
      const pages = stdout.split("\f").map((p) => p.replace(/\s+/g, " "));
      const pageOf = (title: string) => {
        const found = pages.flatMap((p, i) => (p.includes(title) ? [i + 1] : []));
        expect(found, `«${title}» on exactly one page (a chart cut by a page break prints on two)`).toHaveLength(1);
        return found[0]!;
      };
      const blocks = ["Các sở, ban, ngành", "UBND các huyện, thành phố"];
      const titled = blocks.map((block) =>
        [
          "Chỉ số CCHC năm 2023 theo thứ hạng",
          "Số đơn vị theo nhóm",
          "Điểm trung bình từng lĩnh vực so với điểm tối đa (%)",
          "Chỉ số năm 2023 so với năm 2022",
        ].map((t) => pageOf(`${t} - ${block}`)),
      );
      // Four charts a block on four pages in a row, after the key figures' page.
      for (const p of titled) expect(p).toEqual([p[0]!, p[0]! + 1, p[0]! + 2, p[0]! + 3]);
      expect(titled[0]![0]).toBe(2);

      // The sở ranking: 2 units in group A (green: 95,44 and 90,87), 18 in group B (blue), none in C or D, over an
      // axis from 70. From the published figures (mean 85,97 over 20 sở) the B columns' area above 70 is
      // 20 × 85,97 − 95,44 − 90,87 − 18 × 70 = 273,09 against A's 46,31: about 5,9 times as many blue pixels.
      const ranking = await raster(r.pdf, titled[0]![0]!, 60);
      const a = pixelsOf(ranking, "#2E7D32").count;
      const b = pixelsOf(ranking, "#1565C0").count;
      const mean = pixelsOf(ranking, "#212121", 16).count;
      const cd = pixelsOf(ranking, "#EF6C00").count + pixelsOf(ranking, "#C62828").count;
      const groups = pixelsOf(await raster(r.pdf, titled[0]![1]!, 60), "#2F5597").count;
      const change = await raster(r.pdf, titled[0]![3]!, 60);
      const years = { last: pixelsOf(change, "#A5A5A5", 10).count, this: pixelsOf(change, "#2F5597").count };
      console.info(`render tong-quan.xlsx: ranking pixels A ${a}, B ${b}, mean ${mean}, C+D ${cd}; groups ${groups}; change ${JSON.stringify(years)}`);
      expect(a).toBeGreaterThan(400);
      expect(b / a).toBeGreaterThan(4.5);
      expect(b / a).toBeLessThan(7.5);
      expect(mean).toBeGreaterThan(200); // the mean line across the chart
      expect(cd).toBeLessThan(20);
      expect(groups).toBeGreaterThan(400);
      expect(years.last).toBeGreaterThan(400);
      expect(years.this).toBeGreaterThan(400);
    },
  );
});

/**
 * Prints a 20 + 170-unit workbook (the province as it is now) with LibreOffice and reads the PDF: every page
 * of every Biểu has its body text at least 7 pt tall, and every page of a multi-page Biểu repeats its header
 * rows (print titles). Needs libreoffice, pdftoppm, pdfinfo (scripts/render-pdf.ts) and pdftotext.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { saveWorkbook } from "../cli/xlsx/saveWorkbook.ts";
import { planOnlyBook } from "./xlsxBooks.ts";
import type { ReadValue } from "../shared/workbook/port.ts";
import { missingRenderPrograms, renderPdf } from "../scripts/render-pdf.ts";
import { scaledInput } from "./fixtures/scaledInput.ts";

const run = promisify(execFile);
const missing = await missingRenderPrograms();
await run("sh", ["-c", "command -v pdftotext"]).catch(() => missing.push("pdftotext"));
const ci = process.env.CI === "true";
const skip = missing.length > 0 && !ci;
if (skip)
  console.warn(`renderCommune.test.ts: bỏ qua, thiếu chương trình ${missing.join(", ")} (cài libreoffice-calc-nogui poppler-utils)`);

/** The calibration sheet: one line of 12 pt Times New Roman printed at 100 %. */
const CALIBRATION = "Hiệu chuẩn";
const CALIBRATION_TEXT = "Chữ mẫu cỡ mười hai";

interface Word {
  text: string;
  yMin: number;
  height: number;
}

/** Words of every page of a PDF, with their boxes (pdftotext -bbox). */
async function pdfWords(pdf: string): Promise<Word[][]> {
  const { stdout } = await run("pdftotext", ["-bbox", pdf, "-"], { maxBuffer: 256 * 1024 * 1024 });
  return stdout
    .split("<page ")
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        text: (m[3] ?? "").replace(/&amp;/g, "&"),
        yMin: Number(m[1]),
        height: Number(m[2]) - Number(m[1]),
      })),
    );
}

describe.skipIf(skip)("LibreOffice print of a 20 + 170-unit workbook", () => {
  let dir = "";
  afterAll(async () => {
    if (dir !== "" && process.env.KEEP_RENDER === undefined) await rm(dir, { recursive: true, force: true });
    else if (dir !== "") console.info(`render output kept in ${dir}`);
  });

  it("every Biểu page: text ≥ 7 pt, the header rows repeated on every page", { timeout: 240_000 }, async () => {
    if (missing.length > 0) throw new Error(`CI: thiếu chương trình ${missing.join(", ")}`);
    dir = await mkdtemp(join(tmpdir(), "render-commune-"));
    // Only the Biểu, so that the PDF's pages are theirs (the calibration sheet comes last).
    const workbook = await planOnlyBook(scaledInput({ so: 20, xa: 170 }), (name) => name.startsWith("Biểu "));
    const host = new XlsxHost(workbook);
    const bieu = await host.listSheets();
    expect(bieu).toHaveLength(22);
    const grids = await host.readSheets(bieu);
    await host.write([
      {
        sheet: CALIBRATION,
        mode: "replace",
        blocks: [{ row: 0, col: 0, values: [[CALIBRATION_TEXT]], style: { fontName: "Times New Roman", fontSize: 12 } }],
        layout: { columnWidths: [40], print: { orientation: "portrait", fitToWidth: false } },
      },
    ]);
    const book = join(dir, "commune.xlsx");
    await saveWorkbook(workbook, book);
    const r = await renderPdf(book, join(dir, "png"), 12);
    const pages = await pdfWords(r.pdf);
    expect(pages).toHaveLength(r.pageCount);

    // pdftotext's word box is a fixed multiple of the font size: measure it on the 12 pt calibration line.
    const calibration = pages.at(-1)!;
    expect(calibration.map((w) => w.text).join(" ")).toBe(CALIBRATION_TEXT);
    const boxPerPt = calibration[0]!.height / 12;

    // Pages of each Biểu: from the page its heading ("Biểu số 4a") opens to the next heading.
    const starts = bieu.map((name) => {
      const heading = `Biểu số ${name.slice("Biểu ".length)}`;
      const at = pages.findIndex((words) => `${words[0]?.text} ${words[1]?.text} ${words[2]?.text}` === heading);
      expect(at, heading).toBeGreaterThanOrEqual(0);
      return at;
    });
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    const figures: string[] = [];
    bieu.forEach((name, b) => {
      const from = starts[b]!;
      const to = b + 1 < starts.length ? starts[b + 1]! : pages.length - 1;
      const grid = grids[name] ?? [];
      const headerRow = grid.findIndex((row) => row[0] === "STT");
      const firstBody = grid.findIndex((row, i) => i > headerRow && typeof row[0] === "number");
      expect(headerRow, name).toBeGreaterThan(0);
      // The header's own words: the first word of every text cell of its rows (parts split at "/").
      const headerWords = new Set(
        grid
          .slice(headerRow, firstBody < 0 ? headerRow + 1 : firstBody)
          .flat()
          .filter((v: ReadValue): v is string => typeof v === "string" && v.trim() !== "")
          .map((v) => v.trim().split(/[\s/]+/)[0]!),
      );
      let smallest = Infinity;
      for (let p = from; p < to; p++) {
        const words = pages[p]!;
        // A wrapped label may break after "/" ("Tăng/" "giảm"): compare the parts.
        const texts = new Set(words.flatMap((w) => w.text.split("/")));
        for (const w of headerWords) expect(texts.has(w), `${name}, trang ${p + 1 - from}: thiếu «${w}» của dòng tiêu đề`).toBe(true);
        // The header stands above the table's rows on every page: "STT" before the first row number.
        const stt = words.find((w) => w.text === "STT")!;
        const firstNumber = words.find((w) => /^\d+$/.test(w.text) && w.yMin > stt.yMin - 1);
        if (firstNumber !== undefined) expect(stt.yMin, name).toBeLessThan(firstNumber.yMin);
        for (const w of words) smallest = Math.min(smallest, w.height / boxPerPt);
      }
      expect(smallest, `${name}: chữ nhỏ nhất ${smallest.toFixed(2)} pt`).toBeGreaterThanOrEqual(7);
      figures.push(`${name}: ${to - from} trang, chữ nhỏ nhất ${smallest.toFixed(1)} pt`);
    });
    console.info(`render 20 + 170 đơn vị: ${r.pageCount - 1} trang Biểu, PDF ${r.timings.convertSeconds} s\n${figures.join("\n")}`);
  });
});

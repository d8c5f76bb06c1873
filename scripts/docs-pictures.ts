/**
 * Regenerates the README's pictures in docs/ (small PNGs, each under 150 KB):
 *
 * - docs/taskpane.png: the Excel task pane after «Tính lại xếp hạng» on the Sơn La 2023 workbook — the built
 *   pane (scripts/build-addin.ts) in headless Chromium, office.js replaced by the Excel fake
 *   (test/fakes/officeFake.browser.ts), as test/addinBrowser.test.ts runs it;
 * - docs/bieu.png: a printed Biểu page of the demo workbook — LibreOffice → PDF → pdftoppm (60 dpi), as
 *   scripts/render-pdf.ts and test/render.test.ts do;
 * - docs/tongquan.png: the ranking chart of the «Tổng quan» sheet of the demo workbook as LibreOffice prints it
 *   (its page found by the chart's title, cropped to the chart, 90 dpi), as test/renderCharts.test.ts renders it.
 *
 *   npm run docs:pictures            # needs /usr/bin/chromium (or CHROMIUM_PATH), libreoffice, poppler-utils
 *   npm run docs:pictures -- --bieu "Biểu 4"   # another Biểu
 */
import { execFileSync } from "node:child_process";
import { build } from "esbuild";
import { copyFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { ExcelHost } from "../addin/excelHost.ts";
import { planOnlyBook } from "../test/xlsxBooks.ts";
import { saveWorkbook } from "../cli/xlsx/saveWorkbook.ts";
import { inputSchema } from "../shared/schema/inputSchema.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";
import { bookToData, FakeWorkbook } from "../test/fakes/fakeExcel.ts";
import { sonLa2023 } from "../test/fixtures/scaledInput.ts";
import { buildAddin } from "./build-addin.ts";
import { startDevServer } from "./dev-server.ts";
import { missingRenderPrograms, renderPdf } from "./render-pdf.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DOCS = join(ROOT, "docs");
/** The README's limit for each picture. */
export const MAX_PICTURE_BYTES = 150 * 1024;

/** office.js's replacement: the Excel fake preloaded with the Sơn La 2023 workbook (template with every score). */
async function officeFakeScript(): Promise<string> {
  const book = new FakeWorkbook();
  book.addSheet("Sheet1");
  const host = new ExcelHost(book.context() as unknown as Excel.RequestContext, { features: { notes: true, pageLayout: true } });
  const made = await createTemplate(host, inputSchema.parse(sonLa2023()), { withScores: true });
  if (!made.ok) throw new Error("không tạo được sổ tính Excel giả");
  const bundle = await build({
    entryPoints: [join(ROOT, "test/fakes/officeFake.browser.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    logLevel: "silent",
  });
  return `window.__CCHC_FAKE_BOOK__ = ${JSON.stringify(bookToData(book))};\n${bundle.outputFiles[0]?.text ?? ""}`;
}

/** The task pane after a recalculation, cropped to its top `height` pixels (title, buttons, status, ranking). */
export async function taskPanePicture(out: string, options: { chromium?: string; height?: number } = {}): Promise<void> {
  const executablePath = options.chromium ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const dist = mkdtempSync(join(tmpdir(), "cchc-pictures-dist-"));
  const profile = mkdtempSync(join(tmpdir(), "cchc-pictures-chromium-"));
  const server = await (async () => {
    await buildAddin({ outDir: dist, minify: true });
    return startDevServer({ dir: dist, port: 0, http: true });
  })();
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    locale: "vi-VN",
    viewport: { width: 350, height: options.height ?? 760 },
    deviceScaleFactor: 1,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const officeFake = await officeFakeScript();
    const page = await browser.newPage();
    await page.route("https://appsforoffice.microsoft.com/**", (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body: officeFake }),
    );
    await page.goto(`http://127.0.0.1:${server.port}/taskpane.html`);
    await page.locator("#ready").waitFor({ state: "visible" });
    await page.getByRole("button", { name: "Tính lại xếp hạng" }).click();
    await page.locator("#summary-blocks article").first().waitFor({ state: "visible", timeout: 60_000 });
    await page.waitForFunction(() => /Đã tính lại/.test(document.querySelector("#status")?.textContent ?? ""), undefined, {
      timeout: 60_000,
    });
    await page.screenshot({ path: out, fullPage: false });
  } finally {
    await browser.close();
    await server.close();
    rmSync(dist, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The first printed page of one Biểu of the demo workbook (Sơn La 2023), at 60 dpi. */
export async function bieuPicture(out: string, sheet = "Biểu 1"): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cchc-pictures-bieu-"));
  try {
    // A book holding only that Biểu (its cells are values; it needs no other sheet), so page 1 is its first page.
    const workbook = await planOnlyBook(sonLa2023(), (name) => name === sheet);
    if (workbook.findSheet(sheet) === undefined) throw new Error(`sổ tính demo không có sheet «${sheet}»`);
    const single = join(dir, "bieu.xlsx");
    await saveWorkbook(workbook, single);
    const rendered = await renderPdf(single, join(dir, "render"));
    const first = rendered.pngs[0];
    if (first === undefined) throw new Error("LibreOffice không in ra trang nào");
    copyFileSync(first, out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The ranking chart of the demo workbook's «Tổng quan» (Các sở, ban, ngành), cropped from its printed page. */
export async function overviewPicture(out: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cchc-pictures-tongquan-"));
  try {
    const workbook = await planOnlyBook(sonLa2023(), (name) => name === "Tổng quan");
    const single = join(dir, "tongquan.xlsx");
    await saveWorkbook(workbook, single);
    const rendered = await renderPdf(single, join(dir, "render"));
    const pages = execFileSync("pdftotext", [rendered.pdf, "-"], { encoding: "utf8" }).split("\f");
    const page = pages.findIndex((p) => p.replace(/\s+/g, " ").includes("Chỉ số CCHC năm 2023 theo thứ hạng")) + 1;
    if (page === 0) throw new Error("không thấy biểu đồ xếp hạng trong bản in «Tổng quan»");
    // At 90 dpi the A4 landscape page is 1052 × 744 px; the 700 × 420 pt chart stands at its top left margin.
    const crop = ["-x", "52", "-y", "84", "-W", "893", "-H", "536"];
    execFileSync("pdftoppm", ["-png", "-r", "90", "-f", String(page), "-l", String(page), ...crop, "-singlefile", rendered.pdf, join(dir, "chart")]);
    copyFileSync(join(dir, "chart.png"), out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(args: string[]): Promise<number> {
  const i = args.indexOf("--bieu");
  const sheet = i >= 0 ? args[i + 1] : undefined;
  const missing = await missingRenderPrograms();
  if (missing.length > 0) {
    process.stderr.write(`Thiếu chương trình: ${missing.join(", ")} (cài libreoffice-calc-nogui, poppler-utils)\n`);
    return 1;
  }
  const pictures = [join(DOCS, "taskpane.png"), join(DOCS, "bieu.png"), join(DOCS, "tongquan.png")];
  await taskPanePicture(pictures[0]!);
  await bieuPicture(pictures[1]!, sheet);
  await overviewPicture(pictures[2]!);
  let failed = 0;
  for (const file of pictures) {
    const bytes = statSync(file).size;
    const ok = bytes <= MAX_PICTURE_BYTES;
    if (!ok) failed++;
    process.stdout.write(
      `${file.slice(ROOT.length + 1)}: ${Math.round(bytes / 1024)} KB${ok ? "" : ` — quá ${MAX_PICTURE_BYTES / 1024} KB`}\n`,
    );
  }
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    },
  );
}

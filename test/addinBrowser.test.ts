/**
 * End to end in headless Chromium: the built task pane (dist/) served over HTTP, office.js replaced by
 * the Excel fake preloaded with the Sơn La 2023 workbook. Clicks validate, then recalculate, and checks
 * what the pane shows; also the state when office.js cannot load. Screenshots go to test/artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { ExcelHost } from "../addin/excelHost.ts";
import { FakeWorkbook, bookToData } from "./fakes/fakeExcel.ts";
import { buildAddin } from "../scripts/build-addin.ts";
import { startDevServer } from "../scripts/dev-server.ts";
import { inputSchema } from "../shared/schema/inputSchema.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI === "true") throw new Error(`CI: chromium is required at ${CHROMIUM}`);
if (!haveChromium) console.warn(`[addinBrowser] skipped: no chromium at ${CHROMIUM} (apt-get install chromium)`);

const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;
const OFFICE_JS = "https://appsforoffice.microsoft.com/**";

describe.skipIf(!haveChromium)("task pane in Chromium with the Excel fake", () => {
  let dist = "";
  let profile = "";
  let server: { port: number; close: () => Promise<void> } | null = null;
  let browser: BrowserContext | null = null;
  let officeFake = "";
  /** The fake's bundle without a preloaded workbook; prefix it with one. */
  let fakeBundle = "";

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), "cchc-dist-"));
    profile = mkdtempSync(join(tmpdir(), "cchc-chromium-"));
    mkdirSync(ARTIFACTS, { recursive: true });
    await buildAddin({ outDir: dist, minify: false });
    // the Sơn La workbook as a user would have it: the template with every score filled in
    const doc = inputSchema.parse(JSON.parse(readFileSync(new URL("./fixtures/son-la-2023/input.json", import.meta.url), "utf8")));
    const book = new FakeWorkbook();
    book.addSheet("Sheet1");
    await createTemplate(
      new ExcelHost(book.context() as unknown as Excel.RequestContext, { features: { notes: true, pageLayout: true } }),
      doc,
      { withScores: true },
    );
    const bundle = await build({
      entryPoints: [new URL("./fakes/officeFake.browser.ts", import.meta.url).pathname],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: ["es2020"],
    });
    fakeBundle = bundle.outputFiles[0]!.text;
    officeFake = `window.__CCHC_FAKE_BOOK__ = ${JSON.stringify(bookToData(book))};\n${fakeBundle}`;
    server = await startDevServer({ dir: dist, port: 0, http: true });
    // a fresh profile directory (playwright passes it as --user-data-dir)
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      locale: "vi-VN",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it("validates, recalculates and shows the ranking with Sở Giao thông vận tải first (95,44)", async () => {
    const page = await browser!.newPage();
    await page.setViewportSize({ width: 380, height: 1100 });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: officeFake }));
    await page.goto(`http://127.0.0.1:${server!.port}/taskpane.html`);
    await page.locator("#ready").waitFor({ state: "visible" });
    expect(await page.locator("#unavailable").isHidden()).toBe(true);

    await page.getByRole("button", { name: "Kiểm tra dữ liệu" }).click();
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 20_000 }).toMatch(/Dữ liệu hợp lệ/);
    expect(
      await page.evaluate(() =>
        (window as unknown as { __cchcFakeBook: FakeWorkbook }).__cchcFakeBook.sheets.some((s) => s.name === "Biểu 1"),
      ),
    ).toBe(false);

    await page.getByRole("button", { name: "Tính lại xếp hạng" }).click();
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 30_000 }).toMatch(/Đã tính lại xếp hạng, lập lại các Biểu/);
    const firstRow = page.locator("#summary-blocks article").first().locator("tbody tr").first();
    expect((await firstRow.locator("th").textContent())?.trim()).toBe("Sở Giao thông vận tải");
    expect(await firstRow.locator("td").allTextContents()).toEqual(["1", "95,44", "A"]);
    const lastRow = page.locator("#summary-blocks article").first().locator("tbody tr").last();
    expect(await lastRow.locator("td").allTextContents()).toEqual(["20", "81,20", "B"]);
    await expect
      .poll(() => page.locator("#summary-blocks article").first().locator(".stats").textContent())
      .toMatch(/Trung bình 85,97.*Nhóm A: 02 \(10%\).*Nhóm B: 18 \(90%\)/);
    const huyen = page.locator("#summary-blocks article").nth(1).locator("tbody tr").first();
    expect((await huyen.locator("th").textContent())?.trim()).toBe("UBND thành phố Sơn La");
    expect(await huyen.locator("td").nth(1).textContent()).toBe("93,14");
    // the workbook got the Biểu sheets
    const names = await page.evaluate(() =>
      (window as unknown as { __cchcFakeBook: FakeWorkbook }).__cchcFakeBook.sheets.map((s) => s.name),
    );
    expect(names).toContain("Biểu 1");
    expect(names).toContain("Phân tích");
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, "addin-taskpane-result.png"), fullPage: true });
    await page.close();
  });

  it("«Phiếu thông báo kết quả» writes every unit's notice with page breaks, or one unit's notice by its code", async () => {
    const page = await browser!.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: officeFake }));
    await page.goto(`http://127.0.0.1:${server!.port}/taskpane.html`);
    await page.locator("#ready").waitFor({ state: "visible" });
    const sheets = () =>
      page.evaluate(() =>
        (window as unknown as { __cchcFakeBook: FakeWorkbook }).__cchcFakeBook.sheets.map((s) => [s.name, s.rowBreaks.length] as const),
      );
    await page.getByRole("button", { name: "Phiếu thông báo kết quả" }).click();
    await expect
      .poll(() => page.locator("#status").textContent(), { timeout: 30_000 })
      .toMatch(/^Đã ghi phiếu thông báo kết quả vào «Thông báo kết quả - Sở», «Thông báo kết quả - Huyện»\./);
    expect(await sheets()).toEqual(
      expect.arrayContaining([
        ["Thông báo kết quả - Sở", 19],
        ["Thông báo kết quả - Huyện", 11],
      ]),
    );
    await page.locator("#notice-unit").fill(" SNGV ");
    await page.getByRole("button", { name: "Phiếu thông báo kết quả" }).click();
    await expect
      .poll(() => page.locator("#status").textContent(), { timeout: 30_000 })
      .toMatch(/^Đã ghi phiếu thông báo kết quả vào «Thông báo - SNGV»/);
    expect(await sheets()).toEqual(expect.arrayContaining([["Thông báo - SNGV", 0]]));
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("lists a wrong score with a link that selects its cell", async () => {
    const page = await browser!.newPage();
    await page.setViewportSize({ width: 380, height: 800 });
    await page.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: officeFake }));
    await page.goto(`http://127.0.0.1:${server!.port}/taskpane.html`);
    await page.locator("#ready").waitFor({ state: "visible" });
    // put 99 into SGTVT's score for 1.1.1, as a user could
    const address = await page.evaluate(() => {
      const book = (window as unknown as { __cchcFakeBook: FakeWorkbook }).__cchcFakeBook;
      const sheet = book.sheets.find((s) => s.name === "Điểm - Sở")!;
      const grid = sheet.grid();
      const c = grid.find((row) => row.includes("SGTVT"))!.indexOf("SGTVT");
      const r = grid.findIndex((row) => row[0] === "1.1.1");
      sheet.cell(r, c, true).value = 99;
      return `${String.fromCharCode(65 + c)}${r + 1}`;
    });
    await page.getByRole("button", { name: "Tính lại xếp hạng" }).click();
    const link = page.locator("#problem-list a", { hasText: `Điểm - Sở!${address}` });
    await link.waitFor({ state: "visible", timeout: 20_000 });
    expect(await page.locator("#status").textContent()).toMatch(/lỗi cần sửa; chưa ghi gì/);
    await link.click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __cchcFakeBook: FakeWorkbook }).__cchcFakeBook.selection))
      .toEqual({ sheet: "Điểm - Sở", address });
    await page.screenshot({ path: join(ARTIFACTS, "addin-taskpane-problems.png"), fullPage: true });
    await page.close();
  });

  it("makes a template of the blocks ticked in «Tạo sổ mẫu», and asks for one when none is", async () => {
    const page = await browser!.newPage();
    await page.setViewportSize({ width: 380, height: 1300 });
    const empty = new FakeWorkbook();
    empty.addSheet("Sheet1");
    const body = `window.__CCHC_FAKE_BOOK__ = ${JSON.stringify(bookToData(empty))};\n${fakeBundle}`;
    await page.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body }));
    await page.goto(`http://127.0.0.1:${server!.port}/taskpane.html`);
    await page.locator("#ready").waitFor({ state: "visible" });
    const sheetNames = () =>
      page.evaluate(() => (window as unknown as { __cchcFakeBook: FakeWorkbook }).__cchcFakeBook.sheets.map((s) => s.name));
    const so = page.getByRole("checkbox", { name: "Sở, ban, ngành" });
    const xa = page.getByRole("checkbox", { name: "UBND xã, phường (từ năm 2025)" });
    const huyen = page.getByRole("checkbox", { name: "UBND huyện, thành phố (các năm trước 2025)" });
    expect([await so.isChecked(), await xa.isChecked(), await huyen.isChecked()]).toEqual([true, true, false]);

    await so.uncheck();
    await xa.uncheck();
    await page.getByRole("button", { name: "Tạo sổ mẫu" }).click();
    expect(await page.locator("#status").textContent()).toBe("Hãy chọn ít nhất một khối để tạo sổ mẫu.");
    expect(await sheetNames()).toEqual(["Sheet1"]);

    await xa.check();
    await huyen.check();
    await page.getByRole("button", { name: "Tạo sổ mẫu" }).click();
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 20_000 }).toMatch(/Đã tạo sổ mẫu/);
    const names = await sheetNames();
    expect(names).toEqual(
      expect.arrayContaining(["Cài đặt", "Tiêu chí - Xã", "Đơn vị - Xã", "Điểm - Xã", "Tiêu chí - Huyện", "Điểm - Huyện"]),
    );
    expect(names.some((n) => n.endsWith("- Sở"))).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, "addin-taskpane-template.png"), fullPage: true });
    await page.close();
  });

  it("the ribbon command page registers recalculate, which writes the Biểu and completes its event", async () => {
    const page = await browser!.newPage();
    await page.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: officeFake }));
    await page.goto(`http://127.0.0.1:${server!.port}/commands.html`);
    const result = await page.evaluate(async () => {
      const w = window as unknown as { recalculate: (e: { completed: () => void }) => Promise<void>; __cchcFakeBook: FakeWorkbook };
      let completed = 0;
      await w.recalculate({ completed: () => void completed++ });
      return { completed, sheets: w.__cchcFakeBook.sheets.map((s) => s.name) };
    });
    expect(result.completed).toBe(1);
    expect(result.sheets).toContain("Biểu 1");
    expect(result.sheets).toContain("Biểu 11a");
    await page.close();
  });

  it("says clearly that Office.js is unavailable when office.js cannot load", async () => {
    const page = await browser!.newPage();
    await page.setViewportSize({ width: 380, height: 640 });
    await page.route(OFFICE_JS, (route) => route.abort("blockedbyclient"));
    await page.goto(`http://127.0.0.1:${server!.port}/taskpane.html`);
    const alert = page.getByRole("alert");
    await alert.waitFor({ state: "visible" });
    expect(await alert.locator("h2").textContent()).toBe("Không kết nối được với Excel");
    expect(await page.locator("#unavailable-reason").textContent()).toMatch(/Không tải được thư viện Office\.js/);
    expect(await page.locator("#ready").isHidden()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "addin-taskpane-unavailable.png"), fullPage: true });
    await page.close();
  });

  it("says the page is outside Excel when Office.js loads but no Excel host answers", async () => {
    const page = await browser!.newPage();
    await page.setViewportSize({ width: 380, height: 640 });
    const outside = "window.Office = { HostType: { Excel: 'Excel' }, onReady: () => Promise.resolve({ host: null, platform: null }) };";
    await page.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: outside }));
    await page.goto(`http://127.0.0.1:${server!.port}/taskpane.html`);
    await page.getByRole("alert").waitFor({ state: "visible" });
    expect(await page.locator("#unavailable-reason").textContent()).toMatch(/mở ngoài Excel/);
    await page.close();
  });
});

/**
 * The sidebar (appsscript/sidebar.html) in headless Chromium, its `google.script.run` wired to the built
 * Code.js running in a Node `vm` over the SpreadsheetApp fake (arguments and results go through JSON, as
 * google.script.run serializes them). Clicks «Kiểm tra dữ liệu», follows a problem link to its cell, fixes the
 * cell, clicks «Tính lại xếp hạng» and reads the ranking. Screenshot in test/artifacts/gas-sidebar.png.
 */
import { existsSync, mkdirSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SheetsHost } from "../appsscript/sheetsHost.ts";
import { buildGas } from "../scripts/build-gas.ts";
import { planInputSheets } from "../shared/workbook/planInputSheets.ts";
import { sonLaExample } from "../shared/workbook/sonLaExample.ts";
import { fakeEnvironment, hostServices } from "./fakes/fakeSheets.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI === "true") throw new Error(`CI: chromium is required at ${CHROMIUM}`);
if (!haveChromium) console.warn(`[gasSidebar] skipped: no chromium at ${CHROMIUM} (apt-get install chromium)`);

const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;

/** google.script.run in the page: every call goes to the exposed `__gasCall` (Node), JSON both ways. */
const RUN_SHIM = `
  (function () {
    function runner(ok, fail) {
      return new Proxy({}, {
        get: function (_t, name) {
          if (name === "withSuccessHandler") return function (f) { return runner(f, fail); };
          if (name === "withFailureHandler") return function (f) { return runner(ok, f); };
          return function () {
            var args = JSON.stringify(Array.prototype.slice.call(arguments));
            window.__gasCall(String(name), args).then(
              function (r) { if (ok) ok(r === undefined ? undefined : JSON.parse(r)); },
              function (e) { if (fail) fail(e); }
            );
          };
        }
      });
    }
    window.google = { script: { get run() { return runner(null, null); } } };
  })();
`;

describe.skipIf(!haveChromium)("the sidebar in Chromium, served by the bundle over the Sheets fake", () => {
  let dir = "";
  let browser: Browser | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gas-sidebar-"));
    await buildGas(dir);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("lists a problem whose link selects the cell, then recalculates and shows Sở Giao thông vận tải first (95,44)", async () => {
    const code = await readFile(join(dir, "Code.js"), "utf8");
    const html = await readFile(join(dir, "sidebar.html"), "utf8");
    const env = fakeEnvironment({ sidebar: html });
    const context = vm.createContext({ ...env.globals });
    vm.runInContext(code, context, { filename: "Code.js" });
    const script = context as unknown as Record<string, (...a: unknown[]) => unknown>;

    // The Sơn La workbook, with one score above its maximum.
    const input = sonLaExample();
    input.blocks[0]!.scores["SGTVT"]!["1.1.1"] = 7;
    env.spreadsheet._addSheet("Trang tính1");
    new SheetsHost(env.spreadsheet._self as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, hostServices(env)).write(
      planInputSheets(input, { withScores: true }),
    );

    const page = await browser!.newPage();
    await page.setViewportSize({ width: 300, height: 1000 });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const calls: string[] = [];
    await page.exposeFunction("__gasCall", async (name: string, args: string) => {
      calls.push(name);
      const fn = script[name];
      if (typeof fn !== "function") throw new Error(`${name} is not a global of Code.js`);
      const result = await fn(...(JSON.parse(args) as unknown[]));
      return result === undefined ? undefined : JSON.stringify(result);
    });
    // The shim goes before the sidebar's own script, as Apps Script's iframe defines google.script.run first.
    await page.setContent(html.replace("<script>", `<script>${RUN_SHIM}</script>\n  <script>`));

    await page.getByRole("button", { name: "Kiểm tra dữ liệu" }).click();
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 20_000 }).toMatch(/Dữ liệu có 1 lỗi/);
    const link = page.locator("#problem-list li a").first();
    const where = (await link.textContent()) ?? "";
    expect(where).toMatch(/^Điểm - Sở![A-Z]+\d+$/);
    expect(await page.locator("#problem-list li").first().textContent()).toBe(`${where}: 7 vượt điểm tối đa 0,5`);
    await link.click();
    await expect.poll(() => calls.includes("sidebarSelectCell")).toBe(true);
    const cell = where.split("!")[1]!;
    expect(env.spreadsheet._activeSheet?._name).toBe("Điểm - Sở");
    expect(env.spreadsheet._sheet("Điểm - Sở")!._at(cell)?.value).toBe(7);
    const active = env.spreadsheet._activeRange!;
    expect(env.spreadsheet._sheet("Điểm - Sở")!._self.getRange(active.row, active.col).getA1Notation()).toBe(cell);

    // The person fixes the cell, then recalculates.
    env.spreadsheet._sheet("Điểm - Sở")!._at(cell)!.value = 0.5;
    await page.getByRole("button", { name: "Tính lại xếp hạng" }).click();
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 30_000 }).toMatch(/Đã tính lại/);
    expect(await page.locator("#problems").isHidden()).toBe(true);
    const firstRow = page.locator("#summary-blocks article").first().locator("tr").nth(1);
    expect(await firstRow.locator("td, th").allTextContents()).toEqual(["1", "Sở Giao thông vận tải", "95,44", "A"]);
    expect(await page.locator("#summary-blocks article").first().locator(".chip").first().textContent()).toBe("Trung bình 85,97");
    expect(await page.locator("#steps li").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, "gas-sidebar.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

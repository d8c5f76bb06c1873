/**
 * `cchc notices BOOK.xlsx [--out DIR]`: notices written into the book (owned sheets only, atomically), or one
 * workbook per unit named by its code; a book with errors: exit 2, cell-named Vietnamese messages, nothing written.
 * The usage test spawns the built `lib/cchc.mjs` as a user runs it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { run as notices } from "../cli/commands/notices.ts";
import { run as workbook } from "../cli/commands/workbook.ts";
import { openWorkbook } from "../cli/xlsx/openWorkbook.ts";
import { saveWorkbook } from "../cli/xlsx/saveWorkbook.ts";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { captureCli } from "./helpers/captureCli.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const FIXTURE = path.join(ROOT, "test/fixtures/son-la-2023/input.json");
const TMP = mkdtempSync(path.join(tmpdir(), "cchc-notices-"));
let BOOK = "";

beforeAll(async () => {
  BOOK = path.join(TMP, "book.xlsx");
  const made = await captureCli(() => workbook([FIXTURE, BOOK]));
  expect(made.code, made.stderr).toBe(0);
});

describe("cchc notices", () => {
  it("into the book: the two notice sheets, the other sheets kept; a second run gives the same bytes", async () => {
    const book = path.join(TMP, "into.xlsx");
    copyFileSync(BOOK, book);
    const before = await new XlsxHost(await openWorkbook(book)).listSheets();
    const r = await captureCli(() => notices([book]));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      `Đã ghi phiếu thông báo kết quả của 32 đơn vị vào ${book}: «Thông báo kết quả - Sở», «Thông báo kết quả - Huyện»\n`,
    );
    const host = new XlsxHost(await openWorkbook(book));
    expect(await host.listSheets()).toEqual([...before, "Thông báo kết quả - Sở", "Thông báo kết quả - Huyện"]);
    const so = (await host.readSheets(["Thông báo kết quả - Sở"]))["Thông báo kết quả - Sở"]!;
    expect(so[1]?.[0]).toBe("Sở Giao thông vận tải");
    const first = readFileSync(book);
    expect((await captureCli(() => notices([book]))).code).toBe(0);
    expect(Buffer.compare(readFileSync(book), first)).toBe(0);
  });

  it("--out DIR: one workbook per unit, named by its code, the book unchanged", async () => {
    const dir = path.join(TMP, "phieu");
    const before = readFileSync(BOOK);
    const r = await captureCli(() => notices([BOOK, "--out", dir]));
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(32);
    expect(files).toContain("SGTVT.xlsx");
    expect(files).toContain("BYE.xlsx");
    expect(files.some((f) => f.endsWith(".tmp"))).toBe(false);
    const host = new XlsxHost(await openWorkbook(path.join(dir, "SNGV.xlsx")));
    expect(await host.listSheets()).toEqual(["Thông báo - SNGV"]);
    const grid = (await host.readSheets(["Thông báo - SNGV"]))["Thông báo - SNGV"]!;
    expect(grid[1]?.[0]).toBe("Sở Ngoại vụ");
    expect(grid.flat()).toContain("Để đạt hạng 19, chỉ số cần tăng thêm 0,27 điểm.");
    expect(Buffer.compare(readFileSync(BOOK), before)).toBe(0);
  });

  it("a book with an error: exit 2, the cell named in Vietnamese, nothing written (neither the book nor DIR)", async () => {
    const book = path.join(TMP, "bad.xlsx");
    const wb = await openWorkbook(BOOK);
    const host = new XlsxHost(wb);
    const grid = (await host.readSheets(["Điểm - Sở"]))["Điểm - Sở"]!;
    const r = grid.findIndex((row) => row[0] === "1.1.1");
    await host.write([{ sheet: "Điểm - Sở", mode: "update", blocks: [{ row: r, col: 3, values: [["9,5"]] }] }]);
    await saveWorkbook(wb, book);
    const before = readFileSync(book);
    const into = await captureCli(() => notices([book]));
    expect(into.code).toBe(2);
    expect(into.stdout).toBe("");
    expect(into.stderr).toContain(`Điểm - Sở!D${r + 1}: `);
    expect(into.stderr).toContain(`${book}: 1 lỗi; không ghi gì.`);
    expect(Buffer.compare(readFileSync(book), before)).toBe(0);
    const dir = path.join(TMP, "none");
    const out = await captureCli(() => notices([book, "--out", dir]));
    expect(out.code).toBe(2);
    expect(existsSync(dir)).toBe(false);
  });

  it("usage: listed in `cchc --help`; a missing DIR after --out is wrong usage (exit 1)", () => {
    const cli = path.join(ROOT, "lib/cchc.mjs");
    const help = execFileSync(process.execPath, [cli, "--help"], { encoding: "utf8" });
    expect(help).toContain("notices BOOK.xlsx [--out DIR]");
    const r = spawnSync(process.execPath, [cli, "notices", BOOK, "--out"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("Cách dùng: cchc notices BOOK.xlsx [--out DIR]\n");
  });
});

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import { resultSchema } from "../shared/schema/resultSchema.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";
import { recalculateWorkbook } from "../shared/workbook/recalculateWorkbook.ts";
import { validateWorkbook } from "../shared/workbook/validateWorkbook.ts";
import { formatProblem } from "../shared/problem.ts";
import { columnLetters } from "../shared/workbook/port.ts";
import { openWorkbook } from "../cli/xlsx/openWorkbook.ts";
import { workbookBytes } from "../cli/xlsx/saveWorkbook.ts";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { XlsxBook } from "../cli/xlsx/XlsxBook.ts";
import { bookOf, excelOf } from "./xlsxBooks.ts";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const fixturePath = resolve(root, "test/fixtures/son-la-2023/input.json");
const fixture = JSON.parse(readFileSync(fixturePath, "utf8")) as InputDocument;
const cli = (args: string[]) =>
  run(process.execPath, [resolve(root, "lib/cchc.mjs"), ...args], { cwd: root }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

/** A workbook made by the tool from the input; `excel` reads it with exceljs (an independent reader). */
async function bookFrom(
  input: InputDocument,
  recalc = true,
): Promise<{ book: XlsxBook; host: XlsxHost; excel: () => Promise<ExcelJS.Workbook> }> {
  const book = XlsxBook.create();
  const host = new XlsxHost(book);
  const created = await createTemplate(host, input, { withScores: true });
  expect(created.ok).toBe(true);
  if (recalc) expect((await recalculateWorkbook(host)).ok).toBe(true);
  return { book, host: new XlsxHost(book), excel: () => excelOf(book) };
}

function sheetValues(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    rows[r - 1] = (row.values as unknown[]).slice(1);
  });
  return rows;
}

describe("workbook round trip (JSON → workbook → JSON)", () => {
  it("reads back the fixture and computes exactly what the JSON gives", async () => {
    const { host } = await bookFrom(fixture);
    const fromBook = await validateWorkbook(host);
    const fromJson = computeIndex(fixture);
    expect(fromJson.ok && fromBook.ok).toBe(true);
    if (!fromJson.ok || !fromBook.ok) return;
    expect(fromBook.result).toEqual(fromJson.result);
    resultSchema.parse(fromBook.result);
  });

  it("CLI: `workbook` then `compute BOOK --json` equals `compute INPUT.json --json`", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cchc-"));
    const book = join(dir, "book.xlsx");
    const made = await cli(["workbook", fixturePath, book]);
    expect(made.code, made.stderr).toBe(0);
    const a = await cli(["compute", fixturePath, "--json"]);
    const b = await cli(["compute", book, "--json"]);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
  });
});

describe("recalculation in place", () => {
  it("writes the results area under the scores: SGTVT's column holds 95,44, rank 1, group A", async () => {
    const workbook = await (await bookFrom(fixture)).excel();
    const ws = workbook.getWorksheet("Điểm - Sở")!;
    const rows = sheetValues(ws);
    const header = rows.findIndex((r) => r[0] === "Mã");
    const col = rows[header]!.indexOf("SGTVT");
    const label = (text: string) => rows.findIndex((r) => typeof r[1] === "string" && r[1].startsWith(text));
    expect(rows[label("Tổng điểm")]![col]).toBe(95.44);
    expect(rows[label("Xếp hạng")]![col]).toBe(1);
    expect(rows[label("Xếp nhóm")]![col]).toBe("A");
    const sngv = rows[header]!.indexOf("SNGV");
    expect(rows[label("Chỉ số")]![sngv]).toBe(81.2);
  });

  it("is idempotent: recalculating twice gives byte-identical files", async () => {
    const { book } = await bookFrom(fixture);
    const once = await workbookBytes(book);
    const reopened = XlsxBook.fromBytes(once);
    expect((await recalculateWorkbook(new XlsxHost(reopened))).ok).toBe(true);
    const twice = await workbookBytes(reopened);
    expect(Buffer.compare(once, twice)).toBe(0);
  });

  it("keeps a person's cells around the owned areas and their own sheets", async () => {
    const workbook = await (await bookFrom(fixture)).excel();
    let scores = workbook.getWorksheet("Điểm - Sở")!;
    const last = scores.rowCount;
    const width = 3 + 20;
    const typed: [string, string][] = [
      [`A${last + 2}`, "Ghi chú của chuyên viên"],
      [`B${last + 3}`, "=không phải công thức"],
      [`${columnLetters(width + 2)}5`, "cột riêng"],
      [`${columnLetters(width + 2)}${last}`, "bên phải vùng kết quả"],
    ];
    for (const [addr, text] of typed) scores.getCell(addr).value = text;
    const own = workbook.addWorksheet("Ghi chú riêng");
    own.getCell("C3").value = 42;
    const before = sheetValues(scores).slice(0, last - 16);
    const book = await bookOf(workbook);
    expect((await recalculateWorkbook(new XlsxHost(book))).ok).toBe(true);
    const after = await excelOf(book);
    scores = after.getWorksheet("Điểm - Sở")!;
    for (const [addr, text] of typed) expect(scores.getCell(addr).value).toBe(text);
    expect(after.getWorksheet("Ghi chú riêng")!.getCell("C3").value).toBe(42);
    expect(sheetValues(scores).slice(0, last - 16)).toEqual(before);
  });

  it("finds tables by their labels: inserted rows, an added unit column, reordered sheets", async () => {
    const input = structuredClone(fixture);
    const workbook = await (await bookFrom(input, false)).excel();
    const scores = workbook.getWorksheet("Điểm - Sở")!;
    scores.spliceRows(1, 0, ["Sở Nội vụ tỉnh Sơn La"], []); // two rows inserted above the table
    // A new unit: declared in the units sheet, its column a copy of the last unit's column.
    const rows = sheetValues(scores);
    const header = rows.findIndex((r) => r[0] === "Mã");
    const from = rows[header]!.length; // first column after the last unit
    rows.forEach((r, i) => {
      if (i >= header && r[0] !== "KẾT QUẢ")
        scores.getCell(i + 1, from + 1).value = (i === header ? "MOI" : r[from - 1]) as ExcelJS.CellValue;
    });
    workbook.getWorksheet("Đơn vị - Sở")!.addRow(["MOI", "Đơn vị mới"]);
    // Move the settings sheet to the end.
    (workbook.getWorksheet("Cài đặt") as unknown as { orderNo: number }).orderNo = 99;
    const outcome = await validateWorkbook(new XlsxHost(await bookOf(workbook)));
    expect(outcome.ok ? [] : outcome.errors.map(formatProblem)).toEqual([]);
    if (!outcome.ok) return;
    const so = outcome.summary.blocks[0]!;
    expect(so.rows[0]?.code).toBe("SGTVT");
    expect(so.rows.length).toBe(21);
    // Same scores as the last listed unit: the two share a rank (competition ranking), listed in input order.
    const last = fixture.blocks[0]!.units.at(-1)!.code;
    const twin = so.rows.find((r) => r.code === last)!;
    expect(so.rows.filter((r) => r.rank === twin.rank).map((r) => r.code)).toEqual([last, "MOI"]);
  });
});

describe("bad input", () => {
  it("names every problem by sheet and cell and writes nothing", async () => {
    const workbook = await (await bookFrom(fixture, false)).excel();
    const scores = workbook.getWorksheet("Điểm - Sở")!;
    const rows = sheetValues(scores);
    const header = rows.findIndex((r) => r[0] === "Mã");
    const r111 = rows.findIndex((r) => r[0] === "1.1.1");
    const col = rows[header]!.indexOf("SGTVT");
    const addr = `${columnLetters(col)}${r111 + 1}`;
    scores.getCell(addr).value = "3,5a";
    const other = `${columnLetters(col + 1)}${r111 + 1}`;
    scores.getCell(other).value = null;
    const book = await bookOf(workbook);
    const before = await workbookBytes(book);
    const host = new XlsxHost(book);
    const outcome = await recalculateWorkbook(host);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const lines = outcome.errors.map(formatProblem);
    expect(lines).toContain(`Điểm - Sở!${addr}: "3,5a" không phải là số`);
    expect(lines).toContain(`Điểm - Sở!${other}: chưa có điểm`);
    expect(host.calls.write).toBe(0);
    expect(Buffer.compare(before, await workbookBytes(book))).toBe(0);
  });

  it("CLI recalc on an invalid file: exit 2, problems with cells, file byte-for-byte unchanged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cchc-"));
    const book = join(dir, "bad.xlsx");
    const workbook = await (await bookFrom(fixture, false)).excel();
    workbook.getWorksheet("Điểm - Sở")!.getCell("D7").value = 99;
    writeFileSync(book, new Uint8Array(await workbook.xlsx.writeBuffer()));
    const before = readFileSync(book);
    const r = await cli(["recalc", book]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Điểm - Sở!D7: 99 vượt điểm tối đa /m);
    expect(Buffer.compare(before, readFileSync(book))).toBe(0);
  });
});

describe("generated sheets", () => {
  it("never replaces a person's own sheet that happens to be named like a Biểu", async () => {
    const workbook = await (await bookFrom(fixture, false)).excel();
    workbook.addWorksheet("Biểu 3").getCell("B2").value = "Bảng tự lập của phòng CCHC";
    const book = await bookOf(workbook);
    const before = await workbookBytes(book);
    const host = new XlsxHost(book);
    const outcome = await recalculateWorkbook(host);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map(formatProblem)).toEqual([
      "Biểu 3: sheet «Biểu 3» đã có nhưng không do công cụ tạo (không có dòng «Tạo bởi cchc-index …»); công cụ không ghi đè — hãy đổi tên sheet đó rồi tính lại",
    ]);
    expect(host.calls.write).toBe(0);
    expect(Buffer.compare(before, await workbookBytes(book))).toBe(0);
  });

  it("unit and criterion names that look like formulas are written and read back as text", async () => {
    const input = structuredClone(fixture);
    const names = ["=SUM(A1:A3)", "+84 Sở", "-Ban", "@Thanh tra"];
    names.forEach((n, i) => (input.blocks[0]!.units[i]!.name = n));
    input.blocks[0]!.criteria[1]!.name = "=1+1";
    const { book } = await bookFrom(input);
    const dir = mkdtempSync(join(tmpdir(), "cchc-"));
    const path = join(dir, "f.xlsx");
    writeFileSync(path, await workbookBytes(book));
    const asExcel = await excelOf(readFileSync(path));
    let formulas = 0;
    asExcel.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula !== undefined || (cell.value !== null && typeof cell.value === "object" && "formula" in cell.value)) formulas++;
        }),
      ),
    );
    expect(formulas).toBe(0);
    const outcome = await validateWorkbook(new XlsxHost(await openWorkbook(path)));
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.input.blocks[0]!.units.slice(0, 4).map((u) => u.name)).toEqual(names);
  });

  it("every generated sheet carries the stamp; the same input gives the same stamp", async () => {
    const workbook = await (await bookFrom(fixture)).excel();
    const generated = workbook.worksheets.filter((ws) => ws.name.startsWith("Biểu") || ws.name === "Phân tích");
    expect(generated.map((w) => w.name)).toContain("Biểu 1");
    expect(generated.map((w) => w.name)).toContain("Biểu 11a");
    const stamps = new Set<string>();
    for (const ws of [...generated, workbook.getWorksheet("Điểm - Sở")!]) {
      const found = sheetValues(ws)
        .flat()
        .filter((v): v is string => typeof v === "string" && v.startsWith("Tạo bởi cchc-index 0.1.0 từ dữ liệu #"));
      expect(found.length, ws.name).toBeGreaterThan(0);
      found.forEach((s) => stamps.add(s));
    }
    expect(stamps.size).toBe(1);
  });

  it("one read per sheet and one write call per recalculation", async () => {
    const { book } = await bookFrom(fixture);
    const host = new XlsxHost(book);
    expect((await recalculateWorkbook(host)).ok).toBe(true);
    expect(host.calls.listSheets).toBe(1);
    expect(host.calls.readSheets).toBe(1);
    // Cài đặt + 6 input sheets per block (with Kiểm chứng, Ghi chú TĐG) + the 25 generated sheets (22 Biểu,
    // 2 Tổng quan, Phân tích: checked for the stamp before being replaced).
    expect(host.calls.sheetsRead).toBe(1 + 6 * 2 + 22 + 2 + 1);
    expect(host.calls.write).toBe(1);
  });
});

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { InputDocument } from "../schema/inputSchema.ts";
import { formatProblem } from "../problem.ts";
import { loadWorkbook } from "./loadWorkbook.ts";
import { planInputSheets } from "./planInputSheets.ts";
import type { CellValue, SheetWrite, WorkbookPort } from "./port.ts";
import { buildSelfAssessmentForm, findUnitBlocks, selfAssessmentFormName } from "./selfAssessmentForm.ts";
import {
  createSelfAssessmentForm,
  importSelfAssessmentForm,
  planFormImport,
  planSelfAssessmentImport,
} from "./selfAssessmentFormImport.ts";
import { readSelfAssessmentForm } from "./selfAssessmentFormRead.ts";
import { sonLaExample } from "./sonLaExample.ts";

/** A values-only port over plain grids (what any host keeps of a write). */
class MemoryPort implements WorkbookPort {
  order: string[] = [];
  grids = new Map<string, CellValue[][]>();
  writes = 0;
  async listSheets(): Promise<string[]> {
    return [...this.order];
  }
  async readSheets(names: readonly string[]): Promise<Record<string, CellValue[][]>> {
    const out: Record<string, CellValue[][]> = {};
    for (const n of names) out[n] = (this.grids.get(n) ?? []).map((row) => [...row]);
    return out;
  }
  async write(changes: readonly SheetWrite[]): Promise<void> {
    this.writes += 1;
    for (const ch of changes) {
      if (!this.order.includes(ch.sheet)) this.order.push(ch.sheet);
      const grid = ch.mode === "replace" || !this.grids.has(ch.sheet) ? [] : this.grids.get(ch.sheet)!;
      const set = (r: number, c: number, v: CellValue) => {
        while (grid.length <= r) grid.push([]);
        const row = grid[r]!;
        while (row.length <= c) row.push(null);
        row[c] = v;
      };
      for (const cl of ch.clear ?? [])
        for (let r = cl.row; r < cl.row + cl.rows; r++) for (let c = cl.col; c < cl.col + cl.cols; c++) set(r, c, null);
      for (const b of ch.blocks) b.values.forEach((line, r) => line.forEach((v, c) => set(b.row + r, b.col + c, v === "" ? null : v)));
      this.grids.set(ch.sheet, grid);
    }
  }
}

const input = sonLaExample();
const so = input.blocks.find((b) => b.id === "so")!;
const parents = new Set(so.criteria.map((c) => c.code.split(".").slice(0, -1).join(".")));
const leaves = so.criteria.filter((c) => !parents.has(c.code));
const appraised = leaves.filter((c) => (c.method ?? "appraised") === "appraised");
const FORM = "Phiếu TĐG - SGTVT";

/** The form's grid as a host would read it back (values only), with `fill` typed into the input cells. */
function filledForm(fill: (code: string, max: number) => CellValue): CellValue[][] {
  const form = buildSelfAssessmentForm(input, "so", "SGTVT");
  const grid = form.blocks[0]!.values.map((row) => [...row]);
  const header = grid.findIndex((row) => row[4] === "Điểm tự đánh giá");
  for (let r = header + 1; r < grid.length; r++) {
    const code = String(grid[r]![0]);
    const c = appraised.find((x) => x.code === code);
    if (c) {
      grid[r]![4] = fill(code, c.max);
      grid[r]![5] = `Văn bản số ${r}/SGTVT`;
    }
  }
  return grid;
}

describe("buildSelfAssessmentForm", () => {
  it("lays out title, unit, the block's criteria and a checked input cell per appraised leaf", () => {
    const form = buildSelfAssessmentForm(input, "so", "SGTVT");
    expect(form.sheet).toBe("Phiếu TĐG - SGTVT");
    expect(form.mode).toBe("replace");
    const values = form.blocks[0]!.values;
    expect(values[0]![0]).toBe("PHIẾU TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023");
    expect(values[0]![7]).toMatch(/^cchc-index:phieu-tdg\/2\|so\|SGTVT\|2023\|[0-9a-f]{8}$/);
    expect(values[1]![0]).toBe("Đơn vị: Sở Giao thông vận tải (mã SGTVT)");
    expect(values[5]!.slice(0, 7)).toEqual([
      "Mã",
      "Tên tiêu chí",
      "Điểm tối đa",
      "Phương thức",
      "Điểm tự đánh giá",
      "Tài liệu kiểm chứng",
      "Ghi chú",
    ]);
    // One row per criterion, in order, after the header (row 6 = field 1, row 8 = 1.1.1 with maximum 0,5).
    expect(values.length).toBe(6 + so.criteria.length);
    expect(values[6]!.slice(0, 3)).toEqual(["1", "Công tác chỉ đạo, điều hành CCHC", 11.5]);
    expect(values[8]!.slice(0, 7)).toEqual([
      "1.1.1",
      "Ban hành kế hoạch CCHC năm kịp thời, đúng quy định",
      0.5,
      "Thẩm định",
      null,
      null,
      null,
    ]);
    // Validations: exactly the appraised leaves, each 0 … maximum on column D of its row.
    expect(form.validations).toHaveLength(appraised.length);
    expect(form.validations![0]).toEqual({
      range: { row: 8, col: 4, rows: 1, cols: 1 },
      min: 0,
      max: 0.5,
      help: "Nhập điểm từ 0 đến 0,5 (ví dụ 0,5), hoặc KĐG nếu không đánh giá.",
    });
    // Survey and SIPAS leaves say why there is nothing to type; their cell is greyed.
    const survey = leaves.find((c) => c.method === "survey")!;
    const row = values.findIndex((r) => r[0] === survey.code);
    expect(values[row]!.slice(3, 5)).toEqual(["Điều tra XHH", "Không tự đánh giá"]);
    for (const c of [4, 5, 6]) {
      expect(form.blocks[0]!.styles![row]![c]?.fill).toBe("#F2F2F2");
      expect(form.blocks[0]!.styles![8]![c]?.fill).toBe("#FFFFFF");
      expect(form.blocks[0]!.styles![6]![c]?.fill).toBe("#F2F2F2"); // field 1: a parent row
    }
    expect(form.blocks[0]!.styles![8]![0]?.numberFormat).toBe("@");
  });

  it("finds the unit's block, and throws on an unknown unit", () => {
    expect(findUnitBlocks(input, "TPSL").map((b) => b.id)).toEqual(["huyen"]);
    expect(findUnitBlocks(input, "XYZ")).toEqual([]);
    expect(() => buildSelfAssessmentForm(input, "so", "TPSL")).toThrow("không có đơn vị mã «TPSL»");
    expect(selfAssessmentFormName("SNV")).toBe("Phiếu TĐG - SNV");
  });
});

describe("readSelfAssessmentForm", () => {
  it("returns block, unit and every appraised score as typed (numbers, decimal comma, KĐG)", () => {
    const grid = filledForm((code, max) => (code === "1.1.2" ? "0,75" : code === "1.2" ? "kđg" : max));
    const read = readSelfAssessmentForm(grid, FORM);
    if (!read.ok) throw new Error(read.errors.map(formatProblem).join("\n"));
    expect(read.blockId).toBe("so");
    expect(read.unitCode).toBe("SGTVT");
    expect(Object.keys(read.scores).sort()).toEqual(appraised.map((c) => c.code).sort());
    expect(read.scores["1.1.1"]).toBe(0.5);
    expect(read.scores["1.1.2"]).toBe("0,75");
    expect(read.scores["1.2"]).toBe("kđg");
    expect(read.cells["1.1.1"]).toEqual({ score: "E9", evidence: "F9", note: "G9" });
    expect(read.evidence["1.1.1"]).toBe("Văn bản số 8/SGTVT");
    expect(read.warnings).toEqual([]);
  });

  it("names every wrong cell: above the maximum, empty, not a number, negative, a parent row", () => {
    const grid = filledForm((code, max) =>
      code === "1.1.1" ? "3,5" : code === "1.1.2" ? null : code === "1.2" ? "abc" : code === "1.4" ? -1 : max,
    );
    grid[6]![4] = 5; // field 1 is a parent row
    const read = readSelfAssessmentForm(grid, FORM);
    expect(read.ok).toBe(false);
    const lines = read.ok ? [] : read.errors.map(formatProblem);
    const rowOf = (code: string) => grid.findIndex((r) => r[0] === code) + 1;
    expect(lines).toEqual([
      `${FORM}!E7: tiêu chí "1" là tiêu chí cha, không nhập điểm (điểm tính từ các tiêu chí thành phần)`,
      `${FORM}!E9: 3,5 vượt điểm tối đa 0,5`,
      `${FORM}!E10: chưa có điểm`,
      `${FORM}!E${rowOf("1.2")}: "abc" không phải là số`,
      `${FORM}!E${rowOf("1.4")}: -1 nhỏ hơn 0`,
    ]);
  });

  it("warns (with the cell) when a score has more than 2 decimals", () => {
    const read = readSelfAssessmentForm(
      filledForm((code, max) => (code === "1.1.2" ? 0.125 : max)),
      FORM,
    );
    expect(read.ok && read.warnings.map(formatProblem)).toEqual([`${FORM}!E10: 0,125 được làm tròn thành 0,13`]);
  });

  it("refuses a sheet without the form's marker", () => {
    const grid = filledForm((_c, max) => max);
    grid[0]![7] = null;
    const read = readSelfAssessmentForm(grid, "Trang tính1");
    expect(read.ok).toBe(false);
    expect(read.ok ? "" : read.errors[0]!.message).toContain("thiếu dấu nhận diện ở ô H1");
  });
});

describe("planSelfAssessmentImport and the round trip", () => {
  async function master(): Promise<MemoryPort> {
    const port = new MemoryPort();
    await port.write(planInputSheets(input, { withScores: true }));
    return port;
  }

  it("plans one update of the unit's column only, from the first to the last criterion row", async () => {
    const port = await master();
    const grids = await port.readSheets(await port.listSheets());
    const loaded = loadWorkbook(grids);
    if (!loaded.ok) throw new Error("template does not load");
    const read = readSelfAssessmentForm(
      filledForm((_c, max) => max),
      FORM,
    );
    if (!read.ok) throw new Error("form does not read");
    const plan = planSelfAssessmentImport(loaded, read, FORM);
    if (!plan.ok) throw new Error(plan.errors.map(formatProblem).join("\n"));
    expect(plan.count).toBe(appraised.length);
    expect(plan.writes.map((w) => [w.sheet, w.mode])).toEqual([
      ["Tự đánh giá - Sở", "update"],
      ["Kiểm chứng - Sở", "update"],
      ["Ghi chú TĐG - Sở", "update"],
    ]);
    expect(plan.writes[0]!.blocks).toHaveLength(1);
    const self = grids["Tự đánh giá - Sở"]!;
    const header = self.findIndex((r) => r[0] === "Mã");
    const col = self[header]!.indexOf("SGTVT");
    const first = self.findIndex((r) => r[0] === "1");
    const last = self.reduce((acc, r, i) => (typeof r[0] === "string" && /^\d+(\.\d+)*$/.test(r[0]) ? i : acc), -1);
    const block = plan.writes[0]!.blocks[0]!;
    expect({ row: block.row, col: block.col, rows: block.values.length }).toEqual({ row: first, col, rows: last - first + 1 });
    block.values.forEach(([v]: CellValue[], i: number) => {
      const code = String(self[first + i]![0]);
      const c = appraised.find((x) => x.code === code);
      expect(v, code).toBe(c ? c.max : (self[first + i]![col] ?? null));
    });
  });

  it("creates, fills and imports a form through a port; the master then holds the agency's scores", async () => {
    const port = await master();
    expect(await createSelfAssessmentForm(port, " SGTVT ")).toEqual({ ok: true, sheet: FORM });
    expect(await createSelfAssessmentForm(port, "SGTVT")).toMatchObject({ ok: false });
    // The agency types half of each maximum, some with a decimal comma, one KĐG.
    const grid = port.grids.get(FORM)!;
    for (const row of grid) {
      const c = appraised.find((x) => x.code === row[0]);
      if (c) row[4] = c.code === "1.2" ? "KĐG" : String(c.max / 2).replace(".", ",");
      if (c && c.code !== "1.1.1") row[5] = `KH số ${c.code}`;
    }
    const before = port.writes;
    const result = await importSelfAssessmentForm(port, FORM);
    // The KĐG is imported, with a warning: SGTVT's final score on 1.2 is not KĐG, so it would get no self total.
    expect(result).toEqual({
      ok: true,
      unitCode: "SGTVT",
      sheet: "Tự đánh giá - Sở",
      count: appraised.length,
      warnings: [
        {
          path: FORM,
          sheet: FORM,
          cell: "F9",
          message: "điểm tự đánh giá 0,25 của tiêu chí 1.1.1 chưa có tài liệu kiểm chứng (số, ngày văn bản hoặc đường dẫn)",
        },
        {
          path: FORM,
          sheet: FORM,
          cell: "E11",
          message:
            "KĐG ở tiêu chí 1.2: đơn vị SGTVT chỉ có «Điểm tự đánh giá» nếu tiêu chí này cũng là KĐG ở sheet «Điểm - Sở» " +
            "(điểm tự đánh giá tính trên đúng các tiêu chí được thẩm định)",
        },
      ],
    });
    expect(port.writes).toBe(before + 1);
    const loaded = loadWorkbook(await port.readSheets(await port.listSheets()));
    if (!loaded.ok) throw new Error("master does not load");
    const self = loaded.input.blocks.find((b) => b.id === "so")!.selfScores!;
    for (const c of appraised) expect(self["SGTVT"]![c.code], c.code).toBe(c.code === "1.2" ? "KĐG" : c.max / 2);
    // Another unit's self scores are untouched.
    for (const c of appraised) expect(self["SNV"]![c.code], c.code).toBe(so.selfScores!["SNV"]![c.code]);
  });

  it("writes nothing when the form has any problem, or the unit is not in the master", async () => {
    const port = await master();
    await createSelfAssessmentForm(port, "SGTVT");
    const grid = port.grids.get(FORM)!;
    for (const row of grid) if (appraised.some((x) => x.code === row[0])) row[4] = 0;
    grid[0]![7] = String(grid[0]![7]).replace("|SGTVT|", "|KHAC|");
    const before = port.writes;
    const result = await importSelfAssessmentForm(port, FORM);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map(formatProblem)).toEqual([
      `${FORM}!H1: đơn vị «KHAC» của phiếu không có trong danh sách đơn vị khối «Các sở, ban, ngành»`,
    ]);
    expect(port.writes).toBe(before);
    expect(await importSelfAssessmentForm(port, "Điểm - Sở")).toMatchObject({ ok: false });
    expect(await createSelfAssessmentForm(port, "XYZ")).toMatchObject({ ok: false });
    expect(port.writes).toBe(before);
  });

  it("creates missing evidence and notes sheets (an older book); a re-import replaces the unit's evidence and notes whole", async () => {
    const port = await master();
    for (const name of ["Kiểm chứng - Sở", "Ghi chú TĐG - Sở"]) {
      port.grids.delete(name);
      port.order = port.order.filter((n) => n !== name);
    }
    await createSelfAssessmentForm(port, "SGTVT");
    const grid = port.grids.get(FORM)!;
    const rowOf = (code: string) => grid.find((r) => r[0] === code)!;
    for (const row of grid) if (appraised.some((x) => x.code === row[0])) [row[4], row[5]] = [0, null];
    rowOf("1.1.1")[4] = 0.5;
    rowOf("1.1.1")[5] = "KH số 1";
    rowOf("1.1.2")[4] = 1;
    rowOf("1.1.2")[5] = "https://vanban.sonla.gov.vn/1";
    rowOf("1.1.2")[6] = "bản giấy gửi sau";
    expect(await importSelfAssessmentForm(port, FORM)).toMatchObject({ ok: true, warnings: [] });
    expect(port.order).toEqual(expect.arrayContaining(["Kiểm chứng - Sở", "Ghi chú TĐG - Sở"]));
    const first = loadWorkbook(await port.readSheets(await port.listSheets()));
    if (!first.ok) throw new Error(first.errors.map(formatProblem).join("\n"));
    expect(first.input.blocks[0]!.evidence).toEqual({ SGTVT: { "1.1.1": "KH số 1", "1.1.2": "https://vanban.sonla.gov.vn/1" } });
    expect(first.input.blocks[0]!.selfNotes).toEqual({ SGTVT: { "1.1.2": "bản giấy gửi sau" } });
    // Again, without the link and the note: they are gone; 1.1.2 (1 point) now warns at its evidence cell.
    rowOf("1.1.2")[5] = null;
    rowOf("1.1.2")[6] = null;
    const again = await importSelfAssessmentForm(port, FORM);
    expect(again.ok ? again.warnings.map(formatProblem) : []).toEqual([
      `${FORM}!F${grid.indexOf(rowOf("1.1.2")) + 1}: điểm tự đánh giá 1 của tiêu chí 1.1.2 chưa có tài liệu kiểm chứng (số, ngày văn bản hoặc đường dẫn)`,
    ]);
    const second = loadWorkbook(await port.readSheets(await port.listSheets()));
    if (!second.ok) throw new Error("master does not load");
    expect(second.input.blocks[0]!.evidence).toEqual({ SGTVT: { "1.1.1": "KH số 1" } });
    expect(second.input.blocks[0]!.selfNotes).toBeUndefined();
  });
});

describe("a form of a book at precision 3", () => {
  it("keeps a typed «3,125» (maximum 3,125) exactly: read at the book's precision, not rounded to 3,13 and refused", () => {
    // test/fixtures/three-decimals: block «xa», leaf 1.1.1 has maximum 3,125 (its README).
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, "../../test/fixtures/three-decimals/input.json"), "utf8"),
    ) as InputDocument;
    const plan = planInputSheets(doc, { withScores: true });
    const grids: Record<string, CellValue[][]> = {};
    for (const w of plan) grids[w.sheet] = w.blocks[0]!.values.map((row) => [...row]);
    const loaded = loadWorkbook(grids);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatProblem).join("\n"));
    const name = selfAssessmentFormName("U01");
    const form = buildSelfAssessmentForm(loaded.input, "xa", "U01").blocks[0]!.values.map((row) => [...row]);
    const header = form.findIndex((row) => row[4] === "Điểm tự đánh giá");
    const xa = doc.blocks[0]!;
    const parentsOf = new Set(xa.criteria.map((c) => c.code.split(".").slice(0, -1).join(".")));
    for (let r = header + 1; r < form.length; r++) {
      const c = xa.criteria.find((x) => x.code === String(form[r]![0]));
      if (c === undefined || parentsOf.has(c.code) || (c.method ?? "appraised") !== "appraised") continue;
      form[r]![4] = c.code === "1.1.1" ? "3,125" : 0;
      form[r]![5] = "Văn bản số 1";
    }
    const out = planFormImport(loaded, form, name);
    if (!out.ok) throw new Error(out.errors.map(formatProblem).join("\n"));
    expect(out.warnings).toEqual([]);
    const self = grids["Tự đánh giá - Xã"]!;
    const row = self.findIndex((r) => r[0] === "1.1.1");
    const block = out.writes[0]!.blocks[0]!;
    expect(block.values[row - block.row]).toEqual([3.125]);
  });
});

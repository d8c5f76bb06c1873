import { describe, expect, it } from "vitest";
import { buildReportTables } from "../shared/report/buildReportTables.ts";
import { tablesToMarkdown, formatCell, flatHeader } from "../shared/report/tablesToMarkdown.ts";
import { decisionLine } from "../shared/report/decisionLine.ts";
import type { ReportTable } from "../shared/report/reportTable.ts";
import type { CellValue } from "../shared/workbook/port.ts";
import { computed, smallDoc, sonLa } from "./reportFixtures.ts";

const { input, result } = sonLa();
const tables = buildReportTables(input, result, { stamp: "Tạo bởi cchc-index (thử)" });
const byNumber = (n: string): ReportTable => {
  const t = tables.find((x) => x.number === n);
  if (t === undefined) throw new Error(`no Biểu ${n}`);
  return t;
};
const h = (v: CellValue | undefined): number => {
  if (typeof v !== "number") throw new Error(`not a number: ${String(v)}`);
  return Math.round(v * 100);
};

describe("buildReportTables on Sơn La 2023", () => {
  it("makes Biểu 1–11 for the sở and 1a–11a for the huyện, in order", () => {
    expect(tables.map((t) => t.number)).toEqual([
      ..."1 2 3 4 5 6 7 8 9 10 11".split(" "),
      ..."1a 2a 3a 4a 5a 6a 7a 8a 9a 10a 11a".split(" "),
    ]);
    expect(tables.map((t) => t.sheetName).slice(10, 12)).toEqual(["Biểu 11", "Biểu 1a"]);
  });

  it("prints the decision's title lines", () => {
    expect(byNumber("1").titleLines).toEqual([
      "Biểu số 1",
      "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC SỞ, BAN, NGÀNH",
      "(Kèm theo Quyết định số 94/QĐ-UBND ngày 17/01/2024 của Chủ tịch UBND tỉnh)",
    ]);
    expect(byNumber("1a").titleLines[1]).toBe("KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA UBND CÁC HUYỆN, THÀNH PHỐ");
    expect(byNumber("6").titleLines[0]).toBe("Biểu số 6");
    expect(byNumber("6").titleLines[1]).toContain("CẢI CÁCH THỦ TỤC HÀNH CHÍNH NĂM 2023");
    expect(decisionLine(undefined)).toBeUndefined();
    expect(decisionLine({})).toBeUndefined();
    expect(decisionLine({ number: " 12/QĐ-UBND " })).toBe("(Kèm theo Quyết định số 12/QĐ-UBND của Chủ tịch UBND tỉnh)");
    expect(decisionLine({ date: "2025-02-03" })).toBe("(Kèm theo Quyết định ngày 03/02/2025 của Chủ tịch UBND tỉnh)");
  });

  it("every numeric cell has at most 2 decimals; rows have one cell per column; merges stay inside the header", () => {
    for (const t of tables) {
      for (const row of [...t.header, ...t.body, ...t.footer]) {
        expect(row).toHaveLength(t.columns.length);
        for (const v of row) if (typeof v === "number") expect(Math.round(v * 100) / 100).toBe(v);
      }
      for (const m of t.headerMerges) {
        expect(m.row + m.rows).toBeLessThanOrEqual(t.header.length);
        expect(m.col + m.cols).toBeLessThanOrEqual(t.columns.length);
      }
      expect(t.notes[t.notes.length - 1]).toBe("Tạo bởi cchc-index (thử)");
    }
  });

  it("Biểu 1: rank order, published ends, total = thẩm định + XHH + SIPAS, index = total / max × 100", () => {
    const t = byNumber("1");
    expect(t.body).toHaveLength(20);
    expect(t.body[0]?.slice(0, 2)).toEqual([1, "Sở Giao thông vận tải"]);
    expect(t.body[0]?.slice(8)).toEqual([95.44, 100, 95.44, 1, "A"]);
    expect(t.body[19]?.slice(0, 2)).toEqual([20, "Sở Ngoại vụ"]);
    expect(t.body[19]?.[10]).toBe(81.2);
    // Ban Dân tộc tỉnh: criterion 6.4 not applicable, 85,78 of 99 → 86,65.
    const bdt = t.body.find((r) => r[1] === "Ban Dân tộc tỉnh");
    expect(bdt?.slice(8, 11)).toEqual([85.78, 99, 86.65]);
    let prev = 0;
    for (const r of t.body) {
      expect(h(r[3]) + h(r[4]) + h(r[6])).toBe(h(r[8]));
      const index = (h(r[8]) * 10000) / h(r[9]);
      expect(Math.abs(index - h(r[10]))).toBeLessThanOrEqual(0.5);
      expect(r[11] as number).toBeGreaterThanOrEqual(prev);
      prev = r[11] as number;
    }
    expect(t.footer.map((r) => r[1])).toEqual(["Trung bình", "Cao nhất", "Thấp nhất"]);
    expect(t.footer[0]?.[10]).toBe(85.97);
    expect(t.footer[0]?.slice(4, 6)).toEqual([17.83, 89.15]);
    expect(t.footer[1]?.slice(4, 6)).toEqual([18.55, 92.75]);
    expect(t.footer[2]?.slice(4, 6)).toEqual([17.36, 86.8]);
    expect(t.landscape).toBe(true);
    expect(t.notes).toContain("Chỉ số: Tổng điểm / Điểm tối đa × 100, làm tròn đến 0,01");
  });

  it("Biểu 2: previous and current index and rank, changes, means 91,19 → 85,97 (−5,22)", () => {
    const t = byNumber("2");
    expect(t.header[0]?.slice(2, 6)).toEqual(["Năm 2022", null, "Năm 2023", null]);
    expect(t.footer[0]).toEqual([null, "Trung bình", 91.19, null, 85.97, null, -5.22, null]);
    const skhdt = t.body.find((r) => r[1] === "Sở Kế hoạch và Đầu tư");
    expect(skhdt?.[7]).toBe(8);
    const snn = t.body.find((r) => r[1] === "Sở Nông nghiệp và Phát triển nông thôn");
    expect(snn?.[6]).toBe(-10.15);
    expect(snn?.[7]).toBe(-7);
    for (const r of t.body) {
      expect(h(r[4]) - h(r[2])).toBe(h(r[6]));
      expect((r[3] as number) - (r[5] as number)).toBe(r[7]);
    }
  });

  for (const suffix of ["", "a"]) {
    it(`Biểu 3${suffix}: fields add up to Tổng điểm; maxima add up to 100`, () => {
      const t = byNumber(`3${suffix}`);
      const n = t.columns.length - 5; // STT, Đơn vị, …fields, Tổng điểm, Chỉ số, Xếp hạng
      expect(n).toBe(8);
      const maxima = t.header[2]?.slice(2, 2 + n) ?? [];
      expect(maxima.reduce((s: number, v) => s + h(v), 0)).toBe(10000);
      expect(t.header[2]?.[2 + n]).toBe(100);
      for (const r of t.body) {
        const sum = r.slice(2, 2 + n).reduce((s: number, v) => s + h(v), 0);
        expect(sum).toBe(h(r[2 + n]));
      }
      expect(t.footer.map((r) => r[1])).toEqual(["Trung bình", "Cao nhất", "Thấp nhất"]);
    });

    it(`Biểu 4${suffix}–11${suffix}: units as rows in Biểu 3${suffix}'s order; a criterion = sum of its applicable sub-criteria; field total = Biểu 3${suffix}`, () => {
      const b3 = byNumber(`3${suffix}`);
      const block = input.blocks[suffix === "" ? 0 : 1]!;
      for (let f = 1; f <= 8; f++) {
        const t = byNumber(`${3 + f}${suffix}`);
        // The columns are the field's criteria and sub-criteria in the order of the criteria set, with their maxima.
        const own = block.criteria.filter((c) => c.code.startsWith(`${f}.`));
        const codes = columnCodes(t);
        expect(codes).toEqual(own.map((c) => c.code));
        expect(t.header[3]?.slice(2, 2 + codes.length)).toEqual(own.map((c) => c.max));
        expect(t.body.map((r) => r[1])).toEqual(b3.body.map((r) => r[1]));
        expect(t.body.map((r) => r[0])).toEqual(b3.body.map((r) => r[0]));
        const col = (code: string) => 2 + codes.indexOf(code);
        const childrenOf = (code: string) =>
          codes.filter((c) => c.startsWith(`${code}.`) && c.split(".").length === code.split(".").length + 1);
        t.body.forEach((r, k) => {
          for (const code of codes) {
            const children = childrenOf(code);
            if (children.length === 0) continue;
            const applicable = children.filter((c) => r[col(c)] !== "KĐG");
            if (applicable.length === 0) expect(r[col(code)]).toBe("KĐG");
            else expect(h(r[col(code)])).toBe(applicable.reduce((s: number, c) => s + h(r[col(c)]), 0));
          }
          const top = childrenOf(String(f)).filter((c) => r[col(c)] !== "KĐG");
          const total = r[t.columns.length - 1];
          expect(h(total)).toBe(top.reduce((s: number, c) => s + h(r[col(c)]), 0));
          expect(total).toBe(b3.body[k]?.[1 + f]);
        });
        // The closing row: each column's mean over the units assessed; the field mean is Biểu 3's Trung bình.
        const mean = t.footer[0]!;
        expect(mean[1]).toBe("Trung bình");
        expect(mean[t.columns.length - 1]).toBe(b3.footer[0]?.[1 + f]);
        for (const code of codes) {
          const values = t.body.map((r) => r[col(code)]).filter((v): v is number => typeof v === "number");
          const sum = values.reduce((s, v) => s + Math.round(v * 100), 0);
          expect(h(mean[col(code)]), code).toBe(Math.floor((2 * sum + values.length) / (2 * values.length)));
        }
        // Every column's criterion is named in the legend under the table.
        for (const c of own) expect(t.notes).toContain(`${c.code}. ${c.name} (tối đa ${String(c.max).replace(".", ",")} điểm)`);
      }
    });
  }

  it("Biểu 9 (field 6): criterion 6.4 is KĐG for Ban Dân tộc tỉnh and Thanh tra tỉnh only; its mean is over 18 units", () => {
    const t = byNumber("9");
    const k = 2 + columnCodes(t).indexOf("6.4");
    const na = t.body.filter((r) => r[k] === "KĐG").map((r) => r[1]);
    expect(na).toEqual(["Ban Dân tộc tỉnh", "Thanh tra tỉnh"]);
    const values = t.body.map((r) => r[k]).filter((v): v is number => typeof v === "number");
    expect(values).toHaveLength(18);
    const mean = Math.round(values.reduce((s, v) => s + Math.round(v * 100), 0) / 18);
    expect(h(t.footer[0]?.[k])).toBe(mean);
  });

  it("published field figures appear in Biểu 3 (means) and in Biểu 4–11 (extremes)", () => {
    expect(byNumber("3").footer[0]?.slice(2, 10)).toEqual([7.69, 9.67, 12.1, 11.86, 11, 10.55, 13.47, 9.54]);
    expect(byNumber("3a").footer[0]?.slice(2, 10)).toEqual([8.39, 8.9, 12.02, 11.77, 10.29, 10.35, 10.78, 13.34]);
    expect(byNumber("3").footer[1]?.slice(2, 10)).toEqual([11.41, 10.32, 14, 12.25, 11.77, 11.39, 16.85, 10]);
    expect(byNumber("3").footer[2]?.slice(2, 10)).toEqual([3.89, 8.51, 9.5, 10.2, 9.59, 9.25, 10.63, 8.64]);
  });

  it("renders Markdown: a heading per table, a pipe table with one cell per column, Vietnamese numbers", () => {
    const md = tablesToMarkdown(tables);
    expect(md.startsWith("### Biểu số 1\n\n**KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC SỞ, BAN, NGÀNH**\n")).toBe(true);
    expect(md).toContain("\n### Biểu số 11a\n");
    expect(md).toContain("| 1 | Sở Giao thông vận tải | 68,58 | 67,41 | 18,34 |");
    expect(md).toContain("| 20 | Sở Ngoại vụ |");
    expect(md).toContain("81,20");
    const firstRows = md.split("\n").filter((l) => l.startsWith("| 1 | Sở Giao thông vận tải"));
    expect(firstRows).toHaveLength(11); // Biểu 1–11: the first-ranked unit opens each table's body
    expect(firstRows[0]?.split(" | ").length).toBe(13);
    for (const line of firstRows) expect(line.split(" | ").length).toBeGreaterThanOrEqual(4);
    expect(flatHeader(byNumber("2")).slice(2, 4)).toEqual(["Năm 2022 – Chỉ số", "Năm 2022 – Xếp hạng"]);
    expect(formatCell(-5.22, "signedScore")).toBe("-5,22");
    expect(formatCell(8, "signedInteger")).toBe("+8");
    expect(formatCell(81.2, "score")).toBe("81,20");
  });
});

describe("buildReportTables on a small hand-made input", () => {
  it("ties share rank 1; Biểu 2 explains the missing previous year; no decision → no decision line", () => {
    const small = computed(smallDoc());
    const t = buildReportTables(small.input, small.result);
    expect(t.map((x) => x.number)).toEqual(["1", "2", "3", "4", "5"]);
    const b1 = t[0];
    expect(b1?.titleLines).toHaveLength(2);
    expect(b1?.body.map((r) => [r[1], r[11], r[12]])).toEqual([
      ["Đơn vị An", 1, "A"],
      ["Đơn vị Bình", 1, "A"],
      ["Đơn vị Cường", 3, "B"],
    ]);
    expect(b1?.footer[0]?.[10]).toBe(83.33);
    const b2 = t[1];
    expect(b2?.body).toEqual([]);
    expect(b2?.notes).toContain("Không có đủ số liệu Chỉ số CCHC năm 2022 của các đơn vị trong khối nên không lập được bảng so sánh.");
    // Biểu 4: units as rows (STT, Đơn vị, 1.1, 1.2, field total); means (36+37+30)/3, (18+17+14)/3, (54+54+44)/3.
    expect(t[3]?.header[1]?.slice(2)).toEqual(["1.1", "1.2", null]);
    expect(t[3]?.header[3]).toEqual([null, "Điểm tối đa", 40, 20, 60]);
    expect(t[3]?.body).toEqual([
      [1, "Đơn vị An", 36, 18, 54],
      [2, "Đơn vị Bình", 37, 17, 54],
      [3, "Đơn vị Cường", 30, 14, 44],
    ]);
    expect(t[3]?.footer[0]).toEqual([null, "Trung bình", 34.33, 16.33, 50.67]);
  });

  it("tables are numbered by the block's position, whatever its id: 1–11, then 1a–11a, then 1b–11b", () => {
    const doc = smallDoc();
    (doc.blocks as { id: string }[])[0]!.id = "xa";
    const small = computed(doc);
    expect(buildReportTables(small.input, small.result).map((x) => x.number)).toEqual(["1", "2", "3", "4", "5"]);
    const three = smallDoc() as { blocks: { id: string; name: string }[] };
    const [first] = three.blocks;
    three.blocks = ["so", "xa", "huyen"].map((id) => ({ ...structuredClone(first!), id, name: `Khối ${id}` }));
    const big = computed(three);
    const tables = buildReportTables(big.input, big.result);
    expect(tables.map((x) => x.number)).toEqual(["1", "2", "3", "4", "5", "1a", "2a", "3a", "4a", "5a", "1b", "2b", "3b", "4b", "5b"]);
    expect(tables.map((x) => x.sheetName).slice(10)).toEqual(["Biểu 1b", "Biểu 2b", "Biểu 3b", "Biểu 4b", "Biểu 5b"]);
    expect(tables[13]?.titleLines[0]).toBe("Biểu số 4b");
    expect(tables[13]?.notes.join("\n")).toContain("Biểu số 3b");
  });
});

/** Full codes of a field table's score columns, read back from its header: criterion codes in row 1 (merged
 * over the criterion's group), the last part of a sub-criterion's code in row 2 ("Cộng" = the criterion itself). */
function columnCodes(t: ReportTable): string[] {
  const codes: string[] = [];
  let group = "";
  for (let c = 2; c < t.columns.length - 1; c++) {
    const top = t.header[1]?.[c];
    const part = t.header[2]?.[c];
    if (typeof top === "string") {
      group = top;
      codes.push(top);
      expect(part === null || part === "Cộng").toBe(true);
    } else codes.push(`${group}.${String(part)}`);
  }
  return codes;
}

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import { buildAnalysis } from "../shared/report/buildAnalysis.ts";
import { buildReportTables } from "../shared/report/buildReportTables.ts";
import { analysisToMarkdown } from "../shared/report/analysisToMarkdown.ts";
import { formatNumberVi } from "../shared/format/formatNumberVi.ts";
import type { ReportTable } from "../shared/report/reportTable.ts";
import { computed, smallDoc, sonLa } from "./reportFixtures.ts";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import { planInputSheets } from "../shared/workbook/planInputSheets.ts";
import { loadWorkbook } from "../shared/workbook/loadWorkbook.ts";
import { cellAddress } from "../shared/workbook/port.ts";
import { gridsOf } from "./helpers/gridsOf.ts";

// Expected sentences typed by hand from seed-facts.md (the decision's figures, restored diacritics).
const { input, result } = sonLa();
const sections = buildAnalysis(input, result);
const so = sections[0]?.paragraphs ?? [];
const huyen = sections[1]?.paragraphs ?? [];

describe("buildAnalysis on Sơn La 2023: khối sở (seed-facts.md)", () => {
  it("has one section per block with the decision's titles", () => {
    expect(sections.map((s) => [s.blockId, s.title])).toEqual([
      ["so", "1. Đối với khối sở"],
      ["huyen", "2. Đối với khối huyện"],
    ]);
    expect(so[0]).toBe("a) Kết quả chung (Biểu số 1, 2)");
  });

  it("states the mean, its fall and the units above and below the mean", () => {
    expect(so).toContain(
      "Tổng điểm trung bình của các sở đạt: 85,97/100 điểm, giảm 5,22 điểm so với năm 2022, có 11 đơn vị đạt kết quả trên mức trung bình, trong đó Sở Giao thông vận tải nhất bảng với 95,44 điểm; có 09 đơn vị đạt kết quả dưới mức trung bình, trong đó Sở Ngoại vụ cuối bảng với 81,2 điểm; cụ thể:",
    );
  });

  it("lists the groups in rank order with counts, shares and the change against 2022", () => {
    expect(so).toContain(
      "- Nhóm A (từ 90 điểm trở lên), có 02 đơn vị chiếm tỷ lệ 10%, bao gồm: Sở Giao thông vận tải, Sở Nội vụ; so với năm 2022 giảm 14 đơn vị.",
    );
    expect(so).toContain(
      "- Nhóm B (từ 70 đến dưới 90 điểm), có 18 đơn vị chiếm tỷ lệ 90%, bao gồm: Sở Tài chính, Văn phòng UBND tỉnh, Sở Giáo dục và Đào tạo, Sở Tư pháp, Sở Công Thương, Ban Dân tộc tỉnh, Sở Kế hoạch và Đầu tư, Thanh tra tỉnh, Ban Quản lý các khu công nghiệp tỉnh, Sở Thông tin và Truyền thông, Sở Khoa học và Công nghệ, Sở Văn hóa, Thể thao và Du lịch, Sở Nông nghiệp và Phát triển nông thôn, Sở Lao động, Thương binh và Xã hội, Sở Xây dựng, Sở Y tế, Sở Tài nguyên và Môi trường, Sở Ngoại vụ; so với năm 2022 tăng 14 đơn vị.",
    );
    expect(so).toContain("- Không có đơn vị nào thuộc nhóm C, nhóm D.");
  });

  it("names the index risers and fallers with the largest fall", () => {
    expect(so).toContain("- Có 01 đơn vị tăng điểm so với năm 2022: Sở Lao động, Thương binh và Xã hội (tăng 3,05 điểm).");
    expect(so).toContain(
      "- Có 19 đơn vị giảm điểm so với năm 2022 bao gồm: Sở Giao thông vận tải, Sở Nội vụ, Sở Tài chính, Văn phòng UBND tỉnh, Sở Giáo dục và Đào tạo, Sở Tư pháp, Sở Công Thương, Ban Dân tộc tỉnh, Sở Kế hoạch và Đầu tư, Thanh tra tỉnh, Ban Quản lý các khu công nghiệp tỉnh, Sở Thông tin và Truyền thông, Sở Khoa học và Công nghệ, Sở Văn hóa, Thể thao và Du lịch, Sở Nông nghiệp và Phát triển nông thôn, Sở Xây dựng, Sở Y tế, Sở Tài nguyên và Môi trường, Sở Ngoại vụ, trong đó đơn vị giảm nhiều điểm nhất là Sở Nông nghiệp và Phát triển nông thôn (giảm 10,15 điểm).",
    );
  });

  it("names the rank movers (up 07, held 04, down 09) with the largest ones", () => {
    expect(so).toContain(
      "- Có 07 đơn vị tăng bậc so với năm 2022, gồm: Sở Tài chính, Sở Giáo dục và Đào tạo, Sở Kế hoạch và Đầu tư, Ban Quản lý các khu công nghiệp tỉnh, Sở Thông tin và Truyền thông, Sở Lao động, Thương binh và Xã hội, Sở Y tế, trong đó đơn vị tăng nhiều bậc nhất là Sở Kế hoạch và Đầu tư (tăng 8 bậc).",
    );
    expect(so).toContain(
      "- Có 04 đơn vị giữ bậc so với năm 2022, gồm: Sở Giao thông vận tải, Sở Nội vụ, Sở Tư pháp, Sở Văn hóa, Thể thao và Du lịch.",
    );
    expect(so).toContain(
      "- Có 09 đơn vị giảm bậc so với năm 2022, gồm: Văn phòng UBND tỉnh, Sở Công Thương, Ban Dân tộc tỉnh, Thanh tra tỉnh, Sở Khoa học và Công nghệ, Sở Nông nghiệp và Phát triển nông thôn, Sở Xây dựng, Sở Tài nguyên và Môi trường, Sở Ngoại vụ, trong đó đơn vị giảm nhiều bậc nhất là Sở Nông nghiệp và Phát triển nông thôn (giảm 7 bậc).",
    );
  });

  it("has one paragraph per field (Biểu số 4–11), the field-8 tie naming both units", () => {
    const expected = [
      "- Công tác chỉ đạo, điều hành CCHC (Biểu số 4): điểm trung bình đạt được là 7,69/11,5 điểm, Sở Giao thông vận tải đạt điểm cao nhất (11,41 điểm), Sở Ngoại vụ đạt điểm thấp nhất (3,89 điểm).",
      "- Cải cách thể chế (Biểu số 5): điểm trung bình đạt được là 9,67/10,5 điểm, Sở Nội vụ đạt điểm cao nhất (10,32 điểm), Sở Lao động, Thương binh và Xã hội đạt điểm thấp nhất (8,51 điểm).",
      "- Cải cách thủ tục hành chính (Biểu số 6): điểm trung bình đạt được là 12,1/14 điểm, Văn phòng UBND tỉnh đạt điểm cao nhất (14 điểm), Sở Y tế đạt điểm thấp nhất (9,5 điểm).",
      "- Cải cách tổ chức bộ máy hành chính (Biểu số 7): điểm trung bình đạt được là 11,86/12,5 điểm, Sở Giao thông vận tải đạt điểm cao nhất (12,25 điểm), Sở Kế hoạch và Đầu tư đạt điểm thấp nhất (10,2 điểm).",
      "- Cải cách công vụ (Biểu số 8): điểm trung bình đạt được là 11/12 điểm, Sở Giao thông vận tải đạt điểm cao nhất (11,77 điểm), Sở Tài nguyên và Môi trường đạt điểm thấp nhất (9,59 điểm).",
      "- Cải cách tài chính công (Biểu số 9): điểm trung bình đạt được là 10,55/12 điểm, Sở Giao thông vận tải đạt điểm cao nhất (11,39 điểm), Sở Giáo dục và Đào tạo đạt điểm thấp nhất (9,25 điểm).",
      "- Xây dựng và phát triển chính quyền điện tử, chính quyền số (Biểu số 10): điểm trung bình đạt được là 13,47/17,5 điểm, Sở Thông tin và Truyền thông đạt điểm cao nhất (16,85 điểm), Sở Nông nghiệp và Phát triển nông thôn đạt điểm thấp nhất (10,63 điểm).",
      "- Tác động của CCHC đến người dân, tổ chức (Biểu số 11): điểm trung bình đạt được là 9,54/10 điểm, Ban Dân tộc tỉnh, Ban Quản lý các khu công nghiệp tỉnh cùng đạt điểm cao nhất (10 điểm), Thanh tra tỉnh đạt điểm thấp nhất (8,64 điểm).",
    ];
    const start = so.indexOf("b) Kết quả của các tiêu chí (Biểu số 3)");
    expect(start).toBeGreaterThan(0);
    expect(so.slice(start + 1, start + 9)).toEqual(expected);
  });

  it("states the survey results (17,83/20 = 89,15%, 11/20 below, SNV 18,55 = 92,75%, SLDTBXH 17,36 = 86,8%)", () => {
    const i = so.indexOf("c) Kết quả điều tra xã hội học (Biểu số 1)");
    expect(i).toBeGreaterThan(0);
    expect(so[i + 1]).toBe(
      "Điểm trung bình 17,83/20 điểm đạt 89,15%, có 11/20 đơn vị có điểm đạt được thấp hơn điểm trung bình; Sở Nội vụ có điểm cao nhất, được 18,55 điểm đạt 92,75%; Sở Lao động, Thương binh và Xã hội có điểm thấp nhất, được 17,36 điểm đạt 86,8%.",
    );
  });

  it("states the SIPAS results with the field-8 tie (BDT and BQLKCN 10, TTR 8,64)", () => {
    const i = so.indexOf("d) Kết quả đo lường sự hài lòng của người dân, tổ chức (SIPAS) (Biểu số 1)");
    expect(i).toBeGreaterThan(0);
    expect(so[i + 1]).toMatch(/^Điểm trung bình 9,54\/10 điểm đạt 95,4%, có \d\d\/20 đơn vị/);
    expect(so[i + 1]).toContain(
      "Ban Dân tộc tỉnh, Ban Quản lý các khu công nghiệp tỉnh cùng có điểm cao nhất, được 10 điểm đạt 100%; Thanh tra tỉnh có điểm thấp nhất, được 8,64 điểm đạt 86,4%.",
    );
  });
});

describe("buildAnalysis on Sơn La 2023: khối huyện (seed-facts.md)", () => {
  it("states mean, change and the ends of the table", () => {
    expect(huyen[0]).toBe("a) Kết quả chung (Biểu số 1a, 2a)");
    expect(huyen).toContain(
      "Tổng điểm trung bình của các huyện đạt: 85,84/100 điểm, giảm 2,1 điểm so với năm 2022, có 05 đơn vị đạt kết quả trên mức trung bình, trong đó UBND thành phố Sơn La nhất bảng với 93,14 điểm; có 07 đơn vị đạt kết quả dưới mức trung bình, trong đó UBND huyện Bắc Yên cuối bảng với 81,24 điểm; cụ thể:",
    );
  });

  it("lists groups A (03, 25%, 2 fewer) and B (09, 75%, 2 more)", () => {
    expect(huyen).toContain(
      "- Nhóm A (từ 90 điểm trở lên), có 03 đơn vị chiếm tỷ lệ 25%, bao gồm: UBND thành phố Sơn La, UBND huyện Mộc Châu, UBND huyện Sông Mã; so với năm 2022 giảm 02 đơn vị.",
    );
    expect(huyen).toContain(
      "- Nhóm B (từ 70 đến dưới 90 điểm), có 09 đơn vị chiếm tỷ lệ 75%, bao gồm: UBND huyện Yên Châu, UBND huyện Phù Yên, UBND huyện Mường La, UBND huyện Mai Sơn, UBND huyện Vân Hồ, UBND huyện Thuận Châu, UBND huyện Quỳnh Nhai, UBND huyện Sốp Cộp, UBND huyện Bắc Yên; so với năm 2022 tăng 02 đơn vị.",
    );
  });

  it("names the movers: PYE +4,78, MSO −8,48; rank up 05 (PYE +4), held 03, down 04 (MSO and SCO −3)", () => {
    expect(huyen).toContain("- Có 01 đơn vị tăng điểm so với năm 2022: UBND huyện Phù Yên (tăng 4,78 điểm).");
    expect(huyen).toContain(
      "- Có 11 đơn vị giảm điểm so với năm 2022 bao gồm: UBND thành phố Sơn La, UBND huyện Mộc Châu, UBND huyện Sông Mã, UBND huyện Yên Châu, UBND huyện Mường La, UBND huyện Mai Sơn, UBND huyện Vân Hồ, UBND huyện Thuận Châu, UBND huyện Quỳnh Nhai, UBND huyện Sốp Cộp, UBND huyện Bắc Yên, trong đó đơn vị giảm nhiều điểm nhất là UBND huyện Mai Sơn (giảm 8,48 điểm).",
    );
    expect(huyen).toContain(
      "- Có 05 đơn vị tăng bậc so với năm 2022, gồm: UBND thành phố Sơn La, UBND huyện Yên Châu, UBND huyện Phù Yên, UBND huyện Thuận Châu, UBND huyện Quỳnh Nhai, trong đó đơn vị tăng nhiều bậc nhất là UBND huyện Phù Yên (tăng 4 bậc).",
    );
    expect(huyen).toContain("- Có 03 đơn vị giữ bậc so với năm 2022, gồm: UBND huyện Mộc Châu, UBND huyện Mường La, UBND huyện Bắc Yên.");
    expect(huyen).toContain(
      "- Có 04 đơn vị giảm bậc so với năm 2022, gồm: UBND huyện Sông Mã, UBND huyện Mai Sơn, UBND huyện Vân Hồ, UBND huyện Sốp Cộp, trong đó có 02 đơn vị giảm nhiều bậc nhất là UBND huyện Mai Sơn, UBND huyện Sốp Cộp (giảm 3 bậc).",
    );
  });

  it("has the eight field paragraphs (Biểu số 4a–11a)", () => {
    const expected = [
      "- Công tác chỉ đạo, điều hành CCHC (Biểu số 4a): điểm trung bình đạt được là 8,39/11 điểm, UBND huyện Mộc Châu đạt điểm cao nhất (10,38 điểm), UBND huyện Quỳnh Nhai đạt điểm thấp nhất (6,65 điểm).",
      "- Cải cách thể chế (Biểu số 5a): điểm trung bình đạt được là 8,9/10 điểm, UBND thành phố Sơn La đạt điểm cao nhất (9,13 điểm), UBND huyện Sốp Cộp đạt điểm thấp nhất (8,38 điểm).",
      "- Cải cách thủ tục hành chính (Biểu số 6a): điểm trung bình đạt được là 12,02/13 điểm, UBND huyện Sông Mã đạt điểm cao nhất (13 điểm), UBND huyện Thuận Châu đạt điểm thấp nhất (9,5 điểm).",
      "- Cải cách tổ chức bộ máy hành chính (Biểu số 7a): điểm trung bình đạt được là 11,77/12,5 điểm, UBND thành phố Sơn La đạt điểm cao nhất (12,05 điểm), UBND huyện Vân Hồ đạt điểm thấp nhất (10,7 điểm).",
      "- Cải cách công vụ (Biểu số 8a): điểm trung bình đạt được là 10,29/11,5 điểm, UBND huyện Sông Mã đạt điểm cao nhất (11,07 điểm), UBND huyện Bắc Yên đạt điểm thấp nhất (8,73 điểm).",
      "- Cải cách tài chính công (Biểu số 9a): điểm trung bình đạt được là 10,35/12 điểm, UBND thành phố Sơn La đạt điểm cao nhất (11,77 điểm), UBND huyện Mai Sơn đạt điểm thấp nhất (9,17 điểm).",
      "- Xây dựng và phát triển chính quyền điện tử, chính quyền số (Biểu số 10a): điểm trung bình đạt được là 10,78/14,5 điểm, UBND thành phố Sơn La đạt điểm cao nhất (13,57 điểm), UBND huyện Mai Sơn đạt điểm thấp nhất (8,53 điểm).",
      "- Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội của huyện, thành phố (Biểu số 11a): điểm trung bình đạt được là 13,34/15,5 điểm, UBND thành phố Sơn La đạt điểm cao nhất (14,82 điểm), UBND huyện Bắc Yên đạt điểm thấp nhất (11,47 điểm).",
    ];
    const start = huyen.indexOf("b) Kết quả của các tiêu chí (Biểu số 3a)");
    expect(start).toBeGreaterThan(0);
    expect(huyen.slice(start + 1, start + 9)).toEqual(expected);
  });

  it("states the survey results (16,93/20 = 84,65%, 05/12 below, TPSL 17,71, SCO 16,08)", () => {
    const i = huyen.indexOf("c) Kết quả điều tra xã hội học (Biểu số 1a)");
    expect(huyen[i + 1]).toBe(
      "Điểm trung bình 16,93/20 điểm đạt 84,65%, có 05/12 đơn vị có điểm đạt được thấp hơn điểm trung bình; UBND thành phố Sơn La có điểm cao nhất, được 17,71 điểm đạt 88,55%; UBND huyện Sốp Cộp có điểm thấp nhất, được 16,08 điểm đạt 80,4%.",
    );
  });

  it("states the SIPAS mean 9,45/10 and SMA's 10", () => {
    const i = huyen.indexOf("d) Kết quả đo lường sự hài lòng của người dân, tổ chức (SIPAS) (Biểu số 1a)");
    expect(huyen[i + 1]).toMatch(/^Điểm trung bình 9,45\/10 điểm đạt 94,5%/);
    expect(huyen[i + 1]).toContain("UBND huyện Sông Mã có điểm cao nhất, được 10 điểm đạt 100%");
  });
});

/** Every number of a table cell, formatted as the analysis prints it (absolute value). */
function cellNumbers(tables: readonly ReportTable[]): Set<string> {
  const out = new Set<string>();
  for (const t of tables) {
    for (const row of [...t.header, ...t.body, ...t.footer]) {
      for (const v of row) if (typeof v === "number") out.add(formatNumberVi(Math.abs(v)));
    }
  }
  return out;
}

/**
 * Removes what is not a figure (table numbers, years, group thresholds) and the counts, and returns the
 * counts and shares separately: [figures, counts].
 */
function splitNumbers(text: string): { figures: string[]; counts: string[]; shares: string[] } {
  const counts: string[] = [];
  const shares: string[] = [];
  let t = text
    .replace(/Biểu số \d+[a-z]?(, \d+[a-z]?)?/g, "")
    .replace(/năm \d{4}/g, "")
    .replace(/\((từ [\d,]+ điểm trở lên|từ [\d,]+ đến dưới [\d,]+ điểm|dưới [\d,]+ điểm)\)/g, "");
  t = t.replace(/chiếm tỷ lệ ([\d,]+)%/g, (_, s: string) => {
    shares.push(s);
    return "";
  });
  t = t.replace(/(\d+)(?:\/(\d+))? đơn vị/g, (_, a: string, b: string | undefined) => {
    counts.push(a);
    if (b !== undefined) counts.push(b);
    return "";
  });
  const figures = [...t.matchAll(/\d+(?:,\d+)?/g)].map((m) => m[0]);
  return { figures, counts, shares };
}

describe("every figure of the analysis is a cell of the tables", () => {
  const tables = buildReportTables(input, result);
  for (const [k, section] of sections.entries()) {
    it(`block ${section.blockId}: scores, means and percentages are table cells; counts and shares match Biểu 1`, () => {
      const suffix = k === 0 ? "" : "a";
      const own = tables.filter((t) => new RegExp(`^\\d+${suffix}$`).test(t.number));
      expect(own).toHaveLength(11);
      const cells = cellNumbers(own);
      const text = section.paragraphs.join("\n");
      const { figures, counts, shares } = splitNumbers(text);
      expect(figures.length).toBeGreaterThan(40);
      const missing = figures.filter((f) => !cells.has(f));
      expect(missing).toEqual([]);
      // Counts are zero-padded below 10 and never exceed the number of units.
      const bieu1 = own[0];
      const n = bieu1?.body.length ?? 0;
      for (const c of counts) {
        expect(Number(c)).toBeLessThanOrEqual(n);
        if (Number(c) < 10) expect(c).toMatch(/^0\d$/);
      }
      // Each group line's count and share are those of Biểu 1's "Xếp nhóm" column.
      for (const m of text.matchAll(/Nhóm (\S+) \([^)]*\), có (\d+) đơn vị chiếm tỷ lệ ([\d,]+)%/g)) {
        const members = bieu1?.body.filter((r) => r[r.length - 1] === m[1]).length ?? -1;
        expect(Number(m[2])).toBe(members);
        expect(m[3]).toBe(formatNumberVi(Math.round((members / n) * 10000) / 100));
      }
      expect(shares.length).toBeGreaterThan(0);
    });
  }
});

describe("buildAnalysis on small hand-made inputs", () => {
  it("names every tied unit and writes no comparison without previous-year data", () => {
    const small = computed(smallDoc());
    const [s] = buildAnalysis(small.input, small.result);
    const p = s?.paragraphs ?? [];
    expect(p[0]).toBe("a) Kết quả chung (Biểu số 1)");
    expect(p[1]).toBe(
      "Tổng điểm trung bình của các sở đạt: 83,33/100 điểm, có 02 đơn vị đạt kết quả trên mức trung bình, trong đó Đơn vị An, Đơn vị Bình cùng nhất bảng với 90 điểm; có 01 đơn vị đạt kết quả dưới mức trung bình, trong đó Đơn vị Cường cuối bảng với 70 điểm; cụ thể:",
    );
    expect(p).toContain("- Nhóm A (từ 90 điểm trở lên), có 02 đơn vị chiếm tỷ lệ 66,67%, bao gồm: Đơn vị An, Đơn vị Bình.");
    expect(p).toContain("- Nhóm B (từ 70 đến dưới 90 điểm), có 01 đơn vị chiếm tỷ lệ 33,33%, bao gồm: Đơn vị Cường.");
    expect(p).toContain("- Không có đơn vị nào thuộc nhóm C, nhóm D.");
    expect(p).toContain("- Chưa có đủ số liệu Chỉ số CCHC năm 2022 của các đơn vị nên chưa so sánh được với năm 2022.");
    expect(p).toContain(
      "- Lĩnh vực một (Biểu số 4): điểm trung bình đạt được là 50,67/60 điểm, Đơn vị An, Đơn vị Bình cùng đạt điểm cao nhất (54 điểm), Đơn vị Cường đạt điểm thấp nhất (44 điểm).",
    );
    expect(p).toContain(
      "Điểm trung bình 16,33/20 điểm đạt 81,65%, có 01/03 đơn vị có điểm đạt được thấp hơn điểm trung bình; Đơn vị An có điểm cao nhất, được 18 điểm đạt 90%; Đơn vị Cường có điểm thấp nhất, được 14 điểm đạt 70%.",
    );
    const text = p.join("\n");
    expect(text).not.toMatch(/so với năm|tăng bậc|giảm bậc|tăng điểm|giảm điểm/);
    expect(text).not.toMatch(/: \.|, \.|bao gồm: $/m);
  });

  it("with previous-year data and no change: no 'giảm 0', units held", () => {
    const small = computed(smallDoc(true));
    const [s] = buildAnalysis(small.input, small.result);
    const p = s?.paragraphs ?? [];
    expect(p[0]).toBe("a) Kết quả chung (Biểu số 1, 2)");
    expect(p[1]).toMatch(
      /^Tổng điểm trung bình của các sở đạt: 83,33\/100 điểm, tăng 0,0?\d điểm|^Tổng điểm trung bình của các sở đạt: 83,33\/100 điểm, bằng năm 2022/,
    );
    expect(p).toContain("- Có 03 đơn vị giữ nguyên điểm so với năm 2022 bao gồm: Đơn vị An, Đơn vị Bình, Đơn vị Cường.");
    expect(p).toContain("- Có 03 đơn vị giữ bậc so với năm 2022, gồm: Đơn vị An, Đơn vị Bình, Đơn vị Cường.");
    expect(p).toContain(
      "- Nhóm A (từ 90 điểm trở lên), có 02 đơn vị chiếm tỷ lệ 66,67%, bao gồm: Đơn vị An, Đơn vị Bình; số đơn vị không thay đổi so với năm 2022.",
    );
    const text = p.join("\n");
    expect(text).not.toMatch(/(tăng|giảm) 0+( |,0* )(điểm|bậc|đơn vị)/);
    expect(text).not.toMatch(/tăng điểm|giảm điểm|tăng bậc|giảm bậc/);
  });

  it("renders Markdown with a heading per block and bullets as a list", () => {
    const md = analysisToMarkdown(sections, { heading: "III. KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023" });
    expect(
      md.startsWith(
        "## III. KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023\n\n### 1. Đối với khối sở\n\n**a) Kết quả chung (Biểu số 1, 2)**\n\n",
      ),
    ).toBe(true);
    expect(md).toContain("\n### 2. Đối với khối huyện\n");
    expect(md).toContain(
      "\n- Nhóm A (từ 90 điểm trở lên), có 02 đơn vị chiếm tỷ lệ 10%, bao gồm: Sở Giao thông vận tải, Sở Nội vụ; so với năm 2022 giảm 14 đơn vị.\n- Nhóm B",
    );
  });
});

describe("rank movements against last year's own counts (previousRankMoves), as the decision prints them", () => {
  // Sơn La 94/QĐ-UBND, phần III: «Có 07 đơn vị tăng bậc so với năm 2022 (giảm 03 đơn vị)», «Có 04 đơn vị giữ bậc …
  // (giảm 01 đơn vị)», «Có 09 đơn vị giảm bậc … (tăng 04 đơn vị)»; khối huyện «05 … tăng bậc (tăng 01 đơn vị)»,
  // «03 … giữ bậc (tăng 01 đơn vị)», «04 … giảm bậc (giảm 02 đơn vị)». So 2022 had 10/5/5 (sở) and 4/2/6 (huyện).
  const doc = JSON.parse(readFileSync(resolve(import.meta.dirname, "fixtures/son-la-2023/input.json"), "utf8")) as {
    blocks: Record<string, unknown>[];
  };
  doc.blocks[0]!.previousRankMoves = { up: 10, held: 5, down: 5 };
  doc.blocks[1]!.previousRankMoves = { up: 4, held: 2, down: 6 };
  const withMoves = computed(doc);
  const [soText, huyenText] = buildAnalysis(withMoves.input, withMoves.result).map((s) => s.paragraphs.join("\n"));

  it("khối sở: (giảm 03 đơn vị), (giảm 01 đơn vị), (tăng 04 đơn vị)", () => {
    expect(soText).toContain("- Có 07 đơn vị tăng bậc so với năm 2022 (giảm 03 đơn vị), gồm: Sở Tài chính,");
    expect(soText).toContain("- Có 04 đơn vị giữ bậc so với năm 2022 (giảm 01 đơn vị), gồm: Sở Giao thông vận tải,");
    expect(soText).toContain("- Có 09 đơn vị giảm bậc so với năm 2022 (tăng 04 đơn vị), gồm: Văn phòng UBND tỉnh,"); // rank order (the decision lists Sở Công Thương first)
  });

  it("khối huyện: (tăng 01 đơn vị), (tăng 01 đơn vị), (giảm 02 đơn vị)", () => {
    expect(huyenText).toContain("- Có 05 đơn vị tăng bậc so với năm 2022 (tăng 01 đơn vị), gồm:");
    expect(huyenText).toContain("- Có 03 đơn vị giữ bậc so với năm 2022 (tăng 01 đơn vị), gồm:");
    expect(huyenText).toContain("- Có 04 đơn vị giảm bậc so với năm 2022 (giảm 02 đơn vị), gồm:");
  });

  it("equal counts say so; a negative count is refused at its path", () => {
    const same = JSON.parse(JSON.stringify(doc)) as typeof doc;
    same.blocks[0]!.previousRankMoves = { up: 7, held: 4, down: 9 };
    const r = computed(same);
    expect(buildAnalysis(r.input, r.result)[0]!.paragraphs.join("\n")).toContain(
      "- Có 07 đơn vị tăng bậc so với năm 2022 (số đơn vị không thay đổi), gồm:",
    );
    same.blocks[0]!.previousRankMoves = { up: -1, held: 4, down: 9 };
    const bad = computeIndex(same);
    expect(bad.ok ? [] : bad.errors.map((e) => `${e.path}: ${e.message}`)).toEqual(["blocks[0].previousRankMoves.up: phải ≥ 0"]);
  });
});

describe("group lines from last year's group counts (previousGroupCounts) when units have no previous index", () => {
  // smallDoc: Đơn vị An and Bình in A (90), Cường in B (70). Last year's decision: A 1, B 2 (merged units, no
  // unit-level previous index): A «tăng 01 đơn vị», B «giảm 01 đơn vị».
  const doc = smallDoc() as { blocks: Record<string, unknown>[] };
  doc.blocks[0]!.previousGroupCounts = { A: 1, B: 2, C: 1 };
  const r = computed(doc);
  const text = buildAnalysis(r.input, r.result)[0]!.paragraphs.join("\n");

  it("says the change of every group and names last year's count of an empty one", () => {
    expect(text).toContain("bao gồm: Đơn vị An, Đơn vị Bình; so với năm 2022 tăng 01 đơn vị.");
    expect(text).toContain("bao gồm: Đơn vị Cường; so với năm 2022 giảm 01 đơn vị.");
    expect(text).toContain("- Không có đơn vị nào thuộc nhóm C (năm 2022 có 01 đơn vị), nhóm D.");
    // Without units' previous indices there are still no index or rank movements.
    expect(text).toContain("- Chưa có đủ số liệu Chỉ số CCHC năm 2022 của các đơn vị nên chưa so sánh được với năm 2022.");
  });

  it("a group that the settings do not have is refused at its path", () => {
    doc.blocks[0]!.previousGroupCounts = { A: 1, E: 2 };
    const bad = computeIndex(doc);
    expect(bad.ok ? [] : bad.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'blocks[0].previousGroupCounts.E: nhóm "E" không có trong bảng xếp nhóm (settings.groups)',
    ]);
  });
});

describe("last year's counts in the workbook («Cài đặt»: the blocks table's and the groups table's extra columns)", () => {
  const doc = JSON.parse(readFileSync(resolve(import.meta.dirname, "fixtures/son-la-2023/input.json"), "utf8")) as InputDocument;
  doc.blocks[0]!.previousRankMoves = { up: 10, held: 5, down: 5 };
  doc.blocks[1]!.previousGroupCounts = { A: 5, B: 7 };
  const plan = planInputSheets(doc, { withScores: true });
  const settings = plan.find((w) => w.sheet === "Cài đặt")!.blocks[0]!.values;
  const cellOf = (text: string): [number, number] => {
    for (let r = 0; r < settings.length; r++) {
      const c = settings[r]!.indexOf(text);
      if (c >= 0) return [r, c];
    }
    throw new Error(`no cell ${text}`);
  };

  it("a workbook made from the JSON gives the same counts back, and the analysis prints «(giảm 03 đơn vị)»", () => {
    const loaded = loadWorkbook(gridsOf(plan));
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
    expect(loaded.input.blocks[0]!.previousRankMoves).toEqual({ up: 10, held: 5, down: 5 });
    expect(loaded.input.blocks[1]!.previousRankMoves).toBeUndefined();
    expect(loaded.input.blocks[0]!.previousGroupCounts).toBeUndefined();
    // A group left out of the JSON is written as 0 (it had none), as the contract reads a missing group.
    expect(loaded.input.blocks[1]!.previousGroupCounts).toEqual({ A: 5, B: 7, C: 0, D: 0 });
    const r = computed(loaded.input);
    expect(buildAnalysis(r.input, r.result)[0]!.paragraphs.join("\n")).toContain("- Có 07 đơn vị tăng bậc so với năm 2022 (giảm 03 đơn vị), gồm:");
  });

  it("a count typed wrong, or only one of the three, is named at its cell", () => {
    const grids = gridsOf(plan) as Record<string, (string | number | null)[][]>;
    const [hr, up] = cellOf("Năm trước: số đơn vị tăng bậc");
    grids["Cài đặt"]![hr + 1]![up] = "mười";
    grids["Cài đặt"]![hr + 2]![up + 1] = 3; // huyện: «giữ bậc» alone
    const loaded = loadWorkbook(grids);
    expect(loaded.ok ? [] : loaded.errors.map((e) => `${e.sheet}!${e.cell}: ${e.message}`)).toEqual([
      `Cài đặt!${cellAddress(hr + 1, up)}: «Năm trước: số đơn vị tăng bậc» của khối so phải là số nguyên không âm, không phải "mười"`,
      `Cài đặt!${cellAddress(hr + 2, up)}: khối huyen: thiếu «Năm trước: số đơn vị tăng bậc» (nhập đủ ba số tăng, giữ, giảm bậc năm trước hoặc để trống cả ba)`,
      `Cài đặt!${cellAddress(hr + 2, up + 2)}: khối huyen: thiếu «Năm trước: giảm bậc» (nhập đủ ba số tăng, giữ, giảm bậc năm trước hoặc để trống cả ba)`,
    ]);
  });
});

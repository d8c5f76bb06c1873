/** The loader every host shares, on the edges of bad input (issue 11): each problem named by sheet and cell. */
import { describe, expect, it } from "vitest";
import { computeIndex } from "../compute/computeIndex.ts";
import { formatProblem } from "../problem.ts";
import type { InputDocument } from "../schema/inputSchema.ts";
import { analyzeGrids } from "./analyzeWorkbook.ts";
import { loadWorkbook } from "./loadWorkbook.ts";
import { planInputSheets } from "./planInputSheets.ts";
import type { ReadValue } from "./port.ts";
import { buildSelfAssessmentForm } from "./selfAssessmentForm.ts";
import { planSelfAssessmentImport } from "./selfAssessmentFormImport.ts";
import { readSelfAssessmentForm } from "./selfAssessmentFormRead.ts";
import { sonLaExample } from "./sonLaExample.ts";
import { gridsOf } from "../../test/helpers/gridsOf.ts";

const template = () => gridsOf(planInputSheets(sonLaExample(), { withScores: true }));
const errorLines = (grids: Record<string, ReadValue[][]>): string[] => {
  const a = analyzeGrids(grids, () => {});
  expect(a.ok).toBe(false);
  return a.ok ? [] : a.errors.map(formatProblem);
};
const NOT_IN_SET = "không có trong sheet «Tiêu chí - Sở» nên điểm ở dòng này không được tính";

describe("loader: silently wrong before, now named by cell", () => {
  it("the Sơn La template with scores loads and computes as its JSON does", () => {
    const a = analyzeGrids(template(), () => {});
    const json = computeIndex(sonLaExample());
    expect(a.ok && json.ok).toBe(true);
    if (a.ok && json.ok) expect(a.result).toEqual(json.result);
  });

  it("scores typed on a criterion row that is not in «Tiêu chí» (8.2) are an error at the first typed cell", () => {
    const grids = template();
    const row: ReadValue[] = ["8.2", "Tiêu chí thêm tay", 2, null, null, 1.5, 2];
    grids["Điểm - Sở"]!.splice(126, 0, row); // row 127, below 8.1
    expect(errorLines(grids)).toEqual([
      `Điểm - Sở!F127: tiêu chí "8.2" ${NOT_IN_SET} (2 ô có điểm); thêm tiêu chí vào «Tiêu chí - Sở» hoặc xóa dòng`,
    ]);
    // The same row without any score is harmless.
    row[5] = row[6] = null;
    expect(analyzeGrids(grids, () => {}).ok).toBe(true);
  });

  it("a score typed on a parent row is an error, not ignored", () => {
    const grids = template();
    grids["Điểm - Sở"]![4]![3] = 3; // D5, field 1
    expect(errorLines(grids)).toEqual([
      'Điểm - Sở!D5: tiêu chí "1" là tiêu chí cha: không nhập điểm ở dòng này (điểm tính từ các tiêu chí thành phần)',
    ]);
  });

  it("an edited «Điểm tối đa» in a «Điểm» sheet is an error naming the cell; the same value as text is fine", () => {
    const grids = template();
    grids["Điểm - Sở"]![6]![2] = 1; // C7: 1.1.1 has 0,5
    grids["Tự đánh giá - Sở"]![7]![2] = "1,0"; // C8: 1.1.2 has 1 (same value, written as text)
    grids["Tự đánh giá - Huyện"]![4]![2] = "mười"; // C5: field 1
    expect(errorLines(grids)).toEqual([
      'Điểm - Sở!C7: điểm tối đa "1" khác điểm tối đa của tiêu chí "1.1.1" trong sheet «Tiêu chí - Sở» (0,5); điểm tối đa chỉ sửa ở sheet «Tiêu chí - Sở»',
      'Tự đánh giá - Huyện!C5: điểm tối đa "mười" khác điểm tối đa của tiêu chí "1" trong sheet «Tiêu chí - Huyện» (11); điểm tối đa chỉ sửa ở sheet «Tiêu chí - Huyện»',
    ]);
  });

  it("one KĐG among the self scores: the unit has no self total, and a warning names the cell", () => {
    const grids = template();
    grids["Tự đánh giá - Sở"]![7]![3] = "KĐG"; // D8: VPUBND, 1.1.2 (its final score is 0, not KĐG)
    const a = analyzeGrids(grids, () => {});
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.warnings.map(formatProblem)).toEqual([
      "Tự đánh giá - Sở!D8: điểm tự đánh giá của tiêu chí 1.1.2 là KĐG nhưng tiêu chí có điểm thẩm định, nên đơn vị VPUBND " +
        "không có «Điểm tự đánh giá» (nhập điểm tự đánh giá, hoặc ghi KĐG cả ở điểm thẩm định nếu tiêu chí không đánh giá)",
    ]);
    expect(a.result.blocks[0]!.units.find((u) => u.code === "VPUBND")!.self).toBeUndefined();
    expect(a.result.blocks[0]!.units.find((u) => u.code === "SNV")!.self).toBeTypeOf("number");
  });

  it("a form with one KĐG is imported with a warning naming its cell", () => {
    const grids = template();
    const so = sonLaExample().blocks[0]!;
    const parents = new Set(so.criteria.map((c) => c.code.split(".").slice(0, -1).join(".")));
    const appraised = new Set(
      so.criteria.filter((c) => !parents.has(c.code) && (c.method ?? "appraised") === "appraised").map((c) => c.code),
    );
    const empty = buildSelfAssessmentForm(sonLaExample(), "so", "SGTVT").blocks[0]!.values.map((r) => [...r]);
    for (const line of empty) if (appraised.has(String(line[0]))) line[4] = 0;
    empty[9]![4] = "kđg"; // E10: 1.1.2 (the form has six rows above its first criterion)
    const read = readSelfAssessmentForm(empty, "Phiếu TĐG - SGTVT");
    if (!read.ok) throw new Error(read.errors.map(formatProblem).join("\n"));
    const loaded = loadWorkbook(grids);
    if (!read.ok || !loaded.ok) throw new Error("unexpected");
    const plan = planSelfAssessmentImport(loaded, read, "Phiếu TĐG - SGTVT");
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.warnings.map(formatProblem)).toEqual([
      "Phiếu TĐG - SGTVT!E10: KĐG ở tiêu chí 1.1.2: đơn vị SGTVT chỉ có «Điểm tự đánh giá» nếu tiêu chí này cũng là KĐG ở sheet " +
        "«Điểm - Sở» (điểm tự đánh giá tính trên đúng các tiêu chí được thẩm định)",
    ]);
    // KĐG in the final scores too (Điểm - Sở, SGTVT's column, row of 1.1.2): imported without a warning.
    const scores = grids["Điểm - Sở"]!;
    scores[7]![scores[2]!.indexOf("SGTVT")] = "KĐG"; // row 8 holds 1.1.2
    const again = loadWorkbook(grids);
    if (!again.ok) throw new Error("unexpected");
    const quiet = planSelfAssessmentImport(again, read, "Phiếu TĐG - SGTVT");
    expect(quiet.ok && quiet.warnings).toEqual([]);
  });

  it("a unit code beside the scores that «Đơn vị» does not declare is named at its header cell", () => {
    const grids = template();
    grids["Điểm - Sở"]![2]![23] = "XYZ"; // X3
    expect(errorLines(grids)).toEqual(['Điểm - Sở!X3: khóa không hợp lệ: "XYZ" không phải mã đơn vị của khối']);
  });

  it("a groups table without a group at 0 is named at the table's header in «Cài đặt»", () => {
    const grids = template();
    grids["Cài đặt"]![16]![1] = 10; // B17: D from 10
    expect(errorLines(grids)).toEqual(["Cài đặt!A13: cần một nhóm có ngưỡng 0 (ví dụ D: dưới 50 điểm, min 0) để mọi đơn vị đều có nhóm"]);
  });

  it("«Số chữ số thập phân» in «Cài đặt»: the template writes 2; 3 is read; anything else is named at its cell", () => {
    const grids = template();
    const settings = grids["Cài đặt"]!;
    const row = settings.findIndex((r) => r[0] === "Số chữ số thập phân");
    expect(row).toBe(18); // row 19: below the groups table and an empty row
    expect(settings[row]![1]).toBe(2);
    const read = (value: ReadValue) => {
      settings[row]![1] = value;
      return loadWorkbook(grids);
    };
    const three = read(3);
    expect(three.ok && three.input.settings?.precision).toBe(3);
    const typed = read("3");
    expect(typed.ok && typed.input.settings?.precision).toBe(3);
    const empty = read(null);
    expect(empty.ok && empty.input.settings?.precision).toBe(undefined);
    for (const bad of [4, 2.5, "hai"]) {
      settings[row]![1] = bad;
      expect(errorLines(grids)).toEqual([`Cài đặt!B19: số chữ số thập phân "${String(bad).replace(".", ",")}" không hợp lệ: chỉ được 2 hoặc 3`]);
    }
  });

  it("a formula without a calculated value is said to be one, not «chưa có điểm»", () => {
    const grids = template();
    grids["Điểm - Sở"]![7]![4] = { uncalculated: true, formula: "D8*2" }; // E8
    const formula = (f: string) =>
      `ô có công thức ${f} nhưng chưa có giá trị đã tính (tệp được lưu bởi một chương trình không tính công thức); mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi chạy lại`;
    expect(errorLines(grids)).toEqual([`Điểm - Sở!E8: ${formula("=D8*2")}`]);
    // In a maximum of «Tiêu chí» (a problem the loader finds itself), with a long formula cut short.
    grids["Tiêu chí - Sở"]![6]![2] = { uncalculated: true, formula: "=SUM(C7:C8)-" + "C9+".repeat(20) + "0" }; // C7
    expect(errorLines(grids)).toEqual([`Tiêu chí - Sở!C7: ${formula("=SUM(C7:C8)-C9+C9+C9+C9+C9+C9+C9+C9+C9+C…")}`]);
  });

  it("a formula without value in a self score is an error too, not an empty self column", () => {
    const grids = template();
    grids["Tự đánh giá - Sở"]![6]![3] = { uncalculated: true, formula: "=1/2" }; // D7
    expect(errorLines(grids)).toEqual([
      "Tự đánh giá - Sở!D7: ô có công thức =1/2 nhưng chưa có giá trị đã tính (tệp được lưu bởi một chương trình không tính công thức); mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi chạy lại",
    ]);
  });

  it("a 100 000-character unit name is refused at its cell", () => {
    const grids = template();
    grids["Đơn vị - Sở"]![3]![1] = "Sở ".repeat(33_334).slice(0, 100_000); // B4
    expect(errorLines(grids)).toEqual(["Đơn vị - Sở!B4: dài 100.000 ký tự, vượt giới hạn 255 ký tự"]);
  });
});

describe("loader: good files it refused before", () => {
  it("finds headers retyped in NFD, in another case, with no-break spaces; and sheets named in NFD", () => {
    const grids = template();
    const nfd = (s: string) => s.normalize("NFD");
    expect(nfd("Điểm tối đa")).not.toBe("Điểm tối đa");
    grids["Tiêu chí - Sở"]![2] = ["MÃ", "Tên\u00A0tiêu chí ", nfd("Điểm tối đa"), nfd("phương thức")];
    grids["Điểm - Sở"]![2]![2] = nfd("Điểm tối đa");
    grids["Cài đặt"]![3]![0] = nfd("năm đánh giá");
    grids["Cài đặt"]![12] = [nfd("Nhóm"), nfd(" TỪ CHỈ SỐ")];
    grids["Tiêu chí - Huyện"]![10]![3] = nfd(grids["Tiêu chí - Huyện"]![10]![3] as string).toUpperCase(); // its method in NFD capitals
    const huyen = grids["Điểm - Huyện"]!;
    delete grids["Điểm - Huyện"];
    grids[nfd("điểm - huyện")] = huyen;
    const a = analyzeGrids(grids, () => {});
    const json = computeIndex(sonLaExample());
    if (!a.ok) throw new Error(a.errors.map(formatProblem).join("\n"));
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    expect(a.result).toEqual(json.result);
    expect(a.layouts[1]!.scores.sheet).toBe(nfd("điểm - huyện")); // results are written to the sheet as it is named
  });

  it("unit codes __proto__, constructor and toString are read as codes, not as duplicates", () => {
    const input = sonLaExample();
    const so = input.blocks[0]!;
    const codes = ["__proto__", "constructor", "toString"];
    const rename = new Map(so.units.slice(0, 3).map((u, i) => [u.code, codes[i]!]));
    const scores = Object.create(null) as InputDocument["blocks"][number]["scores"];
    const selfScores = Object.create(null) as InputDocument["blocks"][number]["scores"];
    for (const u of so.units) {
      const code = rename.get(u.code) ?? u.code;
      scores[code] = so.scores[u.code]!;
      if (so.selfScores?.[u.code]) selfScores[code] = so.selfScores[u.code]!;
    }
    so.units = so.units.map((u) => ({ ...u, code: rename.get(u.code) ?? u.code }));
    so.scores = scores;
    so.selfScores = selfScores;
    const a = analyzeGrids(gridsOf(planInputSheets(input, { withScores: true })), () => {});
    if (!a.ok) throw new Error(a.errors.map(formatProblem).join("\n"));
    // The same document as a JSON file gives the same result.
    const json = computeIndex(JSON.parse(JSON.stringify(input)));
    expect(json.ok).toBe(true);
    if (json.ok) expect(a.result).toEqual(json.result);
    expect(a.result.blocks[0]!.units.slice(0, 3).map((u) => u.code)).toEqual(codes);
    expect(a.layouts[0]!.scores.unitCols.constructor).toBe(4); // column E
  });
});

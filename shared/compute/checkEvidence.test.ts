import { describe, expect, it } from "vitest";
import { formatProblem } from "../problem.ts";
import type { InputDocument } from "../schema/inputSchema.ts";
import { loadWorkbook } from "../workbook/loadWorkbook.ts";
import { placeProblems } from "../workbook/placeProblems.ts";
import { planInputSheets } from "../workbook/planInputSheets.ts";
import { sonLaExample } from "../workbook/sonLaExample.ts";
import { computeIndex } from "./computeIndex.ts";
import { gridsOf } from "../../test/helpers/gridsOf.ts";

const MISSING = (code: string, score: string) =>
  `điểm tự đánh giá ${score} của tiêu chí ${code} chưa có tài liệu kiểm chứng (số, ngày văn bản hoặc đường dẫn)`;

/** The Sơn La example where SGTVT gave evidence for every appraised leaf with a self score above 0 but 1.1.1 and 1.1.2. */
function withEvidence(): InputDocument {
  const doc = sonLaExample();
  const so = doc.blocks[0]!;
  const self = so.selfScores!["SGTVT"]!;
  const evidence: Record<string, string> = {};
  for (const code of Object.keys(self)) if (code !== "1.1.1" && code !== "1.1.2") evidence[code] = `Văn bản số 1/${code}`;
  so.evidence = { SGTVT: evidence };
  so.selfNotes = { SGTVT: { "1.1.1": "Bản giấy gửi sau" } };
  return doc;
}

describe("the evidence rule", () => {
  it("warns, with the evidence cell's JSON path, for a unit that gave evidence elsewhere; other units are left alone", () => {
    const doc = withEvidence();
    const self = doc.blocks[0]!.selfScores!["SGTVT"]!;
    // By hand from the input: SGTVT's self scores of 1.1.1 and 1.1.2 (both above 0 in the example).
    expect([self["1.1.1"], self["1.1.2"]]).toEqual([0.25, 1]);
    const out = computeIndex(doc);
    expect(out.ok).toBe(true);
    expect(out.warnings.filter((w) => w.path.includes(".evidence."))).toEqual([
      { path: 'blocks[0].evidence.SGTVT["1.1.1"]', message: MISSING("1.1.1", "0,25") },
      { path: 'blocks[0].evidence.SGTVT["1.1.2"]', message: MISSING("1.1.2", "1") },
    ]);
  });

  it("is an error for every unit with self scores when «Bắt buộc tài liệu kiểm chứng» is on", () => {
    const doc = withEvidence();
    doc.settings = { requireEvidence: true };
    const out = computeIndex(doc);
    expect(out.ok).toBe(false);
    const errors = out.ok ? [] : out.errors;
    expect(errors.filter((e) => e.path.includes(".SGTVT[")).map(formatProblem)).toEqual([
      `blocks[0].evidence.SGTVT["1.1.1"]: ${MISSING("1.1.1", "0,25")}`,
      `blocks[0].evidence.SGTVT["1.1.2"]: ${MISSING("1.1.2", "1")}`,
    ]);
    // Another unit (SNV) gave no evidence at all: each of its self scores above 0 is an error too.
    expect(errors.some((e) => e.path.startsWith("blocks[0].evidence.SNV["))).toBe(true);
  });

  it("refuses evidence of a unit or a leaf the block does not have", () => {
    const doc = withEvidence();
    doc.blocks[0]!.evidence!["KHONGCO"] = { "1.1.1": "x" };
    doc.blocks[0]!.evidence!["SGTVT"]!["1.1"] = "x";
    const out = computeIndex(doc);
    expect(out.ok ? [] : out.errors.map(formatProblem)).toEqual([
      'blocks[0].evidence.SGTVT["1.1"]: khóa không hợp lệ: "1.1" không phải tiêu chí chấm điểm của bộ tiêu chí',
      'blocks[0].evidence.KHONGCO: khóa không hợp lệ: "KHONGCO" không phải mã đơn vị của khối',
    ]);
  });

  it("in a workbook: «Bắt buộc» is read from «Cài đặt», the problem names the «Kiểm chứng» cell", () => {
    const doc = withEvidence();
    doc.settings = { requireEvidence: true };
    const grids = gridsOf(planInputSheets(doc, { withScores: true }));
    const loaded = loadWorkbook(grids);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatProblem).join("\n"));
    expect(loaded.input.settings?.requireEvidence).toBe(true);
    expect(loaded.input.blocks[0]!.evidence?.["SGTVT"]?.["1.2"]).toBe("Văn bản số 1/1.2");
    expect(loaded.input.blocks[0]!.selfNotes).toEqual({ SGTVT: { "1.1.1": "Bản giấy gửi sau" } });
    const out = computeIndex(loaded.input);
    const placed = placeProblems(out.ok ? [] : out.errors, loaded.places);
    const sheet = grids["Kiểm chứng - Sở"]!;
    const col = sheet[2]!.indexOf("SGTVT");
    const row = sheet.findIndex((r) => r[0] === "1.1.1");
    const letter = String.fromCharCode(65 + col);
    expect(formatProblem(placed.find((p) => p.cell?.startsWith(letter))!)).toBe(
      `Kiểm chứng - Sở!${letter}${row + 1}: ${MISSING("1.1.1", "0,25")}`,
    );
    // "Không" (the template's default) turns it off; anything else is named at its cell.
    const settings = grids["Cài đặt"]!;
    const r = settings.findIndex((line) => line[0] === "Bắt buộc tài liệu kiểm chứng");
    settings[r]![1] = "Không";
    expect(loadWorkbook(grids).ok && computeIndex((loadWorkbook(grids) as { input: unknown }).input).ok).toBe(true);
    settings[r]![1] = "có lẽ";
    const bad = loadWorkbook(grids);
    expect(bad.ok ? [] : bad.errors.map(formatProblem)).toEqual([`Cài đặt!B${r + 1}: "có lẽ" không hợp lệ: ghi Có hoặc Không`]);
  });
});

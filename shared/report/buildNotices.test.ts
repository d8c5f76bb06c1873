/**
 * Result notices on the Sơn La 2023 fixture. Expected figures are worked out by hand from the fixture and from the
 * published decision (/work/shared/domain/seed-facts.md), not from the code:
 * - SGTVT: index 95,44, rank 1 of 20, group A (decision); field 1 scores 11,41 of 11,5 (decision: highest of field 1)
 *   → 0,09 lost; last year 96,5 and rank 1 (fixture) → −1,06, rank held.
 * - SNGV: index 81,2, rank 20 of 20, group B (decision); field 1 scores 3,89 (decision: lowest) → 7,61 lost, block
 *   mean 7,69 (decision); the unit ranked 19 is STNMT, whose fixture scores add to 81,47 of 100 → 0,27 to rank 19;
 *   group A from 90 → 8,8. Leaf 1.1.1: 0 of 0,5, self 0,35 → 0,5 lost; leaf 1.6: 0 of 2,5 against a block mean of
 *   32,75 / 20 = 1,6375 → 1,64, the largest gap.
 * - BYE (last of 12 huyện): 81,24 (decision); SCO, rank 11, adds to 81,55 → 0,31; A: 8,76; field 8: 11,47 of 15,5
 *   (decision: lowest) → 4,03 lost.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeIndex } from "../compute/computeIndex.ts";
import { inputSchema, type InputDocument } from "../schema/inputSchema.ts";
import { buildNotices, type UnitNotice } from "./buildNotices.ts";

function fixture(): InputDocument {
  const raw: unknown = JSON.parse(readFileSync(new URL("../../test/fixtures/son-la-2023/input.json", import.meta.url), "utf8"));
  return inputSchema.parse(raw);
}

function notices(doc: InputDocument): UnitNotice[][] {
  const computed = computeIndex(doc);
  if (!computed.ok) throw new Error(JSON.stringify(computed.errors.slice(0, 3)));
  return buildNotices(computed.input, computed.result).map((b) => b.notices);
}

function notice(all: UnitNotice[][], code: string): UnitNotice {
  const n = all.flat().find((x) => x.unitCode === code);
  if (n === undefined) throw new Error(code);
  return n;
}

describe("buildNotices (Sơn La 2023)", () => {
  const all = notices(fixture());

  it("one notice per unit, in rank order, with the decision line", () => {
    expect(all.map((b) => b.length)).toEqual([20, 12]);
    expect(all[0]?.[0]?.unitCode).toBe("SGTVT");
    expect(all[0]?.[19]?.unitCode).toBe("SNGV");
    expect(all[1]?.[11]?.unitCode).toBe("BYE");
    expect(all[0]?.[0]?.decision).toBe("(Kèm theo Quyết định số 94/QĐ-UBND ngày 17/01/2024 của Chủ tịch UBND tỉnh)");
  });

  it("SGTVT, rank 1: index, rank, group, field 1 lost, nothing above it", () => {
    const n = notice(all, "SGTVT");
    expect([n.index, n.rank, n.unitCount, n.group]).toEqual([95.44, 1, 20, "A"]);
    expect(n.fields[0]).toMatchObject({ code: "1", score: 11.41, max: 11.5, lost: 0.09, mean: 7.69 });
    expect(n.change).toEqual({ index: -1.06, rank: 0 });
    expect(n.previous).toEqual({ index: 96.5, rank: 1, group: "A" });
    expect(n.toNextRank).toBeNull();
    expect(n.toNextGroup).toBeNull();
    expect(n.summary[0]).toBe(
      "Năm 2023, Sở Giao thông vận tải đạt Chỉ số cải cách hành chính 95,44 điểm, xếp hạng 1/20 đơn vị của khối các sở, ban, ngành, " +
        "thuộc nhóm A. Điểm tự đánh giá của đơn vị (các tiêu chí thẩm định): 68,58 điểm.",
    );
    expect(n.summary[1]).toBe("So với năm 2022 (chỉ số 96,5 điểm, hạng 1): chỉ số giảm 1,06 điểm, giữ nguyên thứ hạng, giữ nhóm A.");
    expect(n.nextSteps).toEqual(["Đơn vị đang xếp hạng 1, đứng đầu khối.", "Đơn vị thuộc nhóm cao nhất (nhóm A)."]);
  });

  it("SNGV, last of 20: field 1 lost, next rank and next group, lost leaves with self scores, trailing leaves", () => {
    const n = notice(all, "SNGV");
    expect([n.index, n.rank, n.unitCount, n.group]).toEqual([81.2, 20, 20, "B"]);
    expect(n.fields[0]).toMatchObject({ score: 3.89, max: 11.5, lost: 7.61, mean: 7.69 });
    expect(n.toNextRank).toEqual({ rank: 19, points: 0.27 });
    expect(n.toNextGroup).toEqual({ group: "A", points: 8.8 });
    expect(n.nextSteps).toEqual([
      "Để đạt hạng 19, chỉ số cần tăng thêm 0,27 điểm.",
      "Để vào nhóm A (từ 90 điểm), chỉ số cần tăng thêm 8,8 điểm.",
    ]);
    expect(n.change).toEqual({ index: -5.2, rank: -2 });
    expect(n.summary[1]).toBe("So với năm 2022 (chỉ số 86,4 điểm, hạng 18): chỉ số giảm 5,2 điểm, giảm 2 bậc, giữ nhóm B.");
    expect(n.lost[0]).toEqual({
      code: "1.1.1",
      name: "Ban hành kế hoạch CCHC năm kịp thời, đúng quy định",
      max: 0.5,
      self: 0.35,
      score: 0,
      lost: 0.5,
      reason: null,
    });
    expect(n.lost[1]).toMatchObject({ code: "1.1.2", self: 1, score: 0.14, lost: 0.86 });
    // Every lost leaf really lost points, and a leaf at its maximum (1.2: 0,5 of 0,5) is not listed.
    expect(n.lost.every((l) => l.lost > 0 && l.lost === Math.round((l.max - l.score) * 100) / 100)).toBe(true);
    expect(n.lost.some((l) => l.code === "1.2")).toBe(false);
    // The survey leaves have no self score.
    expect(n.lost.find((l) => l.code === "8.1")).toMatchObject({ self: null, score: 9.56, lost: 0.44 });
    expect(n.trailing.map((t) => [t.code, t.score, t.mean, t.behind])).toEqual([
      ["1.6", 0, 1.64, 1.64],
      ["7.1.1", 0, 1.13, 1.13],
      ["7.1.4", 0, 0.88, 0.88],
    ]);
  });

  it("BYE, last of 12 huyện: index, rank, group, field 8 lost, next rank", () => {
    const n = notice(all, "BYE");
    expect([n.index, n.rank, n.unitCount, n.group]).toEqual([81.24, 12, 12, "B"]);
    expect(n.fields[7]).toMatchObject({ code: "8", score: 11.47, max: 15.5, lost: 4.03 });
    expect(n.toNextRank).toEqual({ rank: 11, points: 0.31 });
    expect(n.toNextGroup).toEqual({ group: "A", points: 8.76 });
    expect(n.summary[0]).toContain("của khối UBND các huyện, thành phố, thuộc nhóm B.");
  });

  it("reasons (lý do trừ điểm) come with their leaf; no decision, no previous year: those lines are left out", () => {
    const doc = fixture();
    delete doc.decision;
    const so = doc.blocks[0]!;
    so.reasons = { SNGV: { "1.1.1": "  Ban hành kế hoạch chậm (Kế hoạch số 05/KH-SNGV ngày 20/02/2023).  ", "1.2": "không dùng" } };
    so.units = so.units.map(({ previous: _p, ...u }) => u);
    const n = notice(notices(doc), "SNGV");
    expect(n.decision).toBeUndefined();
    expect(n.lost[0]?.reason).toBe("Ban hành kế hoạch chậm (Kế hoạch số 05/KH-SNGV ngày 20/02/2023).");
    expect(n.lost[1]?.reason).toBeNull();
    expect(n.previous).toBeUndefined();
    expect(n.change).toBeUndefined();
    expect(n.summary).toHaveLength(1);
  });

  it("a unit above the block mean everywhere has no trailing leaf; not-assessed leaves (KĐG) are neither lost nor trailing", () => {
    const doc: InputDocument = {
      format: "cchc-index/1",
      year: 2024,
      province: "Thử",
      blocks: [
        {
          id: "so",
          name: "Các sở",
          criteria: [
            { code: "1", name: "Lĩnh vực", max: 3 },
            { code: "1.1", name: "Một", max: 1, method: "appraised" },
            { code: "1.2", name: "Hai", max: 2, method: "appraised" },
          ],
          units: [
            { code: "A", name: "Sở A" },
            { code: "B", name: "Sở B" },
          ],
          scores: { A: { "1.1": 1, "1.2": "KĐG" }, B: { "1.1": 0.5, "1.2": 1.5 } },
        },
      ],
    };
    const [[a, b]] = notices(doc) as [[UnitNotice, UnitNotice]];
    expect(a.unitCode).toBe("A");
    expect(a.index).toBe(100);
    expect(a.lost).toEqual([]);
    expect(a.trailing).toEqual([]);
    expect(b.lost.map((l) => [l.code, l.lost])).toEqual([
      ["1.1", 0.5],
      ["1.2", 0.5],
    ]);
    // 1.1: mean (1 + 0,5) / 2 = 0,75; 1.2: only B is assessed, its own score is the mean.
    expect(b.trailing.map((t) => [t.code, t.behind])).toEqual([["1.1", 0.25]]);
    expect(b.summary[0]).toContain("(tổng điểm 2/3 điểm, quy về thang 100)");
  });
});

/** The precision-aware helpers at 3 decimals (settings.precision), and unchanged at the default 2. */
import { describe, expect, it } from "vitest";
import { hasAtMostDecimals, scaleOf, toHundredths, toNumber } from "./hundredths.ts";
import { parseScore } from "./parseScore.ts";
import { assignGroup } from "./assignGroup.ts";
import { nextSteps } from "./nextSteps.ts";
import { validateCriteria } from "./validateCriteria.ts";
import { formatNumberVi } from "../format/formatNumberVi.ts";
import { percentH } from "../report/meanH.ts";
import { cellH, roundingStep } from "../report/assembleTable.ts";
import { formatCell } from "../report/tablesToMarkdown.ts";
import { groupRanges } from "../report/groupRanges.ts";
import { numberFormats, NUMBER_FORMATS } from "../workbook/workbookLabels.ts";
import { DEFAULT_GROUPS } from "../schema/inputSchema.ts";

describe("precision 3", () => {
  it("units are thousandths", () => {
    expect([scaleOf(), scaleOf(2), scaleOf(3)]).toEqual([100, 100, 1000]);
    expect(toHundredths(87.654, 3)).toBe(87654);
    expect(toHundredths(0.029, 3)).toBe(29);
    expect(toNumber(87654, 3)).toBe(87.654);
    expect(toNumber(-6790, 3)).toBe(-6.79);
    expect([hasAtMostDecimals(87.654), hasAtMostDecimals(87.654, 3), hasAtMostDecimals(87.6541, 3)]).toEqual([false, true, false]);
  });

  it("parseScore keeps three decimals and rounds the fourth half up", () => {
    expect(parseScore("2,9204", 3.125, 3)).toEqual({ kind: "value", hundredths: 2920, rounded: true });
    expect(parseScore("2,9205", 3.125, 3)).toEqual({ kind: "value", hundredths: 2921, rounded: true });
    expect(parseScore(3.125, 3.125, 3)).toEqual({ kind: "value", hundredths: 3125, rounded: false });
    expect(parseScore(3.1254, 3.125, 3)).toEqual({ kind: "value", hundredths: 3125, rounded: true });
    expect(parseScore(3.1255, 3.125, 3)).toEqual({ kind: "error", message: "3,1255 vượt điểm tối đa 3,125" });
    expect(parseScore("3,126", 3.125, 3)).toEqual({ kind: "error", message: "3,126 vượt điểm tối đa 3,125" });
    // At the default precision the same text is rounded to hundredths.
    expect(parseScore("2,9204", 3.125)).toEqual({ kind: "value", hundredths: 292, rounded: true });
  });

  it("groups and next steps at the third decimal: 89,999 is B, 0,001 short of A", () => {
    expect(assignGroup(89999, DEFAULT_GROUPS, 3)).toBe("B");
    expect(assignGroup(90000, DEFAULT_GROUPS, 3)).toBe("A");
    expect(nextSteps([90101, 89999], [1, 2], DEFAULT_GROUPS, 3)[1]).toEqual({
      toNextGroup: { group: "A", pointsH: 1 },
      toNextRank: { rank: 1, pointsH: 102 },
    });
  });

  it("criteria maxima: three decimals allowed at 3, refused at 2", () => {
    const set = [
      { code: "1", name: "Lĩnh vực", max: 100 },
      { code: "1.1", name: "A", max: 3.125 },
      { code: "1.2", name: "B", max: 96.875 },
    ];
    expect(validateCriteria(set, "c", 3)).toEqual({ errors: [], warnings: [] });
    expect(validateCriteria(set, "c").errors.map((e) => e.message)).toEqual([
      "tiêu chí 1.1: điểm tối đa 3,125 có quá 2 chữ số thập phân",
      "tiêu chí 1.2: điểm tối đa 96,875 có quá 2 chữ số thập phân",
    ]);
  });

  it("formatting: numbers, cells, percentages, ranges, number formats", () => {
    expect(formatNumberVi(87.654, 3)).toBe("87,654");
    expect(formatNumberVi(87.654)).toBe("87,65");
    expect(formatNumberVi(70, 3)).toBe("70");
    expect(formatCell(70, "score", 3)).toBe("70,000");
    expect(formatCell(-6.79, "signedScore", 3)).toBe("-6,790");
    expect(formatCell(0.994, "signedScore", 3)).toBe("+0,994");
    expect(percentH(16412, 20000, 3)).toBe(82060);
    expect(percentH(1, 12000, 3)).toBe(8); // 0,001 of 12 points = 0,00833… % → 0,008 %
    expect(cellH(87654, 3)).toBe(87.654);
    expect(roundingStep(3)).toBe("0,001");
    expect(
      groupRanges(
        [
          { name: "A", min: 89.995 },
          { name: "B", min: 0 },
        ],
        3,
      ).map((g) => g.text),
    ).toEqual(["từ 89,995 điểm trở lên", "dưới 89,995 điểm"]);
    expect(numberFormats(3)).toMatchObject({ score: "0.000", signedScore: "+0.000;-0.000;0.000", integer: "0" });
    expect(numberFormats(2)).toEqual(NUMBER_FORMATS);
  });
});

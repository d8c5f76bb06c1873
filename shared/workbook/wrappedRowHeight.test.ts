import { describe, expect, it } from "vitest";
import { columnWidthPt, rowHeightForLines, textWidthPt, wordsLineCount, wrappedLineCount } from "./wrappedRowHeight.ts";

describe("wrappedRowHeight", () => {
  it("measures Times New Roman text from its metrics (Vietnamese letters as their base letter)", () => {
    // S 556 + ở (as ơ: 529) = 1085 milli-em; "Sở" at 12 pt → 13.02 pt.
    expect(textWidthPt("Sở", 12)).toBeCloseTo(13.02, 6);
    expect(textWidthPt("Sổ", 12)).toBeCloseTo(12.672, 6); // ổ as o: 556 + 500
    // "Đ" 722 + "ư" 542 (its own glyph, wider than u) → 1264 milli-em at 10 pt.
    expect(textWidthPt("Đư", 10)).toBeCloseTo(12.64, 6);
    expect(textWidthPt("Đừ", 10)).toBeCloseTo(12.64, 6); // "ừ" takes the width of "ư"
    expect(textWidthPt("W", 10, true)).toBeCloseTo(10, 6); // W bold 1000
    expect(textWidthPt("Sở".normalize("NFD"), 12)).toBeCloseTo(13.02, 6);
  });

  it("wordsLineCount counts from the word widths what wrappedLineCount counts of the text", () => {
    // Runs of a paragraph of names, at several widths and weights, including words longer than the line.
    const words = ("UBND xã Chiềng Khoong, Mường Giôn, Nậm Ét; Phiêng Khoài " + "Rấtdàiđếnmứckhôngvừamộtdòngnào ".repeat(2)).split(" ");
    for (const width of [20, 40, 56.25, 120, 400])
      for (const bold of [false, true])
        for (let start = 0; start < words.length; start += 3)
          for (let end = start + 1; end <= words.length; end += 2) {
            const run = words.slice(start, end).filter((w) => w !== "");
            const widths = run.map((w) => textWidthPt(w, 12, bold));
            expect(wordsLineCount(widths, width, 12, bold)).toBe(wrappedLineCount(run.join(" "), width, 12, bold));
          }
  });

  it("converts Excel column widths: 7 px per character + 5 px, 0.75 pt per px", () => {
    expect(columnWidthPt(10)).toBe(56.25);
    expect(columnWidthPt(8.43)).toBe(48);
  });

  it("counts word-wrapped lines", () => {
    // Width 10 → 56.25 pt, 50.25 usable. At 12 pt: "Sở Giao" = 13.02 + 3 + 23.33 = 39.4;
    // + "thông" (27.3) overflows; "thông vận" = 27.3 + 3 + 17.3 = 47.7; + "tải" (12) overflows → 3 lines.
    expect(wrappedLineCount("Sở Giao thông vận tải", columnWidthPt(10), 12)).toBe(3);
    // The same text in a wide column: one line.
    expect(wrappedLineCount("Sở Giao thông vận tải", columnWidthPt(40), 12)).toBe(1);
    // Explicit line breaks count, an empty text is one line.
    expect(wrappedLineCount("a\nb\nc", columnWidthPt(40), 11)).toBe(3);
    expect(wrappedLineCount("", columnWidthPt(10), 11)).toBe(1);
    // A word wider than the column is broken: 30 "m" at 10 pt = 233 pt in 50.25 pt → 5 lines.
    expect(wrappedLineCount("m".repeat(30), columnWidthPt(10), 10)).toBe(5);
  });

  it("gives each line room for its font size, never below 15 pt", () => {
    expect(rowHeightForLines(1, 11)).toBe(17);
    expect(rowHeightForLines(1, 8)).toBe(15);
    const three = rowHeightForLines(3, 12);
    expect(three).toBeGreaterThanOrEqual(3 * 12 * 1.15); // Times New Roman's line spacing is about 1.15 em
    expect(three).toBeLessThanOrEqual(3 * 12 * 1.5);
  });
});

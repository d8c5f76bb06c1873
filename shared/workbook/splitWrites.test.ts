import { describe, expect, it } from "vitest";
import { isDateFormat, serialToIso } from "./excelDates.ts";
import { planAnalysisSheet, splitParagraph } from "./planAnalysisSheet.ts";
import { planSheetReads } from "./planSheetReads.ts";
import { jsonBytes, splitWrites, utf8Length } from "./splitWrites.ts";
import { styleKey } from "./styleRectangles.ts";
import { columnWidthPt, wrappedLineCount } from "./wrappedRowHeight.ts";
import type { CellStyle } from "./port.ts";

describe("utf8Length and jsonBytes", () => {
  it("count the bytes UTF-8 takes, as TextEncoder does", () => {
    const enc = new TextEncoder();
    for (const s of ["", "abc", "Sở Giao thông vận tải", "Điểm – Sở", "𝔸 emoji 😀", "ă\u0301"]) {
      expect(utf8Length(s), s).toBe(enc.encode(s).length);
    }
    expect(jsonBytes([["Sở", 1.5]])).toBe(enc.encode('[["Sở",1.5]]').length);
    expect(jsonBytes(undefined)).toBe(0);
  });
});

describe("splitWrites", () => {
  it("keeps everything in one batch when it fits", () => {
    expect(splitWrites([40, 30, 20], 100)).toEqual([{ start: 0, end: 3, size: 90 }]);
    expect(splitWrites([], 100)).toEqual([]);
  });

  it("starts a new batch only when the next part would overflow, and covers every part once, in order", () => {
    const sizes = [40, 30, 50, 20, 100, 1, 99, 2];
    const batches = splitWrites(sizes, 100);
    expect(batches).toEqual([
      { start: 0, end: 2, size: 70 },
      { start: 2, end: 4, size: 70 },
      { start: 4, end: 5, size: 100 },
      { start: 5, end: 7, size: 100 },
      { start: 7, end: 8, size: 2 },
    ]);
    for (const b of batches) expect(b.size).toBe(sizes.slice(b.start, b.end).reduce((a, n) => a + n, 0));
  });

  it("gives a part over the budget a batch of its own", () => {
    expect(splitWrites([10, 250, 10], 100)).toEqual([
      { start: 0, end: 1, size: 10 },
      { start: 1, end: 2, size: 250 },
      { start: 2, end: 3, size: 10 },
    ]);
  });

  it("never makes two neighbouring batches that would have fitted together (greedy is minimal)", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 200; k++) {
      const sizes = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => Math.floor(rand() * 60));
      const batches = splitWrites(sizes, 100);
      expect(batches[0]?.start).toBe(0);
      expect(batches.at(-1)?.end).toBe(sizes.length);
      batches.forEach((b, i) => {
        if (b.end - b.start > 1) expect(b.size).toBeLessThanOrEqual(100);
        const next = batches[i + 1];
        if (next) {
          expect(next.start).toBe(b.end);
          expect(b.size + (sizes[next.start] ?? 0)).toBeGreaterThan(100);
        }
      });
    }
  });
});

describe("planSheetReads", () => {
  it("reads each sheet once: column A of the named ones, dates only where they can be", () => {
    expect(
      planSheetReads(["Cài đặt", "Điểm - Sở", "Biểu 1", "Điểm - Sở", "Phân tích"], { firstColumnOnly: ["Biểu 1", "Phân tích"] }),
    ).toEqual([
      { name: "Cài đặt", kind: "valuesAndDates" },
      { name: "Điểm - Sở", kind: "values" },
      { name: "Biểu 1", kind: "firstColumn" },
      { name: "Phân tích", kind: "firstColumn" },
    ]);
    expect(planSheetReads(["Tiêu chí - Xã"])).toEqual([{ name: "Tiêu chí - Xã", kind: "values" }]);
  });
});

describe("Excel dates", () => {
  it("tells date formats from number formats and turns serials into ISO dates", () => {
    expect(isDateFormat("dd/mm/yyyy")).toBe(true);
    expect(isDateFormat("[$-vi-VN]d mmmm yyyy")).toBe(true);
    expect(isDateFormat("h:mm")).toBe(false);
    expect(isDateFormat("0.00")).toBe(false);
    expect(isDateFormat('"Ngày"0')).toBe(false);
    expect(serialToIso(45308)).toBe("2024-01-17");
    expect(serialToIso(45308.75)).toBe("2024-01-17");
    expect(serialToIso(1)).toBe("1899-12-31");
  });
});

describe("the analysis sheet at any size", () => {
  it("splitParagraph cuts a long list after a comma, each piece within the line limit, losing nothing", () => {
    const width = columnWidthPt(72);
    expect(splitParagraph("ngắn", width, 13, 24)).toEqual(["ngắn"]);
    const names = Array.from({ length: 300 }, (_, i) => `UBND xã thử nghiệm số ${i + 1}`).join(", ");
    const text = `Nhóm A gồm: ${names}.`;
    const parts = splitParagraph(text, width, 13, 24);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(wrappedLineCount(p, width, 13)).toBeLessThanOrEqual(24);
    expect(parts.join(" ")).toBe(text);
    expect(parts.slice(0, -1).every((p) => p.endsWith(","))).toBe(true);
    // Each piece is the longest run that fits before its cut: with one more word (the next piece's first) it
    // would pass the limit, unless it was cut back to a comma.
    parts.slice(0, -1).forEach((p, i) => {
      const longer = `${p} ${parts[i + 1]!.split(" ")[0]}`;
      if (!p.endsWith(",")) expect(wrappedLineCount(longer, width, 13)).toBeGreaterThan(24);
    });
    // A paragraph with a line break in it is split the same way.
    const broken = splitParagraph(`Dòng đầu\n${text}`, width, 13, 24);
    expect(broken.join(" ")).toBe(`Dòng đầu\n${text}`);
    for (const p of broken) expect(wrappedLineCount(p, width, 13)).toBeLessThanOrEqual(24);
  });

  it("planAnalysisSheet keeps every row within 409 points, however long a paragraph", () => {
    const long = Array.from({ length: 300 }, (_, i) => `UBND xã thử nghiệm số ${i + 1} (85,${i % 100})`).join("; ");
    const plan = planAnalysisSheet("KẾT QUẢ", [{ title: "1. Khối xã", paragraphs: ["Ngắn.", long] }], "Tạo bởi cchc-index");
    const heights = plan.blocks[0]!.rowHeights!.filter((h): h is number => h !== undefined);
    expect(Math.max(...heights)).toBeLessThanOrEqual(409);
    const text = plan.blocks[0]!.values.map((r) => r[0]).filter((v): v is string => typeof v === "string");
    expect(text.join(" ")).toContain(long.slice(-200));
    expect(
      text
        .filter((t) => t.startsWith("UBND") || t.includes("UBND"))
        .join(" ")
        .replace(/\s+/g, " "),
    ).toBe(long.replace(/\s+/g, " "));
  });
});

describe("styleKey", () => {
  it("is the style's JSON with sorted keys, number format left out, for known and unknown fields alike", () => {
    const generic = (style: CellStyle) => {
      const { numberFormat: _ignored, ...rest } = style;
      return JSON.stringify(rest, Object.keys(rest).sort());
    };
    const samples: CellStyle[] = [
      {},
      { numberFormat: "0.00" },
      { bold: true, numberFormat: "0.00", fontName: 'Times "New"', fontSize: 12.5, hAlign: "left" },
      { wrap: false, vAlign: "top", italic: true, fill: "#FFFFFF", color: "#000000", border: true, bold: false },
      { bold: undefined, hAlign: "center" },
      { underline: true, bold: true } as CellStyle,
    ];
    for (const s of samples) expect(styleKey(s)).toBe(generic(s));
  });
});

/**
 * Row heights for wrapped text, estimated the way Excel's "AutoFit Row Height" would set them.
 *
 * Why: a row without a stored height is "auto" in Excel, which grows it to fit wrapped text when it
 * displays the sheet, but LibreOffice (and so the PDF rendering) keeps such rows at the default 15 pt and
 * clips every wrapped line but one. Excel never grows rows for wrapped *merged* cells either, and a row may
 * not be taller than 409 pt. So the core decides the height of every row of wrapped text it writes
 * (`fitRowHeights`), with this estimate, and splits text that would need more; the estimate errs on the
 * generous side (a little white space rather than clipped words).
 */

/**
 * Advance widths in 1/1000 em of Times New Roman (from Liberation Serif 2.1, its metric twin) for the
 * characters " " … "~" (U+0020–U+007E), then ơ ư đ Đ Ơ Ư. Vietnamese letters with tone marks take the width of
 * their base letter.
 */
const EXTRA = "ơưđĐƠƯ";
const REGULAR = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278,
  278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722,
  722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500,
  500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, 529, 542, 500, 722, 722, 776,
];
const BOLD = [
  250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333,
  333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722,
  722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556,
  556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520, 554, 600, 556, 722, 778, 796,
];

/** Advances already worked out, by character (bold ones keyed with a leading "b"): text repeats a few letters. */
const advances = new Map<string, number>();

function charMilliEm(ch: string, bold: boolean): number {
  const key = bold ? `b${ch}` : ch;
  let milli = advances.get(key);
  if (milli === undefined) advances.set(key, (milli = charAdvance(ch, bold)));
  return milli;
}

function charAdvance(ch: string, bold: boolean): number {
  const table = bold ? BOLD : REGULAR;
  // Drop tone marks and hats (they do not change the advance) but keep the horn of ơ/ư, which does.
  const base = ch
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, (mark) => (mark === "\u031b" ? mark : ""))
    .normalize("NFC");
  const extra = EXTRA.indexOf(base);
  if (extra >= 0) return table[95 + extra] ?? 500;
  const code = base.charCodeAt(0);
  if (base.length === 1 && code >= 32 && code <= 126) return table[code - 32] ?? 500;
  return base !== base.toLowerCase() ? 722 : 500;
}

/**
 * Width of a text in points at `fontSize` in Times New Roman.
 *
 * @example
 * textWidthPt("Sở", 12); // 12: S 556 + ở (o) 500 milli-em → 1.056 em
 */
export function textWidthPt(text: string, fontSize: number, bold = false): number {
  const nfc = text.normalize("NFC");
  const byCode = bold ? boldByCode : regularByCode;
  let milli = 0;
  for (let i = 0; i < nfc.length; i++) {
    const code = nfc.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      // A character outside the BMP (or a lone surrogate): the slow path, one code point.
      const ch = String.fromCodePoint(nfc.codePointAt(i) as number);
      milli += charMilliEm(ch, bold);
      i += ch.length - 1;
      continue;
    }
    let m = byCode[code];
    if (m === undefined) byCode[code] = m = charMilliEm(nfc[i] as string, bold);
    milli += m;
  }
  return (milli * fontSize) / 1000;
}

/** Advances of BMP characters by UTF-16 code, filled as met (the map `advances` answers the first time). */
const regularByCode: number[] = [];
const boldByCode: number[] = [];

/**
 * Width in points of a column `width` characters wide (Excel: 7 px per character of the default font + 5 px
 * padding, at 96 dpi).
 *
 * @example
 * columnWidthPt(10); // 56.25
 */
export function columnWidthPt(width: number): number {
  return (Math.round(width * 7) + 5) * 0.75;
}

/**
 * How many lines a text takes when word-wrapped in a cell `widthPt` wide (explicit line breaks kept;
 * a word longer than the line is broken).
 *
 * @example
 * wrappedLineCount("Sở Giao thông vận tải", columnWidthPt(10), 12); // 2
 */
export function wrappedLineCount(text: string, widthPt: number, fontSize: number, bold = false): number {
  // The same texts (unit names, labels) are measured again in every Biểu: remember the answers (of short texts:
  // a long paragraph is measured once, and keeping it would cost more than measuring it).
  if (text.length > MEMO_TEXT_MAX) return countLines(text, widthPt, fontSize, bold);
  const key = `${widthPt}|${fontSize}|${bold ? 1 : 0}|${text}`;
  let lines = lineCounts.get(key);
  if (lines === undefined) {
    if (lineCounts.size >= LINE_COUNTS_KEPT) lineCounts.clear();
    lineCounts.set(key, (lines = countLines(text, widthPt, fontSize, bold)));
  }
  return lines;
}

/** Line counts already worked out, by width, size, weight and text (at most `LINE_COUNTS_KEPT` of them). */
const lineCounts = new Map<string, number>();
const LINE_COUNTS_KEPT = 50_000;
/** Longest text whose line count is remembered. */
const MEMO_TEXT_MAX = 200;

function countLines(text: string, widthPt: number, fontSize: number, bold: boolean): number {
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    const words = paragraph.split(/ +/).filter((w) => w !== "");
    lines += wordsLineCount(
      words.map((w) => textWidthPt(w, fontSize, bold)),
      widthPt,
      fontSize,
      bold,
    );
  }
  return lines;
}

/**
 * How many lines a paragraph (no line break) takes when word-wrapped, from the widths in points of its words
 * (`textWidthPt` of each, in order): what `wrappedLineCount` counts, for callers that measure the words once and
 * count many runs of them.
 *
 * @example
 * const widths = ["Sở", "Giao", "thông", "vận", "tải"].map((w) => textWidthPt(w, 12));
 * wordsLineCount(widths, columnWidthPt(10), 12); // 2, as wrappedLineCount("Sở Giao thông vận tải", columnWidthPt(10), 12)
 */
export function wordsLineCount(wordWidths: readonly number[], widthPt: number, fontSize: number, bold = false): number {
  const usable = Math.max(widthPt - 6, fontSize); // cell padding left and right
  const space = textWidthPt(" ", fontSize, bold);
  let lines = 1;
  let used = 0;
  for (let w of wordWidths) {
    const needed = used === 0 ? w : used + space + w;
    if (needed <= usable) {
      used = needed;
      continue;
    }
    if (used > 0) lines += 1;
    while (w > usable) {
      lines += 1;
      w -= usable;
    }
    used = w;
  }
  return lines;
}

/**
 * Row height in points for `lines` lines of text at `fontSize` (line spacing 1.25, 3 pt padding), never
 * below Excel's default 15 pt.
 *
 * @example
 * rowHeightForLines(2, 12); // 33
 */
export function rowHeightForLines(lines: number, fontSize: number): number {
  return Math.max(15, Math.ceil(lines * fontSize * 1.25 + 3));
}

/**
 * "Never lose a person's work": a recalculation through the .xlsx host keeps, byte for byte, every part of a
 * workbook it does not own (charts, pivot tables and caches, pictures, shapes, the person's sheets, hidden
 * sheets, notes, unknown parts, custom XML), keeps the person's conditional formatting, data validation and
 * notes inside the sheets it updates, and computes what the JSON path computes. Workbooks as Excel (by hand,
 * in OOXML), LibreOffice (converted) and openpyxl (absolute part paths) write them; parts are compared with
 * jszip, a reader independent of the tool's own ZIP layer.
 */
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { computeIndex } from "../shared/compute/computeIndex.ts";
import { recalculateWorkbook } from "../shared/workbook/recalculateWorkbook.ts";
import { validateWorkbook } from "../shared/workbook/validateWorkbook.ts";
import { XlsxBook } from "../cli/xlsx/XlsxBook.ts";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { openpyxlStyle, templateBytes, withPersonParts } from "./fixtures/xlsx/buildFixtures.ts";
import { sonLa2023 } from "./fixtures/scaledInput.ts";
import { brokenLinks, orphanParts, partTexts, relationships } from "./helpers/chartSchema.ts";

type Parts = Map<string, Buffer>;

async function partsOf(bytes: Uint8Array): Promise<Parts> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Parts = new Map();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) out.set(name, Buffer.from(await file.async("uint8array")));
  return out;
}

/** The worksheet part (and its .rels) of every sheet, by sheet name, read with jszip. */
function sheetParts(parts: Parts): Map<string, string> {
  const wb = parts.get("xl/workbook.xml")?.toString("utf8") ?? "";
  const rels = parts.get("xl/_rels/workbook.xml.rels")?.toString("utf8") ?? "";
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1] ?? "";
    const id = /r:id="([^"]*)"/.exec(m[0])?.[1] ?? "";
    const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((r) => r[0]).find((r) => r.includes(`Id="${id}"`)) ?? "";
    const target = /Target="([^"]*)"/.exec(rel)?.[1] ?? "";
    out.set(name, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  return out;
}

/** Sheets the tool writes on a recalculation: the generated ones and the input sheets' results areas. */
const OWNED_SHEET = /^(Biểu \d+[a-z]?|Phân tích|Tổng quan( .+)?|Điểm - .*)$/;

async function recalc(bytes: Uint8Array): Promise<Uint8Array> {
  const book = XlsxBook.fromBytes(bytes);
  const outcome = await recalculateWorkbook(new XlsxHost(book));
  expect(outcome.ok ? [] : outcome.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([]);
  return book.toBytes();
}

/** Every part of `before` is unchanged in `after`, except the package's own lists and the owned sheets' parts. */
async function expectUnownedIdentical(before: Uint8Array, after: Uint8Array): Promise<{ changed: string[] }> {
  const a = await partsOf(before);
  const b = await partsOf(after);
  const owned = new Set(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/calcChain.xml"]);
  for (const [name, part] of sheetParts(b)) {
    if (!OWNED_SHEET.test(name)) continue;
    owned.add(part);
    const relsName = part.replace(/([^/]+)$/, "_rels/$1.rels");
    owned.add(relsName);
    const rels = b.get(relsName)?.toString("utf8") ?? a.get(relsName)?.toString("utf8") ?? "";
    for (const t of rels.matchAll(/Target="([^"]*)"/g)) {
      const target = t[1] as string;
      const resolved = target.startsWith("/") ? target.slice(1) : new URL(target, `http://x/${part}`).pathname.slice(1);
      if (/comments|vmlDrawing|commentsDrawing/.test(target)) owned.add(resolved);
      // The tool's drawing of an owned sheet (the overview's charts), its relationships and its chart parts.
      if (/\/drawings\/drawing\d+\.xml$/.test(resolved)) {
        owned.add(resolved);
        const drawingRels = resolved.replace(/([^/]+)$/, "_rels/$1.rels");
        owned.add(drawingRels);
        const inner = b.get(drawingRels)?.toString("utf8") ?? a.get(drawingRels)?.toString("utf8") ?? "";
        for (const c of inner.matchAll(/Target="([^"]*)"/g)) {
          const t = c[1] as string;
          owned.add(t.startsWith("/") ? t.slice(1) : new URL(t, `http://x/${resolved}`).pathname.slice(1));
        }
      }
    }
  }
  const changed: string[] = [];
  for (const [name, data] of a) {
    if (owned.has(name)) continue;
    expect(b.has(name), `${name} kept`).toBe(true);
    if (!data.equals(b.get(name) as Buffer)) changed.push(name);
  }
  expect(changed).toEqual([]);
  return { changed };
}

async function resultOf(bytes: Uint8Array): Promise<unknown> {
  const outcome = await validateWorkbook(new XlsxHost(XlsxBook.fromBytes(bytes)));
  expect(outcome.ok).toBe(true);
  return outcome.ok ? outcome.result : undefined;
}

const expected = (() => {
  const r = computeIndex(sonLa2023());
  if (!r.ok) throw new Error("fixture invalid");
  return r.result;
})();

describe("a workbook with a person's charts, pivot table, pictures, shapes, notes (Excel's OOXML)", () => {
  let before: Uint8Array;
  let after: Uint8Array;
  beforeAll(async () => {
    before = await withPersonParts(await templateBytes());
    after = await recalc(before);
  });

  it("keeps every part it does not own byte-identical, and none is dropped", async () => {
    await expectUnownedIdentical(before, after);
    const names = [...(await partsOf(after)).keys()];
    for (const part of [
      "xl/charts/chart1.xml",
      "xl/drawings/drawing1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/media/image1.png",
      "xl/pivotTables/pivotTable1.xml",
      "xl/pivotCache/pivotCacheDefinition1.xml",
      "xl/pivotCache/pivotCacheRecords1.xml",
      "xl/worksheets/sheet90.xml",
      "xl/worksheets/_rels/sheet90.xml.rels",
      "xl/comments90.xml",
      "xl/drawings/vmlDrawing90.vml",
      "xl/worksheets/sheet91.xml",
      "xl/cchc-unknown/data.bin",
      "customXml/item1.xml",
      "customXml/itemProps1.xml",
    ]) {
      expect(names).toContain(part);
    }
  });

  it("keeps the workbook's lists: hidden sheet, defined names (moved with their sheets), pivot caches, content types, links", async () => {
    const p = await partsOf(after);
    const wb = p.get("xl/workbook.xml")?.toString("utf8") ?? "";
    expect(wb).toContain('<sheet name="Ẩn" sheetId="91" state="hidden" r:id="rId91"/>');
    expect(wb).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="2">'Tổng hợp'!$A$1:$B$3</definedName>`);
    expect(wb).toContain(`<definedName name="DiemCuaToi">'Tổng hợp'!$B$2:$B$3</definedName>`);
    expect(wb).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="3" hidden="1">'Ẩn'!$A$1</definedName>`);
    expect(wb).toContain('<pivotCaches><pivotCache cacheId="7" r:id="rId92"/></pivotCaches>');
    const rels = p.get("xl/_rels/workbook.xml.rels")?.toString("utf8") ?? "";
    for (const id of ["rId90", "rId91", "rId92", "rId93"]) expect(rels).toContain(`Id="${id}"`);
    const types = p.get("[Content_Types].xml")?.toString("utf8") ?? "";
    for (const part of ["/xl/charts/chart1.xml", "/xl/pivotTables/pivotTable1.xml", "/customXml/itemProps1.xml"])
      expect(types).toContain(`PartName="${part}"`);
    expect(types).toContain('Extension="png"');
  });

  it("keeps the person's conditional formatting, data validation and cells in an input sheet it updates", async () => {
    const a = await partsOf(before);
    const b = await partsOf(after);
    const part = sheetParts(b).get("Điểm - Sở") as string;
    const old = a.get(part)?.toString("utf8") ?? "";
    const now = b.get(part)?.toString("utf8") ?? "";
    const cf = /<conditionalFormatting[\s\S]*?<\/conditionalFormatting>/.exec(old)?.[0];
    expect(cf).toBeDefined();
    expect(now).toContain(cf);
    expect(now).toContain(
      `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="AZ3"><formula1>"Đạt,Không đạt"</formula1></dataValidation>`,
    );
    expect(now).toContain(`<c r="AZ2" t="inlineStr"><is><t>Của tôi</t></is></c>`);
    // Rows it does not write keep their text exactly.
    const firstRow = /<row r="1"[\s\S]*?<\/row>/.exec(old)?.[0] as string;
    expect(now).toContain(firstRow);
  });

  it("computes what the JSON path computes, and a second recalculation gives the same bytes", async () => {
    expect(await resultOf(after)).toEqual(expected);
    expect(Buffer.from(await recalc(after)).equals(Buffer.from(after))).toBe(true);
  });
});

describe("a workbook saved by openpyxl (absolute part paths, notes in xl/comments/)", () => {
  it("opens, recalculates, keeps its parts and its notes where they are", async () => {
    const recalculated = await recalc(await templateBytes());
    const before = await openpyxlStyle(recalculated);
    expect((await partsOf(before)).has("xl/comments/comment1.xml")).toBe(true);
    const rels = [...(await partsOf(before)).entries()]
      .filter(([n]) => n.endsWith(".rels"))
      .map(([, d]) => d.toString("utf8"))
      .join("");
    expect(rels).toContain('Target="/xl/');
    expect(rels).not.toMatch(/Target="(?!\/|https?:)/);
    const after = await recalc(before);
    await expectUnownedIdentical(before, after);
    const names = [...(await partsOf(after)).keys()];
    expect(names.filter((n) => /comment/i.test(n)).sort()).toEqual(
      [...(await partsOf(before)).keys()].filter((n) => /comment/i.test(n)).sort(),
    );
    expect(await resultOf(after)).toEqual(expected);
  });
});

describe("a workbook saved by LibreOffice (test/fixtures/xlsx/libreoffice.xlsx)", () => {
  it("recalculates with the right results, keeping what it does not own", async () => {
    const before = new Uint8Array(readFileSync(new URL("./fixtures/xlsx/libreoffice.xlsx", import.meta.url)));
    const after = await recalc(before);
    await expectUnownedIdentical(before, after);
    expect(await resultOf(after)).toEqual(expected);
    expect(Buffer.from(await recalc(after)).equals(Buffer.from(after))).toBe(true);
  });
});

describe("a person's chart on their own sheet, and the tool's charts on the sheets it owns", () => {
  it("keeps the person's drawing and chart byte for byte, names its own parts apart, leaves no orphan, and repeats itself", async () => {
    const before = await withPersonParts(await templateBytes());
    // The recalculation plans «Tổng quan» and «Tổng quan a», each with its four native charts.
    const once = await recalc(before);
    const twice = await recalc(once);
    expect(Buffer.from(twice).equals(Buffer.from(once))).toBe(true);

    const a = await partsOf(before);
    const b = await partsOf(twice);
    for (const part of ["xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/charts/chart1.xml", "xl/media/image1.png"]) {
      expect(b.get(part)?.equals(a.get(part) as Buffer), part).toBe(true);
    }
    await expectUnownedIdentical(before, twice);
    // Ours: the first free names after the person's drawing1 / chart1, one drawing per overview sheet.
    const texts = await partTexts(twice);
    const rels = relationships(texts);
    const drawingOf = (sheet: string) =>
      (rels.get(sheetParts(b).get(sheet) as string) ?? []).find((r) => r.type.endsWith("/drawing"))?.target;
    expect(drawingOf("Tổng quan")).toBe("xl/drawings/drawing2.xml");
    expect(drawingOf("Tổng quan a")).toBe("xl/drawings/drawing3.xml");
    expect((rels.get("xl/drawings/drawing2.xml") ?? []).map((r) => r.target)).toEqual(
      [2, 3, 4, 5].map((n) => `xl/charts/chart${n}.xml`),
    );
    expect((rels.get("xl/drawings/drawing3.xml") ?? []).map((r) => r.target)).toEqual(
      [6, 7, 8, 9].map((n) => `xl/charts/chart${n}.xml`),
    );
    expect([...b.keys()].filter((p) => /^xl\/(charts|drawings)\/[^/]+\.xml$/.test(p)).sort()).toEqual(
      [...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `xl/charts/chart${n}.xml`), ...[1, 2, 3].map((n) => `xl/drawings/drawing${n}.xml`)].sort(),
    );
    expect(brokenLinks(texts)).toEqual([]);
    expect(orphanParts(texts)).toEqual(orphanParts(await partTexts(before))); // nothing new left behind
    expect(await resultOf(twice)).toEqual(expected);
  });
});

/**
 * Native charts in the .xlsx the tool writes (`SheetWrite.charts` on a replaced sheet), read back with jszip
 * and a small parser of the test's own (independent of the layer's code): the parts and their links, XML that
 * libxml2 accepts, children in the order ECMA-376 prescribes, the chart's content (kinds, series, references,
 * caches of the written values, colours, axes), ownership (a replaced sheet's old charts removed, no orphan,
 * same bytes twice) and the plan checks.
 */
import { describe, expect, it } from "vitest";
import { XlsxBook } from "./XlsxBook.ts";
import { XlsxHost } from "./XlsxHost.ts";
import { XlsxPackage } from "./XlsxPackage.ts";
import { dropSheetParts } from "./dropSheetParts.ts";
import { excelOf } from "../../test/xlsxBooks.ts";
import type { ChartSpec, SheetWrite } from "../../shared/workbook/port.ts";
import {
  chartSheet,
  GROUP_COLORS,
  GROUP_ROW,
  GROUPS,
  groupOf,
  hundredthsOf,
  MEAN_COLOR,
  TABLE_ROW,
  UNITS,
} from "../../test/fixtures/chartSheet.ts";
import {
  brokenLinks,
  child,
  findAll,
  orderProblems,
  orphanParts,
  parseXml,
  partTexts,
  relationships,
  wellFormedProblems,
  type XmlNode,
} from "../../test/helpers/chartSchema.ts";

const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";

async function written(...changes: SheetWrite[][]): Promise<{ book: XlsxBook; bytes: Uint8Array; parts: Map<string, string> }> {
  let bytes = XlsxBook.create().toBytes();
  let book = XlsxBook.fromBytes(bytes);
  for (const plan of changes) {
    book = XlsxBook.fromBytes(bytes);
    await new XlsxHost(book).write(plan);
    bytes = book.toBytes();
  }
  return { book, bytes, parts: await partTexts(bytes) };
}

function chartOf(parts: Map<string, string>, n: number): XmlNode {
  return parseXml(parts.get(`xl/charts/chart${n}.xml`) ?? "");
}

/** Text of a rich title (its runs joined). */
function titleText(title: XmlNode | undefined): string {
  return title === undefined
    ? ""
    : findAll(title, "t")
        .map((t) => t.text)
        .join("");
}

function val(node: XmlNode | undefined, name: string): string | undefined {
  return node === undefined ? undefined : child(node, name)?.attrs.val;
}

/** The cache of a reference as idx → text. */
function cache(ref: XmlNode | undefined): { count: string | undefined; points: Map<number, string> } {
  const data = ref === undefined ? undefined : (child(ref, "strCache") ?? child(ref, "numCache"));
  const points = new Map<number, string>();
  for (const pt of data === undefined ? [] : data.children.filter((c) => c.name === "pt")) {
    points.set(Number(pt.attrs.idx), child(pt, "v")?.text ?? "");
  }
  return { count: val(data, "ptCount"), points };
}

const unitRows = `$${TABLE_ROW + 2}:`; // first unit row, 1-based (the header is at TABLE_ROW, 0-based)

describe("native charts on a replaced sheet", () => {
  it("writes one drawing, a chart part per spec, their links and content types, and <drawing> where CT_Worksheet wants it", async () => {
    const sheet = chartSheet();
    (sheet.blocks[0] as { note?: string }).note = "Vùng do công cụ quản lý"; // a note too: <legacyDrawing> comes after <drawing>
    const { parts } = await written([sheet]);
    const rels = relationships(parts);
    const sheetRels = rels.get("xl/worksheets/sheet1.xml") ?? [];
    const drawingRel = sheetRels.find((r) => r.type.endsWith("/drawing"));
    expect(drawingRel?.target).toBe("xl/drawings/drawing1.xml");
    const ws = parts.get("xl/worksheets/sheet1.xml") ?? "";
    expect(ws).toMatch(new RegExp(`<drawing [^>]*r:id="${drawingRel?.id}"/>`));
    const at = (tag: string): number => ws.indexOf(`<${tag}`);
    expect(at("pageSetup")).toBeGreaterThan(0);
    expect(at("drawing")).toBeGreaterThan(at("pageSetup"));
    expect(at("legacyDrawing")).toBeGreaterThan(at("drawing"));
    expect((rels.get("xl/drawings/drawing1.xml") ?? []).map((r) => [r.type.split("/").pop(), r.target])).toEqual([
      ["chart", "xl/charts/chart1.xml"],
      ["chart", "xl/charts/chart2.xml"],
      ["chart", "xl/charts/chart3.xml"],
    ]);
    const types = parts.get("[Content_Types].xml") ?? "";
    for (const n of [1, 2, 3]) expect(types).toContain(`<Override PartName="/xl/charts/chart${n}.xml" ContentType="${CHART_TYPE}"/>`);
    expect(types).toContain(`<Override PartName="/xl/drawings/drawing1.xml" ContentType="${DRAWING_TYPE}"/>`);

    // Anchors: the spec's top-left cell, its size in EMU (12 700 a point), named after the spec's id.
    const drawing = parseXml(parts.get("xl/drawings/drawing1.xml") ?? "");
    const anchors = drawing.children.filter((c) => c.name === "oneCellAnchor");
    expect(
      anchors.map((a) => {
        const from = child(a, "from") as XmlNode;
        const ext = child(a, "ext") as XmlNode;
        const name = findAll(a, "cNvPr")[0]?.attrs.name;
        return [name, child(from, "row")?.text, child(from, "col")?.text, ext.attrs.cx, ext.attrs.cy];
      }),
    ).toEqual([
      ["xep-hang-so", "2", "0", String(720 * 12700), String(300 * 12700)],
      ["thanh-ngang", "23", "0", String(520 * 12700), String(520 * 12700)],
      ["co-cau-nhom", "23", "7", String(300 * 12700), String(260 * 12700)],
    ]);
    expect(findAll(drawing, "chart").map((c) => c.attrs["r:id"])).toEqual(["rId1", "rId2", "rId3"]);

    const xmlParts = Object.fromEntries([...parts].filter(([name]) => /\.(xml|rels)$/.test(name)));
    expect(await wellFormedProblems(xmlParts)).toEqual([]);
    expect([1, 2, 3].flatMap((n) => orderProblems(chartOf(parts, n)))).toEqual([]);
    expect(orderProblems(drawing)).toEqual([]);
    expect(brokenLinks(parts)).toEqual([]);
    expect(orphanParts(parts)).toEqual([]);
  });

  it("draws the column chart coloured by group, overlapping, with the mean as a line on the same axes", async () => {
    const { parts } = await written([chartSheet()]);
    const chart = chartOf(parts, 1);
    expect(titleText(child(child(chart, "chart") as XmlNode, "title"))).toBe("Chỉ số CCHC năm 2023 - Các sở, ban, ngành");
    const plot = findAll(chart, "plotArea")[0] as XmlNode;
    expect(plot.children.map((c) => c.name)).toEqual(["layout", "barChart", "lineChart", "catAx", "valAx"]);
    const bar = child(plot, "barChart") as XmlNode;
    const line = child(plot, "lineChart") as XmlNode;
    expect([val(bar, "barDir"), val(bar, "grouping"), val(bar, "overlap")]).toEqual(["col", "clustered", "100"]);
    const axIds = (n: XmlNode): string[] => n.children.filter((c) => c.name === "axId").map((c) => c.attrs.val ?? "");
    const catId = val(child(plot, "catAx"), "axId");
    const valId = val(child(plot, "valAx"), "axId");
    expect(axIds(bar)).toEqual([catId, valId]);
    expect(axIds(line)).toEqual([catId, valId]);
    const series = (group: XmlNode): XmlNode[] => group.children.filter((c) => c.name === "ser");
    const name = (s: XmlNode): string => findAll(child(s, "tx") as XmlNode, "v")[0]?.text ?? "";
    const color = (s: XmlNode): string | undefined => findAll(child(s, "spPr") as XmlNode, "srgbClr")[0]?.attrs.val;
    expect(series(bar).map((s) => [name(s), color(s)])).toEqual(GROUPS.map((g, i) => [g, (GROUP_COLORS[i] as string).slice(1)]));
    expect(series(line).map((s) => [name(s), color(s)])).toEqual([["Chỉ số trung bình", MEAN_COLOR.slice(1)]]);
    expect(series(line).map((s) => val(s, "idx"))).toEqual(["3"]); // series numbered across the chart groups

    // References to the sheet's cells, with caches of the written values: each group's series holds only its units.
    const first = series(bar)[0] as XmlNode;
    const catRef = findAll(child(first, "cat") as XmlNode, "strRef")[0];
    expect(child(catRef as XmlNode, "f")?.text).toBe(`'Tổng quan'!$B${unitRows}$B$${TABLE_ROW + 1 + UNITS.length}`);
    expect(`'Tổng quan'!$B${unitRows}$B$${TABLE_ROW + 1 + UNITS.length}`).toBe("'Tổng quan'!$B$62:$B$81");
    const cats = cache(catRef);
    expect(cats.count).toBe("20");
    expect([...cats.points.values()]).toEqual(UNITS);
    series(bar).forEach((s, g) => {
      const ref = findAll(child(s, "val") as XmlNode, "numRef")[0] as XmlNode;
      expect(child(ref, "f")?.text).toBe(`'Tổng quan'!$${"CDE"[g]}${unitRows}$${"CDE"[g]}$81`);
      const { count, points } = cache(ref);
      expect(count).toBe("20");
      const mine = UNITS.map((_, i) => i).filter((i) => groupOf(hundredthsOf(i)) === g);
      expect(mine.length).toBeGreaterThan(0);
      expect([...points.keys()]).toEqual(mine); // the other units' empty cells are left out
      for (const i of mine) expect(Number(points.get(i))).toBe(hundredthsOf(i) / 100);
    });
    expect(cache(findAll(series(bar)[0] as XmlNode, "numRef")[0]).points.get(0)).toBe("95.44"); // Sở Tư pháp, by hand
    const mean = cache(findAll(series(line)[0] as XmlNode, "numRef")[0]).points;
    expect(mean.size).toBe(20);
    expect(new Set(mean.values())).toEqual(new Set(["83.68"])); // (sum of the 20 indexes) / 20, worked out by hand

    const valAx = child(plot, "valAx") as XmlNode;
    expect(child(valAx, "numFmt")?.attrs).toEqual({ formatCode: "0.00", sourceLinked: "0" });
    expect([val(child(valAx, "scaling"), "min"), val(child(valAx, "scaling"), "max")]).toEqual(["0", "100"]);
    expect(titleText(child(valAx, "title"))).toBe("Chỉ số");
    expect(titleText(child(child(plot, "catAx") as XmlNode, "title"))).toBe("Đơn vị");
    expect(child(child(chart, "chart") as XmlNode, "legend")).toBeDefined();
  });

  it("lists the horizontal bars from the top with labels, and gives each pie slice a colour of its own", async () => {
    const { parts } = await written([chartSheet()]);
    const plot = findAll(chartOf(parts, 2), "plotArea")[0] as XmlNode;
    const bar = child(plot, "barChart") as XmlNode;
    expect(val(bar, "barDir")).toBe("bar");
    expect(child(plot, "lineChart")).toBeUndefined();
    const catAx = child(plot, "catAx") as XmlNode;
    const valAx = child(plot, "valAx") as XmlNode;
    expect([val(child(catAx, "scaling"), "orientation"), val(catAx, "axPos")]).toEqual(["maxMin", "l"]);
    expect([val(valAx, "axPos"), val(valAx, "crosses")]).toEqual(["b", "max"]);
    expect([val(child(valAx, "scaling"), "min"), val(child(valAx, "scaling"), "max")]).toEqual(["60", undefined]);
    const labels = findAll(bar, "dLbls")[0] as XmlNode;
    expect([val(labels, "showVal"), child(labels, "numFmt")?.attrs.formatCode]).toEqual(["1", "0.00"]);
    expect(child(child(chartOf(parts, 2), "chart") as XmlNode, "legend")).toBeUndefined(); // one series: no legend

    const pie = chartOf(parts, 3);
    const piePlot = findAll(pie, "plotArea")[0] as XmlNode;
    expect(piePlot.children.map((c) => c.name)).toEqual(["layout", "pieChart"]); // no axes
    const ser = findAll(piePlot, "ser")[0] as XmlNode;
    const slices = ser.children.filter((c) => c.name === "dPt").map((d) => findAll(d, "srgbClr")[0]?.attrs.val);
    expect(slices.length).toBe(3);
    expect(new Set(slices).size).toBe(3);
    const counts = [0, 1, 2].map((g) => UNITS.filter((_, i) => groupOf(hundredthsOf(i)) === g).length);
    expect(counts.reduce((a, b) => a + b)).toBe(20);
    expect([...cache(findAll(ser, "numRef")[0]).points.values()]).toEqual(counts.map(String));
    expect(child(findAll(ser, "strRef")[0] as XmlNode, "f")?.text).toBe(`'Tổng quan'!$B$${GROUP_ROW + 2}:$B$${GROUP_ROW + 4}`);
    expect(child(child(pie, "chart") as XmlNode, "legend")).toBeDefined();
  });

  it("draws 300 units in one block: every point cached, Excel left to choose which labels fit", async () => {
    const n = 300;
    const rows = Array.from({ length: n }, (_, i) => [`Xã số ${i + 1}`, 60 + (i % 40)]);
    const sheet: SheetWrite = {
      sheet: "Tổng quan xã",
      mode: "replace",
      blocks: [{ row: 1, col: 0, values: rows }],
      charts: [
        {
          id: "xa",
          kind: "column",
          title: "Chỉ số CCHC - 300 xã",
          categories: { row: 1, col: 0, rows: n, cols: 1 },
          series: [{ name: "Chỉ số", values: { row: 1, col: 1, rows: n, cols: 1 } }],
          numberFormat: "0.00",
          anchor: { row: 0, col: 3 },
          width: 770,
          height: 360,
        },
      ],
    };
    const { parts } = await written([sheet]);
    const chart = chartOf(parts, 1);
    expect(orderProblems(chart)).toEqual([]);
    const ser = findAll(chart, "ser")[0] as XmlNode;
    const values = cache(findAll(ser, "numRef")[0]);
    expect([values.count, values.points.size, values.points.get(299)]).toEqual(["300", 300, String(60 + (299 % 40))]);
    expect(child(findAll(ser, "strRef")[0] as XmlNode, "f")?.text).toBe("'Tổng quan xã'!$A$2:$A$301");
    expect(child(findAll(chart, "catAx")[0] as XmlNode, "tickLblSkip")).toBeUndefined();
    expect(val(findAll(chartOf((await written([chartSheet()])).parts, 1), "catAx")[0], "tickLblSkip")).toBe("1"); // 20 units: all
  });

  it("quotes a sheet name with spaces, apostrophes and an ampersand in its references", async () => {
    const name = "Sở 'A' & B";
    const { parts } = await written([chartSheet(name)]);
    const xml = parts.get("xl/charts/chart1.xml") ?? "";
    expect(xml).toContain("<c:f>'Sở ''A'' &amp; B'!$B$62:$B$81</c:f>");
    expect(await wellFormedProblems({ chart1: xml })).toEqual([]);
  });

  it("leaves text and empty cells out of a value cache, keeping their place", async () => {
    const sheet = chartSheet();
    const table = sheet.blocks[1] as { values: (string | number | null)[][] };
    (table.values[4] as (string | number | null)[])[6] = "KĐG"; // unit 4's index, as text
    const { parts } = await written([sheet]);
    const ser = findAll(chartOf(parts, 2), "ser")[0] as XmlNode;
    const { count, points } = cache(findAll(ser, "numRef")[0]);
    expect(count).toBe("20");
    expect(points.has(3)).toBe(false);
    expect(points.size).toBe(19);
    expect(points.get(4)).toBe(String(hundredthsOf(4) / 100));
  });

  it("replacing the sheet again rewrites its charts in the same parts (same bytes); without charts they are gone", async () => {
    const once = await written([chartSheet()]);
    const twice = await written([chartSheet()], [chartSheet()]);
    expect(Buffer.from(twice.bytes).equals(Buffer.from(once.bytes))).toBe(true);

    const fewer = chartSheet();
    fewer.charts = [(fewer.charts as ChartSpec[])[2] as ChartSpec];
    const { parts } = await written([chartSheet()], [fewer]);
    expect([...parts.keys()].filter((p) => /drawings|charts/.test(p)).sort()).toEqual([
      "xl/charts/chart1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/drawings/drawing1.xml",
    ]);
    expect(findAll(chartOf(parts, 1), "pieChart").length).toBe(1);
    expect(parts.get("[Content_Types].xml")).not.toMatch(/chart[23]\.xml/);
    expect(brokenLinks(parts)).toEqual([]);
    expect(orphanParts(parts)).toEqual([]);

    const none = { ...chartSheet() };
    delete none.charts;
    const plain = await written([chartSheet()], [none]);
    expect([...plain.parts.keys()].filter((p) => /drawing|chart/.test(p))).toEqual([]);
    expect(plain.parts.get("[Content_Types].xml")).not.toMatch(/drawing|chart/);
    expect(plain.parts.get("xl/worksheets/sheet1.xml")).not.toContain("<drawing");
    expect(brokenLinks(plain.parts)).toEqual([]);
    expect(orphanParts(plain.parts)).toEqual([]);
  });

  it("saving twice keeps the charts written once", async () => {
    const book = XlsxBook.create();
    await new XlsxHost(book).write([chartSheet()]);
    const first = Buffer.from(book.toBytes());
    expect(Buffer.from(book.toBytes()).equals(first)).toBe(true);
  });

  it("still loads in exceljs, values in place", async () => {
    const { bytes } = await written([chartSheet()]);
    const ws = (await excelOf(bytes)).getWorksheet("Tổng quan");
    expect(ws?.getCell(`B${TABLE_ROW + 2}`).value).toBe("Sở Tư pháp");
    expect(ws?.getCell(`G${TABLE_ROW + 2}`).value).toBe(95.44);
  });

  it("refuses charts on a sheet it updates, or over cells it does not write, before writing anything", async () => {
    const book = XlsxBook.create();
    const host = new XlsxHost(book);
    await host.write([{ sheet: "Điểm", mode: "update", blocks: [{ row: 0, col: 0, values: [["x"]] }] }]);
    const before = Buffer.from(book.toBytes());
    const sheet = chartSheet();
    await expect(host.write([{ ...sheet, sheet: "Điểm", mode: "update" }])).rejects.toThrow(
      'Điểm: biểu đồ "xep-hang-so" chỉ được vẽ trên trang tính được ghi mới toàn bộ',
    );
    const long = chartSheet();
    const spec = (long.charts as ChartSpec[])[0] as ChartSpec;
    spec.categories = { ...spec.categories, rows: 21 };
    for (const s of spec.series) s.values = { ...s.values, rows: 21 };
    await expect(host.write([long])).rejects.toThrow(
      'Tổng quan: biểu đồ "xep-hang-so": vùng nhãn (B62:B82) có ô B82 nằm ngoài các ô được ghi trên trang tính',
    );
    expect(host.calls.write).toBe(1);
    expect(Buffer.from(book.toBytes()).equals(before)).toBe(true);
  });
});

describe("dropSheetParts", () => {
  it("removes what only the replaced sheet reached, keeping a part another one still refers to", () => {
    const pkg = XlsxPackage.empty();
    pkg.setText("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>');
    const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    for (const part of ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/drawings/drawing1.xml", "xl/drawings/drawing2.xml"])
      pkg.setText(part, "<x/>");
    for (const part of ["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/media/image1.png", "xl/charts/style1.xml"])
      pkg.setText(part, "<x/>");
    pkg.setContentType("xl/drawings/drawing1.xml", DRAWING_TYPE);
    pkg.setContentType("xl/charts/chart1.xml", CHART_TYPE);
    pkg.setContentType("xl/charts/chart2.xml", CHART_TYPE);
    // Sheet 1 (replaced): drawing1 → chart1 (→ its style part) and the shared picture; sheet 2 (a person's): drawing2 → chart2, picture.
    pkg.addRel("xl/worksheets/sheet1.xml", `${R}/drawing`, "xl/drawings/drawing1.xml");
    pkg.addRel("xl/drawings/drawing1.xml", `${R}/chart`, "xl/charts/chart1.xml");
    pkg.addRel("xl/drawings/drawing1.xml", `${R}/image`, "xl/media/image1.png");
    pkg.addRel("xl/charts/chart1.xml", "http://schemas.microsoft.com/office/2011/relationships/chartStyle", "xl/charts/style1.xml");
    pkg.addRel("xl/worksheets/sheet2.xml", `${R}/drawing`, "xl/drawings/drawing2.xml");
    pkg.addRel("xl/drawings/drawing2.xml", `${R}/chart`, "xl/charts/chart2.xml");
    pkg.addRel("xl/drawings/drawing2.xml", `${R}/image`, "xl/media/image1.png");
    const kept = new Map(
      ["xl/drawings/_rels/drawing2.xml.rels", "xl/media/image1.png", "xl/charts/chart2.xml"].map((p) => [p, pkg.text(p)]),
    );

    expect(dropSheetParts(pkg, "xl/worksheets/sheet1.xml")).toEqual([
      "xl/charts/chart1.xml",
      "xl/charts/style1.xml",
      "xl/drawings/drawing1.xml",
    ]);
    for (const gone of [
      "xl/drawings/drawing1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/charts/chart1.xml",
      "xl/charts/_rels/chart1.xml.rels",
    ])
      expect(pkg.has(gone), gone).toBe(false);
    expect(pkg.has("xl/worksheets/_rels/sheet1.xml.rels")).toBe(false);
    for (const [part, text] of kept) expect(pkg.text(part), part).toBe(text);
    const types = pkg.text("[Content_Types].xml") ?? "";
    expect(types).not.toContain("drawing1.xml");
    expect(types).not.toContain("chart1.xml");
    expect(types).toContain("chart2.xml");
  });
});

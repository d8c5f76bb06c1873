/**
 * The chart part (`xl/charts/chartN.xml`, DrawingML `c:chartSpace`) of one `ChartSpec`: title, a bar chart
 * (columns or horizontal bars, clustered, overlapping 100 % when asked) with a line chart on the same axes for
 * series of kind "line" (a combo chart), a line chart, or a pie; series named by literal text, categories and
 * values as references to the sheet's cells **with a cache of their values** (so a reader that does not
 * recalculate still draws), colours, data labels, axes with titles, number format and bounds, legend.
 * Element order follows the ECMA-376 schema (CT_ChartSpace, CT_PlotArea, CT_BarChart, CT_BarSer, CT_CatAx,
 * CT_ValAx, CT_Scaling …): Excel refuses a chart whose children are out of order.
 */
import { columnLetters, type CellRange, type ChartSeries, type ChartSpec, type ReadValue } from "../../shared/workbook/port.ts";
import { escapeXml } from "./xml.ts";

const C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Axis ids of the one pair of axes a chart has (any unsigned numbers, the same in the chart groups and axes). */
const CAT_AX = 500100;
const VAL_AX = 500200;

/**
 * Colours of series without their own (and of pie slices), in order: Office's default accents, written out so
 * that a workbook without a theme part (as the tool makes them) does not draw them white.
 */
export const PALETTE = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E", "#636363", "#997300"];

/** A cell's value as written in the sheet (undefined when empty). */
export type CellLookup = (row: number, col: number) => ReadValue | undefined;

/**
 * An absolute reference to a range of a sheet, as a chart formula: the sheet name always quoted (an apostrophe
 * in it doubled), e.g. `'Tổng quan'!$B$41:$B$60`.
 *
 * @example
 * rangeFormula("Tổng quan", { row: 40, col: 1, rows: 20, cols: 1 }); // "'Tổng quan'!$B$41:$B$60"
 * rangeFormula("Sở 'A'", { row: 0, col: 0, rows: 1, cols: 1 }); // "'Sở ''A'''!$A$1"
 */
export function rangeFormula(sheet: string, range: CellRange): string {
  const first = `$${columnLetters(range.col)}$${range.row + 1}`;
  const last = `$${columnLetters(range.col + range.cols - 1)}$${range.row + range.rows}`;
  return `'${sheet.replace(/'/g, "''")}'!${first === last ? first : `${first}:${last}`}`;
}

/**
 * The chart part's XML for a spec drawn over the cells of `sheet` (`cell` gives their written values, for the
 * caches).
 *
 * @example
 * chartXml(spec, "Tổng quan", (r, c) => grid[r]?.[c] ?? undefined); // '<?xml …><c:chartSpace …>…'
 */
export function chartXml(spec: ChartSpec, sheet: string, cell: CellLookup): string {
  const pie = spec.kind === "pie";
  const legend = spec.legend ?? (pie || spec.series.length > 1);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">` +
    '<c:date1904 val="0"/><c:lang val="vi-VN"/><c:roundedCorners val="0"/>' +
    "<c:chart>" +
    `<c:title>${richText(spec.title, { size: 1400, bold: true })}<c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/>' +
    `<c:plotArea><c:layout/>${pie ? pieChart(spec, sheet, cell) : axisChart(spec, sheet, cell)}</c:plotArea>` +
    (legend ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : "") +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    "</c:chart>" +
    '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>' +
    `<c:txPr>${textBody(1000, false)}</c:txPr>` +
    "</c:chartSpace>"
  );
}

/** Bars and/or lines over one category axis and one value axis. */
function axisChart(spec: ChartSpec, sheet: string, cell: CellLookup): string {
  const horizontal = spec.kind === "bar";
  const lineKind = (s: ChartSeries): boolean => (s.kind ?? (spec.kind === "line" ? "line" : "column")) === "line";
  const indexed = spec.series.map((s, i) => ({ s, i }));
  const bars = indexed.filter(({ s }) => !lineKind(s));
  const lines = indexed.filter(({ s }) => lineKind(s));
  // In a combo chart the line (e.g. the block mean) carries no labels: one label per category would repeat it.
  const lineLabels = spec.dataLabels === true && bars.length === 0;
  let groups = "";
  if (bars.length > 0) {
    groups +=
      `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
      bars.map(({ s, i }) => barSeries(spec, s, i, sheet, cell)).join("") +
      `<c:gapWidth val="${spec.overlap === true ? 50 : 150}"/>` +
      (spec.overlap === true ? '<c:overlap val="100"/>' : "") +
      `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:barChart>`;
  }
  if (lines.length > 0) {
    groups +=
      '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>' +
      lines.map(({ s, i }) => lineSeries(spec, s, i, sheet, cell, lineLabels)).join("") +
      `<c:marker val="1"/><c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:lineChart>`;
  }
  // A horizontal bar chart lists its categories from the top (reversed axis), the value axis staying at the bottom.
  const catAx =
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="${horizontal ? "maxMin" : "minMax"}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/>` +
    (spec.categoryAxisTitle !== undefined ? axisTitle(spec.categoryAxisTitle, horizontal) : "") +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `<c:txPr>${textBody(800, false)}</c:txPr>` +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>` +
    // Every label of up to 50 categories (Excel would skip some of 20 unit names); past that, Excel's own choice.
    (spec.categories.rows <= 50 ? '<c:tickLblSkip val="1"/>' : "") +
    '<c:noMultiLvlLbl val="0"/></c:catAx>';
  const scaling =
    '<c:orientation val="minMax"/>' +
    (spec.valueAxisMax !== undefined ? `<c:max val="${spec.valueAxisMax}"/>` : "") +
    (spec.valueAxisMin !== undefined ? `<c:min val="${spec.valueAxisMin}"/>` : "");
  const valAx =
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling>${scaling}</c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? "b" : "l"}"/>` +
    '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>' +
    (spec.valueAxisTitle !== undefined ? axisTitle(spec.valueAxisTitle, !horizontal) : "") +
    `<c:numFmt formatCode="${escapeXml(spec.numberFormat)}" sourceLinked="0"/>` +
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `<c:crossAx val="${CAT_AX}"/><c:crosses val="${horizontal ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`;
  return groups + catAx + valAx;
}

function pieChart(spec: ChartSpec, sheet: string, cell: CellLookup): string {
  const slices = Array.from(
    { length: spec.categories.rows },
    (_, p) =>
      `<c:dPt><c:idx val="${p}"/><c:bubble3D val="0"/><c:spPr><a:solidFill>${rgb(colorAt(p))}</a:solidFill>` +
      '<a:ln w="12700"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr></c:dPt>',
  ).join("");
  const series = spec.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesName(s)}${slices}` +
        (spec.dataLabels === true ? dataLabels(spec, true) : "") +
        categoryRef(spec, sheet, cell) +
        valueRef(spec, s, sheet, cell) +
        "</c:ser>",
    )
    .join("");
  return `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`;
}

function barSeries(spec: ChartSpec, s: ChartSeries, i: number, sheet: string, cell: CellLookup): string {
  const fill = `<c:spPr><a:solidFill>${rgb(s.color ?? colorAt(i))}</a:solidFill></c:spPr>`;
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesName(s)}${fill}<c:invertIfNegative val="0"/>` +
    (spec.dataLabels === true ? dataLabels(spec, false) : "") +
    categoryRef(spec, sheet, cell) +
    valueRef(spec, s, sheet, cell) +
    "</c:ser>"
  );
}

function lineSeries(spec: ChartSpec, s: ChartSeries, i: number, sheet: string, cell: CellLookup, labels: boolean): string {
  const line = `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill>${rgb(s.color ?? colorAt(i))}</a:solidFill><a:round/></a:ln></c:spPr>`;
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesName(s)}${line}<c:marker><c:symbol val="none"/></c:marker>` +
    (labels ? dataLabels(spec, false) : "") +
    categoryRef(spec, sheet, cell) +
    valueRef(spec, s, sheet, cell) +
    '<c:smooth val="0"/></c:ser>'
  );
}

function seriesName(s: ChartSeries): string {
  return `<c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>`;
}

function dataLabels(spec: ChartSpec, pie: boolean): string {
  return (
    `<c:dLbls><c:numFmt formatCode="${escapeXml(spec.numberFormat)}" sourceLinked="0"/>` +
    "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>" +
    `<c:txPr>${textBody(800, false)}</c:txPr>` +
    `${pie ? '<c:dLblPos val="bestFit"/>' : ""}<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>` +
    `<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>${pie ? '<c:showLeaderLines val="1"/>' : ""}</c:dLbls>`
  );
}

/** The categories: a reference with the text of its cells (numbers as written; empty cells left out). */
function categoryRef(spec: ChartSpec, sheet: string, cell: CellLookup): string {
  const r = spec.categories;
  const points: string[] = [];
  for (let i = 0; i < r.rows; i++) {
    const v = cell(r.row + i, r.col);
    if (v === undefined || v === null || typeof v === "object" || v === "") continue;
    const text = typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
    points.push(`<c:pt idx="${i}"><c:v>${escapeXml(text)}</c:v></c:pt>`);
  }
  return (
    `<c:cat><c:strRef><c:f>${escapeXml(rangeFormula(sheet, r))}</c:f>` +
    `<c:strCache><c:ptCount val="${r.rows}"/>${points.join("")}</c:strCache></c:strRef></c:cat>`
  );
}

/** A series' values: a reference with the numbers of its cells (text and empty cells left out: gaps). */
function valueRef(spec: ChartSpec, s: ChartSeries, sheet: string, cell: CellLookup): string {
  const r = s.values;
  const points: string[] = [];
  for (let i = 0; i < r.rows; i++) {
    const v = cell(r.row + i, r.col);
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    points.push(`<c:pt idx="${i}"><c:v>${Object.is(v, -0) ? 0 : v}</c:v></c:pt>`);
  }
  return (
    `<c:val><c:numRef><c:f>${escapeXml(rangeFormula(sheet, r))}</c:f>` +
    `<c:numCache><c:formatCode>${escapeXml(spec.numberFormat)}</c:formatCode><c:ptCount val="${r.rows}"/>${points.join("")}</c:numCache>` +
    "</c:numRef></c:val>"
  );
}

function axisTitle(text: string, vertical: boolean): string {
  return `<c:title>${richText(text, { size: 900, bold: true, vertical })}<c:overlay val="0"/></c:title>`;
}

/** Rich text of a title (one paragraph a line), Vietnamese language tag. */
function richText(text: string, o: { size: number; bold: boolean; vertical?: boolean }): string {
  const b = o.bold ? ' b="1"' : ' b="0"';
  const body = o.vertical === true ? '<a:bodyPr rot="-5400000" vert="horz"/>' : "<a:bodyPr/>";
  const paragraphs = text
    .split("\n")
    .map(
      (line) =>
        `<a:p><a:pPr><a:defRPr sz="${o.size}"${b}/></a:pPr><a:r><a:rPr lang="vi-VN" sz="${o.size}"${b}/><a:t>${escapeXml(line)}</a:t></a:r></a:p>`,
    )
    .join("");
  return `<c:tx><c:rich>${body}<a:lstStyle/>${paragraphs}</c:rich></c:tx>`;
}

/** Text properties (size in hundredths of a point) for labels and the chart's default font. */
function textBody(size: number, bold: boolean): string {
  return `<a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:endParaRPr lang="vi-VN"/></a:p>`;
}

function colorAt(i: number): string {
  return PALETTE[i % PALETTE.length] as string;
}

function rgb(hex: string): string {
  return `<a:srgbClr val="${hex.slice(1).toUpperCase()}"/>`;
}

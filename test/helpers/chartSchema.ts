/**
 * Test helpers for the chart parts the .xlsx layer writes, independent of its code: well-formedness through
 * libxml2 (xmllint-wasm), the order of children of the DrawingML chart elements as ECMA-376 Part 1 (transitional
 * dml-chart.xsd, dml-spreadsheetDrawing.xsd) defines their sequences (Excel refuses a chart whose children are
 * out of order, LibreOffice does not mind), and the package's links (targets that exist, no new orphan part,
 * content types of existing parts), read with jszip.
 */
import JSZip from "jszip";
import { validateXML } from "xmllint-wasm";

/** An element of a parsed part: local name and children (text dropped). */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Text content directly inside (joined). */
  text: string;
}

/**
 * A small tree of an XML text the tool wrote (no comments, CDATA or processing instructions other than the
 * declaration): enough to look at element order and attributes. Well-formedness is libxml2's job
 * (`wellFormedProblems`).
 */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: XmlNode[] = [root];
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, "");
  for (const m of body.matchAll(/<(\/?)([\w.:-]+)((?:\s+[\w.:-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g)) {
    const top = stack[stack.length - 1] as XmlNode;
    if (m[5] !== undefined) {
      top.text += m[5];
      continue;
    }
    const name = (m[2] as string).replace(/^[\w.-]+:/, "");
    if (m[1] === "/") {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? "").matchAll(/([\w.:-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1] as string] = a[2] as string;
    const node: XmlNode = { name, attrs, children: [], text: "" };
    top.children.push(node);
    if (m[4] !== "/") stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]?.name}> not closed`);
  return root.children[0] as XmlNode;
}

/** Every descendant (and the node itself) with this local name. */
export function findAll(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode): void => {
    if (n.name === name) out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}

/** The first child with this local name. */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** libxml2's complaints about each part (empty when every part is well-formed XML). */
export async function wellFormedProblems(parts: Record<string, string>): Promise<string[]> {
  const out: string[] = [];
  for (const [fileName, contents] of Object.entries(parts)) {
    const result = await validateXML({ xml: [{ fileName: fileName.replace(/[^\w.]/g, "_"), contents }], normalization: "format" });
    if (!result.valid) out.push(...result.errors.map((e) => `${fileName}: ${e.rawMessage}`));
  }
  return out;
}

const CHART_GROUPS = ["areaChart", "area3DChart", "lineChart", "line3DChart", "stockChart", "radarChart", "scatterChart", "pieChart"]
  .concat(["pie3DChart", "doughnutChart", "barChart", "bar3DChart", "ofPieChart", "surfaceChart", "surface3DChart", "bubbleChart"])
  .join("|");
const AXES = "valAx|catAx|dateAx|serAx";
const AXIS_SHARED =
  "axId scaling delete axPos majorGridlines minorGridlines title numFmt majorTickMark minorTickMark tickLblPos spPr txPr crossAx crosses|crossesAt";

/**
 * Sequences of ECMA-376 (transitional) for the elements the tool writes, by element (a series by its chart
 * group): each entry a rank; "a|b" = a choice at the same rank. Required children marked "!".
 */
const SEQUENCES: Record<string, string> = {
  chartSpace:
    "date1904 lang roundedCorners AlternateContent clrMapOvr pivotSource protection chart! spPr txPr externalData printSettings userShapes extLst",
  chart:
    "title autoTitleDeleted pivotFmts view3D floor sideWall backWall plotArea! legend plotVisOnly dispBlanksAs showDLblsOverMax extLst",
  title: "tx layout overlay spPr txPr extLst",
  plotArea: `layout ${CHART_GROUPS}! ${AXES} dTable spPr extLst`,
  barChart: "barDir! grouping varyColors ser dLbls gapWidth overlap serLines axId! extLst",
  lineChart: "grouping! varyColors ser dLbls dropLines hiLowLines upDownBars marker smooth axId! extLst",
  pieChart: "varyColors ser dLbls firstSliceAng extLst",
  "barChart/ser": "idx! order! tx spPr invertIfNegative pictureOptions dPt dLbls trendline errBars cat val shape extLst",
  "lineChart/ser": "idx! order! tx spPr marker dPt dLbls trendline errBars cat val smooth extLst",
  "pieChart/ser": "idx! order! tx spPr explosion dPt dLbls cat val extLst",
  dPt: "idx! invertIfNegative marker bubble3D explosion spPr pictureOptions extLst",
  dLbls:
    "dLbl delete|numFmt spPr txPr dLblPos showLegendKey showVal showCatName showSerName showPercent showBubbleSize separator showLeaderLines leaderLines extLst",
  catAx: `${AXIS_SHARED} auto lblAlgn lblOffset tickLblSkip tickMarkSkip noMultiLvlLbl extLst`,
  valAx: `${AXIS_SHARED} crossBetween majorUnit minorUnit dispUnits extLst`,
  scaling: "logBase orientation max min extLst",
  legend: "legendPos legendEntry layout overlay spPr txPr extLst",
  tx: "strRef|rich|v",
  strRef: "f! strCache extLst",
  numRef: "f! numCache extLst",
  strCache: "ptCount pt extLst",
  numCache: "formatCode ptCount pt extLst",
  marker: "symbol size spPr extLst",
  rich: "bodyPr! lstStyle p!",
  oneCellAnchor: "from! ext! sp|grpSp|graphicFrame|cxnSp|pic|contentPart! clientData!",
  twoCellAnchor: "from! to! sp|grpSp|graphicFrame|cxnSp|pic|contentPart! clientData!",
  from: "col! colOff! row! rowOff!",
  graphicFrame: "nvGraphicFramePr! xfrm! graphic!",
};

/**
 * Children out of the schema's order, unknown children, and missing required children, for every element of
 * a chart or drawing part that has a sequence above ("plotArea: valAx before barChart").
 */
export function orderProblems(root: XmlNode): string[] {
  const problems: string[] = [];
  const walk = (node: XmlNode, parent: string): void => {
    // The marker element of a line chart (a boolean) and of a series (CT_Marker) share a name.
    // (and the chart of a drawing's graphic frame, a reference, is not the chart part's <c:chart>).
    const key =
      node.name === "ser"
        ? `${parent}/ser`
        : (node.name === "marker" && parent === "lineChart") || (node.name === "chart" && parent === "graphicData")
          ? ""
          : node.name;
    const sequence = SEQUENCES[key];
    if (sequence !== undefined) {
      const ranks = sequence.split(" ").map((r) => r.replace(/!$/, "").split("|"));
      const rankOf = (name: string): number => ranks.findIndex((r) => r.includes(name));
      let last = -1;
      for (const c of node.children) {
        const rank = rankOf(c.name);
        if (rank < 0) problems.push(`${key}: <${c.name}> is not a child of it`);
        else if (rank < last) problems.push(`${key}: <${c.name}> after <${ranks[last]?.join("|")}>`);
        else last = rank;
      }
      sequence.split(" ").forEach((r) => {
        if (!r.endsWith("!")) return;
        const names = r.slice(0, -1).split("|");
        if (!node.children.some((c) => names.includes(c.name))) problems.push(`${key}: no <${names.join("|")}>`);
      });
      for (const group of ["barChart", "lineChart"]) {
        if (key === group && node.children.filter((c) => c.name === "axId").length !== 2) problems.push(`${key}: not two <axId>`);
      }
    }
    node.children.forEach((c) => walk(c, node.name));
  };
  walk(root, "");
  return problems;
}

/** Every part of an .xlsx, as text (binary parts as latin1, never compared as XML). */
export async function partTexts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) out.set(name, await file.async("string"));
  return out;
}

/** Relationships of a package by source part ("" for the package's own), targets resolved to part names. */
export function relationships(parts: Map<string, string>): Map<string, { id: string; type: string; target: string }[]> {
  const out = new Map<string, { id: string; type: string; target: string }[]>();
  for (const [name, text] of parts) {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(name);
    if (m === null) continue;
    const source = `${m[1] ?? ""}${m[2] ?? ""}`;
    const folder = m[1] ?? "";
    const list = [...text.matchAll(/<Relationship\b[^>]*>/g)]
      .map((r) => r[0])
      .filter((r) => !/TargetMode="External"/.test(r))
      .map((r) => {
        const target = /Target="([^"]*)"/.exec(r)?.[1] ?? "";
        const resolved = target.startsWith("/") ? target.slice(1) : new URL(target, `http://x/${folder}`).pathname.slice(1);
        return { id: /Id="([^"]*)"/.exec(r)?.[1] ?? "", type: /Type="([^"]*)"/.exec(r)?.[1] ?? "", target: decodeURIComponent(resolved) };
      });
    out.set(source, list);
  }
  return out;
}

/** Parts no relationship chain from the package root reaches (.rels and [Content_Types].xml aside). */
export function orphanParts(parts: Map<string, string>): string[] {
  const rels = relationships(parts);
  const seen = new Set<string>();
  const visit = (part: string): void => {
    if (seen.has(part)) return;
    seen.add(part);
    for (const r of rels.get(part) ?? []) visit(r.target);
  };
  visit("");
  return [...parts.keys()].filter((p) => !p.endsWith(".rels") && p !== "[Content_Types].xml" && !seen.has(p)).sort();
}

/** Broken links of a package: relationship targets that are missing, content-type overrides of missing parts. */
export function brokenLinks(parts: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [source, list] of relationships(parts)) {
    for (const r of list) if (!parts.has(r.target)) out.push(`${source || "(package)"} ${r.id} → ${r.target} (missing)`);
  }
  const types = parts.get("[Content_Types].xml") ?? "";
  for (const m of types.matchAll(/<Override\b[^>]*PartName="\/([^"]*)"/g)) {
    if (!parts.has(decodeURIComponent(m[1] as string))) out.push(`content type of /${m[1]} (missing part)`);
  }
  return out;
}

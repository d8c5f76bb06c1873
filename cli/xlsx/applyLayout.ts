/**
 * Page and view settings of a sheet (`SheetLayout`) written into its worksheet part: column widths (<cols>),
 * frozen panes (<sheetViews>), A4 page setup with fit-to-page (<pageSetup>, <sheetPr><pageSetUpPr>), tab colour
 * (<sheetPr><tabColor>), manual page breaks (<rowBreaks>) and print titles (a defined name of the workbook). Settings not given stay as they are.
 */
import { columnLetters, type SheetLayout } from "../../shared/workbook/port.ts";
import type { SheetEntry, XlsxBook } from "./XlsxBook.ts";
import type { SheetXml } from "./SheetXml.ts";
import { attr, parseAttrs, setAttr } from "./xml.ts";

/**
 * Applies a layout to a sheet of the book.
 *
 * @example
 * applyLayout(book, entry, { columnWidths: [6, 30], frozenRows: 3, print: { orientation: "landscape", fitToWidth: true } });
 */
export function applyLayout(book: XlsxBook, entry: SheetEntry, layout: SheetLayout): void {
  const sheet = book.sheet(entry);
  if (layout.columnWidths !== undefined) setColumnWidths(sheet, layout.columnWidths);
  if (layout.frozenRows !== undefined || layout.frozenCols !== undefined) setFrozen(sheet, layout.frozenRows, layout.frozenCols);
  if (layout.print !== undefined) {
    const p = layout.print;
    const old = sheet.child("pageSetup") ?? "<pageSetup/>";
    let tag = /^<[^>]*>/.exec(old)?.[0] ?? "<pageSetup/>";
    if (!tag.endsWith("/>")) tag = tag.slice(0, -1) + "/>";
    tag = setAttr(tag, "paperSize", "9");
    tag = setAttr(tag, "orientation", p.orientation);
    tag = setAttr(tag, "fitToWidth", p.fitToWidth ? "1" : undefined);
    tag = setAttr(tag, "fitToHeight", p.fitToWidth ? (p.fitToHeight === true ? "1" : "0") : undefined);
    if (sheet.child("pageMargins") === undefined) {
      sheet.setChild("pageMargins", '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
    }
    sheet.setChild("pageSetup", tag);
    setSheetPr(sheet, "pageSetUpPr", p.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : undefined);
  }
  if (layout.printTitleRows !== undefined) book.setPrintTitles(entry, layout.printTitleRows);
  if (layout.tabColor !== undefined) setSheetPr(sheet, "tabColor", `<tabColor rgb="FF${layout.tabColor.slice(1).toUpperCase()}"/>`);
  if (layout.rowBreaks !== undefined) sheet.setChild("rowBreaks", rowBreaksXml(layout.rowBreaks));
}

/**
 * The <rowBreaks> of manual page breaks before the given 0-based rows (`brk id` is the 1-based row the page ends
 * after, i.e. the 0-based row that starts the next page); undefined (element removed) for none.
 *
 * @example
 * rowBreaksXml([40]); // '<rowBreaks count="1" manualBreakCount="1"><brk id="40" max="16383" man="1"/></rowBreaks>'
 */
export function rowBreaksXml(rows: readonly number[]): string | undefined {
  const ids = [...new Set(rows)].filter((r) => Number.isInteger(r) && r > 0).sort((a, b) => a - b);
  if (ids.length === 0) return undefined;
  const brks = ids.map((id) => `<brk id="${id}" max="16383" man="1"/>`).join("");
  return `<rowBreaks count="${ids.length}" manualBreakCount="${ids.length}">${brks}</rowBreaks>`;
}

/**
 * Column widths stored in a sheet's <cols>, by 0-based column.
 *
 * @example
 * columnWidthsOf(sheet).get(1); // 30
 */
export function columnWidthsOf(sheet: SheetXml): Map<number, number> {
  const out = new Map<number, number>();
  for (const col of readCols(sheet)) {
    const w = Number(col.attrs.width);
    if (col.attrs.width !== undefined && Number.isFinite(w)) for (let c = col.min; c <= Math.min(col.max, 16384); c++) out.set(c - 1, w);
  }
  return out;
}

interface Col {
  min: number;
  max: number;
  attrs: Record<string, string>;
}

function readCols(sheet: SheetXml): Col[] {
  const xml = sheet.child("cols") ?? "";
  return [...xml.matchAll(/<(?:\w+:)?col\b[^>]*>/g)].map((m) => {
    const attrs = parseAttrs(m[0]);
    return { min: Number(attrs.min), max: Number(attrs.max), attrs };
  });
}

/** Sets widths of the given columns, splitting the person's column ranges only where needed. */
function setColumnWidths(sheet: SheetXml, widths: readonly (number | undefined)[]): void {
  const cols = readCols(sheet);
  const wanted = new Map<number, number>();
  widths.forEach((w, i) => {
    if (w !== undefined) wanted.set(i + 1, w);
  });
  if (wanted.size === 0) return;
  // Split ranges into single columns where a wanted column falls, then merge equal neighbours back.
  const single: Col[] = [];
  const covered = new Set<number>();
  for (const col of cols) {
    const touches = [...wanted.keys()].some((c) => c >= col.min && c <= col.max);
    if (!touches) {
      single.push(col);
      continue;
    }
    let start = col.min;
    for (let c = col.min; c <= col.max + 1; c++) {
      const boundary = c > col.max || wanted.has(c) || wanted.has(c - 1);
      if (boundary && c > start) {
        single.push({ min: start, max: c - 1, attrs: { ...col.attrs } });
        start = c;
      }
    }
    for (let c = col.min; c <= col.max; c++) covered.add(c);
  }
  for (const c of wanted.keys()) if (!covered.has(c)) single.push({ min: c, max: c, attrs: {} });
  for (const col of single) {
    const w = col.min === col.max ? wanted.get(col.min) : undefined;
    if (w !== undefined) {
      col.attrs.width = String(w);
      col.attrs.customWidth = "1";
    }
  }
  single.sort((a, b) => a.min - b.min);
  const text = single
    .map((col) => {
      const rest = Object.entries(col.attrs).filter(([k]) => k !== "min" && k !== "max");
      return `<col min="${col.min}" max="${col.max}"${rest.map(([k, v]) => ` ${k}="${v.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`).join("")}/>`;
    })
    .join("");
  sheet.setChild("cols", `<cols>${text}</cols>`);
}

/** Frozen panes on the first sheet view (its other settings kept). */
function setFrozen(sheet: SheetXml, rows: number | undefined, cols: number | undefined): void {
  const views = sheet.child("sheetViews") ?? '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const view = /<(?:\w+:)?sheetView\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?sheetView>)/.exec(views)?.[0] ?? '<sheetView workbookViewId="0"/>';
  const pane = /<(?:\w+:)?pane\b[^>]*>/.exec(view)?.[0];
  const ySplit = rows ?? Number(pane === undefined || attr(pane, "state") !== "frozen" ? 0 : (attr(pane, "ySplit") ?? 0));
  const xSplit = cols ?? Number(pane === undefined || attr(pane, "state") !== "frozen" ? 0 : (attr(pane, "xSplit") ?? 0));
  let open = /^<[^>]*>/.exec(view)?.[0] ?? "<sheetView>";
  if (open.endsWith("/>")) open = open.slice(0, -2) + ">";
  const inner = view.endsWith("/>") ? "" : view.slice(view.indexOf(">") + 1).replace(/<\/(?:\w+:)?sheetView>$/, "");
  const others = inner.replace(/<(?:\w+:)?(pane|selection)\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?(pane|selection)>)/g, "");
  let made = "";
  if (xSplit > 0 || ySplit > 0) {
    const active = xSplit > 0 && ySplit > 0 ? "bottomRight" : ySplit > 0 ? "bottomLeft" : "topRight";
    const top = `${columnLetters(xSplit)}${ySplit + 1}`;
    made =
      `<pane${xSplit > 0 ? ` xSplit="${xSplit}"` : ""}${ySplit > 0 ? ` ySplit="${ySplit}"` : ""} topLeftCell="${top}" activePane="${active}" state="frozen"/>` +
      `<selection pane="${active}" activeCell="${top}" sqref="${top}"/>`;
  }
  const newView = `${open}${made}${others}</sheetView>`;
  sheet.setChild(
    "sheetViews",
    views.replace(view, () => newView),
  );
}

/** Sets (or removes) one child of <sheetPr>, in schema order (tabColor, outlinePr, pageSetUpPr). */
function setSheetPr(sheet: SheetXml, name: "tabColor" | "pageSetUpPr", xml: string | undefined): void {
  const order = ["tabColor", "outlinePr", "pageSetUpPr"];
  const old = sheet.child("sheetPr") ?? "<sheetPr/>";
  let open = /^<[^>]*>/.exec(old)?.[0] ?? "<sheetPr>";
  if (open.endsWith("/>")) open = open.slice(0, -2) + ">";
  const inner = old.endsWith("/>") ? "" : old.slice(open.length).replace(/<\/(?:\w+:)?sheetPr>$/, "");
  const children = [...inner.matchAll(/<((?:\w+:)?(\w+))\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g)].map((m) => ({
    name: m[2] as string,
    xml: m[0],
  }));
  const kept = children.filter((c) => c.name !== name);
  if (xml !== undefined) kept.push({ name, xml });
  kept.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const body = kept.map((c) => c.xml).join("");
  const text = body === "" ? (open === "<sheetPr>" ? undefined : open.slice(0, -1) + "/>") : `${open}${body}</sheetPr>`;
  sheet.setChild("sheetPr", text);
}

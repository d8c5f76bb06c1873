/**
 * The drawing part (`xl/drawings/drawingN.xml`, SpreadsheetDrawing `xdr:wsDr`) that places a sheet's charts:
 * one `xdr:oneCellAnchor` per chart (top-left cell, size in EMU), holding a graphic frame named after the chart
 * that points at its chart part through the drawing's relationships.
 */
import { escapeXml } from "./xml.ts";

/** EMU (English Metric Units) in one point. */
export const EMU_PER_POINT = 12700;

/** One chart placed on the sheet. */
export interface ChartFrame {
  /** Object name (the spec's id). */
  name: string;
  /** Alternative text (the chart's title). */
  description: string;
  /** Relationship id of the chart part in the drawing's .rels. */
  rId: string;
  /** Top-left cell, 0-based. */
  row: number;
  col: number;
  /** Size in points. */
  width: number;
  height: number;
}

/**
 * The drawing part's XML for these frames.
 *
 * @example
 * drawingXml([{ name: "xep-hang", description: "Chỉ số CCHC", rId: "rId1", row: 2, col: 0, width: 720, height: 360 }]);
 */
export function drawingXml(frames: readonly ChartFrame[]): string {
  const anchors = frames.map((f, i) => {
    const cx = Math.round(f.width * EMU_PER_POINT);
    const cy = Math.round(f.height * EMU_PER_POINT);
    return (
      "<xdr:oneCellAnchor>" +
      `<xdr:from><xdr:col>${f.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${f.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:ext cx="${cx}" cy="${cy}"/>` +
      '<xdr:graphicFrame macro="">' +
      `<xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXml(f.name)}" descr="${escapeXml(f.description)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></xdr:xfrm>` +
      '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
      `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${f.rId}"/>` +
      "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>"
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"' +
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    anchors.join("") +
    "</xdr:wsDr>"
  );
}

/**
 * The package skeleton of a new workbook (no sheet yet): content types, package and workbook relationships,
 * the workbook part, a minimal styles part and document properties with fixed dates (deterministic files).
 */
import { MINIMAL_STYLES } from "./StylesXml.ts";
import { XlsxPackage } from "./XlsxPackage.ts";

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * A new package holding an empty workbook.
 *
 * @example
 * const pkg = newPackage();
 * pkg.has("xl/workbook.xml"); // true
 */
export function newPackage(): XlsxPackage {
  const pkg = XlsxPackage.empty();
  pkg.setText(
    "[Content_Types].xml",
    XML +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      "</Types>",
  );
  pkg.setText(
    "_rels/.rels",
    XML +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
      "</Relationships>",
  );
  pkg.setText(
    "docProps/core.xml",
    XML +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      "<dc:creator>cchc-index</dc:creator><cp:lastModifiedBy>cchc-index</cp:lastModifiedBy>" +
      '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified>' +
      "</cp:coreProperties>",
  );
  pkg.setText(
    "docProps/app.xml",
    XML +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>cchc-index</Application></Properties>',
  );
  pkg.setText(
    "xl/workbook.xml",
    XML +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<workbookPr defaultThemeVersion="164011"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>' +
      '<sheets/><calcPr calcId="191029"/></workbook>',
  );
  pkg.setText(
    "xl/_rels/workbook.xml.rels",
    XML +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      "</Relationships>",
  );
  pkg.setText("xl/styles.xml", MINIMAL_STYLES);
  return pkg;
}

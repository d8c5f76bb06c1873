import type { BlockOverview, FigureKind } from "../report/buildOverview.ts";
import type { CellRange, CellStyle, CellValue, ChartSpec, SheetWrite } from "./port.ts";
import { fitRowHeights } from "./fitRowHeights.ts";
import { FONT, NUMBER_FORMATS, STYLES, numberFormats } from "./workbookLabels.ts";
import type { Precision } from "../compute/hundredths.ts";

/** Colours of the groups in the settings' order (A green, B blue, C orange, D red); further groups grey. */
export const GROUP_COLORS: readonly string[] = ["#2E7D32", "#1565C0", "#EF6C00", "#C62828"];
const OTHER_GROUP_COLOR = "#757575";
/** The block mean's line, this year's and last year's columns, the single-series charts. */
const MEAN_COLOR = "#212121";
const THIS_YEAR_COLOR = "#2F5597";
const LAST_YEAR_COLOR = "#A5A5A5";
/** Height of every row the charts stand over, in points: a chart's rows are known whatever the host's default. */
export const CHART_ROW_PT = 15;
/** Width of every chart in points: inside an A4 landscape page (741 pt between Normal margins). */
export const CHART_WIDTH_PT = 700;
/** Heights of the charts in points: each fits one A4 landscape page (487 pt between Normal margins). */
const CHART_HEIGHT_PT = { ranking: 420, groups: 260, fields: 320, change: 380 } as const;
/** Column widths in characters: the label column, then number columns (A–I hold 706 pt ≥ the charts' width). */
const LABEL_WIDTH = 40;
const NUMBER_WIDTH = 11;
const MIN_COLUMNS = 9;

const TEXT: CellStyle = { fontName: FONT, fontSize: 12, vAlign: "middle", wrap: true, border: true, numberFormat: NUMBER_FORMATS.text };
const HEADER: CellStyle = { ...STYLES.header, numberFormat: NUMBER_FORMATS.text };
const HEADING: CellStyle = { fontName: FONT, fontSize: 12, bold: true, numberFormat: NUMBER_FORMATS.text };
const NOTE: CellStyle = { ...STYLES.note, numberFormat: NUMBER_FORMATS.text };
/** The number styles at each precision, made once (hosts cache styles by object). */
const NUMBER_STYLES_BY_PRECISION = new Map<Precision, Record<FigureKind | "percent", CellStyle>>();
function numberStyles(precision: Precision): Record<FigureKind | "percent", CellStyle> {
  const known = NUMBER_STYLES_BY_PRECISION.get(precision);
  if (known !== undefined) return known;
  const f = numberFormats(precision);
  const base: CellStyle = { fontName: FONT, fontSize: 12, vAlign: "middle", border: true };
  const made: Record<FigureKind | "percent", CellStyle> = {
    integer: { ...base, hAlign: "center", numberFormat: NUMBER_FORMATS.integer },
    signedInteger: { ...base, hAlign: "center", numberFormat: NUMBER_FORMATS.signedInteger },
    score: { ...base, hAlign: "right", numberFormat: f.score },
    signedScore: { ...base, hAlign: "right", numberFormat: f.signedScore },
    percent: { ...base, hAlign: "right", numberFormat: f.score },
  };
  NUMBER_STYLES_BY_PRECISION.set(precision, made);
  return made;
}

/**
 * The overview sheet of one block ("Tổng quan", "Tổng quan a"…), owned by the tool and replaced whole like the
 * Biểu: the key figures (1), the groups with counts and shares (2), the native charts (3) over the rows they
 * stand on, and the data tables the charts read (4), then the stamp line in column A. Charts: the ranking
 * (one column series per group, each unit's index only in its group's column, overlapped, with the block mean
 * as a line), the groups (units per group), each field's mean as a share of its maximum (horizontal bars), and
 * this year against last year per unit when every unit has last year's index. Sizes in points; A4 landscape,
 * fitted to the page width (the columns A–I hold the charts' 700 pt at 100 %); every chart, and the data
 * tables, start a printed page (`layout.rowBreaks`), so no chart is cut in two.
 *
 * @example
 * const [overview] = buildOverviews(input, result);
 * const write = planOverviewSheet(overview, stampLine(input)); // { sheet: "Tổng quan", mode: "replace", charts: [4 charts] }
 */
export function planOverviewSheet(overview: BlockOverview, stamp: string): SheetWrite {
  const NUMBER_STYLES = numberStyles(overview.precision);
  const scoreFormat = numberFormats(overview.precision).score;
  const shownGroups = overview.groups
    .map((g, i) => ({ ...g, color: GROUP_COLORS[i] ?? OTHER_GROUP_COLOR }))
    .filter((g) => overview.ranking.some((r) => r.kind === "unit" && r.group === g.name));
  const width = Math.max(MIN_COLUMNS, 5 + shownGroups.length);
  const values: CellValue[][] = [];
  const styles: (CellStyle | null)[][] = [];
  const heights: (number | undefined)[] = [];
  const merges: CellRange[] = [];
  const row = (cells: CellValue[], cellStyles: (CellStyle | null)[] = [], height?: number): number => {
    values.push(Array.from({ length: width }, (_, c) => cells[c] ?? null));
    styles.push(Array.from({ length: width }, (_, c) => cellStyles[c] ?? null));
    heights.push(height);
    return values.length - 1;
  };
  const wide = (text: string, style: CellStyle): number => {
    const r = row([text], [style]);
    merges.push({ row: r, col: 0, rows: 1, cols: width });
    return r;
  };
  const column = (first: number, last: number, col: number): CellRange => ({ row: first, col, rows: last - first + 1, cols: 1 });

  wide(`TỔNG QUAN CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${overview.year}`, { ...STYLES.title, numberFormat: NUMBER_FORMATS.text });
  wide(overview.blockName, { ...STYLES.subtitle, numberFormat: NUMBER_FORMATS.text });
  row([]);

  // 1. Key figures: label, number, the units it names (merged over the other columns).
  row(["1. Số liệu chính"], [HEADING]);
  const header = row(["Chỉ tiêu", "Giá trị", "Đơn vị"], [HEADER, HEADER, HEADER]);
  merges.push({ row: header, col: 2, rows: 1, cols: width - 2 });
  for (const f of overview.keyFigures) {
    const detail = Array.from({ length: width - 2 }, () => TEXT);
    const r = row([f.label, f.value, f.detail], [TEXT, NUMBER_STYLES[f.kind], ...detail]);
    merges.push({ row: r, col: 2, rows: 1, cols: width - 2 });
  }
  row([]);

  // 2. Groups: the distribution chart reads this table.
  row(["2. Phân nhóm theo chỉ số"], [HEADING]);
  row(["Nhóm", "Từ chỉ số", "Số đơn vị", "Tỷ lệ (%)"], [HEADER, HEADER, HEADER, HEADER]);
  const groupsFirst = values.length;
  for (const g of overview.groups) {
    row([`Nhóm ${g.name}`, g.min, g.count, g.share], [TEXT, NUMBER_STYLES.score, NUMBER_STYLES.integer, NUMBER_STYLES.percent]);
  }
  const groupsLast = values.length - 1;
  row([]);

  // 3. Charts, stacked, each over rows of CHART_ROW_PT; their data rows are known only below, so the specs are
  // made after the tables and anchored here.
  // Each chart starts a printed page (the ranking under the section's heading, the others under an empty row:
  // LibreOffice places a chart a few points above its cell, which would print its top edge at the foot of the
  // page before), and so do the data tables: a chart cut by a page break is printed in two halves.
  const rowBreaks = [row(["3. Biểu đồ"], [HEADING])];
  const slots: { id: string; row: number; height: number }[] = [];
  const slot = (id: string, height: number) => {
    if (slots.length > 0) rowBreaks.push(row([], [], CHART_ROW_PT));
    slots.push({ id, row: values.length, height });
    for (let k = 0; k <= Math.ceil(height / CHART_ROW_PT); k++) row([], [], CHART_ROW_PT);
  };
  slot("xep-hang", CHART_HEIGHT_PT.ranking);
  slot("phan-nhom", CHART_HEIGHT_PT.groups);
  slot("linh-vuc", CHART_HEIGHT_PT.fields);
  if (overview.hasPrevious) slot("so-sanh", CHART_HEIGHT_PT.change);

  // 4. The data tables the charts read.
  rowBreaks.push(row(["4. Dữ liệu của các biểu đồ"], [HEADING]));
  row(["Bảng 4.1. Xếp hạng theo chỉ số (biểu đồ Chỉ số CCHC)"], [HEADING]);
  // Not merged, not wrapped: the note runs over the empty cells to its right (a merge would cost Sheets a call).
  if (overview.rankingNote !== null) row([overview.rankingNote], [NOTE]);
  const groupCols = new Map(shownGroups.map((g, i) => [g.name, 4 + i]));
  const meanCol = 4 + shownGroups.length;
  row(
    ["Đơn vị", "Xếp hạng", "Chỉ số", "Nhóm", ...shownGroups.map((g) => `Nhóm ${g.name}`), "Trung bình khối"],
    Array.from({ length: meanCol + 1 }, () => HEADER),
  );
  const rankFirst = values.length;
  for (const r of overview.ranking) {
    const cells: CellValue[] = [];
    const cellStyles: (CellStyle | null)[] = [TEXT, NUMBER_STYLES.integer, NUMBER_STYLES.score, { ...TEXT, hAlign: "center" }];
    for (let c = 4; c < meanCol; c++) cellStyles[c] = NUMBER_STYLES.score;
    cellStyles[meanCol] = NUMBER_STYLES.score;
    if (r.kind === "unit") {
      cells.push(r.name, r.rank, r.index, r.group);
      const col = groupCols.get(r.group);
      if (col !== undefined) cells[col] = r.index;
    } else cells.push(r.label);
    cells[meanCol] = overview.mean;
    row(cells, cellStyles);
  }
  const rankLast = values.length - 1;
  row([]);

  row(["Bảng 4.2. Điểm trung bình từng lĩnh vực so với điểm tối đa"], [HEADING]);
  row(["Lĩnh vực", "Điểm tối đa", "Điểm trung bình", "Tỷ lệ (%)"], [HEADER, HEADER, HEADER, HEADER]);
  const fieldsFirst = values.length;
  for (const f of overview.fields) {
    row([f.label, f.max, f.mean, f.share], [TEXT, NUMBER_STYLES.score, NUMBER_STYLES.score, NUMBER_STYLES.percent]);
  }
  const fieldsLast = values.length - 1;
  row([]);

  let changeFirst = -1;
  let changeLast = -1;
  if (overview.hasPrevious) {
    row([`Bảng 4.3. Chỉ số năm ${overview.year - 1} và năm ${overview.year}`], [HEADING]);
    row(["Đơn vị", `Năm ${overview.year - 1}`, `Năm ${overview.year}`, "Tăng/giảm"], [HEADER, HEADER, HEADER, HEADER]);
    changeFirst = values.length;
    for (const r of overview.ranking) {
      const s = [TEXT, NUMBER_STYLES.score, NUMBER_STYLES.score, NUMBER_STYLES.signedScore];
      if (r.kind === "middle") row([r.label], s);
      else row([r.name, r.previous, r.index, r.change], s);
    }
    changeLast = values.length - 1;
    row([]);
  }
  row([stamp], [NOTE]);

  const indices = overview.ranking.flatMap((r) => (r.kind === "unit" ? [r.index, ...(r.previous === null ? [] : [r.previous])] : []));
  const axisMin = Math.max(0, Math.floor((Math.min(...indices, overview.mean) - 5) / 10) * 10);
  const title = (text: string) => `${text} - ${overview.blockName}`;
  const at = (id: string) => {
    const s = slots.find((x) => x.id === id)!;
    return { anchor: { row: s.row, col: 0 }, width: CHART_WIDTH_PT, height: s.height };
  };
  const charts: ChartSpec[] = [
    {
      id: "xep-hang",
      kind: "column",
      title: title(`Chỉ số CCHC năm ${overview.year} theo thứ hạng`),
      categories: column(rankFirst, rankLast, 0),
      series: [
        ...shownGroups.map((g) => ({
          name: `Nhóm ${g.name}`,
          values: column(rankFirst, rankLast, groupCols.get(g.name)!),
          kind: "column" as const,
          color: g.color,
        })),
        { name: "Trung bình khối", values: column(rankFirst, rankLast, meanCol), kind: "line", color: MEAN_COLOR },
      ],
      overlap: true,
      categoryAxisTitle: "Đơn vị",
      valueAxisTitle: "Chỉ số",
      valueAxisMin: axisMin,
      valueAxisMax: 100,
      numberFormat: scoreFormat,
      legend: true,
      ...at("xep-hang"),
    },
    {
      id: "phan-nhom",
      kind: "column",
      title: title("Số đơn vị theo nhóm"),
      categories: column(groupsFirst, groupsLast, 0),
      series: [{ name: "Số đơn vị", values: column(groupsFirst, groupsLast, 2), kind: "column", color: THIS_YEAR_COLOR }],
      categoryAxisTitle: "Nhóm",
      valueAxisTitle: "Số đơn vị",
      valueAxisMin: 0,
      numberFormat: NUMBER_FORMATS.integer,
      dataLabels: true,
      legend: false,
      ...at("phan-nhom"),
    },
    {
      id: "linh-vuc",
      kind: "bar",
      title: title("Điểm trung bình từng lĩnh vực so với điểm tối đa (%)"),
      categories: column(fieldsFirst, fieldsLast, 0),
      series: [{ name: "Tỷ lệ (%)", values: column(fieldsFirst, fieldsLast, 3), kind: "bar", color: THIS_YEAR_COLOR }],
      categoryAxisTitle: "Lĩnh vực",
      valueAxisTitle: "Tỷ lệ so với điểm tối đa (%)",
      valueAxisMin: 0,
      valueAxisMax: 100,
      numberFormat: scoreFormat,
      dataLabels: true,
      legend: false,
      ...at("linh-vuc"),
    },
  ];
  if (overview.hasPrevious) {
    charts.push({
      id: "so-sanh",
      kind: "column",
      title: title(`Chỉ số năm ${overview.year} so với năm ${overview.year - 1}`),
      categories: column(changeFirst, changeLast, 0),
      series: [
        { name: `Năm ${overview.year - 1}`, values: column(changeFirst, changeLast, 1), kind: "column", color: LAST_YEAR_COLOR },
        { name: `Năm ${overview.year}`, values: column(changeFirst, changeLast, 2), kind: "column", color: THIS_YEAR_COLOR },
      ],
      categoryAxisTitle: "Đơn vị",
      valueAxisTitle: "Chỉ số",
      valueAxisMin: axisMin,
      valueAxisMax: 100,
      numberFormat: scoreFormat,
      legend: true,
      ...at("so-sanh"),
    });
  }

  const columnWidths = [LABEL_WIDTH, ...Array.from({ length: width - 1 }, () => NUMBER_WIDTH)];
  return fitRowHeights({
    sheet: overview.sheetName,
    mode: "replace",
    blocks: [{ row: 0, col: 0, values, styles, merges, rowHeights: heights }],
    layout: { columnWidths, print: { orientation: "landscape", fitToWidth: true }, tabColor: "#C55A11", rowBreaks },
    charts,
  });
}

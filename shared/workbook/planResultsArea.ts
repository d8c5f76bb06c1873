import type { Block } from "../schema/inputSchema.ts";
import type { BlockResult } from "../schema/resultSchema.ts";
import type { Problem } from "../problem.ts";
import type { GridLayout } from "./loadWorkbook.ts";
import { cellText } from "./loadWorkbook.ts";
import { cellAddress, type CellStyle, type CellValue, type SheetWrite } from "./port.ts";
import { LABELS, numberFormats, OWNED_NOTE, STYLES } from "./workbookLabels.ts";
import { STAMP_PREFIX } from "./stamp.ts";

/**
 * The computed rows written below a block's scores, in the area the tool owns (marked "KẾT QUẢ", yellow,
 * with a note): field scores, the parts of the total, Tổng điểm, Chỉ số, Xếp hạng, Xếp nhóm, changes, stamp.
 * Unit columns are the ones of the score sheet, so the results stand under each unit's scores.
 * Returns a problem instead when the area would cover cells a person typed (first recalculation only).
 * Scores show `precision` decimals (`settings.precision`, 2 by default).
 *
 * @example
 * const plan = planResultsArea(block, blockResult, layout, "Tạo bởi cchc-index …");
 * if ("write" in plan) writes.push(plan.write);
 */
export function planResultsArea(
  block: Block,
  result: BlockResult,
  layout: GridLayout,
  stamp: string,
  precision: 2 | 3 = 2,
): { write: SheetWrite } | { problems: Problem[] } {
  const NUMBER_FORMATS = numberFormats(precision);
  const unitCodes = Object.keys(layout.unitCols).sort((a, b) => layout.unitCols[a]! - layout.unitCols[b]!);
  const lastCol = Math.max(layout.maxCol, ...unitCodes.map((u) => layout.unitCols[u]!));
  const width = lastCol + 1;
  const byCode = new Map(result.units.map((u) => [u.code, u]));
  const fieldNames = new Map(block.criteria.filter((c) => !c.code.includes(".")).map((c) => [c.code, c.name]));
  const hasChange = result.units.every((u) => u.change !== undefined);

  type Row = {
    label: string;
    code?: string;
    max?: number | null;
    format: string;
    value: (u: NonNullable<ReturnType<typeof byCode.get>>) => CellValue;
  };
  const rows: Row[] = [];
  const first = result.units[0];
  for (const f of first?.fields ?? []) {
    const setMax = result.stats.fields.find((s) => s.code === f.code)?.max ?? null;
    rows.push({
      code: f.code,
      label: `Lĩnh vực ${f.code}: ${fieldNames.get(f.code) ?? ""}`,
      max: setMax,
      format: NUMBER_FORMATS.score,
      value: (u) => u.fields.find((x) => x.code === f.code)?.score ?? null,
    });
  }
  const methodMax = (m: string) => result.stats.methods.find((s) => s.method === m)?.max ?? null;
  rows.push({ label: "Điểm tự đánh giá", max: methodMax("appraised"), format: NUMBER_FORMATS.score, value: (u) => u.self ?? null });
  rows.push({ label: "Điểm thẩm định", max: methodMax("appraised"), format: NUMBER_FORMATS.score, value: (u) => u.appraised });
  rows.push({ label: "Điểm điều tra XHH", max: methodMax("survey"), format: NUMBER_FORMATS.score, value: (u) => u.survey });
  rows.push({ label: "Điểm hài lòng (SIPAS)", max: methodMax("satisfaction"), format: NUMBER_FORMATS.score, value: (u) => u.satisfaction });
  rows.push({ label: "Tổng điểm", max: null, format: NUMBER_FORMATS.score, value: (u) => u.total });
  rows.push({ label: "Điểm tối đa của đơn vị", max: null, format: NUMBER_FORMATS.score, value: (u) => u.max });
  rows.push({ label: "Chỉ số (Tổng điểm / Điểm tối đa × 100)", max: null, format: NUMBER_FORMATS.score, value: (u) => u.index });
  rows.push({ label: "Xếp hạng", max: null, format: NUMBER_FORMATS.integer, value: (u) => u.rank });
  rows.push({ label: "Xếp nhóm", max: null, format: NUMBER_FORMATS.text, value: (u) => u.group });
  if (hasChange) {
    rows.push({
      label: "Tăng/giảm chỉ số so với năm trước",
      max: null,
      format: NUMBER_FORMATS.signedScore,
      value: (u) => u.change?.index ?? null,
    });
    rows.push({
      label: "Tăng/giảm bậc (+ tăng, − giảm)",
      max: null,
      format: NUMBER_FORMATS.signedInteger,
      value: (u) => u.change?.rank ?? null,
    });
  }

  const values: CellValue[][] = [];
  const styles: (CellStyle | null)[][] = [];
  const line = (cells: CellValue[], st: (c: number) => CellStyle) => {
    const v: CellValue[] = [];
    const s: CellStyle[] = [];
    for (let c = 0; c < width; c++) {
      v.push(cells[c] ?? null);
      s.push(st(c));
    }
    values.push(v);
    styles.push(s);
  };
  const header: CellValue[] = [LABELS.resultsMarker, "Kết quả tính (vùng do công cụ ghi, không sửa tay)", "Tối đa"];
  for (const u of unitCodes) header[layout.unitCols[u]!] = u;
  // One style object per distinct style, shared by its cells: hosts group and cache styles by object.
  const made = new Map<string, CellStyle>();
  const once = (key: string, make: () => CellStyle): CellStyle => {
    let style = made.get(key);
    if (style === undefined) made.set(key, (style = make()));
    return style;
  };
  const headerStyle: CellStyle = { ...STYLES.ownedLabel, numberFormat: NUMBER_FORMATS.text };
  line(header, () => headerStyle);
  for (const r of rows) {
    const cells: CellValue[] = [r.code ?? null, r.label, r.max ?? null];
    for (const u of unitCodes) {
      const unit = byCode.get(u);
      cells[layout.unitCols[u]!] = unit ? r.value(unit) : null;
    }
    line(cells, (c) =>
      c === 1
        ? once("label", () => ({ ...STYLES.owned, bold: true }))
        : c === 0
          ? once("code", () => ({ ...STYLES.owned, numberFormat: NUMBER_FORMATS.text }))
          : once(`number|${c === 2 ? NUMBER_FORMATS.score : r.format}`, () => ({
              ...STYLES.owned,
              numberFormat: c === 2 ? NUMBER_FORMATS.score : r.format,
            })),
    );
  }
  const stampStyle: CellStyle = { ...STYLES.note, fill: "#FFF2CC" };
  const stampFill: CellStyle = { fill: "#FFF2CC" };
  line([null, stamp], (c) => (c === 1 ? stampStyle : stampFill));

  const grid = layout.grid;
  let start: number;
  let previousRows = 0;
  if (layout.markerRow !== null) {
    start = layout.markerRow;
    // The area written last time: consecutive rows from the marker whose label column is not empty.
    // The area written last time: rows from the marker down to our stamp line (label column never empty).
    while (start + previousRows < grid.length) {
      const label = cellText(grid[start + previousRows]?.[1]);
      if (label === "") break;
      previousRows++;
      if (label.startsWith(STAMP_PREFIX)) break;
    }
  } else {
    start = layout.lastCriterionRow + 2;
    const problems: Problem[] = [];
    for (let r = start; r < start + values.length && r < grid.length; r++) {
      for (let c = 0; c < width; c++) {
        if (cellText(grid[r]?.[c]) !== "") {
          problems.push({
            path: layout.sheet,
            sheet: layout.sheet,
            cell: cellAddress(r, c),
            message:
              "ô có dữ liệu nằm trong vùng kết quả của công cụ; hãy xóa hoặc chuyển đi, hoặc thêm dòng «KẾT QUẢ» ở cột Mã để chỉ chỗ ghi",
          });
        }
      }
    }
    if (problems.length > 0) return { problems };
  }
  return {
    write: {
      sheet: layout.sheet,
      mode: "update",
      clear: [{ row: start, col: 0, rows: Math.max(previousRows, values.length), cols: width }],
      blocks: [{ row: start, col: 0, values, styles, note: OWNED_NOTE }],
    },
  };
}

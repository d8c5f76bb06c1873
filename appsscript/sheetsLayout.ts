/**
 * Sheet layout and input checks for the Google Sheets host: column widths, frozen panes, tab colour, and the
 * advisory number checks of input sheets, each with as few Spreadsheet service calls as the API allows.
 */
import type { SheetLayout, SheetWrite } from "../shared/workbook/port.ts";
import { equalRuns } from "../shared/workbook/equalRuns.ts";
import type { SheetsHostServices } from "./sheetsHost.ts";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

/** Excel character widths → pixels (7 px per character of the default font, plus padding). */
export const charsToPixels = (chars: number): number => Math.max(1, Math.round(chars * 7 + 5));

/**
 * Column widths (one call per run of equal widths), frozen panes, tab colour. Google Sheets has no page-setup or
 * print-titles API: frozen header rows repeat on every printed page when "repeat frozen rows" is on (the print
 * dialog's Headers & footers), so `printTitleRows` is carried by the frozen rows the core plans. Nor has it a
 * page-break API: `rowBreaks` is ignored here, and a unit's result notice prints on its own pages from its own
 * sheet ("Thông báo - CODE", `sidebarNotices` with a code).
 */
export function applyLayout(sheet: Sheet, layout: SheetLayout): void {
  for (const run of equalRuns(layout.columnWidths ?? [])) sheet.setColumnWidths(run.start + 1, run.count, charsToPixels(run.value));
  if (layout.frozenRows !== undefined) sheet.setFrozenRows(layout.frozenRows);
  if (layout.frozenCols !== undefined) sheet.setFrozenColumns(layout.frozenCols);
  if (layout.tabColor !== undefined) sheet.setTabColor(layout.tabColor.toUpperCase());
}

/**
 * Number-between rules with help text, in one `setDataValidations` over the rectangle holding them all.
 * Advisory (invalid input is flagged, not refused): "KĐG" and a decimal comma typed as text must stay
 * possible; the import checks every cell strictly.
 */
export function applyValidations(sheet: Sheet, list: NonNullable<SheetWrite["validations"]>, services: SheetsHostServices): void {
  const top = Math.min(...list.map((v) => v.range.row));
  const left = Math.min(...list.map((v) => v.range.col));
  const bottom = Math.max(...list.map((v) => v.range.row + v.range.rows));
  const right = Math.max(...list.map((v) => v.range.col + v.range.cols));
  if (bottom <= top || right <= left) return;
  const rules: (DataValidation | null)[][] = Array.from({ length: bottom - top }, () => Array.from({ length: right - left }, () => null));
  const built = new Map<string, DataValidation>();
  for (const v of list) {
    const key = `${v.min}|${v.max}|${v.help}`;
    let rule = built.get(key);
    if (rule === undefined) {
      rule = services.newDataValidation().requireNumberBetween(v.min, v.max).setAllowInvalid(true).setHelpText(v.help).build();
      built.set(key, rule);
    }
    for (let r = v.range.row; r < v.range.row + v.range.rows; r++) {
      for (let c = v.range.col; c < v.range.col + v.range.cols; c++) rules[r - top]![c - left] = rule;
    }
  }
  sheet.getRange(top + 1, left + 1, bottom - top, right - left).setDataValidations(rules);
}

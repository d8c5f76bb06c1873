/**
 * The limits of a spreadsheet host that a write plan must respect, checked before the first write
 * (`checkSheetWrites`). A workbook must open in every host, so the plan of every host is held to Excel's
 * limits; Google Sheets adds a cell budget for the whole file.
 */
export interface HostLimits {
  /** Host name as a person reads it in a message. */
  name: string;
  /** Rows and columns of one sheet. */
  maxRows: number;
  maxCols: number;
  /** Characters of text in one cell. */
  maxCellChars: number;
  /** Height of one row, in points. */
  maxRowHeight: number;
  /** Cells in the whole file (all sheets), when the host counts them. */
  maxCells?: number;
}

/**
 * Excel's specification limits (also what a .xlsx file may hold).
 *
 * @example
 * EXCEL_LIMITS.maxRowHeight; // 409
 */
export const EXCEL_LIMITS: HostLimits = {
  name: "Excel",
  maxRows: 1_048_576,
  maxCols: 16_384,
  maxCellChars: 32_767,
  maxRowHeight: 409,
};

/**
 * Google Sheets: Excel's limits (the file is downloaded as .xlsx too) and 10 million cells a file.
 *
 * @example
 * SHEETS_LIMITS.maxCells; // 10000000
 */
export const SHEETS_LIMITS: HostLimits = { ...EXCEL_LIMITS, name: "Google Sheets", maxCells: 10_000_000 };

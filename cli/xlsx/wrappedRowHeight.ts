/** The wrapped-text height estimate moved to the core (shared/workbook/wrappedRowHeight.ts): hosts use that one. */
export * from "../../shared/workbook/wrappedRowHeight.ts";

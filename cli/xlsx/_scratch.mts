import ExcelJS from "exceljs";
import { XlsxHost } from "./XlsxHost.ts";
import { saveWorkbook } from "./saveWorkbook.ts";
const wb = new ExcelJS.Workbook();
await new XlsxHost(wb).write([{ sheet: "W", mode: "replace", blocks: [{ row: 0, col: 0, values: [["Một dòng chữ rất dài cần xuống dòng nhiều lần trong ô hẹp này", "b"], ["ngắn", "c"]], style: { wrap: true, border: true, fontName: "Times New Roman" } }], layout: { columnWidths: [12, 10] } }]);
await saveWorkbook(wb, "/tmp/xh/wrap.xlsx");

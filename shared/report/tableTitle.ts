import type { InputDocument } from "../schema/inputSchema.ts";
import { decisionLine } from "./decisionLine.ts";

/**
 * The title lines of a table: "Biểu số N", the title in capitals ending with the block's name, and the
 * decision line when the decision's number or date is known.
 *
 * @example
 * tableTitle(input, "1", "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023", "Các sở, ban, ngành");
 * // ["Biểu số 1", "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC SỞ, BAN, NGÀNH",
 * //  "(Kèm theo Quyết định số 94/QĐ-UBND ngày 17/01/2024 của Chủ tịch UBND tỉnh)"]
 */
export function tableTitle(input: InputDocument, number: string, title: string, blockName: string): string[] {
  const line = decisionLine(input.decision);
  return [`Biểu số ${number}`, `${title} CỦA ${blockName.toLocaleUpperCase("vi")}`, ...(line === undefined ? [] : [line])];
}

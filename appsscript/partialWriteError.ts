/**
 * The error of a write to Google Sheets that stopped part-way (a service error after the first change): it says
 * what the spreadsheet now holds, sheet by sheet, so the message a person reads is never "nothing was written".
 */

/** The message of anything thrown (errors of Apps Script services may come from another realm). */
const messageOf = (e: unknown): string =>
  typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string" ? (e as Error).message : String(e);

/** A write that stopped part-way: what the spreadsheet now holds, sheet by sheet. */
export class PartialWriteError extends Error {
  constructor(
    readonly reason: unknown,
    readonly deleted: string[],
    readonly complete: string[],
    readonly partial: string | null,
    readonly untouched: string[],
    /** The half-written sheet (one the tool owns) was removed again, so the next run makes it whole. */
    readonly partialRemoved = false,
  ) {
    const list = (names: string[]) => (names.length > 0 ? names.map((n) => `«${n}»`).join(", ") : "không có");
    super(
      `Bảng tính bị ghi dở vì lỗi: ${messageOf(reason).replace(/\.$/, "")}. ` +
        `Đã xoá để tạo lại: ${list(deleted)}; đã ghi xong: ${list(complete)}; ` +
        `ghi dở: ${partial === null ? "không có" : `«${partial}»${partialRemoved ? " (đã xoá để tạo lại)" : ""}`}; chưa ghi: ${list(untouched)}. ` +
        "Sửa nguyên nhân rồi chạy lại lệnh: các sheet này được ghi lại từ đầu.",
    );
    this.name = "PartialWriteError";
  }
}

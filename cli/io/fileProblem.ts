/**
 * File-level problems of the CLI: a Vietnamese reason for a file-system error, and the error type the
 * cli/io helpers throw so a command can tell "this file cannot be used" (exit 2) from a bug (exit 1).
 */

/** A problem with a file the user named: `path: message`, printed as is, exit 2. Never a bug. */
export class FileProblem extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reason}`, options);
    this.name = "FileProblem";
  }
}

/** The `code` of a Node file-system error, if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * The Vietnamese reason for a Node file-system error (`ENOENT`, `EACCES`, …); never the English message.
 *
 * @example
 * fsReason({ code: "ENOENT" }, "read"); // "không tìm thấy tệp"
 */
export function fsReason(error: unknown, action: "read" | "write"): string {
  const code = errorCode(error);
  switch (code) {
    case "ENOENT":
      return action === "read" ? "không tìm thấy tệp" : "thư mục không tồn tại";
    case "EISDIR":
      return "đây là một thư mục, không phải tệp";
    case "ENOTDIR":
      return "một phần của đường dẫn là tệp, không phải thư mục";
    case "EACCES":
    case "EPERM":
      return action === "read" ? "không có quyền đọc tệp" : "không có quyền ghi";
    case "EROFS":
      return "ổ đĩa chỉ đọc, không ghi được";
    case "ENOSPC":
    case "EDQUOT":
      return "hết chỗ trên đĩa";
    case "EEXIST":
      return "đã có một tệp hoặc thư mục trùng tên";
    case "ENAMETOOLONG":
      return "tên tệp quá dài";
    case "EMFILE":
    case "ENFILE":
      return "hệ thống đang mở quá nhiều tệp, hãy thử lại";
    case "EBUSY":
    case "ETXTBSY":
      return "tệp đang bị chương trình khác khóa (đang mở trong Excel?)";
    case "ELOOP":
      return "đường dẫn có liên kết vòng";
    case "EIO":
      return "lỗi đọc/ghi đĩa";
    case "ERR_FS_FILE_TOO_LARGE":
      return "tệp quá lớn";
    default:
      return action === "read" ? `không đọc được tệp (mã lỗi ${code ?? "không rõ"})` : `không ghi được tệp (mã lỗi ${code ?? "không rõ"})`;
  }
}

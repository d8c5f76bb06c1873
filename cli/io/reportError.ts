/**
 * How the CLI ends on an error: a problem with a file the user named is one Vietnamese line and exit 2;
 * anything else is a bug of ours: one line with its cause and a request to report it, exit 1, and no
 * stack trace unless `CCHC_DEBUG=1`.
 */
import { FileProblem } from "./fileProblem.ts";

/** Whether `CCHC_DEBUG=1` (or any non-empty value but 0) asks for stack traces. */
export function debugEnabled(): boolean {
  const v = process.env["CCHC_DEBUG"];
  return v !== undefined && v !== "" && v !== "0";
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const first = text.split("\n")[0] ?? "";
  return first.length > 300 ? `${first.slice(0, 300)}…` : first;
}

/**
 * Prints an error the way the CLI ends on it and returns the exit code: 2 for a {@link FileProblem}
 * (`BOOK.xlsx: tệp có mật khẩu …`), 1 for anything else (`Lỗi ngoài dự kiến …`).
 *
 * @example
 * return reportError(new FileProblem("BOOK.xlsx", "tệp trống")); // prints "BOOK.xlsx: tệp trống", 2
 */
export function reportError(error: unknown): number {
  if (error instanceof FileProblem) {
    process.stderr.write(`${error.path}: ${error.reason}\n`);
    if (debugEnabled() && error.cause !== undefined) {
      process.stderr.write(`${error.cause instanceof Error ? (error.cause.stack ?? error.cause.message) : JSON.stringify(error.cause)}\n`);
    }
    return 2;
  }
  process.stderr.write(
    `Lỗi ngoài dự kiến trong cchc (lỗi của chương trình, không phải của dữ liệu): ${oneLine(error)}. ` +
      "Xin báo lỗi này cho nhóm phát triển kèm lệnh đã chạy (chạy lại với CCHC_DEBUG=1 để xem chi tiết).\n",
  );
  if (debugEnabled()) process.stderr.write(`${error instanceof Error ? (error.stack ?? "") : String(error)}\n`);
  return 1;
}

let installed = false;

/**
 * Installs, once, last-resort handlers: an exception or rejection nobody caught ends the process through
 * {@link reportError} (one line, exit 1), never with Node's stack trace; a closed stdout pipe ends quietly.
 *
 * @example
 * installCrashHandlers(); // in main()
 */
export function installCrashHandlers(): void {
  if (installed) return;
  installed = true;
  const fatal = (error: unknown): void => {
    process.exit(reportError(error));
  };
  process.on("uncaughtException", fatal);
  process.on("unhandledRejection", fatal);
  // A reader that stops early (`cchc compute x.json | head -1`) is not a bug: end quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
      fatal(error);
    });
  }
}

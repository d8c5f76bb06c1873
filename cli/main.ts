import { TOOL_VERSION } from "../shared/version.ts";

/**
 * The `cchc` command line: dispatches to one file per command under cli/commands/.
 * Each command returns its exit code (0 ok, 1 wrong usage or a bug, 2 invalid input or a file that cannot
 * be read or written). Nothing ends with a stack trace: a bug is one line asking for a report
 * (`CCHC_DEBUG=1` shows the trace), and temporary files are removed on SIGINT/SIGTERM.
 */
import { installCrashHandlers, reportError } from "./io/reportError.ts";
import { installTempCleanup } from "./io/writeFileAtomic.ts";

const USAGE = `Cách dùng: cchc <lệnh> [tham số]

  compute INPUT.json|BOOK.xlsx [--json]   Tính chỉ số, in bảng tóm tắt (hoặc JSON kết quả)
  report INPUT.json --out DIR | --md      Lập Biểu và phần phân tích
  template OUT.xlsx [--blocks so,xa]      Tạo sổ tính mẫu (khối sở; xã, phường; huyện) với bộ tiêu chí Sơn La
  workbook INPUT.json OUT.xlsx            Tạo sổ tính từ tệp JSON
  recalc BOOK.xlsx [--out OUT.xlsx]       Kiểm tra, tính lại tại chỗ, ghi Biểu và phân tích
  notices BOOK.xlsx [--out DIR]           Phiếu thông báo kết quả từng đơn vị (vào sổ tính, hoặc DIR/MÃ.xlsx)
  forms BOOK.xlsx --out DIR [--unit MÃ…]  Tạo phiếu tự đánh giá, mỗi đơn vị một tệp DIR/MÃ.xlsx
  import BOOK.xlsx PHIẾU.xlsx… [--out OUT.xlsx]
                                          Nhập phiếu đã điền (điểm, tài liệu kiểm chứng, ghi chú);
                                          phiếu có lỗi bị từ chối cả phiếu, mã thoát 2
  demo                                    Ví dụ Sơn La 2023: tạo và tính lại out/son-la-2023.xlsx
  --version                               In số phiên bản
`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<{ run: Command }>> = {
  compute: () => import("./commands/compute.ts"),
  report: () => import("./commands/report.ts"),
  template: () => import("./commands/template.ts"),
  workbook: () => import("./commands/workbook.ts"),
  recalc: () => import("./commands/recalc.ts"),
  notices: () => import("./commands/notices.ts"),
  forms: () => import("./commands/forms.ts"),
  import: () => import("./commands/import.ts"),
  demo: () => import("./commands/demo.ts"),
};

/**
 * Runs the CLI with the given arguments and returns the exit code.
 *
 * @example
 * await main(["compute", "input.json", "--json"]); // 0, result JSON on stdout
 * await main(["--version"]); // 0, "0.1.0" on stdout
 */
export async function main(argv: string[]): Promise<number> {
  installCrashHandlers();
  installTempCleanup();
  try {
    return await dispatch(argv);
  } catch (error) {
    return reportError(error);
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(USAGE);
    return name === undefined ? 1 : 0;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  const load = commands[name];
  if (load === undefined) {
    process.stderr.write(`Lệnh không có: ${name}\n\n${USAGE}`);
    return 1;
  }
  const { run } = await load();
  return run(rest);
}

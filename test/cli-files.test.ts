/**
 * File-level robustness of the CLI (issue 11): every bad file ends with exit 2, one Vietnamese line naming
 * the file, nothing written and no stack trace; a bug is one line (exit 1). Most cases run the command
 * functions in-process; signals, SIGKILL and the crash path spawn real processes.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDeflateRaw } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { run as compute } from "../cli/commands/compute.ts";
import { run as recalc } from "../cli/commands/recalc.ts";
import { run as report } from "../cli/commands/report.ts";
import { run as template } from "../cli/commands/template.ts";
import { run as workbook } from "../cli/commands/workbook.ts";
import { captureCli, type CliRun } from "./helpers/captureCli.ts";
import { SPREADSHEET_TYPES, unzipBytes, zipBytes } from "./helpers/zipBytes.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const FIXTURE = path.join(ROOT, "test/fixtures/son-la-2023/input.json");
const TMP = mkdtempSync(path.join(tmpdir(), "cchc-files-"));
let BOOK = ""; // a workbook made by `cchc workbook` (valid, recalculates)

/** English library text that must never reach a person (jszip, exceljs, Node). */
const ENGLISH = /Corrupted|End of data|can't find|Cannot |undefined|Error:|ENOENT|EACCES|EISDIR|ENOTDIR|\bat .+:\d+:\d+/;

function file(name: string, bytes?: Buffer | string): string {
  const p = path.join(TMP, name);
  if (bytes !== undefined) writeFileSync(p, bytes);
  return p;
}

/** Exit 2, stderr lines each naming the file, no English, nothing on stdout. */
function refused(r: CliRun, name: string, message: string | RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain(`${name}: `);
  if (typeof message === "string") expect(r.stderr).toContain(message);
  else expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(ENGLISH);
}

function sameBytes(p: string, before: Buffer): void {
  expect(Buffer.compare(readFileSync(p), before)).toBe(0);
}

function filesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** `size` bytes of zeros, deflated as a stream (never `size` bytes in memory). */
async function deflatedZeros(size: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  const zeros = Buffer.alloc(1 << 20);
  for (let left = size; left > 0; left -= zeros.length) deflate.write(left >= zeros.length ? zeros : zeros.subarray(0, left));
  deflate.end();
  await done;
  return Buffer.concat(chunks);
}

/** A minimal OLE/CFB container as Office writes an encrypted workbook: header sector, then a directory naming its streams. */
function cfb(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  const dir = Buffer.alloc(128 * Math.max(4, streams.length + 1));
  ["Root Entry", ...streams].forEach((name, i) => {
    const n = Buffer.from(name, "utf16le");
    n.copy(dir, i * 128);
    dir.writeUInt16LE(n.length + 2, i * 128 + 64);
    dir[i * 128 + 66] = i === 0 ? 5 : 2;
  });
  return Buffer.concat([header, dir]);
}

beforeAll(async () => {
  BOOK = file("BOOK.xlsx");
  const r = await captureCli(() => workbook([FIXTURE, BOOK]));
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe("bad .xlsx files: exit 2, the file named, nothing written", () => {
  it("an empty file (recalc and compute)", async () => {
    const p = file("EMPTY.xlsx", "");
    refused(await captureCli(() => recalc([p])), p, "tệp trống");
    refused(await captureCli(() => compute([p])), p, "tệp trống");
    expect(statSync(p).size).toBe(0);
  });

  it("an HTML page saved as .xlsx", async () => {
    const html = "\uFEFF<!DOCTYPE html>\n<html><body><table><tr><td>1</td></tr></table></body></html>\n";
    const p = file("HTML.xlsx", html);
    refused(await captureCli(() => recalc([p])), p, "trang web (HTML)");
    refused(await captureCli(() => compute([p, "--json"])), p, "trang web (HTML)");
    expect(readFileSync(p, "utf8")).toBe(html);
  });

  it("a password-protected (encrypted, OLE/CFB) workbook: tệp có mật khẩu; an old .xls is told apart", async () => {
    const p = file("PASS.xlsx", cfb(["\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"]));
    const before = readFileSync(p);
    refused(await captureCli(() => recalc([p])), p, `${p}: tệp có mật khẩu`);
    refused(await captureCli(() => compute([p])), p, "tệp có mật khẩu");
    sameBytes(p, before);
    const xls = file("OLD.xlsx", cfb(["Workbook", "\u0005SummaryInformation"]));
    refused(await captureCli(() => recalc([xls])), xls, "Excel 97–2003 (.xls)");
  });

  it("a folder named BOOK.xlsx, and a missing file", async () => {
    const dir = path.join(TMP, "FOLDER.xlsx");
    mkdirSync(dir);
    refused(await captureCli(() => recalc([dir])), dir, "thư mục");
    refused(await captureCli(() => compute([dir])), dir, "thư mục");
    expect(filesIn(dir)).toEqual([]);
    const missing = path.join(TMP, "MISSING.xlsx");
    refused(await captureCli(() => recalc([missing])), missing, "không tìm thấy tệp");
    refused(await captureCli(() => compute([missing])), missing, "không tìm thấy tệp");
    expect(existsSync(missing)).toBe(false);
  });

  it("a truncated workbook and one with a corrupted byte: no library text leaks", async () => {
    const whole = readFileSync(BOOK);
    const cut = file("CUT.xlsx", whole.subarray(0, Math.floor(whole.length / 2)));
    refused(await captureCli(() => recalc([cut])), cut, "tệp .xlsx bị hỏng");
    refused(await captureCli(() => compute([cut])), cut, "tệp .xlsx bị hỏng");
    const flipped = Buffer.from(whole);
    flipped[Math.floor(whole.length / 3)]! ^= 0x5a; // inside some deflated part
    const bad = file("FLIPPED.xlsx", flipped);
    refused(await captureCli(() => recalc([bad])), bad, /tệp \.xlsx bị hỏng: phần «.+»/);
    sameBytes(bad, flipped);
  });

  it("a ZIP that is not a spreadsheet (.docx, .ods, plain zip)", async () => {
    const docx = file(
      "WORD.xlsx",
      zipBytes([
        {
          name: "[Content_Types].xml",
          data: Buffer.from(
            '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
          ),
        },
      ]),
    );
    refused(await captureCli(() => recalc([docx])), docx, "tệp Word (.docx)");
    const ods = file(
      "CALC.xlsx",
      zipBytes([{ name: "mimetype", data: Buffer.from("application/vnd.oasis.opendocument.spreadsheet"), method: 0 }]),
    );
    refused(await captureCli(() => recalc([ods])), ods, "OpenDocument (.ods)");
    const plain = file("PLAIN.xlsx", zipBytes([{ name: "a.txt", data: Buffer.from("x") }]));
    refused(await captureCli(() => compute([plain])), plain, "không phải sổ tính Excel");
  });

  it("zip bombs are refused before parsing: absurd ratio, declared total past the bound, sizes that lie", async () => {
    const zeros = await deflatedZeros(64 * 1024 * 1024); // 64 MB of zeros in ~64 KB
    const ratio = file(
      "BOMB1.xlsx",
      zipBytes([
        { name: "[Content_Types].xml", data: SPREADSHEET_TYPES },
        { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(0), compressed: zeros, declaredSize: 64 * 1024 * 1024 },
      ]),
    );
    refused(await captureCli(() => recalc([ratio])), ratio, /nén \d+ lần .*bom nén/);
    // Ten parts that each declare 30 MB (a modest ratio each) pass 256 MB together.
    const parts = Array.from({ length: 10 }, (_, i) => ({
      name: `xl/media/image${i}.bin`,
      data: Buffer.alloc(0),
      compressed: Buffer.alloc(200_000),
      declaredSize: 30 * 1024 * 1024,
    }));
    const total = file("BOMB2.xlsx", zipBytes([{ name: "[Content_Types].xml", data: SPREADSHEET_TYPES }, ...parts]));
    refused(await captureCli(() => compute([total])), total, /giải nén ra 300 MB, quá giới hạn 256 MB/);
    // A part that declares 1 000 bytes but inflates to 64 MB: stopped after the first chunk.
    const liar = file(
      "BOMB3.xlsx",
      zipBytes([
        { name: "[Content_Types].xml", data: SPREADSHEET_TYPES },
        { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(0), compressed: zeros, declaredSize: 1000 },
      ]),
    );
    refused(await captureCli(() => recalc([liar])), liar, "nhiều hơn kích thước khai báo");
  });
});

describe("outputs that cannot be written: exit 2 before any work, nothing written", () => {
  it("--out under a regular file", async () => {
    const out = path.join(BOOK, "x.xlsx");
    const before = readFileSync(BOOK);
    refused(await captureCli(() => recalc([BOOK, "--out", out])), out, "là một tệp, không phải thư mục");
    refused(await captureCli(() => template([out])), out, "là một tệp");
    refused(await captureCli(() => report([FIXTURE, "--out", path.join(BOOK, "report")])), path.join(BOOK, "report"), "là một tệp");
    sameBytes(BOOK, before);
  });

  it("a read-only folder (for root too: its mode is respected)", async () => {
    const dir = path.join(TMP, "ro");
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    refused(await captureCli(() => recalc([BOOK, "--out", path.join(dir, "x.xlsx")])), path.join(dir, "x.xlsx"), "chỉ đọc");
    refused(await captureCli(() => template([path.join(dir, "sub", "t.xlsx")])), path.join(dir, "sub", "t.xlsx"), "chỉ đọc");
    refused(await captureCli(() => report([FIXTURE, "--out", dir])), dir, "thư mục chỉ đọc");
    expect(filesIn(dir)).toEqual([]);
    chmodSync(dir, 0o755);
  });

  it("`workbook` onto an existing folder; `report --out` onto a file", async () => {
    const dir = path.join(TMP, "EXISTING.xlsx");
    mkdirSync(dir);
    refused(await captureCli(() => workbook([FIXTURE, dir])), dir, "thư mục trùng tên");
    refused(await captureCli(() => template([dir])), dir, "thư mục trùng tên");
    expect(filesIn(dir)).toEqual([]);
    refused(await captureCli(() => report([FIXTURE, "--out", BOOK])), BOOK, "không phải thư mục");
  });

  it("a read-only (444) workbook recalculated in place is refused and left as it was; --out elsewhere works", async () => {
    const ro = file("READONLY.xlsx", readFileSync(BOOK));
    chmodSync(ro, 0o444);
    const before = readFileSync(ro);
    refused(await captureCli(() => recalc([ro])), ro, "tệp chỉ đọc");
    sameBytes(ro, before);
    expect(statSync(ro).mode & 0o777).toBe(0o444);
    const out = path.join(TMP, "FROM-READONLY.xlsx");
    expect((await captureCli(() => recalc([ro, "--out", out]))).code).toBe(0);
    expect(filesIn(TMP).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("a recalculated file keeps its mode (0640 stays 0640)", async () => {
    const p = file("MODE.xlsx", readFileSync(BOOK));
    chmodSync(p, 0o640);
    const r = await captureCli(() => recalc([p]));
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(p).mode & 0o777).toBe(0o640);
  });
});

describe("bad JSON files: exit 2 with path, line and column", () => {
  const text = readFileSync(FIXTURE, "utf8");

  it("a key given twice is named at its own path", async () => {
    const doc = text.replace(/("scores": \{\s*"(\w+)": \{)/, '$1 "1.5": 0,');
    const unit = /"scores": \{\s*"(\w+)"/.exec(text)![1]!;
    const p = file("dup.json", doc);
    const r = await captureCli(() => compute([p, "--json"]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      new RegExp(
        `^blocks\\[0\\]\\.scores\\.${unit}\\["1\\.5"\\]: khóa lặp lại ở dòng \\d+, cột \\d+ của ${p.replace(/[.\\]/g, "\\$&")} \\(lần đầu ở dòng \\d+, cột \\d+\\)\\n$`,
      ),
    );
  });

  it("a file saved in Windows-1258 is refused, naming the first bad byte's line", async () => {
    // "Sở" in Windows-1258 is 53 DF (ơ) D2 (combining hook above): not UTF-8.
    const p = file("cp1258.json", Buffer.concat([Buffer.from('{\n  "province": "S'), Buffer.from([0xdf, 0xd2]), Buffer.from(' La"\n}\n')]));
    refused(await captureCli(() => compute([p])), p, "không phải văn bản UTF-8: byte 0xDF ở dòng 2, cột 17");
  });

  it("UTF-8 with BOM and UTF-16 with BOM are read like UTF-8; UTF-16 without BOM is refused", async () => {
    const plain = await captureCli(() => compute([FIXTURE, "--json"]));
    expect(plain.code).toBe(0);
    const bom8 = file("bom8.json", "\uFEFF" + text);
    expect((await captureCli(() => compute([bom8, "--json"]))).stdout).toBe(plain.stdout);
    const le = file("utf16le.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    expect((await captureCli(() => compute([le, "--json"]))).stdout).toBe(plain.stdout);
    const be = Buffer.from(text, "utf16le").swap16();
    const bep = file("utf16be.json", Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect((await captureCli(() => compute([bep, "--json"]))).stdout).toBe(plain.stdout);
    const nobom = file("utf16-nobom.json", Buffer.from(text, "utf16le"));
    refused(await captureCli(() => compute([nobom])), nobom, "UTF-16 nhưng không có BOM");
  });

  it("NaN, Infinity and a trailing comma give line and column; a workbook named .json is told", async () => {
    const nan = file("nan.json", '{\n  "format": "cchc-index/1",\n  "year": NaN\n}');
    refused(await captureCli(() => compute([nan])), `${nan} (dòng 3, cột 11)`, "NaN không phải là giá trị JSON");
    const inf = file("inf.json", '{"year": -Infinity}');
    refused(await captureCli(() => compute([inf])), `${inf} (dòng 1, cột 10)`, "-Infinity");
    const comma = file("comma.json", '{\n  "format": "cchc-index/1",\n}');
    refused(await captureCli(() => report([comma, "--md"])), `${comma} (dòng 3, cột 1)`, 'dấu phẩy thừa trước "}"');
    const zip = file("book.json", readFileSync(BOOK));
    refused(await captureCli(() => compute([zip])), zip, "không phải JSON");
    refused(await captureCli(() => workbook([nan, path.join(TMP, "never.xlsx")])), `${nan} (dòng 3, cột 11)`, "NaN");
    expect(existsSync(path.join(TMP, "never.xlsx"))).toBe(false);
  });
});

describe("pipes and devices as input", () => {
  it("an empty device is an empty JSON; an endless one stops at the bound", async () => {
    refused(await captureCli(() => compute(["/dev/null"])), "/dev/null (dòng 1, cột 1)", "tệp trống");
    const { readInputBytes } = await import("../cli/io/readInputBytes.ts");
    await expect(readInputBytes("/dev/zero", 1 << 20)).rejects.toThrow("/dev/zero: quá lớn (hơn 1 MB)");
  });
});

describe("temporary files are removed on every failure path", () => {
  const writer = (target: string, mode: "hang" | "ok"): string => {
    const script = file(
      `writer-${mode}.mts`,
      `
      import { installTempCleanup, writeFileAtomic } from ${JSON.stringify(path.join(ROOT, "cli/io/writeFileAtomic.ts"))};
      installTempCleanup();
      await writeFileAtomic(${JSON.stringify(target)}, Buffer.alloc(1 << 20, 1), {
        beforeRename: ${mode === "hang" ? 'async () => { process.stdout.write("READY\\n"); await new Promise(() => setInterval(() => {}, 1000)); }' : "undefined"},
      });
    `,
    );
    return script;
  };

  function startHanging(target: string): Promise<import("node:child_process").ChildProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", writer(target, "hang")], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => d.toString().includes("READY") && resolve(child));
      child.on("exit", (code) => reject(new Error(`writer ended early (${code})`)));
    });
  }

  const exited = (child: import("node:child_process").ChildProcess) =>
    new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s during a write removes the temporary file and leaves the target as it was",
    async (signal, exitCode) => {
      const dir = mkdtempSync(path.join(TMP, "sig-"));
      const target = path.join(dir, "BOOK.xlsx");
      writeFileSync(target, "old");
      const child = await startHanging(target);
      expect(filesIn(dir)).toEqual([".BOOK.xlsx." + child.pid + ".tmp", "BOOK.xlsx"]);
      const end = exited(child);
      child.kill(signal);
      expect((await end).code).toBe(exitCode);
      expect(filesIn(dir)).toEqual(["BOOK.xlsx"]);
      expect(readFileSync(target, "utf8")).toBe("old");
    },
    60_000,
  );

  it("a run killed with SIGKILL leaves .BOOK.xlsx.<pid>.tmp; the next run removes it (only when that pid is gone)", async () => {
    const dir = mkdtempSync(path.join(TMP, "kill-"));
    const target = path.join(dir, "BOOK.xlsx");
    writeFileSync(target, readFileSync(BOOK));
    const child = await startHanging(target);
    const end = exited(child);
    child.kill("SIGKILL");
    expect((await end).signal).toBe("SIGKILL");
    const stale = `.BOOK.xlsx.${child.pid}.tmp`;
    const alive = `.BOOK.xlsx.${process.ppid}.tmp`; // a running process's temp is not touched
    writeFileSync(path.join(dir, alive), "in use");
    expect(filesIn(dir)).toEqual([stale, alive, "BOOK.xlsx"].sort());
    const r = await captureCli(() => recalc([target]));
    expect(r.code, r.stderr).toBe(0);
    expect(filesIn(dir)).toEqual([alive, "BOOK.xlsx"].sort());
  }, 120_000);

  it("a failure after the temporary file is written removes it; the target is unchanged", async () => {
    const { writeFileAtomic } = await import("../cli/io/writeFileAtomic.ts");
    const dir = mkdtempSync(path.join(TMP, "fail-"));
    const target = path.join(dir, "BOOK.xlsx");
    writeFileSync(target, "old");
    await expect(writeFileAtomic(target, "new", { beforeRename: () => Promise.reject(new Error("disk gone")) })).rejects.toThrow(
      "disk gone",
    );
    expect(filesIn(dir)).toEqual(["BOOK.xlsx"]);
    // The rename itself fails: the target became a folder meanwhile.
    const other = path.join(dir, "OTHER.xlsx");
    await expect(
      writeFileAtomic(other, "new", { beforeRename: () => void mkdirSync(path.join(other, "x"), { recursive: true }) }),
    ).rejects.toThrow(/OTHER\.xlsx: không ghi được: /);
    expect(filesIn(dir)).toEqual(["BOOK.xlsx", "OTHER.xlsx"]);
    expect(readFileSync(target, "utf8")).toBe("old");
  });
});

describe("no stack trace, ever", () => {
  const cchc = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ["lib/cchc.mjs", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, ...env },
    });

  it("a bad file through the real binary: one line, exit 2", () => {
    const r = cchc(["recalc", file("EMPTY2.xlsx", "")]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(ENGLISH);
  }, 60_000);

  it("a bug is one line with its cause asking for a report, exit 1; CCHC_DEBUG=1 adds the trace", () => {
    // A bug of ours, simulated: stdout breaks while the result is printed.
    const script = file(
      "crash.mts",
      `
      import { main } from ${JSON.stringify(path.join(ROOT, "cli/main.ts"))};
      process.stdout.write = () => { throw new TypeError("đầu ra hỏng"); };
      process.exitCode = await main(["compute", ${JSON.stringify(FIXTURE)}]);
    `,
    );
    const r = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "Lỗi ngoài dự kiến trong cchc (lỗi của chương trình, không phải của dữ liệu): TypeError: đầu ra hỏng. " +
        "Xin báo lỗi này cho nhóm phát triển kèm lệnh đã chạy (chạy lại với CCHC_DEBUG=1 để xem chi tiết).\n",
    );
    const debug = spawnSync(process.execPath, ["--import", "tsx", script], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, CCHC_DEBUG: "1" },
    });
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  }, 60_000);

  it("a reader that stops early (`| head -1`) ends the run quietly", async () => {
    const child = spawn(process.execPath, ["lib/cchc.mjs", "report", FIXTURE, "--md"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  }, 60_000);

  it("an unhandled rejection is one line too, exit 1", () => {
    const script = file(
      "reject.mts",
      `
      import { main } from ${JSON.stringify(path.join(ROOT, "cli/main.ts"))};
      await main(["--help"]);
      void Promise.reject(new RangeError("lạc"));
    `,
    );
    const r = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Lỗi ngoài dự kiến trong cchc .*: RangeError: lạc\. Xin báo lỗi/);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  }, 60_000);
});

describe("test helpers", () => {
  it("zipBytes and unzipBytes round-trip", () => {
    const entries = [
      { name: "a.xml", data: Buffer.from("<a/>") },
      { name: "b/ư.txt", data: Buffer.from("x".repeat(1000)) },
    ];
    expect(unzipBytes(zipBytes(entries))).toEqual(entries);
  });
});

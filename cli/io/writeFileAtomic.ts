/**
 * Atomic writes for the CLI: the bytes go to `.NAME.<pid>.tmp` in the target's folder, are flushed, take
 * the mode of the file they replace, and are renamed over the target. A temporary file is removed on every
 * failure path: a thrown error, SIGINT/SIGTERM (see {@link installTempCleanup}), and, for a run killed
 * outright (SIGKILL), by the next run, which removes the temporary files of processes that are gone.
 */
import { mkdirSync, readdirSync, unlinkSync } from "node:fs";
import { chmod, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { FileProblem, fsReason } from "./fileProblem.ts";

const pending = new Set<string>();

/** The temporary file name used while writing `path` in this process. */
export function tempPathFor(path: string, pid = process.pid): string {
  return join(dirname(path), `.${basename(path)}.${pid}.tmp`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether a process with this id exists (a process we may not signal still exists). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

/**
 * Removes the temporary files that runs killed while writing `path` left behind (`.NAME.<pid>.tmp` and the
 * older `.NAME.<pid>.<hex>.tmp`), only when process `<pid>` is gone. Returns the removed paths.
 *
 * @example
 * removeStaleTemps("out/BOOK.xlsx"); // ["out/.BOOK.xlsx.4242.tmp"] when process 4242 no longer runs
 */
export function removeStaleTemps(path: string): string[] {
  const dir = dirname(path);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(path))}\\.(\\d+)(?:\\.[0-9a-f]+)?\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(join(dir, name));
    } catch {
      // Not ours to fight over: leave it.
    }
  }
  return removed;
}

/** Removes every temporary file this process is writing (synchronously: safe in a signal or exit handler). */
export function removePendingTemps(): void {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
    pending.delete(temp);
  }
}

let installed = false;

/**
 * Installs, once, handlers that remove pending temporary files on SIGINT, SIGTERM, SIGHUP and on exit;
 * after a signal the process ends with 128 + the signal's number, as a shell expects.
 *
 * @example
 * installTempCleanup(); // in main(), before any command runs
 */
export function installTempCleanup(): void {
  if (installed) return;
  installed = true;
  const signals: [NodeJS.Signals, number][] = [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ];
  for (const [signal, code] of signals) {
    process.on(signal, () => {
      const had = pending.size > 0;
      removePendingTemps();
      process.stderr.write(had ? "\nĐã dừng giữa chừng; đã xóa tệp tạm, không tệp nào bị thay đổi.\n" : "\nĐã dừng.\n");
      process.exit(code);
    });
  }
  process.on("exit", removePendingTemps);
}

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Called after the temporary file is complete, before the rename (tests use it to interrupt a write). */
  beforeRename?: (temp: string) => Promise<void> | void;
}

/**
 * First half of an atomic write: creates the folder if needed, removes stale temporary files of killed
 * runs, writes and flushes `.NAME.<pid>.tmp` beside `path` with the mode of the file it will replace, and
 * returns its path (registered: removed on a signal or exit until {@link commitTemp} or {@link discardTemp}).
 * Throws a {@link FileProblem} (temporary file removed) when it cannot.
 *
 * @example
 * const temp = await writeTemp("out/BOOK.xlsx", bytes);
 * await commitTemp(temp, "out/BOOK.xlsx");
 */
export async function writeTemp(path: string, bytes: Uint8Array | string): Promise<string> {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new FileProblem(path, `không tạo được thư mục ${dir}: ${fsReason(error, "write")}`, { cause: error });
  }
  removeStaleTemps(path);
  let mode: number | undefined;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new FileProblem(path, "đã có một thư mục trùng tên, không ghi đè");
    mode = info.mode & 0o7777;
  } catch (error) {
    if (error instanceof FileProblem) throw error;
  }
  const temp = tempPathFor(path);
  pending.add(temp);
  try {
    const handle = await open(temp, "w", mode ?? 0o666);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await chmod(temp, mode);
    return temp;
  } catch (error) {
    await discardTemp(temp);
    throw new FileProblem(path, `không ghi được: ${fsReason(error, "write")}`, { cause: error });
  }
}

/**
 * Second half: renames the temporary file over `path`; on failure removes it and throws a {@link FileProblem}.
 *
 * @example
 * await commitTemp(await writeTemp("BOOK.xlsx", bytes), "BOOK.xlsx");
 */
export async function commitTemp(temp: string, path: string): Promise<void> {
  try {
    await rename(temp, path);
    pending.delete(temp);
  } catch (error) {
    await discardTemp(temp);
    throw new FileProblem(path, `không ghi được: ${fsReason(error, "write")}`, { cause: error });
  }
}

/**
 * Removes a temporary file made by {@link writeTemp} (no error if it is gone).
 *
 * @example
 * await discardTemp(temp);
 */
export async function discardTemp(temp: string): Promise<void> {
  await unlink(temp).catch(() => undefined);
  pending.delete(temp);
}

/**
 * Writes `bytes` to `path` atomically: {@link writeTemp} then {@link commitTemp}. On failure the temporary
 * file is removed and a {@link FileProblem} (Vietnamese reason) is thrown; the target is then as it was.
 *
 * @example
 * await writeFileAtomic("out/BOOK.xlsx", bytes);
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string, options: AtomicWriteOptions = {}): Promise<void> {
  const temp = await writeTemp(path, bytes);
  try {
    await options.beforeRename?.(temp);
  } catch (error) {
    await discardTemp(temp);
    throw error;
  }
  await commitTemp(temp, path);
}

/** Creates a folder (and its parents) or throws a {@link FileProblem}. */
export async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new FileProblem(dir, `không tạo được thư mục: ${fsReason(error, "write")}`, { cause: error });
  }
}

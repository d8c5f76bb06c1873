/** Runs a CLI command function in-process with stdout and stderr captured (no child process). */
import { vi } from "vitest";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function captureCli(fn: () => Promise<number>): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await fn(), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

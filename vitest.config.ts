import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/**/*.test.ts", "cli/**/*.test.ts", "addin/**/*.test.ts", "appsscript/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/buildCliOnce.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Vitest's default (one worker less than the cores) leaves a 2-core CI machine with one worker while many tests
    // wait on child processes (the CLI, LibreOffice, Chromium): two workers there take the suite from 370 s to 262 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});

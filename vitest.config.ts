import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/**/*.test.ts", "cli/**/*.test.ts", "addin/**/*.test.ts", "appsscript/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/buildCliOnce.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

/**
 * The package a user installs: `npm pack`, then `npm install -g --prefix <tmp> ./cchc-index-*.tgz`, then the
 * installed `cchc` run from an empty folder with a PATH holding only Node, as on a clean machine: no TypeScript
 * loader, no repository beside it. Runtime dependencies come from the npm registry (or npm's cache).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { TOOL_VERSION } from "../shared/version.ts";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

describe("the npm package", () => {
  it("bin is built JavaScript, built by `npm ci` (prepare) and `npm pack`; tsx is not a runtime dependency", () => {
    expect(pkg.bin.cchc).toMatch(/^lib\/.*\.mjs$/);
    expect(pkg.files).toContain("lib/");
    expect(pkg.scripts.prepare).toMatch(/build-cli/);
    expect(Object.keys(pkg.dependencies)).not.toContain("tsx");
    const shipped = readFileSync(join(root, pkg.bin.cchc ?? ""), "utf8");
    expect(shipped.startsWith("#!/usr/bin/env node\n")).toBe(true);
    for (const file of readdirSync(join(root, "lib"), { recursive: true, encoding: "utf8" })) {
      if (!file.endsWith(".mjs")) continue;
      const text = readFileSync(join(root, "lib", file), "utf8");
      expect(text, `lib/${file} loads a TypeScript file`).not.toMatch(/from\s*["'][^"']+\.ts["']|import\(["'][^"']+\.ts["']\)/);
      expect(text, `lib/${file} holds a test double`).not.toMatch(/fakeExcel|fakeSheets|benchDocument/);
    }
  });

  it("npm pack → npm install -g → cchc --version, cchc demo in an empty folder", async (context) => {
    const tmp = mkdtempSync(join(tmpdir(), "cchc-pack-"));
    const npm = { cwd: root, env: { ...process.env, npm_config_update_notifier: "false" }, maxBuffer: 16 << 20 };
    // lib/ is fresh (test/buildCliOnce.ts); --ignore-scripts keeps `npm pack` from rebuilding it under running tests.
    const { stdout: packed } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], npm);
    const [info] = JSON.parse(packed) as { filename: string; files: { path: string }[] }[];
    const files = (info?.files ?? []).map((f) => f.path);
    expect(files).toContain(pkg.bin.cchc);
    expect(files.filter((f) => /^(test|scripts|cli|shared|addin|node_modules)\//.test(f))).toEqual([]);
    const prefix = join(tmp, "global");
    try {
      await run(
        "npm",
        ["install", "-g", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", join(tmp, info?.filename ?? "")],
        {
          ...npm,
          cwd: tmp,
        },
      );
    } catch (error) {
      // Offline with an empty npm cache, outside CI: skip with the reason (in CI the registry must be reachable).
      const text = String((error as { stderr?: unknown }).stderr ?? error);
      if (process.env.CI !== "true" && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENOTCACHED|ETIMEDOUT/.test(text)) {
        context.skip(`cliPackage.test.ts: npm registry unreachable and not in npm's cache (${/E[A-Z]+/.exec(text)?.[0]})`);
      }
      throw error;
    }
    const bin = join(prefix, "bin", "cchc");
    expect(existsSync(bin)).toBe(true);
    const clean = {
      cwd: mkdtempSync(join(tmpdir(), "cchc-clean-")),
      env: { PATH: `${join(prefix, "bin")}:${dirname(process.execPath)}`, HOME: tmp },
    };
    const version = await run("cchc", ["--version"], clean);
    expect(version.stdout.trim()).toBe(TOOL_VERSION);
    const demo = await run("cchc", ["demo"], clean);
    expect(demo.stderr).toBe("");
    expect(demo.stdout).toMatch(/Sổ tính: out\/son-la-2023\.xlsx/);
    expect(existsSync(join(clean.cwd, "out", "son-la-2023.xlsx"))).toBe(true);
  }, 300_000);
});

/**
 * Builds the Excel add-in into dist/: bundles addin/taskpane.ts and addin/commands.ts with esbuild,
 * copies the HTML, CSS and icons, and writes dist/manifest.xml with every https://localhost:3000 URL
 * replaced by ADDIN_BASE_URL (default https://localhost:3000).
 *
 *   npm run build                                   # development (dev-server on localhost:3000)
 *   ADDIN_BASE_URL=https://cchc.example.gov.vn/addin npm run build   # production
 */
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const DEV_BASE_URL = "https://localhost:3000";
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Static files copied as they are, relative to the repository root → dist/. */
const STATIC: [string, string][] = [
  ["addin/taskpane.html", "taskpane.html"],
  ["addin/taskpane.css", "taskpane.css"],
  ["addin/commands.html", "commands.html"],
  ["addin/help.html", "help.html"],
  ["assets/icon-16.png", "assets/icon-16.png"],
  ["assets/icon-32.png", "assets/icon-32.png"],
  ["assets/icon-64.png", "assets/icon-64.png"],
  ["assets/icon-80.png", "assets/icon-80.png"],
];

/**
 * The manifest with its development base URL replaced; the base must be HTTPS and have no trailing slash.
 *
 * @example
 * rebaseManifest('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>', "https://x.vn/addin");
 * // '<SourceLocation DefaultValue="https://x.vn/addin/taskpane.html"/>'
 */
export function rebaseManifest(xml: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  if (!/^https:\/\/[^\s"'<>]+$/.test(base)) throw new Error(`ADDIN_BASE_URL phải là địa chỉ https:// (nhận được "${baseUrl}")`);
  const origin = new URL(base).origin;
  return xml
    .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .replaceAll(DEV_BASE_URL, base);
}

/** Builds into `outDir` (default dist/) and returns the files written. */
export async function buildAddin(options: { outDir?: string; baseUrl?: string; minify?: boolean } = {}): Promise<string[]> {
  const outDir = options.outDir ?? join(ROOT, "dist");
  const baseUrl = options.baseUrl ?? process.env.ADDIN_BASE_URL ?? DEV_BASE_URL;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, "assets"), { recursive: true });
  await build({
    entryPoints: { taskpane: join(ROOT, "addin/taskpane.ts"), commands: join(ROOT, "addin/commands.ts") },
    outdir: outDir,
    bundle: true,
    format: "iife",
    target: ["es2020"],
    platform: "browser",
    minify: options.minify ?? true,
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
    charset: "utf8",
  });
  const written = ["taskpane.js", "commands.js"];
  for (const [from, to] of STATIC) {
    copyFileSync(join(ROOT, from), join(outDir, to));
    written.push(to);
  }
  writeFileSync(join(outDir, "manifest.xml"), rebaseManifest(readFileSync(join(ROOT, "manifest.xml"), "utf8"), baseUrl));
  written.push("manifest.xml");
  return written;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAddin().then(
    (files) => console.log(`Đã dựng add-in vào dist/ (${files.length} tệp), địa chỉ gốc ${process.env.ADDIN_BASE_URL ?? DEV_BASE_URL}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

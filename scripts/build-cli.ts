/**
 * Builds the `cchc` command into lib/: esbuild bundles cli/cchc.ts with cli/ and shared/ into ES modules for
 * Node (lib/cchc.mjs, the `bin` of package.json, plus one chunk per lazily loaded command), so the CLI runs
 * without a TypeScript loader. Every package in package.json "dependencies" stays external (installed beside
 * the package, not copied into it): replacing exceljs by another library needs no change here.
 *
 *   npm run build:cli      # also run by `npm ci` / `npm install` (prepare) and by `npm pack` (prepack)
 */
import { build } from "esbuild";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The runtime dependencies: package.json "dependencies" (each also matches its subpaths, `zod/v4` …). */
export function runtimeDependencies(root = ROOT): string[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  return Object.keys(pkg.dependencies ?? {}).sort();
}

/** Bundles the CLI into `outDir` (default lib/) and returns the files written, relative to it. */
export async function buildCli(options: { outDir?: string } = {}): Promise<string[]> {
  const outDir = options.outDir ?? join(ROOT, "lib");
  rmSync(outDir, { recursive: true, force: true });
  const external = runtimeDependencies().flatMap((name) => [name, `${name}/*`]);
  const result = await build({
    entryPoints: { cchc: join(ROOT, "cli/cchc.ts") },
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true, // `cchc --version` loads neither exceljs nor the core
    format: "esm",
    platform: "node",
    target: ["node20"],
    packages: "bundle",
    external,
    minifySyntax: true,
    legalComments: "none",
    logLevel: "warning",
    charset: "utf8",
    metafile: true,
  });
  return Object.keys(result.metafile.outputs)
    .map((file) => resolve(ROOT, file).slice(outDir.length + 1))
    .sort();
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCli().then(
    (files) => console.log(`Đã dựng dòng lệnh vào lib/ (${files.length} tệp; ngoài gói: ${runtimeDependencies().join(", ")})`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

/**
 * Builds the Google Sheets add-on into dist/gas/: one `Code.js` bundling appsscript/main.ts and the core,
 * plus `appsscript.json` and `sidebar.html`, ready for `npx @google/clasp push` (rootDir dist/gas).
 *
 * Apps Script only calls top-level functions, and cannot see those inside a bundle's closure: the bundle is an
 * IIFE assigned to the global `__cchc`, followed by one plain stub per exported function of main.ts
 * (`function onOpen() { return __cchc.onOpen.apply(this, arguments); }`), as google/aside does.
 *
 * Usage: npx tsx scripts/build-gas.ts [outDir]
 */
import { build } from "esbuild";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "appsscript", "main.ts");
const GLOBAL = "__cchc";

/** The names of the functions main.ts exports (each becomes an Apps Script global). */
export async function entryFunctions(): Promise<string[]> {
  const mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  return Object.keys(mod)
    .filter((k) => typeof mod[k] === "function")
    .sort();
}

/**
 * appsscript/sidebar.html with its script (appsscript/sidebarClient.ts and the shared result view) bundled in:
 * HtmlService serves one self-contained file.
 */
async function sidebarHtml(): Promise<string> {
  const client = await build({
    entryPoints: [join(root, "appsscript", "sidebarClient.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2019",
    charset: "utf8",
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const script = client.outputFiles[0]?.text;
  if (script === undefined) throw new Error("esbuild không tạo ra mã cho sidebar");
  const html = await readFile(join(root, "appsscript", "sidebar.html"), "utf8");
  const slot = "<!-- SIDEBAR_SCRIPT -->";
  if (!html.includes(slot)) throw new Error(`appsscript/sidebar.html thiếu chỗ ${slot}`);
  // "</script" inside the code would end the element early; esbuild never emits it in code, only in strings.
  return html.replace(slot, () => `\n${script.replace(/<\/script/gi, "<\\/script")}`);
}

/** Builds into `outDir` (default dist/gas); returns the list of global functions. */
export async function buildGas(outDir = join(root, "dist", "gas")): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    globalName: GLOBAL,
    platform: "neutral",
    mainFields: ["module", "main"],
    // Apps Script's V8 runtime: keep to ES2019 syntax (no `?.`, `??`, class fields).
    target: "es2019",
    charset: "utf8",
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error("esbuild không tạo ra tệp nào");
  const names = await entryFunctions();
  const stubs = names.map((n) => `function ${n}() {\n  return ${GLOBAL}.${n}.apply(this, arguments);\n}`).join("\n\n");
  const banner = "// cchc-index: tệp được tạo bởi scripts/build-gas.ts — đừng sửa tay.\n";
  await writeFile(
    join(outDir, "Code.js"),
    `${banner}${code}\n// Các hàm Apps Script gọi được (menu, sidebar, onOpen).\n${stubs}\n`,
    "utf8",
  );
  await copyFile(join(root, "appsscript", "appsscript.json"), join(outDir, "appsscript.json"));
  await writeFile(join(outDir, "sidebar.html"), await sidebarHtml(), "utf8");
  return names;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] !== undefined ? resolve(process.argv[2]) : undefined;
  buildGas(out).then(
    (names) => {
      console.log(`Đã tạo ${out ?? "dist/gas"}/Code.js với ${names.length} hàm: ${names.join(", ")}`);
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  );
}

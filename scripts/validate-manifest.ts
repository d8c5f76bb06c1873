/**
 * Offline check of the add-in manifest (`npm run validate`):
 * 1. XSD validation against schemas/office-manifest/ (or OFFICE_MANIFEST_XSD_DIR) with
 *    xmllint-wasm (libxml2 in WebAssembly), the schemas Microsoft published for manifest v1.1;
 * 2. what XSD cannot check: every `resid` is defined in <Resources>, every URL is HTTPS, the Version has
 *    four parts, every user-visible string has a vi-VN override, and every file a URL under the base
 *    points at exists in the build output (dist/, rebuilt first).
 *
 *   npm run validate               # manifest.xml, dist/ built with the default base URL
 *   npx tsx scripts/validate-manifest.ts dist/manifest.xml
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const XSD_DIR = process.env.OFFICE_MANIFEST_XSD_DIR ?? join(ROOT, "schemas", "office-manifest");
const MAIN_XSD = "OfficeAppManifestV1_1.xsd";

/** XSD errors of a manifest ("line N: message"); empty when valid. */
export async function schemaErrors(xml: string, xsdDir: string = XSD_DIR): Promise<string[]> {
  const files = readdirSync(xsdDir).filter((f) => f.endsWith(".xsd"));
  const result = await validateXML({
    xml: { fileName: "manifest.xml", contents: xml },
    schema: { fileName: MAIN_XSD, contents: readFileSync(join(xsdDir, MAIN_XSD), "utf8") },
    preload: files.filter((f) => f !== MAIN_XSD).map((f) => ({ fileName: f, contents: readFileSync(join(xsdDir, f), "utf8") })),
  });
  if (result.valid) return [];
  return result.errors.map((e) => (e.loc ? `dòng ${e.loc.lineNumber}: ${e.message}` : e.rawMessage));
}

function attrs(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))].map((m) => m[1] ?? "");
}

/**
 * What XSD cannot check. `distDir`, when given, must hold every file a URL under `baseUrl` names.
 *
 * @example
 * crossCheck(readFileSync("manifest.xml", "utf8"), { distDir: "dist", baseUrl: "https://localhost:3000" }); // []
 */
export function crossCheck(xml: string, options: { distDir?: string; baseUrl?: string } = {}): string[] {
  const problems: string[] = [];
  const body = xml.replace(/<!--[\s\S]*?-->/g, "");
  const resources = /<Resources>([\s\S]*?)<\/Resources>/.exec(body)?.[1] ?? "";
  const defined = new Set(attrs(resources, "id"));
  for (const resid of new Set(attrs(body, "resid"))) {
    if (!defined.has(resid)) problems.push(`resid "${resid}" không được định nghĩa trong <Resources>`);
  }
  const urls = [
    ...[...body.matchAll(/(?:DefaultValue|Value)="(https?:[^"]*|[a-z]+:\/\/[^"]*)"/gi)].map((m) => m[1] ?? ""),
    ...[...body.matchAll(/<(?:AppDomain|SourceLocation)>([^<]*)</g)].map((m) => (m[1] ?? "").trim()),
    ...[...body.matchAll(/<(?:IconUrl|HighResolutionIconUrl|SupportUrl|SourceLocation)\s+DefaultValue="([^"]*)"/g)].map((m) => m[1] ?? ""),
  ];
  for (const url of new Set(urls)) if (!url.startsWith("https://")) problems.push(`địa chỉ không dùng HTTPS: ${url}`);
  const version = /<Version>([^<]*)<\/Version>/.exec(body)?.[1] ?? "";
  if (!/^\d{1,5}(\.\d{1,5}){3}$/.test(version)) problems.push(`Version phải có 4 phần (a.b.c.d), đang là "${version}"`);
  // user-visible strings: DisplayName, Description and every bt:String need a vi-VN override
  for (const tag of ["DisplayName", "Description"]) {
    const el = new RegExp(`<${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${tag}>)`).exec(body);
    if (el === null) problems.push(`thiếu <${tag}>`);
    else if (!/Locale="vi-VN"/.test(el[1] ?? "")) problems.push(`<${tag}> thiếu bản tiếng Việt (Override Locale="vi-VN")`);
  }
  for (const m of body.matchAll(/<bt:String\s+id="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/bt:String>)/g)) {
    if (!/Locale="vi-VN"/.test(m[2] ?? "")) problems.push(`chuỗi "${m[1]}" thiếu bản tiếng Việt (vi-VN)`);
  }
  if (options.distDir !== undefined) {
    const base = (options.baseUrl ?? "https://localhost:3000").replace(/\/+$/, "");
    for (const url of new Set(urls)) {
      if (!url.startsWith(`${base}/`)) continue;
      const path = url.slice(base.length + 1).split(/[?#]/)[0] ?? "";
      if (!existsSync(join(options.distDir, path))) problems.push(`${url}: không có tệp ${path} trong bản dựng (${options.distDir})`);
    }
  }
  return problems;
}

async function main(argv: string[]): Promise<number> {
  const file = argv[0] ?? join(ROOT, "manifest.xml");
  const distDir = join(ROOT, "dist");
  const { buildAddin } = await import("./build-addin.ts");
  await buildAddin({ outDir: distDir });
  const xml = readFileSync(file, "utf8");
  const baseUrl = /<SourceLocation DefaultValue="(https:\/\/[^"]*?)\/taskpane\.html"/.exec(xml)?.[1];
  const problems = [...(await schemaErrors(xml)), ...crossCheck(xml, { distDir, ...(baseUrl ? { baseUrl } : {}) })];
  if (problems.length > 0) {
    for (const p of problems) console.error(`${file}: ${p}`);
    return 1;
  }
  console.log(`${file}: hợp lệ (XSD manifest v1.1, resid, HTTPS, vi-VN, tệp trong dist/)`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}

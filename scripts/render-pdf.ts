/**
 * Renders an .xlsx workbook to PDF with LibreOffice, then to PNG pages with pdftoppm, to check how the
 * Biểu print. Usage: `npx tsx scripts/render-pdf.ts BOOK.xlsx OUTDIR` (prints the PDF and PNG paths).
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** What a rendering produced. */
export interface RenderResult {
  pdf: string;
  pageCount: number;
  pngs: string[];
  /** Seconds spent in LibreOffice's conversion and in pdftoppm. */
  timings: { convertSeconds: number; rasterSeconds: number };
}

/** Programs the rendering needs. */
export const RENDER_PROGRAMS = ["libreoffice", "pdftoppm", "pdfinfo"] as const;

/**
 * The programs of `RENDER_PROGRAMS` that are not on the PATH.
 *
 * @example
 * await missingRenderPrograms(); // [] when libreoffice and poppler-utils are installed
 */
export async function missingRenderPrograms(): Promise<string[]> {
  const missing: string[] = [];
  for (const program of RENDER_PROGRAMS) {
    try {
      await run("sh", ["-c", `command -v ${program}`]);
    } catch {
      missing.push(program);
    }
  }
  return missing;
}

/**
 * Converts `xlsxPath` to `OUTDIR/NAME.pdf` and `OUTDIR/NAME-1.png`, … (60 dpi). Uses a throw-away
 * LibreOffice profile so parallel runs do not clash.
 *
 * @example
 * const r = await renderPdf("out/son-la-2023.xlsx", "out/render");
 * r.pageCount; // e.g. 4
 * r.pngs[0]; // "out/render/son-la-2023-1.png"
 */
export async function renderPdf(xlsxPath: string, outDir: string, dpi = 60): Promise<RenderResult> {
  const input = resolve(xlsxPath);
  const out = resolve(outDir);
  const kind = await stat(input).catch(() => undefined);
  if (kind === undefined || !kind.isFile()) throw new Error(`Không tìm thấy tệp ${xlsxPath}`);
  await mkdir(out, { recursive: true });
  const name = basename(input, extname(input));
  const profile = await mkdtemp(join(tmpdir(), "lo-profile-"));
  const t0 = performance.now();
  try {
    await run(
      "libreoffice",
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", out, input],
      // Vietnamese locale, as on an official's machine: numbers print "85,97" (the cell format is "0.00").
      { timeout: 180_000, env: { ...process.env, LC_ALL: "vi_VN.UTF-8", LANG: "vi_VN.UTF-8" } },
    );
  } catch (error) {
    throw new Error(`LibreOffice không chuyển được ${xlsxPath} sang PDF: ${describe(error)}`, { cause: error });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  const t1 = performance.now();
  const pdf = join(out, `${name}.pdf`);
  const info = await run("pdfinfo", [pdf]).catch((error: unknown) => {
    throw new Error(`Không thấy tệp PDF ${pdf} sau khi chuyển: ${describe(error)}`, { cause: error });
  });
  const pages = /^Pages:\s+(\d+)/m.exec(info.stdout);
  const pageCount = pages?.[1] !== undefined ? Number(pages[1]) : 0;
  // Remove PNGs of an earlier run with the same name, so the list below is this run's pages only.
  const pagePattern = new RegExp(`^${escapeRegExp(name)}-(\\d+)\\.png$`);
  for (const f of await readdir(out)) if (pagePattern.test(f)) await rm(join(out, f));
  await run("pdftoppm", ["-png", "-r", String(dpi), pdf, join(out, name)], { timeout: 180_000 });
  const t2 = performance.now();
  const pngs = (await readdir(out))
    .map((f) => ({ f, m: pagePattern.exec(f) }))
    .filter((x) => x.m !== null)
    .sort((a, b) => Number(a.m?.[1]) - Number(b.m?.[1]))
    .map((x) => join(out, x.f));
  return {
    pdf,
    pageCount,
    pngs,
    timings: { convertSeconds: round1((t1 - t0) / 1000), rasterSeconds: round1((t2 - t1) / 1000) },
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function describe(error: unknown): string {
  const e = error as { stderr?: unknown; message?: unknown };
  const stderr = typeof e.stderr === "string" ? e.stderr.trim() : "";
  return stderr !== "" ? stderr : typeof e.message === "string" ? e.message : String(error);
}

async function main(argv: string[]): Promise<number> {
  // Piped into `head`: stop quietly when the reader goes away.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const [book, outDir] = argv;
  if (book === undefined || outDir === undefined) {
    process.stderr.write("Cách dùng: npx tsx scripts/render-pdf.ts BOOK.xlsx OUTDIR\n");
    return 1;
  }
  const missing = await missingRenderPrograms();
  if (missing.length > 0) {
    process.stderr.write(`Thiếu chương trình: ${missing.join(", ")} (cài libreoffice-calc-nogui, poppler-utils)\n`);
    return 1;
  }
  try {
    const r = await renderPdf(book, outDir);
    process.stdout.write(`${r.pdf} (${r.pageCount} trang, chuyển PDF ${r.timings.convertSeconds} s, PNG ${r.timings.rasterSeconds} s)\n`);
    for (const png of r.pngs) process.stdout.write(`${png}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

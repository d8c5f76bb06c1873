/**
 * Development server for the add-in: serves dist/ over HTTPS on https://localhost:3000 with the
 * certificates of office-addin-dev-certs (installed and trusted on first run), as the manifest expects.
 *
 *   npm run build && npm run dev-server
 *   PORT=3001 npm run dev-server      # another port (then build with ADDIN_BASE_URL=https://localhost:3001)
 */
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
};

/**
 * A request handler serving the files of `dir` (index: taskpane.html), refusing paths outside it.
 *
 * @example
 * createHttpServer(staticHandler("dist")).listen(8080);
 */
export function staticHandler(dir: string): (req: IncomingMessage, res: ServerResponse) => void {
  const base = resolve(dir);
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let path = decodeURIComponent(url.pathname);
    if (path === "/") path = "/taskpane.html";
    const file = normalize(join(base, path));
    if (!(file === base || file.startsWith(base + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("Không có tệp này.");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
      "access-control-allow-origin": "*",
    });
    createReadStream(file).pipe(res);
  };
}

/**
 * Certificates from office-addin-dev-certs `getHttpsServerOptions()` (which also trusts its CA). Where
 * trusting fails (Linux without sudo), the generated files in ~/.office-addin-dev-certs are used as they
 * are, with a warning: the browser or Office must then be told to trust ca.crt by hand.
 */
async function tlsOptions(): Promise<{ key: string | Buffer; cert: string | Buffer; ca?: string | Buffer }> {
  const certs = await import("office-addin-dev-certs");
  try {
    return await certs.getHttpsServerOptions();
  } catch (error) {
    const dir = join(homedir(), ".office-addin-dev-certs");
    const key = join(dir, "localhost.key");
    const cert = join(dir, "localhost.crt");
    if (!existsSync(key) || !existsSync(cert)) throw error;
    console.warn(`Cảnh báo: chưa cài được chứng chỉ gốc (${error instanceof Error ? error.message.trim() : String(error)}).`);
    console.warn(
      `Dùng chứng chỉ trong ${dir}; hãy tin cậy ${join(dir, "ca.crt")} bằng tay (hoặc chạy \`npx office-addin-dev-certs install\` với quyền quản trị).`,
    );
    return { key: readFileSync(key), cert: readFileSync(cert), ca: readFileSync(join(dir, "ca.crt")) };
  }
}

/** Starts the server; HTTPS unless `http` (used by the browser test). Resolves with the port. */
export async function startDevServer(
  options: { dir?: string; port?: number; http?: boolean } = {},
): Promise<{ port: number; close: () => Promise<void> }> {
  const dir = options.dir ?? join(ROOT, "dist");
  const handler = staticHandler(dir);
  let server;
  if (options.http === true) {
    server = createHttpServer(handler);
  } else {
    server = createHttpsServer(await tlsOptions(), handler);
  }
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 3000, "127.0.0.1", () => ok());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : (options.port ?? 3000);
  return { port, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = join(ROOT, "dist");
  if (!existsSync(join(dir, "taskpane.html"))) {
    console.error("Chưa có dist/: chạy `npm run build` trước.");
    process.exit(1);
  }
  startDevServer({ dir, port: Number(process.env.PORT ?? 3000) }).then(
    ({ port }) => console.log(`Đang phục vụ dist/ tại https://localhost:${port} (Ctrl+C để dừng)`),
    (error: unknown) => {
      console.error(`Không khởi động được máy chủ HTTPS: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

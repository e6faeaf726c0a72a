// Tiny static file server for the built demo (web-demo/dist by default).
// Loopback only, GET/HEAD only, no directory listing, correct MIME types
// (application/wasm so WebAssembly.instantiateStreaming works).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

// Same policy as the page's <meta> CSP, plus what only a header can say.
export const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; font-src 'none'; object-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Start serving `root` on host:port (port 0 = a free port).
 * Resolves to { server, url, port, close() }.
 */
export function startServer({ root, host = "127.0.0.1", port = 0, log = false } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const send = (status, body, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, {
        "content-type": type,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "content-security-policy": CSP,
      });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    try {
      if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n");
      const url = new URL(req.url ?? "/", "http://localhost");
      let path = decodeURIComponent(url.pathname);
      if (path.endsWith("/")) path += "index.html";
      const file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) return send(403, "forbidden\n");
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) return send(404, "not found\n");
      const type = MIME[extname(file).toLowerCase()] ?? "application/octet-stream";
      send(200, await readFile(file), type);
      if (log) console.log(`${req.method} ${url.pathname} 200`);
    } catch (err) {
      send(500, `error: ${err.message}\n`);
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const actual = server.address().port;
      ok({
        server,
        port: actual,
        url: `http://${host}:${actual}/`,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
  };
  const here = fileURLToPath(new URL("..", import.meta.url));
  const root = opt("--root", join(here, "dist"));
  const port = Number(opt("--port", process.env.PORT ?? "8080"));
  const host = opt("--host", "127.0.0.1");
  const { url } = await startServer({ root, host, port, log: args.includes("--log") });
  console.log(`kubetoken demo: ${url}  (serving ${root}; Ctrl-C to stop)`);
}

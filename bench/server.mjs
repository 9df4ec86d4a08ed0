// The benchmark's HTTP server. Every component gets the same treatment: text assets (HTML, JS,
// CSS, Wasm, JSON) are sent brotli-compressed (quality 11, compressed once and kept in memory)
// when the request accepts br, as a production CDN would, so the bytes counted are realistic;
// every response carries Cache-Control: no-store, so each visit downloads everything again, unless
// `fileCache` is given: then files (not pages) carry that Cache-Control instead, so the second page
// of a session finds them in the browser's HTTP cache (the "second page" rows use such a server).
//
//   const server = await startBenchServer({ pages, mounts });
//   const cached = await startBenchServer({ pages, mounts, fileCache: "max-age=86400", store: server.store });
//   pages:  Map of URL path -> HTML string (the generated test pages)
//   mounts: { "/assets/": "/abs/dir", ... } URL prefixes served from folders, or
//           { "/peer/x/a.js": "/abs/file.js" } single files
//   fileCache: Cache-Control of files (default "no-store"); pages are always no-store
//   store:   another server's `store`, to share its compressed bodies instead of compressing again

import { createServer } from "node:http";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { closer } from "../scripts/serve.mjs";
const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm", // needed for WebAssembly.instantiateStreaming
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".gif": "image/gif",
  ".png": "image/png",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".svg", ".txt"]);

function brotli(buf, ext) {
  return brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: ext === ".wasm" ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
}

export async function startBenchServer({ pages, mounts, fileCache = "no-store", store = new Map() }) {
  // key -> { raw, br, page } ; key is "page:<path>" or "file:<abs path>:<mtime>:<size>"
  const cache = store;
  /** Every response, in order: { path, bytes (body bytes sent), encoding }. Cleared by the runner. */
  const log = [];

  async function resolve(pathname) {
    if (pages.has(pathname)) {
      const key = `page:${pathname}`;
      if (!cache.has(key)) cache.set(key, { raw: Buffer.from(pages.get(pathname)), ext: ".html", page: true });
      return cache.get(key);
    }
    let file = null;
    for (const [prefix, target] of Object.entries(mounts)) {
      if (prefix.endsWith("/") && pathname.startsWith(prefix)) {
        const rel = pathname.slice(prefix.length);
        if (!rel || rel.split("/").some((p) => p === ".." || p === "")) return null;
        file = path.join(target, rel);
        break;
      }
      if (pathname === prefix) {
        file = target;
        break;
      }
    }
    if (!file) return null;
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) return null;
    const key = `file:${file}:${st.mtimeMs}:${st.size}`;
    if (!cache.has(key)) cache.set(key, { raw: await readFile(file), ext: path.extname(file).toLowerCase() });
    return cache.get(key);
  }

  const server = createServer(async (req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    try {
      const entry = await resolve(pathname);
      if (!entry) {
        log.push({ path: pathname, status: 404, bytes: 0, encoding: "" });
        res.writeHead(404, { "Content-Type": "text/plain", "Cache-Control": "no-store" }).end("not found\n");
        return;
      }
      const wantsBr = /\bbr\b/.test(req.headers["accept-encoding"] ?? "");
      let body = entry.raw;
      const headers = {
        "Content-Type": CONTENT_TYPES[entry.ext] ?? "application/octet-stream",
        "Cache-Control": entry.page ? "no-store" : fileCache,
        Vary: "Accept-Encoding",
      };
      if (wantsBr && COMPRESSIBLE.has(entry.ext)) {
        entry.br ??= brotli(entry.raw, entry.ext);
        body = entry.br;
        headers["Content-Encoding"] = "br";
      }
      headers["Content-Length"] = body.length;
      log.push({ path: pathname, status: 200, bytes: body.length, encoding: headers["Content-Encoding"] ?? "identity" });
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500).end(String(e));
      else res.destroy();
    }
  });

  const close = closer(server);
  await new Promise((ok, fail) => server.once("error", fail).listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    log,
    store,
    /** Compress every page and mounted file up front, so no measured request waits for brotli. */
    async warm() {
      const paths = [...pages.keys()];
      for (const [prefix, target] of Object.entries(mounts)) {
        if (!prefix.endsWith("/")) paths.push(prefix);
        else for (const f of await readdir(target).catch(() => [])) paths.push(prefix + f);
      }
      for (const p of paths) {
        const e = await resolve(p);
        if (e && COMPRESSIBLE.has(e.ext)) e.br ??= brotli(e.raw, e.ext);
      }
    },
    close,
  };
}

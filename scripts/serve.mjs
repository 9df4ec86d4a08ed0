#!/usr/bin/env node
// Dependency-free static HTTP server for the demo site (`make demo`) and the end-to-end tests.
//
//   import { startServer } from "./scripts/serve.mjs";
//   const { url, close } = await startServer({ root: "www" });
//
//   node scripts/serve.mjs [--root www] [--port 8080] [--host 127.0.0.1] [--assets dist] [--csp demo]
//   (the PORT environment variable overrides --port)
//
// Files come from `root`; the URL prefix /assets/ maps to the `assets` folder (the build output,
// dist/ by default). Every response carries `Cache-Control: no-store` so a rebuilt component is
// always picked up.

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** Resolve `rel` (URL path, already decoded) inside `base`; null if it escapes `base`. */
function safeJoin(base, rel) {
  if (rel.includes("\0")) return null;
  // Treat backslashes as separators too, so "..\\" cannot sneak through on any platform.
  const parts = rel.split(/[\\/]+/).filter((p) => p !== "" && p !== ".");
  if (parts.some((p) => p === "..")) return null;
  const full = path.resolve(base, ...parts);
  const baseResolved = path.resolve(base);
  if (full !== baseResolved && !full.startsWith(baseResolved + path.sep)) return null;
  return full;
}

/**
 * Start a static server.
 * @param {object} [opts]
 * @param {string} [opts.root]     folder served at "/" (default: <repo>/www)
 * @param {number} [opts.port]     0 = any free port
 * @param {string} [opts.host]
 * @param {string} [opts.assets]   folder served at "/assets/" (default: <repo>/dist)
 * @param {Record<string,string>} [opts.headers] extra headers on every response
 * @returns {Promise<{ url: string, port: number, server: import("node:http").Server, close: () => Promise<void> }>}
 */
export async function startServer({
  root = path.join(REPO_ROOT, "www"),
  port = 0,
  host = "127.0.0.1",
  assets = path.join(REPO_ROOT, "dist"),
  headers = {},
} = {}) {
  const rootDir = path.resolve(root);
  const assetsDir = assets ? path.resolve(assets) : null;

  const send = (res, status, body, type = "text/plain; charset=utf-8", method = "GET") => {
    res.writeHead(status, {
      "Content-Type": type,
      "Content-Length": Buffer.byteLength(body),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...headers,
    });
    res.end(method === "HEAD" ? undefined : body);
  };

  const server = createServer(async (req, res) => {
    try {
      const method = req.method ?? "GET";
      if (method !== "GET" && method !== "HEAD") {
        res.setHeader("Allow", "GET, HEAD");
        return send(res, 405, "Method Not Allowed\n", undefined, method);
      }
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
      } catch {
        return send(res, 400, "Bad Request\n", undefined, method);
      }

      let base = rootDir;
      let rel = pathname;
      if (assetsDir && (pathname === "/assets" || pathname.startsWith("/assets/"))) {
        base = assetsDir;
        rel = pathname.slice("/assets".length);
      }
      let file = safeJoin(base, rel);
      if (!file) return send(res, 403, "Forbidden\n", undefined, method);

      let st = await stat(file).catch(() => null);
      if (st?.isDirectory()) {
        if (!pathname.endsWith("/")) {
          // Redirect so relative links inside index.html resolve against the folder.
          const u = new URL(req.url ?? "/", "http://localhost");
          res.writeHead(301, { Location: u.pathname + "/" + u.search, "Cache-Control": "no-store", ...headers });
          return res.end();
        }
        file = path.join(file, "index.html");
        st = await stat(file).catch(() => null);
      }
      if (!st || !st.isFile()) return send(res, 404, `Not Found: ${pathname}\n`, undefined, method);

      res.writeHead(200, {
        "Content-Type": contentType(file),
        "Content-Length": st.size,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        ...headers,
      });
      if (method === "HEAD") return res.end();
      const stream = createReadStream(file);
      stream.on("error", () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, "Internal Server Error\n");
      else res.destroy();
    }
  });

  const close = closer(server);
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actualPort}`,
    port: actualPort,
    server,
    close,
  };
}

/**
 * A `close()` for `server` that resolves once it is closed. Keep-alive sockets would make
 * `server.close()` wait for the browser to drop them, so they are tracked and destroyed.
 */
export function closer(server) {
  const sockets = new Set();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

/**
 * The Content-Security-Policy the demo site is served with (`--csp demo`): strict, with Trusted
 * Types, allowing only the third parties the demo's gated markup uses. README documents it.
 */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' https://www.googletagmanager.com https://static.hotjar.com https://platform.twitter.com https://translate.google.com https://translate.googleapis.com",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src https://www.youtube-nocookie.com https://platform.twitter.com",
  "object-src 'none'",
  "base-uri 'self'",
  "require-trusted-types-for 'script'",
  "trusted-types consent-banner",
].join("; ");

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument: ${a}`);
    const [, key, inline] = m;
    if (key === "help") {
      out.help = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${key} needs a value`);
    out[key] = value;
  }
  return out;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`serve.mjs: ${e.message}`);
    process.exit(2);
  }
  if (args.help) {
    console.log("usage: node scripts/serve.mjs [--root www] [--port 8080] [--host 127.0.0.1] [--assets dist] [--csp demo]");
    process.exit(0);
  }
  const rootArg = args.root ?? "www";
  const port = Number(process.env.PORT || args.port || 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve.mjs: bad port: ${process.env.PORT || args.port}`);
    process.exit(2);
  }
  const host = args.host ?? "127.0.0.1";
  const assets = args.assets ? path.resolve(args.assets) : path.join(REPO_ROOT, "dist");
  try {
    if (args.csp !== undefined && args.csp !== "demo") throw new Error(`--csp takes "demo", not ${args.csp}`);
    const headers = args.csp === "demo" ? { "Content-Security-Policy": DEMO_CSP } : {};
    const { url, close } = await startServer({ root: path.resolve(rootArg), port, host, assets, headers });
    const shown = rootArg.endsWith("/") ? rootArg : `${rootArg}/`;
    console.log(`Serving ${shown} on ${url}`);
    const stop = () => close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (e) {
    console.error(`serve.mjs: ${e.code === "EADDRINUSE" ? `port ${port} is in use` : e.message}`);
    process.exit(1);
  }
}

// Third-party stand-ins for the cross-engine tier: one HTTP server that answers every host under
// `*.localhost` (Firefox and WebKit both resolve those to this machine) and records each request,
// so a test proves what the page asked of a third party instead of assuming it. WebDriver cannot
// intercept requests as Playwright does; the browser really connects here.
//
//   const tp = await startStandIns({ "https://www.googletagmanager.com": "gtm" });
//   tp.origin("gtm")          // "http://gtm.localhost:PORT"
//   tp.requests               // [{ host: "gtm", path: "/gtag/js?id=G-TEST", referer, at }]
//   tp.since(n)               // requests after the n-th one
//   await tp.close();

import { createServer } from "node:http";
import { closer } from "../../scripts/serve.mjs";
import { SCRIPT_STUBS } from "../e2e/helpers.mjs";

/**
 * The stand-ins answer as the Chromium tier's (tests/e2e/helpers.mjs SCRIPT_STUBS, keyed by the
 * real host): each script records that it ran, the analytics ones set their cookies.
 */
const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embedded content</title></head>
<body><p id="stand-in">Stand-in for third-party content.</p></body></html>`;
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** @param {Record<string,string>} names  real origin ("https://www.googletagmanager.com") -> stand-in name ("gtm") */
export async function startStandIns(names = {}) {
  const realHost = Object.fromEntries(Object.entries(names).map(([origin, name]) => [name, new URL(origin).hostname]));
  const requests = [];
  const server = createServer((req, res) => {
    const hostHeader = (req.headers.host ?? "").replace(/:\d+$/, "");
    const host = hostHeader.endsWith(".localhost") ? hostHeader.slice(0, -".localhost".length) : hostHeader;
    const url = new URL(req.url ?? "/", "http://x");
    requests.push({ host, path: url.pathname + url.search, referer: req.headers.referer ?? null, at: Date.now() });
    const script = SCRIPT_STUBS[(realHost[host] ?? host) + url.pathname];
    let type = "text/plain";
    let body = "";
    if (script !== undefined) [type, body] = ["text/javascript", script];
    else if (url.pathname.endsWith(".gif")) [type, body] = ["image/gif", GIF];
    else if (url.pathname.startsWith("/embed/")) [type, body] = ["text/html; charset=utf-8", HTML];
    else if (url.pathname.endsWith(".js")) type = "text/javascript";
    res.writeHead(200, { "Content-Type": type, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
    res.end(body);
  });
  const close = closer(server);
  // Both address families: a browser may try ::1 before 127.0.0.1 for a *.localhost name.
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "::", resolve);
  }).catch(
    () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", resolve);
      }),
  );
  const port = server.address().port;
  return {
    port,
    requests,
    origin: (name) => `http://${name}.localhost:${port}`,
    since: (n) => requests.slice(n),
    close,
  };
}

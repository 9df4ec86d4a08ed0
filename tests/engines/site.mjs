// The pages of the cross-engine tier: the Chromium tier's own fixtures (tests/e2e/fixtures), with
// their third-party URLs pointed at recording stand-ins (tests/engines/standins.mjs) and
// tests/engines/probe.js loaded first. Two first-party servers (scripts/serve.mjs): plain, and
// with a strict Content-Security-Policy (Trusted Types included) naming the stand-ins.
//
//   const site = await startSite();
//   site.plain.url, site.strict.url        first-party origins (http://127.0.0.1:PORT)
//   site.assets                             first-party /assets/ requests, in order (both servers)
//   site.thirdParty                         the stand-ins' recorder (requests, since(n), origin(name))
//   await site.close();

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../scripts/serve.mjs";
import { startStandIns } from "./standins.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, "..", "..");
export const DIST = path.resolve(process.env.CONSENT_BANNER_DIST || path.join(REPO, "dist"));
const FIXTURES = path.join(REPO, "tests", "e2e", "fixtures");

/** Real third-party origins of the fixtures -> the stand-in host name that replaces each. */
export const STAND_INS = {
  "https://www.googletagmanager.com": "gtm",
  "https://static.hotjar.com": "hotjar",
  "https://px.example.net": "px",
  "https://www.youtube-nocookie.com": "video",
  "https://cdn.example.com": "cdn",
  "https://platform.twitter.com": "twitter",
  "https://translate.google.com": "translate",
  "https://translate.googleapis.com": "translateapis",
};

export const NONCE = "cbtest123";

/** tests/e2e/hardening.test.mjs's strict policy, with the stand-ins' origins. */
export function strictCsp(origin) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' 'nonce-${NONCE}' ${origin("gtm")} ${origin("hotjar")}`,
    "style-src 'self'",
    "img-src 'self' data:",
    `frame-src ${origin("video")}`,
    "require-trusted-types-for 'script'",
    "trusted-types consent-banner",
  ].join("; ");
}

export async function startSite() {
  if (!readdirSync(DIST).includes("consent-banner.js")) throw new Error(`${DIST}/consent-banner.js is missing: run make build`);
  const thirdParty = await startStandIns(STAND_INS);
  const root = mkdtempSync(path.join(os.tmpdir(), "cb-engines-"));
  cpSync(FIXTURES, root, { recursive: true });
  writeFileSync(path.join(root, "engine-probe.js"), readFileSync(path.join(HERE, "probe.js")));
  for (const entry of readdirSync(root, { recursive: true })) {
    if (!entry.endsWith(".html")) continue;
    const file = path.join(root, entry);
    let html = readFileSync(file, "utf8");
    for (const [real, name] of Object.entries(STAND_INS)) html = html.split(real).join(thirdParty.origin(name));
    html = html.replace(/<meta charset="utf-8">/i, (m) => `${m}\n  <script src="/engine-probe.js"></script>`);
    writeFileSync(file, html);
  }
  const assets = [];
  const servers = [];
  const start = async (headers) => {
    const server = await startServer({ root, assets: DIST, headers });
    server.server.on("request", (req) => {
      const { pathname } = new URL(req.url ?? "/", "http://x");
      if (pathname.startsWith("/assets/")) assets.push(pathname.slice("/assets/".length));
    });
    servers.push(server);
    return server;
  };
  const plain = await start({});
  const strict = await start({ "Content-Security-Policy": strictCsp(thirdParty.origin) });
  return {
    plain,
    strict,
    assets,
    thirdParty,
    async close() {
      for (const s of servers) await s.close();
      await thirdParty.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

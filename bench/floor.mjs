#!/usr/bin/env node
// Where the returning visitor's time goes: the floor under any component that releases scripts
// from WebAssembly loaded by a deferred script, beside ours and vanilla-cookieconsent, in one run.
// `make bench` runs it after run.mjs; bench/README.md ("The floor") says what each row is.
//
//   FLOOR_ROUNDS=12  page loads per row (in turns: one of each row per round; medians reported)
//   FLOOR_COMPARE=/some/dist  adds a row: ours served from that folder (an A/B of two builds)
//   CONSENT_BANNER_DIST, CHROMIUM  as for run.mjs
//
// Every row is the same article page with the same gated `/analytics.js`; what differs is what
// releases it. Rows other than the components are probes written here, at run time:
//   fetch   a deferred script that fetches a 1-byte file, then releases the script (no Wasm)
//   wasm    a deferred script that compiles an empty Wasm module (8 bytes), then releases
//   stage   the same, compiling our first stage's Wasm (dist/consent-banner_bg.wasm), not running it
//   inline  ours, with the first stage's Wasm inside the bootstrap (as a Latin-1 string),
//           compiled and started synchronously: no request for the Wasm, nothing waits for the
//           network after the deferred script
// Writes bench/results-floor.md and bench/results-floor.json (also each row's median wait for
// analytics.js's response and from its response to its run, and every load's numbers), prints the table.

import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";
import { chromium } from "playwright-core";
import { LAUNCH_ARGS, THROTTLE, VIEWPORT, median, mobileUserAgent, newContext } from "./browser.mjs";
import { COMPONENTS, DIST } from "./components.mjs";
import { page } from "./pages.mjs";
import { startBenchServer } from "./server.mjs";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.dirname(BENCH);
const ROUNDS = /^[1-9]\d*$/.test(process.env.FLOOR_ROUNDS ?? "") ? Number(process.env.FLOOR_ROUNDS) : 12;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TBT_AFTER = 1000; // long tasks are counted until this long after the analytics ran
const log = (...a) => console.error(...a);

const ours = COMPONENTS.find((c) => c.id === "ours");
const vanilla = COMPONENTS.find((c) => c.id === "vanilla");
const baseline = COMPONENTS.find((c) => c.id === "baseline");
const GATED = `<script type="text/plain" data-consent="analytics" src="/analytics.js"></script>`;

// ------------------------------------------------------------------------------------------------
// The probes' files, in a folder of their own.

const tmp = mkdtempSync(path.join(os.tmpdir(), "consent-banner-floor-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));
writeFileSync(path.join(tmp, "one.txt"), "1");
writeFileSync(path.join(tmp, "empty.wasm"), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
cpSync(path.join(DIST, "consent-banner_bg.wasm"), path.join(tmp, "stage.wasm"));
// What each probe does before releasing the gated script: a promise.
const before = {
  fetch: `fetch("/probe/one.txt").then(function (r) { return r.text(); })`,
  wasm: `WebAssembly.compileStreaming(fetch("/probe/empty.wasm"))`,
  stage: `WebAssembly.compileStreaming(fetch("/probe/stage.wasm"))`,
};
for (const [name, wait] of Object.entries(before)) {
  writeFileSync(
    path.join(tmp, `${name}.js`),
    `(function () {
  var held = document.querySelector('script[type="text/plain"][data-consent]');
  ${wait}.then(function () {
    var s = document.createElement("script");
    s.src = held.getAttribute("src");
    document.body.appendChild(s);
  });
})();
`,
  );
}

/** A JS string literal of `bytes`, one character per byte (Latin-1): about 5% over the bytes' brotli. */
function latin1Literal(bytes) {
  let s = '"';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x5c) s += "\\\\";
    else if (b === 0x22) s += '\\"';
    else if (b === 0x0a) s += "\\n";
    else if (b === 0x0d) s += "\\r";
    else if (b === 0) s += bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39 ? "\\x00" : "\\0";
    else s += String.fromCharCode(b);
  }
  return s + '"';
}

/**
 * The drop-in with the first stage inside its bootstrap, in a copy of dist/: built from the first
 * stage's glue (target/bindgen/, written by scripts/build.sh) and src/js/dropin.js, minified as
 * the shipped one is. Null, with the reason logged, when those are not as this script expects.
 */
async function inlineDist() {
  const glueFile = path.join(REPO, "target/bindgen/dropin/consent-banner.js");
  const start = `wasm_bindgen({ module_or_path: base + "consent-banner_bg.wasm" }).then(function () {
        return wasm_bindgen.startFirst(config, gtag, startFull);
      })`;
  const dropin = readFileSync(path.join(REPO, "src/js/dropin.js"), "utf8");
  if (!existsSync(glueFile) || !dropin.includes(start)) {
    log("floor: the inline row is left out (no target/bindgen glue, or dropin.js starts the first stage otherwise)");
    return null;
  }
  const sync = `new Promise(function (done) {
        var text = __FLOOR_WASM__, bytes = new Uint8Array(text.length);
        for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
        wasm_bindgen.initSync({ module: bytes });
        done(wasm_bindgen.startFirst(config, gtag, startFull));
      })`;
  const source = `(function () {\n${readFileSync(glueFile, "utf8")}${dropin.replace(start, sync)}})();\n`;
  const { minifySync } = await import("rolldown/utils");
  const { code } = minifySync("consent-banner.js", source, { compress: true, mangle: true });
  const wasm = readFileSync(path.join(DIST, "consent-banner_bg.wasm"));
  const dir = path.join(tmp, "inline");
  cpSync(DIST, dir, { recursive: true });
  // A global the minifier leaves as it is; a function, so `$` patterns in the literal stay text.
  writeFileSync(path.join(dir, "consent-banner.js"), code.replace("__FLOOR_WASM__", () => latin1Literal(wasm)), "utf8");
  return dir;
}

// ------------------------------------------------------------------------------------------------
// The rows.

const probe = (name, label) => ({ id: name, label, head: `<script src="/probe/${name}.js" defer></script>`, analytics: GATED });
const rows = [
  { ...baseline, label: "no component: analytics.js as a plain deferred script" },
  { ...vanilla, label: "vanilla-cookieconsent 3.1" },
  { ...ours, label: "consent-banner (ours), as shipped" },
  probe("fetch", "probe: a fetch after the deferred script, then release (no Wasm)"),
  probe("wasm", "probe: an empty Wasm module compiled after the deferred script, then release"),
  probe("stage", "probe: our first stage's Wasm compiled after the deferred script (not run), then release"),
];
if (process.env.FLOOR_COMPARE) {
  const dir = path.resolve(process.env.FLOOR_COMPARE);
  rows.push({ ...ours, id: "compare", label: `ours from ${dir}`, mounts: { "/compare/": dir }, head: ours.head.replace("/assets/", "/compare/"), own: (p) => p.startsWith("/compare/") });
}
const inline = await inlineDist();
if (inline) {
  rows.push({
    ...ours,
    id: "inline",
    label: "ours with the first stage inside the bootstrap, compiled and started synchronously",
    mounts: { "/inline/": inline },
    head: ours.head.replace("/assets/", "/inline/"),
    own: (p) => p.startsWith("/inline/"),
  });
}

const pages = new Map();
const mounts = { "/analytics.js": path.join(BENCH, "analytics.js"), "/probe/": tmp };
for (const r of rows) {
  pages.set(`/${r.id}/article.html`, page({ ...r, name: r.label }));
  Object.assign(mounts, r.mounts ?? {});
}
const server = await startBenchServer({ pages, mounts });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
const ua = mobileUserAgent(browser);

// In the page, before any of its scripts: DOMContentLoaded's time and the long tasks.
function watch() {
  window.__floor = { dcl: null, longtasks: [] };
  document.addEventListener("DOMContentLoaded", () => (window.__floor.dcl = performance.now()));
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__floor.longtasks.push([e.startTime, e.duration]))).observe({ type: "longtask", buffered: true });
  } catch (e) {}
}

const contexts = new Map();
for (const r of rows) {
  const ctx = await newContext(browser, ua);
  contexts.set(r.id, ctx);
  if (r.accept) {
    // A first visit and its Accept: the visits measured are a returning visitor's.
    const p = await ctx.newPage();
    await p.goto(`${server.url}/${r.id}/article.html`, { waitUntil: "load" });
    await p.locator(r.accept).first().click({ timeout: 15_000 });
    await p.waitForFunction(() => window.__analyticsRanAt !== undefined, null, { timeout: 15_000 });
    await p.waitForTimeout(500);
    await p.close();
  }
}

const samples = new Map(rows.map((r) => [r.id, []]));
for (let round = 1; round <= ROUNDS; round++) {
  log(`floor: round ${round}/${ROUNDS}`);
  for (const r of rows) {
    const p = await contexts.get(r.id).newPage();
    const cdp = await contexts.get(r.id).newCDPSession(p);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
    await p.addInitScript(watch);
    await p.goto(`${server.url}/${r.id}/article.html`, { waitUntil: "load", timeout: 60_000 });
    await p.waitForFunction(() => window.__analyticsRanAt !== undefined, null, { timeout: 30_000, polling: 50 });
    const ran = await p.evaluate(() => window.__analyticsRanAt);
    await p.waitForFunction((t) => performance.now() > t, ran + TBT_AFTER, { timeout: 30_000, polling: 100 });
    samples.get(r.id).push(
      await p.evaluate((end) => {
        const entries = performance.getEntriesByType("resource");
        const analytics = entries.find((e) => e.name.endsWith("/analytics.js"));
        return {
          ran: window.__analyticsRanAt,
          dcl: window.__floor.dcl,
          fcp: (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime ?? null,
          requested: analytics ? analytics.startTime : null,
          wait: analytics ? analytics.responseStart - analytics.startTime : null,
          evaluated: analytics ? window.__analyticsRanAt - analytics.responseEnd : null,
          tbt: window.__floor.longtasks.filter(([t]) => t < end).reduce((s, [, d]) => s + Math.max(0, d - 50), 0),
          // Brotli bytes of everything but the page and analytics.js (same origin: sizes visible).
          bytes: entries.filter((e) => !e.name.endsWith("/analytics.js")).reduce((s, e) => s + e.encodedBodySize, 0),
        };
      }, ran + TBT_AFTER),
    );
    await p.close();
  }
}
await browser.close();
await server.close();

// ------------------------------------------------------------------------------------------------
// The table.

const result = rows.map((r) => {
  const s = samples.get(r.id);
  return {
    id: r.id,
    label: r.label,
    ran: median(s.map((x) => x.ran)),
    dcl: median(s.map((x) => x.dcl)),
    fcp: median(s.map((x) => x.fcp)),
    afterDcl: median(s.map((x) => (x.requested === null || x.dcl === null ? null : x.requested - x.dcl))),
    tbt: median(s.map((x) => x.tbt)),
    wait: median(s.map((x) => x.wait)),
    evaluated: median(s.map((x) => x.evaluated)),
    bytes: median(s.map((x) => x.bytes)),
  };
});
const ref = result.find((r) => r.id === "vanilla");
const fmt = (x, d = 0) => (x === null ? "n/a" : x.toLocaleString("en-GB", { maximumFractionDigits: d, minimumFractionDigits: d }));
const lines = [
  `Returning visit, medians of ${ROUNDS} loads per row taken in turns (4x CPU, ${VIEWPORT.width}×${VIEWPORT.height}, local server, brotli).`,
  "",
  "| row | gated analytics ran (ms) | ÷ vanilla-cookieconsent | first contentful paint (ms) | DOMContentLoaded (ms) | analytics requested, ms after DOMContentLoaded | blocking time (ms) | component bytes (brotli) |",
  "|---|---:|---:|---:|---:|---:|---:|---:|",
  ...result.map(
    (r) =>
      `| ${r.label} | ${fmt(r.ran)} | ${r.ran && ref.ran ? fmt(r.ran / ref.ran, 2) : "n/a"} | ${fmt(r.fcp)} | ${fmt(r.dcl)} | ${r.id === "baseline" ? "(not gated)" : fmt(r.afterDcl)} | ${fmt(r.tbt)} | ${fmt(r.bytes)} |`,
  ),
];
const wasmSize = brotliCompressSync(readFileSync(path.join(DIST, "consent-banner_bg.wasm")), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
}).length;
const table = lines.join("\n") + "\n";
writeFileSync(path.join(BENCH, "results-floor.md"), table);
writeFileSync(
  path.join(BENCH, "results-floor.json"),
  JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, throttle: THROTTLE, firstStageWasmBrotli: wasmSize, rows: result, samples: Object.fromEntries(samples) }, null, 2) + "\n",
);
process.stdout.write("\n" + table);

#!/usr/bin/env node
// Comparative benchmark: consent-banner against vanilla-cookieconsent, Osano's cookieconsent and
// klaro, on the same article page, in headless Chromium with 4x CPU throttling and a phone-sized
// viewport. `make bench` runs it; bench/README.md says what each row measures.
//
//   ROUNDS=7        rounds of the first/returning visit rows (median reported)
//   SCALE_ROUNDS=3  rounds of the scaling rows (default: min(ROUNDS, 3))
//   ONLY=ours,klaro measure only these components (baseline is always included)
//   SKIP_SCALE=1    skip the scaling rows
//   NETWORK=slow4g  also emulate DevTools' "Slow 4G" (or fast4g) network; default: none (local).
//                   Results then go to results-<network>.json/.md (and the slow-4G first visit
//                   and Lighthouse rows, which don't depend on NETWORK, are left out).
//   SKIP_SLOW4G=1   skip the per-round slow-4G first visit (its row)
//   LIGHTHOUSE_RUNS=3  Lighthouse runs per component (default: min(ROUNDS, 3)); SKIP_LIGHTHOUSE=1
//   OURS_NO_DEFER=1 ours without `defer` (default: with, as the peers and the contract example)
//   CONSENT_BANNER_DIST, CHROMIUM  as for the end-to-end tests
//
// Writes bench/results.json and bench/results.md, prints the table.

import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { LAUNCH_ARGS, THROTTLE, VIEWPORT, median, mobileUserAgent, newContext } from "./browser.mjs";
import { COMPONENTS, DIST, missingFiles } from "./components.mjs";
import { dynamicPage, page, scalePage, secondPage } from "./pages.mjs";
import { probe } from "./probe.mjs";
import { startBenchServer } from "./server.mjs";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const posInt = (v, d) => (/^[1-9]\d*$/.test(v ?? "") ? Number(v) : d);
const ROUNDS = posInt(process.env.ROUNDS, 7);
const SCALE_ROUNDS = posInt(process.env.SCALE_ROUNDS, Math.min(ROUNDS, 3));
const SKIP_SCALE = process.env.SKIP_SCALE === "1";
const ONLY = process.env.ONLY ? process.env.ONLY.split(",") : null;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SKIP_SLOW4G = process.env.SKIP_SLOW4G === "1" || !!process.env.NETWORK;
const SKIP_LIGHTHOUSE = process.env.SKIP_LIGHTHOUSE === "1" || !!process.env.NETWORK;
const LIGHTHOUSE_RUNS = posInt(process.env.LIGHTHOUSE_RUNS, Math.min(ROUNDS, 3));

const SCALE_NS = [10, 100, 1000, 10000];
const DYN_NODES = 10000;
const DYN_GATED_EVERY = 10; // the "gated" variant: every 10th added node is a gated script
const TBT_WINDOW = 2000; // TBT counts long tasks until this long after load / the banner / analytics
// Every page of a kind is watched at least this long (ms from navigation start), so TaskDuration
// and TBT cover the same span for every component unless one is slower than that.
const FIRST_WINDOW_MIN = 4000;
const RETURN_WINDOW_MIN = 3000;
const SETTLE_QUIET = 1000; // the banner is settled once it has not moved or faded for this long
const CLS_AFTER_SETTLED = 1000;
// The session rows: the visitor stays this long on page one after answering (idle-time fetches
// have time to finish) and page two is watched this long after its load and analytics.
const SESSION_DWELL = 2000;
// Files served to the session's pages may be cached by the browser this long (pages: no-store).
const SESSION_FILE_CACHE = "max-age=86400";
const SCALE_TIMEOUT = 60_000;
// Chrome DevTools' presets (SDK NetworkManager): bytes/s and ms.
const NETWORKS = {
  slow4g: { latency: 150 * 3.75, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 },
  fast4g: { latency: 60 * 2.75, downloadThroughput: (9e6 / 8) * 0.9, uploadThroughput: (1.5e6 / 8) * 0.9 },
};
const NETWORK = process.env.NETWORK || "";
if (NETWORK && !NETWORKS[NETWORK]) throw new Error(`NETWORK must be one of ${Object.keys(NETWORKS).join(", ")}`);

const components = COMPONENTS.filter((c) => !ONLY || ONLY.includes(c.id) || c.id === "baseline");
const log = (...a) => console.error(...a);

// ------------------------------------------------------------------------------------------------
// Pages and server

const pages = new Map();
const mounts = { "/analytics.js": path.join(BENCH, "analytics.js") };
const url = {
  article: (c) => `/${c.id}/article.html`,
  scale: (c, n) => `/${c.id}/scale-${n}.html`,
  dynamic: (c) => `/${c.id}/dynamic.html`,
  second: (c) => `/${c.id}/second.html`,
};
for (const c of components) {
  pages.set(url.article(c), page(c));
  pages.set(url.second(c), secondPage(c));
  pages.set(url.dynamic(c), dynamicPage(c, DYN_NODES));
  if (c.gatedInline && !SKIP_SCALE) for (const n of SCALE_NS) pages.set(url.scale(c, n), scalePage(c, n));
  Object.assign(mounts, c.mounts);
}

// ------------------------------------------------------------------------------------------------
// One page in a context, with CPU throttling, network accounting and the in-page probe.

async function openPage(ctx, c, withBanner = true, network = NETWORK) {
  const p = await ctx.newPage();
  const cdp = await ctx.newCDPSession(p);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  await cdp.send("Network.enable");
  if (network) await cdp.send("Network.emulateNetworkConditions", { offline: false, ...NETWORKS[network] });
  await cdp.send("Performance.enable");
  const requests = new Map();
  cdp.on("Network.requestWillBeSent", (e) => {
    if (/^https?:/.test(e.request.url)) requests.set(e.requestId, { url: e.request.url, bytes: 0, done: false });
  });
  // Served from the browser's cache (only the session's second page can be: everything else is
  // no-store): nothing crossed the network, whatever encodedDataLength says.
  const fromCache = (id) => {
    const r = requests.get(id);
    if (r) r.fromCache = true;
  };
  cdp.on("Network.requestServedFromCache", (e) => fromCache(e.requestId));
  cdp.on("Network.responseReceived", (e) => {
    if (e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) fromCache(e.requestId);
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true });
  });
  cdp.on("Network.loadingFailed", (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { done: true, failed: e.errorText });
  });
  const errors = [];
  p.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  p.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  await p.addInitScript(probe, withBanner && c.banner ? { banner: c.banner, accept: c.accept, quiet: SETTLE_QUIET } : null);
  return { page: p, cdp, requests, errors };
}

/**
 * Bytes over the wire (encodedDataLength: headers + compressed body) for this page load; a
 * response from the browser's cache counts 0 (it is listed with `cached: true`).
 */
function bytes(s, c) {
  let own = 0;
  let total = 0;
  const files = [];
  for (const r of s.requests.values()) {
    const p = new URL(r.url).pathname;
    const b = r.fromCache ? 0 : r.bytes;
    total += b;
    if (c.own(p)) {
      own += b;
      files.push({ path: p, bytes: b, failed: r.failed, ...(r.fromCache ? { cached: true, encodedDataLength: r.bytes } : {}) });
    }
  }
  return { own, total, files };
}

async function cdpMetrics(s) {
  await s.cdp.send("HeapProfiler.enable");
  await s.cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await s.cdp.send("Performance.getMetrics");
  const keep = ["TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "JSHeapUsedSize", "JSHeapTotalSize", "Nodes", "LayoutCount", "RecalcStyleCount"];
  return Object.fromEntries(metrics.filter((m) => keep.includes(m.name)).map((m) => [m.name, m.value]));
}

const pageTime = (p) => p.evaluate(() => performance.now());
const loadEnd = (p) => p.evaluate(() => performance.getEntriesByType("navigation")[0]?.loadEventEnd || performance.now());
async function waitUntilPageTime(p, t) {
  const now = await pageTime(p);
  if (t > now) await p.waitForTimeout(t - now);
}
async function waitFor(p, fn, arg, timeout, what) {
  try {
    await p.waitForFunction(fn, arg, { timeout, polling: 100 });
  } catch (e) {
    if (!/Timeout/.test(e.message)) throw e;
    throw new Error(`${what} not within ${timeout / 1000} s`);
  }
}

/** The probe's numbers, TBT and CLS cut at their window ends; stops the probe's frame loop. */
const readProbe = (p, tbtEnd, clsEnd) =>
  p.evaluate(
    ([tbtEnd, clsEnd]) => {
      const B = window.__bench;
      B.stop = true;
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const lt = B.longtasks.filter(([t]) => t < tbtEnd);
      return {
        inDom: B.inDom,
        visible: B.visible,
        clickable: B.clickable,
        settled: B.lastChange,
        fcp: fcp ? fcp.startTime : null,
        tbt: lt.reduce((s, [, d]) => s + Math.max(0, d - 50), 0),
        longtasks: lt.length,
        cls: B.shifts.filter(([t]) => t <= clsEnd).reduce((s, [, v]) => s + v, 0),
        wasmBytes: B.memories.reduce((s, m) => s + m.buffer.byteLength, 0),
        analyticsRanAt: window.__analyticsRanAt ?? null,
        analyticsRuns: window.__analyticsRuns ?? 0,
      };
    },
    [tbtEnd, clsEnd],
  );

// ------------------------------------------------------------------------------------------------
// First visit (banner), accept, returning visit (analytics released from the stored choice).

async function firstVisit(ctx, c) {
  const s = await openPage(ctx, c);
  try {
    await s.page.goto(server.url + url.article(c), { waitUntil: "load", timeout: 60_000 });
    const load = await loadEnd(s.page);
    let tbtEnd = load + TBT_WINDOW;
    let clsEnd = load + CLS_AFTER_SETTLED;
    if (c.banner) {
      await waitFor(s.page, () => window.__bench.clickable !== null, null, 30_000, "banner clickable");
      // Let entry animations finish: no change of the banner's box, opacity or clickability for a while.
      await waitFor(
        s.page,
        () => window.__bench.settled || performance.now() - window.__bench.clickable > 8000,
        null,
        20_000,
        "banner settled",
      );
      const b = await s.page.evaluate(() => ({ clickable: window.__bench.clickable, settled: window.__bench.lastChange }));
      tbtEnd = Math.max(load, b.clickable) + TBT_WINDOW;
      clsEnd = b.settled + CLS_AFTER_SETTLED;
    }
    tbtEnd = Math.max(tbtEnd, FIRST_WINDOW_MIN);
    await waitUntilPageTime(s.page, Math.max(tbtEnd, clsEnd));
    const probed = await readProbe(s.page, tbtEnd, clsEnd);
    const metrics = await cdpMetrics(s);
    const out = { load, ...probed, metrics, bytes: bytes(s, c), errors: s.errors };

    if (c.accept) {
      out.heldBeforeAccept = probed.analyticsRanAt === null;
      await s.page.locator(c.accept).first().click({ timeout: 10_000 });
      await waitFor(s.page, () => window.__analyticsRanAt !== undefined, null, 15_000, "analytics after accept");
      const deadline = Date.now() + 5000;
      let cookie;
      while (!(cookie = (await ctx.cookies()).find((k) => k.name === c.cookie)) && Date.now() < deadline) await s.page.waitForTimeout(100);
      if (!cookie) throw new Error(`no ${c.cookie} cookie after accept`);
      out.cookie = `${cookie.name}=${decodeURIComponent(cookie.value)}`;
    }
    return out;
  } finally {
    await s.page.close();
  }
}

async function returningVisit(ctx, c) {
  const s = await openPage(ctx, c);
  try {
    await s.page.goto(server.url + url.article(c), { waitUntil: "load", timeout: 60_000 });
    await waitFor(s.page, () => window.__analyticsRanAt !== undefined, null, 30_000, "analytics on the returning visit");
    const load = await loadEnd(s.page);
    const ran = await s.page.evaluate(() => window.__analyticsRanAt);
    const tbtEnd = Math.max(load + TBT_WINDOW, ran + TBT_WINDOW, RETURN_WINDOW_MIN);
    await waitUntilPageTime(s.page, tbtEnd);
    const probed = await readProbe(s.page, tbtEnd, tbtEnd);
    const metrics = await cdpMetrics(s);
    return { load, ...probed, bannerShown: probed.visible !== null, metrics, bytes: bytes(s, c), errors: s.errors };
  } finally {
    await s.page.close();
  }
}

async function visitRound(browser, ua, c) {
  const ctx = await newContext(browser, ua);
  try {
    const first = await firstVisit(ctx, c);
    const returning = await returningVisit(ctx, c);
    return { first, returning };
  } finally {
    await ctx.close();
  }
}

// ------------------------------------------------------------------------------------------------
// A first-time visitor's session: page one (no stored choice: the banner; the visitor accepts),
// then a second page of the site in the same tab, with files cacheable (the `session` server).
// Page two's component bytes are what it did not find in the cache.

async function sessionRound(browser, ua, c) {
  const ctx = await newContext(browser, ua);
  const s = await openPage(ctx, c);
  try {
    await s.page.goto(session.url + url.article(c), { waitUntil: "load", timeout: 60_000 });
    if (c.accept) {
      await waitFor(s.page, () => window.__bench.clickable !== null, null, 30_000, "banner clickable (session page one)");
      await s.page.locator(c.accept).first().click({ timeout: 10_000 });
    }
    await waitFor(s.page, () => window.__analyticsRanAt !== undefined, null, 15_000, "analytics after accept (session page one)");
    await s.page.waitForTimeout(SESSION_DWELL);
    const one = bytes(s, c);
    s.requests.clear();
    const logFrom = session.log.length;
    await s.page.goto(session.url + url.second(c), { waitUntil: "load", timeout: 60_000 });
    await waitFor(s.page, () => window.__analyticsRanAt !== undefined, null, 30_000, "analytics on the session's page two");
    const load = await loadEnd(s.page);
    const two = await s.page.evaluate(() => ({
      analyticsRanAt: window.__analyticsRanAt,
      analyticsRuns: window.__analyticsRuns ?? 0,
      bannerShown: window.__bench.visible !== null,
    }));
    await waitUntilPageTime(s.page, Math.max(load, two.analyticsRanAt) + SESSION_DWELL);
    // The server's own count (body bytes, no headers) of what it sent for page two: a cross-check.
    const served = session.log.slice(logFrom).filter((e) => c.own(e.path));
    return {
      pageOne: one,
      pageTwo: { load, ...two, bytes: bytes(s, c), serverBodyBytes: served.reduce((n, e) => n + e.bytes, 0), served: served.map((e) => e.path) },
      errors: s.errors,
    };
  } finally {
    await s.page.close();
    await ctx.close();
  }
}

// A first visit on DevTools' Slow 4G (with the same 4x CPU): when is the banner clickable?
async function slowFirstVisit(browser, ua, c) {
  const ctx = await newContext(browser, ua);
  const s = await openPage(ctx, c, true, "slow4g");
  try {
    await s.page.goto(server.url + url.article(c), { waitUntil: "load", timeout: 120_000 });
    const load = await loadEnd(s.page);
    if (c.banner) await waitFor(s.page, () => window.__bench.clickable !== null, null, 60_000, "banner clickable on slow 4G");
    const r = await s.page.evaluate(() => ({ visible: window.__bench.visible, clickable: window.__bench.clickable }));
    return { load, ...r, fcp: await s.page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null), bytes: bytes(s, c) };
  } finally {
    await s.page.close();
    await ctx.close();
  }
}

// ------------------------------------------------------------------------------------------------
// Lighthouse (its default config: mobile, simulated throttling) on the article page of a first
// visit, in its own instance of the same Chromium, one instance per run.

async function loadLighthouse() {
  try {
    const { default: lighthouse } = await import("lighthouse");
    const { launch } = await import("chrome-launcher");
    const { version } = JSON.parse(readFileSync(path.join(BENCH, "node_modules/lighthouse/package.json"), "utf8"));
    return { lighthouse, launch, version };
  } catch (e) {
    return { missing: `lighthouse not installed (npm ci --prefix bench): ${e.message.split("\n")[0]}` };
  }
}

async function lighthouseRun(lh, c) {
  const chrome = await lh.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", ...LAUNCH_ARGS] });
  try {
    const r = await lh.lighthouse(server.url + url.article(c), { port: chrome.port, onlyCategories: ["performance"], logLevel: "error", output: "json" });
    const { lhr } = r;
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const a = (id) => lhr.audits[id]?.numericValue ?? null;
    return {
      score: lhr.categories.performance.score === null ? null : lhr.categories.performance.score * 100,
      tbt: a("total-blocking-time"),
      fcp: a("first-contentful-paint"),
      lcp: a("largest-contentful-paint"),
      cls: a("cumulative-layout-shift"),
      speedIndex: a("speed-index"),
      formFactor: lhr.configSettings.formFactor,
      throttling: lhr.configSettings.throttlingMethod,
      warnings: lhr.runWarnings,
    };
  } finally {
    await chrome.kill();
  }
}

// ------------------------------------------------------------------------------------------------
// Scaling: N gated scripts for a returning visitor; 10,000 nodes added after load.

async function acceptOnce(ctx, c) {
  const s = await openPage(ctx, c);
  try {
    await s.page.goto(server.url + url.article(c), { waitUntil: "load", timeout: 60_000 });
    await waitFor(s.page, () => window.__bench.clickable !== null, null, 30_000, "banner clickable");
    await s.page.locator(c.accept).first().click({ timeout: 10_000 });
    await waitFor(s.page, () => window.__analyticsRanAt !== undefined, null, 15_000, "analytics after accept");
  } finally {
    await s.page.close();
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `read()` (in the page) until it returns { done: true }, or its `count` stops growing for
 * `stall` ms (a component that threw part-way never finishes), or `timeout`.
 */
async function pollProgress(p, read, arg, { stall, timeout }) {
  const start = Date.now();
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    // evaluate fails while the page is still navigating: then just try again
    const r = await p.evaluate(read, arg).catch(() => null);
    if (r?.done) return r;
    if (r && r.count !== last) {
      last = r.count;
      lastChange = Date.now();
    }
    if (Date.now() - lastChange > stall) return { ...r, stalled: true };
    if (Date.now() - start > timeout) return { ...r, timedOut: true };
    await sleep(200);
  }
}

async function gatedPage(ctx, c, n) {
  const s = await openPage(ctx, c, false);
  try {
    await s.page.goto(server.url + url.scale(c, n), { waitUntil: "commit", timeout: 60_000 });
    const r = await pollProgress(
      s.page,
      () => ({ done: window.__allRanAt !== undefined, allRan: window.__allRanAt, count: window.__gated || 0 }),
      null,
      { stall: 5000, timeout: SCALE_TIMEOUT },
    );
    if (!r.done) {
      const why = r.timedOut ? `not done in ${SCALE_TIMEOUT / 1000} s` : "then stopped";
      const err = s.errors.find((e) => e.startsWith("page error")) ?? s.errors[0];
      throw new Error(`${(r.count ?? 0).toLocaleString("en-GB")} of ${n.toLocaleString("en-GB")} ran, ${why}${err ? ` (${err})` : ""}`);
    }
    return { allRan: r.allRan, count: r.count };
  } finally {
    await s.page.close();
  }
}

async function dynamicRun(ctx, c, gatedEvery) {
  const s = await openPage(ctx, c, false);
  try {
    await s.page.goto(server.url + url.dynamic(c), { waitUntil: "load", timeout: 60_000 });
    // Start once the component has started (it released analytics.js), plus a quiet moment.
    await waitFor(s.page, () => window.__analyticsRanAt !== undefined, null, 30_000, "analytics before adding nodes");
    await s.page.waitForTimeout(500);
    const before = (await s.cdp.send("Performance.getMetrics")).metrics;
    const time = await s.page.evaluate((g) => window.__startDyn(g), gatedEvery);
    const expected = gatedEvery ? Math.ceil(DYN_NODES / gatedEvery) : 0;
    let r = await s.page.evaluate(() => ({ count: window.__dynRan, last: window.__dynLastRan, t0: window.__dynT0 }));
    if (expected && r.count < expected) {
      // Gated scripts may be released after the last batch: wait while their count still grows.
      r = await pollProgress(
        s.page,
        (n) => ({ done: window.__dynRan >= n, count: window.__dynRan, last: window.__dynLastRan, t0: window.__dynT0 }),
        expected,
        { stall: 1000, timeout: 10_000 },
      );
    }
    const after = (await s.cdp.send("Performance.getMetrics")).metrics;
    const delta = (name) => (after.find((m) => m.name === name).value - before.find((m) => m.name === name).value) * 1000;
    return {
      time,
      busy: delta("TaskDuration"),
      script: delta("ScriptDuration"),
      ran: r.count,
      expected,
      allRanAfter: expected && r.count >= expected ? r.last - r.t0 : null,
    };
  } finally {
    await s.page.close();
  }
}

async function scaleRound(browser, ua, c, skip) {
  const ctx = await newContext(browser, ua);
  const out = { gated: {}, dynamic: {} };
  try {
    if (c.accept) await acceptOnce(ctx, c);
    for (const n of SCALE_NS) {
      if (!c.gatedInline || skip.has(n)) continue;
      try {
        out.gated[n] = await gatedPage(ctx, c, n);
      } catch (e) {
        out.gated[n] = { error: e.message };
        // A component that can't do n in time won't do more: skip the larger n from now on.
        for (const m of SCALE_NS) if (m >= n) skip.add(m);
      }
    }
    for (const [variant, every] of [["divs", 0], ["gated", DYN_GATED_EVERY]]) {
      if (every && !c.makeGated) continue;
      try {
        out.dynamic[variant] = await dynamicRun(ctx, c, every);
      } catch (e) {
        out.dynamic[variant] = { error: e.message };
      }
    }
    return out;
  } finally {
    await ctx.close();
  }
}

// ------------------------------------------------------------------------------------------------
// Run

const server = await startBenchServer({ pages, mounts });
log(`bench: compressing pages and assets (brotli 11)…`);
await server.warm();
// The same pages and files (the same compressed bodies), files cacheable: the session rows.
const session = await startBenchServer({ pages, mounts, fileCache: SESSION_FILE_CACHE, store: server.store });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
const chromiumVersion = browser.version();
const UA = mobileUserAgent(browser);

const results = {};
for (const c of components) results[c.id] = { visits: [], scale: [], lighthouse: [], errors: [], unavailable: missingFiles(c) };
const started = Date.now();
let lh = null;
const loadStart = os.loadavg()[0];
if (loadStart > 1) log(`bench: note: load average ${loadStart.toFixed(2)} before starting; other work on this machine skews the times`);

try {
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order each round so no component always runs first (or last).
    const order = components.map((_, i) => components[(i + r) % components.length]);
    for (const c of order) {
      const res = results[c.id];
      if (res.unavailable) continue;
      // A component that failed its first two rounds won't do better: stop spending time on it.
      if (!res.visits.length && res.errors.length >= 2) {
        res.unavailable = `gave up after ${res.errors.length} failed rounds: ${res.errors[0]}`;
        continue;
      }
      try {
        const v = await visitRound(browser, UA, c);
        res.visits.push(v);
        // The session and slow-4G visits are extra contexts of the same round; a failure there
        // leaves the round's other rows in.
        try {
          v.session = await sessionRound(browser, UA, c);
        } catch (e) {
          res.errors.push(`round ${r + 1} session: ${e.message.split("\n")[0]}`);
        }
        if (!SKIP_SLOW4G) {
          try {
            v.slow4g = await slowFirstVisit(browser, UA, c);
          } catch (e) {
            res.errors.push(`round ${r + 1} slow 4G: ${e.message.split("\n")[0]}`);
          }
        }
        const f = v.first;
        log(
          `round ${r + 1}/${ROUNDS} ${c.id.padEnd(8)} banner ${fmt(f.visible)} ms, clickable ${fmt(f.clickable)} ms, ` +
            `own ${fmt(f.bytes.own / 1024, 1)} KB, TBT ${fmt(f.tbt)} ms, CLS ${fmt(f.cls, 3)}; returning: analytics ${fmt(v.returning.analyticsRanAt)} ms; ` +
            `page two new ${v.session ? fmt(v.session.pageTwo.bytes.own / 1024, 1) : "ERR"} KB; slow 4G clickable ${SKIP_SLOW4G ? "skipped" : v.slow4g ? `${fmt(v.slow4g.clickable)} ms` : "ERR"}`,
        );
      } catch (e) {
        res.errors.push(`round ${r + 1}: ${e.message.split("\n")[0]}`);
        log(`round ${r + 1}/${ROUNDS} ${c.id}: ERROR ${e.message.split("\n")[0]}`);
      }
    }
  }
  if (!SKIP_LIGHTHOUSE) {
    lh = await loadLighthouse();
    if (lh.missing) log(`bench: ${lh.missing}`);
    else
      for (let r = 0; r < LIGHTHOUSE_RUNS; r++) {
        const order = components.map((_, i) => components[(i + r) % components.length]);
        for (const c of order) {
          const res = results[c.id];
          if (res.unavailable || !res.visits.length) continue;
          try {
            const x = await lighthouseRun(lh, c);
            res.lighthouse.push(x);
            log(`lighthouse ${r + 1}/${LIGHTHOUSE_RUNS} ${c.id.padEnd(8)} performance ${fmt(x.score)}, TBT ${fmt(x.tbt)} ms, LCP ${fmt(x.lcp)} ms, CLS ${fmt(x.cls, 3)}`);
          } catch (e) {
            res.errors.push(`lighthouse run ${r + 1}: ${e.message.split("\n")[0]}`);
            log(`lighthouse ${r + 1}/${LIGHTHOUSE_RUNS} ${c.id}: ERROR ${e.message.split("\n")[0]}`);
          }
        }
      }
  }
  if (!SKIP_SCALE) {
    const skip = Object.fromEntries(components.map((c) => [c.id, new Set()]));
    for (let r = 0; r < SCALE_ROUNDS; r++) {
      const order = components.map((_, i) => components[(i + r) % components.length]);
      for (const c of order) {
        const res = results[c.id];
        if (res.unavailable || !res.visits.length) continue;
        try {
          const s = await scaleRound(browser, UA, c, skip[c.id]);
          res.scale.push(s);
          const g = SCALE_NS.map((n) => `${n}: ${s.gated[n]?.error ? "ERR" : fmt(s.gated[n]?.allRan)}`).join(", ");
          log(
            `scale ${r + 1}/${SCALE_ROUNDS} ${c.id.padEnd(8)} gated ${c.gatedInline ? g : "n/a"}; ` +
              `add divs ${fmt(s.dynamic.divs?.time)} ms, with gated ${fmt(s.dynamic.gated?.time)} ms (ran ${s.dynamic.gated?.ran ?? "n/a"})`,
          );
        } catch (e) {
          res.errors.push(`scale round ${r + 1}: ${e.message.split("\n")[0]}`);
          log(`scale ${r + 1}/${SCALE_ROUNDS} ${c.id}: ERROR ${e.message.split("\n")[0]}`);
        }
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
  await session.close();
}

// ------------------------------------------------------------------------------------------------
// Report

function fmt(v, digits = 0) {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  return v.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const KB = (b) => b / 1024;
const MB = (b) => b / 1048576;
const visits = (id) => results[id].visits;
const scales = (id) => results[id].scale;
const scaleError = (id, pick) => scales(id).map(pick).find((x) => x?.error)?.error;
const roundError = (id, what) => results[id].errors.find((e) => e.includes(what));
const sessionError = (id) => roundError(id, " session:");
const lighthouseError = (id) => lh?.missing ?? roundError(id, "lighthouse run");

// Each row: how to get one round's value from a component's results. `ratio: false` = no ours/peer column.
const ROWS = [
  { section: "First visit (banner shown)" },
  { label: "Component bytes transferred, brotli", unit: "KB", digits: 1, v: (x) => KB(x.first.bytes.own) },
  { label: "Total bytes transferred (every request)", unit: "KB", digits: 1, v: (x) => KB(x.first.bytes.total) },
  { label: "First contentful paint (the page's)", unit: "ms", v: (x) => x.first.fcp },
  { label: "Banner visible", unit: "ms", v: (x) => x.first.visible },
  { label: "Banner clickable (accept button hit-testable)", unit: "ms", v: (x) => x.first.clickable },
  { label: "Banner settled (entry animation over)", unit: "ms", v: (x) => x.first.settled },
  { label: "Total Blocking Time (long tasks to banner/load + 2 s, ≥ 4 s)", unit: "ms", v: (x) => x.first.tbt },
  { label: "Main-thread task time (CDP TaskDuration)", unit: "ms", v: (x) => x.first.metrics.TaskDuration * 1000 },
  { label: "Script time (CDP ScriptDuration)", unit: "ms", v: (x) => x.first.metrics.ScriptDuration * 1000 },
  { label: "Cumulative Layout Shift (to banner settled + 1 s)", unit: "", digits: 3, v: (x) => x.first.cls },
  { label: "JS heap used, after GC", unit: "MB", digits: 2, v: (x) => MB(x.first.metrics.JSHeapUsedSize) },
  { label: "Wasm memory", unit: "MB", digits: 2, v: (x) => MB(x.first.wasmBytes) },
  { label: "JS heap + Wasm memory", unit: "MB", digits: 2, v: (x) => MB(x.first.metrics.JSHeapUsedSize + x.first.wasmBytes) },
  { section: "Returning visit (analytics accepted before)" },
  { label: "Component bytes transferred, brotli", unit: "KB", digits: 1, v: (x) => KB(x.returning.bytes.own) },
  { label: "Total bytes transferred (every request)", unit: "KB", digits: 1, v: (x) => KB(x.returning.bytes.total) },
  { label: "First contentful paint (the page's)", unit: "ms", v: (x) => x.returning.fcp },
  { label: "Gated analytics script ran", unit: "ms", v: (x) => x.returning.analyticsRanAt },
  { label: "Total Blocking Time (to analytics/load + 2 s, ≥ 3 s)", unit: "ms", v: (x) => x.returning.tbt },
  { label: "Main-thread task time (CDP TaskDuration)", unit: "ms", v: (x) => x.returning.metrics.TaskDuration * 1000 },
  { label: "JS heap + Wasm memory", unit: "MB", digits: 2, v: (x) => MB(x.returning.metrics.JSHeapUsedSize + x.returning.wasmBytes) },
  { section: "Second page of a first-time visitor (accepted on page one; files cacheable)" },
  { label: "New component bytes on page two (warm cache), brotli", unit: "KB", digits: 1, v: (x) => KB(x.session.pageTwo.bytes.own), err: sessionError },
  { label: "Component bytes of both pages, brotli", unit: "KB", digits: 1, v: (x) => KB(x.session.pageOne.own + x.session.pageTwo.bytes.own), err: sessionError },
  { label: "Page two: gated analytics script ran", unit: "ms", v: (x) => x.session.pageTwo.analyticsRanAt, err: sessionError },
  { section: "Slow 4G, first visit (DevTools preset, 4x CPU)", group: "slow4g" },
  { label: "Banner clickable (accept button hit-testable)", unit: "ms", group: "slow4g", v: (x) => x.slow4g.clickable, err: (id) => roundError(id, " slow 4G:") },
  { section: `Lighthouse ${lh?.version ?? ""} (mobile, simulated throttling; ${LIGHTHOUSE_RUNS} runs)`, group: "lighthouse" },
  { label: "Performance score (higher is better)", unit: "", group: "lighthouse", lh: true, ratio: false, v: (x) => x.score, err: lighthouseError },
  { label: "Total Blocking Time (Lighthouse)", unit: "ms", group: "lighthouse", lh: true, v: (x) => x.tbt, err: lighthouseError },
  { label: "Largest Contentful Paint (Lighthouse)", unit: "ms", group: "lighthouse", lh: true, v: (x) => x.lcp, err: lighthouseError },
  { section: `Scaling, returning visitor (${SCALE_ROUNDS} rounds)` },
  ...SCALE_NS.map((n) => ({
    label: `${n.toLocaleString("en-GB")} gated inline scripts: all ran`,
    unit: "ms",
    scale: true,
    v: (s) => s.gated[n]?.allRan,
    err: (id) => scaleError(id, (s) => s.gated[n]),
    na: (c) => !c.gatedInline && "no script gating",
  })),
  ...[
    ["divs", `Add ${DYN_NODES.toLocaleString("en-GB")} divs after load (100 per setTimeout)`],
    ["gated", `Add ${DYN_NODES.toLocaleString("en-GB")} nodes incl. ${(DYN_NODES / DYN_GATED_EVERY).toLocaleString("en-GB")} gated scripts`],
  ].flatMap(([variant, label]) => {
    const na = variant === "gated" ? (c) => !c.makeGated && "no script gating" : undefined;
    const err = (id) => scaleError(id, (s) => s.dynamic[variant]);
    return [
      { label: `${label}: wall time`, unit: "ms", scale: true, v: (s) => s.dynamic[variant]?.time, err, na },
      { label: "  wall time × baseline", unit: "×", digits: 2, scale: true, overhead: [variant, "time"], ratio: false, na },
      // Style and layout of the added nodes dominate the wall time and are the same for all; script
      // time (the page's batches, the component's observer, released scripts) shows the overhead.
      { label: "  script time (CDP ScriptDuration)", unit: "ms", scale: true, v: (s) => s.dynamic[variant]?.script, err, na },
      { label: "  script time × baseline (observer overhead)", unit: "×", digits: 2, scale: true, overhead: [variant, "script"], ratio: false, na },
      ...(variant === "gated"
        ? [{ label: `  added gated scripts that ran (of ${(DYN_NODES / DYN_GATED_EVERY).toLocaleString("en-GB")})`, unit: "", scale: true, ratio: false, v: (s) => s.dynamic.gated?.ran, na }]
        : []),
    ];
  }),
];

// Medians per row and component: { value, n, note }.
const table = [];
const skipGroup = { scale: SKIP_SCALE, slow4g: SKIP_SLOW4G, lighthouse: SKIP_LIGHTHOUSE };
for (const row of ROWS.filter((r) => !skipGroup[r.group ?? (r.scale || r.section?.startsWith("Scaling") ? "scale" : "")])) {
  if (row.section) {
    table.push({ section: row.section });
    continue;
  }
  const cells = {};
  for (const c of components) {
    const res = results[c.id];
    const na = row.na?.(c);
    const runs = row.scale ? res.scale : row.lh ? res.lighthouse : res.visits;
    if (res.unavailable) cells[c.id] = { value: null, note: `error: ${res.unavailable}` };
    else if (na) cells[c.id] = { value: null, note: `n/a (${na})` };
    else if (row.overhead) {
      const [variant, key] = row.overhead;
      const mine = median(runs.map((s) => s.dynamic[variant]?.[key]));
      const base = median(results.baseline.scale.map((s) => s.dynamic[variant]?.[key]));
      cells[c.id] = { value: mine !== null && base ? mine / base : null, n: runs.length };
    } else {
      const vals = runs.map((x) => {
        try {
          return row.v(x);
        } catch {
          return null;
        }
      });
      const value = median(vals);
      const err = row.err?.(c.id) ?? (runs.length === 0 && !row.lh && res.errors[0]);
      cells[c.id] = { value, n: vals.filter((x) => typeof x === "number").length, note: value === null && err ? `error: ${err}` : undefined };
    }
  }
  const ratios = {};
  if (row.ratio !== false && cells.ours) {
    for (const c of components) {
      if (c.id === "ours" || c.id === "baseline") continue;
      const a = cells.ours.value;
      const b = cells[c.id].value;
      ratios[c.id] = a !== null && b !== null && b > 0 ? a / b : null;
    }
  }
  table.push({ label: row.label, unit: row.unit, digits: row.digits ?? 0, cells, ratios });
}

// Checks that the numbers mean what they say (printed and stored with the results).
const sanity = {};
const short = (t, n) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);
for (const c of components) {
  const v = visits(c.id);
  const first = v.map((x) => x.first);
  const ret = v.map((x) => x.returning);
  const count = (xs, f) => `${xs.filter(f).length}/${xs.length}`;
  const files = new Map();
  for (const x of v) for (const f of [...x.first.bytes.files]) (files.get(f.path) ?? files.set(f.path, []).get(f.path)).push(f.bytes);
  const sessions = v.map((x) => x.session).filter(Boolean);
  const two = sessions.map((x) => x.pageTwo);
  const twoFiles = new Map();
  for (const t of two) for (const f of t.bytes.files) (twoFiles.get(f.path) ?? twoFiles.set(f.path, []).get(f.path)).push(f);
  sanity[c.id] = {
    rounds: `${v.length}/${ROUNDS}`,
    sessions: `${sessions.length}/${v.length}`,
    secondPageBannerHidden: c.banner ? count(two, (t) => !t.bannerShown) : "n/a",
    secondPageAnalyticsOnce: count(two, (t) => t.analyticsRuns === 1),
    // page two's own files: downloaded (median KB) or from the cache; and what the server says it sent
    secondPageFiles: [...twoFiles].map(([p, fs]) => {
      const fetched = fs.filter((f) => !f.cached);
      return `${p} (${fetched.length ? `${fmt(KB(median(fetched.map((f) => f.bytes))), 1)} KB` : "cached"}${fetched.length && fetched.length < fs.length ? `, cached ${fs.length - fetched.length}/${fs.length}` : ""})`;
    }),
    secondPageServerBodyKB: fmt(KB(median(two.map((t) => t.serverBodyBytes)) ?? 0), 1),
    slow4g: SKIP_SLOW4G ? "skipped" : `${v.filter((x) => x.slow4g).length}/${v.length}`,
    lighthouseRuns: SKIP_LIGHTHOUSE ? "skipped" : `${results[c.id].lighthouse.length}/${LIGHTHOUSE_RUNS}`,
    lighthouseWarnings: [...new Set(results[c.id].lighthouse.flatMap((x) => x.warnings ?? []))].slice(0, 3),
    bannerDetected: c.banner ? count(first, (f) => f.clickable !== null) : "n/a",
    analyticsHeldUntilAccept: c.banner ? count(first, (f) => f.heldBeforeAccept) : "n/a (not gated)",
    cookieAfterAccept: c.banner ? short(first.find((f) => f.cookie)?.cookie ?? "none", 90) : "n/a",
    cookieSet: c.banner ? count(first, (f) => f.cookie) : "n/a",
    analyticsRanOnReturn: count(ret, (r) => r.analyticsRanAt !== null),
    analyticsRanOnceOnReturn: count(ret, (r) => r.analyticsRuns === 1),
    bannerHiddenOnReturn: c.banner ? count(ret, (r) => !r.bannerShown) : "n/a",
    filesLoaded: [...files].map(([p, b]) => `${p} (${fmt(KB(median(b)), 1)} KB)`),
    pageErrors: [...new Set(v.flatMap((x) => [...x.first.errors, ...x.returning.errors, ...(x.session?.errors ?? [])]))].slice(0, 5),
    errors: results[c.id].unavailable ? [results[c.id].unavailable] : results[c.id].errors,
  };
}

const cpus = os.cpus();
const meta = {
  date: new Date().toISOString(),
  machine: `${cpus.length} × ${cpus[0]?.model ?? "?"}, ${fmt(os.totalmem() / 2 ** 30, 1)} GB RAM, ${os.type()} ${os.release()}`,
  chromium: chromiumVersion,
  node: process.version,
  rounds: ROUNDS,
  scaleRounds: SKIP_SCALE ? 0 : SCALE_ROUNDS,
  cpuThrottle: `${THROTTLE}x (CDP Emulation.setCPUThrottlingRate)`,
  viewport: `${VIEWPORT.width}x${VIEWPORT.height}, deviceScaleFactor 3, isMobile, hasTouch`,
  network: `${NETWORK ? `emulated DevTools ${NETWORK} (${NETWORKS[NETWORK].latency} ms, ${fmt((NETWORKS[NETWORK].downloadThroughput * 8) / 1e6, 2)} Mbit/s down)` : "local, not throttled"}; text assets brotli 11; Cache-Control: no-store`,
  durationSeconds: Math.round((Date.now() - started) / 1000),
  // 1-minute load average before and after: other work on the machine skews times.
  loadAverage: { start: Number(loadStart.toFixed(2)), end: Number(os.loadavg()[0].toFixed(2)) },
  components: Object.fromEntries(components.map((c) => [c.id, { name: c.name, version: c.version, gating: c.gating }])),
  session: `page one: first visit, accept, ${SESSION_DWELL} ms; page two: another article in the same tab, watched to its load/analytics + ${SESSION_DWELL} ms; files served with Cache-Control: ${SESSION_FILE_CACHE}, pages no-store`,
  slow4g: SKIP_SLOW4G ? "skipped" : `DevTools Slow 4G (${NETWORKS.slow4g.latency} ms, ${fmt((NETWORKS.slow4g.downloadThroughput * 8) / 1e6, 2)} Mbit/s down) + ${THROTTLE}x CPU, one first visit per round`,
  lighthouse: SKIP_LIGHTHOUSE ? "skipped" : lh?.missing ?? `lighthouse ${lh?.version}, default config (mobile, simulated throttling), performance only, ${LIGHTHOUSE_RUNS} runs per component, each in a fresh Chromium (${CHROMIUM})`,
  dist: path.relative(path.resolve(BENCH, ".."), DIST) || DIST,
};

const peers = components.filter((c) => c.id !== "ours" && c.id !== "baseline");
const NOTES = [
  "Medians over the rounds; each round is a fresh browser context. Lower is better in every row but Lighthouse's performance score, and in every ratio column (ours / peer: below 1 means ours is smaller or faster).",
  `Second page: a first-time visitor's page one (the banner; they accept; ${SESSION_DWELL / 1000} s more on the page), then another article of the site in the same tab, with the component's files cacheable (Cache-Control: ${SESSION_FILE_CACHE}; everything else in this table is no-store). "New component bytes" counts only what page two did not find in the browser's cache.`,
  ...(SKIP_SLOW4G ? [] : ["Slow 4G: a separate first visit per round under DevTools' Slow 4G preset (562.5 ms latency, 1.44 Mbit/s) and the same 4x CPU; the rest of the table is on the local, unthrottled network."]),
  ...(SKIP_LIGHTHOUSE ? [] : ["Lighthouse: its default (mobile) config, performance category only, on the first visit of the article page; its times are simulated (Lantern: slow 4G, 4x CPU) from a trace taken on this machine."]),
  "Times are ms from navigation start (performance.now() in the page), under 4x CPU throttling.",
  "Osano's cookieconsent has no script blocking: it runs as type \"opt-in\" and the page loads analytics.js itself from its documented onInitialise/onStatusChange callbacks (a few lines of inline page code); its scaling rows with gated scripts are n/a.",
  "vanilla-cookieconsent runs with hideFromBots: false (its default hides the banner when navigator.webdriver is set, as under Playwright).",
  process.env.OURS_NO_DEFER === "1"
    ? "Ours: its script in <head> without defer (OURS_NO_DEFER=1), as its README recommends for the toolbar's saved look; the peers' scripts are deferred."
    : "Ours: its script in <head> with defer, as the peers' (OURS_NO_DEFER=1: without, as the README recommends for the toolbar's saved look).",
  "Baseline: the same page without any consent component, analytics.js as a plain deferred script.",
  "CLS counts every layout shift up to the banner settled + 1 s, with or without hadRecentInput: the mobile viewport's meta-viewport resize counts as input in Chromium and would hide shifts in the 500 ms after it (no real input happens before CLS is read).",
  "Peers do not watch elements added after they start: gated scripts added later do not run with them (see the \"ran\" row).",
];

// Error messages are long: the cell shows "error [n]" and the message is listed under the table.
const footnotes = [];
function cellText(cell, digits) {
  if (!cell) return "";
  if (cell.value === null && cell.note?.startsWith("error: ")) {
    const msg = cell.note.slice("error: ".length);
    if (!footnotes.includes(msg)) footnotes.push(msg);
    return `error [${footnotes.indexOf(msg) + 1}]`;
  }
  if (cell.value === null) return cell.note ?? "—";
  return fmt(cell.value, digits);
}
const footnoteLines = () => footnotes.map((f, i) => `[${i + 1}] ${f}`);
const ratioText = (r) => (r === null || r === undefined ? "—" : `${fmt(r, 2)}`);
const head = ["Metric", ...components.map((c) => (c.version ? `${c.name} ${c.version}` : c.name)), ...peers.map((p) => `ours / ${p.id}`)];
const bodyRows = table.map((t) =>
  t.section
    ? { section: t.section }
    : {
        cols: [
          `${t.label}${t.unit && t.unit !== "×" ? ` (${t.unit})` : ""}`,
          ...components.map((c) => cellText(t.cells[c.id], t.digits) + (t.unit === "×" && t.cells[c.id]?.value !== null ? "×" : "")),
          ...peers.map((p) => (Object.keys(t.ratios).length ? ratioText(t.ratios[p.id]) : "")),
        ],
      },
);

// Markdown (for the README)
const knobs = ["ROUNDS", "SCALE_ROUNDS", "ONLY", "SKIP_SCALE", "NETWORK", "SKIP_SLOW4G", "LIGHTHOUSE_RUNS", "SKIP_LIGHTHOUSE"].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`);
const reproduce = knobs.length ? `\`make build && ${knobs.join(" ")} node bench/run.mjs\`` : "`make bench`";
const md = [];
md.push(`### Benchmark: consent-banner and peers`, "");
md.push(
  `${meta.date.slice(0, 10)}; ${meta.machine}; Chromium ${meta.chromium}; CPU throttled ${THROTTLE}x; ` +
    `${meta.viewport}; ${ROUNDS} rounds (scaling rows: ${meta.scaleRounds}); ${meta.network}. Reproduce with ${reproduce} (see bench/README.md).`,
  "",
);
md.push(`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i ? "---:" : "---")).join("|")}|`);
for (const r of bodyRows) {
  if (r.section) md.push(`| **${r.section}** |${" |".repeat(head.length - 1)}`);
  else md.push(`| ${r.cols.map((x) => x.replace(/\|/g, "\\|")).join(" | ")} |`);
}
if (footnotes.length) md.push("", ...footnoteLines().map((f) => `${f.replace(/\|/g, "\\|")}  `));
md.push("", ...NOTES.map((n) => `- ${n}`), "");
const checkText = (c) => {
  const s = sanity[c.id];
  return (
    `rounds ${s.rounds}; banner detected ${s.bannerDetected}; analytics held until accept ${s.analyticsHeldUntilAccept}; ` +
    `cookie set ${s.cookieSet} (${s.cookieAfterAccept}); analytics ran on return ${s.analyticsRanOnReturn} (exactly once ${s.analyticsRanOnceOnReturn}); ` +
    `banner hidden on return ${s.bannerHiddenOnReturn}; its files (bytes with headers): ${s.filesLoaded.join(", ") || "none"}; ` +
    `session ${s.sessions}: page two banner hidden ${s.secondPageBannerHidden}, analytics exactly once ${s.secondPageAnalyticsOnce}, ` +
    `its files ${s.secondPageFiles.join(", ") || "none"} (server: ${s.secondPageServerBodyKB} KB of bodies sent); ` +
    `slow 4G visits ${s.slow4g}; Lighthouse runs ${s.lighthouseRuns}` +
    (s.lighthouseWarnings.length ? ` (warnings: ${s.lighthouseWarnings.join("; ")})` : "") +
    (s.pageErrors.length ? `; page errors: ${s.pageErrors.join("; ")}` : "") +
    (s.errors.length ? `; errors: ${s.errors.join("; ")}` : "")
  );
};
md.push("Checks (from the same run):", "");
for (const c of components) md.push(`- **${c.name}**: ${checkText(c)}`);
md.push("");
const outName = NETWORK ? `results-${NETWORK}` : "results";
writeFileSync(path.join(BENCH, `${outName}.md`), md.join("\n"));
writeFileSync(path.join(BENCH, `${outName}.json`), JSON.stringify({ meta, notes: NOTES, table, sanity, raw: results }, null, 2) + "\n");

// Plain text table (stdout)
const widths = head.map((h, i) => Math.max(h.length, ...bodyRows.filter((r) => r.cols).map((r) => r.cols[i].length)));
const line = (cols) => cols.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
const out = [];
out.push(`consent-banner benchmark — ${meta.machine}`);
out.push(`Chromium ${meta.chromium}, CPU ${THROTTLE}x throttled, ${meta.viewport}, ${ROUNDS} rounds (scaling ${meta.scaleRounds}), ${meta.durationSeconds} s`);
out.push(`Load average ${meta.loadAverage.start} before, ${meta.loadAverage.end} after (on ${cpus.length} cores).`);
out.push("Medians. Lower is better in every row but Lighthouse's score, and in every ratio (ours / peer < 1: ours is smaller/faster).", "");
out.push(line(head), line(widths.map((w) => "-".repeat(w))));
for (const r of bodyRows) out.push(r.section ? `\n${r.section}` : line(r.cols));
if (footnotes.length) out.push("", ...footnoteLines());
out.push("", ...NOTES.map((n) => `* ${n}`), "", "Checks:");
for (const c of components) out.push(`  ${c.name}: ${checkText(c)}`);
out.push("", `Wrote bench/${outName}.json and bench/${outName}.md`);
console.log(out.join("\n"));

// The two stages (README, "Two stages"): what each visit loads, and the handover from the first
// stage to the full one keeping the page's state (listeners, scripts that ran, the choice).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { COOKIE, DIST, FIXTURES, TEST_TIMEOUT, createHarness, choiceOf, recordAssets } from "./helpers.mjs";
import { startServer } from "../../scripts/serve.mjs";
import { VISITS } from "../../scripts/size.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(async () => {
  await h?.close();
});

const DIGEST_KEY = "consent-banner:config";

const ran = (s) => s.page.evaluate(() => window.__ran ?? []);
const sorted = (list) => [...list].sort();

async function acceptOnFirstVisit(path = "/plain.html") {
  const s = await h.openPage(path);
  await s.page.getByRole("button", { name: "Accept analytics cookies" }).click();
  await s.waitConsentCookie(/analytics:1/);
  return s;
}

test("a first visit loads the full stage only; a returning visitor's plain page loads the first stage only", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/plain.html", { waitReady: false });
  const first = recordAssets(s.page);
  await s.page.reload({ waitUntil: "load" });
  await s.ready();
  await s.banner().waitFor({ state: "visible" });
  assert.deepEqual(sorted(new Set(first)), sorted(VISITS["first visit"]), "files a first visit loads (scripts/size.mjs counts these)");
  await s.page.getByRole("button", { name: "Accept analytics cookies" }).click();
  await s.waitConsentCookie(/analytics:1/);
  assert.ok(await s.page.evaluate((k) => localStorage.getItem(k)?.includes("\ncb3\n"), DIGEST_KEY), "the full stage stored the config's digest");

  const returning = recordAssets(s.page);
  first.length = 0;
  await s.reload();
  await s.settle();
  assert.deepEqual(sorted(new Set(returning)), sorted(VISITS["returning visitor"]), "files a returning visitor loads");
  assert.deepEqual(await ran(s), ["stats-1", "stats-2"], "the first stage ran the gated scripts, once, in order");
  assert.equal(await s.banner().count(), 0);
  assert.deepEqual(await s.page.evaluate(() => [window.__cbReadyCount, window.consentBanner.get()]), [
    1,
    choiceOf({ analytics: true, embeds: false }),
  ]);
  assert.deepEqual(s.consoleErrors, []);
  await s.done();
});

test("a first-time visitor's second page downloads nothing new: the first stage's Wasm is fetched in idle time once they answer", { timeout: TEST_TIMEOUT }, async () => {
  // A server whose files the browser may cache (the harness's pages route every request, which
  // turns Chromium's HTTP cache off, so this test opens its own context). What the server is
  // asked for is what the visitor downloads.
  const cached = await startServer({ root: FIXTURES, assets: DIST, headers: { "Cache-Control": "max-age=3600" } });
  const served = [];
  cached.server.on("request", (req) => {
    const { pathname } = new URL(req.url, "http://localhost");
    if (pathname.startsWith("/assets/")) served.push(pathname.slice("/assets/".length));
  });
  const context = await h.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(cached.url + "/plain.html");
    const accept = page.getByRole("button", { name: "Accept analytics cookies" });
    await accept.waitFor({ state: "visible" });
    await page.waitForTimeout(1_000);
    assert.deepEqual(sorted(new Set(served)), sorted(VISITS["first visit"]), "before an answer, the first visit loads only its own files");
    await accept.click();
    await page.waitForFunction(() => document.cookie.includes("analytics:1"));
    const wasm = "consent-banner_bg.wasm";
    for (let i = 0; i < 50 && !served.includes(wasm); i++) await page.waitForTimeout(100);
    assert.ok(served.includes(wasm), "after the answer, the first stage's Wasm is fetched");
    // Idle-time fetch done: give the body time to reach the cache.
    await page.waitForLoadState("networkidle");

    served.length = 0;
    await page.goto(cached.url + "/plain.html");
    await page.waitForFunction(() => (window.__ran ?? []).length === 2);
    assert.deepEqual(await page.evaluate(() => window.__ran), ["stats-1", "stats-2"], "the first stage ran the page");
    assert.deepEqual(served, [], "the second page took every component file from the browser's cache");
  } finally {
    await context.close();
    await cached.close();
  }
});

test("from the first stage, Cookie settings opens the form in place; a saved change reaches listeners registered before the handover", { timeout: TEST_TIMEOUT }, async () => {
  const s = await acceptOnFirstVisit();
  await s.reload();
  const assets = recordAssets(s.page);
  await s.page.evaluate(() => {
    window.__heard = [];
    window.consentBanner.on("change", (choice) => window.__heard.push(choice));
  });
  assert.equal(assets.length, 0, "nothing more loaded before the visitor asks");
  await s.page.getByRole("link", { name: "Cookie settings" }).click();
  const form = s.page.locator("form.cb-settings");
  await form.waitFor({ state: "visible" });
  assert.ok(assets.includes("consent-banner-full_bg.wasm"), "the full stage loaded on demand");
  assert.ok(await form.evaluate((f) => f.contains(document.activeElement) || f === document.activeElement), "focus moved to the form");
  assert.deepEqual(await ran(s), ["stats-1", "stats-2"], "the handover ran nothing twice");
  // Granting (a withdrawal of scripts that ran would reload the page).
  await form.locator('input[type="radio"][name$="-embeds"][value="yes"]').check();
  await form.getByRole("button", { name: "Save cookie settings" }).click();
  await s.waitConsentCookie(/embeds:1/);
  await s.page.waitForFunction(() => window.__heard.length === 1);
  assert.deepEqual(await s.page.evaluate(() => window.__heard), [{ ...choiceOf({ analytics: true, embeds: true }), reloadNeeded: false }]);
  await s.done();
});

test("the first stage's API forwards changes to the full stage and resolves once they are made", { timeout: TEST_TIMEOUT }, async () => {
  const s = await acceptOnFirstVisit();
  await s.reload();
  const result = await s.page.evaluate(async () => {
    const first = window.consentBanner;
    const before = first.reloadNeeded();
    await first.rejectAll();
    window.__kept = true;
    return {
      cookie: document.cookie,
      replaced: window.consentBanner !== first,
      got: window.consentBanner.get(),
      before,
      after: window.consentBanner.reloadNeeded(),
    };
  });
  assert.match(decodeURIComponent(result.cookie), new RegExp(`${COOKIE}=v2\\|r0\\|t\\d+\\|analytics:0\\|embeds:0`));
  assert.ok(result.replaced, "window.consentBanner is now the full stage's object");
  assert.deepEqual(result.got, choiceOf({ analytics: false, embeds: false }));
  assert.equal(result.before, false, "the first stage's reloadNeeded(): nothing withdrawn");
  assert.equal(result.after, true, "the full stage knows the scripts the first stage ran");
  await s.settle();
  assert.equal(await s.page.evaluate(() => window.__kept), true, "rejectAll() did not reload the page");
  await s.done();
});

test("the full stage fails to load on a handover: one clear error, the API call rejects, the first stage's scripts stay as they ran", { timeout: TEST_TIMEOUT }, async () => {
  const s = await acceptOnFirstVisit();
  await s.reload();
  await s.context.route("**/consent-banner-full_bg.wasm", (route) => route.fulfill({ status: 404, body: "" }));
  const outcome = await s.page.evaluate(() =>
    window.consentBanner.rejectAll().then(
      () => "resolved",
      (error) => `rejected: ${error.message}`,
    ),
  );
  assert.match(outcome, /^rejected: consent-banner: rejectAll\(\): the component could not load$/);
  assert.equal(
    s.consoleErrors.filter((e) => /consent-banner: the rest of the component could not load \(/.test(e)).length,
    1,
    s.consoleErrors.join("\n"),
  );
  assert.deepEqual(await ran(s), ["stats-1", "stats-2"]);
  await s.done();
});

test("a config changed since its digest was stored goes to the full stage; an invalid one runs nothing", { timeout: TEST_TIMEOUT }, async () => {
  const s = await acceptOnFirstVisit();
  const assets = recordAssets(s.page);
  // Same choice, a different (valid) config text: validated again by the full stage.
  await s.goto(`/plain.html?config=${encodeURIComponent('{ "siteName": "Test Site", "policyUrl": "/cookies" }')}`);
  await s.settle();
  assert.ok(assets.includes("consent-banner-full_bg.wasm"));
  assert.deepEqual(await ran(s), ["stats-1", "stats-2"]);
  // An invalid config never gets a digest: nothing optional runs, though the cookie allows it.
  await s.goto(`/plain.html?config=${encodeURIComponent('{ "siteName": "Test Site", "policyUrl": "javascript:alert(1)" }')}`);
  await s.settle();
  assert.deepEqual(await ran(s), [], "nothing gated runs under an invalid config");
  assert.ok(s.consoleErrors.some((e) => e.includes("policyUrl")), `the console names the field: ${s.consoleErrors}`);
  await s.done();
});

test("a tampered or foreign digest is not trusted: the full stage decides and stores a good one", { timeout: TEST_TIMEOUT }, async () => {
  const s = await acceptOnFirstVisit();
  for (const bad of ["garbage", "0000000000000000\ncb3\nr\t0", "\u0000"]) {
    await s.page.evaluate(([k, v]) => localStorage.setItem(k, v), [DIGEST_KEY, bad]);
    const assets = recordAssets(s.page);
    await s.reload();
    await s.settle();
    assert.ok(assets.includes("consent-banner-full_bg.wasm"), `full stage for ${JSON.stringify(bad)}`);
    assert.deepEqual(await ran(s), ["stats-1", "stats-2"]);
    assert.ok(await s.page.evaluate((k) => localStorage.getItem(k).includes("\ncb3\n"), DIGEST_KEY));
  }
  await s.done();
});

test("a refused frame added while the first stage runs gets its placeholder from the full stage", { timeout: TEST_TIMEOUT }, async () => {
  const s = await acceptOnFirstVisit();
  await s.reload();
  const assets = recordAssets(s.page);
  await s.page.evaluate(() => {
    const frame = document.createElement("iframe");
    frame.setAttribute("data-consent", "embeds");
    frame.setAttribute("data-src", "https://www.youtube-nocookie.com/embed/abc123");
    frame.title = "A video added later";
    document.querySelector("main").append(frame);
  });
  const placeholder = s.page.locator("[data-consent-placeholder]");
  await placeholder.waitFor({ state: "visible" });
  assert.ok(assets.includes("consent-banner-full_bg.wasm"), "the observer handed the page over");
  assert.equal(await s.page.locator("iframe[data-consent]").getAttribute("src"), null, "the frame stays empty");
  assert.deepEqual(await ran(s), ["stats-1", "stats-2"], "the handover ran nothing twice");
  await s.done();
});

test("a withdrawal in another tab reaches a tab the first stage runs: the full stage takes over and says a reload is needed", { timeout: TEST_TIMEOUT }, async () => {
  const s = await acceptOnFirstVisit();
  await s.reload();
  const other = await s.context.newPage();
  await other.goto("/plain.html", { waitUntil: "load" });
  await other.waitForFunction(() => window.__cbReady === true);
  await other.evaluate(() => window.consentBanner.rejectAll());
  const notice = s.page.getByRole("button", { name: "Reload this page" });
  await notice.waitFor({ state: "visible" });
  assert.deepEqual(await s.page.evaluate(() => window.consentBanner.get()), choiceOf({ analytics: false, embeds: false }));
  await other.close();
  await s.done();
});

test("the handover passes on the config file's text: a returning visit reads it once, however the full stage starts", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/config-url.html");
  await s.page.getByRole("button", { name: "Accept analytics cookies" }).click();
  await s.waitConsentCookie(/analytics:1/);
  const reads = [];
  s.page.on("request", (req) => {
    if (new URL(req.url()).pathname === "/config/test-config.json") reads.push(req.url());
  });
  const assets = recordAssets(s.page);
  await s.reload();
  await s.settle();
  assert.equal(reads.length, 1, "the first stage read the config file");
  assert.ok(!assets.includes("consent-banner-full_bg.wasm"), "the first stage ran the page alone");
  // Cookie settings needs the full stage, which takes the text the first stage read.
  await s.page.getByRole("link", { name: "Cookie settings" }).click();
  const form = s.page.locator("form.cb-settings");
  await form.waitFor({ state: "visible" });
  assert.ok(assets.includes("consent-banner-full_bg.wasm"), "the full stage took over");
  await s.banner("Cookies on Config File Site").waitFor({ state: "visible" }); // the file's config, not the defaults
  assert.equal(reads.length, 1, `the config file was read once, not again by the full stage: ${reads}`);
  // A config changed since its digest was stored: the first stage hands over at once, with the text.
  await s.page.evaluate((k) => localStorage.setItem(k, "0000000000000000\ncb3\nr\t0"), DIGEST_KEY);
  reads.length = 0;
  await s.reload();
  await s.settle();
  assert.ok(await s.page.evaluate((k) => localStorage.getItem(k)?.includes("\ncb3\n"), DIGEST_KEY), "the full stage stored the digest again");
  assert.equal(reads.length, 1, `one read when the digest did not match either: ${reads}`);
  assert.deepEqual(s.consoleErrors, []);
  await s.done();
});

// Keeps every Wasm instance's memory, in load order.
const KEEP_MEMORY = `(() => {
  window.__mems = [];
  const keep = (r) => { const i = r.instance || r; if (i.exports && i.exports.memory) window.__mems.push(i.exports.memory); return r; };
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const f = WebAssembly[name];
    WebAssembly[name] = function () { return f.apply(this, arguments).then(keep); };
  }
})();`;

test("a long-lived page: the first stage's memory does not grow as the visitor switches tabs", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/plain.html", { initScripts: [KEEP_MEMORY] });
  await s.page.getByRole("button", { name: "Accept analytics cookies" }).click();
  await s.waitConsentCookie(/analytics:1/);
  // A site's usual cookies: 30 of 80 bytes (about 2.7 KB of document.cookie), read again at each switch.
  const host = new URL(h.url).hostname;
  await s.context.addCookies(Array.from({ length: 30 }, (_, i) => ({ name: "site_" + i, value: "x".repeat(80), domain: host, path: "/" })));
  await s.reload();
  await s.settle();
  const r = await s.page.evaluate(() => {
    const mem = window.__mems[0];
    const before = mem.buffer.byteLength;
    for (let i = 0; i < 5000; i++) document.dispatchEvent(new Event("visibilitychange"));
    return { stages: window.__mems.length, before, after: mem.buffer.byteLength };
  });
  assert.equal(r.stages, 1, "only the first stage runs");
  // A bump allocator grew it by 16 MB here (3.2 KB a switch).
  assert.ok(r.after - r.before < 64 * 1024, `5,000 tab switches grew the first stage's memory by ${r.after - r.before} bytes`);
  await s.done();
});

test("a page's patched fetch that fulfils the config's request with undefined: the full stage takes over", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/config-url.html");
  await s.page.getByRole("button", { name: /Accept analytics/ }).click();
  await s.waitConsentCookie(/analytics:1/);
  await s.context.addInitScript({
    content: `(() => {
    const f = window.fetch; let once = true;
    window.fetch = function (url) {
      if (once && String(url).includes("/config/")) { once = false; return Promise.resolve(undefined); }
      return f.apply(this, arguments);
    };
  })();`,
  });
  await s.reload({ waitReady: false });
  await s.page.waitForFunction(() => window.__cbReady === true, null, { timeout: 10_000 });
  // The released scripts run after "ready" (the analytics tag is fetched first).
  await s.page.waitForFunction(() => (window.__ran ?? []).length >= 2, null, { timeout: 10_000 });
  await s.page.waitForTimeout(300); // nothing runs twice
  assert.deepEqual(sorted(await s.page.evaluate(() => window.__ran)), ["ga", "inline-1"], "the visitor's choice was applied");
  assert.deepEqual(s.pageErrors, []);
  await s.done();
});

test("a page's fetch that throws for the component's Wasm: one 'could not start' line, and the page's settings link is followed", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/config-url.html", {
    waitReady: false,
    initScripts: [
      `(() => {
    const f = window.fetch;
    window.fetch = function (url) {
      if (String(url).endsWith("_bg.wasm")) throw new TypeError("blocked");
      return f.apply(this, arguments);
    };
  })();`,
    ],
  });
  await s.page.waitForFunction(() => document.readyState === "complete");
  await s.page.getByRole("link", { name: "Cookie settings" }).click();
  await s.page.waitForURL(/\/settings\.html$/, { timeout: 10_000 });
  assert.ok(s.consoleErrors.some((e) => e.includes("could not start")), "the bootstrap says it could not start");
  assert.deepEqual(s.pageErrors, []);
});

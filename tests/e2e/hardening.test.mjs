// Hardening: strict CSP with Trusted Types, failures that must fail closed, blocked cookies,
// hostile config and cookies, and starting twice.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, symlinkSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIXTURES, REPO, TEST_TIMEOUT, createHarness, choiceOf } from "./helpers.mjs";

const NONCE = "cbtest123";
/** The policy README's "Content-Security-Policy" section documents for a site like the fixture. */
export const STRICT_CSP = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' 'nonce-${NONCE}' https://www.googletagmanager.com https://static.hotjar.com`,
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src https://www.youtube-nocookie.com",
  "require-trusted-types-for 'script'",
  "trusted-types consent-banner",
].join("; ");

let plain, strict, noPolicy;
before(async () => {
  plain = await createHarness();
  strict = await createHarness({ headers: { "Content-Security-Policy": STRICT_CSP } });
  noPolicy = await createHarness({
    headers: { "Content-Security-Policy": STRICT_CSP.replace("trusted-types consent-banner", "trusted-types some-other-policy") },
  });
});
after(async () => {
  await plain?.close();
  await strict?.close();
  await noPolicy?.close();
});

const cspViolations = (s) => s.page.evaluate(() => window.__cspViolations);
const accept = (s) => s.page.getByRole("button", { name: "Accept analytics cookies" }).click();

test("strict CSP with Trusted Types: the whole consent loop works with no violation", { timeout: TEST_TIMEOUT }, async () => {
  const s = await strict.openPage("/csp.html");
  await s.banner().waitFor({ state: "visible" });
  assert.equal(
    await s.page.evaluate(() => getComputedStyle(document.querySelector(".cb-button")).backgroundColor),
    "rgb(0, 127, 59)",
    "the stylesheet loaded under style-src 'self'",
  );
  await accept(s);
  await s.page.waitForFunction(() => (window.__ran || []).length === 3);
  assert.deepEqual(await s.ran(), ["ga", "inline-1", "hotjar"], "externals and the nonced inline script ran in order");
  await s.page.getByRole("button", { name: "Accept cookies and show YouTube content" }).click();
  await s.page.waitForFunction(() => document.querySelector("iframe[data-consent]")?.getAttribute("src"));
  await s.settle();
  assert.deepEqual(await cspViolations(s), [], "no CSP or Trusted Types violation");
  await s.done();
});

test("strict CSP with Trusted Types, returning visitor: the first stage alone releases everything with no violation", { timeout: TEST_TIMEOUT }, async () => {
  const s = await strict.openPage("/csp.html");
  await accept(s);
  await s.page.getByRole("button", { name: "Accept cookies and show YouTube content" }).click();
  await s.waitConsentCookie(/analytics:1\|embeds:0\+youtube$/);
  const assets = [];
  s.page.on("request", (req) => {
    const { pathname } = new URL(req.url());
    if (pathname.startsWith("/assets/")) assets.push(pathname.slice("/assets/".length));
  });
  await s.reload();
  await s.page.waitForFunction(() => (window.__ran || []).length === 3);
  await s.page.waitForFunction(() => document.querySelector("iframe[data-consent]")?.getAttribute("src"));
  await s.settle();
  assert.deepEqual(await s.ran(), ["ga", "inline-1", "hotjar"], "externals and the nonced inline script ran in order");
  assert.ok(!assets.some((a) => a.startsWith("consent-banner-full")), `the full stage did not load: ${assets}`);
  assert.ok(assets.includes("consent-banner_bg.wasm"), `the first stage ran: ${assets}`);
  const consent = await s.page.evaluate(() =>
    (window.dataLayer || []).map((entry) => Array.from(entry)).filter((entry) => entry[0] === "consent"),
  );
  assert.equal(consent[0]?.[1], "default", "Consent Mode's default went to dataLayer (the page has no gtag)");
  assert.equal(consent[0]?.[2]?.analytics_storage, "granted");
  assert.deepEqual(await cspViolations(s), [], "no CSP or Trusted Types violation");
  assert.deepEqual(s.consoleErrors, []);
  await s.done();
});

test("strict CSP without the consent-banner policy: one clear error, nothing runs, no page error", { timeout: TEST_TIMEOUT }, async () => {
  const s = await noPolicy.openPage("/csp.html");
  await accept(s);
  await s.settle();
  assert.deepEqual(await s.ran(), [], "fails closed: no gated script ran");
  assert.ok(
    s.consoleErrors.some((e) => /Trusted Types policy `consent-banner`/.test(e) && /trusted-types directive/.test(e)),
    `the console names the missing policy:\n${s.consoleErrors.join("\n")}`,
  );
  assert.deepEqual(
    s.thirdParty.filter((r) => r.type === "script").map((r) => r.url),
    [],
    "no gated script was requested",
  );
  await s.done();
});

test("the Wasm fails to load: nothing optional runs, one console error, the page keeps working", { timeout: TEST_TIMEOUT }, async () => {
  // The first load completes first, so only the reload meets the missing Wasm.
  const s = await plain.openPage("/index.html", { cookies: [{ name: "cookieconsent_status", value: "allow" }] });
  // Even with consent stored: without the component nothing is released (fail closed).
  await s.context.route("**/consent-banner_bg.wasm", (route) => route.fulfill({ status: 404, body: "" }));
  await s.reload({ waitReady: false });
  await s.settle();
  await s.page.waitForTimeout(500);
  assert.deepEqual(await s.ran(), []);
  assert.equal(await s.page.evaluate(() => typeof window.consentBanner), "undefined");
  assert.equal(s.consoleErrors.filter((e) => /consent-banner: could not start/.test(e)).length, 1, s.consoleErrors.join("\n"));
  assert.equal(await s.page.evaluate(() => document.querySelector("iframe[data-consent]").hasAttribute("src")), false);
  assert.equal(await s.page.evaluate(() => 1 + 1), 2, "the page still runs its own scripts");
  await s.done();
});

test("the script itself fails to load: nothing optional runs", { timeout: TEST_TIMEOUT }, async () => {
  const s = await plain.openPage("/index.html", { waitReady: false, cookies: [{ name: "cookieconsent_status", value: "allow" }] });
  await s.context.route("**/assets/consent-banner.js", (route) => route.fulfill({ status: 404, body: "" }));
  await s.reload({ waitReady: false });
  await s.settle();
  assert.deepEqual(await s.ran(), []);
  assert.deepEqual(s.thirdParty.filter((r) => r.mark !== "initial"), []);
  await s.done();
});

for (const [what, init] of [
  ["ignored", `Object.defineProperty(Document.prototype, "cookie", { configurable: true, get() { return ""; }, set(v) {} });`],
  [
    "throwing",
    `Object.defineProperty(Document.prototype, "cookie", { configurable: true,
       get() { throw new DOMException("The document is sandboxed", "SecurityError"); },
       set(v) { throw new DOMException("The document is sandboxed", "SecurityError"); } });`,
  ],
]) {
  test(`cookies blocked (${what}): the banner works for this page view and says so; no loop, no error`, { timeout: TEST_TIMEOUT }, async () => {
    const s = await plain.openPage("/index.html", { waitReady: false, checkHosts: false });
    await s.context.addInitScript({ content: init });
    // The usual stand-ins write cookies too, which throws here: answer with ones that only record.
    for (const [pattern, label] of [["**/gtag/js*", "ga"], ["**/hotjar-1.js", "hotjar"]]) {
      await s.context.route(pattern, (route) =>
        route.fulfill({ status: 200, contentType: "text/javascript", body: `window.__ran=(window.__ran||[]).concat(${JSON.stringify(label)});` }),
      );
    }
    await s.reload();
    await s.banner().waitFor({ state: "visible" });
    await accept(s);
    const confirmation = s.page.locator(".cb-banner__confirmation");
    await confirmation.waitFor({ state: "visible" });
    assert.match(await confirmation.innerText(), /blocking cookies, so this choice only applies until you leave this page/);
    await s.waitRan(4);
    assert.deepEqual(await s.ran(), ["ga", "inline-1", "hotjar", "inline-2"], "the choice holds for this page view");
    assert.deepEqual(await s.page.evaluate(() => window.consentBanner.get()), choiceOf({ analytics: true, embeds: false }));
    await s.reload();
    await s.banner().waitFor({ state: "visible" });
    assert.equal(await s.page.locator("[data-consent-banner]").count(), 1, "asked once more, not in a loop");
    await s.done();
  });
}

/** Serves `pathname` with its inline config replaced by `config` (routes registered later win). */
async function withConfig(s, pathname, config) {
  await s.context.route(`**${pathname}`, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(
      /(<script type="application\/json" id="consent-config">)[\s\S]*?(<\/script>)/,
      (_, open, close) => open + JSON.stringify(config).replace(/</g, "\\u003c") + close,
    );
    await route.fulfill({ response, body });
  });
}

test("config texts with HTML are shown as text and never run", { timeout: TEST_TIMEOUT }, async () => {
  const s = await plain.openPage("/index.html", { waitReady: false });
  await withConfig(s, "/index.html", {
    siteName: `<img src=x onerror="window.__pwned=1">`,
    texts: { bannerIntro: `<script>window.__pwned=2</script><b>bold</b>` },
  });
  await s.reload();
  const heading = s.page.locator(".cb-banner__heading");
  await heading.waitFor();
  assert.equal(await heading.innerText(), `Cookies on <img src=x onerror="window.__pwned=1">`);
  const banner = s.page.locator("[data-consent-banner]");
  assert.match(await banner.innerText(), /<script>window.__pwned=2<\/script><b>bold<\/b>/);
  assert.equal(await banner.locator("img, script, b").count(), 0, "no element came from the texts");
  assert.equal(await s.page.evaluate(() => window.__pwned), undefined);
  await s.done();
});

test("a link URL that is not http(s) or relative is refused, naming the field", { timeout: TEST_TIMEOUT }, async () => {
  const s = await plain.openPage("/index.html", { waitReady: false });
  await withConfig(s, "/index.html", { siteName: "Test Site", settingsUrl: " javascript:alert(1)" });
  await s.reload();
  assert.ok(
    s.consoleErrors.some((e) => /config field `settingsUrl`/.test(e) && /not an http\(s\) or relative URL/.test(e)),
    s.consoleErrors.join("\n"),
  );
  assert.equal(await s.page.locator('a[href*="javascript"]').count(), 0);
  assert.equal(await s.page.locator(".cb-banner__heading").innerText(), "Cookies on this website", "the defaults stand in");
  await s.done();
});

test("a 4 KB cookie header full of junk: the stored choice is still read", { timeout: TEST_TIMEOUT }, async () => {
  const junk = Array.from({ length: 40 }, (_, i) => ({ name: `junk${i}`, value: `${"z%7C|=".repeat(15)}${i}` }));
  const s = await plain.openPage("/index.html", {
    cookies: [...junk, { name: "cookieconsent_status", value: "v1|r0|t1700000000|analytics:1|embeds:0" }],
  });
  const header = await s.page.evaluate(() => document.cookie.length);
  assert.ok(header > 4000, `the cookie header is ${header} bytes`);
  await s.waitRan(4);
  assert.equal(await s.banner().count(), 0);
  await s.done();
});

test("percent-encoded values are never decoded: they read as no choice", { timeout: TEST_TIMEOUT }, async () => {
  const s = await plain.openPage("/index.html", {
    cookies: [{ name: "cookieconsent_status", value: "v1%7Cr0%7Ct1700000000%7Canalytics%3A1%7Cembeds%3A0" }],
  });
  await s.banner().waitFor({ state: "visible" });
  await s.settle();
  assert.deepEqual(await s.ran(), []);
  await s.done();
});

test("duplicate cookieconsent_status cookies: the most specific path wins, and a new choice replaces both", { timeout: TEST_TIMEOUT }, async () => {
  const s = await plain.openPage("/sub/", {
    cookies: [
      { name: "cookieconsent_status", value: "v1|r0|t1700000000|analytics:1|embeds:0", path: "/sub/" },
      { name: "cookieconsent_status", value: "deny", path: "/" },
    ],
  });
  await s.waitRan(1);
  assert.deepEqual(await s.ran(), ["ga"], "the /sub/ cookie (listed first) decides on /sub/ pages");
  // Withdrawing analytics that already ran through the API does not reload the page (issue 14).
  await s.page.evaluate(() => window.consentBanner.rejectAll());
  const values = (await s.context.cookies()).filter((c) => c.name === "cookieconsent_status");
  assert.equal(values.length, 1, `one consent cookie left: ${JSON.stringify(values)}`);
  assert.equal(values[0].path, "/");
  assert.match(values[0].value, /^v2\|r0\|t\d+\|analytics:0\|embeds:0$/);
  await s.done();
});

test("the drop-in included twice starts once: one banner, each gated script once", { timeout: TEST_TIMEOUT }, async () => {
  const s = await plain.openPage("/twice.html");
  await s.banner().waitFor({ state: "visible" });
  await s.settle();
  assert.equal(await s.page.locator("[data-consent-banner]").count(), 1);
  assert.equal(await s.page.locator('link[href$="consent-banner.css"]').count(), 1, "the stylesheet is added once");
  await accept(s);
  await s.waitRan(2);
  await s.settle();
  assert.deepEqual(await s.ran(), ["ga", "inline-1"]);
  assert.equal(await s.page.evaluate(() => window.__cbReadyCount), 1, "ready announced once");
  await s.done();
});

test("the drop-in and the npm package on one page: one runs, the other hands back the same API", { timeout: TEST_TIMEOUT }, async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "cb-mixed-"));
  symlinkSync(path.join(REPO, "pkg"), path.join(root, "pkg"));
  writeFileSync(
    path.join(root, "index.html"),
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Mixed</title><link rel="icon" href="data:,">
<script type="application/json" id="consent-config">{ "siteName": "Test Site" }</script>
<script src="/assets/consent-banner.js" data-config="consent-config" defer></script>
<script type="text/plain" data-consent="analytics" src="https://www.googletagmanager.com/gtag/js?id=G-TEST"></script>
<script type="module">import { init } from "/pkg/index.js"; window.__npm = init({ siteName: "Other" });</script>
</head><body><a href="#main">Skip to main content</a><main id="main"><h1>Mixed</h1></main></body></html>`,
  );
  const mixed = await createHarness({ root });
  try {
    const s = await mixed.openPage("/index.html");
    await s.banner().waitFor({ state: "visible" });
    await s.page.waitForFunction(() => window.__npm);
    const same = await s.page.evaluate(async () => (await window.__npm) === window.consentBanner);
    assert.equal(same, true, "init() resolves to the running instance");
    await s.settle();
    assert.equal(await s.page.locator("[data-consent-banner]").count(), 1, "one banner");
    await accept(s);
    await s.waitRan(1);
    await s.settle();
    assert.deepEqual(await s.ran(), ["ga"]);
    await s.done();
  } finally {
    await mixed.close();
    rmSync(root, { recursive: true, force: true });
  }
});

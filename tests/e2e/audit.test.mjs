// Issue 17: audit mode (config `"audit": true`). The audit, a module of its own, finds what the
// page did that the visitor's choice at that moment did not allow: ungated requests to declared
// hosts of refused services and to hosts nobody declared, and cookies and storage keys likewise.
// It blames nothing gated that never ran, stops blaming a service once it is granted, and a site
// without `audit` never loads it. The README's Playwright check ("Check your site") runs as written.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { CHROMIUM, LAUNCH_ARGS, REPO, SHARED_DOMAIN, TEST_TIMEOUT, TEXT, createHarness, recordAssets, teamPage } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

const TRACKER = "tags.tracker.example";
const PIXEL = "www.google-analytics.com";

/** `consentBanner.audit()` once the audit has started. */
async function audit(s) {
  await s.page.waitForFunction(() => typeof window.consentBanner?.audit === "function", null, { timeout: 10_000 });
  return s.page.evaluate(() => window.consentBanner.audit());
}

/** `audit()` once it lists a finding named each of `names`. */
async function auditNaming(s, names) {
  await audit(s);
  await s.page.waitForFunction((names) => names.every((n) => window.consentBanner.audit().some((f) => f.name === n)), names, {
    timeout: 10_000,
    polling: 100,
  });
  return audit(s);
}

const named = (findings, kind, name) => findings.filter((f) => f.kind === kind && f.name === name);
/** The console's audit lines that name `name`. */
const warnings = (s, name) => s.consoleMessages.filter((m) => m.startsWith("warning: consent-banner: audit: ") && m.includes(` ${name} `));

/** Loads a new image and waits for it: a request the page makes after the test's step. */
function requestImage(s, url) {
  return s.page.evaluate(
    (url) =>
      new Promise((done) => {
        const img = new Image();
        img.onload = img.onerror = done;
        img.src = url;
      }),
    url,
  );
}

test("an ungated tracker script and pixel are named, in the console and by audit(); gated markup that never ran is not", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/audit.html");
  const findings = await auditNaming(s, [TRACKER, PIXEL, "_ga", "tracker-visitor"]);

  const [tracker] = named(findings, "request", TRACKER);
  assert.equal(tracker?.owner, "undeclared", JSON.stringify(findings));
  assert.equal(tracker.category, undefined);
  assert.equal(tracker.url, `https://${TRACKER}/t.js`);
  const [pixel] = named(findings, "request", PIXEL);
  assert.deepEqual([pixel?.owner, pixel?.category], ["google-analytics", "analytics"], JSON.stringify(findings));
  assert.match(pixel.url, /^https:\/\/www\.google-analytics\.com\/collect\?v=1/);
  for (const f of [tracker, pixel]) assert.ok(typeof f.time === "number" && f.time >= 0, `time of ${f.name}: ${f.time}`);

  const [cookie] = named(findings, "cookie", "_ga");
  assert.deepEqual([cookie?.owner, cookie?.category], ["google-analytics", "analytics"], "a refused service's cookie set by page script");
  const [key] = named(findings, "localStorage", "tracker-visitor");
  assert.equal(key?.owner, "undeclared", "a key nobody declares");

  // Gated markup never ran, so it made no request to blame; the site and the component are not findings.
  assert.ok(!s.thirdParty.some((r) => r.host === "www.googletagmanager.com" || r.host === "www.youtube-nocookie.com"));
  const blamed = findings.map((f) => f.name);
  for (const innocent of ["www.googletagmanager.com", "www.youtube-nocookie.com", "127.0.0.1", "cookieconsent_status", "consent-banner:sizes", "consent-banner:config"]) {
    assert.ok(!blamed.includes(innocent), `${innocent} is not a finding: ${blamed.join(", ")}`);
  }
  assert.deepEqual(blamed.sort(), ["_ga", PIXEL, TRACKER, "tracker-visitor"].sort(), "nothing else is blamed");

  // Once each in the console, however often the audit looks again.
  await s.settle(1_500);
  await audit(s);
  for (const name of [TRACKER, PIXEL, "_ga", "tracker-visitor"]) {
    assert.equal(warnings(s, name).length, 1, `one warning about ${name}:\n${s.consoleMessages.join("\n")}`);
  }
  assert.match(warnings(s, PIXEL)[0], /without consent for google-analytics \(analytics\)/);
  assert.match(warnings(s, TRACKER)[0], /that no category or service of the config declares/);
  assert.deepEqual(s.consoleErrors, []);
  // The page leaks on purpose: s.done() would reject its requests.
  s.assertNoPageErrors();
  await s.close();
});

test("after Accept, new requests and cookies of the granted category are not findings; earlier findings stay", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/audit.html");
  await auditNaming(s, [TRACKER, PIXEL]);
  await s.page.getByRole("button", { name: TEXT.accept }).click();
  await s.waitConsentCookie(/analytics:1/);
  // The gated Google tag is released now, and more of Google Analytics and of the tracker arrives.
  await s.page.waitForFunction(() => (window.__ran || []).includes("ga"));
  await requestImage(s, "https://region1.google-analytics.com/g/collect?after=grant");
  await requestImage(s, "https://px.tracker.example/p.gif");
  await s.page.evaluate(() => {
    document.cookie = "_gid=GA1.1.987654321.1700000000; path=/";
  });
  const findings = await auditNaming(s, ["px.tracker.example"]);
  const blamed = findings.map((f) => f.name);
  for (const granted of ["www.googletagmanager.com", "region1.google-analytics.com", "_gid"]) {
    assert.ok(!blamed.includes(granted), `${granted} is allowed after the grant: ${blamed.join(", ")}`);
  }
  assert.ok(s.thirdParty.some((r) => r.host === "region1.google-analytics.com"), "the request was made");
  assert.ok(blamed.includes(PIXEL) && blamed.includes(TRACKER), "what happened before the grant stays");
  assert.equal(named(findings, "request", "px.tracker.example")[0]?.owner, "undeclared", "an undeclared host stays a finding");
  s.assertNoPageErrors();
  await s.close();
});

test("the README's fix for an undeclared host the site needs (necessary's `hosts`) clears its finding", { timeout: TEST_TIMEOUT }, async () => {
  const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Check your site\n"));
  const fix = /\n {2}```json\n {2}(.*"necessary".*)\n {2}```/.exec(section)?.[1];
  assert.ok(fix?.includes('"hosts"'), "the README shows necessary's hosts");
  const { categories } = JSON.parse(fix);
  const [host] = categories[0].hosts;
  const s = await h.openPage(teamPage({ audit: true, categories }));
  await audit(s);
  // A font on a subdomain of the declared host, and a control on a host nobody declares.
  await requestImage(s, `https://static.${host}/font.png`);
  await requestImage(s, "https://other-cdn.example/lib.png");
  const findings = await auditNaming(s, ["other-cdn.example"]);
  assert.deepEqual(findings.map((f) => f.name), ["other-cdn.example"], "the necessary host is no finding");
  assert.ok(s.thirdParty.some((r) => r.host === `static.${host}`), "the font was requested");
  assert.deepEqual(s.consoleErrors, []);
  s.assertNoPageErrors();
  await s.close();
});

test("the receipt's beacon to another host is the component's own, not a finding; another URL there is", { timeout: TEST_TIMEOUT }, async () => {
  const receipt = "https://receipts.example/consent";
  const s = await h.openPage(teamPage({ audit: true, receiptUrl: receipt }));
  await audit(s);
  await s.page.getByRole("button", { name: TEXT.accept }).click();
  await s.waitConsentCookie(/analytics:1/);
  // The harness answers every third-party host; the beacon shows in Resource Timing once done.
  await s.page.waitForFunction((url) => performance.getEntriesByType("resource").some((e) => e.name === url), receipt, { timeout: 10_000 });
  assert.ok(s.thirdParty.some((r) => r.url === receipt), "the receipt was sent");
  assert.deepEqual(await audit(s), [], "no finding after the choice");
  // The audit sees beacons: one to another URL on that host is blamed.
  await s.page.evaluate(() => navigator.sendBeacon("https://receipts.example/other", "x"));
  const [finding] = await auditNaming(s, ["receipts.example"]);
  assert.deepEqual([finding.url, finding.owner], ["https://receipts.example/other", "undeclared"]);
  s.assertNoPageErrors();
  await s.close();
});

test("a returning visitor's page runs the audit too", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/audit.html");
  await audit(s);
  await s.page.getByRole("button", { name: TEXT.accept }).click();
  await s.waitConsentCookie(/analytics:1/);
  const assets = recordAssets(s.page);
  await s.reload();
  const findings = await auditNaming(s, [TRACKER]);
  assert.ok(assets.includes("consent-banner-audit_bg.wasm"), `the audit loaded: ${assets.join(", ")}`);
  assert.ok(s.thirdParty.some((r) => r.mark === "initial" && r.host === "www.googletagmanager.com"));
  const blamed = findings.map((f) => f.name);
  assert.ok(!blamed.includes("www.googletagmanager.com") && !blamed.includes(PIXEL) && !blamed.includes("_ga"), `granted: ${blamed.join(", ")}`);
  s.assertNoPageErrors();
  await s.close();
});

test("a site without audit loads no audit code, on a first or a returning visit", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/plain.html", { waitReady: false });
  const assets = recordAssets(s.page);
  await s.page.reload({ waitUntil: "load" });
  await s.ready();
  await s.page.getByRole("button", { name: TEXT.accept }).click();
  await s.waitConsentCookie(/analytics:1/);
  await s.reload();
  await s.page.getByRole("link", { name: "Cookie settings" }).click();
  await s.page.locator("form.cb-settings").waitFor({ state: "visible" });
  await s.settle();
  assert.ok(assets.includes("consent-banner-full_bg.wasm") && assets.includes("consent-banner_bg.wasm"), `both stages ran: ${assets.join(", ")}`);
  assert.deepEqual(assets.filter((a) => a.includes("audit")), [], "no audit file was requested");
  assert.equal(await s.page.evaluate(() => typeof window.consentBanner.audit), "undefined");
  await s.done();
});

test("the README's check-site.mjs runs as written: it names a page's leak and fails, and passes a clean page", { timeout: TEST_TIMEOUT }, async () => {
  const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Check your site\n"));
  const config = /```json\n(.*)\n```/.exec(section)?.[1];
  const script = /```js\n([\s\S]*?)\n```/.exec(section)?.[1];
  assert.ok(config?.includes('"audit": true') && script?.includes("consentBanner.audit()"), "the README has the config and the script");
  // A site with the README's config: one page with an ungated pixel on a host nobody declares
  // (one that resolves here), one without.
  const root = mkdtempSync(path.join(os.tmpdir(), "cb-audit-"));
  const page = (body) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Check</title>` +
    `<script type="application/json" id="consent-config">${config}</script>` +
    `<script src="/assets/consent-banner.js" data-config="consent-config" defer></script></head>` +
    `<body><main><h1>Check</h1>${body}</main></body></html>`;
  const site = await createHarness({ root });
  try {
    const port = new URL(site.url).port;
    const leak = `http://px.${SHARED_DOMAIN}:${port}/p.gif`;
    writeFileSync(path.join(root, "leak.html"), page(`<img src="${leak}" alt="">`));
    writeFileSync(path.join(root, "clean.html"), page("<p>Nothing optional.</p>"));
    // As written, but with playwright-core and this machine's Chromium (offline: no `npx playwright install`).
    const file = path.join(REPO, "target", "check-site.mjs");
    const launch = `chromium.launch(${JSON.stringify({ executablePath: CHROMIUM, args: LAUNCH_ARGS })})`;
    assert.ok(script.includes("chromium.launch()") && script.includes('from "playwright"'));
    writeFileSync(file, script.replace('from "playwright"', 'from "playwright-core"').replace("chromium.launch()", launch));
    const run = (...pages) =>
      promisify(execFile)("node", [file, ...pages.map((p) => `${site.url}/${p}`)], { timeout: 60_000 }).then(
        (out) => ({ code: 0, ...out }),
        (error) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    const clean = await run("clean.html");
    assert.deepEqual([clean.code, clean.stdout, clean.stderr], [0, "", ""], "a clean page passes");
    const leaky = await run("clean.html", "leak.html");
    assert.equal(leaky.code, 1, leaky.stderr);
    assert.equal(
      leaky.stdout.trim(),
      `${site.url}/leak.html: request px.${SHARED_DOMAIN} (undeclared) at ${/ at (\d+) ms /.exec(leaky.stdout)?.[1]} ms ${leak}`,
    );
  } finally {
    await site.close();
  }
});

test("with the npm package, a config with audit says in one console line that the audit is the drop-in's, and the banner runs", { timeout: TEST_TIMEOUT }, async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "cb-audit-npm-"));
  writeFileSync(
    path.join(root, "index.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>npm</title>` +
      `<script type="module">import { init } from "/assets/index.js"; init({ siteName: "Test Site", audit: true });</script>` +
      `</head><body><main><h1>npm</h1></main></body></html>`,
  );
  const npm = await createHarness({ root, assets: path.join(REPO, "pkg"), requireComponent: false });
  try {
    const s = await npm.openPage("/index.html");
    await s.banner().waitFor({ state: "visible" });
    await s.settle();
    assert.deepEqual(s.consoleErrors, [`consent-banner: the audit could not start: audit mode runs with the drop-in (README, "Check your site")`]);
    assert.equal(await s.page.evaluate(() => typeof window.consentBanner.audit), "undefined");
    await s.done();
  } finally {
    await npm.close();
  }
});

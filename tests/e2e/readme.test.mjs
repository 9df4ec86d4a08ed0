// The README's examples run as written (issue 19): the page is made of the README's own code
// blocks, read from README.md when the test runs, so the two cannot drift apart.
//   - "Use it: one script tag": the drop-in in <head>;
//   - "Gated markup": Google's tag (external and inline), a frame, a pixel;
//   - "Content-Security-Policy and Trusted Types": the demo's policy, as a response header;
//   - "JavaScript API": the site's reload after a withdrawal through the API.
//   - "JavaScript API": granting one service with set().
//   - "UK exceptions (2026)": statistics on the objection basis, embeds on consent.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO, TEST_TIMEOUT, TEXT, createHarness } from "./helpers.mjs";

const README = readFileSync(path.join(REPO, "README.md"), "utf8");

/** The `nth` (from 0) fenced block of `lang` after the heading `heading`. */
function block(heading, lang, nth = 0) {
  const start = README.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has a section "${heading}"`);
  let open = README.indexOf("```" + lang + "\n", start);
  for (let i = 0; i < nth && open >= 0; i++) open = README.indexOf("```" + lang + "\n", open + 1);
  assert.ok(open >= 0, `README's "${heading}" has a ${lang} block`);
  const body = open + lang.length + 4;
  return README.slice(body, README.indexOf("\n```", body));
}

const HEAD = block("## Use it: one script tag", "html");
const GATED = block("## Gated markup", "html");
const BANNER = `Cookies on ${/"siteName": "([^"]+)"/.exec(HEAD)?.[1]}`;
const API_RELOAD = block("## JavaScript API", "js");
const CSP = block("## Content-Security-Policy and Trusted Types", "text").replace(/\s+/g, " ").trim();
const API = block("## JavaScript API", "js", 1);

function site(gated = GATED) {
  const root = mkdtempSync(path.join(os.tmpdir(), "cb-readme-"));
  const head = HEAD.replace("<head>", '<head>\n  <meta charset="utf-8"><title>README example</title>');
  writeFileSync(
    path.join(root, "index.html"),
    `<!doctype html>\n<html lang="en">\n${head}\n<body>\n<main>\n<h1>README example</h1>\n${gated}\n</main>\n</body>\n</html>\n`,
  );
  return root;
}

const harnesses = [];
after(async () => {
  for (const h of harnesses) await h.close();
});
async function harness(opts) {
  const h = await createHarness(opts);
  harnesses.push(h);
  return h;
}

/** dataLayer entries as Google's tag reads them: `arguments` objects only. */
const dataLayer = (page) =>
  page.evaluate(() =>
    (window.dataLayer || [])
      .filter((e) => Object.prototype.toString.call(e) === "[object Arguments]")
      .map((e) => JSON.parse(JSON.stringify(Array.from(e)))),
  );

test("the README's drop-in and gated markup run as written: Google's tag configured after Accept, no error", { timeout: TEST_TIMEOUT }, async () => {
  assert.match(GATED, /gtag\("config", "G-XXXX"\)/, "the example configures Google's tag");
  const h = await harness({ root: site() });
  const s = await h.openPage("/index.html");
  await s.banner(BANNER).waitFor({ state: "visible" });
  await s.settle();
  s.assertNoThirdParty("before a choice");
  assert.equal(await s.page.getByRole("button", { name: TEXT.showYouTube, exact: true }).count(), 1, "the frame has its placeholder");

  await s.banner(BANNER).getByRole("button", { name: TEXT.accept, exact: true }).click();
  await s.page.waitForFunction(() => typeof window.gtag === "function", null, { timeout: 5_000 });
  await s.settle();
  const entries = await dataLayer(s.page);
  assert.ok(
    entries.some((e) => e[0] === "config" && e[1] === "G-XXXX"),
    `gtag("config", "G-XXXX") reached dataLayer: ${JSON.stringify(entries)}`,
  );
  assert.ok(entries.findIndex((e) => e[0] === "consent" && e[1] === "default") < entries.findIndex((e) => e[0] === "config"), "Consent Mode's default comes first");
  assert.deepEqual(await s.ran(), ["ga"], "gtag.js ran once");
  assert.ok(s.thirdPartyUrls().some((u) => u.startsWith("https://px.example.net/")), "the pixel loaded");
  await s.done(); // no uncaught page error (the old example threw "gtag is not defined")
});

test("under the README's CSP, a gated inline script without the nonce is named in the console; with it, it runs", { timeout: TEST_TIMEOUT }, async () => {
  assert.match(CSP, /require-trusted-types-for 'script'/, "the README's policy enforces Trusted Types");
  const h = await harness({ root: site(), headers: { "Content-Security-Policy": CSP } });
  const s = await h.openPage("/index.html");
  await s.banner(BANNER).getByRole("button", { name: TEXT.accept, exact: true }).click();
  await s.waitRan(1);
  await s.settle();
  assert.equal(await s.page.evaluate(() => typeof window.gtag), "undefined", "the policy blocked the inline script");
  const named = s.consoleErrors.filter((m) => /consent-banner: .*Content-Security-Policy blocked a gated script \(data-consent="analytics"\).*nonce/.test(m));
  assert.equal(named.length, 1, `one console line names the gated inline script and the nonce:\n${s.consoleMessages.join("\n")}`);
  await s.done();

  // The README's fix: the page's nonce on the gated inline script, and in script-src.
  const nonce = "r3adm3";
  const withNonce = GATED.replace('<script type="text/plain" data-consent="analytics" data-service="google-analytics">', `<script type="text/plain" data-consent="analytics" data-service="google-analytics" nonce="${nonce}">`);
  assert.notEqual(withNonce, GATED);
  const h2 = await harness({
    root: site(withNonce),
    headers: { "Content-Security-Policy": CSP.replace("script-src 'self'", `script-src 'self' 'nonce-${nonce}'`) },
  });
  const s2 = await h2.openPage("/index.html");
  await s2.banner(BANNER).getByRole("button", { name: TEXT.accept, exact: true }).click();
  await s2.page.waitForFunction(() => typeof window.gtag === "function", null, { timeout: 5_000 });
  assert.ok((await dataLayer(s2.page)).some((e) => e[0] === "config" && e[1] === "G-XXXX"));
  assert.deepEqual(s2.consoleErrors.filter((m) => /Content-Security-Policy blocked a gated/.test(m)), []);
  await s2.done();
});

test("the README's API example grants YouTube alone: its frame loads and the change is logged as its comment says", { timeout: TEST_TIMEOUT }, async () => {
  const logged = /\/\/ logs "([^"]+)"/.exec(API)?.[1];
  assert.ok(logged, `the example says what it logs:\n${API}`);
  const h = await harness({ root: site() });
  const s = await h.openPage("/index.html");
  await s.banner(BANNER).waitFor({ state: "visible" });
  await s.page.addScriptTag({ content: API });
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:0\+youtube$/);
  await s.page.waitForFunction(() => document.querySelector('iframe[data-consent="embeds"]').getAttribute("src") !== null, null, { timeout: 5_000 });
  await s.settle();
  assert.deepEqual(s.consoleMessages.filter((m) => m.startsWith("log: ")), [`log: ${logged}`]);
  assert.deepEqual([...new Set(s.thirdParty.map((r) => r.host))], ["www.youtube-nocookie.com"], "YouTube alone, no analytics");
  await s.done();
});

test("the README's UK exceptions example runs as written: statistics on the first view, the form at Yes; No deletes their cookie, Yes stores i", { timeout: TEST_TIMEOUT }, async () => {
  const heading = "## UK exceptions (2026): statistics and appearance";
  const config = block(heading, "json");
  const markup = block(heading, "html");
  const stats = /<script[^>]* src="(\/[^"]+)"/.exec(markup)?.[1];
  assert.ok(stats, `the example gates a first-party script:\n${markup}`);
  const cookie = JSON.parse(config).categories[0].cookies[0].name;
  const root = mkdtempSync(path.join(os.tmpdir(), "cb-readme-uk-"));
  writeFileSync(
    path.join(root, "index.html"),
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8"><title>UK exceptions</title>\n` +
      `<script type="application/json" id="consent-config">${config}</script>\n` +
      `<script src="/assets/consent-banner.js" data-config="consent-config" defer></script>\n</head>\n` +
      `<body>\n<main>\n<h1>UK exceptions</h1>\n${markup}\n<div data-consent-settings></div>\n</main>\n</body>\n</html>\n`,
  );
  mkdirSync(path.join(root, path.dirname(stats)), { recursive: true });
  writeFileSync(path.join(root, stats), `document.cookie = "${cookie}=1; path=/"; window.__ran = (window.__ran || []).concat("stats");`);
  const h = await harness({ root });
  const analytics = (s) => s.page.locator("[data-consent-settings]").getByRole("group", { name: TEXT.analyticsLegend, exact: true });

  const s = await h.openPage("/index.html");
  await s.waitRan(1);
  assert.ok((await s.cookieNames()).includes(cookie), "the statistics ran on the first view and set their cookie");
  assert.equal(await s.page.evaluate(() => window.consentBanner.get()), null, "no choice yet");
  assert.equal(await s.page.getByRole("button", { name: TEXT.showYouTube, exact: true }).count(), 1, "the video waits for consent");
  assert.equal(await analytics(s).getByRole("radio", { name: "Yes", exact: true }).isChecked(), true, "the form shows the statistics on");
  assert.match(await analytics(s).innerText(), /We use these cookies unless you say no\./, "and says on what basis");
  await analytics(s).getByRole("radio", { name: "No", exact: true }).check();
  const reloaded = s.page.waitForEvent("load", { timeout: 10_000 });
  await s.page.getByRole("button", { name: TEXT.save, exact: true }).click();
  await reloaded;
  await s.ready();
  await s.waitConsentCookie(/^v2\|r2\|t\d+\|analytics:0\|embeds:0$/);
  assert.ok(!(await s.cookieNames()).includes(cookie), "turning them off deleted their cookie");
  assert.deepEqual(await s.ran(), []);
  await s.done();

  // Kept on: stored as the README says, informed rather than consented.
  const stored = /stores `(v2\|r2\|t…\|analytics:i\|embeds:0)`/.exec(README)?.[1];
  assert.ok(stored, "the README shows the value stored");
  const s2 = await h.openPage("/index.html");
  await s2.page.getByRole("button", { name: TEXT.save, exact: true }).click();
  const value = (await s2.waitConsentCookie(/analytics:i/)).value;
  assert.equal(value.replace(/\|t\d+\|/, "|t…|"), stored);
  await s2.done();
});

/** Every ```json block of the README, with the heading it stands under. */
function jsonBlocks() {
  const out = [];
  let heading = "";
  const lines = README.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (/^#{2,3} /.test(lines[i])) heading = lines[i];
    if (lines[i] === "```json") {
      const end = lines.indexOf("```", i + 1);
      out.push({ heading, text: lines.slice(i + 1, end).join("\n") });
      i = end;
    }
  }
  return out;
}

test("the README's API example reloads where a withdrawal through the API needs it (the API itself never reloads)", { timeout: TEST_TIMEOUT }, async () => {
  assert.match(API_RELOAD, /reloadNeeded/, "the example reads reloadNeeded");
  const h = await harness({ root: site(`${GATED}\n<script>\n${API_RELOAD}\n</script>`) });
  const s = await h.openPage("/index.html");
  await s.banner(BANNER).getByRole("button", { name: TEXT.accept, exact: true }).click();
  await s.waitRan(1);
  await s.page.evaluate(() => (window.__beforeReload = true));
  // Granting withdraws nothing: the example leaves the page alone.
  await s.page.evaluate(() => window.consentBanner.set({ embeds: true }));
  await s.settle();
  assert.equal(await s.page.evaluate(() => window.__beforeReload), true, "no reload after a grant");
  // From a page task, as a site's script calls it; the example's listener reloads.
  await Promise.all([
    s.page.waitForEvent("load", { timeout: 10_000 }),
    s.page.evaluate(() => void setTimeout(() => window.consentBanner.rejectAll())),
  ]);
  await s.ready();
  assert.equal(await s.page.evaluate(() => window.__beforeReload), undefined, "the example reloaded the page");
  assert.deepEqual(await s.ran(), [], "after the reload the withdrawn script does not run");
  await s.done();
});

test("every config example in the README is valid as written (no console error on a page)", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const blocks = jsonBlocks();
  const configs = blocks
    .map(({ heading, text }) => ({ heading, value: JSON.parse(text) }))
    // A receipt is what the component sends, not a config.
    .filter(({ value }) => !("event" in value))
    // A category entry is shown on its own: it goes in `categories`.
    .map(({ heading, value }) => ({ heading, config: "id" in value ? { categories: [value] } : value }));
  assert.ok(configs.length >= 3, `the README's config examples: ${configs.map((c) => c.heading).join(", ")}`);
  const h = await harness();
  for (const { heading, config } of configs) {
    const s = await h.openPage(`/plain.html?config=${encodeURIComponent(JSON.stringify(config))}`);
    await s.settle();
    assert.deepEqual(
      s.consoleErrors.filter((m) => m.startsWith("consent-banner:")),
      [],
      `the example under "${heading}" is refused: ${JSON.stringify(config)}`,
    );
    await s.done();
  }
});

// The npm package in a real Vite app (examples/vite). This file builds the app itself first
// (scripts/example.sh: `npm pack` of pkg/ into the app's node_modules, `consent-banner check` of its
// config, `tsc --noEmit`, `vite build`, `vite build --ssr`), so it always tests the current pkg/; then it loads the built page in
// Chromium and runs the server entry in Node.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ACCEPTED_ANALYTICS, REPO, TEST_TIMEOUT, TEXT, assertConsentCookieAttributes, createHarness } from "./helpers.mjs";

const PKG = path.join(REPO, "pkg");
const APP = path.join(REPO, "examples", "vite");
const DIST = path.join(APP, "dist");
const SSR = path.join(APP, "dist-ssr", "ssr.js");
const BANNER = "Cookies on Vite Example";

let h;
before(
  async () => {
    assert.ok(existsSync(path.join(PKG, "index.js")), "pkg/ is missing: run `make build` first");
    const started = Date.now();
    const build = spawnSync("bash", [path.join(REPO, "scripts", "example.sh"), PKG], { encoding: "utf8" });
    assert.equal(build.status, 0, `scripts/example.sh failed:\n${build.stdout}\n${build.stderr}`);
    assert.match(build.stdout, /^consent-config\.json: OK$/m, "the build checked the config first");
    console.log(`example built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // Vite writes its assets to dist/assets/, which is also where the harness serves `assets`.
    h = await createHarness({ root: DIST, assets: path.join(DIST, "assets"), requireComponent: false });
  },
  { timeout: 180_000 },
);
after(() => h?.close());

test("the Vite build emits the page, the stylesheet and the Wasm as a hashed asset, and a server entry", () => {
  const html = readFileSync(path.join(DIST, "index.html"), "utf8");
  assert.match(html, /<script type="text\/plain" data-consent="analytics">/, "Vite leaves the gated script inert");
  assert.match(html, /<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/, "the bundled entry");
  assert.match(html, /<link rel="stylesheet" crossorigin href="\/assets\/index-[\w-]+\.css">/, "the package's CSS, bundled");

  const assets = readdirSync(path.join(DIST, "assets"));
  const wasm = assets.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `one .wasm in dist/assets: ${assets}`);
  assert.match(wasm[0], /^consent_banner_bg-[\w-]+\.wasm$/);
  assert.ok(
    readFileSync(path.join(DIST, "assets", wasm[0])).equals(readFileSync(path.join(PKG, "consent_banner_bg.wasm"))),
    "the emitted .wasm is pkg/'s, byte for byte",
  );
  const js = assets.filter((f) => f.endsWith(".js")).map((f) => readFileSync(path.join(DIST, "assets", f), "utf8"));
  assert.ok(js.some((src) => src.includes(`/assets/${wasm[0]}`)), "the bundle loads the hashed .wasm");

  // The server entry keeps the package as an import, resolved by Node through its `exports`.
  assert.match(readFileSync(SSR, "utf8"), /from "consent-banner"/);
});

test("the built page: banner, nothing gated before consent, the gated script and the cookie after Accept", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  const banner = s.banner(BANNER);
  await banner.waitFor({ state: "visible" });
  assert.equal(await page.locator("[data-consent-banner]").count(), 1, "one banner");
  // The stylesheet imported from "consent-banner/consent-banner.css" applies: the banner is docked
  // at the bottom of the viewport, with its 0.25rem border on top.
  assert.deepEqual(
    await banner.evaluate((el) => ({ position: getComputedStyle(el).position, border: getComputedStyle(el).borderTopWidth })),
    { position: "fixed", border: "4px" },
  );
  // The settings form is drawn into the page's [data-consent-settings].
  await page.locator("[data-consent-settings]").getByRole("button", { name: TEXT.save }).waitFor({ state: "visible" });
  // The Wasm came from Vite's hashed asset, on this origin.
  const wasm = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.endsWith(".wasm")));
  assert.equal(wasm.length, 1, `one .wasm fetched: ${wasm}`);
  assert.match(new URL(wasm[0]).pathname, /^\/assets\/consent_banner_bg-[\w-]+\.wasm$/);

  await s.settle();
  assert.deepEqual(await s.ran(), [], "the gated script must not run before consent");
  assert.equal(await s.consentCookie(), null, "no cookie before a choice");
  assert.equal(await page.locator("#analytics-choice").textContent(), "no choice yet");

  await banner.getByRole("button", { name: TEXT.accept, exact: true }).click();
  await s.waitRan(1);
  assert.deepEqual(await s.ran(), ["vite-analytics"], "the gated script ran once, after Accept");
  assertConsentCookieAttributes(await s.waitConsentCookie(ACCEPTED_ANALYTICS));
  // main.ts's typed `on("change", …)` listener saw the choice.
  await page.locator("#analytics-choice", { hasText: /^on$/ }).waitFor({ timeout: 5_000 });
  s.assertNoThirdParty();
  await s.done();
});

test("the server entry runs in Node without a window: init() resolves to null, nothing throws", () => {
  const script = `
    const { render } = await import(${JSON.stringify(pathToFileURL(SSR).href)});
    const { banner, html } = await render();
    console.log(JSON.stringify({ banner, html, window: typeof window, document: typeof document }));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "--eval", script], { cwd: APP, encoding: "utf8" });
  assert.equal(run.status, 0, `node exited with ${run.status}:\n${run.stderr}`);
  assert.equal(run.stderr, "", "nothing written to stderr");
  const out = JSON.parse(run.stdout);
  assert.equal(out.banner, null, "init() resolves to null on the server");
  assert.match(out.html, /<output id="analytics-choice">no choice yet<\/output>/);
  assert.equal(out.window, "undefined", "init() defined no window");
  assert.equal(out.document, "undefined", "init() defined no document");
});

test("a bad config fails the app's build before Vite runs, naming each problem", () => {
  const app = mkdtempSync(path.join(os.tmpdir(), "cb-vite-bad-"));
  try {
    cpSync(APP, app, { recursive: true, filter: (f) => !/[/\\](node_modules|dist|dist-ssr)$/.test(f) });
    writeFileSync(path.join(app, "consent-config.json"), JSON.stringify({ siteName: "Vite Example", cookieDays: 0, colour: "red" }));
    const build = spawnSync("bash", [path.join(REPO, "scripts", "example.sh"), PKG, app], { encoding: "utf8" });
    assert.equal(build.status, 1, `${build.stdout}\n${build.stderr}`);
    assert.match(build.stderr, /^consent-config\.json: colour: is not a known field/m);
    assert.match(build.stderr, /^consent-config\.json: cookieDays: must be from 1 to 400 days, not 0$/m);
    assert.equal(existsSync(path.join(app, "dist")), false, "vite build did not run");
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});

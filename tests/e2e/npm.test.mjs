// The npm package (pkg/): its ES module entry in a page, and imported where there is no window.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { REPO, TEST_TIMEOUT, createHarness } from "./helpers.mjs";

const PKG = path.join(REPO, "pkg");
let h;
before(async () => {
  assert.ok(existsSync(path.join(PKG, "index.js")), "pkg/ is missing: run `make build` first");
  h = await createHarness({ assets: PKG, requireComponent: false });
});
after(() => h?.close());

test("package.json exports the ES module entry, its types and the stylesheet", () => {
  const pkg = JSON.parse(readFileSync(path.join(PKG, "package.json"), "utf8"));
  assert.equal(pkg.name, "consent-banner");
  assert.equal(pkg.type, "module");
  assert.equal(pkg.exports["."].import, "./index.js");
  assert.equal(pkg.exports["."].types, "./index.d.ts");
  assert.equal(pkg.exports["./consent-banner.css"], "./consent-banner.css");
  for (const file of pkg.files) assert.ok(existsSync(path.join(PKG, file)), `${file} is listed and present`);
  const types = readFileSync(path.join(PKG, "index.d.ts"), "utf8");
  assert.match(types, /export function init\(config\?: ConsentConfig\): Promise<ConsentBanner \| null>/);
  assert.match(readFileSync(path.join(PKG, "consent_banner.d.ts"), "utf8"), /acceptAll\(\): void;/);
});

test("init(config) in a page starts the banner once and resolves to window.consentBanner", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/npm.html");
  await s.page.getByRole("region", { name: "Cookies on Npm Site" }).waitFor({ state: "visible" });
  const same = await s.page.evaluate(async () => {
    const [a, b] = await Promise.all([window.__first, window.__second]);
    return a === b && a === window.consentBanner && typeof a.acceptAll === "function";
  });
  assert.equal(same, true, "both init() calls resolve to the one window.consentBanner");
  assert.equal(await s.page.locator("[data-consent-banner]").count(), 1, "one banner");
  await s.settle();
  s.assertNoThirdParty("before consent");
  await s.page.getByRole("button", { name: "Accept analytics cookies" }).click();
  await s.page.waitForFunction(() => (window.__ran || []).includes("ga"));
  assert.deepEqual(await s.page.evaluate(() => window.__ran), ["ga"]);
  await s.done();
});

test("imported without a window (server-side rendering), init() resolves to null and does nothing", async () => {
  const { init } = await import(pathToFileURL(path.join(PKG, "index.js")).href);
  assert.equal(await init({ siteName: "SSR" }), null);
  assert.equal(typeof globalThis.window, "undefined");
});

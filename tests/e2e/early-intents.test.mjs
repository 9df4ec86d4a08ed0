// A click that comes before the component is ready is not lost (issue 13; CONTRACT.md: "[data-consent-open]
// works from the moment the page is shown"). The Wasm is delayed as on a slow connection, and the
// visitor clicks the footer's "Cookie settings" while it is still downloading.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { TEST_TIMEOUT, TEXT, createHarness } from "./helpers.mjs";

/** How long each .wasm response is held back: the page is shown and usable meanwhile. */
const DELAY_MS = 1_500;
/** A stored choice the first stage runs with (analytics and embeds refused, revision 0). */
const RETURNING = [{ name: "cookieconsent_status", value: "v1|r0|t1700000000|analytics:0|embeds:0" }];

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

/** Opens `path` with every .wasm delayed (or answered `status`), without waiting for the component. */
async function openSlow(path, { cookies = [], status } = {}) {
  const s = await h.openPage("about:blank", { cookies, waitReady: false });
  const wasm = [];
  await s.page.route("**/*.wasm", async (route) => {
    wasm.push(new URL(route.request().url()).pathname);
    await new Promise((r) => setTimeout(r, DELAY_MS));
    return status ? route.fulfill({ status, body: "" }) : route.continue();
  });
  await s.page.goto(path, { waitUntil: "domcontentloaded" });
  return { s, wasm };
}

async function clickCookieSettingsEarly(s) {
  await s.page.locator("[data-consent-open]").first().click();
  assert.equal(await s.page.evaluate(() => window.__cbReady), false, "the click came before the component was ready");
}

test("returning visitor: Cookie settings clicked while the Wasm downloads opens the settings once ready", { timeout: TEST_TIMEOUT }, async () => {
  const { s, wasm } = await openSlow("/plain.html", { cookies: RETURNING });
  await clickCookieSettingsEarly(s);
  await s.ready();
  const form = s.banner().locator("form.cb-settings");
  await form.waitFor({ state: "visible", timeout: 10_000 });
  assert.ok(wasm.some((p) => p.endsWith("consent-banner_bg.wasm")), `the first stage started: ${wasm}`);
  assert.equal(await s.page.evaluate(() => location.hash), "", "the link's own action (#) was held back");
  assert.equal(await s.page.evaluate(() => window.__cbReadyCount), 1, "announced once");
  await s.done();
});

test("first visit: Cookie settings clicked before the banner opens the settings form, not just the banner", { timeout: TEST_TIMEOUT }, async () => {
  const { s } = await openSlow("/plain.html");
  await clickCookieSettingsEarly(s);
  await s.ready();
  const form = s.banner().locator("form.cb-settings");
  await form.waitFor({ state: "visible", timeout: 10_000 });
  assert.equal(await form.getByRole("button", { name: TEXT.save, exact: true }).count(), 1);
  await s.done();
});

test("if the component cannot start, a Cookie settings link clicked early is still followed", { timeout: TEST_TIMEOUT }, async () => {
  // index.html's footer link goes to /settings.html.
  const { s } = await openSlow("/index.html", { cookies: RETURNING, status: 404 });
  const link = s.page.locator("[data-consent-open]").first();
  assert.equal(await link.getAttribute("href"), "/settings.html");
  await Promise.all([s.page.waitForURL("**/settings.html", { timeout: 10_000 }), link.click()]);
  assert.ok(s.consoleErrors.some((m) => m.startsWith("consent-banner: could not start")), "the failure is logged");
  await s.close();
});

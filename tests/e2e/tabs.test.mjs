// Open tabs stay in step without a reload, and a cookie domain shares the choice across subdomains.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ACCEPTED_ANALYTICS, SHARED_DOMAIN, TEST_TIMEOUT, TEXT, choiceOf, createHarness, teamPage as page } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());


/** A second tab in the same browser context (same cookies), ready. */
async function secondTab(s, path) {
  const tab = await s.context.newPage();
  await tab.goto(path, { waitUntil: "load" });
  await tab.waitForFunction(() => window.__cbReady === true);
  return tab;
}

test("a choice made in one tab applies in the others: the banner goes, gated content starts, listeners hear it", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(page());
  const other = await secondTab(s, page());
  const otherBanner = other.getByRole("region", { name: "Cookies on Test Site", exact: true });
  await otherBanner.waitFor();
  await s.page.getByRole("button", { name: TEXT.accept }).click();
  await other.waitForFunction(() => (window.__ran || []).length === 2, null, { timeout: 5_000 });
  await otherBanner.waitFor({ state: "detached", timeout: 5_000 });
  assert.deepEqual(await other.evaluate(() => window.__cbEvents), [{ ...choiceOf({ analytics: true, embeds: false }), reloadNeeded: false }]);
  assert.deepEqual(await other.evaluate(() => window.consentBanner.get()), choiceOf({ analytics: true, embeds: false }));
  assert.equal(await other.locator("iframe[data-consent]").getAttribute("src"), null, "embeds still refused");

  // Granting embeds in the first tab loads the frame in the other.
  await s.page.evaluate(() => window.consentBanner.set({ embeds: true }));
  await other.waitForFunction(() => document.querySelector("iframe[data-consent]").getAttribute("src") !== null, null, { timeout: 5_000 });
  await s.done();
});

test("a single service granted in one tab is followed by the other: its frame loads there, the category's other frames stay blocked", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/services.html");
  const other = await secondTab(s, "/services.html");
  await s.settle();
  s.assertNoThirdParty("before a choice");
  // The visitor grants YouTube alone with its placeholder's button, in the first tab.
  await s.page.getByRole("button", { name: TEXT.showYouTube, exact: true }).click();
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:0\+youtube$/);
  await other.waitForFunction(() => document.getElementById("youtube").getAttribute("src") !== null, null, { timeout: 5_000 });
  await s.settle();
  assert.equal(await other.locator("#twitter").getAttribute("src"), null, "the Twitter/X frame stays blocked in the other tab");
  assert.equal(await other.getByRole("button", { name: TEXT.showYouTube, exact: true }).count(), 0, "its YouTube placeholder went");
  const expected = choiceOf({ analytics: false, embeds: false }, { youtube: true });
  assert.deepEqual(await other.evaluate(() => window.consentBanner.get()), expected);
  assert.deepEqual(await other.evaluate(() => window.__cbEvents), [{ ...expected, reloadNeeded: false }], "the other tab's listeners hear the service");
  const youtube = s.thirdParty.filter((r) => r.host === "www.youtube-nocookie.com");
  assert.equal(youtube.length, 2, "YouTube loaded in both tabs");
  assert.ok(!s.thirdParty.some((r) => r.host === "platform.twitter.com"), "Twitter/X was requested in neither tab");
  await s.done();
});

test("a withdrawal in another tab: what can stop stops, and a notice offers the reload that stops running scripts", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(page(), { cookies: [{ name: "cookieconsent_status", value: "v1|r0|t1700000000|analytics:1|embeds:1" }] });
  await s.waitRan(2);
  const other = await secondTab(s, page());
  await other.waitForFunction(() => (window.__ran || []).length === 2);
  // Withdraw in the first tab (through the API, which does not reload it: issue 14).
  await s.page.evaluate(() => window.consentBanner.rejectAll());
  const notice = other.getByText(/changed in another tab/);
  await notice.waitFor({ timeout: 5_000 });
  assert.equal(await other.locator("iframe[data-consent]").getAttribute("src"), null, "the frame is unloaded at once");
  assert.deepEqual(await other.evaluate(() => window.consentBanner.get()), choiceOf({ analytics: false, embeds: false }));
  const cookies = await s.cookieNames();
  assert.ok(!cookies.includes("_ga"), `analytics cookies deleted: ${cookies}`);
  const reload = other.getByRole("button", { name: "Reload this page" });
  await Promise.all([other.waitForNavigation(), reload.click()]);
  await other.waitForFunction(() => window.__cbReady === true);
  assert.deepEqual(await other.evaluate(() => window.__ran || []), [], "after the reload nothing runs");
  await s.done();
});

test("with cookieDomain the choice is shared by the site's subdomains; a domain that does not cover the host is refused with a warning", { timeout: TEST_TIMEOUT }, async () => {
  const port = new URL(h.url).port;
  const www = `http://www.${SHARED_DOMAIN}:${port}`;
  const shop = `http://shop.${SHARED_DOMAIN}:${port}`;
  const path = page({ cookieDomain: SHARED_DOMAIN });
  const s = await h.openPage(`${www}${path}`);
  await s.page.getByRole("button", { name: TEXT.accept }).click();
  const cookie = await s.waitConsentCookie(ACCEPTED_ANALYTICS);
  assert.equal(cookie.domain, `.${SHARED_DOMAIN}`);
  await s.page.goto(`${shop}${path}`);
  await s.ready();
  await s.waitRan(2);
  assert.equal(await s.page.getByRole("region", { name: "Cookies on Test Site", exact: true }).count(), 0, "no banner on the other subdomain");
  await s.close();

  const t = await h.openPage(`${www}${page({ cookieDomain: "example.org" })}`);
  await t.page.getByRole("button", { name: TEXT.accept }).click();
  const hostOnly = await t.waitConsentCookie(ACCEPTED_ANALYTICS);
  assert.equal(hostOnly.domain, `www.${SHARED_DOMAIN}`, "kept on this host");
  assert.ok(t.consoleMessages.some((m) => /cookieDomain.*example\.org.*does not cover/.test(m)), t.consoleMessages.join("\n"));
  await t.done();
});

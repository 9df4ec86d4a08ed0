// Accepting, rejecting, coming back, and withdrawing consent.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  ACCEPTED_ANALYTICS,
  ANALYTICS_ORDER,
  REJECTED_ALL,
  TEST_TIMEOUT,
  TEXT,
  TRACKING_COOKIES,
  assertConsentCookieAttributes,
  createHarness,
} from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

const PIXEL = "https://px.example.net/p.gif";

async function acceptViaBanner(s) {
  const banner = s.banner();
  await banner.getByRole("button", { name: TEXT.accept, exact: true }).click();
  return s.page.locator("[data-consent-banner] .cb-banner__confirmation").waitFor({ state: "visible" });
}

async function rejectViaBanner(s) {
  await s.banner().getByRole("button", { name: TEXT.reject, exact: true }).click();
  return s.page.locator("[data-consent-banner] .cb-banner__confirmation").waitFor({ state: "visible" });
}

async function waitFocusInConfirmation(s) {
  try {
    await s.page.waitForFunction(() => !!document.activeElement?.closest(".cb-banner__confirmation"), null, { timeout: 3_000 });
  } catch {
    assert.fail(`the confirmation should receive focus; focus is on ${JSON.stringify(await s.focused())}`);
  }
}

async function waitCookiesGone(s, names, timeout = 5_000) {
  const end = Date.now() + timeout;
  let left;
  do {
    const have = await s.cookieNames();
    left = names.filter((n) => have.includes(n));
    if (!left.length) return;
    await s.page.waitForTimeout(50);
  } while (Date.now() < end);
  assert.fail(`these cookies should have been deleted: ${left.join(", ")} (jar: ${(await s.cookieNames()).join(", ")})`);
}

test("accept: confirmation focused, cookie written, analytics scripts run once in order, pixel loads, embeds stay blocked", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  await s.banner().waitFor({ state: "visible" });
  await s.settle();
  s.assertNoThirdParty("before the click");

  s.mark("after accept");
  await acceptViaBanner(s);
  const confirmation = page.locator("[data-consent-banner] .cb-banner__confirmation");
  assert.match(await confirmation.innerText(), TEXT.accepted);
  await waitFocusInConfirmation(s);
  assert.equal(await s.banner().getByRole("button", { name: TEXT.accept, exact: true }).count(), 0, "the message is replaced by the confirmation");
  assert.equal(await confirmation.getByRole("link").count(), 1, "the confirmation links to the cookie settings");

  const cookie = await s.waitConsentCookie(ACCEPTED_ANALYTICS);
  assertConsentCookieAttributes(cookie);
  const t = Number(/\|t(\d+)\|/.exec(cookie.value)[1]);
  const now = Date.now();
  assert.ok(
    Math.abs(t - Math.floor(now / 1000)) < 120 || Math.abs(t - now) < 120_000,
    `the time of the choice (t${t}) should be now, in seconds or milliseconds`,
  );

  await s.waitRan(ANALYTICS_ORDER.length);
  await s.settle();
  assert.deepEqual(await s.ran(), ANALYTICS_ORDER, "each analytics script runs exactly once, in document order");

  await page.waitForFunction((u) => document.querySelector('img[data-consent="analytics"]').getAttribute("src") === u, PIXEL);
  const hosts = s.thirdParty.map((r) => r.host).sort();
  assert.deepEqual(
    hosts,
    ["px.example.net", "static.hotjar.com", "www.googletagmanager.com"],
    `exactly one request per granted third party:\n${s.thirdPartyUrls().join("\n")}`,
  );

  // Embeds were not granted.
  assert.equal(await page.locator('iframe[data-consent="embeds"]').getAttribute("src"), null, "the video stays blocked");
  assert.ok(await page.locator("[data-consent-placeholder]").isVisible(), "the video placeholder stays");

  const events = await s.changeEvents();
  assert.equal(events.length, 1, `one consent-banner:change event: ${JSON.stringify(events)}`);
  assert.equal(events[0].analytics, true);
  assert.equal(events[0].embeds, false);
  const choice = await page.evaluate(() => window.consentBanner.get());
  assert.equal(choice?.analytics, true);
  assert.equal(choice?.embeds, false);

  await s.banner().getByRole("button", { name: TEXT.hide, exact: true }).click();
  await s.banner().waitFor({ state: "hidden" });
  assert.equal(await page.locator("[data-consent-banner]:visible").count(), 0, "Hide cookie message removes the banner");
  await s.done();
});

test("reject: declared tracking cookies are deleted, others kept, nothing gated runs", { timeout: TEST_TIMEOUT }, async () => {
  const preset = [...TRACKING_COOKIES.map((name) => ({ name, value: "x1" })), { name: "site_theme", value: "dark" }];
  const s = await h.openPage("/index.html", { cookies: preset });
  const { page } = s;
  await s.banner().waitFor({ state: "visible" });

  await rejectViaBanner(s);
  assert.match(await page.locator(".cb-banner__confirmation").innerText(), TEXT.rejected);
  await waitFocusInConfirmation(s);
  const cookie = await s.waitConsentCookie(REJECTED_ALL);
  assertConsentCookieAttributes(cookie);
  await waitCookiesGone(s, TRACKING_COOKIES);
  assert.ok((await s.cookieNames()).includes("site_theme"), "a cookie the config does not declare is left alone");

  await s.settle();
  assert.deepEqual(await s.ran(), [], "no gated script runs after Reject");
  s.assertNoThirdParty("after Reject");
  assert.equal(await page.locator('img[data-consent="analytics"]').getAttribute("src"), null);
  const events = await s.changeEvents();
  assert.equal(events.length, 1, "one consent-banner:change event");
  assert.equal(events[0].analytics, false);
  assert.equal(events[0].embeds, false);

  await s.banner().getByRole("button", { name: TEXT.hide, exact: true }).click();
  await s.banner().waitFor({ state: "hidden" });
  await s.done();
});

test("an accepted choice survives a reload and applies on other pages: no banner, scripts run once per page", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.banner().waitFor({ state: "visible" });
  await acceptViaBanner(s);
  await s.waitConsentCookie(ACCEPTED_ANALYTICS);
  await s.waitRan(ANALYTICS_ORDER.length);

  await s.reload();
  await s.waitRan(ANALYTICS_ORDER.length);
  await s.settle();
  assert.equal(await s.page.locator("[data-consent-banner]:visible").count(), 0, "no banner after a choice");
  assert.equal(await s.banner().count(), 0);
  assert.deepEqual(await s.ran(), ANALYTICS_ORDER, "the scripts run again, once each, on the reloaded page");
  await s.page.waitForFunction(() => !!document.querySelector('img[data-consent="analytics"]').getAttribute("src"));
  assert.equal(await s.page.locator('iframe[data-consent="embeds"]').getAttribute("src"), null, "embeds still blocked");
  s.assertNoPageErrors();

  await s.goto("/settings.html");
  await s.waitRan(2);
  await s.settle();
  assert.deepEqual(await s.ran(), ["ga", "inline-1"], "another page runs its own gated scripts");
  assert.equal(await s.banner().count(), 0);
  await s.done();
});

test("a rejected choice survives a reload: no banner, nothing runs, nothing requested", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.banner().waitFor({ state: "visible" });
  await rejectViaBanner(s);
  await s.waitConsentCookie(REJECTED_ALL);

  s.thirdParty.length = 0;
  await s.reload();
  await s.settle();
  assert.equal(await s.banner().count(), 0, "no banner after a choice");
  assert.deepEqual(await s.ran(), []);
  s.assertNoThirdParty("after reloading with analytics refused");
  assert.equal(await s.page.locator('img[data-consent="analytics"]').getAttribute("src"), null);
  await s.done();
});

test("withdrawal on the settings page reloads the page, deletes tracking cookies, and stops the scripts", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html", { cookies: [{ name: "__utma", value: "1.2.3" }, { name: "_ga_XYZ123", value: "GS1.1" }] });
  const { page } = s;
  await s.banner().waitFor({ state: "visible" });
  await acceptViaBanner(s);
  await s.waitConsentCookie(ACCEPTED_ANALYTICS);
  await s.waitRan(ANALYTICS_ORDER.length);

  await s.goto("/settings.html");
  await s.waitRan(2);
  assert.equal(await s.banner().count(), 0, "no banner: the choice is made");
  const jar = await s.cookieNames();
  for (const n of ["_ga", "_gid", "_hjSessionUser_123", "__utma"]) assert.ok(jar.includes(n), `${n} was set (jar: ${jar})`);

  const form = page.locator("[data-consent-settings] form");
  await form.waitFor({ state: "visible" });
  const group = form.getByRole("group", { name: TEXT.analyticsLegend, exact: true });
  assert.equal(await group.count(), 1, `a fieldset named "${TEXT.analyticsLegend}"`);
  assert.equal(await group.getByRole("radio", { name: "Yes", exact: true }).isChecked(), true, "the form shows the current choice (Yes)");
  await group.getByRole("radio", { name: "No", exact: true }).check();

  await page.evaluate(() => (window.__beforeReload = true));
  const reloaded = page.waitForEvent("load", { timeout: 10_000 });
  s.mark("after withdrawal");
  await form.getByRole("button", { name: TEXT.save, exact: true }).click();
  try {
    await reloaded;
  } catch {
    assert.fail("saving a withdrawal after analytics scripts ran must reload the page");
  }
  await s.ready();
  assert.notEqual(await page.evaluate(() => window.__beforeReload), true, "the page was reloaded");

  const cookie = await s.waitConsentCookie(REJECTED_ALL);
  assertConsentCookieAttributes(cookie);
  await waitCookiesGone(s, ["_ga", "_ga_XYZ123", "_gid", "__utma", "_hjSessionUser_123"]);
  await s.settle();
  assert.deepEqual(await s.ran(), [], "no gated script runs after the withdrawal");
  assert.deepEqual(s.thirdParty.filter((r) => r.mark === "after withdrawal").map((r) => r.url), [], "nothing requested after the withdrawal");

  const saved = page.locator("[data-consent-settings]").getByRole("status").filter({ hasText: TEXT.saved });
  await saved.waitFor({ state: "visible" });
  const g2 = page.locator("[data-consent-settings] form").getByRole("group", { name: TEXT.analyticsLegend, exact: true });
  assert.equal(await g2.getByRole("radio", { name: "No", exact: true }).isChecked(), true, "the form shows the new choice");
  assert.equal(await s.banner().count(), 0, "no banner after the withdrawal");
  await s.done();
});

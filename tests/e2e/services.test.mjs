// Issue 14: consent per service. Two services of one category (YouTube and Twitter/X, both in
// `embeds`): granting one loads it alone, before and after a reload; an X post loaded by its
// script shows the same placeholder; refusing one service deletes only its cookies; a cookie
// written before services reads the same.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ANALYTICS_ORDER, TEST_TIMEOUT, TEXT, choiceOf, createHarness } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

const SHOW_X = "Accept cookies and show Twitter/X content";
const loaded = (page, id) => page.locator(`#${id}`).getAttribute("src");
const hosts = (s) => [...new Set(s.thirdParty.map((r) => r.host))].sort();

test("a service's placeholder loads it alone: nothing of the other service is requested, before or after a reload", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/services.html");
  const { page } = s;
  const youtube = page.getByRole("region", { name: "YouTube: A video", exact: true });
  const twitter = page.getByRole("region", { name: "Twitter/X: A post", exact: true });
  await youtube.waitFor({ state: "visible" });
  await twitter.waitFor({ state: "visible" });
  assert.equal(await twitter.getByRole("button", { name: SHOW_X, exact: true }).count(), 1, "each placeholder names its own service");
  await s.settle();
  s.assertNoThirdParty("before any choice");

  await youtube.getByRole("button", { name: TEXT.showYouTube, exact: true }).click();
  await page.waitForFunction(() => document.getElementById("youtube").getAttribute("src"));
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:0\+youtube$/);
  await s.settle();
  assert.equal(await loaded(page, "twitter"), null, "the other service's frame stays blocked");
  assert.ok(await twitter.isVisible(), "and keeps its placeholder");
  assert.deepEqual(hosts(s), ["www.youtube-nocookie.com"], "only YouTube was requested");

  s.mark("reloaded");
  await s.reload();
  await page.waitForFunction(() => document.getElementById("youtube").getAttribute("src"));
  await twitter.waitFor({ state: "visible" });
  await s.settle();
  assert.equal(await loaded(page, "twitter"), null);
  assert.deepEqual(hosts(s), ["www.youtube-nocookie.com"], "after a reload too, only YouTube");
  assert.ok(s.thirdParty.some((r) => r.mark === "reloaded" && r.host === "www.youtube-nocookie.com"), "YouTube loads at once on the next view");
  assert.deepEqual(await page.evaluate(() => window.consentBanner.get()), choiceOf({ analytics: false, embeds: false }, { youtube: true }));
  await s.done();
});

test("an X post loaded by its script: its fallback stands behind a placeholder that grants Twitter/X alone", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/post.html");
  const { page } = s;
  const post = page.getByRole("region", { name: "Twitter/X: A post", exact: true });
  await post.waitFor({ state: "visible" });
  assert.equal(await page.locator("#post").isVisible(), false, "the fallback is hidden behind the placeholder");
  await s.settle();
  s.assertNoThirdParty("before any choice");
  assert.deepEqual(await s.ran(), []);

  await post.getByRole("button", { name: SHOW_X, exact: true }).click();
  await s.waitRan(1);
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:0\+twitter$/);
  await s.settle();
  assert.deepEqual(await s.ran(), ["x-widgets"], "X's script ran once");
  assert.equal(await page.evaluate(() => window.__postShown), true, "the fallback was back when the script ran");
  assert.ok(await page.locator("#post").isVisible());
  assert.equal(await post.count(), 0, "the placeholder went");
  assert.equal(await loaded(page, "youtube"), null, "YouTube stays blocked");
  assert.deepEqual(hosts(s), ["platform.twitter.com"]);

  // Next view: the post's script runs without a click; the video still waits.
  await s.reload();
  await s.waitRan(1);
  await page.getByRole("region", { name: "YouTube: A video", exact: true }).waitFor({ state: "visible" });
  assert.equal(await page.locator('[data-consent-placeholder]').count(), 1, "only YouTube's placeholder");
  assert.deepEqual(hosts(s), ["platform.twitter.com"]);

  // Withdrawn through the API: the placeholder comes back, and the site is told a reload would
  // stop the script that ran.
  await page.evaluate(() => window.consentBanner.set({ services: { twitter: false } }));
  await page.getByRole("region", { name: "Twitter/X: A post", exact: true }).waitFor({ state: "visible" });
  assert.equal(await page.locator("#post").isVisible(), false);
  assert.equal(await page.evaluate(() => window.consentBanner.reloadNeeded()), true);
  await s.done();
});

test("refusing one service deletes only its cookies and leaves the others granted", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  await s.banner().getByRole("button", { name: TEXT.accept, exact: true }).click();
  await s.waitRan(ANALYTICS_ORDER.length);
  await page.waitForFunction(() => document.cookie.includes("_hjSessionUser_123") && document.cookie.includes("_ga="));

  await page.evaluate(() => window.consentBanner.set({ services: { hotjar: false } }));
  await s.waitConsentCookie(/\|analytics:0\+google-analytics\+adobe-analytics\+new-relic\+qualtrics\+celebrus\|embeds:0$/);
  const names = await s.cookieNames();
  assert.ok(!names.includes("_hjSessionUser_123"), `Hotjar's cookie is deleted: ${names}`);
  assert.ok(names.includes("_ga") && names.includes("_gid"), `Google Analytics' cookies stay: ${names}`);
  const choice = await page.evaluate(() => window.consentBanner.get());
  assert.equal(choice.analytics, false, "the category is no longer granted whole");
  assert.equal(choice.services.hotjar, false);
  assert.equal(choice.services["google-analytics"], true);
  await s.done();
});

test("a cookie written before services reads the same, in both stages, and is not rewritten", { timeout: TEST_TIMEOUT }, async () => {
  const OLD = "v1|r0|t1700000000|analytics:1|embeds:0";
  const s = await h.openPage("/services.html", { cookies: [{ name: "cookieconsent_status", value: OLD }] });
  const { page } = s;
  await s.waitRan(1);
  await page.getByRole("region", { name: "YouTube: A video", exact: true }).waitFor({ state: "visible" });
  assert.deepEqual(await s.ran(), ["ga"], "analytics granted as before");
  assert.deepEqual(await page.evaluate(() => window.consentBanner.get()), choiceOf({ analytics: true, embeds: false }));
  assert.equal((await s.consentCookie()).value, OLD, "read, not rewritten");
  assert.equal(await s.bannerShown(), false, "no question asked again");
  await s.done();
});

test("a script runs on its service only when it names it: a tag manager's host alone does not make Google's tag a Google Analytics script", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/services.html");
  const { page } = s;
  await s.banner().waitFor({ state: "visible" });
  await page.evaluate(() => {
    const main = document.querySelector("main");
    main.insertAdjacentHTML(
      "beforeend",
      `<script type="text/plain" data-consent="analytics">window.__ran=(window.__ran||[]).concat("category-only")<\/script>` +
        `<script type="text/plain" data-consent="analytics" data-service="google-analytics">window.__ran=(window.__ran||[]).concat("named")<\/script>` +
        `<script type="text/plain" data-consent="embeds" data-service="google-analytics">window.__ran=(window.__ran||[]).concat("wrong-category")<\/script>`,
    );
  });
  await page.evaluate(() => window.consentBanner.set({ services: { "google-analytics": true } }));
  await s.waitRan(1);
  await s.settle();
  // The head's gtag.js (googletagmanager.com, no data-service) needs the whole category.
  assert.deepEqual(await s.ran(), ["named"], "only the script that names Google Analytics, in its own category, ran");
  assert.ok(!s.thirdParty.some((r) => r.host === "www.googletagmanager.com"), "the tag manager's host was not requested");
  await page.evaluate(() => window.consentBanner.set({ analytics: true }));
  await s.waitRan(3);
  assert.deepEqual((await s.ran()).sort(), ["category-only", "ga", "named"], "the whole category runs the rest once each");
  await s.done();
});

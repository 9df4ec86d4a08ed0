// Google Consent Mode v2: the default goes into dataLayer before any gated Google tag runs, and an
// update follows every change. Entries must be real `arguments` objects (what gtag.js reads).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { SEND_GPC, TEST_TIMEOUT, TEXT, createHarness, teamPage } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

const DENIED = { ad_storage: "denied", ad_user_data: "denied", ad_personalization: "denied", analytics_storage: "denied" };
const ANALYTICS = { ...DENIED, analytics_storage: "granted" };

/** dataLayer as [kind, ...args] rows (dates as strings). */
function dataLayer(s) {
  return s.page.evaluate(() =>
    (window.dataLayer || []).map((e) => [Object.prototype.toString.call(e), ...JSON.parse(JSON.stringify(Array.prototype.slice.call(e)))]),
  );
}

test("first visit: the default (all denied) is the first entry and nothing Google runs; Accept sends an update before gtag.js loads", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(teamPage({}, { gtag: "page" }));
  await s.settle();
  assert.deepEqual(await dataLayer(s), [["[object Arguments]", "consent", "default", DENIED]]);
  assert.deepEqual(await s.ran(), []);
  s.assertNoThirdParty("before consent");

  await s.page.getByRole("button", { name: TEXT.accept }).click();
  await s.waitRan(2);
  const rows = await dataLayer(s);
  assert.deepEqual(rows.slice(0, 2), [
    ["[object Arguments]", "consent", "default", DENIED],
    ["[object Arguments]", "consent", "update", ANALYTICS],
  ]);
  assert.deepEqual(rows.slice(2).map((r) => r[1]), ["js", "config"], "the page's own gtag calls come after");
  const atLoad = await s.page.evaluate(() => window.__dataLayerAtLoad);
  assert.deepEqual(
    atLoad.map((e) => [e.kind, e.args[1]]),
    [["[object Arguments]", "default"], ["[object Arguments]", "update"]],
    "gtag.js found the default and the update, and nothing else, when it ran",
  );
  await s.done();
});

test("returning visitor: the default already carries the stored grant, ahead of the tag", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(teamPage(), { cookies: [{ name: "cookieconsent_status", value: "v1|r0|t1700000000|analytics:1|embeds:0" }] });
  await s.waitRan(2);
  const rows = await dataLayer(s);
  assert.deepEqual(rows[0], ["[object Arguments]", "consent", "default", ANALYTICS]);
  assert.deepEqual(rows.slice(1).map((r) => r[1]), ["js", "config"]);
  const atLoad = await s.page.evaluate(() => window.__dataLayerAtLoad);
  assert.deepEqual(atLoad.map((e) => e.args.slice(0, 2)), [["consent", "default"]]);
  await s.done();
});

test("without a gtag of its own the page gets dataLayer from the bootstrap; withdrawing sends a denied update", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(teamPage({ reloadOnWithdraw: false }));
  assert.deepEqual(await dataLayer(s), [["[object Arguments]", "consent", "default", DENIED]], "auto: a gated Google tag is on the page");
  await s.page.evaluate(() => window.consentBanner.acceptAll());
  await s.waitRan(2);
  await s.page.evaluate(() => window.consentBanner.set({ analytics: false }));
  const rows = await dataLayer(s);
  const updates = rows.filter((r) => r[2] === "update").map((r) => r[3].analytics_storage);
  assert.deepEqual(updates, ["granted", "denied"]);
  await s.done();
});

test("objection basis: before any choice the default grants analytics (its tag runs); with Global Privacy Control it is denied and nothing runs", { timeout: TEST_TIMEOUT }, async () => {
  const objection = { categories: [{ id: "analytics", basis: "objection" }], reloadOnWithdraw: false };
  let s = await h.openPage(teamPage(objection, { gtag: "page" }), { presumed: ["analytics"] });
  await s.waitRan(2);
  const rows = await dataLayer(s);
  assert.deepEqual(rows[0], ["[object Arguments]", "consent", "default", ANALYTICS], "the default says analytics is allowed");
  assert.equal(await s.page.evaluate(() => window.consentBanner.get()), null, "no choice was made");
  await s.done();

  s = await h.openPage(teamPage(objection, { gtag: "page" }), { initScripts: [SEND_GPC] });
  await s.settle();
  assert.deepEqual((await dataLayer(s))[0], ["[object Arguments]", "consent", "default", DENIED], "the signal objects");
  assert.deepEqual(await s.ran(), []);
  s.assertNoThirdParty("with the signal");
  await s.done();
});

test("mapping is configurable; consentMode: false sends nothing", { timeout: TEST_TIMEOUT }, async () => {
  const mapped = {
    categories: [{ id: "marketing", label: "Marketing cookies", description: "Adverts on other websites." }],
    consentTypes: { ad_storage: "marketing", functionality_storage: "necessary", personalization_storage: "embeds" },
  };
  let s = await h.openPage(teamPage(mapped));
  await s.page.evaluate(() => window.consentBanner.set({ marketing: true }));
  const rows = await dataLayer(s);
  assert.deepEqual(rows[0][3], {
    ad_storage: "denied", ad_user_data: "denied", ad_personalization: "denied", analytics_storage: "denied",
    functionality_storage: "granted", personalization_storage: "denied",
  });
  assert.deepEqual(rows[1][3], {
    ad_storage: "granted", ad_user_data: "granted", ad_personalization: "granted", analytics_storage: "denied",
    functionality_storage: "granted", personalization_storage: "denied",
  });
  await s.done();

  s = await h.openPage(teamPage({ consentMode: false }));
  await s.page.evaluate(() => window.consentBanner.acceptAll());
  await s.waitRan(2);
  const rowsOff = await dataLayer(s);
  assert.deepEqual(rowsOff.map((r) => r[1]), ["js", "config"], "no consent entries at all");
  await s.done();
});

test("auto: a Google tag added after start gets the default before it can run", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/toolbar.html");
  await s.settle();
  assert.equal(await s.page.evaluate(() => typeof window.dataLayer), "undefined", "no Google on the page yet: nothing sent");
  await s.page.evaluate(() => {
    const tag = document.createElement("script");
    tag.type = "text/plain";
    tag.dataset.consent = "analytics";
    tag.src = "https://www.googletagmanager.com/gtag/js?id=G-LATE";
    document.body.append(tag);
  });
  await s.page.waitForFunction(() => Array.isArray(window.dataLayer) && window.dataLayer.length === 1);
  assert.deepEqual(await dataLayer(s), [["[object Arguments]", "consent", "default", DENIED]]);
  await s.page.evaluate(() => window.consentBanner.acceptAll());
  await s.waitRan(1);
  const atLoad = await s.page.evaluate(() => window.__dataLayerAtLoad);
  assert.deepEqual(atLoad.map((e) => e.args.slice(0, 2)), [["consent", "default"], ["consent", "update"]]);
  await s.done();
});

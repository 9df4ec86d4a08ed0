// Global Privacy Control and proof of consent: the banner says when GPC is honoured, the visitor
// can still opt in, and each choice sends a JSON receipt with navigator.sendBeacon.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { BANNER_NAME, TEST_TIMEOUT, TEXT, choiceOf, createHarness, teamPage as page } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

const GPC_NOTE = /Global Privacy Control/;
const sendGpc = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });";

/** Collects the receipts the page sends to /receipts (answered 204, as a receipt endpoint would). */
async function collectReceipts(s) {
  const receipts = [];
  await s.context.route("**/receipts", async (route) => {
    const req = route.request();
    receipts.push({ method: req.method(), type: req.resourceType(), contentType: req.headers()["content-type"], body: JSON.parse(req.postData()) });
    await route.fulfill({ status: 204, body: "" });
  });
  return receipts;
}

async function waitFor(what, check, timeout = 5_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test("with Global Privacy Control, the covered categories start refused; with nothing left to ask no banner is shown, showBanner() says the signal was honoured, and the visitor can still opt in", { timeout: TEST_TIMEOUT }, async () => {
  // GPC covers analytics by default (issue 15); the config says it too.
  const s = await h.openPage(page({ categories: [{ id: "analytics", gpc: true }] }), { contextOptions: {}, waitReady: false });
  await s.context.addInitScript({ content: sendGpc });
  await s.reload();
  await s.settle();
  assert.equal(await s.banner(BANNER_NAME).count(), 0, "the signal answered everything the banner would ask");
  assert.deepEqual(await s.ran(), [], "nothing runs before an opt-in");
  assert.equal(await s.page.evaluate(() => window.consentBanner.get()), null);
  await s.page.evaluate(() => window.consentBanner.showBanner());
  const banner = s.banner(BANNER_NAME);
  await assert.doesNotReject(banner.getByText(GPC_NOTE).waitFor({ timeout: 2_000 }), "the GPC note is in the banner");
  assert.equal(await banner.getByRole("button", { name: TEXT.accept }).count(), 0, "no Accept that would grant nothing");
  // Opting in: the settings form.
  await banner.getByRole("link", { name: TEXT.choose }).click();
  const form = banner.locator("form.cb-settings");
  await form.locator('input[value="yes"][data-cb-category="analytics"]').check();
  await form.getByRole("button", { name: TEXT.save }).click();
  await s.waitRan(2);
  await s.done();
});

test("with Global Privacy Control and a banner that still asks, the banner says the signal was honoured", { timeout: TEST_TIMEOUT }, async () => {
  // A site whose banner also asks about embeds words it so (README, "Adding a category").
  const texts = { accept: "Accept cookies", reject: "Reject cookies" };
  const s = await h.openPage(page({ bannerCategories: ["analytics", "embeds"], texts }), { waitReady: false });
  await s.context.addInitScript({ content: sendGpc });
  await s.reload();
  const banner = s.banner(BANNER_NAME);
  await assert.doesNotReject(banner.getByText(GPC_NOTE).waitFor({ timeout: 2_000 }), "the GPC note is in the banner");
  await banner.getByRole("button", { name: texts.accept }).click();
  await s.waitConsentCookie(/\|analytics:0\|embeds:1$/);
  assert.deepEqual(await s.ran(), [], "Accept grants only what the signal left to ask");
  await s.done();
});

test("no GPC note without the signal, nor when the config covers no category", { timeout: TEST_TIMEOUT }, async () => {
  let s = await h.openPage(page({ categories: [{ id: "analytics", gpc: true }] }));
  await s.banner().waitFor();
  assert.equal(await s.banner().getByText(GPC_NOTE).count(), 0, "no signal, no note");
  await s.done();

  // GPC covers analytics by default (issue 15): this config takes it out.
  s = await h.openPage(page({ categories: [{ id: "analytics", gpc: false }] }), { waitReady: false });
  await s.context.addInitScript({ content: sendGpc });
  await s.reload();
  await s.banner().waitFor();
  assert.equal(await s.banner().getByText(GPC_NOTE).count(), 0, "no category covered, no note");
  await s.done();
});

test("each choice sends a receipt: categories, services, revision, time, language, text version, GPC, and the consent id only when configured", { timeout: TEST_TIMEOUT }, async () => {
  // Analytics out of GPC's default cover, so the banner still asks under the signal.
  const categories = [{ id: "analytics", gpc: false }];
  let s = await h.openPage(page({ revision: 3, receiptUrl: "/receipts", consentId: true, categories }), { waitReady: false });
  let receipts = await collectReceipts(s);
  await s.context.addInitScript({ content: sendGpc });
  await s.reload();
  await s.settle();
  assert.equal(receipts.length, 0, "no receipt before a choice");
  await s.page.getByRole("button", { name: TEXT.accept }).click();
  await waitFor("the accept receipt", () => receipts.length === 1);
  const [first] = receipts;
  assert.equal(first.method, "POST");
  assert.equal(first.type, "ping", "sent with navigator.sendBeacon");
  assert.match(first.contentType, /^text\/plain/, "a simple request: no preflight");
  const cookie = await s.consentCookie();
  const time = Number(/\|t(\d+)\|/.exec(cookie.value)[1]);
  assert.deepEqual(
    { ...first.body, consentId: undefined, textVersion: undefined },
    {
      consentId: undefined,
      textVersion: undefined,
      event: "accept",
      categories: { necessary: true, analytics: true, embeds: false },
      basis: { analytics: "consent", embeds: "consent" },
      services: choiceOf({ analytics: true, embeds: false }).services,
      revision: 3,
      time,
      language: "en",
      gpc: true,
    },
  );
  assert.deepEqual(Object.keys(first.body), ["consentId", "event", "categories", "basis", "services", "revision", "time", "language", "textVersion", "gpc"], "the documented key order");
  assert.match(first.body.consentId, /^[0-9a-f]{32}$/);
  assert.match(first.body.textVersion, /^[0-9a-f]{8}$/);

  // A service granted on its own, by its placeholder: recorded next to its refused category.
  await s.page.getByRole("button", { name: TEXT.showYouTube, exact: true }).click();
  await waitFor("the embed receipt", () => receipts.length === 2);
  assert.equal(receipts[1].body.event, "embed");
  assert.deepEqual(receipts[1].body.categories, { necessary: true, analytics: true, embeds: false });
  assert.deepEqual(receipts[1].body.services, choiceOf({ analytics: true, embeds: false }, { youtube: true }).services);

  await s.page.evaluate(() => window.consentBanner.set({ embeds: true }));
  await waitFor("the api receipt", () => receipts.length === 3);
  assert.equal(receipts[2].body.event, "api");
  assert.equal(receipts[2].body.categories.embeds, true);
  assert.deepEqual(receipts[2].body.services, choiceOf({ analytics: true, embeds: true }).services);
  assert.equal(receipts[2].body.consentId, first.body.consentId, "one id for this visitor's consent");
  assert.equal(receipts[2].body.textVersion, first.body.textVersion);
  await s.page.evaluate(() => window.consentBanner.reset());
  await waitFor("the reset receipt", () => receipts.length === 4);
  assert.equal(receipts[3].body.event, "reset");
  assert.deepEqual(receipts[3].body.categories, { necessary: true, analytics: false, embeds: false });
  assert.deepEqual(receipts[3].body.services, choiceOf({ analytics: false, embeds: false }).services);
  await s.close();

  // Welsh page, no id configured, different texts: no id and another text version.
  s = await h.openPage(page({ receiptUrl: "/receipts" }, { lang: "cy" }), { waitReady: false });
  receipts = await collectReceipts(s);
  await s.reload();
  await s.page.getByRole("button", { name: "Gwrthod cwcis dadansoddi" }).click();
  await waitFor("the reject receipt", () => receipts.length === 1);
  assert.equal(receipts[0].body.event, "reject");
  assert.equal(receipts[0].body.language, "cy");
  assert.equal(receipts[0].body.gpc, false);
  assert.equal("consentId" in receipts[0].body, false);
  assert.notEqual(receipts[0].body.textVersion, first.body.textVersion);
  await s.done();
});

test("on the objection basis, a receipt says so: a grant is `objection`, never consent; after reset() it records what is presumed", { timeout: TEST_TIMEOUT }, async () => {
  const config = { receiptUrl: "/receipts", categories: [{ id: "analytics", basis: "objection" }] };
  const basis = { analytics: "objection", embeds: "consent" };
  let s = await h.openPage(page(config), { waitReady: false, checkHosts: false });
  let receipts = await collectReceipts(s);
  await s.reload();
  await s.settle();
  assert.equal(receipts.length, 0, "no receipt before a choice, even with analytics presumed");
  // Informed and not objecting, through the API: stored as `i`, and the receipt names the basis.
  await s.page.evaluate(() => window.consentBanner.set({ analytics: true }));
  await waitFor("the api receipt", () => receipts.length === 1);
  assert.match((await s.consentCookie()).value, /^v2\|r0\|t\d+\|analytics:i\|embeds:0$/, "stored as informed, not as consent");
  assert.equal(receipts[0].body.event, "api");
  assert.deepEqual(receipts[0].body.categories, { necessary: true, analytics: true, embeds: false });
  assert.deepEqual(receipts[0].body.basis, basis);
  assert.deepEqual(Object.keys(receipts[0].body).slice(0, 4), ["event", "categories", "basis", "services"]);
  // The visitor objects.
  await s.page.evaluate(() => window.consentBanner.set({ analytics: false }));
  await waitFor("the objection's receipt", () => receipts.length === 2);
  assert.deepEqual(receipts[1].body.categories, { necessary: true, analytics: false, embeds: false });
  assert.deepEqual(receipts[1].body.basis, basis);
  // reset(): no choice, so what counts is the presumed one: analytics on, on the objection basis.
  await s.page.evaluate(() => window.consentBanner.reset());
  await waitFor("the reset receipt", () => receipts.length === 3);
  assert.equal(receipts[2].body.event, "reset");
  assert.deepEqual(receipts[2].body.categories, { necessary: true, analytics: true, embeds: false });
  assert.deepEqual(receipts[2].body.services, choiceOf({ analytics: true, embeds: false }).services);
  assert.deepEqual(receipts[2].body.basis, basis);
  await s.done();

  // With Global Privacy Control the signal objects for the visitor: reset() records analytics off.
  s = await h.openPage(page(config), { waitReady: false, checkHosts: false });
  receipts = await collectReceipts(s);
  await s.context.addInitScript({ content: sendGpc });
  await s.reload();
  await s.page.evaluate(() => window.consentBanner.reset());
  await waitFor("the reset receipt with GPC", () => receipts.length === 1);
  assert.equal(receipts[0].body.gpc, true);
  assert.deepEqual(receipts[0].body.categories, { necessary: true, analytics: false, embeds: false });
  assert.deepEqual(receipts[0].body.basis, basis);
  await s.done();
});

// The UK's statistics exception (CONTRACT.md, "Legal basis per category" and "Global Privacy
// Control"): a category on `basis: "objection"` runs before any choice, with an information notice
// that offers "Turn off"; hiding the notice records "informed"; Global Privacy Control objects for
// the visitor; a mixed banner asks only about consent categories. fixtures/statistics.html runs a
// first-party statistics tag (/stats.js) that sets a real cookie, `_stats_id`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { BANNER_NAME, SITE_NAME, TEST_TIMEOUT, TEXT, createHarness, formatViolations, recordAssets } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

// As the other accessibility tests run axe (a11y.test.mjs): WCAG 2.2 AA and best practices.
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const sendGpc = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });";

const STATS_COOKIE = { name: "_stats_id", provider: "This website", purpose: "Counts visits", expiry: "1 year" };
/** First-party statistics on objection; embeds stay on consent (asked for by placeholders). */
const OBJECTION = { siteName: SITE_NAME, categories: [{ id: "analytics", basis: "objection", cookies: [STATS_COOKIE] }] };
/** Statistics on objection, and a marketing category on consent that the banner asks about. */
const MIXED = {
  ...OBJECTION,
  categories: [...OBJECTION.categories, { id: "marketing", label: "Marketing cookies", description: "Adverts on other websites." }],
  bannerCategories: ["analytics", "marketing"],
  texts: {
    bannerRequest: "We'd also like to use marketing cookies to show you adverts on other websites.",
    accept: "Accept marketing cookies",
    reject: "Reject marketing cookies",
    accepted: "You've accepted marketing cookies.",
    rejected: "You've rejected marketing cookies.",
  },
};
/** Statistics on objection, and embedded content that the banner asks about. */
const WITH_EMBEDS = {
  ...OBJECTION,
  bannerCategories: ["analytics", "embeds"],
  texts: {
    bannerRequest: "We'd also like to show videos and posts from other websites, which may set their own cookies.",
    accept: "Accept embedded content",
    reject: "Reject embedded content",
  },
};

const NOTICE = {
  heading: `How we use cookies on ${SITE_NAME}`,
  request: /They[’']re on unless you turn them off\./,
  turnOff: "Turn off analytics cookies",
  hide: "Hide this message",
  turnedOff: /You[’']ve turned off analytics cookies\. You can change your cookie settings at any time\./,
};
const GPC_NOTE = /Global Privacy Control/;
const TURNED_OFF = /^v2\|r0\|t\d+\|analytics:0\|embeds:0$/;
const INFORMED = /^v2\|r0\|t\d+\|analytics:i\|embeds:0$/;

const page = (config, query = {}) => `/statistics.html?${new URLSearchParams({ ...query, config: JSON.stringify(config) })}`;
const statsCookie = async (s) => (await s.cookies()).find((c) => c.name === "_stats_id") ?? null;
const buttons = (s) => s.banner().getByRole("button").allTextContents();

async function assertNoViolations(s, state) {
  const results = await new AxeBuilder({ page: s.page }).withTags(AXE_TAGS).analyze();
  assert.deepEqual(results.violations.map((v) => v.id), [], `axe violations with ${state}:\n${formatViolations(results.violations)}`);
  assert.ok(results.passes.length > 0, "axe looked at something");
}

/** Opens `path` in a context whose browser sends Global Privacy Control. */
async function openWithGpc(path, opts = {}) {
  return h.openPage(path, { ...opts, initScripts: [sendGpc] });
}

/** Does `act` (a click, a key) and waits for the page the component reloads. */
async function reloadedBy(s, act) {
  const loaded = s.page.waitForEvent("load", { timeout: 10_000 });
  await act();
  await loaded;
  await s.ready();
}

/** Waits for the confirmation to hold focus, and returns its text. */
async function focusedConfirmation(s) {
  await s.page.waitForFunction(() => document.activeElement?.closest(".cb-banner__confirmation"), null, { timeout: 5_000 });
  return (await s.page.locator(".cb-banner__confirmation").textContent()).replace(/\s+/g, " ").trim();
}

/** The look that makes a button as prominent as another. */
const look = (locator) =>
  locator.evaluate((el) => {
    const cs = getComputedStyle(el);
    return { class: el.className, background: cs.backgroundColor, color: cs.color, size: cs.fontSize, weight: cs.fontWeight, border: cs.borderTopWidth, height: Math.round(el.getBoundingClientRect().height) };
  });

test("objection: the statistics tag runs on the first view with the information notice; Turn off analytics cookies stops it, deletes its cookie and confirms", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(page(OBJECTION));
  const banner = s.banner();
  await banner.waitFor({ state: "visible" });
  await s.waitRan(1);
  assert.deepEqual(await s.ran(), ["stats"], "the objection-based tag ran before any choice; the unknown marketing one did not");
  assert.ok(await statsCookie(s), "the tag set its cookie");
  assert.equal(await s.consentCookie(), null, "nothing stored before the visitor does anything");
  assert.equal(await s.page.evaluate(() => window.consentBanner.get()), null, "get() is the stored choice: none yet");

  // An information notice, not a consent request.
  assert.equal(await banner.getByRole("heading", { level: 2 }).textContent(), NOTICE.heading);
  await banner.getByText(NOTICE.request).waitFor();
  assert.deepEqual(await buttons(s), [NOTICE.turnOff, NOTICE.hide], "Turn off and Hide; no Accept or Reject");
  assert.equal(await banner.getByRole("link", { name: TEXT.choose }).count(), 1);
  const turnOff = banner.getByRole("button", { name: NOTICE.turnOff, exact: true });
  const [off, hide] = [await look(turnOff), await look(banner.getByRole("button", { name: NOTICE.hide }))];
  assert.deepEqual(off, hide, "Turn off is as prominent as the notice's other button");
  await assertNoViolations(s, "the information notice");

  // Keyboard only: the banner comes first; Turn off is its first stop. The tag already ran, so
  // turning it off reloads the page (as a withdrawal does), which then confirms with focus.
  await s.page.keyboard.press("Tab");
  assert.equal((await s.focused()).text, NOTICE.turnOff, "the first Tab stop is Turn off");
  await reloadedBy(s, () => s.page.keyboard.press("Enter"));
  assert.match(await focusedConfirmation(s), NOTICE.turnedOff);
  assert.deepEqual(await s.ran(), [], "the reloaded page did not run the tag");
  assert.equal(await statsCookie(s), null, "its cookie was deleted");
  assert.match((await s.consentCookie()).value, TURNED_OFF, "the objection is stored");
  assert.equal(await s.page.evaluate(() => window.consentBanner.get().analytics), false);
  await assertNoViolations(s, "the confirmation after Turn off");
  await s.tabUntil((f) => f.tag === "button" && f.text === TEXT.hide, { max: 4, what: `"${TEXT.hide}"` });
  await s.page.keyboard.press("Enter");
  await s.banner().waitFor({ state: "hidden" });

  // The next view: no notice, no tag, no cookie.
  await s.reload();
  await s.settle();
  assert.equal(await s.banner().count(), 0, "the notice does not come back");
  assert.deepEqual(await s.ran(), []);
  assert.equal(await statsCookie(s), null);
  await s.done();
});

test("objection: with reloadOnWithdraw off, Turn off confirms in place and reloadNeeded() says the tag still runs", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(page({ ...OBJECTION, reloadOnWithdraw: false }));
  await s.waitRan(1);
  await s.banner().getByRole("button", { name: NOTICE.turnOff }).click();
  assert.match(await focusedConfirmation(s), NOTICE.turnedOff);
  await s.waitConsentCookie(TURNED_OFF);
  assert.equal(await statsCookie(s), null, "its cookie was deleted at once");
  assert.equal(await s.page.evaluate(() => window.consentBanner.reloadNeeded()), true, "the tag that ran still runs until the page reloads");
  await s.done();
});

test("objection: hiding the notice records informed (analytics:i) and keeps it hidden; the returning visitor's page loads no full stage", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(page(OBJECTION));
  await s.banner().waitFor({ state: "visible" });
  await s.waitRan(1);
  // Keyboard only: Turn off, then Hide this message.
  await s.tabUntil((f) => f.tag === "button" && f.text === NOTICE.hide, { max: 3, what: `"${NOTICE.hide}"` });
  await s.page.keyboard.press("Enter");
  await s.banner().waitFor({ state: "hidden" });
  assert.match((await s.consentCookie()).value, INFORMED, "informed, never consent");
  assert.equal(await s.page.evaluate(() => window.consentBanner.get().analytics), true);
  assert.deepEqual(await s.ran(), ["stats"], "hiding ran nothing twice");

  const assets = recordAssets(s.page);
  await s.reload();
  await s.settle();
  assert.equal(await s.banner().count(), 0, "the notice stays hidden on the next page");
  assert.deepEqual(await s.ran(), ["stats"], "the tag runs on the next page");
  assert.ok(assets.includes("consent-banner_bg.wasm"), "the first stage ran");
  assert.ok(!assets.some((a) => a.startsWith("consent-banner-full")), `no full stage: ${assets.join(", ")}`);
  await s.done();
});

test("objection with Global Privacy Control: nothing objection-based runs, no banner has anything to say, showBanner() acknowledges the signal, and the next page runs on the first stage alone", { timeout: TEST_TIMEOUT }, async () => {
  const s = await openWithGpc(page(OBJECTION));
  await s.settle();
  assert.equal(await s.banner().count(), 0, "nothing to ask or inform about: no banner");
  assert.deepEqual(await s.ran(), [], "the signal objects for the visitor");
  assert.equal(await statsCookie(s), null);
  assert.equal(await s.page.evaluate(() => window.consentBanner.get()), null, "no choice stored");

  // Asked for, the banner says the signal was honoured and offers the settings.
  await s.page.evaluate(() => window.consentBanner.showBanner());
  const banner = s.banner();
  await banner.getByText(GPC_NOTE).waitFor();
  assert.deepEqual(await buttons(s), [TEXT.hide], "nothing to accept, reject or turn off");
  await assertNoViolations(s, "the GPC note");
  await s.page.keyboard.press("Tab");
  assert.equal((await s.focused()).text, TEXT.hide);
  await s.page.keyboard.press("Tab");
  assert.equal((await s.focused()).text, TEXT.choose, "then the settings link");
  await s.page.keyboard.press("Enter");
  const form = s.page.locator("form.cb-settings");
  await form.waitFor({ state: "visible" });
  assert.equal(await form.locator('input[value="yes"][data-cb-category="analytics"]').isChecked(), false, "the form shows it off");
  await s.close();

  // The full stage kept the config's digest: the next page needs nothing drawn.
  const next = await openWithGpc(page(OBJECTION), { waitReady: false });
  await next.settle();
  const assets = recordAssets(next.page);
  await next.reload();
  await next.settle();
  assert.ok(await next.page.evaluate(() => localStorage.getItem("consent-banner:config")), "a digest is kept");
  assert.ok(assets.includes("consent-banner_bg.wasm"), `the first stage ran: ${assets.join(", ")}`);
  assert.ok(!assets.some((a) => a.startsWith("consent-banner-full")), `no full stage: ${assets.join(", ")}`);
  assert.deepEqual(await next.ran(), []);
  assert.equal(await next.banner().count(), 0);
  await next.done();
});

test("Global Privacy Control with the default config: no banner; with a consent category left to ask, the banner asks about it alone and says the signal was honoured", { timeout: TEST_TIMEOUT }, async () => {
  let s = await openWithGpc(page({ siteName: SITE_NAME }));
  await s.settle();
  assert.equal(await s.banner().count(), 0, "GPC covers analytics by default: nothing left to ask");
  assert.deepEqual(await s.ran(), []);
  await s.done();

  s = await openWithGpc(page(WITH_EMBEDS));
  const banner = s.banner();
  await banner.getByText(GPC_NOTE).waitFor();
  assert.deepEqual(await buttons(s), ["Accept embedded content", "Reject embedded content"], "no Turn off: the signal objected already");
  await assertNoViolations(s, "a request with the GPC note");
  await s.page.keyboard.press("Tab");
  assert.equal((await s.focused()).text, "Accept embedded content");
  await s.page.keyboard.press("Enter");
  await s.waitConsentCookie(/\|analytics:0\|embeds:1$/);
  assert.deepEqual(await s.ran(), [], "Accept grants only what it asked about");
  await s.done();
});

test("mixed: the banner asks only about the consent category and offers Turn off for the objection one", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(page(MIXED));
  const banner = s.banner();
  await banner.waitFor({ state: "visible" });
  await s.waitRan(1);
  assert.deepEqual(await s.ran(), ["stats"], "statistics run, marketing waits for consent");
  assert.equal(await banner.getByRole("heading", { level: 2 }).textContent(), BANNER_NAME, "a request, headed as one");
  await banner.getByText("We'd also like to use marketing cookies").waitFor();
  await banner.getByText(NOTICE.request).waitFor();
  assert.deepEqual(await buttons(s), ["Accept marketing cookies", "Reject marketing cookies", NOTICE.turnOff]);
  const accept = await look(banner.getByRole("button", { name: "Accept marketing cookies" }));
  assert.deepEqual(await look(banner.getByRole("button", { name: NOTICE.turnOff })), accept, "Turn off as prominent as Accept");
  await assertNoViolations(s, "a mixed banner");

  // Keyboard only: Accept, Reject, Turn off.
  for (const name of ["Accept marketing cookies", "Reject marketing cookies"]) {
    await s.page.keyboard.press("Tab");
    assert.equal((await s.focused()).text, name);
  }
  await s.page.keyboard.press("Tab");
  assert.equal((await s.focused()).text, NOTICE.turnOff);
  await s.page.keyboard.press("Shift+Tab");
  await s.page.keyboard.press("Shift+Tab");
  await s.page.keyboard.press("Enter");
  await focusedConfirmation(s);
  await s.waitConsentCookie(/\|analytics:i\|embeds:0\|marketing:1$/);
  await s.waitRan(2);
  assert.deepEqual(await s.ran(), ["stats", "marketing"], "Accept granted marketing; statistics stayed on, recorded as informed");
  await s.done();
});

test("Welsh: the notice, Turn off and its confirmation on a lang=cy page; a site's texts rename Turn off", { timeout: TEST_TIMEOUT }, async () => {
  let s = await h.openPage(page(OBJECTION, { lang: "cy" }));
  const banner = s.banner(`Cwcis ar ${SITE_NAME}`);
  await banner.waitFor({ state: "visible" });
  assert.equal(await banner.getByRole("heading", { level: 2 }).textContent(), `Sut rydym yn defnyddio cwcis ar ${SITE_NAME}`);
  await banner.getByText("Maen nhw ymlaen oni bai eich bod yn eu diffodd.", { exact: false }).waitFor();
  assert.deepEqual(await banner.getByRole("button").allTextContents(), ["Diffodd cwcis dadansoddi", "Cuddio'r neges hon"]);
  await assertNoViolations(s, "the Welsh notice");
  await s.waitRan(1);
  await reloadedBy(s, () => banner.getByRole("button", { name: "Diffodd cwcis dadansoddi" }).click());
  assert.match(await focusedConfirmation(s), /Rydych wedi diffodd cwcis dadansoddi\. Gallwch newid eich gosodiadau cwcis ar unrhyw adeg\./);
  await s.done();

  // Every text can be set: the template and the built-in analytics category's name.
  s = await h.openPage(page({ ...OBJECTION, texts: { turnOff: "Stop {category}", analyticsName: "usage statistics", noticeHide: "Got it" } }));
  await s.banner().waitFor({ state: "visible" });
  assert.deepEqual(await buttons(s), ["Stop usage statistics", "Got it"]);
  await s.done();
});

test("after another tab's reset and after reset(), a banner with nothing to say stays away; with a notice to show, it comes back", { timeout: TEST_TIMEOUT }, async () => {
  const s = await openWithGpc(page(OBJECTION));
  await s.page.evaluate(() => window.consentBanner.set({ embeds: true }));
  await s.waitConsentCookie(/embeds:1/);
  await s.page.evaluate(() => window.consentBanner.reset());
  await s.settle();
  assert.equal(await s.banner().count(), 0, "reset() under GPC: nothing to ask");
  await s.page.evaluate(() => window.consentBanner.set({ embeds: true }));
  await s.waitConsentCookie(/embeds:1/);
  // Another tab forgets the choice.
  const other = await s.context.newPage();
  await other.goto(page(OBJECTION), { waitUntil: "load" });
  await other.waitForFunction(() => window.__cbReady === true, null, { timeout: 15_000 });
  await other.evaluate(() => window.consentBanner.reset());
  await s.page.waitForFunction(() => window.consentBanner.get() === null, null, { timeout: 5_000 });
  await s.settle();
  assert.equal(await s.banner().count(), 0, "another tab's reset under GPC: nothing to ask");
  await s.close();

  // Without the signal, reset() brings the notice back.
  const plain = await h.openPage(page(OBJECTION));
  await plain.banner().getByRole("button", { name: NOTICE.hide }).click();
  await plain.waitConsentCookie(INFORMED);
  await plain.page.evaluate(() => window.consentBanner.reset());
  await plain.banner().getByRole("button", { name: NOTICE.turnOff }).waitFor();
  await plain.done();
});

test("the receipt of a Turn off and of a hidden notice names the event", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(page({ ...OBJECTION, receiptUrl: "/receipts", reloadOnWithdraw: false }), { waitReady: false });
  const receipts = [];
  await s.context.route("**/receipts", async (route) => {
    receipts.push(JSON.parse(route.request().postData()));
    await route.fulfill({ status: 204, body: "" });
  });
  await s.reload();
  await s.banner().getByRole("button", { name: NOTICE.turnOff }).click();
  await s.page.waitForFunction(() => document.activeElement?.closest(".cb-banner__confirmation"));
  await s.page.evaluate(() => window.consentBanner.reset());
  await s.banner().getByRole("button", { name: NOTICE.hide }).click();
  const end = Date.now() + 5_000;
  while (receipts.length < 3 && Date.now() < end) await s.page.waitForTimeout(50);
  // After reset() the receipt records what counts without a choice: the objection-basis category on.
  assert.deepEqual(receipts.map((r) => [r.event, r.categories.analytics]), [["turn-off", false], ["reset", true], ["informed", true]]);
  assert.ok(receipts.every((r) => r.basis.analytics === "objection"), "every receipt names the basis");
  assert.ok(receipts.every((r) => r.gpc === false));
  await s.done();
});

test("an objection stands when the banner is shown again: Hide this message (or Reject in a mixed banner) does not turn it back on; informed turns off with the signal", { timeout: TEST_TIMEOUT }, async () => {
  let s = await h.openPage(page({ ...OBJECTION, reloadOnWithdraw: false }), { presumed: ["analytics"] });
  await s.banner().getByRole("button", { name: NOTICE.turnOff, exact: true }).click();
  assert.match((await s.consentCookie()).value, TURNED_OFF);
  await s.page.evaluate(() => window.consentBanner.showBanner());
  await s.banner().getByRole("button", { name: NOTICE.hide }).click();
  assert.match((await s.consentCookie()).value, TURNED_OFF, "hiding the notice again keeps the objection");
  await s.reload();
  await s.settle();
  assert.deepEqual(await s.ran(), [], "the tag stays off");
  await s.done();

  s = await h.openPage(page({ ...MIXED, reloadOnWithdraw: false }), { presumed: ["analytics"] });
  await s.banner().getByRole("button", { name: NOTICE.turnOff, exact: true }).click();
  await s.page.evaluate(() => window.consentBanner.showBanner());
  await s.banner().getByRole("button", { name: MIXED.texts.reject }).click();
  assert.match((await s.consentCookie()).value, /\|analytics:0\|/, "Reject keeps the earlier objection");
  await s.page.evaluate(() => window.consentBanner.showBanner());
  await s.banner().getByRole("button", { name: MIXED.texts.accept }).click();
  assert.match((await s.consentCookie()).value, /\|analytics:0\|.*marketing:1/, "Accept grants what it asks, and only that");
  await s.done();

  // Informed, then the browser sends Global Privacy Control: the signal objects.
  s = await openWithGpc(page(OBJECTION), { cookies: [{ name: "cookieconsent_status", value: "v2|r0|t1700000000|analytics:i|embeds:0" }] });
  await s.settle();
  assert.deepEqual(await s.ran(), [], "an informed answer does not outlast the signal");
  assert.equal(await s.page.evaluate(() => window.consentBanner.get().analytics), false);
  await s.done();
});

// The JavaScript API of the drop-in: window.consentBanner and its events.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ACCEPTED_ALL, ANALYTICS_ORDER, REJECTED_ALL, SERVICES, TEST_TIMEOUT, choiceOf, createHarness } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

const METHODS = ["get", "set", "acceptAll", "rejectAll", "reset", "showBanner", "showSettings", "on", "reloadNeeded"];

test("window.consentBanner is announced by consent-banner:ready; get() is null before a choice", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const state = await s.page.evaluate((methods) => ({
    readyCount: window.__cbReadyCount,
    hadObject: window.__cbReadyHadObject,
    types: Object.fromEntries(methods.map((m) => [m, typeof window.consentBanner?.[m]])),
    choice: window.consentBanner.get(),
  }), METHODS);
  assert.equal(state.readyCount, 1, "consent-banner:ready is dispatched once on document");
  assert.equal(state.hadObject, true, "window.consentBanner exists when consent-banner:ready fires");
  for (const m of METHODS) assert.equal(state.types[m], "function", `consentBanner.${m} is a function`);
  assert.equal(state.choice, null);
  await s.done();
});

test("set({ analytics: true }) grants analytics, fires on('change') and consent-banner:change", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  await page.evaluate(() => {
    window.__onChange = [];
    window.consentBanner.on("change", (c) => window.__onChange.push(JSON.parse(JSON.stringify(c ?? null))));
  });
  await page.evaluate(() => window.consentBanner.set({ analytics: true }));
  await s.waitRan(ANALYTICS_ORDER.length);
  await s.settle();
  assert.deepEqual(await s.ran(), ANALYTICS_ORDER);

  const events = await s.changeEvents();
  assert.equal(events.length, 1, `one consent-banner:change: ${JSON.stringify(events)}`);
  assert.equal(events[0].analytics, true, "event.detail.analytics === true");
  const calls = await page.evaluate(() => window.__onChange);
  assert.equal(calls.length, 1, "the on('change') callback is called once");
  assert.equal(calls[0]?.analytics, true, "the callback receives the choice");

  const choice = await page.evaluate(() => window.consentBanner.get());
  assert.equal(choice.analytics, true);
  assert.equal(choice.embeds, false, "set() leaves unnamed categories refused");
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:1\|embeds:0$/);
  assert.equal(await page.locator('iframe[data-consent="embeds"]').getAttribute("src"), null);
  await s.done();
});

test("rejectAll() refuses everything and writes the choice", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html", { cookies: [{ name: "_ga", value: "GA1.1.1" }] });
  await s.page.evaluate(() => window.consentBanner.rejectAll());
  await s.waitConsentCookie(REJECTED_ALL);
  await s.settle();
  const choice = await s.page.evaluate(() => window.consentBanner.get());
  assert.equal(choice.analytics, false);
  assert.equal(choice.embeds, false);
  assert.equal(choice.necessary ?? true, true, "necessary is never refused");
  assert.deepEqual(await s.ran(), []);
  s.assertNoThirdParty();
  assert.ok(!(await s.cookieNames()).includes("_ga"), "rejectAll deletes _ga");
  const events = await s.changeEvents();
  assert.equal(events.length, 1);
  assert.equal(events[0].analytics, false);
  await s.done();
});

test("acceptAll() grants every category: analytics scripts, pixel and iframe load", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  await page.evaluate(() => window.consentBanner.acceptAll());
  await s.waitConsentCookie(ACCEPTED_ALL);
  await s.waitRan(ANALYTICS_ORDER.length + 1);
  await s.settle();
  assert.deepEqual(await s.ran(), [...ANALYTICS_ORDER, "both"]);
  await page.waitForFunction(() => document.querySelector('iframe[data-consent="embeds"]').getAttribute("src") === "https://www.youtube-nocookie.com/embed/abc");
  const choice = await page.evaluate(() => window.consentBanner.get());
  assert.equal(choice.analytics, true);
  assert.equal(choice.embeds, true);
  const events = await s.changeEvents();
  assert.equal(events.length, 1);
  assert.equal(events[0].analytics, true);
  assert.equal(events[0].embeds, true);
  await s.done();
});

test("reset() forgets the choice and brings the banner back", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  await s.banner().waitFor({ state: "visible" });
  await page.evaluate(() => window.consentBanner.rejectAll());
  await s.waitConsentCookie(REJECTED_ALL);
  await s.reload();
  assert.equal(await s.banner().count(), 0, "no banner once a choice is stored");

  await page.evaluate(() => window.consentBanner.reset());
  await s.banner().waitFor({ state: "visible" });
  assert.equal(await page.evaluate(() => window.consentBanner.get()), null, "get() is null after reset()");
  assert.equal(await page.evaluate(() => document.body.firstElementChild.getAttribute("role")), "region", "the banner is again the first element of <body>");
  await s.settle();
  assert.deepEqual(await s.ran(), []);
  await s.done();
});

test("showBanner() and showSettings() open the banner and the settings after a choice", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html", { cookies: [{ name: "cookieconsent_status", value: "deny" }] });
  const { page } = s;
  assert.equal(await s.banner().count(), 0);
  await page.evaluate(() => window.consentBanner.showBanner());
  await s.banner().waitFor({ state: "visible" });

  await page.evaluate(() => window.consentBanner.showSettings());
  const form = page.locator("form.cb-settings");
  await form.first().waitFor({ state: "visible" });
  assert.equal(await form.getByRole("radio", { name: "No", exact: true }).first().isChecked(), true, "the form shows the stored choice");
  await s.done();
});

// Issue 19: every choice ends the question. A choice made through the API answers the banner,
// which goes (the site's own script asked; focus is not moved into a confirmation).
for (const [call, expected] of [
  ["rejectAll()", REJECTED_ALL],
  ["acceptAll()", ACCEPTED_ALL],
  ["set({ analytics: false })", /^v2\|r0\|t\d+\|analytics:0\|embeds:0$/],
]) {
  test(`${call} removes the banner that was asking`, { timeout: TEST_TIMEOUT }, async () => {
    const s = await h.openPage("/index.html");
    await s.banner().waitFor({ state: "visible" });
    await s.page.evaluate((code) => {
      // Started from a page task, as a site's own script would (and a reload, if any, is not awaited inside evaluate).
      setTimeout(() => new Function(`window.consentBanner.${code}`)(), 0);
    }, call);
    await s.waitConsentCookie(expected);
    await s.banner().waitFor({ state: "detached", timeout: 5_000 });
    assert.equal(await s.page.locator("[data-consent-banner]").count(), 0, "no banner region is left");
    assert.equal(
      await s.page.evaluate(() => document.documentElement.hasAttribute("data-cb-banner")),
      false,
      "the page is no longer padded for a docked banner",
    );
    await s.done();
  });
}

test("a choice through the API also closes the settings form open in the banner", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.banner().waitFor({ state: "visible" });
  await s.page.evaluate(() => window.consentBanner.showSettings());
  await s.banner().locator("form.cb-settings").waitFor({ state: "visible" });
  await s.page.evaluate(() => window.consentBanner.set({ analytics: false, embeds: false }));
  await s.waitConsentCookie(REJECTED_ALL);
  await s.banner().waitFor({ state: "detached", timeout: 5_000 });
  await s.done();
});

test("a choice through the API leaves a confirmation the visitor is reading", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.banner().getByRole("button", { name: "Reject analytics cookies", exact: true }).click();
  const confirmation = s.banner().locator(".cb-banner__confirmation");
  await confirmation.waitFor({ state: "visible" });
  await s.page.evaluate(() => window.consentBanner.set({ embeds: true }));
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:1$/);
  await s.settle();
  assert.equal(await confirmation.isVisible(), true, "the confirmation asks nothing: it stays until hidden");
  await s.done();
});

// Issue 14: API calls never reload the page by themselves (a reload would throw away a
// single-page app's state); the site learns that a withdrawal needs one, and decides.
const ANALYTICS_GRANTED = [{ name: "cookieconsent_status", value: "v1|r0|t1700000000|analytics:1|embeds:0" }];

/** Counts the page's own navigations (loads of its main frame) from now on. */
function countNavigations(page) {
  const count = { n: 0 };
  page.on("framenavigated", (frame) => frame === page.mainFrame() && count.n++);
  return count;
}

for (const [call, expected] of [
  ["rejectAll()", REJECTED_ALL],
  ["set({ analytics: false })", REJECTED_ALL],
  ["reset()", null],
]) {
  test(`${call} after analytics ran does not reload the page; reloadNeeded says a reload would stop them`, { timeout: TEST_TIMEOUT }, async () => {
    const s = await h.openPage("/index.html", { cookies: ANALYTICS_GRANTED });
    const { page } = s;
    await s.waitRan(ANALYTICS_ORDER.length);
    await page.evaluate(() => {
      window.__appState = "kept";
      window.__heard = [];
      window.consentBanner.on("change", (change) => window.__heard.push(JSON.parse(JSON.stringify(change))));
    });
    assert.equal(await page.evaluate(() => window.consentBanner.reloadNeeded()), false, "nothing withdrawn yet");
    const navigations = countNavigations(page);
    // From a page task, as a site's own script calls it (a reload there would not hang evaluate).
    await page.evaluate((code) => void setTimeout(() => new Function(`window.consentBanner.${code}`)()), call);
    if (expected) await s.waitConsentCookie(expected);
    else await s.banner().waitFor({ state: "visible" });
    await s.settle();

    assert.equal(navigations.n, 0, `${call} navigated ${navigations.n} times`);
    assert.equal(await page.evaluate(() => window.__appState), "kept", "the page's state survives");
    assert.equal(await page.evaluate(() => window.consentBanner.reloadNeeded()), true, "reloadNeeded(): analytics ran and is withdrawn");
    const events = await s.changeEvents();
    assert.equal(events.length, 1, JSON.stringify(events));
    const heard = await page.evaluate(() => window.__heard);
    if (expected) {
      assert.equal(events[0].analytics, false);
      assert.equal(events[0].reloadNeeded, true, "event.detail.reloadNeeded");
      assert.deepEqual(heard, [events[0]], "on('change') gets the same change");
    } else {
      assert.equal(events[0], null, "reset(): the detail is null, as get() is");
      assert.deepEqual(heard, [null]);
    }
    await s.done();
  });
}

test("a change that withdraws nothing that ran says reloadNeeded: false, and granting again clears reloadNeeded()", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html", { cookies: ANALYTICS_GRANTED });
  const { page } = s;
  await s.waitRan(ANALYTICS_ORDER.length);
  const navigations = countNavigations(page);
  await page.evaluate(() => window.consentBanner.set({ analytics: false }));
  await page.evaluate(() => window.consentBanner.set({ embeds: false }));
  assert.equal(await page.evaluate(() => window.consentBanner.reloadNeeded()), true, "analytics still runs, refused");
  await page.evaluate(() => window.consentBanner.set({ analytics: true }));
  assert.equal(await page.evaluate(() => window.consentBanner.reloadNeeded()), false, "analytics is allowed again");
  await s.settle();
  const events = await s.changeEvents();
  assert.deepEqual(
    events.map((e) => [e.analytics, e.reloadNeeded]),
    [[false, true], [false, false], [true, false]],
    "only the change that withdrew analytics says a reload is needed",
  );
  assert.equal(navigations.n, 0);
  await s.done();
});

test("withdrawing when nothing ran: a loaded frame is unloaded in place, reloadNeeded is false", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html", { cookies: [{ name: "cookieconsent_status", value: "v1|r0|t1700000000|analytics:0|embeds:1" }] });
  const { page } = s;
  const frame = page.locator('iframe[data-consent="embeds"]');
  await page.waitForFunction(() => document.querySelector('iframe[data-consent="embeds"]').getAttribute("src") !== null);
  const navigations = countNavigations(page);
  await page.evaluate(() => window.consentBanner.rejectAll());
  await s.waitConsentCookie(REJECTED_ALL);
  await s.settle();
  assert.equal(await frame.getAttribute("src"), null, "the frame is unloaded");
  assert.equal(await page.evaluate(() => window.consentBanner.reloadNeeded()), false);
  const events = await s.changeEvents();
  assert.equal(events.length, 1);
  assert.equal(events[0].reloadNeeded, false);
  assert.deepEqual(await s.ran(), [], "no script ran");
  assert.equal(navigations.n, 0);
  await s.done();
});

// Issue 14: consent per service. services.html holds a YouTube frame and a Twitter/X frame, both
// in `embeds` and known by the hosts they load from.
const VIDEO = "https://www.youtube-nocookie.com/embed/abc";
const frameSrc = (page, id) => page.locator(`#${id}`).getAttribute("src");

test("set({ services: { youtube: true } }) grants YouTube alone; get() and the change event list every service", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/services.html");
  const { page } = s;
  await page.evaluate(() => {
    window.__onChange = [];
    window.consentBanner.on("change", (c) => window.__onChange.push(JSON.parse(JSON.stringify(c ?? null))));
  });
  await s.settle();
  s.assertNoThirdParty("before a choice");

  s.mark("after set");
  await page.evaluate(() => window.consentBanner.set({ services: { youtube: true } }));
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:0\+youtube$/);
  await page.waitForFunction((u) => document.getElementById("youtube").getAttribute("src") === u, VIDEO, { timeout: 5_000 });
  await s.settle();
  assert.equal(await frameSrc(page, "twitter"), null, "the Twitter/X frame stays blocked");
  assert.deepEqual([...new Set(s.thirdParty.map((r) => r.host))], ["www.youtube-nocookie.com"], "YouTube alone was requested");

  const expected = choiceOf({ analytics: false, embeds: false }, { youtube: true });
  assert.equal(Object.keys(expected.services).length, 11, "every built-in service");
  assert.deepEqual(await page.evaluate(() => window.consentBanner.get()), expected);
  const change = { ...expected, reloadNeeded: false };
  assert.deepEqual(await s.changeEvents(), [change], "consent-banner:change carries services");
  assert.deepEqual(await page.evaluate(() => window.__onChange), [change], "so does on('change')");

  // The next page view reads the service from the cookie: YouTube again, Twitter/X never.
  s.mark("after reload");
  await s.reload();
  await page.waitForFunction((u) => document.getElementById("youtube").getAttribute("src") === u, VIDEO, { timeout: 5_000 });
  await s.settle();
  assert.equal(await frameSrc(page, "twitter"), null);
  assert.deepEqual(await page.evaluate(() => window.consentBanner.get()), expected);
  assert.ok(!s.thirdParty.some((r) => r.host === "platform.twitter.com"), "Twitter/X was never requested");
  await s.done();
});

test("a category's answer goes to all its services; refusing one service refuses its category and keeps the others", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/services.html");
  const { page } = s;
  await page.evaluate(() => window.consentBanner.set({ embeds: true }));
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:1$/);
  assert.deepEqual(await page.evaluate(() => window.consentBanner.get()), choiceOf({ analytics: false, embeds: true }));
  await page.waitForFunction(() => document.getElementById("twitter").getAttribute("src") !== null, null, { timeout: 5_000 });

  await page.evaluate(() => window.consentBanner.set({ services: { twitter: false } }));
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:0\+youtube\+brightcove\+linkedin\+google-translate$/);
  const expected = choiceOf({ analytics: false, embeds: true }, { twitter: false });
  expected.embeds = false;
  assert.deepEqual(await page.evaluate(() => window.consentBanner.get()), expected);
  assert.deepEqual((await s.changeEvents()).at(-1), { ...expected, reloadNeeded: false });
  await page.waitForFunction(() => document.getElementById("twitter").getAttribute("src") === null, null, { timeout: 5_000 });
  assert.equal(await frameSrc(page, "youtube"), VIDEO, "the YouTube frame stays");
  await s.done();
});

test("set() throws a clear error on an unknown id, an id of the other kind, a non-boolean or a `services` that is no object, and changes nothing", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/services.html");
  const thrown = await s.page.evaluate(() => {
    const calls = [
      "set({ services: { vimeo: true } })",
      "set({ marketing: true })",
      "set({ youtube: true })",
      "set({ services: { analytics: true } })",
      'set({ services: { youtube: "yes" } })',
      "set({ analytics: 1 })",
      "set({ services: true })",
      "set({ services: null })",
      "set(null)",
    ];
    return calls.map((call) => {
      try {
        new Function("banner", `banner.${call}`)(window.consentBanner);
        return [call, "no error"];
      } catch (e) {
        return [call, e instanceof Error ? e.message : `not an Error: ${e}`];
      }
    });
  });
  const SERVICE_IDS = [...SERVICES.analytics, ...SERVICES.embeds].join(", ");
  assert.deepEqual(Object.fromEntries(thrown), {
    "set({ services: { vimeo: true } })": `consent-banner: set(): no service \`vimeo\` (this config has: ${SERVICE_IDS})`,
    "set({ marketing: true })": "consent-banner: set(): no category `marketing` (this config has: analytics, embeds)",
    "set({ youtube: true })": 'consent-banner: set(): `youtube` is a service, not a category: use set({ services: { "youtube": true } })',
    "set({ services: { analytics: true } })": 'consent-banner: set(): `analytics` is a category, not a service: use set({ "analytics": true })',
    'set({ services: { youtube: "yes" } })': "consent-banner: set(): `services.youtube` must be true or false",
    "set({ analytics: 1 })": "consent-banner: set(): `analytics` must be true or false",
    "set({ services: true })": "consent-banner: set(): `services` must be an object such as { youtube: true }",
    "set({ services: null })": "consent-banner: set(): `services` must be an object such as { youtube: true }",
    "set(null)": "consent-banner: set() takes an object such as { analytics: true, services: { youtube: true } }",
  });
  await s.settle();
  assert.equal(await s.consentCookie(), null, "no choice was stored");
  assert.equal(await s.page.evaluate(() => window.consentBanner.get()), null);
  assert.deepEqual(await s.changeEvents(), []);
  s.assertNoThirdParty();
  await s.done();
});

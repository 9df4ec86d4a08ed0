// The accessibility toolbar: each control and its cookie, persistence, reset, translation behind
// the embeds gate, the visitor's system settings, keyboard use, and the toolbar on its own.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { TEST_TIMEOUT, cookieList, createHarness } from "./helpers.mjs";

const TOOLBAR_COOKIES = ["contrast-mode", "saveFontSize", "accessibility-controls", "googtrans"];

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

const toggle = (s) => s.page.getByRole("button", { name: "Accessibility tools", exact: true });
const html = (s) =>
  s.page.evaluate(() => ({
    contrast: document.documentElement.getAttribute("data-cb-contrast"),
    size: document.documentElement.getAttribute("data-cb-text-size"),
    rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
    h1Px: parseFloat(getComputedStyle(document.querySelector("h1")).fontSize),
    bg: getComputedStyle(document.body).backgroundColor,
    color: getComputedStyle(document.querySelector("main p")).color,
    link: getComputedStyle(document.querySelector("main p a")).textDecorationLine,
  }));
const status = (s) => s.page.locator("[data-cb-toolbar] [role=status]");

async function cookie(s, name) {
  return (await s.cookies()).find((c) => c.name === name) ?? null;
}

/** A toolbar cookie as the contract wants it: first-party, Path=/, SameSite=Lax. */
async function assertToolbarCookie(s, name, value) {
  const c = await cookie(s, name);
  assert.ok(c, `${name} should be set`);
  assert.equal(c.value, value, `${name} value`);
  assert.equal(c.path, "/", `${name} Path`);
  assert.equal(c.sameSite, "Lax", `${name} SameSite`);
  assert.equal(c.domain, "127.0.0.1", `${name} is first-party, host-only`);
  assert.equal(c.httpOnly, false);
  return c;
}

async function assertNoToolbarCookies(s, when) {
  const names = await s.cookieNames();
  assert.deepEqual(names.filter((n) => TOOLBAR_COOKIES.includes(n)), [], `no toolbar cookie ${when}`);
}

test("toolbar: nothing stored until used; the toggle opens it, says so and keeps it open", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/toolbar.html");
  await toggle(s).waitFor();
  assert.equal(await toggle(s).getAttribute("aria-expanded"), "false");
  assert.equal(await s.page.getByRole("radiogroup", { name: "Colour contrast" }).isVisible(), false, "closed at first");
  await s.settle();
  await assertNoToolbarCookies(s, "before the visitor acts");

  await toggle(s).click();
  assert.equal(await toggle(s).getAttribute("aria-expanded"), "true");
  assert.equal(await s.page.getByRole("radiogroup", { name: "Colour contrast" }).isVisible(), true);
  const c = await assertToolbarCookie(s, "accessibility-controls", "open");
  const days = (c.expires * 1000 - Date.now()) / 86_400_000;
  assert.ok(days > 363 && days < 367, `lives a year, not ${days}`);
  // Only the toolbar's own cookie: using the toolbar answers nothing about consent.
  assert.ok(!(await s.cookieNames()).includes("cookieconsent_status"));

  await s.reload();
  assert.equal(await toggle(s).getAttribute("aria-expanded"), "true", "still open after a reload");
  assert.equal(await s.page.getByRole("button", { name: "Increase text size" }).isVisible(), true);
  await toggle(s).click();
  await assertToolbarCookie(s, "accessibility-controls", "closed");
  assert.equal(await s.page.getByRole("button", { name: "Increase text size" }).isVisible(), false);
  s.assertNoThirdParty("using the toolbar");
  await s.done();
});

test("toolbar: colour contrast modes restyle the whole page, are stored and announced", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/toolbar.html");
  await toggle(s).click();
  const group = s.page.getByRole("radiogroup", { name: "Colour contrast" });
  assert.equal(await group.getByRole("radio", { name: "Default" }).isChecked(), true);
  const before = await html(s);
  assert.equal(before.contrast, null);

  await group.getByRole("radio", { name: "High contrast" }).check();
  let look = await html(s);
  assert.equal(look.contrast, "high");
  assert.equal(look.bg, "rgb(255, 255, 255)");
  assert.equal(look.color, "rgb(0, 0, 0)");
  assert.equal(look.link, "underline");
  await assertToolbarCookie(s, "contrast-mode", "high");
  assert.equal(await status(s).textContent(), "Colour contrast: High contrast");

  await group.getByRole("radio", { name: "Yellow on black" }).check();
  look = await html(s);
  assert.equal(look.contrast, "yellow-black");
  assert.equal(look.bg, "rgb(0, 0, 0)");
  assert.equal(look.color, "rgb(255, 255, 0)");
  await assertToolbarCookie(s, "contrast-mode", "yellow-black");
  // The banner and the placeholder follow too.
  const bannerBg = await s.page.evaluate(() => getComputedStyle(document.querySelector("[data-consent-banner]")).backgroundColor);
  assert.equal(bannerBg, "rgb(0, 0, 0)");

  await s.reload();
  look = await html(s);
  assert.equal(look.contrast, "yellow-black", "kept after a reload");
  assert.equal(look.bg, "rgb(0, 0, 0)");
  assert.equal(await group.getByRole("radio", { name: "Yellow on black" }).isChecked(), true);

  await group.getByRole("radio", { name: "Default" }).check();
  look = await html(s);
  assert.equal(look.contrast, null);
  assert.equal(look.bg, before.bg, "the site's own colours are back");
  await assertToolbarCookie(s, "contrast-mode", "default");
  await s.done();
});

test("toolbar: text size steps from 100% to 200% on the root font size, stored and announced", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/toolbar.html");
  await toggle(s).click();
  const base = await html(s);
  const larger = s.page.getByRole("button", { name: "Increase text size", exact: true });
  const smaller = s.page.getByRole("button", { name: "Decrease text size", exact: true });
  const seen = [];
  for (let i = 0; i < 5; i++) {
    await larger.click();
    seen.push(await status(s).textContent());
  }
  assert.deepEqual(seen, ["Text size 125%", "Text size 150%", "Text size 175%", "Text size 200%", "Text size 200%"]);
  let look = await html(s);
  assert.equal(look.size, "200");
  assert.equal(look.rootPx, base.rootPx * 2, "root font size doubled");
  assert.equal(look.h1Px, base.h1Px * 2, "rem-sized text follows");
  await assertToolbarCookie(s, "saveFontSize", "200");
  await smaller.click();
  assert.equal(await status(s).textContent(), "Text size 175%");
  await assertToolbarCookie(s, "saveFontSize", "175");

  await s.reload();
  look = await html(s);
  assert.equal(look.rootPx, base.rootPx * 1.75, "kept after a reload");
  assert.equal(await s.page.locator("[data-cb-toolbar-size]").textContent(), "175%");
  for (let i = 0; i < 5; i++) await smaller.click();
  look = await html(s);
  assert.equal(look.size, null);
  assert.equal(look.rootPx, base.rootPx);
  assert.equal(await s.page.evaluate(() => document.documentElement.style.fontSize), "", "no inline size left at 100%");
  await s.done();
});

test("toolbar: reset removes every toolbar cookie and restores the default look", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/toolbar.html", {
    cookies: cookieList({ "contrast-mode": "high", saveFontSize: "150", "accessibility-controls": "open", googtrans: "/en/cy" }),
  });
  assert.equal((await html(s)).contrast, "high");
  await s.page.getByRole("button", { name: "Reset accessibility settings" }).click();
  await s.page.waitForFunction(() => !document.documentElement.hasAttribute("data-cb-contrast"));
  const look = await html(s);
  assert.equal(look.size, null);
  assert.equal(look.rootPx, 16);
  await assertNoToolbarCookies(s, "after reset");
  assert.equal(await status(s).textContent(), "Accessibility settings reset");
  assert.equal(await s.page.getByRole("radio", { name: "Default" }).isChecked(), true);
  assert.equal(await s.page.locator("[data-cb-toolbar-size]").textContent(), "100%");
  await s.done();
});

test("toolbar: unreadable cookies mean the default look, in the bootstrap and in the Wasm alike", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/toolbar.html", {
    cookies: cookieList({ "contrast-mode": "purple", saveFontSize: "0150", "accessibility-controls": "yes" }),
  });
  const look = await html(s);
  assert.equal(look.contrast, null);
  assert.equal(look.size, null);
  assert.equal(look.rootPx, 16);
  assert.equal(await toggle(s).getAttribute("aria-expanded"), "false");
  s.assertNoPageErrors();
  assert.deepEqual(s.consoleErrors, []);
  await s.done();
});

test("toolbar: translation explains itself and loads Google Translate only once it is granted", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/toolbar.html");
  await toggle(s).click();
  const translate = s.page.getByRole("button", { name: "Translate this page", exact: true });
  await translate.click();
  assert.equal(await translate.getAttribute("aria-expanded"), "true");
  await s.page.getByText(/Loading it sends the address and text of this page to Google/).waitFor();
  assert.equal(await s.page.getByRole("group", { name: "Choose a language" }).isVisible(), false, "no languages before consent");
  await s.settle();
  s.assertNoThirdParty("before embeds is granted");

  s.mark("allowed");
  await s.page.getByRole("button", { name: "Accept cookies and use Google Translate" }).click();
  await s.waitConsentCookie(/embeds:0\+google-translate$/); // Google Translate alone
  const languages = s.page.getByRole("group", { name: "Choose a language" });
  await languages.waitFor({ state: "visible" });
  assert.equal(await s.page.evaluate(() => document.activeElement?.textContent), "English", "focus moves to the languages");
  assert.equal(await languages.getByRole("button", { name: "English" }).getAttribute("aria-pressed"), "true");
  await s.settle();
  assert.deepEqual(s.thirdPartyUrls().filter((u) => u.includes("translate")), [], "granting alone loads nothing");

  await languages.getByRole("button", { name: "Cymraeg" }).click();
  const c = await assertToolbarCookie(s, "googtrans", "/en/cy");
  assert.equal(c.expires, -1, "a session cookie, like Google's");
  await s.page.waitForFunction(() => window.__translate, null, { timeout: 10_000 });
  const started = await s.page.evaluate(() => window.__translate);
  assert.equal(started.id, "cb-google-translate");
  assert.equal(started.options.pageLanguage, "en");
  assert.equal(started.options.includedLanguages, "en,cy,fr", "the config's languages");
  assert.match(started.cookie, /googtrans=\/en\/cy/, "googtrans is set before Google's element starts");
  const requests = s.thirdParty.filter((r) => r.host === "translate.google.com");
  assert.equal(requests.length, 1);
  assert.equal(requests[0].mark, "allowed");
  assert.match(requests[0].url, /^https:\/\/translate\.google\.com\/translate_a\/element\.js\?cb=/);
  assert.equal(await languages.getByRole("button", { name: "Cymraeg" }).getAttribute("aria-pressed"), "true");
  assert.equal(await status(s).textContent(), "Language: Cymraeg");
  assert.equal(await languages.getByRole("button", { name: "Cymraeg" }).getAttribute("lang"), "cy");

  await languages.getByRole("button", { name: "Français" }).click();
  await assertToolbarCookie(s, "googtrans", "/en/fr");
  assert.deepEqual(await s.page.evaluate(() => window.__translate.changes), ["fr"], "the loaded element switches language");

  // Next page load: the chosen language is applied again, with embeds still granted.
  await s.reload();
  await s.page.waitForFunction(() => window.__translate, null, { timeout: 10_000 });
  assert.equal(s.thirdParty.filter((r) => r.host === "translate.google.com").length, 2);

  // Withdrawing embeds deletes googtrans at once; the API does not reload, but says a reload would
  // stop the running script, and after one Google Translate does not load.
  await s.page.evaluate(() => window.consentBanner.set({ embeds: false }));
  assert.equal(await cookie(s, "googtrans"), null, "googtrans is deleted with embeds");
  assert.equal(await s.page.evaluate(() => window.consentBanner.reloadNeeded()), true);
  await s.reload();
  assert.equal(await s.page.evaluate(() => window.__translate ?? null), null, "not loaded after withdrawal");
  await s.done();
});

test("toolbar: system settings come first (prefers-contrast, forced-colors, reduced motion)", { timeout: TEST_TIMEOUT }, async () => {
  // prefers-contrast: more picks high contrast without writing a cookie.
  let s = await h.openPage("/toolbar.html", { contextOptions: { contrast: "more" } });
  assert.equal((await html(s)).contrast, "high");
  await toggle(s).click();
  assert.equal(await s.page.getByRole("radio", { name: "High contrast" }).isChecked(), true);
  assert.equal(await cookie(s, "contrast-mode"), null, "no cookie for the system's preference");
  // The visitor's own choice wins over it, and is kept.
  await s.page.getByRole("radio", { name: "Default" }).check();
  assert.equal((await html(s)).contrast, null);
  await s.reload();
  assert.equal((await html(s)).contrast, null, "the stored Default beats prefers-contrast");
  await s.done();

  // forced-colors: active: the modes stand aside, and no contrast choice is offered.
  s = await h.openPage("/toolbar.html", {
    contextOptions: { forcedColors: "active" },
    cookies: cookieList({ "contrast-mode": "yellow-black", "accessibility-controls": "open" }),
  });
  const forced = await s.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--cb-contrast").trim());
  assert.equal(forced, "", "the contrast stylesheet does not apply in forced colours");
  assert.equal(await s.page.getByRole("radiogroup", { name: "Colour contrast" }).isVisible(), false);
  assert.equal(await s.page.getByRole("button", { name: "Increase text size" }).isVisible(), true);
  await s.done();
  s = await h.openPage("/toolbar.html", { cookies: cookieList({ "contrast-mode": "yellow-black" }) });
  assert.equal(
    await s.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--cb-contrast").trim()),
    "yellow-black",
    "the same page without forced colours shows the mode",
  );
  const moving = await toggle(s).evaluate((el) => getComputedStyle(el).transitionDuration);
  assert.equal(moving, "0.15s");
  await s.done();

  // prefers-reduced-motion: reduce stops the toolbar's transitions.
  s = await h.openPage("/toolbar.html", { contextOptions: { reducedMotion: "reduce" } });
  const still = await toggle(s).evaluate((el) => getComputedStyle(el).transitionDuration);
  assert.equal(still, "0s");
  await s.done();
});

test("toolbar: every control works from the keyboard alone", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/toolbar.html");
  // Answer the banner first, so Tab order starts at the page.
  await s.page.getByRole("button", { name: "Reject analytics cookies" }).click();
  await s.page.getByRole("button", { name: "Hide cookie message" }).click();
  await s.page.evaluate(() => document.activeElement?.blur());
  await s.tabUntil((f) => f.text === "Accessibility tools", { what: "the toolbar toggle" });
  await s.page.keyboard.press("Enter");
  assert.equal(await toggle(s).getAttribute("aria-expanded"), "true");
  await s.tabUntil((f) => f.type === "radio", { what: "the contrast radios" });
  await s.page.keyboard.press("ArrowDown");
  assert.equal((await html(s)).contrast, "high", "arrow keys choose a mode");
  await assertToolbarCookie(s, "contrast-mode", "high");
  await s.page.keyboard.press("ArrowDown");
  assert.equal((await html(s)).contrast, "yellow-black");
  await s.tabUntil((f) => f.text === "Increase text size", { what: "Increase text size" });
  await s.page.keyboard.press("Enter");
  await s.page.keyboard.press("Space");
  assert.equal((await html(s)).size, "150");
  await s.tabUntil((f) => f.text === "Translate this page", { what: "Translate this page" });
  await s.page.keyboard.press("Enter");
  assert.equal(await s.page.getByRole("button", { name: "Translate this page" }).getAttribute("aria-expanded"), "true");
  await s.tabUntil((f) => f.text === "Reset accessibility settings", { what: "Reset" });
  await s.page.keyboard.press("Enter");
  assert.equal((await html(s)).contrast, null);
  await assertNoToolbarCookies(s, "after a keyboard reset");
  // Focus stays on the reset button (nothing was redrawn under it).
  assert.equal((await s.focused()).text, "Reset accessibility settings");
  await s.done();
});

test("toolbar on its own: no banner, drawn where the config says, no consent written", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/toolbar-alone.html");
  await s.settle();
  assert.equal(await s.page.locator("[data-consent-banner]").count(), 0, "no banner with banner: false");
  assert.equal(await s.page.locator("#tools [data-cb-toolbar]").count(), 1);
  await toggle(s).click();
  await s.page.getByRole("radio", { name: "Yellow on black" }).check();
  await s.page.getByRole("button", { name: "Increase text size" }).click();
  const look = await s.page.evaluate(() => ({
    bg: getComputedStyle(document.body).backgroundColor,
    color: getComputedStyle(document.querySelector("p")).color,
  }));
  assert.deepEqual(look, { bg: "rgb(0, 0, 0)", color: "rgb(255, 255, 0)" }, "a page with no CSS of its own is restyled");
  assert.deepEqual(
    (await s.cookieNames()).filter((n) => !TOOLBAR_COOKIES.includes(n)),
    [],
    "only the toolbar's cookies",
  );
  s.assertNoThirdParty("on its own");
  await s.done();
});

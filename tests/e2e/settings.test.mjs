// The settings form: in the banner, on the settings page, from the footer link; the cookie table.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ACCEPTED_ANALYTICS, ANALYTICS_ORDER, REJECTED_ALL, TEST_TIMEOUT, TEXT, createHarness } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

async function openInBannerForm(s) {
  await s.banner().getByRole("link", { name: TEXT.choose, exact: true }).click();
  const form = s.banner().locator("form.cb-settings");
  await form.waitFor({ state: "visible" });
  return form;
}

async function assertFormShape(form, where) {
  const group = form.getByRole("group", { name: TEXT.analyticsLegend, exact: true });
  assert.equal(await group.count(), 1, `${where}: a fieldset "${TEXT.analyticsLegend}"`);
  const yes = group.getByRole("radio", { name: "Yes", exact: true });
  const no = group.getByRole("radio", { name: "No", exact: true });
  assert.equal(await yes.count(), 1, `${where}: a Yes radio`);
  assert.equal(await no.count(), 1, `${where}: a No radio`);
  assert.equal(await no.isChecked(), true, `${where}: starts at No before any choice`);
  assert.equal(await yes.isChecked(), false);
  // One Yes/No pair per non-necessary category (analytics, embeds), all at No.
  const radios = await form.locator('input[type="radio"]').evaluateAll((els) => els.map((e) => ({ name: e.name, value: e.value, checked: e.checked })));
  const names = [...new Set(radios.map((r) => r.name))];
  assert.equal(names.length, 2, `${where}: two categories to choose (analytics, embeds): ${names}`);
  assert.ok(names.some((n) => /analytics$/.test(n)) && names.some((n) => /embeds$/.test(n)), `radio names: ${names}`);
  assert.deepEqual(radios.filter((r) => r.checked).map((r) => r.value), ["no", "no"]);
  assert.match(await form.innerText(), /Strictly necessary cookies/, `${where}: necessary cookies are described`);
  assert.equal(await form.getByRole("button", { name: TEXT.save, exact: true }).count(), 1);
  return { yes, no, group };
}

test("Choose your cookie settings without a settings element draws the form in the banner; Yes + Save grants", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.banner().waitFor({ state: "visible" });
  const form = await openInBannerForm(s);
  assert.ok(s.page.url().startsWith(`${h.url}/index.html`), "stays on the page");
  const { yes } = await assertFormShape(form, "in the banner");
  await s.settle();
  s.assertNoThirdParty("while the form is open");

  await yes.check();
  await form.getByRole("button", { name: TEXT.save, exact: true }).click();
  await s.waitConsentCookie(ACCEPTED_ANALYTICS);
  await s.waitRan(ANALYTICS_ORDER.length);
  await s.settle();
  assert.deepEqual(await s.ran(), ANALYTICS_ORDER);
  const events = await s.changeEvents();
  assert.equal(events.at(-1)?.analytics, true);
  await s.done();
});

test("the in-banner form: No + Save refuses; embeds Yes alone grants only embeds", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.banner().waitFor({ state: "visible" });
  let form = await openInBannerForm(s);
  await form.getByRole("group", { name: TEXT.analyticsLegend, exact: true }).getByRole("radio", { name: "No", exact: true }).check();
  await form.getByRole("button", { name: TEXT.save, exact: true }).click();
  await s.waitConsentCookie(REJECTED_ALL);
  await s.settle();
  assert.deepEqual(await s.ran(), []);
  s.assertNoThirdParty();
  await s.done();

  const s2 = await h.openPage("/index.html");
  await s2.banner().waitFor({ state: "visible" });
  form = await openInBannerForm(s2);
  await form.locator('input[type="radio"][name$="embeds"][value="yes"]').check();
  s2.mark("after save");
  await form.getByRole("button", { name: TEXT.save, exact: true }).click();
  await s2.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:1$/);
  await s2.page.waitForFunction(() => !!document.querySelector('iframe[data-consent="embeds"]').getAttribute("src"));
  await s2.settle();
  assert.deepEqual(await s2.ran(), []);
  assert.deepEqual([...new Set(s2.thirdParty.map((r) => r.host))], ["www.youtube-nocookie.com"]);
  await s2.done();
});

test("the settings page draws the form into [data-consent-settings]; granting needs no reload", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/settings.html");
  const { page } = s;
  const form = page.locator("[data-consent-settings] form.cb-settings");
  await form.waitFor({ state: "visible" });
  const { yes } = await assertFormShape(form, "on the settings page");
  assert.equal(await page.locator("[data-consent-settings]").getByRole("status").filter({ hasText: TEXT.saved }).count(), 0, "no saved message before saving");

  await page.evaluate(() => (window.__samePage = true));
  await s.banner().waitFor({ state: "visible" });
  await yes.check();
  await form.getByRole("button", { name: TEXT.save, exact: true }).click();
  await s.waitConsentCookie(ACCEPTED_ANALYTICS);
  await page.locator("[data-consent-settings]").getByRole("status").filter({ hasText: TEXT.saved }).waitFor({ state: "visible" });
  assert.equal(await s.banner().count(), 0, "the banner that was asking is gone: the form on the page answered it");
  await s.waitRan(2);
  await s.settle();
  assert.deepEqual(await s.ran(), ["ga", "inline-1"]);
  assert.equal(await page.evaluate(() => window.__samePage), true, "no reload when only granting");
  await s.done();
});

test("the cookie table is drawn from the config on the settings page", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/settings.html");
  const { page } = s;
  const tables = page.locator("[data-consent-cookie-table] table");
  await tables.first().waitFor({ state: "visible" });
  assert.ok((await tables.count()) >= 1);
  const headers = await tables.first().locator("thead th").allInnerTexts();
  assert.deepEqual(headers.map((t) => t.trim()), ["Name", "Provider", "Purpose", "Expiry"]);
  const names = (await page.locator("[data-consent-cookie-table] tbody tr td:first-child").allInnerTexts()).map((t) => t.trim());
  assert.ok(names.includes("_ga"), `_ga is declared in the default config: ${names}`);
  await s.done();
});

test("a [data-consent-open] link opens the settings", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html", { cookies: [{ name: "cookieconsent_status", value: "deny" }] });
  const { page } = s;
  assert.equal(await s.banner().count(), 0);
  await page.getByRole("link", { name: "Cookie settings", exact: true }).click();
  // Either the form opens on this page, or the link leads to the settings page: both are fine.
  const form = page.locator("form.cb-settings");
  await form.first().waitFor({ state: "visible" });
  const analyticsNo = form.first().getByRole("group", { name: TEXT.analyticsLegend, exact: true }).getByRole("radio", { name: "No", exact: true });
  assert.equal(await analyticsNo.isChecked(), true, "the form shows the stored choice");
  await s.done();
});

// Issue 19: the form drawn in the banner has a way out that saves nothing.
test("Close cookie settings leaves the in-banner form without saving, back to the question", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.banner().waitFor({ state: "visible" });
  const form = await openInBannerForm(s);
  await form.getByRole("radio", { name: "Yes", exact: true }).first().check();
  await form.getByRole("button", { name: "Close cookie settings", exact: true }).click();
  await form.waitFor({ state: "detached" });
  const choose = s.banner().getByRole("link", { name: TEXT.choose, exact: true });
  await choose.waitFor({ state: "visible" });
  assert.equal(await s.banner().getByRole("button", { name: TEXT.accept, exact: true }).count(), 1, "the banner asks again");
  assert.equal(await choose.evaluate((el) => el === document.activeElement), true, "focus is back on the link that opened the form");
  assert.equal(await s.consentCookie(), null, "nothing was stored");
  assert.equal(await s.page.evaluate(() => window.consentBanner.get()), null);
  await s.settle();
  assert.deepEqual(await s.ran(), [], "nothing ran");
  await s.done();
});

test("Close cookie settings after a choice hides the banner and returns focus to the footer link", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/plain.html", { cookies: [{ name: "cookieconsent_status", value: "deny" }] });
  const open = s.page.locator("[data-consent-open]");
  await open.focus();
  await s.page.keyboard.press("Enter");
  const form = s.banner().locator("form.cb-settings");
  await form.waitFor({ state: "visible" });
  await form.getByRole("button", { name: "Close cookie settings", exact: true }).click();
  await s.banner().waitFor({ state: "detached" });
  assert.equal(await open.evaluate((el) => el === document.activeElement), true, "focus returns to what opened the form");
  assert.equal((await s.consentCookie())?.value, "deny", "the stored choice is untouched");
  await s.done();
});

// Issue 14: services inside categories, each with its own box.
const EMBEDS_SERVICES = ["YouTube (Google)", "Brightcove", "Twitter/X (X Corp.)", "LinkedIn", "Google Translate (Google)"];
const ANALYTICS_SERVICES = ["Google Analytics (Google)", "Adobe Analytics (Adobe)", "Hotjar", "New Relic", "Qualtrics", "Celebrus"];

/** The group of a category's services, by the category's legend. */
function servicesOf(form, category) {
  return form.getByRole("group", { name: `${category} ${TEXT.chooseServices}`, exact: true });
}

/** Each box of a group: its accessible name and whether it is checked. */
async function boxes(group) {
  const all = group.getByRole("checkbox");
  const out = [];
  for (let i = 0; i < (await all.count()); i++) {
    const box = all.nth(i);
    out.push([await box.evaluate((el) => el.labels[0].textContent), await box.isChecked()]);
  }
  return out;
}

test("each category's services are boxes named with their provider, in a group named after the category, unchecked before any choice", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/settings.html");
  const form = s.page.locator("[data-consent-settings] form.cb-settings");
  await form.waitFor({ state: "visible" });
  assert.deepEqual(await boxes(servicesOf(form, "Embedded content")), EMBEDS_SERVICES.map((n) => [n, false]));
  assert.deepEqual(await boxes(servicesOf(form, TEXT.analyticsLegend)), ANALYTICS_SERVICES.map((n) => [n, false]));
  // Each box is inside its category's group, after the Yes/No answer.
  const embeds = form.getByRole("group", { name: "Embedded content", exact: true });
  assert.equal(await embeds.getByRole("checkbox", { name: "YouTube (Google)", exact: true }).count(), 1);
  assert.equal(await embeds.getByRole("checkbox", { name: "Hotjar", exact: true }).count(), 0);
  assert.equal(await form.getByRole("checkbox").count(), EMBEDS_SERVICES.length + ANALYTICS_SERVICES.length, "no box for necessary cookies");
  await s.done();
});

test("a category's answer and its boxes keep in step: Yes checks all, No unchecks all, unchecking one under Yes moves to No", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/settings.html");
  const form = s.page.locator("[data-consent-settings] form.cb-settings");
  await form.waitFor({ state: "visible" });
  const embeds = form.getByRole("group", { name: "Embedded content", exact: true });
  const yes = embeds.getByRole("radio", { name: "Yes", exact: true });
  const no = embeds.getByRole("radio", { name: "No", exact: true });
  const group = servicesOf(form, "Embedded content");
  const box = (name) => group.getByRole("checkbox", { name, exact: true });

  const said = embeds.getByRole("status");
  assert.equal(await said.textContent(), "", "nothing said before an answer moves by itself");
  await box("YouTube (Google)").check();
  assert.equal(await no.isChecked(), true, "checking a service under No leaves No");
  assert.deepEqual((await boxes(group)).filter(([, on]) => on).map(([n]) => n), ["YouTube (Google)"]);

  await yes.check();
  assert.deepEqual(await boxes(group), EMBEDS_SERVICES.map((n) => [n, true]), "Yes checks every service");
  assert.deepEqual(await boxes(servicesOf(form, TEXT.analyticsLegend)), ANALYTICS_SERVICES.map((n) => [n, false]), "other categories untouched");

  await box("Twitter/X (X Corp.)").uncheck();
  assert.equal(await no.isChecked(), true, "unchecking a service under Yes moves the answer to No");
  assert.equal(
    await said.textContent(),
    "Embedded content: answer changed to No. The services still ticked stay allowed.",
    "and a status message says so, for those who cannot see the radio move",
  );
  assert.deepEqual(await boxes(group), EMBEDS_SERVICES.map((n) => [n, n !== "Twitter/X (X Corp.)"]), "the other services stay checked");

  await yes.check();
  await no.check();
  assert.deepEqual(await boxes(group), EMBEDS_SERVICES.map((n) => [n, false]), "No unchecks every service");

  // Saved as seen: No with two services checked grants those two alone.
  await box("YouTube (Google)").check();
  await box("LinkedIn").check();
  await form.getByRole("button", { name: TEXT.save, exact: true }).click();
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:0\+youtube\+linkedin$/);
  const choice = await s.page.evaluate(() => window.consentBanner.get());
  assert.equal(choice.embeds, false);
  assert.deepEqual(Object.keys(choice.services).filter((id) => choice.services[id]), ["youtube", "linkedin"]);
  await s.done();
});

test("Yes for a category grants it whole (embeds:1), every service with it", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.banner().waitFor({ state: "visible" });
  const form = await openInBannerForm(s);
  await form.getByRole("group", { name: "Embedded content", exact: true }).getByRole("radio", { name: "Yes", exact: true }).check();
  assert.deepEqual(await boxes(servicesOf(form, "Embedded content")), EMBEDS_SERVICES.map((n) => [n, true]));
  await form.getByRole("button", { name: TEXT.save, exact: true }).click();
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:1$/);
  const choice = await s.page.evaluate(() => window.consentBanner.get());
  assert.deepEqual(
    ["youtube", "brightcove", "twitter", "linkedin", "google-translate"].map((id) => choice.services[id]),
    [true, true, true, true, true],
  );
  await s.done();
});

test("a form opened where the cookie grants one service shows that service checked, and only it", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/settings.html", { cookies: [{ name: "cookieconsent_status", value: "v2|r0|t1700000000|analytics:0|embeds:0+youtube" }] });
  const form = s.page.locator("[data-consent-settings] form.cb-settings");
  await form.waitFor({ state: "visible" });
  assert.deepEqual(await boxes(servicesOf(form, "Embedded content")), EMBEDS_SERVICES.map((n) => [n, n === "YouTube (Google)"]));
  const embeds = form.getByRole("group", { name: "Embedded content", exact: true });
  assert.equal(await embeds.getByRole("radio", { name: "No", exact: true }).isChecked(), true, "the category itself stays refused");
  // A choice made elsewhere (the API) brings the boxes in step.
  await s.page.evaluate(() => window.consentBanner.set({ services: { youtube: false, twitter: true } }));
  await s.page.waitForFunction(() => document.querySelector('input[data-cb-service="twitter"]').checked);
  assert.deepEqual(await boxes(servicesOf(form, "Embedded content")), EMBEDS_SERVICES.map((n) => [n, n === "Twitter/X (X Corp.)"]));
  await s.done();
});

test("the cookie table groups each category's cookies by service: its own first, then each service under its name and provider", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/settings.html");
  const host = s.page.locator("[data-consent-cookie-table]");
  await host.locator("table").first().waitFor({ state: "visible" });
  const layout = await host.evaluate((el) =>
    [...el.querySelectorAll("table")].map((table) => ({
      caption: table.caption.textContent,
      groups: [...table.tBodies].map((body) => {
        const head = body.querySelector('th[scope="rowgroup"]');
        return [head ? head.textContent : null, [...body.querySelectorAll("td:first-child")].map((td) => td.textContent)];
      }),
    })),
  );
  assert.deepEqual(layout.map((t) => t.caption), ["Strictly necessary cookies", TEXT.analyticsLegend, "Embedded content"]);
  const [necessary, analytics, embeds] = layout;
  assert.deepEqual(necessary.groups.map(([head]) => head), [null], "necessary cookies belong to no service");
  assert.deepEqual(necessary.groups[0][1], ["cookieconsent_status", "contrast-mode", "saveFontSize", "accessibility-controls"]);
  assert.deepEqual(
    analytics.groups.map(([head]) => head),
    ["Google Analytics (Google)", "Adobe Analytics (Adobe)", "Hotjar", "Qualtrics", "Celebrus"],
    "services without cookies (New Relic) have no rows",
  );
  assert.deepEqual(embeds.groups, [
    ["YouTube (Google)", ["VISITOR_INFO1_LIVE", "YSC"]],
    ["Twitter/X (X Corp.)", ["guest_id"]],
    ["LinkedIn", ["bcookie"]],
    ["Google Translate (Google)", ["googtrans"]],
  ]);
  // Columns are unchanged, and each service heading spans them.
  assert.deepEqual(await host.locator("table").first().locator("thead th").allInnerTexts(), ["Name", "Provider", "Purpose", "Expiry"]);
  assert.equal(await host.locator('th[scope="rowgroup"]').first().getAttribute("colspan"), "4");
  await s.done();
});

// The UK's 2026 exceptions (issue 15) in the settings form, the cookie table and the toolbar: a
// category on the objection basis shows at Yes before any choice and says on what basis it is used;
// Global Privacy Control turns the categories it covers off and the form says so; the cookie table
// and the toolbar's reset say the toolbar's cookies rely on the appearance exception; a bad `basis`
// is named in the console.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { COOKIE, SITE_NAME, TEST_TIMEOUT, TEXT, createHarness, formatViolations } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

const SEND_GPC = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** Statistics on objection, embeds on consent (the built-in default). */
const OBJECTION = { categories: [{ id: "analytics", basis: "objection" }] };
const MARKETING = {
  id: "marketing",
  label: "Marketing cookies",
  description: "These cookies help us show you adverts for our services on other websites.",
};

const EN = {
  objection: "We use these cookies unless you say no. UK law allows this for cookies that only count how the website is used, so we can improve it.",
  consent: "We only use these cookies if you say yes.",
  gpc: /Your browser sent a Global Privacy Control signal/,
  embedsLegend: "Embedded content",
  reset: "Reset accessibility settings",
  resetNote: "Your choices here are remembered with cookies on this device. Resetting goes back to the website's own look and deletes those cookies.",
  appearance: /only set when you use the accessibility tools\. UK law allows cookies that remember how you chose the website to look without asking first\. To delete them, use "Reset accessibility settings" in the accessibility tools\./,
};
const CY = {
  objection: "Rydym yn defnyddio'r cwcis hyn oni bai eich bod yn dweud na. Mae cyfraith y DU yn caniatáu hyn ar gyfer cwcis sydd ond yn cyfrif sut mae'r wefan yn cael ei defnyddio, er mwyn i ni ei gwella.",
  consent: "Dim ond os byddwch yn dweud ie y byddwn yn defnyddio'r cwcis hyn.",
  gpc: /Anfonodd eich porwr signal Global Privacy Control/,
  analyticsLegend: "Cwcis sy'n mesur defnydd o'r wefan",
  reset: "Ailosod gosodiadau hygyrchedd",
  resetNote: "Caiff eich dewisiadau yma eu cofio gyda chwcis ar y ddyfais hon. Mae ailosod yn mynd yn ôl i olwg arferol y wefan ac yn dileu'r cwcis hynny.",
  appearance: /I'w dileu, defnyddiwch "Ailosod gosodiadau hygyrchedd" yn yr offer hygyrchedd\./,
};

/** fixtures/basis.html with `config` (over `{ siteName }`), in `lang`, GPC sent if asked. */
async function open(config, { gpc = false, lang, cookies = [] } = {}) {
  // A first page that runs nothing, so the signal is in place before the component's first load.
  const s = await h.openPage("/site.css", { waitReady: false, cookies });
  if (gpc) await s.context.addInitScript({ content: SEND_GPC });
  const query = new URLSearchParams({ config: JSON.stringify({ siteName: SITE_NAME, ...config }) });
  if (lang) query.set("lang", lang);
  await s.goto(`/basis.html?${query}`);
  return s;
}

/** The page's settings form, drawn. */
async function pageForm(s) {
  const form = s.page.locator("[data-consent-settings] form.cb-settings");
  await form.waitFor({ state: "visible" });
  return form;
}

/** A category's group: its checked answer ("yes"/"no") and its accessible description's texts. */
async function category(form, legend) {
  const group = form.getByRole("group", { name: legend, exact: true });
  assert.equal(await group.count(), 1, `a group "${legend}"`);
  return group.evaluate((fieldset) => ({
    answer: fieldset.querySelector('input[type="radio"]:checked')?.value ?? null,
    described: (fieldset.getAttribute("aria-describedby") || "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? `(no element #${id})`),
  }));
}

async function assertNoViolations(s, state) {
  const results = await new AxeBuilder({ page: s.page }).withTags(AXE_TAGS).analyze();
  assert.deepEqual(results.violations.map((v) => v.id), [], `axe violations with ${state}:\n${formatViolations(results.violations)}`);
}

test("objection basis: before any choice the form shows analytics at Yes and says the basis of each category; the statistics ran", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(OBJECTION);
  const form = await pageForm(s);
  const analytics = await category(form, TEXT.analyticsLegend);
  assert.equal(analytics.answer, "yes", "on until the visitor turns it off");
  assert.equal(analytics.described.length, 2, "described by its description and its basis");
  assert.equal(analytics.described[1], EN.objection);
  const embeds = await category(form, EN.embedsLegend);
  assert.equal(embeds.answer, "no", "a consent category still starts at No");
  assert.equal(embeds.described[1], EN.consent);
  assert.equal(await form.locator("[data-cb-gpc]").count(), 0, "no signal, no GPC note");
  assert.deepEqual(await s.ran(), ["stats"], "the gated statistics ran on the first view");
  assert.equal(await s.page.evaluate(() => window.consentBanner.get()), null, "get() is still null: no choice was made");
  assert.equal(await s.consentCookie(), null, "nothing stored before a choice");
  await assertNoViolations(s, "the objection-basis form before any choice");
  await s.done();

  // The default config: every category on consent, all at No, each saying so.
  const d = await open({});
  const plain = await pageForm(d);
  for (const legend of [TEXT.analyticsLegend, EN.embedsLegend]) {
    const c = await category(plain, legend);
    assert.deepEqual([c.answer, c.described[1]], ["no", EN.consent], legend);
  }
  assert.deepEqual(await d.ran(), []);
  await d.done();
});

test("objection basis: saving the form with analytics at Yes stores analytics:i (informed, not consent); it runs again on the next view", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(OBJECTION);
  const form = await pageForm(s);
  await form.getByRole("button", { name: TEXT.save, exact: true }).click();
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:i\|embeds:0$/);
  const got = await s.page.evaluate(() => window.consentBanner.get());
  assert.equal(got.analytics, true, "get() reports it granted");
  assert.equal(got.embeds, false);
  await s.reload();
  assert.deepEqual(await s.ran(), ["stats"]);
  assert.equal((await category(await pageForm(s), TEXT.analyticsLegend)).answer, "yes", "the stored i shows as Yes");
  await s.done();
});

test("objection basis: turning analytics off with the keyboard alone and saving stores analytics:0 and deletes its cookies", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(OBJECTION);
  const form = await pageForm(s);
  await s.waitRan(1);
  assert.ok((await s.cookieNames()).includes("_ga"), "the statistics set their cookie");
  // Keyboard only: Tab reaches the checked radio of analytics (Yes); an arrow moves to No.
  await s.tabUntil((f) => f.tag === "input" && f.name?.endsWith("-analytics") && f.value === "yes", { what: "analytics' Yes" });
  await s.page.keyboard.press("ArrowRight");
  assert.equal((await s.focused()).value, "no", "the arrow moved to No");
  await s.tabUntil((f) => f.tag === "button" && f.text === TEXT.save, { what: "Save" });
  // The statistics already ran on this page: objecting stops them as any withdrawal does, by reloading.
  const reloaded = s.page.waitForEvent("load", { timeout: 10_000 });
  await s.page.keyboard.press("Enter");
  await reloaded;
  await s.ready();
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:0$/);
  assert.ok(!(await s.cookieNames()).includes("_ga"), "its cookie was deleted");
  assert.deepEqual(await s.ran(), [], "nothing runs after the objection");
  assert.equal((await category(await pageForm(s), TEXT.analyticsLegend)).answer, "no");
  await s.done();
});

test("Global Privacy Control: covered categories show off, the form says the signal was honoured; gpc: false leaves a category out", { timeout: TEST_TIMEOUT }, async () => {
  const config = { categories: [{ id: "analytics", basis: "objection" }, MARKETING] };
  const s = await open(config, { gpc: true });
  const form = await pageForm(s);
  const note = form.locator("[data-cb-gpc]");
  assert.match(await note.innerText(), EN.gpc, "the form says the signal was honoured");
  assert.equal((await category(form, TEXT.analyticsLegend)).answer, "no", "objection basis, but the signal objected");
  assert.equal((await category(form, MARKETING.label)).answer, "no", "marketing is covered by default");
  await s.settle();
  assert.deepEqual(await s.ran(), [], "nothing covered runs");
  assert.ok(!(await s.cookieNames()).includes("_ga"));
  await assertNoViolations(s, "the form with Global Privacy Control");
  // The visitor can still turn a covered category on: an opt-in against the signal, stored as 1
  // (not i, which the signal overrides).
  await form.getByRole("group", { name: TEXT.analyticsLegend, exact: true }).getByRole("radio", { name: "Yes", exact: true }).check();
  await form.getByRole("button", { name: TEXT.save, exact: true }).click();
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:1\|embeds:0\|marketing:0$/);
  await s.waitRan(1);
  await s.done();

  // Out of the signal's cover: on as presumed, and no note (nothing in the form is covered).
  const off = await open({ categories: [{ id: "analytics", basis: "objection", gpc: false }] }, { gpc: true });
  const offForm = await pageForm(off);
  assert.equal((await category(offForm, TEXT.analyticsLegend)).answer, "yes");
  assert.equal(await offForm.locator("[data-cb-gpc]").count(), 0);
  await off.waitRan(1);
  await off.done();
});

test("Welsh: the basis lines, the GPC note, the cookie table's note and the reset's description", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(OBJECTION, { lang: "cy", gpc: true });
  const form = await pageForm(s);
  assert.match(await form.locator("[data-cb-gpc]").innerText(), CY.gpc);
  const analytics = await category(form, CY.analyticsLegend);
  assert.deepEqual([analytics.answer, analytics.described[1]], ["no", CY.objection]);
  assert.ok((await form.innerText()).includes(CY.consent), "embeds says it needs a yes, in Welsh");
  assert.match(await s.page.locator(".cb-cookie-table__note").innerText(), CY.appearance);
  await s.page.getByRole("button", { name: "Offer hygyrchedd", exact: true }).click();
  const reset = s.page.getByRole("button", { name: CY.reset, exact: true });
  assert.equal(await description(reset), CY.resetNote);
  await assertNoViolations(s, "the Welsh form, table and open toolbar");
  await s.done();
});

/** The text of the elements `aria-describedby` names. */
function description(locator) {
  return locator.evaluate((el) =>
    (el.getAttribute("aria-describedby") || "")
      .split(" ")
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
}

test("appearance: the toolbar writes nothing until used; the cookie table says its cookies rely on the exception; the reset says it deletes them", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open({});
  const table = s.page.locator("[data-consent-cookie-table]");
  await table.locator(".cb-cookie-table").waitFor();
  const notes = table.locator(".cb-cookie-table__note");
  assert.equal(await notes.count(), 1, "one note, after the table that declares the toolbar's cookies");
  assert.match(await notes.innerText(), EN.appearance);
  // It follows the table of `necessary`, where the toolbar's cookies are declared.
  const before = await notes.evaluate((p) => p.previousElementSibling?.querySelector("table")?.innerText ?? "");
  for (const name of ["contrast-mode", "saveFontSize", "accessibility-controls"]) {
    assert.ok(before.includes(name), `the table before the note lists ${name}`);
  }
  const TOOLBAR_COOKIES = ["accessibility-controls", "contrast-mode", "saveFontSize"];
  const stored = async () => (await s.cookieNames()).filter((n) => TOOLBAR_COOKIES.includes(n));
  assert.deepEqual(await stored(), [], "nothing written before the visitor uses the toolbar");

  await s.page.getByRole("button", { name: "Accessibility tools", exact: true }).click();
  const reset = s.page.getByRole("button", { name: EN.reset, exact: true });
  await reset.waitFor({ state: "visible" });
  assert.equal(await description(reset), EN.resetNote, "the reset's description says what it does");
  assert.ok(await s.page.getByText(EN.resetNote, { exact: true }).isVisible(), "and shows it");
  await s.page.getByRole("button", { name: "Increase text size", exact: true }).click();
  assert.deepEqual(await stored(), ["accessibility-controls", "saveFontSize"], "written once used");
  await assertNoViolations(s, "the open toolbar and the cookie table with its note");
  await reset.click();
  await s.settle();
  assert.deepEqual((await stored()).filter((n) => n !== "accessibility-controls"), [], "the reset deleted the settings");
  await s.done();

  // A config whose tables declare none of the toolbar's cookies has no note.
  const none = await open({ categories: [{ id: "necessary", cookies: [{ name: COOKIE, provider: "This website", purpose: "Remembers your cookie settings", expiry: "1 year" }] }] });
  await none.page.locator("[data-consent-cookie-table] .cb-cookie-table").waitFor();
  assert.equal(await none.page.locator(".cb-cookie-table__note").count(), 0);
  await none.done();
});

test("a bad basis is named in the console, with the field and the two values; basis on necessary is refused", { timeout: TEST_TIMEOUT }, async () => {
  for (const [categories, message] of [
    [[{ id: "analytics", basis: "opt-out" }], 'config field `categories[0].basis`: invalid value: string "opt-out", expected "consent" or "objection"'],
    [[{ id: "analytics" }, { id: "necessary", basis: "objection" }], "config field `categories[1].basis`: `necessary` is always on"],
  ]) {
    const s = await open({ categories });
    await s.settle();
    assert.ok(
      s.consoleErrors.some((m) => m.startsWith("consent-banner:") && m.includes(message)),
      `the console names the field: ${message}\n${s.consoleErrors.join("\n")}`,
    );
    assert.deepEqual(await s.ran(), [], "the defaults stand in: nothing optional runs");
    await s.done();
  }
});

// axe-core on every state the component draws. The fixture pages themselves are clean, so any
// violation comes from the component (the message lists them).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { TEST_TIMEOUT, TEXT, createHarness, formatViolations } from "./helpers.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

async function assertNoViolations(s, state) {
  const results = await new AxeBuilder({ page: s.page }).withTags(TAGS).analyze();
  assert.deepEqual(
    results.violations.map((v) => v.id),
    [],
    `axe violations with ${state}:\n${formatViolations(results.violations)}`,
  );
  // Make sure axe looked at the component, not at an empty page.
  return results;
}

test("axe: banner shown (and the video placeholder)", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.banner().waitFor({ state: "visible" });
  await s.page.locator("[data-consent-placeholder]").waitFor({ state: "visible" });
  const r = await assertNoViolations(s, "the banner and the placeholder shown");
  assert.ok(r.passes.length > 0);
  await s.done();
});

test("axe: confirmation shown after accepting", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.banner().getByRole("button", { name: TEXT.accept, exact: true }).click();
  await s.page.locator(".cb-banner__confirmation").waitFor({ state: "visible" });
  await s.waitRan(4);
  await assertNoViolations(s, "the confirmation shown");
  await s.done();
});

test("axe: confirmation shown after rejecting", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.banner().getByRole("button", { name: TEXT.reject, exact: true }).click();
  await s.page.locator(".cb-banner__confirmation").waitFor({ state: "visible" });
  await assertNoViolations(s, "the rejection confirmation shown");
  await s.done();
});

test("axe: settings form in the banner", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.banner().getByRole("link", { name: TEXT.choose, exact: true }).click();
  await s.banner().locator("form.cb-settings").waitFor({ state: "visible" });
  await assertNoViolations(s, "the settings form in the banner");
  await s.done();
});

test("axe: settings page (form, cookie table, banner) before and after saving", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/settings.html");
  const form = s.page.locator("[data-consent-settings] form.cb-settings");
  await form.waitFor({ state: "visible" });
  await assertNoViolations(s, "the settings page");
  await form.getByRole("button", { name: TEXT.save, exact: true }).click();
  await s.page.locator("[data-consent-settings]").getByRole("status").filter({ hasText: TEXT.saved }).waitFor({ state: "visible" });
  await assertNoViolations(s, "the settings page after saving");
  await s.done();
});

test("axe: the loaded video after granting embeds", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  await s.page.locator("[data-consent-placeholder]").getByRole("button", { name: TEXT.showYouTube, exact: true }).click();
  await s.page.waitForFunction(() => !!document.querySelector('iframe[data-consent="embeds"]').getAttribute("src"));
  await s.page.locator('iframe[data-consent="embeds"]').waitFor({ state: "visible" });
  await assertNoViolations(s, "the video loaded");
  await s.done();
});

test("axe: the settings form's services, unchecked, one checked, and a category whole (in the banner and on the page)", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/settings.html");
  const form = s.page.locator("[data-consent-settings] form.cb-settings");
  await form.waitFor({ state: "visible" });
  const embeds = form.getByRole("group", { name: "Embedded content", exact: true });
  const youtube = form.getByRole("group", { name: `Embedded content ${TEXT.chooseServices}`, exact: true }).getByRole("checkbox", { name: "YouTube (Google)", exact: true });
  await youtube.focus();
  await s.page.keyboard.press("Space");
  assert.equal(await youtube.isChecked(), true);
  await assertNoViolations(s, "one service checked, its box focused");
  await embeds.getByRole("radio", { name: "Yes", exact: true }).check();
  await assertNoViolations(s, "a category whole, every box checked");
  await s.done();

  const s2 = await h.openPage("/index.html", { cookies: [{ name: "cookieconsent_status", value: "v2|r0|t1700000000|analytics:0|embeds:0+youtube" }] });
  await s2.page.evaluate(() => window.consentBanner.showSettings());
  await s2.banner().locator("form.cb-settings").waitFor({ state: "visible" });
  await assertNoViolations(s2, "the in-banner form over a stored service");
  await s2.done();
});

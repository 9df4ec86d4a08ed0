// Keyboard only: no mouse click anywhere in this file.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ACCEPTED_ANALYTICS, ANALYTICS_ORDER, REJECTED_ALL, TEST_TIMEOUT, TEXT, createHarness } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

async function waitFocusInConfirmation(s) {
  try {
    await s.page.waitForFunction(() => !!document.activeElement?.closest(".cb-banner__confirmation"), null, { timeout: 3_000 });
  } catch {
    assert.fail(`the confirmation should receive focus; focus is on ${JSON.stringify(await s.focused())}`);
  }
}

test("keyboard: Tab reaches Accept first, Enter accepts, then Hide cookie message", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  await s.banner().waitFor({ state: "visible" });

  await page.keyboard.press("Tab");
  const first = await s.focused();
  assert.equal(first.tag, "button", `the first Tab stop is the Accept button, got ${JSON.stringify(first)}`);
  assert.equal(first.text, TEXT.accept);
  // The focus indicator is visible (outline or box-shadow).
  const ring = await page.evaluate(() => {
    const cs = getComputedStyle(document.activeElement);
    return { outline: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0, shadow: cs.boxShadow !== "none" };
  });
  assert.ok(ring.outline || ring.shadow, "the focused button shows a focus indicator");

  await page.keyboard.press("Enter");
  await waitFocusInConfirmation(s);
  await s.waitConsentCookie(ACCEPTED_ANALYTICS);
  await s.waitRan(ANALYTICS_ORDER.length);

  await s.tabUntil((f) => f.tag === "button" && f.text === TEXT.hide, { max: 5, what: `"${TEXT.hide}"` });
  await page.keyboard.press("Enter");
  await s.banner().waitFor({ state: "hidden" });
  await s.done();
});

test("keyboard: Tab, Tab reaches Reject; Enter rejects", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  await s.banner().waitFor({ state: "visible" });
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const f = await s.focused();
  assert.equal(f.text, TEXT.reject, `the second Tab stop is Reject, got ${JSON.stringify(f)}`);
  await page.keyboard.press("Enter");
  await waitFocusInConfirmation(s);
  assert.match(await page.locator(".cb-banner__confirmation").innerText(), TEXT.rejected);
  await s.waitConsentCookie(REJECTED_ALL);
  await s.settle();
  assert.deepEqual(await s.ran(), []);
  s.assertNoThirdParty();

  await s.tabUntil((x) => x.text === TEXT.hide, { max: 5, what: `"${TEXT.hide}"` });
  await page.keyboard.press("Space");
  await s.banner().waitFor({ state: "hidden" });
  await s.done();
});

test("keyboard: the settings form on the settings page (Tab to a radio, arrows, Tab to Save, Enter)", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/settings.html");
  const { page } = s;
  const form = page.locator("[data-consent-settings] form");
  await form.waitFor({ state: "visible" });
  await page.evaluate(() => (window.__samePage = true));

  const radio = await s.tabUntil((f) => f.tag === "input" && f.type === "radio" && /analytics/.test(f.name || ""), {
    what: "an analytics radio button",
  });
  assert.equal(radio.label, "No", "the analytics choice starts at No, which is where Tab lands");
  assert.equal(radio.checked, true);

  await page.keyboard.press("ArrowUp");
  let f = await s.focused();
  assert.equal(f.label, "Yes", "ArrowUp moves to Yes");
  assert.equal(f.checked, true, "and checks it");
  await page.keyboard.press("ArrowDown");
  f = await s.focused();
  assert.equal(f.label, "No");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Space");
  assert.equal((await s.focused()).checked, true);

  await s.tabUntil((x) => x.tag === "button" && x.text === TEXT.save, { max: 20, what: `"${TEXT.save}"` });
  await page.keyboard.press("Enter");
  await s.waitConsentCookie(ACCEPTED_ANALYTICS);
  await s.waitRan(2);
  await s.settle();
  assert.deepEqual(await s.ran(), ["ga", "inline-1"], "granting analytics runs the scripts in place");
  assert.equal(await page.evaluate(() => window.__samePage), true, "granting does not reload the page");
  await page.locator("[data-consent-settings]").getByRole("status").filter({ hasText: TEXT.saved }).waitFor({ state: "visible" });
  assert.equal(await s.banner().getByRole("button", { name: TEXT.accept, exact: true }).count(), 0, "the banner stops asking once the settings are saved");
  await s.done();
});

test("keyboard: Choose your cookie settings opens the form in the banner and Save works", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  await s.banner().waitFor({ state: "visible" });
  await s.tabUntil((f) => f.tag === "a" && f.text === TEXT.choose, { max: 3, what: `"${TEXT.choose}"` });
  await page.keyboard.press("Enter");
  const form = s.banner().locator("form");
  await form.waitFor({ state: "visible" });
  // Focus moves into the form (or stays on a focusable inside the banner).
  const f0 = await s.focused();
  assert.ok(f0.inBanner, `focus stays in the banner after opening the settings: ${JSON.stringify(f0)}`);

  await s.tabUntil((f) => f.tag === "input" && f.type === "radio" && /analytics/.test(f.name || ""), { max: 10, what: "the analytics radio" });
  await page.keyboard.press("ArrowUp");
  assert.equal((await s.focused()).label, "Yes");
  await s.tabUntil((x) => x.tag === "button" && x.text === TEXT.save, { max: 20, what: `"${TEXT.save}"` });
  await page.keyboard.press("Enter");
  await s.waitConsentCookie(ACCEPTED_ANALYTICS);
  await s.waitRan(ANALYTICS_ORDER.length);
  await s.done();
});

test("keyboard: one service on its own (Tab to its box, Space, Tab to Save, Enter) grants that service alone", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  await s.banner().waitFor({ state: "visible" });
  await s.tabUntil((f) => f.tag === "a" && f.text === TEXT.choose, { max: 3, what: `"${TEXT.choose}"` });
  await page.keyboard.press("Enter");
  await s.banner().locator("form").waitFor({ state: "visible" });

  // Past the analytics services, the embeds answer, to YouTube's box.
  const box = await s.tabUntil((f) => f.tag === "input" && f.type === "checkbox" && f.label === "YouTube (Google)", {
    max: 15,
    what: 'the "YouTube (Google)" box',
  });
  assert.equal(box.checked, false, "unchecked before any choice");
  await page.keyboard.press("Space");
  assert.equal((await s.focused()).checked, true, "Space checks it");
  const embedsNo = s.banner().getByRole("group", { name: "Embedded content", exact: true }).getByRole("radio", { name: "No", exact: true });
  assert.equal(await embedsNo.isChecked(), true, "the category stays at No");

  await s.tabUntil((x) => x.tag === "button" && x.text === TEXT.save, { max: 20, what: `"${TEXT.save}"` });
  await page.keyboard.press("Enter");
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:0\+youtube$/);
  await page.waitForFunction(() => !!document.querySelector('iframe[data-consent="embeds"]').getAttribute("src"));
  await s.settle();
  assert.deepEqual(await s.ran(), [], "nothing of analytics ran");
  assert.deepEqual([...new Set(s.thirdParty.map((r) => r.host))], ["www.youtube-nocookie.com"], "only YouTube loaded");
  await s.done();
});

// Reading the stored choice (tampered, legacy Osano values, policy revision) and the config.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ANALYTICS_ORDER, COOKIE, TEST_TIMEOUT, TEXT, createHarness } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

const TAMPERED = [
  "v1|r0|t1|analytics:2",
  "v1|r0|t1700000000|analytics:2|embeds:0",
  "v1|r0|tx|analytics:1|embeds:1",
  "v1|r0|t1700000000|analytics:yes|embeds:1",
  "v9|r0|t1700000000|analytics:1|embeds:1",
  "v1",
  "v1||||",
  "garbage",
  "%00%ff",
  "%7B%22analytics%22%3Atrue%7D",
  "dismiss",
  "",
  "A".repeat(3000),
];

async function assertAsksAndNothingRuns(s, what) {
  const banner = s.banner();
  try {
    await banner.waitFor({ state: "visible", timeout: 5_000 });
  } catch {
    assert.fail(`${what}: the banner should be shown (no valid choice)\n${s.diagnostics()}`);
  }
  await s.settle();
  assert.deepEqual(await s.ran(), [], `${what}: nothing gated may run`);
  s.assertNoThirdParty(`(${what})`);
  assert.equal(await s.page.evaluate(() => window.consentBanner.get()), null, `${what}: get() is null`);
}

for (const value of TAMPERED) {
  const shown = value.length > 60 ? `${value.slice(0, 20)}… (${value.length} chars)` : JSON.stringify(value);
  test(`unreadable ${COOKIE}=${shown}: ask again, nothing runs, no page error`, { timeout: TEST_TIMEOUT }, async () => {
    const s = await h.openPage("/index.html", { cookies: [{ name: COOKIE, value }] });
    await assertAsksAndNothingRuns(s, `${COOKIE}=${shown}`);
    assert.equal(await s.page.locator('iframe[data-consent="embeds"]').getAttribute("src"), null);
    await s.done();
  });
}

test(`legacy Osano value "allow": no banner, every category granted`, { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html", { cookies: [{ name: COOKIE, value: "allow" }] });
  await s.waitRan(ANALYTICS_ORDER.length + 1);
  await s.settle();
  assert.equal(await s.banner().count(), 0, "no banner");
  assert.deepEqual(await s.ran(), [...ANALYTICS_ORDER, "both"], "analytics and analytics+embeds scripts ran once, in order");
  await s.page.waitForFunction(() => document.querySelector('iframe[data-consent="embeds"]').getAttribute("src") === "https://www.youtube-nocookie.com/embed/abc");
  const choice = await s.page.evaluate(() => window.consentBanner.get());
  assert.equal(choice?.analytics, true);
  assert.equal(choice?.embeds, true);
  await s.done();
});

test(`legacy Osano value "deny": no banner, nothing runs`, { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html", { cookies: [{ name: COOKIE, value: "deny" }] });
  await s.settle();
  assert.equal(await s.banner().count(), 0, "no banner");
  assert.deepEqual(await s.ran(), []);
  s.assertNoThirdParty();
  const choice = await s.page.evaluate(() => window.consentBanner.get());
  assert.equal(choice?.analytics, false);
  assert.equal(choice?.embeds, false);
  await s.done();
});

test("a higher config revision than the stored one asks again", { timeout: TEST_TIMEOUT }, async () => {
  // Make a genuine choice under revision 2 (revision.html), then replay it with other revisions.
  const s = await h.openPage("/revision.html");
  await s.banner().getByRole("button", { name: TEXT.accept, exact: true }).click();
  const c = await s.waitConsentCookie(/^v2\|r2\|t\d+\|analytics:1\|embeds:0$/);
  await s.waitRan(2);
  await s.done();

  const same = await h.openPage("/revision.html", { cookies: [{ name: COOKIE, value: c.value }] });
  await same.waitRan(2);
  await same.settle();
  assert.equal(await same.banner().count(), 0, "same revision: no banner");
  assert.deepEqual(await same.ran(), ["ga", "inline-1"]);
  await same.done();

  const older = c.value.replace("|r2|", "|r1|");
  const s2 = await h.openPage("/revision.html", { cookies: [{ name: COOKIE, value: older }] });
  await assertAsksAndNothingRuns(s2, `revision 2 with stored ${older}`);
  await s2.done();
});

test("data-config may name a same-origin JSON file", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/config-url.html");
  await s.banner("Cookies on Config File Site").waitFor({ state: "visible" });
  await s.settle();
  assert.deepEqual(await s.ran(), []);
  s.assertNoThirdParty();
  await s.done();
});

for (const [page, field] of [
  ["/bad-config.html", "siteName"],
  ["/broken-json.html", null],
]) {
  test(`an invalid config (${page}) logs a clear message, falls back to defaults, runs nothing`, { timeout: TEST_TIMEOUT }, async () => {
    const s = await h.openPage(page);
    const banner = s.page.getByRole("region", { name: /^Cookies on\b/ });
    await banner.first().waitFor({ state: "visible" });
    assert.notEqual(await banner.first().getAttribute("aria-label"), "Cookies on 42", "the invalid value is not used");
    const messages = s.consoleMessages.filter((m) => /^(error|warning): /.test(m));
    assert.ok(messages.length > 0, `a console error or warning explains the config problem; console: ${s.consoleMessages.join(" | ")}`);
    if (field) assert.ok(messages.some((m) => m.includes(field)), `the message names the field "${field}": ${messages.join(" | ")}`);
    await s.settle();
    assert.deepEqual(await s.ran(), [], "nothing non-essential runs");
    s.assertNoThirdParty();
    assert.equal(await s.page.evaluate(() => window.consentBanner.get()), null, "no choice is invented");
    await s.done();
  });
}

// Policy revisions that delete the cookies of reworded categories, and the development warning
// about cookies the config does not declare.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { TEST_TIMEOUT, createHarness, teamPage as page } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

const ANSWERED_R1 = { name: "cookieconsent_status", value: "v1|r1|t1700000000|analytics:1|embeds:1" };
const TRACKING = [
  { name: "_ga", value: "GA1.1.1.1" },
  { name: "_hjSessionUser_1", value: "x" },
  { name: "YSC", value: "y" },
];

test("a higher revision asks again and deletes at once the cookies of categories changed in it", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(page({ revision: 2, categories: [{ id: "analytics", changedIn: 2 }] }), { cookies: [ANSWERED_R1, ...TRACKING] });
  await s.banner().waitFor();
  const names = await s.cookieNames();
  assert.ok(!names.includes("_ga") && !names.includes("_hjSessionUser_1"), `analytics changed: its cookies go (${names})`);
  assert.ok(names.includes("YSC"), `embeds did not change: its cookies stay until the visitor answers (${names})`);
  await s.settle();
  assert.deepEqual(await s.ran(), [], "asked again: nothing runs meanwhile");
  await s.done();
});

test("without changedIn, or for a visitor who answered that revision, nothing is deleted on load", { timeout: TEST_TIMEOUT }, async () => {
  let s = await h.openPage(page({ revision: 2 }), { cookies: [ANSWERED_R1, ...TRACKING] });
  await s.banner().waitFor();
  assert.ok((await s.cookieNames()).includes("_ga"));
  await s.done();

  s = await h.openPage(page({ revision: 2, categories: [{ id: "analytics", changedIn: 1 }] }), { cookies: [ANSWERED_R1, ...TRACKING] });
  await s.banner().waitFor();
  assert.ok((await s.cookieNames()).includes("_ga"), "changed in revision 1, which the visitor answered");
  await s.done();
});

test("warnUndeclaredCookies names cookies no category declares, once each; off by default", { timeout: TEST_TIMEOUT }, async () => {
  let s = await h.openPage(page({ warnUndeclaredCookies: true }, { cookie: "mystery_tracker=1" }));
  const warnings = () => s.consoleMessages.filter((m) => /does not declare/.test(m));
  assert.equal(warnings().length, 1, s.consoleMessages.join("\n"));
  assert.match(warnings()[0], /^warning: consent-banner: .*mystery_tracker/);
  assert.doesNotMatch(warnings()[0], /cookieconsent_status|_ga/);
  await s.page.evaluate(() => window.consentBanner.acceptAll());
  await s.waitRan(2);
  await s.page.evaluate(() => window.consentBanner.set({ embeds: false }));
  assert.equal(warnings().length, 1, "declared cookies (_ga, _gid) are not warned about, and mystery_tracker only once");
  await s.page.evaluate(() => { document.cookie = "another_one=1; path=/"; });
  await s.page.evaluate(() => window.consentBanner.set({ embeds: true }));
  assert.equal(warnings().length, 2);
  assert.match(warnings()[1], /another_one/);
  assert.doesNotMatch(warnings()[1], /mystery_tracker/);
  await s.done();

  s = await h.openPage(page({}, { cookie: "mystery_tracker=1" }));
  await s.settle();
  assert.equal(s.consoleMessages.filter((m) => /does not declare/.test(m)).length, 0);
  await s.done();
});

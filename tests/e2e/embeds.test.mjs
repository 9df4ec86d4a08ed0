// Gated iframes (placeholders) and gated elements added after the page loaded.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ANALYTICS_ORDER, TEST_TIMEOUT, TEXT, createHarness } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

const VIDEO = "https://www.youtube-nocookie.com/embed/abc";
const LATE_VIDEO = "https://www.youtube-nocookie.com/embed/late";

test("the placeholder's button grants YouTube alone and loads the video, only after the click", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  const ph = page.locator("[data-consent-placeholder]");
  await ph.waitFor({ state: "visible" });
  await s.settle();
  s.assertNoThirdParty("before the click");

  s.mark("after click");
  await ph.getByRole("button", { name: TEXT.showYouTube, exact: true }).click();
  await page.waitForFunction((u) => document.querySelector('iframe[data-consent="embeds"]').getAttribute("src") === u, VIDEO);
  await ph.waitFor({ state: "hidden" });
  assert.equal(await page.locator("[data-consent-placeholder]:visible").count(), 0, "the placeholder goes away");
  assert.ok(await page.locator('iframe[data-consent="embeds"]').isVisible(), "the iframe is shown");

  const yt = s.thirdParty.filter((r) => r.host === "www.youtube-nocookie.com");
  assert.ok(yt.length >= 1, "the video was requested");
  assert.ok(yt.every((r) => r.mark === "after click"), "YouTube was requested only after the click");

  const c = await s.waitConsentCookie(/\|embeds:0\+youtube$/);
  assert.match(c.value, /^v2\|r0\|t\d+\|analytics:0\|embeds:0\+youtube$/, "only YouTube was granted");
  await s.settle();
  assert.deepEqual(await s.ran(), [], "analytics were not granted by the video button");
  assert.ok(!s.thirdParty.some((r) => /googletagmanager|hotjar|px\.example/.test(r.host)), "no analytics request");
  const events = await s.changeEvents();
  assert.equal(events.at(-1)?.embeds, false, "consent-banner:change reports embeds not granted whole");
  assert.equal(events.at(-1)?.services?.youtube, true, "consent-banner:change reports YouTube granted");
  assert.equal(events.at(-1)?.services?.twitter, false, "and Twitter not");
  await s.done();
});

test("elements added after load obey the same rules before and after consent", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  await s.banner().waitFor({ state: "visible" });

  // Before consent: an inline script and an iframe through innerHTML, an external script and a
  // pixel through createElement.
  await page.evaluate((late) => {
    const main = document.querySelector("main");
    main.insertAdjacentHTML(
      "beforeend",
      `<script type="text/plain" data-consent="analytics">window.__ran=(window.__ran||[]).concat("dyn-inline")<\/script>` +
        `<iframe data-consent="embeds" data-src="${late}" title="Late video" width="320" height="180"></iframe>`,
    );
    const ext = document.createElement("script");
    ext.type = "text/plain";
    ext.dataset.consent = "analytics";
    ext.src = "https://cdn.example.com/late.js";
    document.body.append(ext);
    const img = document.createElement("img");
    img.alt = "";
    img.dataset.consent = "analytics";
    img.dataset.src = "https://px.example.net/late.gif";
    document.body.append(img);
  }, LATE_VIDEO);

  const latePh = page.getByRole("region", { name: "YouTube: Late video", exact: true });
  try {
    await latePh.waitFor({ state: "visible", timeout: 5_000 });
  } catch {
    assert.fail("an iframe added after load gets its placeholder");
  }
  await s.settle();
  assert.deepEqual(await s.ran(), [], "added scripts do not run before consent");
  s.assertNoThirdParty("before consent (added elements)");
  assert.equal(await page.locator(`iframe[data-src="${LATE_VIDEO}"]`).getAttribute("src"), null);
  assert.equal(await page.locator('img[data-src="https://px.example.net/late.gif"]').getAttribute("src"), null);

  // Consent to analytics: the page's and the added scripts run once each, in document order.
  await s.banner().getByRole("button", { name: TEXT.accept, exact: true }).click();
  const expected = [...ANALYTICS_ORDER, "dyn-inline", "late"];
  await s.waitRan(expected.length);
  await s.settle();
  assert.deepEqual(await s.ran(), expected);
  await page.waitForFunction(() => document.querySelector('img[data-src="https://px.example.net/late.gif"]').getAttribute("src") === "https://px.example.net/late.gif");
  assert.equal(await page.locator(`iframe[data-src="${LATE_VIDEO}"]`).getAttribute("src"), null, "embeds still refused");

  // After consent: a new analytics script runs at once; one that also needs embeds waits; a new
  // iframe gets a placeholder.
  await page.evaluate(() => {
    const main = document.querySelector("main");
    main.insertAdjacentHTML(
      "beforeend",
      `<script type="text/plain" data-consent="analytics">window.__ran=(window.__ran||[]).concat("dyn-after")<\/script>` +
        `<script type="text/plain" data-consent="analytics embeds">window.__ran=(window.__ran||[]).concat("dyn-both")<\/script>` +
        `<iframe data-consent="embeds" data-src="https://www.youtube-nocookie.com/embed/later" title="Later video"></iframe>`,
    );
  });
  await s.waitRan(expected.length + 1);
  await page.getByRole("region", { name: "YouTube: Later video", exact: true }).waitFor({ state: "visible" });
  await s.settle();
  assert.deepEqual(await s.ran(), [...expected, "dyn-after"]);
  assert.ok(!s.thirdParty.some((r) => r.host === "www.youtube-nocookie.com"), "no video requested without embeds consent");

  // Gated markup inside an added container is found too (the observer only scans added nodes
  // that are or hold gated markup).
  await page.evaluate(() => {
    const box = document.createElement("div");
    box.innerHTML =
      `<section><p>Nested</p><script type="text/plain" data-consent="analytics">window.__ran=(window.__ran||[]).concat("dyn-nested")<\/script></section>` +
      `<div><iframe data-consent="embeds" data-src="https://www.youtube-nocookie.com/embed/nested" title="Nested video"></iframe></div>`;
    document.querySelector("main").append(box);
  });
  await s.waitRan(expected.length + 2);
  await page.getByRole("region", { name: "YouTube: Nested video", exact: true }).waitFor({ state: "visible" });
  await s.settle();
  assert.deepEqual(await s.ran(), [...expected, "dyn-after", "dyn-nested"]);

  // Granting YouTube from one placeholder loads every YouTube frame; the scripts that need the
  // whole embeds category still wait.
  await latePh.getByRole("button", { name: TEXT.showYouTube, exact: true }).click();
  for (const id of ["abc", "late", "later", "nested"]) {
    await page.waitForFunction(
      (u) => document.querySelector(`iframe[data-src="${u}"]`).getAttribute("src") === u,
      `https://www.youtube-nocookie.com/embed/${id}`,
    );
  }
  await s.settle();
  assert.deepEqual(await s.ran(), [...expected, "dyn-after", "dyn-nested"], "YouTube alone does not run embeds scripts");
  // Granting the category runs the scripts that needed both categories, once each.
  await page.evaluate(() => window.consentBanner.set({ embeds: true }));
  await s.waitRan(expected.length + 4);
  await s.settle();
  const ran = await s.ran();
  assert.deepEqual(ran.slice(0, expected.length + 2), [...expected, "dyn-after", "dyn-nested"], "nothing ran twice");
  assert.deepEqual(ran.slice(expected.length + 2).sort(), ["both", "dyn-both"], "scripts needing both categories ran once each");
  assert.equal(await page.locator("[data-consent-placeholder]:visible").count(), 0);
  await s.done();
});

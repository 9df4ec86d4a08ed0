// A visitor who has made no choice yet: the banner asks, and nothing non-essential happens.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { BANNER_NAME, COOKIE, TEST_TIMEOUT, TEXT, createHarness } from "./helpers.mjs";

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());

test("the banner is the first element of <body>, with its heading, buttons and link", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  const banner = s.banner();
  await banner.waitFor({ state: "visible" });

  const first = await page.evaluate(() => {
    const el = document.body.firstElementChild;
    return { role: el?.getAttribute("role"), label: el?.getAttribute("aria-label"), skipLinkIndex: [...document.body.children].findIndex((c) => c.matches("a.skip-link")) };
  });
  assert.equal(first.role, "region", "first element child of <body> must be the banner region");
  assert.equal(first.label, BANNER_NAME);
  assert.equal(first.skipLinkIndex, 1, "the skip link follows the banner");

  assert.equal(await banner.count(), 1, "exactly one banner");
  assert.equal(await banner.getByRole("heading").count(), 1, "the banner has a heading");
  assert.equal((await banner.getByRole("heading").innerText()).trim(), BANNER_NAME);

  const accept = banner.getByRole("button", { name: TEXT.accept, exact: true });
  const reject = banner.getByRole("button", { name: TEXT.reject, exact: true });
  const choose = banner.getByRole("link", { name: TEXT.choose, exact: true });
  for (const [what, loc] of [["accept button", accept], ["reject button", reject], ["settings link", choose]]) {
    assert.equal(await loc.count(), 1, `one ${what}`);
    assert.ok(await loc.isVisible(), `${what} visible`);
  }
  assert.equal((await accept.innerText()).trim(), TEXT.accept);
  assert.equal((await reject.innerText()).trim(), TEXT.reject);
  assert.equal((await choose.innerText()).trim(), TEXT.choose);
  assert.ok(await choose.getAttribute("href"), "the settings link has an href");

  // "Two buttons of equal weight": same size and same look.
  const look = (loc) =>
    loc.evaluate((el) => {
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return { h: Math.round(r.height), bg: cs.backgroundColor, color: cs.color, fw: cs.fontWeight, fs: cs.fontSize, border: cs.borderTopWidth + " " + cs.borderTopColor };
    });
  assert.deepEqual(await look(reject), await look(accept), "accept and reject have equal weight");

  // The component's stylesheet is loaded next to the script.
  const cssLoaded = await page.evaluate(() =>
    [...document.styleSheets].some((sh) => sh.href && new URL(sh.href).pathname === "/assets/consent-banner.css"),
  );
  assert.ok(cssLoaded, "dist/consent-banner.css is loaded automatically from next to the script");
  await s.done();
});

test("first visit: no third-party request, no cookie, no gated script, blocked iframe and pixel", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/index.html");
  const { page } = s;
  await s.banner().waitFor({ state: "visible" });
  await s.settle();

  s.assertNoThirdParty("before any choice");
  assert.deepEqual(await s.cookieNames(), [], "no cookie at all is written before a choice");
  assert.equal(await page.evaluate(() => document.cookie), "");
  assert.deepEqual(await s.ran(), [], "no gated script may run before consent");
  assert.deepEqual(await s.changeEvents(), [], "no consent-banner:change before a choice");

  const iframe = await page.evaluate(() => {
    const f = document.querySelector('iframe[data-consent="embeds"]');
    return { src: f.getAttribute("src"), hidden: f.hidden || getComputedStyle(f).display === "none", prev: f.previousElementSibling?.matches("[data-consent-placeholder]") };
  });
  assert.equal(iframe.src, null, "the gated iframe has no src before consent");
  assert.ok(iframe.hidden, "the gated iframe is hidden while blocked");
  assert.ok(iframe.prev, "the placeholder is inserted just before the iframe");

  const ph = page.locator("[data-consent-placeholder]");
  assert.equal(await ph.count(), 1, "one placeholder for the one gated iframe");
  assert.ok(await ph.isVisible());
  assert.equal(await ph.getAttribute("role"), "region");
  assert.equal(await ph.getAttribute("aria-label"), "YouTube: Test video");
  assert.match(await ph.innerText(), /YouTube content is hidden because it may set cookies/);
  assert.equal(await ph.getByRole("button", { name: TEXT.showYouTube, exact: true }).count(), 1);
  assert.equal(await ph.getByRole("link", { name: TEXT.choose, exact: true }).count(), 1);

  assert.equal(await page.locator('img[data-consent="analytics"]').getAttribute("src"), null, "the tracking pixel has no src");
  // Scripts stay inert.
  const types = await page.evaluate(() => [...document.querySelectorAll("script[data-consent]")].map((e) => e.type));
  assert.ok(types.every((t) => t === "text/plain"), `gated scripts keep type=text/plain: ${types}`);
  assert.deepEqual(s.consoleErrors, [], "no console error on a correctly configured page");
  await s.done();
});

test("the banner is drawn on every page until a choice is made", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/settings.html");
  await s.banner().waitFor({ state: "visible" });
  await s.settle();
  assert.deepEqual(await s.ran(), []);
  s.assertNoThirdParty();
  assert.equal(await s.consentCookie(), null, `no ${COOKIE} before a choice`);
  await s.done();
});

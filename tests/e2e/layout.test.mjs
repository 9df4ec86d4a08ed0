// Where the banner is drawn (README, "Where the banner is drawn"): first in <body> for screen
// readers and the keyboard, but docked at the bottom of the viewport, so its arrival after the
// first paint shifts nothing (Cumulative Layout Shift 0); never hiding the page's end or keyboard
// focus; in flow at the top where it would not fit (a short or zoomed viewport, large text) and
// while the settings form is open in it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { TEST_TIMEOUT, TEXT, cookieList, createHarness } from "./helpers.mjs";

const DESKTOP = { viewport: { width: 1280, height: 720 } };
// As the benchmark (bench/run.mjs) emulates a phone.
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
// 1280x1024 at 400% zoom (WCAG 1.4.10 Reflow).
const ZOOM_400 = { viewport: { width: 320, height: 256 } };

let h;
let strict;
before(async () => {
  h = await createHarness();
  // Only style-src 'self': the banner's height reaches the page through the CSSOM, not a style attribute.
  strict = await createHarness({
    headers: { "Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:" },
  });
});
after(async () => {
  await h?.close();
  await strict?.close();
});

/** Every layout shift of the page so far (a buffered observer), with what moved. */
function layoutShifts(s) {
  return s.page.evaluate(
    () =>
      new Promise((resolve) => {
        const shifts = [];
        const describe = (node) =>
          !node ? "?" : node.nodeType === 1 ? `${node.tagName.toLowerCase()}${node.id ? "#" + node.id : ""}${node.className && typeof node.className === "string" ? "." + node.className.trim().split(/\s+/).join(".") : ""}` : node.nodeName;
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            shifts.push({ at: Math.round(e.startTime), value: e.value, input: e.hadRecentInput, moved: e.sources.map((x) => describe(x.node)) });
          }
        });
        observer.observe({ type: "layout-shift", buffered: true });
        // Buffered entries arrive in the observer's first callback, after a frame.
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            setTimeout(() => {
              observer.disconnect();
              resolve(shifts);
            }, 50),
          ),
        );
      }),
  );
}

/**
 * The banner's box and position, the viewport, and the room the page makes for it, as the visitor
 * sees them once the page has settled: the banner's height is measured by a ResizeObserver, whose
 * callbacks run in a frame's rendering step, and written to the page in the frame after that
 * (src/ui/banner.rs, so a new scrollbar cannot make a ResizeObserver loop). So three frames.
 */
function geometry(s) {
  return s.page.evaluate(async () => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done))));
    const region = document.querySelector("[data-consent-banner]");
    const html = document.documentElement;
    const r = region?.getBoundingClientRect();
    const cs = getComputedStyle(html);
    return {
      first: document.body.firstElementChild === region,
      position: region ? getComputedStyle(region).position : null,
      top: r?.top,
      bottom: r?.bottom,
      height: r?.height,
      viewport: innerHeight,
      docked: html.getAttribute("data-cb-banner"),
      heightVar: html.style.getPropertyValue("--cb-banner-height"),
      paddingBottom: parseFloat(cs.paddingBottom),
      scrollPaddingBottom: cs.scrollPaddingBottom,
      horizontalScroll: html.scrollWidth > html.clientWidth,
    };
  });
}

function assertDocked(g, what) {
  assert.equal(g.first, true, `${what}: the banner is the first element of <body>`);
  assert.equal(g.position, "fixed", `${what}: the banner is docked (fixed)`);
  assert.ok(Math.abs(g.bottom - g.viewport) <= 1, `${what}: the banner's bottom (${g.bottom}) is the viewport's (${g.viewport})`);
  assert.ok(g.top > 0, `${what}: the banner does not cover the whole viewport (top ${g.top})`);
  assert.ok(Math.abs(g.paddingBottom - g.height) <= 1, `${what}: the page's bottom padding (${g.paddingBottom}) is the banner's height (${g.height})`);
  assert.ok(Math.abs(parseFloat(g.scrollPaddingBottom) - g.height) <= 1, `${what}: scroll-padding-bottom (${g.scrollPaddingBottom}) is the banner's height (${g.height})`);
}

function assertInFlow(g, what) {
  assert.equal(g.first, true, `${what}: the banner is the first element of <body>`);
  assert.equal(g.position, "static", `${what}: the banner is in flow`);
  assert.equal(g.paddingBottom, 0, `${what}: no bottom padding for a banner in flow`);
  assert.equal(g.scrollPaddingBottom, "auto", `${what}: no scroll padding for a banner in flow`);
}

function assertUndocked(g, what) {
  assert.equal(g.docked, null, `${what}: <html> is no longer marked docked`);
  assert.equal(g.heightVar, "", `${what}: --cb-banner-height is gone from <html>`);
  assert.equal(g.paddingBottom, 0, `${what}: the page's bottom padding is gone`);
  assert.equal(g.scrollPaddingBottom, "auto", `${what}: the page's scroll padding is gone`);
}

/** Waits until the page's bottom padding is the banner's height (the resize observer has run). */
function paddingFollows(s) {
  return s.page.waitForFunction(() => {
    const region = document.querySelector("[data-consent-banner]").getBoundingClientRect().height;
    return Math.abs(parseFloat(getComputedStyle(document.documentElement).paddingBottom) - region) <= 1;
  });
}

/** Opens `path` in a fresh context and waits until the banner is shown and settled. */
async function open(harness, path, contextOptions, cookies = {}) {
  const s = await harness.openPage(path, { contextOptions, cookies: cookieList(cookies) });
  await s.banner().waitFor({ state: "visible" });
  await s.settle();
  return s;
}

for (const [name, options] of [["desktop 1280x720", DESKTOP], ["phone 390x844", PHONE]]) {
  for (const path of ["/plain.html", "/layout.html"]) {
    test(`first visit, ${name}, ${path}: the banner's arrival shifts nothing (CLS 0)`, { timeout: TEST_TIMEOUT }, async () => {
      const s = await open(h, path, options);
      const shifts = await layoutShifts(s);
      const cls = shifts.reduce((sum, x) => sum + x.value, 0);
      assert.equal(cls, 0, `layout shifts after the banner appeared: ${JSON.stringify(shifts)}`);
      assertDocked(await geometry(s), name);
      await s.done();
    });
  }
}

test("the banner is first in <body> but drawn at the bottom of the viewport, and stays there while the page scrolls", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(h, "/layout.html", DESKTOP);
  const { page } = s;
  assertDocked(await geometry(s), "at the top of the page");
  const order = await page.evaluate(() => [...document.body.children].slice(0, 2).map((c) => c.getAttribute("role") || c.className));
  assert.deepEqual(order, ["region", "skip-link"], "the banner comes before the skip link in the DOM");
  // The first Tab stop is still the banner's Accept button.
  await page.keyboard.press("Tab");
  assert.equal((await s.focused()).text, TEXT.accept);
  await page.evaluate(() => window.scrollTo(0, 300));
  assertDocked(await geometry(s), "scrolled");
  // The banner's own buttons are hit-testable where they are drawn (nothing of the page covers them).
  for (const label of [TEXT.accept, TEXT.reject]) {
    const hit = await s.banner().getByRole("button", { name: label, exact: true }).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el && r.bottom <= innerHeight;
    });
    assert.equal(hit, true, `${label} is in view and not covered`);
  }
  await s.done();
});

test("keyboard focus on the page's last link is scrolled into view above the docked banner, and the page's end can be reached", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(h, "/layout.html", DESKTOP);
  const { page } = s;
  const before = await page.locator("#last-link").evaluate((el) => el.getBoundingClientRect().top);
  const banner = await geometry(s);
  assert.ok(before > banner.top, `the last link starts out of view or under the banner (${before} > ${banner.top})`);

  await s.tabUntil((f) => f.id === "last-link", { max: 12, what: "the page's last link" });
  const after = await page.evaluate(() => {
    const link = document.getElementById("last-link").getBoundingClientRect();
    const region = document.querySelector("[data-consent-banner]").getBoundingClientRect();
    return { linkTop: link.top, linkBottom: link.bottom, bannerTop: region.top };
  });
  assert.ok(after.linkTop >= 0, `the focused link is not above the viewport (${after.linkTop})`);
  assert.ok(after.linkBottom <= after.bannerTop + 0.5, `the focused link (bottom ${after.linkBottom}) is above the banner (top ${after.bannerTop})`);

  // Scrolled so that the last link is inside the viewport but under the banner, Tab onto it
  // scrolls it out from under the banner (the scroll padding: without it, a link "in view"
  // under a fixed banner is not scrolled at all).
  const under = await page.evaluate(() => {
    const link = document.getElementById("last-link");
    const y = link.getBoundingClientRect().top + scrollY;
    window.scrollTo(0, y - innerHeight + 100);
    document.querySelector(".site-footer a[data-consent-open]").focus({ preventScroll: true });
    const r = link.getBoundingClientRect();
    return { top: r.top, bannerTop: document.querySelector("[data-consent-banner]").getBoundingClientRect().top, viewport: innerHeight };
  });
  assert.ok(under.top > under.bannerTop && under.top < under.viewport, `set-up: the last link is in the viewport, under the banner: ${JSON.stringify(under)}`);
  await page.keyboard.press("Tab");
  assert.equal((await s.focused()).id, "last-link");
  const uncovered = await page.evaluate(() => ({
    link: document.getElementById("last-link").getBoundingClientRect().bottom,
    bannerTop: document.querySelector("[data-consent-banner]").getBoundingClientRect().top,
  }));
  assert.ok(uncovered.link <= uncovered.bannerTop + 0.5, `the focused link (bottom ${uncovered.link}) is scrolled above the banner (top ${uncovered.bannerTop})`);

  // Scrolled to its very end, the page's last content is above the banner.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const end = await page.evaluate(() => ({
    footer: document.querySelector(".site-footer").getBoundingClientRect().bottom,
    bannerTop: document.querySelector("[data-consent-banner]").getBoundingClientRect().top,
  }));
  assert.ok(end.footer <= end.bannerTop + 0.5, `the footer's bottom (${end.footer}) can be scrolled above the banner (${end.bannerTop})`);
  await s.done();
});

test("a page shorter than the viewport whose end is under the banner becomes scrollable; its last link is focused in view", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(h, "/plain.html", { viewport: { width: 1280, height: 420 } });
  const { page } = s;
  const g = await geometry(s);
  assertDocked(g, "1280x420");
  const link = page.getByRole("link", { name: "Cookie settings", exact: true });
  const start = await link.evaluate((el) => el.getBoundingClientRect().bottom);
  assert.ok(start > g.top, `the footer link starts under the banner (${start} > ${g.top})`);
  await s.tabUntil((f) => f.tag === "a" && f.text === "Cookie settings", { max: 8, what: "the footer's Cookie settings link" });
  const now = await page.evaluate(() => ({
    link: document.activeElement.getBoundingClientRect(),
    bannerTop: document.querySelector("[data-consent-banner]").getBoundingClientRect().top,
  }));
  assert.ok(now.link.top >= 0 && now.link.bottom <= now.bannerTop + 0.5, `the focused link (${now.link.top}-${now.link.bottom}) is above the banner (${now.bannerTop})`);
  await s.done();
});

test("400% zoom (320x256): the banner is in flow at the top, with no horizontal scroll", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(h, "/plain.html", ZOOM_400);
  const g = await geometry(s);
  assertInFlow(g, "320x256");
  assert.equal(g.top, 0, "the banner starts the page");
  assert.equal(g.horizontalScroll, false, "no horizontal scroll");
  await s.done();
});

test("large text (200%): a banner taller than its docked space is in flow; on a small phone the docked banner shows Accept and Reject whole", { timeout: TEST_TIMEOUT }, async () => {
  let s = await open(h, "/plain.html", DESKTOP, { saveFontSize: "200" });
  assertInFlow(await geometry(s), "1280x720 at 200%");
  await s.done();

  s = await open(h, "/plain.html", { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  assertDocked(await geometry(s), "360x640");
  for (const label of [TEXT.accept, TEXT.reject]) {
    const box = await s.banner().getByRole("button", { name: label, exact: true }).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, hit: document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el };
    });
    assert.ok(box.top >= 0 && box.bottom <= 640 && box.hit, `${label} is whole in view on a 360x640 phone: ${JSON.stringify(box)}`);
  }
  await s.done();
});

test("resizing and zooming move the banner between docked and in flow", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(h, "/layout.html", DESKTOP);
  const { page } = s;
  assertDocked(await geometry(s), "1280x720");
  await page.setViewportSize(ZOOM_400.viewport);
  await page.waitForFunction(() => getComputedStyle(document.querySelector("[data-consent-banner]")).position === "static");
  assertInFlow(await geometry(s), "resized to 320x256");
  await page.setViewportSize(DESKTOP.viewport);
  await page.waitForFunction(() => getComputedStyle(document.querySelector("[data-consent-banner]")).position === "fixed");
  await paddingFollows(s);
  assertDocked(await geometry(s), "back to 1280x720");
  await s.done();
});

test("the toolbar's text size re-places the banner: in flow once too tall, docked again at 100%", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(h, "/toolbar.html", DESKTOP);
  const { page } = s;
  assertDocked(await geometry(s), "100%");
  await page.getByRole("button", { name: "Accessibility tools", exact: true }).click();
  const larger = page.getByRole("button", { name: "Increase text size", exact: true });
  for (let i = 0; i < 4; i++) await larger.click();
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-cb-text-size")), "200");
  assertInFlow(await geometry(s), "200%");
  await page.getByRole("button", { name: "Reset accessibility settings", exact: true }).click();
  await page.waitForFunction(() => !document.documentElement.hasAttribute("data-cb-text-size") || document.documentElement.getAttribute("data-cb-text-size") === "100");
  assertDocked(await geometry(s), "reset to 100%");
  await s.done();
});

test("keyboard: the settings form opens in flow at the top of the page, Save confirms there, Hide leaves no padding behind", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(h, "/layout.html", DESKTOP);
  const { page } = s;
  await page.evaluate(() => window.scrollTo(0, 400));
  await s.tabUntil((f) => f.tag === "a" && f.text === TEXT.choose, { max: 3, what: `"${TEXT.choose}"` });
  await page.keyboard.press("Enter");
  const form = s.banner().locator("form");
  await form.waitFor({ state: "visible" });
  let g = await geometry(s);
  assertInFlow(g, "settings open");
  assert.equal(g.docked, null, "<html> is not marked docked while the form is open");
  const focus = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return { inBanner: !!document.activeElement.closest("[data-consent-banner]"), top: r.top };
  });
  assert.ok(focus.inBanner && focus.top >= 0 && focus.top < 720, `focus is in the form, in view: ${JSON.stringify(focus)}`);

  await s.tabUntil((f) => f.tag === "input" && f.type === "radio" && /analytics/.test(f.name || ""), { max: 10, what: "the analytics radio" });
  await page.keyboard.press("ArrowUp");
  await s.tabUntil((f) => f.tag === "button" && f.text === TEXT.save, { max: 20, what: `"${TEXT.save}"` });
  // Every control of the form was in view when it had focus.
  assert.ok(await page.evaluate(() => { const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }), "Save is in view");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !!document.activeElement?.closest(".cb-banner__confirmation"));
  assertInFlow(await geometry(s), "confirmation after the form");

  await s.tabUntil((f) => f.tag === "button" && f.text === TEXT.hide, { max: 5, what: `"${TEXT.hide}"` });
  await page.keyboard.press("Enter");
  await s.banner().waitFor({ state: "hidden" });
  assertUndocked(await geometry(s), "hidden");
  await s.done();
});

test("keyboard: after Accept the confirmation stays docked and takes focus in view; Hide leaves no padding behind", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(h, "/layout.html", DESKTOP);
  const { page } = s;
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !!document.activeElement?.closest(".cb-banner__confirmation"));
  // The padding follows the (shorter) confirmation.
  await paddingFollows(s);
  assertDocked(await geometry(s), "confirmation");
  await s.tabUntil((f) => f.tag === "button" && f.text === TEXT.hide, { max: 5, what: `"${TEXT.hide}"` });
  await page.keyboard.press("Enter");
  await s.banner().waitFor({ state: "hidden" });
  assertUndocked(await geometry(s), "hidden");
  // Shown again through the API: docked again.
  await page.evaluate(() => window.consentBanner.showBanner());
  await s.banner().waitFor({ state: "visible" });
  await page.waitForFunction(() => parseFloat(getComputedStyle(document.documentElement).paddingBottom) > 0);
  assertDocked(await geometry(s), "shown again");
  await s.done();
});

test("under a strict CSP (style-src 'self') the page still makes room for the docked banner", { timeout: TEST_TIMEOUT }, async () => {
  const s = await open(strict, "/layout.html", DESKTOP);
  assertDocked(await geometry(s), "strict CSP");
  assert.deepEqual(await s.page.evaluate(() => window.__cspViolations), [], "no CSP violation");
  await s.done();
});

// The toolbar's layout and accessibility: axe in every contrast mode at the largest text size
// (open and closed), no horizontal scroll at 320 px, WCAG text-spacing overrides, 24x24 px
// targets, and the saved look applied before the first paint.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { TEST_TIMEOUT, WWW, cookieList, createHarness, formatViolations } from "./helpers.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const MODES = ["default", "high", "yellow-black"];
const DEMO_PAGES = ["/", "/article.html", "/cookies.html", "/cookie-settings.html"];
// WCAG 2.2 SC 1.4.12 text spacing, as in the W3C's test bookmarklet.
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`;

let fixtures;
let demo;
before(async () => {
  fixtures = await createHarness();
  demo = await createHarness({ root: WWW });
});
after(async () => {
  await fixtures?.close();
  await demo?.close();
});

async function assertNoViolations(s, what) {
  const results = await new AxeBuilder({ page: s.page }).withTags(TAGS).analyze();
  assert.deepEqual(results.violations.map((v) => v.id), [], `${what}:\n${formatViolations(results.violations)}`);
  assert.ok(results.passes.some((p) => p.id === "color-contrast"), `${what}: axe checked colour contrast`);
}

/** The toolbar's controls that are shown: their boxes and whether their content is clipped. */
function controls(s) {
  return s.page.evaluate(() =>
    [...document.querySelectorAll("[data-cb-toolbar] button, [data-cb-toolbar] input, [data-cb-toolbar] label, [data-cb-toolbar] legend, [data-cb-toolbar] .cb-toolbar__label, [data-cb-toolbar] .cb-toolbar__size")]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return {
          what: `${el.tagName.toLowerCase()} ${(el.textContent || el.getAttribute("value") || "").trim()}`,
          tag: el.tagName.toLowerCase(),
          x: r.x, y: r.y, w: r.width, h: r.height,
          clipped: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
          inView: r.left >= 0 && r.right <= document.documentElement.clientWidth + 0.5,
        };
      }),
  );
}

function overlaps(list) {
  const found = [];
  const boxes = list.filter((c) => c.tag === "button" || c.tag === "input" || c.tag === "label");
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const overlapX = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const overlapY = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (overlapX > 0.5 && overlapY > 0.5) found.push(`${a.what} / ${b.what}`);
    }
  }
  return found;
}

async function openAll(s) {
  const toggle = s.page.getByRole("button", { name: "Accessibility tools", exact: true }).first();
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  const translate = s.page.getByRole("button", { name: "Translate this page", exact: true }).first();
  if ((await translate.getAttribute("aria-expanded")) !== "true") await translate.click();
}

test("axe: toolbar in every contrast mode at 200%, open and closed (fixture page)", { timeout: TEST_TIMEOUT * 2 }, async () => {
  for (const mode of MODES) {
    const s = await fixtures.openPage("/toolbar.html", { cookies: cookieList({ "contrast-mode": mode, saveFontSize: "200" }) });
    assert.equal(await s.page.evaluate(() => document.documentElement.getAttribute("data-cb-text-size")), "200");
    await assertNoViolations(s, `${mode}, 200%, toolbar closed`);
    await openAll(s);
    await assertNoViolations(s, `${mode}, 200%, toolbar and translation open`);
    await s.page.getByRole("button", { name: "Accept cookies and use Google Translate" }).click();
    await s.page.getByRole("group", { name: "Choose a language" }).waitFor({ state: "visible" });
    await assertNoViolations(s, `${mode}, 200%, languages shown, banner confirmation`);
    await s.done();
  }
});

test("axe: every demo page in every contrast mode at 200%, toolbar open and closed", { timeout: TEST_TIMEOUT * 3 }, async () => {
  for (const mode of MODES) {
    const s = await demo.openPage("/", { cookies: cookieList({ "contrast-mode": mode, saveFontSize: "200" }) });
    for (const path of DEMO_PAGES) {
      await s.goto(path);
      await s.page.locator("[data-cb-toolbar]").first().waitFor();
      await assertNoViolations(s, `${path}, ${mode}, 200%, toolbar closed`);
    }
    await openAll(s);
    await assertNoViolations(s, `/cookie-settings.html, ${mode}, 200%, toolbar open`);
    await s.done();
  }
});

test("320 px wide at 200%: no horizontal scroll, nothing clipped or overlapping, targets at least 24x24 px", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const s = await demo.openPage("/", {
    cookies: cookieList({ saveFontSize: "200", "accessibility-controls": "open" }),
    contextOptions: { viewport: { width: 320, height: 640 } },
  });
  for (const path of DEMO_PAGES) {
    await s.goto(path);
    await openAll(s);
    const scroll = await s.page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
    assert.ok(scroll.sw <= scroll.cw, `${path}: horizontal scroll at 320 px and 200% (${scroll.sw} > ${scroll.cw})`);
    const list = await controls(s);
    assert.ok(list.length >= 10, `${path}: the toolbar's controls are shown (${list.length})`);
    for (const c of list) {
      assert.equal(c.clipped, false, `${path}: ${c.what} is clipped`);
      assert.equal(c.inView, true, `${path}: ${c.what} is outside the viewport`);
      if (c.tag === "button" || c.tag === "input") {
        assert.ok(c.w >= 24 && c.h >= 24, `${path}: ${c.what} is ${c.w}x${c.h}, smaller than 24x24`);
      }
    }
    assert.deepEqual(overlaps(list), [], `${path}: controls overlap`);
  }
  await s.done();
});

test("WCAG text-spacing overrides at 200%: nothing in the toolbar clipped or overlapping", { timeout: TEST_TIMEOUT }, async () => {
  for (const width of [320, 1280]) {
    const s = await fixtures.openPage("/toolbar.html", {
      cookies: cookieList({ saveFontSize: "200" }),
      contextOptions: { viewport: { width, height: 800 } },
    });
    await s.page.addStyleTag({ content: TEXT_SPACING });
    await openAll(s);
    const list = await controls(s);
    assert.ok(list.length >= 10);
    for (const c of list) assert.equal(c.clipped, false, `${width} px: ${c.what} is clipped with text spacing`);
    assert.deepEqual(overlaps(list), [], `${width} px: controls overlap with text spacing`);
    const scroll = await s.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    assert.equal(scroll, true, `${width} px: no horizontal scroll with text spacing`);
    await s.done();
  }
});

// Records, in the first animation frame (which runs before the first frame is painted), what the
// page looks like; first-paint's time comes from the Paint Timing API.
const FIRST_FRAME = `(() => {
  requestAnimationFrame(() => {
    const html = document.documentElement;
    window.__firstFrame = {
      at: performance.now(),
      contrast: html.getAttribute("data-cb-contrast"),
      fontSize: html.style.fontSize,
      bg: document.body ? getComputedStyle(document.body).backgroundColor : null,
    };
  });
})();`;

async function firstFrame(h, path) {
  const s = await h.openPage("/settings.html", { waitReady: false });
  await s.context.addCookies(cookieList({ "contrast-mode": "yellow-black", saveFontSize: "200" }).map((c) => ({ ...c, domain: "127.0.0.1", path: "/" })));
  await s.context.addInitScript({ content: FIRST_FRAME });
  await s.goto(path);
  const r = await s.page.evaluate(() => ({
    ...window.__firstFrame,
    firstPaint: performance.getEntriesByType("paint").find((e) => e.name === "first-paint")?.startTime ?? null,
  }));
  await s.done();
  return r;
}

test("saved look before the first paint: the drop-in in <head> without defer", { timeout: TEST_TIMEOUT }, async () => {
  for (let i = 0; i < 3; i++) {
    const r = await firstFrame(fixtures, "/toolbar-alone.html");
    assert.equal(r.contrast, "yellow-black", `run ${i}: contrast mode on <html> in the first frame`);
    assert.equal(r.fontSize, "200%", `run ${i}: text size in the first frame`);
    assert.equal(r.bg, "rgb(0, 0, 0)", `run ${i}: the mode's stylesheet applied in the first frame`);
    assert.ok(r.firstPaint === null || r.at <= r.firstPaint, `run ${i}: first frame ${r.at} ms, first paint ${r.firstPaint} ms`);
  }
});

test("saved look with `defer` (the contract's placement): measured and reported", { timeout: TEST_TIMEOUT }, async () => {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await firstFrame(fixtures, "/toolbar.html"));
  const early = runs.filter((r) => r.contrast === "yellow-black" && r.bg === "rgb(0, 0, 0)").length;
  // Reported, not asserted: with defer the browser may paint before deferred scripts run.
  console.log(`# defer: the saved look was in place in the first frame in ${early} of ${runs.length} loads`);
  // Whatever the timing, the look is in place once the page has loaded.
  const s = await fixtures.openPage("/toolbar.html", { cookies: cookieList({ "contrast-mode": "yellow-black" }) });
  assert.equal(await s.page.evaluate(() => document.documentElement.getAttribute("data-cb-contrast")), "yellow-black");
  await s.done();
});

// A page that stays still (issue 19, point 4; docs/stability.md): drawing the settings form, the
// cookie table, an embed's placeholder and the toolbar after the first paint must not move the
// page. On NHS.UK frontend and GOV.UK Frontend pages (tests/e2e/design-systems.mjs), at a phone's
// and a desktop's width, on a first visit (no cookie, nothing stored) and on a returning one (a
// stored choice and the config's digest from an earlier page, so the first stage runs and hands
// the page to the full stage), with the Wasm as fast as it comes and delayed by a second: the
// layout shifts without recent input add up to at most 0.01 (Cumulative Layout Shift's "good" is
// 0.1). A PerformanceObserver registered before the page's own scripts records every shift.
//
// CB_STABILITY_REPORT=1 also prints every case's shifts and what moved, and measures the script
// tag with `defer` (reported, not asserted: see docs/stability.md).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { TEST_TIMEOUT, createHarness } from "./helpers.mjs";
import { buildDesignSystemSites } from "./design-systems.mjs";

const LIMIT = 0.01;
const REPORT = !!process.env.CB_STABILITY_REPORT;
const VIEWPORTS = {
  // Not `isMobile`: Chromium's mobile emulation marks load-time shifts as after input
  // (hadRecentInput), which would hide them.
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 800 } },
};
/** Each page, and what the component draws on it (all of it must be there before we count). */
const PAGES = {
  "/nhs/cookies.html": ["[data-consent-settings] form", "[data-consent-cookie-table] .cb-cookie-table"],
  "/govuk/cookies.html": ["[data-consent-settings] form", "[data-consent-cookie-table] .cb-cookie-table"],
  "/nhs/article.html": ["[data-consent-placeholder]"],
  "/govuk/article.html": ["[data-consent-placeholder]"],
  "/nhs/components.html": ["[data-a11y-toolbar] [data-cb-toolbar]"],
  // The toolbar where a trust would put it: in the NHS header, after the search (issue 19 measured 0.046 there).
  "/nhs/header-toolbar.html": ["[data-a11y-toolbar] [data-cb-toolbar]"],
};
// A choice as the component writes it after "Reject analytics cookies" (embeds refused too, so
// the article's frame keeps its placeholder).
const REJECTED = { name: "cookieconsent_status", value: "v1|r0|t1700000000|analytics:0|embeds:0" };
const WASM_DELAY_MS = 1000;
const SETTLE_MS = 800;

// Registered before any page script; buffered entries include shifts before it ran anyway.
const OBSERVE = `(() => {
  if (window.top !== window) return;
  window.__shifts = [];
  const describe = (n) => !n ? "?" : n.nodeType !== 1 ? n.nodeName : n.tagName.toLowerCase() +
    (n.id ? "#" + n.id : "") + (typeof n.className === "string" && n.className.trim() ? "." + n.className.trim().split(/\\s+/).join(".") : "");
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__shifts.push({ at: Math.round(e.startTime), value: e.value, input: e.hadRecentInput,
        moved: e.sources.map((s) => describe(s.node) + " " + s.previousRect.y + "->" + s.currentRect.y) });
    }
  }).observe({ type: "layout-shift", buffered: true });
})();`;

let h;
let deferred;
before(async () => {
  const root = buildDesignSystemSites();
  writeFileSync(path.join(root, "nhs", "header-toolbar.html"), toolbarInHeader(readFileSync(path.join(root, "nhs", "components.html"), "utf8")));
  h = await createHarness({ root });
  if (REPORT) deferred = await createHarness({ root: withDefer(root) });
});
after(async () => {
  await h?.close();
  await deferred?.close();
});

/** The NHS components page with the toolbar's host moved into the header, after the search. */
function toolbarInHeader(html) {
  const host = `<div data-a11y-toolbar></div>`;
  const end = `</search>`;
  assert.ok(html.includes(host) && html.includes(end), "the NHS page has a toolbar host and a header search");
  return html.replace(host, "").replace(end, `${end}\n    ${host}`);
}

/** A copy of the sites with the script tag `defer`red, as in the README's first example. */
function withDefer(root) {
  const copy = mkdtempSync(path.join(os.tmpdir(), "cb-defer-"));
  cpSync(root, copy, { recursive: true });
  for (const s of ["nhs", "govuk"]) {
    for (const name of readdirSync(path.join(copy, s))) {
      const file = path.join(copy, s, name);
      const html = readFileSync(file, "utf8");
      const tag = `<script src="/assets/consent-banner.js" data-config="consent-config">`;
      assert.ok(html.includes(tag), `${file} has the script tag`);
      writeFileSync(file, html.replace(tag, tag.replace(">", " defer>")));
    }
  }
  return copy;
}

/**
 * Loads `pathname` as a first or returning visitor and returns the layout shifts of that load,
 * once the component is ready, everything it draws is there, and the page has settled.
 */
async function measure(harness, pathname, { viewport, returning, slowWasm, plain = false }) {
  const system = pathname.split("/")[1];
  // A returning visitor has seen another page of the site: the choice and the config's digest are stored.
  const warmUp = returning ? (pathname.endsWith("article.html") ? `/${system}/cookies.html` : `/${system}/article.html`) : `/ds/${system}/init.mjs`;
  const s = await harness.openPage(warmUp, {
    cookies: returning ? [REJECTED] : [],
    waitReady: returning,
    contextOptions: VIEWPORTS[viewport],
  });
  try {
    await s.context.addInitScript({ content: OBSERVE });
    // GOV.UK Frontend's own font swap moves its text (0.012-0.015 at 390 px): left out, so what
    // is measured is the component's doing (NHS.UK frontend's font host is answered empty already).
    await s.context.route("**/ds/govuk/assets/fonts/**", (route) => route.abort());
    if (slowWasm) {
      await s.context.route("**/*.wasm", async (route) => {
        await new Promise((r) => setTimeout(r, WASM_DELAY_MS));
        await route.continue();
      });
    }
    if (plain) {
      await s.context.route(`**${pathname}`, async (route) => {
        const html = await (await route.fetch()).text();
        await route.fulfill({ contentType: "text/html", body: html.replace(/<script src="\/assets\/consent-banner.js"[^>]*><\/script>/, "") });
      });
    }
    const wasm = [];
    s.page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(path.basename(new URL(r.url()).pathname)));
    await s.goto(pathname, { waitReady: !plain });
    if (!plain) for (const selector of PAGES[pathname]) await s.page.waitForSelector(selector, { state: "attached" });
    await s.settle(SETTLE_MS);
    const shifts = await s.page.evaluate(() => window.__shifts.slice());
    s.assertNoPageErrors();
    // A returning visit starts with the first stage, which hands the page over.
    if (!plain) assert.deepEqual(wasm, returning ? ["consent-banner_bg.wasm", "consent-banner-full_bg.wasm"] : ["consent-banner-full_bg.wasm"], "stages loaded");
    return shifts;
  } finally {
    await s.close();
  }
}

// Every shift counts: the test gives no input, so a shift marked as after input is an artefact.
const total = (shifts) => shifts.reduce((sum, e) => sum + e.value, 0);

function describeShifts(shifts) {
  return shifts.map((e) => `  ${e.at} ms ${e.value.toFixed(4)}${e.input ? " (input)" : ""}: ${e.moved.join(", ")}`).join("\n");
}

for (const pathname of Object.keys(PAGES)) {
  for (const viewport of Object.keys(VIEWPORTS)) {
    // What is measured below is the component's: the page alone stands still.
    test(`${pathname} ${viewport} without the component: no layout shift`, { timeout: TEST_TIMEOUT }, async () => {
      const shifts = await measure(h, pathname, { viewport, returning: false, slowWasm: false, plain: true });
      if (REPORT) console.log(`CLS ${total(shifts).toFixed(4)}  ${pathname} ${viewport} without the component\n${describeShifts(shifts)}`);
      assert.ok(total(shifts) <= 0.001, `the page alone moves: ${total(shifts).toFixed(4)}\n${describeShifts(shifts)}`);
    });
    for (const returning of [false, true]) {
      for (const slowWasm of [false, true]) {
        const name = `${pathname} ${viewport} ${returning ? "returning" : "first"} visit${slowWasm ? `, Wasm ${WASM_DELAY_MS} ms late` : ""}`;
        test(`${name}: layout shift at most ${LIMIT}`, { timeout: TEST_TIMEOUT }, async () => {
          const shifts = await measure(h, pathname, { viewport, returning, slowWasm });
          const cls = total(shifts);
          if (REPORT) console.log(`CLS ${cls.toFixed(4)}  ${name}\n${describeShifts(shifts)}`);
          assert.ok(cls <= LIMIT, `${name}: CLS ${cls.toFixed(4)} > ${LIMIT}\n${describeShifts(shifts)}`);
        });
      }
    }
  }
}

test("with the script tag deferred (reported with CB_STABILITY_REPORT=1)", { timeout: TEST_TIMEOUT * 4, skip: !REPORT }, async () => {
  for (const pathname of Object.keys(PAGES)) {
    for (const viewport of Object.keys(VIEWPORTS)) {
      for (const returning of [false, true]) {
        const shifts = await measure(deferred, pathname, { viewport, returning, slowWasm: false });
        console.log(`CLS ${total(shifts).toFixed(4)}  defer ${pathname} ${viewport} ${returning ? "returning" : "first"}\n${describeShifts(shifts)}`);
      }
    }
  }
});

test("when the component cannot start, the room it kept is given back", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(`/ds/nhs/init.mjs`, { waitReady: false, contextOptions: VIEWPORTS.desktop });
  try {
    await s.context.route("**/consent-banner-full_bg.wasm", async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.abort();
    });
    await s.goto("/nhs/cookies.html", { waitReady: false });
    const reserved = await s.page.evaluate(() =>
      [...document.querySelectorAll("[data-consent-settings],[data-consent-cookie-table],[data-a11y-toolbar]")].map((e) => e.offsetHeight),
    );
    // While it loads, each host has its room (so this test can fail).
    assert.ok(reserved.every((px) => px >= 48), `room kept while loading: ${reserved}`);
    await s.page.waitForFunction(() => document.querySelectorAll("[data-cb-settled]").length === 3, null, { timeout: 10_000 });
    const after = await s.page.evaluate(() =>
      [...document.querySelectorAll("[data-consent-settings],[data-consent-cookie-table],[data-a11y-toolbar]")].map((e) => e.offsetHeight),
    );
    assert.deepEqual(after, [0, 0, 0], "empty hosts take no room once the component has failed");
    assert.ok(s.consoleErrors.some((e) => /could not start/.test(e)), s.consoleErrors.join("\n"));
  } finally {
    await s.close();
  }
});

test("a host's room is the height drawn at this width before, and the estimate at another", { timeout: TEST_TIMEOUT }, async () => {
  // The first visit draws the form and remembers its height at 390 px (to the nearest 100 px).
  const s = await h.openPage("/nhs/cookies.html", { contextOptions: VIEWPORTS.phone });
  try {
    await s.page.waitForSelector("[data-consent-settings] form");
    await s.page.waitForFunction(() => /"s4":/.test(localStorage.getItem("consent-banner:sizes") || ""));
    const stored = await s.page.evaluate(() => JSON.parse(localStorage.getItem("consent-banner:sizes")).s4);
    // The next page never gets its Wasm: the room the bootstrap kept stays, and is what is read.
    await s.context.route("**/*.wasm", () => {});
    await s.goto("/nhs/cookies.html", { waitReady: false });
    const room = () =>
      s.page.evaluate(() => {
        const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
        return parseFloat(getComputedStyle(document.querySelector("[data-consent-settings]")).minHeight) / rem;
      });
    assert.ok(Math.abs((await room()) - stored) < 0.01, `390 px: the height remembered there, ${stored} rem (got ${await room()})`);
    // The width is the style engine's to read (media queries): the room follows a resize.
    await s.page.setViewportSize({ width: 1280, height: 800 });
    assert.equal(await room(), 52, "1280 px, nothing remembered there: the wide estimate");
    await s.page.setViewportSize({ width: 560, height: 800 });
    assert.equal(await room(), 80, "560 px, nothing remembered there: the phone estimate");
    await s.page.setViewportSize({ width: 420, height: 800 });
    assert.ok(Math.abs((await room()) - stored) < 0.01, "420 px rounds to the same 400 px as 390 px did");
  } finally {
    await s.close();
  }
});

test("a placeholder takes its frame's box, and no more than its container's width", { timeout: TEST_TIMEOUT }, async () => {
  for (const viewport of Object.keys(VIEWPORTS)) {
    const s = await h.openPage("/nhs/article.html", { contextOptions: VIEWPORTS[viewport] });
    try {
      const box = await s.page.evaluate(() => {
        const frame = document.querySelector("iframe[data-consent]");
        const p = document.querySelector("[data-consent-placeholder]").getBoundingClientRect();
        // The frame's own box, as it would be drawn here.
        frame.hidden = false;
        const f = frame.getBoundingClientRect();
        frame.hidden = true;
        return { width: p.width, height: p.height, frameWidth: f.width, frameHeight: f.height, container: document.querySelector("main").clientWidth };
      });
      assert.ok(box.frameHeight >= 315, `${viewport}: the frame is drawn (${box.frameHeight} px high)`);
      assert.equal(box.width, Math.min(Math.ceil(box.frameWidth), box.container), `${viewport}: placeholder width (${JSON.stringify(box)})`);
      assert.ok(box.height >= box.frameHeight, `${viewport}: placeholder height (${JSON.stringify(box)})`);
      // Taller only where its text needs more room than the frame had.
      if (viewport === "desktop") assert.equal(box.height, Math.ceil(box.frameHeight), `desktop: the frame's height (${JSON.stringify(box)})`);
    } finally {
      await s.close();
    }
  }
});

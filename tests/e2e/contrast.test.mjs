// The contrast modes on pages built from NHS.UK frontend and GOV.UK Frontend (design-systems.mjs)
// and on our own pieces: they must hide nothing and keep WCAG's numbers for low vision.
//   (a) every button, link, summary and [role=button] in view shows its text: its box, screenshot
//       as drawn and again with `color: transparent` forced on it and its descendants, must differ
//       (a pseudo-element painted over the text makes both the same); and its text colour against
//       the opaque background under it (any ::before/::after painted over it included) is 7:1 or
//       more in the modes, and so is all other text of the page (or of our pieces);
//   (b) radios and checkboxes, checked and unchecked, at 3:1 against what is behind them, from
//       rendered pixels; button edges, field borders and every Tab stop's focus outline at 3:1
//       (computed colours);
//   (c) axe finds nothing on our pieces (banner, settings form, cookie table, toolbar, placeholder).
// The mode comes from the `contrast-mode` cookie, and once through the toolbar's radio.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { TEST_TIMEOUT, cookieList, createHarness, formatViolations } from "./helpers.mjs";
import { buildDesignSystemSites } from "./design-systems.mjs";

const MODES = ["high", "yellow-black"];
const SYSTEMS = ["nhs", "govuk"];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** Our pieces, as the markup (docs/markup.md) names their hosts. */
const OURS = ["[data-consent-banner]", "[data-consent-settings]", "[data-consent-cookie-table]", "[data-a11y-toolbar]", "[data-consent-placeholder]"];

let h;
before(async () => {
  h = await createHarness({ root: buildDesignSystemSites() });
});
after(() => h?.close());

// ---------------------------------------------------------------------------------------------
// Colours and pixels.

/** WCAG relative luminance of [r, g, b] (0–255). */
function luminance([r, g, b]) {
  const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
function ratio(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Decodes the 8-bit RGB(A) PNGs Chromium writes: { width, height, px(x, y) -> [r, g, b] }. */
function decodePng(buf) {
  let pos = 8;
  let width = 0;
  let height = 0;
  let bpp = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("ascii", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      assert.ok(data[8] === 8 && (data[9] === 6 || data[9] === 2), "8-bit RGB or RGBA PNG");
      bpp = data[9] === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(data);
    pos += 12 + len;
  }
  const stride = width * bpp;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const out = Buffer.alloc(width * height * 3);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? line[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = v & 255;
    }
    for (let x = 0; x < width; x++) line.copy(out, (y * width + x) * 3, x * bpp, x * bpp + 3);
    prev = line;
  }
  return { width, height, px: (x, y) => [...out.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)] };
}

async function shot(page, clip) {
  return decodePng(await page.screenshot({ clip, animations: "disabled", caret: "hide" }));
}

/** Pixels that differ by more than `tolerance` in a channel. */
function differing(a, b, tolerance = 40) {
  let n = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const [p, q] = [a.px(x, y), b.px(x, y)];
      if (Math.abs(p[0] - q[0]) > tolerance || Math.abs(p[1] - q[1]) > tolerance || Math.abs(p[2] - q[2]) > tolerance) n++;
    }
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// In the page.

/** In-page helpers for computed colours, installed once per page as window.__cbContrast. */
const COLOURS = `window.__cbContrast = (() => {
  const parse = (c) => {
    const m = /rgba?\\(([\\d.]+),? ([\\d.]+),? ([\\d.]+)(?:,? \\/? ?([\\d.]+))?\\)/.exec(c);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : [0, 0, 0, 0];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
  const lum = ([r, g, b]) => {
    const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  /** The opaque colour behind an element: its ancestors' backgrounds composited. */
  const behind = (el) => {
    const layers = [];
    for (let n = el.parentElement; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    let bg = [255, 255, 255];
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const name = (el) => el.tagName.toLowerCase() + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "") +
    ' "' + (el.textContent || el.getAttribute("aria-label") || el.getAttribute("placeholder") || "").replace(/\\s+/g, " ").trim().slice(0, 30) + '"';
  return { parse, over, ratio, behind, name };
})();`;

/** Marks every button, link, summary and [role=button] inside `scope` that a visitor can see
    (drawn, not clipped away or covered by another element) with data-cb-probe; returns them. */
async function markTargets(page, scope = "body") {
  return page.evaluate((scope) => {
    const found = [];
    let i = 0;
    for (const el of document.querySelectorAll(`:is(${scope}) :is(button, a[href], summary, [role=button])`)) {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 4 || r.height < 4) continue;
      el.removeAttribute("data-cb-probe");
      found.push(el);
    }
    for (const el of found) el.setAttribute("data-cb-probe", String(i++));
    return found.map((el) => ({
      id: el.getAttribute("data-cb-probe"),
      what: `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} "${(el.textContent || el.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim().slice(0, 40)}"`,
      disabled: el.matches(":disabled, [aria-disabled=true]"),
    }));
  }, scope);
}

/** Scrolls the target into view; its box, or null when another element covers its centre. */
async function placeInView(page, id) {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-cb-probe="${id}"]`);
    el.scrollIntoView({ block: "center", inline: "nearest" });
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(el.contains(hit) || hit.contains(el))) return null;
    const x = Math.max(0, Math.floor(r.left));
    const y = Math.max(0, Math.floor(r.top));
    const w = Math.min(innerWidth, Math.ceil(r.right)) - x;
    const h = Math.min(innerHeight, Math.ceil(r.bottom)) - y;
    return w > 2 && h > 2 ? { x, y, width: w, height: h } : null;
  }, id);
}

/** Forces (or removes) `color: transparent` on the target and its descendants. */
async function hideText(page, id, on) {
  await page.evaluate(
    ([id, on]) => {
      const el = document.querySelector(`[data-cb-probe="${id}"]`);
      for (const n of [el, ...el.querySelectorAll("*")]) {
        if (on) n.style.setProperty("color", "transparent", "important");
        else n.style.removeProperty("color");
      }
    },
    [id, on],
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * The lowest contrast of the target's text: each text node's colour against the opaque
 * background under it, with every ::before/::after of its element and ancestors that is painted
 * over the text composited on top of both (an opaque one leaves 1:1).
 */
async function textContrast(page, selector) {
  await page.evaluate(COLOURS);
  return page.evaluate((selector) => {
    const { parse, over, ratio } = window.__cbContrast;
    const intersects = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    /** The box of an absolutely positioned pseudo-element, from its resolved offsets. */
    const pseudoBox = (node, cs) => {
      let cb = node;
      if (cs.position === "absolute") {
        while (cb && cb !== document.documentElement && getComputedStyle(cb).position === "static") cb = cb.parentElement;
      }
      const ref = cs.position === "fixed" || !cb ? { left: 0, top: 0 } : cb.getBoundingClientRect();
      const bl = cb && cs.position !== "fixed" ? parseFloat(getComputedStyle(cb).borderLeftWidth) : 0;
      const bt = cb && cs.position !== "fixed" ? parseFloat(getComputedStyle(cb).borderTopWidth) : 0;
      const left = ref.left + bl + (parseFloat(cs.left) || 0);
      const top = ref.top + bt + (parseFloat(cs.top) || 0);
      return { left, top, right: left + parseFloat(cs.width), bottom: top + parseFloat(cs.height) };
    };
    const target = document.querySelector(selector);
    const walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
    let worst = { ratio: Infinity, detail: "no text" };
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.textContent.trim()) continue;
      const el = t.parentElement;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      const box = range.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) continue;
      // Opaque background under the text, and layers painted above it.
      let bg = [255, 255, 255];
      const under = [];
      const above = [];
      for (let n = el; n; n = n.parentElement) {
        const cs = getComputedStyle(n);
        for (const pseudo of ["::before", "::after"]) {
          const ps = getComputedStyle(n, pseudo);
          const colour = parse(ps.backgroundColor);
          if (ps.content === "none" || ps.content === "normal" || ps.display === "none" || colour[3] === 0) continue;
          if (!["absolute", "fixed"].includes(ps.position) || parseInt(ps.zIndex, 10) < 0) continue;
          if (intersects(pseudoBox(n, ps), box)) above.push({ colour, what: `${n.tagName.toLowerCase()}${pseudo}` });
        }
        const colour = parse(cs.backgroundColor);
        if (colour[3] > 0) under.push(colour);
        if (colour[3] === 1) break;
      }
      for (const c of under.reverse()) bg = over(c, bg);
      let fg = over(parse(getComputedStyle(el).color), bg);
      let back = bg;
      for (const layer of above.reverse()) {
        fg = over(layer.colour, fg);
        back = over(layer.colour, back);
      }
      const r = ratio(fg, back);
      if (r < worst.ratio) {
        const covered = above.length ? ` under ${above.map((a) => a.what).join(", ")}` : "";
        worst = { ratio: r, detail: `"${t.textContent.trim().slice(0, 30)}" ${getComputedStyle(el).color} on rgb(${back.map(Math.round)})${covered}` };
      }
    }
    return worst;
  }, selector);
}

/**
 * (a) for every target inside `scope`: visible text (pixels) and, when `minRatio` is given, text
 * contrast. Returns the list of failures; asserts that enough targets were checked.
 */
async function checkTargets(s, { scope = "body", minRatio = null, atLeast = 1 } = {}) {
  const failures = [];
  let checked = 0;
  for (const t of await markTargets(s.page, scope)) {
    const clip = await placeInView(s.page, t.id);
    if (!clip) continue;
    checked++;
    const shown = await shot(s.page, clip);
    await hideText(s.page, t.id, true);
    const hidden = await shot(s.page, clip);
    await hideText(s.page, t.id, false);
    const diff = differing(shown, hidden);
    if (diff < 6) failures.push(`${t.what}: no visible text (${diff} pixels change when its text is made transparent)`);
    if (minRatio !== null && !t.disabled) {
      const c = await textContrast(s.page, `[data-cb-probe="${t.id}"]`);
      if (c.ratio < minRatio) failures.push(`${t.what}: text contrast ${c.ratio.toFixed(2)}:1 < ${minRatio}:1 (${c.detail})`);
    }
  }
  assert.ok(checked >= atLeast, `checked ${checked} buttons and links in ${scope}, expected at least ${atLeast}`);
  return { failures, checked };
}

/** The effective opaque background behind an element (its parent's, composited). */
async function backgroundBehind(locator) {
  await locator.page().evaluate(COLOURS);
  return locator.evaluate((el) => window.__cbContrast.behind(el));
}

/**
 * (b) a radio or checkbox as drawn (the input, or the label's ::before where the design system
 * draws it over a transparent input): returns
 *   edge   pixels at 3:1 or more against the background, over the control's perimeter
 *   arms   how many of the 4 lines from its centre outwards cross such a pixel (an outline all round)
 *   centre pixels at 3:1 or more in the middle third (a radio's dot)
 *   fill   the contrast of the very centre against the background: an unchecked control is either
 *          an outline (about 1:1 inside) or filled at 3:1; a fill in between (Chromium's dark
 *          native radio, #3b3b3b on black, 1.9:1) is what the eye sees of it, and fails
 * and the decoded image, for comparing checked with unchecked.
 */
async function measureControl(s, input) {
  await input.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await s.page.mouse.move(0, 0);
  const box = await input.boundingBox();
  const pad = 4;
  const clip = { x: Math.floor(box.x) - pad, y: Math.floor(box.y) - pad, width: Math.ceil(box.width) + 2 * pad, height: Math.ceil(box.height) + 2 * pad };
  const img = await shot(s.page, clip);
  const bg = await backgroundBehind(input);
  const strong = (x, y) => ratio(img.px(x, y), bg) >= 3;
  let count = 0;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (strong(x, y)) count++;
  const [cx, cy] = [Math.floor(img.width / 2), Math.floor(img.height / 2)];
  let arms = 0;
  for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
    for (let x = cx, y = cy; x >= 0 && y >= 0 && x < img.width && y < img.height; x += dx, y += dy) {
      if (strong(x, y)) {
        arms++;
        break;
      }
    }
  }
  let centre = 0;
  const third = Math.floor(Math.min(box.width, box.height) / 6);
  for (let y = cy - third; y <= cy + third; y++) for (let x = cx - third; x <= cx + third; x++) if (strong(x, y)) centre++;
  const perimeter = 2.5 * Math.min(box.width, box.height);
  const fill = ratio(img.px(cx, cy), bg);
  return { img, bg, edge: count / perimeter, arms, centre, fill, size: Math.round(Math.min(box.width, box.height)) };
}

/** (b) for each radio and checkbox in `scope`: unchecked, then checked, both at 3:1. */
async function checkControls(s, scope, { toggle = true } = {}) {
  const failures = [];
  const inputs = s.page.locator(`:is(${scope}) :is(input[type=radio], input[type=checkbox])`);
  const n = await inputs.count();
  assert.ok(n > 0, `radios or checkboxes in ${scope}`);
  for (let i = 0; i < n; i++) {
    const input = inputs.nth(i);
    const what = `${scope} ${await input.getAttribute("type")} "${(await input.evaluate((el) => el.labels?.[0]?.textContent ?? el.id)).replace(/\s+/g, " ").trim()}"`;
    const type = await input.getAttribute("type");
    const checkedAtFirst = await input.isChecked();
    if (checkedAtFirst && (type === "radio" || !toggle)) {
      // A radio cannot be unchecked (and the toolbar's is the current mode): its dot and outline.
      const c = await measureControl(s, input);
      if (c.centre < 4 || c.edge < 1) failures.push(`${what} checked: dot ${c.centre} pixels, outline ${(c.edge * 100).toFixed(0)}%`);
      continue;
    }
    if (checkedAtFirst) await input.setChecked(false, { force: true });
    const m = await measureControl(s, input);
    if (m.edge < 1 || m.arms < 4 || (m.fill > 1.15 && m.fill < 3)) {
      failures.push(
        `${what} unchecked: not at 3:1 on rgb(${m.bg}) (outline on ${m.arms}/4 sides, ${(m.edge * 100).toFixed(0)}% of its edge; fill ${m.fill.toFixed(2)}:1)`,
      );
    }
    if (!toggle) continue;
    await input.setChecked(true, { force: true });
    const c = await measureControl(s, input);
    // The checked mark: pixels that changed, at 3:1 against what they were.
    let mark = 0;
    for (let y = 0; y < c.img.height; y++) {
      for (let x = 0; x < c.img.width; x++) if (ratio(c.img.px(x, y), m.img.px(x, y)) >= 3) mark++;
    }
    if (mark < 0.05 * c.size * c.size || c.edge < 1) {
      failures.push(`${what} checked: mark of ${mark} pixels at 3:1 (need ${Math.ceil(0.05 * c.size * c.size)}), outline ${(c.edge * 100).toFixed(0)}%`);
    }
    if (type === "checkbox") await input.setChecked(checkedAtFirst, { force: true });
  }
  return failures;
}

/** Button edges and input borders at 3:1 against what is behind them (computed colours). */
async function checkEdges(s, scope = "body") {
  await s.page.evaluate(COLOURS);
  return s.page.evaluate((scope) => {
    const { parse, over, ratio, behind, name } = window.__cbContrast;
    const failures = [];
    const sel = `:is(${scope}) :is(button, [role=button], .nhsuk-button, .govuk-button, select, textarea, input:not([type=hidden], [type=radio], [type=checkbox]))`;
    let checked = 0;
    for (const el of document.querySelectorAll(sel)) {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 4 || r.height < 4) continue;
      checked++;
      const cs = getComputedStyle(el);
      const back = behind(el);
      const fill = ratio(over(parse(cs.backgroundColor), back), back);
      const sides = ["Top", "Right", "Bottom", "Left"].map((side) =>
        cs[`border${side}Style`] === "none" || parseFloat(cs[`border${side}Width`]) < 1 ? 1 : ratio(over(parse(cs[`border${side}Color`]), back), back),
      );
      if (fill < 3 && Math.min(...sides) < 3) failures.push(`${name(el)}: edge ${Math.max(fill, Math.min(...sides)).toFixed(2)}:1 on rgb(${back.map(Math.round)})`);
    }
    return { failures, checked };
  }, scope);
}

/**
 * The focus indicator of every stop the Tab key reaches (from the top, up to `max` stops): an
 * outline at least 2px wide at 3:1 against what is behind the element. A transparent input
 * (design-system radios and checkboxes) shows it on its label's drawn box.
 */
async function checkFocus(s, max = 60) {
  await s.page.evaluate(COLOURS);
  await s.page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  const failures = [];
  const seen = new Set();
  for (let i = 0; i < max; i++) {
    await s.page.keyboard.press("Tab");
    const r = await s.page.evaluate(() => {
      const { parse, over, ratio, behind, name } = window.__cbContrast;
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      let cs = getComputedStyle(el);
      let what = name(el);
      const label = el.labels?.[0];
      if (cs.opacity === "0" && label) {
        cs = getComputedStyle(label, "::before");
        what += " (its label's box)";
      }
      const back = behind(el);
      const width = cs.outlineStyle === "none" ? 0 : parseFloat(cs.outlineWidth);
      return { what, key: what + el.getBoundingClientRect().top, width, ratio: ratio(over(parse(cs.outlineColor), back), back), back: back.map(Math.round) };
    });
    if (!r) break;
    if (seen.has(r.key)) break;
    seen.add(r.key);
    if (r.width < 2 || r.ratio < 3) failures.push(`${r.what}: focus outline ${r.width}px at ${r.ratio.toFixed(2)}:1 on rgb(${r.back})`);
  }
  assert.ok(seen.size >= 5, `the Tab key reached ${seen.size} elements`);
  return failures;
}

/** (a), edges, text and axe on our pieces present on the page. */
async function checkOurs(s, atLeast) {
  const present = [];
  for (const sel of OURS) if (await s.page.locator(sel).count()) present.push(sel);
  const { failures } = await checkTargets(s, { scope: present.join(", "), minRatio: 7, atLeast });
  failures.push(...(await checkEdges(s, present.join(", "))).failures);
  for (const sel of present) {
    const text = await textContrast(s.page, sel);
    if (text.ratio < 7) failures.push(`${sel} text: ${text.ratio.toFixed(2)}:1 < 7:1 (${text.detail})`);
  }
  const axe = new AxeBuilder({ page: s.page }).withTags(AXE_TAGS);
  for (const sel of present) axe.include(sel);
  const results = await axe.analyze();
  assert.ok(results.passes.some((p) => p.id === "color-contrast"), "axe checked colour contrast");
  if (results.violations.length) failures.push(`axe:\n${formatViolations(results.violations)}`);
  return failures;
}

function modeCookies(mode, extra = {}) {
  return cookieList({ ...(mode === "default" ? {} : { "contrast-mode": mode }), ...extra });
}

async function openIn(mode, path, { viewport = PHONE, consent = "deny", toolbarOpen = true } = {}) {
  const extra = {};
  if (consent) extra.cookieconsent_status = consent;
  if (toolbarOpen) extra["accessibility-controls"] = "open";
  const s = await h.openPage(path, { cookies: modeCookies(mode, extra), contextOptions: { viewport } });
  await s.page.evaluate(() => document.fonts.ready);
  const attr = await s.page.evaluate(() => document.documentElement.getAttribute("data-cb-contrast"));
  assert.equal(attr, mode === "default" ? null : mode, "the mode is on <html>");
  return s;
}

// ---------------------------------------------------------------------------------------------

for (const system of SYSTEMS) {
  test(`contrast: ${system} components in Default: the method sees every button's and link's text`, { timeout: TEST_TIMEOUT }, async () => {
    const s = await openIn("default", `/${system}/components.html`);
    const { failures } = await checkTargets(s, { atLeast: 15 });
    assert.deepEqual(failures, [], `${system}, Default`);
    await s.done();
  });

  for (const mode of MODES) {
    test(`contrast: ${system} components in ${mode}: text visible at 7:1, radios and checkboxes at 3:1`, { timeout: TEST_TIMEOUT * 2 }, async () => {
      const s = await openIn(mode, `/${system}/components.html`);
      const { failures } = await checkTargets(s, { minRatio: 7, atLeast: 15 });
      failures.push(...(await checkControls(s, ".cb-test-components")));
      failures.push(...(await checkControls(s, "[data-a11y-toolbar]", { toggle: false })));
      const text = await textContrast(s.page, "body");
      if (text.ratio < 7) failures.push(`page text: ${text.ratio.toFixed(2)}:1 < 7:1 (${text.detail})`);
      const edges = await checkEdges(s);
      assert.ok(edges.checked >= 8, `${edges.checked} buttons and fields checked`);
      failures.push(...edges.failures, ...(await checkFocus(s)));
      assert.deepEqual(failures, [], `${system}, ${mode}`);
      await s.done();
    });

    test(`contrast: ${system} cookie page in ${mode}: our banner, settings form, table and toolbar`, { timeout: TEST_TIMEOUT * 2 }, async () => {
      const s = await openIn(mode, `/${system}/cookies.html`, { viewport: DESKTOP, consent: null });
      await s.banner(system === "nhs" ? "Cookies on NHS test site" : "Cookies on GOV.UK test service").waitFor({ state: "visible" });
      await s.page.locator("[data-consent-settings] input[type=radio]").first().waitFor();
      const failures = await checkOurs(s, 6);
      failures.push(...(await checkControls(s, "[data-consent-settings]")));
      failures.push(...(await checkControls(s, "[data-a11y-toolbar]", { toggle: false })));
      assert.deepEqual(failures, [], `${system}, ${mode}`);
      await s.done();
    });

    test(`contrast: ${system} article in ${mode}: the video's placeholder`, { timeout: TEST_TIMEOUT }, async () => {
      const s = await openIn(mode, `/${system}/article.html`, { toolbarOpen: false });
      await s.page.locator("[data-consent-placeholder]").waitFor({ state: "visible" });
      const failures = await checkOurs(s, 3);
      assert.deepEqual(failures, [], `${system}, ${mode}`);
      await s.done();
    });
  }
}

test("contrast: Yellow on black chosen with the toolbar's radio shows NHS buttons and the header search", { timeout: TEST_TIMEOUT }, async () => {
  const s = await openIn("default", "/nhs/components.html");
  await s.page.getByRole("radiogroup", { name: "Colour contrast" }).getByRole("radio", { name: "Yellow on black" }).check();
  assert.equal(await s.page.evaluate(() => document.documentElement.getAttribute("data-cb-contrast")), "yellow-black");
  assert.equal((await s.cookies()).find((c) => c.name === "contrast-mode")?.value, "yellow-black");
  const { failures, checked } = await checkTargets(s, { scope: ".nhsuk-header, .cb-test-components", minRatio: 7, atLeast: 8 });
  assert.deepEqual(failures, [], `after choosing Yellow on black (${checked} checked)`);
  failures.push(...(await checkControls(s, "[data-a11y-toolbar]", { toggle: false })));
  assert.deepEqual(failures, [], "the toolbar's radios");
  await s.done();
});

// The pieces look like the page they are on (docs/themes.md). On pages built from NHS.UK
// frontend and GOV.UK Frontend (design-systems.mjs), the banner's font, buttons, links, focus
// and radios compute to the same values as the page's own components, at rest and focused from
// the keyboard; config `theme` chooses over detection; documented custom properties restyle a
// plain page and win over a theme; axe finds nothing in each theme. Then the smaller layout
// points of issue 19: the in-banner form's heading, cookie names and headers kept whole (a table
// too wide scrolls, reachable by keyboard), and space after Save.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { TEST_TIMEOUT, TEXT, WWW, createHarness, formatViolations } from "./helpers.mjs";
import { buildDesignSystemSites } from "./design-systems.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];
const NAME = { nhs: "Cookies on NHS test site", govuk: "Cookies on GOV.UK test service", plain: "Cookies on Test Site" };
/** The page's own components, to compare with. */
const OWN = {
  nhs: { button: ".cb-test-components .nhsuk-button", link: ".nhsuk-body a", text: ".nhsuk-body", radio: ".nhsuk-radios__input" },
  govuk: { button: ".cb-test-components .govuk-button", link: ".govuk-body a", text: ".govuk-body", radio: ".govuk-radios__input" },
};
const GDS_FONT = '"GDS Transport", arial, sans-serif';

/** A page with neither design system, in Verdana, with the component and `config`. */
function plain({ config = {}, style = "" } = {}) {
  const cfg = JSON.stringify({ siteName: "Test Site", ...config });
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Plain page</title>
  <style>body { font-family: Verdana, sans-serif; } ${style}</style>
  <script type="application/json" id="consent-config">${cfg}</script>
  <script src="/assets/consent-banner.js" data-config="consent-config"></script>
</head>
<body>
  <main><h1>Plain page</h1><p>Some text with <a href="#x">a link</a>.</p></main>
</body>
</html>
`;
}

let h;
let root;
before(async () => {
  root = buildDesignSystemSites();
  const variant = (system, name, edit) =>
    writeFileSync(path.join(root, system, name), edit(readFileSync(path.join(root, system, "components.html"), "utf8")));
  const config = (extra) => (html) => html.replace(/"siteName":"[^"]*"/, (m) => `${m},${extra}`);
  variant("nhs", "theme-govuk.html", config(`"theme":"govuk"`));
  variant("govuk", "theme-nhs.html", config(`"theme":"nhs"`));
  variant("govuk", "custom.html", (html) =>
    html.replace("</head>", `<style>:root { --cb-button-colour: #4b0082; --cb-radius: 12px; }</style></head>`),
  );
  mkdirSync(path.join(root, "plain"));
  const pages = {
    "default.html": plain(),
    "theme-govuk.html": plain({ config: { theme: "govuk" } }),
    "bad-theme.html": plain({ config: { theme: "dark" } }),
    "custom.html": plain({
      style: `:root { --cb-font-family: Georgia, serif; --cb-text-colour: #111111; --cb-background-colour: #fafafa;
        --cb-button-colour: #4b0082; --cb-button-text-colour: #ffffff; --cb-button-shadow-colour: #000000;
        --cb-link-colour: #8b0000; --cb-focus-colour: #00ffff; --cb-focus-text-colour: #000000; --cb-radius: 12px; }`,
    }),
  };
  for (const [name, html] of Object.entries(pages)) writeFileSync(path.join(root, "plain", name), html);
  // The demo site, whose cookie page wraps its table's host with `overflow-wrap: anywhere`.
  cpSync(WWW, path.join(root, "www"), { recursive: true });
  for (const name of ["cookies.html"]) {
    const file = path.join(root, "www", name);
    writeFileSync(file, readFileSync(file, "utf8").replaceAll('"/site.css"', '"/www/site.css"').replaceAll('"/consent-config.json"', '"/www/consent-config.json"'));
  }
  h = await createHarness({ root });
});
after(() => h?.close());

/** Computed `props` of the first element matching `selector` (and `pseudo`). */
function style(s, selector, props, pseudo = null) {
  return s.page.evaluate(
    ([selector, props, pseudo]) => {
      const el = document.querySelector(selector);
      if (!el) throw new Error(`no ${selector}`);
      const cs = getComputedStyle(el, pseudo);
      return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    },
    [selector, props, pseudo],
  );
}

/** Gives `selector` keyboard focus: focus it, go back one Tab, and Tab to it again. */
async function tabTo(s, selector) {
  await s.page.locator(selector).first().focus();
  await s.page.keyboard.press("Shift+Tab");
  await s.page.keyboard.press("Tab");
  const there = await s.page.evaluate((sel) => document.activeElement === document.querySelector(sel), selector);
  assert.ok(there, `Tab reaches ${selector}`);
}

async function axeClean(s, state) {
  const results = await new AxeBuilder({ page: s.page }).include(".cb-banner").withTags(TAGS).analyze();
  assert.deepEqual(results.violations.map((v) => v.id), [], `axe, ${state}:\n${formatViolations(results.violations)}`);
  assert.ok(results.passes.length > 0, `axe looked at the banner (${state})`);
}

const BUTTON = ["font-family", "font-weight", "color", "background-color", "border-radius", "box-shadow"];
const FOCUSED_BUTTON = ["color", "background-color", "box-shadow", "outline-style"];
const LINK = ["font-family", "color", "text-decoration-line"];
const FOCUSED_LINK = ["color", "background-color", "box-shadow", "text-decoration-line"];
const RADIO = ["width", "height", "border-top-width", "border-top-color", "background-color"];
const FOCUSED_RADIO = ["border-top-width", "border-top-color", "box-shadow"];

for (const system of ["nhs", "govuk"]) {
  test(`${system}: the banner's font, buttons and links are the page's own, at rest and focused`, { timeout: TEST_TIMEOUT }, async () => {
    const s = await h.openPage(`/${system}/components.html`);
    const own = OWN[system];
    await s.banner(NAME[system]).waitFor({ state: "visible" });
    assert.equal(await s.page.getAttribute("html", "data-cb-theme"), system, "theme detected");

    const pageFont = (await style(s, own.text, ["font-family"]))["font-family"];
    for (const piece of [".cb-banner", ".cb-banner__heading", ".cb-banner p", ".cb-banner .cb-button", ".cb-banner .cb-link"]) {
      assert.equal((await style(s, piece, ["font-family"]))["font-family"], pageFont, `${piece} is in the page's font`);
    }
    const accept = ".cb-banner [data-cb-action=accept]";
    const link = ".cb-banner .cb-link";
    assert.deepEqual(await style(s, accept, BUTTON), await style(s, own.button, BUTTON), "Accept is drawn like the page's button");
    assert.deepEqual(await style(s, link, LINK), await style(s, own.link, LINK), "the settings link is drawn like the page's links");

    await tabTo(s, own.button);
    const ownFocusedButton = await style(s, own.button, FOCUSED_BUTTON);
    await tabTo(s, accept);
    assert.deepEqual(await style(s, accept, FOCUSED_BUTTON), ownFocusedButton, "focused Accept is drawn like the page's focused button");
    await tabTo(s, own.link);
    const ownFocusedLink = await style(s, own.link, FOCUSED_LINK);
    await tabTo(s, link);
    assert.deepEqual(await style(s, link, FOCUSED_LINK), ownFocusedLink, "the focused link is drawn like the page's focused links");
    await axeClean(s, `${system} banner`);
    await s.done();
  });

  test(`${system}: the settings form's radios are the page's own, at rest and focused`, { timeout: TEST_TIMEOUT }, async () => {
    const s = await h.openPage(`/${system}/components.html`);
    const own = OWN[system];
    await s.banner(NAME[system]).getByRole("link", { name: TEXT.choose, exact: true }).click();
    const radio = ".cb-banner .cb-radio input:checked";
    await s.page.locator(radio).first().waitFor();
    const ownLabel = `${own.radio} + label`;
    assert.deepEqual(await style(s, radio, RADIO), await style(s, ownLabel, RADIO, "::before"), "a radio is drawn like the page's");
    await tabTo(s, own.radio);
    const ownFocused = await style(s, `${own.radio}:focus + label`, FOCUSED_RADIO, "::before");
    await tabTo(s, radio);
    assert.deepEqual(await style(s, radio, FOCUSED_RADIO), ownFocused, "a focused radio is drawn like the page's");
    // The checked one shows its dot.
    assert.match((await style(s, radio, ["background-image"]))["background-image"], /radial-gradient/);
    await axeClean(s, `${system} settings form in the banner`);
    await s.done();
  });
}

test("config `theme` chooses over detection, both ways", { timeout: TEST_TIMEOUT }, async () => {
  for (const [page, theme, name] of [
    ["/nhs/theme-govuk.html", "govuk", NAME.nhs],
    ["/plain/theme-govuk.html", "govuk", NAME.plain],
    ["/govuk/theme-nhs.html", "nhs", NAME.govuk],
  ]) {
    const s = await h.openPage(page);
    await s.banner(name).waitFor({ state: "visible" });
    assert.equal(await s.page.getAttribute("html", "data-cb-theme"), theme, page);
    const button = await style(s, ".cb-banner [data-cb-action=accept]", ["font-family", "background-color", "border-radius"]);
    if (theme === "govuk") {
      assert.deepEqual(button, { "font-family": GDS_FONT, "background-color": "rgb(15, 122, 82)", "border-radius": "0px" }, page);
    } else {
      assert.deepEqual(
        { ...button, "font-family": undefined },
        { "font-family": undefined, "background-color": "rgb(0, 127, 59)", "border-radius": "4px" },
        page,
      );
    }
    await axeClean(s, `${page}`);
    await s.done();
  }
});

test("a bad `theme` logs one error naming the field, and the banner still shows", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/plain/bad-theme.html");
  await s.banner("Cookies on this website").waitFor({ state: "visible" });
  assert.equal(s.consoleErrors.length, 1, s.consoleErrors.join("\n"));
  assert.match(s.consoleErrors[0], /config field `theme`: must be "auto", "nhs" or "govuk"/);
  assert.equal(await s.page.getAttribute("html", "data-cb-theme"), null, "the built-in defaults: detected, and nothing found");
  await s.done();
});

test("a page with neither design system: its own font, the NHS-like look, no theme mark", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/plain/default.html");
  await s.banner(NAME.plain).waitFor({ state: "visible" });
  assert.equal(await s.page.getAttribute("html", "data-cb-theme"), null);
  assert.equal((await style(s, ".cb-banner .cb-button", ["font-family"]))["font-family"], "Verdana, sans-serif");
  assert.deepEqual(await style(s, ".cb-banner [data-cb-action=accept]", ["background-color", "color", "border-radius"]), {
    "background-color": "rgb(0, 127, 59)",
    color: "rgb(255, 255, 255)",
    "border-radius": "4px",
  });
  assert.equal((await style(s, ".cb-banner .cb-link", ["color"])).color, "rgb(0, 94, 184)");
  await s.done();
});

test("custom properties restyle the pieces, and win over a theme", { timeout: TEST_TIMEOUT }, async () => {
  let s = await h.openPage("/plain/custom.html");
  await s.banner(NAME.plain).waitFor({ state: "visible" });
  const accept = ".cb-banner [data-cb-action=accept]";
  assert.deepEqual(await style(s, ".cb-banner", ["font-family", "color", "background-color"]), {
    "font-family": "Georgia, serif",
    color: "rgb(17, 17, 17)",
    "background-color": "rgb(250, 250, 250)",
  });
  assert.deepEqual(await style(s, accept, ["font-family", "background-color", "color", "border-radius", "box-shadow"]), {
    "font-family": "Georgia, serif",
    "background-color": "rgb(75, 0, 130)",
    color: "rgb(255, 255, 255)",
    "border-radius": "12px",
    "box-shadow": "rgb(0, 0, 0) 0px 4px 0px 0px",
  });
  assert.equal((await style(s, ".cb-banner .cb-link", ["color"])).color, "rgb(139, 0, 0)");
  await tabTo(s, accept);
  assert.deepEqual(await style(s, accept, ["background-color", "color"]), { "background-color": "rgb(0, 255, 255)", color: "rgb(0, 0, 0)" });
  await axeClean(s, "custom properties");
  await s.done();

  s = await h.openPage("/govuk/custom.html");
  await s.banner(NAME.govuk).waitFor({ state: "visible" });
  assert.equal(await s.page.getAttribute("html", "data-cb-theme"), "govuk");
  assert.deepEqual(await style(s, accept, ["font-family", "background-color", "border-radius"]), {
    "font-family": GDS_FONT,
    "background-color": "rgb(75, 0, 130)",
    "border-radius": "12px",
  });
  await s.done();
});

// ---------------------------------------------------------------------------------------------
// Issue 19, point 7.

test("the settings form in the banner: its heading on the form's left edge", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/plain/default.html", { contextOptions: { viewport: { width: 1280, height: 800 } } });
  await s.banner(NAME.plain).getByRole("link", { name: TEXT.choose, exact: true }).click();
  const form = s.page.locator(".cb-banner form.cb-settings");
  await form.waitFor();
  const heading = await s.page.locator(".cb-banner > .cb-banner__heading").boundingBox();
  const box = await form.boundingBox();
  assert.ok(Math.abs(heading.x - box.x) <= 1, `heading at x=${heading.x}, form at x=${box.x}`);
  await s.done();
});

/** For each cell matching `selector`: its text and the offsets where its lines break. */
function lineBreaks(s, selector) {
  return s.page.evaluate((selector) => {
    return [...document.querySelectorAll(selector)].map((cell) => {
      const breaks = [];
      let offset = 0;
      let top = null;
      const range = document.createRange();
      const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        for (let i = 0; i < node.length; i++, offset++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect || /\s/.test(node.data[i])) continue;
          if (top !== null && rect.top > top + 2) breaks.push(offset);
          top = rect.top;
        }
      }
      return { text: cell.textContent, breaks };
    });
  }, selector);
}

// A cookie's name may wrap right after an underscore (the component marks those places with <wbr>,
// issue 14) or a hyphen, nowhere else; where the table has room (1280 px) it stays whole.
test("cookie tables keep words whole at 390 and 1280 px, and a table too wide scrolls for the keyboard too", { timeout: TEST_TIMEOUT }, async () => {
  for (const width of [390, 1280]) {
    for (const page of ["/nhs/cookies.html", "/govuk/cookies.html", "/www/cookies.html"]) {
      const s = await h.openPage(page, { contextOptions: { viewport: { width, height: 800 } } });
      await s.page.locator(".cb-table").first().waitFor();
      const names = await lineBreaks(s, ".cb-table td:first-child");
      assert.ok(names.length > 5, `${page}: the table has its cookies`);
      for (const { text, breaks } of names) {
        const allowed = width === 1280 ? [] : breaks.filter((b) => "_-".includes(text[b - 1]));
        assert.deepEqual(breaks, allowed, `${page} at ${width} px: the cookie name "${text}" is broken at ${breaks}`);
      }
      for (const { text, breaks } of await lineBreaks(s, ".cb-table th")) {
        assert.ok(
          breaks.every((b) => text[b - 1] === " "),
          `${page} at ${width} px: the header "${text}" is broken inside a word, at ${breaks}`,
        );
      }
      const wraps = await s.page.$$eval(".cb-table-wrap", (ws) =>
        ws.map((w) => ({ overflow: w.scrollWidth - w.clientWidth, tabIndex: w.tabIndex, name: w.getAttribute("aria-label") })),
      );
      if (width === 1280) assert.ok(wraps.every((w) => w.overflow <= 1), `${page}: every table fits at 1280 px`);
      for (const w of wraps) assert.ok(w.tabIndex === 0 && w.name, `${page}: a table's scroller is a named tab stop`);
      const results = await new AxeBuilder({ page: s.page }).include(".cb-cookie-table").withTags(TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => v.id), [], `${page} at ${width} px:\n${formatViolations(results.violations)}`);
      await s.done();
    }
  }
});

test("space after Save on the cookie page", { timeout: TEST_TIMEOUT }, async () => {
  for (const page of ["/nhs/cookies.html", "/govuk/cookies.html"]) {
    const s = await h.openPage(page);
    const save = await s.page.locator("[data-consent-settings] .cb-settings > .cb-button").boundingBox();
    const next = await s.page.locator("[data-consent-settings] + *").boundingBox();
    assert.ok(next.y - (save.y + save.height + 4) >= 16, `${page}: Save ends at ${save.y + save.height}, what follows starts at ${next.y}`);
    await s.done();
  }
});

/** WCAG contrast ratio of two computed `rgb()` colours (opaque). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}

test("the settings form's radios keep 3:1 (ring and dot) in each theme and contrast mode", { timeout: TEST_TIMEOUT }, async () => {
  for (const page of ["/nhs/cookies.html", "/govuk/cookies.html", "/plain/default.html"]) {
    for (const mode of [null, "high", "yellow-black"]) {
      const cookies = mode ? [{ name: "contrast-mode", value: mode }] : [];
      const s = await h.openPage(page, { cookies });
      if (page.startsWith("/plain")) {
        await s.banner(NAME.plain).getByRole("link", { name: TEXT.choose, exact: true }).click();
      }
      await s.page.locator(".cb-settings .cb-radio input").first().waitFor();
      const radios = await s.page.$$eval(".cb-settings .cb-radio input", (inputs) =>
        inputs.map((input) => {
          // The colour behind the ring: the nearest opaque background around the radio (its own
          // fill is inside the ring; in a contrast mode a checked radio is filled).
          let el = input.parentElement;
          let behind = "rgb(255, 255, 255)";
          for (; el; el = el.parentElement) {
            const bg = getComputedStyle(el).backgroundColor;
            if (!/rgba\(.*, 0\)$/.test(bg) && bg !== "transparent") {
              behind = bg;
              break;
            }
          }
          const cs = getComputedStyle(input);
          return { checked: input.checked, appearance: cs.appearance, ring: cs.borderTopColor, dot: cs.color, image: cs.backgroundImage, behind };
        }),
      );
      assert.ok(radios.some((r) => r.checked) && radios.some((r) => !r.checked));
      for (const r of radios) {
        const what = `${page}, ${mode ?? "default"} contrast, ${r.checked ? "checked" : "unchecked"}`;
        // Drawn by the stylesheet, so the computed colours are the ones on screen.
        assert.equal(r.appearance, "none", what);
        assert.ok(contrast(r.ring, r.behind) >= 3, `${what}: ring ${r.ring} on ${r.behind}`);
        if (r.checked) {
          assert.match(r.image, /radial-gradient/, `${what}: the dot is drawn`);
          assert.ok(contrast(r.dot, r.behind) >= 3, `${what}: dot ${r.dot} on ${r.behind}`);
        }
      }
      await s.done();
    }
  }
});

test("placeholders and the cookie page's pieces are axe-clean in each theme", { timeout: TEST_TIMEOUT }, async () => {
  for (const system of ["nhs", "govuk"]) {
    let s = await h.openPage(`/${system}/article.html`);
    await s.page.locator(".cb-placeholder").waitFor();
    assert.equal(
      (await style(s, ".cb-placeholder .cb-button", ["background-color"]))["background-color"],
      (await style(s, ".cb-banner .cb-button", ["background-color"]))["background-color"],
    );
    let results = await new AxeBuilder({ page: s.page }).include(".cb-placeholder").withTags(TAGS).analyze();
    assert.deepEqual(results.violations.map((v) => v.id), [], `${system} placeholder:\n${formatViolations(results.violations)}`);
    await s.done();
    s = await h.openPage(`/${system}/cookies.html`);
    await s.page.locator("[data-consent-settings] .cb-settings").waitFor();
    results = await new AxeBuilder({ page: s.page }).include("[data-consent-settings]").include("[data-consent-cookie-table]").withTags(TAGS).analyze();
    assert.deepEqual(results.violations.map((v) => v.id), [], `${system} cookie page:\n${formatViolations(results.violations)}`);
    await s.done();
  }
});

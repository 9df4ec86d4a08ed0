// The demo site in www/, served the way `make demo` serves it (scripts/serve.mjs, /assets/ = dist/).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { TEST_TIMEOUT, WWW, createHarness, formatViolations } from "./helpers.mjs";
import { DEMO_CSP } from "../../scripts/serve.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const PAGES = ["/", "/article.html", "/cookies.html", "/cookie-settings.html"];

let h;
before(async () => {
  // Served exactly as `make demo` serves it: with its strict Content-Security-Policy.
  h = await createHarness({ root: WWW, headers: { "Content-Security-Policy": DEMO_CSP } });
});
after(() => h?.close());

async function assertFirstVisit(s, what) {
  const banner = s.page.getByRole("region", { name: /^Cookies on / });
  try {
    await banner.first().waitFor({ state: "visible", timeout: 5_000 });
  } catch {
    assert.fail(`${what}: the cookie banner should be shown on a first visit\n${s.diagnostics()}`);
  }
  assert.equal(
    await s.page.evaluate(() => document.body.firstElementChild?.getAttribute("role")),
    "region",
    `${what}: the banner is the first element of <body>`,
  );
  await s.settle();
  s.assertNoThirdParty(`on ${what} before consent`);
  assert.ok(!(await s.cookieNames()).includes("cookieconsent_status"));
  s.assertNoPageErrors();
}

/** The first same-origin page linked from the home page that looks like an article. */
async function findArticle(s) {
  const links = await s.page.evaluate(() =>
    [...document.querySelectorAll("a[href]")]
      .map((a) => new URL(a.href, location.href))
      .filter((u) => u.origin === location.origin && u.pathname !== location.pathname && !u.pathname.startsWith("/assets/"))
      .map((u) => u.pathname),
  );
  const unique = [...new Set(links)];
  return unique.find((p) => /article|news|stor|blog|post/i.test(p)) ?? unique.find((p) => /\.html$|\/$/.test(p) && p !== "/") ?? null;
}

test("demo site: home page and an article show the banner and request nothing before consent", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/");
  await assertFirstVisit(s, "the home page");
  const article = await findArticle(s);
  assert.ok(article, "the home page links to an article");
  await s.goto(article);
  await assertFirstVisit(s, `the article ${article}`);
  await s.done();
});

async function assertNoViolations(s, what) {
  const results = await new AxeBuilder({ page: s.page }).withTags(TAGS).analyze();
  assert.equal(results.violations.length, 0, `${what}:\n${formatViolations(results.violations)}`);
}

test("demo site: axe finds no violation on any page, banner shown and after a choice", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/");
  for (const path of PAGES) {
    await s.goto(path);
    await s.page.getByRole("region", { name: /^Cookies on / }).first().waitFor({ state: "visible" });
    await assertNoViolations(s, `${path} with the banner`);
  }
  await s.page.getByRole("button", { name: "Reject analytics cookies" }).click();
  await s.page.getByText(/rejected analytics cookies/).waitFor();
  await assertNoViolations(s, "/cookie-settings.html with the confirmation");
  await s.goto("/article.html");
  await s.page.locator("[data-consent-placeholder]").first().waitFor();
  await assertNoViolations(s, "/article.html after a choice, video placeholder shown");
  await s.page.getByRole("button", { name: "Accept cookies and show YouTube content" }).click();
  await s.page.waitForFunction(() => document.querySelector("iframe[data-consent]")?.getAttribute("src"));
  await s.settle();
  assert.deepEqual(await s.page.evaluate(() => window.__cspViolations), [], "no CSP violation on the demo");
  await s.done();
});

test("demo site: the banner's settings link opens the form in place even with a settingsUrl", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage("/article.html");
  const before = s.page.url();
  await s.page.getByRole("link", { name: "Choose your cookie settings" }).first().click();
  const form = s.page.locator("[data-consent-banner] form.cb-settings");
  await form.waitFor({ state: "visible" });
  assert.equal(s.page.url().replace(/#.*$/, ""), before.replace(/#.*$/, ""), "the visitor stays on the page");
  assert.equal(await s.page.evaluate(() => document.activeElement?.matches("form.cb-settings")), true, "focus moves to the form");
  await s.done();
});

// Issue 14, "also noticed": header cells broke words in two at desktop width ("Expir" / "y"), and
// long cookie names broke mid-name.
test("demo site: the cookie table's headers are one line at 1280 px, and cookie names wrap only after an underscore or a hyphen", { timeout: TEST_TIMEOUT }, async () => {
  for (const width of [1280, 390]) {
    const s = await h.openPage("/cookies.html", { contextOptions: { viewport: { width, height: 900 } } });
    await s.page.locator("[data-consent-cookie-table] table").first().waitFor({ state: "visible" });
    const found = await s.page.evaluate(() => {
      /** The lines `cell`'s text is drawn on: the text before each line break. */
      const lines = (cell) => {
        const out = [];
        let text = "";
        let top = null;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = [...range.getClientRects()].find((r) => r.width > 0);
            if (rect && top !== null && rect.top > top + 2) {
              out.push(text);
              text = "";
            }
            if (rect) top = rect.top;
            text += node.data[i];
          }
        }
        return [...out, text];
      };
      const cells = (selector) => [...document.querySelectorAll(`[data-consent-cookie-table] ${selector}`)];
      return {
        headers: cells("thead th").map((th) => lines(th)),
        names: cells("tbody td:first-child").map((td) => lines(td)),
        scrolls: cells(".cb-table-wrap").filter((w) => w.scrollWidth > w.clientWidth).length,
      };
    });
    if (width === 1280) {
      const broken = found.headers.filter((l) => l.length > 1);
      assert.deepEqual(broken, [], "every header cell is one line at 1280 px");
      assert.equal(found.scrolls, 0, "no table scrolls sideways at 1280 px");
      const wrapped = found.names.filter((l) => l.length > 1);
      assert.deepEqual(wrapped, [], "with room to spare, a cookie's name is one line");
    }
    // Anywhere: a line of a name ends with `_` or `-` (where the component lets it wrap), or the name ends.
    const midName = found.names.filter((l) => l.slice(0, -1).some((line) => !/[_-]$/.test(line)));
    assert.deepEqual(midName, [], `${width} px: names break only after an underscore or a hyphen`);
    // Headers never break inside a word (at a phone's width they may wrap between words).
    const midWord = found.headers.filter((l) => l.slice(0, -1).some((line) => !/\s$/.test(line)));
    assert.deepEqual(midWord, [], `${width} px: headers break only between words`);
    assert.ok(found.names.length > 10 && found.headers.length >= 12, `${width} px: the tables were drawn (${found.names.length} names)`);
    await s.done();
  }
});

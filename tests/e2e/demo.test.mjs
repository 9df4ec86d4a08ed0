// The demo site in www/, served the way `make demo` serves it (scripts/serve.mjs, /assets/ = dist/).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { TEST_TIMEOUT, WWW, createHarness } from "./helpers.mjs";

const hasDemo = existsSync(path.join(WWW, "index.html"));
let h;
before(async () => {
  if (hasDemo) h = await createHarness({ root: WWW });
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

test("demo site: home page and an article show the banner and request nothing before consent", { timeout: TEST_TIMEOUT, skip: hasDemo ? false : "www/index.html not there yet" }, async () => {
  const s = await h.openPage("/");
  await assertFirstVisit(s, "the home page");
  const article = await findArticle(s);
  assert.ok(article, "the home page links to an article");
  await s.goto(article);
  await assertFirstVisit(s, `the article ${article}`);
  await s.done();
});

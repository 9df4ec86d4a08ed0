// Languages: Welsh built in (from <html lang> or the config), every text overridable, and
// right-to-left languages laid out right to left; axe-clean in each.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { TEST_TIMEOUT, createHarness, formatViolations, teamPage } from "./helpers.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

let h;
before(async () => {
  h = await createHarness();
});
after(() => h?.close());


async function assertAxeClean(s, state) {
  const results = await new AxeBuilder({ page: s.page }).withTags(TAGS).analyze();
  assert.deepEqual(results.violations.map((v) => v.id), [], `axe with ${state}:\n${formatViolations(results.violations)}`);
}

test("a Welsh page gets the Welsh banner, settings, placeholder and confirmation", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(teamPage({}, { lang: "cy" }));
  const banner = s.page.getByRole("region", { name: "Cwcis ar Test Site", exact: true });
  await banner.waitFor();
  assert.equal(await banner.getAttribute("lang"), "cy");
  for (const name of ["Derbyn cwcis dadansoddi", "Gwrthod cwcis dadansoddi"]) {
    assert.equal(await banner.getByRole("button", { name }).count(), 1, name);
  }
  await assert.doesNotReject(s.page.getByRole("button", { name: "Derbyn cwcis a dangos cynnwys YouTube" }).waitFor({ timeout: 2_000 }));
  await assertAxeClean(s, "the Welsh banner");
  await banner.getByRole("link", { name: "Dewis eich gosodiadau cwcis" }).click();
  await s.page.getByRole("group", { name: "Cwcis sy'n mesur defnydd o'r wefan", exact: true }).waitFor();
  await s.page.getByRole("radio", { name: "Ie" }).first().check();
  await s.page.getByRole("button", { name: "Cadw gosodiadau cwcis" }).click();
  await s.page.getByText("Rydych wedi gosod eich dewisiadau cwcis.").waitFor();
  await assertAxeClean(s, "the Welsh confirmation");
  await s.done();
});

test("the config's language wins over the page's, and config texts override the built-in ones", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(teamPage({ language: "cy", texts: { reject: "Na, dim diolch" } }, { lang: "en" }));
  const banner = s.page.getByRole("region", { name: "Cwcis ar Test Site", exact: true });
  await banner.waitFor();
  assert.equal(await banner.getByRole("button", { name: "Na, dim diolch" }).count(), 1);
  assert.equal(await banner.getByRole("button", { name: "Derbyn cwcis dadansoddi" }).count(), 1);
  assert.equal(await banner.getAttribute("lang"), "cy", "marked Welsh inside an English page");
  await assertAxeClean(s, "a Welsh banner on an English page");
  await s.done();
});

const ARABIC = {
  bannerHeading: "ملفات تعريف الارتباط على {siteName}",
  bannerIntro: "نستخدم بعض ملفات تعريف الارتباط الضرورية لجعل هذا الموقع يعمل.",
  bannerRequest: "نود أيضًا استخدام ملفات تعريف الارتباط التحليلية لفهم كيفية استخدامك للموقع.",
  accept: "قبول ملفات تعريف الارتباط التحليلية",
  reject: "رفض ملفات تعريف الارتباط التحليلية",
  settingsLink: "اختر إعدادات ملفات تعريف الارتباط",
};

/** The horizontal order of the banner's two buttons: "rtl" when Accept (first in the DOM) is on the right. */
function buttonOrder(s) {
  return s.page.evaluate(() => {
    const [accept, reject] = document.querySelectorAll("[data-consent-banner] .cb-actions .cb-button");
    const a = accept.getBoundingClientRect();
    const r = reject.getBoundingClientRect();
    return a.top === r.top ? (a.left > r.left ? "rtl" : "ltr") : "stacked";
  });
}

test("right to left: on an Arabic page, or in an LTR page whose config says Arabic, the banner runs right to left", { timeout: TEST_TIMEOUT }, async () => {
  for (const [query, config, state] of [
    [{ lang: "ar", dir: "rtl" }, { texts: ARABIC }, "an Arabic page"],
    [{ lang: "en" }, { language: "ar", texts: ARABIC }, "an English page with an Arabic config"],
  ]) {
    const s = await h.openPage(teamPage(config, query), { contextOptions: { viewport: { width: 1280, height: 800 } } });
    const banner = s.page.getByRole("region", { name: "ملفات تعريف الارتباط على Test Site", exact: true });
    await banner.waitFor();
    assert.equal(await banner.getAttribute("dir"), "rtl", state);
    assert.equal(await banner.getAttribute("lang"), "ar", state);
    assert.equal(await buttonOrder(s), "rtl", `${state}: Accept is on the right`);
    const align = await banner.locator("p").first().evaluate((p) => getComputedStyle(p).direction);
    assert.equal(align, "rtl");
    await assertAxeClean(s, state);
    await s.done();
  }
  // And an English page keeps left to right (the test above can fail).
  const s = await h.openPage(teamPage({}, { lang: "en" }), { contextOptions: { viewport: { width: 1280, height: 800 } } });
  await s.banner().waitFor();
  assert.equal(await buttonOrder(s), "ltr");
  await s.done();
});

test("an Arabic page without Arabic texts gets English, marked as English and left to right", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(teamPage({}, { lang: "ar", dir: "rtl" }));
  const banner = s.banner();
  await banner.waitFor();
  assert.equal(await banner.getAttribute("lang"), "en");
  assert.equal(await banner.getAttribute("dir"), "ltr");
  await assertAxeClean(s, "English texts on an Arabic page");
  await s.done();
});

test("Welsh: each service's box is named in the Welsh group of its category, and saving one grants it alone", { timeout: TEST_TIMEOUT }, async () => {
  const s = await h.openPage(teamPage({}, { lang: "cy" }));
  const banner = s.page.getByRole("region", { name: "Cwcis ar Test Site", exact: true });
  await banner.getByRole("link", { name: "Dewis eich gosodiadau cwcis" }).click();
  const group = banner.getByRole("group", { name: "Cynnwys wedi'i fewnosod Neu ddewis gwasanaethau fesul un", exact: true });
  await group.waitFor();
  const names = await group.getByRole("checkbox").evaluateAll((els) => els.map((e) => e.labels[0].textContent));
  assert.deepEqual(names, ["YouTube (Google)", "Brightcove", "Twitter/X (X Corp.)", "LinkedIn", "Google Translate (Google)"]);
  await group.getByRole("checkbox", { name: "YouTube (Google)", exact: true }).check();
  await assertAxeClean(s, "the Welsh form with a service checked");
  await banner.getByRole("button", { name: "Cadw gosodiadau cwcis" }).click();
  await s.waitConsentCookie(/^v2\|r0\|t\d+\|analytics:0\|embeds:0\+youtube$/);
  await s.done();
});

test("right to left: a service's box stands to the right of its name, and the name keeps its provider in brackets after it", { timeout: TEST_TIMEOUT }, async () => {
  /** Where the YouTube box and the two names of its label are, left to right. */
  const order = (s) =>
    s.page.evaluate(() => {
      const box = document.querySelector('[data-consent-banner] input[data-cb-service="youtube"]');
      const [service, provider] = box.labels[0].querySelectorAll("bdi");
      const left = (el) => el.getBoundingClientRect().left;
      const label = box.labels[0];
      return {
        box: left(box) > left(label) ? "right" : "left",
        names: left(service) > left(provider) ? "service right of provider" : "service left of provider",
        // "(" sits between the two names whichever way the text runs.
        text: label.textContent,
      };
    });
  const cases = [
    [teamPage({ language: "ar", texts: { ...ARABIC, chooseServices: "أو اختر الخدمات واحدة تلو الأخرى" } }, { lang: "ar", dir: "rtl" }), "rtl"],
    [teamPage({}, { lang: "en" }), "ltr"],
  ];
  for (const [url, dir] of cases) {
    const s = await h.openPage(url, { contextOptions: { viewport: { width: 1280, height: 800 } } });
    await s.page.evaluate(() => window.consentBanner.showSettings());
    await s.page.locator("[data-consent-banner] form.cb-settings").waitFor({ state: "visible" });
    const found = await order(s);
    assert.deepEqual(
      found,
      dir === "rtl"
        ? { box: "right", names: "service right of provider", text: "YouTube (Google)" }
        : { box: "left", names: "service left of provider", text: "YouTube (Google)" },
      dir,
    );
    await assertAxeClean(s, `the settings form's services, ${dir}`);
    await s.done();
  }
});

// The components compared, each configured the same way: two categories (necessary, analytics),
// English texts, a banner with Accept and Reject, and the analytics script (/analytics.js) gated
// behind the analytics category. Plus "baseline": the same page with no consent component at all
// (analytics.js as a plain deferred script), the floor every row can be read against.
//
// Each entry gives the markup its documentation asks for, the selectors of its banner and accept
// button, its consent cookie, and which requested URLs are its own files (counted as its bytes).

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(BENCH, "..");
const NM = path.join(BENCH, "node_modules");
export const DIST = path.resolve(process.env.CONSENT_BANNER_DIST || path.join(REPO, "dist"));

// Texts shared by every component (ours' built-in English defaults).
// Ours is placed as the contract's example and the peers are, with `defer`. OURS_NO_DEFER=1 places
// it as its README recommends for pages with the toolbar (in <head> without `defer`, so the saved
// look and the room for what it draws are in place before the first paint).
const OURS_DEFER = process.env.OURS_NO_DEFER !== "1";
const SITE = "Bench";
const TITLE = `Cookies on ${SITE}`;
const INTRO =
  "We use some essential cookies to make this website work. We'd also like to use analytics cookies " +
  "so we can understand how you use the website and make improvements.";
const ACCEPT = "Accept analytics cookies";
const REJECT = "Reject analytics cookies";
const SETTINGS = "Choose your cookie settings";
const NECESSARY_DESC = "These essential cookies do things like remember your progress through a form.";
const ANALYTICS_DESC = "With your permission, we use Google Analytics to collect data about how you use this website.";

function version(pkgDir) {
  try {
    return JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")).version;
  } catch {
    return "not installed";
  }
}

// JSON for an inline <script>: "</" can't end the script element.
const inline = (v) => JSON.stringify(v).replace(/<\//g, "<\\/");

// In-page helpers for the dynamic-insertion page: makeGated(code) returns a node that the
// component should hold back (and run once granted). Given as source text, run in the page.
const scriptWith = (attrs) =>
  `function (code) { var s = document.createElement("script"); ${attrs} s.text = code; return s; }`;

const vanillaConfig = {
  // Its default hideFromBots skips the banner when navigator.webdriver is set, as it is under
  // Playwright: off, or there is nothing to measure.
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
  language: {
    default: "en",
    translations: {
      en: {
        consentModal: {
          title: TITLE,
          description: INTRO,
          acceptAllBtn: ACCEPT,
          acceptNecessaryBtn: REJECT,
          showPreferencesBtn: SETTINGS,
        },
        preferencesModal: {
          title: "Cookie settings",
          acceptAllBtn: ACCEPT,
          acceptNecessaryBtn: REJECT,
          savePreferencesBtn: "Save cookie settings",
          closeIconLabel: "Close",
          sections: [
            { title: "Strictly necessary cookies", description: NECESSARY_DESC, linkedCategory: "necessary" },
            { title: "Cookies that measure website use", description: ANALYTICS_DESC, linkedCategory: "analytics" },
          ],
        },
      },
    },
  },
};

const klaroConfig = {
  version: 1,
  elementID: "klaro",
  storageMethod: "cookie",
  storageName: "klaro",
  cookieExpiresAfterDays: 365,
  lang: "en",
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  hideLearnMore: false,
  translations: {
    en: {
      consentNotice: { title: TITLE, description: INTRO, learnMore: SETTINGS },
      ok: ACCEPT,
      acceptAll: ACCEPT,
      decline: REJECT,
      purposes: { necessary: "Strictly necessary cookies", analytics: "Cookies that measure website use" },
      session: { title: "Session", description: NECESSARY_DESC },
      analytics: { title: "Analytics", description: ANALYTICS_DESC },
    },
  },
  services: [
    { name: "session", purposes: ["necessary"], required: true },
    { name: "analytics", purposes: ["analytics"], cookies: ["_ga", "_gid"] },
  ],
};

const osanoOptions = {
  type: "opt-in",
  position: "bottom",
  theme: "block",
  content: { header: TITLE, message: INTRO, allow: ACCEPT, deny: REJECT, link: SETTINGS, href: "/cookies" },
};
// Osano's cookieconsent has no script blocking: its documented way is to load the analytics from
// onInitialise (a returning visitor) and onStatusChange (a new choice) when hasConsented().
const osanoInit = `document.addEventListener("DOMContentLoaded", function () {
  function loadAnalytics() {
    if (window.__benchAnalyticsLoaded) return;
    window.__benchAnalyticsLoaded = true;
    var s = document.createElement("script");
    s.src = "/analytics.js";
    document.head.appendChild(s);
  }
  var options = ${inline(osanoOptions)};
  options.onInitialise = function () { if (this.hasConsented()) loadAnalytics(); };
  options.onStatusChange = function () { if (this.hasConsented()) loadAnalytics(); };
  window.cookieconsent.initialise(options);
});`;

export const COMPONENTS = [
  {
    id: "ours",
    name: "consent-banner (ours)",
    version: (/^version = "(.*)"/m.exec(readFileSync(path.join(REPO, "Cargo.toml"), "utf8")) || [])[1],
    // ours loads its CSS and Wasm itself, from next to the script: whatever /assets/ serves is its.
    mounts: { "/assets/": DIST },
    required: [path.join(DIST, "consent-banner.js")],
    own: (p) => p.startsWith("/assets/"),
    head: `<script type="application/json" id="consent-config">{"siteName":"${SITE}"}</script>
<script src="/assets/consent-banner.js" data-config="consent-config"${OURS_DEFER ? " defer" : ""}></script>`,
    analytics: `<script type="text/plain" data-consent="analytics" src="/analytics.js"></script>`,
    gatedInline: (code) => `<script type="text/plain" data-consent="analytics">${code}</script>`,
    makeGated: scriptWith(`s.type = "text/plain"; s.setAttribute("data-consent", "analytics");`),
    banner: '.cb-banner[role="region"]',
    accept: '.cb-banner [data-cb-action="accept"]',
    cookie: "cookieconsent_status",
    gating: "built in (data-consent), watches later-added elements",
  },
  {
    id: "vanilla",
    name: "vanilla-cookieconsent",
    version: version(path.join(NM, "vanilla-cookieconsent")),
    mounts: {
      "/peer/vanilla/cookieconsent.umd.js": path.join(NM, "vanilla-cookieconsent/dist/cookieconsent.umd.js"),
      "/peer/vanilla/cookieconsent.css": path.join(NM, "vanilla-cookieconsent/dist/cookieconsent.css"),
    },
    own: (p) => p.startsWith("/peer/vanilla/"),
    head: `<link rel="stylesheet" href="/peer/vanilla/cookieconsent.css">
<script src="/peer/vanilla/cookieconsent.umd.js" defer></script>
<script>document.addEventListener("DOMContentLoaded", function () { CookieConsent.run(${inline(vanillaConfig)}); });</script>`,
    analytics: `<script type="text/plain" data-category="analytics" src="/analytics.js"></script>`,
    gatedInline: (code) => `<script type="text/plain" data-category="analytics">${code}</script>`,
    makeGated: scriptWith(`s.type = "text/plain"; s.setAttribute("data-category", "analytics");`),
    banner: "#cc-main .cm",
    accept: '#cc-main .cm [data-role="all"]',
    cookie: "cc_cookie",
    gating: "built in (data-category), scripts present when run() starts",
  },
  {
    id: "osano",
    name: "cookieconsent (Osano)",
    version: version(path.join(NM, "cookieconsent")),
    mounts: {
      "/peer/osano/cookieconsent.min.js": path.join(NM, "cookieconsent/build/cookieconsent.min.js"),
      "/peer/osano/cookieconsent.min.css": path.join(NM, "cookieconsent/build/cookieconsent.min.css"),
    },
    own: (p) => p.startsWith("/peer/osano/"),
    head: `<link rel="stylesheet" href="/peer/osano/cookieconsent.min.css">
<script src="/peer/osano/cookieconsent.min.js" defer></script>
<script>${osanoInit}</script>`,
    analytics: "", // loaded by the callbacks above
    gatedInline: null, // no script blocking: scaling rows are n/a
    makeGated: null,
    banner: ".cc-window",
    accept: ".cc-window .cc-allow",
    cookie: "cookieconsent_status",
    gating: "none built in: opt-in type, analytics loaded from onInitialise/onStatusChange (page code)",
  },
  {
    id: "klaro",
    name: "klaro",
    version: version(path.join(NM, "klaro")),
    mounts: {
      "/peer/klaro/klaro-no-css.js": path.join(NM, "klaro/dist/klaro-no-css.js"),
      "/peer/klaro/klaro.min.css": path.join(NM, "klaro/dist/klaro.min.css"),
    },
    own: (p) => p.startsWith("/peer/klaro/"),
    head: `<link rel="stylesheet" href="/peer/klaro/klaro.min.css">
<script>window.klaroConfig = ${inline(klaroConfig)};</script>
<script src="/peer/klaro/klaro-no-css.js" defer></script>`,
    analytics: `<script type="text/plain" data-type="application/javascript" data-name="analytics" data-src="/analytics.js"></script>`,
    gatedInline: (code) => `<script type="text/plain" data-type="application/javascript" data-name="analytics">${code}</script>`,
    makeGated: scriptWith(
      `s.type = "text/plain"; s.setAttribute("data-type", "application/javascript"); s.setAttribute("data-name", "analytics");`,
    ),
    banner: ".klaro .cookie-notice",
    accept: ".klaro .cookie-notice .cm-btn-success",
    cookie: "klaro",
    gating: "built in (data-name), elements present when consent is applied",
  },
  {
    id: "baseline",
    name: "no component (baseline)",
    version: "",
    mounts: {},
    own: () => false,
    head: "",
    analytics: `<script src="/analytics.js" defer></script>`,
    gatedInline: (code) => `<script>${code}</script>`,
    makeGated: `function (code) { var s = document.createElement("script"); s.text = code; return s; }`,
    banner: null,
    accept: null,
    cookie: null,
    gating: "nothing gated: plain scripts run at once",
  },
];

/** Why a component can't be measured (a missing file), or null. */
export function missingFiles(c) {
  const files = [...(c.required ?? []), ...Object.entries(c.mounts).filter(([k]) => !k.endsWith("/")).map(([, v]) => v)];
  const missing = files.filter((f) => !existsSync(f));
  const show = (f) => (f.startsWith(REPO + path.sep) ? path.relative(REPO, f) : f);
  return missing.length ? `missing ${missing.map(show).join(", ")}` : null;
}

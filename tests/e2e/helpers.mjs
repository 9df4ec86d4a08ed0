// Shared harness for the end-to-end tests (node:test + playwright-core + Debian's Chromium).
//
// One browser and one static server per test file:
//
//   import { createHarness } from "./helpers.mjs";
//   let h;
//   before(async () => { h = await createHarness(); });
//   after(() => h?.close());
//
//   test("…", async () => {
//     const s = await h.openPage("/index.html");   // fresh context, waits for the component
//     …
//     await s.done();                                // asserts no uncaught page error, closes
//   });
//
// Every request to a host other than 127.0.0.1 is answered here (the machine is offline) and
// recorded in `s.thirdParty`, which is how a test proves that nothing was requested.
//
// Environment:
//   CONSENT_BANNER_DIST  folder served at /assets/ (default: <repo>/dist, written by `make build`)
//   CHROMIUM             browser binary (default: /usr/bin/chromium)
//   HEADED=1             show the browser (needs a display)

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FIXTURES = path.join(REPO, "tests", "e2e", "fixtures");
export const WWW = path.join(REPO, "www");
export const DIST = path.resolve(process.env.CONSENT_BANNER_DIST || path.join(REPO, "dist"));
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export const SITE_NAME = "Test Site";
export const BANNER_NAME = `Cookies on ${SITE_NAME}`;
export const COOKIE = "cookieconsent_status";
/** Texts from docs/markup.md. Apostrophes may be straight or typographic. */
export const TEXT = {
  accept: "Accept analytics cookies",
  reject: "Reject analytics cookies",
  choose: "Choose your cookie settings",
  hide: "Hide cookie message",
  save: "Save cookie settings",
  accepted: /You[’']ve accepted analytics cookies\./,
  rejected: /You[’']ve rejected analytics cookies\./,
  saved: /You[’']ve set your cookie preferences\./,
  analyticsLegend: "Cookies that measure website use",
  /** After a category's legend, the name of its group of services. */
  chooseServices: "Or choose services one by one",
  showYouTube: "Accept cookies and show YouTube content",
};
/** What the gated analytics scripts of index.html record, in document order. */
export const ANALYTICS_ORDER = ["ga", "inline-1", "hotjar", "inline-2"];
/** Cookies that the analytics category covers (contract: refusing deletes them). */
export const TRACKING_COOKIES = ["_ga", "_ga_XYZ123", "_gid", "__utma", "__utmz", "_hjSessionUser_123", "AMCV_0123ABC%40AdobeOrg"];

/** A domain whose subdomains all resolve to 127.0.0.1 (for cookies shared across subdomains). */
export const SHARED_DOMAIN = "consent.test";

export const LAUNCH_ARGS = [
  `--host-resolver-rules=MAP *.${SHARED_DOMAIN} 127.0.0.1`,
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** How long to wait for the component (wasm compile included) before calling it broken. */
export const READY_TIMEOUT = 15_000;
/** How long to let the page run before asserting that something did NOT happen. */
export const SETTLE_MS = 400;
/** Per-test timeout for node:test. */
export const TEST_TIMEOUT = 90_000;

// ---------------------------------------------------------------------------------------------
// Stand-ins for third-party resources.

const record = (label) => `window.__ran=(window.__ran||[]).concat(${JSON.stringify(label)});`;

/** Known third-party scripts: host + pathname -> body. Each records that it ran. */
export const SCRIPT_STUBS = {
  // Google Analytics sets its cookies like the real one does (first-party, on the page's host).
  // It also keeps what dataLayer held when it ran (Consent Mode must come first), and whether each
  // entry was an `arguments` object (the only kind Google's tags read).
  "www.googletagmanager.com/gtag/js":
    record("ga") +
    `window.__dataLayerAtLoad=(window.dataLayer||[]).map(function(e){return {kind:Object.prototype.toString.call(e),args:JSON.parse(JSON.stringify(Array.prototype.slice.call(e)))};});` +
    `document.cookie="_ga=GA1.1.1234567890.1700000000; path=/; max-age=63072000; samesite=lax";` +
    `document.cookie="_gid=GA1.1.987654321.1700000000; path=/; max-age=86400; samesite=lax";`,
  "static.hotjar.com/c/hotjar-1.js":
    record("hotjar") + `document.cookie="_hjSessionUser_123=eyJpZCI6IjEifQ; path=/; max-age=31536000; samesite=lax";`,
  "cdn.example.com/late.js": record("late"),
  // X's widgets.js: records that it ran and whether the post's fallback was shown by then.
  "platform.twitter.com/widgets.js":
    record("x-widgets") + `window.__postShown=!document.getElementById("post")?.hidden;`,
  // Google Translate's element: records its options and draws a language list like the real one,
  // whose `change` it records (the real one then translates the page).
  "translate.google.com/translate_a/element.js":
    record("translate") +
    `(function () {
      var cb = new URL(document.currentScript.src).searchParams.get("cb");
      window.google = { translate: { TranslateElement: function (options, id) {
        window.__translate = { options: options, id: id, cookie: document.cookie, changes: [] };
        var select = document.createElement("select");
        select.className = "goog-te-combo";
        select.setAttribute("aria-label", "Select Language");
        ["", "cy", "en", "fr"].forEach(function (code) {
          var o = document.createElement("option"); o.value = code; o.textContent = code || "Select Language"; select.appendChild(o);
        });
        select.addEventListener("change", function () { window.__translate.changes.push(select.value); });
        document.getElementById(id).appendChild(select);
      } } };
      window[cb]();
    })();`,
};

/** The category each third-party host of the tests belongs to. A host not listed is never allowed. */
export const HOST_CATEGORY = {
  "www.googletagmanager.com": "analytics",
  "static.hotjar.com": "analytics",
  "px.example.net": "analytics",
  "cdn.example.com": "analytics",
  "www.youtube-nocookie.com": "embeds",
  "platform.twitter.com": "embeds",
  "translate.google.com": "embeds",
  "translate.googleapis.com": "embeds",
  // NHS.UK frontend's own font (tests/e2e/design-systems.mjs): the site's, always allowed.
  "assets.nhs.uk": "necessary",
};

/** The built-in services of each built-in category, in config order. */
export const SERVICES = {
  analytics: ["google-analytics", "adobe-analytics", "hotjar", "new-relic", "qualtrics", "celebrus"],
  embeds: ["youtube", "brightcove", "twitter", "linkedin", "google-translate"],
};

/**
 * A choice as `get()` gives it with the built-in config: `categories` (e.g. `{ analytics: true,
 * embeds: false }`), each category's services with it, then `services` (e.g. `{ youtube: true }`).
 */
export function choiceOf(categories, services = {}) {
  const all = {};
  for (const [category, granted] of Object.entries(categories)) {
    for (const id of SERVICES[category] ?? []) all[id] = granted;
  }
  return { necessary: true, ...categories, services: { ...all, ...services } };
}

/** The built-in service each third-party host of the tests belongs to (a host may have none). */
export const HOST_SERVICE = {
  "www.googletagmanager.com": "google-analytics",
  "static.hotjar.com": "hotjar",
  "www.youtube-nocookie.com": "youtube",
  "platform.twitter.com": "twitter",
  "translate.google.com": "google-translate",
  "translate.googleapis.com": "google-translate",
};

/**
 * The categories a cookieconsent_status value grants whole, and the services it grants inside a
 * refused category (`embeds:0+youtube`), in one set (the README's reading rules).
 */
/** An init script (openPage's `initScripts`) that makes the browser send Global Privacy Control. */
export const SEND_GPC = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });";

export function grantedBy(value) {
  if (value === "allow") return new Set(["analytics", "embeds"]);
  const granted = new Set();
  if (!value || !/^v[12]\|/.test(value)) return granted;
  for (const part of value.split("|").slice(3)) {
    const [id, answer] = part.split(":");
    const [flag, ...services] = (answer ?? "").split("+");
    if (flag === "1" || flag === "i") granted.add(id); // i: granted on the objection basis
    for (const service of services) granted.add(service);
  }
  return granted;
}

export const STUB_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embedded content</title></head>
<body><p>Stand-in for third-party content.</p></body></html>`;

// 1x1 transparent GIF.
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

// Runs in every page and frame before any page script.
const INIT_SCRIPT = `(() => {
  if (window.__cbTestInit) return;
  window.__cbTestInit = true;
  window.__cbReady = false;
  window.__cbReadyCount = 0;
  window.__cbReadyHadObject = null;
  window.__cbEvents = [];
  const copy = (d) => { try { return JSON.parse(JSON.stringify(d === undefined ? null : d)); } catch (e) { return String(d); } };
  document.addEventListener("consent-banner:ready", (e) => {
    window.__cbReady = true;
    window.__cbReadyCount++;
    window.__cbReadyHadObject = typeof window.consentBanner === "object" && window.consentBanner !== null;
  }, true);
  document.addEventListener("consent-banner:change", (e) => { window.__cbEvents.push(copy(e.detail)); }, true);
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
  }, true);
})();`;

// ---------------------------------------------------------------------------------------------

/** Records the component's own files (under /assets/) the page loads from now on. */
export function recordAssets(page) {
  const assets = [];
  page.on("request", (req) => {
    const { pathname } = new URL(req.url());
    if (pathname.startsWith("/assets/")) assets.push(pathname.slice("/assets/".length));
  });
  return assets;
}

export function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: !process.env.HEADED });
}

/**
 * Start a server (fixtures by default) and a browser for one test file.
 * @param {{ root?: string, assets?: string, requireComponent?: boolean, headers?: object }} [opts]
 */
export async function createHarness({ root = FIXTURES, assets = DIST, requireComponent = true, headers = {} } = {}) {
  if (requireComponent && !existsSync(path.join(assets, "consent-banner.js"))) {
    throw new Error(
      `${path.relative(REPO, path.join(assets, "consent-banner.js")) || "consent-banner.js"} is missing: ` +
        "run `make build` first (or set CONSENT_BANNER_DIST)",
    );
  }
  const server = await startServer({ root, assets, headers });
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.close();
    throw e;
  }
  const sessions = new Set();

  const harness = {
    server,
    browser,
    url: server.url,
    /**
     * Open `pathname` in a fresh browser context.
     * @param {string} pathname
     * @param {object} [opts]
     * @param {Array<{name:string,value:string,path?:string}>} [opts.cookies] added before loading
     * @param {boolean} [opts.waitReady=true] wait for the component's ready event
     * @param {object} [opts.contextOptions] extra options for browser.newContext
     * @param {string[]} [opts.initScripts] scripts every page runs first, from the first load on
     *   (e.g. one that makes the browser send Global Privacy Control)
     */
    async openPage(pathname = "/index.html", { cookies = [], waitReady = true, contextOptions = {}, checkHosts = true, presumed = [], initScripts = [] } = {}) {
      const s = await openSession(browser, server.url, { cookies, contextOptions, checkHosts, presumed });
      for (const content of initScripts) await s.context.addInitScript({ content });
      sessions.add(s);
      s._onClose = () => sessions.delete(s);
      await s.goto(pathname, { waitReady });
      return s;
    },
    async close() {
      for (const s of sessions) await s.context.close().catch(() => {});
      sessions.clear();
      await browser?.close().catch(() => {});
      await server.close();
    },
  };
  return harness;
}

async function openSession(browser, baseURL, { cookies, contextOptions, checkHosts = true, presumed = [] }) {
  const context = await browser.newContext({ baseURL, ...contextOptions });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  await context.addInitScript({ content: INIT_SCRIPT });

  const host = new URL(baseURL).hostname;
  if (cookies.length) {
    await context.addCookies(cookies.map((c) => ({ domain: host, path: "/", sameSite: "Lax", ...c })));
  }

  const s = {
    context,
    page: null,
    baseURL,
    /** Requests to hosts other than 127.0.0.1, in order: { url, host, type, frameUrl, at, mark } */
    thirdParty: [],
    /** Uncaught exceptions in the page (pageerror). */
    pageErrors: [],
    /** console.error messages. */
    consoleErrors: [],
    /** All console messages as "type: text". */
    consoleMessages: [],
    /** Requests to hosts that the stored choice did not allow when they were made. */
    disallowed: [],
    /** Check every third-party request against the stored choice (off only where cookies are blocked). */
    checkHosts,
    /** Categories granted before any choice (objection basis, no GPC): allowed while no cookie is stored. */
    presumed,
    /** Free-form label attached to the requests recorded from now on (see s.mark()). */
    currentMark: "initial",
  };

  await context.route("**/*", async (route) => {
    const req = route.request();
    let u;
    try {
      u = new URL(req.url());
    } catch {
      return route.continue();
    }
    const firstParty = u.hostname === host || u.hostname.endsWith(`.${SHARED_DOMAIN}`);
    if (firstParty || !/^https?:$/.test(u.protocol)) return route.continue();
    let frameUrl = null;
    try {
      frameUrl = req.frame()?.url() ?? null;
    } catch {
      /* service worker or detached frame */
    }
    s.thirdParty.push({ url: req.url(), host: u.hostname, type: req.resourceType(), frameUrl, at: Date.now(), mark: s.currentMark });
    // Was this host allowed by the visitor's choice at the moment of the request?
    if (s.checkHosts) {
      const stored = (await context.cookies()).find((c) => c.name === COOKIE)?.value;
      const category = HOST_CATEGORY[u.hostname];
      const granted = stored ? grantedBy(stored) : new Set(s.presumed);
      const allowed = granted.has(category) || granted.has(HOST_SERVICE[u.hostname]);
      if (category !== "necessary" && (!category || !allowed)) {
        s.disallowed.push(`${req.url()} (${category ?? "unknown host"}; cookie ${stored ?? "absent"})`);
      }
    }
    const key = u.hostname + u.pathname;
    const type = req.resourceType();
    if (SCRIPT_STUBS[key] !== undefined) {
      return route.fulfill({ status: 200, contentType: "text/javascript", body: SCRIPT_STUBS[key] });
    }
    if (type === "document") return route.fulfill({ status: 200, contentType: "text/html", body: STUB_HTML });
    if (type === "image") return route.fulfill({ status: 200, contentType: "image/gif", body: GIF });
    if (type === "script") return route.fulfill({ status: 200, contentType: "text/javascript", body: "" });
    if (type === "stylesheet") return route.fulfill({ status: 200, contentType: "text/css", body: "" });
    return route.fulfill({ status: 200, contentType: "text/plain", body: "" });
  });

  const page = await context.newPage();
  s.page = page;
  const watch = (p) => {
    p.on("pageerror", (err) => s.pageErrors.push(`${err.name}: ${err.message}\n${err.stack ?? ""}`));
    p.on("console", (msg) => {
      s.consoleMessages.push(`${msg.type()}: ${msg.text()}`);
      if (msg.type() === "error") s.consoleErrors.push(msg.text());
    });
  };
  watch(page);
  context.on("page", (p) => p !== page && watch(p));

  Object.assign(s, {
    /** Label the requests made from now on (e.g. s.mark("after-click")). */
    mark(label) {
      s.currentMark = label;
    },
    async goto(pathname, { waitReady = true } = {}) {
      await page.goto(pathname, { waitUntil: "load" });
      if (waitReady) await s.ready();
    },
    async reload({ waitReady = true } = {}) {
      await page.reload({ waitUntil: "load" });
      if (waitReady) await s.ready();
    },
    /** Wait until the component announced itself (consent-banner:ready) and let it settle. */
    async ready() {
      try {
        await page.waitForFunction(() => window.__cbReady === true, null, { timeout: READY_TIMEOUT, polling: 50 });
      } catch (e) {
        const hasObject = await page.evaluate(() => typeof window.consentBanner).catch(() => "?");
        throw new Error(
          `the component did not dispatch "consent-banner:ready" within ${READY_TIMEOUT} ms ` +
            `(typeof window.consentBanner = ${hasObject}).\n${s.diagnostics()}`,
        );
      }
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    },
    /** Let timers, script loads and microtasks run before asserting that nothing happened. */
    async settle(ms = SETTLE_MS) {
      await page.waitForTimeout(ms);
    },
    /** What the gated scripts recorded (window.__ran), [] if nothing ran. */
    ran() {
      return page.evaluate(() => (Array.isArray(window.__ran) ? window.__ran.slice() : []));
    },
    /** Wait until window.__ran has at least n entries. */
    async waitRan(n, timeout = 10_000) {
      try {
        await page.waitForFunction((n) => (window.__ran || []).length >= n, n, { timeout, polling: 50 });
      } catch {
        assert.fail(`expected ${n} gated script runs, got ${JSON.stringify(await s.ran())}\n${s.diagnostics()}`);
      }
    },
    /** consent-banner:change details received so far. */
    changeEvents() {
      return page.evaluate(() => window.__cbEvents.slice());
    },
    cookies() {
      return context.cookies();
    },
    async cookieNames() {
      return (await context.cookies()).map((c) => c.name).sort();
    },
    async consentCookie() {
      return (await context.cookies()).find((c) => c.name === COOKIE) ?? null;
    },
    /** Wait for cookieconsent_status to match `re`; returns the cookie. */
    async waitConsentCookie(re, timeout = 5_000) {
      const end = Date.now() + timeout;
      let c;
      while (Date.now() < end) {
        c = await s.consentCookie();
        if (c && re.test(c.value)) return c;
        await page.waitForTimeout(50);
      }
      assert.fail(`${COOKIE} should match ${re}, is ${c ? JSON.stringify(c.value) : "absent"}`);
    },
    /** The banner region. */
    banner(name = BANNER_NAME) {
      return page.getByRole("region", { name, exact: true });
    },
    /** Is the banner shown? (visible region with the expected name) */
    async bannerShown(name = BANNER_NAME) {
      return s.banner(name).isVisible();
    },
    /** Description of document.activeElement. */
    focused() {
      return page.evaluate(() => {
        const a = document.activeElement;
        if (!a || a === document.body) return { tag: a ? "body" : null };
        return {
          tag: a.tagName.toLowerCase(),
          text: (a.textContent || "").replace(/\s+/g, " ").trim(),
          type: a.getAttribute("type"),
          name: a.getAttribute("name"),
          value: a.value ?? null,
          checked: a.checked ?? null,
          id: a.id,
          className: typeof a.className === "string" ? a.className : "",
          inConfirmation: !!a.closest(".cb-banner__confirmation"),
          inBanner: !!a.closest("[data-consent-banner]"),
          label: a.labels && a.labels[0] ? a.labels[0].textContent.trim() : null,
        };
      });
    },
    /** Press Tab until `pred(focused)` holds; returns the focused description. */
    async tabUntil(pred, { max = 40, key = "Tab", what = "the wanted element" } = {}) {
      const seen = [];
      for (let i = 0; i < max; i++) {
        await page.keyboard.press(key);
        const f = await s.focused();
        seen.push(`${f.tag}${f.type ? `[${f.type}]` : ""} ${f.text || f.label || f.name || ""}`.trim());
        if (pred(f)) return f;
      }
      assert.fail(`pressed ${key} ${max} times without reaching ${what}; focus went: ${seen.join(" → ")}`);
    },
    /** Non-127.0.0.1 requests as URLs. */
    thirdPartyUrls() {
      return s.thirdParty.map((r) => r.url);
    },
    assertNoThirdParty(when = "") {
      assert.deepEqual(s.thirdPartyUrls(), [], `no request may leave 127.0.0.1${when ? ` ${when}` : ""}`);
    },
    assertNoPageErrors() {
      assert.deepEqual(s.pageErrors, [], `uncaught page errors:\n${s.pageErrors.join("\n")}\nconsole:\n${s.consoleMessages.join("\n")}`);
    },
    diagnostics() {
      return [
        `page errors: ${s.pageErrors.length ? "\n  " + s.pageErrors.join("\n  ") : "none"}`,
        `console: ${s.consoleMessages.length ? "\n  " + s.consoleMessages.slice(-20).join("\n  ") : "none"}`,
        `third-party requests: ${s.thirdParty.length ? "\n  " + s.thirdPartyUrls().join("\n  ") : "none"}`,
      ].join("\n");
    },
    assertNoDisallowedRequests() {
      assert.deepEqual(s.disallowed, [], "requests to hosts the visitor's choice did not allow");
    },
    /** End of a test: no uncaught error, no request the choice did not allow, then close. */
    async done() {
      try {
        s.assertNoPageErrors();
        s.assertNoDisallowedRequests();
      } finally {
        await s.close();
      }
    },
    async close() {
      await context.close().catch(() => {});
      s._onClose?.();
    },
  });
  return s;
}

// ---------------------------------------------------------------------------------------------
// Small assertion helpers.

/** cookieconsent_status written after "Accept analytics cookies" with the default config. */
export const ACCEPTED_ANALYTICS = /^v2\|r0\|t\d+\|analytics:1\|embeds:0$/;
export const REJECTED_ALL = /^v2\|r0\|t\d+\|analytics:0\|embeds:0$/;
export const ACCEPTED_ALL = /^v2\|r0\|t\d+\|analytics:1\|embeds:1$/;

/** RFC 6265 cookie-octets. */
export const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

/** Check the attributes the contract requires of cookieconsent_status on http. */
export function assertConsentCookieAttributes(c) {
  assert.ok(c, `${COOKIE} is missing`);
  assert.equal(c.path, "/", `${COOKIE} Path`);
  assert.equal(c.sameSite, "Lax", `${COOKIE} SameSite`);
  assert.equal(c.secure, false, `${COOKIE} must not be Secure on http`);
  assert.equal(c.httpOnly, false);
  assert.match(c.value, COOKIE_OCTETS, `${COOKIE} must hold cookie-octets only: ${JSON.stringify(c.value)}`);
  assert.ok(Buffer.byteLength(c.value) <= 200, `${COOKIE} is longer than 200 bytes: ${c.value.length}`);
  const days = (c.expires * 1000 - Date.now()) / 86_400_000;
  assert.ok(days > 363 && days < 367, `${COOKIE} should live 365 days, expires in ${days.toFixed(1)} days`);
}

/** Format axe violations for an assertion message. */
export function formatViolations(violations) {
  return violations
    .map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes.map((n) => `    ${JSON.stringify(n.target)}\n      ${(n.failureSummary || "").replace(/\n/g, "\n      ")}`).join("\n"),
    )
    .join("\n");
}

/**
 * The URL of fixtures/team.html with `config` (merged over `{ siteName: SITE_NAME }`) and the
 * page's other knobs (`lang`, `dir`, `gtag`, `cookie`) in its query.
 */
export function teamPage(config = {}, query = {}) {
  return `/team.html?${new URLSearchParams({ ...query, config: JSON.stringify({ siteName: SITE_NAME, ...config }) })}`;
}

/** Cookies to pre-set: name/value pairs on the test host, path /. */
export function cookieList(obj) {
  return Object.entries(obj).map(([name, value]) => ({ name, value }));
}

// Test pages built from the design systems our users build with: NHS.UK frontend and GOV.UK
// Frontend, both dev dependencies (package.json). Each page is made of the packages' own component
// markup (their `fixtures.json`), their compiled CSS and JS, and the component as a site adds it
// (README, "Use it: one script tag"). Nothing of theirs is copied into this repository: the pages
// are written to a temporary folder when a test file starts.
//
//   import { buildDesignSystemSites } from "./design-systems.mjs";
//   const root = buildDesignSystemSites();           // a folder for createHarness({ root })
//   await h.openPage("/nhs/cookies.html");            // also /govuk/…
//
// Pages, for each system (`nhs`, `govuk`):
//   components.html  header (NHS: with search), toolbar host, buttons of every kind, links, tags,
//                    inset text, warning callout / warning text, cards, details, radios, checkboxes,
//                    footer with a "Cookie settings" link ([data-consent-open])
//   cookies.html     the cookie page: text, the settings form and the cookie table in the flow
//   article.html     an article with a gated YouTube frame (its placeholder) in the flow
//
// The design systems' CSS asks for `/assets/…` (images, GOV.UK's fonts); the copies here ask for
// `/ds/{system}/assets/…` instead, because the test server serves the component at `/assets/`.
// NHS.UK frontend loads its font from assets.nhs.uk: `NECESSARY_HOSTS` lists it for the harness.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Hosts a design system itself loads from (fonts): the site's own, not the visitor's choice. */
export const NECESSARY_HOSTS = ["assets.nhs.uk"];

export const SYSTEMS = {
  nhs: {
    pkg: "nhsuk-frontend",
    dist: "dist/nhsuk",
    css: "nhsuk-frontend.min.css",
    js: "nhsuk-frontend.min.js",
    components: "dist/nhsuk/components",
    htmlClass: "",
    bodyClass: "",
    container: "nhsuk-width-container",
    main: "nhsuk-main-wrapper",
    h1: "nhsuk-heading-xl",
    h2: "nhsuk-heading-l",
    body: "nhsuk-body",
    link: "",
    init: `import { initAll } from "./assets-js/nhsuk-frontend.min.js"; initAll();`,
  },
  govuk: {
    pkg: "govuk-frontend",
    dist: "dist/govuk",
    css: "govuk-frontend.min.css",
    js: "govuk-frontend.min.js",
    components: "dist/govuk/components",
    htmlClass: "govuk-template",
    bodyClass: "govuk-template__body",
    container: "govuk-width-container",
    main: "govuk-main-wrapper",
    h1: "govuk-heading-xl",
    h2: "govuk-heading-l",
    body: "govuk-body",
    link: "govuk-link",
    init: `import { initAll } from "./assets-js/govuk-frontend.min.js"; initAll();`,
  },
};

function packageDir(system) {
  return path.dirname(require.resolve(`${SYSTEMS[system].pkg}/package.json`));
}

/** The named fixture's markup of a component (the first fixture without a name). */
export function fixture(system, component, name) {
  const file = path.join(packageDir(system), SYSTEMS[system].components, component, "fixtures.json");
  const { fixtures } = JSON.parse(readFileSync(file, "utf8"));
  const found = name === undefined ? fixtures[0] : fixtures.find((f) => f.name === name);
  if (!found) throw new Error(`${SYSTEMS[system].pkg}: no fixture "${name}" for ${component}`);
  return found.html;
}

/** Every fixture of a component whose name matches `pattern`, each once. */
export function fixtures(system, component, pattern) {
  const file = path.join(packageDir(system), SYSTEMS[system].components, component, "fixtures.json");
  const seen = new Set();
  return JSON.parse(readFileSync(file, "utf8"))
    .fixtures.filter((f) => pattern.test(f.name))
    .filter((f) => !seen.has(f.html) && seen.add(f.html))
    .map((f) => f.html);
}

const para = (s, text) => `<p class="${SYSTEMS[s].body}">${text}</p>`;
const lorem = (s, n) =>
  Array.from({ length: n }, (_, i) =>
    para(
      s,
      `Paragraph ${i + 1}. Cookies are small files saved on your phone, tablet or computer when you visit a website. ` +
        `We use them to make this website work and to collect information about how you use our service.`,
    ),
  ).join("\n");

/** What each system's page shows around its content. */
function chrome(s) {
  if (s === "nhs") {
    return {
      header: fixture(s, "header", "with organisation name (split with descriptor), search"),
      footer: fixture(s, "footer", "default").replace(
        "</ul>",
        `<li class="nhsuk-footer__list-item"><a class="nhsuk-footer__list-item-link" href="/nhs/cookies.html" data-consent-open>Cookie settings</a></li></ul>`,
      ),
    };
  }
  return {
    header: fixture(s, "header") + fixture(s, "service-navigation"),
    footer: fixture(s, "footer", "with meta").replace(
      "</ul>",
      `<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/govuk/cookies.html" data-consent-open>Cookie settings</a></li></ul>`,
    ),
  };
}

/** The components a contrast mode must leave readable and usable, by system. */
function components(s) {
  if (s === "nhs") {
    return [
      ...fixtures(s, "button", /^(default|secondary|reverse|warning|login|secondary, small|default, small)$/),
      fixture(s, "action-link"),
      fixture(s, "back-link"),
      ...fixtures(s, "tag", /./).slice(0, 6),
      fixture(s, "inset-text"),
      fixture(s, "warning-callout"),
      fixture(s, "details"),
      fixture(s, "details", "expander"),
      ...fixtures(s, "card", /^(primary \(with chevron\)|non-urgent \(blue\)|urgent \(red\)|emergency \(red and black\)|feature)$/),
      fixture(s, "radios"),
      fixture(s, "checkboxes"),
      fixture(s, "search-input"),
    ];
  }
  return [
    ...fixtures(s, "button", /^(default|secondary|warning|start|disabled)$/),
    fixture(s, "back-link"),
    ...fixtures(s, "tag", /./).slice(0, 6),
    fixture(s, "inset-text"),
    fixture(s, "warning-text"),
    fixture(s, "details"),
    fixture(s, "notification-banner"),
    fixture(s, "radios"),
    fixture(s, "checkboxes"),
  ];
}

function page(s, { title, content, config, script = true }) {
  const sys = SYSTEMS[s];
  const { header, footer } = chrome(s);
  const cfg = JSON.stringify({ siteName: s === "nhs" ? "NHS test site" : "GOV.UK test service", ...config });
  const component = script
    ? `<script type="application/json" id="consent-config">${cfg}</script>
  <script src="/assets/consent-banner.js" data-config="consent-config"></script>`
    : "";
  return `<!doctype html>
<html lang="en"${sys.htmlClass ? ` class="${sys.htmlClass}"` : ""}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="stylesheet" href="/ds/${s}/${sys.css}">
  ${component}
</head>
<body${sys.bodyClass ? ` class="${sys.bodyClass}"` : ""}>
  <a class="${s === "nhs" ? "nhsuk-skip-link" : "govuk-skip-link"}" href="#maincontent">Skip to main content</a>
  ${header}
  <div class="${sys.container}">
    <div data-a11y-toolbar></div>
    <main class="${sys.main}" id="maincontent">
      <h1 class="${sys.h1}">${title}</h1>
      ${content}
    </main>
  </div>
  ${footer}
  <script type="module" src="/ds/${s}/init.mjs"></script>
</body>
</html>
`;
}

function pages(s, config) {
  const sys = SYSTEMS[s];
  const linkClass = sys.link ? ` class="${sys.link}"` : "";
  return {
    "components.html": page(s, {
      title: "Components",
      config,
      content: `${para(s, `A paragraph with <a${linkClass} href="#one">a link in the text</a> and <a${linkClass} href="#two">another link</a>.`)}
      <div class="cb-test-components">
      ${components(s).join("\n")}
      </div>`,
    }),
    "cookies.html": page(s, {
      title: "Cookies",
      config,
      content: `${lorem(s, 2)}
      <h2 class="${sys.h2}">Cookie settings</h2>
      <div data-consent-settings></div>
      <h2 class="${sys.h2}">Cookies we use</h2>
      <div data-consent-cookie-table></div>
      ${lorem(s, 3)}`,
    }),
    "article.html": page(s, {
      title: "An article with a video",
      config,
      content: `${lorem(s, 1)}
      <iframe data-consent="embeds" data-src="https://www.youtube-nocookie.com/embed/abc123" title="Video: washing your hands" width="560" height="315"></iframe>
      ${lorem(s, 4)}`,
    }),
  };
}

/**
 * Writes every system's pages and assets into a new temporary folder and returns it.
 * @param {{ only?: string[], config?: object }} [opts] `config` is merged into every page's config
 */
export function buildDesignSystemSites({ only = Object.keys(SYSTEMS), config = {} } = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), "cb-design-systems-"));
  for (const s of only) {
    const sys = SYSTEMS[s];
    const dir = path.join(root, "ds", s);
    const dist = path.join(packageDir(s), sys.dist);
    mkdirSync(path.join(dir, "assets-js"), { recursive: true });
    cpSync(path.join(dist, "assets"), path.join(dir, "assets"), { recursive: true });
    const css = readFileSync(path.join(dist, sys.css), "utf8").replaceAll("url(/assets/", `url(/ds/${s}/assets/`);
    writeFileSync(path.join(dir, sys.css), css);
    cpSync(path.join(dist, sys.js), path.join(dir, "assets-js", sys.js));
    writeFileSync(path.join(dir, "init.mjs"), sys.init + "\n");
    mkdirSync(path.join(root, s), { recursive: true });
    for (const [name, html] of Object.entries(pages(s, config))) writeFileSync(path.join(root, s, name), html);
  }
  return root;
}

// Checking a config outside the browser (issue 17): `validate(config)` from the npm package in
// Node, the `consent-banner check FILE` command it installs, the README's "Check your config"
// as written, and the browser's console line for a bad config said in the same words.
// Needs a build (`bash scripts/build.sh`): it uses pkg/ and dist/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO, SITE_NAME, TEST_TIMEOUT, createHarness, teamPage } from "./helpers.mjs";

const PKG = path.join(REPO, "pkg");
assert.ok(existsSync(path.join(PKG, "index.js")), "pkg/ is missing: run `bash scripts/build.sh` first");
const { validate } = await import(path.join(PKG, "index.js"));

/** A config with a fault in most fields: every one is named, in the order the fields are checked. */
const BAD = {
  siteName: 42,
  sitename: "Health Careers",
  cookieDays: 0,
  settingsUrl: "javascript:alert(1)",
  categories: [
    { id: "Marketing", label: "Marketing" },
    { id: "research", label: "Research" },
    { id: "embeds", services: [{ id: "vimeo" }, { id: "youtube", hosts: ["https://youtube.com"] }] },
  ],
  bannerCategories: ["necessary"],
  texts: { acept: "Yes" },
  theme: "gov.uk",
};
const BAD_PROBLEMS = [
  { path: "siteName", message: "invalid type: number `42`, expected a string" },
  { path: "sitename", message: "is not a known field (check the spelling; the README lists every field)" },
  { path: "cookieDays", message: "must be from 1 to 400 days, not 0" },
  { path: "settingsUrl", message: "`javascript:alert(1)` is not an http(s) or relative URL" },
  {
    path: "categories[0].id",
    message: "`Marketing` is not a valid id: use 1 to 32 of a-z, 0-9, _ and -, starting with a letter",
  },
  { path: "categories[1].description", message: "required for the new category `research`" },
  { path: "categories[2].services[0].label", message: "required for the new service `vimeo`" },
  {
    path: "categories[2].services[1].hosts[0]",
    message: "`https://youtube.com` is not a lowercase host name such as `vimeo.com` (no scheme, port, path or `*`)",
  },
  { path: "bannerCategories[0]", message: "`necessary` is always on" },
  { path: "texts.acept", message: "is not a known text (check the spelling; the README lists every text)" },
  { path: "theme", message: 'must be "auto", "nhs" or "govuk"' },
];

const GOOD = {
  siteName: "Health Careers",
  revision: 2,
  settingsUrl: "/cookies/settings",
  bannerCategories: ["analytics", "marketing"],
  categories: [
    {
      id: "marketing",
      label: "Marketing cookies",
      description: "Adverts on other sites.",
      services: [
        {
          id: "meta-pixel",
          label: "Meta Pixel",
          provider: "Meta",
          hosts: ["connect.facebook.net"],
          cookies: [{ name: "_fbp", provider: "Meta", purpose: "Adverts", expiry: "3 months" }],
        },
      ],
    },
    { id: "embeds", services: [{ id: "youtube" }, { id: "vimeo", label: "Vimeo", hosts: ["vimeo.com"] }] },
  ],
  consentTypes: { ad_storage: "marketing" },
  toolbar: { pageLanguage: "en", languages: [{ code: "en", name: "English" }, { code: "cy", name: "Cymraeg" }] },
  theme: "nhs",
};

/**
 * Every field of the README's config reference, each given once with a good value: the browser's
 * reader names its fields by hand (src/full/config/js_de.rs), so a misspelt name there would show
 * here as an "unknown field" fault.
 */
const EVERY_FIELD = {
  siteName: "Health Careers",
  revision: 2,
  cookieDays: 180,
  settingsUrl: "/cookies",
  policyUrl: "/cookie-policy",
  bannerCategories: ["analytics", "marketing"],
  reloadOnWithdraw: false,
  categories: [
    { id: "necessary", hosts: ["fonts.example.net"] },
    { id: "analytics", basis: "objection", gpc: false, changedIn: 2 },
    {
      id: "marketing",
      label: "Marketing cookies",
      description: "Adverts about our courses on other websites.",
      basis: "consent",
      gpc: true,
      cookies: [{ name: "_fbp", provider: "Meta", purpose: "Measures adverts", expiry: "3 months" }],
      services: [
        {
          id: "meta",
          label: "Meta pixel",
          provider: "Meta",
          hosts: ["connect.facebook.net"],
          cookies: [{ name: "fr", provider: "Meta", purpose: "Adverts", expiry: "3 months" }],
        },
      ],
    },
  ],
  texts: { accept: "Accept analytics and marketing cookies" },
  banner: true,
  toolbar: {
    target: "#toolbar",
    pageLanguage: "en",
    languages: [
      { code: "en", name: "English" },
      { code: "cy", name: "Cymraeg" },
    ],
    translate: true,
  },
  language: "en",
  consentMode: "auto",
  consentTypes: { ad_storage: "marketing" },
  receiptUrl: "/consent-receipts",
  consentId: true,
  cookieDomain: "example.org",
  warnUndeclaredCookies: false,
  audit: false,
  theme: "govuk",
};

test("validate() reads every field of the config reference, each named as the README names it", async () => {
  assert.deepEqual(await validate(EVERY_FIELD), []);
  // And each is read, not skipped: a wrong type in any field is named by its path.
  const wrong = structuredClone(EVERY_FIELD);
  wrong.toolbar.languages[1].name = 7;
  wrong.categories[2].services[0].cookies[0].expiry = false;
  wrong.consentId = "yes";
  const paths = (await validate(wrong)).map((p) => p.path);
  for (const path of ["categories[2].services[0].cookies[0].expiry", "toolbar.languages[1].name", "consentId"]) {
    assert.ok(paths.includes(path), `${path} is named (got ${paths.join(", ")})`);
  }
});

test("validate(): no problems with no config, the empty one or a good one with categories and services", async () => {
  assert.deepEqual(await validate(), []);
  assert.deepEqual(await validate(null), [], "null is the defaults, as for init()");
  assert.deepEqual(await validate({}), []);
  assert.deepEqual(await validate(GOOD), []);
  assert.deepEqual(await validate(JSON.stringify(GOOD)), [], "JSON text, as a data-config file holds it");
  assert.equal(typeof globalThis.window, "undefined", "in Node, with no window");
});

test("validate(): a config with several faults names every one, with its path", async () => {
  assert.deepEqual(await validate(BAD), BAD_PROBLEMS);
  assert.deepEqual(await validate(JSON.stringify(BAD)), BAD_PROBLEMS);
});

test("validate(): a config that is not an object, or text that is not JSON, is one problem about the whole", async () => {
  for (const [config, kind] of [
    [42, "number `42`"],
    [[], "an array"],
    [true, "boolean `true`"],
    ["null", "null"],
    ["[1]", "an array"],
  ]) {
    assert.deepEqual(await validate(config), [{ path: "", message: `invalid type: ${kind}, expected an object` }], String(config));
  }
  const [problem, ...more] = await validate("{ siteName: 'x' }");
  assert.deepEqual(more, []);
  assert.equal(problem.path, "");
  assert.match(problem.message, /^the config is not valid JSON \(.+\)$/);
});

// The command, installed from the packed package as a site installs it (so its `bin` is what runs).
let site;
before(() => {
  site = mkdtempSync(path.join(os.tmpdir(), "cb-check-"));
  const packed = spawnSync("npm", ["pack", "--offline", "--silent", "--pack-destination", site], { cwd: PKG, encoding: "utf8" });
  assert.equal(packed.status, 0, packed.stderr);
  writeFileSync(path.join(site, "package.json"), JSON.stringify({ name: "site", private: true }));
  const tarball = path.join(site, packed.stdout.trim().split("\n").pop());
  const installed = spawnSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", tarball], { cwd: site, encoding: "utf8" });
  assert.equal(installed.status, 0, installed.stderr);
  mkdirSync(path.join(site, "public"));
});
after(() => site && rmSync(site, { recursive: true, force: true }));

/** Runs `consent-banner ARGS…` in the site, as `npx` does. */
function run(...args) {
  const result = spawnSync("npx", ["--offline", "consent-banner", ...args], { cwd: site, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name, text) {
  writeFileSync(path.join(site, name), text);
  return name;
}

test("consent-banner check: a good file prints OK and exits 0", () => {
  const good = file("public/good.json", JSON.stringify(GOOD, null, 2));
  assert.deepEqual(run("check", good), { status: 0, stdout: `${good}: OK\n`, stderr: "" });
  assert.deepEqual(run("check", file("empty.json", "{}")), { status: 0, stdout: "empty.json: OK\n", stderr: "" });
});

test("consent-banner check: a file with several faults prints each with its path and exits 1", () => {
  const bad = file("bad.json", JSON.stringify(BAD, null, 2));
  const { status, stdout, stderr } = run("check", bad);
  assert.equal(status, 1, stderr);
  assert.equal(stdout, "");
  assert.deepEqual(stderr.trimEnd().split("\n"), [
    ...BAD_PROBLEMS.map(({ path, message }) => `bad.json: ${path}: ${message}`),
    `bad.json: ${BAD_PROBLEMS.length} problems`,
  ]);
  // A config that is JSON but not an object: the problem is the whole file's.
  assert.deepEqual(run("check", file("list.json", "[]")), {
    status: 1,
    stdout: "",
    stderr: "list.json: invalid type: an array, expected an object\nlist.json: 1 problem\n",
  });
});

test("consent-banner check: an unreadable file exits 2, saying why", () => {
  const missing = run("check", "public/missing.json");
  assert.equal(missing.status, 2);
  assert.equal(missing.stdout, "");
  assert.match(missing.stderr, /^public\/missing\.json: cannot be read \(ENOENT: no such file or directory/);
  const dir = run("check", "public");
  assert.equal(dir.status, 2);
  assert.match(dir.stderr, /^public: cannot be read \(EISDIR/);
  if (process.getuid?.() !== 0) {
    const locked = file("locked.json", "{}");
    chmodSync(path.join(site, locked), 0o000);
    assert.equal(run("check", locked).status, 2);
  }
});

test("consent-banner check: a file that is not JSON exits 2, saying so", () => {
  const broken = file("broken.json", '{ "siteName": "x", }');
  const { status, stdout, stderr } = run("check", broken);
  assert.equal(status, 2);
  assert.equal(stdout, "");
  assert.match(stderr, /^broken\.json: is not JSON \(.+\)\n$/);
  // One bad file among good ones: each is reported, and the worst decides the exit status.
  const both = run("check", file("ok.json", "{}"), broken);
  assert.equal(both.status, 2);
  assert.equal(both.stdout, "ok.json: OK\n");
});

test("consent-banner check: when the checker cannot load, it exits 2 saying why, not 1 with a stack trace", () => {
  const installed = path.join(site, "node_modules", "consent-banner");
  const manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8"));
  assert.deepEqual(manifest.engines, { node: ">=20.16" });
  const good = file("fine.json", "{}");
  const cli = (dir, ...flags) => spawnSync(process.execPath, [...flags, path.join(dir, "cli.js"), "check", good], { cwd: site, encoding: "utf8" });
  // A Node older than 20.16 has no `process.getBuiltinModule`: the Wasm cannot be read from disk.
  const old = cli(installed, "--import", "data:text/javascript,delete process.getBuiltinModule");
  assert.equal(old.status, 2, old.stderr);
  assert.equal(old.stdout, "");
  assert.match(old.stderr, /^fine\.json: cannot be checked \(.+; Node 20\.16 or later is needed, this is v[\d.]+\)\n$/);
  // A broken install: the Wasm file is not Wasm.
  const broken = mkdtempSync(path.join(os.tmpdir(), "cb-broken-"));
  try {
    cpSync(installed, broken, { recursive: true });
    writeFileSync(path.join(broken, "consent_banner_bg.wasm"), "not wasm");
    const result = cli(broken);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /^fine\.json: cannot be checked \(.+\)\n$/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
  } finally {
    rmSync(broken, { recursive: true, force: true });
  }
});

test("consent-banner: without `check FILE` it prints its usage and exits 2", () => {
  for (const args of [[], ["check"], ["lint", "x.json"]]) {
    const { status, stderr } = run(...args);
    assert.equal(status, 2, args.join(" "));
    assert.match(stderr, /^usage: consent-banner check FILE/, args.join(" "));
  }
});

// The README's "Check your config", as written.
const README = readFileSync(path.join(REPO, "README.md"), "utf8");
function block(heading, lang) {
  const start = README.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has a section "${heading}"`);
  const open = README.indexOf("```" + lang + "\n", start);
  assert.ok(open >= 0 && open < README.indexOf("\n## ", start + 1), `README's "${heading}" has a ${lang} block`);
  const body = open + lang.length + 4;
  return README.slice(body, README.indexOf("\n```", body));
}

test("README, Check your config: the validate() example prints what its comments say", () => {
  const example = block("## Check your config", "js");
  const script = file("example.mjs", example);
  const result = spawnSync(process.execPath, [script], { cwd: site, encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  const promised = [...example.matchAll(/^\/\/ (.*)$/gm)].map((m) => m[1]);
  assert.ok(promised.length > 0);
  assert.deepEqual(result.stdout.trimEnd().split("\n"), promised);
});

test("README, Check your config: the CI step runs as written, and fails on a bad config", () => {
  const step = block("## Check your config", "yaml");
  const command = /^\s*run: (.+)$/m.exec(step)?.[1];
  assert.ok(command, step);
  const [npx, ...args] = command.split(" ");
  assert.equal(npx, "npx");
  const config = args.at(-1);
  const sh = (text) => {
    file(config, text);
    return spawnSync("npx", ["--offline", ...args], { cwd: site, encoding: "utf8" });
  };
  assert.equal(sh(JSON.stringify({ siteName: "Health Careers" })).status, 0);
  const failed = sh(JSON.stringify({ siteName: "" }));
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, new RegExp(`^${config.replace(/[.]/g, "\\.")}: siteName: must not be empty$`, "m"));
});

// The browser says the same: a page with the bad config logs one line naming every problem,
// in validate()'s words.
test("the browser's console line for a bad config names the problems validate() returns", { timeout: TEST_TIMEOUT }, async () => {
  const h = await createHarness();
  try {
    const config = { ...BAD, siteName: SITE_NAME };
    const problems = await validate(config);
    assert.deepEqual(problems, BAD_PROBLEMS.slice(1));
    const s = await h.openPage(teamPage(config));
    await s.banner("Cookies on this website").waitFor({ state: "visible" });
    const said = problems.map(({ path, message }) => `config field \`${path}\`: ${message}`).join("; ");
    assert.deepEqual(s.consoleErrors, [
      `consent-banner: ${said}. Using the built-in defaults; nothing optional will run on this page.`,
    ]);
    await s.done();
  } finally {
    await h.close();
  }
});

test("validate() in a page: the same problems, from the Wasm instance init() started", { timeout: TEST_TIMEOUT }, async () => {
  const h = await createHarness({ assets: PKG, requireComponent: false });
  try {
    const s = await h.openPage("/npm.html");
    await s.page.getByRole("region", { name: "Cookies on Npm Site" }).waitFor({ state: "visible" });
    const [problems, none] = await s.page.evaluate(async (bad) => {
      const { validate } = await import("/assets/index.js");
      return [await validate(bad), await validate({ siteName: "Npm Site" })];
    }, BAD);
    assert.deepEqual(problems, BAD_PROBLEMS);
    assert.deepEqual(none, []);
    const wasm = await s.page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).length);
    assert.equal(wasm, 1, "the Wasm is fetched once, for init() and validate()");
    s.assertNoThirdParty();
    assert.deepEqual(s.consoleErrors, []);
    await s.done();
  } finally {
    await h.close();
  }
});

#!/usr/bin/env node
// The bytes a visitor pays: every file in dist/ (raw, gzip -9, brotli quality 11), then what each
// kind of visit loads, checked against the ceilings below. Exits 1 when a ceiling is exceeded.
//
// Which files each visit loads is not guessed: tests/e2e/stages.test.mjs records the network in
// Chromium and checks it against VISITS.
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";

/** What the drop-in loads on each kind of visit (README, "Two stages"). */
export const VISITS = {
  // No stored choice: the bootstrap loads the full stage at once (the first stage's Wasm is skipped).
  "first visit": ["consent-banner.js", "consent-banner-full.js", "consent-banner-full_bg.wasm", "consent-banner.css"],
  // A stored choice, on a page that draws nothing: the first stage alone.
  "returning visitor": ["consent-banner.js", "consent-banner_bg.wasm"],
};

/**
 * Issue 16's targets, brotli bytes (1 KB = 1,000 bytes): not met yet, reported as the gap. (Issue
 * 5's 18,000 and 8,000 were set before this stack's floor was measured: README, "Size and speed".)
 */
export const BUDGETS = { "first visit": 60_000, "returning visitor": 15_000 };

/**
 * Ceilings that `make test` enforces, brotli bytes: what is measured now plus 2%, so any growth
 * fails the build. Lower them as the budgets above come nearer; never raise them silently.
 * Raised once, by issue 19 (design systems), from 83,100 and 30,200: themes, contrast modes that
 * hide nothing, room kept before the first paint, early clicks, choices that end the question
 * (README, "Size and speed", per feature).
 * Raised again by issues 15 and 17, from 98,100 and 32,750: the objection basis (the banner's
 * information notice, the form's basis lines, presumed choices, the `i` answer), every config
 * fault reported, and the audit's field and loader (the audit itself loads only with `audit`).
 * Lowered by issue 16, from 102,900 and 33,300: the full stage no_std with its own config reader
 * and no closure per UI piece, dead table entries pruned, fewer imports and closure shapes in
 * the first stage; measured 94,336 and 30,399.
 */
export const CEILINGS = { "first visit": 95_800, "returning visitor": 30_900 };

const brotli = (data) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export function measure(dir = "dist") {
  const files = {};
  for (const f of readdirSync(dir).filter((f) => /\.(js|wasm|css)$/.test(f)).sort()) {
    const data = readFileSync(`${dir}/${f}`);
    files[f] = { raw: data.length, gzip: gzipSync(data, { level: 9 }).length, brotli: brotli(data) };
  }
  const visits = {};
  for (const [visit, names] of Object.entries(VISITS)) {
    const missing = names.filter((n) => !files[n]);
    if (missing.length) throw new Error(`dist/ lacks ${missing.join(", ")} (run make build)`);
    visits[visit] = names.reduce(
      (t, n) => ({ raw: t.raw + files[n].raw, gzip: t.gzip + files[n].gzip, brotli: t.brotli + files[n].brotli }),
      { raw: 0, gzip: 0, brotli: 0 },
    );
  }
  return { files, visits };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, visits } = measure();
  const row = (name, r) =>
    `${name.padEnd(34)} ${String(r.raw).padStart(9)} ${String(r.gzip).padStart(8)} ${String(r.brotli).padStart(8)}`;
  console.log(`${"file".padEnd(34)} ${"raw".padStart(9)} ${"gzip".padStart(8)} ${"brotli".padStart(8)}`);
  for (const [f, r] of Object.entries(files)) console.log(row(`dist/${f}`, r));
  console.log("");
  let failed = false;
  for (const [visit, r] of Object.entries(visits)) {
    const ceiling = CEILINGS[visit];
    const over = r.brotli > ceiling;
    failed ||= over;
    const gap = r.brotli - BUDGETS[visit];
    console.log(
      `${row(visit, r)}  ceiling ${ceiling} ${over ? "EXCEEDED" : "ok"}; ` +
        `issue budget ${BUDGETS[visit]}: ${gap > 0 ? `${gap} over` : `${-gap} under`}`,
    );
  }
  if (failed) {
    console.error("size: a ceiling in scripts/size.mjs is exceeded (brotli bytes); see README, \"Size and speed\".");
    process.exit(1);
  }
}

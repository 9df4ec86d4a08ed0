#!/usr/bin/env node
// Screenshots for the README: the NHS.UK frontend and GOV.UK Frontend components pages of
// tests/e2e/design-systems.mjs in each contrast mode, 390 px wide, the top 1200 px, at device
// scale 1 (each PNG well under 150 KB). Uses dist/ (build it first) and Debian's Chromium.
//
//   node scripts/screenshots.mjs [OUTDIR]     default OUTDIR: docs/screenshots
//
// Writes {nhs,govuk}-{default,high,yellow-black}.png. The page loads in each mode from the
// `contrast-mode` cookie, as a returning visitor's would, with the accessibility toolbar open
// (`accessibility-controls`) and a consent choice stored, so the banner does not cover the
// components.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { REPO, cookieList, createHarness } from "../tests/e2e/helpers.mjs";
import { buildDesignSystemSites } from "../tests/e2e/design-systems.mjs";

const out = path.resolve(process.argv[2] || path.join(REPO, "docs", "screenshots"));
const WIDTH = 390;
const HEIGHT = 1200;
const MODES = ["default", "high", "yellow-black"];

mkdirSync(out, { recursive: true });
const h = await createHarness({ root: buildDesignSystemSites() });
try {
  for (const system of ["nhs", "govuk"]) {
    for (const mode of MODES) {
      const s = await h.openPage(`/${system}/components.html`, {
        cookies: cookieList({
          ...(mode === "default" ? {} : { "contrast-mode": mode }),
          "accessibility-controls": "open",
          cookieconsent_status: "deny",
        }),
        contextOptions: { viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 },
      });
      await s.page.evaluate(() => document.fonts.ready);
      const file = path.join(out, `${system}-${mode}.png`);
      await s.page.screenshot({ path: file, clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
      console.log(file);
      await s.done();
    }
  }
} finally {
  await h.close();
}

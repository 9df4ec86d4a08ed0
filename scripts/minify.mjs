#!/usr/bin/env node
// Minifies the shipped JS (oxc's minifier, through rolldown) and CSS (lightningcss) in place:
//   node scripts/minify.mjs dist/a.js dist/b.css …
// wasm-bindgen's glue is written for reading: comments, JSDoc and long names are a third of the
// bytes a visitor would otherwise download. Licence comments (/*! … */) are kept.
import { readFileSync, writeFileSync } from "node:fs";
import { minifySync } from "rolldown/utils";
import { transform } from "lightningcss";

for (const file of process.argv.slice(2)) {
  const source = readFileSync(file);
  let out;
  if (file.endsWith(".css")) {
    out = transform({ filename: file, code: source, minify: true }).code;
  } else {
    const text = source.toString("utf8");
    const result = minifySync(file, text, { compress: true, mangle: true });
    if (result.errors?.length) throw new Error(`${file}: ${result.errors.map((e) => e.message).join("; ")}`);
    // The minifier drops comments; the licence line goes back on top.
    const licence = /^\/\*![^\n]*\*\/\n/.exec(text)?.[0] ?? "";
    out = licence + result.code;
  }
  writeFileSync(file, out);
}

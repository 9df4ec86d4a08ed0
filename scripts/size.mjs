#!/usr/bin/env node
// Prints the size of every file the drop-in loads: raw, gzip -9 and brotli (quality 11).
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const files = readdirSync("dist").filter((f) => /\.(js|wasm|css)$/.test(f)).sort();
const rows = files.map((f) => {
  const data = readFileSync(`dist/${f}`);
  return {
    file: `dist/${f}`,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
rows.push(rows.reduce((t, r) => ({ file: "total", raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 }));
console.log("file                              raw bytes   gzip   brotli");
for (const r of rows) {
  console.log(`${r.file.padEnd(32)} ${String(r.raw).padStart(10)} ${String(r.gzip).padStart(7)} ${String(r.brotli).padStart(8)}`);
}

#!/usr/bin/env node
// Shortens the names wasm-bindgen gives a module's imports, in the Wasm and its glue together:
//   node scripts/short-imports.mjs glue.js module_bg.wasm
// Each import is named like `__wbg_getAttribute_c7b80d4010284561` in both files, and from the
// module "./name_bg.js". Those names are a contract between the two files only, and their hex
// suffixes are noise brotli cannot squeeze: shortened, the first stage is about 2 KB lighter.
// Run it on wasm-bindgen's output, before wasm-opt and the JS minifier.
import { readFileSync, writeFileSync } from "node:fs";

const [glueFile, wasmFile] = process.argv.slice(2);
const glue = readFileSync(glueFile, "utf8");
const wasm = readFileSync(wasmFile);

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}
function encodeLeb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}
const encodeName = (name) => Buffer.concat([encodeLeb(Buffer.byteLength(name)), Buffer.from(name)]);

/** The end of an import's description (its kind and type) that starts at `p`. */
function descriptionEnd(bytes, p) {
  const kind = bytes[p];
  let q = p + 1;
  const limits = () => {
    const flags = bytes[q++];
    q = leb(bytes, q)[1];
    if (flags & 1) q = leb(bytes, q)[1];
  };
  if (kind === 0) q = leb(bytes, q)[1]; // function: type index
  else if (kind === 1) (q += 1), limits(); // table: reference type, limits
  else if (kind === 2) limits(); // memory
  else if (kind === 3) q += 2; // global: value type, mutability
  else throw new Error(`${wasmFile}: unknown import kind ${kind}`);
  return q;
}

// Rebuilds the import section (id 2); every other section is copied as it is.
const parts = [wasm.subarray(0, 8)];
const renamed = new Map(); // old field name -> new
const modules = new Map(); // old module name -> new
for (let at = 8; at < wasm.length; ) {
  const id = wasm[at];
  const [size, body] = leb(wasm, at + 1);
  const end = body + size;
  if (id !== 2) {
    parts.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  let [count, p] = leb(wasm, body);
  const entries = [encodeLeb(count)];
  while (count--) {
    const names = [];
    for (let i = 0; i < 2; i++) {
      const [len, s] = leb(wasm, p);
      names.push(wasm.subarray(s, s + len).toString());
      p = s + len;
    }
    const q = descriptionEnd(wasm, p);
    let [module, field] = names;
    // Only the glue's own module; anything else (none today) keeps its names.
    if (/_bg\.js$/.test(module)) {
      if (!modules.has(module)) modules.set(module, "a");
      module = modules.get(module);
      if (!renamed.has(field)) renamed.set(field, `_${renamed.size.toString(36)}`);
      field = renamed.get(field);
    }
    entries.push(encodeName(module), encodeName(field), wasm.subarray(p, q));
    p = q;
  }
  const section = Buffer.concat(entries);
  parts.push(Buffer.from([2]), encodeLeb(section.length), section);
  at = end;
}

// The glue names each import once, as a key of the import object, and each module once.
let out = glue;
for (const [old, short] of renamed) {
  const key = new RegExp(`\\b${old}(?=:)`, "g");
  const found = out.match(key)?.length ?? 0;
  const anywhere = out.match(new RegExp(`\\b${old}\\b`, "g"))?.length ?? 0;
  if (found !== 1 || anywhere !== 1) {
    throw new Error(`${glueFile}: import ${old} found ${anywhere} times, expected once as a key`);
  }
  out = out.replace(key, short);
}
for (const [old, short] of modules) {
  const key = `"${old}":`;
  if (out.split(key).length !== 2) throw new Error(`${glueFile}: module ${old} not found once`);
  out = out.replace(key, `"${short}":`);
}
writeFileSync(glueFile, out);
writeFileSync(wasmFile, Buffer.concat(parts));
console.log(`${wasmFile}: ${renamed.size} imports renamed`);

#!/usr/bin/env node
// Drops code that only the function table keeps, from a module wasm-bindgen wrote with
// `--keep-debug` (function names are how the dead entries are found), and drops the names:
//   node scripts/prune-table.mjs module_bg.wasm
// Run it after wasm-bindgen (and short-imports.mjs), before wasm-opt.
//
// The linker puts every function whose address was taken into the table, and wasm-opt keeps
// whatever the table holds: it cannot know which indices a `call_indirect` will use. Three kinds
// of entries are dead in a module no code of which formats or runs futures, and here each is
// replaced by one function that traps, so wasm-opt then drops their code (measured on the first
// stage: 1.6 KB brotli):
// - wasm-bindgen's closure `invoke` shims that the module does not export: wasm-bindgen put one
//   in the table for every closure signature any linked crate describes, and JS calls the ones
//   it uses through their exports, never through the table;
// - `Display`/`Debug` implementations that only a panic message's arguments point at: only
//   `core::fmt::write` calls them, and the entries stay if it is in the module;
// - js-sys's JSPI task wakers: only a JSPI task makes a waker, and a module without JSPI exports
//   has none (wasm-bindgen then deletes the `__wbg_jspi_task_poll` export; the entries stay if
//   it is still there).
import { readFileSync, writeFileSync } from "node:fs";
import binaryen from "binaryen";

const [file] = process.argv.slice(2);
const module = binaryen.readBinary(readFileSync(file));

const functions = new Set();
for (let i = 0; i < module.getNumFunctions(); i++) {
  functions.add(binaryen.getFunctionInfo(module.getFunctionByIndex(i)).name);
}
const exported = new Set();
for (let i = 0; i < module.getNumExports(); i++) {
  exported.add(binaryen.getExportInfo(module.getExportByIndex(i)).name);
  exported.add(binaryen.getExportInfo(module.getExportByIndex(i)).value);
}
const has = (pattern) => [...functions].some((name) => pattern.test(name));
if (!has(/::closures::_::invoke::/)) {
  // No names: the module was not written with --keep-debug, and nothing can be told apart.
  throw new Error(`${file}: no function names (run wasm-bindgen with --keep-debug)`);
}

const formats = has(/^core(\[[0-9a-f]+\])?::fmt::write$/);
const jspi = exported.has("__wbg_jspi_task_poll");
const dead = (name) =>
  (/::closures::_::invoke::/.test(name) && !exported.has(name)) ||
  (!formats && /::fmt::(Display|Debug)>::fmt$/.test(name)) ||
  (!jspi && /^js_sys::futures::jspi::task_waker::/.test(name));

const TRAP = "__pruned";
let pruned = 0;
for (let i = 0; i < module.getNumElementSegments(); i++) {
  const info = binaryen.getElementSegmentInfo(module.getElementSegmentByIndex(i));
  const data = info.data.map((name) => (dead(name) ? (pruned++, TRAP) : name));
  if (data.every((name, j) => name === info.data[j])) continue;
  if (!functions.has(TRAP)) {
    module.addFunction(TRAP, binaryen.none, binaryen.none, [], module.unreachable());
    functions.add(TRAP);
  }
  module.removeElementSegment(info.name);
  // Function indices in a table are addresses Rust compares and stores: each entry keeps its place.
  module.addActiveElementSegment(info.table, info.name, data, info.offset);
}
if (!module.validate()) throw new Error(`${file}: invalid after pruning`);
binaryen.setDebugInfo(false);
writeFileSync(file, module.emitBinary());
console.log(`${file}: ${pruned} table entries pruned`);

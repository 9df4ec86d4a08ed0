#!/usr/bin/env bash
# Builds dist/ (the drop-in) and pkg/ (the npm package) from the crate. Settings: wasm-pack.toml.
set -euo pipefail
cd "$(dirname "$0")/.."

# A value from wasm-pack.toml: `setting wasm-opt` prints the array's items, one a line.
setting() {
  sed -n "s/^$1 *= *//p" wasm-pack.toml | tr -d '[]",' | tr ' ' '\n' | sed '/^$/d'
}
mapfile -t OPT_FLAGS < <(setting wasm-opt)
mapfile -t FIRST_OPT_FLAGS < <(setting first-wasm-opt)
DROPIN=$(setting dropin-name)
NPM=$(setting npm-name)
WASM_OPT=node_modules/.bin/wasm-opt
# The stylesheet, one job a file: the pieces the component draws, the room they take while the
# page loads (docs/stability.md), their looks per design system,
# and the page-wide contrast modes (which must come last: they win over everything before them).
STYLES=(src/styles/components.css src/styles/stability.css src/styles/themes.css src/styles/contrast.css)

OUT=target/bindgen
BUILT=target/wasm32-unknown-unknown/release/consent_banner.wasm
rm -rf "$OUT" dist pkg
mkdir -p "$OUT/dropin" "$OUT/full" "$OUT/audit" dist pkg

# Three builds of one crate (README, "Two stages"): the full stage, the first stage that a
# returning visitor's page runs alone, and the audit that only a config with `audit` loads
# (README, "Check your site"). All three are `no_std`: `std` is a default feature for the tests only.
cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features full
WASM="$OUT/full.wasm"
cp "$BUILT" "$WASM"
cargo build --release --target wasm32-unknown-unknown --lib --no-default-features
FIRST="$OUT/first.wasm"
cp "$BUILT" "$FIRST"
cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features audit
AUDIT="$OUT/audit.wasm"
cp "$BUILT" "$AUDIT"

# Drop-in: the first stage's no-modules glue and the bootstrap in one function scope, so no
# global leaks; the full stage as an ES module next to it, loaded with import() when needed.
# Each module is bound with its names (--keep-debug) for prune-table.mjs, which drops the
# function table's dead entries, and then the names.
wasm-bindgen --target no-modules --no-typescript --keep-debug --out-dir "$OUT/dropin" --out-name "$DROPIN" "$FIRST"
node scripts/short-imports.mjs "$OUT/dropin/$DROPIN.js" "$OUT/dropin/${DROPIN}_bg.wasm"
node scripts/prune-table.mjs "$OUT/dropin/${DROPIN}_bg.wasm"
{
  printf '/*! consent-banner %s | MIT */\n(function () {\n' "$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
  cat "$OUT/dropin/$DROPIN.js" src/js/dropin.js
  printf '})();\n'
} > "dist/$DROPIN.js"
"$WASM_OPT" "${FIRST_OPT_FLAGS[@]}" "$OUT/dropin/${DROPIN}_bg.wasm" -o "dist/${DROPIN}_bg.wasm"
wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$OUT/full" --out-name "$DROPIN-full" "$WASM"
node scripts/short-imports.mjs "$OUT/full/$DROPIN-full.js" "$OUT/full/$DROPIN-full_bg.wasm"
node scripts/prune-table.mjs "$OUT/full/$DROPIN-full_bg.wasm"
cp "$OUT/full/$DROPIN-full.js" dist/
"$WASM_OPT" "${OPT_FLAGS[@]}" "$OUT/full/$DROPIN-full_bg.wasm" -o "dist/$DROPIN-full_bg.wasm"
# The audit, an ES module as the full stage is, loaded by the bootstrap's `audit()` when asked.
wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$OUT/audit" --out-name "$DROPIN-audit" "$AUDIT"
node scripts/short-imports.mjs "$OUT/audit/$DROPIN-audit.js" "$OUT/audit/$DROPIN-audit_bg.wasm"
node scripts/prune-table.mjs "$OUT/audit/$DROPIN-audit_bg.wasm"
cp "$OUT/audit/$DROPIN-audit.js" dist/
"$WASM_OPT" "${OPT_FLAGS[@]}" "$OUT/audit/$DROPIN-audit_bg.wasm" -o "dist/$DROPIN-audit_bg.wasm"
cat "${STYLES[@]}" > "dist/$DROPIN.css"
node scripts/minify.mjs "dist/$DROPIN.js" "dist/$DROPIN-full.js" "dist/$DROPIN-audit.js" "dist/$DROPIN.css"

# npm package: ES module glue, types, our entry, the `consent-banner` command, the stylesheet.
wasm-bindgen --target web --keep-debug --out-dir "$OUT/npm" --out-name "$NPM" "$WASM"
node scripts/prune-table.mjs "$OUT/npm/${NPM}_bg.wasm"
cp "$OUT/npm/$NPM.js" "$OUT/npm/$NPM.d.ts" pkg/
"$WASM_OPT" "${OPT_FLAGS[@]}" "$OUT/npm/${NPM}_bg.wasm" -o "pkg/${NPM}_bg.wasm"
cp src/js/index.js src/js/index.d.ts src/js/cli.js pkg/
chmod +x pkg/cli.js
cat "${STYLES[@]}" > pkg/consent-banner.css
cp README.md pkg/README.md
node -e '
const fs = require("fs");
const version = /^version = "(.*)"/m.exec(fs.readFileSync("Cargo.toml", "utf8"))[1];
const npm = process.argv[1];
fs.writeFileSync("pkg/package.json", JSON.stringify({
  name: "consent-banner",
  version,
  description: "Cookie consent banner and script gate for public-sector websites, in WebAssembly.",
  license: "MIT",
  type: "module",
  main: "./index.js",
  module: "./index.js",
  types: "./index.d.ts",
  bin: { "consent-banner": "./cli.js" },
  // Node reads the Wasm from disk with `process.getBuiltinModule` (index.js), new in 20.16.
  engines: { node: ">=20.16" },
  exports: {
    ".": { types: "./index.d.ts", import: "./index.js", default: "./index.js" },
    "./consent-banner.css": "./consent-banner.css",
    "./package.json": "./package.json"
  },
  files: ["index.js", "index.d.ts", "cli.js", `${npm}.js`, `${npm}.d.ts`, `${npm}_bg.wasm`, "consent-banner.css", "README.md"],
  sideEffects: ["*.css"]
}, null, 2) + "\n");
' "$NPM"
echo "built dist/ and pkg/"

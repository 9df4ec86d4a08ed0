#!/usr/bin/env bash
# Builds examples/vite (or the app folder given second) against the npm package in pkg/ (or the
# folder given first), as an app would:
#   1. packs pkg/ with `npm pack` (only the files its package.json lists) and unpacks it into
#      examples/vite/node_modules/consent-banner, so the app resolves it through its `exports`;
#   2. checks the app's config with the package's command (`consent-banner check`), so a bad config
#      fails the build;
#   3. type-checks the app against the package's index.d.ts (`tsc --noEmit`);
#   4. `vite build` (the page, to examples/vite/dist/) and `vite build --ssr` (to dist-ssr/).
# Needs `make build` (pkg/) and the npm packages (`npm ci`). tests/e2e/vite-example.test.mjs runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PKG=$(realpath "${1:-pkg}")
APP=$(realpath "${2:-examples/vite}")
BIN=$REPO/node_modules/.bin

[ -f "$PKG/package.json" ] || { echo "example: $PKG/package.json is missing: run \`make build\` first" >&2; exit 1; }
[ -x "$BIN/vite" ] && [ -x "$BIN/tsc" ] || { echo "example: vite or tsc is missing: run \`npm ci\`" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tarball=$(cd "$PKG" && npm pack --offline --silent --pack-destination "$tmp" | tail -1)
rm -rf "$APP/node_modules/consent-banner"
mkdir -p "$APP/node_modules/consent-banner"
tar -xzf "$tmp/$tarball" -C "$APP/node_modules/consent-banner" --strip-components=1
# The command, linked as npm links a package's `bin`.
mkdir -p "$APP/node_modules/.bin"
ln -sf ../consent-banner/cli.js "$APP/node_modules/.bin/consent-banner"

cd "$APP"
node_modules/.bin/consent-banner check consent-config.json
"$BIN/tsc" --noEmit -p tsconfig.json
"$BIN/vite" build --logLevel warn
"$BIN/vite" build --ssr ssr.ts --logLevel warn
echo "built $APP/dist/ and $APP/dist-ssr/"

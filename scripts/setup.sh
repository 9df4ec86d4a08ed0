#!/usr/bin/env bash
# Installs what the build and the tests need, only where it is missing:
#   scripts/setup.sh build   Rust's wasm32 target, wasm-bindgen-cli (the version in Cargo.lock), npm packages
#   scripts/setup.sh test    the same, plus Debian's chromium and chromium-driver, and for the
#                            cross-engine tier firefox-esr, webkit2gtk-driver, xvfb and puppeteer-core
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-build}

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

bindgen=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"/\1/p}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$bindgen" ]; then
  say "installing wasm-bindgen-cli $bindgen (about 4 minutes)"
  # Not --locked: one of its locked dependencies is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$bindgen"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -x node_modules/.bin/vite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
fi

if [ "$want" = test ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing Debian's chromium and chromium-driver"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium chromium-driver
fi

# The cross-engine tier (tests/engines): Firefox, WebKit's WebDriver and a virtual display for it.
if [ "$want" = test ] && { [ ! -x /usr/bin/firefox-esr ] || ! command -v WebKitWebDriver >/dev/null || ! command -v xvfb-run >/dev/null; }; then
  say "installing Debian's firefox-esr, webkit2gtk-driver and xvfb"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q firefox-esr webkit2gtk-driver xvfb
fi
if [ "$want" = test ] && [ ! -d node_modules/puppeteer-core ]; then
  say "installing npm packages (puppeteer-core)"
  npm ci --no-audit --no-fund
fi

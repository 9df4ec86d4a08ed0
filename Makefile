# consent-banner. `make demo` runs the demo site, `make test` runs every test tier.
# Both install what they need first (scripts/setup.sh).

PORT ?= 8080
CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMEDRIVER

.PHONY: all setup setup-test build demo example test lint test-native test-browser test-e2e test-engines size bench clean

all: build

setup:
	@bash scripts/setup.sh build

setup-test:
	@bash scripts/setup.sh test

build: setup
	bash scripts/build.sh

demo: build
	PORT=$(PORT) node scripts/serve.mjs --root www --csp demo

# The Vite example (examples/vite) built from pkg/. test-e2e needs no separate step:
# tests/e2e/vite-example.test.mjs runs this script itself, so it always tests the current pkg/.
example: build
	bash scripts/example.sh

test: setup-test lint test-native test-browser build test-e2e test-engines size

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features full -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features audit -- -D warnings

test-native:
	cargo test --lib

test-browser:
	cargo test --target wasm32-unknown-unknown --test browser

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

# The essentials in Firefox (firefox-esr over WebDriver BiDi) and WebKit (WebKitGTK's WebDriver,
# under xvfb-run when there is no display): tests/engines/, docs/browsers.md.
test-engines:
	node --test --test-concurrency=1 tests/engines/

size:
	node scripts/size.mjs

# Comparative benchmark against other consent components (bench/README.md); not part of `test`.
# The peers are benchmark-only dependencies in bench/package.json, installed here when missing.
bench: setup-test build
	@if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then \
	  npm ci --prefix bench --no-audit --no-fund --ignore-scripts; fi
	node bench/run.mjs
	node bench/floor.mjs

clean:
	rm -rf dist pkg target/bindgen examples/vite/dist examples/vite/dist-ssr examples/vite/node_modules

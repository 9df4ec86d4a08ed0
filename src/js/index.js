// consent-banner npm entry. `init(config)` loads the Wasm once and resolves to the API object
// (the same one the drop-in puts on `window.consentBanner`). Without a window (server-side
// rendering) it resolves to null and does nothing. `validate(config)` checks a config, in the
// browser or in Node.
import load, { initSync, startWithConfig, validate as problems } from "./consent_banner.js";

// Not written inline in `new URL(…, import.meta.url)`: bundlers would emit the Wasm a second time
// for a path only Node takes.
const WASM = "./consent_banner_bg.wasm";

let loaded;
let started;

// One instance of the Wasm for both entries, however they are called. Loaded from disk (Node, or
// a test's DOM in Node), the file is read directly, as fetch() has no file: URLs;
// `getBuiltinModule` keeps `node:fs` out of browser bundles.
function loadOnce() {
  if (!loaded) {
    const fs = import.meta.url.startsWith("file:") && globalThis.process?.getBuiltinModule?.("node:fs");
    loaded = fs
      ? Promise.resolve().then(() => initSync({ module: fs.readFileSync(new URL(WASM, import.meta.url)) }))
      : load();
  }
  return loaded;
}

// Google Consent Mode needs real `arguments` objects in dataLayer, which only JS can make.
function gtag() {
  (window.dataLayer = window.dataLayer || []).push(arguments);
}

// Audit mode (config `audit`) is the drop-in's: a bundler would emit its Wasm into every site's
// build. The full stage logs this reason when a config asks for it here.
function audit() {
  return Promise.reject(new Error("audit mode runs with the drop-in (README, \"Check your site\")"));
}

export function init(config) {
  if (typeof window === "undefined" || typeof document === "undefined") {
    return Promise.resolve(null);
  }
  if (!started) {
    // The drop-in on the same page claims it when its script runs, before any module script:
    // then the page is its own, and init() resolves to its object once it is announced.
    started = window[Symbol.for("consent-banner")]
      ? new Promise((resolve) => {
          if (typeof window.consentBanner === "object") return resolve(window.consentBanner);
          document.addEventListener("consent-banner:ready", (event) => resolve(event.detail), { once: true });
        })
      : loadOnce().then(() => startWithConfig(config, gtag, audit));
  }
  return started;
}

// Every problem the component would find in `config` (an object as init() takes, or JSON text as
// a drop-in's data-config holds), as `{ path, message }`; an empty list for a good config.
export function validate(config) {
  return loadOnce().then(() => problems(config));
}

export default init;

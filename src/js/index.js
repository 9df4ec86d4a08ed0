// consent-banner npm entry. `init(config)` loads the Wasm once and resolves to the API object
// (the same one the drop-in puts on `window.consentBanner`). Without a window (server-side
// rendering) it resolves to null and does nothing.
import load, { startWithConfig } from "./consent_banner.js";

let started;

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
      : load().then(() => startWithConfig(config, gtag, audit));
  }
  return started;
}

export default init;

// consent-banner npm entry. `init(config)` loads the Wasm once and resolves to the API object
// (the same one the drop-in puts on `window.consentBanner`). Without a window (server-side
// rendering) it resolves to null and does nothing.
import load, { startWithConfig } from "./consent_banner.js";

let started;

// Google Consent Mode needs real `arguments` objects in dataLayer, which only JS can make.
function gtag() {
  (window.dataLayer = window.dataLayer || []).push(arguments);
}

// The audit (config `audit`): a module of its own, which a bundler splits off; it is fetched only
// when a config asks for it.
function audit(digest) {
  return import("./consent_banner_audit.js").then((m) =>
    m.default().then(() => m.startAudit(digest, new URL(".", import.meta.url).href)),
  );
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

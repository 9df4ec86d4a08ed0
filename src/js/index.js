// consent-banner npm entry. `init(config)` loads the Wasm once and resolves to the API object
// (the same one the drop-in puts on `window.consentBanner`). Without a window (server-side
// rendering) it resolves to null and does nothing.
import load, { startWithConfig } from "./consent_banner.js";

let started;

// Google Consent Mode needs real `arguments` objects in dataLayer, which only JS can make.
function gtag() {
  (window.dataLayer = window.dataLayer || []).push(arguments);
}

export function init(config) {
  if (typeof window === "undefined" || typeof document === "undefined") {
    return Promise.resolve(null);
  }
  if (!started) {
    started = load().then(() => startWithConfig(config, gtag));
  }
  return started;
}

export default init;

// consent-banner npm entry. `init(config)` loads the Wasm once and resolves to the API object
// (the same one the drop-in puts on `window.consentBanner`). Without a window (server-side
// rendering) it resolves to null and does nothing.
import load, { startWithConfig } from "./consent_banner.js";

let started;

export function init(config) {
  if (typeof window === "undefined" || typeof document === "undefined") {
    return Promise.resolve(null);
  }
  if (!started) {
    started = load().then(() => startWithConfig(config));
  }
  return started;
}

export default init;

// consent-banner drop-in bootstrap: appended to wasm-bindgen's no-modules glue inside one
// function scope, so nothing but `window.consentBanner` reaches the page's globals.
// Until the Wasm starts, gated markup is inert (type="text/plain", data-src): the gate fails closed.
var script = document.currentScript;
var key = typeof Symbol === "function" ? Symbol.for("consent-banner") : "__consentBanner";
// Google Consent Mode needs real `arguments` objects in dataLayer, which only JS can make.
function gtag() {
  (window.dataLayer = window.dataLayer || []).push(arguments);
}
if (!window[key]) {
  window[key] = true; // a second copy of this script on the page does nothing
  var base = script && script.src ? new URL(".", script.src).href : "";
  // The toolbar's saved look goes on <html> now, before the first paint, not when the Wasm is
  // ready. Same values as src/core/toolbar.rs; the first cookie of a name wins, as there.
  var root = document.documentElement;
  var saved = Object.create(null);
  var jar = "";
  try {
    jar = document.cookie; // throws in sandboxed documents: then nothing is saved
  } catch (e) {}
  jar.split("; ").forEach(function (c) {
    var i = c.indexOf("=");
    if (i > 0 && !(c.slice(0, i) in saved)) saved[c.slice(0, i)] = c.slice(i + 1);
  });
  var mode = saved["contrast-mode"];
  if (mode !== "default" && mode !== "high" && mode !== "yellow-black") {
    mode = window.matchMedia && matchMedia("(prefers-contrast: more)").matches ? "high" : "default";
  }
  if (mode !== "default") root.setAttribute("data-cb-contrast", mode);
  if (/^(125|150|175|200)$/.test(saved.saveFontSize || "")) {
    root.setAttribute("data-cb-text-size", saved.saveFontSize);
    root.style.fontSize = saved.saveFontSize + "%";
  }
  if (script && script.getAttribute("data-css") !== "off") {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    // A saved contrast mode needs the stylesheet before the first paint; this only takes effect
    // while <head> is being parsed (the script placed without `defer`).
    if (mode !== "default") link.setAttribute("blocking", "render");
    link.href = base + "consent-banner.css";
    document.head.appendChild(link);
  }
  wasm_bindgen({ module_or_path: base + "consent-banner_bg.wasm" })
    .then(function () {
      return wasm_bindgen.startDropIn(script ? script.getAttribute("data-config") : null, gtag);
    })
    .catch(function (error) {
      console.error("consent-banner: could not start (" + error + "); optional cookies stay off.");
    });
}

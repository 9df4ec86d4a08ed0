// consent-banner drop-in bootstrap: appended to wasm-bindgen's no-modules glue inside one
// function scope, so nothing but `window.consentBanner` reaches the page's globals.
// Until the Wasm starts, gated markup is inert (type="text/plain", data-src): the gate fails closed.
var script = document.currentScript;
var key = typeof Symbol === "function" ? Symbol.for("consent-banner") : "__consentBanner";
if (!window[key]) {
  window[key] = true; // a second copy of this script on the page does nothing
  var base = script && script.src ? new URL(".", script.src).href : "";
  if (script && script.getAttribute("data-css") !== "off") {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = base + "consent-banner.css";
    document.head.appendChild(link);
  }
  wasm_bindgen({ module_or_path: base + "consent-banner_bg.wasm" })
    .then(function () {
      return wasm_bindgen.startDropIn(script ? script.getAttribute("data-config") : null);
    })
    .catch(function (error) {
      console.error("consent-banner: could not start (" + error + "); optional cookies stay off.");
    });
}

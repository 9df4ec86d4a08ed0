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
  // The stylesheet: at once when a saved contrast mode needs it for the first paint, otherwise
  // with the full stage (the first stage draws nothing).
  var css;
  function loadCss() {
    if (!css) {
      css = new Promise(function (done) {
        if (!script || script.getAttribute("data-css") === "off") return done();
        var link = document.createElement("link");
        link.rel = "stylesheet";
        // Only takes effect while <head> is being parsed (the script placed without `defer`).
        if (mode !== "default") link.setAttribute("blocking", "render");
        link.onload = link.onerror = done;
        link.href = base + "consent-banner.css";
        document.head.appendChild(link);
      });
    }
    return css;
  }
  if (mode !== "default") loadCss();
  // The full stage (banner, settings, placeholders, toolbar, config validation): an ES module
  // loaded once, when the first stage asks for it or when there is no stored choice at all.
  var full;
  function loadFull() {
    if (!full) {
      full = Promise.all([
        import(base + "consent-banner-full.js").then(function (m) {
          return m.default({ module_or_path: base + "consent-banner-full_bg.wasm" }).then(function () {
            return m;
          });
        }),
        loadCss(),
      ]).then(function (both) {
        return both[0];
      });
    }
    return full;
  }
  // A click on a `[data-consent-open]` element ("Cookie settings") before the Wasm is ready is
  // kept, and clicked again once the component has announced itself (its own listener then
  // decides: open the settings, or follow a link to the settings page). Should the component
  // never start, a kept link is followed, so the page's own link still works.
  var early = null;
  function keep(event) {
    var el = event.target && event.target.closest && event.target.closest("[data-consent-open]");
    if (el) {
      event.preventDefault();
      early = el;
    }
  }
  function replay() {
    document.removeEventListener("click", keep, true);
    var el = early;
    early = null;
    // After the component's own start has returned: never inside its call to dispatch "ready".
    if (el) Promise.resolve().then(function () {
      if (el.isConnected) el.click();
    });
  }
  document.addEventListener("click", keep, true);
  document.addEventListener("consent-banner:ready", replay, { once: true });
  var config = script ? script.getAttribute("data-config") : null;
  var started =
    "cookieconsent_status" in saved
      ? wasm_bindgen({ module_or_path: base + "consent-banner_bg.wasm" }).then(function () {
          return wasm_bindgen.startFirst(config, gtag, loadFull);
        })
      : loadFull().then(function (m) {
          return m.startDropIn(config, gtag);
        });
  started.catch(function (error) {
    console.error("consent-banner: could not start (" + error + "); optional cookies stay off.");
    document.removeEventListener("click", keep, true);
    if (early && early.href) location.assign(early.href);
  });
}

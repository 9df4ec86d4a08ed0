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
  // One of the component's ES modules next to this script (`name`.js and `name`_bg.wasm), started.
  // The Wasm's download starts with the module's, not after it: one round trip less (on slow 4G,
  // about half a second of a first visit).
  // `fetch` in a promise: a page's patched `fetch` may throw rather than reject.
  function get(file, init) {
    return new Promise(function (done) {
      done(fetch(base + file, init));
    });
  }
  function load(name) {
    var wasm = get(name + "_bg.wasm");
    wasm.catch(function () {}); // a failed download rejects `m.default` below
    return import(base + name + ".js").then(function (m) {
      return m.default({ module_or_path: wasm }).then(function () {
        return m;
      });
    });
  }
  // The audit (config `audit`): a module of its own, loaded only when the full stage asks for it.
  function audit(digest, receipt) {
    return load("consent-banner-audit").then(function (m) {
      m.startAudit(digest, base, receipt);
    });
  }
  // The full stage (banner, settings, placeholders, toolbar, config validation): an ES module
  // loaded once, when the first stage asks for it or when the first stage cannot run at all.
  var full;
  function loadFull() {
    if (!full) {
      full = Promise.all([load("consent-banner-full"), loadCss()]).then(function (both) {
        return both[0];
      });
      full.catch(settle);
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
  // Room for what the component draws into the page (docs/stability.md). It arrives after the
  // first paint, so each host gets a min-height now, while this script runs in <head>: the height
  // it had when last drawn at about this width with this config (localStorage), or an estimate for
  // the built-in categories. It does not shrink while the host is in view (that too would move
  // the page): once the component is ready, a host's room goes when it is filled or out of view,
  // and at once when the component could not start.
  var SIZES = "consent-banner:sizes";
  var source = config || "";
  var target = "[data-a11y-toolbar]";
  try {
    source = document.getElementById(config).textContent;
    var t = JSON.parse(source).toolbar.target || target;
    document.querySelector(t); // throws unless a selector: nothing else may reach the rules below
    target = t;
  } catch (e) {}
  for (var hash = 0, i = 0; i < source.length; i++) hash = (hash * 31 + source.charCodeAt(i)) | 0;
  var open = saved["accessibility-controls"] == "open";
  // [selector, key, estimate in rem on a phone, on a wider screen]: the built-in categories and
  // their services, as drawn on NHS.UK and GOV.UK pages (form 78.5 and 50, table 234 and 157).
  var kinds = [
    ["[data-consent-settings]", "s", 80, 52],
    ["[data-consent-cookie-table]", "t", 236, 160],
    [target, open ? "o" : "b", open ? 36 : 3, open ? 16 : 3],
  ];
  var sizes;
  try {
    sizes = JSON.parse(localStorage.getItem(SIZES));
  } catch (e) {}
  if (!sizes || sizes.c != hash) sizes = { c: hash };
  var reserved;
  try {
    reserved = new CSSStyleSheet();
    // The viewport's width goes into media queries, for the style engine to read: reading
    // `innerWidth` here would lay the page out before DOMContentLoaded on a phone. The estimate by
    // the side of 641 px, then each height remembered at a width (to the nearest 100 px, as
    // settle() keys it), which wins. Only numbers: localStorage is the page's to write.
    reserved.replaceSync(
      kinds
        .map(function (k) {
          var rule = function (media, rem) {
            return "@media " + media + "{:is(" + k[0] + "):not([data-cb-settled]){min-height:" + rem + "rem}}";
          };
          var css = rule("(min-width:641px)", k[3]) + rule("(max-width:640.98px)", k[2]);
          for (var key in sizes) {
            var w = key.slice(1);
            if (key[0] == k[1] && /^\d+$/.test(w) && typeof sizes[key] == "number") {
              css += rule("(min-width:" + (w * 100 - 50) + "px) and (max-width:" + (w * 100 + 49.98) + "px)", sizes[key]);
            }
          }
          return css;
        })
        .join("")
    );
    document.adoptedStyleSheets = document.adoptedStyleSheets.concat(reserved);
  } catch (e) {
    reserved = 0; // no constructable stylesheets: nothing reserved
  }
  function release(host) {
    host.setAttribute("data-cb-settled", "");
  }
  // Once the component is ready or could not start: remember each drawn host's height, and give
  // its room back where that moves nothing.
  function settle() {
    if (!reserved) return;
    reserved = 0;
    var rem = parseFloat(getComputedStyle(root).fontSize);
    var width = Math.round(innerWidth / 100);
    var watch = new IntersectionObserver(function (seen) {
      seen.forEach(function (e) {
        if (!e.isIntersecting) release(e.target);
      });
    });
    kinds.forEach(function (k) {
      document.querySelectorAll(k[0]).forEach(function (host) {
        var drawn = /(^| )cb-/.test((host.firstElementChild || {}).className);
        var room = host.offsetHeight;
        var inline = host.style.minHeight;
        host.style.minHeight = 0;
        var height = host.offsetHeight;
        host.style.minHeight = inline;
        if (drawn) sizes[k[1] + width] = Math.ceil((height / rem) * 10) / 10;
        if (drawn && height < room) watch.observe(host);
        else release(host);
      });
    });
    try {
      localStorage.setItem(SIZES, JSON.stringify(sizes));
    } catch (e) {}
  }
  document.addEventListener("consent-banner:ready", settle);
  // Starts the full stage; the first stage hands the page over with what it ran (`resume`) and
  // the config's text it read (`source`). Resolves to the API object.
  function startFull(resume, source) {
    return loadFull().then(function (m) {
      return m.startDropIn(config, gtag, resume, source, audit);
    });
  }
  // Without a stored choice, the first stage still runs a page whose banner has nothing to say
  // when Global Privacy Control answered it; it needs the config's digest an earlier page kept.
  // A page the component reloaded to say what it did (a form saved, a category turned off) needs
  // the full stage.
  var digest = null;
  var said = null;
  try {
    if (navigator.globalPrivacyControl === true) digest = localStorage.getItem("consent-banner:config");
    said = sessionStorage.getItem("consent-banner:saved");
  } catch (e) {}
  var first = ("cookieconsent_status" in saved || digest) && !said;
  // Once the visitor has answered, their next page runs the first stage: its Wasm is fetched now,
  // in idle time, so that page finds it in the HTTP cache (README, "Size and speed"). Not before an
  // answer (a visitor who never answers never needs it), and not when this page loaded it already.
  document.addEventListener("consent-banner:change", function () {
    if (first) return;
    first = true;
    (window.requestIdleCallback || setTimeout)(function () {
      get("consent-banner_bg.wasm", { priority: "low" })
        .then(function (response) {
          return response.arrayBuffer(); // read to the end, so the whole body is cached
        })
        .catch(function () {});
    });
  });
  var started = first
    ? wasm_bindgen({ module_or_path: base + "consent-banner_bg.wasm" }).then(function () {
        return wasm_bindgen.startFirst(config, gtag, startFull);
      })
    : startFull();
  started.catch(function (error) {
    settle();
    console.error("consent-banner: could not start (" + error + "); optional cookies stay off.");
    document.removeEventListener("click", keep, true);
    if (early && early.href) location.assign(early.href);
  });
}

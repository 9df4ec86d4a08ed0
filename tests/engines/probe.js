// Loaded first by every page of the cross-engine tier (tests/engines/site.mjs adds the tag), so
// what a test reads is recorded by the page itself, the same way in every engine: WebDriver has
// no init scripts or console events. A classic same-origin script: allowed by the strict CSP.
(function () {
  var w = window;
  w.__cbReady = false;
  w.__cbReadyCount = 0;
  w.__cbEvents = [];
  w.__errors = [];
  w.__consoleErrors = [];
  w.__cspViolations = [];
  var copy = function (d) {
    try { return JSON.parse(JSON.stringify(d === undefined ? null : d)); } catch (e) { return String(d); }
  };
  document.addEventListener("consent-banner:ready", function () { w.__cbReady = true; w.__cbReadyCount++; }, true);
  document.addEventListener("consent-banner:change", function (e) { w.__cbEvents.push(copy(e.detail)); }, true);
  document.addEventListener("securitypolicyviolation", function (e) {
    w.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
  }, true);
  w.addEventListener("error", function (e) {
    if (e.error || e.message) w.__errors.push(String(e.message || e.error) + (e.filename ? " at " + e.filename + ":" + e.lineno : ""));
  });
  w.addEventListener("unhandledrejection", function (e) { w.__errors.push("unhandled rejection: " + String(e.reason && e.reason.message || e.reason)); });
  var error = console.error;
  console.error = function () {
    w.__consoleErrors.push(Array.prototype.map.call(arguments, String).join(" "));
    return error.apply(console, arguments);
  };
})();

// What every benchmark script's browser shares, so that bench/run.mjs and bench/floor.mjs measure
// the same phone: its viewport and CPU, Chromium's flags, the context, and the median reported.

/** CPU throttling (CDP Emulation.setCPUThrottlingRate): about a mid-range phone. */
export const THROTTLE = 4;
export const VIEWPORT = { width: 390, height: 844 };
export const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A Pixel 8's user agent on `browser`'s Chromium version. */
export const mobileUserAgent = (browser) =>
  `Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version().split(".")[0]}.0.0.0 Mobile Safari/537.36`;

/** A fresh context on the phone: its viewport at 3x, touch, `ua`, British English. */
export const newContext = (browser, ua) =>
  browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 3, isMobile: true, hasTouch: true, userAgent: ua, locale: "en-GB" });

/** The median of the finite numbers in `xs`, or null when there are none. */
export const median = (xs) => {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

// In-page measurement, installed with page.addInitScript so it runs before any page script.
// Playwright serialises this function into the page: it must not use anything from this module.
//
// window.__bench collects, in ms since navigation start (performance.now()):
//   inDom      the banner element first exists (MutationObserver)
//   visible    first animation frame where the banner has a box in the viewport and is not
//              hidden (display, visibility, opacity 0 on it or an ancestor)
//   clickable  first frame where the accept button is visible and document.elementFromPoint at
//              its centre hits it (nothing covers it, pointer-events on)
//   lastChange last frame where the banner's box, opacity or clickability changed (settling);
//              once clickable and unchanged for cfg.quiet ms the frame loop stops (settled = true),
//              so the probe's own per-frame work doesn't weigh on the rest of the measurement
//   fcp        first-contentful-paint
//   longtasks  [startTime, duration] from a 'longtask' PerformanceObserver
//   shifts     [startTime, value] of layout shifts
//   memories   every WebAssembly.Memory the page instantiated or imported (for its byteLength)
export function probe(cfg) {
  if (window.__bench) return;
  const B = (window.__bench = {
    inDom: null, visible: null, clickable: null, lastChange: null, settled: false, fcp: null,
    longtasks: [], shifts: [], memories: [], observers: [],
  });

  // Observers are kept on B so nothing but the page's end can stop them.
  const observe = (type, fn) => {
    try {
      const o = new PerformanceObserver((l) => l.getEntries().forEach(fn));
      o.observe({ type, buffered: true });
      B.observers.push(o);
    } catch (e) {}
  };
  observe("longtask", (e) => B.longtasks.push([e.startTime, e.duration]));
  // Every shift counts, hadRecentInput or not: under mobile emulation the meta viewport resizes
  // the layout viewport (980 -> 390 px) about 100 ms in, Chromium takes that resize for input and
  // flags every shift of the next 500 ms, which would hide or show the same shift depending on
  // timing. The runner makes no input before it reads CLS.
  observe("layout-shift", (e) => B.shifts.push([e.startTime, e.value]));
  observe("paint", (e) => e.name === "first-contentful-paint" && (B.fcp = e.startTime));

  // Wasm memory lives outside the JS heap: keep every Memory so its size can be read later.
  const W = window.WebAssembly;
  if (W) {
    const add = (m) => {
      if (m instanceof W.Memory && !B.memories.includes(m)) B.memories.push(m);
    };
    const fromImports = (imp) => {
      try {
        for (const ns of Object.values(imp || {})) for (const v of Object.values(ns || {})) add(v);
      } catch (e) {}
    };
    const fromResult = (r) => {
      try {
        const inst = r && r.instance ? r.instance : r;
        for (const v of Object.values((inst && inst.exports) || {})) add(v);
      } catch (e) {}
      return r;
    };
    const instantiate = W.instantiate;
    W.instantiate = function (src, imp) {
      fromImports(imp);
      return instantiate.apply(this, arguments).then(fromResult);
    };
    if (W.instantiateStreaming) {
      const streaming = W.instantiateStreaming;
      W.instantiateStreaming = function (src, imp) {
        fromImports(imp);
        return streaming.apply(this, arguments).then(fromResult);
      };
    }
    const Instance = W.Instance;
    const Hooked = function Instance_(module, imp) {
      fromImports(imp);
      return fromResult(new Instance(module, imp));
    };
    Hooked.prototype = Instance.prototype;
    W.Instance = Hooked;
  }

  if (!cfg || !cfg.banner) return;

  const opacity = (el) => {
    let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity) || 0;
    return o;
  };
  // > 0 when el is shown in the viewport (its effective opacity), else 0.
  const shown = (el) => {
    if (!el || !el.isConnected) return 0;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return 0;
    if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return 0;
    return opacity(el);
  };

  const mo = new MutationObserver(() => {
    if (document.querySelector(cfg.banner)) {
      if (B.inDom === null) B.inDom = performance.now();
      mo.disconnect();
    }
  });
  mo.observe(document, { childList: true, subtree: true });

  let sig = "";
  const frame = () => {
    const now = performance.now();
    const banner = document.querySelector(cfg.banner);
    const op = banner ? shown(banner) : 0;
    if (op > 0 && B.visible === null) B.visible = now;
    let hit = false;
    const accept = op > 0 ? document.querySelector(cfg.accept) : null;
    if (accept && shown(accept) > 0) {
      const r = accept.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x >= 0 && y >= 0 && x < innerWidth && y < innerHeight) {
        const t = document.elementFromPoint(x, y);
        hit = !!t && (t === accept || accept.contains(t));
      }
    }
    if (hit && B.clickable === null) B.clickable = now;
    let s = "";
    if (banner) {
      const r = banner.getBoundingClientRect();
      s = [Math.round(r.top), Math.round(r.left), Math.round(r.width), Math.round(r.height), op.toFixed(2), hit].join();
    }
    if (s !== sig) {
      sig = s;
      B.lastChange = now;
    }
    if (B.clickable !== null && now - B.lastChange >= cfg.quiet) B.settled = true;
    if (!B.stop && !B.settled) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

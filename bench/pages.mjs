// Test pages, all from one template, so the only difference between components is their own
// markup: a realistic article (header, h1, paragraphs, a fixed-size image placeholder, footer).

const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#212b32;background:#f0f4f5}
.wrap{max-width:960px;margin:0 auto;padding:0 16px}
.skip-link{position:absolute;left:-9999px}
.skip-link:focus{left:16px;top:16px;background:#ffeb3b;padding:8px}
.site-header{background:#005eb8;color:#fff;padding:12px 0}
.site-header a{color:#fff}
.site-header .wrap{display:flex;justify-content:space-between;align-items:center}
.logo{font-weight:700;font-size:20px;text-decoration:none}
nav ul{list-style:none;margin:0;padding:0;display:flex;gap:12px}
h1{font-size:32px;line-height:1.2;margin:24px 0 16px}
h2{font-size:24px;margin:32px 0 8px}
.lede{font-size:19px}
.figure{width:100%;height:220px;background:#aeb7bd;border-radius:4px;margin:16px 0}
footer{margin-top:48px;padding:24px 0;background:#d8dde0;font-size:14px}
.dyn{padding:2px 0;font-size:14px}
`;

const PARAGRAPHS = [
  "A blood test is when a sample of blood is taken for testing in a laboratory. Blood tests have a wide range of uses and are one of the most common types of medical test.",
  "Your results will usually be sent to the person who asked for the test, who will explain what they mean. Some results come back the same day; others can take a few weeks.",
  "Many results are shown as a range. A result outside the range does not always mean something is wrong: ranges differ between laboratories, and between people of different ages.",
  "If you have questions about your results, ask the doctor or nurse who arranged the test. They can tell you whether you need another test, a change in treatment, or nothing at all.",
];

/**
 * One page for component `c`.
 * @param {object} c          a COMPONENTS entry
 * @param {string} [extra]    markup added at the end of <main> (gated scripts, the dynamic box)
 * @param {string} [script]   inline script added at the end of <body>
 * @param {string} [heading]  the article's title and h1
 */
export function page(c, extra = "", script = "", heading = "Understanding your blood test results") {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${heading} - ${c.name}</title>
<style>${PAGE_CSS}</style>
${c.head}
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><div class="wrap"><a class="logo" href="/">Bench Health</a>
<nav aria-label="Main"><ul><li><a href="/conditions">Conditions</a></li><li><a href="/tests">Tests</a></li><li><a href="/contact">Contact</a></li></ul></nav></div></header>
<main id="main" class="wrap">
<article>
<h1>${heading}</h1>
<p class="lede">What happens to your blood sample, how long results take and what they mean.</p>
<div class="figure" role="img" aria-label="A nurse taking a blood sample"></div>
${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("\n")}
<h2>Getting your results</h2>
<p>${PARAGRAPHS[1]}</p>
</article>
${extra}
</main>
<footer><div class="wrap"><p><a href="/cookies">Cookie settings</a> · <a href="/privacy">Privacy</a> · © Bench Health</p></div></footer>
${c.analytics}
${script ? `<script>${script}</script>` : ""}
</body>
</html>
`;
}

/** The same site's next article (another URL, same template): the second page of a session. */
export function secondPage(c) {
  return page(c, "", "", "Getting your blood test results");
}

/** n inline gated scripts; each counts itself, the last one notes the time (window.__allRanAt). */
export function scalePage(c, n) {
  const code = `window.__gated=(window.__gated||0)+1;if(window.__gated===${n})window.__allRanAt=performance.now();`;
  const scripts = Array.from({ length: n }, () => c.gatedInline(code)).join("\n");
  return page(c, scripts);
}

/**
 * A page whose window.__startDyn(gatedEvery) appends `total` nodes to the page in batches of 100,
 * one setTimeout(0) per batch (like a feed or a framework rendering in chunks), and resolves to
 * the time it took. Every `gatedEvery`-th node (0: none) is the component's own gated script.
 */
export function dynamicPage(c, total) {
  const script = `
var makeGated = ${c.makeGated ?? "null"};
window.__startDyn = function (gatedEvery) {
  return new Promise(function (done) {
    var box = document.getElementById("dyn"), i = 0, t0 = performance.now();
    window.__dynRan = 0;
    function batch() {
      for (var k = 0; k < 100 && i < ${total}; k++, i++) {
        var node;
        if (gatedEvery && i % gatedEvery === 0) {
          node = makeGated("window.__dynRan++;window.__dynLastRan=performance.now();");
        } else {
          node = document.createElement("div");
          node.className = "dyn";
          node.textContent = "Item " + i;
        }
        box.appendChild(node);
      }
      if (i < ${total}) setTimeout(batch, 0);
      else setTimeout(function () { window.__dynT0 = t0; done(performance.now() - t0); }, 0);
    }
    setTimeout(batch, 0);
  });
};`;
  return page(c, `<section id="dyn" aria-label="Feed"></section>`, script);
}

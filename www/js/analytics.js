/*
 * Google Analytics (gtag.js) and Hotjar bootstrap for the NHS Health Careers demo site.
 *
 * The pages include this file as gated markup:
 *   <script type="text/plain" data-consent="analytics" src="/js/analytics.js"></script>
 * so it only runs after the visitor accepts cookies that measure website use.
 * It makes no network requests itself: it only sets up the queues that the
 * Google Analytics and Hotjar scripts (also gated) read when they load.
 */

/* Google Analytics 4 */
window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
window.gtag = window.gtag || gtag;
gtag('js', new Date());
gtag('config', 'G-DEMO000001');

/* Hotjar: command queue stub and settings read by hotjar-1234567.js */
window.hj = window.hj || function () {
  (window.hj.q = window.hj.q || []).push(arguments);
};
window._hjSettings = { hjid: 1234567, hjsv: 6 };

// Stand-in for an analytics script (the gated script of every benchmark page): it only records
// when it ran, in ms since navigation start, so the runner can tell whether and when the consent
// component released it.
window.__analyticsRanAt = performance.now();
window.__analyticsRuns = (window.__analyticsRuns || 0) + 1;

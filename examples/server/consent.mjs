// What a visitor granted, read from a request's Cookie header exactly as consent-banner reads
// `cookieconsent_status` in the browser. `revision` is the config's `revision` (0 when not set);
// `categories` maps each optional category id (not `necessary`) to its service ids, in config
// order, for example { analytics: ["google-analytics", "hotjar"], embeds: ["youtube", "twitter"] }.
// `basis.objection` lists the categories whose config `basis` is "objection": `i` (informed, did
// not object) grants those, and is no answer for the others. `basis.gpc` is whether the request
// sends Global Privacy Control (`Sec-GPC: 1`), `basis.gpcCovers` the categories the config's `gpc`
// marks (by default `analytics` and `marketing`, as in the component): while the signal is sent,
// `i` on those reads as refused (the signal objects); `1` (an opt-in) stands.
// Returns the granted category ids and the granted service ids, in that order, or null when there
// is no current choice: the visitor will be asked, and what counts until then is
// presumedConsent(categories, basis, cookieHeader). A service is granted when its category is, or
// when the visitor granted it alone.
// Node.js: readConsent(req.headers.cookie, 0, { analytics: ["hotjar"], embeds: ["youtube"] })
//   -> { categories: ["analytics"], services: ["hotjar"] }
export function readConsent(cookieHeader, revision, categories, basis = {}) {
  const { objection = [], gpc = false, gpcCovers = ["analytics", "marketing"] } = basis;
  const ids = Object.keys(categories);
  const stored = storedConsent(cookieHeader, ids);
  if (!stored || stored.revision < revision) return null; // unreadable (or `dismiss`, or no cookie), or older: ask again
  // A category the visitor was never asked about, or `i` on one that needs consent (now): ask again.
  if (ids.some((id) => !stored.answers.has(id) || (stored.answers.get(id) === "i" && !objection.includes(id)))) return null;
  const granted = (id) => stored.answers.get(id) === "1" || (stored.answers.get(id) === "i" && !(gpc && gpcCovers.includes(id)));
  return {
    categories: ids.filter(granted),
    services: ids.flatMap((id) => categories[id].filter((service) => granted(id) || stored.listed.includes(service))),
  };
}

// What counts when readConsent returns null, in its shape: the objection-basis categories (and
// their services), except those Global Privacy Control covers when the request sends it, and
// except those an outdated value in `cookieHeader` refused: that refusal stands as an objection
// (but the services it granted alone in them stay granted).
// Node.js: const basis = { objection: ["analytics"], gpc: req.headers["sec-gpc"] === "1" };
//   readConsent(req.headers.cookie, 0, { analytics: ["hotjar"], embeds: [] }, basis)
//     ?? presumedConsent({ analytics: ["hotjar"], embeds: [] }, basis, req.headers.cookie)
//   -> { categories: ["analytics"], services: ["hotjar"] } before any choice, without GPC
export function presumedConsent(categories, { objection = [], gpc = false, gpcCovers = ["analytics", "marketing"] } = {}, cookieHeader = "") {
  const ids = Object.keys(categories).filter((id) => objection.includes(id) && !(gpc && gpcCovers.includes(id)));
  const earlier = storedConsent(cookieHeader, Object.keys(categories));
  const objected = (id) => earlier?.answers.get(id) === "0";
  return {
    categories: ids.filter((id) => !objected(id)),
    services: ids.flatMap((id) => categories[id].filter((service) => !objected(id) || earlier.listed.includes(service))),
  };
}

// The form before services: category ids in, granted category ids (or null) out.
// Node.js: grantedCategories(req.headers.cookie, 0, ["analytics", "embeds"]) -> ["analytics"]
export function grantedCategories(cookieHeader, revision, categories, basis = {}) {
  return readConsent(cookieHeader, revision, Object.fromEntries(categories.map((id) => [id, []])), basis)?.categories ?? null;
}

// The cookie's value decoded, whatever its revision: { revision, answers: category id -> "1", "i"
// or "0", listed: the services granted inside refused categories }, or null when unreadable.
function storedConsent(cookieHeader, ids) {
  const trim = (text) => text.replace(/^[ \t]+|[ \t]+$/g, "");
  let value = "";
  for (const part of (cookieHeader || "").split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && trim(part.slice(0, eq)) === "cookieconsent_status") {
      value = trim(part.slice(eq + 1)); // the first one wins
      break;
    }
  }
  if (value === "allow" || value === "deny") {
    // Written by Osano's cookieconsent: everything granted or refused, at revision 0.
    return { revision: 0, answers: new Map(ids.map((id) => [id, value === "allow" ? "1" : "0"])), listed: [] };
  }
  // v2 lists after a refused category the services granted in it: `embeds:0+youtube+twitter`.
  const record = /^v([12])\|r(0|[1-9][0-9]*)\|t(0|[1-9][0-9]*)((?:\|[a-z][a-z0-9_-]{0,31}:(?:1|i|0(?:\+[a-z][a-z0-9_-]{0,31})*))*)$/.exec(value);
  const v1WithV2 = record?.[1] === "1" && /[+]|:i/.test(value); // v1 had no services and no `i`
  if (!record || v1WithV2 || value.length > 200 || Number(record[2]) > 4294967295 || BigInt(record[3]) > 18446744073709551615n) {
    return null;
  }
  const grants = record[4].split("|").slice(1).map((grant) => grant.split(/[:+]/)); // [category, flag, ...services]
  const listed = grants.flatMap(([, , ...services]) => services);
  const named = [...grants.map(([category]) => category), ...listed];
  if (new Set(named).size !== named.length) return null; // each id once, categories and services together
  return { revision: Number(record[2]), answers: new Map(grants.map(([category, flag]) => [category, flag])), listed };
}

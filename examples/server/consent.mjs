// What a visitor granted, read from a request's Cookie header exactly as consent-banner reads
// `cookieconsent_status` in the browser. `revision` is the config's `revision` (0 when not set);
// `categories` maps each optional category id (not `necessary`) to its service ids, in config
// order, for example { analytics: ["google-analytics", "hotjar"], embeds: ["youtube", "twitter"] }.
// `basis.objection` lists the categories whose config `basis` is "objection": `i` (informed, did
// not object) grants those, and is no answer for the others. (Its other fields are
// presumedConsent's: a choice once made stands, whatever the signal.)
// Returns the granted category ids and the granted service ids, in that order, or null when there
// is no current choice: the visitor will be asked, and what counts until then is
// presumedConsent(categories, basis). A service is granted when its category is, or when the
// visitor granted it alone.
// Node.js: readConsent(req.headers.cookie, 0, { analytics: ["hotjar"], embeds: ["youtube"] })
//   -> { categories: ["analytics"], services: ["hotjar"] }
export function readConsent(cookieHeader, revision, categories, basis = {}) {
  const objection = basis.objection ?? [];
  const trim = (text) => text.replace(/^[ \t]+|[ \t]+$/g, "");
  let value = "";
  for (const part of (cookieHeader || "").split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && trim(part.slice(0, eq)) === "cookieconsent_status") {
      value = trim(part.slice(eq + 1)); // the first one wins
      break;
    }
  }
  const ids = Object.keys(categories);
  let answers; // category id -> granted
  let listed = []; // services granted inside a refused category
  if (value === "allow" || value === "deny") {
    // Written by Osano's cookieconsent: everything granted or refused, at revision 0.
    if (revision > 0) return null;
    answers = new Map(ids.map((id) => [id, value === "allow"]));
  } else {
    // v2 lists after a refused category the services granted in it: `embeds:0+youtube+twitter`.
    const record = /^v([12])\|r(0|[1-9][0-9]*)\|t(0|[1-9][0-9]*)((?:\|[a-z][a-z0-9_-]{0,31}:(?:1|i|0(?:\+[a-z][a-z0-9_-]{0,31})*))*)$/.exec(value);
    const v1WithV2 = record?.[1] === "1" && /[+]|:i/.test(value); // v1 had no services and no `i`
    if (!record || v1WithV2 || value.length > 200 || Number(record[2]) > 4294967295 || BigInt(record[3]) > 18446744073709551615n) {
      return null; // unreadable (or `dismiss`, or no cookie)
    }
    if (Number(record[2]) < revision) return null; // an older revision: ask again
    const grants = record[4].split("|").slice(1).map((grant) => grant.split(/[:+]/)); // [category, flag, ...services]
    listed = grants.flatMap(([, , ...services]) => services);
    const named = [...grants.map(([category]) => category), ...listed];
    if (new Set(named).size !== named.length) return null; // each id once, categories and services together
    // `i` on a category that needs consent (now) is no answer: the visitor is asked.
    if (grants.some(([category, flag]) => flag === "i" && ids.includes(category) && !objection.includes(category))) return null;
    answers = new Map(grants.map(([category, flag]) => [category, flag !== "0"]));
  }
  // A category the visitor was never asked about: ask again.
  if (!ids.every((id) => answers.has(id))) return null;
  return {
    categories: ids.filter((id) => answers.get(id)),
    services: ids.flatMap((id) => categories[id].filter((service) => answers.get(id) || listed.includes(service))),
  };
}

// What counts before any choice, as readConsent's result: the objection-basis categories (and
// their services), except those Global Privacy Control covers when the request sends it
// (`Sec-GPC: 1`). `basis.gpcCovers` is the categories the config's `gpc` marks; by default
// `analytics` and `marketing`, as in the component.
// Node.js: const basis = { objection: ["analytics"], gpc: req.headers["sec-gpc"] === "1" };
//   readConsent(req.headers.cookie, 0, { analytics: ["hotjar"], embeds: [] }, basis)
//     ?? presumedConsent({ analytics: ["hotjar"], embeds: [] }, basis)
//   -> { categories: ["analytics"], services: ["hotjar"] } before any choice, without GPC
export function presumedConsent(categories, { objection = [], gpc = false, gpcCovers = ["analytics", "marketing"] } = {}) {
  const ids = Object.keys(categories).filter((id) => objection.includes(id) && !(gpc && gpcCovers.includes(id)));
  return { categories: ids, services: ids.flatMap((id) => categories[id]) };
}

// The form before services: category ids in, granted category ids (or null) out.
// Node.js: grantedCategories(req.headers.cookie, 0, ["analytics", "embeds"]) -> ["analytics"]
export function grantedCategories(cookieHeader, revision, categories, basis = {}) {
  return readConsent(cookieHeader, revision, Object.fromEntries(categories.map((id) => [id, []])), basis)?.categories ?? null;
}

// Which categories a visitor granted, read from a request's Cookie header exactly as
// consent-banner reads `cookieconsent_status` in the browser. `revision` is the config's
// `revision` (0 when not set); `categories` is its optional category ids (not `necessary`), for
// example ["analytics", "embeds"]. Returns the granted ids in the order of `categories`, or null
// when there is no current choice: ask, and run nothing optional.
// Node.js: grantedCategories(req.headers.cookie, 0, ["analytics", "embeds"])
export function grantedCategories(cookieHeader, revision, categories) {
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
    // Written by Osano's cookieconsent: every category granted or refused, at revision 0.
    return revision > 0 ? null : value === "allow" ? [...categories] : [];
  }
  const v1 = /^v1\|r(0|[1-9][0-9]*)\|t(0|[1-9][0-9]*)((?:\|[a-z][a-z0-9_-]{0,31}:[01])*)$/.exec(value);
  if (!v1 || value.length > 200 || Number(v1[1]) > 4294967295 || BigInt(v1[2]) > 18446744073709551615n) {
    return null; // unreadable (or `dismiss`, or no cookie)
  }
  if (Number(v1[1]) < revision) return null; // an older revision: ask again
  const granted = new Map();
  for (const grant of v1[3].split("|").slice(1)) {
    const [id, flag] = grant.split(":");
    if (granted.has(id)) return null; // each category once
    granted.set(id, flag === "1");
  }
  // A category the visitor was never asked about: ask again.
  if (!categories.every((id) => granted.has(id))) return null;
  return categories.filter((id) => granted.get(id));
}

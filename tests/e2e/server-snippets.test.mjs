// The server snippets of README's "Reading the choice on a server" (examples/server/): the README
// shows them byte for byte, and both give the same answers as the component, on values taken from
// the Rust unit tests (src/core/codec.rs, src/core/consent.rs, src/core/cookies.rs) and on version 2
// values with services (issue 14), and on `i` (and Global Privacy Control over it) and what is
// presumed without a current choice, an outdated answer's refusals included (issue 15).
// Cases whose `categories` is an array use the old call, grantedCategories /
// granted_categories; an object, readConsent / read_consent; `presumed`, presumedConsent /
// presumed_consent; `pattern`, the README's readConsent(...) ?? presumedConsent(..., header).
// The last tests compare the snippets with the built component in a browser
// (dist/, or CONSENT_BANNER_DIST): its get(), and before any choice (get() is null) what it runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import util from "node:util";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const SERVER = path.join(REPO, "examples", "server");
const NODE_SNIPPET = path.join(SERVER, "consent.mjs");
const PYTHON_SNIPPET = path.join(SERVER, "consent.py");
const SECTION = "## Reading the choice on a server";

// ---------- Values from the codec's unit tests, read from src/core/codec.rs ----------

const CODEC = readFileSync(path.join(REPO, "src", "core", "codec.rs"), "utf8");

/** The body of `fn name()` in codec.rs (up to its closing brace at test-function indentation). */
function rustTest(name) {
  const body = CODEC.match(new RegExp(`fn ${name}\\(\\) \\{\\n([\\s\\S]*?)\\n    \\}\\n`))?.[1];
  assert.ok(body, `src/core/codec.rs has a test \`fn ${name}()\``);
  return body;
}

/** Plain Rust string literals in `text`; an escape would need real parsing, so none is allowed. */
function literals(text) {
  return [...text.matchAll(/"([^"]*)"/g)].map(([, s]) => {
    assert.ok(!s.includes("\\"), `no escapes in codec test values: ${s}`);
    return s;
  });
}

const DOCUMENTED = literals(rustTest("encodes_the_documented_format").match(/assert_eq!\(value, ("[^"]*")\)/)?.[1] ?? "")[0];
const OSANO = [...rustTest("reads_osano_values").matchAll(/decode\("([^"]*)"\), (Some\(Stored::Legacy\((true|false)\)\)|None)/g)].map(
  ([, value, , legacy]) => ({ value, legacy }),
);
const CODEC_GARBAGE = literals(rustTest("garbage_is_no_choice").match(/for value in \[([\s\S]*?)\] \{/)?.[1] ?? "");
// Before issue 14 the codec read no version 2, and listed this valid v2 value as garbage.
const NOW_V2 = "v2|r1|t1|analytics:1";
const GARBAGE = CODEC_GARBAGE.filter((value) => value !== NOW_V2);
// codec.rs: informed_is_its_own_answer, `i` written and the values that are not `i`.
const INFORMED = literals(rustTest("informed_is_its_own_answer").match(/assert_eq!\(value, ("[^"]*")\)/)?.[1] ?? "")[0];
const NOT_INFORMED = literals(rustTest("informed_is_its_own_answer").match(/for bad in \[([\s\S]*?)\] \{/)?.[1] ?? "");
const IDS = [...rustTest("validates_ids").matchAll(/assert!\((!?)is_valid_id\("([^"]*)"\)\)/g)].map(([, not, id]) => ({ id, valid: !not }));
IDS.push({ id: "a".repeat(33), valid: false }, { id: "a".repeat(32), valid: true }); // `&"a".repeat(33)`, and the longest id

// The codec's `oversize_is_no_choice`, step by step.
let OVERSIZE = "v1|r1|t1";
while (OVERSIZE.length <= 200) OVERSIZE += `|c${OVERSIZE.length}:1`;

/** A valid record of exactly `bytes` bytes, granting its first category `first`. */
function recordOf(bytes) {
  let value = "v1|r0|t0";
  const ids = [];
  while (bytes - value.length > 35) {
    ids.push(`c${ids.length}`.padEnd(32, "x"));
    value += `|${ids.at(-1)}:1`; // 35 bytes each
  }
  ids.push("z".repeat(bytes - value.length - 3));
  value += `|${ids.at(-1)}:1`;
  assert.equal(value.length, bytes);
  return { value, first: ids[0] };
}
const MAX = recordOf(200);
const OVER = recordOf(201);

/** A valid v2 record of exactly `bytes` bytes: `embeds` refused, with services granted in it. */
function servicesRecordOf(bytes) {
  let value = "v2|r0|t0|embeds:0";
  const services = [];
  while (bytes - value.length > 33) {
    services.push(`s${services.length}`.padEnd(32, "x"));
    value += `+${services.at(-1)}`; // 33 bytes each
  }
  services.push("z".repeat(bytes - value.length - 1));
  value += `+${services.at(-1)}`;
  assert.equal(value.length, bytes);
  assert.ok(services.at(-1).length >= 1 && services.at(-1).length <= 32);
  return { value, services };
}
const MAX_V2 = servicesRecordOf(200);
const OVER_V2 = servicesRecordOf(201);

// ---------- The table ----------

const CATS = ["analytics", "embeds"];
/** A config's categories with their services, for readConsent / read_consent. */
const SERVICES = { analytics: ["google-analytics", "hotjar"], embeds: ["youtube", "twitter", "linkedin"] };
const ALL_SERVICES = Object.values(SERVICES).flat();
const README_V2 = "v2|r3|t1763935200|analytics:0|embeds:0+youtube+twitter";
/** The cookie section's `i` example (analytics on the objection basis). */
const README_INFORMED = "v2|r2|t1763935200|analytics:i|embeds:0";
/** What readConsent returns: granted categories and services. */
const got = (categories, services) => ({ categories, services });
const C = (value) => `cookieconsent_status=${value}`;
/** One case: what the snippets must return for this Cookie header, config revision and categories. */
const v = (header, want, why, { revision = 0, categories = CATS, basis, presumed = false, pattern = false } = {}) => ({
  kind: pattern ? "pattern" : presumed ? "presumed" : Array.isArray(categories) ? "old" : "read",
  header,
  revision,
  categories,
  basis,
  want,
  why,
});
/** What counts before any choice for these categories and this basis (no header). */
const p = (want, why, categories, basis) => v(undefined, want, why, { categories, basis, presumed: true });
/** What counts for this header, by the documented pattern: readConsent ?? presumedConsent(.., header). */
const pattern = (header, want, why, { revision = 0, categories = SERVICES, basis = OBJECTION } = {}) =>
  v(header, want, why, { revision, categories, basis, pattern: true });
/** An outdated value: its revision (2) is lower than the config's (3). */
const OUTDATED = { revision: 3 };
/** Analytics on the objection basis, as `"basis": "objection"` in the config. */
const OBJECTION = { objection: ["analytics"] };
const GA = SERVICES.analytics;

const VECTORS = [
  // codec.rs: encodes_the_documented_format (a record of revision 3).
  v(C(DOCUMENTED), ["analytics"], "the documented value at its revision", { revision: 3 }),
  v(C(DOCUMENTED), ["analytics"], "a record newer than the config", { revision: 0 }),
  v(C(DOCUMENTED), null, "a record older than the config asks again", { revision: 4 }),
  // codec.rs: reads_osano_values, at revision 0 and 1.
  ...OSANO.map(({ value, legacy }) =>
    v(C(value), legacy === "true" ? CATS : legacy === "false" ? [] : null, `Osano's ${value} at revision 0`),
  ),
  ...OSANO.map(({ value }) => v(C(value), null, `Osano's ${value} is revision 0, older than 1`, { revision: 1 })),
  // codec.rs: garbage_is_no_choice. With no categories, a value wrongly read would give [] not null.
  ...GARBAGE.filter((value) => value === value.trim()).map((value) => v(C(value), null, "codec garbage", { categories: [] })),
  // Its "allow " is garbage to the codec, but in a header the value is trimmed first (cookies.rs).
  ...GARBAGE.filter((value) => value !== value.trim()).map((value) => v(C(value), CATS, "trimmed in the header: allow")),
  // codec.rs: oversize_is_no_choice, and the 200-byte limit exactly.
  v(C(OVERSIZE), null, "codec oversize", { categories: [] }),
  v(C(MAX.value), [MAX.first], "a record of exactly 200 bytes", { categories: [MAX.first] }),
  v(C(OVER.value), null, "a record of 201 bytes", { categories: [OVER.first] }),
  // codec.rs: validates_ids, each id in a record.
  ...IDS.map(({ id, valid }) =>
    valid
      ? v(C(`v1|r0|t1|${id}:1`), [id], `valid id ${id}`, { categories: [id] })
      : v(C(`v1|r0|t1|${id}:1`), null, `invalid id ${JSON.stringify(id)}`, { categories: [] }),
  ),
  // codec.rs: round_trips (revision 3, time 1763935200).
  v(C("v1|r3|t1763935200"), [], "a record of no category, for a config of none", { categories: [] }),
  v(C("v1|r3|t1763935200|analytics:0"), [], "one refused category", { categories: ["analytics"] }),
  v(C("v1|r3|t1763935200|analytics:1|embeds:1|marketing:0"), CATS, "three categories", { categories: [...CATS, "marketing"] }),
  // Numbers: the largest revision (u32) and time (u64), one more, and leading zeros.
  v(C("v1|r4294967295|t18446744073709551615"), [], "the largest revision and time", { categories: [] }),
  v(C("v1|r0|t18446744073709551616"), null, "a time past u64", { categories: [] }),
  v(C("v1|r0|t0"), [], "zero is not a leading zero", { categories: [] }),
  v(C("v1|r00|t1"), null, "leading zero in the revision", { categories: [] }),
  v(C("v1|r0|t01"), null, "leading zero in the time", { categories: [] }),
  v(C("v1|r0|t1|analytics:01"), null, "a flag other than 0 or 1", { categories: [] }),
  v(C("v1|r+1|t1"), null, "a sign", { categories: [] }),
  v(C("v1|r\u0661|t1"), null, "a digit other than 0-9", { categories: [] }),
  // Each category once.
  v(C("v1|r0|t1|analytics:1|embeds:0|analytics:1"), null, "a category twice"),
  v(C("v1|r0|t1|embeds:1|embeds:1"), null, "a category twice, same answer", { categories: ["embeds"] }),
  // consent.rs: a_higher_revision_asks_again.
  v(C("v1|r1|t5|analytics:1|embeds:0"), ["analytics"], "same revision", { revision: 1 }),
  v(C("v1|r1|t5|analytics:1|embeds:0"), ["analytics"], "newer than the config", { revision: 0 }),
  v(C("v1|r1|t5|analytics:1|embeds:0"), null, "a lower revision asks again", { revision: 2 }),
  // consent.rs: a_new_category_asks_again_and_extra_ones_are_ignored.
  v(C("v1|r0|t5|analytics:1"), null, "a config category missing from the value asks again"),
  v(C("v1|r0|t5|analytics:1|embeds:1|old:1"), CATS, "a category the config no longer has is ignored"),
  v(C("v1|r0|t5|embeds:1|analytics:1"), CATS, "answers in the order of `categories`"),
  v(C("v1|r0|t5|embeds:1|analytics:0"), ["embeds"], "one granted, one refused"),
  // consent.rs: no_value_or_dismiss_asks.
  v(undefined, null, "no Cookie header"),
  v("", null, "an empty Cookie header"),
  v("_ga=GA1.1.2; flag", null, "no cookieconsent_status"),
  v(C("%%garbage"), null, "garbage"),
  // cookies.rs: parses_a_cookie_header, and the README's reading rules for the header.
  v(`_ga=GA1.1.2; ${C("v1|r0|t1|analytics:1|embeds:0")};  flag ; empty=`, ["analytics"], "among other cookies"),
  v(`${C("v1|r0|t2|analytics:0|embeds:0")}; ${C("allow")}`, [], "several: the first wins"),
  v(`${C("allow")}; ${C("v1|r0|t2|analytics:0|embeds:0")}`, CATS, "several: the first wins, either way round"),
  v(`${C("dismiss")}; ${C("allow")}`, null, "several: the first wins even when it is no choice"),
  v(`${C("")}; ${C("allow")}`, null, "several: the first wins even when it is empty"),
  v(`cookieconsent_status; ${C("deny")}`, [], "a part without `=` is not a cookie"),
  v("xcookieconsent_status=allow; cookieconsent_status_2=allow; Cookieconsent_status=allow", null, "only the exact name"),
  v("=allow", null, "no name"),
  v(` \tcookieconsent_status \t= \tallow \t`, CATS, "spaces and tabs around the name and value"),
  v(`a=1;${C("deny")}`, [], "no space after `;`"),
  v(C("allow=1"), null, "the value runs to the next `;`"),
  v('x=a b; y="q; z; =; ' + C("deny"), [], "odd other cookies are ignored"),
  v(C("v1%7Cr0%7Ct1%7Canalytics%3A1%7Cembeds%3A1"), null, "percent-encoded: never decoded"),
  v(C("allo%77"), null, "percent-encoded legacy value: never decoded"),
  v(C('"allow"'), null, "quoted: never unquoted"),
  v(C('"v1|r0|t1|analytics:1|embeds:1"'), null, "quoted record: never unquoted"),
  v(C("v1|r0|t1|analytícs:1|embeds:1"), null, "a non-ASCII id"),

  // ---------- Version 2: services (issue 14), through readConsent / read_consent ----------
  // The README's example value.
  v(C(README_V2), got([], ["youtube", "twitter"]), "README: both refused, YouTube and Twitter granted", { revision: 3, categories: SERVICES }),
  v(C(README_V2), got([], ["youtube", "twitter"]), "v2 newer than the config", { categories: SERVICES }),
  v(C(README_V2), null, "v2 older than the config asks again", { revision: 4, categories: SERVICES }),
  v(C(README_V2), [], "the old call: a category with single services granted counts as refused", { revision: 3 }),
  v(C("v2|r0|t1|analytics:1|embeds:0+youtube"), ["analytics"], "the old call on v2: categories only"),
  v(C(NOW_V2), ["analytics"], "codec.rs's garbage from before v2 is a v2 value", { revision: 1, categories: ["analytics"] }),
  v(C(NOW_V2), got(["analytics"], []), "codec.rs's garbage from before v2, read with services", { revision: 1, categories: { analytics: [] } }),
  // A granted category grants every service in it; a refused one none but those listed.
  v(C("v2|r0|t1|analytics:1|embeds:0"), got(["analytics"], ["google-analytics", "hotjar"]), "a granted category grants its services", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:1|embeds:1"), got(CATS, ALL_SERVICES), "both granted: every service", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:0"), got([], []), "both refused, no service listed", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0+hotjar|embeds:1"), got(["embeds"], ["hotjar", "youtube", "twitter", "linkedin"]), "a service granted in a refused category, the other granted whole", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0+hotjar+google-analytics|embeds:0"), got([], ["google-analytics", "hotjar"]), "every service of a refused category listed: the category stays refused", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:0+twitter+youtube"), got([], ["youtube", "twitter"]), "services answered in the order given, not the value's", { categories: SERVICES }),
  v(C("v2|r0|t1|embeds:0+linkedin|analytics:1"), got(["analytics"], ["google-analytics", "hotjar", "linkedin"]), "categories in any order", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:0+vimeo+youtube"), got([], ["youtube"]), "a service the server does not know is ignored", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:0|marketing:0+fbq"), got([], []), "a category the server does not have, with its services, is ignored", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0+youtube|embeds:0"), got([], ["youtube"]), "a service listed in another category is still granted", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:0+youtube"), got([], ["youtube"]), "a category without services", { categories: { analytics: [], embeds: ["youtube"] } }),
  v(C("v2|r0|t1|analytics:1|embeds:0"), got(["analytics"], []), "readConsent with no services at all", { categories: { analytics: [], embeds: [] } }),
  v(C("v2|r0|t0"), got([], []), "v2 of no category, for a config of none", { categories: {} }),
  v(C("v2|r0|t1|embeds:0+youtube"), null, "v2: a config category missing from the value asks again", { categories: SERVICES }),
  // `+` only after `:0`, and only before an id.
  v(C("v2|r0|t1|analytics:1+hotjar|embeds:0"), null, "`+` after a granted category", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:1+youtube"), null, "`+` after a granted category, last", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:0+"), null, "`+` and no id", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:0++youtube"), null, "`++`", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds+youtube:0"), null, "services before the answer", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|+youtube|embeds:0"), null, "a service without a category", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:0+youtube|"), null, "a trailing `|`", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:0+YouTube"), null, "an invalid service id (upper case)", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:0+1password"), null, "an invalid service id (a digit first)", { categories: SERVICES }),
  v(C(`v2|r0|t1|analytics:0|embeds:0+${"a".repeat(33)}`), null, "a service id of 33 bytes", { categories: SERVICES }),
  v(C(`v2|r0|t1|analytics:0|embeds:0+${"a".repeat(32)}`), got([], ["a".repeat(32)]), "a service id of 32 bytes", { categories: { analytics: [], embeds: ["a".repeat(32)] } }),
  v(C("v2|r0|t1|analytics:0|embeds:0+you%74ube"), null, "a percent-encoded service id", { categories: SERVICES }),
  // Each id once in the whole value, categories and services together.
  v(C("v2|r0|t1|analytics:0|embeds:0+youtube+youtube"), null, "a service repeated", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0+youtube|embeds:0+youtube"), null, "a service in two categories", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:0+embeds"), null, "a service named as its category", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0+embeds|embeds:0"), null, "a service named as a later category", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0|embeds:0+analytics"), null, "a service named as an earlier category", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:1|embeds:0|analytics:1"), null, "v2: a category twice", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:0+hotjar|embeds:0|hotjar:0"), null, "a category named as an earlier service", { categories: SERVICES }),
  // Version 1 is read as before: no `+`, each service takes its category's answer.
  v(C("v1|r3|t1763935200|analytics:1|embeds:0"), got(["analytics"], ["google-analytics", "hotjar"]), "v1: services take their category's answer", { revision: 3, categories: SERVICES }),
  v(C("v1|r0|t1|analytics:0|embeds:1"), got(["embeds"], ["youtube", "twitter", "linkedin"]), "v1: the other way round", { categories: SERVICES }),
  v(C("v1|r0|t1|analytics:0|embeds:0+youtube"), null, "v1 has no `+`", { categories: SERVICES }),
  v(C("v1|r0|t1|analytics:0|embeds:0+youtube"), null, "v1 has no `+`, the old call"),
  v(C("v1|r0|t1|analytics:1"), null, "v1: a config category missing asks again", { categories: SERVICES }),
  // Osano's values: everything or nothing, at revision 0.
  v(C("allow"), got(CATS, ALL_SERVICES), "Osano's allow grants every service", { categories: SERVICES }),
  v(C("deny"), got([], []), "Osano's deny grants no service", { categories: SERVICES }),
  v(C("allow"), null, "Osano's allow is revision 0, older than 1", { revision: 1, categories: SERVICES }),
  v(C("dismiss"), null, "Osano's dismiss asks", { categories: SERVICES }),
  // Other versions, and v2's numbers as v1's.
  v(C("v3|r0|t1|analytics:1|embeds:1"), null, "a version after 2", { categories: SERVICES }),
  v(C("V2|r0|t1|analytics:1|embeds:1"), null, "an upper-case version", { categories: SERVICES }),
  v(C("v02|r0|t1|analytics:1|embeds:1"), null, "a leading zero in the version", { categories: SERVICES }),
  v(C("v2|r01|t1|analytics:1|embeds:1"), null, "v2: a leading zero in the revision", { categories: SERVICES }),
  v(C("v2|r0|t01|analytics:1|embeds:1"), null, "v2: a leading zero in the time", { categories: SERVICES }),
  v(C("v2|r4294967296|t1|analytics:1|embeds:1"), null, "v2: a revision past u32", { categories: SERVICES }),
  v(C("v2|r0|t18446744073709551616|analytics:1|embeds:1"), null, "v2: a time past u64", { categories: SERVICES }),
  v(C("v2|r4294967295|t18446744073709551615|analytics:0|embeds:0+youtube"), got([], ["youtube"]), "v2: the largest revision and time", { revision: 4294967295, categories: SERVICES }),
  v(C("v2|r0|t1|analytics:2|embeds:1"), null, "v2: a flag other than 0 or 1", { categories: SERVICES }),
  // The 200-byte bound counts the services.
  v(C(MAX_V2.value), got([], MAX_V2.services), "a v2 record of exactly 200 bytes", { categories: { embeds: [...MAX_V2.services, "other"] } }),
  v(C(OVER_V2.value), null, "a v2 record of 201 bytes", { categories: { embeds: OVER_V2.services } }),
  // The header rules hold for v2.
  v(`_ga=GA1.1.2; ${C(README_V2)}; ${C("allow")}`, got([], ["youtube", "twitter"]), "v2 among other cookies, the first wins", { categories: SERVICES }),
  v(C("v2%7Cr0%7Ct1%7Canalytics%3A0%7Cembeds%3A0%2Byoutube"), null, "v2 percent-encoded: never decoded", { categories: SERVICES }),

  // ---------- `i`: granted on the objection basis (issue 15) ----------
  // codec.rs: informed_is_its_own_answer, the value it writes and those it refuses.
  v(C(INFORMED), got(["analytics"], GA), "codec.rs's `i`: granted when analytics is on objection", { revision: 3, categories: SERVICES, basis: OBJECTION }),
  v(C(INFORMED), null, "codec.rs's `i`: no answer when analytics needs consent", { revision: 3, categories: SERVICES }),
  ...NOT_INFORMED.map((value) => v(C(value), null, `codec.rs: not \`i\`: ${value}`, { categories: { analytics: GA }, basis: OBJECTION })),
  v(C(README_INFORMED), got(["analytics"], GA), "README: the `i` example, analytics on objection", { revision: 2, categories: SERVICES, basis: OBJECTION }),
  v(C(README_INFORMED), null, "README: the `i` example, analytics back on consent", { revision: 2, categories: SERVICES }),
  v(C("v2|r0|t1|analytics:i|embeds:0"), got(["analytics"], GA), "`i` grants an objection-basis category and its services", { categories: SERVICES, basis: OBJECTION }),
  v(C("v2|r0|t1|analytics:i|embeds:0"), null, "`i` under consent: ask again", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:i|embeds:0"), null, "`i` under consent, the basis naming another category", { categories: SERVICES, basis: { objection: ["embeds"] } }),
  v(C("v2|r0|t1|analytics:i|embeds:0"), null, "`i` under consent, the old call", { categories: CATS }),
  v(C("v2|r0|t1|analytics:i|embeds:0"), ["analytics"], "`i` under objection, the old call", { categories: CATS, basis: OBJECTION }),
  v(C("v2|r0|t1|analytics:i|embeds:0+youtube"), got(["analytics"], [...GA, "youtube"]), "`i` next to a service granted alone", { categories: SERVICES, basis: OBJECTION }),
  v(C("v2|r0|t1|analytics:i|embeds:i"), null, "`i` on a category that needs consent, next to one on objection", { categories: SERVICES, basis: OBJECTION }),
  v(C("v2|r0|t1|analytics:i|embeds:i"), got(CATS, ALL_SERVICES), "`i` on two objection-basis categories", { categories: SERVICES, basis: { objection: CATS } }),
  v(C("v2|r0|t1|analytics:i|embeds:0|old:i"), got(["analytics"], GA), "`i` on a category the server does not have is ignored", { categories: SERVICES, basis: OBJECTION }),
  v(C("v2|r0|t1|analytics:0|embeds:0|old:i"), got([], []), "`i` on an unknown category, under consent, is ignored too", { categories: SERVICES }),
  v(C("v2|r0|t1|analytics:1|embeds:0"), got(["analytics"], GA), "`1` on an objection-basis category counts as granted", { categories: SERVICES, basis: OBJECTION }),
  v(C("v2|r0|t1|analytics:0|embeds:0"), got([], []), "`0` on an objection-basis category: the visitor objected", { categories: SERVICES, basis: OBJECTION }),
  v(C("v1|r0|t1|analytics:i|embeds:0"), null, "v1 has no `i`", { categories: SERVICES, basis: OBJECTION }),
  v(C("v2|r0|t1|analytics:i+hotjar|embeds:0"), null, "`+` after `i`", { categories: SERVICES, basis: OBJECTION }),
  v(C("v2|r0|t1|analytics:i+|embeds:0"), null, "`i+` and no id", { categories: SERVICES, basis: OBJECTION }),
  v(C("v2|r0|t1|analytics:I|embeds:0"), null, "an upper-case `I`", { categories: SERVICES, basis: OBJECTION }),
  v(C("v2|r0|t1|analytics:ii|embeds:0"), null, "`ii`", { categories: SERVICES, basis: OBJECTION }),
  v(C("v2|r0|t1|analytics:i|embeds:0"), null, "`i` of an older revision: ask again", { revision: 1, categories: SERVICES, basis: OBJECTION }),
  // Under Global Privacy Control: `i` on a covered category reads as refused (the signal objects,
  // `i` only says the visitor did not), the rest of the choice standing; `1`, an opt-in, stands.
  v(C("v2|r0|t1|analytics:i|embeds:0+youtube"), got([], ["youtube"]), "`i` under GPC on a covered category: refused, the rest stands", { categories: SERVICES, basis: { ...OBJECTION, gpc: true } }),
  v(C("v2|r0|t1|analytics:i|embeds:i"), got(["embeds"], SERVICES.embeds), "`i` under GPC: analytics covered by default, embeds not", { categories: SERVICES, basis: { objection: CATS, gpc: true } }),
  v(C("v2|r0|t1|analytics:i|embeds:0"), got(["analytics"], GA), "`i` under GPC on an uncovered category (`\"gpc\": false`): granted", { categories: SERVICES, basis: { ...OBJECTION, gpc: true, gpcCovers: [] } }),
  v(C("v2|r0|t1|analytics:i|embeds:0"), got(["analytics"], GA), "`i` with gpcCovers but no signal: granted", { categories: SERVICES, basis: { ...OBJECTION, gpc: false, gpcCovers: ["analytics"] } }),
  v(C("v2|r0|t1|analytics:1|embeds:0"), got(["analytics"], GA), "`1` under GPC on a covered category: the visitor's opt-in stands", { categories: SERVICES, basis: { ...OBJECTION, gpc: true } }),
  v(C("v2|r0|t1|analytics:1|embeds:0"), got(["analytics"], GA), "`1` under GPC on a covered consent-basis category stands", { categories: SERVICES, basis: { gpc: true } }),
  v(C("v2|r0|t1|analytics:i|embeds:0"), null, "`i` on a consent category under GPC: still no answer", { categories: SERVICES, basis: { gpc: true } }),
  v(C("v2|r0|t1|analytics:i|embeds:0"), [], "`i` under GPC, the old call", { categories: CATS, basis: { ...OBJECTION, gpc: true } }),
  v(C("allow"), got(CATS, ALL_SERVICES), "Osano's allow on an objection config", { categories: SERVICES, basis: OBJECTION }),
  v(C("deny"), got([], []), "Osano's deny on an objection config: refused, an answer", { categories: SERVICES, basis: OBJECTION }),
  v(C("dismiss"), null, "Osano's dismiss on an objection config: no choice", { categories: SERVICES, basis: OBJECTION }),

  // ---------- Before any choice: presumedConsent / presumed_consent (issue 15) ----------
  // The snippets' own example: no cookie, so readConsent is null and presumedConsent answers.
  v(undefined, null, "the snippets' example: no choice yet", { categories: { analytics: ["hotjar"], embeds: [] }, basis: OBJECTION }),
  p(got(["analytics"], ["hotjar"]), "the snippets' example: analytics presumed", { analytics: ["hotjar"], embeds: [] }, { ...OBJECTION, gpc: false }),
  p(got([], []), "consent basis: nothing before a choice", SERVICES, {}),
  p(got([], []), "no basis argument at all", SERVICES, undefined),
  p(got(["analytics"], GA), "analytics on objection: on before a choice", SERVICES, OBJECTION),
  p(got(["analytics"], GA), "without the signal", SERVICES, { ...OBJECTION, gpc: false }),
  p(got([], []), "with Sec-GPC: 1, analytics is covered by default", SERVICES, { ...OBJECTION, gpc: true }),
  p(got(["analytics"], GA), "a config with `\"gpc\": false` on analytics", SERVICES, { ...OBJECTION, gpc: true, gpcCovers: [] }),
  p(got(["embeds"], SERVICES.embeds), "GPC does not cover embeds by default", SERVICES, { objection: CATS, gpc: true }),
  p(got(CATS, ALL_SERVICES), "both on objection, no signal", SERVICES, { objection: CATS }),
  p(got([], []), "a config with `\"gpc\": true` on embeds", SERVICES, { objection: ["embeds"], gpc: true, gpcCovers: ["analytics", "embeds"] }),
  p(got(["stats"], ["matomo"]), "a category of the site's own is not covered by default", { stats: ["matomo"], marketing: ["meta-pixel"] }, { objection: ["stats", "marketing"], gpc: true }),
  p(got([], []), "marketing is covered by default", { stats: ["matomo"], marketing: ["meta-pixel"] }, { objection: ["marketing"], gpc: true }),
  p(got(["stats", "marketing"], ["matomo", "meta-pixel"]), "both, no signal", { stats: ["matomo"], marketing: ["meta-pixel"] }, { objection: ["marketing", "stats"] }),
  p(got([], []), "an objection category the server does not name", SERVICES, { objection: ["stats"] }),
  // presumedConsent given the header directly.
  v(C("v2|r2|t5|analytics:0+hotjar|embeds:0"), got([], ["hotjar"]), "presumedConsent with an outdated refusal in the header", { categories: SERVICES, basis: OBJECTION, presumed: true }),
  v("", got(["analytics"], GA), "presumedConsent with an empty header", { categories: SERVICES, basis: OBJECTION, presumed: true }),
  v(C("v2|r2|t5|analytics:0|embeds:0"), got([], []), "presumedConsent with a refusal, no basis argument", { categories: SERVICES, presumed: true }),

  // ---------- An outdated answer's refusals stand as objections (issue 15) ----------
  // readConsent(h, revision, categories, basis) ?? presumedConsent(categories, basis, h).
  pattern(C("v2|r2|t5|analytics:0+hotjar|embeds:0"), got([], ["hotjar"]), "an outdated refusal stands, the service granted alone in it too", OUTDATED),
  pattern(C("v2|r2|t5|analytics:0+hotjar|embeds:0"), got([], ["hotjar"]), "the same value, current: readConsent answers", { revision: 2 }),
  pattern(C("v2|r2|t5|analytics:0|embeds:0"), got([], []), "an outdated refusal without services", OUTDATED),
  pattern(C("v2|r2|t5|analytics:1|embeds:1"), got(["analytics"], GA), "an outdated grant: presumed as usual (embeds, on consent, refused)", OUTDATED),
  pattern(C("v2|r2|t5|analytics:i|embeds:0"), got(["analytics"], GA), "an outdated `i`: presumed as usual", OUTDATED),
  pattern(C("v2|r2|t5|embeds:0"), got(["analytics"], GA), "an outdated value that does not mention analytics: presumed as usual", OUTDATED),
  pattern(C("deny"), got([], []), "Osano's deny at revision 1: refused stands", { revision: 1 }),
  pattern(C("deny"), got([], []), "Osano's deny at revision 1, both on objection", { revision: 1, basis: { objection: CATS } }),
  pattern(C("allow"), got(["analytics"], GA), "Osano's allow at revision 1: presumed as usual", { revision: 1 }),
  pattern(C("dismiss"), got(["analytics"], GA), "Osano's dismiss at revision 1: no answer, presumed as usual", { revision: 1 }),
  pattern(C("v2|r2|t5|analytics:0|analytics:0"), got(["analytics"], GA), "an unreadable value (a category twice): presumed as usual", OUTDATED),
  pattern(C("v1|r2|t5|analytics:0+hotjar|embeds:0"), got(["analytics"], GA), "an unreadable value (v1 with `+`): presumed as usual", OUTDATED),
  pattern(C("%%garbage"), got(["analytics"], GA), "garbage: presumed as usual", OUTDATED),
  pattern(undefined, got(["analytics"], GA), "no Cookie header: presumed as usual", OUTDATED),
  pattern(C("v2|r3|t5|analytics:0+hotjar|embeds:i"), got([], ["hotjar"]), "current but `i` on a consent category: its refusals stand", OUTDATED),
  pattern(C("v2|r3|t5|analytics:0+hotjar"), got([], ["hotjar"]), "current but a category it does not answer: its refusals stand", OUTDATED),
  pattern(C("v2|r2|t5|analytics:1|embeds:0+youtube"), got(["analytics"], GA), "a refused consent category: refused as before, its services too", OUTDATED),
  pattern(C("v2|r2|t5|analytics:0+hotjar|embeds:0"), got([], []), "under GPC the covered category is refused anyway, its services too", { ...OUTDATED, basis: { ...OBJECTION, gpc: true } }),
  pattern(C("v2|r2|t5|analytics:0+hotjar|embeds:0"), got([], ["hotjar"]), "under GPC, not covered: the refusal stands", { ...OUTDATED, basis: { ...OBJECTION, gpc: true, gpcCovers: [] } }),
  pattern(C("v2|r2|t5|analytics:1|embeds:0+youtube"), got(["analytics"], [...GA, "youtube"]), "both on objection: the refused one keeps its service", { ...OUTDATED, basis: { objection: CATS } }),
  // As readConsent, and the component: a service listed anywhere in the value was granted alone.
  pattern(C("v2|r2|t5|analytics:0+youtube|embeds:0"), got([], ["youtube"]), "a service listed under another category stays granted", { ...OUTDATED, basis: { objection: CATS } }),
  pattern(C("v2|r2|t5|analytics:0|old:0"), got(["stats"], ["matomo"]), "a refusal of a category the server does not name is ignored", { ...OUTDATED, categories: { analytics: GA, stats: ["matomo"] }, basis: { objection: ["stats"] } }),
];

const CASES = VECTORS.map(({ kind, header, revision, categories, basis }) => [kind, header ?? null, revision, categories, basis ?? null]);
const EXPECTED = VECTORS.map(({ header, revision, categories, basis, want, why }) => ({ why, header, revision, categories, basis, result: want }));
const report = (results) =>
  VECTORS.map(({ header, revision, categories, basis, why }, i) => ({ why, header, revision, categories, basis, result: results[i] }));

test("the values taken from src/core/codec.rs are all there", () => {
  assert.equal(DOCUMENTED, "v2|r3|t1763935200|analytics:1|embeds:0");
  assert.deepEqual(OSANO, [
    { value: "allow", legacy: "true" },
    { value: "deny", legacy: "false" },
    { value: "dismiss", legacy: undefined },
  ]);
  assert.deepEqual(GARBAGE.filter((value) => value !== value.trim()), ["allow "], "the only codec garbage with spaces around it");
  assert.ok(CODEC_GARBAGE.length >= 15, `garbage_is_no_choice read in full (${CODEC_GARBAGE.length} values)`);
  for (const value of ["", "v1|r01|t1|analytics:1", "v1|r1|t1|analytics:1|analytics:0", "%76%31|r1|t1", "v1|r4294967296|t1"]) {
    assert.ok(GARBAGE.includes(value), `garbage_is_no_choice includes ${JSON.stringify(value)}`);
  }
  assert.ok(IDS.filter((i) => i.valid).length >= 3 && IDS.filter((i) => !i.valid).length >= 5, "validates_ids read in full");
  assert.ok(OVERSIZE.length > 200 && OVER.value.length === 201 && MAX.value.length === 200);
  assert.ok(EXPECTED.some((e) => e.result === null) && EXPECTED.some((e) => Array.isArray(e.result) && e.result.length > 1));
  assert.ok(MAX_V2.value.length === 200 && OVER_V2.value.length === 201 && MAX_V2.services.length > 3);
  assert.ok(VECTORS.filter((c) => !Array.isArray(c.categories) && c.want !== null && c.want.services.length > 0).length >= 10, "v2 cases grant services");
  assert.ok(VECTORS.filter((c) => !Array.isArray(c.categories) && c.want === null).length >= 20, "v2 cases refuse values");
  assert.equal(INFORMED, "v2|r3|t1763935200|analytics:i|embeds:0");
  assert.ok(NOT_INFORMED.length >= 3 && NOT_INFORMED.includes("v1|r3|t1|analytics:i"), "informed_is_its_own_answer read in full");
  const informed = VECTORS.filter((c) => c.kind !== "presumed" && /:i(\||$)/.test(c.header ?? ""));
  assert.ok(informed.filter((c) => c.want !== null).length >= 6 && informed.filter((c) => c.want === null).length >= 6, "`i` granted and refused");
  const presumed = VECTORS.filter((c) => c.kind === "presumed");
  assert.ok(presumed.filter((c) => c.want.categories.length > 0).length >= 4 && presumed.filter((c) => c.basis?.gpc).length >= 4, "presumed, with and without GPC");
});

test("the README's cookie section shows the v2 values the table reads", () => {
  const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
  const cookie = readme.slice(readme.indexOf("\n## The `cookieconsent_status` cookie\n"), readme.indexOf(`\n${SECTION}\n`));
  for (const value of [README_V2, README_INFORMED]) {
    assert.ok(cookie.includes(`\n${value}\n`), `README's cookie section shows ${value}`);
  }
});

test("the README shows examples/server/consent.mjs and consent.py byte for byte, after the cookie section", () => {
  const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
  const start = readme.indexOf(`\n${SECTION}\n`);
  assert.notEqual(start, -1, `README has a section "${SECTION}"`);
  const before = readme.slice(0, start).match(/\n## [^\n]*/g)?.at(-1);
  assert.equal(before, "\n## The `cookieconsent_status` cookie", "it follows the cookie section");
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const blocks = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, body]) => ({ lang, body }));
  assert.deepEqual(
    blocks.map((b) => b.lang),
    ["js", "python"],
    "the section's code blocks: the Node.js snippet, then the Python one",
  );
  assert.equal(blocks[0].body, readFileSync(NODE_SNIPPET, "utf8"), "README's js block is examples/server/consent.mjs");
  assert.equal(blocks[1].body, readFileSync(PYTHON_SNIPPET, "utf8"), "README's python block is examples/server/consent.py");
});

test(`Node.js snippet: ${VECTORS.length} cases agree with the component`, async () => {
  const { grantedCategories, presumedConsent, readConsent } = await import(pathToFileURL(NODE_SNIPPET).href);
  const results = CASES.map(([kind, header, revision, categories, basis]) => {
    const rest = basis === null ? [] : [basis]; // no argument at all when the case gives none
    if (kind === "pattern") return readConsent(header ?? undefined, revision, categories, basis) ?? presumedConsent(categories, basis, header ?? undefined);
    if (kind === "presumed" && header !== null) return presumedConsent(categories, basis ?? undefined, header);
    if (kind === "presumed") return presumedConsent(categories, ...rest);
    return (kind === "old" ? grantedCategories : readConsent)(header ?? undefined, revision, categories, ...rest);
  });
  assert.deepEqual(report(results), EXPECTED);
  // The pattern's cases reach presumedConsent, and its header changes what it presumes.
  const patterns = VECTORS.filter((c) => c.kind === "pattern");
  const unanswered = patterns.filter((c) => readConsent(c.header, c.revision, c.categories, c.basis) === null);
  const refusals = unanswered.filter((c) => !util.isDeepStrictEqual(presumedConsent(c.categories, c.basis), c.want));
  assert.ok(unanswered.length >= 15 && refusals.length >= 7, `${unanswered.length} pattern cases presumed, ${refusals.length} by an outdated refusal`);
});

test(`Python snippet: ${VECTORS.length} cases agree with the component`, (t) => {
  // Loads consent.py by path (-B: no __pycache__ left in examples/), answers every case as JSON.
  const driver = [
    "import importlib.util, json, sys",
    "spec = importlib.util.spec_from_file_location('consent', sys.argv[1])",
    "module = importlib.util.module_from_spec(spec)",
    "spec.loader.exec_module(module)",
    "cases = json.loads(sys.stdin.buffer.read().decode('utf-8'))",
    // The JS basis object as keyword arguments.
    "names = {'objection': 'objection', 'gpc': 'gpc', 'gpcCovers': 'gpc_covers'}",
    "def read(kind, h, r, c, basis):",
    "    kw = {names[k]: v for k, v in (basis or {}).items()}",
    "    if kind == 'pattern': return module.read_consent(h, r, c, **kw) or module.presumed_consent(c, **kw, cookie_header=h)",
    "    if kind == 'presumed' and h is not None: return module.presumed_consent(c, **kw, cookie_header=h)",
    "    if kind == 'presumed': return module.presumed_consent(c, **kw)",
    "    if kind == 'old': return module.granted_categories(h, r, c, **kw)",
    "    return module.read_consent(h, r, c, **kw)",
    "print(json.dumps([read(*case) for case in cases]))",
  ].join("\n");
  const run = spawnSync("python3", ["-B", "-c", driver, PYTHON_SNIPPET], { input: JSON.stringify(CASES), encoding: "utf8" });
  if (run.error?.code === "ENOENT") {
    t.skip("python3 not installed");
    return;
  }
  assert.ifError(run.error);
  assert.equal(run.status, 0, `python3 exited with ${run.status}:\n${run.stderr}`);
  assert.deepEqual(report(JSON.parse(run.stdout)), EXPECTED);
});

// ---------- Against the built component in a browser ----------
// The fixture page's config: the built-in categories and services (CONTRACT.md, "Services").
const BUILT_IN = {
  analytics: ["google-analytics", "adobe-analytics", "hotjar", "new-relic", "qualtrics", "celebrus"],
  embeds: ["youtube", "brightcove", "twitter", "linkedin", "google-translate"],
};

/** consentBanner.get() on the fixture page with this cookie value, in readConsent's shape. */
async function componentReads(h, value) {
  const s = await h.openPage("/index.html", { cookies: [{ name: "cookieconsent_status", value }] });
  const choice = await s.page.evaluate(() => window.consentBanner.get());
  await s.page.context().close();
  if (choice === null) return null;
  const services = Object.entries(choice.services ?? {}).filter(([, granted]) => granted).map(([id]) => id);
  return got(CATS.filter((id) => choice[id] === true), Object.values(BUILT_IN).flat().filter((id) => services.includes(id)));
}

async function agreeInBrowser(values, { services }) {
  const { createHarness } = await import("./helpers.mjs");
  const { readConsent } = await import(pathToFileURL(NODE_SNIPPET).href);
  const h = await createHarness();
  try {
    for (const value of values) {
      const snippet = readConsent(C(value), 0, BUILT_IN);
      const component = await componentReads(h, value);
      // Before services were built, get() has none: compare categories only.
      const shape = (r) => (r === null || services ? r : r.categories);
      assert.deepEqual(shape(component), shape(snippet), `the component and readConsent agree on ${value}`);
    }
  } finally {
    await h.close();
  }
}

test("the built component reads v1 and Osano's values as the snippet does (categories)", { timeout: 90_000 }, () =>
  agreeInBrowser(["v1|r0|t1|analytics:1|embeds:0", "v1|r0|t1|analytics:0|embeds:1", "allow", "deny", "dismiss", "v1|r0|t1|analytics:1"], {
    services: false,
  }),
);

// Needs the issue 14 build (codec v2, get().services): fails against a build from before it.
test("the built component reads v2 values and services as the snippet does (issue 14 build)", { timeout: 90_000 }, () =>
  agreeInBrowser(
    [
      README_V2,
      "v2|r0|t1|analytics:1|embeds:0",
      "v2|r0|t1|analytics:0+hotjar|embeds:1",
      "v2|r0|t1|analytics:0|embeds:0+vimeo+youtube",
      "v2|r0|t1|analytics:1+hotjar|embeds:0",
      "v2|r0|t1|analytics:0+youtube|embeds:0+youtube",
      "v1|r0|t1|analytics:1|embeds:0",
      "allow",
    ],
    { services: true },
  ),
);

// ---------- `i` and before any choice, in the browser (issue 15) ----------
// team.html takes its config from the query: the built-in categories and services, with
// `categories` merged over them.
const ANALYTICS_OBJECTION = { categories: [{ id: "analytics", basis: "objection" }] };
const sendGpc = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });";

/** A fresh page of fixtures/team.html with `config`, the cookie `value` (if any) and the signal. */
async function teamSession(h, config, { value, gpc = false } = {}) {
  const cookies = value === undefined ? [] : [{ name: "cookieconsent_status", value }];
  const { teamPage } = await import("./helpers.mjs");
  // Presumed analytics loads its host with no cookie: the harness's own check reads the cookie only.
  return h.openPage(teamPage(config), { cookies, checkHosts: false, initScripts: gpc ? [sendGpc] : [] });
}

test("the built component reads `i` as the snippet does, under each basis (issue 15 build)", { timeout: 120_000 }, async () => {
  const { createHarness } = await import("./helpers.mjs");
  const { readConsent } = await import(pathToFileURL(NODE_SNIPPET).href);
  const values = [
    "v2|r0|t1|analytics:i|embeds:0",
    "v2|r0|t1|analytics:i|embeds:0+youtube",
    "v2|r0|t1|analytics:i|embeds:i",
    "v2|r0|t1|analytics:1|embeds:0",
    "v2|r0|t1|analytics:0|embeds:1",
    "v1|r0|t1|analytics:i|embeds:0",
    "v2|r0|t1|analytics:i+hotjar|embeds:0",
  ];
  const configs = [
    { config: {}, basis: undefined, name: "consent" },
    { config: ANALYTICS_OBJECTION, basis: { objection: ["analytics"] }, name: "analytics on objection" },
  ];
  const h = await createHarness();
  try {
    const seen = [];
    for (const { config, basis, name } of configs) {
      for (const value of values) {
        const s = await teamSession(h, config, { value });
        const choice = await s.page.evaluate(() => window.consentBanner.get());
        await s.close();
        const component =
          choice === null
            ? null
            : got(
                CATS.filter((id) => choice[id] === true),
                Object.values(BUILT_IN).flat().filter((id) => choice.services?.[id] === true),
              );
        const snippet = readConsent(C(value), 0, BUILT_IN, basis);
        assert.deepEqual(component, snippet, `the component and readConsent agree on ${value} (${name})`);
        seen.push(snippet === null);
      }
    }
    // The comparison is not all nulls: both answers occur.
    assert.ok(seen.filter(Boolean).length >= 4 && seen.filter((n) => !n).length >= 4, "some values read, some asked again");
  } finally {
    await h.close();
  }
});

test("before any choice, the built component runs what presumedConsent says, with and without GPC (issue 15 build)", { timeout: 120_000 }, async () => {
  const { createHarness } = await import("./helpers.mjs");
  const { presumedConsent } = await import(pathToFileURL(NODE_SNIPPET).href);
  const both = { categories: [{ id: "analytics", basis: "objection" }, { id: "embeds", basis: "objection" }] };
  const cases = [
    { config: {}, basis: {}, gpc: false },
    { config: ANALYTICS_OBJECTION, basis: { objection: ["analytics"] }, gpc: false },
    { config: ANALYTICS_OBJECTION, basis: { objection: ["analytics"] }, gpc: true },
    {
      config: { categories: [{ id: "analytics", basis: "objection", gpc: false }] },
      basis: { objection: ["analytics"], gpcCovers: [] },
      gpc: true,
    },
    { config: both, basis: { objection: ["analytics", "embeds"] }, gpc: true },
  ];
  const h = await createHarness();
  try {
    const seen = new Set();
    for (const { config, basis, gpc } of cases) {
      const s = await teamSession(h, config, { gpc });
      await s.settle();
      // get() is the stored choice: none yet. What the component decided shows in what it ran.
      const decided = await s.page.evaluate(() => ({
        stored: window.consentBanner.get(),
        analytics: (window.__ran || []).includes("gtag-config"),
        embeds: document.querySelector('iframe[data-consent="embeds"]')?.hasAttribute("src") ?? false,
      }));
      await s.close();
      const snippet = presumedConsent(BUILT_IN, { ...basis, gpc });
      const what = `${JSON.stringify(config)}${gpc ? " with GPC" : ""}`;
      assert.equal(decided.stored, null, `no stored choice: ${what}`);
      assert.deepEqual(
        CATS.filter((id) => decided[id]),
        snippet.categories,
        `the component runs what presumedConsent grants: ${what}`,
      );
      seen.add(snippet.categories.join(" "));
    }
    assert.ok(seen.size >= 3, `the cases presume different things: ${[...seen].map((s) => JSON.stringify(s)).join(", ")}`);
  } finally {
    await h.close();
  }
});

/** What the fixture page ran: the analytics tag (its category), and YouTube's embed (its service). */
const ran = (page) =>
  page.evaluate(() => ({
    analytics: (window.__ran || []).includes("gtag-config"),
    youtube: document.querySelector('iframe[data-consent="embeds"]')?.hasAttribute("src") ?? false,
  }));

test("an outdated answer's refusals stand in the built component as presumedConsent says (issue 15 build)", { timeout: 120_000 }, async () => {
  const { createHarness } = await import("./helpers.mjs");
  const { presumedConsent, readConsent } = await import(pathToFileURL(NODE_SNIPPET).href);
  const analytics = { revision: 3, ...ANALYTICS_OBJECTION };
  const both = { revision: 3, categories: [{ id: "analytics", basis: "objection" }, { id: "embeds", basis: "objection" }] };
  const cases = [
    { config: analytics, basis: { objection: ["analytics"] }, value: "v2|r2|t5|analytics:0+hotjar|embeds:0" },
    { config: analytics, basis: { objection: ["analytics"] }, value: "v2|r2|t5|analytics:1|embeds:1" },
    { config: analytics, basis: { objection: ["analytics"] }, value: "v1|r2|t5|analytics:0+hotjar|embeds:0" },
    { config: { ...analytics, revision: 1 }, basis: { objection: ["analytics"] }, value: "deny" },
    { config: both, basis: { objection: ["analytics", "embeds"] }, value: "v2|r2|t5|analytics:1|embeds:0+youtube" },
    { config: both, basis: { objection: ["analytics", "embeds"] }, value: "v2|r2|t5|analytics:0|embeds:0" },
  ];
  const h = await createHarness();
  try {
    const seen = new Set();
    for (const { config, basis, value } of cases) {
      const s = await teamSession(h, config, { value });
      await s.settle();
      const stored = await s.page.evaluate(() => window.consentBanner.get());
      const decided = await ran(s.page);
      await s.close();
      const what = `${value} at revision ${config.revision}`;
      assert.equal(readConsent(C(value), config.revision, BUILT_IN, basis), null, `not current for the snippet: ${what}`);
      assert.equal(stored, null, `not current for the component: ${what}`);
      const snippet = presumedConsent(BUILT_IN, basis, C(value));
      const want = { analytics: snippet.categories.includes("analytics"), youtube: snippet.services.includes("youtube") };
      assert.deepEqual(decided, want, `the component runs what presumedConsent grants: ${what}`);
      seen.add(JSON.stringify(want));
    }
    assert.ok(seen.size >= 3, `the cases presume different things: ${[...seen].join(", ")}`);
  } finally {
    await h.close();
  }
});

// Needs the component's GPC-over-`i` rule (core::consent::resolve's `gpc`): fails against a build
// from before it, which reads a stored `i` as granted under the signal.
test("under GPC the built component reads `i` and `1` as the snippet does (GPC-over-`i` build)", { timeout: 120_000 }, async () => {
  const { createHarness } = await import("./helpers.mjs");
  const { readConsent } = await import(pathToFileURL(NODE_SNIPPET).href);
  const uncovered = { categories: [{ id: "analytics", basis: "objection", gpc: false }] };
  const both = { categories: [{ id: "analytics", basis: "objection" }, { id: "embeds", basis: "objection" }] };
  const cases = [
    { config: ANALYTICS_OBJECTION, basis: { objection: ["analytics"] }, value: "v2|r0|t1|analytics:i|embeds:0" },
    { config: ANALYTICS_OBJECTION, basis: { objection: ["analytics"] }, value: "v2|r0|t1|analytics:i|embeds:0+youtube" },
    { config: ANALYTICS_OBJECTION, basis: { objection: ["analytics"] }, value: "v2|r0|t1|analytics:1|embeds:0" },
    { config: uncovered, basis: { objection: ["analytics"], gpcCovers: [] }, value: "v2|r0|t1|analytics:i|embeds:0" },
    { config: both, basis: { objection: ["analytics", "embeds"] }, value: "v2|r0|t1|analytics:i|embeds:i" },
  ];
  const h = await createHarness();
  try {
    for (const { config, basis, value } of cases) {
      const s = await teamSession(h, config, { value, gpc: true });
      await s.settle();
      const choice = await s.page.evaluate(() => window.consentBanner.get());
      const decided = await ran(s.page);
      await s.close();
      const snippet = readConsent(C(value), 0, BUILT_IN, { ...basis, gpc: true });
      const what = `${value} with GPC, ${JSON.stringify(config)}`;
      assert.notEqual(snippet, null, `a current choice for the snippet: ${what}`);
      const component =
        choice === null
          ? null
          : got(
              CATS.filter((id) => choice[id] === true),
              Object.values(BUILT_IN).flat().filter((id) => choice.services?.[id] === true),
            );
      assert.deepEqual(component, snippet, `get() and readConsent agree: ${what}`);
      const want = { analytics: snippet.categories.includes("analytics"), youtube: snippet.services.includes("youtube") };
      assert.deepEqual(decided, want, `the component runs what readConsent grants: ${what}`);
    }
  } finally {
    await h.close();
  }
});

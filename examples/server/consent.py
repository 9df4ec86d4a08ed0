import re


def read_consent(cookie_header, revision, categories, objection=(), gpc=False, gpc_covers=("analytics", "marketing")):
    """What a visitor granted, read from a request's Cookie header exactly as consent-banner reads
    `cookieconsent_status` in the browser. `revision` is the config's `revision` (0 when not set);
    `categories` maps each optional category id (not `necessary`) to its service ids, in config
    order, for example {"analytics": ["google-analytics", "hotjar"], "embeds": ["youtube", "twitter"]}.
    `objection` lists the categories whose config `basis` is "objection": `i` (informed, did not
    object) grants those, and is no answer for the others. `gpc` is whether the request sends
    Global Privacy Control (`Sec-GPC: 1`), `gpc_covers` the categories the config's `gpc` marks (by
    default `analytics` and `marketing`, as in the component): while the signal is sent, `i` on
    those reads as refused (the signal objects); `1` (an opt-in) stands.
    Returns the granted category ids and the granted service ids, in that order, or None when there
    is no current choice: the visitor will be asked, and what counts until then is
    presumed_consent(categories, ..., cookie_header=...). A service is granted when its category
    is, or when the visitor granted it alone.
    WSGI: read_consent(environ.get("HTTP_COOKIE"), 0, {"analytics": ["hotjar"], "embeds": ["youtube"]})
      -> {"categories": ["analytics"], "services": ["hotjar"]}
    """
    stored = _stored_consent(cookie_header, categories)
    if stored is None or stored["revision"] < revision:
        return None  # unreadable (or `dismiss`, or no cookie), or older: ask again
    answers = stored["answers"]
    # A category the visitor was never asked about, or `i` on one that needs consent (now): ask again.
    if any(category not in answers or (answers[category] == "i" and category not in objection) for category in categories):
        return None

    def granted(category):
        return answers[category] == "1" or (answers[category] == "i" and not (gpc and category in gpc_covers))

    return {
        "categories": [category for category in categories if granted(category)],
        "services": [service for category in categories for service in categories[category]
                     if granted(category) or service in stored["listed"]],
    }


def presumed_consent(categories, objection=(), gpc=False, gpc_covers=("analytics", "marketing"), cookie_header=None):
    """What counts when read_consent returns None, in its shape: the objection-basis categories
    (and their services), except those Global Privacy Control covers when the request sends it,
    and except those an outdated value in `cookie_header` refused: that refusal stands as an
    objection (but the services it granted alone in them stay granted).
    WSGI: basis = {"objection": ["analytics"], "gpc": environ.get("HTTP_SEC_GPC") == "1"}
      read_consent(environ.get("HTTP_COOKIE"), 0, {"analytics": ["hotjar"], "embeds": []}, **basis)
        or presumed_consent({"analytics": ["hotjar"], "embeds": []}, **basis, cookie_header=environ.get("HTTP_COOKIE"))
      -> {"categories": ["analytics"], "services": ["hotjar"]} before any choice, without GPC
    """
    presumed = [category for category in categories if category in objection and not (gpc and category in gpc_covers)]
    earlier = _stored_consent(cookie_header, categories) or {"answers": {}, "listed": []}

    def objected(category):
        return earlier["answers"].get(category) == "0"

    return {
        "categories": [category for category in presumed if not objected(category)],
        "services": [service for category in presumed for service in categories[category]
                     if not objected(category) or service in earlier["listed"]],
    }


def granted_categories(cookie_header, revision, categories, objection=(), **basis):
    """The form before services: category ids in, granted category ids (or None) out.
    WSGI: granted_categories(environ.get("HTTP_COOKIE"), 0, ["analytics", "embeds"]) -> ["analytics"]
    """
    consent = read_consent(cookie_header, revision, {category: [] for category in categories}, objection, **basis)
    return None if consent is None else consent["categories"]


def _stored_consent(cookie_header, categories):
    """The cookie's value decoded, whatever its revision: {"revision", "answers": category id -> "1",
    "i" or "0", "listed": the services granted inside refused categories}, or None when unreadable."""
    value = ""
    for part in (cookie_header or "").split(";"):
        name, eq, rest = part.partition("=")
        if eq and name.strip(" \t") == "cookieconsent_status":
            value = rest.strip(" \t")  # the first one wins
            break
    if value in ("allow", "deny"):
        # Written by Osano's cookieconsent: everything granted or refused, at revision 0.
        return {"revision": 0, "answers": {category: "1" if value == "allow" else "0" for category in categories}, "listed": []}
    # v2 lists after a refused category the services granted in it: `embeds:0+youtube+twitter`.
    record = re.fullmatch(
        r"v([12])\|r(0|[1-9][0-9]*)\|t(0|[1-9][0-9]*)((?:\|[a-z][a-z0-9_-]{0,31}:(?:1|i|0(?:\+[a-z][a-z0-9_-]{0,31})*))*)", value
    )
    v1_with_v2 = record is not None and record[1] == "1" and re.search(r"[+]|:i", value)  # v1 had no services and no `i`
    if not record or v1_with_v2 or len(value) > 200 or int(record[2]) > 4294967295 or int(record[3]) > 18446744073709551615:
        return None
    grants = [re.split(r"[:+]", grant) for grant in record[4].split("|")[1:]]  # [category, flag, *services]
    listed = [service for grant in grants for service in grant[2:]]
    named = [grant[0] for grant in grants] + listed
    if len(set(named)) != len(named):
        return None  # each id once, categories and services together
    return {"revision": int(record[2]), "answers": {grant[0]: grant[1] for grant in grants}, "listed": listed}

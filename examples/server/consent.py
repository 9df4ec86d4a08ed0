import re


def read_consent(cookie_header, revision, categories, objection=(), gpc=False, gpc_covers=()):
    """What a visitor granted, read from a request's Cookie header exactly as consent-banner reads
    `cookieconsent_status` in the browser. `revision` is the config's `revision` (0 when not set);
    `categories` maps each optional category id (not `necessary`) to its service ids, in config
    order, for example {"analytics": ["google-analytics", "hotjar"], "embeds": ["youtube", "twitter"]}.
    `objection` lists the categories whose config `basis` is "objection": `i` (informed, did not
    object) grants those, and is no answer for the others. `gpc` and `gpc_covers` are
    presumed_consent's, taken here too so that one `**basis` serves both; a choice once made is
    the visitor's, whatever the signal.
    Returns the granted category ids and the granted service ids, in that order, or None when there
    is no current choice: the visitor will be asked, and what counts until then is
    presumed_consent(categories, ...). A service is granted when its category is, or when the
    visitor granted it alone.
    WSGI: read_consent(environ.get("HTTP_COOKIE"), 0, {"analytics": ["hotjar"], "embeds": ["youtube"]})
      -> {"categories": ["analytics"], "services": ["hotjar"]}
    """
    value = ""
    for part in (cookie_header or "").split(";"):
        name, eq, rest = part.partition("=")
        if eq and name.strip(" \t") == "cookieconsent_status":
            value = rest.strip(" \t")  # the first one wins
            break
    listed = []  # services granted inside a refused category
    if value in ("allow", "deny"):
        # Written by Osano's cookieconsent: everything granted or refused, at revision 0.
        if revision > 0:
            return None
        answers = {category: value == "allow" for category in categories}
    else:
        # v2 lists after a refused category the services granted in it: `embeds:0+youtube+twitter`.
        record = re.fullmatch(
            r"v([12])\|r(0|[1-9][0-9]*)\|t(0|[1-9][0-9]*)((?:\|[a-z][a-z0-9_-]{0,31}:(?:1|i|0(?:\+[a-z][a-z0-9_-]{0,31})*))*)", value
        )
        v1_with_v2 = record is not None and record[1] == "1" and re.search(r"[+]|:i", value)  # v1 had no services and no `i`
        if not record or v1_with_v2 or len(value) > 200 or int(record[2]) > 4294967295 or int(record[3]) > 18446744073709551615:
            return None  # unreadable (or `dismiss`, or no cookie)
        if int(record[2]) < revision:
            return None  # an older revision: ask again
        grants = [re.split(r"[:+]", grant) for grant in record[4].split("|")[1:]]  # [category, flag, *services]
        listed = [service for grant in grants for service in grant[2:]]
        named = [grant[0] for grant in grants] + listed
        if len(set(named)) != len(named):
            return None  # each id once, categories and services together
        # `i` on a category that needs consent (now) is no answer: the visitor is asked.
        if any(grant[1] == "i" and grant[0] in categories and grant[0] not in objection for grant in grants):
            return None
        answers = {grant[0]: grant[1] != "0" for grant in grants}
    # A category the visitor was never asked about: ask again.
    if not all(category in answers for category in categories):
        return None
    return {
        "categories": [category for category in categories if answers[category]],
        "services": [service for category in categories for service in categories[category]
                     if answers[category] or service in listed],
    }


def presumed_consent(categories, objection=(), gpc=False, gpc_covers=("analytics", "marketing")):
    """What counts before any choice, as read_consent's result: the objection-basis categories (and
    their services), except those Global Privacy Control covers when the request sends it
    (`Sec-GPC: 1`). `gpc_covers` is the categories the config's `gpc` marks; by default
    `analytics` and `marketing`, as in the component.
    WSGI: basis = {"objection": ["analytics"], "gpc": environ.get("HTTP_SEC_GPC") == "1"}
      read_consent(environ.get("HTTP_COOKIE"), 0, {"analytics": ["hotjar"], "embeds": []}, **basis)
        or presumed_consent({"analytics": ["hotjar"], "embeds": []}, **basis)
      -> {"categories": ["analytics"], "services": ["hotjar"]} before any choice, without GPC
    """
    granted = [category for category in categories if category in objection and not (gpc and category in gpc_covers)]
    return {"categories": granted, "services": [service for category in granted for service in categories[category]]}


def granted_categories(cookie_header, revision, categories, objection=()):
    """The form before services: category ids in, granted category ids (or None) out.
    WSGI: granted_categories(environ.get("HTTP_COOKIE"), 0, ["analytics", "embeds"]) -> ["analytics"]
    """
    consent = read_consent(cookie_header, revision, {category: [] for category in categories}, objection)
    return None if consent is None else consent["categories"]

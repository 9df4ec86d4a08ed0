import re


def granted_categories(cookie_header, revision, categories):
    """Which categories a visitor granted, read from a request's Cookie header exactly as
    consent-banner reads `cookieconsent_status` in the browser. `revision` is the config's
    `revision` (0 when not set); `categories` is its optional category ids (not `necessary`), for
    example ["analytics", "embeds"]. Returns the granted ids in the order of `categories`, or None
    when there is no current choice: ask, and run nothing optional.
    WSGI: granted_categories(environ.get("HTTP_COOKIE"), 0, ["analytics", "embeds"])
    """
    value = ""
    for part in (cookie_header or "").split(";"):
        name, eq, rest = part.partition("=")
        if eq and name.strip(" \t") == "cookieconsent_status":
            value = rest.strip(" \t")  # the first one wins
            break
    if value in ("allow", "deny"):
        # Written by Osano's cookieconsent: every category granted or refused, at revision 0.
        if revision > 0:
            return None
        return list(categories) if value == "allow" else []
    v1 = re.fullmatch(r"v1\|r(0|[1-9][0-9]*)\|t(0|[1-9][0-9]*)((?:\|[a-z][a-z0-9_-]{0,31}:[01])*)", value)
    if not v1 or len(value) > 200 or int(v1[1]) > 4294967295 or int(v1[2]) > 18446744073709551615:
        return None  # unreadable (or `dismiss`, or no cookie)
    if int(v1[1]) < revision:
        return None  # an older revision: ask again
    granted = {}
    for grant in v1[3].split("|")[1:]:
        category, flag = grant.split(":")
        if category in granted:
            return None  # each category once
        granted[category] = flag == "1"
    # A category the visitor was never asked about: ask again.
    if not all(category in granted for category in categories):
        return None
    return [category for category in categories if granted[category]]

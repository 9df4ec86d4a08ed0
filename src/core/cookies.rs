//! Cookie names, patterns and deletion, without a browser.
//!
//! A page cannot list a cookie's domain or path, only its name, so deleting "on every domain and
//! path" means expiring the name once for each domain and path it could have been set with.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::core::text::{concat, decimal, find_bytes, split_byte, split_once_byte};

/// Parses `document.cookie` into `(name, value)` pairs, in order. Malformed parts are skipped.
pub fn parse_jar(jar: &str) -> Vec<(&str, &str)> {
    split_byte(jar, b';')
        .filter_map(|part| {
            let part = part.trim();
            let (name, value) = split_once_byte(part, b'=').unwrap_or(("", part));
            (!name.is_empty()).then_some((name.trim(), value.trim()))
        })
        .collect()
}

/// Whether `name` matches `pattern`, where `*` in the pattern stands for any run of characters.
pub fn matches(pattern: &str, name: &str) -> bool {
    let mut pieces = split_byte(pattern, b'*');
    let Some(first) = pieces.next() else {
        return false;
    };
    let Some(mut rest) = name.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = pieces.collect();
    let Some((last, middle)) = pieces.split_last() else {
        return rest.is_empty(); // no `*`: exact match
    };
    for piece in middle {
        if piece.is_empty() {
            continue; // `**`
        }
        match find_bytes(rest, piece).and_then(|i| rest.get(i + piece.len()..)) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// The `document.cookie` assignment that sets a first-party cookie for `days` days on `Path=/`,
/// `SameSite=Lax`, `Secure` when the page is on https, and shared with every subdomain of
/// `domain` when one is given.
pub fn set_assignment(
    name: &str,
    value: &str,
    days: u32,
    secure: bool,
    domain: Option<&str>,
) -> String {
    let max_age = decimal(u64::from(days) * 86_400);
    let mut line = concat(&[
        name,
        "=",
        value,
        "; Path=/; Max-Age=",
        &max_age,
        "; SameSite=Lax",
    ]);
    if let Some(domain) = domain {
        line.push_str("; Domain=");
        line.push_str(domain);
    }
    if secure {
        line.push_str("; Secure");
    }
    line
}

/// Whether a cookie set with `Domain=domain` reaches `host`: the host is the domain or one of its
/// subdomains (browsers ignore any other `Domain`).
pub fn domain_covers(domain: &str, host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// The `document.cookie` assignment for a session cookie (gone when the browser closes) on
/// `Path=/`, `SameSite=Lax`, `Secure` on https: Google Translate's `googtrans` is one.
pub fn session_assignment(name: &str, value: &str, secure: bool) -> String {
    let mut line = concat(&[name, "=", value, "; Path=/; SameSite=Lax"]);
    if secure {
        line.push_str("; Secure");
    }
    line
}

/// The `document.cookie` assignments that expire `name` on `host` and its parent domains, for the
/// current path and each of its ancestors (with and without a trailing slash).
pub fn expiry_assignments(name: &str, host: &str, path: &str) -> Vec<String> {
    let mut domains: Vec<Option<&str>> = vec![None];
    // IPv6 hosts come bracketed; an IPv4 address is digits and dots (no top-level domain is all
    // digits). Cheaper than parsing an IpAddr, which costs the first stage a kilobyte.
    let is_ip = host.starts_with('[') || host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if !is_ip {
        let mut domain = host;
        loop {
            domains.push(Some(domain));
            match split_once_byte(domain, b'.') {
                Some((_, parent)) if parent.as_bytes().contains(&b'.') => domain = parent,
                _ => break,
            }
        }
    }
    let mut paths = vec!["/".to_owned()];
    let mut prefix = String::new();
    for segment in split_byte(path, b'/').filter(|s| !s.is_empty()) {
        prefix.push('/');
        prefix.push_str(segment);
        paths.push(prefix.clone());
        paths.push(prefix.clone() + "/");
    }
    let mut out = Vec::with_capacity(domains.len() * paths.len());
    for domain in &domains {
        for path in &paths {
            let mut line = crate::core::text::concat(&[name, "=; Max-Age=0; Path=", path]);
            if let Some(domain) = domain {
                line.push_str("; Domain=");
                line.push_str(domain);
            }
            out.push(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_cookie_header() {
        assert_eq!(
            parse_jar("_ga=GA1.1.2; cookieconsent_status=v1|r0|t1;  flag ; empty="),
            vec![
                ("_ga", "GA1.1.2"),
                ("cookieconsent_status", "v1|r0|t1"),
                ("empty", "")
            ]
        );
        assert!(parse_jar("").is_empty());
    }

    #[test]
    fn matches_names_and_patterns() {
        assert!(matches("_ga", "_ga"));
        assert!(!matches("_ga", "_gat"));
        assert!(matches("_ga_*", "_ga_ABC123"));
        assert!(!matches("_ga_*", "_ga"));
        assert!(matches("_hj*", "_hjSessionUser_123"));
        assert!(matches("AMCV_*", "AMCV_1234%40AdobeOrg"));
        assert!(matches("*_id", "guest_id"));
        assert!(matches("a*b*c", "aXXbYYc"));
        assert!(!matches("a*b*c", "aXXcYYb"));
        assert!(!matches("_hj*", "hj"));
    }

    #[test]
    fn expires_on_every_parent_domain_and_path() {
        let lines = expiry_assignments("_ga", "www.health.example.org", "/careers/paramedic");
        assert!(lines.contains(&"_ga=; Max-Age=0; Path=/".to_owned()));
        assert!(
            lines.contains(&"_ga=; Max-Age=0; Path=/; Domain=www.health.example.org".to_owned())
        );
        assert!(lines.contains(&"_ga=; Max-Age=0; Path=/; Domain=health.example.org".to_owned()));
        assert!(lines.contains(&"_ga=; Max-Age=0; Path=/; Domain=example.org".to_owned()));
        assert!(lines.contains(&"_ga=; Max-Age=0; Path=/careers/; Domain=example.org".to_owned()));
        assert!(lines.contains(&"_ga=; Max-Age=0; Path=/careers/paramedic".to_owned()));
        assert!(!lines.iter().any(|l| l.ends_with("Domain=org")));
        // 4 domain forms (host-only + 3) x 5 paths
        assert_eq!(lines.len(), 20);
    }

    #[test]
    fn sets_path_samesite_lifetime_and_secure_on_https() {
        assert_eq!(
            set_assignment("cookieconsent_status", "v1|r0|t1", 365, true, None),
            "cookieconsent_status=v1|r0|t1; Path=/; Max-Age=31536000; SameSite=Lax; Secure"
        );
        assert_eq!(
            set_assignment("a", "b", 1, false, None),
            "a=b; Path=/; Max-Age=86400; SameSite=Lax"
        );
        assert_eq!(
            session_assignment("googtrans", "/en/cy", false),
            "googtrans=/en/cy; Path=/; SameSite=Lax"
        );
        assert_eq!(
            session_assignment("googtrans", "/en/cy", true),
            "googtrans=/en/cy; Path=/; SameSite=Lax; Secure"
        );
    }

    #[test]
    fn no_domain_attribute_for_ip_hosts() {
        let lines = expiry_assignments("_gid", "127.0.0.1", "/");
        assert_eq!(lines, vec!["_gid=; Max-Age=0; Path=/".to_owned()]);
    }

    #[test]
    fn shared_domain_cookies() {
        assert_eq!(
            set_assignment("c", "v", 1, true, Some("example.gov.uk")),
            "c=v; Path=/; Max-Age=86400; SameSite=Lax; Domain=example.gov.uk; Secure"
        );
        assert!(domain_covers("example.gov.uk", "www.example.gov.uk"));
        assert!(domain_covers("example.gov.uk", "Example.gov.uk"));
        assert!(!domain_covers("example.gov.uk", "badexample.gov.uk"));
        assert!(!domain_covers("example.gov.uk", "example.gov.uk.evil.test"));
    }
}

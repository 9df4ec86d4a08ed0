//! URL rules: which URLs the component will use, and who provides an embed.

#[allow(unused_imports)]
use crate::prelude::*;

/// Whether `url` is `http:`/`https:` or relative (no scheme). Everything else (`javascript:`,
/// `data:`, `vbscript:`, control characters that browsers strip before the scheme) is refused.
pub fn is_safe_url(url: &str) -> bool {
    if url.is_empty() || url.bytes().any(|b| b <= b' ' || b == 0x7F) {
        // Browsers strip tabs and newlines inside URLs ("java\tscript:"), so refuse any.
        return false;
    }
    // A scheme is whatever precedes the first ':' if that comes before any '/', '?' or '#'.
    // By bytes, not `find`: a char searcher brings slice indexing's panic path (`core::fmt`).
    match url
        .bytes()
        .position(|b| matches!(b, b':' | b'/' | b'?' | b'#'))
    {
        Some(i) if url.as_bytes().get(i) == Some(&b':') => {
            let scheme = url.get(..i).unwrap_or_default();
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
        }
        _ => true,
    }
}

/// The host part of an absolute or scheme-relative URL, as written (compare it with [`within`]).
/// By bytes: char patterns bring a `CharIndices` searcher into the first stage.
pub fn host_part(url: &str) -> Option<&str> {
    let bytes = url.as_bytes();
    // `//host` (scheme-relative), or `scheme://host`: a `//` anywhere else (in a path or a
    // query, `/player?u=https://…`) does not name the host.
    let start = if bytes.starts_with(b"//") {
        2
    } else {
        let colon = bytes
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))?;
        if colon == 0 || bytes.get(colon..colon + 3) != Some(b"://") {
            return None;
        }
        colon + 3
    };
    let rest = bytes.get(start..)?;
    // Browsers end the authority at `\` too, as at `/`.
    let end = rest
        .iter()
        .position(|b| matches!(b, b'/' | b'?' | b'#' | b'\\'))
        .unwrap_or(rest.len());
    let authority = rest.get(..end)?;
    // After the last '@' (user info), before the port.
    let from = authority
        .iter()
        .rposition(|b| *b == b'@')
        .map_or(0, |at| at + 1);
    let host = authority.get(from..)?;
    let to = host.iter().position(|b| *b == b':').unwrap_or(host.len());
    let host = url.get(start + from..start + from + to)?;
    (!host.is_empty()).then_some(host)
}

/// The host part of an absolute or scheme-relative URL, lowercased.
pub fn host_of(url: &str) -> Option<String> {
    host_part(url).map(str::to_ascii_lowercase)
}

/// Whether `host` is `domain` or a subdomain of it, ignoring ASCII case.
pub fn within(host: &str, domain: &str) -> bool {
    let (host, domain) = (host.as_bytes(), domain.as_bytes());
    let Some(cut) = host.len().checked_sub(domain.len()) else {
        return false;
    };
    host.get(cut..)
        .is_some_and(|tail| tail.eq_ignore_ascii_case(domain))
        && (cut == 0 || host.get(cut - 1) == Some(&b'.'))
}

/// The name a visitor knows the provider of an embed by, from its URL.
pub fn provider_name(url: &str) -> String {
    let Some(host) = host_of(url) else {
        return "Embedded".to_owned();
    };
    const KNOWN: [(&str, &str); 9] = [
        ("youtube.com", "YouTube"),
        ("youtube-nocookie.com", "YouTube"),
        ("youtu.be", "YouTube"),
        ("brightcove.net", "Brightcove"),
        ("twitter.com", "Twitter/X"),
        ("x.com", "Twitter/X"),
        ("linkedin.com", "LinkedIn"),
        ("translate.google.com", "Google Translate"),
        ("vimeo.com", "Vimeo"),
    ];
    for (domain, name) in KNOWN {
        if host == domain || host.strip_suffix(domain).is_some_and(|h| h.ends_with('.')) {
            return name.to_owned();
        }
    }
    host.strip_prefix("www.").unwrap_or(&host).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_https_and_relative() {
        for url in [
            "https://www.youtube-nocookie.com/embed/x",
            "HTTP://example.org",
            "/cookies",
            "cookies.html",
            "../a?b=c:d",
            "#settings",
            "//cdn.example.org/a.js",
            "?page=1",
        ] {
            assert!(is_safe_url(url), "{url}");
        }
    }

    #[test]
    fn refuses_other_schemes_and_tricks() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
            "",
            "https://ex ample.org",
        ] {
            assert!(!is_safe_url(url), "{url:?}");
        }
    }

    #[test]
    fn names_providers() {
        assert_eq!(
            provider_name("https://www.youtube-nocookie.com/embed/abc"),
            "YouTube"
        );
        assert_eq!(
            provider_name("https://players.brightcove.net/1/default_default/index.html"),
            "Brightcove"
        );
        assert_eq!(
            provider_name("https://platform.twitter.com/embed"),
            "Twitter/X"
        );
        assert_eq!(
            provider_name("https://www.linkedin.com/embed/feed"),
            "LinkedIn"
        );
        assert_eq!(
            provider_name("https://www.example.org:8443/x"),
            "example.org"
        );
        assert_eq!(provider_name("/local/video"), "Embedded");
        // User info is not the host: the host follows the last '@'.
        assert_eq!(provider_name("https://u:p@www.youtube.com/x"), "YouTube");
        assert_eq!(provider_name("https://a@b@vimeo.com/x"), "Vimeo");
        assert_eq!(provider_name("https://notyoutube.com/x"), "notyoutube.com");
    }

    #[test]
    fn hosts_and_domains() {
        assert_eq!(
            host_part("https://user@WWW.YouTube.com:443/embed?x#y"),
            Some("WWW.YouTube.com")
        );
        assert_eq!(host_part("//cdn.example/x"), Some("cdn.example"));
        assert_eq!(host_part("/relative/path"), None);
        assert_eq!(host_part("https:///nohost"), None);
        assert_eq!(
            host_part("/player?u=https://www.youtube.com/x"),
            None,
            "a // in the query"
        );
        assert_eq!(host_part("page.html#//www.youtube.com"), None);
        assert_eq!(
            host_part("https://evil.example\\@www.youtube.com/"),
            Some("evil.example")
        );
        assert_eq!(host_part("HTTPS://Cdn.Example/x"), Some("Cdn.Example"));
        assert!(within("WWW.YouTube.com", "youtube.com"));
        assert!(within("youtube.com", "youtube.com"));
        assert!(!within("notyoutube.com", "youtube.com"));
        assert!(!within("com", "youtube.com"));
        assert!(!within("youtube.com.evil.example", "youtube.com"));
    }
}

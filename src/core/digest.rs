//! The config digest: what the first stage needs of a validated config, as a short text.
//!
//! A returning visitor's page should not pay for config validation (serde, the texts, the UI) on
//! every view. So the full stage, once it has validated a site's config, stores this digest in
//! `localStorage` under a fingerprint of the config's source text. The first stage fingerprints
//! the source it finds; when the fingerprint matches it acts on the digest alone, and otherwise it
//! hands the page to the full stage, which validates again. A config that never validated never
//! gets a digest, so it never runs anything optional.
//!
//! Format (version 2), one record a line, fields separated by tabs, `%`, tab, newline and space
//! percent-escaped:
//!
//! ```text
//! cb3
//! r <revision>
//! m <auto | on | off>
//! t <consent type> <required categories>      (one line per type)
//! c <id> <changedIn> <flags> <cookie pattern …> (one line per category, necessary first;
//!                                              flags: `o` objection basis, `g` GPC covers it,
//!                                              `-` neither)
//! v <id> <category> <host …> <cookie pattern …> (one line per service)
//! n <host …>                                 (the hosts `necessary` loads from, when it
//!                                              names any: only in the audit's copy, never
//!                                              stored, so the first stage reads no such line)
//! b <toolbar target selector>
//! s                                          (a settings page is configured)
//! f                                          (the full stage must run: warnUndeclaredCookies,
//!                                              audit)
//! ```

#[allow(unused_imports)]
use crate::prelude::*;

use crate::core::text::{concat, decimal, split_byte, split_once_byte};

use super::consent::NECESSARY;
use super::consent::{Basis, Optional, Policy};
use super::consent_mode::{ConsentMode, Setting};
use super::cookies;

/// The digest format's first line; a new format gets a new one.
const MAGIC: &str = "cb3";

/// One category as the first stage needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The category id.
    pub id: String,
    /// The revision its description last changed in.
    pub changed_in: u32,
    /// Its basis.
    pub basis: Basis,
    /// Whether Global Privacy Control covers it.
    pub gpc: bool,
    /// Whether the banner asks or informs about it.
    pub banner: bool,
    /// Its cookie names and patterns, space-separated as the digest stores them (split where
    /// used: a `Vec` a field costs the first stage its collect and drop code).
    pub cookies: String,
}

/// One service as the first stage needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRule {
    /// The service id.
    pub id: String,
    /// Its category's id.
    pub category: String,
    /// The hosts it loads from (each covers its subdomains), space-separated.
    pub hosts: String,
    /// Its cookie names and patterns, space-separated.
    pub cookies: String,
}

/// What the first stage needs of a validated config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    /// The policy revision.
    pub revision: u32,
    /// Every category, `necessary` first.
    pub categories: Vec<Rule>,
    /// Every service, in config order.
    pub services: Vec<ServiceRule>,
    /// The third-party hosts `necessary` loads from, space-separated: the audit's to allow (not
    /// in the first stage, which never reads them).
    #[cfg(any(feature = "full", feature = "audit"))]
    pub necessary_hosts: String,
    /// Google Consent Mode settings.
    pub consent_mode: ConsentMode,
    /// The accessibility toolbar's target selector.
    pub toolbar: String,
    /// Whether `settingsUrl` is set (then `[data-consent-open]` links are simply followed).
    pub settings_page: bool,
    /// Whether the config asks for something only the full stage does on every page
    /// (`warnUndeclaredCookies`, `audit`).
    pub full: bool,
}

impl Digest {
    /// The stored text.
    pub fn encode(&self) -> String {
        let mut out = String::from(MAGIC);
        let mut line = |fields: &[&str]| {
            out.push('\n');
            for (i, field) in fields.iter().enumerate() {
                if i > 0 {
                    out.push('\t');
                }
                escape_into(&mut out, field);
            }
        };
        line(&["r", &decimal(u64::from(self.revision))]);
        let mode = match self.consent_mode.setting {
            Setting::Auto => "auto",
            Setting::On => "on",
            Setting::Off => "off",
        };
        line(&["m", mode]);
        for (kind, required) in &self.consent_mode.types {
            line(&["t", kind, required]);
        }
        for rule in &self.categories {
            let changed_in = decimal(u64::from(rule.changed_in));
            let mut flags = String::new();
            for (set, flag) in [
                (rule.basis == Basis::Objection, 'o'),
                (rule.gpc, 'g'),
                (rule.banner, 'b'),
            ] {
                if set {
                    flags.push(flag);
                }
            }
            if flags.is_empty() {
                flags.push('-');
            }
            line(&["c", &rule.id, &changed_in, &flags, &rule.cookies]);
        }
        for rule in &self.services {
            line(&["v", &rule.id, &rule.category, &rule.hosts, &rule.cookies]);
        }
        line(&["b", &self.toolbar]);
        if self.settings_page {
            line(&["s"]);
        }
        if self.full {
            line(&["f"]);
        }
        out
    }

    /// The text the audit starts with: the stored text and, when `necessary` names hosts, their
    /// line (kept out of the stored text, so a returning visitor's first stage pays nothing for
    /// the audit).
    #[cfg(feature = "full")]
    pub fn encode_for_audit(&self) -> String {
        let mut out = self.encode();
        if !self.necessary_hosts.is_empty() {
            out.push_str("\nn\t");
            escape_into(&mut out, &self.necessary_hosts);
        }
        out
    }

    /// Reads a stored text (or the audit's); `None` for anything not written by
    /// [`Digest::encode`].
    pub fn decode(text: &str) -> Option<Self> {
        let mut lines = split_byte(text, b'\n');
        if lines.next()? != MAGIC {
            return None;
        }
        let mut digest = Self {
            revision: 0,
            categories: Vec::new(),
            services: Vec::new(),
            #[cfg(any(feature = "full", feature = "audit"))]
            necessary_hosts: String::new(),
            consent_mode: ConsentMode {
                setting: Setting::Auto,
                types: Vec::new(),
            },
            toolbar: String::new(),
            settings_page: false,
            full: false,
        };
        let (mut revision, mut mode, mut toolbar) = (false, false, false);
        for line in lines {
            let fields: Vec<String> = split_byte(line, b'\t')
                .map(unescape)
                .collect::<Option<_>>()?;
            match fields.iter().map(String::as_str).collect::<Vec<_>>()[..] {
                ["r", r] => {
                    digest.revision = r.parse().ok()?;
                    revision = true;
                }
                ["m", m] => {
                    digest.consent_mode.setting = match m {
                        "auto" => Setting::Auto,
                        "on" => Setting::On,
                        "off" => Setting::Off,
                        _ => return None,
                    };
                    mode = true;
                }
                ["t", kind, required] => digest
                    .consent_mode
                    .types
                    .push((kind.to_owned(), required.to_owned())),
                ["c", id, changed_in, flags, names] => {
                    // Each flag once, in the order written ("-" alone for none).
                    let rest = flags.strip_prefix('o');
                    let basis = match rest {
                        Some(_) => Basis::Objection,
                        None => Basis::Consent,
                    };
                    let rest = rest.unwrap_or(flags);
                    let gpc = rest.starts_with('g');
                    let rest = rest.strip_prefix('g').unwrap_or(rest);
                    let banner = match rest {
                        "b" => true,
                        "" => false,
                        "-" if flags == "-" => false,
                        _ => return None,
                    };
                    if flags.is_empty() {
                        return None;
                    }
                    digest.categories.push(Rule {
                        id: id.to_owned(),
                        changed_in: changed_in.parse().ok()?,
                        basis,
                        gpc,
                        banner,
                        cookies: names.to_owned(),
                    });
                }
                ["v", id, category, hosts, names] => digest.services.push(ServiceRule {
                    id: id.to_owned(),
                    category: category.to_owned(),
                    hosts: hosts.to_owned(),
                    cookies: names.to_owned(),
                }),
                #[cfg(any(feature = "full", feature = "audit"))]
                ["n", hosts] => digest.necessary_hosts = hosts.to_owned(),
                ["b", target] => {
                    digest.toolbar = target.to_owned();
                    toolbar = true;
                }
                ["s"] => digest.settings_page = true,
                ["f"] => digest.full = true,
                _ => return None,
            }
        }
        let necessary_first = digest.categories.first().is_some_and(|c| c.id == NECESSARY);
        (revision && mode && toolbar && necessary_first).then_some(digest)
    }
}

impl Digest {
    /// The service that markup gated on `required` (space-separated categories) belongs to: the
    /// one it names (`data-service`), or else the first that loads from `host`; either way, a
    /// service of one of the required categories, which alone can unlock the markup.
    pub fn service_of(&self, required: &str, named: Option<&str>, host: &str) -> Option<&str> {
        let required = |category: &str| required.split_ascii_whitespace().any(|c| c == category);
        self.services
            .iter()
            .find(|s| {
                required(&s.category)
                    && match named {
                        Some(id) => s.id == id,
                        None => s
                            .hosts
                            .split_ascii_whitespace()
                            .any(|h| crate::core::url::within(host, h)),
                    }
            })
            .map(|s| s.id.as_str())
    }
}

impl Policy for Digest {
    fn revision(&self) -> u32 {
        self.revision
    }

    fn optional(&self) -> Vec<Optional<'_>> {
        self.categories
            .iter()
            .filter(|c| c.id != NECESSARY)
            .map(|c| Optional {
                id: c.id.as_str(),
                changed_in: c.changed_in,
                basis: c.basis,
                gpc: c.gpc,
                banner: c.banner,
            })
            .collect()
    }

    fn services(&self) -> Vec<(&str, &str)> {
        self.services
            .iter()
            .map(|s| (s.id.as_str(), s.category.as_str()))
            .collect()
    }

    fn declares(&self, owner: &str, cookie: &str) -> bool {
        let matches = |patterns: &str| {
            patterns
                .split_ascii_whitespace()
                .any(|p| cookies::matches(p, cookie))
        };
        self.categories
            .iter()
            .any(|c| c.id == owner && matches(&c.cookies))
            || self
                .services
                .iter()
                .any(|s| (s.id == owner || s.category == owner) && matches(&s.cookies))
    }
}

/// `items` joined by spaces, as the digest keeps lists. By hand: `join` on `String`s is a second
/// copy of std's join code.
pub fn words(items: &[String]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(item);
    }
    out
}

/// The key a digest is stored under, from everything that decides what the config means: the
/// component's version, the page's `<html lang>` and the config's source text (`None`: the
/// built-in defaults). FNV-1a, 64 bits, as 16 hex digits.
pub fn fingerprint(source: Option<&str>, page_language: Option<&str>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let parts = [
        Some(env!("CARGO_PKG_VERSION")),
        Some(MAGIC),
        page_language,
        source,
    ];
    for part in parts {
        // A missing part and an empty one differ: the marker byte says which.
        let marker = if part.is_some() { 1 } else { 2 };
        for byte in part.unwrap_or("").bytes().chain([0, marker]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    let mut out = String::with_capacity(16);
    for shift in (0..16).rev() {
        let digit = ((hash >> (shift * 4)) & 0xf) as u8;
        out.push(char::from(if digit < 10 {
            b'0' + digit
        } else {
            b'a' + digit - 10
        }));
    }
    out
}

/// The stored value: the fingerprint, a newline, the digest.
pub fn entry(fingerprint: &str, digest: &Digest) -> String {
    concat(&[fingerprint, "\n", &digest.encode()])
}

/// The digest in a stored value, if it was stored under `fingerprint`.
pub fn lookup(stored: &str, fingerprint: &str) -> Option<Digest> {
    let (key, text) = split_once_byte(stored, b'\n')?;
    if key != fingerprint {
        return None;
    }
    Digest::decode(text)
}

fn escape_into(out: &mut String, field: &str) {
    for c in field.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\t' => out.push_str("%09"),
            '\n' => out.push_str("%0A"),
            _ => out.push(c),
        }
    }
}

fn unescape(field: &str) -> Option<String> {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some((before, after)) = split_once_byte(rest, b'%') {
        out.push_str(before);
        out.push(match after.get(..2)? {
            "25" => '%',
            "09" => '\t',
            "0A" => '\n',
            _ => return None,
        });
        rest = after.get(2..)?;
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A digest as the full stage writes one for a config without changes (its round trip from a
    /// config is tested with the config, in `full::config`).
    fn sample() -> Digest {
        let rule = |id: &str, cookies: &[&str]| Rule {
            id: id.to_owned(),
            changed_in: 0,
            basis: if id == "analytics" {
                Basis::Objection
            } else {
                Basis::Consent
            },
            gpc: id == "analytics",
            banner: id == "analytics",
            cookies: cookies.join(" "),
        };
        Digest {
            revision: 0,
            categories: vec![
                rule(NECESSARY, &["cookieconsent_status"]),
                rule("analytics", &["_own"]),
                rule("embeds", &[]),
            ],
            services: vec![
                ServiceRule {
                    id: "google-analytics".to_owned(),
                    category: "analytics".to_owned(),
                    hosts: "google-analytics.com googletagmanager.com".to_owned(),
                    cookies: "_ga _ga_*".to_owned(),
                },
                ServiceRule {
                    id: "youtube".to_owned(),
                    category: "embeds".to_owned(),
                    hosts: "youtube-nocookie.com".to_owned(),
                    cookies: String::new(),
                },
            ],
            necessary_hosts: "fonts.example cdn.example".to_owned(),
            consent_mode: ConsentMode::default_for(false, true),
            toolbar: "body".to_owned(),
            settings_page: false,
            full: false,
        }
    }

    #[test]
    fn round_trips() {
        let digest = sample();
        // The stored text leaves `necessary`'s hosts out; the audit's copy has them.
        let stored = Digest::decode(&digest.encode()).unwrap();
        assert_eq!(stored.necessary_hosts, "");
        assert!(!digest.encode().contains("\nn\t"));
        assert_eq!(
            Digest {
                necessary_hosts: digest.necessary_hosts.clone(),
                ..stored
            },
            digest
        );
        assert_eq!(Digest::decode(&digest.encode_for_audit()), Some(digest));
    }

    #[test]
    fn answers_for_services() {
        let digest = sample();
        assert_eq!(
            digest.services(),
            vec![("google-analytics", "analytics"), ("youtube", "embeds")]
        );
        let at = |required, host| digest.service_of(required, None, host);
        assert_eq!(at("embeds", "www.youtube-nocookie.com"), Some("youtube"));
        assert_eq!(at("embeds", "youtube-nocookie.com"), Some("youtube"));
        assert_eq!(at("embeds", "notyoutube-nocookie.com"), None);
        assert_eq!(at("embeds", ""), None);
        assert_eq!(
            at("analytics", "www.googletagmanager.com"),
            Some("google-analytics")
        );
        // Only a service of a required category: it alone could not unlock the markup.
        assert_eq!(at("analytics", "www.youtube-nocookie.com"), None);
        assert_eq!(
            at("analytics embeds", "www.youtube-nocookie.com"),
            Some("youtube")
        );
        let named = |required, id| digest.service_of(required, Some(id), "");
        assert_eq!(named("embeds", "youtube"), Some("youtube"));
        assert_eq!(named("analytics", "youtube"), None);
        assert_eq!(named("embeds", "vimeo"), None);
        assert!(
            digest.declares("analytics", "_ga_X"),
            "a category declares its services' cookies"
        );
        assert!(digest.declares("analytics", "_own"));
        assert!(digest.declares("google-analytics", "_ga"));
        assert!(!digest.declares("google-analytics", "_own"));
        assert!(!digest.declares("youtube", "_ga"));
    }

    #[test]
    fn refuses_anything_else() {
        let good = sample().encode();
        for bad in [
            "",
            "cb0\nr\t1",
            &good.replace("cb3", "cb2"),
            // A version 2 category line (no flags).
            &good.replace("\nc\tanalytics\t0\togb\t", "\nc\tanalytics\t0\t"),
            &good.replace("\nc\tanalytics\t0\togb\t", "\nc\tanalytics\t0\tx\t"),
            &good.replace("\nc\tanalytics\t0\togb\t", "\nc\tanalytics\t0\tbo\t"),
            &good.replace("\nc\tanalytics\t0\togb\t", "\nc\tanalytics\t0\t\t"),
            &good.replace("\nv\tyoutube\tembeds", "\nv\tyoutube"),
            &good.replace("\nr\t0", ""),
            &good.replace("\nr\t0", "\nr\tx"),
            &good.replace("\nm\tauto", "\nm\tsometimes"),
            &format!("{good}\nz"),
            &format!("{good}\nb\t%ZZ"),
            &good.replacen("\nc\tnecessary", "\nc\tnecessaryX", 1),
        ] {
            assert_eq!(Digest::decode(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn fingerprints_tell_sources_apart() {
        let a = fingerprint(Some("{}"), Some("en"));
        assert_eq!(a.len(), 16);
        assert_eq!(a, fingerprint(Some("{}"), Some("en")));
        for other in [
            fingerprint(Some("{ }"), Some("en")),
            fingerprint(Some("{}"), Some("cy")),
            fingerprint(Some("{}"), None),
            fingerprint(None, Some("en")),
            fingerprint(Some(""), Some("en")),
        ] {
            assert_ne!(a, other);
        }
        let digest = Digest {
            necessary_hosts: String::new(),
            ..sample()
        };
        let stored = entry(&a, &digest);
        assert_eq!(lookup(&stored, &a), Some(digest));
        assert_eq!(lookup(&stored, &fingerprint(Some("{ }"), Some("en"))), None);
        assert_eq!(lookup("garbage", &a), None);
    }
}

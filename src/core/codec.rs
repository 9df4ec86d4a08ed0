//! The `cookieconsent_status` value format.
//!
//! Version 2 is `v2|r{revision}|t{unix seconds}|{category}:{0|1}[+{service}…]|…`, for example
//! `v2|r3|t1763935200|analytics:1|embeds:0+youtube`: analytics granted, embeds refused except
//! YouTube. A refused category lists, after `+`, the services granted inside it; a granted one
//! grants all of its services and lists none. `i` (`analytics:i`) is granted on the objection
//! basis: the visitor was informed and did not object, which is not consent (a category that
//! needs consent reads it as no answer). Version 1 (written before services) is the same
//! without `+`, and is still read. Only RFC 6265 cookie-octets are used, so servers can read it
//! without decoding. The parser is strict (no leading zeros, no id twice, nothing trailing) so
//! that every value it accepts re-encodes to exactly the same string (as version 2).
//!
//! Values written by Osano's cookieconsent are also read: `allow` and `deny` are choices for every
//! category, `dismiss` (and anything unreadable) is no choice at all.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::core::text::{concat, decimal, split_byte, split_once_byte};

/// The most bytes a value may take (the contract's limit).
pub const MAX_LEN: usize = 200;

/// The latest time a value records, in seconds (the year 2286): ten digits, so the longest value a
/// config can write is known when it is validated.
pub const MAX_TIME: u64 = 9_999_999_999;

/// The most bytes a category or service id may take.
pub const MAX_ID_LEN: usize = 32;

/// What a cookie value says, once decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// Osano's `allow` (`true`) or `deny` (`false`): one answer for every category, revision 0.
    Legacy(bool),
    /// A version 1 record.
    Record(Record),
}

/// A choice as the cookie stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The policy revision the visitor answered.
    pub revision: u32,
    /// When they answered, in seconds since the Unix epoch.
    pub time: u64,
    /// Each non-necessary category, in config order.
    pub grants: Vec<Grant>,
}

/// One category's answer as the cookie stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The category id.
    pub id: String,
    /// Whether the whole category is granted.
    pub granted: bool,
    /// Whether it is granted because the visitor, informed, did not object (`i`), not by consent.
    pub informed: bool,
    /// The services granted inside it when it is refused (always empty when it is granted).
    pub services: Vec<String>,
}

/// Whether `id` can name a category: 1 to 32 of `a-z 0-9 _ -`, starting with a letter.
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z'))
        && id.len() <= MAX_ID_LEN
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-'))
}

/// Encodes a record. The caller keeps ids valid (config validation does); the result is at most
/// [`MAX_LEN`] bytes for any config that validated.
pub fn encode(record: &Record) -> String {
    let revision = decimal(u64::from(record.revision));
    let mut out = concat(&["v2|r", &revision, "|t", &decimal(record.time)]);
    for grant in &record.grants {
        out.push('|');
        out.push_str(&grant.id);
        out.push_str(match (grant.granted, grant.informed) {
            (true, true) => ":i",
            (true, false) => ":1",
            (false, _) => ":0",
        });
        if !grant.granted {
            for service in &grant.services {
                out.push('+');
                out.push_str(service);
            }
        }
    }
    out
}

/// Decodes a value; `None` means "no choice" (ask the visitor), never an error.
pub fn decode(value: &str) -> Option<Stored> {
    match value {
        "allow" => return Some(Stored::Legacy(true)),
        "deny" => return Some(Stored::Legacy(false)),
        _ => {}
    }
    if value.len() > MAX_LEN {
        return None;
    }
    let mut parts = split_byte(value, b'|');
    let services_allowed = match parts.next()? {
        "v2" => true,
        "v1" => false,
        _ => return None,
    };
    let revision = parse_number(parts.next()?.strip_prefix('r')?)?;
    let revision = u32::try_from(revision).ok()?;
    let time = parse_number(parts.next()?.strip_prefix('t')?)?;
    let mut grants: Vec<Grant> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for part in parts {
        let (id, rest) = split_once_byte(part, b':')?;
        let mut pieces = split_byte(rest, b'+');
        let (granted, informed) = match pieces.next()? {
            "1" => (true, false),
            "0" => (false, false),
            "i" if services_allowed => (true, true),
            _ => return None,
        };
        // Only a refused category lists services (after `+`), and only from version 2.
        if rest.len() > 1 && (granted || !services_allowed) {
            return None;
        }
        let mut grant = Grant {
            id: String::new(),
            granted,
            informed,
            services: Vec::new(),
        };
        // The category's id, then its services'.
        for id in ::core::iter::once(id).chain(pieces) {
            if !is_valid_id(id) || seen.contains(&id) {
                return None;
            }
            seen.push(id);
            if grant.id.is_empty() {
                grant.id = id.to_owned();
            } else {
                grant.services.push(id.to_owned());
            }
        }
        grants.push(grant);
    }
    Some(Stored::Record(Record {
        revision,
        time,
        grants,
    }))
}

/// Parses a canonical decimal number: digits only, no leading zero (except `0` itself).
fn parse_number(text: &str) -> Option<u64> {
    if text.is_empty() || (text.len() > 1 && text.starts_with('0')) {
        return None;
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(grants: &[(&str, bool)]) -> Record {
        Record {
            revision: 3,
            time: 1_763_935_200,
            grants: grants.iter().map(|(id, g)| grant(id, *g, &[])).collect(),
        }
    }

    fn grant(id: &str, granted: bool, services: &[&str]) -> Grant {
        Grant {
            id: id.to_owned(),
            granted,
            informed: false,
            services: services.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn informed_is_its_own_answer() {
        let mut r = record(&[("analytics", true), ("embeds", false)]);
        r.grants[0].informed = true;
        let value = encode(&r);
        assert_eq!(value, "v2|r3|t1763935200|analytics:i|embeds:0");
        assert_eq!(decode(&value), Some(Stored::Record(r)));
        for bad in [
            "v1|r3|t1|analytics:i",
            "v2|r3|t1|analytics:i+hotjar",
            "v2|r3|t1|analytics:I",
        ] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn encodes_the_documented_format() {
        let value = encode(&record(&[("analytics", true), ("embeds", false)]));
        assert_eq!(value, "v2|r3|t1763935200|analytics:1|embeds:0");
        let mut with_services = record(&[("analytics", true)]);
        with_services
            .grants
            .push(grant("embeds", false, &["youtube", "twitter"]));
        assert_eq!(
            encode(&with_services),
            "v2|r3|t1763935200|analytics:1|embeds:0+youtube+twitter"
        );
    }

    #[test]
    fn reads_version_1_as_before() {
        let Some(Stored::Record(r)) = decode("v1|r3|t1763935200|analytics:1|embeds:0") else {
            panic!("a version 1 value should decode");
        };
        assert_eq!(r, record(&[("analytics", true), ("embeds", false)]));
        // It is written again as version 2, with the same answers.
        assert_eq!(encode(&r), "v2|r3|t1763935200|analytics:1|embeds:0");
    }

    #[test]
    fn a_granted_category_lists_no_services() {
        let mut r = record(&[]);
        r.grants.push(grant("embeds", true, &["youtube"]));
        assert_eq!(encode(&r), "v2|r3|t1763935200|embeds:1");
    }

    #[test]
    fn round_trips() {
        for grants in [
            vec![],
            vec![("analytics", false)],
            vec![("analytics", true), ("embeds", true), ("marketing", false)],
        ] {
            let r = record(&grants);
            assert_eq!(decode(&encode(&r)), Some(Stored::Record(r)));
        }
    }

    #[test]
    fn reads_osano_values() {
        assert_eq!(decode("allow"), Some(Stored::Legacy(true)));
        assert_eq!(decode("deny"), Some(Stored::Legacy(false)));
        assert_eq!(decode("dismiss"), None);
    }

    #[test]
    fn garbage_is_no_choice() {
        for value in [
            "",
            "v1",
            "v3|r1|t1|analytics:1",
            "v1|r1|t1|embeds:0+youtube",
            "v2|r1|t1|embeds:1+youtube",
            "v2|r1|t1|embeds:0+",
            "v2|r1|t1|embeds:0+YouTube",
            "v2|r1|t1|embeds:0+youtube+youtube",
            "v2|r1|t1|embeds:0+embeds",
            "v2|r1|t1|embeds:0+youtube|youtube:1",
            "v2|r1|t1|analytics:0+youtube|embeds:0+youtube",
            "v2|r1|t1|embeds:0++youtube",
            "v1|r1|t1|analytics:2",
            "v1|r01|t1|analytics:1",
            "v1|r1|t-1|analytics:1",
            "v1|r1|t1|analytics:1|analytics:0",
            "v1|r1|t1|Analytics:1",
            "v1|r1|t1|analytics",
            "v1|r4294967296|t1",
            "v1|r1|t99999999999999999999999",
            "v1|r1|t1|",
            "%76%31|r1|t1",
            "ALLOW",
            "allow ",
        ] {
            assert_eq!(decode(value), None, "{value:?} should not decode");
        }
    }

    #[test]
    fn oversize_is_no_choice() {
        let mut value = String::from("v2|r1|t1");
        while value.len() <= MAX_LEN {
            value.push_str("|c");
            value.push_str(&value.len().to_string());
            value.push_str(":1");
        }
        assert_eq!(decode(&value), None);
    }

    #[test]
    fn only_cookie_octets() {
        let value = encode(&record(&[("a-b_c9", true)]));
        assert!(value.bytes().all(|b| b == 0x21
            || (0x23..=0x2B).contains(&b)
            || (0x2D..=0x3A).contains(&b)
            || (0x3C..=0x5B).contains(&b)
            || (0x5D..=0x7E).contains(&b)));
    }

    #[test]
    fn validates_ids() {
        assert!(is_valid_id("analytics"));
        assert!(is_valid_id("social-media_2"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("2fa"));
        assert!(!is_valid_id("Analytics"));
        assert!(!is_valid_id("a:b"));
        assert!(!is_valid_id(&"a".repeat(33)));
    }

    // proptest needs an OS random source, so these run natively only.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn record() -> impl Strategy<Value = Record> {
            let id = "[a-z][a-z0-9_-]{0,7}";
            let grant = (id, 0..3u8, proptest::collection::vec(id, 0..3));
            (
                any::<u32>(),
                0..=99_999_999_999u64,
                proptest::collection::vec(grant, 0..5),
            )
                .prop_map(|(revision, time, grants)| {
                    // Ids once each; services only inside a refused category.
                    let mut seen: Vec<String> = Vec::new();
                    let mut fresh = |id: String| {
                        let new = !seen.contains(&id);
                        seen.push(id.clone());
                        new.then_some(id)
                    };
                    let mut out = Vec::new();
                    for (id, answer, services) in grants {
                        // 0 refused, 1 granted, 2 informed.
                        let (granted, informed) = (answer > 0, answer == 2);
                        let Some(id) = fresh(id) else { continue };
                        let services = if granted {
                            Vec::new()
                        } else {
                            services.into_iter().filter_map(&mut fresh).collect()
                        };
                        out.push(Grant {
                            id,
                            granted,
                            informed,
                            services,
                        });
                    }
                    Record {
                        revision,
                        time,
                        grants: out,
                    }
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(100_000))]

            #[test]
            fn every_record_round_trips(r in record()) {
                let value = encode(&r);
                prop_assert_eq!(decode(&value), Some(Stored::Record(r)));
            }

            #[test]
            fn whatever_decodes_re_encodes_to_itself(value in "(v2\\|r[0-9]{1,3}\\|t[0-9]{1,3}(\\|[a-z0-9:+_-]{1,8}){0,3})|\\PC{0,40}") {
                if let Some(Stored::Record(r)) = decode(&value) {
                    prop_assert_eq!(encode(&r), value);
                }
            }

            #[test]
            fn version_1_reads_as_version_2(value in "v1\\|r[0-9]{1,3}\\|t[0-9]{1,3}(\\|[a-z0-9:_-]{1,8}){0,3}") {
                if let Some(Stored::Record(r)) = decode(&value) {
                    let again = value.replacen("v1", "v2", 1);
                    prop_assert_eq!(encode(&r), again);
                }
            }

            #[test]
            fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
                let value = String::from_utf8_lossy(&bytes);
                let _ = decode(&value);
            }
        }
    }
}

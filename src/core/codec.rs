//! The `cookieconsent_status` value format.
//!
//! Version 1 is `v1|r{revision}|t{unix seconds}|{category}:{0|1}|…`, for example
//! `v1|r3|t1763935200|analytics:1|embeds:0`. Only RFC 6265 cookie-octets are used, so servers
//! can read it without decoding. The parser is strict (no leading zeros, no duplicate categories,
//! nothing trailing) so that every value it accepts re-encodes to exactly the same string.
//!
//! Values written by Osano's cookieconsent are also read: `allow` and `deny` are choices for every
//! category, `dismiss` (and anything unreadable) is no choice at all.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::core::text::{concat, decimal, split_byte, split_once_byte};

/// The most bytes a value may take (the contract's limit).
pub const MAX_LEN: usize = 200;

/// The most bytes a category id may take.
pub const MAX_ID_LEN: usize = 32;

/// What a cookie value says, once decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// Osano's `allow` (`true`) or `deny` (`false`): one answer for every category, revision 0.
    Legacy(bool),
    /// A version 1 record.
    Record(Record),
}

/// A choice as version 1 stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The policy revision the visitor answered.
    pub revision: u32,
    /// When they answered, in seconds since the Unix epoch.
    pub time: u64,
    /// Each non-necessary category and whether it is granted, in config order.
    pub grants: Vec<(String, bool)>,
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
    let mut out = concat(&["v1|r", &revision, "|t", &decimal(record.time)]);
    for (id, granted) in &record.grants {
        out.push('|');
        out.push_str(id);
        out.push_str(if *granted { ":1" } else { ":0" });
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
    if parts.next()? != "v1" {
        return None;
    }
    let revision = parse_number(parts.next()?.strip_prefix('r')?)?;
    let revision = u32::try_from(revision).ok()?;
    let time = parse_number(parts.next()?.strip_prefix('t')?)?;
    let mut grants: Vec<(String, bool)> = Vec::new();
    for part in parts {
        let (id, flag) = split_once_byte(part, b':')?;
        let granted = match flag {
            "1" => true,
            "0" => false,
            _ => return None,
        };
        if !is_valid_id(id) || grants.iter().any(|(seen, _)| seen == id) {
            return None;
        }
        grants.push((id.to_owned(), granted));
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
            grants: grants
                .iter()
                .map(|(id, g)| ((*id).to_owned(), *g))
                .collect(),
        }
    }

    #[test]
    fn encodes_the_documented_format() {
        let value = encode(&record(&[("analytics", true), ("embeds", false)]));
        assert_eq!(value, "v1|r3|t1763935200|analytics:1|embeds:0");
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
            "v2|r1|t1|analytics:1",
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
        let mut value = String::from("v1|r1|t1");
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
            let grant = ("[a-z][a-z0-9_-]{0,11}", any::<bool>());
            (
                any::<u32>(),
                any::<u64>(),
                proptest::collection::vec(grant, 0..6),
            )
                .prop_map(|(revision, time, grants)| {
                    let mut unique: Vec<(String, bool)> = Vec::new();
                    for (id, granted) in grants {
                        if !unique.iter().any(|(seen, _)| *seen == id) {
                            unique.push((id, granted));
                        }
                    }
                    Record {
                        revision,
                        time,
                        grants: unique,
                    }
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(100_000))]

            #[test]
            fn every_record_round_trips(r in record()) {
                let value = encode(&r);
                prop_assert!(value.len() <= MAX_LEN);
                prop_assert_eq!(decode(&value), Some(Stored::Record(r)));
            }

            #[test]
            fn whatever_decodes_re_encodes_to_itself(value in "(v1\\|r[0-9]{1,3}\\|t[0-9]{1,3}(\\|[a-z0-9:_-]{1,8}){0,3})|\\PC{0,40}") {
                if let Some(Stored::Record(r)) = decode(&value) {
                    prop_assert_eq!(encode(&r), value);
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

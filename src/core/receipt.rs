//! Proof of consent: the small JSON receipt sent to a site's `receiptUrl` after each choice.
//!
//! Every value in it is a number, a boolean, or a string the config has already validated to
//! plain ASCII (category and service ids, a language tag, hex), so it is written without a JSON
//! library.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::core::consent::{Basis, Optional};
use crate::core::text::{concat, decimal};

/// One receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt<'a> {
    /// A random id for this visitor's consent, if the config asks for one (32 hex digits).
    pub consent_id: Option<&'a str>,
    /// What happened: `accept`, `reject`, `save`, `api` or `reset`.
    pub event: &'a str,
    /// Each category and whether it is granted, `necessary` first.
    pub categories: Vec<(&'a str, bool)>,
    /// Each optional category (as [`Policy::optional`](crate::core::consent::Policy::optional)
    /// lists them, in the same order), for its basis: a grant on the objection basis is the
    /// visitor informed and not objecting, never consent. Written after `categories`, so the
    /// fields a receiver read before keep their places.
    pub basis: Vec<Optional<'a>>,
    /// Each service and whether it is granted (with its category or on its own), in config order.
    /// A field of its own, after `categories`, so a receiver that reads only those still can.
    pub services: Vec<(&'a str, bool)>,
    /// The policy revision answered.
    pub revision: u32,
    /// When, in seconds since the Unix epoch (the same time as in the cookie).
    pub time: u64,
    /// The language the banner spoke.
    pub language: &'a str,
    /// A fingerprint of the texts the visitor was shown (the full stage's
    /// `Config::text_version`).
    pub text_version: String,
    /// Whether the browser sent Global Privacy Control.
    pub gpc: bool,
}

impl Receipt<'_> {
    /// The receipt as one line of JSON.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{");
        if let Some(id) = self.consent_id {
            out.push_str(&concat(&["\"consentId\":\"", id, "\","]));
        }
        out.push_str(&concat(&[
            "\"event\":\"",
            self.event,
            "\",\"categories\":{",
        ]));
        answers(&mut out, &self.categories);
        out.push_str("},\"basis\":{");
        for (i, category) in self.basis.iter().enumerate() {
            member(&mut out, i, category.id, name(category.basis));
        }
        out.push_str("},\"services\":{");
        answers(&mut out, &self.services);
        out.push_str(&concat(&[
            "},\"revision\":",
            &decimal(u64::from(self.revision)),
            ",\"time\":",
            &decimal(self.time),
            ",\"language\":\"",
            self.language,
            "\",\"textVersion\":\"",
            &self.text_version,
            "\",\"gpc\":",
            boolean(self.gpc),
            "}",
        ]));
        out
    }
}

/// `"id":true,"other":false`: the members of a JSON object of answers.
fn answers(out: &mut String, answers: &[(&str, bool)]) {
    for (i, (id, granted)) in answers.iter().enumerate() {
        member(out, i, id, boolean(*granted));
    }
}

/// The `i`th member of a JSON object: `"id":value`, `value` already JSON.
fn member(out: &mut String, i: usize, id: &str, value: &str) {
    if i > 0 {
        out.push(',');
    }
    out.push_str(&concat(&["\"", id, "\":", value]));
}

/// A basis as a JSON string.
fn name(basis: Basis) -> &'static str {
    match basis {
        Basis::Consent => "\"consent\"",
        Basis::Objection => "\"objection\"",
    }
}

/// A JSON boolean.
fn boolean(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// Whether `id` can be a consent id: 32 lowercase hex digits.
pub fn is_consent_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn optional(id: &str, basis: Basis) -> Optional<'_> {
        Optional {
            id,
            changed_in: 0,
            basis,
            gpc: false,
            banner: true,
        }
    }

    fn receipt() -> Receipt<'static> {
        Receipt {
            consent_id: None,
            event: "accept",
            categories: vec![("necessary", true), ("analytics", true), ("embeds", false)],
            basis: vec![
                optional("analytics", Basis::Objection),
                optional("embeds", Basis::Consent),
            ],
            services: vec![
                ("google-analytics", true),
                ("youtube", true),
                ("twitter", false),
            ],
            revision: 3,
            time: 1_763_935_200,
            language: "en",
            text_version: "0123abcd".to_owned(),
            gpc: false,
        }
    }

    #[test]
    fn json_shape() {
        let json = receipt().to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["event"], "accept");
        assert_eq!(value["categories"]["analytics"], true);
        assert_eq!(value["categories"]["embeds"], false);
        assert_eq!(value["basis"]["analytics"], "objection");
        assert_eq!(value["basis"]["embeds"], "consent");
        assert_eq!(
            value["basis"].as_object().map(|b| b.len()),
            Some(2),
            "no basis for necessary"
        );
        assert_eq!(value["services"]["google-analytics"], true);
        assert_eq!(value["services"]["youtube"], true, "granted on its own");
        assert_eq!(value["services"]["twitter"], false);
        assert_eq!(value["services"].as_object().map(|s| s.len()), Some(3));
        assert_eq!(value["revision"], 3);
        assert_eq!(value["time"], 1_763_935_200u64);
        assert_eq!(value["language"], "en");
        assert_eq!(value["gpc"], false);
        assert_eq!(value["textVersion"].as_str().unwrap().len(), 8);
        assert!(value.get("consentId").is_none(), "no id unless configured");
        let with_id = Receipt {
            consent_id: Some("0123456789abcdef0123456789abcdef"),
            ..receipt()
        };
        let value: serde_json::Value = serde_json::from_str(&with_id.to_json()).unwrap();
        assert_eq!(value["consentId"], "0123456789abcdef0123456789abcdef");
    }

    #[test]
    fn json_is_as_format_wrote_it() {
        let r = Receipt {
            consent_id: Some("0123456789abcdef0123456789abcdef"),
            gpc: true,
            ..receipt()
        };
        let mut expected = format!("{{\"consentId\":\"{}\",", r.consent_id.unwrap_or(""));
        expected.push_str(&format!("\"event\":\"{}\",\"categories\":{{", r.event));
        let grants: Vec<String> = r
            .categories
            .iter()
            .map(|(id, g)| format!("\"{id}\":{g}"))
            .collect();
        expected.push_str(&grants.join(","));
        expected.push_str("},\"basis\":{");
        let basis: Vec<String> = r
            .basis
            .iter()
            .map(|c| {
                format!(
                    "\"{}\":\"{}\"",
                    c.id,
                    format!("{:?}", c.basis).to_lowercase()
                )
            })
            .collect();
        expected.push_str(&basis.join(","));
        expected.push_str("},\"services\":{");
        let services: Vec<String> = r
            .services
            .iter()
            .map(|(id, g)| format!("\"{id}\":{g}"))
            .collect();
        expected.push_str(&services.join(","));
        expected.push_str(&format!(
            "}},\"revision\":{},\"time\":{},\"language\":\"{}\",\"textVersion\":\"{}\",\"gpc\":{}}}",
            r.revision, r.time, r.language, r.text_version, r.gpc
        ));
        assert_eq!(r.to_json(), expected);
    }

    #[test]
    fn services_are_a_field_of_their_own() {
        // Backward compatible: every field a receiver read before is there as before.
        let json = receipt().to_json();
        assert!(json.starts_with(
            "{\"event\":\"accept\",\"categories\":{\"necessary\":true,\"analytics\":true,\"embeds\":false},"
        ));
        assert!(json.contains(",\"services\":{\"google-analytics\":true,\"youtube\":true,\"twitter\":false},\"revision\":3,"));
        // A config without services still sends the field, empty.
        let none = Receipt {
            services: Vec::new(),
            ..receipt()
        };
        let value: serde_json::Value = serde_json::from_str(&none.to_json()).unwrap();
        assert_eq!(value["services"], serde_json::json!({}));
    }

    #[test]
    fn basis_follows_categories() {
        // The fields a receiver read before keep their places: `basis` comes between
        // `categories` and `services`, one member per optional category, in their order.
        let json = receipt().to_json();
        assert!(json.contains(
            "\"categories\":{\"necessary\":true,\"analytics\":true,\"embeds\":false},\"basis\":{\"analytics\":\"objection\",\"embeds\":\"consent\"},\"services\":{"
        ));
        let none = Receipt {
            categories: vec![("necessary", true)],
            basis: Vec::new(),
            services: Vec::new(),
            ..receipt()
        };
        let value: serde_json::Value = serde_json::from_str(&none.to_json()).unwrap();
        assert_eq!(
            value["basis"],
            serde_json::json!({}),
            "no optional category, an empty object"
        );
    }

    #[test]
    fn consent_ids() {
        assert!(is_consent_id("0123456789abcdef0123456789abcdef"));
        assert!(!is_consent_id("0123456789ABCDEF0123456789abcdef"));
        assert!(!is_consent_id("0123"));
    }
}

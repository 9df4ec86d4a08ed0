//! Which language the component speaks, and which way its text runs.
//!
//! English and Welsh texts are built in. Any other language works when the config gives its texts
//! (`texts`) and names it (`language`); the component then marks its own elements with `lang` and,
//! for right-to-left scripts, `dir`, so screen readers and layout follow.

#[allow(unused_imports)]
use crate::prelude::*;

/// The languages whose texts are built in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// English, the default.
    English,
    /// Welsh (`cy`).
    Welsh,
}

/// Which way a language's text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, Urdu and others).
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// The primary subtag of a language tag, lowercased (`en` for `en-GB`).
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether `tag` looks like a BCP 47 language tag (`cy`, `en-GB`, `zh-Hant-TW`): a primary subtag
/// of 2 or 3 letters, then subtags of 1 to 8 letters or digits.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && tag.len() <= 35
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The built-in texts for a language: Welsh for `cy`, English for anything else.
pub fn builtin(tag: &str) -> Builtin {
    if primary(tag) == "cy" {
        Builtin::Welsh
    } else {
        Builtin::English
    }
}

/// Whether the built-in texts are written in this language.
pub fn has_builtin(tag: &str) -> bool {
    matches!(primary(tag).as_str(), "en" | "cy")
}

/// The direction of a language's script.
pub fn direction(tag: &str) -> Direction {
    const RTL: [&str; 11] = [
        "ar", "arc", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi",
    ];
    if RTL.contains(&primary(tag).as_str()) {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// The language the component speaks on a page.
///
/// The config's `language` wins. Otherwise the page's `<html lang>`, when its texts are built in
/// or the config gives texts (then they are taken to be in the page's language). Otherwise English.
pub fn resolve(configured: Option<&str>, page: Option<&str>, config_has_texts: bool) -> String {
    if let Some(tag) = configured {
        return tag.to_owned();
    }
    match page.map(str::trim).filter(|t| is_language_tag(t)) {
        Some(tag) if has_builtin(tag) || config_has_texts => tag.to_owned(),
        _ => "en".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        for ok in ["en", "cy", "en-GB", "zh-Hant-TW", "ar", "gsw"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "e",
            "english",
            "en_GB",
            "en-",
            "1a",
            "en-toolongsubtag",
            "<b>",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn builtin_and_direction() {
        assert_eq!(builtin("cy"), Builtin::Welsh);
        assert_eq!(builtin("CY-gb"), Builtin::Welsh);
        assert_eq!(builtin("en-GB"), Builtin::English);
        assert_eq!(builtin("fr"), Builtin::English);
        assert_eq!(direction("ar"), Direction::Rtl);
        assert_eq!(direction("he-IL"), Direction::Rtl);
        assert_eq!(direction("cy"), Direction::Ltr);
        assert_eq!(direction("arn"), Direction::Ltr, "Mapudungun is not Arabic");
    }

    #[test]
    fn resolution_order() {
        assert_eq!(resolve(Some("cy"), Some("en"), false), "cy");
        assert_eq!(resolve(None, Some("cy"), false), "cy");
        assert_eq!(resolve(None, Some("en-GB"), false), "en-GB");
        // No built-in Arabic: English texts are shown and marked English, unless the config
        // brings texts of its own.
        assert_eq!(resolve(None, Some("ar"), false), "en");
        assert_eq!(resolve(None, Some("ar"), true), "ar");
        assert_eq!(resolve(None, None, false), "en");
        assert_eq!(resolve(None, Some("not a tag"), true), "en");
    }
}

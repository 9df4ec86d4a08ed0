//! The accessibility toolbar's pure logic: contrast modes, text-size steps, its cookie values and
//! Google Translate's `googtrans` format.
//!
//! Every cookie value is read leniently: anything unknown means "no choice", never an error,
//! because a cookie may have been written by another tool or an older version. The drop-in's
//! bootstrap (`src/js/dropin.js`) reads the same values before the Wasm starts, so the values
//! here and the lists there must stay equal (an end-to-end test checks both read alike).

/// The colour contrast cookie (named by the source policies).
pub const CONTRAST_COOKIE: &str = "contrast-mode";
/// The text size cookie.
pub const SIZE_COOKIE: &str = "saveFontSize";
/// Whether the toolbar is open.
pub const OPEN_COOKIE: &str = "accessibility-controls";
/// Google Translate's language cookie.
pub const TRANSLATE_COOKIE: &str = "googtrans";
/// The toolbar's own cookies (the translation cookie belongs to `embeds`, but reset removes it too).
pub const COOKIES: [&str; 4] = [CONTRAST_COOKIE, SIZE_COOKIE, OPEN_COOKIE, TRANSLATE_COOKIE];

/// A colour contrast mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contrast {
    /// The site's own colours.
    Default,
    /// Black on white, links underlined, strong focus.
    High,
    /// Yellow on black.
    YellowOnBlack,
}

impl Contrast {
    /// Every mode, in the order the toolbar offers them.
    pub const ALL: [Contrast; 3] = [Contrast::Default, Contrast::High, Contrast::YellowOnBlack];

    /// The cookie value and the value of `data-cb-contrast` on `<html>`.
    pub fn value(self) -> &'static str {
        match self {
            Contrast::Default => "default",
            Contrast::High => "high",
            Contrast::YellowOnBlack => "yellow-black",
        }
    }

    /// The mode a value names, if any.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.value() == value)
    }

    /// The mode to show: the visitor's stored choice, else high contrast when the system asks for
    /// more contrast (`prefers-contrast: more`), else the site's default.
    pub fn effective(cookie: Option<&str>, prefers_more: bool) -> Self {
        match cookie.and_then(Self::parse) {
            Some(mode) => mode,
            None if prefers_more => Contrast::High,
            None => Contrast::Default,
        }
    }
}

/// Text sizes offered, in percent of the browser's default text size.
pub const TEXT_SIZES: [u16; 5] = [100, 125, 150, 175, 200];

/// The stored text size, or 100 for anything that is not one of [`TEXT_SIZES`].
pub fn parse_text_size(cookie: Option<&str>) -> u16 {
    cookie
        .and_then(|v| v.parse::<u16>().ok())
        // "0150" parses but is not a value this component writes.
        .filter(|n| TEXT_SIZES.contains(n) && cookie == Some(n.to_string().as_str()))
        .unwrap_or(TEXT_SIZES[0])
}

/// The next size up (`larger`) or down from `size`, staying within [`TEXT_SIZES`].
pub fn step_text_size(size: u16, larger: bool) -> u16 {
    let i = TEXT_SIZES.iter().position(|s| *s == size).unwrap_or(0);
    let next = if larger {
        (i + 1).min(TEXT_SIZES.len() - 1)
    } else {
        i.saturating_sub(1)
    };
    TEXT_SIZES[next]
}

/// The value of [`OPEN_COOKIE`].
pub fn open_value(open: bool) -> &'static str {
    if open {
        "open"
    } else {
        "closed"
    }
}

/// Whether the toolbar was left open (anything but `open` is closed).
pub fn parse_open(cookie: Option<&str>) -> bool {
    cookie == Some("open")
}

/// Whether `code` looks like a language code Google Translate takes (`cy`, `zh-CN`, `haw`):
/// letters, then optional `-` subtags of letters and digits. It also keeps `googtrans` within
/// cookie-octets.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Google's `googtrans` value: `/{from}/{to}`, for example `/en/cy`.
pub fn googtrans(from: &str, to: &str) -> String {
    format!("/{from}/{to}")
}

/// The target language of a `googtrans` value, if it is well formed.
pub fn parse_googtrans(value: &str) -> Option<&str> {
    let rest = value.strip_prefix('/')?;
    let (from, to) = rest.split_once('/')?;
    (is_language_code(from) && is_language_code(to)).then_some(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_values_round_trip() {
        for mode in Contrast::ALL {
            assert_eq!(Contrast::parse(mode.value()), Some(mode));
        }
        assert_eq!(Contrast::parse("High"), None);
        assert_eq!(Contrast::parse(""), None);
    }

    #[test]
    fn stored_contrast_wins_over_the_system_preference() {
        assert_eq!(Contrast::effective(None, false), Contrast::Default);
        assert_eq!(Contrast::effective(None, true), Contrast::High);
        assert_eq!(Contrast::effective(Some("garbage"), true), Contrast::High);
        assert_eq!(
            Contrast::effective(Some("garbage"), false),
            Contrast::Default
        );
        assert_eq!(
            Contrast::effective(Some("default"), true),
            Contrast::Default
        );
        assert_eq!(
            Contrast::effective(Some("yellow-black"), false),
            Contrast::YellowOnBlack
        );
    }

    #[test]
    fn text_size_garbage_is_the_default() {
        assert_eq!(parse_text_size(None), 100);
        for bad in [
            "", "abc", "0", "99", "110", "250", "0150", "+150", "150%", " 150",
        ] {
            assert_eq!(parse_text_size(Some(bad)), 100, "{bad:?}");
        }
        for good in TEXT_SIZES {
            assert_eq!(parse_text_size(Some(&good.to_string())), good);
        }
    }

    #[test]
    fn text_size_steps_stop_at_the_ends() {
        assert_eq!(step_text_size(100, true), 125);
        assert_eq!(step_text_size(175, true), 200);
        assert_eq!(step_text_size(200, true), 200);
        assert_eq!(step_text_size(125, false), 100);
        assert_eq!(step_text_size(100, false), 100);
        assert_eq!(
            step_text_size(111, true),
            125,
            "unknown sizes step from 100"
        );
        assert!(TEXT_SIZES.last() >= Some(&200));
    }

    #[test]
    fn open_state() {
        assert!(parse_open(Some(open_value(true))));
        assert!(!parse_open(Some(open_value(false))));
        assert!(!parse_open(Some("true")));
        assert!(!parse_open(None));
    }

    #[test]
    fn googtrans_format() {
        assert_eq!(googtrans("en", "cy"), "/en/cy");
        assert_eq!(parse_googtrans("/en/cy"), Some("cy"));
        assert_eq!(parse_googtrans("/auto/zh-CN"), None, "`auto` is not a code");
        assert_eq!(parse_googtrans("/en/zh-CN"), Some("zh-CN"));
        for bad in [
            "", "/", "en/cy", "/en", "/en/", "/en/c y", "/en/cy/x", "/e/cy",
        ] {
            assert_eq!(parse_googtrans(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn language_codes() {
        for good in ["en", "cy", "haw", "zh-CN", "pt-BR", "sr-Latn"] {
            assert!(is_language_code(good), "{good}");
        }
        for bad in ["", "e", "engl", "en_GB", "en-", "-en", "zh-C", "en;x", "1a"] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }

    // proptest is a native-only dev-dependency (it needs an OS random source).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_cookie_reads_to_a_valid_state(value in ".{0,20}") {
            proptest::prop_assert!(TEXT_SIZES.contains(&parse_text_size(Some(&value))));
            let _ = Contrast::effective(Some(&value), false);
            let _ = parse_open(Some(&value));
        }

        #[test]
        fn googtrans_values_are_cookie_octets(to in "[a-z]{2,3}(-[A-Za-z0-9]{2,8})?") {
            let value = googtrans("en", &to);
            proptest::prop_assert!(value.bytes().all(|b| b.is_ascii_graphic() && !b" \",;\\".contains(&b)));
            proptest::prop_assert_eq!(parse_googtrans(&value), Some(to.as_str()));
        }
    }
}

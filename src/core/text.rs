//! Joining strings, and filling `{name}` placeholders in texts.

#[allow(unused_imports)]
use crate::prelude::*;

/// The parts, one after the other: `[a, b].concat()` without its generic join (about 1 KB of
/// Wasm, with a panic path that formats).
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// `template` with each `{key}` replaced by its value. Unknown placeholders stay as they are.
#[cfg(feature = "full")]
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    // One pass, so a value that itself contains `{key}` is never filled again.
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    // split_once rather than slicing by index: slicing's panic path formats with `{:?}` (KBs).
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let known = after.split_once('}').and_then(|(key, tail)| {
            let value = values.iter().find(|(name, _)| *name == key)?.1;
            Some((value, tail))
        });
        match known {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            fill("Cookies on {siteName}", &[("siteName", "NHS")]),
            "Cookies on NHS"
        );
        assert_eq!(fill("{a} and {a}, {b}", &[("a", "x")]), "x and x, {b}");
    }

    #[test]
    fn values_are_not_refilled() {
        assert_eq!(fill("{a}{b}", &[("a", "{b}"), ("b", "y")]), "{b}y");
    }
}

//! Filling `{name}` placeholders in texts.

/// `template` with each `{key}` replaced by its value. Unknown placeholders stay as they are.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    // One pass, so a value that itself contains `{key}` is never filled again.
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let key = after.find('}').map(|close| &after[..close]);
        match key.and_then(|k| values.iter().find(|(name, _)| *name == k).map(|v| (k, v.1))) {
            Some((key, value)) => {
                out.push_str(value);
                rest = &after[key.len() + 1..];
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

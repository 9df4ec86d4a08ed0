//! Marks `<html>` with the theme the pieces take; [`crate::full::theme`] decides which.

use web_sys::Element;

use crate::browser::dom;
use crate::error::Error;
use crate::full::theme::{Page, Theme};

/// The attribute on `<html>` naming the theme (absent: the default look).
pub const THEME_ATTR: &str = crate::names::attr::THEME;

/// Marks `<html>` for `theme`, looking at the page only for `"auto"`. A mark the site wrote
/// itself (to have the look before the component starts) stays where nothing is detected.
pub fn apply(theme: Theme) -> Result<(), Error> {
    let root = dom::root()?;
    let page = match theme {
        Theme::Auto => detect(&root),
        _ => Page::default(),
    };
    if let Some(mark) = theme.mark(page) {
        root.set_attribute(THEME_ATTR, mark)?;
    }
    Ok(())
}

/// A design system is found by its markup, whatever the order its stylesheet loads in: an
/// element in `<body>` with one of its classes (a page template's body class, or the header
/// near the top). One query each, which stops at the first match.
fn detect(root: &Element) -> Page {
    let uses = |selector: &str| matches!(root.query_selector(selector), Ok(Some(_)));
    Page {
        nhs: uses("[class*=nhsuk-]"),
        govuk: uses("[class*=govuk-]"),
    }
}

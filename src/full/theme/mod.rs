//! Which design system's look the pieces take (README, "Themes"; docs/themes.md).
//!
//! The stylesheet does the styling; this only decides the `data-cb-theme` mark on `<html>`.

pub mod page;

/// The config's `theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// The design system the page uses, if it is one of the two; else the default look.
    #[default]
    Auto,
    /// NHS.UK frontend.
    Nhs,
    /// GOV.UK Frontend.
    Govuk,
}

/// The design systems found on a page (their stylesheets, or GOV.UK's template class).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Page {
    /// NHS.UK frontend's stylesheet is on the page.
    pub nhs: bool,
    /// GOV.UK Frontend's stylesheet or template is on the page.
    pub govuk: bool,
}

impl Theme {
    /// The theme a config names: `"auto"`, `"nhs"` or `"govuk"`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "auto" => Some(Theme::Auto),
            "nhs" => Some(Theme::Nhs),
            "govuk" => Some(Theme::Govuk),
            _ => None,
        }
    }

    /// The mark for `<html>` on `page`: the configured theme, else the page's design system
    /// (NHS.UK frontend where a page has both: our users are NHS sites), else none, which is
    /// the default (NHS-like) look.
    pub fn mark(self, page: Page) -> Option<&'static str> {
        match self {
            Theme::Nhs => Some("nhs"),
            Theme::Govuk => Some("govuk"),
            Theme::Auto if page.nhs => Some("nhs"),
            Theme::Auto if page.govuk => Some("govuk"),
            Theme::Auto => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_wins_over_the_page() {
        let both = Page {
            nhs: true,
            govuk: true,
        };
        let govuk = Page {
            nhs: false,
            govuk: true,
        };
        assert_eq!(Theme::Govuk.mark(Page::default()), Some("govuk"));
        assert_eq!(Theme::Nhs.mark(govuk), Some("nhs"));
        assert_eq!(Theme::Govuk.mark(both), Some("govuk"));
    }

    #[test]
    fn names() {
        assert_eq!(Theme::from_name("auto"), Some(Theme::Auto));
        assert_eq!(Theme::from_name("nhs"), Some(Theme::Nhs));
        assert_eq!(Theme::from_name("govuk"), Some(Theme::Govuk));
        for bad in ["", "GOVUK", "gov.uk", "nhsuk", " nhs"] {
            assert_eq!(Theme::from_name(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn auto_follows_the_page() {
        assert_eq!(Theme::default(), Theme::Auto);
        assert_eq!(Theme::Auto.mark(Page::default()), None);
        let page = |nhs, govuk| Page { nhs, govuk };
        assert_eq!(Theme::Auto.mark(page(true, false)), Some("nhs"));
        assert_eq!(Theme::Auto.mark(page(false, true)), Some("govuk"));
        assert_eq!(Theme::Auto.mark(page(true, true)), Some("nhs"));
    }
}

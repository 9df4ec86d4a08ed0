//! Google Consent Mode v2: which consent types a choice grants.
//!
//! Each Google consent type is mapped to the categories or services that must all be granted for
//! it; a type mapped to nothing is always denied. By default `analytics_storage` follows the
//! Google Analytics service, so a visitor who allows only Hotjar does not grant Google storage.

#[allow(unused_imports)]
use crate::prelude::*;

use super::consent::{self, Choice};

/// The consent types Google's tags read.
pub const TYPES: [&str; 7] = [
    "ad_storage",
    "ad_user_data",
    "ad_personalization",
    "analytics_storage",
    "functionality_storage",
    "personalization_storage",
    "security_storage",
];

/// When the component speaks Consent Mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Setting {
    /// When the page uses Google's tags: `gtag` or `dataLayer` exist, or a gated script loads
    /// from Google Tag Manager or Google Analytics.
    #[default]
    Auto,
    /// Always (creates `dataLayer` if the page has none).
    On,
    /// Never.
    Off,
}

/// Consent Mode settings, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentMode {
    /// When to speak it.
    pub setting: Setting,
    /// Each consent type sent, with the space-separated categories or services it needs
    /// ("" = always denied).
    pub types: Vec<(String, String)>,
}

impl ConsentMode {
    /// The default mapping: `analytics_storage` follows the `google-analytics` service when the
    /// config has it (and `analytics` otherwise); the advertising types follow `marketing` when
    /// the config has such a category, and are denied otherwise.
    pub fn default_for(has_marketing: bool, has_google_analytics: bool) -> Self {
        let ads = if has_marketing { "marketing" } else { "" };
        let analytics = if has_google_analytics {
            "google-analytics"
        } else {
            "analytics"
        };
        let types = [
            ("ad_storage", ads),
            ("ad_user_data", ads),
            ("ad_personalization", ads),
            ("analytics_storage", analytics),
        ];
        Self {
            setting: Setting::Auto,
            types: types
                .iter()
                .map(|(t, c)| ((*t).to_owned(), (*c).to_owned()))
                .collect(),
        }
    }

    /// Each consent type and whether `choice` grants it (`None`: no choice yet, all denied).
    pub fn states<'a>(&'a self, choice: Option<&Choice>) -> Vec<(&'a str, bool)> {
        self.types
            .iter()
            .map(|(kind, required)| (kind.as_str(), consent::grants_all(choice, required)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(analytics: bool, marketing: bool) -> Choice {
        Choice {
            revision: 0,
            time: 1,
            grants: vec![
                ("analytics".to_owned(), analytics),
                ("marketing".to_owned(), marketing),
            ],
            services: vec![consent::ServiceGrant {
                id: "google-analytics".to_owned(),
                category: "analytics".to_owned(),
                granted: analytics,
            }],
        }
    }

    #[test]
    fn analytics_storage_follows_the_google_analytics_service() {
        let mode = ConsentMode::default_for(false, true);
        let mut hotjar_only = choice(false, false);
        assert_eq!(
            mode.states(Some(&hotjar_only))[3],
            ("analytics_storage", false)
        );
        hotjar_only.services[0].granted = true;
        assert_eq!(
            mode.states(Some(&hotjar_only))[3],
            ("analytics_storage", true)
        );
        let without = ConsentMode::default_for(false, false);
        assert_eq!(without.types[3].1, "analytics");
    }

    #[test]
    fn no_choice_denies_everything() {
        let mode = ConsentMode::default_for(true, true);
        assert!(mode.states(None).iter().all(|(_, granted)| !granted));
        assert_eq!(mode.states(None).len(), 4);
    }

    #[test]
    fn types_follow_their_categories() {
        let mode = ConsentMode::default_for(true, true);
        let states = mode.states(Some(&choice(true, false)));
        assert_eq!(
            states,
            [
                ("ad_storage", false),
                ("ad_user_data", false),
                ("ad_personalization", false),
                ("analytics_storage", true),
            ]
        );
        let all = mode.states(Some(&choice(true, true)));
        assert!(all.iter().all(|(_, g)| *g));
    }

    #[test]
    fn without_marketing_ads_are_always_denied() {
        let mode = ConsentMode::default_for(false, true);
        let states = mode.states(Some(&choice(true, true)));
        assert!(states
            .iter()
            .filter(|(t, _)| t.starts_with("ad_"))
            .all(|(_, g)| !g));
    }

    #[test]
    fn necessary_is_always_granted() {
        let mode = ConsentMode {
            setting: Setting::On,
            types: vec![("security_storage".to_owned(), "necessary".to_owned())],
        };
        assert_eq!(mode.states(None), [("security_storage", true)]);
    }
}

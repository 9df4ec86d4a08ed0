//! What a button of the component does: the `data-cb-action` values the UI writes and the
//! controller reads. The toolbar's buttons have their own (`full::toolbar`).

#[allow(unused_imports)]
use crate::prelude::*;

/// A button's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Grants what the banner asks for.
    Accept,
    /// Refuses what the banner asks for.
    Reject,
    /// Opens the settings (the form on this page, or one in the banner).
    Settings,
    /// Reloads the page (after a withdrawal in another tab).
    Reload,
    /// Hides the confirmation.
    Hide,
    /// Closes the settings drawn in the banner.
    CloseSettings,
    /// Grants a placeholder's categories, which loads its embed.
    Allow,
    /// Turns off the category the button names (`data-cb-category`): an objection.
    TurnOff,
    /// Hides the information notice, recording that the visitor was informed.
    HideNotice,
}

impl Action {
    /// Every action.
    pub const ALL: [Self; 9] = [
        Self::Accept,
        Self::Reject,
        Self::Settings,
        Self::Reload,
        Self::Hide,
        Self::CloseSettings,
        Self::Allow,
        Self::TurnOff,
        Self::HideNotice,
    ];

    /// The value of `data-cb-action`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accept => "accept",
            Self::Reject => "reject",
            Self::Settings => "settings",
            Self::Reload => "reload",
            Self::Hide => "hide",
            Self::CloseSettings => "close-settings",
            Self::Allow => "allow",
            Self::TurnOff => "turn-off",
            Self::HideNotice => "hide-notice",
        }
    }

    /// The action a `data-cb-action` value names; `None` for any other (the toolbar's included).
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|action| action.as_str() == value)
    }

    /// A selector for the buttons and links with this action.
    pub fn selector(self) -> String {
        crate::core::text::concat(&["[", crate::names::attr::ACTION, "=", self.as_str(), "]"])
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    #[test]
    fn every_action_round_trips() {
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
    }

    #[test]
    fn values_are_the_markup_s() {
        let values: Vec<_> = Action::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(
            values,
            [
                "accept",
                "reject",
                "settings",
                "reload",
                "hide",
                "close-settings",
                "allow",
                "turn-off",
                "hide-notice"
            ]
        );
        assert_eq!(Action::Settings.selector(), "[data-cb-action=settings]");
    }

    #[test]
    fn parse_refuses_other_values() {
        for value in [
            "",
            "Accept",
            "accept ",
            "toolbar-toggle",
            "close_settings",
            "deny",
            "turnoff",
        ] {
            assert_eq!(Action::parse(value), None, "{value:?}");
        }
    }
}

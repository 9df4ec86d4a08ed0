//! The full stage's decisions, as data: where the settings open, what a settings form's answers
//! change and how its controls keep in step, what a placeholder grants, and what the page does
//! after a choice. The controller (`full::app`) carries them out; here they are pure, so they are
//! tested natively.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::core::consent::{Banner, Changes};
use crate::core::text::concat;

/// What made a choice: sent in receipts, and it decides what the page does after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The banner's Accept button.
    Accept,
    /// The banner's Reject button.
    Reject,
    /// A settings form.
    Save,
    /// A placeholder's button, or the toolbar's translation consent.
    Embed,
    /// The JavaScript API.
    Api,
    /// `reset()`: the choice forgotten.
    Reset,
    /// A "Turn off" button of the banner: an objection.
    TurnOff,
    /// The information notice hidden: the visitor was informed.
    Informed,
}

impl Origin {
    /// The receipt's `event`.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Accept => "accept",
            Origin::Reject => "reject",
            Origin::Save => "save",
            Origin::Embed => "embed",
            Origin::Api => "api",
            Origin::Reset => "reset",
            Origin::TurnOff => "turn-off",
            Origin::Informed => "informed",
        }
    }
}

/// Where "Choose your cookie settings" and similar links lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsTarget {
    /// A settings form on this page, by element id.
    OnPage(String),
    /// The site's settings page.
    Page(String),
    /// No form anywhere: draw one in the banner.
    InBanner,
}

/// Where settings links lead: a form on this page (its id) first, else the site's settings page,
/// else a form in the banner. Links in the banner never leave the page: the banner stands before
/// the site's skip link, and a real link there would stop it counting as one (and the visitor can
/// answer without losing their place).
pub fn settings_target(
    form_on_page: Option<String>,
    settings_page: Option<&str>,
    in_banner: bool,
) -> SettingsTarget {
    match (form_on_page, settings_page) {
        (Some(id), _) => SettingsTarget::OnPage(id),
        (None, Some(url)) if !in_banner => SettingsTarget::Page(url.to_owned()),
        (None, _) => SettingsTarget::InBanner,
    }
}

/// What a settings form says: each category's answer (`true` for "Yes"), and the services
/// whose boxes are checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormAnswers {
    /// Each answered category, and whether the answer is "Yes".
    pub categories: Vec<(String, bool)>,
    /// The services checked.
    pub services: Vec<String>,
}

/// The changes a settings form makes: every optional category, refused unless the form answers
/// it "yes" (the form starts at "No"); the last answer for a category counts. "Yes" grants the
/// category with all its services, whatever their boxes say; inside a refused category, each
/// checked service is granted. `services` are the config's (id, category). Answers naming no
/// optional category or service are ignored.
pub fn form_changes<'a>(
    optional: impl IntoIterator<Item = &'a str>,
    services: &[(&str, &str)],
    answers: &FormAnswers,
) -> Changes {
    let categories: Vec<(String, bool)> = optional
        .into_iter()
        .map(|id| {
            let granted = answers
                .categories
                .iter()
                .rev()
                .find(|(answer, _)| answer == id)
                .is_some_and(|(_, yes)| *yes);
            (id.to_owned(), granted)
        })
        .collect();
    let services = services
        .iter()
        .filter(|(id, category)| {
            categories.iter().any(|(c, yes)| c == category && !yes)
                && answers.services.iter().any(|s| s == id)
        })
        .map(|(id, _)| ((*id).to_owned(), true))
        .collect();
    Changes {
        categories,
        services,
    }
}

/// A control of one category's group in a settings form, as the visitor just set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggled {
    /// The category's answer: `true` for "Yes".
    Answer(bool),
    /// One of its services' boxes: `true` when now checked.
    Service(bool),
}

/// What the group's other controls do to stay in step with a [`Toggled`] one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// Every service's box takes this state.
    Services(bool),
    /// The category's answer moves to "No".
    AnswerNo,
    /// Nothing changes.
    Nothing,
}

/// How a category's group stays in step (`yes`: its answer is "Yes" now). "Yes" checks every
/// service and "No" unchecks them, as saving would make them. Unchecking a service under "Yes"
/// moves the answer to "No" and leaves the other boxes checked: the visitor took one service
/// out, not all. Checking a service changes nothing else: every service checked one by one is
/// still not the category whole (its own cookies, markup that needs the category).
pub fn follow(toggled: Toggled, yes: bool) -> Follow {
    match toggled {
        Toggled::Answer(yes) => Follow::Services(yes),
        Toggled::Service(false) if yes => Follow::AnswerNo,
        Toggled::Service(_) => Follow::Nothing,
    }
}

/// What the banner's first message says and offers, from what it has to say ([`Banner::of`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message<'a> {
    /// Whether it asks for consent (the banner's request, Accept and Reject); otherwise it is
    /// an information notice, with a heading of its own.
    pub asks: bool,
    /// The categories it informs about: used until the visitor objects, each with a "Turn off"
    /// button as prominent as Accept and Reject.
    pub turn_off: Vec<&'a str>,
    /// Whether it says that the browser's Global Privacy Control was honoured.
    pub gpc_note: bool,
    /// How it goes away without an answer.
    pub dismiss: Dismiss,
}

/// How the banner's first message goes away without Accept, Reject or "Turn off".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dismiss {
    /// It does not: Accept and Reject answer it.
    Answer,
    /// "Hide this message", which records that the visitor was informed, so the notice stays
    /// away until the revision changes.
    Informed,
    /// "Hide cookie message", which records nothing: shown only when asked for (`showBanner()`)
    /// with nothing to ask or inform about.
    Hide,
}

/// The message for `banner`: a request where it asks about anything (with "Turn off" for the
/// categories it informs about), otherwise a notice. Global Privacy Control's note goes with
/// the categories it withheld.
pub fn message<'a>(banner: &Banner<'a>) -> Message<'a> {
    let asks = !banner.ask.is_empty();
    let dismiss = if asks {
        Dismiss::Answer
    } else if !banner.inform.is_empty() {
        Dismiss::Informed
    } else {
        Dismiss::Hide
    };
    Message {
        asks,
        turn_off: banner.inform.clone(),
        gpc_note: !banner.withheld.is_empty(),
        dismiss,
    }
}

/// What a page reloaded by the component after a withdrawal says: kept in session storage
/// across the reload (its value, [`Reloaded::value`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reloaded<'a> {
    /// A settings form saved: the form says so.
    Saved,
    /// The banner's "Turn off" for this category: the banner confirms it.
    TurnedOff(&'a str),
}

impl<'a> Reloaded<'a> {
    /// The value kept in session storage.
    pub fn value(self) -> String {
        match self {
            Reloaded::Saved => "1".to_owned(),
            Reloaded::TurnedOff(id) => concat(&["off:", id]),
        }
    }

    /// What a kept value says; `None` for any other.
    pub fn parse(value: &'a str) -> Option<Self> {
        match value.strip_prefix("off:") {
            Some(id) if !id.is_empty() => Some(Reloaded::TurnedOff(id)),
            Some(_) => None,
            None => (value == "1").then_some(Reloaded::Saved),
        }
    }
}

/// Whether a new choice answers the banner: one made through the API, while the banner asks.
/// (The banner's own buttons and forms answer it themselves; another tab's choice is
/// [`after_other_tab`].)
pub fn answers_banner(origin: Origin, forgotten: bool, asking: bool) -> bool {
    origin == Origin::Api && !forgotten && asking
}

/// What a stored choice still needs once applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterChoice {
    /// Nothing: the choice took effect in place.
    Done,
    /// Reload: scripts of a withdrawn category already run, and only leaving the page stops
    /// them. `say_saved` when the settings form asked, so the reloaded page says it saved.
    Reload {
        /// Whether the reloaded page says the settings saved.
        say_saved: bool,
    },
}

/// Whether a choice needs the page reloaded: it withdrew a category whose scripts already ran
/// (`still_running`), the config asks for reloads (`reloadOnWithdraw`), and the visitor made it
/// with the component's own controls. A site's script that calls the API decides for itself (the
/// change event and `reloadNeeded()` tell it): a reload it did not ask for would throw away a
/// single-page app's state.
pub fn after_choice(origin: Origin, still_running: bool, reload_on_withdraw: bool) -> AfterChoice {
    let from_api = matches!(origin, Origin::Api | Origin::Reset);
    if still_running && reload_on_withdraw && !from_api {
        AfterChoice::Reload {
            say_saved: origin == Origin::Save,
        }
    } else {
        AfterChoice::Done
    }
}

/// What the banner does after a choice made in another tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterOtherTab {
    /// Explain that a withdrawal needs a reload here, with a button to reload.
    ExplainReload,
    /// The question was answered elsewhere: the banner goes.
    Hide,
    /// The choice was forgotten elsewhere: ask again.
    Ask,
    /// Nothing to show (the site draws no banner).
    Nothing,
}

/// What the banner does after another tab's choice was applied here.
pub fn after_other_tab(still_running: bool, answered: bool, banner: bool) -> AfterOtherTab {
    if still_running {
        AfterOtherTab::ExplainReload
    } else if answered {
        AfterOtherTab::Hide
    } else if banner {
        AfterOtherTab::Ask
    } else {
        AfterOtherTab::Nothing
    }
}

/// What an embed's placeholder button grants: its service alone (with any other category the
/// embed also needs), or without a service every category it needs. `service` is the service's
/// id and its category's.
pub fn embed_changes(required: &str, service: Option<(&str, &str)>) -> Changes {
    let categories = required
        .split_ascii_whitespace()
        .filter(|id| !service.is_some_and(|(_, own)| own == *id))
        .map(|id| (id.to_owned(), true))
        .collect();
    Changes {
        categories,
        services: service
            .map(|(id, _)| vec![(id.to_owned(), true)])
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_grants_its_service_and_only_the_other_categories_it_needs() {
        let pairs = |list: &[(&str, bool)]| -> Vec<(String, bool)> {
            list.iter().map(|(id, g)| ((*id).to_owned(), *g)).collect()
        };
        let youtube = embed_changes("embeds", Some(("youtube", "embeds")));
        assert_eq!(youtube.categories, pairs(&[]));
        assert_eq!(youtube.services, pairs(&[("youtube", true)]));
        let both = embed_changes("embeds analytics", Some(("youtube", "embeds")));
        assert_eq!(both.categories, pairs(&[("analytics", true)]));
        assert_eq!(both.services, pairs(&[("youtube", true)]));
        let none = embed_changes("embeds", None);
        assert_eq!(none.categories, pairs(&[("embeds", true)]));
        assert!(none.services.is_empty());
    }

    #[test]
    fn a_form_on_the_page_wins_over_the_settings_page() {
        let form = || Some("cb-settings-1".to_owned());
        for in_banner in [false, true] {
            assert_eq!(
                settings_target(form(), Some("/cookies"), in_banner),
                SettingsTarget::OnPage("cb-settings-1".into())
            );
        }
    }

    #[test]
    fn the_settings_page_is_linked_except_from_the_banner() {
        assert_eq!(
            settings_target(None, Some("/cookies"), false),
            SettingsTarget::Page("/cookies".into())
        );
        assert_eq!(
            settings_target(None, Some("/cookies"), true),
            SettingsTarget::InBanner
        );
        assert_eq!(settings_target(None, None, false), SettingsTarget::InBanner);
    }

    /// Answers of a form: categories, then the services checked.
    fn answers(categories: &[(&str, bool)], services: &[&str]) -> FormAnswers {
        FormAnswers {
            categories: categories
                .iter()
                .map(|(id, yes)| ((*id).to_owned(), *yes))
                .collect(),
            services: services.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Changes from categories and services, written short.
    fn changes(categories: &[(&str, bool)], services: &[&str]) -> Changes {
        Changes {
            categories: categories
                .iter()
                .map(|(id, yes)| ((*id).to_owned(), *yes))
                .collect(),
            services: services.iter().map(|s| ((*s).to_owned(), true)).collect(),
        }
    }

    const SERVICES: &[(&str, &str)] = &[
        ("google-analytics", "analytics"),
        ("hotjar", "analytics"),
        ("youtube", "embeds"),
        ("twitter", "embeds"),
    ];

    #[test]
    fn unanswered_categories_count_as_refused() {
        assert_eq!(
            form_changes(
                ["analytics", "marketing"],
                &[],
                &answers(&[("analytics", true)], &[])
            ),
            changes(&[("analytics", true), ("marketing", false)], &[])
        );
        assert_eq!(
            form_changes(["analytics"], &[], &FormAnswers::default()),
            changes(&[("analytics", false)], &[])
        );
    }

    #[test]
    fn the_last_answer_for_a_category_counts() {
        let answers = answers(&[("analytics", true), ("analytics", false)], &[]);
        assert_eq!(
            form_changes(["analytics"], &[], &answers),
            changes(&[("analytics", false)], &[])
        );
    }

    #[test]
    fn answers_outside_the_optional_categories_are_ignored() {
        let answers = answers(
            &[
                ("necessary", false),
                ("made-up", true),
                ("analytics", false),
            ],
            &["made-up-service"],
        );
        assert_eq!(
            form_changes(["analytics"], SERVICES, &answers),
            changes(&[("analytics", false)], &[])
        );
    }

    #[test]
    fn no_with_checked_services_grants_those_services_alone() {
        let answers = answers(&[("analytics", false), ("embeds", false)], &["youtube"]);
        assert_eq!(
            form_changes(["analytics", "embeds"], SERVICES, &answers),
            changes(&[("analytics", false), ("embeds", false)], &["youtube"])
        );
    }

    #[test]
    fn yes_grants_the_category_whole_whatever_its_boxes_say() {
        // Boxes of a "Yes" category are not listed: the category grants them all, checked or not.
        let answers = answers(
            &[("analytics", true), ("embeds", false)],
            &["hotjar", "twitter"],
        );
        assert_eq!(
            form_changes(["analytics", "embeds"], SERVICES, &answers),
            changes(&[("analytics", true), ("embeds", false)], &["twitter"])
        );
    }

    #[test]
    fn an_unanswered_category_grants_its_checked_services() {
        let answers = answers(&[], &["google-analytics"]);
        assert_eq!(
            form_changes(["analytics"], SERVICES, &answers),
            changes(&[("analytics", false)], &["google-analytics"])
        );
    }

    #[test]
    fn yes_checks_every_service_and_no_unchecks_them() {
        for yes in [false, true] {
            assert_eq!(follow(Toggled::Answer(true), yes), Follow::Services(true));
            assert_eq!(follow(Toggled::Answer(false), yes), Follow::Services(false));
        }
    }

    #[test]
    fn unchecking_a_service_under_yes_moves_the_answer_to_no() {
        assert_eq!(follow(Toggled::Service(false), true), Follow::AnswerNo);
        assert_eq!(follow(Toggled::Service(false), false), Follow::Nothing);
    }

    #[test]
    fn checking_a_service_changes_nothing_else() {
        assert_eq!(follow(Toggled::Service(true), false), Follow::Nothing);
        assert_eq!(follow(Toggled::Service(true), true), Follow::Nothing);
    }

    #[test]
    fn only_an_api_choice_answers_an_asking_banner() {
        assert!(answers_banner(Origin::Api, false, true));
        assert!(!answers_banner(Origin::Api, false, false));
        // `reset()` asks again rather than answering.
        assert!(!answers_banner(Origin::Api, true, true));
        for origin in [Origin::Accept, Origin::Reject, Origin::Save, Origin::Embed] {
            assert!(!answers_banner(origin, false, true));
        }
    }

    #[test]
    fn a_withdrawal_reloads_only_when_scripts_run_and_the_config_asks() {
        assert_eq!(
            after_choice(Origin::Save, true, true),
            AfterChoice::Reload { say_saved: true }
        );
        assert_eq!(
            after_choice(Origin::Reject, true, true),
            AfterChoice::Reload { say_saved: false }
        );
        assert_eq!(after_choice(Origin::Save, true, false), AfterChoice::Done);
        assert_eq!(after_choice(Origin::Save, false, true), AfterChoice::Done);
    }

    #[test]
    fn api_calls_never_reload() {
        // `set()`, `acceptAll()`, `rejectAll()` and `reset()`: the site's script decides.
        for origin in [Origin::Api, Origin::Reset] {
            assert_eq!(after_choice(origin, true, true), AfterChoice::Done);
        }
        // The component's own controls keep reloading ("Turn off" is a withdrawal too).
        for origin in [
            Origin::Accept,
            Origin::Reject,
            Origin::Save,
            Origin::Embed,
            Origin::TurnOff,
            Origin::Informed,
        ] {
            assert_ne!(after_choice(origin, true, true), AfterChoice::Done);
        }
    }

    #[test]
    fn another_tabs_choice_explains_hides_or_asks() {
        assert_eq!(
            after_other_tab(true, true, true),
            AfterOtherTab::ExplainReload
        );
        assert_eq!(
            after_other_tab(true, false, false),
            AfterOtherTab::ExplainReload
        );
        assert_eq!(after_other_tab(false, true, true), AfterOtherTab::Hide);
        assert_eq!(after_other_tab(false, false, true), AfterOtherTab::Ask);
        assert_eq!(after_other_tab(false, false, false), AfterOtherTab::Nothing);
    }

    #[test]
    fn receipts_name_their_origin() {
        let all = [
            Origin::Accept,
            Origin::Reject,
            Origin::Save,
            Origin::Embed,
            Origin::Api,
            Origin::Reset,
        ];
        let names: Vec<&str> = all.iter().map(|o| o.as_str()).collect();
        assert_eq!(names, ["accept", "reject", "save", "embed", "api", "reset"]);
        assert_eq!(Origin::TurnOff.as_str(), "turn-off");
        assert_eq!(Origin::Informed.as_str(), "informed");
    }

    fn banner<'a>(ask: &[&'a str], inform: &[&'a str], withheld: &[&'a str]) -> Banner<'a> {
        Banner {
            ask: ask.to_vec(),
            inform: inform.to_vec(),
            withheld: withheld.to_vec(),
        }
    }

    #[test]
    fn a_banner_that_asks_is_a_request_answered_by_accept_or_reject() {
        let message = message(&banner(&["analytics"], &[], &[]));
        assert!(message.asks);
        assert!(message.turn_off.is_empty());
        assert_eq!(message.dismiss, Dismiss::Answer);
        assert!(!message.gpc_note);
    }

    #[test]
    fn a_banner_that_only_informs_is_a_notice_with_turn_off_and_hide() {
        let message = message(&banner(&[], &["analytics", "stats"], &[]));
        assert!(!message.asks);
        assert_eq!(message.turn_off, ["analytics", "stats"]);
        assert_eq!(message.dismiss, Dismiss::Informed);
    }

    #[test]
    fn a_mixed_banner_asks_and_offers_turn_off() {
        let message = message(&banner(&["marketing"], &["analytics"], &[]));
        assert!(message.asks);
        assert_eq!(message.turn_off, ["analytics"]);
        assert_eq!(message.dismiss, Dismiss::Answer);
    }

    #[test]
    fn withheld_categories_bring_the_gpc_note() {
        let asking = message(&banner(&["embeds"], &[], &["analytics"]));
        assert!(asking.asks && asking.gpc_note);
        // Nothing left to ask: only shown when asked for, it says so and can be hidden.
        let answered = message(&banner(&[], &[], &["analytics"]));
        assert!(!answered.asks && answered.gpc_note);
        assert!(answered.turn_off.is_empty());
        assert_eq!(answered.dismiss, Dismiss::Hide);
    }

    #[test]
    fn a_reloaded_page_reads_what_to_say() {
        for said in [Reloaded::Saved, Reloaded::TurnedOff("analytics")] {
            assert_eq!(Reloaded::parse(&said.value()), Some(said));
        }
        assert_eq!(Reloaded::Saved.value(), "1");
        for other in ["", "0", "off:", "yes", "analytics"] {
            assert_eq!(Reloaded::parse(other), None, "{other:?}");
        }
    }
}

//! The accessibility toolbar's pure logic: contrast modes, text-size steps, its cookie values and
//! Google Translate's `googtrans` format; its actions, its state, and what each action does to
//! them ([`reduce`]), as data the controller carries out.
//!
//! Every cookie value is read leniently: anything unknown means "no choice", never an error,
//! because a cookie may have been written by another tool or an older version. The drop-in's
//! bootstrap (`src/js/dropin.js`) reads the same values before the Wasm starts, so the values
//! here and the lists there must stay equal (an end-to-end test checks both read alike).

#[allow(unused_imports)]
use crate::prelude::*;

use crate::core::text::{concat, decimal};
use crate::full::config::ToolbarSettings;

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
        .filter(|n| TEXT_SIZES.contains(n) && cookie == Some(decimal(u64::from(*n)).as_str()))
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
    concat(&["/", from, "/", to])
}

/// The target language of a `googtrans` value, if it is well formed.
pub fn parse_googtrans(value: &str) -> Option<&str> {
    let rest = value.strip_prefix('/')?;
    let (from, to) = rest.split_once('/')?;
    (is_language_code(from) && is_language_code(to)).then_some(to)
}

/// What a toolbar control does: the value of its `data-cb-action`, which the view writes and the
/// controller matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolbarAction {
    /// Opens or closes the panel.
    Toggle,
    /// A contrast radio was picked (its value is the mode).
    Contrast,
    /// One text size down.
    Smaller,
    /// One text size up.
    Larger,
    /// Forgets every toolbar choice.
    Reset,
    /// Opens or closes the translation choices.
    Translate,
    /// Grants `embeds` so that Google Translate may load.
    TranslateAllow,
    /// A language button was pressed (its `data-cb-language` is the code).
    Language,
}

impl ToolbarAction {
    /// What every toolbar action starts with.
    pub const PREFIX: &'static str = "toolbar-";
    /// Every action.
    pub const ALL: [ToolbarAction; 8] = [
        ToolbarAction::Toggle,
        ToolbarAction::Contrast,
        ToolbarAction::Smaller,
        ToolbarAction::Larger,
        ToolbarAction::Reset,
        ToolbarAction::Translate,
        ToolbarAction::TranslateAllow,
        ToolbarAction::Language,
    ];

    /// The value of `data-cb-action`.
    pub fn as_str(self) -> &'static str {
        match self {
            ToolbarAction::Toggle => "toolbar-toggle",
            ToolbarAction::Contrast => "toolbar-contrast",
            ToolbarAction::Smaller => "toolbar-smaller",
            ToolbarAction::Larger => "toolbar-larger",
            ToolbarAction::Reset => "toolbar-reset",
            ToolbarAction::Translate => "toolbar-translate",
            ToolbarAction::TranslateAllow => "toolbar-translate-allow",
            ToolbarAction::Language => "toolbar-language",
        }
    }

    /// The action a `data-cb-action` value names, if any.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

/// What the toolbar shows, shared by every toolbar on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// The panel is open.
    pub open: bool,
    /// The contrast mode in force.
    pub contrast: Contrast,
    /// The text size in percent.
    pub size: u16,
    /// The translation choices are open.
    pub translate_open: bool,
    /// `embeds` is granted, so Google Translate may load.
    pub embeds: bool,
    /// The language the page is shown in.
    pub language: String,
}

/// The toolbar's cookies, as read from the page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cookies<'a> {
    /// [`OPEN_COOKIE`].
    pub open: Option<&'a str>,
    /// [`CONTRAST_COOKIE`].
    pub contrast: Option<&'a str>,
    /// [`SIZE_COOKIE`].
    pub size: Option<&'a str>,
    /// [`TRANSLATE_COOKIE`].
    pub translation: Option<&'a str>,
}

/// What a decision needs besides the state: the site's settings and two facts of the page.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The toolbar's config (page language, languages offered).
    pub config: &'a ToolbarSettings,
    /// The visitor's choice grants `embeds`.
    pub embeds: bool,
    /// The system asks for more contrast.
    pub prefers_more: bool,
}

impl State {
    /// The state the stored cookies describe, and the language to translate the page into again
    /// (a translation is resumed only for a language offered, and only while `embeds` allows).
    pub fn restore(cookies: Cookies<'_>, context: Context<'_>) -> (Self, Option<String>) {
        let page_language = &context.config.page_language;
        let resume = cookies
            .translation
            .and_then(parse_googtrans)
            .filter(|to| context.config.languages.iter().any(|l| l.code == *to))
            .filter(|to| to != page_language && context.embeds)
            .map(str::to_owned);
        let state = State {
            open: parse_open(cookies.open),
            contrast: Contrast::effective(cookies.contrast, context.prefers_more),
            size: parse_text_size(cookies.size),
            translate_open: false,
            embeds: context.embeds,
            language: page_language.clone(),
        };
        (state, resume)
    }
}

/// What the toolbar tells screen readers after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Announcement<'a> {
    /// The contrast mode now in force.
    Contrast(Contrast),
    /// The text size now in force.
    Size(u16),
    /// Every toolbar choice was forgotten.
    Reset,
    /// The page is being shown in the language of this name.
    Language(&'a str),
}

/// One thing an action makes happen, in the order it is listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect<'a> {
    /// Store a toolbar cookie for the config's `cookie_days`.
    Store(&'static str, String),
    /// Delete every toolbar cookie ([`COOKIES`]).
    ForgetAll,
    /// Delete [`TRANSLATE_COOKIE`].
    ForgetTranslation,
    /// Store [`TRANSLATE_COOKIE`] with this value, for the session.
    RememberTranslation(String),
    /// Reload the page if Google's translation is in it: only a reload takes it off.
    ReloadIfTranslated,
    /// Show the page in this language: through Google's element if it is there, else by loading it.
    ShowLanguage(&'a str),
    /// Grant `embeds` (the visitor's own choice, as a placeholder's button does).
    GrantEmbeds,
    /// Show the contrast and text size on the page (and let the banner fit the new size).
    ApplyLook,
    /// Keep the new state and bring every toolbar in step with it.
    Sync,
    /// Focus the first language button of the toolbar acted on.
    FocusLanguages,
    /// Say this in the status message of the toolbar acted on.
    Announce(Announcement<'a>),
}

/// Brings `state` to what `action` makes of it and returns what to do, in order. `input` is the
/// picked contrast mode's value for [`ToolbarAction::Contrast`] and the language code for
/// [`ToolbarAction::Language`]. Nothing to do means the action was refused (an unknown contrast
/// or language, or a language while `embeds` is refused), and then `state` is unchanged.
pub fn reduce<'a>(
    state: &mut State,
    action: ToolbarAction,
    input: &str,
    context: Context<'a>,
) -> Vec<Effect<'a>> {
    let page_language = &context.config.page_language;
    // One list, pushed to: cheaper in Wasm than a `vec!` per action joined to the common tail.
    let mut effects = Vec::with_capacity(5);
    let announcement = match action {
        ToolbarAction::Toggle => {
            state.open = !state.open;
            effects.push(Effect::Store(
                OPEN_COOKIE,
                open_value(state.open).to_owned(),
            ));
            None
        }
        ToolbarAction::Contrast => {
            let Some(mode) = Contrast::parse(input) else {
                return effects;
            };
            state.contrast = mode;
            effects.push(Effect::Store(CONTRAST_COOKIE, mode.value().to_owned()));
            Some(Announcement::Contrast(mode))
        }
        ToolbarAction::Smaller | ToolbarAction::Larger => {
            state.size = step_text_size(state.size, action == ToolbarAction::Larger);
            effects.push(Effect::Store(SIZE_COOKIE, decimal(u64::from(state.size))));
            Some(Announcement::Size(state.size))
        }
        ToolbarAction::Reset => {
            effects.push(Effect::ForgetAll);
            if state.language != *page_language {
                effects.push(Effect::ReloadIfTranslated);
            }
            state.contrast = Contrast::effective(None, context.prefers_more);
            state.size = TEXT_SIZES[0];
            state.translate_open = false;
            state.language.clone_from(page_language);
            Some(Announcement::Reset)
        }
        ToolbarAction::Translate => {
            state.translate_open = !state.translate_open;
            None
        }
        // The grant brings the toolbars in step itself; the look is unchanged.
        ToolbarAction::TranslateAllow => {
            effects.extend([Effect::GrantEmbeds, Effect::Sync, Effect::FocusLanguages]);
            return effects;
        }
        ToolbarAction::Language => {
            let Some(language) = context.config.languages.iter().find(|l| l.code == input) else {
                return effects;
            };
            if !context.embeds {
                return effects;
            }
            let was_translated = state.language != *page_language;
            state.language.clone_from(&language.code);
            if language.code == *page_language {
                effects.push(Effect::ForgetTranslation);
                if was_translated {
                    effects.push(Effect::ReloadIfTranslated);
                }
            } else {
                let value = googtrans(page_language, &language.code);
                effects.push(Effect::RememberTranslation(value));
                effects.push(Effect::ShowLanguage(&language.code));
            }
            Some(Announcement::Language(&language.name))
        }
    };
    effects.push(Effect::ApplyLook);
    effects.push(Effect::Sync);
    if let Some(announcement) = announcement {
        effects.push(Effect::Announce(announcement));
    }
    effects
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

    fn context(config: &ToolbarSettings, embeds: bool) -> Context<'_> {
        Context {
            config,
            embeds,
            prefers_more: false,
        }
    }

    fn state(language: &str) -> State {
        State {
            open: true,
            contrast: Contrast::YellowOnBlack,
            size: 150,
            translate_open: true,
            embeds: true,
            language: language.to_owned(),
        }
    }

    /// A state and what the reducer made of it.
    struct Step<'a> {
        state: State,
        effects: Vec<Effect<'a>>,
    }

    fn run<'a>(
        before: &State,
        action: ToolbarAction,
        input: &str,
        context: Context<'a>,
    ) -> Step<'a> {
        let mut state = before.clone();
        let effects = reduce(&mut state, action, input, context);
        Step { state, effects }
    }

    /// The effects every action that changes the look ends with.
    fn tail(announcement: Option<Announcement<'static>>) -> Vec<Effect<'static>> {
        let mut effects = vec![Effect::ApplyLook, Effect::Sync];
        effects.extend(announcement.map(Effect::Announce));
        effects
    }

    #[test]
    fn actions_keep_their_page_names() {
        let names: Vec<&str> = ToolbarAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(
            names,
            [
                "toolbar-toggle",
                "toolbar-contrast",
                "toolbar-smaller",
                "toolbar-larger",
                "toolbar-reset",
                "toolbar-translate",
                "toolbar-translate-allow",
                "toolbar-language",
            ]
        );
        for action in ToolbarAction::ALL {
            assert!(action.as_str().starts_with(ToolbarAction::PREFIX));
            assert_eq!(ToolbarAction::parse(action.as_str()), Some(action));
        }
        for other in [
            "",
            "toolbar-",
            "toolbar-Toggle",
            "accept",
            "toolbar-toggle ",
        ] {
            assert_eq!(ToolbarAction::parse(other), None, "{other:?}");
        }
    }

    #[test]
    fn restore_reads_the_cookies_and_resumes_an_offered_translation() {
        let config = ToolbarSettings::default();
        let cookies = Cookies {
            open: Some("open"),
            contrast: Some("high"),
            size: Some("175"),
            translation: Some("/en/cy"),
        };
        let (restored, resume) = State::restore(cookies, context(&config, true));
        assert_eq!(
            restored,
            State {
                open: true,
                contrast: Contrast::High,
                size: 175,
                translate_open: false,
                embeds: true,
                language: "en".to_owned(),
            }
        );
        assert_eq!(resume.as_deref(), Some("cy"));

        let (_, resume) = State::restore(cookies, context(&config, false));
        assert_eq!(resume, None, "not without `embeds`");
        for translation in ["/en/fr", "/en/en", "garbage"] {
            let cookies = Cookies {
                translation: Some(translation),
                ..cookies
            };
            let (_, resume) = State::restore(cookies, context(&config, true));
            assert_eq!(resume, None, "{translation}");
        }

        let (empty, resume) = State::restore(Cookies::default(), context(&config, false));
        assert_eq!(
            (empty.open, empty.contrast, empty.size),
            (false, Contrast::Default, 100)
        );
        assert!(!empty.embeds);
        assert_eq!(resume, None);
    }

    #[test]
    fn toggle_stores_the_panel_state() {
        let config = ToolbarSettings::default();
        let step = run(
            &state("en"),
            ToolbarAction::Toggle,
            "",
            context(&config, true),
        );
        assert!(!step.state.open);
        let mut effects = vec![Effect::Store(OPEN_COOKIE, "closed".to_owned())];
        effects.extend(tail(None));
        assert_eq!(step.effects, effects);
        let again = run(
            &step.state,
            ToolbarAction::Toggle,
            "",
            context(&config, true),
        );
        assert!(again.state.open);
        assert_eq!(
            again.effects[0],
            Effect::Store(OPEN_COOKIE, "open".to_owned())
        );
    }

    #[test]
    fn contrast_stores_and_announces_a_known_mode_only() {
        let config = ToolbarSettings::default();
        let step = run(
            &state("en"),
            ToolbarAction::Contrast,
            "high",
            context(&config, true),
        );
        assert_eq!(step.state.contrast, Contrast::High);
        let mut effects = vec![Effect::Store(CONTRAST_COOKIE, "high".to_owned())];
        effects.extend(tail(Some(Announcement::Contrast(Contrast::High))));
        assert_eq!(step.effects, effects);

        for unknown in ["", "High", "dark"] {
            let step = run(
                &state("en"),
                ToolbarAction::Contrast,
                unknown,
                context(&config, true),
            );
            assert_eq!(step.state, state("en"), "{unknown:?}");
            assert!(step.effects.is_empty(), "{unknown:?}");
        }
    }

    #[test]
    fn text_size_steps_store_and_announce() {
        let config = ToolbarSettings::default();
        let step = run(
            &state("en"),
            ToolbarAction::Larger,
            "",
            context(&config, true),
        );
        assert_eq!(step.state.size, 175);
        let mut effects = vec![Effect::Store(SIZE_COOKIE, "175".to_owned())];
        effects.extend(tail(Some(Announcement::Size(175))));
        assert_eq!(step.effects, effects);

        let step = run(
            &state("en"),
            ToolbarAction::Smaller,
            "",
            context(&config, true),
        );
        assert_eq!(step.state.size, 125);
        assert_eq!(
            step.effects[0],
            Effect::Store(SIZE_COOKIE, "125".to_owned())
        );

        let smallest = State {
            size: 100,
            ..state("en")
        };
        let step = run(
            &smallest,
            ToolbarAction::Smaller,
            "",
            context(&config, true),
        );
        assert_eq!(step.state.size, 100);
        assert_eq!(
            step.effects.last(),
            Some(&Effect::Announce(Announcement::Size(100)))
        );
    }

    #[test]
    fn reset_forgets_everything_and_reloads_only_a_translated_page() {
        let config = ToolbarSettings::default();
        let step = run(
            &state("cy"),
            ToolbarAction::Reset,
            "",
            context(&config, true),
        );
        assert_eq!(
            step.state,
            State {
                open: true,
                contrast: Contrast::Default,
                size: 100,
                translate_open: false,
                embeds: true,
                language: "en".to_owned(),
            }
        );
        let mut effects = vec![Effect::ForgetAll, Effect::ReloadIfTranslated];
        effects.extend(tail(Some(Announcement::Reset)));
        assert_eq!(step.effects, effects);

        let step = run(
            &state("en"),
            ToolbarAction::Reset,
            "",
            context(&config, true),
        );
        let mut effects = vec![Effect::ForgetAll];
        effects.extend(tail(Some(Announcement::Reset)));
        assert_eq!(step.effects, effects);

        let prefers_more = Context {
            prefers_more: true,
            ..context(&config, true)
        };
        let step = run(&state("en"), ToolbarAction::Reset, "", prefers_more);
        assert_eq!(
            step.state.contrast,
            Contrast::High,
            "the system's preference comes back"
        );
    }

    #[test]
    fn translate_opens_and_closes_its_choices() {
        let config = ToolbarSettings::default();
        let step = run(
            &state("en"),
            ToolbarAction::Translate,
            "",
            context(&config, false),
        );
        assert!(!step.state.translate_open);
        assert_eq!(step.effects, tail(None));
        let step = run(
            &step.state,
            ToolbarAction::Translate,
            "",
            context(&config, false),
        );
        assert!(step.state.translate_open);
    }

    #[test]
    fn translate_allow_grants_embeds_and_moves_focus() {
        let config = ToolbarSettings::default();
        let before = State {
            embeds: false,
            ..state("en")
        };
        let step = run(
            &before,
            ToolbarAction::TranslateAllow,
            "",
            context(&config, false),
        );
        assert_eq!(step.state, before, "the grant itself brings `embeds` in");
        assert_eq!(
            step.effects,
            [Effect::GrantEmbeds, Effect::Sync, Effect::FocusLanguages]
        );
    }

    #[test]
    fn a_language_is_remembered_for_the_session_and_shown() {
        let config = ToolbarSettings::default();
        let step = run(
            &state("en"),
            ToolbarAction::Language,
            "cy",
            context(&config, true),
        );
        assert_eq!(step.state.language, "cy");
        let mut effects = vec![
            Effect::RememberTranslation("/en/cy".to_owned()),
            Effect::ShowLanguage("cy"),
        ];
        effects.extend(tail(Some(Announcement::Language("Cymraeg"))));
        assert_eq!(step.effects, effects);
    }

    #[test]
    fn the_page_language_forgets_the_translation_and_reloads_if_translated() {
        let config = ToolbarSettings::default();
        let step = run(
            &state("cy"),
            ToolbarAction::Language,
            "en",
            context(&config, true),
        );
        assert_eq!(step.state.language, "en");
        let mut effects = vec![Effect::ForgetTranslation, Effect::ReloadIfTranslated];
        effects.extend(tail(Some(Announcement::Language("English"))));
        assert_eq!(step.effects, effects);

        let step = run(
            &state("en"),
            ToolbarAction::Language,
            "en",
            context(&config, true),
        );
        let mut effects = vec![Effect::ForgetTranslation];
        effects.extend(tail(Some(Announcement::Language("English"))));
        assert_eq!(step.effects, effects, "not translated: no reload");
    }

    #[test]
    fn a_language_is_refused_unless_offered_and_embeds_allowed() {
        let config = ToolbarSettings::default();
        for (code, embeds) in [("fr", true), ("", true), ("CY", true), ("cy", false)] {
            let step = run(
                &state("en"),
                ToolbarAction::Language,
                code,
                context(&config, embeds),
            );
            assert_eq!(step.state, state("en"), "{code:?} {embeds}");
            assert!(step.effects.is_empty(), "{code:?} {embeds}");
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

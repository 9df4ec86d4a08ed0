//! Every name the page sees, defined once: the attributes and selectors of its markup, the cookie
//! and storage keys, the events, the global, and the pieces only the full stage draws. Both stages
//! use these; the bootstrap (`src/js/`) cannot import them, so a test below checks that it spells
//! each one it shares the same way. The values are the public contract (README): renaming one
//! breaks sites.

#[allow(unused_imports)]
use crate::prelude::*;

/// The names selectors are made of, as literals: `concat!` takes no consts, and a selector made
/// at compile time costs no code.
#[rustfmt::skip]
macro_rules! lit {
    (consent) => { "data-consent" };
    (src) => { "data-src" };
    (service) => { "data-service" };
    (follow_note) => { "data-cb-follow-note" };
    (state) => { "data-consent-state" };
    (loaded) => { "loaded" };
    (open) => { "data-consent-open" };
    (settings) => { "data-consent-settings" };
    (cookie_table) => { "data-consent-cookie-table" };
    (placeholder) => { "data-consent-placeholder" };
    (action) => { "data-cb-action" };
    (category) => { "data-cb-category" };
    (service_grant) => { "data-cb-service" };
    (toolbar) => { "data-cb-toolbar" };
    (toolbar_status) => { "data-cb-toolbar-status" };
    (toolbar_size) => { "data-cb-toolbar-size" };
    (translate_languages) => { "data-cb-translate-languages" };
    (translate_consent) => { "data-cb-translate-consent" };
    (language) => { "data-cb-language" };
}

/// Attributes: those a site writes in its markup, then those the component writes.
pub mod attr {
    /// On gated markup: the space-separated categories it needs.
    pub const CONSENT: &str = lit!(consent);
    /// On a gated frame or image: its URL, held back until its categories are granted.
    pub const SRC: &str = lit!(src);
    /// On a gated script: the `type` it runs with once granted (JavaScript without it).
    pub const TYPE: &str = "data-type";
    /// On a gated frame: the provider its placeholder names (without it, its URL's host says).
    pub const PROVIDER: &str = "data-provider";
    /// The service gated markup belongs to (`youtube`), when its host does not say.
    pub const SERVICE: &str = lit!(service);
    /// On the bootstrap's `<script>`: the config, an element's id or a same-origin URL.
    pub const CONFIG: &str = "data-config";
    /// On any element that opens the settings (a footer's "Cookie settings").
    pub const OPEN: &str = lit!(open);
    /// On the element the settings form is drawn into.
    pub const SETTINGS: &str = lit!(settings);
    /// On the element the cookie table is drawn into.
    pub const COOKIE_TABLE: &str = lit!(cookie_table);

    /// On a gated frame or image: [`LOADED`] once it has its `src`, [`BLOCKED`] while a
    /// placeholder stands in for it.
    pub const STATE: &str = lit!(state);
    /// [`STATE`] of a gated frame or image that was loaded.
    pub const LOADED: &str = lit!(loaded);
    /// [`STATE`] of a gated frame that is blocked.
    pub const BLOCKED: &str = "blocked";
    /// On the banner's region.
    pub const BANNER: &str = "data-consent-banner";
    /// On a blocked embed's placeholder.
    pub const PLACEHOLDER: &str = lit!(placeholder);
    /// On a button or link of the component: what it does (`full::ui::Action`, and the
    /// toolbar's own).
    pub const ACTION: &str = lit!(action);
    /// On a placeholder's button: the categories it grants.
    pub const CATEGORIES: &str = "data-cb-categories";
    /// On a settings form's status line: what it says when an answer moves to No by itself.
    pub const FOLLOW_NOTE: &str = lit!(follow_note);
    /// On a placeholder's button, and on a settings form's checkbox: the one service it grants.
    pub const SERVICE_GRANT: &str = lit!(service_grant);
    /// On a settings form's radio button, and on the banner's "Turn off" button: its category.
    pub const CATEGORY: &str = lit!(category);
    /// On the banner's note that the browser's Global Privacy Control was honoured.
    pub const GPC: &str = "data-cb-gpc";
    /// On the banner's notice that asks for a reload.
    pub const NOTICE: &str = "data-cb-notice";
    /// On `<html>` while the banner is docked: the stylesheet then draws the region fixed at the
    /// bottom of the viewport and pads the page's end by its height.
    pub const DOCKED: &str = "data-cb-banner";
    /// On `<html>`: the toolbar's contrast mode (the bootstrap sets it before the first paint).
    pub const CONTRAST: &str = "data-cb-contrast";
    /// On `<html>`: the toolbar's text size (the bootstrap sets it before the first paint).
    pub const TEXT_SIZE: &str = "data-cb-text-size";
    /// On `<html>`: the design system whose look the pieces take (`nhs`, `govuk`).
    pub const THEME: &str = "data-cb-theme";
    /// On each accessibility toolbar the component draws.
    pub const TOOLBAR: &str = lit!(toolbar);
    /// On a toolbar's live status line.
    pub const TOOLBAR_STATUS: &str = lit!(toolbar_status);
    /// On a toolbar's text-size read-out.
    pub const TOOLBAR_SIZE: &str = lit!(toolbar_size);
    /// On a toolbar's list of languages (shown once `embeds` is allowed).
    pub const TRANSLATE_LANGUAGES: &str = lit!(translate_languages);
    /// On a toolbar's request for `embeds` consent before translating.
    pub const TRANSLATE_CONSENT: &str = lit!(translate_consent);
    /// On a toolbar's language button: its language code.
    pub const LANGUAGE: &str = lit!(language);
    /// On the Google Translate script the toolbar inserts.
    pub const TRANSLATE: &str = "data-cb-translate";
}

/// Selectors, made from the attributes above.
pub mod select {
    /// Elements that open the settings.
    pub const OPEN: &str = concat!("[", lit!(open), "]");
    /// Hosts of the settings form.
    pub const SETTINGS: &str = concat!("[", lit!(settings), "]");
    /// Hosts of the cookie table.
    pub const COOKIE_TABLE: &str = concat!("[", lit!(cookie_table), "]");
    /// Hosts of the accessibility toolbar, unless the config's `toolbar.target` says otherwise.
    pub const TOOLBAR: &str = "[data-a11y-toolbar]";
    /// The accessibility toolbars the component drew.
    pub const TOOLBARS: &str = concat!("[", lit!(toolbar), "]");
    /// A toolbar's live status line.
    pub const TOOLBAR_STATUS: &str = concat!("[", lit!(toolbar_status), "]");
    /// A toolbar's text-size read-out.
    pub const TOOLBAR_SIZE: &str = concat!("[", lit!(toolbar_size), "]");
    /// A toolbar's list of languages.
    pub const TRANSLATE_LANGUAGES: &str = concat!("[", lit!(translate_languages), "]");
    /// A toolbar's request for `embeds` consent before translating.
    pub const TRANSLATE_CONSENT: &str = concat!("[", lit!(translate_consent), "]");
    /// The Google Translate script the toolbar inserted.
    pub const TRANSLATE_SCRIPT: &str = "script[data-cb-translate]";
    /// A toolbar's language buttons.
    pub const LANGUAGES: &str = concat!("[", lit!(language), "]");
    /// Blocked embeds' placeholders.
    pub const PLACEHOLDER: &str = concat!("[", lit!(placeholder), "]");
    /// The component's buttons and the page's elements that open the settings: what the
    /// document's click listener answers.
    pub const ACTION_OR_OPEN: &str = concat!("[", lit!(action), "],[", lit!(open), "]");
    /// The settings forms drawn into the page's hosts (not the one in the banner).
    pub const PAGE_FORMS: &str = concat!("[", lit!(settings), "] form.cb-settings");
    /// Every settings form's radio buttons, in the banner and on the page.
    pub const FORM_ANSWERS: &str = concat!("form.cb-settings input[", lit!(category), "]");
    /// A settings form's checked radio buttons (one answer per category).
    pub const CHECKED_ANSWERS: &str = concat!("input[", lit!(category), "]:checked");
    /// A settings form's (or one category's) radio buttons.
    pub const ANSWERS: &str = concat!("input[", lit!(category), "]");
    /// A settings form's (or one category's) service checkboxes.
    pub const SERVICE_BOXES: &str = concat!("input[", lit!(service_grant), "]");
    /// A settings form's checked service checkboxes.
    pub const CHECKED_SERVICES: &str = concat!("input[", lit!(service_grant), "]:checked");
    /// Every settings form's service checkboxes, in the banner and on the page.
    pub const FORM_SERVICES: &str = concat!("form.cb-settings input[", lit!(service_grant), "]");
    /// The controls of every settings form that keep each other in step: answers and services.
    #[rustfmt::skip]
    pub const FORM_CONTROLS: &str = concat!(
        "form.cb-settings input[", lit!(category), "],",
        "form.cb-settings input[", lit!(service_grant), "]"
    );

    /// A settings form's status line for answers that move by themselves.
    pub const FOLLOW_NOTE: &str = concat!("[", lit!(follow_note), "]");
    /// Gated scripts that have not run.
    pub const GATED_SCRIPTS: &str = concat!(r#"script[type="text/plain"]["#, lit!(consent), "]");
    /// Gated frames, loaded or not (each needs a placeholder while its categories are refused).
    pub const GATED_FRAMES: &str = concat!("iframe[", lit!(consent), "][", lit!(src), "]");
    /// A script-loaded embed's fallback markup (an X post's `blockquote`), named by its service:
    /// a placeholder stands in its place until the service is granted.
    pub const FALLBACKS: &str = concat!(
        "[",
        lit!(consent),
        "][",
        lit!(service),
        "]:not(script):not(iframe):not(img)"
    );
    /// What stands behind a placeholder while refused: gated frames and fallbacks.
    #[rustfmt::skip]
    pub const HELD: &str = concat!(
        "iframe[", lit!(consent), "][", lit!(src), "],",
        "[", lit!(consent), "][", lit!(service), "]:not(script):not(iframe):not(img)"
    );
    /// Gated frames and images that have not been loaded.
    #[rustfmt::skip]
    pub const WAITING_MEDIA: &str = concat!(
        "iframe[", lit!(consent), "][", lit!(src), "]:not([", lit!(state), "=\"", lit!(loaded), "\"]),",
        "img[", lit!(consent), "][", lit!(src), "]:not([", lit!(state), "=\"", lit!(loaded), "\"])"
    );
    /// Every gated element: scripts, frames, images and fallbacks.
    #[rustfmt::skip]
    pub const GATED: &str = concat!(
        r#"script[type="text/plain"]["#, lit!(consent), "],",
        "iframe[", lit!(consent), "][", lit!(src), "],",
        "img[", lit!(consent), "][", lit!(src), "],",
        "[", lit!(consent), "][", lit!(service), "]:not(script):not(iframe):not(img)"
    );
    /// Gated frames and fallbacks that were loaded (blocked again when withdrawn).
    #[rustfmt::skip]
    pub const LOADED_HELD: &str = concat!(
        "iframe[", lit!(consent), "][", lit!(state), "=\"", lit!(loaded), "\"],",
        "[", lit!(consent), "][", lit!(service), "][", lit!(state), "=\"", lit!(loaded), "\"]:not(script):not(iframe):not(img)"
    );
    /// Google's tags among gated scripts: where they are, the page speaks Consent Mode.
    #[rustfmt::skip]
    pub const GOOGLE_TAGS: &str = concat!(
        "script[", lit!(consent), r#"][src*="googletagmanager.com/"],"#,
        "script[", lit!(consent), r#"][src*="google-analytics.com/"]"#
    );
}

/// Cookies: the visitor's choice, and the toolbar's (written only when the visitor uses it).
pub mod cookie {
    /// The visitor's choice (the name Osano's cookieconsent used, whose values are still read).
    pub const CONSENT: &str = "cookieconsent_status";
    /// The toolbar's contrast mode.
    pub const CONTRAST: &str = "contrast-mode";
    /// The toolbar's text size, in percent.
    pub const TEXT_SIZE: &str = "saveFontSize";
    /// Whether the toolbar is open.
    pub const TOOLBAR_OPEN: &str = "accessibility-controls";
    /// Google Translate's language pair (an embed: written only with `embeds` consent).
    pub const TRANSLATE: &str = "googtrans";
}

/// Keys in `localStorage` and `sessionStorage`.
pub mod storage {
    /// `localStorage`: what the first stage needs of the config, kept by the full stage.
    pub const CONFIG: &str = "consent-banner:config";
    /// `sessionStorage`: what the component did just before it reloaded the page (a form saved,
    /// a category turned off), which the reloaded page then says.
    pub const SAVED: &str = "consent-banner:saved";
    /// `localStorage`: the visitor's consent id (only when the config asks for receipts with one).
    pub const CONSENT_ID: &str = "consent-banner:id";
    /// `localStorage`: the heights of the drawn pieces. Written by the bootstrap only; here so
    /// that every key of the component is in one place.
    pub const SIZES: &str = "consent-banner:sizes";
}

/// Events and messages.
pub mod event {
    /// On `document`, once the API is published; `detail` is the API object.
    pub const READY: &str = "consent-banner:ready";
    /// On `document`, after every change of choice; `detail` is the choice.
    pub const CHANGE: &str = "consent-banner:change";
    /// The field of [`CHANGE`]'s `detail` that says whether the change withdrew consent from
    /// scripts that already ran (category ids are lower case: it cannot name one).
    pub const RELOAD_NEEDED: &str = "reloadNeeded";
    /// The one event name the API's `on()` takes.
    pub const API_CHANGE: &str = "change";
    /// The `BroadcastChannel` that tells other tabs of this origin about a change.
    pub const CHANNEL: &str = "consent-banner";
    /// The message posted on [`CHANNEL`].
    pub const CHANNEL_CHANGE: &str = "change";
}

/// The global the API object is published as (`window.consentBanner`).
pub const GLOBAL: &str = "consentBanner";

/// The global function Google Translate's script calls once loaded (`element.js?cb=…`).
pub const TRANSLATE_CALLBACK: &str = "consentBannerTranslateInit";

/// The Trusted Types policy's name, which a site lists in its `trusted-types` directive.
pub const TRUSTED_TYPES_POLICY: &str = "consent-banner";

/// What the component's messages in the console start with.
pub const LOG_PREFIX: &str = "consent-banner: ";

/// The pieces only the full stage draws, each into the hosts its selector finds.
///
/// The first stage hands the page over when any host is on it; the full stage draws into each.
/// Both read this one list, so a piece added for one stage cannot be missed by the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawn {
    /// The settings form.
    Settings,
    /// The cookie table.
    CookieTable,
    /// The accessibility toolbar.
    Toolbar,
}

impl Drawn {
    /// Every piece.
    pub const ALL: [Self; 3] = [Self::Settings, Self::CookieTable, Self::Toolbar];

    /// The selector of this piece's hosts; the toolbar's is the site's (`toolbar.target`).
    pub fn selector(self, toolbar: &str) -> &str {
        match self {
            Self::Settings => select::SETTINGS,
            Self::CookieTable => select::COOKIE_TABLE,
            Self::Toolbar => toolbar,
        }
    }

    /// The hosts of every piece, as one selector list.
    pub fn any(toolbar: &str) -> String {
        let mut list = String::new();
        for piece in Self::ALL {
            if !list.is_empty() {
                list.push(',');
            }
            list.push_str(piece.selector(toolbar));
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DROPIN: &str = include_str!("js/dropin.js");
    const INDEX: &str = include_str!("js/index.js");

    /// Whether `script` has `name` as a whole JS string literal.
    fn quotes(script: &str, name: &str) -> bool {
        script.contains(&format!("\"{name}\""))
    }

    #[test]
    fn the_bootstrap_spells_the_names_it_shares_as_rust_does() {
        for name in [
            cookie::CONSENT,
            cookie::CONTRAST,
            cookie::TOOLBAR_OPEN,
            event::READY,
            select::OPEN,
            select::SETTINGS,
            select::COOKIE_TABLE,
            select::TOOLBAR,
            attr::CONFIG,
            attr::CONTRAST,
            attr::TEXT_SIZE,
            storage::SIZES,
            storage::CONFIG,
            storage::SAVED,
        ] {
            assert!(quotes(DROPIN, name), "src/js/dropin.js lacks \"{name}\"");
        }
        // Read as a property (`saved.saveFontSize`), not as a string.
        assert!(DROPIN.contains(&format!("saved.{}", cookie::TEXT_SIZE)));
        assert!(DROPIN.contains(&format!("window.{GLOBAL}")));
    }

    #[test]
    fn the_npm_entry_spells_the_names_it_shares_as_rust_does() {
        assert!(quotes(INDEX, event::READY));
        assert!(INDEX.contains(&format!("window.{GLOBAL}")));
    }

    #[test]
    fn the_bootstrap_reserves_room_for_every_drawn_piece() {
        for piece in Drawn::ALL {
            let selector = piece.selector(select::TOOLBAR);
            assert!(
                quotes(DROPIN, selector),
                "src/js/dropin.js lacks \"{selector}\""
            );
        }
    }

    #[test]
    fn drawn_hosts_form_one_selector_list() {
        assert_eq!(
            Drawn::any("#tools"),
            "[data-consent-settings],[data-consent-cookie-table],#tools"
        );
    }

    #[test]
    fn selectors_are_made_of_the_attributes() {
        assert_eq!(select::OPEN, ["[", attr::OPEN, "]"].concat());
        assert_eq!(select::PLACEHOLDER, ["[", attr::PLACEHOLDER, "]"].concat());
        assert_eq!(
            select::TRANSLATE_SCRIPT,
            ["script[", attr::TRANSLATE, "]"].concat()
        );
        for (selector, attribute) in [
            (select::TOOLBARS, attr::TOOLBAR),
            (select::TOOLBAR_STATUS, attr::TOOLBAR_STATUS),
            (select::TOOLBAR_SIZE, attr::TOOLBAR_SIZE),
            (select::TRANSLATE_LANGUAGES, attr::TRANSLATE_LANGUAGES),
            (select::TRANSLATE_CONSENT, attr::TRANSLATE_CONSENT),
            (select::LANGUAGES, attr::LANGUAGE),
            (select::FOLLOW_NOTE, attr::FOLLOW_NOTE),
        ] {
            assert_eq!(selector, ["[", attribute, "]"].concat());
        }
        assert_eq!(
            select::WAITING_MEDIA,
            r#"iframe[data-consent][data-src]:not([data-consent-state="loaded"]),img[data-consent][data-src]:not([data-consent-state="loaded"])"#
        );
        assert_eq!(
            select::GATED,
            r#"script[type="text/plain"][data-consent],iframe[data-consent][data-src],img[data-consent][data-src],[data-consent][data-service]:not(script):not(iframe):not(img)"#
        );
        let fallbacks = [
            "[",
            attr::CONSENT,
            "][",
            attr::SERVICE,
            "]:not(script):not(iframe):not(img)",
        ]
        .concat();
        assert_eq!(select::FALLBACKS, fallbacks);
        assert_eq!(
            select::HELD,
            [select::GATED_FRAMES, ",", &fallbacks].concat()
        );
        assert!(select::GATED.ends_with(&fallbacks));
        assert_eq!(
            select::LOADED_HELD,
            r#"iframe[data-consent][data-consent-state="loaded"],[data-consent][data-service][data-consent-state="loaded"]:not(script):not(iframe):not(img)"#
        );
        assert_eq!(
            select::GOOGLE_TAGS,
            r#"script[data-consent][src*="googletagmanager.com/"],script[data-consent][src*="google-analytics.com/"]"#
        );
    }
}

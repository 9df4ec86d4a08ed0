//! Configuration: what a site may set, its validation, and the built-in defaults.
//!
//! Reading goes into `*Input` types ([`schema`]) where every field is optional and unknown fields
//! are errors (the browser's reader, `js_de`, words them for a site; native tests read through
//! serde_json and the `*Input` types' serde derives, tests only); [`Config::from_input`]
//! ([`validate`]) then checks values and merges them over the defaults ([`texts`], [`categories`]),
//! so a config names only what it changes. Errors name the field as a path (`categories[1].label`).

#[allow(unused_imports)]
use crate::prelude::*;

mod categories;
mod derived;
pub mod faults;
mod merge;
mod schema;
mod texts;
mod validate;

#[cfg(test)]
mod tests;

use crate::core::consent::{Optional, Policy};
use crate::core::consent_mode::ConsentMode;
use crate::core::cookies;
mod js_de;
pub mod language;
pub mod load;

use crate::full::theme::Theme;
use language::{Builtin, Direction};

pub use categories::{Category, CookieDecl, Service, EMBEDS, TRANSLATE};

use categories::default_categories;

pub use schema::{
    CategoryInput, ConfigError, ConfigInput, CookieInput, LanguageInput, Pairs, ServiceInput,
    SettingInput, TextsInput, ToolbarInput,
};
pub use texts::{category_name, fill, Texts};

/// The id of the category that is always on.
pub use crate::core::consent::NECESSARY;

/// A language offered by "Translate this page".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// Google Translate's code.
    pub code: String,
    /// Its name, shown with `lang` set to the code.
    pub name: String,
}

/// The accessibility toolbar's settings, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolbarSettings {
    /// A CSS selector for the elements the toolbar is drawn into.
    pub target: String,
    /// The language the page is written in.
    pub page_language: String,
    /// The languages offered, the page language included.
    pub languages: Vec<Language>,
    /// Whether "Translate this page" is offered.
    pub translate: bool,
}

impl Default for ToolbarSettings {
    fn default() -> Self {
        let language = |code: &str, name: &str| Language {
            code: code.to_owned(),
            name: name.to_owned(),
        };
        Self {
            target: crate::names::select::TOOLBAR.to_owned(),
            page_language: "en".to_owned(),
            languages: vec![language("en", "English"), language("cy", "Cymraeg")],
            translate: true,
        }
    }
}

/// A validated config, ready to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The site's name.
    pub site_name: String,
    /// The policy revision.
    pub revision: u32,
    /// Lifetime of the consent cookie in days.
    pub cookie_days: u32,
    /// The cookie settings page.
    pub settings_url: Option<String>,
    /// The cookie policy page.
    pub policy_url: Option<String>,
    /// What the banner's Accept button grants.
    pub banner_categories: Vec<String>,
    /// Reload after a withdrawal that cannot be undone in place.
    pub reload_on_withdraw: bool,
    /// All categories, `necessary` first.
    pub categories: Vec<Category>,
    /// The texts.
    pub texts: Texts,
    /// Whether the consent banner is shown.
    pub banner: bool,
    /// The accessibility toolbar.
    pub toolbar: ToolbarSettings,
    /// The language the texts are in (marked on the component's elements).
    pub language: String,
    /// Google Consent Mode v2.
    pub consent_mode: ConsentMode,
    /// Where receipts go.
    pub receipt_url: Option<String>,
    /// Whether receipts carry a random consent id.
    pub consent_id: bool,
    /// The domain the consent cookie is set on (`None`: this host only).
    pub cookie_domain: Option<String>,
    /// Warn about undeclared cookies.
    pub warn_undeclared_cookies: bool,
    /// Audit mode: the audit's own build is loaded and started (README, "Check your site").
    pub audit: bool,
    /// The look the pieces take.
    pub theme: Theme,
}

impl Default for Config {
    fn default() -> Self {
        Self::defaults("en")
    }
}

impl Config {
    /// The built-in config for a page in `language` (Welsh texts for `cy`, English otherwise).
    pub fn defaults(language: &str) -> Self {
        let builtin = language::builtin(language);
        Self {
            site_name: match builtin {
                Builtin::English => "this website",
                Builtin::Welsh => "y wefan hon",
            }
            .to_owned(),
            revision: 0,
            cookie_days: 365,
            settings_url: None,
            policy_url: None,
            banner_categories: vec!["analytics".to_owned()],
            reload_on_withdraw: true,
            categories: default_categories(builtin),
            texts: Texts::builtin(builtin),
            banner: true,
            toolbar: ToolbarSettings {
                // Google Translate starts from the page's language when it is one it offers.
                page_language: match builtin {
                    Builtin::English => "en",
                    Builtin::Welsh => "cy",
                }
                .to_owned(),
                ..ToolbarSettings::default()
            },
            language: language.to_owned(),
            consent_mode: ConsentMode::default_for(false, true),
            receipt_url: None,
            consent_id: false,
            cookie_domain: None,
            warn_undeclared_cookies: false,
            audit: false,
            theme: Theme::Auto,
        }
    }

    /// The built-in config for a page whose `<html lang>` is `page_language`.
    pub fn for_page(page_language: Option<&str>) -> Self {
        Self::defaults(&language::resolve(None, page_language, false))
    }

    /// Which way the texts run.
    pub fn direction(&self) -> Direction {
        language::direction(&self.language)
    }

    /// The categories Global Privacy Control covers.
    pub fn gpc_categories(&self) -> impl Iterator<Item = &Category> {
        self.optional().filter(|c| c.gpc)
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The first service that `test` accepts, with its category.
    pub fn service_where(&self, test: impl Fn(&Service) -> bool) -> Option<(&Service, &Category)> {
        self.categories
            .iter()
            .find_map(|c| c.services.iter().find(|s| test(s)).map(|s| (s, c)))
    }

    /// What Google Translate needs: its service's category and the service (or, for a config
    /// that left the service out, `embeds` whole).
    pub fn translate_need(&self) -> (&str, Option<&str>) {
        match self.service(TRANSLATE) {
            Some((service, category)) => (category.id.as_str(), Some(service.id.as_str())),
            None => (EMBEDS, None),
        }
    }

    /// The service with this id, with its category.
    pub fn service(&self, id: &str) -> Option<(&Service, &Category)> {
        self.service_where(|s| s.id == id)
    }

    /// The categories a visitor chooses about (all but `necessary`).
    pub fn optional(&self) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(|c| c.id != NECESSARY)
    }

    /// The names in `present` that no category declares (for the development warning).
    pub fn undeclared<'a>(&self, present: &[&'a str]) -> Vec<&'a str> {
        present
            .iter()
            .copied()
            .filter(|name| {
                !self
                    .categories
                    .iter()
                    .any(|c| c.all_cookies().any(|d| cookies::matches(&d.name, name)))
            })
            .collect()
    }
}

/// The consent rules ask a config through [`Policy`], so `consent` needs nothing from here.
impl Policy for Config {
    fn revision(&self) -> u32 {
        self.revision
    }

    fn optional(&self) -> Vec<Optional<'_>> {
        Config::optional(self)
            .map(|c| Optional {
                id: c.id.as_str(),
                changed_in: c.changed_in,
                basis: c.basis,
                gpc: c.gpc,
                banner: self.banner_categories.contains(&c.id),
            })
            .collect()
    }

    fn services(&self) -> Vec<(&str, &str)> {
        self.categories
            .iter()
            .flat_map(|c| c.services.iter().map(|s| (s.id.as_str(), c.id.as_str())))
            .collect()
    }

    fn declares(&self, owner: &str, cookie: &str) -> bool {
        let covers = |decls: &[CookieDecl]| decls.iter().any(|d| cookies::matches(&d.name, cookie));
        self.categories.iter().any(|c| {
            (c.id == owner && (covers(&c.cookies) || c.services.iter().any(|s| covers(&s.cookies))))
                || c.services
                    .iter()
                    .any(|s| s.id == owner && covers(&s.cookies))
        })
    }
}

//! The config as a site writes it: every field optional, unknown fields refused, and the error that
//! names the field at fault. The browser reads it with `js_de`'s reader; native tests read it
//! through serde_json with the serde derives here (tests only: serde is a dev-dependency).

#[allow(unused_imports)]
use crate::prelude::*;

#[cfg(test)]
use serde::de::{self, Deserializer, MapAccess, Visitor};
#[cfg(test)]
use serde::Deserialize;
use thiserror::Error;

use crate::core::consent_mode;

/// A config that could not be used, with the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("config{}: {problem}", if field.is_empty() { String::new() } else { format!(" field `{field}`") })]
pub struct ConfigError {
    /// The path to the field, for example `categories[1].label`; empty for the whole config.
    pub field: String,
    /// What is wrong with it.
    pub problem: String,
}

impl ConfigError {
    /// An error about `field`.
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            problem: problem.into(),
        }
    }

    /// The message, as [`crate::error::Error::message`] gives it (this stage formats it).
    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// The config as a site writes it (JSON): every field optional, unknown fields refused.
#[derive(Debug, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct ConfigInput {
    /// The site's name, shown in the banner heading.
    pub site_name: Option<String>,
    /// The policy revision; raising it asks every visitor again.
    pub revision: Option<u32>,
    /// Lifetime of `cookieconsent_status` in days (1 to 400; browsers cap cookies at 400).
    pub cookie_days: Option<u32>,
    /// The cookie settings page, used by "Choose your cookie settings" when the page has no form.
    pub settings_url: Option<String>,
    /// The cookie policy page.
    pub policy_url: Option<String>,
    /// The categories the banner's Accept button grants (default: `analytics`).
    pub banner_categories: Option<Vec<String>>,
    /// Reload the page when a visitor withdraws consent for scripts that already ran (default true).
    pub reload_on_withdraw: Option<bool>,
    /// Categories to change (by `id`) or add.
    pub categories: Option<Vec<CategoryInput>>,
    /// Texts to replace.
    pub texts: Option<TextsInput>,
    /// Whether to show the consent banner (default true). `false` uses the toolbar on its own:
    /// nothing optional runs until the visitor grants it (a placeholder, settings or the API).
    pub banner: Option<bool>,
    /// The accessibility toolbar.
    pub toolbar: Option<ToolbarInput>,
    /// The language of the texts (a BCP 47 tag such as `cy`); default: the page's `<html lang>`.
    pub language: Option<String>,
    /// Google Consent Mode v2: `"auto"` (default), `true` or `false`.
    pub consent_mode: Option<SettingInput>,
    /// Consent Mode types and the categories each needs, over the defaults.
    pub consent_types: Option<Pairs>,
    /// Where to send a JSON receipt of each choice (`navigator.sendBeacon`).
    pub receipt_url: Option<String>,
    /// Put a random consent id in receipts (default false).
    pub consent_id: Option<bool>,
    /// The domain the consent cookie is shared on, e.g. `example.gov.uk` for all its subdomains.
    pub cookie_domain: Option<String>,
    /// Warn in the console about cookies on the page that no category declares (for development).
    pub warn_undeclared_cookies: Option<bool>,
    /// Audit mode: report what the visitor's choice does not allow (for development and CI).
    pub audit: Option<bool>,
    /// The look: `"auto"` (default: the page's design system), `"nhs"` or `"govuk"`.
    pub theme: Option<String>,
}

/// `consentMode` as a site writes it: `true`, `false` or `"auto"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingInput(pub consent_mode::Setting);

#[cfg(test)]
impl<'de> Deserialize<'de> for SettingInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SettingVisitor;
        impl Visitor<'_> for SettingVisitor {
            type Value = SettingInput;
            fn expecting(&self, f: &mut ::core::fmt::Formatter) -> ::core::fmt::Result {
                f.write_str("true, false or \"auto\"")
            }
            fn visit_bool<E: de::Error>(self, on: bool) -> Result<SettingInput, E> {
                use consent_mode::Setting;
                Ok(SettingInput(if on { Setting::On } else { Setting::Off }))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<SettingInput, E> {
                match value {
                    "auto" => Ok(SettingInput(consent_mode::Setting::Auto)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(value), &self)),
                }
            }
        }
        deserializer.deserialize_any(SettingVisitor)
    }
}

/// The accessibility toolbar as a site configures it.
#[derive(Debug)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct ToolbarInput {
    /// A CSS selector for the elements the toolbar is drawn into.
    pub target: Option<String>,
    /// The language the page is written in (a Google Translate code).
    pub page_language: Option<String>,
    /// The languages offered by "Translate this page"; they must include the page language.
    pub languages: Option<Vec<LanguageInput>>,
    /// Whether to offer "Translate this page" (default true).
    pub translate: Option<bool>,
}

/// A language as a site writes it.
#[derive(Debug)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct LanguageInput {
    /// Google Translate's code for it (`cy`, `zh-CN`).
    pub code: String,
    /// Its name, best written in the language itself (`Cymraeg`).
    pub name: String,
}

/// A category as a site writes it: a built-in one to change, or a new one (label and description required).
#[derive(Debug)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct CategoryInput {
    /// Lowercase id: `a-z`, `0-9`, `_`, `-`, starting with a letter.
    pub id: String,
    /// Its name, shown in the settings form and the cookie table.
    pub label: Option<String>,
    /// What it is for.
    pub description: Option<String>,
    /// The cookies it covers itself; replaces the built-in list (its services declare theirs).
    pub cookies: Option<Vec<CookieInput>>,
    /// The services in it; replaces the built-in list (`[]`: none).
    pub services: Option<Vec<ServiceInput>>,
    /// `necessary` only: the third-party hosts the site needs for everything (a font or library
    /// CDN), so the audit knows them; each covers its subdomains.
    pub hosts: Option<Vec<String>>,
    /// `"consent"` (the default) or `"objection"` (the UK's statistics and appearance exceptions).
    pub basis: Option<BasisInput>,
    /// Whether Global Privacy Control covers it (default: `analytics` and `marketing` only).
    pub gpc: Option<bool>,
    /// The revision in which its description last changed: visitors who answered an earlier one
    /// have its cookies deleted when they are asked again.
    pub changed_in: Option<u32>,
}

/// A category's basis as a site writes it: `"consent"` or `"objection"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasisInput {
    /// Only after the visitor agrees.
    Consent,
    /// Until the visitor objects.
    Objection,
}

// By hand, as `SettingInput`: a derived enum's message would name "variant"s, where the
// browser's reader (js_de) names the two values.
#[cfg(test)]
impl<'de> Deserialize<'de> for BasisInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BasisVisitor;
        impl Visitor<'_> for BasisVisitor {
            type Value = BasisInput;
            fn expecting(&self, f: &mut ::core::fmt::Formatter) -> ::core::fmt::Result {
                f.write_str("\"consent\" or \"objection\"")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<BasisInput, E> {
                match value {
                    "consent" => Ok(BasisInput::Consent),
                    "objection" => Ok(BasisInput::Objection),
                    _ => Err(E::invalid_value(de::Unexpected::Str(value), &self)),
                }
            }
        }
        deserializer.deserialize_str(BasisVisitor)
    }
}

impl From<BasisInput> for crate::core::consent::Basis {
    fn from(input: BasisInput) -> Self {
        match input {
            BasisInput::Consent => Self::Consent,
            BasisInput::Objection => Self::Objection,
        }
    }
}

/// A service as a site writes it: a built-in one by id (its other fields inherited), or a new one
/// (label required).
#[derive(Debug)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct ServiceInput {
    /// Lowercase id, as a category's; unique among categories and services.
    pub id: String,
    /// Its name (`Vimeo`).
    pub label: Option<String>,
    /// Who provides it (default: its label).
    pub provider: Option<String>,
    /// The hosts it loads from (`vimeo.com`); each covers its subdomains.
    pub hosts: Option<Vec<String>>,
    /// The cookies it sets.
    pub cookies: Option<Vec<CookieInput>>,
}

/// A declared cookie as a site writes it.
#[derive(Debug)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct CookieInput {
    /// The name, or a pattern where `*` stands for any run of characters.
    pub name: String,
    /// Who sets it.
    pub provider: String,
    /// What it is for.
    pub purpose: String,
    /// How long it lasts, in words.
    pub expiry: String,
}

/// Texts as a site writes them (`camelCase` names): any subset, unknown names refused. A plain map,
/// checked against the texts' names, costs far less Wasm than a derived struct of 40-odd fields.
pub type TextsInput = Pairs;

/// An object of strings (`texts`, `consentTypes`): its entries sorted by name, a later one
/// replacing an earlier one of the same name, as a `BTreeMap` gave them (so the first fault
/// reported is the same), with far less Wasm than a `BTreeMap`.
#[derive(Debug, Default)]
pub struct Pairs(pub Vec<(String, String)>);

#[cfg(test)]
impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut ::core::fmt::Formatter) -> ::core::fmt::Result {
                // A `BTreeMap`'s words, which error messages turn into "an object".
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut pairs: Vec<(String, String)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, String>()? {
                    match pairs.binary_search_by(|(k, _)| k.cmp(&key)) {
                        Ok(i) => pairs[i].1 = value,
                        Err(i) => pairs.insert(i, (key, value)),
                    }
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(PairsVisitor)
    }
}

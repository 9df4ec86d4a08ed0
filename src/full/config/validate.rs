//! Turning a site's config into a [`Config`]: each value checked, then merged over the defaults.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::core::codec;
use crate::core::consent_mode::{self, ConsentMode};
use crate::core::url::is_safe_url;
use crate::full::config::language;
use crate::full::theme::Theme;
use crate::full::toolbar::model as toolbar;

use super::faults::Faults;
use super::merge::{merge_categories, Ids};
use super::texts::TEXT_NAMES;
use super::{
    Config, ConfigError, ConfigInput, CookieDecl, CookieInput, Language, Pairs, SettingInput,
    Texts, TextsInput, ToolbarInput, ToolbarSettings, NECESSARY,
};

impl Config {
    /// Checks a site's config and merges it over the defaults for its language (the config's
    /// `language`, else the page's `<html lang>`). The error lists every problem found.
    pub fn from_input(
        input: ConfigInput,
        page_language: Option<&str>,
    ) -> Result<Self, Vec<ConfigError>> {
        let mut faults = Faults::default();
        let config = Self::checked(input, page_language, &mut faults);
        if faults.is_empty() {
            Ok(config)
        } else {
            Err(faults.0)
        }
    }

    /// The config merged from `input`, each problem noted in `faults` (and the config of no use
    /// if there is one). Every field is checked, whatever an earlier one had.
    pub(super) fn checked(
        input: ConfigInput,
        page_language: Option<&str>,
        faults: &mut Faults,
    ) -> Self {
        let mut tag = input.language;
        if let Some(bad) = tag.as_ref().filter(|t| !language::is_language_tag(t)) {
            faults.push(ConfigError::new(
                "language",
                format!("`{bad}` is not a language tag such as `en` or `cy`"),
            ));
            tag = None;
        }
        let mut config = Config::defaults(&language::resolve(
            tag.as_deref(),
            page_language,
            input.texts.is_some(),
        ));
        if let Some(name) = input.site_name {
            faults.keep(check_text("siteName", &name));
            config.site_name = name;
        }
        if let Some(revision) = input.revision {
            config.revision = revision;
        }
        if let Some(days) = input.cookie_days {
            if !(1..=400).contains(&days) {
                faults.push(ConfigError::new(
                    "cookieDays",
                    format!("must be from 1 to 400 days, not {days}"),
                ));
            }
            config.cookie_days = days;
        }
        config.settings_url = input
            .settings_url
            .and_then(|u| faults.keep(checked_url("settingsUrl", u)));
        config.policy_url = input
            .policy_url
            .and_then(|u| faults.keep(checked_url("policyUrl", u)));
        if let Some(reload) = input.reload_on_withdraw {
            config.reload_on_withdraw = reload;
        }
        let mut given = Vec::new();
        if let Some(categories) = input.categories {
            let language = language::builtin(&config.language);
            given = merge_categories(
                &mut config.categories,
                categories,
                config.revision,
                language,
                faults,
            );
        }
        let ids = Ids::of(&config.categories, &given);
        ids.check_unique(faults);
        faults.keep(ids.check_longest(config.revision));
        if let Some(list) = input.banner_categories {
            for (i, id) in list.iter().enumerate() {
                let field = format!("bannerCategories[{i}]");
                if id == NECESSARY {
                    faults.push(ConfigError::new(field, "`necessary` is always on"));
                } else if config.category(id).is_none() {
                    faults.push(ConfigError::new(field, format!("no category `{id}`")));
                }
            }
            config.banner_categories = list;
        }
        if let Some(texts) = input.texts {
            config.texts.apply(texts, faults);
        }
        if let Some(banner) = input.banner {
            config.banner = banner;
        }
        if let Some(toolbar) = input.toolbar {
            config.toolbar.apply(toolbar, faults);
        }
        config.consent_mode = ConsentMode::default_for(
            config.category("marketing").is_some(),
            config.service("google-analytics").is_some(),
        );
        if let Some(SettingInput(setting)) = input.consent_mode {
            config.consent_mode.setting = setting;
        }
        if let Some(types) = input.consent_types {
            config.apply_consent_types(types, faults);
        }
        config.receipt_url = input
            .receipt_url
            .and_then(|u| faults.keep(checked_url("receiptUrl", u)));
        config.consent_id = input.consent_id.unwrap_or(false);
        config.cookie_domain = input
            .cookie_domain
            .and_then(|d| faults.keep(checked_domain("cookieDomain", &d)));
        config.warn_undeclared_cookies = input.warn_undeclared_cookies.unwrap_or(false);
        config.audit = input.audit.unwrap_or(false);
        if let Some(name) = input.theme {
            match Theme::from_name(&name) {
                Some(theme) => config.theme = theme,
                None => faults.push(ConfigError::new(
                    "theme",
                    r#"must be "auto", "nhs" or "govuk""#,
                )),
            }
        }
        config
    }

    fn apply_consent_types(&mut self, types: Pairs, faults: &mut Faults) {
        for (kind, required) in types.0 {
            let field = format!("consentTypes.{kind}");
            if !consent_mode::TYPES.contains(&kind.as_str()) {
                faults.push(ConfigError::new(
                    field,
                    format!(
                        "is not a Consent Mode type (use {})",
                        crate::full::join(&consent_mode::TYPES, ", ")
                    ),
                ));
                continue;
            }
            if let Some(id) = required
                .split_ascii_whitespace()
                .find(|id| self.category(id).is_none() && self.service(id).is_none())
            {
                faults.push(ConfigError::new(
                    field,
                    format!("no category or service `{id}`"),
                ));
                continue;
            }
            let required = required.split_ascii_whitespace().collect::<Vec<_>>();
            let required = crate::full::join(&required, " ");
            match self.consent_mode.types.iter_mut().find(|(k, _)| *k == kind) {
                Some(slot) => slot.1 = required,
                None => self.consent_mode.types.push((kind, required)),
            }
        }
    }
}

impl ToolbarSettings {
    fn apply(&mut self, input: ToolbarInput, faults: &mut Faults) {
        if let Some(target) = input.target {
            // Checked as a selector by the browser, which names this field if it is not one.
            if target.trim().is_empty() || target.len() > 200 {
                faults.push(ConfigError::new(
                    "toolbar.target",
                    "must be a CSS selector of 1 to 200 bytes",
                ));
            }
            self.target = target;
        }
        // A bad page language is not blamed again for missing from `languages`.
        let mut page_language_ok = true;
        if let Some(code) = input.page_language {
            if toolbar::is_language_code(&code) {
                self.page_language = code;
            } else {
                faults.push(ConfigError::new(
                    "toolbar.pageLanguage",
                    format!("`{code}` is not a language code such as `en` or `zh-CN`"),
                ));
                page_language_ok = false;
            }
        }
        if let Some(list) = input.languages {
            let mut languages: Vec<Language> = Vec::new();
            for (i, language) in list.into_iter().enumerate() {
                let at = |field: &str| format!("toolbar.languages[{i}]{field}");
                if !toolbar::is_language_code(&language.code) {
                    faults.push(ConfigError::new(
                        at(".code"),
                        format!(
                            "`{}` is not a language code such as `cy` or `zh-CN`",
                            language.code
                        ),
                    ));
                } else if languages.iter().any(|l| l.code == language.code) {
                    faults.push(ConfigError::new(
                        at(".code"),
                        format!("`{}` appears twice", language.code),
                    ));
                }
                faults.keep(check_text(&at(".name"), &language.name));
                languages.push(Language {
                    code: language.code,
                    name: language.name,
                });
            }
            self.languages = languages;
        }
        if page_language_ok && !self.languages.iter().any(|l| l.code == self.page_language) {
            faults.push(ConfigError::new(
                "toolbar.languages",
                format!(
                    "must include the page language `{}`, to go back to it",
                    self.page_language
                ),
            ));
        }
        if let Some(translate) = input.translate {
            self.translate = translate;
        }
    }
}

impl Texts {
    fn apply(&mut self, input: TextsInput, faults: &mut Faults) {
        for (name, value) in input.0 {
            let field = format!("texts.{name}");
            let Some(index) = TEXT_NAMES
                .iter()
                .position(|n| !name.contains('_') && camel_case(n) == name)
            else {
                faults.push(ConfigError::new(
                    field,
                    "is not a known text (check the spelling; the README lists every text)",
                ));
                continue;
            };
            faults.keep(check_text(&field, &value));
            if let Some(slot) = self.slots().into_iter().nth(index) {
                *slot = value;
            }
        }
    }
}

pub(super) fn check_id(field: &str, id: &str) -> Result<(), ConfigError> {
    if codec::is_valid_id(id) {
        return Ok(());
    }
    Err(ConfigError::new(
        field,
        format!(
            "`{id}` is not a valid id: use 1 to 32 of a-z, 0-9, _ and -, starting with a letter"
        ),
    ))
}

pub(super) fn checked_cookies(
    field: &str,
    list: Vec<CookieInput>,
    faults: &mut Faults,
) -> Vec<CookieDecl> {
    list.into_iter()
        .enumerate()
        .map(|(k, cookie)| checked_cookie(&format!("{field}[{k}]"), cookie, faults))
        .collect()
}

/// Texts are shown as text, never parsed as HTML; they only need to be present and of sane size.
pub(super) fn check_text(field: &str, text: &str) -> Result<(), ConfigError> {
    if text.trim().is_empty() {
        return Err(ConfigError::new(field, "must not be empty"));
    }
    if text.len() > 2000 {
        return Err(ConfigError::new(field, "is longer than 2000 bytes"));
    }
    Ok(())
}

fn checked_cookie(field: &str, cookie: CookieInput, faults: &mut Faults) -> CookieDecl {
    // RFC 6265 token characters, plus `*` for patterns.
    let valid = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if cookie.name.is_empty() || cookie.name.len() > 256 || !cookie.name.bytes().all(valid) {
        faults.push(ConfigError::new(
            format!("{field}.name"),
            format!("`{}` is not a cookie name or pattern", cookie.name),
        ));
    } else if cookie.name.bytes().all(|b| b == b'*') {
        faults.push(ConfigError::new(
            format!("{field}.name"),
            "a pattern must name more than `*`: it would delete every cookie",
        ));
    }
    for (name, value) in [
        ("provider", &cookie.provider),
        ("purpose", &cookie.purpose),
        ("expiry", &cookie.expiry),
    ] {
        faults.keep(check_text(&format!("{field}.{name}"), value));
    }
    CookieDecl {
        name: cookie.name,
        provider: cookie.provider,
        purpose: cookie.purpose,
        expiry: cookie.expiry,
    }
}

/// A cookie `Domain`: a host name of two labels or more, lowercased, without a leading dot. (Whether
/// it covers the page's host is checked in the browser, which knows the host.)
fn checked_domain(field: &str, domain: &str) -> Result<String, ConfigError> {
    let domain = domain
        .strip_prefix('.')
        .unwrap_or(domain)
        .to_ascii_lowercase();
    if !is_host_name(&domain) {
        return Err(ConfigError::new(
            field,
            format!("`{domain}` is not a domain such as `example.gov.uk`"),
        ));
    }
    Ok(domain)
}

/// Two labels or more of `a-z 0-9 -`, none empty or starting or ending with `-` (punycode,
/// `xn--…`, passes), 253 bytes at most.
pub(super) fn is_host_name(host: &str) -> bool {
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    host.len() <= 253 && host.contains('.') && host.split('.').all(label_ok)
}

fn checked_url(field: &str, url: String) -> Result<String, ConfigError> {
    if is_safe_url(&url) {
        Ok(url)
    } else {
        Err(ConfigError::new(
            field,
            format!("`{url}` is not an http(s) or relative URL"),
        ))
    }
}

pub(super) fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

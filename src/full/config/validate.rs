//! Turning a site's config into a [`Config`]: each value checked, then merged over the defaults.

use crate::core::codec;
use crate::core::consent_mode::{self, ConsentMode};
use crate::core::url::is_safe_url;
use crate::full::config::language;
use crate::full::theme::Theme;
use crate::full::toolbar::model as toolbar;

use super::merge::{merge_categories, Ids};
use super::texts::TEXT_NAMES;
use super::{
    Config, ConfigError, ConfigInput, CookieDecl, CookieInput, Language, Pairs, SettingInput,
    Texts, TextsInput, ToolbarInput, ToolbarSettings, NECESSARY,
};

impl Config {
    /// Checks a site's config and merges it over the defaults for its language (the config's
    /// `language`, else the page's `<html lang>`).
    pub fn from_input(
        input: ConfigInput,
        page_language: Option<&str>,
    ) -> Result<Self, ConfigError> {
        if let Some(tag) = &input.language {
            if !language::is_language_tag(tag) {
                return Err(ConfigError::new(
                    "language",
                    format!("`{tag}` is not a language tag such as `en` or `cy`"),
                ));
            }
        }
        let mut config = Config::defaults(&language::resolve(
            input.language.as_deref(),
            page_language,
            input.texts.is_some(),
        ));
        if let Some(name) = input.site_name {
            check_text("siteName", &name)?;
            config.site_name = name;
        }
        if let Some(revision) = input.revision {
            config.revision = revision;
        }
        if let Some(days) = input.cookie_days {
            if !(1..=400).contains(&days) {
                return Err(ConfigError::new(
                    "cookieDays",
                    format!("must be from 1 to 400 days, not {days}"),
                ));
            }
            config.cookie_days = days;
        }
        config.settings_url = input
            .settings_url
            .map(|u| checked_url("settingsUrl", u))
            .transpose()?;
        config.policy_url = input
            .policy_url
            .map(|u| checked_url("policyUrl", u))
            .transpose()?;
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
            )?;
        }
        let ids = Ids::of(&config.categories, &given);
        ids.check_unique()?;
        ids.check_longest(config.revision)?;
        if let Some(list) = input.banner_categories {
            for (i, id) in list.iter().enumerate() {
                let field = format!("bannerCategories[{i}]");
                if id == NECESSARY {
                    return Err(ConfigError::new(field, "`necessary` is always on"));
                }
                if config.category(id).is_none() {
                    return Err(ConfigError::new(field, format!("no category `{id}`")));
                }
            }
            config.banner_categories = list;
        }
        if let Some(texts) = input.texts {
            config.texts.apply(texts)?;
        }
        if let Some(banner) = input.banner {
            config.banner = banner;
        }
        if let Some(toolbar) = input.toolbar {
            config.toolbar.apply(toolbar)?;
        }
        config.consent_mode = ConsentMode::default_for(
            config.category("marketing").is_some(),
            config.service("google-analytics").is_some(),
        );
        if let Some(SettingInput(setting)) = input.consent_mode {
            config.consent_mode.setting = setting;
        }
        if let Some(types) = input.consent_types {
            config.apply_consent_types(types)?;
        }
        config.receipt_url = input
            .receipt_url
            .map(|u| checked_url("receiptUrl", u))
            .transpose()?;
        config.consent_id = input.consent_id.unwrap_or(false);
        config.cookie_domain = input
            .cookie_domain
            .map(|d| checked_domain("cookieDomain", &d))
            .transpose()?;
        config.warn_undeclared_cookies = input.warn_undeclared_cookies.unwrap_or(false);
        config.audit = input.audit.unwrap_or(false);
        if let Some(name) = input.theme {
            config.theme = Theme::from_name(&name)
                .ok_or_else(|| ConfigError::new("theme", r#"must be "auto", "nhs" or "govuk""#))?;
        }
        Ok(config)
    }

    fn apply_consent_types(&mut self, types: Pairs) -> Result<(), ConfigError> {
        for (kind, required) in types.0 {
            let field = format!("consentTypes.{kind}");
            if !consent_mode::TYPES.contains(&kind.as_str()) {
                return Err(ConfigError::new(
                    field,
                    format!(
                        "is not a Consent Mode type (use {})",
                        consent_mode::TYPES.join(", ")
                    ),
                ));
            }
            if let Some(id) = required
                .split_ascii_whitespace()
                .find(|id| self.category(id).is_none() && self.service(id).is_none())
            {
                return Err(ConfigError::new(
                    field,
                    format!("no category or service `{id}`"),
                ));
            }
            let required = required
                .split_ascii_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            match self.consent_mode.types.iter_mut().find(|(k, _)| *k == kind) {
                Some(slot) => slot.1 = required,
                None => self.consent_mode.types.push((kind, required)),
            }
        }
        Ok(())
    }
}

impl ToolbarSettings {
    fn apply(&mut self, input: ToolbarInput) -> Result<(), ConfigError> {
        if let Some(target) = input.target {
            // Checked as a selector by the browser, which names this field if it is not one.
            if target.trim().is_empty() || target.len() > 200 {
                return Err(ConfigError::new(
                    "toolbar.target",
                    "must be a CSS selector of 1 to 200 bytes",
                ));
            }
            self.target = target;
        }
        if let Some(code) = input.page_language {
            if !toolbar::is_language_code(&code) {
                return Err(ConfigError::new(
                    "toolbar.pageLanguage",
                    format!("`{code}` is not a language code such as `en` or `zh-CN`"),
                ));
            }
            self.page_language = code;
        }
        if let Some(list) = input.languages {
            let mut languages: Vec<Language> = Vec::new();
            for (i, language) in list.into_iter().enumerate() {
                let at = |field: &str| format!("toolbar.languages[{i}]{field}");
                if !toolbar::is_language_code(&language.code) {
                    return Err(ConfigError::new(
                        at(".code"),
                        format!(
                            "`{}` is not a language code such as `cy` or `zh-CN`",
                            language.code
                        ),
                    ));
                }
                if languages.iter().any(|l| l.code == language.code) {
                    return Err(ConfigError::new(
                        at(".code"),
                        format!("`{}` appears twice", language.code),
                    ));
                }
                check_text(&at(".name"), &language.name)?;
                languages.push(Language {
                    code: language.code,
                    name: language.name,
                });
            }
            self.languages = languages;
        }
        if !self.languages.iter().any(|l| l.code == self.page_language) {
            return Err(ConfigError::new(
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
        Ok(())
    }
}

impl Texts {
    fn apply(&mut self, input: TextsInput) -> Result<(), ConfigError> {
        for (name, value) in input.0 {
            let field = format!("texts.{name}");
            let index = TEXT_NAMES
                .iter()
                .position(|n| !name.contains('_') && camel_case(n) == name)
                .ok_or_else(|| {
                    ConfigError::new(
                        field.as_str(),
                        "is not a known text (check the spelling; the README lists every text)",
                    )
                })?;
            check_text(&field, &value)?;
            if let Some(slot) = self.slots().into_iter().nth(index) {
                *slot = value;
            }
        }
        Ok(())
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
) -> Result<Vec<CookieDecl>, ConfigError> {
    list.into_iter()
        .enumerate()
        .map(|(k, cookie)| check_cookie(&format!("{field}[{k}]"), cookie))
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

fn check_cookie(field: &str, cookie: CookieInput) -> Result<CookieDecl, ConfigError> {
    // RFC 6265 token characters, plus `*` for patterns.
    let valid = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if cookie.name.is_empty() || cookie.name.len() > 256 || !cookie.name.bytes().all(valid) {
        return Err(ConfigError::new(
            format!("{field}.name"),
            format!("`{}` is not a cookie name or pattern", cookie.name),
        ));
    }
    if cookie.name.bytes().all(|b| b == b'*') {
        return Err(ConfigError::new(
            format!("{field}.name"),
            "a pattern must name more than `*`: it would delete every cookie",
        ));
    }
    for (name, value) in [
        ("provider", &cookie.provider),
        ("purpose", &cookie.purpose),
        ("expiry", &cookie.expiry),
    ] {
        check_text(&format!("{field}.{name}"), value)?;
    }
    Ok(CookieDecl {
        name: cookie.name,
        provider: cookie.provider,
        purpose: cookie.purpose,
        expiry: cookie.expiry,
    })
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

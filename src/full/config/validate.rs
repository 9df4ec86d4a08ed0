//! Turning a site's config into a [`Config`]: each value checked, then merged over the defaults.

use crate::core::codec;
use crate::core::consent_mode::{self, ConsentMode};
use crate::core::url::is_safe_url;
use crate::full::config::language::{self, Builtin};
use crate::full::theme::Theme;
use crate::full::toolbar::model as toolbar;

use super::categories::default_service;
use super::texts::TEXT_NAMES;
use super::{
    Category, CategoryInput, Config, ConfigError, ConfigInput, CookieDecl, CookieInput, Language,
    Pairs, Service, ServiceInput, SettingInput, Texts, TextsInput, ToolbarInput, ToolbarSettings,
    NECESSARY,
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

/// A category the config names: its id, its index in `categories`, and whether it sets `services`.
type Given = (String, usize, bool);

fn merge_categories(
    categories: &mut Vec<Category>,
    inputs: Vec<CategoryInput>,
    revision: u32,
    language: Builtin,
) -> Result<Vec<Given>, ConfigError> {
    let mut given: Vec<Given> = Vec::new();
    for (i, input) in inputs.into_iter().enumerate() {
        let at = |field: &str| format!("categories[{i}].{field}");
        check_id(&at("id"), &input.id)?;
        if given.iter().any(|(id, ..)| *id == input.id) {
            return Err(ConfigError::new(
                at("id"),
                format!("`{}` appears twice", input.id),
            ));
        }
        // `get()` reports services under this name, beside the categories.
        if input.id == "services" {
            return Err(ConfigError::new(
                at("id"),
                "`services` is taken: `get()` reports the services under that name",
            ));
        }
        given.push((input.id.clone(), i, input.services.is_some()));
        if let Some(label) = &input.label {
            check_text(&at("label"), label)?;
        }
        if let Some(description) = &input.description {
            check_text(&at("description"), description)?;
        }
        if let Some(changed_in) = input.changed_in.filter(|r| *r > revision) {
            return Err(ConfigError::new(
                at("changedIn"),
                format!("{changed_in} is higher than the config's `revision` ({revision})"),
            ));
        }
        let cookies = input
            .cookies
            .map(|list| checked_cookies(&at("cookies"), list))
            .transpose()?;
        if input.services.is_some() && input.id == NECESSARY {
            return Err(ConfigError::new(
                at("services"),
                "`necessary` is always on, so its services could not be refused: declare their cookies in its `cookies`",
            ));
        }
        let services = input
            .services
            .map(|list| {
                list.into_iter()
                    .enumerate()
                    .map(|(j, service)| {
                        checked_service(
                            &format!("categories[{i}].services[{j}]"),
                            service,
                            language,
                        )
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        match categories.iter_mut().find(|c| c.id == input.id) {
            Some(existing) => {
                if let Some(label) = input.label {
                    existing.label = label;
                }
                if let Some(description) = input.description {
                    existing.description = description;
                }
                if let Some(cookies) = cookies {
                    existing.cookies = cookies;
                }
                if let Some(services) = services {
                    existing.services = services;
                }
                if let Some(gpc) = input.gpc {
                    existing.gpc = gpc;
                }
                if let Some(changed_in) = input.changed_in {
                    existing.changed_in = changed_in;
                }
            }
            None => {
                let missing = |field: &str| {
                    ConfigError::new(
                        at(field),
                        format!("required for the new category `{}`", input.id),
                    )
                };
                categories.push(Category {
                    label: input.label.ok_or_else(|| missing("label"))?,
                    description: input.description.ok_or_else(|| missing("description"))?,
                    cookies: cookies.unwrap_or_default(),
                    services: services.unwrap_or_default(),
                    gpc: input.gpc.unwrap_or(false),
                    changed_in: input.changed_in.unwrap_or(0),
                    id: input.id,
                });
            }
        }
    }
    Ok(given)
}

/// A service as the config gives it: a built-in id inherits every field the entry leaves out; a new
/// one needs a label, which is also its provider unless it names one.
fn checked_service(
    field: &str,
    input: ServiceInput,
    language: Builtin,
) -> Result<Service, ConfigError> {
    let at = |name: &str| format!("{field}.{name}");
    check_id(&at("id"), &input.id)?;
    for (name, text) in [("label", &input.label), ("provider", &input.provider)] {
        if let Some(text) = text {
            check_text(&at(name), text)?;
        }
    }
    let hosts = input
        .hosts
        .map(|list| {
            list.into_iter()
                .enumerate()
                .map(|(k, host)| checked_host(&format!("{field}.hosts[{k}]"), host))
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    let cookies = input
        .cookies
        .map(|list| checked_cookies(&at("cookies"), list))
        .transpose()?;
    let mut service = match default_service(&input.id, language) {
        Some(builtin) => builtin,
        None => {
            let label = input.label.clone().ok_or_else(|| {
                ConfigError::new(
                    at("label"),
                    format!("required for the new service `{}`", input.id),
                )
            })?;
            Service {
                id: input.id,
                provider: label.clone(),
                label,
                hosts: Vec::new(),
                cookies: Vec::new(),
            }
        }
    };
    if let Some(label) = input.label {
        service.label = label;
    }
    if let Some(provider) = input.provider {
        service.provider = provider;
    }
    if let Some(hosts) = hosts {
        service.hosts = hosts;
    }
    if let Some(cookies) = cookies {
        service.cookies = cookies;
    }
    Ok(service)
}

/// Every category and service id of a config, in config order (a category, then its services),
/// with the field that set it (`None`: built in, untouched), to name the field at fault.
struct Ids<'a>(Vec<IdEntry<'a>>);

struct IdEntry<'a> {
    id: &'a str,
    /// The category it is, or the one it is a service of.
    category: &'a str,
    is_service: bool,
    field: Option<String>,
}

impl<'a> Ids<'a> {
    fn of(categories: &'a [Category], given: &[Given]) -> Self {
        let mut entries = Vec::new();
        for category in categories {
            let input = given.iter().find(|(id, ..)| *id == category.id);
            entries.push(IdEntry {
                id: &category.id,
                category: &category.id,
                is_service: false,
                field: input.map(|(_, i, _)| format!("categories[{i}].id")),
            });
            for (j, service) in category.services.iter().enumerate() {
                entries.push(IdEntry {
                    id: &service.id,
                    category: &category.id,
                    is_service: true,
                    field: input
                        .filter(|(_, _, services)| *services)
                        .map(|(_, i, _)| format!("categories[{i}].services[{j}].id")),
                });
            }
        }
        Self(entries)
    }

    /// Ids are unique across categories and services. The error names a field the config wrote
    /// (the later one when both are), and what else holds the id.
    fn check_unique(&self) -> Result<(), ConfigError> {
        for (k, later) in self.0.iter().enumerate() {
            let Some(earlier) = self.0[..k].iter().find(|e| e.id == later.id) else {
                continue;
            };
            let (named, other) = match &later.field {
                Some(_) => (later, earlier),
                None => (earlier, later),
            };
            let what = if other.is_service {
                format!("a service of `{}`", other.category)
            } else {
                "a category".to_owned()
            };
            return Err(ConfigError::new(
                named.field.clone().unwrap_or_default(),
                format!(
                    "`{}` is also the id of {what}: ids are unique across categories and services",
                    named.id
                ),
            ));
        }
        Ok(())
    }

    /// The longest value the consent cookie can take: the config's revision (a choice is always
    /// written at it), the latest time, every category refused, each with all its services
    /// granted. Above [`codec::MAX_LEN`], the error names the id that pushed it over (or,
    /// for a built-in one, the last id the config wrote before it).
    fn check_longest(&self, revision: u32) -> Result<(), ConfigError> {
        let longest = self.longest(self.0.len(), revision);
        if longest <= codec::MAX_LEN {
            return Ok(());
        }
        let over = (1..=self.0.len())
            .find(|&n| self.longest(n, revision) > codec::MAX_LEN)
            .unwrap_or(self.0.len());
        let field = self.0[..over]
            .iter()
            .rev()
            .find_map(|e| e.field.clone())
            .unwrap_or_else(|| "categories".to_owned());
        Err(ConfigError::new(
            field,
            format!(
                "too many or too long ids: the consent cookie could take {longest} bytes, more than {}",
                codec::MAX_LEN
            ),
        ))
    }

    /// The longest cookie value for the first `n` ids.
    fn longest(&self, n: usize, revision: u32) -> usize {
        let mut grants: Vec<codec::Grant> = Vec::new();
        for entry in self.0[..n].iter().filter(|e| e.category != NECESSARY) {
            if !entry.is_service {
                grants.push(codec::Grant {
                    id: entry.id.to_owned(),
                    granted: false,
                    services: Vec::new(),
                });
            } else if let Some(grant) = grants.last_mut() {
                grant.services.push(entry.id.to_owned());
            }
        }
        codec::encode(&codec::Record {
            revision,
            time: codec::MAX_TIME,
            grants,
        })
        .len()
    }
}

fn check_id(field: &str, id: &str) -> Result<(), ConfigError> {
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

fn checked_cookies(field: &str, list: Vec<CookieInput>) -> Result<Vec<CookieDecl>, ConfigError> {
    list.into_iter()
        .enumerate()
        .map(|(k, cookie)| check_cookie(&format!("{field}[{k}]"), cookie))
        .collect()
}

/// Texts are shown as text, never parsed as HTML; they only need to be present and of sane size.
fn check_text(field: &str, text: &str) -> Result<(), ConfigError> {
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

/// A service's host, as written: lowercase (so it is compared as the browser gives hosts), and a
/// host alone, since it covers its subdomains and any scheme, port or path.
fn checked_host(field: &str, host: String) -> Result<String, ConfigError> {
    if is_host_name(&host) {
        return Ok(host);
    }
    Err(ConfigError::new(
        field,
        format!("`{host}` is not a lowercase host name such as `vimeo.com` (no scheme, port, path or `*`)"),
    ))
}

/// Two labels or more of `a-z 0-9 -`, none empty or starting or ending with `-` (punycode,
/// `xn--…`, passes), 253 bytes at most.
fn is_host_name(host: &str) -> bool {
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

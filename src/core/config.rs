//! Configuration: what a site may set, its validation, and the built-in defaults.
//!
//! Deserialisation goes into `*Input` types where every field is optional and unknown fields are
//! errors; [`Config::from_input`] then checks values and merges them over the defaults, so a
//! config names only what it changes. Errors name the field as a path (`categories[1].label`).
//!
//! Unknown fields are caught through a flattened `unknown` map rather than
//! `#[serde(deny_unknown_fields)]`, which serde-wasm-bindgen cannot honour (its struct access reads
//! only the declared fields: serde-wasm-bindgen issue #39).

use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde::Deserialize;
use thiserror::Error;

use super::codec;
use super::toolbar;
use super::url::is_safe_url;

/// The id of the category that is always on.
pub const NECESSARY: &str = "necessary";

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
}

/// The config as a site writes it (JSON): every field optional, unknown fields refused.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
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
    /// Any other field: refused.
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// The accessibility toolbar as a site configures it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolbarInput {
    /// A CSS selector for the elements the toolbar is drawn into.
    pub target: Option<String>,
    /// The language the page is written in (a Google Translate code).
    pub page_language: Option<String>,
    /// The languages offered by "Translate this page"; they must include the page language.
    pub languages: Option<Vec<LanguageInput>>,
    /// Whether to offer "Translate this page" (default true).
    pub translate: Option<bool>,
    /// Any other field: refused.
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A language as a site writes it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LanguageInput {
    /// Google Translate's code for it (`cy`, `zh-CN`).
    pub code: String,
    /// Its name, best written in the language itself (`Cymraeg`).
    pub name: String,
    /// Any other field: refused.
    #[serde(flatten)]
    pub unknown: Unknown,
}

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
pub struct Toolbar {
    /// A CSS selector for the elements the toolbar is drawn into.
    pub target: String,
    /// The language the page is written in.
    pub page_language: String,
    /// The languages offered, the page language included.
    pub languages: Vec<Language>,
    /// Whether "Translate this page" is offered.
    pub translate: bool,
}

impl Default for Toolbar {
    fn default() -> Self {
        let language = |code: &str, name: &str| Language {
            code: code.to_owned(),
            name: name.to_owned(),
        };
        Self {
            target: "[data-a11y-toolbar]".to_owned(),
            page_language: "en".to_owned(),
            languages: vec![language("en", "English"), language("cy", "Cymraeg")],
            translate: true,
        }
    }
}

impl Toolbar {
    fn apply(&mut self, input: ToolbarInput) -> Result<(), ConfigError> {
        refuse_unknown("toolbar.", &input.unknown)?;
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
                refuse_unknown(&at("."), &language.unknown)?;
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

/// Fields a config has that the component does not know.
pub type Unknown = BTreeMap<String, IgnoredAny>;

fn refuse_unknown(prefix: &str, unknown: &Unknown) -> Result<(), ConfigError> {
    match unknown.keys().next() {
        None => Ok(()),
        Some(name) => Err(ConfigError::new(
            format!("{prefix}{name}"),
            "is not a known field (check the spelling; the README lists every field)",
        )),
    }
}

/// A category as a site writes it: a built-in one to change, or a new one (label and description required).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryInput {
    /// Lowercase id: `a-z`, `0-9`, `_`, `-`, starting with a letter.
    pub id: String,
    /// Its name, shown in the settings form and the cookie table.
    pub label: Option<String>,
    /// What it is for.
    pub description: Option<String>,
    /// The cookies it covers; replaces the built-in list.
    pub cookies: Option<Vec<CookieInput>>,
    /// Any other field: refused.
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A declared cookie as a site writes it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CookieInput {
    /// The name, or a pattern where `*` stands for any run of characters.
    pub name: String,
    /// Who sets it.
    pub provider: String,
    /// What it is for.
    pub purpose: String,
    /// How long it lasts, in words.
    pub expiry: String,
    /// Any other field: refused.
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// One declared cookie (or family of cookies, with `*` in the name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieDecl {
    /// The name, or a pattern where `*` stands for any run of characters (`_ga_*`).
    pub name: String,
    /// Who sets it.
    pub provider: String,
    /// What it is for.
    pub purpose: String,
    /// How long it lasts, in words.
    pub expiry: String,
}

/// A consent category, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Its id.
    pub id: String,
    /// Its name.
    pub label: String,
    /// What it is for.
    pub description: String,
    /// The cookies it covers.
    pub cookies: Vec<CookieDecl>,
}

macro_rules! texts {
    ($($(#[doc = $doc:literal])+ $field:ident = $default:literal,)+) => {
        /// Every text the component shows. `{siteName}` and `{provider}` are filled in where noted.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Texts {
            $($(#[doc = $doc])+ pub $field: String,)+
        }

        impl Default for Texts {
            fn default() -> Self {
                Self { $($field: $default.to_owned(),)+ }
            }
        }

        /// Texts as a site writes them: any subset, unknown names refused.
        #[derive(Debug, Default, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct TextsInput {
            $($(#[doc = $doc])+ pub $field: Option<String>,)+
            /// Any other text: refused.
            #[serde(flatten)]
            pub unknown: Unknown,
        }

        impl Texts {
            fn apply(&mut self, input: TextsInput) -> Result<(), ConfigError> {
                refuse_unknown("texts.", &input.unknown)?;
                $(if let Some(value) = input.$field {
                    check_text(&format!("texts.{}", camel_case(stringify!($field))), &value)?;
                    self.$field = value;
                })+
                Ok(())
            }
        }
    };
}

texts! {
    /// The banner's heading and its region's name; `{siteName}`.
    banner_heading = "Cookies on {siteName}",
    /// The banner's first paragraph.
    banner_intro = "We use some essential cookies to make this website work.",
    /// The banner's second paragraph.
    banner_request = "We'd also like to use analytics cookies so we can understand how you use the website and make improvements.",
    /// The Accept button.
    accept = "Accept analytics cookies",
    /// The Reject button.
    reject = "Reject analytics cookies",
    /// The link to the settings.
    settings_link = "Choose your cookie settings",
    /// The confirmation after accepting.
    accepted = "You've accepted analytics cookies.",
    /// The confirmation after rejecting.
    rejected = "You've rejected analytics cookies.",
    /// The confirmation's link to the settings.
    change_settings = "You can change your cookie settings at any time.",
    /// The button that hides the confirmation.
    hide = "Hide cookie message",
    /// Added to a confirmation when the browser blocks cookies.
    not_remembered = "Your browser is blocking cookies, so this choice only applies until you leave this page.",
    /// The "yes" answer in the settings form.
    yes = "Yes",
    /// The "no" answer in the settings form.
    no = "No",
    /// The settings form's save button.
    save = "Save cookie settings",
    /// The status shown after saving the settings form.
    saved = "You've set your cookie preferences.",
    /// A placeholder's text; `{provider}`.
    placeholder_text = "{provider} content is hidden because it may set cookies. Showing it allows cookies from all embedded content on this website.",
    /// A placeholder's button; `{provider}`.
    placeholder_button = "Accept cookies and show {provider} content",
    /// The cookie table's column headers.
    column_name = "Name",
    /// The cookie table's column headers.
    column_provider = "Provider",
    /// The cookie table's column headers.
    column_purpose = "Purpose",
    /// The cookie table's column headers.
    column_expiry = "Expiry",
    /// The toolbar's toggle button.
    toolbar_toggle = "Accessibility tools",
    /// The contrast radio group's name.
    contrast = "Colour contrast",
    /// The site's own colours.
    contrast_default = "Default",
    /// Black on white.
    contrast_high = "High contrast",
    /// Yellow on black.
    contrast_yellow = "Yellow on black",
    /// The status after choosing a contrast mode; `{mode}`.
    contrast_status = "Colour contrast: {mode}",
    /// The text size group's name.
    text_size = "Text size",
    /// The text size shown and announced; `{size}` (a percentage without `%`).
    text_size_status = "Text size {size}%",
    /// The button that makes text smaller.
    text_smaller = "Decrease text size",
    /// The button that makes text larger.
    text_larger = "Increase text size",
    /// The reset button.
    toolbar_reset = "Reset accessibility settings",
    /// The status after a reset.
    toolbar_reset_done = "Accessibility settings reset",
    /// The button that opens the translation choices.
    translate = "Translate this page",
    /// What loading Google Translate means, shown before consent.
    translate_consent = "Translation is provided by Google Translate. Loading it sends the address and text of this page to Google, and lets Google set cookies. It counts as embedded content, so it needs your consent.",
    /// The button that grants embedded content and shows the languages.
    translate_allow = "Accept embedded content and use Google Translate",
    /// The language group's name.
    translate_languages = "Choose a language",
    /// The status after choosing a language; `{language}`.
    translate_status = "Language: {language}",
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
    pub toolbar: Toolbar,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            site_name: "this website".to_owned(),
            revision: 0,
            cookie_days: 365,
            settings_url: None,
            policy_url: None,
            banner_categories: vec!["analytics".to_owned()],
            reload_on_withdraw: true,
            categories: default_categories(),
            texts: Texts::default(),
            banner: true,
            toolbar: Toolbar::default(),
        }
    }
}

impl Config {
    /// Checks a site's config and merges it over the defaults.
    pub fn from_input(input: ConfigInput) -> Result<Self, ConfigError> {
        refuse_unknown("", &input.unknown)?;
        let mut config = Config::default();
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
        if let Some(categories) = input.categories {
            merge_categories(&mut config.categories, categories)?;
        }
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
        let longest = codec::encode(&codec::Record {
            revision: u32::MAX,
            time: u64::MAX,
            grants: config.optional().map(|c| (c.id.clone(), false)).collect(),
        });
        if longest.len() > codec::MAX_LEN {
            return Err(ConfigError::new(
                "categories",
                format!(
                    "too many or too long ids: the consent cookie could take {} bytes, more than {}",
                    longest.len(),
                    codec::MAX_LEN
                ),
            ));
        }
        Ok(config)
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The categories a visitor chooses about (all but `necessary`).
    pub fn optional(&self) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(|c| c.id != NECESSARY)
    }
}

fn merge_categories(
    categories: &mut Vec<Category>,
    inputs: Vec<CategoryInput>,
) -> Result<(), ConfigError> {
    let mut seen: Vec<String> = Vec::new();
    for (i, input) in inputs.into_iter().enumerate() {
        let at = |field: &str| format!("categories[{i}].{field}");
        refuse_unknown(&at(""), &input.unknown)?;
        if !codec::is_valid_id(&input.id) {
            return Err(ConfigError::new(
                at("id"),
                format!(
                    "`{}` is not a valid id: use 1 to 32 of a-z, 0-9, _ and -, starting with a letter",
                    input.id
                ),
            ));
        }
        if seen.contains(&input.id) {
            return Err(ConfigError::new(
                at("id"),
                format!("`{}` appears twice", input.id),
            ));
        }
        seen.push(input.id.clone());
        if let Some(label) = &input.label {
            check_text(&at("label"), label)?;
        }
        if let Some(description) = &input.description {
            check_text(&at("description"), description)?;
        }
        let cookies = input
            .cookies
            .map(|list| {
                list.into_iter()
                    .enumerate()
                    .map(|(j, cookie)| {
                        check_cookie(&format!("categories[{i}].cookies[{j}]"), cookie)
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
                    id: input.id,
                });
            }
        }
    }
    Ok(())
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
    refuse_unknown(&format!("{field}."), &cookie.unknown)?;
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

fn camel_case(snake: &str) -> String {
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

fn cookie(name: &str, provider: &str, purpose: &str, expiry: &str) -> CookieDecl {
    CookieDecl {
        name: name.to_owned(),
        provider: provider.to_owned(),
        purpose: purpose.to_owned(),
        expiry: expiry.to_owned(),
    }
}

/// The built-in categories, with the cookies the source policies declare.
fn default_categories() -> Vec<Category> {
    const GA: &str = "Google Analytics";
    const SITE: &str = "This website";
    vec![
        Category {
            id: NECESSARY.to_owned(),
            label: "Strictly necessary cookies".to_owned(),
            description: "These cookies make the website work, for example by remembering your cookie settings and your accessibility choices. They are always on.".to_owned(),
            cookies: vec![
                cookie("cookieconsent_status", SITE, "Remembers your cookie settings", "1 year"),
                cookie("contrast-mode", SITE, "Remembers the colour contrast you chose", "1 year"),
                cookie("saveFontSize", SITE, "Remembers the text size you chose", "1 year"),
                cookie("accessibility-controls", SITE, "Remembers whether the accessibility tools are open", "1 year"),
            ],
        },
        Category {
            id: "analytics".to_owned(),
            label: "Cookies that measure website use".to_owned(),
            description: "These cookies help us understand how you use the website, so we can make it better. They are set by tools such as Google Analytics, Adobe Analytics, Hotjar, New Relic, Qualtrics and Celebrus.".to_owned(),
            cookies: vec![
                cookie("_ga", GA, "Tells visits apart to count visitors", "2 years"),
                cookie("_ga_*", GA, "Keeps the state of a visit", "2 years"),
                cookie("_gid", GA, "Tells visits apart to count visitors", "24 hours"),
                cookie("_gat*", GA, "Limits how often data is sent", "1 minute"),
                cookie("__utma", GA, "Tracks how many times you have visited the website", "2 years"),
                cookie("__utmb", GA, "Tracks how long you spend on the website", "30 minutes"),
                cookie("__utmc", GA, "Tells when a visit ends", "When you close your browser"),
                cookie("__utmt", GA, "Limits how often data is sent", "10 minutes"),
                cookie("__utmz", GA, "Records how you reached the website", "6 months"),
                cookie("_hj*", "Hotjar", "Records how you use pages, to improve them", "Up to 1 year"),
                cookie("AMCV_*", "Adobe Analytics", "Tells visits apart to count visitors", "2 years"),
                cookie("s_cc", "Adobe Analytics", "Checks whether cookies are enabled", "When you close your browser"),
                cookie("s_sq", "Adobe Analytics", "Records the previous link you clicked", "When you close your browser"),
                cookie("QSI_*", "Qualtrics", "Remembers whether you answered a survey", "Up to 1 year"),
                cookie("dohCSA*", "Celebrus", "Measures how you use the website", "Up to 1 year"),
            ],
        },
        Category {
            id: "embeds".to_owned(),
            label: "Embedded content".to_owned(),
            description: "Videos, posts and tools from other websites, such as YouTube, Brightcove, Twitter/X, LinkedIn and Google Translate. They may set their own cookies and know that you visited this page.".to_owned(),
            cookies: vec![
                cookie("googtrans", "Google Translate", "Remembers the language you chose", "When you close your browser"),
                cookie("VISITOR_INFO1_LIVE", "YouTube", "Estimates your connection speed", "6 months"),
                cookie("YSC", "YouTube", "Counts video views", "When you close your browser"),
                cookie("guest_id", "Twitter/X", "Identifies you to Twitter/X", "2 years"),
                cookie("bcookie", "LinkedIn", "Identifies your browser to LinkedIn", "1 year"),
            ],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Config, ConfigError> {
        let input: ConfigInput =
            serde_json::from_str(json).map_err(|e| ConfigError::new("", e.to_string()))?;
        Config::from_input(input)
    }

    #[test]
    fn empty_config_is_the_defaults() {
        let config = parse("{}").unwrap();
        assert_eq!(config, Config::default());
        let ids: Vec<_> = config.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["necessary", "analytics", "embeds"]);
        assert_eq!(config.texts.accept, "Accept analytics cookies");
        assert!(config
            .category("analytics")
            .unwrap()
            .cookies
            .iter()
            .any(|c| c.name == "_ga"));
    }

    #[test]
    fn site_values_override_defaults() {
        let config = parse(
            r#"{ "siteName": "Health Careers", "revision": 2, "cookieDays": 180,
                 "settingsUrl": "/cookies/settings", "texts": { "accept": "Yes please" } }"#,
        )
        .unwrap();
        assert_eq!(config.site_name, "Health Careers");
        assert_eq!(config.revision, 2);
        assert_eq!(config.cookie_days, 180);
        assert_eq!(config.settings_url.as_deref(), Some("/cookies/settings"));
        assert_eq!(config.texts.accept, "Yes please");
        assert_eq!(config.texts.reject, "Reject analytics cookies");
    }

    #[test]
    fn unknown_fields_are_refused() {
        let cases = [
            (r#"{ "sitename": "x" }"#, "sitename"),
            (r#"{ "texts": { "acept": "x" } }"#, "texts.acept"),
            (
                r#"{ "categories": [{ "id": "analytics", "colour": "red" }] }"#,
                "categories[0].colour",
            ),
            (
                r#"{ "categories": [{ "id": "analytics", "cookies": [{ "name": "a", "provider": "p", "purpose": "p", "expiry": "e", "secure": true }] }] }"#,
                "categories[0].cookies[0].secure",
            ),
        ];
        for (json, field) in cases {
            assert_eq!(parse(json).unwrap_err().field, field, "{json}");
        }
    }

    #[test]
    fn categories_merge_by_id_and_new_ones_are_added() {
        let config = parse(
            r#"{ "categories": [
                { "id": "analytics", "cookies": [
                    { "name": "_pk_*", "provider": "Matomo", "purpose": "Counts visits", "expiry": "13 months" } ] },
                { "id": "marketing", "label": "Marketing", "description": "Adverts" } ] }"#,
        )
        .unwrap();
        let analytics = config.category("analytics").unwrap();
        assert_eq!(analytics.cookies.len(), 1);
        assert_eq!(analytics.label, "Cookies that measure website use");
        assert_eq!(config.category("marketing").unwrap().label, "Marketing");
        assert_eq!(config.optional().count(), 3);
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (
                r#"{ "categories": [{ "id": "Bad Id" }] }"#,
                "categories[0].id",
            ),
            (
                r#"{ "categories": [{ "id": "x", "label": "X" }] }"#,
                "categories[0].description",
            ),
            (
                r#"{ "categories": [{ "id": "a", "label": "A", "description": "A" }, { "id": "a" }] }"#,
                "categories[1].id",
            ),
            (
                r#"{ "categories": [{ "id": "analytics", "cookies": [{ "name": "a b", "provider": "p", "purpose": "p", "expiry": "e" }] }] }"#,
                "categories[0].cookies[0].name",
            ),
            (
                r#"{ "categories": [{ "id": "analytics", "cookies": [{ "name": "*", "provider": "p", "purpose": "p", "expiry": "e" }] }] }"#,
                "categories[0].cookies[0].name",
            ),
            (r#"{ "settingsUrl": "javascript:alert(1)" }"#, "settingsUrl"),
            (r#"{ "policyUrl": "data:text/html,x" }"#, "policyUrl"),
            (r#"{ "cookieDays": 0 }"#, "cookieDays"),
            (r#"{ "cookieDays": 401 }"#, "cookieDays"),
            (r#"{ "siteName": "  " }"#, "siteName"),
            (
                r#"{ "bannerCategories": ["necessary"] }"#,
                "bannerCategories[0]",
            ),
            (
                r#"{ "bannerCategories": ["analytics", "nope"] }"#,
                "bannerCategories[1]",
            ),
            (
                r#"{ "texts": { "placeholderButton": "" } }"#,
                "texts.placeholderButton",
            ),
        ];
        for (json, field) in cases {
            let err = parse(json).unwrap_err();
            assert_eq!(err.field, field, "{json} gave {err}");
        }
    }

    #[test]
    fn refuses_configs_whose_cookie_would_be_too_long() {
        let many: Vec<String> = (0..8)
            .map(|i| {
                format!(
                    r#"{{ "id": "c{i}{}", "label": "L", "description": "D" }}"#,
                    "x".repeat(20)
                )
            })
            .collect();
        let err = parse(&format!(r#"{{ "categories": [{}] }}"#, many.join(","))).unwrap_err();
        assert_eq!(err.field, "categories");
    }

    #[test]
    fn toolbar_config() {
        let config = parse(
            r##"{ "banner": false, "toolbar": { "target": "#tools", "pageLanguage": "cy",
                 "languages": [{ "code": "cy", "name": "Cymraeg" }, { "code": "zh-CN", "name": "中文" }],
                 "translate": false } }"##,
        )
        .unwrap();
        assert!(!config.banner);
        assert_eq!(config.toolbar.target, "#tools");
        assert_eq!(config.toolbar.page_language, "cy");
        assert_eq!(config.toolbar.languages[1].code, "zh-CN");
        assert!(!config.toolbar.translate);
        let defaults = Config::default();
        assert!(defaults.banner);
        assert_eq!(defaults.toolbar.target, "[data-a11y-toolbar]");
        let codes: Vec<_> = defaults
            .toolbar
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect();
        assert_eq!(codes, ["en", "cy"]);
        assert_eq!(defaults.texts.toolbar_toggle, "Accessibility tools");
        assert_eq!(defaults.texts.contrast_yellow, "Yellow on black");
    }

    #[test]
    fn toolbar_errors_name_the_field() {
        let cases = [
            (r#"{ "toolbar": { "colour": "red" } }"#, "toolbar.colour"),
            (r#"{ "toolbar": { "target": " " } }"#, "toolbar.target"),
            (
                r#"{ "toolbar": { "pageLanguage": "english" } }"#,
                "toolbar.pageLanguage",
            ),
            (
                r#"{ "toolbar": { "languages": [{ "code": "en", "name": "English", "flag": "x" }] } }"#,
                "toolbar.languages[0].flag",
            ),
            (
                r#"{ "toolbar": { "languages": [{ "code": "en", "name": "E" }, { "code": "c y", "name": "C" }] } }"#,
                "toolbar.languages[1].code",
            ),
            (
                r#"{ "toolbar": { "languages": [{ "code": "en", "name": "E" }, { "code": "en", "name": "C" }] } }"#,
                "toolbar.languages[1].code",
            ),
            (
                r#"{ "toolbar": { "languages": [{ "code": "en", "name": "" }] } }"#,
                "toolbar.languages[0].name",
            ),
            (
                r#"{ "toolbar": { "languages": [{ "code": "cy", "name": "Cymraeg" }] } }"#,
                "toolbar.languages",
            ),
            (
                r#"{ "texts": { "toolbarToggle": "" } }"#,
                "texts.toolbarToggle",
            ),
        ];
        for (json, field) in cases {
            let err = parse(json).unwrap_err();
            assert_eq!(err.field, field, "{json} gave {err}");
        }
        assert!(parse(r#"{ "banner": "no" }"#).is_err());
    }

    #[test]
    fn camel_cases_field_names() {
        assert_eq!(camel_case("placeholder_button"), "placeholderButton");
        assert_eq!(camel_case("accept"), "accept");
    }

    // proptest needs an OS random source, so these run natively only.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use crate::core::url::is_safe_url;
        use proptest::prelude::*;
        use serde_json::{json, Map, Value};

        /// Field names the config knows, plus near misses, so generated objects often parse.
        const KEYS: &[&str] = &[
            "siteName",
            "revision",
            "cookieDays",
            "settingsUrl",
            "policyUrl",
            "bannerCategories",
            "reloadOnWithdraw",
            "categories",
            "texts",
            "id",
            "label",
            "description",
            "cookies",
            "name",
            "provider",
            "purpose",
            "expiry",
            "accept",
            "reject",
            "bannerHeading",
            "sitename",
        ];

        fn leaf() -> impl Strategy<Value = Value> {
            prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::from),
                (0u64..600).prop_map(Value::from),
                any::<i64>().prop_map(Value::from),
                any::<f64>().prop_map(|f| json!(f)),
                "(analytics|embeds|necessary|marketing|[a-z]{1,6}|https?://[a-z.]{1,12}/[a-z]{0,5}|/[a-z]{0,8}|javascript:x|\\PC{0,12})".prop_map(Value::from),
            ]
        }

        fn value() -> impl Strategy<Value = Value> {
            leaf().prop_recursive(4, 48, 6, |inner| {
                prop_oneof![
                    proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                    proptest::collection::vec((proptest::sample::select(KEYS), inner), 0..6)
                        .prop_map(|pairs| {
                            Value::Object(
                                pairs
                                    .into_iter()
                                    .map(|(k, v)| (k.to_owned(), v))
                                    .collect::<Map<_, _>>(),
                            )
                        }),
                ]
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(100_000))]

            #[test]
            fn any_json_gives_a_config_that_keeps_its_promises_or_a_named_error(v in value()) {
                let input: Result<ConfigInput, _> = serde_json::from_value(v);
                let Ok(input) = input else { return Ok(()) };
                match Config::from_input(input) {
                    Ok(config) => {
                        prop_assert_eq!(config.categories[0].id.as_str(), NECESSARY);
                        for url in config.settings_url.iter().chain(config.policy_url.iter()) {
                            prop_assert!(is_safe_url(url), "{url}");
                        }
                        for c in &config.categories {
                            prop_assert!(codec::is_valid_id(&c.id));
                            for cookie in &c.cookies {
                                prop_assert!(cookie.name.bytes().any(|b| b != b'*'));
                            }
                        }
                        for id in &config.banner_categories {
                            prop_assert!(config.category(id).is_some() && id != NECESSARY);
                        }
                        let longest = codec::encode(&codec::Record {
                            revision: u32::MAX,
                            time: u64::MAX,
                            grants: config.optional().map(|c| (c.id.clone(), true)).collect(),
                        });
                        prop_assert!(longest.len() <= codec::MAX_LEN);
                    }
                    Err(error) => prop_assert!(!error.problem.is_empty()),
                }
            }
        }
    }
}

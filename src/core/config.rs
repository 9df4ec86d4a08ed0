//! Configuration: what a site may set, its validation, and the built-in defaults.
//!
//! Deserialisation goes into `*Input` types where every field is optional and unknown fields are
//! errors (`deny_unknown_fields`, which the browser's deserializer, `browser::js_de`, words for a
//! site); [`Config::from_input`] then checks values and merges them over the defaults, so a
//! config names only what it changes. Errors name the field as a path (`categories[1].label`).

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use thiserror::Error;

use super::codec;
use super::consent_mode::{self, ConsentMode};
use super::language::{self, Builtin, Direction};
use super::theme::Theme;
use super::toolbar;
use super::url::is_safe_url;

/// The id of the category that is always on.
pub use super::consent::NECESSARY;

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
#[serde(rename_all = "camelCase", deny_unknown_fields)]
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
    pub consent_mode: Option<consent_mode::Setting>,
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
    /// The look: `"auto"` (default: the page's design system), `"nhs"` or `"govuk"`.
    pub theme: Option<String>,
}

/// The accessibility toolbar as a site configures it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
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
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LanguageInput {
    /// Google Translate's code for it (`cy`, `zh-CN`).
    pub code: String,
    /// Its name, best written in the language itself (`Cymraeg`).
    pub name: String,
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

/// A category as a site writes it: a built-in one to change, or a new one (label and description required).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CategoryInput {
    /// Lowercase id: `a-z`, `0-9`, `_`, `-`, starting with a letter.
    pub id: String,
    /// Its name, shown in the settings form and the cookie table.
    pub label: Option<String>,
    /// What it is for.
    pub description: Option<String>,
    /// The cookies it covers; replaces the built-in list.
    pub cookies: Option<Vec<CookieInput>>,
    /// Whether Global Privacy Control covers it (default false).
    pub gpc: Option<bool>,
    /// The revision in which its description last changed: visitors who answered an earlier one
    /// have its cookies deleted when they are asked again.
    pub changed_in: Option<u32>,
}

/// A declared cookie as a site writes it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
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
    /// Whether Global Privacy Control covers it: with the signal, it starts refused and the
    /// banner says so.
    pub gpc: bool,
    /// The revision in which its description last changed (0: never).
    pub changed_in: u32,
}

macro_rules! texts {
    ($($(#[doc = $doc:literal])+ $field:ident = $en:literal, $cy:literal;)+) => {
        /// Every text the component shows. `{siteName}` and `{provider}` are filled in where noted.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Texts {
            $($(#[doc = $doc])+ pub $field: String,)+
        }

        impl Texts {
            /// The built-in texts of a language.
            pub fn builtin(language: Builtin) -> Self {
                // Tables copied in one loop: a struct literal of `to_owned()`s was code per text.
                const ENGLISH: &[&str] = &[$($en,)+];
                const WELSH: &[&str] = &[$($cy,)+];
                let table = match language {
                    Builtin::English => ENGLISH,
                    Builtin::Welsh => WELSH,
                };
                let mut texts = Self { $($field: String::new(),)+ };
                for (slot, text) in texts.slots().into_iter().zip(table) {
                    *slot = (*text).to_owned();
                }
                texts
            }
        }

        impl Default for Texts {
            fn default() -> Self {
                Self::builtin(Builtin::English)
            }
        }

        /// The texts' names, in `snake_case`, in field order.
        const TEXT_NAMES: &[&str] = &[$(stringify!($field),)+];

        impl Texts {
            /// Each text, in the order of [`TEXT_NAMES`].
            fn slots(&mut self) -> Vec<&mut String> {
                vec![$(&mut self.$field,)+]
            }
        }
    };
}

/// Texts as a site writes them (`camelCase` names): any subset, unknown names refused. A plain map,
/// checked against [`TEXT_NAMES`], costs far less Wasm than a derived struct of 40-odd fields.
pub type TextsInput = Pairs;

/// An object of strings (`texts`, `consentTypes`): its entries sorted by name, a later one
/// replacing an earlier one of the same name, as a `BTreeMap` gave them (so the first fault
/// reported is the same), with far less Wasm than a `BTreeMap`.
#[derive(Debug, Default)]
pub struct Pairs(pub Vec<(String, String)>);

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

texts! {
    /// The banner's heading and its region's name; `{siteName}`.
    banner_heading = "Cookies on {siteName}",
        "Cwcis ar {siteName}";
    /// The banner's first paragraph.
    banner_intro = "We use some essential cookies to make this website work.",
        "Rydym yn defnyddio rhai cwcis hanfodol i wneud i'r wefan hon weithio.";
    /// The banner's second paragraph.
    banner_request = "We'd also like to use analytics cookies so we can understand how you use the website and make improvements.",
        "Hoffem hefyd ddefnyddio cwcis dadansoddi er mwyn i ni ddeall sut rydych yn defnyddio'r wefan a gwneud gwelliannau.";
    /// The Accept button.
    accept = "Accept analytics cookies",
        "Derbyn cwcis dadansoddi";
    /// The Reject button.
    reject = "Reject analytics cookies",
        "Gwrthod cwcis dadansoddi";
    /// The link to the settings.
    settings_link = "Choose your cookie settings",
        "Dewis eich gosodiadau cwcis";
    /// The confirmation after accepting.
    accepted = "You've accepted analytics cookies.",
        "Rydych wedi derbyn cwcis dadansoddi.";
    /// The confirmation after rejecting.
    rejected = "You've rejected analytics cookies.",
        "Rydych wedi gwrthod cwcis dadansoddi.";
    /// The confirmation's link to the settings.
    change_settings = "You can change your cookie settings at any time.",
        "Gallwch newid eich gosodiadau cwcis ar unrhyw adeg.";
    /// The button that hides the confirmation.
    hide = "Hide cookie message",
        "Cuddio'r neges cwcis";
    /// Added to a confirmation when the browser blocks cookies.
    not_remembered = "Your browser is blocking cookies, so this choice only applies until you leave this page.",
        "Mae eich porwr yn rhwystro cwcis, felly dim ond nes i chi adael y dudalen hon y bydd y dewis hwn yn berthnasol.";
    /// The "yes" answer in the settings form.
    yes = "Yes",
        "Ie";
    /// The "no" answer in the settings form.
    no = "No",
        "Na";
    /// The settings form's save button.
    save = "Save cookie settings",
        "Cadw gosodiadau cwcis";
    /// The button that closes the settings form drawn in the banner without saving.
    close_settings = "Close cookie settings",
        "Cau gosodiadau cwcis";
    /// The status shown after saving the settings form.
    saved = "You've set your cookie preferences.",
        "Rydych wedi gosod eich dewisiadau cwcis.";
    /// A placeholder's text; `{provider}`.
    placeholder_text = "{provider} content is hidden because it may set cookies. Showing it allows cookies from all embedded content on this website.",
        "Mae cynnwys {provider} wedi'i guddio oherwydd gallai osod cwcis. Mae ei ddangos yn caniatáu cwcis gan yr holl gynnwys sydd wedi'i fewnosod ar y wefan hon.";
    /// A placeholder's button; `{provider}`.
    placeholder_button = "Accept cookies and show {provider} content",
        "Derbyn cwcis a dangos cynnwys {provider}";
    /// The cookie table's column headers.
    column_name = "Name",
        "Enw";
    /// The cookie table's column headers.
    column_provider = "Provider",
        "Darparwr";
    /// The cookie table's column headers.
    column_purpose = "Purpose",
        "Diben";
    /// The cookie table's column headers.
    column_expiry = "Expiry",
        "Yn dod i ben";
    /// The toolbar's toggle button.
    toolbar_toggle = "Accessibility tools",
        "Offer hygyrchedd";
    /// The contrast radio group's name.
    contrast = "Colour contrast",
        "Cyferbyniad lliw";
    /// The site's own colours.
    contrast_default = "Default",
        "Diofyn";
    /// Black on white.
    contrast_high = "High contrast",
        "Cyferbyniad uchel";
    /// Yellow on black.
    contrast_yellow = "Yellow on black",
        "Melyn ar ddu";
    /// The status after choosing a contrast mode; `{mode}`.
    contrast_status = "Colour contrast: {mode}",
        "Cyferbyniad lliw: {mode}";
    /// The text size group's name.
    text_size = "Text size",
        "Maint testun";
    /// The text size shown and announced; `{size}` (a percentage without `%`).
    text_size_status = "Text size {size}%",
        "Maint testun {size}%";
    /// The button that makes text smaller.
    text_smaller = "Decrease text size",
        "Lleihau maint y testun";
    /// The button that makes text larger.
    text_larger = "Increase text size",
        "Cynyddu maint y testun";
    /// The reset button.
    toolbar_reset = "Reset accessibility settings",
        "Ailosod gosodiadau hygyrchedd";
    /// The status after a reset.
    toolbar_reset_done = "Accessibility settings reset",
        "Gosodiadau hygyrchedd wedi'u hailosod";
    /// The button that opens the translation choices.
    translate = "Translate this page",
        "Cyfieithu'r dudalen hon";
    /// What loading Google Translate means, shown before consent.
    translate_consent = "Translation is provided by Google Translate. Loading it sends the address and text of this page to Google, and lets Google set cookies. It counts as embedded content, so it needs your consent.",
        "Google Translate sy'n darparu'r cyfieithiad. Mae ei lwytho yn anfon cyfeiriad a thestun y dudalen hon at Google, ac yn gadael i Google osod cwcis. Mae'n cyfrif fel cynnwys wedi'i fewnosod, felly mae angen eich caniatâd.";
    /// The button that grants embedded content and shows the languages.
    translate_allow = "Accept embedded content and use Google Translate",
        "Derbyn cynnwys wedi'i fewnosod a defnyddio Google Translate";
    /// The language group's name.
    translate_languages = "Choose a language",
        "Dewiswch iaith";
    /// The status after choosing a language; `{language}`.
    translate_status = "Language: {language}",
        "Iaith: {language}";
    /// Added to the banner when the browser sends Global Privacy Control and the config honours it.
    gpc_note = "Your browser sent a Global Privacy Control signal, so cookies it covers stay off unless you choose to turn them on.",
        "Anfonodd eich porwr signal Global Privacy Control (rheoli preifatrwydd), felly mae'r cwcis y mae'n eu cwmpasu yn aros i ffwrdd oni bai eich bod yn dewis eu troi ymlaen.";
    /// Shown when the visitor withdrew consent in another tab while this page runs such scripts.
    other_tab = "Your cookie settings were changed in another tab. Reload this page to stop the scripts that are already running on it.",
        "Cafodd eich gosodiadau cwcis eu newid mewn tab arall. Ail-lwythwch y dudalen hon i atal y sgriptiau sydd eisoes yn rhedeg arni.";
    /// The link to the config's `policyUrl`, in settings forms on the page.
    policy_link = "Read our cookie policy",
        "Darllenwch ein polisi cwcis";
    /// The button that reloads the page after a withdrawal in another tab.
    reload = "Reload this page",
        "Ail-lwytho'r dudalen hon";
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
            toolbar: Toolbar {
                // Google Translate starts from the page's language when it is one it offers.
                page_language: match builtin {
                    Builtin::English => "en",
                    Builtin::Welsh => "cy",
                }
                .to_owned(),
                ..Toolbar::default()
            },
            language: language.to_owned(),
            consent_mode: ConsentMode::default_for(false),
            receipt_url: None,
            consent_id: false,
            cookie_domain: None,
            warn_undeclared_cookies: false,
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
        if let Some(categories) = input.categories {
            merge_categories(&mut config.categories, categories, config.revision)?;
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
        config.consent_mode = ConsentMode::default_for(config.category("marketing").is_some());
        if let Some(setting) = input.consent_mode {
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
                .find(|id| self.category(id).is_none())
            {
                return Err(ConfigError::new(field, format!("no category `{id}`")));
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

    /// The categories Global Privacy Control covers.
    pub fn gpc_categories(&self) -> impl Iterator<Item = &Category> {
        self.optional().filter(|c| c.gpc)
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
    revision: u32,
) -> Result<(), ConfigError> {
    let mut seen: Vec<String> = Vec::new();
    for (i, input) in inputs.into_iter().enumerate() {
        let at = |field: &str| format!("categories[{i}].{field}");
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
        if let Some(changed_in) = input.changed_in.filter(|r| *r > revision) {
            return Err(ConfigError::new(
                at("changedIn"),
                format!("{changed_in} is higher than the config's `revision` ({revision})"),
            ));
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
                    gpc: input.gpc.unwrap_or(false),
                    changed_in: input.changed_in.unwrap_or(0),
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
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if domain.len() > 253 || !domain.contains('.') || !domain.split('.').all(label_ok) {
        return Err(ConfigError::new(
            field,
            format!("`{domain}` is not a domain such as `example.gov.uk`"),
        ));
    }
    Ok(domain)
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

/// A text in English, then Welsh.
type Bilingual = [&'static str; 2];

/// A built-in cookie: name, provider, purpose, expiry.
type BuiltinCookie = (&'static str, Bilingual, Bilingual, Bilingual);

/// A built-in category: id, label, description, cookies.
type BuiltinCategory = (&'static str, Bilingual, Bilingual, &'static [BuiltinCookie]);

const SITE: Bilingual = ["This website", "Y wefan hon"];
const GA: Bilingual = ["Google Analytics"; 2];
const ADOBE: Bilingual = ["Adobe Analytics"; 2];
const YOUTUBE: Bilingual = ["YouTube"; 2];
const ONE_YEAR: Bilingual = ["1 year", "1 flwyddyn"];
const TWO_YEARS: Bilingual = ["2 years", "2 flynedd"];
const UP_TO_A_YEAR: Bilingual = ["Up to 1 year", "Hyd at 1 flwyddyn"];
const SIX_MONTHS: Bilingual = ["6 months", "6 mis"];
const SESSION: Bilingual = [
    "When you close your browser",
    "Pan fyddwch yn cau eich porwr",
];
const COUNTS: Bilingual = [
    "Tells visits apart to count visitors",
    "Yn gwahaniaethu rhwng ymweliadau i gyfrif ymwelwyr",
];
const THROTTLES: Bilingual = [
    "Limits how often data is sent",
    "Yn cyfyngu ar ba mor aml yr anfonir data",
];

/// The built-in categories, with the cookies the source policies declare. Tables rather than
/// code that builds each one: the same strings, with less Wasm.
#[rustfmt::skip]
const BUILTIN_CATEGORIES: [BuiltinCategory; 3] = [
    (
        NECESSARY,
        ["Strictly necessary cookies", "Cwcis cwbl angenrheidiol"],
        [
            "These cookies make the website work, for example by remembering your cookie settings and your accessibility choices. They are always on.",
            "Mae'r cwcis hyn yn gwneud i'r wefan weithio, er enghraifft drwy gofio eich gosodiadau cwcis a'ch dewisiadau hygyrchedd. Maen nhw ymlaen bob amser.",
        ],
        &[
            ("cookieconsent_status", SITE, ["Remembers your cookie settings", "Yn cofio eich gosodiadau cwcis"], ONE_YEAR),
            ("contrast-mode", SITE, ["Remembers the colour contrast you chose", "Yn cofio'r cyferbyniad lliw a ddewisoch"], ONE_YEAR),
            ("saveFontSize", SITE, ["Remembers the text size you chose", "Yn cofio maint y testun a ddewisoch"], ONE_YEAR),
            ("accessibility-controls", SITE, ["Remembers whether the accessibility tools are open", "Yn cofio a yw'r offer hygyrchedd ar agor"], ONE_YEAR),
        ],
    ),
    (
        "analytics",
        ["Cookies that measure website use", "Cwcis sy'n mesur defnydd o'r wefan"],
        [
            "These cookies help us understand how you use the website, so we can make it better. They are set by tools such as Google Analytics, Adobe Analytics, Hotjar, New Relic, Qualtrics and Celebrus.",
            "Mae'r cwcis hyn yn ein helpu i ddeall sut rydych yn defnyddio'r wefan, er mwyn i ni ei gwella. Cânt eu gosod gan offer fel Google Analytics, Adobe Analytics, Hotjar, New Relic, Qualtrics a Celebrus.",
        ],
        &[
            ("_ga", GA, COUNTS, TWO_YEARS),
            ("_ga_*", GA, ["Keeps the state of a visit", "Yn cadw cyflwr ymweliad"], TWO_YEARS),
            ("_gid", GA, COUNTS, ["24 hours", "24 awr"]),
            ("_gat*", GA, THROTTLES, ["1 minute", "1 munud"]),
            ("__utma", GA, ["Tracks how many times you have visited the website", "Yn cofnodi sawl gwaith rydych wedi ymweld â'r wefan"], TWO_YEARS),
            ("__utmb", GA, ["Tracks how long you spend on the website", "Yn cofnodi faint o amser rydych yn ei dreulio ar y wefan"], ["30 minutes", "30 munud"]),
            ("__utmc", GA, ["Tells when a visit ends", "Yn nodi pryd mae ymweliad yn dod i ben"], SESSION),
            ("__utmt", GA, THROTTLES, ["10 minutes", "10 munud"]),
            ("__utmz", GA, ["Records how you reached the website", "Yn cofnodi sut y daethoch i'r wefan"], SIX_MONTHS),
            ("_hj*", ["Hotjar"; 2], ["Records how you use pages, to improve them", "Yn cofnodi sut rydych yn defnyddio tudalennau, i'w gwella"], UP_TO_A_YEAR),
            ("AMCV_*", ADOBE, COUNTS, TWO_YEARS),
            ("s_cc", ADOBE, ["Checks whether cookies are enabled", "Yn gwirio a yw cwcis wedi'u galluogi"], SESSION),
            ("s_sq", ADOBE, ["Records the previous link you clicked", "Yn cofnodi'r ddolen flaenorol a glicioch"], SESSION),
            ("QSI_*", ["Qualtrics"; 2], ["Remembers whether you answered a survey", "Yn cofio a ydych wedi ateb arolwg"], UP_TO_A_YEAR),
            ("dohCSA*", ["Celebrus"; 2], ["Measures how you use the website", "Yn mesur sut rydych yn defnyddio'r wefan"], UP_TO_A_YEAR),
        ],
    ),
    (
        "embeds",
        ["Embedded content", "Cynnwys wedi'i fewnosod"],
        [
            "Videos, posts and tools from other websites, such as YouTube, Brightcove, Twitter/X, LinkedIn and Google Translate. They may set their own cookies and know that you visited this page.",
            "Fideos, negeseuon ac offer o wefannau eraill, fel YouTube, Brightcove, Twitter/X, LinkedIn a Google Translate. Gallant osod eu cwcis eu hunain a gwybod eich bod wedi ymweld â'r dudalen hon.",
        ],
        &[
            ("googtrans", ["Google Translate"; 2], ["Remembers the language you chose", "Yn cofio'r iaith a ddewisoch"], SESSION),
            ("VISITOR_INFO1_LIVE", YOUTUBE, ["Estimates your connection speed", "Yn amcangyfrif cyflymder eich cysylltiad"], SIX_MONTHS),
            ("YSC", YOUTUBE, ["Counts video views", "Yn cyfrif sawl gwaith y gwylir fideos"], SESSION),
            ("guest_id", ["Twitter/X"; 2], ["Identifies you to Twitter/X", "Yn eich adnabod i Twitter/X"], TWO_YEARS),
            ("bcookie", ["LinkedIn"; 2], ["Identifies your browser to LinkedIn", "Yn adnabod eich porwr i LinkedIn"], ONE_YEAR),
        ],
    ),
];

/// The built-in categories in English or Welsh.
fn default_categories(language: Builtin) -> Vec<Category> {
    let t = |text: &Bilingual| text[language as usize].to_owned();
    BUILTIN_CATEGORIES
        .iter()
        .map(|(id, label, description, cookies)| Category {
            id: (*id).to_owned(),
            label: t(label),
            description: t(description),
            cookies: cookies
                .iter()
                .map(|(name, provider, purpose, expiry)| CookieDecl {
                    name: (*name).to_owned(),
                    provider: t(provider),
                    purpose: t(purpose),
                    expiry: t(expiry),
                })
                .collect(),
            gpc: false,
            changed_in: 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Config, ConfigError> {
        parse_on(json, None)
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

    /// Parses like the browser does, naming the field of a deserialisation error (the message is
    /// serde_json's; the browser's own wording is tested in tests/browser.rs).
    fn parse_on(json: &str, page: Option<&str>) -> Result<Config, ConfigError> {
        let input: ConfigInput =
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(json))
                .map_err(|e| {
                    let path = e.path().to_string();
                    let field = if path == "." { String::new() } else { path };
                    ConfigError::new(field, e.inner().to_string())
                })?;
        Config::from_input(input, page)
    }

    #[test]
    fn welsh_pages_get_welsh_texts_and_categories() {
        let welsh = parse_on("{}", Some("cy")).unwrap();
        assert_eq!(welsh.language, "cy");
        assert_eq!(welsh.texts.accept, "Derbyn cwcis dadansoddi");
        assert_eq!(welsh.texts.banner_heading, "Cwcis ar {siteName}");
        assert_eq!(
            welsh.categories[1].label,
            "Cwcis sy'n mesur defnydd o'r wefan"
        );
        assert_eq!(welsh.site_name, "y wefan hon");
        assert_eq!(
            welsh.toolbar.page_language, "cy",
            "translation starts from Welsh"
        );
        // Every Welsh text differs from the English one, apart from the formats that are data.
        let english = Texts::default();
        assert_ne!(welsh.texts.gpc_note, english.gpc_note);
        assert_ne!(welsh.texts.reload, english.reload);
        // The config's language wins over the page's; texts still override.
        let config = parse_on(
            r#"{ "language": "cy", "texts": { "accept": "Iawn" } }"#,
            Some("en"),
        )
        .unwrap();
        assert_eq!(config.texts.accept, "Iawn");
        assert_eq!(config.texts.reject, "Gwrthod cwcis dadansoddi");
        assert_eq!(
            Config::for_page(Some("cy-GB")).texts.hide,
            "Cuddio'r neges cwcis"
        );
        assert_eq!(Config::for_page(Some("fr")).language, "en");
    }

    #[test]
    fn right_to_left_languages() {
        let config = parse_on(r#"{ "texts": { "accept": "قبول" } }"#, Some("ar")).unwrap();
        assert_eq!(config.language, "ar");
        assert_eq!(config.direction(), Direction::Rtl);
        assert_eq!(
            parse_on("{}", Some("ar")).unwrap().direction(),
            Direction::Ltr
        );
        assert_eq!(
            parse(r#"{ "language": "en_GB" }"#).unwrap_err().field,
            "language"
        );
    }

    #[test]
    fn themes() {
        assert_eq!(parse("{}").unwrap().theme, Theme::Auto);
        assert_eq!(parse(r#"{ "theme": "auto" }"#).unwrap().theme, Theme::Auto);
        assert_eq!(parse(r#"{ "theme": "nhs" }"#).unwrap().theme, Theme::Nhs);
        assert_eq!(
            parse(r#"{ "theme": "govuk" }"#).unwrap().theme,
            Theme::Govuk
        );
        for bad in [r#""GOV.UK""#, r#""gov.uk""#, "true", "1", r#"["nhs"]"#] {
            let json = format!(r#"{{ "theme": {bad} }}"#);
            assert_eq!(parse(&json).unwrap_err().field, "theme", "{json}");
        }
    }

    #[test]
    fn consent_mode_settings() {
        let config = parse("{}").unwrap();
        assert_eq!(config.consent_mode.setting, consent_mode::Setting::Auto);
        assert_eq!(
            parse(r#"{ "consentMode": true }"#)
                .unwrap()
                .consent_mode
                .setting,
            consent_mode::Setting::On
        );
        assert_eq!(
            parse(r#"{ "consentMode": false }"#)
                .unwrap()
                .consent_mode
                .setting,
            consent_mode::Setting::Off
        );
        assert_eq!(
            parse(r#"{ "consentMode": "always" }"#).unwrap_err().field,
            "consentMode"
        );
        let config = parse(
            r#"{ "categories": [{ "id": "marketing", "label": "Ads", "description": "Ads." }],
                 "consentTypes": { "functionality_storage": "necessary", "ad_storage": "marketing analytics" } }"#,
        )
        .unwrap();
        let types = &config.consent_mode.types;
        assert!(
            types.contains(&("ad_user_data".to_owned(), "marketing".to_owned())),
            "default follows marketing"
        );
        assert!(types.contains(&("ad_storage".to_owned(), "marketing analytics".to_owned())));
        assert!(types.contains(&("functionality_storage".to_owned(), "necessary".to_owned())));
        let error = parse(r#"{ "consentTypes": { "ads_storage": "analytics" } }"#).unwrap_err();
        assert_eq!(error.field, "consentTypes.ads_storage");
        let error = parse(r#"{ "consentTypes": { "ad_storage": "marketing" } }"#).unwrap_err();
        assert_eq!(error.field, "consentTypes.ad_storage");
        assert!(error.problem.contains("no category `marketing`"));
    }

    #[test]
    fn receipts_domains_gpc_and_revisions() {
        let config = parse(
            r#"{ "revision": 4, "receiptUrl": "/consent-receipts", "consentId": true,
                 "cookieDomain": ".Example.gov.uk", "warnUndeclaredCookies": true,
                 "categories": [{ "id": "analytics", "gpc": true, "changedIn": 4 }] }"#,
        )
        .unwrap();
        assert_eq!(config.receipt_url.as_deref(), Some("/consent-receipts"));
        assert!(config.consent_id && config.warn_undeclared_cookies);
        assert_eq!(config.cookie_domain.as_deref(), Some("example.gov.uk"));
        let gpc: Vec<_> = config.gpc_categories().map(|c| c.id.as_str()).collect();
        assert_eq!(gpc, ["analytics"]);
        assert_eq!(config.category("analytics").unwrap().changed_in, 4);
        for (json, field) in [
            (r#"{ "receiptUrl": "javascript:alert(1)" }"#, "receiptUrl"),
            (r#"{ "cookieDomain": "localhost" }"#, "cookieDomain"),
            (r#"{ "cookieDomain": "exa mple.org" }"#, "cookieDomain"),
            (
                r#"{ "revision": 1, "categories": [{ "id": "embeds", "changedIn": 2 }] }"#,
                "categories[0].changedIn",
            ),
        ] {
            assert_eq!(parse(json).unwrap_err().field, field, "{json}");
        }
    }

    #[test]
    fn unknown_fields_are_refused() {
        let cases = [
            (r#"{ "sitename": "x" }"#, "sitename"),
            (r#"{ "texts": { "acept": "x" } }"#, "texts.acept"),
            (
                r#"{ "texts": { "banner_heading": "x" } }"#,
                "texts.banner_heading",
            ),
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
                match Config::from_input(input, None) {
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

//! Consent categories and the cookies they declare: the validated types, and the built-in ones in
//! English and Welsh.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::core::consent::{Basis, NECESSARY};
use crate::full::config::language::Builtin;
use crate::names::cookie;

/// The built-in category of embedded content.
pub const EMBEDS: &str = "embeds";

/// The built-in service the toolbar's "Translate this page" loads.
pub const TRANSLATE: &str = "google-translate";

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

/// A service inside a category (a tool or provider a visitor can allow on its own), validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// Its id, unique among categories and services.
    pub id: String,
    /// Its name (`YouTube`).
    pub label: String,
    /// Who provides it (`Google`).
    pub provider: String,
    /// The hosts it loads from; each covers its subdomains.
    pub hosts: Vec<String>,
    /// The cookies it sets.
    pub cookies: Vec<CookieDecl>,
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
    /// The cookies it covers itself (its services declare theirs).
    pub cookies: Vec<CookieDecl>,
    /// The services in it, which a visitor may allow one by one.
    pub services: Vec<Service>,
    /// The third-party hosts it loads from, for the audit: `necessary`'s alone (an optional
    /// category's hosts are its services').
    pub hosts: Vec<String>,
    /// On what ground it is used: consent (the default) or, under the UK's exceptions, until
    /// the visitor objects.
    pub basis: Basis,
    /// Whether Global Privacy Control covers it (by default `analytics` and `marketing`): with
    /// the signal it stays refused unless the visitor turns it on, and counts as an objection.
    pub gpc: bool,
    /// The revision in which its description last changed (0: never).
    pub changed_in: u32,
}

/// A text in English, then Welsh.
type Bilingual = [&'static str; 2];

/// A built-in cookie: name, provider, purpose, expiry.
type BuiltinCookie = (&'static str, Bilingual, Bilingual, Bilingual);

/// A built-in service: id, label, provider, hosts, cookies.
type BuiltinService = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [BuiltinCookie],
);

/// A built-in category: id, label, description, its own cookies, services.
type BuiltinCategory = (
    &'static str,
    Bilingual,
    Bilingual,
    &'static [BuiltinCookie],
    &'static [BuiltinService],
);

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
            (cookie::CONSENT, SITE, ["Remembers your cookie settings", "Yn cofio eich gosodiadau cwcis"], ONE_YEAR),
            (cookie::CONTRAST, SITE, ["Remembers the colour contrast you chose", "Yn cofio'r cyferbyniad lliw a ddewisoch"], ONE_YEAR),
            (cookie::TEXT_SIZE, SITE, ["Remembers the text size you chose", "Yn cofio maint y testun a ddewisoch"], ONE_YEAR),
            (cookie::TOOLBAR_OPEN, SITE, ["Remembers whether the accessibility tools are open", "Yn cofio a yw'r offer hygyrchedd ar agor"], ONE_YEAR),
        ],
        &[],
    ),
    (
        "analytics",
        ["Cookies that measure website use", "Cwcis sy'n mesur defnydd o'r wefan"],
        [
            "These cookies help us understand how you use the website, so we can make it better. They are set by tools such as Google Analytics, Adobe Analytics, Hotjar, New Relic, Qualtrics and Celebrus.",
            "Mae'r cwcis hyn yn ein helpu i ddeall sut rydych yn defnyddio'r wefan, er mwyn i ni ei gwella. Cânt eu gosod gan offer fel Google Analytics, Adobe Analytics, Hotjar, New Relic, Qualtrics a Celebrus.",
        ],
        &[],
        &[
            ("google-analytics", "Google Analytics", "Google", &["google-analytics.com", "googletagmanager.com", "analytics.google.com"], &[
                ("_ga", GA, COUNTS, TWO_YEARS),
                ("_ga_*", GA, ["Keeps the state of a visit", "Yn cadw cyflwr ymweliad"], TWO_YEARS),
                ("_gid", GA, COUNTS, ["24 hours", "24 awr"]),
                ("_gat*", GA, THROTTLES, ["1 minute", "1 munud"]),
                ("__utma", GA, ["Tracks how many times you have visited the website", "Yn cofnodi sawl gwaith rydych wedi ymweld â'r wefan"], TWO_YEARS),
                ("__utmb", GA, ["Tracks how long you spend on the website", "Yn cofnodi faint o amser rydych yn ei dreulio ar y wefan"], ["30 minutes", "30 munud"]),
                ("__utmc", GA, ["Tells when a visit ends", "Yn nodi pryd mae ymweliad yn dod i ben"], SESSION),
                ("__utmt", GA, THROTTLES, ["10 minutes", "10 munud"]),
                ("__utmz", GA, ["Records how you reached the website", "Yn cofnodi sut y daethoch i'r wefan"], SIX_MONTHS),
            ]),
            ("adobe-analytics", "Adobe Analytics", "Adobe", &["omtrdc.net", "2o7.net", "demdex.net", "adobedtm.com"], &[
                ("AMCV_*", ADOBE, COUNTS, TWO_YEARS),
                ("s_cc", ADOBE, ["Checks whether cookies are enabled", "Yn gwirio a yw cwcis wedi'u galluogi"], SESSION),
                ("s_sq", ADOBE, ["Records the previous link you clicked", "Yn cofnodi'r ddolen flaenorol a glicioch"], SESSION),
            ]),
            ("hotjar", "Hotjar", "Hotjar", &["hotjar.com", "hotjar.io"], &[
                ("_hj*", ["Hotjar"; 2], ["Records how you use pages, to improve them", "Yn cofnodi sut rydych yn defnyddio tudalennau, i'w gwella"], UP_TO_A_YEAR),
            ]),
            ("new-relic", "New Relic", "New Relic", &["newrelic.com", "nr-data.net"], &[]),
            ("qualtrics", "Qualtrics", "Qualtrics", &["qualtrics.com"], &[
                ("QSI_*", ["Qualtrics"; 2], ["Remembers whether you answered a survey", "Yn cofio a ydych wedi ateb arolwg"], UP_TO_A_YEAR),
            ]),
            ("celebrus", "Celebrus", "Celebrus", &["celebrus.com"], &[
                ("dohCSA*", ["Celebrus"; 2], ["Measures how you use the website", "Yn mesur sut rydych yn defnyddio'r wefan"], UP_TO_A_YEAR),
            ]),
        ],
    ),
    (
        EMBEDS,
        ["Embedded content", "Cynnwys wedi'i fewnosod"],
        [
            "Videos, posts and tools from other websites, such as YouTube, Brightcove, Twitter/X, LinkedIn and Google Translate. They may set their own cookies and know that you visited this page.",
            "Fideos, negeseuon ac offer o wefannau eraill, fel YouTube, Brightcove, Twitter/X, LinkedIn a Google Translate. Gallant osod eu cwcis eu hunain a gwybod eich bod wedi ymweld â'r dudalen hon.",
        ],
        &[],
        &[
            ("youtube", "YouTube", "Google", &["youtube.com", "youtube-nocookie.com", "youtu.be"], &[
                ("VISITOR_INFO1_LIVE", YOUTUBE, ["Estimates your connection speed", "Yn amcangyfrif cyflymder eich cysylltiad"], SIX_MONTHS),
                ("YSC", YOUTUBE, ["Counts video views", "Yn cyfrif sawl gwaith y gwylir fideos"], SESSION),
            ]),
            ("brightcove", "Brightcove", "Brightcove", &["brightcove.net", "brightcove.com", "brightcovecdn.com"], &[]),
            ("twitter", "Twitter/X", "X Corp.", &["twitter.com", "x.com", "twimg.com"], &[
                ("guest_id", ["Twitter/X"; 2], ["Identifies you to Twitter/X", "Yn eich adnabod i Twitter/X"], TWO_YEARS),
            ]),
            ("linkedin", "LinkedIn", "LinkedIn", &["linkedin.com", "licdn.com"], &[
                ("bcookie", ["LinkedIn"; 2], ["Identifies your browser to LinkedIn", "Yn adnabod eich porwr i LinkedIn"], ONE_YEAR),
            ]),
            (TRANSLATE, "Google Translate", "Google", &["translate.google.com", "translate.googleapis.com", "translate-pa.googleapis.com"], &[
                (cookie::TRANSLATE, ["Google Translate"; 2], ["Remembers the language you chose", "Yn cofio'r iaith a ddewisoch"], SESSION),
            ]),
        ],
    ),
];

/// The built-in categories in English or Welsh.
pub(super) fn default_categories(language: Builtin) -> Vec<Category> {
    BUILTIN_CATEGORIES
        .iter()
        .map(|(id, label, description, cookies, services)| Category {
            id: (*id).to_owned(),
            label: label[language as usize].to_owned(),
            description: description[language as usize].to_owned(),
            cookies: cookie_decls(cookies, language),
            services: services
                .iter()
                .map(|service| builtin_service(service, language))
                .collect(),
            hosts: Vec::new(),
            basis: Basis::Consent,
            gpc: gpc_by_default(id),
            changed_in: 0,
        })
        .collect()
}

/// The built-in service `id` (in any category), in English or Welsh.
pub(super) fn default_service(id: &str, language: Builtin) -> Option<Service> {
    BUILTIN_CATEGORIES
        .iter()
        .flat_map(|category| category.4.iter())
        .find(|service| service.0 == id)
        .map(|service| builtin_service(service, language))
}

fn builtin_service(
    (id, label, provider, hosts, cookies): &BuiltinService,
    language: Builtin,
) -> Service {
    Service {
        id: (*id).to_owned(),
        label: (*label).to_owned(),
        provider: (*provider).to_owned(),
        hosts: hosts.iter().map(|h| (*h).to_owned()).collect(),
        cookies: cookie_decls(cookies, language),
    }
}

fn cookie_decls(cookies: &[BuiltinCookie], language: Builtin) -> Vec<CookieDecl> {
    let t = |text: &Bilingual| text[language as usize].to_owned();
    cookies
        .iter()
        .map(|(name, provider, purpose, expiry)| CookieDecl {
            name: (*name).to_owned(),
            provider: t(provider),
            purpose: t(purpose),
            expiry: t(expiry),
        })
        .collect()
}

/// Whether Global Privacy Control covers a category unless the config says: `analytics` and
/// `marketing`.
pub fn gpc_by_default(id: &str) -> bool {
    matches!(id, "analytics" | "marketing")
}

impl Category {
    /// Every cookie it covers: its own, then its services'.
    pub fn all_cookies(&self) -> impl Iterator<Item = &CookieDecl> {
        self.cookies
            .iter()
            .chain(self.services.iter().flat_map(|s| s.cookies.iter()))
    }
}

//! Consent categories and the cookies they declare: the validated types, and the built-in ones in
//! English and Welsh.

use crate::core::consent::NECESSARY;
use crate::full::config::language::Builtin;
use crate::names::cookie;

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
            (cookie::CONSENT, SITE, ["Remembers your cookie settings", "Yn cofio eich gosodiadau cwcis"], ONE_YEAR),
            (cookie::CONTRAST, SITE, ["Remembers the colour contrast you chose", "Yn cofio'r cyferbyniad lliw a ddewisoch"], ONE_YEAR),
            (cookie::TEXT_SIZE, SITE, ["Remembers the text size you chose", "Yn cofio maint y testun a ddewisoch"], ONE_YEAR),
            (cookie::TOOLBAR_OPEN, SITE, ["Remembers whether the accessibility tools are open", "Yn cofio a yw'r offer hygyrchedd ar agor"], ONE_YEAR),
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
            (cookie::TRANSLATE, ["Google Translate"; 2], ["Remembers the language you chose", "Yn cofio'r iaith a ddewisoch"], SESSION),
            ("VISITOR_INFO1_LIVE", YOUTUBE, ["Estimates your connection speed", "Yn amcangyfrif cyflymder eich cysylltiad"], SIX_MONTHS),
            ("YSC", YOUTUBE, ["Counts video views", "Yn cyfrif sawl gwaith y gwylir fideos"], SESSION),
            ("guest_id", ["Twitter/X"; 2], ["Identifies you to Twitter/X", "Yn eich adnabod i Twitter/X"], TWO_YEARS),
            ("bcookie", ["LinkedIn"; 2], ["Identifies your browser to LinkedIn", "Yn adnabod eich porwr i LinkedIn"], ONE_YEAR),
        ],
    ),
];

/// The built-in categories in English or Welsh.
pub(super) fn default_categories(language: Builtin) -> Vec<Category> {
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

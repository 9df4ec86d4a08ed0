//! Every text the component shows, built in for English and Welsh.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::full::config::language::Builtin;

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
        pub(super) const TEXT_NAMES: &[&str] = &[$(stringify!($field),)+];

        impl Texts {
            /// Each text, in the order of [`TEXT_NAMES`].
            pub(super) fn slots(&mut self) -> Vec<&mut String> {
                vec![$(&mut self.$field,)+]
            }
        }
    };
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
    /// The name of a category's group of services in the settings form (after the category's own
    /// name, for screen readers).
    choose_services = "Or choose services one by one",
        "Neu ddewis gwasanaethau fesul un";
    /// Said (to screen readers) when unticking a service moved its category's answer to No;
    /// `{category}`.
    services_answer_no = "{category}: answer changed to No. The services still ticked stay allowed.",
        "{category}: ateb wedi newid i Na. Mae'r gwasanaethau sy'n dal wedi'u ticio yn dal i gael eu caniatáu.";
    /// The settings form's save button.
    save = "Save cookie settings",
        "Cadw gosodiadau cwcis";
    /// The button that closes the settings form drawn in the banner without saving.
    close_settings = "Close cookie settings",
        "Cau gosodiadau cwcis";
    /// The status shown after saving the settings form.
    saved = "You've set your cookie preferences.",
        "Rydych wedi gosod eich dewisiadau cwcis.";
    /// The text of a placeholder whose button grants its service alone; `{provider}`.
    placeholder_service_text = "{provider} content is hidden because it may set cookies. Showing it allows cookies from {provider} only.",
        "Mae cynnwys {provider} wedi'i guddio oherwydd gallai osod cwcis. Mae ei ddangos yn caniatáu cwcis gan {provider} yn unig.";
    /// The text of a placeholder of no service, whose button grants its categories; `{provider}`.
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
    /// The button that grants Google Translate (its service alone) and shows the languages.
    translate_allow = "Accept cookies and use Google Translate",
        "Derbyn cwcis a defnyddio Google Translate";
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
    // The basis each category is used on, and the appearance exception (issue 15).
    /// In the settings form, under each category used only with consent.
    basis_consent = "We only use these cookies if you say yes.",
        "Dim ond os byddwch yn dweud ie y byddwn yn defnyddio'r cwcis hyn.";
    /// In the settings form, under each category used until the visitor objects.
    basis_objection = "We use these cookies unless you say no. UK law allows this for cookies that only count how the website is used, so we can improve it.",
        "Rydym yn defnyddio'r cwcis hyn oni bai eich bod yn dweud na. Mae cyfraith y DU yn caniatáu hyn ar gyfer cwcis sydd ond yn cyfrif sut mae'r wefan yn cael ei defnyddio, er mwyn i ni ei gwella.";
    /// In the cookie table, after the toolbar's cookies; `{reset}` (the text `toolbarReset`).
    appearance_note = "The cookies that remember your accessibility choices are only set when you use the accessibility tools. UK law allows cookies that remember how you chose the website to look without asking first. To delete them, use \"{reset}\" in the accessibility tools.",
        "Dim ond pan fyddwch yn defnyddio'r offer hygyrchedd y caiff y cwcis sy'n cofio eich dewisiadau hygyrchedd eu gosod. Mae cyfraith y DU yn caniatáu cwcis sy'n cofio sut y dewisoch i'r wefan edrych heb ofyn yn gyntaf. I'w dileu, defnyddiwch \"{reset}\" yn yr offer hygyrchedd.";
    /// Describes the toolbar's reset button: it is the way to object to its cookies.
    toolbar_reset_note = "Your choices here are remembered with cookies on this device. Resetting goes back to the website's own look and deletes those cookies.",
        "Caiff eich dewisiadau yma eu cofio gyda chwcis ar y ddyfais hon. Mae ailosod yn mynd yn ôl i olwg arferol y wefan ac yn dileu'r cwcis hynny.";

    // The information notice: categories used until the visitor objects (`basis: "objection"`).
    /// The information notice's heading (it informs, it does not ask); `{siteName}`.
    notice_heading = "How we use cookies on {siteName}",
        "Sut rydym yn defnyddio cwcis ar {siteName}";
    /// What the categories the banner informs about do, and that they are on until turned off.
    notice_request = "We also use analytics cookies to collect statistics about how you use the website, so we can make it better. They're on unless you turn them off.",
        "Rydym hefyd yn defnyddio cwcis dadansoddi i gasglu ystadegau am sut rydych yn defnyddio'r wefan, er mwyn i ni ei gwella. Maen nhw ymlaen oni bai eich bod yn eu diffodd.";
    /// The built-in `analytics` category's name in `turnOff` and `turnedOff` (other categories
    /// are named by their label).
    analytics_name = "analytics cookies",
        "cwcis dadansoddi";
    /// The button that turns off one category used until the visitor objects; `{category}`.
    turn_off = "Turn off {category}",
        "Diffodd {category}";
    /// The confirmation after turning a category off; `{category}`.
    turned_off = "You've turned off {category}.",
        "Rydych wedi diffodd {category}.";
    /// The information notice's button that hides it: the visitor has been informed.
    notice_hide = "Hide this message",
        "Cuddio'r neges hon";
}

/// How `turnOff` and `turnedOff` name category `id` (labelled `label`): the built-in analytics
/// by `analyticsName` ("Turn off analytics cookies"), any other by its label.
pub fn category_name<'a>(texts: &'a Texts, id: &str, label: &'a str) -> &'a str {
    if id == "analytics" {
        &texts.analytics_name
    } else {
        label
    }
}

/// `template` with each `{key}` replaced by its value. Unknown placeholders stay as they are.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    // One pass, so a value that itself contains `{key}` is never filled again.
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    // split_once rather than slicing by index: slicing's panic path formats with `{:?}` (KBs).
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let known = after.split_once('}').and_then(|(key, tail)| {
            let value = values.iter().find(|(name, _)| *name == key)?.1;
            Some((value, tail))
        });
        match known {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{category_name, fill, Texts};
    use crate::full::config::language::Builtin;

    #[test]
    fn turn_off_names_analytics_by_its_short_name_and_others_by_label() {
        let en = Texts::default();
        let turn_off =
            |t: &Texts, id, label| fill(&t.turn_off, &[("category", category_name(t, id, label))]);
        let label = "Cookies that measure website use";
        assert_eq!(
            turn_off(&en, "analytics", label),
            "Turn off analytics cookies"
        );
        assert_eq!(
            turn_off(&en, "stats", "usage statistics"),
            "Turn off usage statistics"
        );
        let cy = Texts::builtin(Builtin::Welsh);
        assert_eq!(
            turn_off(&cy, "analytics", label),
            "Diffodd cwcis dadansoddi"
        );
        assert_eq!(
            fill(
                &en.turned_off,
                &[("category", category_name(&en, "analytics", label))]
            ),
            "You've turned off analytics cookies."
        );
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            fill("Cookies on {siteName}", &[("siteName", "NHS")]),
            "Cookies on NHS"
        );
        assert_eq!(fill("{a} and {a}, {b}", &[("a", "x")]), "x and x, {b}");
    }

    #[test]
    fn values_are_not_refilled() {
        assert_eq!(fill("{a}{b}", &[("a", "{b}"), ("b", "y")]), "{b}y");
    }
}

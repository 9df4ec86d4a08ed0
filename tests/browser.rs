//! Browser tests of the browser layer, run in headless Chromium by wasm-bindgen-test
//! (`make test-browser`). Each test cleans up the cookies and elements it makes.

// clippy.toml's size rules are for what ships: a test may unwrap and format.
#![allow(clippy::disallowed_macros, clippy::disallowed_methods)]

use std::cell::RefCell;

use consent_banner::browser::cookies;
use consent_banner::browser::dom::{self, El};
use consent_banner::browser::gate::{Gate, GateHost};
use consent_banner::full::config::load as config_source;
use consent_banner::full::config::Config;
use consent_banner::full::ui;
use consent_banner::full::ui::settings::Place;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn body() -> Element {
    dom::document().unwrap().body().unwrap().into()
}

/// A fixture element in `<body>` built from trusted test markup.
fn fixture(html: &str) -> Element {
    let div = dom::document().unwrap().create_element("div").unwrap();
    div.set_inner_html(html);
    body().append_child(&div).unwrap();
    div
}

fn ran() -> Vec<String> {
    let window = dom::window().unwrap();
    let value = js_sys::Reflect::get(&window, &"__ran".into()).unwrap();
    if value.is_undefined() {
        return Vec::new();
    }
    js_sys::Array::from(&value)
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

fn clear_ran() {
    let window = dom::window().unwrap();
    js_sys::Reflect::set(&window, &"__ran".into(), &js_sys::Array::new()).unwrap();
}

struct Host {
    granted: Vec<&'static str>,
    placeholders: RefCell<u32>,
}

impl GateHost for Host {
    fn need(&self, el: &Element) -> String {
        el.get_attribute("data-consent").unwrap_or_default()
    }
    fn allows(&self, required: &str) -> bool {
        let mut ids = required.split_whitespace().peekable();
        ids.peek().is_some() && ids.all(|id| self.granted.contains(&id))
    }
    fn placeholder(&self, _: &Element, _: &str) -> Option<Element> {
        *self.placeholders.borrow_mut() += 1;
        Some(
            El::new("div")
                .unwrap()
                .attr("data-consent-placeholder", "")
                .text("placeholder")
                .build(),
        )
    }
}

#[wasm_bindgen_test]
fn cookies_are_written_read_and_expired() {
    cookies::set("cb_test", "v1|r0|t1|analytics:1", 1).unwrap();
    assert_eq!(
        cookies::get("cb_test").as_deref(),
        Some("v1|r0|t1|analytics:1")
    );
    cookies::expire(&["cb_test"]).unwrap();
    assert_eq!(cookies::get("cb_test"), None);
}

#[wasm_bindgen_test]
fn expiring_reaches_cookies_set_with_a_domain_or_a_parent_path() {
    let doc: web_sys::HtmlDocument = dom::document().unwrap().dyn_into().unwrap();
    doc.set_cookie("_ga=GA1; Path=/").unwrap();
    doc.set_cookie("_gid=x; Path=/").unwrap();
    assert!(cookies::jar().contains("_ga=GA1"));
    cookies::expire(&["_ga", "_gid"]).unwrap();
    assert!(!cookies::jar().contains("_ga="), "{}", cookies::jar());
    assert!(!cookies::jar().contains("_gid="), "{}", cookies::jar());
}

#[wasm_bindgen_test]
fn a_config_reference_that_names_no_config_says_why() {
    use consent_banner::browser::config_source::{find, locate, Source, Unlocated};
    let message = |reference: &str| match locate(reference) {
        Err(consent_banner::Error::Page(message)) => message,
        Err(other) => panic!("{reference}: {}", other.message()),
        Ok(_) => panic!("{reference}: located"),
    };
    assert_eq!(
        message("https://elsewhere.example/c.json"),
        "data-config `https://elsewhere.example/c.json` is not on this site's origin"
    );
    assert_eq!(
        message("http://[::1"),
        "data-config `http://[::1` is neither an element id nor a URL"
    );
    // What the first stage asks: the same answers, without the words.
    assert!(matches!(
        find("https://elsewhere.example/c.json"),
        Err(Unlocated::OtherOrigin)
    ));
    assert!(matches!(find("http://[::1"), Err(Unlocated::NotUrl)));
    assert!(matches!(find("/c.json"), Ok(Source::File(url)) if url.ends_with("/c.json")));
}

/// `config_source::from_reference`, awaited: a one-shot future over its callback (the crate has
/// no async runtime of its own).
async fn from_reference(reference: &str) -> config_source::Loaded {
    use std::rc::Rc;
    use std::task::{Poll, Waker};
    type Slot = (Option<config_source::Loaded>, Option<Waker>);
    let slot: Rc<RefCell<Slot>> = Rc::default();
    let filled = slot.clone();
    config_source::from_reference(Some(reference.into()), None, move |loaded| {
        let waker = {
            let mut slot = filled.borrow_mut();
            slot.0 = Some(loaded);
            slot.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    });
    std::future::poll_fn(|cx| {
        let mut slot = slot.borrow_mut();
        match slot.0.take() {
            Some(loaded) => Poll::Ready(loaded),
            None => {
                slot.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    })
    .await
}

#[wasm_bindgen_test]
async fn config_from_an_element_is_validated() {
    let host = fixture(
        r#"<script type="application/json" id="cb-good">{ "siteName": "Health Careers", "revision": 4 }</script>
        <script type="application/json" id="cb-unknown">{ "siteName": "X", "colour": "red" }</script>
        <script type="application/json" id="cb-broken">{ "siteName": </script>"#,
    );
    let good = from_reference("cb-good").await;
    assert!(good.valid);
    assert_eq!(good.config.site_name, "Health Careers");
    assert_eq!(good.config.revision, 4);
    for id in [
        "cb-unknown",
        "cb-broken",
        "/no-such-config.json",
        "https://elsewhere.example/c.json",
    ] {
        let loaded = from_reference(id).await;
        assert!(!loaded.valid, "{id} should fail");
        assert_eq!(loaded.config, Config::default());
    }
    host.remove();
}

#[wasm_bindgen_test]
fn config_objects_report_the_field_path() {
    let value =
        js_sys::JSON::parse(r#"{ "categories": [{ "id": "analytics", "label": 5 }] }"#).unwrap();
    let loaded = config_source::from_object(value);
    assert!(!loaded.valid);
    assert!(config_source::from_object(wasm_bindgen::JsValue::UNDEFINED).valid);
}

#[wasm_bindgen_test]
fn gate_runs_allowed_inline_scripts_once_in_order() {
    clear_ran();
    let host = fixture(
        r#"<script type="text/plain" data-consent="analytics">window.__ran.push("a1")</script>
           <script type="text/plain" data-consent="marketing">window.__ran.push("m")</script>
           <script type="text/plain" data-consent="analytics embeds">window.__ran.push("both")</script>
           <script type="text/plain" data-consent="necessary">window.__ran.push("n")</script>
           <script type="text/plain" data-consent="analytics">window.__ran.push("a2")</script>"#,
    );
    let gate = Gate::new();
    let only_analytics = Host {
        granted: vec!["necessary", "analytics"],
        placeholders: RefCell::new(0),
    };
    gate.scan(&host, &only_analytics);
    assert_eq!(ran(), ["a1", "n", "a2"]);
    gate.scan(&host, &only_analytics);
    assert_eq!(ran(), ["a1", "n", "a2"], "a second scan runs nothing again");
    let more = Host {
        granted: vec!["necessary", "analytics", "embeds"],
        placeholders: RefCell::new(0),
    };
    gate.scan(&host, &more);
    assert_eq!(ran(), ["a1", "n", "a2", "both"]);
    host.remove();
}

/// A host that knows services: a need is `categories#service` when the markup names one, and
/// `granted` holds categories and such keys.
struct ServiceHost(Vec<&'static str>);

impl GateHost for ServiceHost {
    fn need(&self, el: &Element) -> String {
        let required = el.get_attribute("data-consent").unwrap_or_default();
        match el.get_attribute("data-service") {
            Some(service) => [required.as_str(), "#", &service].concat(),
            None => required,
        }
    }
    fn allows(&self, need: &str) -> bool {
        self.0.contains(&need)
            || need
                .split('#')
                .next()
                .is_some_and(|c| !c.is_empty() && self.0.contains(&c))
    }
    fn placeholder(&self, _: &Element, _: &str) -> Option<Element> {
        Some(
            El::new("div")
                .unwrap()
                .attr("data-consent-placeholder", "")
                .build(),
        )
    }
}

#[wasm_bindgen_test]
fn gate_holds_a_fallback_until_its_service_and_keeps_what_ran_by_service() {
    clear_ran();
    let host = fixture(
        r#"<blockquote data-consent="embeds" data-service="twitter">A post</blockquote>
           <script type="text/plain" data-consent="embeds" data-service="twitter">window.__ran.push("x")</script>
           <script type="text/plain" data-consent="embeds">window.__ran.push("category")</script>"#,
    );
    let post = host.query_selector("blockquote").unwrap().unwrap();
    let placeholders = || {
        host.query_selector_all("[data-consent-placeholder]")
            .unwrap()
            .length()
    };
    let gate = Gate::new();
    let none = ServiceHost(vec!["necessary"]);
    gate.scan(&host, &none);
    assert!(
        post.has_attribute("hidden"),
        "the fallback stands behind its placeholder"
    );
    assert_eq!(placeholders(), 1);
    gate.scan(&host, &none);
    assert_eq!(
        placeholders(),
        1,
        "a second scan draws no second placeholder"
    );
    assert!(ran().is_empty());

    let twitter = ServiceHost(vec!["necessary", "embeds#twitter"]);
    gate.scan(&host, &twitter);
    assert!(
        !post.has_attribute("hidden"),
        "shown again once its service is granted"
    );
    assert_eq!(placeholders(), 0);
    assert_eq!(ran(), ["x"], "only the script of the service ran");
    assert_eq!(
        gate.ran(),
        ["embeds#twitter"],
        "what ran is kept with its service"
    );

    gate.revoke(&host, &none);
    assert!(
        post.has_attribute("hidden"),
        "withdrawn: behind its placeholder again"
    );
    assert_eq!(placeholders(), 1);
    assert!(
        gate.ran_any(|need| !none.allows(need)),
        "a reload would stop the script"
    );
    assert!(!gate.ran_any(|need| !twitter.allows(need)));
    host.remove();
}

#[wasm_bindgen_test]
fn gate_blocks_frames_behind_a_placeholder_and_releases_them() {
    let host = fixture(
        r#"<iframe data-consent="embeds" data-src="https://www.youtube-nocookie.com/embed/x" title="Video"></iframe>
           <iframe data-consent="embeds" data-src="javascript:alert(1)" title="Bad"></iframe>
           <img data-consent="analytics" data-src="/pixel.gif" alt="">"#,
    );
    let gate = Gate::new();
    let none = Host {
        granted: vec!["necessary"],
        placeholders: RefCell::new(0),
    };
    gate.scan(&host, &none);
    let frame = host.query_selector("iframe").unwrap().unwrap();
    assert!(frame.has_attribute("hidden"));
    assert!(!frame.has_attribute("src"));
    assert_eq!(*none.placeholders.borrow(), 2);
    assert!(host
        .query_selector("img")
        .unwrap()
        .unwrap()
        .get_attribute("src")
        .is_none());

    let all = Host {
        granted: vec!["necessary", "analytics", "embeds"],
        placeholders: RefCell::new(0),
    };
    gate.scan(&host, &all);
    assert_eq!(
        frame.get_attribute("src").as_deref(),
        Some("https://www.youtube-nocookie.com/embed/x")
    );
    assert!(!frame.has_attribute("hidden"));
    let bad = host
        .query_selector(r#"iframe[title="Bad"]"#)
        .unwrap()
        .unwrap();
    assert!(
        bad.get_attribute("src").is_none(),
        "a javascript: URL is never loaded"
    );
    assert_eq!(
        host.query_selector_all("[data-consent-placeholder]")
            .unwrap()
            .length(),
        1
    );
    assert_eq!(
        host.query_selector("img")
            .unwrap()
            .unwrap()
            .get_attribute("src")
            .as_deref(),
        Some("/pixel.gif")
    );

    gate.revoke(&host, &none);
    assert!(gate.ran().is_empty(), "no script ran");
    let frame = host
        .query_selector(r#"iframe[title="Video"]"#)
        .unwrap()
        .unwrap();
    assert!(
        frame.get_attribute("src").is_none(),
        "revoking unloads the frame"
    );
    host.remove();
}

#[wasm_bindgen_test]
fn settings_form_reads_back_what_was_chosen() {
    let config = Config::default();
    let form = ui::settings::form(
        &config,
        None,
        false,
        "cb-test-form",
        Place::Page { saved: false },
    )
    .unwrap();
    body().append_child(&form).unwrap();
    let answers = ui::settings::read(&form);
    assert!(
        answers.categories.iter().all(|(_, yes)| !yes),
        "starts at No"
    );
    assert!(answers.services.is_empty(), "no service checked");
    let yes: web_sys::HtmlInputElement = form
        .query_selector("#cb-test-form-analytics-yes")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    yes.set_checked(true);
    assert_eq!(
        ui::settings::read(&form).categories,
        vec![("analytics".to_owned(), true), ("embeds".to_owned(), false)]
    );
    form.remove();
}

#[wasm_bindgen_test]
fn settings_form_keeps_a_categorys_answer_and_services_in_step() {
    let config = Config::default();
    let form = ui::settings::form(
        &config,
        None,
        false,
        "cb-step",
        Place::Page { saved: false },
    )
    .unwrap();
    body().append_child(&form).unwrap();
    let input = |id: &str| -> web_sys::HtmlInputElement {
        form.query_selector(&["#", id].concat())
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap()
    };
    // Ids hold a `.`, which a selector must escape.
    let youtube = || input(r"cb-step\.youtube");
    let twitter = || input(r"cb-step\.twitter");
    let (yes, no) = (input("cb-step-embeds-yes"), input("cb-step-embeds-no"));

    youtube().set_checked(true);
    ui::settings::follow(&youtube()).unwrap();
    assert!(no.checked(), "checking a service under No leaves No");
    assert_eq!(ui::settings::read(&form).services, ["youtube"]);

    yes.set_checked(true);
    ui::settings::follow(&yes).unwrap();
    assert!(
        youtube().checked() && twitter().checked(),
        "Yes checks every service"
    );

    twitter().set_checked(false);
    ui::settings::follow(&twitter()).unwrap();
    assert!(no.checked(), "unchecking a service under Yes moves to No");
    assert!(youtube().checked(), "the other services stay checked");

    no.set_checked(true);
    ui::settings::follow(&no).unwrap();
    assert!(
        ui::settings::read(&form).services.is_empty(),
        "No unchecks every service"
    );
    form.remove();
}

#[wasm_bindgen_test]
fn the_cookie_table_lists_a_categorys_own_cookies_before_its_services() {
    use consent_banner::full::config::CookieDecl;
    let mut config = Config::default();
    let embeds = config
        .categories
        .iter_mut()
        .find(|c| c.id == "embeds")
        .unwrap();
    embeds.cookies.push(CookieDecl {
        name: "embed_pref".into(),
        provider: "This website".into(),
        purpose: "Remembers embeds".into(),
        expiry: "1 year".into(),
    });
    let table = ui::cookie_table::cookie_table(&config).unwrap();
    let embeds = dom::query_all(&table, "table").pop().unwrap();
    let rows: Vec<String> = dom::query_all(&embeds, "tbody tr > :first-child")
        .iter()
        .map(|cell| cell.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        rows[..4],
        [
            "embed_pref",
            "YouTube (Google)",
            "VISITOR_INFO1_LIVE",
            "YSC"
        ]
    );
    let name = dom::query_all(&embeds, "td").into_iter().nth(4).unwrap();
    assert_eq!(
        name.inner_html(),
        "VISITOR_<wbr>INFO1_<wbr>LIVE",
        "a name may wrap after its underscores only"
    );
}

#[wasm_bindgen_test]
fn page_forms_link_to_the_cookie_policy_in_the_config_language() {
    let config = Config {
        policy_url: Some("/cookie-policy".into()),
        ..Config::for_page(Some("cy"))
    };
    let on_page = ui::settings::form(
        &config,
        None,
        false,
        "cb-policy-1",
        Place::Page { saved: false },
    )
    .unwrap();
    let link = on_page.query_selector("a.cb-link").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/cookie-policy")
    );
    assert_eq!(
        link.text_content().as_deref(),
        Some("Darllenwch ein polisi cwcis")
    );
    assert_eq!(on_page.get_attribute("lang").as_deref(), Some("cy"));
    assert_eq!(on_page.get_attribute("dir").as_deref(), Some("ltr"));
    let in_banner = ui::settings::form(&config, None, false, "cb-policy-2", Place::Banner).unwrap();
    assert!(
        in_banner.query_selector("a").unwrap().is_none(),
        "links in the banner stay on the page"
    );
    let close = in_banner
        .query_selector("[data-cb-action=close-settings]")
        .unwrap()
        .expect("the form in the banner has a way out without saving");
    assert_eq!(close.get_attribute("type").as_deref(), Some("button"));
    assert_eq!(
        close.text_content().as_deref(),
        Some("Cau gosodiadau cwcis")
    );
    assert!(
        on_page
            .query_selector("[data-cb-action=close-settings]")
            .unwrap()
            .is_none(),
        "a form on the page has nothing to close"
    );
    let no_url = ui::settings::form(
        &Config::default(),
        None,
        false,
        "cb-policy-3",
        Place::Page { saved: false },
    )
    .unwrap();
    assert!(no_url.query_selector("a").unwrap().is_none());
}

#[wasm_bindgen_test]
fn config_text_is_never_html() {
    let config = Config {
        site_name: "<img src=x onerror=alert(1)>".into(),
        ..Config::default()
    };
    let region = ui::banner::region(&config).unwrap();
    region
        .append_child(&ui::banner::heading(&config).unwrap())
        .unwrap();
    assert!(region.query_selector("img").unwrap().is_none());
    assert_eq!(
        region.text_content().unwrap(),
        "Cookies on <img src=x onerror=alert(1)>"
    );
}

#[wasm_bindgen_test]
fn toolbar_look_goes_on_html_and_comes_off_at_the_default() {
    use consent_banner::full::toolbar::model::Contrast;
    use consent_banner::full::toolbar::page::{apply_look, CONTRAST_ATTR, SIZE_ATTR};
    let html: web_sys::HtmlElement = dom::document()
        .unwrap()
        .document_element()
        .unwrap()
        .dyn_into()
        .unwrap();
    apply_look(Contrast::YellowOnBlack, 150).unwrap();
    assert_eq!(
        html.get_attribute(CONTRAST_ATTR).as_deref(),
        Some("yellow-black")
    );
    assert_eq!(html.get_attribute(SIZE_ATTR).as_deref(), Some("150"));
    assert_eq!(
        html.style().get_property_value("font-size").unwrap(),
        "150%"
    );
    apply_look(Contrast::Default, 100).unwrap();
    assert_eq!(html.get_attribute(CONTRAST_ATTR), None);
    assert_eq!(html.get_attribute(SIZE_ATTR), None);
    assert_eq!(html.style().get_property_value("font-size").unwrap(), "");
}

#[wasm_bindgen_test]
fn toolbar_text_is_never_html_and_sync_follows_state() {
    use consent_banner::full::toolbar::model::Contrast;
    let mut config = Config::default();
    config.texts.toolbar_toggle = "<b>Tools</b>".to_owned();
    let mut state = consent_banner::full::toolbar::model::State {
        open: false,
        contrast: Contrast::High,
        size: 125,
        translate_open: false,
        embeds: false,
        language: "en".to_owned(),
    };
    let bar = consent_banner::full::toolbar::view::toolbar(&config, &state, 7).unwrap();
    body().append_child(&bar).unwrap();
    let toggle = bar
        .query_selector("[data-cb-action=toolbar-toggle]")
        .unwrap()
        .unwrap();
    assert_eq!(toggle.text_content().unwrap(), "<b>Tools</b>");
    assert!(bar.query_selector("b").unwrap().is_none());
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    let checked = bar.query_selector("input:checked").unwrap().unwrap();
    assert_eq!(checked.get_attribute("value").as_deref(), Some("high"));
    state.open = true;
    state.embeds = true;
    state.language = "cy".to_owned();
    consent_banner::full::toolbar::view::sync(&bar, &state);
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(!bar
        .query_selector(".cb-toolbar__panel")
        .unwrap()
        .unwrap()
        .has_attribute("hidden"));
    let welsh = bar
        .query_selector("[data-cb-language=cy]")
        .unwrap()
        .unwrap();
    assert_eq!(welsh.get_attribute("aria-pressed").as_deref(), Some("true"));
    consent_banner::full::toolbar::view::announce(&bar, "Text size 150%");
    let status = bar.query_selector("[role=status]").unwrap().unwrap();
    assert_eq!(status.text_content().unwrap(), "Text size 150%");
    bar.remove();
}

#[wasm_bindgen_test]
fn session_cookies_are_written_on_the_root_path() {
    cookies::set_session("googtrans", "/en/cy").unwrap();
    assert_eq!(cookies::get("googtrans").as_deref(), Some("/en/cy"));
    cookies::expire(&["googtrans"]).unwrap();
    assert_eq!(cookies::get("googtrans"), None);
}

/// The console error that loading `json` as a config object logs.
fn config_error(json: &str) -> String {
    let console = js_sys::Reflect::get(&js_sys::global(), &"console".into()).unwrap();
    let original = js_sys::Reflect::get(&console, &"error".into()).unwrap();
    let logged = js_sys::Array::new();
    let sink = logged.clone();
    let push = wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(
        move |m: wasm_bindgen::JsValue| {
            sink.push(&m);
        },
    );
    js_sys::Reflect::set(&console, &"error".into(), push.as_ref()).unwrap();
    let loaded = config_source::from_object(js_sys::JSON::parse(json).unwrap());
    js_sys::Reflect::set(&console, &"error".into(), &original).unwrap();
    assert!(!loaded.valid, "{json} should fail");
    logged
        .iter()
        .filter_map(|m| m.as_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

#[wasm_bindgen_test]
fn config_errors_name_the_field_and_the_problem() {
    let cases = [
        (r#"{ "siteName": 42 }"#, "config field `siteName`: invalid type: number `42`, expected a string"),
        (r#"{ "revision": 1.5 }"#, "config field `revision`: invalid type: number `1.5`, expected a whole number, 0 or more"),
        (r#"{ "revision": -1 }"#, "config field `revision`: invalid value: number `-1`, expected a whole number, 0 or more"),
        (r#"{ "banner": "no\"" }"#, r#"config field `banner`: invalid type: string "no\"", expected a boolean"#),
        (r#"{ "consentMode": "always" }"#, r#"config field `consentMode`: invalid value: string "always", expected true, false or "auto""#),
        (r#"{ "theme": "gov.uk" }"#, r#"config field `theme`: must be "auto", "nhs" or "govuk""#),
        (r#"{ "theme": true }"#, "config field `theme`: invalid type: boolean `true`, expected a string"),
        (r#"{ "texts": "x" }"#, r#"config field `texts`: invalid type: string "x", expected an object"#),
        (r#"{ "texts": { "acept": "x" } }"#, "config field `texts.acept`: is not a known text (check the spelling; the README lists every text)"),
        (r#"{ "categories": {} }"#, "config field `categories`: invalid type: an object, expected an array"),
        (r#"{ "categories": [{ "label": "x" }] }"#, "config field `categories[0]`: missing field `id`"),
        (
            r#"{ "categories": [{ "id": "analytics" }, { "id": "analytics", "cookies": [{ "name": 1 }] }] }"#,
            "config field `categories[1].cookies[0].name`: invalid type: number `1`, expected a string",
        ),
        (
            r#"{ "categories": [{ "id": "analytics", "cookies": [{ "name": "a", "provider": "p", "purpose": "p", "expiry": "e", "secure": true }] }] }"#,
            "config field `categories[0].cookies[0].secure`: is not a known field (check the spelling; the README lists every field)",
        ),
        (
            r#"{ "categories": [{ "id": "embeds", "services": [{ "id": "youtube" }, { "id": "vimeo", "hosts": ["vimeo.com", 2] }] }] }"#,
            "config field `categories[0].services[1].hosts[1]`: invalid type: number `2`, expected a string",
        ),
        (
            r#"{ "categories": [{ "id": "embeds", "services": [{ "id": "youtube", "host": "x.com" }] }] }"#,
            "config field `categories[0].services[0].host`: is not a known field (check the spelling; the README lists every field)",
        ),
        (
            r#"{ "categories": [{ "id": "embeds", "services": [{ "id": "vimeo", "label": "Vimeo", "hosts": ["https://vimeo.com"] }] }] }"#,
            "config field `categories[0].services[0].hosts[0]`: `https://vimeo.com` is not a lowercase host name such as `vimeo.com` (no scheme, port, path or `*`)",
        ),
        (r#"{ "sitename": "x" }"#, "config field `sitename`: is not a known field (check the spelling; the README lists every field)"),
        (
            r#"{ "toolbar": { "colour": "red" } }"#,
            "config field `toolbar.colour`: is not a known field (check the spelling; the README lists every field)",
        ),
        (
            r#"{ "toolbar": ["x"] }"#,
            "config field `toolbar`: invalid type: an array, expected an object",
        ),
        (
            r#"{ "toolbar": { "languages": [{ "code": "en", "name": "English", "flag": "x" }] } }"#,
            "config field `toolbar.languages[0].flag`: is not a known field (check the spelling; the README lists every field)",
        ),
        (r#"{ "consentTypes": { "ad_storage": 1 } }"#, "config field `consentTypes.ad_storage`: invalid type: number `1`, expected a string"),
        (
            r#"{ "categories": [{ "id": "analytics", "basis": "opt-out" }] }"#,
            r#"config field `categories[0].basis`: invalid value: string "opt-out", expected "consent" or "objection""#,
        ),
        (
            r#"{ "categories": [{ "id": "necessary", "basis": "objection" }] }"#,
            "config field `categories[0].basis`: `necessary` is always on and needs neither consent nor a way to object: only optional categories take a `basis`",
        ),
        (r#"{ "cookieDays": 0 }"#, "config field `cookieDays`: must be from 1 to 400 days, not 0"),
        (r#"[]"#, "config: invalid type: an array, expected an object"),
        // Every fault, in one line: a field that cannot be read is left out and the rest checked.
        (
            r#"{ "siteName": 42, "cookieDays": 0, "colour": "red", "categories": [{ "id": "x", "label": "X" }, { "id": "Bad" }] }"#,
            "config field `siteName`: invalid type: number `42`, expected a string; config field `colour`: is not a known field (check the spelling; the README lists every field); config field `cookieDays`: must be from 1 to 400 days, not 0; config field `categories[0].description`: required for the new category `x`; config field `categories[1].id`: `Bad` is not a valid id: use 1 to 32 of a-z, 0-9, _ and -, starting with a letter",
        ),
    ];
    for (json, message) in cases {
        let logged = config_error(json);
        let expected = format!(
            "consent-banner: {message}. Using the built-in defaults; nothing optional will run on this page."
        );
        assert_eq!(logged, expected, "{json}");
    }
}

#[wasm_bindgen_test]
fn a_js_error_is_kept_whole_and_goes_back_as_the_cause() {
    use consent_banner::error::{Error, OrLog};
    use wasm_bindgen::JsValue;
    let thrown: JsValue = js_sys::TypeError::new("bad thing").into();
    let error = Error::from(thrown.clone());
    let Error::Browser(js) = &error else {
        panic!("a thrown value is a browser error: {error:?}");
    };
    assert_eq!(js.name().as_deref(), Some("TypeError"));
    assert_eq!(js.message(), "bad thing");
    assert_eq!(
        error.to_string(),
        "bad thing",
        "the console text is the message, as before"
    );
    let back: js_sys::Error = JsValue::from(error).unchecked_into();
    assert_eq!(String::from(back.message()), "consent-banner: bad thing");
    assert!(
        back.cause() == thrown,
        "the thrown value rides along as the cause"
    );

    // A thrown string is its own message and has no name.
    let error = Error::from(JsValue::from_str("plain"));
    let Error::Browser(js) = &error else {
        panic!("a thrown string is a browser error");
    };
    assert_eq!((js.name(), js.message()), (None, "plain"));

    let failed: Result<(), Error> = Err(Error::Page("data-config `x` is bad".into()));
    assert_eq!(
        failed.or_log("test: or_log"),
        None,
        "or_log gives None on an error"
    );
    assert_eq!(Ok::<u8, Error>(7).or_log("never logged"), Some(7));
}

#[wasm_bindgen_test]
fn http_and_bug_errors_say_what_they_did_before() {
    use consent_banner::error::Error;
    let http = Error::Http {
        what: "data-config `/c.json`".into(),
        status: 404,
    };
    assert_eq!(http.message(), "data-config `/c.json` answered HTTP 404");
    assert_eq!(
        Error::Bug("could not create a script element").to_string(),
        "could not create a script element"
    );
    assert_eq!(Error::NoWindow.message(), "no browser window here");
}

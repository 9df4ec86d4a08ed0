//! The first stage: all a returning visitor's page needs, in a few kilobytes.
//!
//! The drop-in starts here when the visitor has a stored choice. This stage reads the config's
//! digest (see [`crate::core::digest`]), decodes the cookie, deletes refused cookies, sends Google
//! Consent Mode and runs the gate. Everything that draws (the banner, the settings form, the
//! placeholders, the cookie table, the toolbar) and every change of choice belongs to the full
//! stage. As soon as the page needs any of it, this stage stops and hands the page over: the
//! bootstrap loads the full stage, which starts from where this one stopped (see [`Resume`]).
//!
//! Handing over is always safe: this stage releases only what the stored choice allows, and the
//! full stage decides again from the same cookie.

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::cell::{Cell, OnceCell};
use alloc::rc::Rc;

use crate::browser::events::{then, Listener};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlIFrameElement};

use crate::browser::cookies::{self, CONSENT_COOKIE};
use crate::browser::gate::{Gate, GateHost, Watch};
use crate::browser::handover::Resume;
use crate::browser::{config_source, consent_mode as gtag, dom, privacy, tabs::Tabs, trusted};
use crate::core::codec;
use crate::core::consent::{self, Choice};
use crate::core::digest::{self, Digest};
use crate::error::{log_error, Error};

local! {
    /// The running first stage, if it runs. Cells rather than `RefCell`s here and in [`Stage`]:
    /// a borrow's panic path formats its message (kilobytes of `core::fmt`).
    static STAGE: OnceCell<Rc<Stage>> = OnceCell::new();
}

/// Why the page goes to the full stage: what it should do once started.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Intent {
    /// Just run the page.
    Run,
    /// Open the cookie settings (a `[data-consent-open]` element was used).
    Settings,
}

/// The first stage on this page.
struct Stage {
    /// What the bootstrap gave: handed on to the full stage.
    start: Rc<Start>,
    digest: Digest,
    choice: Option<Choice>,
    /// The consent cookie's value this stage decided on.
    seen: Option<String>,
    gate: Rc<Gate>,
    consent_mode: Cell<bool>,
    /// Whether this stage set `window.consentBanner` and announced it.
    published: Cell<bool>,
    observer: Cell<Option<Watch>>,
    click: Cell<Option<Listener>>,
    tabs: Cell<Option<Tabs>>,
    subscribers: Cell<Vec<js_sys::Function>>,
    /// Set once the page is handed over; resolves to the full stage's API object.
    full: Cell<Option<js_sys::Promise>>,
    /// Set when the gate met something only the full stage can draw.
    wants_full: Cell<bool>,
}

/// What the bootstrap gave the first stage.
struct Start {
    config_ref: Option<String>,
    gtag: JsValue,
    load_full: js_sys::Function,
}

/// Starts the first stage. `loadFull()` is the bootstrap's loader: it returns a promise of the
/// full stage's module. The stage runs the page, or hands it to the full stage at once.
#[wasm_bindgen(js_name = startFirst)]
pub fn start_first(config_ref: Option<String>, gtag: JsValue, load_full: js_sys::Function) {
    crate::browser::panic::install();
    // Consent Mode goes through the page's `gtag`, or else this one from the bootstrap.
    gtag::set_fallback(gtag.clone());
    let start = Rc::new(Start {
        config_ref,
        gtag,
        load_full,
    });
    let Ok(source) = source_text(start.config_ref.as_deref()) else {
        return hand_over_at_start(&start);
    };
    let failed = start.clone();
    let _ = then(
        &source,
        move |text| {
            begin(start, text);
            JsValue::UNDEFINED
        },
        move |_| {
            hand_over_at_start(&failed);
            JsValue::UNDEFINED
        },
    );
}

/// A promise of the config's source text: a string, `undefined` without `data-config`, or `null`
/// when it cannot be read (the full stage then loads it again and says why).
fn source_text(reference: Option<&str>) -> Result<js_sys::Promise, Error> {
    let Some(reference) = reference.filter(|r| !r.trim().is_empty()) else {
        return Ok(js_sys::Promise::resolve(&JsValue::UNDEFINED));
    };
    let url = match config_source::locate(reference)? {
        config_source::Source::Inline(text, _) => {
            return Ok(js_sys::Promise::resolve(&JsValue::from(text)))
        }
        config_source::Source::File(url) => url,
    };
    let fetched = config_source::fetch(&url)?;
    let text = |response: JsValue| match response.dyn_into::<web_sys::Response>() {
        Ok(response) if response.ok() => response.text().map_or(JsValue::NULL, JsValue::from),
        _ => JsValue::NULL,
    };
    Ok(then(&fetched, text, |_| JsValue::NULL))
}

/// Goes on once the config's text is known: with its digest, once the page is parsed.
fn begin(start: Rc<Start>, text: JsValue) {
    let digest = if text.is_null() {
        None
    } else {
        stored_digest(text.as_string().as_deref())
    };
    let Some(digest) = digest else {
        return hand_over_at_start(&start);
    };
    let waiting = start.clone();
    if dom::when_ready(move || run_stage(waiting, digest)).is_err() {
        hand_over_at_start(&start);
    }
}

/// Reads the cookie and runs the page, unless the page needs the full stage already.
fn run_stage(start: Rc<Start>, digest: Digest) {
    let seen = cookies::get(CONSENT_COOKIE);
    let choice = consent::resolve(seen.as_deref().and_then(codec::decode), &digest);
    let stage = Rc::new(Stage {
        start,
        digest,
        choice,
        seen,
        gate: Gate::new(),
        consent_mode: Cell::new(false),
        published: Cell::new(false),
        observer: Cell::new(None),
        click: Cell::new(None),
        tabs: Cell::new(None),
        subscribers: Cell::new(Vec::new()),
        full: Cell::new(None),
        wants_full: Cell::new(false),
    });
    if !stage.can_run() {
        return stage.hand_over(Intent::Run);
    }
    // The stage runs once per page: a second `set` cannot happen.
    let _ = STAGE.with(|s| s.set(stage.clone()));
    if let Err(error) = stage.run() {
        log_error(&crate::core::text::concat(&[
            "could not start: ",
            &error.message(),
        ]));
        stage.hand_over(Intent::Run);
    }
}

/// The digest the full stage stored for this page's config, if the config's text (`source`,
/// `None` without `data-config`) is the one it validated.
fn stored_digest(source: Option<&str>) -> Option<Digest> {
    let key = digest::fingerprint(source, config_source::page_language().as_deref());
    let stored = privacy::local_storage()?
        .get_item(digest::STORAGE_KEY)
        .ok()??;
    digest::lookup(&stored, &key)
}

fn hand_over_at_start(start: &Start) {
    // Nothing ran yet: the full stage starts afresh.
    let _ = start_full(start, JsValue::UNDEFINED);
}

/// Asks the bootstrap for the full stage and starts it with `resume`. Resolves to its API object
/// (`null` if it could not load: then optional cookies stay as they are).
fn start_full(start: &Start, resume: JsValue) -> js_sys::Promise {
    let loaded = match start.load_full.call0(&JsValue::NULL) {
        Ok(module) => js_sys::Promise::resolve(&module),
        Err(error) => js_sys::Promise::reject(&error),
    };
    let config_ref = start
        .config_ref
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from);
    let gtag = start.gtag.clone();
    let begin = move |module: JsValue| -> Result<JsValue, JsValue> {
        let start: js_sys::Function =
            js_sys::Reflect::get(&module, &"startDropIn".into())?.dyn_into()?;
        start.call3(&JsValue::NULL, &config_ref, &gtag, &resume)
    };
    // A loader that failed goes on failing, to the log below.
    let started = then(&loaded, move |module| settled(begin(module)), rejected);
    then(
        &started,
        |api| api,
        |error| {
            log_error(&crate::core::text::concat(&[
                "the rest of the component could not load (",
                &Error::from(error).message(),
                "); optional cookies stay as they are",
            ]));
            JsValue::NULL
        },
    )
}

/// A callback's result as the value that settles its promise.
fn settled(result: Result<JsValue, JsValue>) -> JsValue {
    result.unwrap_or_else(rejected)
}

/// A rejection handler that passes the rejection on.
fn rejected(error: JsValue) -> JsValue {
    js_sys::Promise::reject(&error).into()
}

impl Stage {
    /// Whether this stage can run the page: the visitor has a current choice, and the page shows
    /// nothing only the full stage draws.
    fn can_run(&self) -> bool {
        if self.choice.is_none() || self.digest.full {
            return false;
        }
        let Ok(root) = dom::root() else { return false };
        let drawn = crate::core::text::concat(&[
            "[data-consent-settings],[data-consent-cookie-table],",
            &self.digest.toolbar,
        ]);
        if !matches!(root.query_selector(&drawn), Ok(None)) {
            return false;
        }
        // A frame the choice refuses needs a placeholder.
        dom::query_all(&root, "iframe[data-consent][data-src]")
            .iter()
            .all(|frame| self.allows(&frame.get_attribute("data-consent").unwrap_or_default()))
    }

    fn run(self: &Rc<Self>) -> Result<(), Error> {
        let window = dom::window()?;
        // Another copy (the npm package) may run already.
        if js_sys::Reflect::get(&window, &"consentBanner".into())?.is_object() {
            crate::error::log_warning("already running on this page; this copy does nothing");
            return Ok(());
        }
        if let Some(choice) = &self.choice {
            cookies::expire_picked(|names| {
                consent::cookies_to_delete(&self.digest, choice, names)
            })?;
        }
        let root = dom::root()?;
        if gtag::speaks(self.digest.consent_mode.setting, &root) {
            self.start_consent_mode();
        }
        let api: JsValue = FirstApi.into();
        // Set before the gate opens, so gated inline scripts can already use it.
        js_sys::Reflect::set(&window, &"consentBanner".into(), &api)?;
        self.gate.scan(&root, self.as_ref());
        self.observe(&root)?;
        self.listen()?;
        dom::dispatch("consent-banner:ready", &api)?;
        self.published.set(true);
        if self.wants_full.get() {
            self.hand_over(Intent::Run);
        }
        Ok(())
    }

    fn allows(&self, required: &str) -> bool {
        consent::allows(self.choice.as_ref(), required)
    }

    fn start_consent_mode(&self) {
        if self.consent_mode.replace(true) {
            return;
        }
        gtag::send_or_log(
            "default",
            &self.digest.consent_mode.states(self.choice.as_ref()),
        );
    }

    fn observe(self: &Rc<Self>, root: &Element) -> Result<(), Error> {
        let watch = self.gate.watch(root, Rc::downgrade(self), |stage| {
            if stage.wants_full.get() {
                stage.hand_over(Intent::Run);
            }
        })?;
        self.observer.set(Some(watch));
        Ok(())
    }

    fn listen(self: &Rc<Self>) -> Result<(), Error> {
        let document = dom::document()?;
        let stage = Rc::downgrade(self);
        let click = Listener::new(&document, "click", move |event| {
            if let Some(stage) = stage.upgrade() {
                stage.on_click(event);
            }
        });
        self.click.set(Some(click));
        let stage = Rc::downgrade(self);
        let tabs = Tabs::listen(move || {
            if let Some(stage) = stage.upgrade() {
                // Another tab changed the choice: the full stage applies it.
                if cookies::get(CONSENT_COOKIE) != stage.seen {
                    stage.hand_over(Intent::Run);
                }
            }
        })?;
        self.tabs.set(Some(tabs));
        Ok(())
    }

    fn on_click(self: &Rc<Self>, event: &Event) {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(control)) = target.closest("[data-consent-open]") else {
            return;
        };
        // With a settings page configured, a link to it is simply followed (as the full stage does).
        if control.has_attribute("href") && self.digest.settings_page {
            return;
        }
        event.prevent_default();
        self.hand_over(Intent::Settings);
    }

    /// The full stage's API object (a promise), handing the page over first if need be.
    fn full(&self) -> js_sys::Promise {
        self.hand_over(Intent::Run);
        self.handed_to()
            .unwrap_or_else(|| js_sys::Promise::resolve(&JsValue::NULL))
    }

    /// The full stage's API object (a promise), once the page is handed over.
    fn handed_to(&self) -> Option<js_sys::Promise> {
        crate::local::cloned(&self.full)
    }

    /// Stops this stage and starts the full one.
    fn hand_over(&self, intent: Intent) {
        if let Some(full) = self.handed_to() {
            if intent == Intent::Settings {
                let _ = call_on(&full, "showSettings", &[]);
            }
            return;
        }
        // Dropping the watch and the listeners stops them.
        self.observer.take();
        self.click.take();
        self.tabs.take();
        let resume = Resume {
            seen: self.seen.clone(),
            ran: self.gate.ran(),
            published: self.published.get(),
            consent_mode: self.consent_mode.get(),
            settings: intent == Intent::Settings,
            listeners: self.subscribers.take(),
            policy: trusted::policy_object(),
        };
        let full = start_full(&self.start, resume.to_js());
        self.full.set(Some(full));
    }
}

impl GateHost for Stage {
    fn allows(&self, required: &str) -> bool {
        Stage::allows(self, required) && !crate::browser::panic::stopped()
    }

    fn placeholder(&self, _frame: &HtmlIFrameElement, _required: &str) -> Option<Element> {
        // Placeholders are the full stage's to draw.
        self.wants_full.set(true);
        None
    }

    fn found_script(&self, script: &web_sys::HtmlScriptElement) {
        if !self.consent_mode.get() && gtag::starts_for(self.digest.consent_mode.setting, script) {
            self.start_consent_mode();
        }
    }
}

/// `promise.then(api => api[method](...args))`.
fn call_on(promise: &js_sys::Promise, method: &'static str, args: &[JsValue]) -> js_sys::Promise {
    let args: js_sys::Array = args.iter().collect();
    let call = move |api: JsValue| -> Result<JsValue, JsValue> {
        if api.is_null() {
            let message = crate::core::text::concat(&[method, "(): the component could not load"]);
            return Err(Error::Js(message).into());
        }
        let function: js_sys::Function = js_sys::Reflect::get(&api, &method.into())?.dyn_into()?;
        function.apply(&api, &args)
    };
    then(promise, move |api| settled(call(api)), rejected)
}

fn with_stage<T>(act: impl FnOnce(&Rc<Stage>) -> T) -> Option<T> {
    STAGE.with(|s| s.get().map(act))
}

/// `window.consentBanner` while the first stage runs. `get()` and `on()` answer at once; every
/// other method loads the full stage and forwards to it (so it returns a promise).
#[wasm_bindgen(js_name = ConsentBanner)]
pub struct FirstApi;

#[wasm_bindgen(js_class = ConsentBanner)]
impl FirstApi {
    /// The visitor's choice.
    pub fn get(&self) -> JsValue {
        with_stage(|s| crate::browser::choice_object(s.choice.as_ref())).unwrap_or(JsValue::NULL)
    }

    /// Changes some categories.
    pub fn set(&self, changes: JsValue) -> js_sys::Promise {
        forward("set", &[changes])
    }

    /// Grants every optional category.
    #[wasm_bindgen(js_name = acceptAll)]
    pub fn accept_all(&self) -> js_sys::Promise {
        forward("acceptAll", &[])
    }

    /// Refuses every optional category.
    #[wasm_bindgen(js_name = rejectAll)]
    pub fn reject_all(&self) -> js_sys::Promise {
        forward("rejectAll", &[])
    }

    /// Forgets the choice and asks again.
    pub fn reset(&self) -> js_sys::Promise {
        forward("reset", &[])
    }

    /// Shows the banner.
    #[wasm_bindgen(js_name = showBanner)]
    pub fn show_banner(&self) -> js_sys::Promise {
        forward("showBanner", &[])
    }

    /// Opens the cookie settings.
    #[wasm_bindgen(js_name = showSettings)]
    pub fn show_settings(&self) -> js_sys::Promise {
        forward("showSettings", &[])
    }

    /// Calls `listener(choice)` after every change.
    pub fn on(&self, event: &str, listener: js_sys::Function) -> Result<(), JsValue> {
        crate::browser::check_event(event)?;
        let full = with_stage(|s| {
            let full = s.handed_to();
            if full.is_none() {
                let mut subscribers = s.subscribers.take();
                subscribers.push(listener.clone());
                s.subscribers.set(subscribers);
            }
            full
        })
        .flatten();
        if let Some(full) = full {
            let _ = call_on(&full, "on", &[event.into(), listener.into()]);
        }
        Ok(())
    }
}

fn forward(method: &'static str, args: &[JsValue]) -> js_sys::Promise {
    match with_stage(|s| s.full()) {
        Some(full) => call_on(&full, method, args),
        None => js_sys::Promise::reject(&Error::Js("not running".into()).into()),
    }
}

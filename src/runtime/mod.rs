//! The consent runtime: what both stages run on every page, written once.
//!
//! It decides the choice from the cookie, deletes refused cookies, speaks Google Consent Mode,
//! runs the gate and watches for gated elements added later, follows other tabs, handles the
//! page's `[data-consent-open]` controls, and publishes `window.consentBanner` (the read side of
//! the API: see [`api`]). What differs between the stages is behind [`Stage`]: the first stage
//! hands the page over where the full stage would draw or change something.
//!
//! Its state sits in `Cell`s, not `RefCell`s: a borrow's panic path formats its message, which
//! costs the first stage kilobytes of `core::fmt`.

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::cell::Cell;
use alloc::rc::{Rc, Weak};

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlScriptElement};

use crate::browser::consent_mode as gtag;
use crate::browser::cookies;
use crate::browser::events::Listener;
use crate::browser::gate::{Gate, GateHost, Watch};
use crate::browser::handover::Resume;
use crate::browser::tabs::Tabs;
use crate::browser::{dom, privacy, trusted};
use crate::core::codec;
use crate::core::consent::{self, Banner, Choice, Need};
use crate::core::digest::Digest;
use crate::core::url;
use crate::error::{report, Error};
use crate::local::{cloned, update};
use crate::names::{self, attr, event, select};

pub mod api;

/// A call through the API that changes something, or that only the full stage can answer.
pub enum Call {
    /// `set(changes)`.
    Set(JsValue),
    /// `acceptAll()`.
    AcceptAll,
    /// `rejectAll()`.
    RejectAll,
    /// `reset()`.
    Reset,
    /// `showBanner()`.
    ShowBanner,
    /// `showSettings()`.
    ShowSettings,
    /// `on("change", listener)`, the event name checked.
    On(js_sys::Function),
}

impl Call {
    /// The API method's name.
    pub fn method(&self) -> &'static str {
        match self {
            Call::Set(_) => "set",
            Call::AcceptAll => "acceptAll",
            Call::RejectAll => "rejectAll",
            Call::Reset => "reset",
            Call::ShowBanner => "showBanner",
            Call::ShowSettings => "showSettings",
            Call::On(_) => "on",
        }
    }
}

/// What a stage adds to the runtime: where the first stage hands the page over, the full stage
/// draws or changes something.
pub trait Stage {
    /// A placeholder to stand before a frame the choice refuses (the first stage draws none).
    fn placeholder(&self, held: &Element, need: Need<'_>) -> Option<Element>;
    /// After each batch of added elements the gate scanned.
    fn scanned(&self) {}
    /// Whether a page's `[data-consent-open]` link is simply followed (to the site's settings
    /// page) rather than opening the settings here.
    fn follows_settings_link(&self) -> bool;
    /// A page's `[data-consent-open]` control asks for the settings (its default is prevented).
    fn open_settings(self: Rc<Self>, control: Element);
    /// One of the component's own buttons was used (`data-cb-action`).
    fn action(self: Rc<Self>, _event: &Event, _control: Element, _action: &str) {}
    /// Another tab (or subdomain) changed the consent cookie.
    fn other_tab(self: Rc<Self>);
    /// An API call: the full stage makes it, the first stage forwards it.
    fn call(self: Rc<Self>, call: Call) -> Result<Answer, JsValue>;
}

/// The stage that runs the runtime in this build. Named, not a `dyn Stage`: each build has
/// exactly one, and static calls let the compiler inline them (a trait object cost the first
/// stage about 1 KB of Wasm in vtables, shims and drops).
#[cfg(feature = "full")]
pub type Staged = crate::full::app::App;
/// The stage that runs the runtime in this build (see the full build's).
#[cfg(not(feature = "full"))]
pub type Staged = crate::first::HandOver;

/// What an API call returns: nothing from the full stage, which makes it at once; a promise
/// from the first stage, which forwards it to the full stage.
#[cfg(feature = "full")]
pub type Answer = ();
/// What an API call returns (see the full build's).
#[cfg(not(feature = "full"))]
pub type Answer = JsValue;

/// The runtime on this page.
pub struct Runtime {
    /// What the site's config says, as far as the runtime needs it.
    rules: Digest,
    /// False when the site's config failed: nothing optional runs.
    valid: bool,
    stage: Weak<Staged>,
    /// Shared, so that reading it copies a pointer, not the choice.
    choice: Cell<Option<Rc<Choice>>>,
    /// Whether the browser sends Global Privacy Control.
    gpc: bool,
    /// What counts before any choice ([`Choice::presumed`]): objection-basis categories on. The
    /// first stage keeps none: it runs a page without a choice only when the banner would say
    /// nothing, so when nothing is presumed.
    presumed: Cell<Option<Rc<Choice>>>,
    /// The consent cookie's value as this tab last saw or wrote it.
    seen: Cell<Option<String>>,
    gate: Rc<Gate>,
    /// Whether Consent Mode is spoken (its default has been sent).
    consent_mode: Cell<bool>,
    /// Whether the API object was announced with the ready event.
    announced: Cell<bool>,
    subscribers: Cell<Vec<js_sys::Function>>,
    /// What watches the page once [`Runtime::run`] started: one cell, so that starting and
    /// stopping is one move (three cells cost the first stage their drop code three times).
    watching: Cell<Option<Watching>>,
}

/// What watches the page; dropping it stops watching.
struct Watching {
    _observer: Watch,
    _click: Listener,
    tabs: Option<Tabs>,
}

impl Runtime {
    /// A runtime for `rules`, run by `stage`; nothing on the page is touched yet.
    pub fn new(rules: Digest, valid: bool, stage: Weak<Staged>) -> Rc<Self> {
        let gpc = privacy::gpc();
        Rc::new(Self {
            presumed: Cell::new(
                cfg!(feature = "full").then(|| Rc::new(Choice::presumed(&rules, gpc, None))),
            ),
            gpc,
            rules,
            valid,
            stage,
            choice: Cell::new(None),
            seen: Cell::new(None),
            gate: Gate::new(),
            consent_mode: Cell::new(false),
            announced: Cell::new(false),
            subscribers: Cell::new(Vec::new()),
            watching: Cell::new(None),
        })
    }

    /// What the config says, as the runtime needs it.
    pub fn rules(&self) -> &Digest {
        &self.rules
    }

    /// Takes over from the first stage: what it ran, said and was given.
    pub fn resume(&self, resume: &Resume) {
        trusted::adopt(resume.policy.clone());
        self.gate.assume_ran(resume.ran.clone());
        self.consent_mode.set(resume.consent_mode);
        self.announced.set(resume.published);
        update(&self.subscribers, |subscribers| {
            subscribers.extend(resume.listeners.iter().cloned())
        });
    }

    /// Decides the choice from the consent cookie's `value` (`None`: no cookie).
    pub fn decide(&self, value: Option<String>) {
        let choice = self.resolve(value.as_deref());
        if choice.is_none() {
            self.presume(value.as_deref());
        }
        self.choice.set(choice.map(Rc::new));
        self.seen.set(value);
    }

    /// Makes what counts without a current choice from the cookie's `value`: an outdated
    /// answer's refusals stand as objections; no value (after `reset()`), nothing earlier. Only
    /// the full stage presumes anything (see the field).
    fn presume(&self, value: Option<&str>) {
        if cfg!(feature = "full") {
            let earlier = value.and_then(codec::decode);
            let presumed = Choice::presumed(&self.rules, self.gpc, earlier.as_ref());
            self.presumed.set(Some(Rc::new(presumed)));
        }
    }

    /// What the consent cookie's `value` means for this config: `None` without a current answer.
    pub fn resolve(&self, value: Option<&str>) -> Option<Choice> {
        consent::resolve(value.and_then(codec::decode), &self.rules, self.gpc)
    }

    /// The visitor's choice.
    pub fn choice(&self) -> Option<Rc<Choice>> {
        cloned(&self.choice)
    }

    /// What counts now: the visitor's choice, or before any what is presumed
    /// ([`Choice::presumed`]; always there in the full stage). The settings form shows it, and
    /// changes apply over it.
    pub fn current(&self) -> Option<Rc<Choice>> {
        self.choice().or_else(|| cloned(&self.presumed))
    }

    /// Whether the browser sends Global Privacy Control.
    pub fn gpc(&self) -> bool {
        self.gpc
    }

    /// What the banner has to say while the visitor has no current choice.
    pub fn banner(&self) -> Banner<'_> {
        Banner::of(&self.rules, self.gpc)
    }

    /// What takes effect: the visitor's choice, or before any, what is presumed; nothing with
    /// a failed config or after an internal error.
    fn effective<T>(&self, then: impl FnOnce(Option<&Choice>) -> T) -> T {
        let usable = self.usable();
        then(self.current().as_deref().filter(|_| usable))
    }

    /// Makes `choice` this page's; [`Runtime::release`] then applies it to the gate. Returns
    /// whether it withdraws consent from scripts that already ran (what [`Runtime::notify`] says).
    pub fn set_choice(&self, choice: Option<Choice>) -> bool {
        let ran = self.gate.ran();
        let allowed: Vec<bool> = ran
            .iter()
            .map(|required| self.allows(Need::from_key(required)))
            .collect();
        if choice.is_none() {
            // From what the cookie holds now (written or seen last): nothing after `reset()`,
            // or another tab's outdated answer.
            self.presume(cloned(&self.seen).as_deref());
        }
        self.choice.set(choice.map(Rc::new));
        ran.iter()
            .zip(allowed)
            .any(|(required, was)| was && !self.allows(Need::from_key(required)))
    }

    /// Whether scripts that already ran on this page are no longer allowed: only a reload stops
    /// them (the API's `reloadNeeded()`).
    pub fn reload_needed(&self) -> bool {
        self.gate
            .ran_any(|required| !self.allows(Need::from_key(required)))
    }

    /// The consent cookie's value as this tab last saw or wrote it.
    pub fn seen(&self) -> Option<String> {
        cloned(&self.seen)
    }

    /// Notes the consent cookie's value as it is now.
    pub fn see(&self, value: Option<String>) {
        self.seen.set(value);
    }

    /// The gate.
    pub fn gate(&self) -> &Rc<Gate> {
        &self.gate
    }

    /// Whether the visitor's choice may take effect: not with a failed config, nor after an
    /// internal error (then everything optional counts as refused).
    pub fn usable(&self) -> bool {
        self.valid && !crate::browser::panic::stopped()
    }

    /// Whether markup that needs `need` may run now.
    pub fn allows(&self, need: Need<'_>) -> bool {
        self.effective(|choice| consent::allows(choice, need))
    }

    /// What gated markup needs, as the gate keeps it ([`Need::key`]): its categories, and its
    /// service, named by `data-service` or, for a frame or image, found from the host of its
    /// `data-src`. Not a script's `src`: a tag manager's host would carry every tag it loads.
    pub fn need_of(&self, el: &Element) -> String {
        let mut required = el.get_attribute(attr::CONSENT).unwrap_or_default();
        if required.bytes().any(|b| b == b'#') {
            // Not a category (a key's separator): such markup never runs.
            required.clear();
        }
        let named = el.get_attribute(attr::SERVICE);
        let url = el.get_attribute(attr::SRC).unwrap_or_default();
        let host = url::host_part(&url).unwrap_or_default();
        let service = self.rules.service_of(&required, named.as_deref(), host);
        Need {
            required: &required,
            service,
        }
        .key()
    }

    /// Deletes the cookies on the page that `choice` refuses.
    pub fn delete_refused_cookies(&self, choice: &Choice) {
        if let Err(error) =
            cookies::expire_picked(|names| consent::cookies_to_delete(&self.rules, choice, names))
        {
            report("cookies could not be deleted", &error);
        }
    }

    /// Starts Consent Mode if the page speaks it: Google's tags must find the default before
    /// any of them runs.
    pub fn start_consent_mode_if_spoken(&self, root: &Element) {
        if gtag::speaks(self.rules.consent_mode.setting, root) {
            self.start_consent_mode();
        }
    }

    /// Sends the Consent Mode default, once; later calls do nothing.
    fn start_consent_mode(&self) {
        if !self.consent_mode.replace(true) {
            self.send_consent_mode("default");
        }
    }

    /// Sends the choice to Consent Mode (`default` or `update`), if it is spoken.
    pub fn send_consent_mode(&self, command: &str) {
        if !self.consent_mode.get() {
            return;
        }
        let states = self.effective(|choice| self.rules.consent_mode.states(choice));
        gtag::send_or_log(command, &states);
    }

    /// Releases what the choice allows under `root`, and watches for gated elements, clicks on
    /// controls and other tabs from now on. Listening to other tabs may fail alone: the error is
    /// returned after everything else started.
    pub fn run(self: &Rc<Self>, root: &Element) -> Result<(), Error> {
        self.gate.scan(root, self.as_ref());
        let observer = self
            .gate
            .watch(root, Rc::downgrade(self), |runtime: &Runtime| {
                if let Some(stage) = runtime.stage.upgrade() {
                    stage.scanned();
                }
            })?;
        let runtime = Rc::downgrade(self);
        let document: web_sys::EventTarget = dom::document()?.into();
        let click = Listener::new(&document, "click", move |event| {
            if let Some(runtime) = runtime.upgrade() {
                runtime.on_click(event);
            }
        });
        let runtime = Rc::downgrade(self);
        let tabs = Tabs::listen(move || {
            if let Some(runtime) = runtime.upgrade() {
                runtime.on_tab();
            }
        });
        let (tabs, failed) = match tabs {
            Ok(tabs) => (Some(tabs), Ok(())),
            Err(error) => (None, Err(error)),
        };
        self.watching.set(Some(Watching {
            _observer: observer,
            _click: click,
            tabs,
        }));
        failed
    }

    /// Stops watching the page (the first stage, handing it over).
    pub fn stop(&self) {
        // Dropping the watch and the listeners stops them.
        self.watching.take();
    }

    /// Takes back what the choice no longer allows and releases what it now allows. Scripts that
    /// already ran keep running: see [`Runtime::reload_needed`].
    pub fn release(&self) -> Result<(), Error> {
        let root = dom::root()?;
        self.gate.revoke(&root, self);
        self.send_consent_mode("update");
        self.gate.scan(&root, self);
        Ok(())
    }

    /// Tells the other tabs that the choice changed.
    pub fn tell_other_tabs(&self) {
        update(&self.watching, |watching| {
            if let Some(tabs) = watching.as_ref().and_then(|w| w.tabs.as_ref()) {
                tabs.announce();
            }
        });
    }

    fn on_click(&self, event: &Event) {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(control)) = target.closest(select::ACTION_OR_OPEN) else {
            return;
        };
        let Some(stage) = self.stage.upgrade() else {
            return;
        };
        if let Some(action) = control.get_attribute(attr::ACTION) {
            return stage.action(event, control, &action);
        }
        if control.has_attribute("href") && stage.follows_settings_link() {
            return;
        }
        event.prevent_default();
        stage.open_settings(control);
    }

    fn on_tab(&self) {
        let same = update(&self.seen, |seen| {
            cookies::get(names::cookie::CONSENT) == *seen
        });
        if same {
            return;
        }
        if let Some(stage) = self.stage.upgrade() {
            stage.other_tab();
        }
    }

    /// Publishes the API object as `window.consentBanner`, before the gate opens (gated inline
    /// scripts may use it). Another copy may run already (the drop-in and the npm package on one
    /// page): then this one does nothing and gets `Err` with that copy's object, unless it
    /// `replaces` it (the full stage after the first). The object published, if this copy runs.
    pub fn publish(self: &Rc<Self>, replaces: bool) -> Result<Option<JsValue>, Error> {
        let window = dom::window()?;
        if !replaces && published().is_object() {
            crate::error::log_warning("already running on this page; this copy does nothing");
            return Ok(None);
        }
        let api: JsValue = api::ConsentBanner::new(self.clone()).into();
        js_sys::Reflect::set(&window, &names::GLOBAL.into(), &api)?;
        Ok(Some(api))
    }

    /// Announces the API object with the ready event, once per page (the first stage may have).
    pub fn announce(&self, api: &JsValue) -> Result<(), Error> {
        if !self.announced.replace(true) {
            dom::dispatch(event::READY, api)?;
        }
        Ok(())
    }

    /// Whether the ready event was sent.
    pub fn announced(&self) -> bool {
        self.announced.get()
    }

    /// Whether Consent Mode is spoken.
    pub fn speaks_consent_mode(&self) -> bool {
        self.consent_mode.get()
    }

    /// Adds a `change` listener.
    pub fn subscribe(&self, listener: js_sys::Function) {
        update(&self.subscribers, |subscribers| subscribers.push(listener));
    }

    /// Takes the `change` listeners (handed to the full stage).
    pub fn take_subscribers(&self) -> Vec<js_sys::Function> {
        self.subscribers.take()
    }

    /// Dispatches `consent-banner:change` and calls every `change` listener with the choice and
    /// whether this change `withdrew` consent from scripts that already ran (`reloadNeeded`;
    /// absent after `reset()`, whose choice is `null`).
    pub fn notify(&self, withdrew: bool) {
        let detail = api::choice_object(self.choice().as_deref());
        if detail.is_object() {
            let withdrew = JsValue::from_bool(withdrew);
            let _ = js_sys::Reflect::set(&detail, &event::RELOAD_NEEDED.into(), &withdrew);
        }
        let _ = dom::dispatch(event::CHANGE, &detail);
        // A copy: a listener may subscribe another one.
        for listener in cloned(&self.subscribers) {
            if let Err(error) = listener.call1(&JsValue::NULL, &detail) {
                report("a change listener threw", &Error::from(error));
            }
        }
    }

    /// The stage running this runtime.
    pub fn stage(&self) -> Option<Rc<Staged>> {
        self.stage.upgrade()
    }
}

/// What `window.consentBanner` holds (`undefined` without a window).
pub fn published() -> JsValue {
    dom::window()
        .and_then(|window| Ok(js_sys::Reflect::get(&window, &names::GLOBAL.into())?))
        .unwrap_or(JsValue::UNDEFINED)
}

impl GateHost for Runtime {
    fn need(&self, el: &Element) -> String {
        self.need_of(el)
    }

    fn allows(&self, need: &str) -> bool {
        Runtime::allows(self, Need::from_key(need))
    }

    fn placeholder(&self, held: &Element, need: &str) -> Option<Element> {
        self.stage()?.placeholder(held, Need::from_key(need))
    }

    /// A Google tag added after start still finds the Consent Mode default before it can run.
    fn found_script(&self, script: &HtmlScriptElement) {
        if !self.consent_mode.get() && gtag::starts_for(self.rules.consent_mode.setting, script) {
            self.start_consent_mode();
        }
    }
}

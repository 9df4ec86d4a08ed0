//! The first stage: the [runtime](crate::runtime) and the hand-over, a returning visitor's page in
//! a few kilobytes.
//!
//! The drop-in starts here when the visitor has a stored choice. This stage reads the config's
//! digest (see [`crate::core::digest`]) and runs the runtime on it. Everything that draws (the
//! banner, the settings form, the placeholders, the cookie table, the toolbar) and every change of
//! choice belongs to the full stage. As soon as the page needs any of it, this stage stops and
//! hands the page over: the bootstrap loads the full stage, which starts from where this one
//! stopped (see [`Resume`]), with the config's text this stage already has.
//!
//! Handing over is always safe: this stage releases only what the stored choice allows, and the
//! full stage decides again from the same cookie.

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::cell::{Cell, OnceCell};
use alloc::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::browser::cookies;
use crate::browser::events::{and_then, catch, then};
use crate::browser::handover::Resume;
use crate::browser::{config_source, consent_mode as gtag, dom, privacy, trusted};
use crate::core::consent::{self, Need};
use crate::core::digest::{self, Digest};
use crate::error::{log_error, report, Error};
use crate::names::{self, cookie, select, Drawn};
use crate::runtime::{Call, Runtime, Stage};

local! {
    /// The running first stage, if it runs. Cells rather than `RefCell`s here and in [`HandOver`]:
    /// a borrow's panic path formats its message (kilobytes of `core::fmt`).
    static STAGE: OnceCell<Rc<HandOver>> = OnceCell::new();
}

/// The first stage on this page: the runtime, and what it needs to hand the page over.
pub struct HandOver {
    /// The bootstrap's `startFull`.
    start: js_sys::Function,
    /// The config's source text (a string), or `undefined` when there is none: handed on, so the
    /// full stage does not read it again.
    source: JsValue,
    runtime: Rc<Runtime>,
    /// Set once the page is handed over; resolves to the full stage's API object.
    full: Cell<Option<js_sys::Promise>>,
    /// Set when the gate met something only the full stage can draw.
    wants_full: Cell<bool>,
}

/// Starts the first stage. `startFull(resume, source)` is the bootstrap's: it loads the full stage
/// and starts it with what this stage hands over, and returns a promise of its API object. The
/// stage runs the page, or hands it to the full stage at once.
#[wasm_bindgen(js_name = startFirst)]
pub fn start_first(config_ref: Option<String>, gtag: JsValue, start_full: js_sys::Function) {
    crate::browser::panic::install();
    // Consent Mode goes through the page's `gtag`, or else this one from the bootstrap.
    gtag::set_fallback(gtag);
    let Some(source) = source_text(config_ref.as_deref()) else {
        return hand_over_at_start(&start_full, JsValue::UNDEFINED);
    };
    // `source` never rejects.
    let _ = and_then(&source, move |text| {
        begin(start_full, text);
        JsValue::UNDEFINED
    });
}

/// A promise of the config's source text: a string, `undefined` without `data-config`, or `null`
/// when it cannot be read (the full stage then loads it again and says why). It never rejects.
/// `None` when the reference names no config: the full stage says why.
fn source_text(reference: Option<&str>) -> Option<js_sys::Promise> {
    let Some(reference) = reference.filter(|r| !r.trim().is_empty()) else {
        return Some(js_sys::Promise::resolve(&JsValue::UNDEFINED));
    };
    let url = match config_source::find(reference).ok()? {
        config_source::Source::Inline(text, _) => {
            return Some(js_sys::Promise::resolve(&JsValue::from(text)))
        }
        config_source::Source::File(url) => url,
    };
    let fetched = config_source::fetch(&url).ok()?;
    // `fetch` fulfils with a Response: not checked with `instanceof` (an import), but a page's
    // patched `fetch` may fulfil with anything, and reading `ok` of `undefined` would throw.
    let text = |response: JsValue| match response.unchecked_into::<web_sys::Response>() {
        // A body cut off mid-read rejects `text()`: that too is `null`, never a rejection.
        response if response.is_object() && response.ok() => response
            .text()
            .map_or(JsValue::NULL, |text| catch(&text, |_| JsValue::NULL).into()),
        _ => JsValue::NULL,
    };
    Some(then(&fetched, text, |_| JsValue::NULL))
}

/// Goes on once the config's text is known: with its digest, once the page is parsed.
fn begin(start: js_sys::Function, text: JsValue) {
    let source = text.as_string();
    let digest = if text.is_null() {
        None
    } else {
        stored_digest(source.as_deref())
    };
    let source = source.map_or(JsValue::UNDEFINED, JsValue::from);
    let Some(digest) = digest else {
        return hand_over_at_start(&start, source);
    };
    let stage = Rc::new_cyclic(|me: &Weak<HandOver>| HandOver {
        start,
        source,
        runtime: Runtime::new(digest, true, me.clone()),
        full: Cell::new(None),
        wants_full: Cell::new(false),
    });
    let waiting = stage.clone();
    if dom::when_ready(move || run_stage(waiting)).is_err() {
        hand_over_at_start(&stage.start, stage.source.clone());
    }
}

/// Reads the cookie and runs the page, unless the page needs the full stage already.
fn run_stage(stage: Rc<HandOver>) {
    stage.runtime.decide(cookies::get(cookie::CONSENT));
    if !stage.can_run() {
        let _ = stage.hand_over(false);
        return;
    }
    // The stage runs once per page: a second `set` cannot happen.
    let _ = STAGE.with(|s| s.set(stage.clone()));
    if let Err(error) = stage.run() {
        report("could not start", &error);
        let _ = stage.hand_over(false);
    }
}

/// The digest the full stage stored for this page's config, if the config's text (`source`,
/// `None` without `data-config`) is the one it validated.
fn stored_digest(source: Option<&str>) -> Option<Digest> {
    let key = digest::fingerprint(source, config_source::page_language().as_deref());
    let stored = privacy::local_storage()?
        .get_item(names::storage::CONFIG)
        .ok()??;
    digest::lookup(&stored, &key)
}

fn hand_over_at_start(start: &js_sys::Function, source: JsValue) {
    // Nothing ran yet: the full stage starts afresh.
    let _ = start_full(start, JsValue::UNDEFINED, source);
}

/// Asks the bootstrap to start the full stage (`start` is its `startFull`) with `resume`. Resolves to its API object (`null` if
/// it could not load: then optional cookies stay as they are).
fn start_full(start: &js_sys::Function, resume: JsValue, source: JsValue) -> js_sys::Promise {
    let started = match start.call2(&JsValue::NULL, &resume, &source) {
        Ok(api) => js_sys::Promise::resolve(&api),
        Err(error) => js_sys::Promise::reject(&error),
    };
    catch(&started, |error| {
        log_error(&crate::core::text::concat(&[
            "the rest of the component could not load (",
            &Error::from(error).message(),
            "); optional cookies stay as they are",
        ]));
        JsValue::NULL
    })
}

/// A callback's result as the value that settles its promise.
fn settled(result: Result<JsValue, JsValue>) -> JsValue {
    result.unwrap_or_else(rejected)
}

/// A rejection handler that passes the rejection on.
fn rejected(error: JsValue) -> JsValue {
    js_sys::Promise::reject(&error).into()
}

impl HandOver {
    /// Whether this stage can run the page: the visitor has a current choice (or needs no banner:
    /// Global Privacy Control answered everything it would say), and the page shows nothing
    /// only the full stage draws.
    fn can_run(&self) -> bool {
        let rules = self.runtime.rules();
        if (self.runtime.choice().is_none() && consent::banner_shown(rules, self.runtime.gpc()))
            || rules.full
        {
            return false;
        }
        let Ok(root) = dom::root() else { return false };
        // What only the full stage draws: one list, which the full stage draws from.
        if dom::holds(&root, &Drawn::any(&rules.toolbar)) != Some(false) {
            return false;
        }
        // A frame or fallback the choice refuses needs a placeholder.
        dom::query_all(&root, select::HELD).iter().all(|frame| {
            let need = self.runtime.need_of(frame);
            self.runtime.allows(Need::from_key(&need))
        })
    }

    fn run(&self) -> Result<(), Error> {
        let runtime = &self.runtime;
        let Some(api) = runtime.publish(false)? else {
            return Ok(());
        };
        if let Some(choice) = runtime.choice() {
            runtime.delete_refused_cookies(&choice);
        }
        let root = dom::root()?;
        runtime.start_consent_mode_if_spoken(&root);
        runtime.run(&root)?;
        runtime.announce(&api)?;
        if self.wants_full.get() {
            let _ = self.hand_over(false);
        }
        Ok(())
    }

    /// The full stage's API object (a promise), once the page is handed over.
    fn handed_to(&self) -> Option<js_sys::Promise> {
        crate::local::cloned(&self.full)
    }

    /// Stops this stage and starts the full one, which opens the settings if `settings`. Returns
    /// the full stage's API object (a promise).
    fn hand_over(&self, settings: bool) -> js_sys::Promise {
        if let Some(full) = self.handed_to() {
            if settings {
                let _ = call_on(&full, "showSettings", js_sys::Array::new());
            }
            return full;
        }
        let runtime = &self.runtime;
        runtime.stop();
        let resume = Resume {
            seen: runtime.seen(),
            ran: runtime.gate().ran(),
            published: runtime.announced(),
            consent_mode: runtime.speaks_consent_mode(),
            settings,
            listeners: runtime.take_subscribers(),
            policy: trusted::policy_object(),
        };
        let full = start_full(&self.start, resume.to_js(), self.source.clone());
        self.full.set(Some(full.clone()));
        full
    }
}

impl Stage for HandOver {
    fn placeholder(&self, _held: &Element, _need: Need<'_>) -> Option<Element> {
        // Placeholders are the full stage's to draw.
        self.wants_full.set(true);
        None
    }

    fn scanned(&self) {
        if self.wants_full.get() {
            let _ = self.hand_over(false);
        }
    }

    fn follows_settings_link(&self) -> bool {
        // This stage never runs with a settings form on the page (see `can_run`).
        self.runtime.rules().settings_page
    }

    fn open_settings(self: Rc<Self>, _control: Element) {
        let _ = self.hand_over(true);
    }

    fn other_tab(self: Rc<Self>) {
        // Another tab changed the choice: the full stage applies it.
        let _ = self.hand_over(false);
    }

    fn call(self: Rc<Self>, call: Call) -> Result<JsValue, JsValue> {
        let method = call.method();
        let args = js_sys::Array::new();
        match call {
            Call::On(listener) => {
                // Listeners wait here until the page is handed over, and go with it.
                if self.handed_to().is_none() {
                    self.runtime.subscribe(listener);
                    return Ok(JsValue::UNDEFINED);
                }
                args.push(&names::event::API_CHANGE.into());
                args.push(&listener);
            }
            Call::Set(changes) => {
                args.push(&changes);
            }
            _ => {}
        }
        // Every other call needs the full stage (`on` finds it started already).
        Ok(call_on(&self.hand_over(false), method, args).into())
    }
}

/// `promise.then(api => api[method](...args))`.
fn call_on(
    promise: &js_sys::Promise,
    method: &'static str,
    args: js_sys::Array,
) -> js_sys::Promise {
    let call = move |api: JsValue| -> Result<JsValue, JsValue> {
        if api.is_null() {
            let message = crate::core::text::concat(&[method, "(): the component could not load"]);
            return Err(Error::Unsupported(message).into());
        }
        let function: js_sys::Function = js_sys::Reflect::get(&api, &method.into())?.dyn_into()?;
        function.apply(&api, &args)
    };
    and_then(promise, move |api| settled(call(api)))
}

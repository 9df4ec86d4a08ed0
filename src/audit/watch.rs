//! The audit in the page: from its start it watches every request (Resource Timing, including
//! those made before it started), every cookie and every storage key, and keeps a [`Ledger`] of
//! what the visitor's choice did not allow. Each finding goes to the console once, and
//! `consentBanner.audit()` lists them all.
//!
//! Checks run on each batch of requests, on each change of choice, every second (a script's
//! cookies and storage keys make no event), and on each call of `audit()`.

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    PerformanceEntry, PerformanceObserver, PerformanceObserverEntryList, Storage, Window,
};

use crate::browser::events::{Callback, Listener};
use crate::browser::{cookies, dom};
use crate::core::digest::Digest;
use crate::core::url::host_of;
use crate::error::{log_warning, Error};
use crate::names::{cookie, event, GLOBAL};

use super::ledger::{Finding, Kind, Ledger, Own};

local! {
    /// The audit's findings and what they are judged by, once started.
    static LEDGER: RefCell<Option<Ledger>> = RefCell::new(None);
}

/// The method the audit adds to the API object.
const METHOD: &str = "audit";
/// How often cookies and storage are looked at between other checks, in ms.
const EVERY_MS: i32 = 1_000;

/// Starts the audit with the config's `digest` text; `files` is the URL the component's files
/// load from (`""` when unknown: then only the site's own host is left out), `receipt` the
/// config's `receiptUrl`.
pub fn start(digest: &str, files: String, receipt: Option<String>) -> Result<(), Error> {
    let digest =
        Digest::decode(digest).ok_or(Error::Bug("the audit was given no config digest"))?;
    let window = dom::window()?;
    let performance = window
        .performance()
        .ok_or_else(|| Error::Unsupported("this browser has no Resource Timing".to_owned()))?;
    let page = window.location().href()?;
    let site = host_of(&page).unwrap_or_default();
    // As Resource Timing names it: absolute, normalised.
    let receipt = receipt.and_then(|url| web_sys::Url::new_with_base(&url, &page).ok());
    let own = Own {
        files,
        receipt: receipt.map(|url| url.href()),
    };
    let value = cookies::get(cookie::CONSENT);
    let gpc = crate::browser::privacy::gpc();
    let ledger = Ledger::new(digest, site, own, gpc, value, performance.now());
    LEDGER.with(|cell| cell.replace(Some(ledger)));
    check(None);
    watch(&window)?;
    // Without the API object the findings still reach the console.
    install(&window)
}

/// Watches for requests, changes of choice, and (every second) cookies and storage keys. All of
/// it lasts as long as the page.
fn watch(window: &Window) -> Result<(), Error> {
    let requests = Callback::new(|list: JsValue| {
        check(Some(
            list.unchecked_into::<PerformanceObserverEntryList>()
                .get_entries(),
        ))
    });
    let observer = PerformanceObserver::new(requests.as_function())?;
    // `type` with `buffered` (not `entryTypes`) delivers the requests made before, too.
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"type".into(), &"resource".into())?;
    js_sys::Reflect::set(&options, &"buffered".into(), &JsValue::TRUE)?;
    observer.observe(options.unchecked_ref());
    ::core::mem::forget(requests);

    let tick = Callback::new(|_| check(None));
    window.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_function(), EVERY_MS)?;
    ::core::mem::forget(tick);

    let document: web_sys::EventTarget = dom::document()?.into();
    Listener::new(&document, event::CHANGE, |_| check(None)).forget();
    Ok(())
}

/// Adds `audit()` to the page's API object: it checks, then returns every finding so far.
fn install(window: &Window) -> Result<(), Error> {
    let api = js_sys::Reflect::get(window, &GLOBAL.into())?;
    if !api.is_object() {
        return Err(Error::Page(
            "no window.consentBanner to add audit() to; findings go to the console only".to_owned(),
        ));
    }
    let audit = Closure::<dyn FnMut() -> JsValue>::new(|| {
        check(None);
        findings()
    });
    js_sys::Reflect::set(&api, &METHOD.into(), audit.as_ref())?;
    audit.forget();
    Ok(())
}

/// Looks at everything once: the choice, the requests (`entries`, or else those Resource Timing
/// keeps), the cookies and both storages. Each new finding is logged.
fn check(entries: Option<js_sys::Array>) {
    let Ok(window) = dom::window() else {
        return;
    };
    let Some(performance) = window.performance() else {
        return;
    };
    let now = performance.now();
    let entries = entries.unwrap_or_else(|| performance.get_entries_by_type("resource"));
    let jar = cookies::jar();
    with_ledger(|ledger| {
        ledger.see_choice(now, cookies::get(cookie::CONSENT));
        for entry in entries.iter() {
            let entry: PerformanceEntry = entry.unchecked_into();
            warn(ledger.request(&entry.name(), entry.start_time()));
        }
        for name in cookies::names(&jar) {
            warn(ledger.stored(Kind::Cookie, name, now));
        }
        let storages = [
            (Kind::LocalStorage, window.local_storage()),
            (Kind::SessionStorage, window.session_storage()),
        ];
        for (kind, storage) in storages {
            // Blocked storage throws or is absent: nothing to find there.
            if let Ok(Some(storage)) = storage {
                for key in keys(&storage) {
                    warn(ledger.stored(kind, &key, now));
                }
            }
        }
    });
}

/// Every key in `storage`.
fn keys(storage: &Storage) -> Vec<String> {
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect()
}

/// Logs a new finding.
fn warn(finding: Option<&Finding>) {
    if let Some(finding) = finding {
        log_warning(&finding.message());
    }
}

/// Runs `f` on the ledger; not when a check is running already (a page's `console.warn` hook
/// that calls `audit()` back).
fn with_ledger(f: impl FnOnce(&mut Ledger)) {
    LEDGER.with(|cell| {
        if let Ok(mut ledger) = cell.try_borrow_mut() {
            if let Some(ledger) = ledger.as_mut() {
                f(ledger);
            }
        }
    });
}

/// Every finding so far, as `audit()` returns them.
fn findings() -> JsValue {
    let list = js_sys::Array::new();
    with_ledger(|ledger| {
        for finding in ledger.findings() {
            list.push(&object(finding));
        }
    });
    list.into()
}

/// `{ kind, name, url?, time, owner, category? }`.
fn object(finding: &Finding) -> JsValue {
    let object = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        // Setting a plain object's own property does not throw.
        let _ = js_sys::Reflect::set(&object, &key.into(), &value);
    };
    set("kind", finding.kind.name().into());
    set("name", finding.name.as_str().into());
    if let Some(url) = &finding.url {
        set("url", url.as_str().into());
    }
    set("time", finding.time.into());
    set("owner", finding.owner.as_str().into());
    if let Some(category) = &finding.category {
        set("category", category.as_str().into());
    }
    object.into()
}

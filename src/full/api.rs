//! The full stage's entries: `startDropIn` (the drop-in's bootstrap, or the first stage handing
//! over) and `startWithConfig` (the npm entry) resolve to the one API object
//! ([`crate::runtime::api::ConsentBanner`]), and starting twice returns the first one;
//! `validate` (the npm package's config check) starts nothing.

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::cell::RefCell;
use alloc::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::browser::dom;
use crate::browser::events::catch;
use crate::browser::handover::Resume;
use crate::core::consent::{Changes, ChoiceError, Policy, NECESSARY};
use crate::core::digest::Digest;
use crate::core::text::concat;
use crate::error::{report, Error};
use crate::full::app::App;
use crate::full::config::load::{self as config_source, Loaded};
use crate::full::promise::settle;

local! {
    /// The promise of the first start; later starts return it.
    static STARTED: RefCell<Option<js_sys::Promise>> = RefCell::new(None);
    /// The component, once started: the API object reaches it through the runtime.
    static RUNNING: RefCell<Option<Rc<App>>> = RefCell::new(None);
}

/// The changes `set()` was given, e.g. `{ analytics: true, services: { youtube: true } }`.
/// Their ids are checked where they are applied ([`Choice::changed`](crate::core::consent::Choice::changed));
/// [`explain`] words a failure for the caller.
pub fn changes(changes: JsValue) -> Result<Changes, Error> {
    const USE: &str =
        "set() takes an object such as { analytics: true, services: { youtube: true } }";
    let mut out = Changes::default();
    for (id, value) in entries(changes, USE)? {
        if id == "services" {
            for (service, value) in entries(
                value,
                "set(): `services` must be an object such as { youtube: true }",
            )? {
                let granted = granted(&concat(&["services.", &service]), &value)?;
                out.services.push((service, granted));
            }
        } else {
            let granted = granted(&id, &value)?;
            out.categories.push((id, granted));
        }
    }
    Ok(out)
}

/// A change `set()` could not make, worded for the caller: an unknown id is named, with a hint
/// when it is an id of the other kind (`set({ youtube: true })`), and the ids there are.
pub fn explain(error: ChoiceError, policy: &impl Policy) -> Error {
    let categories: Vec<&str> = policy.optional().into_iter().map(|c| c.id).collect();
    let services: Vec<&str> = policy.services().into_iter().map(|(id, _)| id).collect();
    let problem = match &error {
        ChoiceError::UnknownCategory(id) if services.contains(&id.as_str()) => {
            format!("`{id}` is a service, not a category: use set({{ services: {{ \"{id}\": true }} }})")
        }
        ChoiceError::UnknownCategory(id) => {
            format!(
                "no category `{id}` (this config has: {})",
                listed(&categories)
            )
        }
        ChoiceError::UnknownService(id) if id == NECESSARY || categories.contains(&id.as_str()) => {
            format!("`{id}` is a category, not a service: use set({{ \"{id}\": true }})")
        }
        ChoiceError::UnknownService(id) => {
            format!("no service `{id}` (this config has: {})", listed(&services))
        }
        ChoiceError::Necessary => return Error::Choice(error),
    };
    Error::Argument(concat(&["set(): ", &problem]))
}

/// Ids for a message: `a, b, c`, or `none`.
fn listed(ids: &[&str]) -> String {
    if ids.is_empty() {
        return "none".to_owned();
    }
    crate::full::join(ids, ", ")
}

/// An object's own entries; `use_` says what was expected when `value` is no object.
fn entries(value: JsValue, use_: &str) -> Result<Vec<(String, JsValue)>, Error> {
    let object: js_sys::Object = value
        .dyn_into()
        .map_err(|_| Error::Argument(use_.to_owned()))?;
    Ok(js_sys::Object::entries(&object)
        .iter()
        .map(|entry| {
            let pair: js_sys::Array = entry.unchecked_into();
            (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
        })
        .collect())
}

fn granted(id: &str, value: &JsValue) -> Result<bool, Error> {
    value
        .as_bool()
        .ok_or_else(|| Error::Argument(format!("set(): `{id}` must be true or false")))
}

/// Starts the drop-in: `configRef` is its `data-config` (an element id or a same-origin URL);
/// `gtag` is the bootstrap's one-line Consent Mode queue (see `browser::consent_mode`).
/// Resolves to the API object, also set as `window.consentBanner`.
///
/// `resume` is set when the first stage ran the page until now (see `crate::first`), and
/// `source` when it read the config's text already: it is not read again. `audit(digest, receipt)` loads
/// and starts the audit, for a config with `audit` (see `start_audit`).
#[wasm_bindgen(js_name = startDropIn)]
pub fn start_drop_in(
    config_ref: Option<String>,
    gtag: JsValue,
    resume: JsValue,
    source: Option<String>,
    audit: JsValue,
) -> js_sys::Promise {
    crate::browser::consent_mode::set_fallback(gtag);
    let resume = Resume::from_js(&resume);
    start_once(
        Box::new(move |done| config_source::from_reference(config_ref, source, done)),
        resume,
        audit,
    )
}

/// Starts from a config object (the npm entry). Resolves to the API object, or `null` where there
/// is no browser window (server-side rendering), doing nothing. `audit` as for `startDropIn`.
#[wasm_bindgen(js_name = startWithConfig)]
pub fn start_with_config(config: JsValue, gtag: JsValue, audit: JsValue) -> js_sys::Promise {
    crate::browser::consent_mode::set_fallback(gtag);
    start_once(
        Box::new(move |done| done(config_source::from_object(config))),
        None,
        audit,
    )
}

/// Checks a config without starting anything (the npm package's `validate`, which runs in Node
/// too): every problem the component would find, as `{ path, message }` objects; none for a good
/// config. `config` is an object, as `startWithConfig` takes, or JSON text, as `data-config` names.
#[wasm_bindgen]
pub fn validate(config: JsValue) -> js_sys::Array {
    config_source::problems(config)
        .into_iter()
        .map(|fault| {
            let problem = js_sys::Object::new();
            // Setting a property of a new plain object cannot fail.
            let _ = js_sys::Reflect::set(&problem, &"path".into(), &fault.field.into());
            let _ = js_sys::Reflect::set(&problem, &"message".into(), &fault.problem.into());
            JsValue::from(problem)
        })
        .collect()
}

/// What a loader calls with the config.
type Done = Box<dyn FnOnce(Loaded)>;

/// Starts once: `load` loads the config and passes it on (boxed, so both entries share one copy
/// of this). Promise callbacks, not `async`: see [`settle`].
fn start_once(
    load: Box<dyn FnOnce(Done)>,
    resume: Option<Resume>,
    audit: JsValue,
) -> js_sys::Promise {
    STARTED.with(|started| {
        if let Some(promise) = started.borrow().as_ref() {
            return promise.clone();
        }
        crate::browser::panic::install();
        let mut start = Some((load, resume, audit));
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            let Some((load, resume, audit)) = start.take() else {
                return;
            };
            // From a microtask, as the async start was: never inside the caller's own call.
            settle(&js_sys::Promise::resolve(&JsValue::UNDEFINED), move |_| {
                if web_sys::window().is_none() {
                    let _ = resolve.call1(&JsValue::UNDEFINED, &JsValue::NULL);
                    return;
                }
                load(Box::new(move |loaded| {
                    let settle = move |result: Result<JsValue, Error>| {
                        let _ = match result {
                            Ok(api) => resolve.call1(&JsValue::UNDEFINED, &api),
                            Err(error) => reject.call1(&JsValue::UNDEFINED, &error.into()),
                        };
                    };
                    // `settle` holds only the promise's two functions, so it can be cloned for
                    // the one case `when_ready` gives its callback back: no document.
                    let failed = settle.clone();
                    let launch = move || settle(launch(loaded, resume, &audit));
                    if let Err(error) = dom::when_ready(launch) {
                        failed(Err(error));
                    }
                }));
            });
        });
        *started.borrow_mut() = Some(promise.clone());
        promise
    })
}

/// Runs the component once the document is parsed.
fn launch(loaded: Loaded, resume: Option<Resume>, audit: &JsValue) -> Result<JsValue, Error> {
    let fingerprint = loaded.fingerprint.clone();
    // The receipt's beacon is the component's own request, on whatever host it goes to.
    let audits = loaded
        .config
        .audit
        .then(|| loaded.config.receipt_url.clone());
    let app = App::new(loaded);
    // Another copy (the drop-in and the npm package on one page) may have started first. No
    // await lies between this check and publishing, so exactly one copy runs. After the first
    // stage, its object is the one to replace.
    let Some(api) = app.runtime().publish(resume.is_some())? else {
        return Ok(crate::runtime::published());
    };
    RUNNING.with(|running| *running.borrow_mut() = Some(app.clone()));
    if let Some(receipt) = audits {
        start_audit(audit, app.runtime().rules(), receipt);
    }
    if let Err(error) = app.boot(resume) {
        report("could not start", &error);
    }
    if let Some(fingerprint) = fingerprint {
        app.remember_digest(&fingerprint);
    }
    app.runtime().announce(&api)?;
    Ok(api)
}

/// Loads and starts the audit through `audit(digest, receipt)`, the bootstrap's loader (`src/js/`): the
/// audit is a build of its own, which only a site whose config asks for it downloads. Requests
/// made before it started are in Resource Timing, where it finds them. Not a function (an old
/// bootstrap), the call throws, and that is said as any other failure.
fn start_audit(audit: &JsValue, rules: &Digest, receipt: Option<String>) {
    let failed = |error: JsValue| {
        report("the audit could not start", &Error::from(error));
        JsValue::UNDEFINED
    };
    let audit: &js_sys::Function = audit.unchecked_ref();
    match audit.call2(
        &JsValue::NULL,
        &rules.encode_for_audit().into(),
        &receipt.into(),
    ) {
        Ok(loading) => {
            let _ = catch(loading.unchecked_ref(), failed);
        }
        Err(error) => {
            failed(error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::consent::Choice;
    use crate::full::config::Config;

    fn problem(categories: &[(&str, bool)], services: &[(&str, bool)]) -> Option<String> {
        let owned =
            |pairs: &[(&str, bool)]| pairs.iter().map(|(id, g)| ((*id).to_owned(), *g)).collect();
        let changes = Changes {
            categories: owned(categories),
            services: owned(services),
        };
        let config = Config::defaults("en");
        Choice::changed(None, &changes, &config, 0)
            .err()
            .map(|e| explain(e, &config).message())
    }

    #[test]
    fn ids_of_the_config_pass() {
        assert_eq!(
            problem(
                &[("analytics", true), ("necessary", true)],
                &[("youtube", true)]
            ),
            None
        );
        assert_eq!(
            problem(&[], &[("google-analytics", false), ("twitter", true)]),
            None
        );
    }

    #[test]
    fn an_unknown_id_is_named_with_the_ids_there_are() {
        assert_eq!(
            problem(&[("marketing", true)], &[]).as_deref(),
            Some("set(): no category `marketing` (this config has: analytics, embeds)")
        );
        let message = problem(&[], &[("vimeo", true)]).unwrap_or_default();
        assert!(
            message.starts_with("set(): no service `vimeo` (this config has: google-analytics, "),
            "{message}"
        );
        assert!(message.ends_with(", google-translate)"), "{message}");
    }

    #[test]
    fn an_id_of_the_other_kind_says_where_it_goes() {
        assert_eq!(
            problem(&[("youtube", true)], &[]).as_deref(),
            Some("set(): `youtube` is a service, not a category: use set({ services: { \"youtube\": true } })")
        );
        assert_eq!(
            problem(&[], &[("analytics", true)]).as_deref(),
            Some(
                "set(): `analytics` is a category, not a service: use set({ \"analytics\": true })"
            )
        );
        assert!(problem(&[], &[("necessary", true)]).is_some_and(|m| m.contains("is a category")));
    }

    #[test]
    fn listed_says_none_for_no_ids() {
        assert_eq!(listed(&[]), "none");
        assert_eq!(listed(&["a", "b"]), "a, b");
    }
}

//! The exported API: `window.consentBanner` (drop-in) and `init()` (npm) resolve to one
//! [`ConsentBanner`], and starting twice returns the first one.

use ::core::cell::RefCell;
use alloc::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::browser::dom;
use crate::browser::events;
use crate::browser::handover::Resume;
use crate::error::{log_error, Error};
use crate::full::app::App;
use crate::full::config::load::{self as config_source, Loaded};

thread_local! {
    /// The promise of the first start; later starts return it.
    static STARTED: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** The visitor's choice: `necessary` (always true) and each optional category of the config. */
export type Choice = { necessary: true } & Record<string, boolean>;
/** Categories to change, e.g. `{ analytics: true }`; the others keep their answer. */
export type ChoiceChanges = Record<string, boolean>;
/** Called with the new choice (`null` after `reset()`). */
export type ChangeListener = (choice: Choice | null) => void;
"#;

/// The consent banner on this page.
#[wasm_bindgen]
pub struct ConsentBanner {
    app: Rc<App>,
}

#[wasm_bindgen]
impl ConsentBanner {
    /// The visitor's choice, `{ necessary: true, analytics: false, … }`, or `null` before any.
    #[wasm_bindgen(unchecked_return_type = "Choice | null")]
    pub fn get(&self) -> JsValue {
        self.app.choice_object()
    }

    /// Changes some categories, e.g. `set({ analytics: true })`, keeping the others.
    pub fn set(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChoiceChanges")] changes: JsValue,
    ) -> Result<(), JsValue> {
        let object: js_sys::Object = changes.dyn_into().map_err(|_| {
            Error::Argument("set() takes an object such as { analytics: true }".into())
        })?;
        let mut list = Vec::new();
        for entry in js_sys::Object::entries(&object).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let id = pair.get(0).as_string().unwrap_or_default();
            let granted = pair
                .get(1)
                .as_bool()
                .ok_or_else(|| Error::Argument(format!("set(): `{id}` must be true or false")))?;
            list.push((id, granted));
        }
        Ok(self.app.change(&list, crate::full::app::Origin::Api)?)
    }

    /// Grants every category.
    #[wasm_bindgen(js_name = acceptAll)]
    pub fn accept_all(&self) -> Result<(), JsValue> {
        Ok(self.app.set_all(true)?)
    }

    /// Refuses every optional category.
    #[wasm_bindgen(js_name = rejectAll)]
    pub fn reject_all(&self) -> Result<(), JsValue> {
        Ok(self.app.set_all(false)?)
    }

    /// Forgets the choice and shows the banner again.
    pub fn reset(&self) -> Result<(), JsValue> {
        Ok(self.app.reset()?)
    }

    /// Shows the banner.
    #[wasm_bindgen(js_name = showBanner)]
    pub fn show_banner(&self) -> Result<(), JsValue> {
        Ok(self.app.show_banner()?)
    }

    /// Opens the settings form.
    #[wasm_bindgen(js_name = showSettings)]
    pub fn show_settings(&self) -> Result<(), JsValue> {
        Ok(self.app.show_settings()?)
    }

    /// Calls `listener(choice)` after every change. The only event is `"change"`.
    pub fn on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"change\"")] event: &str,
        #[wasm_bindgen(unchecked_param_type = "ChangeListener")] listener: js_sys::Function,
    ) -> Result<(), JsValue> {
        crate::browser::check_event(event)?;
        self.app.subscribe(listener);
        Ok(())
    }
}

/// Starts the drop-in: `configRef` is its `data-config` (an element id or a same-origin URL);
/// `gtag` is the bootstrap's one-line Consent Mode queue (see `browser::consent_mode`).
/// Resolves to the API object, also set as `window.consentBanner`.
///
/// `resume` is set when the first stage ran the page until now (see `crate::first`).
#[wasm_bindgen(js_name = startDropIn)]
pub fn start_drop_in(
    config_ref: Option<String>,
    gtag: JsValue,
    resume: JsValue,
) -> js_sys::Promise {
    crate::browser::consent_mode::set_fallback(gtag);
    let resume = Resume::from_js(&resume);
    start_once(
        Box::new(move |done| config_source::from_reference(config_ref, done)),
        resume,
    )
}

/// Starts from a config object (the npm entry). Resolves to the API object, or `null` where there
/// is no browser window (server-side rendering), doing nothing.
#[wasm_bindgen(js_name = startWithConfig)]
pub fn start_with_config(config: JsValue, gtag: JsValue) -> js_sys::Promise {
    crate::browser::consent_mode::set_fallback(gtag);
    start_once(
        Box::new(move |done| done(config_source::from_object(config))),
        None,
    )
}

/// What a loader calls with the config.
type Done = Box<dyn FnOnce(Loaded)>;

/// Starts once: `load` loads the config and passes it on (boxed, so both entries share one copy
/// of this). Promise callbacks, not `async`: see [`events::settle`].
fn start_once(load: Box<dyn FnOnce(Done)>, resume: Option<Resume>) -> js_sys::Promise {
    STARTED.with(|started| {
        if let Some(promise) = started.borrow().as_ref() {
            return promise.clone();
        }
        crate::browser::panic::install();
        let mut start = Some((load, resume));
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            let Some((load, resume)) = start.take() else {
                return;
            };
            // From a microtask, as the async start was: never inside the caller's own call.
            events::settle(&js_sys::Promise::resolve(&JsValue::UNDEFINED), move |_| {
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
                    if let Err(error) = dom::when_ready(move || settle(launch(loaded, resume))) {
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
fn launch(loaded: Loaded, resume: Option<Resume>) -> Result<JsValue, Error> {
    let window = dom::window()?;
    // Another copy (the drop-in and the npm package on one page) may have started first. No
    // await lies between this check and setting the global, so exactly one copy runs. After the
    // first stage, its object is the one to replace.
    let running = js_sys::Reflect::get(&window, &"consentBanner".into())?;
    if running.is_object() && resume.is_none() {
        crate::error::log_warning("already running on this page; this copy does nothing");
        return Ok(running);
    }
    let published = resume.as_ref().is_some_and(|r| r.published);
    let fingerprint = loaded.fingerprint.clone();
    let app = App::new(loaded);
    let api: JsValue = ConsentBanner { app: app.clone() }.into();
    // Set before the gate opens, so gated inline scripts can already use it.
    js_sys::Reflect::set(&window, &"consentBanner".into(), &api)?;
    if let Err(error) = app.boot(resume) {
        log_error(&format!("could not start: {error}"));
    }
    if let Some(fingerprint) = fingerprint {
        app.remember_digest(&fingerprint);
    }
    // The first stage announced the component already.
    if !published {
        dom::dispatch("consent-banner:ready", &api)?;
    }
    Ok(api)
}

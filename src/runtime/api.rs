//! `window.consentBanner` (drop-in) and what `init()` resolves to (npm): one class for both
//! stages. `get()` and `on()` are answered by the runtime; every other method is the stage's
//! [`Call`]: the full stage makes it, the first stage loads the full stage and forwards it (its
//! methods then return a promise).

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::rc::Rc;

use wasm_bindgen::prelude::*;

use super::{Answer, Call, Runtime, Stage};
use crate::core::consent::Choice;
use crate::error::Error;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/**
 * The visitor's choice: `necessary` (always true), each optional category of the config, and
 * `services`, each service of the config by id (`choice.services.youtube`). A service is granted
 * with its category or on its own. No category can be named `services`.
 */
export type Choice = { necessary: true; services: Record<string, boolean> } & {
  [category: string]: boolean;
};
/**
 * Categories and services to change, e.g. `{ analytics: true, services: { youtube: true } }`;
 * the others keep their answer. A category's answer goes to all its services.
 */
export type ChoiceChanges = {
  services?: Record<string, boolean>;
  [category: string]: boolean | Record<string, boolean> | undefined;
};
/**
 * A change: the new choice, and whether this change withdrew consent from scripts that already
 * ran on this page. API calls never reload the page; only a reload stops those scripts.
 */
export type ChoiceChange = Choice & { reloadNeeded: boolean };
/** Called with the change (`null` after `reset()`: then ask `reloadNeeded()`). */
export type ChangeListener = (change: ChoiceChange | null) => void;
"#;

/// The consent banner on this page.
#[wasm_bindgen]
pub struct ConsentBanner {
    runtime: Rc<Runtime>,
}

impl ConsentBanner {
    /// The API object of `runtime`.
    pub fn new(runtime: Rc<Runtime>) -> Self {
        Self { runtime }
    }

    fn call(&self, call: Call) -> Returned {
        let result = match self.runtime.stage() {
            Some(stage) => stage.call(call),
            None => Err(Error::Bug("the component stopped").into()),
        };
        returned(result)
    }
}

/// What a method that changes something returns. The full stage makes the change and throws its
/// errors; the first stage forwards the call and returns a promise, so it has nothing to throw
/// (and its methods need no code to throw).
#[cfg(feature = "full")]
type Returned = Result<(), JsValue>;
/// What a method that changes something returns (see the full build's).
#[cfg(not(feature = "full"))]
type Returned = JsValue;

#[cfg(feature = "full")]
fn returned(result: Result<Answer, JsValue>) -> Returned {
    result
}

#[cfg(not(feature = "full"))]
fn returned(result: Result<Answer, JsValue>) -> Returned {
    result.unwrap_or_else(|error| js_sys::Promise::reject(&error).into())
}

#[wasm_bindgen]
impl ConsentBanner {
    /// The visitor's choice, `{ necessary: true, analytics: false, …, services: { youtube: true,
    /// … } }` (every category and service of the config), or `null` before any.
    #[wasm_bindgen(unchecked_return_type = "Choice | null")]
    pub fn get(&self) -> JsValue {
        choice_object(self.runtime.choice().as_deref())
    }

    /// Changes some categories and services, e.g. `set({ analytics: true, services: { youtube:
    /// true } })`, keeping the others: categories first (each with all its services), then
    /// services. Throws on an unknown id or an answer that is not `true` or `false`.
    pub fn set(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChoiceChanges")] changes: JsValue,
    ) -> Returned {
        self.call(Call::Set(changes))
    }

    /// Grants every category.
    #[wasm_bindgen(js_name = acceptAll)]
    pub fn accept_all(&self) -> Returned {
        self.call(Call::AcceptAll)
    }

    /// Refuses every optional category.
    #[wasm_bindgen(js_name = rejectAll)]
    pub fn reject_all(&self) -> Returned {
        self.call(Call::RejectAll)
    }

    /// Forgets the choice and shows the banner again.
    pub fn reset(&self) -> Returned {
        self.call(Call::Reset)
    }

    /// Shows the banner.
    #[wasm_bindgen(js_name = showBanner)]
    pub fn show_banner(&self) -> Returned {
        self.call(Call::ShowBanner)
    }

    /// Opens the settings form.
    #[wasm_bindgen(js_name = showSettings)]
    pub fn show_settings(&self) -> Returned {
        self.call(Call::ShowSettings)
    }

    /// Whether scripts that already ran on this page are no longer allowed, so that only a reload
    /// stops them. API calls never reload the page: the site decides, e.g.
    /// `if (consentBanner.reloadNeeded()) location.reload()`.
    #[wasm_bindgen(js_name = reloadNeeded)]
    pub fn reload_needed(&self) -> bool {
        self.runtime.reload_needed()
    }

    /// Calls `listener(change)` after every change: the choice and `reloadNeeded`, as the
    /// `consent-banner:change` event's detail. The only event is `"change"`.
    pub fn on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"change\"")] event: &str,
        #[wasm_bindgen(unchecked_param_type = "ChangeListener")] listener: js_sys::Function,
    ) -> Result<(), JsValue> {
        check_event(event)?;
        match self.runtime.stage() {
            Some(stage) => stage.call(Call::On(listener)).map(|_| ()),
            None => Err(Error::Bug("the component stopped").into()),
        }
    }
}

/// A choice as the API gives it: `{ necessary: true, analytics: false, …, services: { … } }`, or
/// `null` before any.
pub fn choice_object(choice: Option<&Choice>) -> JsValue {
    let Some(choice) = choice else {
        return JsValue::NULL;
    };
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"necessary".into(), &JsValue::TRUE);
    for (id, granted) in &choice.grants {
        let _ = js_sys::Reflect::set(&object, &id.into(), &JsValue::from_bool(*granted));
    }
    let services = js_sys::Object::new();
    for service in &choice.services {
        let granted = JsValue::from_bool(service.granted);
        let _ = js_sys::Reflect::set(&services, &service.id.as_str().into(), &granted);
    }
    let _ = js_sys::Reflect::set(&object, &"services".into(), &services);
    object.into()
}

/// Checks an `on()` event name: `"change"` is the only event.
fn check_event(event: &str) -> Result<(), Error> {
    if event == crate::names::event::API_CHANGE {
        return Ok(());
    }
    let message = ["on(): unknown event `", event, "`; use \"change\""];
    Err(Error::Argument(crate::core::text::concat(&message)))
}

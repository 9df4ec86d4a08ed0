//! The thin browser layer: cookies, storage, DOM helpers, config loading, and the gate that holds
//! back scripts, frames and pixels. Decisions come from [`crate::core`]; this layer only acts.

#[allow(unused_imports)]
use crate::prelude::*;

pub mod config_source;
pub mod consent_mode;
pub mod cookies;
pub mod dom;
pub mod events;
pub mod gate;
pub mod handover;
pub mod panic;
pub mod privacy;
pub mod tabs;
pub mod trusted;

use wasm_bindgen::JsValue;

use crate::core::consent::Choice;

/// A choice as the API gives it: `{ necessary: true, analytics: false, … }`, or `null` before any.
pub fn choice_object(choice: Option<&Choice>) -> JsValue {
    let Some(choice) = choice else {
        return JsValue::NULL;
    };
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"necessary".into(), &JsValue::TRUE);
    for (id, granted) in &choice.grants {
        let _ = js_sys::Reflect::set(&object, &id.into(), &JsValue::from_bool(*granted));
    }
    object.into()
}

/// Checks an `on()` event name: `"change"` is the only event.
pub fn check_event(event: &str) -> Result<(), crate::error::Error> {
    if event == crate::names::event::API_CHANGE {
        return Ok(());
    }
    let message = ["on(): unknown event `", event, "`; use \"change\""];
    Err(crate::error::Error::Argument(crate::core::text::concat(
        &message,
    )))
}

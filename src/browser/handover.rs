//! The handover from the first stage to the full stage: where the first stage stopped, passed as
//! one plain JS object through the bootstrap's loader.

#[allow(unused_imports)]
use crate::prelude::*;

use wasm_bindgen::{JsCast, JsValue};

/// Where the first stage stopped.
#[derive(Default)]
pub struct Resume {
    /// The consent cookie's value the first stage decided on. The full stage starts from it and
    /// then adopts the cookie as it is now, so a change made meanwhile is applied like one from
    /// another tab.
    pub seen: Option<String>,
    /// What the gated scripts that already ran needed (`Need::key`s: categories, `#service`).
    pub ran: Vec<String>,
    /// Whether the first stage set `window.consentBanner` and announced it.
    pub published: bool,
    /// Whether Consent Mode's `default` was already sent.
    pub consent_mode: bool,
    /// Whether to open the cookie settings once started.
    pub settings: bool,
    /// `change` listeners registered with the first stage's API.
    pub listeners: Vec<js_sys::Function>,
    /// The Trusted Types policy the first stage made (`undefined` if none).
    pub policy: JsValue,
}

impl Resume {
    /// As a JS object.
    pub fn to_js(&self) -> JsValue {
        let object = js_sys::Object::new();
        let set = |key: &str, value: &JsValue| {
            let _ = js_sys::Reflect::set(&object, &key.into(), value);
        };
        set(
            "seen",
            &self.seen.as_deref().map_or(JsValue::NULL, JsValue::from),
        );
        set(
            "ran",
            &self
                .ran
                .iter()
                .map(JsValue::from)
                .collect::<js_sys::Array>(),
        );
        set("published", &JsValue::from_bool(self.published));
        set("consentMode", &JsValue::from_bool(self.consent_mode));
        set("settings", &JsValue::from_bool(self.settings));
        set(
            "listeners",
            &self.listeners.iter().collect::<js_sys::Array>(),
        );
        set("policy", &self.policy);
        object.into()
    }

    /// Reads [`Resume::to_js`]'s object; `None` when there is none (the full stage starts afresh).
    pub fn from_js(value: &JsValue) -> Option<Self> {
        if !value.is_object() {
            return None;
        }
        let get =
            |key: &str| js_sys::Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED);
        let array = |key: &str| -> Vec<JsValue> {
            get(key)
                .dyn_into::<js_sys::Array>()
                .map(|a| a.iter().collect())
                .unwrap_or_default()
        };
        Some(Self {
            seen: get("seen").as_string(),
            ran: array("ran").iter().filter_map(JsValue::as_string).collect(),
            published: get("published").is_truthy(),
            consent_mode: get("consentMode").is_truthy(),
            settings: get("settings").is_truthy(),
            listeners: array("listeners")
                .into_iter()
                .filter_map(|f| f.dyn_into().ok())
                .collect(),
            policy: get("policy"),
        })
    }
}

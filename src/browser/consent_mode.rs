//! Google Consent Mode v2: `gtag("consent", "default" | "update", {...})`.
//!
//! Google's tags only read `dataLayer` entries that are real `arguments` objects, which only
//! JavaScript can make. So the page's own `gtag` is called when it has one; otherwise the
//! bootstrap's one-line `gtag` (handed over at start) pushes to `window.dataLayer`.

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::cell::Cell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use super::dom;
use crate::core::consent_mode::Setting;
use crate::error::{Error, OrLog};
use crate::names::select;

local! {
    /// The bootstrap's `function () { (window.dataLayer = window.dataLayer || []).push(arguments) }`.
    /// A `Cell`, not a `RefCell`: a borrow's panic path formats its message (kilobytes).
    static FALLBACK: Cell<Option<js_sys::Function>> = Cell::new(None);
}

/// Keeps the bootstrap's `gtag` for pages that have none of their own.
pub fn set_fallback(gtag: JsValue) {
    if let Ok(function) = gtag.dyn_into::<js_sys::Function>() {
        FALLBACK.with(|f| f.set(Some(function)));
    }
}

/// Whether to speak Consent Mode from the start on the page under `root`.
pub fn speaks(setting: Setting, root: &Element) -> bool {
    match setting {
        Setting::On => true,
        Setting::Off => false,
        Setting::Auto => page_uses_google(root),
    }
}

/// Whether `script`, found after start, means Consent Mode must start (`"auto"` only).
pub fn starts_for(setting: Setting, script: &Element) -> bool {
    setting == Setting::Auto && is_google_tag(script)
}

/// Whether the page uses Google's tags: it has `gtag` or `dataLayer`, or a gated Google tag
/// under `root`.
pub fn page_uses_google(root: &Element) -> bool {
    let has_global = dom::window().is_ok_and(|w| {
        ["gtag", "dataLayer"].iter().any(|name| {
            js_sys::Reflect::get(&w, &JsValue::from_str(name))
                .is_ok_and(|v| !v.is_undefined() && !v.is_null())
        })
    });
    has_global || has_google_tag(root)
}

/// Whether `root` is or holds a gated Google tag.
fn has_google_tag(root: &Element) -> bool {
    !dom::query_all(root, select::GOOGLE_TAGS).is_empty()
}

/// Whether `script` is a gated Google tag.
pub fn is_google_tag(script: &Element) -> bool {
    // Most gated scripts are inline: one call rules them out without passing the selectors.
    script.has_attribute("src") && dom::matches(script, select::GOOGLE_TAGS)
}

/// [`send`], logging a failure (the page carries on without Consent Mode).
pub fn send_or_log(command: &str, states: &[(&str, bool)]) {
    let context = ["Consent Mode `", command, "` could not be sent"];
    send(command, states).or_log(&crate::core::text::concat(&context));
}

/// Sends `gtag("consent", command, { type: "granted" | "denied", … })`.
pub fn send(command: &str, states: &[(&str, bool)]) -> Result<(), Error> {
    let params = js_sys::Object::new();
    for (kind, granted) in states {
        let state = if *granted { "granted" } else { "denied" };
        js_sys::Reflect::set(&params, &(*kind).into(), &state.into())?;
    }
    let window = dom::window()?;
    let gtag = js_sys::Reflect::get(&window, &"gtag".into())?
        .dyn_into::<js_sys::Function>()
        .ok()
        .or_else(|| FALLBACK.with(crate::local::cloned))
        .ok_or_else(|| Error::Page("no gtag to send Consent Mode with".into()))?;
    gtag.call3(&window, &"consent".into(), &command.into(), &params)?;
    Ok(())
}

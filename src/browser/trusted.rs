//! Trusted Types. Under `require-trusted-types-for 'script'`, a script's `src` and text only
//! accept values made by a policy. The component makes one, named `consent-banner` (the name a
//! site lists in its `trusted-types` directive), and its URL rule is the component's own: only
//! http(s) or relative URLs. Without Trusted Types, plain strings are used.

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::cell::Cell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::dom;
use crate::core::url::is_safe_url;
use crate::error::Error;

/// The policy name to list in a page's `trusted-types` directive.
use crate::names::TRUSTED_TYPES_POLICY as POLICY_NAME;

/// Both rules have the shape of [`super::events::once`]'s callbacks, so wasm-bindgen makes their
/// glue once for all three (a rule refuses by throwing, as `Err` would). They take and return JS
/// values: a script's text is not copied into Wasm and back.
type Rule = Closure<dyn FnMut(JsValue) -> JsValue>;

/// The created policy and the Rust functions behind it (kept alive as long as the policy; `None`
/// for a policy an earlier stage made, whose functions live in that stage).
struct Policy {
    object: JsValue,
    _rules: Option<(Rule, Rule)>,
}

local! {
    /// `None` until first use; `Some(None)` when the browser has no Trusted Types.
    /// A `Cell`, taken while used: a `RefCell` borrow's panic path formats (kilobytes).
    static POLICY: Cell<Option<Option<Policy>>> = Cell::new(None);
}

fn create() -> Result<Option<Policy>, Error> {
    let window = dom::window()?;
    let factory = js_sys::Reflect::get(&window, &"trustedTypes".into())?;
    if factory.is_undefined() || factory.is_null() {
        return Ok(None);
    }
    let url: Rule = Closure::new(|value: JsValue| {
        let url = value.as_string().unwrap_or_default();
        if !is_safe_url(&url) {
            let message = [
                "consent-banner: `",
                &url,
                "` is not an http(s) or relative URL",
            ];
            let error = js_sys::TypeError::new(&crate::core::text::concat(&message));
            wasm_bindgen::throw_val(error.into());
        }
        value
    });
    // Gated inline scripts are the page's own markup (and keep its nonce): passed through as is.
    let script: Rule = Closure::new(|value| value);
    let rules = js_sys::Object::new();
    js_sys::Reflect::set(&rules, &"createScriptURL".into(), url.as_ref())?;
    js_sys::Reflect::set(&rules, &"createScript".into(), script.as_ref())?;
    let create_policy: js_sys::Function = js_sys::Reflect::get(&factory, &"createPolicy".into())?
        .dyn_into()
        .map_err(|_| Error::Unsupported("trustedTypes.createPolicy is not a function".into()))?;
    let object = create_policy
        .call2(&factory, &POLICY_NAME.into(), &rules)
        .map_err(|e| {
            Error::Page(crate::core::text::concat(&[
                "the Trusted Types policy `",
                POLICY_NAME,
                "` could not be created (",
                &Error::from(e).message(),
                "); list it in the page's trusted-types directive",
            ]))
        })?;
    Ok(Some(Policy {
        object,
        _rules: Some((url, script)),
    }))
}

/// Passes `value` through the policy's `method`, or returns it as a string without Trusted Types.
fn make(method: &str, value: JsValue) -> Result<JsValue, Error> {
    POLICY.with(|cell| {
        let policy = match cell.take() {
            Some(policy) => policy,
            None => create()?,
        };
        let made = match &policy {
            Some(policy) => apply(policy, method, value),
            None => Ok(value),
        };
        cell.set(Some(policy));
        made
    })
}

fn apply(policy: &Policy, method: &str, value: JsValue) -> Result<JsValue, Error> {
    let function: js_sys::Function = js_sys::Reflect::get(&policy.object, &method.into())?
        .dyn_into()
        .map_err(|_| Error::Unsupported(crate::core::text::concat(&["policy has no ", method])))?;
    Ok(function.call1(&policy.object, &value)?)
}

/// A value for a script's `src`.
pub fn script_url(url: &str) -> Result<JsValue, Error> {
    make("createScriptURL", url.into())
}

/// A value for an inline script's text (a JS string).
pub fn script_text(text: JsValue) -> Result<JsValue, Error> {
    make("createScript", text)
}

/// The policy this stage made, for the next stage (`undefined` if it made none).
pub fn policy_object() -> JsValue {
    POLICY.with(|cell| {
        let policy = cell.take();
        let object = match &policy {
            Some(Some(policy)) => policy.object.clone(),
            _ => JsValue::UNDEFINED,
        };
        cell.set(policy);
        object
    })
}

/// Uses the policy an earlier stage made: a strict CSP lets the name be used only once.
pub fn adopt(object: JsValue) {
    if object.is_object() {
        POLICY.with(|cell| {
            cell.set(Some(Some(Policy {
                object,
                _rules: None,
            })))
        });
    }
}

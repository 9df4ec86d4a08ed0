//! Event listeners that stop listening when dropped: gloo-events' design, here because
//! gloo-events needs wasm-bindgen's std, which the first stage leaves out (see `std` in
//! Cargo.toml). Listeners are not passive, so they may call `preventDefault()`.

#[allow(unused_imports)]
use crate::prelude::*;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, EventTarget};

/// A long-lived callback from JS: every listener and observer shares its shape, which is also
/// that of [`once`] and of the Trusted Types rules, so wasm-bindgen makes its glue once (each
/// closure shape costs an export, its shim and glue). Listeners' and observers' return values
/// are ignored: `f`'s is `undefined`.
#[must_use = "dropping a Callback frees it, and JS calling it then throws"]
pub struct Callback(Closure<dyn FnMut(JsValue) -> JsValue>);

impl Callback {
    /// A JS function that calls `f`, for as long as this lives.
    pub fn new(mut f: impl FnMut(JsValue) + 'static) -> Self {
        Self(Closure::new(move |value| {
            f(value);
            JsValue::UNDEFINED
        }))
    }

    /// The function to hand to JS.
    pub fn as_function(&self) -> &js_sys::Function {
        self.0.as_ref().unchecked_ref()
    }
}

/// A JS function that calls `f` once, then frees it. All one-shot callbacks go through here, for
/// the same reason as [`Callback`]. One never called stays allocated (a few bytes).
pub fn once(f: impl FnOnce(JsValue) -> JsValue + 'static) -> JsValue {
    let f: Box<dyn FnOnce(JsValue) -> JsValue> = Box::new(f);
    Closure::once_into_js(f)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A promise, seen through a `then` that takes plain functions (see [`once`]).
    type Thenable;
    #[wasm_bindgen(method, js_name = then)]
    fn then_with(this: &Thenable, fulfilled: &JsValue, rejected: &JsValue) -> js_sys::Promise;
}

/// `promise.then(fulfilled, rejected)`. What a callback returns settles the new promise (a
/// promise returned is followed; `Promise.reject(e)` returned rejects it). No async runtime:
/// wasm-bindgen-futures costs kilobytes of Wasm for the few promises the component waits on.
pub fn then(
    promise: &js_sys::Promise,
    fulfilled: impl FnOnce(JsValue) -> JsValue + 'static,
    rejected: impl FnOnce(JsValue) -> JsValue + 'static,
) -> js_sys::Promise {
    promise
        .unchecked_ref::<Thenable>()
        .then_with(&once(fulfilled), &once(rejected))
}

/// `promise.then(fulfilled)`: a rejection passes on. One callback, where [`then`] would need a
/// second that passes it on (each callback is a closure's glue in the binary).
pub fn and_then(
    promise: &js_sys::Promise,
    fulfilled: impl FnOnce(JsValue) -> JsValue + 'static,
) -> js_sys::Promise {
    promise
        .unchecked_ref::<Thenable>()
        .then_with(&once(fulfilled), &JsValue::UNDEFINED)
}

/// `promise.catch(rejected)`: a value passes on (see [`and_then`]).
pub fn catch(
    promise: &js_sys::Promise,
    rejected: impl FnOnce(JsValue) -> JsValue + 'static,
) -> js_sys::Promise {
    promise
        .unchecked_ref::<Thenable>()
        .then_with(&JsValue::UNDEFINED, &once(rejected))
}

/// A listener on `target` for `kind`, removed when this is dropped.
#[must_use = "dropping a Listener removes it at once; keep it, or forget() one meant to last"]
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Callback,
}

impl Listener {
    /// Calls `handle` for every `kind` event on `target`.
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        handle: impl FnMut(&Event) + 'static,
    ) -> Self {
        Self::boxed(target, kind, Box::new(handle))
    }

    /// The one body of [`Listener::new`]: boxed, so that the closure's glue exists once in the
    /// binary rather than once per handler.
    #[inline(never)]
    fn boxed(target: &EventTarget, kind: &'static str, mut handle: Box<dyn FnMut(&Event)>) -> Self {
        let callback = Callback::new(move |event: JsValue| handle(event.unchecked_ref()));
        // Adding a listener only throws for a non-function, which a Closure never is.
        let _ = target.add_event_listener_with_callback(kind, callback.as_function());
        Self {
            target: target.clone(),
            kind,
            callback,
        }
    }

    /// Calls `handle` for the first `kind` event on `target` only.
    pub fn once(
        target: &EventTarget,
        kind: &'static str,
        handle: impl FnOnce(&Event) + 'static,
    ) -> Self {
        let mut handle = Some(handle);
        Self::new(target, kind, move |event| {
            if let Some(handle) = handle.take() {
                handle(event);
            }
        })
    }

    /// Keeps listening for the life of the page: the listener and its closure are never freed.
    pub fn forget(self) {
        ::core::mem::forget(self);
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_function());
    }
}

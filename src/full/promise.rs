//! Waiting on a promise without an async runtime: wasm-bindgen-futures costs kilobytes of Wasm for
//! the few promises the full stage waits on (loading a config file, starting once).

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::cell::Cell;
use alloc::rc::Rc;

use wasm_bindgen::JsValue;

use crate::browser::events::then;

/// Calls `done` once with what `promise` settles to: `.await` without an async runtime (see
/// [`then`]).
pub fn settle(promise: &js_sys::Promise, done: impl FnOnce(Result<JsValue, JsValue>) + 'static) {
    settle_boxed(promise, Box::new(done));
}

/// [`settle`], boxed: one copy of the two callbacks for every caller.
fn settle_boxed(promise: &js_sys::Promise, done: Box<dyn FnOnce(Result<JsValue, JsValue>)>) {
    // Shared by both callbacks; the promise calls one of them.
    let done = Rc::new(Cell::new(Some(done)));
    let also = done.clone();
    // The promise `then` returns is not needed: `done` sees every outcome.
    let _ = then(
        promise,
        move |value| {
            if let Some(done) = done.take() {
                done(Ok(value));
            }
            JsValue::UNDEFINED
        },
        move |error| {
            if let Some(done) = also.take() {
                done(Err(error));
            }
            JsValue::UNDEFINED
        },
    );
}

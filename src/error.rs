//! The one error type of the browser side. It converts from `JsValue` (so `?` works on web-sys
//! calls) and into a JS `Error` (so exported functions reject with a readable message).

#[allow(unused_imports)]
use crate::prelude::*;

use thiserror::Error;
use wasm_bindgen::JsValue;

use crate::core::consent::ChoiceError;
#[cfg(feature = "full")]
use crate::full::config::ConfigError;

/// Anything that can go wrong on the browser side.
#[derive(Debug, Error)]
pub enum Error {
    /// There is no `window` or `document` (a worker, or server-side rendering).
    #[error("no browser window here")]
    NoWindow,
    /// The config could not be used.
    #[cfg(feature = "full")]
    #[error("{0}")]
    Config(#[from] ConfigError),
    /// A consent change could not be made.
    #[error("{0}")]
    Choice(#[from] ChoiceError),
    /// A call from JavaScript had a wrong argument.
    #[error("{0}")]
    Argument(String),
    /// A browser API threw.
    #[error("{0}")]
    Js(String),
}

impl From<JsValue> for Error {
    fn from(value: JsValue) -> Self {
        let message = js_sys::Reflect::get(&value, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| value.as_string())
            .unwrap_or_else(|| "a browser API failed".to_owned());
        Error::Js(message)
    }
}

impl Error {
    /// The message, without `format!`: the first stage has no `core::fmt` (see `std` in
    /// Cargo.toml), so only the full stage's variants format.
    pub fn message(&self) -> String {
        match self {
            Error::NoWindow => "no browser window here".to_owned(),
            #[cfg(feature = "full")]
            Error::Config(error) => error.to_string(),
            #[cfg(feature = "full")]
            Error::Choice(error) => error.to_string(),
            #[cfg(not(feature = "full"))]
            Error::Choice(_) => "the change could not be made".to_owned(),
            Error::Argument(message) | Error::Js(message) => message.clone(),
        }
    }
}

impl Error {
    /// Logs one console line, `context: message`, and carries on: the component never throws
    /// into the page.
    pub fn log(&self, context: &str) {
        log_error(&crate::core::text::concat(&[
            context,
            ": ",
            &self.message(),
        ]));
    }
}

impl From<Error> for JsValue {
    fn from(error: Error) -> Self {
        js_sys::Error::new(&prefixed(&error.message())).into()
    }
}

fn prefixed(message: &str) -> String {
    crate::core::text::concat(&[crate::names::LOG_PREFIX, message])
}

/// Logs `message` as one console error line, prefixed with the component's name.
pub fn log_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&prefixed(message)));
}

/// Logs `message` as one console warning line.
pub fn log_warning(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&prefixed(message)));
}

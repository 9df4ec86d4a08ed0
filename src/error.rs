//! The one error type of the browser side. It converts from `JsValue` (so `?` works on web-sys
//! calls) and into a JS `Error` (so exported functions reject with a readable message).

use thiserror::Error;
use wasm_bindgen::JsValue;

use crate::core::config::ConfigError;
use crate::core::consent::ChoiceError;

/// Anything that can go wrong on the browser side.
#[derive(Debug, Error)]
pub enum Error {
    /// There is no `window` or `document` (a worker, or server-side rendering).
    #[error("no browser window here")]
    NoWindow,
    /// The config could not be used.
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

impl From<Error> for JsValue {
    fn from(error: Error) -> Self {
        js_sys::Error::new(&format!("consent-banner: {error}")).into()
    }
}

/// Logs `message` as one console error line, prefixed with the component's name.
pub fn log_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("consent-banner: {message}")));
}

/// Logs `message` as one console warning line.
pub fn log_warning(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("consent-banner: {message}")));
}

//! The one error type of the browser side, by cause, and the one way to fail: log one line and
//! carry on.
//!
//! ```ignore
//! // A web-sys call's `JsValue` error converts with `?`, kept whole as `Error::Browser`:
//! fn stored() -> Result<String, Error> { … }
//! // Where the component carries on without it, one line in the console says why:
//! let id = stored().or_log("no consent id could be made");
//! ```
//!
//! An `Error` converts back into a JS `Error` (so exported functions reject with a readable
//! message), and a browser's error rides along as its `cause`.
//!
//! The first stage has no `core::fmt` (see `std` in Cargo.toml): [`Error::message`] writes every
//! text without it, and `Display` (the full stage's `format!`) prints that same text.

#[allow(unused_imports)]
use crate::prelude::*;

use wasm_bindgen::{JsCast, JsValue};

#[cfg(feature = "full")]
use crate::core::consent::ChoiceError;
use crate::core::text::concat;
#[cfg(feature = "full")]
use crate::full::config::ConfigError;

/// Anything that can go wrong on the browser side, by whose it is to fix.
#[derive(Debug)]
pub enum Error {
    /// There is no `window` or `document` (a worker, or server-side rendering).
    NoWindow,
    /// The page: its markup (`data-config`, `data-consent`, `data-src`) or what it was to provide
    /// (`gtag`). The text says what and where.
    Page(String),
    /// The site's config: every problem found in it (one at least).
    #[cfg(feature = "full")]
    Config(Vec<ConfigError>),
    /// A consent change could not be made (only the full stage makes changes).
    #[cfg(feature = "full")]
    Choice(ChoiceError),
    /// A call from JavaScript had a wrong argument.
    Argument(String),
    /// The browser threw: what JavaScript said, kept whole.
    Browser(JsError),
    /// The browser (or a script the page loaded) lacks what the component needs.
    Unsupported(String),
    /// A request was answered with an error status (the first stage hands such a config over
    /// to the full stage, which says why).
    #[cfg(feature = "full")]
    Http {
        /// What was asked for, as the message names it (``data-config `/c.json` ``).
        what: String,
        /// The HTTP status.
        status: u16,
    },
    /// Something the component itself got wrong.
    Bug(&'static str),
}

/// A JavaScript error (or any thrown value), kept whole: the value itself, which goes back to
/// JavaScript as the `cause` of the component's error, and its message, read once (measured: a
/// message read when logged instead cost the first stage 130 B brotli).
#[derive(Debug, Clone)]
pub struct JsError {
    value: JsValue,
    message: String,
}

impl JsError {
    /// What was thrown.
    pub fn value(&self) -> &JsValue {
        &self.value
    }

    /// Its `name` (`"TypeError"`, `"SecurityError"`…), if it has one.
    pub fn name(&self) -> Option<String> {
        // `Reflect.get` throws on a primitive (a thrown string): then there is no name.
        js_sys::Reflect::get(&self.value, &JsValue::from_str("name"))
            .ok()?
            .as_string()
    }

    /// Its `message`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<JsValue> for Error {
    fn from(value: JsValue) -> Self {
        // A thrown string is its own message.
        let message = js_sys::Reflect::get(&value, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| value.as_string())
            .unwrap_or_else(|| "a browser API failed".to_owned());
        Error::Browser(JsError { value, message })
    }
}

#[cfg(feature = "full")]
impl From<ChoiceError> for Error {
    fn from(error: ChoiceError) -> Self {
        Error::Choice(error)
    }
}

#[cfg(feature = "full")]
impl From<ConfigError> for Error {
    fn from(error: ConfigError) -> Self {
        Error::Config(vec![error])
    }
}

impl Error {
    /// The message, the same in both stages, written without `format!` (see the module docs).
    pub fn message(&self) -> String {
        match self {
            Error::NoWindow => "no browser window here".to_owned(),
            Error::Page(message) | Error::Argument(message) | Error::Unsupported(message) => {
                message.clone()
            }
            #[cfg(feature = "full")]
            // One line for them all, as the component logs one line.
            Error::Config(faults) => faults
                .iter()
                .map(ConfigError::message)
                .collect::<Vec<_>>()
                .join("; "),
            #[cfg(feature = "full")]
            Error::Choice(error) => error.message(),
            Error::Browser(error) => error.message.clone(),
            #[cfg(feature = "full")]
            Error::Http { what, status } => concat(&[
                what,
                " answered HTTP ",
                &crate::core::text::decimal(u64::from(*status)),
            ]),
            Error::Bug(message) => (*message).to_owned(),
        }
    }
}

impl ::core::fmt::Display for Error {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl ::core::error::Error for Error {
    fn source(&self) -> Option<&(dyn ::core::error::Error + 'static)> {
        match self {
            #[cfg(feature = "full")]
            Error::Config(faults) => faults.first().map(|e| e as _),
            #[cfg(feature = "full")]
            Error::Choice(error) => Some(error),
            _ => None,
        }
    }
}

impl From<Error> for JsValue {
    fn from(error: Error) -> Self {
        let converted = js_sys::Error::new(&prefixed(&error.message()));
        if let Error::Browser(JsError { value, .. }) = &error {
            converted.set_cause(value);
        }
        converted.unchecked_into()
    }
}

/// `result`, or `None` after one line in the console: the component's one way to fail where it
/// can carry on.
pub trait OrLog<T> {
    /// The value, or `None` after logging `context: <what went wrong>` as an error.
    fn or_log(self, context: &str) -> Option<T>;
}

impl<T, E: Into<Error>> OrLog<T> for Result<T, E> {
    #[inline]
    fn or_log(self, context: &str) -> Option<T> {
        match self {
            Ok(value) => Some(value),
            Err(error) => {
                report(context, &error.into());
                None
            }
        }
    }
}

/// Logs `context: <what went wrong>` as one console error line. Out of line, so every
/// [`OrLog::or_log`] shares it.
#[inline(never)]
pub fn report(context: &str, error: &Error) {
    log_error(&concat(&[context, ": ", &error.message()]));
}

fn prefixed(message: &str) -> String {
    concat(&[crate::names::LOG_PREFIX, message])
}

/// Logs `message` as one console error line, prefixed with the component's name.
pub fn log_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&prefixed(message)));
}

/// Logs `message` as one console warning line.
pub fn log_warning(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&prefixed(message)));
}

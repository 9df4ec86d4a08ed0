//! Loading the full stage's config: from a drop-in's `data-config` (an element or a same-origin
//! file, found by [`crate::browser::config_source`]) or from a JS object (the npm entry). Any
//! failure is logged with the field at fault and ends in the built-in defaults.

#[allow(unused_imports)]
use crate::prelude::*;

use wasm_bindgen::{JsCast, JsValue};

use super::faults::{self, Faults};
use super::js_de::JsDe;
use super::{Config, ConfigError};
use crate::browser::config_source::{fetch, locate, page_language, Source};
use crate::core::digest;
use crate::error::Error;
use crate::full::promise::settle;

/// The outcome of loading: the config to use, and whether it is the site's own.
pub struct Loaded {
    /// The config to use.
    pub config: Config,
    /// False when the site's config failed and the defaults stand in (nothing optional may run).
    pub valid: bool,
    /// For a drop-in config that validated: the fingerprint of its source, under which the
    /// first stage finds its digest.
    pub fingerprint: Option<String>,
}

impl Loaded {
    fn from(result: Result<Config, Error>) -> Self {
        match result {
            Ok(config) => Self {
                config,
                valid: true,
                fingerprint: None,
            },
            Err(error) => {
                crate::error::log_error(&format!(
                    "{error}. Using the built-in defaults; nothing optional will run on this page."
                ));
                Self {
                    config: Config::for_page(page_language().as_deref()),
                    valid: false,
                    fingerprint: None,
                }
            }
        }
    }
}

/// Loads the config named by a drop-in's `data-config` (an element id or a same-origin URL), and
/// calls `done` with it. `known` is its text if the first stage read it already.
pub fn from_reference(
    reference: Option<String>,
    known: Option<String>,
    done: impl FnOnce(Loaded) + 'static,
) {
    let page = page_language();
    let Some(reference) = reference.filter(|r| !r.trim().is_empty()) else {
        return done(Loaded {
            config: Config::for_page(page.as_deref()),
            valid: true,
            fingerprint: Some(digest::fingerprint(None, page.as_deref())),
        });
    };
    let load = move |source: Result<(String, String), Error>| {
        let fingerprint = source
            .as_ref()
            .ok()
            .map(|(text, _)| digest::fingerprint(Some(text), page.as_deref()));
        let mut loaded =
            Loaded::from(source.and_then(|(text, name)| parse_text(&text, &name, page.as_deref())));
        if loaded.valid {
            loaded.fingerprint = fingerprint;
        }
        done(loaded)
    };
    match known {
        Some(text) => {
            let name = match locate(&reference) {
                Ok(Source::Inline(_, name)) => name,
                _ => reference,
            };
            load(Ok((text, name)))
        }
        None => source_text(&reference, load),
    }
}

/// Uses a config given as a JS object (the npm entry). `undefined` or `null` means the defaults.
pub fn from_object(value: JsValue) -> Loaded {
    if value.is_undefined() || value.is_null() {
        return Loaded {
            config: Config::for_page(page_language().as_deref()),
            valid: true,
            fingerprint: None,
        };
    }
    Loaded::from(parse_value(value, page_language().as_deref()))
}

/// Every problem the component would find in a config given as a JS object (as to
/// [`from_object`]) or as JSON text (as a drop-in's `data-config` holds it); none for a good one.
/// Touches no page, so it runs in Node: it checks as for a page without `<html lang>` (English).
/// The page's language chooses built-in texts, and one default a check depends on: a Welsh page's
/// `toolbar.pageLanguage` is `cy`, which a `toolbar.languages` list must then include.
pub fn problems(config: JsValue) -> Vec<ConfigError> {
    let checked = match config.as_string() {
        Some(text) => parse_text(&text, "the config", None),
        None if config.is_undefined() || config.is_null() => return Vec::new(),
        None => parse_value(config, None),
    };
    match checked {
        Ok(_) => Vec::new(),
        Err(Error::Config(faults)) => faults,
        Err(other) => vec![ConfigError::new("", other.message())],
    }
}

/// Calls `done` with the text of the config a drop-in's `data-config` names (an element's text,
/// or a same-origin file's), and the name error messages give it.
pub fn source_text(reference: &str, done: impl FnOnce(Result<(String, String), Error>) + 'static) {
    let fetched = match locate(reference) {
        Ok(Source::Inline(text, name)) => return done(Ok((text, name))),
        Ok(Source::File(url)) => fetch(&url),
        Err(error) => Err(error),
    };
    let fetched = match fetched {
        Ok(fetched) => fetched,
        Err(error) => return done(Err(error)),
    };
    let reference = reference.to_owned();
    settle(&fetched, move |response| {
        let text = response.and_then(|r| r.dyn_into::<web_sys::Response>());
        let text = match text.map_err(Error::from) {
            Ok(response) if !response.ok() => Err(Error::Http {
                what: format!("data-config `{reference}`"),
                status: response.status(),
            }),
            Ok(response) => response.text().map_err(Error::from),
            Err(error) => Err(error),
        };
        match text {
            Ok(text) => settle(&text, move |text| {
                done(match text {
                    Ok(text) => Ok((text.as_string().unwrap_or_default(), reference)),
                    Err(error) => Err(Error::from(error)),
                })
            }),
            Err(error) => done(Err(error)),
        }
    });
}

fn parse_text(text: &str, source: &str, page: Option<&str>) -> Result<Config, Error> {
    let value = js_sys::JSON::parse(text).map_err(|e| {
        Error::from(ConfigError::new(
            "",
            format!("{source} is not valid JSON ({})", Error::from(e)),
        ))
    })?;
    parse_value(value, page)
}

/// The config in `value`, or every problem found in it.
fn parse_value(value: JsValue, page: Option<&str>) -> Result<Config, Error> {
    let mut faults = Faults::default();
    let config = faults::read(JsDe(value), &mut faults)
        .map(|input| Config::checked(input, page, &mut faults));
    match config {
        Some(config) if faults.is_empty() => Ok(config),
        _ => Err(Error::Config(faults.0)),
    }
}

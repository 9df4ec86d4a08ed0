//! Reading, writing and expiring cookies through `document.cookie`.

#[allow(unused_imports)]
use crate::prelude::*;

use wasm_bindgen::JsCast;
use web_sys::HtmlDocument;

use super::dom;
use crate::core::cookies::{expiry_assignments, parse_jar, session_assignment, set_assignment};
use crate::error::Error;

fn html_document() -> Result<HtmlDocument, Error> {
    dom::document()?
        .dyn_into::<HtmlDocument>()
        .map_err(|_| Error::NoWindow)
}

/// The whole `document.cookie` string ("" when cookies are blocked).
pub fn jar() -> String {
    html_document()
        .and_then(|d| d.cookie().map_err(Error::from))
        .unwrap_or_default()
}

/// The first value of cookie `name`, if any. With several (set on different paths or domains),
/// the browser lists the most specific path first, and that one wins.
pub fn get(name: &str) -> Option<String> {
    parse_jar(&jar())
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_owned())
}

/// Sets a first-party cookie on `Path=/`, `SameSite=Lax`, `Secure` on https.
pub fn set(name: &str, value: &str, days: u32) -> Result<(), Error> {
    set_on(name, value, days, None)
}

/// [`set`], shared with the subdomains of `domain` when one is given.
pub fn set_on(name: &str, value: &str, days: u32, domain: Option<&str>) -> Result<(), Error> {
    let secure = dom::window()?.location().protocol()? == "https:";
    html_document()?.set_cookie(&set_assignment(name, value, days, secure, domain))?;
    Ok(())
}

/// Sets a first-party session cookie on `Path=/`, `SameSite=Lax`, `Secure` on https.
pub fn set_session(name: &str, value: &str) -> Result<(), Error> {
    let secure = dom::window()?.location().protocol()? == "https:";
    html_document()?.set_cookie(&session_assignment(name, value, secure))?;
    Ok(())
}

/// Expires each named cookie on this host and its parent domains, on this path and its ancestors.
pub fn expire(names: &[&str]) -> Result<(), Error> {
    if names.is_empty() {
        return Ok(());
    }
    let location = dom::window()?.location();
    let (host, path) = (location.hostname()?, location.pathname()?);
    let doc = html_document()?;
    for name in names {
        for line in expiry_assignments(name, &host, &path) {
            doc.set_cookie(&line)?;
        }
    }
    Ok(())
}

/// The names of the cookies in a `document.cookie` string.
pub fn names(jar: &str) -> Vec<&str> {
    parse_jar(jar).into_iter().map(|(name, _)| name).collect()
}

/// Expires the cookies that `pick` chooses among those the page has now.
pub fn expire_picked(pick: impl for<'a> FnOnce(&[&'a str]) -> Vec<&'a str>) -> Result<(), Error> {
    let jar = jar();
    expire(&pick(&names(&jar)))
}

//! Where a drop-in's config text is: a JSON `<script>` element or a same-origin JSON file. The
//! full stage parses it (`full::config::load`); the first stage only fingerprints it.

#[allow(unused_imports)]
use crate::prelude::*;

use web_sys::Url;

use super::dom;
use crate::error::Error;

/// Where a drop-in's config text is.
pub enum Source {
    /// The text of an element on the page, and the name error messages give it (`#id`).
    Inline(String, String),
    /// A file on the page's origin: its absolute URL.
    File(String),
}

/// Why a `data-config` reference names no config.
pub enum Unlocated {
    /// No page, or the browser threw.
    Browser(Error),
    /// Neither an element id nor a URL.
    NotUrl,
    /// A URL on another origin.
    OtherOrigin,
}

impl From<Error> for Unlocated {
    fn from(error: Error) -> Self {
        Self::Browser(error)
    }
}

impl From<wasm_bindgen::JsValue> for Unlocated {
    fn from(error: wasm_bindgen::JsValue) -> Self {
        Self::Browser(error.into())
    }
}

/// Finds the config a drop-in's `data-config` names: an element id, else a same-origin URL.
pub fn locate(reference: &str) -> Result<Source, Error> {
    find(reference).map_err(|why| {
        let what = match why {
            Unlocated::Browser(error) => return error,
            Unlocated::NotUrl => "` is neither an element id nor a URL",
            Unlocated::OtherOrigin => "` is not on this site's origin",
        };
        Error::Page(crate::core::text::concat(&[
            "data-config `",
            reference,
            what,
        ]))
    })
}

/// [`locate`], saying why not without words: the first stage hands such a page to the full stage,
/// which says it (and the first stage does not carry the messages).
pub fn find(reference: &str) -> Result<Source, Unlocated> {
    let document = dom::document()?;
    if let Some(element) = document.get_element_by_id(reference) {
        let text = element.text_content().unwrap_or_default();
        return Ok(Source::Inline(
            text,
            crate::core::text::concat(&["#", reference]),
        ));
    }
    let window = dom::window()?;
    let here = window.location().href()?;
    let url = Url::new_with_base(reference, &here).map_err(|_| Unlocated::NotUrl)?;
    if url.origin() != window.location().origin()? {
        return Err(Unlocated::OtherOrigin);
    }
    Ok(Source::File(url.href()))
}

/// Fetches a config file (a [`Source::File`] URL) with same-origin credentials, like the page's
/// own requests: a promise of the response. Inlined: out of line it cost the first stage 70 B.
#[inline]
pub fn fetch(url: &str) -> Result<js_sys::Promise, Error> {
    let init = web_sys::RequestInit::new();
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    Ok(dom::window()?.fetch_with_str_and_init(url, &init))
}

/// The page's `<html lang>`, if it has one.
pub fn page_language() -> Option<String> {
    dom::root()
        .ok()?
        .get_attribute("lang")
        .filter(|l| !l.trim().is_empty())
}

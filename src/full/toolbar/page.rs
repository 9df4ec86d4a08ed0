//! The toolbar's effects on the page: the contrast mode and text size on `<html>`, the system's
//! contrast preference, and loading Google Translate's element through the gate.

#[allow(unused_imports)]
use crate::prelude::*;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

use crate::browser::dom::{self, El};
use crate::core::text::{concat, decimal};
use crate::error::{Error, OrLog};
use crate::full::toolbar::model::Contrast;
use crate::names::attr;

/// The attribute on `<html>` naming the contrast mode (absent for the site's default).
pub const CONTRAST_ATTR: &str = attr::CONTRAST;
/// The attribute on `<html>` holding the text size in percent (absent at 100%).
pub const SIZE_ATTR: &str = attr::TEXT_SIZE;
pub use crate::names::TRANSLATE_CALLBACK;
/// Google Translate's element script, loaded only through the gate (category `embeds`).
pub const TRANSLATE_SCRIPT: &str =
    "https://translate.google.com/translate_a/element.js?cb=consentBannerTranslateInit";

fn root() -> Result<HtmlElement, Error> {
    dom::root()?
        .dyn_into::<HtmlElement>()
        .map_err(|_| Error::NoWindow)
}

/// Shows `contrast` and `size` on `<html>`: an attribute for the stylesheet, and the root font
/// size so that everything sized in rem follows. The drop-in's bootstrap does the same before the
/// Wasm starts; this repeats it for the npm entry and after each change.
pub fn apply_look(contrast: Contrast, size: u16) -> Result<(), Error> {
    let html = root()?;
    if contrast == Contrast::Default {
        html.remove_attribute(CONTRAST_ATTR)?;
    } else {
        html.set_attribute(CONTRAST_ATTR, contrast.value())?;
    }
    let style = html.style();
    if size == 100 {
        html.remove_attribute(SIZE_ATTR)?;
        style.remove_property("font-size")?;
    } else {
        let size = decimal(u64::from(size));
        html.set_attribute(SIZE_ATTR, &size)?;
        style.set_property("font-size", &concat(&[&size, "%"]))?;
    }
    Ok(())
}

/// Whether the system asks for more contrast (`prefers-contrast: more`).
pub fn prefers_more_contrast() -> bool {
    dom::window()
        .ok()
        .and_then(|w| w.match_media("(prefers-contrast: more)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Whether Google Translate's script has been put in the page.
pub fn translate_requested() -> bool {
    dom::document()
        .ok()
        .and_then(|d| {
            d.query_selector(crate::names::select::TRANSLATE_SCRIPT)
                .ok()
                .flatten()
        })
        .is_some()
}

/// Puts Google Translate's script in the page as gated markup (`data-consent` its category,
/// `data-service` its service: `need`), so the gate loads it exactly when it would load any other
/// embed. Once loaded, Google's callback draws its element into `container`, offering `languages`
/// (comma-separated codes).
pub fn request_translate(
    page_language: &str,
    languages: &str,
    container: &str,
    (required, service): (&str, Option<&str>),
) -> Result<(), Error> {
    if translate_requested() {
        return Ok(());
    }
    let window = dom::window()?;
    let (page_language, languages, container) = (
        page_language.to_owned(),
        languages.to_owned(),
        container.to_owned(),
    );
    let init = crate::browser::events::once(move |_| {
        let started = construct_element(&page_language, &languages, &container);
        started.or_log("Google Translate did not start");
        JsValue::UNDEFINED
    });
    js_sys::Reflect::set(&window, &TRANSLATE_CALLBACK.into(), &init)?;
    let script = El::new("script")?
        .attr("type", "text/plain")
        .attr(attr::CONSENT, required)
        .attr(attr::TRANSLATE, "")
        .attr("src", TRANSLATE_SCRIPT)
        .build();
    if let Some(service) = service {
        script.set_attribute(attr::SERVICE, service)?;
    }
    dom::document()?
        .body()
        .ok_or(Error::NoWindow)?
        .append_child(&script)?;
    Ok(())
}

/// `new google.translate.TranslateElement({ pageLanguage, includedLanguages, autoDisplay: false }, id)`.
fn construct_element(page_language: &str, languages: &str, container: &str) -> Result<(), Error> {
    let window = dom::window()?;
    let mut at: JsValue = window.into();
    for key in ["google", "translate", "TranslateElement"] {
        at = js_sys::Reflect::get(&at, &key.into())?;
    }
    let constructor: js_sys::Function = at
        .dyn_into()
        .map_err(|_| Error::Unsupported("google.translate.TranslateElement is missing".into()))?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"pageLanguage".into(), &page_language.into())?;
    js_sys::Reflect::set(&options, &"includedLanguages".into(), &languages.into())?;
    js_sys::Reflect::set(&options, &"autoDisplay".into(), &JsValue::FALSE)?;
    let args = js_sys::Array::of2(&options, &container.into());
    js_sys::Reflect::construct(&constructor, &args)?;
    Ok(())
}

/// Asks a loaded Google Translate element to show `language`, through its own language list.
/// False when the element is not there yet (it reads `googtrans` itself when it starts).
pub fn switch_language(language: &str) -> bool {
    let Some(select) = dom::document()
        .ok()
        .and_then(|d| d.query_selector("select.goog-te-combo").ok().flatten())
        .and_then(|e: Element| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
    else {
        return false;
    };
    select.set_value(language);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("change", &init) {
        let _ = select.dispatch_event(&event);
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_script_calls_back_the_global_the_toolbar_defines() {
        assert!(super::TRANSLATE_SCRIPT.ends_with(&["?cb=", super::TRANSLATE_CALLBACK].concat()));
    }
}

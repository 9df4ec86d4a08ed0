//! DOM access and a small element builder. Text always goes in as text nodes, never as HTML.

#[allow(unused_imports)]
use crate::prelude::*;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, Window};

use crate::error::Error;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// An element, seen through `matches` and `querySelector` that take selectors already in JS:
    /// the gate makes its selectors a JS string once, not once per added node. The first stage
    /// uses only these two (see [`matches`], [`holds`]), not web-sys's too: two imports less.
    pub type Probe;
    /// `el.matches(selectors)`.
    #[wasm_bindgen(method, catch)]
    pub fn matches(
        this: &Probe,
        selectors: &js_sys::JsString,
    ) -> Result<bool, wasm_bindgen::JsValue>;
    /// `el.querySelector(selectors)`: the element, or `null`.
    #[wasm_bindgen(method, catch, js_name = querySelector)]
    pub fn query(
        this: &Probe,
        selectors: &js_sys::JsString,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;

    /// `window`, `None` where there is none (Node). Read directly: `web_sys::window()` goes
    /// through `js_sys::global()`, which tries four globals and checks `instanceof Window`
    /// (five imports and their code).
    #[wasm_bindgen(thread_local_v2, js_name = window)]
    static WINDOW: Option<Window>;
}

/// The window, or [`Error::NoWindow`].
pub fn window() -> Result<Window, Error> {
    WINDOW.with(Clone::clone).ok_or(Error::NoWindow)
}

/// The document, or [`Error::NoWindow`].
pub fn document() -> Result<Document, Error> {
    window()?.document().ok_or(Error::NoWindow)
}

/// The page's root element (`<html>`).
pub fn root() -> Result<Element, Error> {
    document()?.document_element().ok_or(Error::NoWindow)
}

/// Whether `el` matches `selector` (not when the selector is invalid).
pub fn matches(el: &Element, selector: &str) -> bool {
    let selector = js_sys::JsString::from(selector);
    el.unchecked_ref::<Probe>()
        .matches(&selector)
        .unwrap_or(false)
}

/// Whether `el` holds an element matching `selector`; `None` when the selector is invalid.
pub fn holds(el: &Element, selector: &str) -> Option<bool> {
    let selector = js_sys::JsString::from(selector);
    let found = el.unchecked_ref::<Probe>().query(&selector).ok()?;
    Some(!found.is_null())
}

/// Every element on the page matching `selector`, in document order (none without a page).
pub fn query_page(selector: &str) -> Vec<Element> {
    root()
        .map(|root| query_all(&root, selector))
        .unwrap_or_default()
}

/// Builds an element: `El::new("p")?.class("x").text("Hello").build()`.
pub struct El(Element);

impl El {
    /// A new element with this tag.
    pub fn new(tag: &str) -> Result<Self, Error> {
        Ok(Self(document()?.create_element(tag)?))
    }

    /// Adds an attribute. Names are the component's own constants, which are always valid.
    pub fn attr(self, name: &str, value: &str) -> Self {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets `class`.
    pub fn class(self, class: &str) -> Self {
        self.attr("class", class)
    }

    /// Appends `text` as a text node.
    pub fn text(self, text: &str) -> Self {
        if let Some(doc) = self.0.owner_document() {
            let _ = self.0.append_child(&doc.create_text_node(text));
        }
        self
    }

    /// Appends a child element.
    pub fn child(self, child: Element) -> Self {
        let _ = self.0.append_child(&child);
        self
    }

    /// Appends a child built by `make`, if it could be built.
    pub fn with(self, make: impl FnOnce() -> Result<Element, Error>) -> Result<Self, Error> {
        let child = make()?;
        Ok(self.child(child))
    }

    /// The element.
    pub fn build(self) -> Element {
        self.0
    }
}

/// Moves focus to `element` (which should be focusable).
pub fn focus(element: &Element) {
    if let Some(el) = element.dyn_ref::<HtmlElement>() {
        let _ = el.focus();
    }
}

/// Every element matching `selector` under `root`, in document order.
pub fn query_all(root: &Element, selector: &str) -> Vec<Element> {
    let mut found = Vec::new();
    if matches(root, selector) {
        found.push(root.clone());
    }
    if let Ok(list) = root.query_selector_all(selector) {
        for i in 0..list.length() {
            // `querySelectorAll` lists elements only: no `instanceof` call per node.
            if let Some(node) = list.item(i) {
                found.push(node.unchecked_into());
            }
        }
    }
    found
}

/// Dispatches the custom event `name` on `document`, with `detail`.
pub fn dispatch(name: &str, detail: &wasm_bindgen::JsValue) -> Result<(), Error> {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    let event = web_sys::CustomEvent::new_with_event_init_dict(name, &init)?;
    document()?.dispatch_event(&event)?;
    Ok(())
}

/// Calls `then` once the document is parsed (at once if it already is).
pub fn when_ready(then: impl FnOnce() + 'static) -> Result<(), Error> {
    let document = document()?;
    if document.ready_state() != "loading" {
        then();
        return Ok(());
    }
    // Called once (DOMContentLoaded fires once), which frees it.
    let callback = super::events::once(move |_| {
        then();
        wasm_bindgen::JsValue::UNDEFINED
    });
    document.add_event_listener_with_callback("DOMContentLoaded", callback.unchecked_ref())?;
    Ok(())
}

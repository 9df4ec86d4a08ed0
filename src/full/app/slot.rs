//! The banner's slot: the region at the top of `<body>` that holds the banner's message, the
//! settings form drawn in it, a confirmation or a notice, and where it is placed (docked at the
//! bottom of the viewport, or in flow at the top: README, "Where the banner is drawn").

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::cell::{Cell, RefCell};

use web_sys::Element;

use crate::browser::dom;
use crate::error::{log_warning, Error};
use crate::full::config::Config;
use crate::full::ui::banner::{self, Placement};

/// The banner's region and placement, while it is on the page.
#[derive(Default)]
pub struct Slot {
    region: RefCell<Option<Element>>,
    placement: RefCell<Option<Placement>>,
    /// Whether the banner is asking (its message, or the settings form in it): a choice made
    /// anywhere else answers it.
    asking: Cell<bool>,
    /// The page's `[data-consent-open]` element that opened the settings, for focus to go back to
    /// when the form in the banner is closed.
    opener: RefCell<Option<Element>>,
}

impl Slot {
    /// Puts `content` in the banner's region (made as the first element of `<body>` if it is not
    /// there), as a question if `asking`. Returns the region.
    pub fn show(
        &self,
        config: &Config,
        content: &[&Element],
        asking: bool,
    ) -> Result<Element, Error> {
        let region = self.region(config)?;
        match content {
            [one] => region.replace_children_with_node_1(one),
            [one, two] => region.replace_children_with_node_2(one, two),
            _ => {
                let nodes: js_sys::Array = content.iter().copied().collect();
                region.replace_children_with_node(&nodes);
            }
        }
        self.asking.set(asking);
        Ok(region)
    }

    /// The banner region, with its placement: whoever fills it then places it.
    fn region(&self, config: &Config) -> Result<Element, Error> {
        if let Some(region) = self.region.borrow().as_ref().filter(|r| r.is_connected()) {
            return Ok(region.clone());
        }
        let body = dom::document()?.body().ok_or(Error::NoWindow)?;
        let region = banner::region(config)?;
        // The old region's placement goes first: dropping it undocks the page.
        self.placement.borrow_mut().take();
        body.prepend_with_node_1(&region)?;
        *self.region.borrow_mut() = Some(region.clone());
        match Placement::new(&region) {
            Ok(placement) => *self.placement.borrow_mut() = Some(placement),
            // Without a resize observer the page's padding could not follow the banner's
            // height: the banner stays in flow at the top, where it hides nothing.
            Err(error) => log_warning(&format!("the banner is drawn at the top: {error}")),
        }
        Ok(region)
    }

    /// Docks the banner at the bottom of the viewport where it fits, or puts it in flow at the top.
    pub fn dock(&self, docked: bool) {
        if let Some(placement) = self.placement.borrow().as_ref() {
            placement.dock(docked);
        }
    }

    /// Places the banner after new content, keeping it where it is if it still fits there.
    pub fn keep(&self) {
        if let Some(placement) = self.placement.borrow().as_ref() {
            placement.keep();
        }
    }

    /// Fits the banner again after the text size changed.
    pub fn refit(&self) {
        if let Some(placement) = self.placement.borrow().as_ref() {
            placement.refit();
        }
    }

    /// Takes the banner off the page, and the page's room for it with it.
    pub fn hide(&self) {
        if let Some(region) = self.region.borrow_mut().take() {
            region.remove();
        }
        self.placement.borrow_mut().take();
        self.asking.set(false);
    }

    /// The first element in the banner that matches `selector`.
    pub fn find(&self, selector: &str) -> Option<Element> {
        let region = self.region.borrow().clone()?;
        region.query_selector(selector).ok().flatten()
    }

    /// Whether the banner is asking for a choice.
    pub fn asking(&self) -> bool {
        self.asking.get()
    }

    /// Remembers the page's control that opened the settings.
    pub fn opened_by(&self, control: Element) {
        *self.opener.borrow_mut() = Some(control);
    }

    /// The page's control that opened the settings, if it is still on the page (and forgets it).
    pub fn take_opener(&self) -> Option<Element> {
        self.opener.take().filter(|el| el.is_connected())
    }
}

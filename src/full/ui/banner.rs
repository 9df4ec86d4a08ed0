//! The banner region, its message and its confirmation, and where the region is drawn.

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::cell::Cell;
use alloc::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, ResizeObserver};

use super::{button, piece, settings_link, Action, SettingsTarget};
use crate::browser::dom::{self, El};
use crate::browser::events::{Callback, Listener};
use crate::error::Error;
use crate::full::config::{category_name, fill, Config};
use crate::full::decide::{Dismiss, Message};
use crate::names::attr;

/// The empty region, named "Cookies on {siteName}".
pub fn region(config: &Config) -> Result<Element, Error> {
    let label = fill(
        &config.texts.banner_heading,
        &[("siteName", &config.site_name)],
    );
    Ok(piece("div", config)?
        .class("cb-banner")
        .attr("role", "region")
        .attr("aria-label", &label)
        .attr(attr::BANNER, "")
        .build())
}

/// The heading, shared by the message and the in-banner settings.
pub fn heading(config: &Config) -> Result<Element, Error> {
    heading_of(config, &config.texts.banner_heading)
}

/// A heading of the banner from `template` (`{siteName}`).
fn heading_of(config: &Config, template: &str) -> Result<Element, Error> {
    let text = fill(template, &[("siteName", &config.site_name)]);
    Ok(El::new("h2")?
        .class("cb-banner__heading")
        .text(&text)
        .build())
}

/// The first message, as [`Message`] plans it. A request: two paragraphs (a third about the
/// categories used until the visitor objects, in a mixed banner), Accept and Reject of equal
/// weight. An information notice: its own heading, the paragraphs that say what those
/// categories do and that they are on until turned off, and "Hide this message". Either way a
/// "Turn off" button per such category (as prominent as the others), a paragraph saying the
/// browser's Global Privacy Control was honoured where it was, and the settings link.
pub fn message(config: &Config, target: &SettingsTarget, plan: &Message) -> Result<Element, Error> {
    let t = &config.texts;
    // A notice has a heading of its own: it informs, it does not ask.
    let heading = if plan.asks {
        &t.banner_heading
    } else {
        &t.notice_heading
    };
    let mut message = El::new("div")?
        .class("cb-banner__message")
        .child(heading_of(config, heading)?)
        .child(El::new("p")?.text(&t.banner_intro).build());
    if plan.asks {
        message = message.child(El::new("p")?.text(&t.banner_request).build());
    }
    if !plan.turn_off.is_empty() {
        message = message.child(El::new("p")?.text(&t.notice_request).build());
    }
    if plan.gpc_note {
        message = message.child(
            El::new("p")?
                .class("cb-banner__gpc")
                .attr(attr::GPC, "")
                .text(&t.gpc_note)
                .build(),
        );
    }
    let mut actions = El::new("div")?.class("cb-actions");
    if plan.asks {
        actions = actions
            .child(button(Action::Accept, &t.accept)?)
            .child(button(Action::Reject, &t.reject)?);
    }
    for id in &plan.turn_off {
        let turn_off = button(Action::TurnOff, &naming(config, &t.turn_off, id))?;
        turn_off.set_attribute(attr::CATEGORY, id)?;
        actions = actions.child(turn_off);
    }
    actions = match plan.dismiss {
        Dismiss::Answer => actions,
        Dismiss::Informed => actions.child(button(Action::HideNotice, &t.notice_hide)?),
        Dismiss::Hide => actions.child(button(Action::Hide, &t.hide)?),
    };
    let actions = actions
        .child(settings_link(target, &t.settings_link)?)
        .build();
    Ok(message.child(actions).build())
}

/// `template` (`turnOff`, `turnedOff`) naming category `id` (see [`category_name`]).
pub fn naming(config: &Config, template: &str, id: &str) -> String {
    let label = config.category(id).map_or(id, |c| c.label.as_str());
    fill(
        template,
        &[("category", category_name(&config.texts, id, label))],
    )
}

/// A notice with a button that reloads the page (after a withdrawal in another tab), focusable
/// but not focused: the visitor is in the middle of something else.
pub fn notice(config: &Config, text: &str) -> Result<Element, Error> {
    Ok(El::new("div")?
        .class("cb-banner__confirmation")
        .attr("tabindex", "-1")
        .attr(attr::NOTICE, "")
        .child(El::new("p")?.attr("role", "status").text(text).build())
        .child(button(Action::Reload, &config.texts.reload)?)
        .build())
}

/// The confirmation after a choice (`text` says which), focusable so it can take focus.
pub fn confirmation(
    config: &Config,
    text: &str,
    target: &SettingsTarget,
) -> Result<Element, Error> {
    let t = &config.texts;
    Ok(El::new("div")?
        .class("cb-banner__confirmation")
        .attr("tabindex", "-1")
        .child(
            El::new("p")?
                .text(text)
                .text(" ")
                .child(settings_link(target, &t.change_settings)?)
                .build(),
        )
        .child(button(Action::Hide, &t.hide)?)
        .build())
}

/// On `<html>`: the banner's height, which the docked page's padding and scroll padding use.
const HEIGHT: &str = "--cb-banner-height";

/// Where the banner is drawn, for as long as its region is on the page.
///
/// The region stays the first element of `<body>`, so screen readers and the keyboard meet it
/// first. Docked, it is drawn fixed at the bottom of the viewport instead of pushing the page
/// down when it appears after the first paint (a layout shift), and the page gets its height as
/// padding at its end and as scroll padding, so nothing (keyboard focus included) has to stay
/// under it; a resize observer keeps that height up to date through resizing, zoom and text
/// size. A banner that would not fit whole in its docked space (the stylesheet's `max-height`:
/// large text, a short or zoomed viewport) is drawn in flow at the top instead, where it is read
/// with the page's own scrolling and Accept and Reject are always both in view.
///
/// Dropping it stops the observer and the resize listener and takes the docking and the height
/// off `<html>`.
#[must_use = "dropping a Placement undocks the banner and stops measuring it"]
pub struct Placement {
    spot: Rc<Spot>,
    observer: ResizeObserver,
    _measure: Callback,
    _resize: Listener,
}

/// The region, `<html>`, whether the banner should be docked where it fits, and whether it has
/// been placed yet.
struct Spot {
    root: HtmlElement,
    region: Element,
    wanted: Cell<bool>,
    placed: Cell<bool>,
}

impl Spot {
    /// Docks the region if it is wanted there and fits whole; otherwise puts it in flow.
    fn place(&self) {
        self.placed.set(true);
        if !self.wanted.get() {
            let _ = self.root.remove_attribute(attr::DOCKED);
            return;
        }
        let _ = self.root.set_attribute(attr::DOCKED, "docked");
        // Reading the sizes lays the page out docked (before anything is painted): a region that
        // overflows its docked `max-height` goes back in flow. Where the stylesheet keeps it in
        // flow anyway (a short viewport, print), nothing overflows and the mark is harmless.
        if self.region.scroll_height() > self.region.client_height() + 1 {
            let _ = self.root.remove_attribute(attr::DOCKED);
        }
    }
}

impl Placement {
    /// Starts measuring `region`, which is placed (docked where it fits) once it has its content:
    /// see [`Placement::dock`] and [`Placement::keep`].
    pub fn new(region: &Element) -> Result<Self, Error> {
        let root: HtmlElement = dom::root()?.dyn_into().map_err(|_| Error::NoWindow)?;
        let measure = {
            let root = root.clone();
            let region = region.clone();
            let mut last = None;
            Callback::new(move |_| {
                let height = super::px(region.get_bounding_client_rect().height());
                if last.as_ref() != Some(&height) {
                    last = Some(height.clone());
                    // Written in the next frame, not from this callback: the padding can bring a
                    // scrollbar that narrows the banner in the same frame, which browsers with
                    // classic scrollbars (Firefox, Chromium on Windows) report to the page as a
                    // "ResizeObserver loop" error (tests/engines, docs/browsers.md).
                    let root = root.clone();
                    let write = crate::browser::events::once(move |_| {
                        let _ = root.style().set_property(HEIGHT, &height);
                        JsValue::UNDEFINED
                    });
                    if let Ok(window) = dom::window() {
                        let _ = window.request_animation_frame(write.unchecked_ref());
                    }
                }
            })
        };
        let observer = ResizeObserver::new(measure.as_function())?;
        observer.observe(region);
        let spot = Rc::new(Spot {
            root,
            region: region.clone(),
            wanted: Cell::new(true),
            placed: Cell::new(false),
        });
        // Zoom and the window's size decide what fits: placed again on every resize. Not from
        // the observer, whose callback must not change the layout it measures.
        let resize = {
            let spot = Rc::downgrade(&spot);
            let window: web_sys::EventTarget = dom::window()?.into();
            Listener::new(&window, "resize", move |_| {
                if let Some(spot) = spot.upgrade() {
                    spot.place();
                }
            })
        };
        Ok(Self {
            spot,
            observer,
            _measure: measure,
            _resize: resize,
        })
    }

    /// Docks the banner at the bottom of the viewport where it fits (`true`), or puts it in
    /// flow at the top whatever its size (`false`).
    pub fn dock(&self, docked: bool) {
        self.spot.wanted.set(docked);
        self.spot.place();
    }

    /// After new content: a docked banner stays docked if it still fits, one in flow stays
    /// there (it does not jump to the bottom of the viewport because it got shorter), and a new
    /// one is docked where it fits.
    pub fn keep(&self) {
        if !self.spot.placed.get() || self.spot.root.has_attribute(attr::DOCKED) {
            self.spot.place();
        }
    }

    /// Places the banner again after its size may have changed (the toolbar's text size).
    pub fn refit(&self) {
        self.spot.place();
    }
}

impl Drop for Placement {
    fn drop(&mut self) {
        self.observer.disconnect();
        let _ = self.spot.root.remove_attribute(attr::DOCKED);
        let _ = self.spot.root.style().remove_property(HEIGHT);
    }
}

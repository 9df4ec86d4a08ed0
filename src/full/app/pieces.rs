//! What the controller draws: the banner's message, the settings (in the banner or on the page),
//! confirmations, notices and placeholders. The pieces themselves are `full::ui`'s; this decides
//! where they go and where focus moves.

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::App;
use crate::browser::dom;
use crate::core::consent::Need;
use crate::core::url::provider_name;
use crate::error::{log_warning, report, Error};
use crate::full::decide::{self, SettingsTarget};
use crate::full::ui::{self, Action};
use crate::names::{attr, select};

/// The id of the settings form drawn inside the banner.
pub const BANNER_FORM: &str = "cb-banner-settings";

impl App {
    /// Where settings links lead (see [`decide::settings_target`]).
    pub(super) fn settings_target(&self, in_banner: bool) -> SettingsTarget {
        let on_page = dom::document()
            .ok()
            .and_then(|d| d.query_selector(select::PAGE_FORMS).ok().flatten())
            .map(|form| form.id());
        decide::settings_target(on_page, self.config.settings_url.as_deref(), in_banner)
    }

    /// Shows the banner's first message (again), as the first element of `<body>`: a request,
    /// an information notice or both, as [`decide::message`] plans it.
    pub fn show_banner(self: &Rc<Self>) -> Result<(), Error> {
        let plan = decide::message(&self.runtime.banner());
        let message = ui::banner::message(&self.config, &self.settings_target(true), &plan)?;
        self.slot.show(&self.config, &[&message], true)?;
        self.slot.dock(true);
        Ok(())
    }

    /// Opens the settings: the form on this page if there is one, else a form in the banner.
    pub fn show_settings(self: &Rc<Self>) -> Result<(), Error> {
        if let SettingsTarget::OnPage(id) = self.settings_target(true) {
            if let Some(form) = dom::document()?.get_element_by_id(&id) {
                form.scroll_into_view();
                dom::focus(&form);
                return Ok(());
            }
        }
        let choice = self.runtime.current();
        let form = ui::settings::form(
            &self.config,
            choice.as_deref(),
            self.runtime.gpc(),
            BANNER_FORM,
            ui::settings::Place::Banner,
        )?;
        let heading = ui::banner::heading(&self.config)?;
        self.slot.show(&self.config, &[&heading, &form], true)?;
        // A form of any length is read and answered in flow, at the top of the page, not in a
        // panel that covers part of the viewport (the visitor asked for it: not a layout shift
        // that counts). It stays there, with the confirmation after it, until hidden.
        self.slot.dock(false);
        dom::focus(&form);
        // Focus scrolls a form taller than the viewport (one with many services) part way in:
        // its start goes out of view. Show it from its heading instead.
        if form.get_bounding_client_rect().top() < 0.0 {
            heading.scroll_into_view();
        }
        Ok(())
    }

    /// Closes the settings form drawn in the banner without saving: back to the banner's question
    /// if there is no choice yet, else the banner goes. Focus returns to what opened the form.
    pub(super) fn close_settings(self: &Rc<Self>) -> Result<(), Error> {
        let opener = self.slot.take_opener();
        let back = if self.runtime.choice().is_none()
            && self.config.banner
            && self.runtime.banner().shown()
        {
            self.show_banner()?;
            self.slot.find(&Action::Settings.selector())
        } else {
            self.slot.hide();
            None
        };
        if let Some(el) = opener.or(back) {
            dom::focus(&el);
        }
        Ok(())
    }

    /// Replaces the banner's content with a confirmation and moves focus to it.
    pub(super) fn confirm(self: &Rc<Self>, text: &str) -> Result<(), Error> {
        let text = if self.remembered.get() {
            text.to_owned()
        } else {
            format!("{text} {}", self.config.texts.not_remembered)
        };
        let confirmation =
            ui::banner::confirmation(&self.config, &text, &self.settings_target(true))?;
        self.slot.show(&self.config, &[&confirmation], false)?;
        self.slot.keep();
        dom::focus(&confirmation);
        Ok(())
    }

    /// Confirms in the banner that category `id` was turned off, and moves focus there.
    pub(super) fn confirm_turned_off(self: &Rc<Self>, id: &str) -> Result<(), Error> {
        let texts = &self.config.texts;
        self.confirm(&ui::banner::naming(&self.config, &texts.turned_off, id))
    }

    /// Explains in the banner that another tab's withdrawal needs a reload here.
    pub(super) fn explain_reload(&self) -> Result<(), Error> {
        let notice = ui::banner::notice(&self.config, &self.config.texts.other_tab)?;
        self.slot.show(&self.config, &[&notice], false)?;
        self.slot.keep();
        Ok(())
    }

    /// Draws a settings form into a page's `[data-consent-settings]` host. `saved` after the page
    /// reloaded itself on saving: the form says so, and takes focus.
    pub(super) fn draw_form_into(&self, host: &Element, saved: bool) -> Result<(), Error> {
        let n = self.forms.get() + 1;
        self.forms.set(n);
        let choice = self.runtime.current();
        let form = ui::settings::form(
            &self.config,
            choice.as_deref(),
            self.runtime.gpc(),
            &format!("cb-settings-{n}"),
            ui::settings::Place::Page { saved },
        )?;
        host.replace_children_with_node_1(&form);
        if saved {
            if let Ok(Some(status)) = form.query_selector(".cb-settings__saved") {
                dom::focus(&status);
            }
        }
        Ok(())
    }

    /// Says in a page's settings form that it saved, and moves focus there.
    pub(super) fn say_saved(&self, form: &Element) -> Result<(), Error> {
        if let Ok(Some(old)) = form.query_selector(".cb-settings__saved") {
            old.remove();
        }
        let texts = &self.config.texts;
        let status = if self.remembered.get() {
            ui::settings::status(&texts.saved)?
        } else {
            ui::settings::status(&format!("{} {}", texts.saved, texts.not_remembered))?
        };
        form.prepend_with_node_1(&status)?;
        dom::focus(&status);
        Ok(())
    }

    /// Sets every form's radios and service boxes from the current choice (before any, the
    /// presumed one).
    pub(super) fn sync_forms(&self) {
        let Some(choice) = self.runtime.current() else {
            return;
        };
        for el in dom::query_page(select::FORM_ANSWERS) {
            if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                let id = input.get_attribute(attr::CATEGORY).unwrap_or_default();
                input.set_checked((input.value() == "yes") == choice.granted(&id));
            }
        }
        for el in dom::query_page(select::FORM_SERVICES) {
            if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                let id = input.get_attribute(attr::SERVICE_GRANT).unwrap_or_default();
                input.set_checked(choice.service_granted(&id));
            }
        }
    }

    /// A placeholder for a frame or fallback the choice refuses, sized as it.
    pub(super) fn draw_placeholder(&self, frame: &Element, need: Need<'_>) -> Option<Element> {
        let src = frame.get_attribute(attr::SRC).unwrap_or_default();
        let service = need.service.and_then(|id| self.config.service(id));
        let provider = frame
            .get_attribute(attr::PROVIDER)
            .filter(|p| !p.trim().is_empty())
            .or_else(|| service.map(|(s, _)| s.label.clone()))
            .unwrap_or_else(|| provider_name(&src));
        let unknown: Vec<&str> = need
            .required
            .split_ascii_whitespace()
            .filter(|id| self.config.category(id).is_none())
            .collect();
        if !unknown.is_empty() {
            log_warning(&format!(
                "data-consent names unknown categories ({}): this embed will never load",
                crate::full::join(&unknown, ", ")
            ));
        }
        if let (Some(named), None) = (frame.get_attribute(attr::SERVICE), need.service) {
            log_warning(&format!(
                "data-service names no service of the config (`{named}`): its placeholder grants the whole category"
            ));
        }
        let title = frame.get_attribute("title").unwrap_or_default();
        match ui::placeholder::placeholder(
            &self.config,
            &provider,
            &title,
            need,
            &self.settings_target(false),
        ) {
            Ok(el) => {
                stand_in_for(frame, &el);
                Some(el)
            }
            Err(error) => {
                report("a placeholder could not be drawn", &error);
                None
            }
        }
    }
}

/// Gives a placeholder the box its frame takes on the page (the frame's `width` and `height`, or
/// the site's CSS for it), so that swapping one for the other moves nothing (docs/stability.md).
/// It grows taller if its text needs more room, and never gets wider than its container.
fn stand_in_for(frame: &Element, placeholder: &Element) {
    let rect = frame.get_bounding_client_rect();
    let Some(placeholder) = placeholder.dyn_ref::<web_sys::HtmlElement>() else {
        return;
    };
    if rect.height() > 0.0 {
        let style = placeholder.style();
        let _ = style.set_property("width", &ui::px(rect.width()));
        let _ = style.set_property("min-height", &ui::px(rect.height()));
    }
}

//! UI pieces, each drawn from config and state: the banner, the settings form, the placeholder
//! that stands in for a blocked embed, and the cookie table. Buttons carry a `data-cb-action`
//! that the controller handles with one delegated listener, so no piece holds listeners; only the
//! banner's placement ([`banner::Placement`]) watches its size and the window's.

#[allow(unused_imports)]
use crate::prelude::*;

pub mod action;
pub mod banner;
pub mod cookie_table;
pub mod placeholder;
pub mod settings;

use crate::core::text::concat;
use crate::full::config::Config;
use crate::names::attr;

pub use crate::full::decide::SettingsTarget;
pub use action::Action;

/// The outer element of a piece: marked with the config's language and direction, so screen
/// readers pronounce it right and right-to-left texts lay out right, whatever the page around it.
pub fn piece(tag: &str, config: &Config) -> Result<crate::browser::dom::El, crate::error::Error> {
    Ok(crate::browser::dom::El::new(tag)?
        .attr("lang", &config.language)
        .attr("dir", config.direction().as_str()))
}

/// `into` with a service's name appended: "YouTube (Google)", or its label alone where the
/// provider is the same ("Hotjar"). Each name is isolated, so that a Latin name in a right-to-left
/// text keeps its brackets where they belong.
pub fn service_name(
    into: crate::browser::dom::El,
    service: &crate::full::config::Service,
) -> Result<crate::browser::dom::El, crate::error::Error> {
    use crate::browser::dom::El;
    let named = into.child(El::new("bdi")?.text(&service.label).build());
    if service.provider.is_empty() || service.provider == service.label {
        return Ok(named);
    }
    Ok(named
        .text(" (")
        .child(El::new("bdi")?.text(&service.provider).build())
        .text(")"))
}

/// A length in whole CSS pixels, rounded up. Written from an integer: formatting an `f64` costs
/// 14 KB of Wasm.
pub fn px(pixels: f64) -> String {
    // Rounded up by hand: `f64::ceil` is std's, not core's.
    let whole = pixels as u32;
    let up = whole.saturating_add(u32::from(f64::from(whole) < pixels));
    format!("{up}px")
}

/// A button of the component: `data-cb-action` tells the controller what it does.
pub fn button(
    action: impl ButtonAction,
    text: &str,
) -> Result<web_sys::Element, crate::error::Error> {
    action_button(action.value(), text)
}

/// What a button's `data-cb-action` can be made from: an [`Action`], or a toolbar's action.
pub trait ButtonAction {
    /// The value of `data-cb-action`.
    fn value(&self) -> &str;
}

impl ButtonAction for Action {
    fn value(&self) -> &str {
        self.as_str()
    }
}

impl ButtonAction for crate::full::toolbar::model::ToolbarAction {
    fn value(&self) -> &str {
        self.as_str()
    }
}

/// [`button`], once in the binary for every kind of action.
#[inline(never)]
fn action_button(action: &str, text: &str) -> Result<web_sys::Element, crate::error::Error> {
    Ok(crate::browser::dom::El::new("button")?
        .class("cb-button")
        .attr("type", "button")
        .attr(attr::ACTION, action)
        .text(text)
        .build())
}

/// A link to the settings, as the target needs it.
pub fn settings_link(
    target: &SettingsTarget,
    text: &str,
) -> Result<web_sys::Element, crate::error::Error> {
    use crate::browser::dom::El;
    let link = El::new("a")?.class("cb-link").text(text);
    Ok(match target {
        SettingsTarget::OnPage(id) => link
            .attr("href", &concat(&["#", id]))
            .attr(attr::ACTION, Action::Settings.as_str()),
        SettingsTarget::Page(url) => link.attr("href", url),
        SettingsTarget::InBanner => link
            .attr("href", "#cb-banner-settings")
            .attr(attr::ACTION, Action::Settings.as_str()),
    }
    .build())
}

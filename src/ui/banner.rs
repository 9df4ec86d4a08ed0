//! The banner region, its message and its confirmation.

use web_sys::Element;

use super::{button, piece, settings_link, SettingsTarget};
use crate::browser::dom::El;
use crate::core::config::Config;
use crate::core::text::fill;
use crate::error::Error;

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
        .attr("data-consent-banner", "")
        .build())
}

/// The heading, shared by the message and the in-banner settings.
pub fn heading(config: &Config) -> Result<Element, Error> {
    let text = fill(
        &config.texts.banner_heading,
        &[("siteName", &config.site_name)],
    );
    Ok(El::new("h2")?
        .class("cb-banner__heading")
        .text(&text)
        .build())
}

/// The first message: two paragraphs (and a third saying the browser's Global Privacy Control is
/// honoured, with `gpc_note`), Accept and Reject of equal weight, and the settings link.
pub fn message(config: &Config, target: &SettingsTarget, gpc_note: bool) -> Result<Element, Error> {
    let t = &config.texts;
    let mut message = El::new("div")?
        .class("cb-banner__message")
        .with(|| heading(config))?
        .with(|| Ok(El::new("p")?.text(&t.banner_intro).build()))?
        .with(|| Ok(El::new("p")?.text(&t.banner_request).build()))?;
    if gpc_note {
        message = message.with(|| {
            Ok(El::new("p")?
                .class("cb-banner__gpc")
                .attr("data-cb-gpc", "")
                .text(&t.gpc_note)
                .build())
        })?;
    }
    Ok(message
        .with(|| {
            Ok(El::new("div")?
                .class("cb-actions")
                .with(|| button("accept", &t.accept))?
                .with(|| button("reject", &t.reject))?
                .with(|| settings_link(target, &t.settings_link))?
                .build())
        })?
        .build())
}

/// A notice with a button that reloads the page (after a withdrawal in another tab), focusable
/// but not focused: the visitor is in the middle of something else.
pub fn notice(config: &Config, text: &str) -> Result<Element, Error> {
    Ok(El::new("div")?
        .class("cb-banner__confirmation")
        .attr("tabindex", "-1")
        .attr("data-cb-notice", "")
        .with(|| Ok(El::new("p")?.attr("role", "status").text(text).build()))?
        .with(|| button("reload", &config.texts.reload))?
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
        .with(|| {
            Ok(El::new("p")?
                .text(text)
                .text(" ")
                .with(|| settings_link(target, &t.change_settings))?
                .build())
        })?
        .with(|| button("hide", &t.hide))?
        .build())
}

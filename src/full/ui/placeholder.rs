//! The accessible stand-in for a blocked embed.

#[allow(unused_imports)]
use crate::prelude::*;

use web_sys::Element;

use super::{button, settings_link, Action, SettingsTarget};
use crate::browser::dom::El;
use crate::core::consent::Need;
use crate::core::text::concat;
use crate::error::Error;
use crate::full::config::{fill, Config, Texts};
use crate::names::attr;

/// A placeholder naming `provider`, with a button that grants what the embed needs (its service
/// alone, when it has one) and loads it.
pub fn placeholder(
    config: &Config,
    provider: &str,
    title: &str,
    need: Need<'_>,
    target: &SettingsTarget,
) -> Result<Element, Error> {
    let t = &config.texts;
    let label = if title.is_empty() {
        provider.to_owned()
    } else {
        concat(&[provider, ": ", title])
    };
    Ok(super::piece("div", config)?
        .class("cb-placeholder")
        .attr("role", "region")
        .attr("aria-label", &label)
        .attr(attr::PLACEHOLDER, "")
        .child(
            El::new("p")?
                .text(&fill(
                    // "…from YouTube only" is true only when nothing else is granted with it.
                    match (need.service, need.required.split_ascii_whitespace().nth(1)) {
                        (Some(_), None) => &t.placeholder_service_text,
                        _ => &t.placeholder_text,
                    },
                    &[("provider", provider)],
                ))
                .build(),
        )
        .child(allow_button(t, need, provider)?)
        .child(settings_link(target, &t.settings_link)?)
        .build())
}

/// The placeholder's button, which names what the embed needs: its categories, and its service
/// when it has one.
fn allow_button(t: &Texts, need: Need<'_>, provider: &str) -> Result<Element, Error> {
    let text = fill(&t.placeholder_button, &[("provider", provider)]);
    let allow = button(Action::Allow, &text)?;
    allow.set_attribute(attr::CATEGORIES, need.required)?;
    if let Some(service) = need.service {
        allow.set_attribute(attr::SERVICE_GRANT, service)?;
    }
    Ok(allow)
}

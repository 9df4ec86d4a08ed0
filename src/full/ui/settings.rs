//! The settings form: a Yes/No choice per optional category, and Save.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::browser::dom::El;
use crate::core::consent::Choice;
use crate::error::Error;
use crate::full::config::{Config, NECESSARY};
use crate::names::{attr, select};

/// Where a settings form is drawn: in a `[data-consent-settings]` element of the page, or in the
/// banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// On the page: with the policy link.
    Page {
        /// Whether it opens with the saved status (after a reload that followed saving).
        saved: bool,
    },
    /// In the banner: with a button that closes it without saving.
    Banner,
}

/// The form with id `id`, answers set from `choice` ("No" before any).
pub fn form(
    config: &Config,
    choice: Option<&Choice>,
    id: &str,
    place: Place,
) -> Result<Element, Error> {
    let t = &config.texts;
    let mut form = super::piece("form", config)?
        .class("cb-settings")
        .attr("id", id)
        .attr("novalidate", "")
        .attr("tabindex", "-1")
        .attr("aria-label", &t.settings_link);
    if place == (Place::Page { saved: true }) {
        form = form.with(|| status(&t.saved))?;
    }
    if let Some(url) = config
        .policy_url
        .as_deref()
        .filter(|_| place != Place::Banner)
    {
        form = form.with(|| {
            Ok(El::new("p")?
                .with(|| {
                    Ok(El::new("a")?
                        .class("cb-link")
                        .attr("href", url)
                        .text(&t.policy_link)
                        .build())
                })?
                .build())
        })?;
    }
    for category in &config.categories {
        let hint_id = [id, "-", &category.id, "-hint"].concat();
        let hint = || {
            Ok(El::new("p")?
                .class("cb-hint")
                .attr("id", &hint_id)
                .text(&category.description)
                .build())
        };
        if category.id == NECESSARY {
            form = form.with(|| {
                Ok(El::new("div")?
                    .class("cb-category")
                    .with(|| {
                        Ok(El::new("h3")?
                            .class("cb-category__heading")
                            .text(&category.label)
                            .build())
                    })?
                    .with(hint)?
                    .build())
            })?;
            continue;
        }
        let granted = choice.is_some_and(|c| c.granted(&category.id));
        let name = [id, "-", &category.id].concat();
        let radio = |value: &str, label: &str, checked: bool| -> Result<Element, Error> {
            let input_id = [&name, "-", value].concat();
            let mut input = El::new("input")?
                .attr("type", "radio")
                .attr("id", &input_id)
                .attr("name", &name)
                .attr("value", value)
                .attr(attr::CATEGORY, &category.id);
            if checked {
                input = input.attr("checked", "");
            }
            Ok(El::new("div")?
                .class("cb-radio")
                .child(input.build())
                .with(|| Ok(El::new("label")?.attr("for", &input_id).text(label).build()))?
                .build())
        };
        form = form.with(|| {
            Ok(El::new("fieldset")?
                .class("cb-category")
                .attr("aria-describedby", &hint_id)
                .with(|| {
                    Ok(El::new("legend")?
                        .class("cb-category__heading")
                        .text(&category.label)
                        .build())
                })?
                .with(hint)?
                .with(|| {
                    Ok(El::new("div")?
                        .class("cb-radios")
                        .with(|| radio("yes", &t.yes, granted))?
                        .with(|| radio("no", &t.no, !granted))?
                        .build())
                })?
                .build())
        })?;
    }
    let save = || {
        Ok(El::new("button")?
            .class("cb-button")
            .attr("type", "submit")
            .text(&t.save)
            .build())
    };
    if place != Place::Banner {
        return Ok(form.with(save)?.build());
    }
    // In the banner, the form is all the banner shows: a way out that keeps the choice as it was.
    Ok(form
        .with(|| {
            Ok(El::new("div")?
                .class("cb-actions")
                .with(save)?
                .with(|| {
                    let close = super::button(super::Action::CloseSettings, &t.close_settings)?;
                    close.class_list().add_1("cb-button--secondary")?;
                    Ok(close)
                })?
                .build())
        })?
        .build())
}

/// The "saved" status message, focusable so focus can land on it after saving.
pub fn status(text: &str) -> Result<Element, Error> {
    Ok(El::new("div")?
        .class("cb-settings__saved")
        .attr("role", "status")
        .attr("tabindex", "-1")
        .text(text)
        .build())
}

/// The answers in `form`: each category with a checked radio, and whether it is "yes".
pub fn read(form: &Element) -> Vec<(String, bool)> {
    crate::browser::dom::query_all(form, select::CHECKED_ANSWERS)
        .into_iter()
        .filter_map(|el| el.dyn_into::<HtmlInputElement>().ok())
        .filter_map(|input| {
            let id = input.get_attribute(attr::CATEGORY)?;
            Some((id, input.value() == "yes"))
        })
        .collect()
}

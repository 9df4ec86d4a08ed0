//! The settings form: a Yes/No choice per optional category, a box per service inside it, and
//! Save. The answer and the boxes of a category keep in step ([`follow`]).

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::browser::dom::{self, El};
use crate::core::consent::{Basis, Choice};
use crate::core::text::concat;
use crate::error::Error;
use crate::full::config::{fill, Category, Config, NECESSARY};
use crate::full::decide::{self, Follow, FormAnswers, Toggled};
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

/// The form with id `id`, answers set from `choice`: the visitor's, or before any the presumed one
/// (objection-basis categories on); `None` answers "No" throughout. With `gpc` (the browser sends
/// Global Privacy Control) and categories it covers, the form says the signal was honoured.
pub fn form(
    config: &Config,
    choice: Option<&Choice>,
    gpc: bool,
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
        form = form.child(status(&t.saved)?);
    }
    if let Some(url) = config
        .policy_url
        .as_deref()
        .filter(|_| place != Place::Banner)
    {
        form = form.child(
            El::new("p")?
                .child(
                    El::new("a")?
                        .class("cb-link")
                        .attr("href", url)
                        .text(&t.policy_link)
                        .build(),
                )
                .build(),
        );
    }
    if gpc && config.gpc_categories().next().is_some() {
        form = form.child(
            El::new("p")?
                .class("cb-settings__gpc")
                .attr(attr::GPC, "")
                .text(&t.gpc_note)
                .build(),
        );
    }
    for category in &config.categories {
        let hint_id = concat(&[id, "-", &category.id, "-hint"]);
        let hint = || -> Result<Element, Error> {
            Ok(El::new("p")?
                .class("cb-hint")
                .attr("id", &hint_id)
                .text(&category.description)
                .build())
        };
        if category.id == NECESSARY {
            form = form.child(
                El::new("div")?
                    .class("cb-category")
                    .child(
                        El::new("h3")?
                            .class("cb-category__heading")
                            .text(&category.label)
                            .build(),
                    )
                    .child(hint()?)
                    .build(),
            );
            continue;
        }
        let granted = choice.is_some_and(|c| c.granted(&category.id));
        let name = concat(&[id, "-", &category.id]);
        let radio = |value: &str, label: &str, checked: bool| -> Result<Element, Error> {
            let input_id = concat(&[&name, "-", value]);
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
                .child(El::new("label")?.attr("for", &input_id).text(label).build())
                .build())
        };
        let legend_id = concat(&[&name, ".legend"]);
        let basis_id = concat(&[&name, "-basis"]);
        let basis = match category.basis {
            Basis::Consent => &t.basis_consent,
            Basis::Objection => &t.basis_objection,
        };
        let mut group = El::new("fieldset")?
            .class("cb-category")
            .attr("aria-describedby", &concat(&[&hint_id, " ", &basis_id]))
            .child(
                El::new("legend")?
                    .class("cb-category__heading")
                    .attr("id", &legend_id)
                    .text(&category.label)
                    .build(),
            )
            .child(hint()?)
            .child(
                El::new("p")?
                    .class("cb-hint cb-basis")
                    .attr("id", &basis_id)
                    .text(basis)
                    .build(),
            )
            .child(
                El::new("div")?
                    .class("cb-radios")
                    .child(radio("yes", &t.yes, granted)?)
                    .child(radio("no", &t.no, !granted)?)
                    .build(),
            );
        if !category.services.is_empty() {
            group = group.child(services(config, category, choice, id, &legend_id)?);
            // Empty until unticking a service moves the answer to No: then `follow` says so.
            let said = fill(&t.services_answer_no, &[("category", &category.label)]);
            group = group.child(
                El::new("p")?
                    .class("cb-visually-hidden")
                    .attr("role", "status")
                    .attr(attr::FOLLOW_NOTE, &said)
                    .build(),
            );
        }
        form = form.child(group.build());
    }
    let save = El::new("button")?
        .class("cb-button")
        .attr("type", "submit")
        .text(&t.save)
        .build();
    if place != Place::Banner {
        return Ok(form.child(save).build());
    }
    // In the banner, the form is all the banner shows: a way out that keeps the choice as it was.
    let close = super::button(super::Action::CloseSettings, &t.close_settings)?;
    close.class_list().add_1("cb-button--secondary")?;
    Ok(form
        .child(
            El::new("div")?
                .class("cb-actions")
                .child(save)
                .child(close)
                .build(),
        )
        .build())
}

/// A category's services, each a box checked when the choice grants it, in a group named after
/// the category and the text `choose_services`.
fn services(
    config: &Config,
    category: &Category,
    choice: Option<&Choice>,
    form_id: &str,
    category_legend: &str,
) -> Result<Element, Error> {
    let legend_id = concat(&[category_legend, "-services"]);
    let mut boxes = El::new("div")?.class("cb-checks");
    for service in &category.services {
        // Service ids are unique in the config and never hold a `.`: so is this id in the page.
        let input_id = concat(&[form_id, ".", &service.id]);
        let mut input = El::new("input")?
            .attr("type", "checkbox")
            .attr("id", &input_id)
            .attr(attr::SERVICE_GRANT, &service.id);
        if choice.is_some_and(|c| c.service_granted(&service.id)) {
            input = input.attr("checked", "");
        }
        let label = super::service_name(El::new("label")?.attr("for", &input_id), service)?;
        boxes = boxes.child(
            El::new("div")?
                .class("cb-check")
                .child(input.build())
                .child(label.build())
                .build(),
        );
    }
    Ok(El::new("fieldset")?
        .class("cb-services")
        // Named after its category too: "Embedded content, Or choose services one by one".
        .attr(
            "aria-labelledby",
            &concat(&[category_legend, " ", &legend_id]),
        )
        .child(
            El::new("legend")?
                .class("cb-services__legend")
                .attr("id", &legend_id)
                .text(&config.texts.choose_services)
                .build(),
        )
        .child(boxes.build())
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

/// The answers in `form`: each category with a checked radio and whether it is "yes", and the
/// services checked.
pub fn read(form: &Element) -> FormAnswers {
    let categories = inputs(form, select::CHECKED_ANSWERS)
        .filter_map(|input| {
            let id = input.get_attribute(attr::CATEGORY)?;
            Some((id, input.value() == "yes"))
        })
        .collect();
    let services = dom::query_all(form, select::CHECKED_SERVICES)
        .into_iter()
        .filter_map(|el| el.get_attribute(attr::SERVICE_GRANT))
        .collect();
    FormAnswers {
        categories,
        services,
    }
}

/// Keeps the rest of a category's group in step with `control`, an answer or a service's box
/// the visitor just set (see [`decide::follow`]).
pub fn follow(control: &Element) -> Result<(), Error> {
    let (Some(input), Some(group)) = (
        control.dyn_ref::<HtmlInputElement>(),
        control.closest(".cb-category")?,
    ) else {
        return Ok(());
    };
    let toggled = if input.has_attribute(attr::SERVICE_GRANT) {
        Toggled::Service(input.checked())
    } else {
        Toggled::Answer(input.value() == "yes")
    };
    let yes = inputs(&group, select::CHECKED_ANSWERS).any(|a| a.value() == "yes");
    match decide::follow(toggled, yes) {
        Follow::Services(checked) => {
            for service in inputs(&group, select::SERVICE_BOXES) {
                service.set_checked(checked);
            }
        }
        Follow::AnswerNo => {
            for answer in inputs(&group, select::ANSWERS).filter(|a| a.value() == "no") {
                answer.set_checked(true);
            }
            // The radio moved without the visitor touching it: say so, politely.
            if let Some(note) = group.query_selector(select::FOLLOW_NOTE)? {
                note.set_text_content(note.get_attribute(attr::FOLLOW_NOTE).as_deref());
            }
        }
        Follow::Nothing => {}
    }
    Ok(())
}

/// The inputs under `root` that match `selector`.
fn inputs(root: &Element, selector: &str) -> impl Iterator<Item = HtmlInputElement> {
    dom::query_all(root, selector)
        .into_iter()
        .filter_map(|el| el.dyn_into::<HtmlInputElement>().ok())
}

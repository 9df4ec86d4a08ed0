//! The accessibility toolbar: a toggle, and a panel of native controls (a contrast radio group,
//! text size buttons, translation, reset) with a status message for screen readers.
//!
//! It is drawn once per host element and then kept in step by [`sync`], rather than redrawn, so
//! focus stays where the visitor left it and the status region survives to be announced.

#[allow(unused_imports)]
use crate::prelude::*;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::browser::dom::{self, El};
use crate::core::text::{concat, decimal};
use crate::error::Error;
use crate::full::config::fill;
use crate::full::config::Config;
use crate::full::toolbar::model::{Announcement, Contrast, State, ToolbarAction};
use crate::full::ui::button;
use crate::names::{attr, select};

/// The id of the element Google Translate draws its own widget into.
pub const GOOGLE_CONTAINER: &str = "cb-google-translate";

/// The label of a contrast mode.
pub fn contrast_label(config: &Config, mode: Contrast) -> &str {
    match mode {
        Contrast::Default => &config.texts.contrast_default,
        Contrast::High => &config.texts.contrast_high,
        Contrast::YellowOnBlack => &config.texts.contrast_yellow,
    }
}

/// The text size as shown and announced: "Text size 150%".
pub fn size_text(config: &Config, size: u16) -> String {
    fill(
        &config.texts.text_size_status,
        &[("size", &decimal(u64::from(size)))],
    )
}

/// The toolbar for host number `n` (ids are `cb-toolbar-{n}-…`), in `state`.
pub fn toolbar(config: &Config, state: &State, n: u32) -> Result<Element, Error> {
    let t = &config.texts;
    let id = concat(&["cb-toolbar-", &decimal(u64::from(n))]);
    let toggle = button(ToolbarAction::Toggle, &t.toolbar_toggle)?;
    toggle.set_attribute("class", "cb-button cb-toolbar__toggle")?;
    toggle.set_attribute("aria-controls", &id)?;
    let mut panel = El::new("div")?
        .class("cb-toolbar__panel")
        .attr("id", &id)
        .child(contrast_group(config, &id)?)
        .child(size_group(config, &id)?);
    if config.toolbar.translate {
        panel = panel.child(translate_group(config, &id, n == 1)?);
    }
    // The reset is how a visitor objects to the toolbar's cookies: its description says so,
    // its name stays the contract's.
    let reset_note = concat(&[&id, "-reset-note"]);
    let reset = secondary(ToolbarAction::Reset, &t.toolbar_reset)?;
    reset.set_attribute("aria-describedby", &reset_note)?;
    let panel = panel
        .child(
            El::new("div")?
                .class("cb-toolbar__group cb-toolbar__reset")
                .child(reset)
                .child(
                    El::new("p")?
                        .class("cb-hint")
                        .attr("id", &reset_note)
                        .text(&t.toolbar_reset_note)
                        .build(),
                )
                .build(),
        )
        .build();
    let root = crate::full::ui::piece("div", config)?
        .class("cb-toolbar")
        .attr(attr::TOOLBAR, "")
        .child(toggle)
        .child(panel)
        .child(
            El::new("p")?
                .class("cb-visually-hidden")
                .attr("role", "status")
                .attr(attr::TOOLBAR_STATUS, "")
                .build(),
        )
        .build();
    sync(&root, state);
    Ok(root)
}

fn secondary(action: ToolbarAction, text: &str) -> Result<Element, Error> {
    let el = button(action, text)?;
    el.set_attribute("class", "cb-button cb-button--secondary")?;
    Ok(el)
}

fn contrast_group(config: &Config, id: &str) -> Result<Element, Error> {
    let name = concat(&[id, "-contrast"]);
    let mut radios = El::new("div")?.class("cb-radios");
    for mode in Contrast::ALL {
        let input_id = concat(&[&name, "-", mode.value()]);
        radios = radios.child(
            El::new("div")?
                .class("cb-radio")
                .child(
                    El::new("input")?
                        .attr("type", "radio")
                        .attr("id", &input_id)
                        .attr("name", &name)
                        .attr("value", mode.value())
                        .attr(attr::ACTION, ToolbarAction::Contrast.as_str())
                        .build(),
                )
                .child(
                    El::new("label")?
                        .attr("for", &input_id)
                        .text(contrast_label(config, mode))
                        .build(),
                )
                .build(),
        );
    }
    Ok(El::new("fieldset")?
        .class("cb-toolbar__group cb-toolbar__contrast")
        // A fieldset is a plain group; the radios' group is announced as a radio group.
        .attr("role", "radiogroup")
        .child(
            El::new("legend")?
                .class("cb-toolbar__label")
                .text(&config.texts.contrast)
                .build(),
        )
        .child(radios.build())
        .build())
}

fn size_group(config: &Config, id: &str) -> Result<Element, Error> {
    let t = &config.texts;
    let label_id = concat(&[id, "-size-label"]);
    Ok(El::new("div")?
        .class("cb-toolbar__group")
        .attr("role", "group")
        .attr("aria-labelledby", &label_id)
        .child(
            El::new("p")?
                .class("cb-toolbar__label")
                .attr("id", &label_id)
                .text(&t.text_size)
                .build(),
        )
        .child(
            El::new("div")?
                .class("cb-toolbar__row")
                .child(secondary(ToolbarAction::Smaller, &t.text_smaller)?)
                .child(
                    El::new("span")?
                        .class("cb-toolbar__size")
                        .attr(attr::TOOLBAR_SIZE, "")
                        .build(),
                )
                .child(secondary(ToolbarAction::Larger, &t.text_larger)?)
                .build(),
        )
        .build())
}

fn translate_group(config: &Config, id: &str, first: bool) -> Result<Element, Error> {
    let t = &config.texts;
    let panel_id = concat(&[id, "-translate"]);
    let toggle = secondary(ToolbarAction::Translate, &t.translate)?;
    toggle.set_attribute("aria-controls", &panel_id)?;
    let mut languages = El::new("div")?
        .class("cb-toolbar__row")
        .attr("role", "group")
        .attr("aria-label", &t.translate_languages)
        .attr(attr::TRANSLATE_LANGUAGES, "");
    for language in &config.toolbar.languages {
        let el = secondary(ToolbarAction::Language, &language.name)?;
        el.set_attribute("lang", &language.code)?;
        el.set_attribute(attr::LANGUAGE, &language.code)?;
        languages = languages.child(el);
    }
    let mut panel = El::new("div")?
        .class("cb-toolbar__translate")
        .attr("id", &panel_id)
        .child(
            El::new("div")?
                .attr(attr::TRANSLATE_CONSENT, "")
                .child(El::new("p")?.text(&t.translate_consent).build())
                .child(button(ToolbarAction::TranslateAllow, &t.translate_allow)?)
                .build(),
        )
        .child(languages.build());
    if first {
        // Google's widget draws itself here once loaded; only one per page.
        panel = panel.child(
            El::new("div")?
                .attr("id", GOOGLE_CONTAINER)
                .class("cb-toolbar__google")
                .build(),
        );
    }
    Ok(El::new("div")?
        .class("cb-toolbar__group")
        .child(toggle)
        .child(panel.build())
        .build())
}

/// Brings a drawn toolbar in step with `state`.
pub fn sync(root: &Element, state: &State) {
    let set = |selector: &str, name: &str, value: &str| {
        for el in dom::query_all(root, selector) {
            let _ = el.set_attribute(name, value);
        }
    };
    let hide = |selector: &str, hidden: bool| {
        for el in dom::query_all(root, selector) {
            let _ = if hidden {
                el.set_attribute("hidden", "")
            } else {
                el.remove_attribute("hidden")
            };
        }
    };
    let bool_text = |b: bool| if b { "true" } else { "false" };
    set(
        &controls(ToolbarAction::Toggle),
        "aria-expanded",
        bool_text(state.open),
    );
    hide(".cb-toolbar__panel", !state.open);
    for el in dom::query_all(root, &controls(ToolbarAction::Contrast)) {
        if let Ok(input) = el.dyn_into::<HtmlInputElement>() {
            input.set_checked(input.value() == state.contrast.value());
        }
    }
    for el in dom::query_all(root, select::TOOLBAR_SIZE) {
        el.set_text_content(Some(&concat(&[&decimal(u64::from(state.size)), "%"])));
    }
    set(
        &controls(ToolbarAction::Translate),
        "aria-expanded",
        bool_text(state.translate_open),
    );
    hide(".cb-toolbar__translate", !state.translate_open);
    hide(select::TRANSLATE_CONSENT, state.embeds);
    hide(select::TRANSLATE_LANGUAGES, !state.embeds);
    for el in dom::query_all(root, select::LANGUAGES) {
        let code = el.get_attribute(attr::LANGUAGE).unwrap_or_default();
        let _ = el.set_attribute("aria-pressed", bool_text(code == state.language));
    }
}

/// The selector of the controls that do `action`.
fn controls(action: ToolbarAction) -> String {
    concat(&["[", attr::ACTION, "=", action.as_str(), "]"])
}

/// What a control gives its action: a contrast radio's value, a language button's code.
pub fn input(action: ToolbarAction, control: &Element) -> String {
    match action {
        ToolbarAction::Contrast => control
            .dyn_ref::<HtmlInputElement>()
            .map(|input| input.value())
            .unwrap_or_default(),
        ToolbarAction::Language => control.get_attribute(attr::LANGUAGE).unwrap_or_default(),
        _ => String::new(),
    }
}

/// What `announcement` says, in the config's words.
pub fn announcement(config: &Config, announcement: &Announcement) -> String {
    let t = &config.texts;
    match announcement {
        Announcement::Contrast(mode) => fill(
            &t.contrast_status,
            &[("mode", contrast_label(config, *mode))],
        ),
        Announcement::Size(size) => size_text(config, *size),
        Announcement::Reset => t.toolbar_reset_done.clone(),
        Announcement::Language(name) => fill(&t.translate_status, &[("language", name)]),
    }
}

/// Moves focus to the first language button of the toolbar `root`.
pub fn focus_languages(root: &Element) {
    if let Ok(Some(first)) = root.query_selector(select::LANGUAGES) {
        dom::focus(&first);
    }
}

/// Announces `text` in the toolbar's status message.
pub fn announce(root: &Element, text: &str) {
    if let Ok(Some(status)) = root.query_selector(select::TOOLBAR_STATUS) {
        // Emptied first, so the same message twice is announced twice.
        status.set_text_content(None);
        status.set_text_content(Some(text));
    }
}

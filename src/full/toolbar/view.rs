//! The accessibility toolbar: a toggle, and a panel of native controls (a contrast radio group,
//! text size buttons, translation, reset) with a status message for screen readers.
//!
//! It is drawn once per host element and then kept in step by [`sync`], rather than redrawn, so
//! focus stays where the visitor left it and the status region survives to be announced.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::browser::dom::{self, El};
use crate::core::text::fill;
use crate::error::Error;
use crate::full::config::Config;
use crate::full::toolbar::model::Contrast;
use crate::full::ui::button;

/// The id of the element Google Translate draws its own widget into.
pub const GOOGLE_CONTAINER: &str = "cb-google-translate";

/// What the toolbar shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// The panel is open.
    pub open: bool,
    /// The contrast mode in force.
    pub contrast: Contrast,
    /// The text size in percent.
    pub size: u16,
    /// The translation choices are open.
    pub translate_open: bool,
    /// `embeds` is granted, so Google Translate may load.
    pub embeds: bool,
    /// The language the page is shown in.
    pub language: String,
}

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
        &[("size", &size.to_string())],
    )
}

/// The toolbar for host number `n` (ids are `cb-toolbar-{n}-…`), in `state`.
pub fn toolbar(config: &Config, state: &State, n: u32) -> Result<Element, Error> {
    let t = &config.texts;
    let id = format!("cb-toolbar-{n}");
    let toggle = button("toolbar-toggle", &t.toolbar_toggle)?;
    toggle.set_attribute("class", "cb-button cb-toolbar__toggle")?;
    toggle.set_attribute("aria-controls", &id)?;
    let mut panel = El::new("div")?
        .class("cb-toolbar__panel")
        .attr("id", &id)
        .with(|| contrast_group(config, &id))?
        .with(|| size_group(config, &id))?;
    if config.toolbar.translate {
        panel = panel.with(|| translate_group(config, &id, n == 1))?;
    }
    let panel = panel
        .with(|| secondary("toolbar-reset", &t.toolbar_reset))?
        .build();
    let root = crate::full::ui::piece("div", config)?
        .class("cb-toolbar")
        .attr("data-cb-toolbar", "")
        .child(toggle)
        .child(panel)
        .with(|| {
            Ok(El::new("p")?
                .class("cb-visually-hidden")
                .attr("role", "status")
                .attr("data-cb-toolbar-status", "")
                .build())
        })?
        .build();
    sync(&root, state);
    Ok(root)
}

fn secondary(action: &str, text: &str) -> Result<Element, Error> {
    let el = button(action, text)?;
    el.set_attribute("class", "cb-button cb-button--secondary")?;
    Ok(el)
}

fn contrast_group(config: &Config, id: &str) -> Result<Element, Error> {
    let name = [id, "-contrast"].concat();
    let mut radios = El::new("div")?.class("cb-radios");
    for mode in Contrast::ALL {
        let input_id = [&name, "-", mode.value()].concat();
        radios = radios.with(|| {
            Ok(El::new("div")?
                .class("cb-radio")
                .with(|| {
                    Ok(El::new("input")?
                        .attr("type", "radio")
                        .attr("id", &input_id)
                        .attr("name", &name)
                        .attr("value", mode.value())
                        .attr("data-cb-action", "toolbar-contrast")
                        .build())
                })?
                .with(|| {
                    Ok(El::new("label")?
                        .attr("for", &input_id)
                        .text(contrast_label(config, mode))
                        .build())
                })?
                .build())
        })?;
    }
    Ok(El::new("fieldset")?
        .class("cb-toolbar__group cb-toolbar__contrast")
        // A fieldset is a plain group; the radios' group is announced as a radio group.
        .attr("role", "radiogroup")
        .with(|| {
            Ok(El::new("legend")?
                .class("cb-toolbar__label")
                .text(&config.texts.contrast)
                .build())
        })?
        .child(radios.build())
        .build())
}

fn size_group(config: &Config, id: &str) -> Result<Element, Error> {
    let t = &config.texts;
    let label_id = [id, "-size-label"].concat();
    Ok(El::new("div")?
        .class("cb-toolbar__group")
        .attr("role", "group")
        .attr("aria-labelledby", &label_id)
        .with(|| {
            Ok(El::new("p")?
                .class("cb-toolbar__label")
                .attr("id", &label_id)
                .text(&t.text_size)
                .build())
        })?
        .with(|| {
            Ok(El::new("div")?
                .class("cb-toolbar__row")
                .with(|| secondary("toolbar-smaller", &t.text_smaller))?
                .with(|| {
                    Ok(El::new("span")?
                        .class("cb-toolbar__size")
                        .attr("data-cb-toolbar-size", "")
                        .build())
                })?
                .with(|| secondary("toolbar-larger", &t.text_larger))?
                .build())
        })?
        .build())
}

fn translate_group(config: &Config, id: &str, first: bool) -> Result<Element, Error> {
    let t = &config.texts;
    let panel_id = [id, "-translate"].concat();
    let toggle = secondary("toolbar-translate", &t.translate)?;
    toggle.set_attribute("aria-controls", &panel_id)?;
    let mut languages = El::new("div")?
        .class("cb-toolbar__row")
        .attr("role", "group")
        .attr("aria-label", &t.translate_languages)
        .attr("data-cb-translate-languages", "");
    for language in &config.toolbar.languages {
        languages = languages.with(|| {
            let el = secondary("toolbar-language", &language.name)?;
            el.set_attribute("lang", &language.code)?;
            el.set_attribute("data-cb-language", &language.code)?;
            Ok(el)
        })?;
    }
    let mut panel = El::new("div")?
        .class("cb-toolbar__translate")
        .attr("id", &panel_id)
        .with(|| {
            Ok(El::new("div")?
                .attr("data-cb-translate-consent", "")
                .with(|| Ok(El::new("p")?.text(&t.translate_consent).build()))?
                .with(|| button("toolbar-translate-allow", &t.translate_allow))?
                .build())
        })?
        .child(languages.build());
    if first {
        // Google's widget draws itself here once loaded; only one per page.
        panel = panel.with(|| {
            Ok(El::new("div")?
                .attr("id", GOOGLE_CONTAINER)
                .class("cb-toolbar__google")
                .build())
        })?;
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
        "[data-cb-action=toolbar-toggle]",
        "aria-expanded",
        bool_text(state.open),
    );
    hide(".cb-toolbar__panel", !state.open);
    for el in dom::query_all(root, "input[data-cb-action=toolbar-contrast]") {
        if let Ok(input) = el.dyn_into::<HtmlInputElement>() {
            input.set_checked(input.value() == state.contrast.value());
        }
    }
    for el in dom::query_all(root, "[data-cb-toolbar-size]") {
        el.set_text_content(Some(&format!("{}%", state.size)));
    }
    set(
        "[data-cb-action=toolbar-translate]",
        "aria-expanded",
        bool_text(state.translate_open),
    );
    hide(".cb-toolbar__translate", !state.translate_open);
    hide("[data-cb-translate-consent]", state.embeds);
    hide("[data-cb-translate-languages]", !state.embeds);
    for el in dom::query_all(root, "[data-cb-language]") {
        let code = el.get_attribute("data-cb-language").unwrap_or_default();
        let _ = el.set_attribute("aria-pressed", bool_text(code == state.language));
    }
}

/// Announces `text` in the toolbar's status message.
pub fn announce(root: &Element, text: &str) {
    if let Ok(Some(status)) = root.query_selector("[data-cb-toolbar-status]") {
        // Emptied first, so the same message twice is announced twice.
        status.set_text_content(None);
        status.set_text_content(Some(text));
    }
}

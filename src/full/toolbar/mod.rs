//! The accessibility toolbar, a room of its own: its model (pure: cookies, contrast, text size,
//! its actions and what each one does), its effects on the page, its view, and [`Toolbar`], which
//! holds its state and carries out what the model decides. Its settings are `config.toolbar`.

#[allow(unused_imports)]
use crate::prelude::*;

pub mod model;
pub mod page;
pub mod view;

use ::core::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::browser::{cookies, dom};
use crate::core::text::concat;
use crate::error::{report, Error, OrLog};
use crate::full::config::Config;
use crate::full::config::ConfigError;
use crate::names::select;
use model::{Context, Contrast, Cookies, Effect, State, ToolbarAction};

/// What the toolbar needs of the component it sits in. Taken as `&impl Host`, not `&dyn Host`:
/// there is one host, and static calls save its vtable and let the compiler inline them.
pub trait Host {
    /// Whether the visitor's choice grants `embeds` (Google Translate is an embed).
    fn allows_translate(&self) -> bool;
    /// Grants `embeds` as the visitor's own choice ("Allow" next to the translation).
    fn grant_translate(&self) -> Result<(), Error>;
    /// The text size changed: the banner may no longer fit its docked space, or fit it again.
    fn refit(&self);
}

/// The toolbar's state, shared by every toolbar drawn on the page.
pub struct Toolbar {
    state: RefCell<State>,
}

impl Default for Toolbar {
    fn default() -> Self {
        Self {
            state: RefCell::new(State {
                open: false,
                contrast: Contrast::Default,
                size: model::TEXT_SIZES[0],
                translate_open: false,
                embeds: false,
                language: String::new(),
            }),
        }
    }
}

impl Toolbar {
    /// Reads the toolbar's cookies, applies them (again, after the bootstrap) and draws a toolbar
    /// into each target. A page translated before is translated again if `embeds` still allows.
    pub fn boot(&self, config: &Config, host: &impl Host) -> Result<(), Error> {
        let (open, contrast, size, translation) = (
            cookies::get(model::OPEN_COOKIE),
            cookies::get(model::CONTRAST_COOKIE),
            cookies::get(model::SIZE_COOKIE),
            cookies::get(model::TRANSLATE_COOKIE),
        );
        let stored = Cookies {
            open: open.as_deref(),
            contrast: contrast.as_deref(),
            size: size.as_deref(),
            translation: translation.as_deref(),
        };
        let (state, resume) = State::restore(stored, context(config, host));
        page::apply_look(state.contrast, state.size)?;
        *self.state.borrow_mut() = state.clone();
        let target = &config.toolbar.target;
        let hosts = dom::root()?.query_selector_all(target).map_err(|_| {
            Error::from(ConfigError::new(
                "toolbar.target",
                concat(&["`", target, "` is not a CSS selector"]),
            ))
        })?;
        for i in 0..hosts.length() {
            let Some(host) = hosts.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let bar = view::toolbar(config, &state, i + 1)?;
            host.replace_children_with_node_1(&bar);
        }
        if let Some(language) = resume {
            self.state.borrow_mut().language = language;
            request_translate(config)?;
            self.sync(config, host.allows_translate());
        }
        Ok(())
    }

    /// Brings every toolbar in step with the state and with the consent for `embeds`.
    pub fn sync(&self, config: &Config, embeds: bool) {
        let mut state = self.state.borrow_mut();
        state.embeds = embeds;
        if !embeds {
            // Refusing embeds deleted `googtrans`: the page is in its own language again.
            state.language = config.toolbar.page_language.clone();
        }
        for bar in dom::query_page(select::TOOLBARS) {
            view::sync(&bar, &state);
        }
    }

    /// Does what the visitor asked with `control`: asks the model, then carries out its effects.
    /// No borrow of the state is held across them: granting `embeds` syncs the toolbars.
    pub fn act(
        &self,
        config: &Config,
        host: &impl Host,
        action: ToolbarAction,
        control: &Element,
    ) -> Result<(), Error> {
        let bar = control.closest(select::TOOLBARS)?;
        let input = view::input(action, control);
        let mut state = self.state.borrow().clone();
        let effects = model::reduce(&mut state, action, &input, context(config, host));
        for effect in effects {
            match effect {
                Effect::Store(name, value) => {
                    if let Err(error) = cookies::set(name, &value, config.cookie_days) {
                        report(&concat(&["`", name, "` could not be stored"]), &error);
                    }
                }
                Effect::ForgetAll => {
                    cookies::expire(&model::COOKIES)
                        .or_log("the toolbar's cookies could not be deleted");
                }
                Effect::ForgetTranslation => {
                    cookies::expire(&[model::TRANSLATE_COOKIE])
                        .or_log("`googtrans` could not be deleted");
                }
                Effect::RememberTranslation(value) => {
                    cookies::set_session(model::TRANSLATE_COOKIE, &value)
                        .or_log("`googtrans` could not be stored");
                }
                Effect::ReloadIfTranslated => {
                    if page::translate_requested() {
                        dom::window()?.location().reload()?;
                    }
                }
                Effect::ShowLanguage(code) => {
                    if !page::switch_language(code) {
                        request_translate(config)?;
                    }
                }
                Effect::GrantEmbeds => host.grant_translate()?,
                Effect::ApplyLook => {
                    page::apply_look(state.contrast, state.size)?;
                    host.refit();
                }
                Effect::Sync => {
                    *self.state.borrow_mut() = state.clone();
                    self.sync(config, host.allows_translate());
                }
                Effect::FocusLanguages => {
                    if let Some(bar) = &bar {
                        view::focus_languages(bar);
                    }
                }
                Effect::Announce(announcement) => {
                    if let Some(bar) = &bar {
                        view::announce(bar, &view::announcement(config, &announcement));
                    }
                }
            }
        }
        Ok(())
    }
}

fn context<'a>(config: &'a Config, host: &impl Host) -> Context<'a> {
    Context {
        config: &config.toolbar,
        embeds: host.allows_translate(),
        prefers_more: page::prefers_more_contrast(),
    }
}

/// Loads Google Translate (through the gate), offering the config's languages.
fn request_translate(config: &Config) -> Result<(), Error> {
    let toolbar = &config.toolbar;
    let codes: Vec<&str> = toolbar.languages.iter().map(|l| l.code.as_str()).collect();
    page::request_translate(
        &toolbar.page_language,
        &crate::full::join(&codes, ","),
        view::GOOGLE_CONTAINER,
        config.translate_need(),
    )
}

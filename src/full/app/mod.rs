//! The full stage's controller, split by job: [`control`] turns what the visitor, the page, other
//! tabs and the API ask into typed intents and dispatches them; [`saving`] saves a choice as a
//! pipeline of named steps; [`pieces`] draws; [`slot`] holds the banner's region and placement;
//! the toolbar is its own room (`full::toolbar`). What both stages do (the choice from the
//! cookie, the gate, Consent Mode, other tabs, the API object) is the [runtime](crate::runtime),
//! which calls back through [`Stage`].
//!
//! Borrows of its state are never held across a call into page JavaScript (gated inline scripts
//! and `change` listeners may call straight back in).

#[allow(unused_imports)]
use crate::prelude::*;

mod control;
mod integrations;
mod pieces;
mod saving;
mod slot;

use ::core::cell::{Cell, RefCell};
use alloc::rc::{Rc, Weak};

use wasm_bindgen::JsValue;
use web_sys::{Element, Event};

use crate::browser::events::Listener;
use crate::browser::handover::Resume;
use crate::browser::{cookies, dom, privacy};
use crate::core::codec;
use crate::core::consent::Need;
use crate::core::digest::{self, Digest};
use crate::error::{report, Error};
use crate::full::config::load::Loaded;
use crate::full::config::Config;
use crate::full::decide::{self, Origin, Reloaded, SettingsTarget};
use crate::full::theme::page as theme;
use crate::full::toolbar::{self, Toolbar};
use crate::full::ui;
use crate::names::{cookie, storage, Drawn};
use crate::runtime::{Call, Runtime, Stage};

use control::Intent;
use integrations::Integrations;
use slot::Slot;

/// The running component.
pub struct App {
    config: Config,
    /// What both stages run: the choice, the gate, Consent Mode, other tabs, the API.
    runtime: Rc<Runtime>,
    /// The banner's region and placement.
    slot: Slot,
    /// The accessibility toolbar.
    toolbar: Toolbar,
    /// Settings forms drawn so far (their ids are numbered).
    forms: Cell<u32>,
    /// False once the browser refused to store the choice (cookies blocked).
    remembered: Cell<bool>,
    listeners: RefCell<Vec<Listener>>,
    /// Receipts, GPC, the cookie domain, undeclared-cookie warnings.
    integrations: Integrations,
}

impl App {
    /// A component for this config, not yet attached to the page.
    pub fn new(loaded: Loaded) -> Rc<Self> {
        let rules = Digest::from(&loaded.config);
        Rc::new_cyclic(|me: &Weak<Self>| Self {
            runtime: Runtime::new(rules, loaded.valid, me.clone()),
            config: loaded.config,
            slot: Slot::default(),
            toolbar: Toolbar::default(),
            forms: Cell::new(0),
            remembered: Cell::new(true),
            listeners: RefCell::new(Vec::new()),
            integrations: Integrations::new(),
        })
    }

    /// The runtime, which the API object publishes.
    pub fn runtime(&self) -> &Rc<Runtime> {
        &self.runtime
    }

    /// Reads the stored choice, draws the UI, releases what is allowed and watches for more.
    ///
    /// With `resume`, the first stage ran the page until now: this stage starts from the choice
    /// it decided on, takes over what it did, and then adopts the cookie as it is now.
    pub fn boot(self: &Rc<Self>, resume: Option<Resume>) -> Result<(), Error> {
        let runtime = &self.runtime;
        // Before anything is drawn, so nothing is drawn twice. Failing leaves the default look.
        let _ = theme::apply(self.config.theme);
        if let Some(resume) = &resume {
            runtime.resume(resume);
        }
        let value = match &resume {
            Some(resume) => resume.seen.clone(),
            None => cookies::get(cookie::CONSENT),
        };
        self.delete_changed_cookies(value.as_deref().and_then(codec::decode).as_ref());
        runtime.decide(value);
        if let Some(choice) = runtime.choice() {
            runtime.delete_refused_cookies(&choice);
        }
        self.listen()?;
        let root = dom::root()?;
        runtime.start_consent_mode_if_spoken(&root);
        let reloaded = take_reloaded_flag();
        let reloaded = reloaded.as_deref().and_then(Reloaded::parse);
        // A piece that cannot be drawn leaves the rest running: the gate, clicks, other tabs.
        if let Err(error) = self.draw_pieces(&root, reloaded == Some(Reloaded::Saved)) {
            report("could not start", &error);
        }
        if let Err(error) = runtime.run(&root) {
            report("the page is not watched", &error);
        }
        if self.config.warn_undeclared_cookies {
            self.integrations.warn_undeclared(&self.config);
            // Scripts set most of their cookies while the page loads.
            let app = Rc::downgrade(self);
            let window: web_sys::EventTarget = dom::window()?.into();
            let on_load = Listener::once(&window, "load", move |_| {
                if let Some(app) = app.upgrade() {
                    app.integrations.warn_undeclared(&app.config);
                }
            });
            self.listeners.borrow_mut().push(on_load);
        }
        if runtime.choice().is_none() && self.config.banner && runtime.banner().shown() {
            self.show_banner()?;
        }
        if let Some(Reloaded::TurnedOff(id)) = reloaded {
            self.confirm_turned_off(id)?;
        }
        if let Some(resume) = resume {
            self.adopt()?;
            if resume.settings {
                self.show_settings()?;
            }
        }
        Ok(())
    }

    /// Draws every piece the page has a host for: the one list of them both stages use (the first
    /// stage hands the page over when it finds one of these hosts).
    fn draw_pieces(self: &Rc<Self>, root: &Element, saved: bool) -> Result<(), Error> {
        for piece in Drawn::ALL {
            match piece {
                Drawn::Settings => {
                    for host in dom::query_all(root, piece.selector("")) {
                        self.draw_form_into(&host, saved)?;
                    }
                }
                Drawn::CookieTable => {
                    for host in dom::query_all(root, piece.selector("")) {
                        let table = ui::cookie_table::cookie_table(&self.config)?;
                        host.replace_children_with_node_1(&table);
                    }
                }
                // Its failure leaves the rest of the component running.
                Drawn::Toolbar => {
                    if let Err(error) = self.toolbar.boot(&self.config, self) {
                        report("the accessibility toolbar could not start", &error);
                    }
                }
            }
        }
        Ok(())
    }

    /// Stores the digest of this (validated) config for the first stage, under `fingerprint`.
    pub fn remember_digest(&self, fingerprint: &str) {
        if !self.runtime.usable() {
            return;
        }
        let Some(storage) = privacy::local_storage() else {
            return;
        };
        let entry = digest::entry(fingerprint, self.runtime.rules());
        if storage.get_item(storage::CONFIG).ok().flatten().as_deref() != Some(&entry) {
            // Storage may be full or blocked: the first stage then hands every page over.
            let _ = storage.set_item(storage::CONFIG, &entry);
        }
    }

    /// Brings every toolbar in step with whether Google Translate may load.
    fn sync_toolbars(&self) {
        self.toolbar.sync(&self.config, self.allows_translate());
    }

    /// Whether Google Translate may load: its service (or, without one, `embeds`) is granted.
    fn allows_translate(&self) -> bool {
        let (required, service) = self.config.translate_need();
        self.runtime.allows(Need { required, service })
    }
}

impl Stage for App {
    fn placeholder(&self, held: &Element, need: Need<'_>) -> Option<Element> {
        self.draw_placeholder(held, need)
    }

    fn follows_settings_link(&self) -> bool {
        matches!(self.settings_target(false), SettingsTarget::Page(_))
    }

    fn open_settings(self: Rc<Self>, control: Element) {
        self.run(Intent::OpenSettings(control));
    }

    fn action(self: Rc<Self>, event: &Event, control: Element, action: &str) {
        if let Some(intent) = App::clicked(event, control, action) {
            self.run(intent);
        }
    }

    fn other_tab(self: Rc<Self>) {
        self.run(Intent::OtherTab);
    }

    fn call(self: Rc<Self>, call: Call) -> Result<(), JsValue> {
        // Its errors go back to the caller (as exceptions), not to the console.
        Ok(self.dispatch(Intent::Api(call))?)
    }
}

/// What the toolbar needs of the component.
impl toolbar::Host for Rc<App> {
    fn allows_translate(&self) -> bool {
        App::allows_translate(self)
    }

    fn grant_translate(&self) -> Result<(), Error> {
        let (required, service) = self.config.translate_need();
        let changes = decide::embed_changes(required, service.map(|id| (id, required)));
        self.change(&changes, Origin::Embed)
    }

    fn refit(&self) {
        self.slot.refit();
    }
}

/// Seconds since the Unix epoch.
fn now() -> u64 {
    ((js_sys::Date::now() / 1000.0) as u64).min(codec::MAX_TIME)
}

fn session_storage() -> Option<web_sys::Storage> {
    dom::window().ok()?.session_storage().ok().flatten()
}

/// Marks the session: the page reloads itself after a withdrawal, and the reloaded page should
/// say what was done (the settings saved, a category turned off).
fn set_reloaded_flag(said: Reloaded<'_>) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(storage::SAVED, &said.value());
    }
}

fn take_reloaded_flag() -> Option<String> {
    let storage = session_storage()?;
    let value = storage.get_item(storage::SAVED).ok().flatten()?;
    let _ = storage.remove_item(storage::SAVED);
    Some(value)
}

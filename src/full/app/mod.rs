//! The controller: holds the visitor's choice, turns clicks and API calls into choices, stores
//! them, and tells the gate and the UI. Borrows of its state are never held across a call into
//! page JavaScript (gated inline scripts and `change` listeners may call straight back in).

use ::core::cell::{Cell, OnceCell, RefCell};
use alloc::rc::{Rc, Weak};

use crate::browser::events::Listener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlIFrameElement};

use crate::browser::cookies::{self, CONSENT_COOKIE};
use crate::browser::dom;
use crate::browser::handover::Resume;
use crate::browser::privacy;
use crate::core::codec::{self, Stored};
use crate::core::consent::{self, Choice};
use crate::core::digest::{self, Digest};
use crate::core::receipt::{self, Receipt};
use crate::core::url::provider_name;
use crate::error::{log_error, log_warning, Error};
use crate::full::api;
use crate::full::config::load::Loaded;
use crate::full::config::{Config, NECESSARY};
use crate::full::theme::page as theme;
use crate::full::toolbar::model::ToolbarAction;
use crate::full::toolbar::{self, Toolbar};
use crate::full::ui::{self, SettingsTarget};
use crate::runtime::{Call, Runtime, Stage};

/// Session flag: the page reloaded itself after a withdrawal and should say the settings saved.
const SAVED_FLAG: &str = "consent-banner:saved";
/// The id of the settings form drawn inside the banner.
const BANNER_FORM: &str = "cb-banner-settings";

/// What made a choice: sent in receipts, and it decides what the page does after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The banner's Accept button.
    Accept,
    /// The banner's Reject button.
    Reject,
    /// A settings form.
    Save,
    /// A placeholder's button, or the toolbar's translation consent.
    Embed,
    /// The JavaScript API.
    Api,
    /// `reset()`: the choice forgotten.
    Reset,
}

impl Origin {
    fn as_str(self) -> &'static str {
        match self {
            Origin::Accept => "accept",
            Origin::Reject => "reject",
            Origin::Save => "save",
            Origin::Embed => "embed",
            Origin::Api => "api",
            Origin::Reset => "reset",
        }
    }
}

/// The running component.
pub struct App {
    config: Config,
    /// What both stages run: the choice, the gate, Consent Mode, other tabs, the API.
    runtime: Rc<Runtime>,
    banner: RefCell<Option<Element>>,
    /// Where the banner is drawn, while it is on the page.
    placement: RefCell<Option<ui::banner::Placement>>,
    /// Whether the banner is asking (its message, or the settings form in it): a choice made
    /// anywhere else answers it.
    asking: Cell<bool>,
    /// The page's `[data-consent-open]` element that opened the settings, for focus to go back to
    /// when the form in the banner is closed.
    opener: RefCell<Option<Element>>,
    forms: Cell<u32>,
    /// False once the browser refused to store the choice (cookies blocked).
    remembered: Cell<bool>,
    listeners: RefCell<Vec<Listener>>,
    /// The accessibility toolbar.
    toolbar: Toolbar,
    /// Whether the browser sends Global Privacy Control.
    gpc: bool,
    /// Undeclared cookies already warned about.
    warned: RefCell<Vec<String>>,
    /// The domain the consent cookie is set on, once decided ([`App::cookie_domain`]).
    cookie_domain: OnceCell<Option<String>>,
}

impl App {
    /// A component for this config, not yet attached to the page.
    pub fn new(loaded: Loaded) -> Rc<Self> {
        let rules = Digest::of(&loaded.config);
        Rc::new_cyclic(|me: &Weak<Self>| Self {
            runtime: Runtime::new(rules, loaded.valid, me.clone()),
            config: loaded.config,
            banner: RefCell::new(None),
            placement: RefCell::new(None),
            asking: Cell::new(false),
            opener: RefCell::new(None),
            forms: Cell::new(0),
            remembered: Cell::new(true),
            listeners: RefCell::new(Vec::new()),
            toolbar: Toolbar::default(),
            gpc: privacy::gpc(),
            warned: RefCell::new(Vec::new()),
            cookie_domain: OnceCell::new(),
        })
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
            None => cookies::get(CONSENT_COOKIE),
        };
        self.delete_changed_cookies(value.as_deref().and_then(codec::decode).as_ref());
        runtime.decide(value);
        if let Some(choice) = runtime.choice() {
            runtime.delete_refused_cookies(&choice);
        }
        self.listen(&dom::document()?)?;
        let root = dom::root()?;
        runtime.start_consent_mode_if_spoken(&root);
        let saved = take_saved_flag();
        for host in dom::query_all(&root, "[data-consent-settings]") {
            self.draw_form_into(&host, saved)?;
        }
        for host in dom::query_all(&root, "[data-consent-cookie-table]") {
            let table = ui::cookie_table::cookie_table(&self.config)?;
            host.replace_children_with_node_1(&table);
        }
        if let Err(error) = runtime.run(&root) {
            error.log("the page is not watched");
        }
        if self.config.warn_undeclared_cookies {
            self.warn_undeclared();
            // Scripts set most of their cookies while the page loads.
            let app = Rc::downgrade(self);
            let window: web_sys::EventTarget = dom::window()?.into();
            let on_load = Listener::once(&window, "load", move |_| {
                if let Some(app) = app.upgrade() {
                    app.warn_undeclared();
                }
            });
            self.listeners.borrow_mut().push(on_load);
        }
        if let Err(error) = self.boot_toolbar() {
            log_error(&format!(
                "the accessibility toolbar could not start: {error}"
            ));
        }
        if runtime.choice().is_none() && self.config.banner {
            self.show_banner()?;
        }
        if let Some(resume) = resume {
            self.adopt()?;
            if resume.settings {
                self.show_settings()?;
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
        if storage
            .get_item(digest::STORAGE_KEY)
            .ok()
            .flatten()
            .as_deref()
            != Some(&entry)
        {
            // Storage may be full or blocked: the first stage then hands every page over.
            let _ = storage.set_item(digest::STORAGE_KEY, &entry);
        }
    }

    fn boot_toolbar(self: &Rc<Self>) -> Result<(), Error> {
        self.toolbar.boot(&self.config, self)
    }

    fn sync_toolbars(&self) {
        self.toolbar.sync(&self.config, self.allows("embeds"));
    }

    /// What the API object publishes: the runtime.
    pub fn runtime(&self) -> &Rc<Runtime> {
        &self.runtime
    }

    /// Whether markup gated on `required` may run now.
    fn allows(&self, required: &str) -> bool {
        self.runtime.allows(required)
    }

    /// Applies `changes` over the current choice and stores it.
    pub fn change(
        self: &Rc<Self>,
        changes: &[(String, bool)],
        origin: Origin,
    ) -> Result<(), Error> {
        let current = self.runtime.choice();
        let choice = Choice::changed(current.as_deref(), changes, &self.config, now())?;
        self.commit(Some(choice), origin)
    }

    /// Grants or refuses every optional category.
    pub fn set_all(self: &Rc<Self>, granted: bool) -> Result<(), Error> {
        self.commit(
            Some(Choice::uniform(&self.config, granted, now())),
            Origin::Api,
        )
    }

    /// Forgets the choice (as if everything were refused, then no answer at all) and asks again.
    pub fn reset(self: &Rc<Self>) -> Result<(), Error> {
        self.commit(None, Origin::Reset)?;
        self.show_banner()
    }

    /// Shows the banner's first message (again), as the first element of `<body>`.
    pub fn show_banner(self: &Rc<Self>) -> Result<(), Error> {
        let region = self.banner_region()?;
        let gpc_note = self.gpc && self.config.gpc_categories().next().is_some();
        let message = ui::banner::message(&self.config, &self.settings_target(true), gpc_note)?;
        region.replace_children_with_node_1(&message);
        self.dock_banner(true);
        self.asking.set(true);
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
        let region = self.banner_region()?;
        let choice = self.runtime.choice();
        let form = ui::settings::form(
            &self.config,
            choice.as_deref(),
            BANNER_FORM,
            ui::settings::Place::Banner,
        )?;
        let heading = ui::banner::heading(&self.config)?;
        region.replace_children_with_node_2(&heading, &form);
        self.asking.set(true);
        // A form of any length is read and answered in flow, at the top of the page, not in a
        // panel that covers part of the viewport (the visitor asked for it: not a layout shift
        // that counts). It stays there, with the confirmation after it, until hidden.
        self.dock_banner(false);
        dom::focus(&form);
        Ok(())
    }

    /// Stores `choice` (`None`: forgets it, which refuses everything), applies it, sends a
    /// receipt and tells the other tabs. Withdrawing what already runs reloads the page.
    fn commit(self: &Rc<Self>, choice: Option<Choice>, origin: Origin) -> Result<(), Error> {
        // Copies on other paths or domains would shadow the new value: expire them all first.
        let mut stored = cookies::expire(&[CONSENT_COOKIE]);
        if let Some(choice) = &choice {
            let value = codec::encode(&choice.to_record());
            stored = stored.and_then(|()| {
                cookies::set_on(
                    CONSENT_COOKIE,
                    &value,
                    self.config.cookie_days,
                    self.cookie_domain(),
                )
            });
            let kept =
                stored.is_ok() && cookies::get(CONSENT_COOKIE).as_deref() == Some(value.as_str());
            if !kept && self.remembered.replace(false) {
                log_warning(
                    "the browser blocks cookies: the choice applies to this page view only",
                );
            }
        }
        if let Err(error) = stored {
            log_error(&format!("the choice could not be stored: {error}"));
        }
        self.runtime.see(cookies::get(CONSENT_COOKIE));
        if origin == Origin::Reset {
            privacy::forget_consent_id();
        }
        self.send_receipt(choice.as_ref(), origin);
        // A choice made through the API answers a banner that was asking for one.
        if origin == Origin::Api && choice.is_some() && self.asking.get() {
            self.hide_banner();
        }
        let still_running = self.apply(choice)?;
        self.runtime.tell_other_tabs();
        if !still_running.is_empty() && self.config.reload_on_withdraw {
            // Scripts already running can only be stopped by leaving the page.
            if origin == Origin::Save {
                set_saved_flag();
            }
            dom::window()?.location().reload()?;
        }
        Ok(())
    }

    /// Makes `choice` this page's: deletes refused cookies, closes and opens the gate, brings the
    /// forms, toolbars and Consent Mode in step, and tells listeners. Returns the categories
    /// withdrawn whose scripts already ran (only a reload stops those).
    fn apply(self: &Rc<Self>, choice: Option<Choice>) -> Result<Vec<String>, Error> {
        let runtime = &self.runtime;
        let refused = Choice::uniform(&self.config, false, 0);
        runtime.delete_refused_cookies(choice.as_ref().unwrap_or(&refused));
        runtime.set_choice(choice);
        let still_running = runtime.release()?;
        self.sync_forms();
        self.sync_toolbars();
        runtime.notify();
        if self.config.warn_undeclared_cookies {
            self.warn_undeclared();
        }
        Ok(still_running)
    }

    /// Follows a choice made in another tab (or on another subdomain): the cookie says what it is.
    /// A withdrawal that cannot take effect in place is explained, with a button to reload.
    fn adopt(self: &Rc<Self>) -> Result<(), Error> {
        let value = cookies::get(CONSENT_COOKIE);
        if self.runtime.seen() == value {
            return Ok(());
        }
        self.runtime.see(value.clone());
        let choice = consent::resolve(value.as_deref().and_then(codec::decode), &self.config);
        if self.runtime.choice().as_deref() == choice.as_ref() {
            return Ok(());
        }
        let answered = choice.is_some();
        let still_running = self.apply(choice)?;
        if !still_running.is_empty() {
            let region = self.banner_region()?;
            let notice = ui::banner::notice(&self.config, &self.config.texts.other_tab)?;
            region.replace_children_with_node_1(&notice);
            self.keep_banner();
            self.asking.set(false);
        } else if answered {
            // The question was answered elsewhere.
            self.hide_banner();
        } else if self.config.banner {
            self.show_banner()?;
        }
        Ok(())
    }

    /// The cookie domain to use here: the config's, if it covers this host. Decided (and a
    /// mismatch logged) once per page.
    fn cookie_domain(&self) -> Option<&str> {
        self.cookie_domain
            .get_or_init(|| {
                let domain = self.config.cookie_domain.as_deref()?;
                let host = dom::window().ok()?.location().hostname().ok()?;
                if crate::core::cookies::domain_covers(domain, &host) {
                    return Some(domain.to_owned());
                }
                log_warning(&format!(
                    "config field `cookieDomain`: `{domain}` does not cover this host `{host}`; the choice is kept on this host only"
                ));
                None
            })
            .as_deref()
    }

    /// Queues a receipt of the choice to the config's `receiptUrl`, if it has one.
    fn send_receipt(&self, choice: Option<&Choice>, origin: Origin) {
        let Some(url) = &self.config.receipt_url else {
            return;
        };
        let id = if self.config.consent_id {
            match privacy::consent_id() {
                Ok(id) => Some(id),
                Err(error) => {
                    log_error(&format!("no consent id could be made: {error}"));
                    None
                }
            }
        } else {
            None
        };
        let refused = Choice::uniform(&self.config, false, now());
        let choice = choice.unwrap_or(&refused);
        let mut categories = vec![(NECESSARY, true)];
        categories.extend(choice.grants.iter().map(|(id, g)| (id.as_str(), *g)));
        let json = Receipt {
            consent_id: id.as_deref(),
            event: origin.as_str(),
            categories,
            revision: self.config.revision,
            time: choice.time,
            language: &self.config.language,
            text_version: receipt::text_version(&self.config),
            gpc: self.gpc,
        }
        .to_json();
        match privacy::send_receipt(url, &json) {
            Ok(true) => {}
            Ok(false) => log_warning("the browser did not queue the consent receipt"),
            Err(error) => log_error(&format!("the consent receipt could not be sent: {error}")),
        }
    }

    /// Asked again after a new revision: the cookies of categories whose description changed
    /// since the visitor answered go now, whatever the old answer was.
    fn delete_changed_cookies(&self, stored: Option<&Stored>) {
        let answered = match stored {
            Some(Stored::Record(record)) => record.revision,
            Some(Stored::Legacy(_)) => 0,
            None => return,
        };
        if answered >= self.config.revision {
            return;
        }
        self.expire_present(|names| consent::cookies_of_changed(&self.config, answered, names));
    }

    /// Warns once per name about cookies on the page that no category declares.
    fn warn_undeclared(&self) {
        let jar = cookies::jar();
        let names = cookies::names(&jar);
        let mut warned = self.warned.borrow_mut();
        let new: Vec<&str> = self
            .config
            .undeclared(&names)
            .into_iter()
            .filter(|n| !warned.iter().any(|w| w == n))
            .collect();
        if new.is_empty() {
            return;
        }
        log_warning(&format!(
            "cookies on this page that the config does not declare: {} (add them to a category's `cookies`)",
            new.join(", ")
        ));
        warned.extend(new.into_iter().map(str::to_owned));
    }

    /// Expires the cookies on the page that `pick` chooses from their names.
    fn expire_present(&self, pick: impl for<'a> FnOnce(&[&'a str]) -> Vec<&'a str>) {
        if let Err(error) = cookies::expire_picked(pick) {
            log_error(&format!("cookies could not be deleted: {error}"));
        }
    }

    /// Where settings links lead. Links in the banner never leave the page: the banner stands
    /// before the site's skip link, and a real link there would stop it counting as one (and the
    /// visitor can answer without losing their place).
    fn settings_target(&self, in_banner: bool) -> SettingsTarget {
        let on_page = dom::document().ok().and_then(|d| {
            d.query_selector("[data-consent-settings] form.cb-settings")
                .ok()
                .flatten()
        });
        match (on_page, &self.config.settings_url) {
            (Some(form), _) => SettingsTarget::OnPage(form.id()),
            (None, Some(url)) if !in_banner => SettingsTarget::Page(url.clone()),
            (None, _) => SettingsTarget::InBanner,
        }
    }

    /// The banner region, created as the first element of `<body>` if it is not there, with its
    /// placement (README, "Where the banner is drawn"): whoever fills it then places it.
    fn banner_region(&self) -> Result<Element, Error> {
        if let Some(region) = self.banner.borrow().as_ref().filter(|r| r.is_connected()) {
            return Ok(region.clone());
        }
        let body = dom::document()?.body().ok_or(Error::NoWindow)?;
        let region = ui::banner::region(&self.config)?;
        // The old region's placement goes first: dropping it undocks the page.
        self.placement.borrow_mut().take();
        body.prepend_with_node_1(&region)?;
        *self.banner.borrow_mut() = Some(region.clone());
        match ui::banner::Placement::new(&region) {
            Ok(placement) => *self.placement.borrow_mut() = Some(placement),
            // Without a resize observer the page's padding could not follow the banner's
            // height: the banner stays in flow at the top, where it hides nothing.
            Err(error) => log_warning(&format!("the banner is drawn at the top: {error}")),
        }
        Ok(region)
    }

    /// Docks the banner at the bottom of the viewport where it fits, or puts it in flow at the top.
    fn dock_banner(&self, docked: bool) {
        if let Some(placement) = self.placement.borrow().as_ref() {
            placement.dock(docked);
        }
    }

    /// Places the banner after new content, keeping it where it is if it still fits there.
    fn keep_banner(&self) {
        if let Some(placement) = self.placement.borrow().as_ref() {
            placement.keep();
        }
    }

    /// Takes the banner off the page, and the page's room for it with it.
    fn hide_banner(&self) {
        if let Some(region) = self.banner.borrow_mut().take() {
            region.remove();
        }
        self.placement.borrow_mut().take();
        self.asking.set(false);
    }

    /// Closes the settings form drawn in the banner without saving: back to the banner's question
    /// if there is no choice yet, else the banner goes. Focus returns to what opened the form.
    fn close_settings(self: &Rc<Self>) -> Result<(), Error> {
        let opener = self.opener.take().filter(|el| el.is_connected());
        let back = if self.runtime.choice().is_none() && self.config.banner {
            self.show_banner()?;
            self.banner_region()?
                .query_selector("[data-cb-action=settings]")
                .ok()
                .flatten()
        } else {
            self.hide_banner();
            None
        };
        if let Some(el) = opener.or(back) {
            dom::focus(&el);
        }
        Ok(())
    }

    fn draw_form_into(&self, host: &Element, saved: bool) -> Result<(), Error> {
        let n = self.forms.get() + 1;
        self.forms.set(n);
        let choice = self.runtime.choice();
        let form = ui::settings::form(
            &self.config,
            choice.as_deref(),
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

    /// Sets every form's radios from the current choice.
    fn sync_forms(&self) {
        let choice = self.runtime.choice();
        for el in dom::query_page("form.cb-settings input[data-cb-category]") {
            if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                let id = input.get_attribute("data-cb-category").unwrap_or_default();
                let granted = choice.as_ref().is_some_and(|c| c.granted(&id));
                input.set_checked((input.value() == "yes") == granted);
            }
        }
    }

    /// One submit listener on the document handles every settings form the component draws
    /// (the runtime's click listener hands clicks on its buttons to [`App::on_action`]).
    fn listen(self: &Rc<Self>, document: &web_sys::Document) -> Result<(), Error> {
        let app = Rc::downgrade(self);
        let submit = Listener::new(document, "submit", move |event| {
            if let Some(app) = app.upgrade() {
                if let Err(error) = app.on_submit(event) {
                    log_error(&error.to_string());
                }
            }
        });
        self.listeners.borrow_mut().push(submit);
        Ok(())
    }

    fn on_action(
        self: &Rc<Self>,
        event: &Event,
        control: Element,
        action: &str,
    ) -> Result<(), Error> {
        if action.starts_with(ToolbarAction::PREFIX) {
            // Radios keep their default action (being checked); the toolbar's buttons have none.
            if control.tag_name() == "BUTTON" {
                event.prevent_default();
            }
            if let Some(action) = ToolbarAction::parse(action) {
                self.toolbar.act(&self.config, self, action, &control)?;
            }
            return Ok(());
        }
        match action {
            "accept" => {
                event.prevent_default();
                self.commit(
                    Some(Choice::banner_accept(
                        &self.config,
                        &self.config.banner_categories,
                        now(),
                    )),
                    Origin::Accept,
                )?;
                self.confirm(&self.config.texts.accepted)
            }
            "reject" => {
                event.prevent_default();
                self.commit(
                    Some(Choice::uniform(&self.config, false, now())),
                    Origin::Reject,
                )?;
                self.confirm(&self.config.texts.rejected)
            }
            "settings" => {
                event.prevent_default();
                self.show_settings()
            }
            "reload" => {
                event.prevent_default();
                dom::window()?.location().reload()?;
                Ok(())
            }
            "hide" => {
                event.prevent_default();
                self.hide_banner();
                Ok(())
            }
            "close-settings" => {
                event.prevent_default();
                self.close_settings()
            }
            "allow" => {
                event.prevent_default();
                let frame = control
                    .closest("[data-consent-placeholder]")?
                    .and_then(|p| p.next_element_sibling());
                let required = control
                    .get_attribute("data-cb-categories")
                    .unwrap_or_default();
                let changes: Vec<(String, bool)> = required
                    .split_ascii_whitespace()
                    .map(|id| (id.to_owned(), true))
                    .collect();
                self.change(&changes, Origin::Embed)?;
                if let Some(frame) = frame {
                    dom::focus(&frame);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn on_submit(self: &Rc<Self>, event: &Event) -> Result<(), Error> {
        let Some(form) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .filter(|f| f.class_list().contains("cb-settings"))
        else {
            return Ok(());
        };
        event.prevent_default();
        let answers = ui::settings::read(&form);
        let current = self.runtime.choice();
        // Categories left unanswered count as refused, as the form starts at "No".
        let mut changes: Vec<(String, bool)> = self
            .config
            .optional()
            .map(|c| (c.id.clone(), false))
            .collect();
        for (id, granted) in answers {
            if let Some(slot) = changes.iter_mut().find(|(c, _)| *c == id) {
                slot.1 = granted;
            }
        }
        let choice = Choice::changed(current.as_deref(), &changes, &self.config, now())?;
        self.commit(Some(choice), Origin::Save)?;
        if form.id() == BANNER_FORM {
            return self.confirm(&self.config.texts.saved);
        }
        if let Ok(Some(old)) = form.query_selector(".cb-settings__saved") {
            old.remove();
        }
        let status = if self.remembered.get() {
            ui::settings::status(&self.config.texts.saved)?
        } else {
            let text = format!(
                "{} {}",
                self.config.texts.saved, self.config.texts.not_remembered
            );
            ui::settings::status(&text)?
        };
        form.prepend_with_node_1(&status)?;
        dom::focus(&status);
        // Close the banner if it is still asking: the question is answered.
        self.hide_banner();
        Ok(())
    }

    /// Replaces the banner's content with a confirmation and moves focus to it.
    fn confirm(self: &Rc<Self>, text: &str) -> Result<(), Error> {
        let region = self.banner_region()?;
        let text = if self.remembered.get() {
            text.to_owned()
        } else {
            format!("{text} {}", self.config.texts.not_remembered)
        };
        let confirmation =
            ui::banner::confirmation(&self.config, &text, &self.settings_target(true))?;
        region.replace_children_with_node_1(&confirmation);
        self.keep_banner();
        self.asking.set(false);
        dom::focus(&confirmation);
        Ok(())
    }
}

impl Stage for App {
    fn placeholder(&self, frame: &HtmlIFrameElement, required: &str) -> Option<Element> {
        let src = frame.get_attribute("data-src").unwrap_or_default();
        let provider = frame
            .get_attribute("data-provider")
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| provider_name(&src));
        let unknown: Vec<&str> = required
            .split_ascii_whitespace()
            .filter(|id| self.config.category(id).is_none())
            .collect();
        if !unknown.is_empty() {
            log_warning(&format!(
                "data-consent names unknown categories ({}): this embed will never load",
                unknown.join(", ")
            ));
        }
        let title = frame.title();
        match ui::placeholder::placeholder(
            &self.config,
            &provider,
            &title,
            required,
            &self.settings_target(false),
        ) {
            Ok(el) => {
                stand_in_for(frame, &el);
                Some(el)
            }
            Err(error) => {
                log_error(&format!("a placeholder could not be drawn: {error}"));
                None
            }
        }
    }

    fn follows_settings_link(&self) -> bool {
        matches!(self.settings_target(false), SettingsTarget::Page(_))
    }

    fn open_settings(self: Rc<Self>, control: Element) {
        *self.opener.borrow_mut() = Some(control);
        if let Err(error) = self.show_settings() {
            error.log("the settings could not open");
        }
    }

    fn action(self: Rc<Self>, event: &Event, control: Element, action: &str) {
        if let Err(error) = self.on_action(event, control, action) {
            log_error(&error.to_string());
        }
    }

    fn other_tab(self: Rc<Self>) {
        if let Err(error) = self.adopt() {
            error.log("a choice from another tab could not be applied");
        }
    }

    fn call(self: Rc<Self>, call: Call) -> Result<JsValue, JsValue> {
        match call {
            Call::Set(changes) => self.change(&api::changes(changes)?, Origin::Api)?,
            Call::AcceptAll => self.set_all(true)?,
            Call::RejectAll => self.set_all(false)?,
            Call::Reset => self.reset()?,
            Call::ShowBanner => self.show_banner()?,
            Call::ShowSettings => self.show_settings()?,
            Call::On(listener) => self.runtime.subscribe(listener),
        }
        Ok(JsValue::UNDEFINED)
    }
}

/// Gives a placeholder the box its frame takes on the page (the frame's `width` and `height`, or
/// the site's CSS for it), so that swapping one for the other moves nothing (docs/stability.md).
/// It grows taller if its text needs more room, and never gets wider than its container.
fn stand_in_for(frame: &HtmlIFrameElement, placeholder: &Element) {
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

/// What the toolbar needs of the component.
impl toolbar::Host for Rc<App> {
    fn allows_embeds(&self) -> bool {
        self.allows("embeds")
    }

    fn grant_embeds(&self) -> Result<(), Error> {
        self.change(&[("embeds".to_owned(), true)], Origin::Embed)
    }

    fn refit(&self) {
        if let Some(placement) = self.placement.borrow().as_ref() {
            placement.refit();
        }
    }
}

/// Seconds since the Unix epoch.
fn now() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

fn session_storage() -> Option<web_sys::Storage> {
    dom::window().ok()?.session_storage().ok().flatten()
}

fn set_saved_flag() {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(SAVED_FLAG, "1");
    }
}

fn take_saved_flag() -> bool {
    let Some(storage) = session_storage() else {
        return false;
    };
    let saved = storage.get_item(SAVED_FLAG).ok().flatten().is_some();
    if saved {
        let _ = storage.remove_item(SAVED_FLAG);
    }
    saved
}

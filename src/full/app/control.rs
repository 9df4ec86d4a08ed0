//! The controller: everything the visitor, the page or another tab asks of the full stage arrives
//! as one [`Intent`], and is matched in one place ([`App::dispatch`]). The runtime's document
//! click listener hands over the component's buttons and the page's `[data-consent-open]`
//! controls; this room adds the submit and change listeners for settings forms.

use alloc::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

use super::pieces::BANNER_FORM;
use super::App;
use crate::browser::dom;
use crate::browser::events::Listener;
use crate::core::consent::{Answer, Choice, Policy};
use crate::error::{report, Error};
use crate::full::api;
use crate::full::decide::{self, AfterChoice, Origin, Reloaded};
use crate::full::toolbar::model::ToolbarAction;
use crate::full::ui::{self, Action};
use crate::names::{attr, select};
use crate::runtime::Call;

/// What the full stage is asked to do.
pub(super) enum Intent {
    /// One of the component's buttons (its default action is already prevented).
    Button(Action, Element),
    /// One of the toolbar's controls.
    Toolbar(ToolbarAction, Element),
    /// A page's `[data-consent-open]` control (its default action is already prevented).
    OpenSettings(Element),
    /// A settings form was submitted.
    Submit(Element),
    /// A settings form's answer or service box was set by the visitor.
    Toggle(Element),
    /// Another tab changed the consent cookie.
    OtherTab,
    /// A call through the API.
    Api(Call),
}

impl App {
    /// Does what `intent` asks.
    pub(super) fn dispatch(self: &Rc<Self>, intent: Intent) -> Result<(), Error> {
        match intent {
            Intent::Button(action, control) => self.press(action, &control),
            Intent::Toolbar(action, control) => {
                self.toolbar.act(&self.config, self, action, &control)
            }
            Intent::OpenSettings(control) => {
                self.slot.opened_by(control);
                self.show_settings()
            }
            Intent::Submit(form) => self.save_form(&form),
            Intent::Toggle(control) => ui::settings::follow(&control),
            Intent::OtherTab => self.adopt(),
            Intent::Api(call) => self.answer(call),
        }
    }

    /// The intent of a click on a control with `data-cb-action`, its default prevented where the
    /// control has nothing else to do.
    pub(super) fn clicked(event: &Event, control: Element, value: &str) -> Option<Intent> {
        if value.starts_with(ToolbarAction::PREFIX) {
            // Radios keep their default action (being checked); the toolbar's buttons have none,
            // and one whose action this version does not know still does nothing.
            if control.tag_name() == "BUTTON" {
                event.prevent_default();
            }
            return ToolbarAction::parse(value).map(|action| Intent::Toolbar(action, control));
        }
        let action = Action::parse(value)?;
        event.prevent_default();
        Some(Intent::Button(action, control))
    }

    /// One submit and one change listener on the document hand every settings form the
    /// component draws, and its controls, to [`App::dispatch`].
    pub(super) fn listen(self: &Rc<Self>) -> Result<(), Error> {
        let document = dom::document()?;
        let kinds: [(&str, Pick); 2] = [("submit", submitted), ("change", toggled)];
        for (kind, intent) in kinds {
            let app = Rc::downgrade(self);
            let listener = Listener::new(&document, kind, move |event| {
                let Some(app) = app.upgrade() else { return };
                let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
                if let Some(intent) = target.and_then(|target| intent(event, target)) {
                    app.run(intent);
                }
            });
            self.listeners.borrow_mut().push(listener);
        }
        Ok(())
    }

    /// [`App::dispatch`], logging a failure in one line: the page never sees an exception from a
    /// click or another tab.
    pub(super) fn run(self: &Rc<Self>, intent: Intent) {
        let from_other_tab = matches!(intent, Intent::OtherTab);
        match self.dispatch(intent) {
            Ok(()) => {}
            Err(error) if from_other_tab => {
                report("a choice from another tab could not be applied", &error)
            }
            Err(error) => crate::error::log_error(&error.message()),
        }
    }

    fn press(self: &Rc<Self>, action: Action, control: &Element) -> Result<(), Error> {
        let texts = &self.config.texts;
        match action {
            // One path for both answers: one copy of the commit and the confirmation.
            Action::Accept | Action::Reject => {
                let (answer, origin, text) = if action == Action::Accept {
                    (Answer::Accept, Origin::Accept, &texts.accepted)
                } else {
                    (Answer::Reject, Origin::Reject, &texts.rejected)
                };
                let gpc = self.runtime.gpc();
                let choice =
                    Choice::answered(&self.answer_base(), &self.config, gpc, answer, super::now());
                self.commit(Some(choice), origin)?;
                self.confirm(text)
            }
            Action::TurnOff => {
                self.turn_off(&control.get_attribute(attr::CATEGORY).unwrap_or_default())
            }
            Action::HideNotice => {
                let gpc = self.runtime.gpc();
                let choice = Choice::answered(
                    &self.answer_base(),
                    &self.config,
                    gpc,
                    Answer::Reject,
                    super::now(),
                );
                self.commit(Some(choice), Origin::Informed)?;
                self.slot.hide();
                Ok(())
            }
            Action::Settings => self.show_settings(),
            Action::Reload => Ok(dom::window()?.location().reload()?),
            Action::Hide => {
                self.slot.hide();
                Ok(())
            }
            Action::CloseSettings => self.close_settings(),
            Action::Allow => {
                let held = control
                    .closest(select::PLACEHOLDER)?
                    .and_then(|p| p.next_element_sibling());
                let required = control.get_attribute(attr::CATEGORIES).unwrap_or_default();
                let service = control.get_attribute(attr::SERVICE_GRANT);
                let service = service
                    .as_deref()
                    .and_then(|id| self.config.service(id))
                    .map(|(s, c)| (s.id.as_str(), c.id.as_str()));
                self.change(&decide::embed_changes(&required, service), Origin::Embed)?;
                if let Some(held) = held {
                    // Focus goes where the button was: a fallback (a blockquote) takes it too.
                    if held.get_attribute("tabindex").is_none() && !held.matches("iframe")? {
                        held.set_attribute("tabindex", "-1")?;
                    }
                    dom::focus(&held);
                }
                Ok(())
            }
        }
    }

    /// The banner's "Turn off" for category `id`: refuses it (an objection), deletes its cookies
    /// and, where its scripts already ran, reloads as a withdrawal does; then confirms, on this
    /// page or on the reloaded one.
    fn turn_off(self: &Rc<Self>, id: &str) -> Result<(), Error> {
        if !self.runtime.banner().inform.contains(&id) {
            return Err(Error::Bug(
                "a Turn off button names no category the banner informs about",
            ));
        }
        let gpc = self.runtime.gpc();
        let choice = Choice::answered(
            &self.answer_base(),
            &self.config,
            gpc,
            Answer::TurnOff(id),
            super::now(),
        );
        if let AfterChoice::Reload { .. } = self.commit(Some(choice), Origin::TurnOff)? {
            super::set_reloaded_flag(Reloaded::TurnedOff(id));
        }
        self.confirm_turned_off(id)
    }

    fn save_form(self: &Rc<Self>, form: &Element) -> Result<(), Error> {
        let answers = ui::settings::read(form);
        let optional = self.config.optional().map(|c| c.id.as_str());
        let services = Policy::services(&self.config);
        let changes = decide::form_changes(optional, &services, &answers);
        let current = self.runtime.current();
        let choice = Choice::changed(current.as_deref(), &changes, &self.config, super::now())?;
        self.commit(Some(choice), Origin::Save)?;
        if form.id() == BANNER_FORM {
            return self.confirm(&self.config.texts.saved);
        }
        self.say_saved(form)?;
        // Close the banner if it is still asking: the question is answered.
        self.slot.hide();
        Ok(())
    }

    /// What a banner answer changes: the visitor's choice, or before any what is presumed (an
    /// outdated answer's refusals stand).
    fn answer_base(&self) -> Rc<Choice> {
        self.runtime
            .current()
            .unwrap_or_else(|| Rc::new(Choice::presumed(&self.config, self.runtime.gpc(), None)))
    }

    /// Makes an API call.
    fn answer(self: &Rc<Self>, call: Call) -> Result<(), Error> {
        match call {
            Call::Set(changes) => match self.change(&api::changes(changes)?, Origin::Api) {
                Err(Error::Choice(error)) => Err(api::explain(error, &self.config)),
                done => done,
            },
            Call::AcceptAll | Call::RejectAll => self.set_all(matches!(call, Call::AcceptAll)),
            Call::Reset => self.reset(),
            Call::ShowBanner => self.show_banner(),
            Call::ShowSettings => self.show_settings(),
            Call::On(listener) => {
                self.runtime.subscribe(listener);
                Ok(())
            }
        }
    }
}

/// What an event on the document asks of the full stage, if anything.
type Pick = fn(&Event, Element) -> Option<Intent>;

/// The intent of a submitted settings form (its default, leaving the page, prevented).
fn submitted(event: &Event, form: Element) -> Option<Intent> {
    if !form.class_list().contains("cb-settings") {
        return None;
    }
    event.prevent_default();
    Some(Intent::Submit(form))
}

/// The intent of a settings form's answer or service box that changed.
fn toggled(_: &Event, control: Element) -> Option<Intent> {
    control
        .matches(select::FORM_CONTROLS)
        .unwrap_or(false)
        .then_some(Intent::Toggle(control))
}

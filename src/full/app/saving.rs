//! Saving a choice, as a pipeline of named steps: store it in the cookie, send its receipt,
//! answer the banner, apply it to the page (through the runtime), tell the other tabs, and reload
//! if a withdrawal in the banner or a form needs it (never after an API call: the site decides).
//! Also following a choice made in another tab.

use alloc::rc::Rc;

use crate::browser::{cookies, dom, privacy};
use crate::core::codec::{self, Stored};
use crate::core::consent::{self, Changes, Choice};
use crate::error::{log_warning, report, Error, OrLog};
use crate::full::decide::{self, AfterChoice, AfterOtherTab, Origin, Reloaded};
use crate::names::cookie;

use super::{now, set_reloaded_flag, App};

impl App {
    /// Applies `changes` over the current choice and stores it.
    pub fn change(self: &Rc<Self>, changes: &Changes, origin: Origin) -> Result<(), Error> {
        // Before any choice, over what is presumed: a grant does not object to anything.
        let current = self.runtime.current();
        let choice = Choice::changed(current.as_deref(), changes, &self.config, now())?;
        self.commit(Some(choice), origin)?;
        Ok(())
    }

    /// Grants or refuses every optional category.
    pub fn set_all(self: &Rc<Self>, granted: bool) -> Result<(), Error> {
        let choice = Choice::uniform(&self.config, granted, now());
        self.commit(Some(choice), Origin::Api)?;
        Ok(())
    }

    /// Forgets the choice (as if everything were refused, then no answer at all) and asks again,
    /// if the banner has anything to ask or inform about.
    pub fn reset(self: &Rc<Self>) -> Result<(), Error> {
        self.commit(None, Origin::Reset)?;
        if self.runtime.banner().shown() {
            self.show_banner()?;
        } else {
            self.slot.hide();
        }
        Ok(())
    }

    /// Saves `choice` (`None`: forgets it, which refuses everything). Returns whether the page
    /// is reloading.
    pub(super) fn commit(
        self: &Rc<Self>,
        choice: Option<Choice>,
        origin: Origin,
    ) -> Result<AfterChoice, Error> {
        self.store(choice.as_ref());
        if origin == Origin::Reset {
            privacy::forget_consent_id();
        }
        self.integrations
            .send_receipt(&self.config, choice.as_ref(), origin, self.runtime.gpc());
        if decide::answers_banner(origin, choice.is_none(), self.slot.asking()) {
            self.slot.hide();
        }
        let still_running = self.apply(choice)?;
        self.runtime.tell_other_tabs();
        let after = decide::after_choice(origin, still_running, self.config.reload_on_withdraw);
        if let AfterChoice::Reload { say_saved } = after {
            if say_saved {
                set_reloaded_flag(Reloaded::Saved);
            }
            dom::window()?.location().reload()?;
        }
        Ok(after)
    }

    /// Writes the consent cookie, and notes the value the browser kept.
    fn store(&self, choice: Option<&Choice>) {
        // Copies on other paths or domains would shadow the new value: expire them all first.
        let mut stored = cookies::expire(&[cookie::CONSENT]);
        if let Some(choice) = choice {
            let value = codec::encode(&choice.to_record(&self.config, self.runtime.gpc()));
            stored = stored.and_then(|()| {
                cookies::set_on(
                    cookie::CONSENT,
                    &value,
                    self.config.cookie_days,
                    self.integrations.cookie_domain(&self.config),
                )
            });
            let kept =
                stored.is_ok() && cookies::get(cookie::CONSENT).as_deref() == Some(value.as_str());
            if !kept && self.remembered.replace(false) {
                log_warning(
                    "the browser blocks cookies: the choice applies to this page view only",
                );
            }
        }
        if let Err(error) = stored {
            report("the choice could not be stored", &error);
        }
        self.runtime.see(cookies::get(cookie::CONSENT));
    }

    /// Makes `choice` this page's: deletes refused cookies, closes and opens the gate, brings the
    /// forms, toolbars and Consent Mode in step, and tells listeners. Returns whether scripts
    /// that already ran are no longer allowed (only a reload stops those).
    fn apply(self: &Rc<Self>, choice: Option<Choice>) -> Result<bool, Error> {
        let runtime = &self.runtime;
        let refused = Choice::uniform(&self.config, false, 0);
        runtime.delete_refused_cookies(choice.as_ref().unwrap_or(&refused));
        let withdrew = runtime.set_choice(choice);
        // The forms and toolbars show the choice before a released inline script can look.
        self.sync_forms();
        self.sync_toolbars();
        runtime.release()?;
        runtime.notify(withdrew);
        if self.config.warn_undeclared_cookies {
            self.integrations.warn_undeclared(&self.config);
        }
        Ok(runtime.reload_needed())
    }

    /// Follows a choice made in another tab (or on another subdomain): the cookie says what it is.
    /// A withdrawal that cannot take effect in place is explained, with a button to reload.
    pub(super) fn adopt(self: &Rc<Self>) -> Result<(), Error> {
        let value = cookies::get(cookie::CONSENT);
        if self.runtime.seen() == value {
            return Ok(());
        }
        self.runtime.see(value.clone());
        let choice = self.runtime.resolve(value.as_deref());
        if self.runtime.choice().as_deref() == choice.as_ref() {
            return Ok(());
        }
        let answered = choice.is_some();
        let still_running = self.apply(choice)?;
        let asks = self.config.banner && self.runtime.banner().shown();
        match decide::after_other_tab(still_running, answered, asks) {
            AfterOtherTab::ExplainReload => self.explain_reload()?,
            AfterOtherTab::Hide => self.slot.hide(),
            AfterOtherTab::Ask => self.show_banner()?,
            AfterOtherTab::Nothing => {}
        }
        Ok(())
    }

    /// Asked again after a new revision: the cookies of categories whose description changed
    /// since the visitor answered go now, whatever the old answer was.
    pub(super) fn delete_changed_cookies(&self, stored: Option<&Stored>) {
        let answered = match stored {
            Some(Stored::Record(record)) => record.revision,
            Some(Stored::Legacy(_)) => 0,
            None => return,
        };
        if answered >= self.config.revision {
            return;
        }
        cookies::expire_picked(|names| consent::cookies_of_changed(&self.config, answered, names))
            .or_log("cookies could not be deleted");
    }
}

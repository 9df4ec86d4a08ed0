//! What the full stage tells others about a choice, and what it checks for the site: the consent
//! receipt (with Global Privacy Control, as the runtime read it, and the consent id), the cookie
//! domain the choice is stored on, and warnings about cookies the config does not declare.
//! Consent Mode is the runtime's: both stages speak it.

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::cell::{OnceCell, RefCell};

use crate::browser::{cookies, dom, privacy};
use crate::core::consent::{Choice, Policy};
use crate::core::receipt::Receipt;
use crate::error::{log_warning, report, OrLog};
use crate::full::config::{Config, NECESSARY};
use crate::full::decide::Origin;

use super::now;

/// The full stage's integrations on this page.
pub struct Integrations {
    /// Undeclared cookies already warned about.
    warned: RefCell<Vec<String>>,
    /// The domain the consent cookie is set on, once decided.
    cookie_domain: OnceCell<Option<String>>,
}

impl Integrations {
    /// Nothing decided or warned about yet.
    pub fn new() -> Self {
        Self {
            warned: RefCell::new(Vec::new()),
            cookie_domain: OnceCell::new(),
        }
    }

    /// The cookie domain to use here: the config's, if it covers this host. Decided (and a
    /// mismatch logged) once per page.
    pub fn cookie_domain(&self, config: &Config) -> Option<&str> {
        self.cookie_domain
            .get_or_init(|| {
                let domain = config.cookie_domain.as_deref()?;
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

    /// Queues a receipt of the choice to the config's `receiptUrl`, if it has one; `gpc`: whether
    /// the browser sends Global Privacy Control (the runtime read it).
    pub fn send_receipt(
        &self,
        config: &Config,
        choice: Option<&Choice>,
        origin: Origin,
        gpc: bool,
    ) {
        let Some(url) = &config.receipt_url else {
            return;
        };
        let id = if config.consent_id {
            privacy::consent_id().or_log("no consent id could be made")
        } else {
            None
        };
        // Without a choice (after `reset()`) what counts is what is presumed: objection-basis
        // categories on unless the signal covers them, the rest off.
        let mut presumed = Choice::presumed(config, gpc, None);
        presumed.time = now();
        let choice = choice.unwrap_or(&presumed);
        let mut categories = vec![(NECESSARY, true)];
        categories.extend(choice.grants.iter().map(|(id, g)| (id.as_str(), *g)));
        let json = Receipt {
            consent_id: id.as_deref(),
            event: origin.as_str(),
            categories,
            basis: Policy::optional(config),
            services: choice
                .services
                .iter()
                .map(|s| (s.id.as_str(), s.granted))
                .collect(),
            revision: config.revision,
            time: choice.time,
            language: &config.language,
            text_version: config.text_version(),
            gpc,
        }
        .to_json();
        match privacy::send_receipt(url, &json) {
            Ok(true) => {}
            Ok(false) => log_warning("the browser did not queue the consent receipt"),
            Err(error) => report("the consent receipt could not be sent", &error),
        }
    }

    /// Warns once per name about cookies on the page that no category declares.
    pub fn warn_undeclared(&self, config: &Config) {
        let jar = cookies::jar();
        let names = cookies::names(&jar);
        let mut warned = self.warned.borrow_mut();
        let new: Vec<&str> = config
            .undeclared(&names)
            .into_iter()
            .filter(|n| !warned.iter().any(|w| w == n))
            .collect();
        if new.is_empty() {
            return;
        }
        log_warning(&format!(
            "cookies on this page that the config does not declare: {} (add them to a category's `cookies`)",
            crate::full::join(&new, ", ")
        ));
        warned.extend(new.into_iter().map(str::to_owned));
    }
}

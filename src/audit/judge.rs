//! Who a request's host or a stored name belongs to, as the config declares it, and whether the
//! visitor's choice allowed it when it was seen. Pure: no browser.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::core::consent::{self, Choice, Need, NECESSARY};
use crate::core::cookies::matches;
use crate::core::digest::Digest;
use crate::core::url::within;
use crate::names::{cookie, storage};

/// The component's own cookies and storage keys: never findings.
const OWN_NAMES: [&str; 8] = [
    cookie::CONSENT,
    cookie::CONTRAST,
    cookie::TEXT_SIZE,
    cookie::TOOLBAR_OPEN,
    storage::CONFIG,
    storage::SAVED,
    storage::CONSENT_ID,
    storage::SIZES,
];

/// Who something the page did belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner<'a> {
    /// The site itself or the component: never a finding.
    Site,
    /// Declared in the config: each `(owner, category)`, where the owner is a service, or the
    /// category itself for a category's own cookies.
    Declared(Vec<(&'a str, &'a str)>),
    /// Nothing in the config declares it.
    Undeclared,
}

impl Owner<'_> {
    /// Who a request to `host` belongs to: the services that declare it, and `necessary` when it
    /// names it (a font or library CDN the site needs). Requests to the site's own host and to
    /// the component's files are the caller's to leave out (it knows their URLs).
    pub fn of_host<'a>(digest: &'a Digest, host: &str) -> Owner<'a> {
        let declares = |hosts: &str| hosts.split_ascii_whitespace().any(|h| within(host, h));
        let mut owners: Vec<(&str, &str)> = digest
            .services
            .iter()
            .filter(|s| declares(&s.hosts))
            .map(|s| (s.id.as_str(), s.category.as_str()))
            .collect();
        if declares(&digest.necessary_hosts) {
            owners.push((NECESSARY, NECESSARY));
        }
        declared_or_not(owners)
    }

    /// Who a cookie or storage key named `name` belongs to: the config declares both kinds alike,
    /// by name or pattern (`_ga_*`), in a category's or a service's `cookies`.
    pub fn of_name<'a>(digest: &'a Digest, name: &str) -> Owner<'a> {
        if OWN_NAMES.contains(&name) {
            return Owner::Site;
        }
        let declares = |patterns: &str| patterns.split_ascii_whitespace().any(|p| matches(p, name));
        let services = digest
            .services
            .iter()
            .filter(|s| declares(&s.cookies))
            .map(|s| (s.id.as_str(), s.category.as_str()));
        let categories = digest
            .categories
            .iter()
            .filter(|c| declares(&c.cookies))
            .map(|c| (c.id.as_str(), c.id.as_str()));
        declared_or_not(services.chain(categories).collect())
    }

    /// Whether `choice` allows it: the site always, the undeclared never, the declared when any
    /// of its owners is allowed (several services may share a host or a cookie name; the page
    /// cannot tell which one made it).
    pub fn allowed_by(&self, choice: Option<&Choice>) -> bool {
        match self {
            Owner::Site => true,
            Owner::Undeclared => false,
            Owner::Declared(owners) => owners.iter().any(|&(owner, category)| {
                let service = (owner != category).then_some(owner);
                consent::allows(
                    choice,
                    Need {
                        required: category,
                        service,
                    },
                )
            }),
        }
    }
}

fn declared_or_not<'a>(owners: Vec<(&'a str, &'a str)>) -> Owner<'a> {
    if owners.is_empty() {
        Owner::Undeclared
    } else {
        Owner::Declared(owners)
    }
}

/// The visitor's choice over time, as the audit saw it. The audit reads the consent cookie at
/// each check, so a change is known only to have happened between two checks: in that window
/// both the old and the new choice may have been in force.
#[derive(Debug)]
pub struct Timeline {
    eras: Vec<Era>,
    /// The consent cookie's value at the last check.
    value: Option<String>,
    /// When the last check was (ms since navigation start).
    checked: f64,
}

#[derive(Debug)]
struct Era {
    /// The earliest moment this choice may have been in force.
    from: f64,
    /// The last moment it may have been (the check that found the next one).
    until: f64,
    choice: Option<Choice>,
}

impl Timeline {
    /// Starts at navigation (time 0) with the consent cookie's `value` and what it means.
    pub fn new(value: Option<String>, choice: Option<Choice>, now: f64) -> Self {
        Self {
            eras: vec![Era {
                from: 0.0,
                until: f64::INFINITY,
                choice,
            }],
            value,
            checked: now,
        }
    }

    /// Notes the consent cookie's `value` at a check at `now`; `resolve` says what a new value
    /// means. The new choice may have been in force since the check before.
    pub fn see(
        &mut self,
        now: f64,
        value: Option<String>,
        resolve: impl FnOnce(Option<&str>) -> Option<Choice>,
    ) {
        if value != self.value {
            let choice = resolve(value.as_deref());
            if let Some(last) = self.eras.last_mut() {
                last.until = now;
            }
            self.eras.push(Era {
                from: self.checked,
                until: f64::INFINITY,
                choice,
            });
            self.value = value;
        }
        self.checked = now;
    }

    /// The choice now.
    pub fn current(&self) -> Option<&Choice> {
        self.eras.last().and_then(|era| era.choice.as_ref())
    }

    /// Whether `owner` was allowed at `time` by some choice that may have been in force then.
    pub fn allowed_at(&self, time: f64, owner: &Owner<'_>) -> bool {
        self.eras
            .iter()
            .filter(|era| era.from <= time && time <= era.until)
            .any(|era| owner.allowed_by(era.choice.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::codec;
    use crate::core::consent::resolve;

    /// necessary (own cookie `session`, host `fonts.example`), analytics (own `_stats`, service
    /// `ga`: `ga.example`, `_ga*`), embeds (service `tube`: `tube.example`, `YSC`).
    fn digest() -> Digest {
        let text = "cb3\nr\t0\nm\toff\nc\tnecessary\t0\t-\tsession\nc\tanalytics\t0\t-\t_stats\nc\tembeds\t0\t-\t\nv\tga\tanalytics\tga.example\t_ga*\nv\ttube\tembeds\ttube.example\tYSC\nn\tfonts.example\nb\t[data-a11y-toolbar]";
        Digest::decode(text).unwrap()
    }

    fn choice(value: &str) -> Option<Choice> {
        resolve(codec::decode(value), &digest(), false)
    }

    #[test]
    fn hosts_belong_to_the_services_that_declare_them() {
        let d = digest();
        assert_eq!(
            Owner::of_host(&d, "www.ga.example"),
            Owner::Declared(vec![("ga", "analytics")])
        );
        assert_eq!(
            Owner::of_host(&d, "tube.example"),
            Owner::Declared(vec![("tube", "embeds")])
        );
        assert_eq!(Owner::of_host(&d, "notga.example"), Owner::Undeclared);
        let font = Owner::of_host(&d, "static.fonts.example");
        assert_eq!(font, Owner::Declared(vec![("necessary", "necessary")]));
        let refused = choice("v2|r0|t1|analytics:0|embeds:0");
        assert!(font.allowed_by(None) && font.allowed_by(refused.as_ref()));
    }

    #[test]
    fn names_belong_to_services_then_categories_and_the_components_own_to_the_site() {
        let d = digest();
        assert_eq!(
            Owner::of_name(&d, "_ga_XY"),
            Owner::Declared(vec![("ga", "analytics")])
        );
        assert_eq!(
            Owner::of_name(&d, "_stats"),
            Owner::Declared(vec![("analytics", "analytics")])
        );
        assert_eq!(
            Owner::of_name(&d, "session"),
            Owner::Declared(vec![("necessary", "necessary")])
        );
        assert_eq!(Owner::of_name(&d, "cookieconsent_status"), Owner::Site);
        assert_eq!(Owner::of_name(&d, "consent-banner:config"), Owner::Site);
        assert_eq!(Owner::of_name(&d, "tracker-id"), Owner::Undeclared);
    }

    #[test]
    fn the_choice_allows_necessary_always_granted_owners_and_never_the_undeclared() {
        let d = digest();
        let refused = choice("v2|r0|t1|analytics:0|embeds:0");
        let tube_only = choice("v2|r0|t1|analytics:0|embeds:0+tube");
        let all = choice("v2|r0|t1|analytics:1|embeds:1");
        let session = Owner::of_name(&d, "session");
        let ga = Owner::of_host(&d, "ga.example");
        let tube = Owner::of_host(&d, "tube.example");
        assert!(session.allowed_by(None));
        assert!(!ga.allowed_by(None) && !ga.allowed_by(refused.as_ref()));
        assert!(tube.allowed_by(tube_only.as_ref()) && !ga.allowed_by(tube_only.as_ref()));
        assert!(
            ga.allowed_by(all.as_ref()) && Owner::of_name(&d, "_stats").allowed_by(all.as_ref())
        );
        assert!(!Owner::Undeclared.allowed_by(all.as_ref()));
        assert!(Owner::Site.allowed_by(None));
    }

    #[test]
    fn a_change_may_have_been_in_force_since_the_check_before_it_was_seen() {
        let d = digest();
        let ga = Owner::of_host(&d, "ga.example");
        let mut timeline = Timeline::new(None, None, 50.0);
        timeline.see(100.0, None, |_| unreachable!());
        let granted = "v2|r0|t1|analytics:1|embeds:0";
        timeline.see(300.0, Some(granted.to_owned()), |v| {
            choice(v.unwrap_or_default())
        });
        assert!(timeline.current().is_some_and(|c| c.granted("analytics")));
        assert!(
            !timeline.allowed_at(20.0, &ga),
            "before the last check without it"
        );
        assert!(!timeline.allowed_at(99.0, &ga));
        assert!(
            timeline.allowed_at(150.0, &ga),
            "between the checks: it may have been granted"
        );
        assert!(timeline.allowed_at(5_000.0, &ga));
        timeline.see(400.0, None, |_| None);
        assert!(!timeline.allowed_at(5_000.0, &ga), "withdrawn");
        assert!(timeline.allowed_at(350.0, &ga));
    }
}

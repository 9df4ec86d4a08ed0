//! Consent decisions: what a stored value means for this config, what a gated element may do,
//! and what a change withdraws.

#[allow(unused_imports)]
use crate::prelude::*;

use super::codec::{Grant, Record, Stored};

/// The category that is always on.
pub const NECESSARY: &str = "necessary";

/// On what ground a category's storage is used (UK PECR as amended in 2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Basis {
    /// Only after the visitor agrees (the default, and the only basis in the EU).
    #[default]
    Consent,
    /// Until the visitor objects: the UK's statistics and appearance exceptions, which need clear
    /// information and a simple, free way to object, not prior consent.
    Objection,
}

/// One optional category as the consent rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Optional<'a> {
    /// Its id.
    pub id: &'a str,
    /// The revision its description last changed in.
    pub changed_in: u32,
    /// Its basis.
    pub basis: Basis,
    /// Whether Global Privacy Control covers it.
    pub gpc: bool,
    /// Whether the banner asks about it (consent) or informs about it (objection).
    pub banner: bool,
}

impl Optional<'_> {
    /// Whether it counts as granted before any choice: on the objection basis, unless the
    /// browser's Global Privacy Control (`gpc`) objects for the visitor.
    pub fn presumed(&self, gpc: bool) -> bool {
        self.basis == Basis::Objection && !self.withheld(gpc)
    }

    /// Whether the Global Privacy Control signal, when the browser sends it (`gpc`), answers for
    /// the visitor: it covers this category, which then stays refused unless they turn it on.
    pub fn withheld(&self, gpc: bool) -> bool {
        gpc && self.gpc
    }
}

/// What the banner has to say to a visitor without a choice: the banner's consent-basis categories
/// it asks about, and every objection-basis category it informs about (with a way to object).
/// Categories Global Privacy Control covers are in neither: the signal answered for them. With
/// both empty, no banner is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Banner<'a> {
    /// Consent-basis categories of the banner, not covered by the signal.
    pub ask: Vec<&'a str>,
    /// Objection-basis categories, not covered by the signal.
    pub inform: Vec<&'a str>,
    /// Categories the signal refused.
    pub withheld: Vec<&'a str>,
}

impl<'a> Banner<'a> {
    /// The banner for `policy`, with the Global Privacy Control signal `gpc`.
    pub fn of(policy: &'a (impl Policy + ?Sized), gpc: bool) -> Self {
        let mut banner = Self::default();
        // Every objection-basis category is informed about (the exception needs it); only the
        // banner's consent-basis ones are asked about (the others are asked for where used).
        for c in policy.optional() {
            let list = if c.withheld(gpc) {
                &mut banner.withheld
            } else if c.basis == Basis::Objection {
                &mut banner.inform
            } else if c.banner {
                &mut banner.ask
            } else {
                continue;
            };
            list.push(c.id);
        }
        banner
    }

    /// Whether there is anything to show.
    pub fn shown(&self) -> bool {
        !self.ask.is_empty() || !self.inform.is_empty()
    }
}

/// Whether a visitor without a choice sees a banner: [`Banner::shown`] without the lists (the
/// first stage needs only this).
pub fn banner_shown(policy: &(impl Policy + ?Sized), gpc: bool) -> bool {
    policy
        .optional()
        .iter()
        .any(|c| !c.withheld(gpc) && (c.basis == Basis::Objection || c.banner))
}

/// A visitor's answer in the banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer<'a> {
    /// Accept: the categories asked about are granted.
    Accept,
    /// Reject, or hide an information notice: nothing more is granted than before any choice.
    Reject,
    /// "Turn off {category}": that category refused (an objection).
    TurnOff(&'a str),
}

/// What consent decisions need of a config. The full stage's `config::Config` and the first stage's
/// [`Digest`](super::digest::Digest) both answer it, so both stages decide alike.
pub trait Policy {
    /// The policy revision.
    fn revision(&self) -> u32;
    /// Each optional category, in order.
    fn optional(&self) -> Vec<Optional<'_>>;
    /// Each service's id and its category's, in config order.
    fn services(&self) -> Vec<(&str, &str)>;
    /// Whether `owner` (a category or a service) declares a cookie named `cookie`. A category
    /// declares its own cookies and its services'.
    fn declares(&self, owner: &str, cookie: &str) -> bool;
}

/// What a visitor (or a site's script) changes: categories, then services.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Categories granted or refused, each with all its services.
    pub categories: Vec<(String, bool)>,
    /// Single services granted or refused.
    pub services: Vec<(String, bool)>,
}

impl Changes {
    /// Changes to categories only.
    pub fn categories(categories: Vec<(String, bool)>) -> Self {
        Self {
            categories,
            services: Vec::new(),
        }
    }
}

/// One service's answer, with the category it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceGrant {
    /// The service id.
    pub id: String,
    /// Its category's id.
    pub category: String,
    /// Whether it is granted (always, when its category is).
    pub granted: bool,
}

/// The visitor's answer for every optional category and service of the current config.
///
/// A granted category grants every service in it; a refused one may still grant some of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The policy revision answered.
    pub revision: u32,
    /// When, in seconds since the Unix epoch.
    pub time: u64,
    /// Each optional category in config order, and whether it is granted.
    pub grants: Vec<(String, bool)>,
    /// Each service in config order.
    pub services: Vec<ServiceGrant>,
}

/// A change that cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceError {
    /// No category has that id.
    UnknownCategory(String),
    /// No service has that id.
    UnknownService(String),
    /// `necessary` was refused.
    Necessary,
}

impl ChoiceError {
    /// What went wrong, written without `core::fmt` (both stages).
    pub fn message(&self) -> String {
        match self {
            ChoiceError::UnknownCategory(id) => {
                crate::core::text::concat(&["no category `", id, "`"])
            }
            ChoiceError::UnknownService(id) => {
                crate::core::text::concat(&["no service `", id, "`"])
            }
            ChoiceError::Necessary => "`necessary` is always on and cannot be refused".to_owned(),
        }
    }
}

impl ::core::fmt::Display for ChoiceError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl ::core::error::Error for ChoiceError {}

impl Choice {
    /// The same answer for every optional category and service.
    pub fn uniform(policy: &(impl Policy + ?Sized), granted: bool, time: u64) -> Self {
        Self {
            revision: policy.revision(),
            time,
            grants: policy
                .optional()
                .into_iter()
                .map(|c| (c.id.to_owned(), granted))
                .collect(),
            services: policy
                .services()
                .into_iter()
                .map(|(id, category)| ServiceGrant {
                    id: id.to_owned(),
                    category: category.to_owned(),
                    granted,
                })
                .collect(),
        }
    }

    /// What counts before any (current) choice: objection-basis categories granted, unless the
    /// Global Privacy Control signal `gpc` covers them or an `earlier` answer (of an older
    /// revision) refused them, which stands as an objection; the rest refused. Dated 0.
    pub fn presumed(policy: &(impl Policy + ?Sized), gpc: bool, earlier: Option<&Stored>) -> Self {
        let mut choice = Self::uniform(policy, false, 0);
        for (slot, category) in choice.grants.iter_mut().zip(policy.optional()) {
            let refused_before = match earlier {
                Some(Stored::Legacy(granted)) => !granted,
                Some(Stored::Record(record)) => {
                    record.grants.iter().any(|g| g.id == slot.0 && !g.granted)
                }
                None => false,
            };
            slot.1 = category.presumed(gpc) && !refused_before;
            if refused_before && category.presumed(gpc) {
                // The services it kept when it refused the category stay on.
                for service in choice.services.iter_mut().filter(|s| s.category == slot.0) {
                    service.granted = matches!(earlier, Some(Stored::Record(r))
                        if r.grants.iter().any(|g| g.services.contains(&service.id)));
                }
            }
        }
        choice.settle();
        choice
    }

    /// What a banner answer means over `base` (the visitor's current choice, or before any what
    /// is presumed, [`Choice::presumed`]): the categories the banner asks about granted (Accept)
    /// or refused (Reject), or the one turned off refused. Everything else stays as in `base`:
    /// an objection already made is never undone by hiding a notice.
    pub fn answered(
        base: &Choice,
        policy: &(impl Policy + ?Sized),
        gpc: bool,
        answer: Answer<'_>,
        time: u64,
    ) -> Self {
        let mut choice = base.clone();
        choice.revision = policy.revision();
        choice.time = time;
        let banner = Banner::of(policy, gpc);
        let refused = |category: &str| match answer {
            Answer::Reject => banner.ask.contains(&category),
            Answer::TurnOff(off) => off == category,
            Answer::Accept => false,
        };
        for (id, granted) in &mut choice.grants {
            if answer == Answer::Accept && banner.ask.contains(&id.as_str()) {
                *granted = true;
            }
            if refused(id) {
                *granted = false;
            }
        }
        for service in &mut choice.services {
            if refused(&service.category) {
                service.granted = false;
            }
        }
        choice.settle();
        choice
    }

    /// Whether category `id` is granted whole. `necessary` always is; unknown ids never are.
    pub fn granted(&self, id: &str) -> bool {
        id == NECESSARY || self.grants.iter().any(|(c, g)| c == id && *g)
    }

    /// Whether service `id` is granted (on its own or with its category); unknown ids never are.
    pub fn service_granted(&self, id: &str) -> bool {
        self.services.iter().any(|s| s.id == id && s.granted)
    }

    /// Whether service `id` of `category` is granted.
    fn service_in(&self, id: &str, category: &str) -> bool {
        self.services
            .iter()
            .any(|s| s.id == id && s.category == category && s.granted)
    }

    /// `base` (or everything refused, before any choice) with `categories` and then `services`
    /// changed, dated `time`. Granting or refusing a category does the same to all its services;
    /// refusing a service of a granted category leaves the category refused and its other
    /// services granted.
    pub fn changed(
        base: Option<&Choice>,
        changes: &Changes,
        policy: &(impl Policy + ?Sized),
        time: u64,
    ) -> Result<Self, ChoiceError> {
        let Changes {
            categories,
            services,
        } = changes;
        let mut choice = base
            .cloned()
            .unwrap_or_else(|| Self::uniform(policy, false, time));
        choice.revision = policy.revision();
        choice.time = time;
        for (id, granted) in categories {
            if id == NECESSARY {
                if *granted {
                    continue;
                }
                return Err(ChoiceError::Necessary);
            }
            let slot = choice
                .grants
                .iter_mut()
                .find(|(c, _)| c == id)
                .ok_or_else(|| ChoiceError::UnknownCategory(id.clone()))?;
            slot.1 = *granted;
            for service in choice.services.iter_mut().filter(|s| s.category == *id) {
                service.granted = *granted;
            }
        }
        for (id, granted) in services {
            let slot = choice
                .services
                .iter_mut()
                .find(|s| s.id == *id)
                .ok_or_else(|| ChoiceError::UnknownService(id.clone()))?;
            slot.granted = *granted;
            if !granted {
                let category = slot.category.clone();
                for grant in choice.grants.iter_mut().filter(|(c, _)| *c == category) {
                    grant.1 = false;
                }
            }
        }
        choice.settle();
        Ok(choice)
    }

    /// Keeps the rule that a granted category grants all its services.
    fn settle(&mut self) {
        for service in &mut self.services {
            if self
                .grants
                .iter()
                .any(|(c, g)| *g && *c == service.category)
            {
                service.granted = true;
            }
        }
    }

    /// The stored form: a granted objection-basis category is stored as informed (`i`), never
    /// as consented; but one the Global Privacy Control signal (`gpc`) covers can only have been
    /// turned on by the visitor against the signal, and is stored as their opt-in (`1`), which a
    /// later signal does not undo.
    pub fn to_record(&self, policy: &(impl Policy + ?Sized), gpc: bool) -> Record {
        let optional = policy.optional();
        let objection = |id: &str| {
            optional
                .iter()
                .any(|c| c.id == id && c.basis == Basis::Objection && !c.withheld(gpc))
        };
        Record {
            revision: self.revision,
            time: self.time,
            grants: self
                .grants
                .iter()
                .map(|(id, granted)| Grant {
                    id: id.clone(),
                    granted: *granted,
                    informed: *granted && objection(id),
                    services: self
                        .services
                        .iter()
                        .filter(|s| !granted && s.granted && s.category == *id)
                        .map(|s| s.id.clone())
                        .collect(),
                })
                .collect(),
        }
    }
}

/// What a stored value means under `config`: `None` asks the visitor (again).
///
/// Legacy Osano values count as revision 0. A record is outdated when its revision is lower than
/// the config's, or when the config has a category the visitor was never asked about. A service
/// the record does not list takes its category's answer; one it lists (inside any category) is
/// granted. A category granted as informed (`i`) that now needs consent is not answered: the
/// visitor is asked; one the Global Privacy Control signal (`gpc`) covers is refused while the
/// browser sends it (the signal is an objection, and `i` only says the visitor did not object).
pub fn resolve(
    stored: Option<Stored>,
    policy: &(impl Policy + ?Sized),
    gpc: bool,
) -> Option<Choice> {
    match stored? {
        Stored::Legacy(granted) => {
            (policy.revision() == 0).then(|| Choice::uniform(policy, granted, 0))
        }
        Stored::Record(record) => {
            if record.revision < policy.revision() {
                return None;
            }
            // Everything refused, then each answer the record gives: one shape of code with
            // `uniform`, rather than a collect of its own for each list.
            let mut choice = Choice::uniform(policy, false, record.time);
            choice.revision = record.revision;
            for ((id, granted), category) in choice.grants.iter_mut().zip(policy.optional()) {
                let grant = record.grants.iter().find(|g| g.id == *id)?;
                if grant.informed && category.basis != Basis::Objection {
                    return None;
                }
                *granted = grant.granted && !(grant.informed && category.withheld(gpc));
            }
            for service in &mut choice.services {
                service.granted = record
                    .grants
                    .iter()
                    .any(|g| g.services.contains(&service.id));
            }
            choice.settle();
            Some(choice)
        }
    }
}

/// What gated markup needs: its categories (space-separated, as `data-consent` says), and the
/// service it belongs to, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need<'a> {
    /// The categories, space-separated.
    pub required: &'a str,
    /// The service, if the markup names one or loads from a service's host.
    pub service: Option<&'a str>,
}

impl<'a> Need<'a> {
    /// The categories alone.
    pub fn categories(required: &'a str) -> Self {
        Self {
            required,
            service: None,
        }
    }

    /// The text form the gate keeps and hands over: `required`, then `#service` if any.
    pub fn key(&self) -> String {
        match self.service {
            Some(service) => crate::core::text::concat(&[self.required, "#", service]),
            None => self.required.to_owned(),
        }
    }

    /// Reads [`Need::key`]'s text.
    pub fn from_key(key: &'a str) -> Self {
        match crate::core::text::split_once_byte(key, b'#') {
            Some((required, service)) => Self {
                required,
                service: Some(service),
            },
            None => Self::categories(key),
        }
    }
}

/// Whether markup that needs `need` may run. Each category must be granted, or hold the markup's
/// service and have it granted; an empty list or an unknown id never runs.
pub fn allows(choice: Option<&Choice>, need: Need<'_>) -> bool {
    every(need.required, &|id| {
        id == NECESSARY
            || choice
                .is_some_and(|c| c.granted(id) || need.service.is_some_and(|s| c.service_in(s, id)))
    })
}

/// Whether every id in `ids` (space-separated categories or services) is granted; an empty list
/// never is. (Consent Mode's types name either.)
pub fn grants_all(choice: Option<&Choice>, ids: &str) -> bool {
    every(ids, &|id| {
        id == NECESSARY || choice.is_some_and(|c| c.granted(id) || c.service_granted(id))
    })
}

/// Whether `test` holds for every id in `ids` (space-separated); an empty list never does. One
/// function over a `dyn` test: [`allows`] and [`grants_all`] share its code.
fn every(ids: &str, test: &dyn Fn(&str) -> bool) -> bool {
    // Split twice rather than `peekable`: its code is not in the first stage otherwise.
    ids.split_ascii_whitespace().next().is_some() && ids.split_ascii_whitespace().all(test)
}

/// The names in `present` that belong to a refused category or service, and to no necessary
/// category or granted service.
pub fn cookies_to_delete<'a>(
    policy: &(impl Policy + ?Sized),
    choice: &Choice,
    present: &[&'a str],
) -> Vec<&'a str> {
    present
        .iter()
        .copied()
        .filter(|name| {
            let kept = policy.declares(NECESSARY, name)
                || choice
                    .services
                    .iter()
                    .any(|s| s.granted && policy.declares(&s.id, name));
            let refused = choice
                .grants
                .iter()
                .any(|(id, granted)| !granted && policy.declares(id, name))
                || choice
                    .services
                    .iter()
                    .any(|s| !s.granted && policy.declares(&s.id, name));
            !kept && refused
        })
        .collect()
}

/// The names in `present` declared by a category whose description changed after the revision the
/// visitor answered (`changedIn` above `answered`): asked again, their cookies go at once.
pub fn cookies_of_changed<'a>(
    policy: &(impl Policy + ?Sized),
    answered: u32,
    present: &[&'a str],
) -> Vec<&'a str> {
    let changed: Vec<&str> = policy
        .optional()
        .into_iter()
        .filter(|c| c.changed_in > answered)
        .map(|c| c.id)
        .collect();
    present
        .iter()
        .copied()
        .filter(|name| changed.iter().any(|id| policy.declares(id, name)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::codec::{decode, encode};
    use crate::core::cookies;

    /// A config as the rules see it: analytics (Google Analytics, Hotjar) and embeds (YouTube,
    /// Twitter), with a cookie of its own each.
    struct Rules {
        revision: u32,
        changed_in: u32,
        analytics: Basis,
        embeds: Basis,
    }

    const CATEGORIES: [(&str, &[&str]); 3] = [
        (NECESSARY, &["cookieconsent_status"]),
        ("analytics", &["_own"]),
        ("embeds", &["googtrans"]),
    ];
    const SERVICES: [(&str, &str, &str, &[&str]); 4] = [
        (
            "google-analytics",
            "analytics",
            "google-analytics.com",
            &["_ga", "_ga_*", "_gid", "__utma"],
        ),
        ("hotjar", "analytics", "hotjar.com", &["_hj*"]),
        ("youtube", "embeds", "youtube.com", &["YSC"]),
        ("twitter", "embeds", "twitter.com", &["guest_id"]),
    ];

    impl Policy for Rules {
        fn revision(&self) -> u32 {
            self.revision
        }
        fn optional(&self) -> Vec<Optional<'_>> {
            vec![
                Optional {
                    id: "analytics",
                    changed_in: self.changed_in,
                    basis: self.analytics,
                    gpc: true,
                    banner: true,
                },
                Optional {
                    id: "embeds",
                    changed_in: 0,
                    basis: self.embeds,
                    gpc: false,
                    banner: false,
                },
            ]
        }
        fn services(&self) -> Vec<(&str, &str)> {
            SERVICES.iter().map(|(id, c, _, _)| (*id, *c)).collect()
        }
        fn declares(&self, owner: &str, cookie: &str) -> bool {
            let own = CATEGORIES
                .iter()
                .filter(|(id, _)| *id == owner)
                .flat_map(|(_, names)| names.iter());
            let services = SERVICES
                .iter()
                .filter(|(id, c, _, _)| *id == owner || *c == owner)
                .flat_map(|(_, _, _, names)| names.iter());
            own.chain(services).any(|p| cookies::matches(p, cookie))
        }
    }

    fn config(revision: u32) -> Rules {
        Rules {
            revision,
            changed_in: 0,
            analytics: Basis::Consent,
            embeds: Basis::Consent,
        }
    }

    fn set(ids: &[(&str, bool)]) -> Vec<(String, bool)> {
        ids.iter().map(|(id, g)| ((*id).to_owned(), *g)).collect()
    }

    fn changes(categories: &[(&str, bool)], services: &[(&str, bool)]) -> Changes {
        Changes {
            categories: set(categories),
            services: set(services),
        }
    }

    fn categories(ids: &[(&str, bool)]) -> Choice {
        Choice::changed(None, &changes(ids, &[]), &config(0), 1).unwrap()
    }

    #[test]
    fn no_value_or_dismiss_asks() {
        assert_eq!(resolve(None, &config(0), false), None);
        assert_eq!(resolve(decode("dismiss"), &config(0), false), None);
        assert_eq!(resolve(decode("%%garbage"), &config(0), false), None);
    }

    #[test]
    fn legacy_values_answer_every_category_and_service_at_revision_zero() {
        let allow = resolve(decode("allow"), &config(0), false).unwrap();
        assert!(allow.granted("analytics") && allow.granted("embeds"));
        assert!(allow.service_granted("youtube") && allow.service_granted("hotjar"));
        let deny = resolve(decode("deny"), &config(0), false).unwrap();
        assert!(!deny.granted("analytics") && !deny.granted("embeds"));
        assert!(!deny.service_granted("youtube"));
        assert!(deny.granted("necessary"));
        assert_eq!(resolve(decode("allow"), &config(1), false), None);
    }

    #[test]
    fn a_higher_revision_asks_again() {
        let value = "v1|r1|t5|analytics:1|embeds:0";
        assert!(resolve(decode(value), &config(1), false).is_some());
        assert!(resolve(decode(value), &config(0), false).is_some());
        assert_eq!(resolve(decode(value), &config(2), false), None);
    }

    #[test]
    fn a_new_category_asks_again_and_extra_ones_are_ignored() {
        assert_eq!(
            resolve(decode("v1|r0|t5|analytics:1"), &config(0), false),
            None
        );
        let choice = resolve(
            decode("v1|r0|t5|analytics:1|embeds:1|old:1"),
            &config(0),
            false,
        )
        .unwrap();
        assert_eq!(choice.grants.len(), 2);
        assert!(choice.granted("embeds") && !choice.granted("old"));
    }

    #[test]
    fn version_1_values_read_the_same_with_services() {
        let choice = resolve(decode("v1|r0|t5|analytics:1|embeds:0"), &config(0), false).unwrap();
        assert!(choice.service_granted("google-analytics") && choice.service_granted("hotjar"));
        assert!(!choice.service_granted("youtube") && !choice.service_granted("twitter"));
        assert_eq!(
            encode(&choice.to_record(&config(0), false)),
            "v2|r0|t5|analytics:1|embeds:0",
            "re-encoded with the same answers"
        );
    }

    #[test]
    fn listed_services_are_granted_and_unknown_ones_ignored() {
        let value = "v2|r0|t5|analytics:0|embeds:0+youtube+vimeo";
        let choice = resolve(decode(value), &config(0), false).unwrap();
        assert!(choice.service_granted("youtube"));
        assert!(!choice.service_granted("twitter") && !choice.service_granted("vimeo"));
        assert!(!choice.granted("embeds"));
        assert_eq!(
            encode(&choice.to_record(&config(0), false)),
            "v2|r0|t5|analytics:0|embeds:0+youtube"
        );
    }

    #[test]
    fn banner_accept_grants_only_banner_categories_and_their_services() {
        let choice = answer_on(&config(0), false, Answer::Accept, 9);
        assert!(choice.granted("analytics") && choice.service_granted("hotjar"));
        assert!(!choice.granted("embeds") && !choice.service_granted("youtube"));
        assert_eq!(
            encode(&choice.to_record(&config(0), false)),
            "v2|r0|t9|analytics:1|embeds:0"
        );
        let rejected = answer_on(&config(0), false, Answer::Reject, 9);
        assert_eq!(rejected, Choice::uniform(&config(0), false, 9));
    }

    /// A banner answer over what is presumed without an earlier answer.
    fn answer_on(policy: &Rules, gpc: bool, answer: Answer<'_>, time: u64) -> Choice {
        Choice::answered(
            &Choice::presumed(policy, gpc, None),
            policy,
            gpc,
            answer,
            time,
        )
    }

    fn objection() -> Rules {
        Rules {
            analytics: Basis::Objection,
            ..config(0)
        }
    }

    #[test]
    fn the_banner_asks_informs_or_stays_away() {
        let consent = config(0);
        let asks = Banner::of(&consent, false);
        assert_eq!(
            (asks.ask.as_slice(), asks.inform.len()),
            (&["analytics"][..], 0)
        );
        assert!(asks.shown());
        // Global Privacy Control answered the only question: nothing is shown.
        let signal = Banner::of(&consent, true);
        assert_eq!(signal.withheld, ["analytics"]);
        assert!(!signal.shown());
        let objection = objection();
        let informs = Banner::of(&objection, false);
        assert_eq!(
            (informs.ask.len(), informs.inform.as_slice()),
            (0, &["analytics"][..])
        );
        assert!(informs.shown());
        assert!(!Banner::of(&objection, true).shown());
        // An objection-basis category is informed about even outside the banner's categories.
        let embeds = Rules {
            embeds: Basis::Objection,
            ..config(0)
        };
        let both = Banner::of(&embeds, true);
        assert_eq!(
            (both.inform.as_slice(), both.withheld.as_slice()),
            (&["embeds"][..], &["analytics"][..])
        );
        assert!(both.shown());
        for (policy, gpc) in [
            (&consent, false),
            (&consent, true),
            (&objection, true),
            (&embeds, true),
        ] {
            assert_eq!(banner_shown(policy, gpc), Banner::of(policy, gpc).shown());
        }
    }

    #[test]
    fn objection_basis_runs_before_any_choice_unless_the_signal_objects() {
        let policy = objection();
        let presumed = Choice::presumed(&policy, false, None);
        assert!(presumed.granted("analytics") && presumed.service_granted("hotjar"));
        assert!(!presumed.granted("embeds") && !presumed.service_granted("youtube"));
        assert!(allows(Some(&presumed), Need::categories("analytics")));
        let signal = Choice::presumed(&policy, true, None);
        assert!(!signal.granted("analytics") && !signal.service_granted("hotjar"));
        // Consent-basis categories are never presumed.
        assert_eq!(
            Choice::presumed(&config(0), false, None),
            Choice::uniform(&config(0), false, 0)
        );
    }

    #[test]
    fn an_earlier_refusal_stands_as_an_objection() {
        let policy = objection();
        // Refused at revision 0 (under consent, or objected to): still off after a new revision.
        let earlier = decode("v2|r0|t5|analytics:0+hotjar|embeds:1");
        let presumed = Choice::presumed(&policy, false, earlier.as_ref());
        assert!(!presumed.granted("analytics"));
        assert!(
            presumed.service_granted("hotjar") && !presumed.service_granted("google-analytics")
        );
        assert!(
            !presumed.granted("embeds"),
            "consent-basis categories are asked again"
        );
        let granted = decode("v2|r0|t5|analytics:1|embeds:0");
        assert!(Choice::presumed(&policy, false, granted.as_ref()).granted("analytics"));
        let deny = decode("deny");
        assert!(!Choice::presumed(&policy, false, deny.as_ref()).granted("analytics"));
    }

    #[test]
    fn the_signal_objects_to_informed_but_not_to_an_opt_in() {
        let policy = objection();
        // Informed, then the browser sends Global Privacy Control: analytics is off.
        let informed = decode("v2|r0|t7|analytics:i|embeds:1");
        let choice = resolve(informed.clone(), &policy, true).unwrap();
        assert!(!choice.granted("analytics") && !choice.service_granted("hotjar"));
        assert!(choice.granted("embeds"), "the rest of the choice stands");
        assert!(resolve(informed, &policy, false)
            .unwrap()
            .granted("analytics"));
        // Turned on against the signal: stored as an opt-in, which the signal does not undo.
        let on = Choice::changed(
            Some(&Choice::presumed(&policy, true, None)),
            &changes(&[("analytics", true)], &[]),
            &policy,
            7,
        )
        .unwrap();
        let value = encode(&on.to_record(&policy, true));
        assert_eq!(value, "v2|r0|t7|analytics:1|embeds:0");
        assert!(resolve(decode(&value), &policy, true)
            .unwrap()
            .granted("analytics"));
    }

    #[test]
    fn banner_answers_keep_what_the_visitor_said_before() {
        let policy = Rules {
            embeds: Basis::Objection,
            ..config(0)
        };
        // Analytics asked, embeds informed; the visitor turned embeds off, then sees the banner
        // again (showBanner()) and rejects or accepts: the objection stands.
        let before = answer_on(&policy, false, Answer::TurnOff("embeds"), 5);
        for answer in [Answer::Reject, Answer::Accept] {
            let again = Choice::answered(&before, &policy, false, answer, 6);
            assert!(!again.granted("embeds"), "{answer:?}");
            assert_eq!(again.granted("analytics"), answer == Answer::Accept);
        }
        // Reject after an earlier Accept rejects.
        let accepted = answer_on(&policy, false, Answer::Accept, 5);
        assert!(accepted.granted("analytics"));
        assert!(
            !Choice::answered(&accepted, &policy, false, Answer::Reject, 6).granted("analytics")
        );
    }

    #[test]
    fn hiding_a_notice_records_informed_never_consented() {
        let policy = objection();
        for answer in [Answer::Reject, Answer::Accept] {
            let choice = answer_on(&policy, false, answer, 7);
            assert!(choice.granted("analytics"), "{answer:?}");
            let value = encode(&choice.to_record(&policy, false));
            assert_eq!(value, "v2|r0|t7|analytics:i|embeds:0", "{answer:?}");
            // Read back under the same config it is the same choice.
            assert_eq!(resolve(decode(&value), &policy, false), Some(choice));
            // A config that now needs consent for analytics asks again.
            assert_eq!(resolve(decode(&value), &config(0), false), None);
        }
        // Consent given while analytics needed it still counts after a move to objection.
        let consented = decode("v2|r0|t7|analytics:1|embeds:0");
        assert!(resolve(consented, &policy, false).is_some_and(|c| c.granted("analytics")));
    }

    #[test]
    fn turning_off_objects_to_the_category_and_its_services() {
        let policy = objection();
        let choice = answer_on(&policy, false, Answer::TurnOff("analytics"), 7);
        assert!(!choice.granted("analytics") && !choice.service_granted("google-analytics"));
        assert_eq!(
            encode(&choice.to_record(&policy, false)),
            "v2|r0|t7|analytics:0|embeds:0"
        );
        assert_eq!(
            cookies_to_delete(&policy, &choice, &["_ga", "_own", "YSC"]),
            ["_ga", "_own", "YSC"]
        );
        // Accept under the signal grants nothing it covers.
        let signal = answer_on(&config(0), true, Answer::Accept, 7);
        assert!(!signal.granted("analytics"));
    }

    #[test]
    fn gating_needs_every_category() {
        let choice = categories(&[("analytics", true)]);
        let on = |required| allows(Some(&choice), Need::categories(required));
        assert!(on("analytics"));
        assert!(on("necessary"));
        assert!(allows(None, Need::categories("necessary")));
        assert!(!on("analytics embeds"));
        assert!(!on("unknown"));
        assert!(!on("  "));
        assert!(!allows(None, Need::categories("analytics")));
    }

    #[test]
    fn a_granted_service_runs_its_own_markup_only() {
        let choice =
            Choice::changed(None, &changes(&[], &[("youtube", true)]), &config(0), 1).unwrap();
        let need = |required, service| Need { required, service };
        assert!(allows(Some(&choice), need("embeds", Some("youtube"))));
        assert!(!allows(Some(&choice), need("embeds", Some("twitter"))));
        assert!(
            !allows(Some(&choice), need("embeds", None)),
            "the category is not granted"
        );
        // A service vouches only for its own category.
        assert!(!allows(Some(&choice), need("analytics", Some("youtube"))));
        assert!(!allows(
            Some(&choice),
            need("embeds analytics", Some("youtube"))
        ));
        assert!(!allows(None, need("embeds", Some("youtube"))));
        // A granted category runs every service's markup.
        let all = categories(&[("embeds", true)]);
        assert!(allows(Some(&all), need("embeds", Some("twitter"))));
    }

    #[test]
    fn category_and_service_changes_keep_each_other_true() {
        let c = config(0);
        let all = categories(&[("embeds", true)]);
        assert!(all.service_granted("youtube") && all.service_granted("twitter"));
        // Refusing one service of a granted category: the category is no longer granted whole.
        let no_twitter =
            Choice::changed(Some(&all), &changes(&[], &[("twitter", false)]), &c, 2).unwrap();
        assert!(!no_twitter.granted("embeds"));
        assert!(no_twitter.service_granted("youtube") && !no_twitter.service_granted("twitter"));
        // Refusing the category refuses its services; then one may be granted again.
        let one = Choice::changed(
            Some(&all),
            &changes(&[("embeds", false)], &[("youtube", true)]),
            &c,
            3,
        )
        .unwrap();
        assert!(one.service_granted("youtube") && !one.service_granted("twitter"));
        assert_eq!(
            encode(&one.to_record(&config(0), false)),
            "v2|r0|t3|analytics:0|embeds:0+youtube"
        );
        // Granting a service inside a granted category changes nothing.
        let same = Choice::changed(Some(&all), &changes(&[], &[("youtube", true)]), &c, 1).unwrap();
        assert_eq!(same, all);
    }

    #[test]
    fn changes_are_checked() {
        let c = config(3);
        assert_eq!(
            Choice::changed(None, &changes(&[("nope", true)], &[]), &c, 1),
            Err(ChoiceError::UnknownCategory("nope".into()))
        );
        assert_eq!(
            Choice::changed(None, &changes(&[], &[("vimeo", true)]), &c, 1),
            Err(ChoiceError::UnknownService("vimeo".into()))
        );
        assert_eq!(
            Choice::changed(None, &changes(&[("necessary", false)], &[]), &c, 1),
            Err(ChoiceError::Necessary)
        );
        let old = Choice::uniform(&config(1), true, 0);
        let new = Choice::changed(Some(&old), &changes(&[("embeds", false)], &[]), &c, 7).unwrap();
        assert_eq!((new.revision, new.time), (3, 7));
        assert!(new.granted("analytics") && !new.granted("embeds"));
        assert!(!new.service_granted("youtube") && !new.service_granted("twitter"));
        assert!(
            new.service_granted("hotjar"),
            "analytics' services keep their answer"
        );
    }

    #[test]
    fn deletes_only_refused_declared_cookies() {
        let c = config(0);
        let choice = categories(&[("embeds", true)]);
        let present = [
            "_ga",
            "_ga_X1",
            "_gid",
            "__utma",
            "_hjSessionUser_1",
            "_own",
            "googtrans",
            "YSC",
            "cookieconsent_status",
            "session",
        ];
        assert_eq!(
            cookies_to_delete(&c, &choice, &present),
            vec![
                "_ga",
                "_ga_X1",
                "_gid",
                "__utma",
                "_hjSessionUser_1",
                "_own"
            ]
        );
        let all = Choice::uniform(&c, true, 1);
        assert!(cookies_to_delete(&c, &all, &present).is_empty());
    }

    #[test]
    fn refusing_a_service_deletes_only_its_cookies() {
        let c = config(0);
        let all = Choice::uniform(&c, true, 1);
        let no_hotjar =
            Choice::changed(Some(&all), &changes(&[], &[("hotjar", false)]), &c, 2).unwrap();
        let present = ["_ga", "_hjSession_1", "_own", "YSC", "guest_id"];
        // Hotjar's cookies go, and the category's own (it is no longer granted whole); Google
        // Analytics' stay.
        assert_eq!(
            cookies_to_delete(&c, &no_hotjar, &present),
            vec!["_hjSession_1", "_own"]
        );
        let youtube_only =
            Choice::changed(None, &changes(&[], &[("youtube", true)]), &c, 2).unwrap();
        assert_eq!(
            cookies_to_delete(&c, &youtube_only, &present),
            vec!["_ga", "_hjSession_1", "_own", "guest_id"]
        );
    }

    #[test]
    fn needs_round_trip_through_their_key() {
        for need in [
            Need::categories("analytics"),
            Need::categories("analytics embeds"),
            Need {
                required: "embeds",
                service: Some("youtube"),
            },
        ] {
            assert_eq!(Need::from_key(&need.key()), need);
        }
    }

    #[test]
    fn a_changed_category_loses_its_cookies_for_earlier_answers() {
        let mut rules = config(3);
        rules.changed_in = 3; // analytics reworded in revision 3
        let present = ["_ga", "YSC", "cookieconsent_status", "_hjSession_1"];
        assert_eq!(
            cookies_of_changed(&rules, 2, &present),
            ["_ga", "_hjSession_1"]
        );
        assert!(
            cookies_of_changed(&rules, 3, &present).is_empty(),
            "answered revision 3"
        );
        rules.changed_in = 0;
        assert!(
            cookies_of_changed(&rules, 0, &present).is_empty(),
            "nothing changed"
        );
    }
}

//! The audit's findings: what the page did that the visitor's choice at that moment did not
//! allow, each recorded once. Pure: the browser layer (`watch`) feeds it what it sees.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::core::codec;
use crate::core::consent::{self, Choice};
use crate::core::digest::Digest;
use crate::core::text::{concat, decimal};
use crate::core::url::host_of;

use super::judge::{Owner, Timeline};

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A request the page made (any resource: script, image, frame, fetch…).
    Request,
    /// A cookie on the page.
    Cookie,
    /// A `localStorage` key.
    LocalStorage,
    /// A `sessionStorage` key.
    SessionStorage,
}

impl Kind {
    /// The name `audit()` gives it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Cookie => "cookie",
            Kind::LocalStorage => "localStorage",
            Kind::SessionStorage => "sessionStorage",
        }
    }
}

/// Who a finding is blamed on when nothing declares it.
pub const UNDECLARED: &str = "undeclared";

/// One thing the page did that the choice did not allow.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What it is.
    pub kind: Kind,
    /// The request's host, or the cookie's or key's name.
    pub name: String,
    /// The request's URL (the first one seen for its host).
    pub url: Option<String>,
    /// When it was made or first seen, in ms since navigation start.
    pub time: f64,
    /// The service (or category, for a category's own cookies) it belongs to, or [`UNDECLARED`].
    pub owner: String,
    /// Its owner's category (none when undeclared).
    pub category: Option<String>,
}

impl Finding {
    /// The console's one line about it.
    pub fn message(&self) -> String {
        let why = match &self.category {
            Some(category) => concat(&[" without consent for ", &self.owner, " (", category, ")"]),
            None => " that no category or service of the config declares".to_owned(),
        };
        let what = match self.kind {
            Kind::Request => "request to ",
            Kind::Cookie => "cookie ",
            Kind::LocalStorage => "localStorage key ",
            Kind::SessionStorage => "sessionStorage key ",
        };
        let url = self
            .url
            .as_deref()
            .map_or(String::new(), |url| concat(&[": ", url]));
        let at = decimal(self.time as u64);
        concat(&["audit: ", what, &self.name, &why, ", at ", &at, " ms", &url])
    }
}

/// What the component itself requests: never findings.
#[derive(Debug, Default)]
pub struct Own {
    /// Where its files are (the URL its scripts load from; empty when unknown).
    pub files: String,
    /// The config's `receiptUrl`, resolved against the page: the beacon each choice sends.
    pub receipt: Option<String>,
}

impl Own {
    fn made(&self, url: &str) -> bool {
        (!self.files.is_empty() && url.starts_with(&self.files))
            || self.receipt.as_deref() == Some(url)
    }
}

/// The findings so far, and what they are judged by.
#[derive(Debug)]
pub struct Ledger {
    digest: Digest,
    /// The page's host: its own requests are the site's (a `data-config` file among them: it
    /// must be on the page's origin).
    site: String,
    own: Own,
    /// Whether the browser sends Global Privacy Control (it decides what is presumed).
    gpc: bool,
    timeline: Timeline,
    findings: Vec<Finding>,
}

impl Ledger {
    /// A ledger for a page on `site` (its host), where the component requests `own`, started
    /// at `now` with the consent cookie's `value`; `gpc`: the browser sends Global Privacy
    /// Control.
    pub fn new(
        digest: Digest,
        site: String,
        own: Own,
        gpc: bool,
        value: Option<String>,
        now: f64,
    ) -> Self {
        let choice = in_force(value.as_deref(), &digest, gpc);
        Self {
            timeline: Timeline::new(value, choice, now),
            digest,
            site,
            own,
            gpc,
            findings: Vec::new(),
        }
    }

    /// Notes the consent cookie's `value` at a check at `now`.
    pub fn see_choice(&mut self, now: f64, value: Option<String>) {
        let (digest, gpc) = (&self.digest, self.gpc);
        self.timeline
            .see(now, value, |value| in_force(value, digest, gpc));
    }

    /// The choice now.
    pub fn choice(&self) -> Option<&Choice> {
        self.timeline.current()
    }

    /// Judges a request to `url` made at `time`; the new finding, if it is one.
    pub fn request(&mut self, url: &str, time: f64) -> Option<&Finding> {
        if self.own.made(url) {
            return None;
        }
        // `data:` and `blob:` URLs leave the page for nowhere.
        let host = host_of(url)?;
        if host == self.site {
            return None;
        }
        let owner = Owner::of_host(&self.digest, &host);
        if self.timeline.allowed_at(time, &owner) {
            return None;
        }
        let url = Some(url.to_owned());
        record(&mut self.findings, Kind::Request, host, url, time, &owner)
    }

    /// Judges a cookie or storage key named `name`, seen at `now`; the new finding, if it is one.
    pub fn stored(&mut self, kind: Kind, name: &str, now: f64) -> Option<&Finding> {
        let owner = Owner::of_name(&self.digest, name);
        if owner.allowed_by(self.timeline.current()) {
            return None;
        }
        record(&mut self.findings, kind, name.to_owned(), None, now, &owner)
    }

    /// Every finding, in the order found.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
}

/// What takes effect with the consent cookie's `value`, as the full stage decides it
/// (`Runtime::decide`): the visitor's current choice, or before any, what is presumed
/// (objection-basis categories on, unless the signal covers them or an outdated answer refused
/// them).
fn in_force(value: Option<&str>, digest: &Digest, gpc: bool) -> Option<Choice> {
    let stored = value.and_then(codec::decode);
    consent::resolve(stored.clone(), digest, gpc)
        .or_else(|| Some(Choice::presumed(digest, gpc, stored.as_ref())))
}

/// Adds a finding unless one of its kind and name was recorded already.
fn record<'a>(
    findings: &'a mut Vec<Finding>,
    kind: Kind,
    name: String,
    url: Option<String>,
    time: f64,
    owner: &Owner<'_>,
) -> Option<&'a Finding> {
    if findings.iter().any(|f| f.kind == kind && f.name == name) {
        return None;
    }
    let (owner, category) = match owner {
        // The first owner a refusal applies to; each of them was refused.
        Owner::Declared(owners) => owners
            .first()
            .map_or((UNDECLARED.to_owned(), None), |(owner, category)| {
                ((*owner).to_owned(), Some((*category).to_owned()))
            }),
        Owner::Site | Owner::Undeclared => (UNDECLARED.to_owned(), None),
    };
    findings.push(Finding {
        kind,
        name,
        url,
        time,
        owner,
        category,
    });
    findings.last()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// necessary, analytics (`flags`) with service `ga`, embeds with service `tube`.
    fn ledger_with(flags: &str, gpc: bool, value: Option<&str>) -> Ledger {
        let text = ["cb3\nr\t0\nm\toff\nc\tnecessary\t0\t-\tsession\nc\tanalytics\t0\t", flags, "\t_stats\nc\tembeds\t0\t-\t\nv\tga\tanalytics\tga.example\t_ga*\nv\ttube\tembeds\ttube.example\tYSC\nb\t[data-a11y-toolbar]"].concat();
        let digest = Digest::decode(&text).unwrap();
        Ledger::new(
            digest,
            "www.site.example".to_owned(),
            Own {
                files: "https://cdn.example/consent-banner/".to_owned(),
                receipt: Some("https://receipts.example/consent".to_owned()),
            },
            gpc,
            value.map(str::to_owned),
            10.0,
        )
    }

    fn ledger(value: Option<&str>) -> Ledger {
        ledger_with("-", false, value)
    }

    #[test]
    fn before_any_choice_an_objection_basis_category_is_presumed_unless_the_signal_covers_it() {
        let mut presumed = ledger_with("o", false, None);
        assert_eq!(presumed.request("https://ga.example/c", 5.0), None);
        assert_eq!(presumed.stored(Kind::Cookie, "_ga", 5.0), None);
        assert!(
            presumed.request("https://tube.example/e", 5.0).is_some(),
            "embeds needs consent"
        );
        let mut objected = ledger_with("og", true, None);
        assert!(
            objected.request("https://ga.example/c", 5.0).is_some(),
            "GPC objects for it"
        );
        let mut refused = ledger_with("o", false, Some("v2|r0|t1|analytics:0|embeds:0"));
        assert!(
            refused.request("https://ga.example/c", 5.0).is_some(),
            "the visitor objected"
        );
    }

    #[test]
    fn refused_and_undeclared_hosts_are_findings_the_site_and_the_component_are_not() {
        let mut l = ledger(None);
        assert_eq!(l.request("https://www.site.example/app.js", 1.0), None);
        assert_eq!(
            l.request(
                "https://cdn.example/consent-banner/consent-banner-full.js",
                2.0
            ),
            None
        );
        assert_eq!(l.request("data:image/gif;base64,R0lG", 2.0), None);
        assert_eq!(
            l.request("https://receipts.example/consent", 2.0),
            None,
            "the receipt's beacon"
        );
        assert!(
            l.request("https://receipts.example/other", 2.0).is_some(),
            "its URL alone, not its host"
        );
        let pixel = l.request("https://px.ga.example/collect?v=1", 3.0).cloned();
        assert_eq!(
            pixel,
            Some(Finding {
                kind: Kind::Request,
                name: "px.ga.example".to_owned(),
                url: Some("https://px.ga.example/collect?v=1".to_owned()),
                time: 3.0,
                owner: "ga".to_owned(),
                category: Some("analytics".to_owned()),
            })
        );
        let tracker = l.request("https://t.tracker.example/t.js", 4.0).cloned();
        assert_eq!(
            tracker.map(|f| (f.owner, f.category)),
            Some(("undeclared".to_owned(), None))
        );
        assert_eq!(
            l.request("https://px.ga.example/collect?v=2", 5.0),
            None,
            "once per host"
        );
        assert_eq!(l.findings().len(), 3);
    }

    #[test]
    fn after_a_grant_its_services_requests_are_allowed_and_earlier_findings_stay() {
        let mut l = ledger(None);
        assert!(l.request("https://ga.example/early", 5.0).is_some());
        l.see_choice(100.0, None);
        l.see_choice(200.0, Some("v2|r0|t1|analytics:1|embeds:0".to_owned()));
        assert!(l.choice().is_some_and(|c| c.granted("analytics")));
        assert_eq!(l.request("https://www.ga.example/late", 250.0), None);
        assert!(
            l.request("https://tube.example/embed", 250.0).is_some(),
            "embeds still refused"
        );
        assert!(
            l.request("https://undeclared.example/x", 250.0).is_some(),
            "undeclared, always"
        );
        assert_eq!(l.findings().len(), 3);
    }

    #[test]
    fn cookies_and_keys_of_refused_owners_and_undeclared_ones_are_findings() {
        let mut l = ledger(Some("v2|r0|t1|analytics:0|embeds:0+tube"));
        assert_eq!(l.stored(Kind::Cookie, "cookieconsent_status", 20.0), None);
        assert_eq!(l.stored(Kind::Cookie, "session", 20.0), None, "necessary");
        assert_eq!(
            l.stored(Kind::Cookie, "YSC", 20.0),
            None,
            "its service is granted"
        );
        let ga = l.stored(Kind::Cookie, "_ga", 20.0).cloned();
        assert_eq!(
            ga.map(|f| (f.owner, f.category)),
            Some(("ga".to_owned(), Some("analytics".to_owned())))
        );
        let own = l.stored(Kind::Cookie, "_stats", 20.0).cloned();
        assert_eq!(own.map(|f| f.owner), Some("analytics".to_owned()));
        let key = l.stored(Kind::LocalStorage, "tracker-id", 30.0).cloned();
        assert_eq!(key.as_ref().map(|f| f.owner.as_str()), Some("undeclared"));
        assert_eq!(
            l.stored(Kind::SessionStorage, "consent-banner:saved", 30.0),
            None
        );
        assert!(
            l.stored(Kind::SessionStorage, "tracker-id", 30.0).is_some(),
            "a kind of its own"
        );
        assert_eq!(
            l.stored(Kind::LocalStorage, "tracker-id", 40.0),
            None,
            "once"
        );
    }

    #[test]
    fn each_finding_is_one_line() {
        let mut l = ledger(None);
        let pixel = l
            .request("https://px.ga.example/c", 12.7)
            .map(Finding::message);
        assert_eq!(
            pixel.as_deref(),
            Some("audit: request to px.ga.example without consent for ga (analytics), at 12 ms: https://px.ga.example/c")
        );
        let key = l
            .stored(Kind::LocalStorage, "tracker-id", 40.0)
            .map(Finding::message);
        assert_eq!(
            key.as_deref(),
            Some("audit: localStorage key tracker-id that no category or service of the config declares, at 40 ms")
        );
    }
}

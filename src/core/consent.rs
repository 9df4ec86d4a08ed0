//! Consent decisions: what a stored value means for this config, what a gated element may do,
//! and what a change withdraws.

#[allow(unused_imports)]
use crate::prelude::*;

use super::codec::{Record, Stored};

/// The category that is always on.
pub const NECESSARY: &str = "necessary";

/// What consent decisions need of a config. The full stage's `config::Config` and the first stage's
/// [`Digest`](super::digest::Digest) both answer it, so both stages decide alike.
pub trait Policy {
    /// The policy revision.
    fn revision(&self) -> u32;
    /// Each optional category's id and the revision its description last changed in, in order.
    fn optional(&self) -> Vec<(&str, u32)>;
    /// Whether `category` declares a cookie named `cookie`.
    fn declares(&self, category: &str, cookie: &str) -> bool;
}

/// The visitor's answer for every optional category of the current config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The policy revision answered.
    pub revision: u32,
    /// When, in seconds since the Unix epoch.
    pub time: u64,
    /// Each optional category in config order, and whether it is granted.
    pub grants: Vec<(String, bool)>,
}

/// A change that cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceError {
    /// No category has that id.
    UnknownCategory(String),
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
    /// The same answer for every optional category.
    pub fn uniform(policy: &(impl Policy + ?Sized), granted: bool, time: u64) -> Self {
        Self {
            revision: policy.revision(),
            time,
            grants: policy
                .optional()
                .into_iter()
                .map(|(id, _)| (id.to_owned(), granted))
                .collect(),
        }
    }

    /// What the banner's Accept button means: its categories (`banner`) granted, the rest refused.
    pub fn banner_accept(policy: &(impl Policy + ?Sized), banner: &[String], time: u64) -> Self {
        let mut choice = Self::uniform(policy, false, time);
        for (id, granted) in &mut choice.grants {
            *granted = banner.contains(id);
        }
        choice
    }

    /// Whether category `id` is granted. `necessary` always is; unknown ids never are.
    pub fn granted(&self, id: &str) -> bool {
        id == NECESSARY || self.grants.iter().any(|(c, g)| c == id && *g)
    }

    /// `base` (or everything refused, before any choice) with `changes` applied, dated `time`.
    pub fn changed(
        base: Option<&Choice>,
        changes: &[(String, bool)],
        policy: &(impl Policy + ?Sized),
        time: u64,
    ) -> Result<Self, ChoiceError> {
        let mut choice = base
            .cloned()
            .unwrap_or_else(|| Self::uniform(policy, false, time));
        choice.revision = policy.revision();
        choice.time = time;
        for (id, granted) in changes {
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
        }
        Ok(choice)
    }

    /// The stored form.
    pub fn to_record(&self) -> Record {
        Record {
            revision: self.revision,
            time: self.time,
            grants: self.grants.clone(),
        }
    }

    /// Categories granted in `before` and refused in `self`.
    pub fn withdrawn_from(&self, before: Option<&Choice>) -> Vec<&str> {
        self.grants
            .iter()
            .filter(|(id, granted)| !granted && before.is_some_and(|b| b.granted(id)))
            .map(|(id, _)| id.as_str())
            .collect()
    }
}

/// What a stored value means under `config`: `None` asks the visitor (again).
///
/// Legacy Osano values count as revision 0. A record is outdated when its revision is lower than
/// the config's, or when the config has a category the visitor was never asked about.
pub fn resolve(stored: Option<Stored>, policy: &(impl Policy + ?Sized)) -> Option<Choice> {
    match stored? {
        Stored::Legacy(granted) => {
            (policy.revision() == 0).then(|| Choice::uniform(policy, granted, 0))
        }
        Stored::Record(record) => {
            if record.revision < policy.revision() {
                return None;
            }
            let grants = policy
                .optional()
                .into_iter()
                .map(|(id, _)| {
                    let answer = record.grants.iter().find(|(c, _)| c == id)?;
                    Some((id.to_owned(), answer.1))
                })
                .collect::<Option<Vec<_>>>()?;
            Some(Choice {
                revision: record.revision,
                time: record.time,
                grants,
            })
        }
    }
}

/// Whether markup gated on `required` (space-separated category ids) may run. Every id must be
/// granted; an empty list or an unknown id never runs.
pub fn allows(choice: Option<&Choice>, required: &str) -> bool {
    let mut ids = required.split_ascii_whitespace().peekable();
    if ids.peek().is_none() {
        return false;
    }
    ids.all(|id| id == NECESSARY || choice.is_some_and(|c| c.granted(id)))
}

/// The names in `present` that belong to a category refused in `choice`, and to no necessary one.
pub fn cookies_to_delete<'a>(
    policy: &(impl Policy + ?Sized),
    choice: &Choice,
    present: &[&'a str],
) -> Vec<&'a str> {
    present
        .iter()
        .copied()
        .filter(|name| {
            !policy.declares(NECESSARY, name)
                && choice
                    .grants
                    .iter()
                    .any(|(id, granted)| !granted && policy.declares(id, name))
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
        .filter(|(_, changed_in)| *changed_in > answered)
        .map(|(id, _)| id)
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
    use crate::full::config::{Config, ConfigInput};

    fn config(revision: u32) -> Config {
        Config::from_input(
            ConfigInput {
                revision: Some(revision),
                ..Default::default()
            },
            None,
        )
        .unwrap()
    }

    #[test]
    fn no_value_or_dismiss_asks() {
        assert_eq!(resolve(None, &config(0)), None);
        assert_eq!(resolve(decode("dismiss"), &config(0)), None);
        assert_eq!(resolve(decode("%%garbage"), &config(0)), None);
    }

    #[test]
    fn legacy_values_answer_every_category_at_revision_zero() {
        let allow = resolve(decode("allow"), &config(0)).unwrap();
        assert!(allow.granted("analytics") && allow.granted("embeds"));
        let deny = resolve(decode("deny"), &config(0)).unwrap();
        assert!(!deny.granted("analytics") && !deny.granted("embeds"));
        assert!(deny.granted("necessary"));
        assert_eq!(resolve(decode("allow"), &config(1)), None);
    }

    #[test]
    fn a_higher_revision_asks_again() {
        let value = "v1|r1|t5|analytics:1|embeds:0";
        assert!(resolve(decode(value), &config(1)).is_some());
        assert!(resolve(decode(value), &config(0)).is_some());
        assert_eq!(resolve(decode(value), &config(2)), None);
    }

    #[test]
    fn a_new_category_asks_again_and_extra_ones_are_ignored() {
        assert_eq!(resolve(decode("v1|r0|t5|analytics:1"), &config(0)), None);
        let choice = resolve(decode("v1|r0|t5|analytics:1|embeds:1|old:1"), &config(0)).unwrap();
        assert_eq!(choice.grants.len(), 2);
        assert!(choice.granted("embeds") && !choice.granted("old"));
    }

    #[test]
    fn banner_accept_grants_only_banner_categories() {
        let config = config(0);
        let choice = Choice::banner_accept(&config, &config.banner_categories, 9);
        assert!(choice.granted("analytics"));
        assert!(!choice.granted("embeds"));
        assert_eq!(encode(&choice.to_record()), "v1|r0|t9|analytics:1|embeds:0");
    }

    #[test]
    fn gating_needs_every_category() {
        let choice = Choice::changed(None, &[("analytics".into(), true)], &config(0), 1).unwrap();
        assert!(allows(Some(&choice), "analytics"));
        assert!(allows(Some(&choice), "necessary"));
        assert!(allows(None, "necessary"));
        assert!(!allows(Some(&choice), "analytics embeds"));
        assert!(!allows(Some(&choice), "unknown"));
        assert!(!allows(Some(&choice), "  "));
        assert!(!allows(None, "analytics"));
    }

    #[test]
    fn changes_are_checked() {
        let c = config(3);
        assert_eq!(
            Choice::changed(None, &[("nope".into(), true)], &c, 1),
            Err(ChoiceError::UnknownCategory("nope".into()))
        );
        assert_eq!(
            Choice::changed(None, &[("necessary".into(), false)], &c, 1),
            Err(ChoiceError::Necessary)
        );
        let old = Choice::uniform(&config(1), true, 0);
        let new = Choice::changed(Some(&old), &[("embeds".into(), false)], &c, 7).unwrap();
        assert_eq!((new.revision, new.time), (3, 7));
        assert!(new.granted("analytics") && !new.granted("embeds"));
        assert_eq!(new.withdrawn_from(Some(&old)), vec!["embeds"]);
        assert!(new.withdrawn_from(None).is_empty());
    }

    #[test]
    fn deletes_only_refused_declared_cookies() {
        let c = config(0);
        let choice = Choice::changed(None, &[("embeds".into(), true)], &c, 1).unwrap();
        let present = [
            "_ga",
            "_ga_X1",
            "_gid",
            "__utma",
            "_hjSessionUser_1",
            "googtrans",
            "cookieconsent_status",
            "session",
        ];
        assert_eq!(
            cookies_to_delete(&c, &choice, &present),
            vec!["_ga", "_ga_X1", "_gid", "__utma", "_hjSessionUser_1"]
        );
        let all = Choice::uniform(&c, true, 1);
        assert!(cookies_to_delete(&c, &all, &present).is_empty());
    }

    #[test]
    fn a_changed_category_loses_its_cookies_for_earlier_answers() {
        let mut config = config(3);
        config.categories[1].changed_in = 3; // analytics reworded in revision 3
        let present = ["_ga", "YSC", "cookieconsent_status", "_hjSession_1"];
        assert_eq!(
            cookies_of_changed(&config, 2, &present),
            ["_ga", "_hjSession_1"]
        );
        assert!(
            cookies_of_changed(&config, 3, &present).is_empty(),
            "answered revision 3"
        );
        config.categories[1].changed_in = 0;
        assert!(
            cookies_of_changed(&config, 0, &present).is_empty(),
            "nothing changed"
        );
    }
}

//! Every problem of a config, not just the first: a check that fails is noted and checking goes
//! on, so a site team fixes a config in one pass (`consent-banner check` lists them all).
//!
//! Reading collects a fault per top-level field ([`read`]); checking and merging note theirs in
//! [`Faults`] and carry on with what they have. Either way the config is used only if none is found.

#[allow(unused_imports)]
use crate::prelude::*;

use super::{ConfigError, ConfigInput};

/// The problems found so far, in the order they were found.
#[derive(Debug, Default)]
pub struct Faults(pub Vec<ConfigError>);

impl Faults {
    /// Notes a problem.
    pub fn push(&mut self, fault: ConfigError) {
        self.0.push(fault);
    }

    /// The value of a check that passed; a failed one is noted.
    pub fn keep<T>(&mut self, checked: Result<T, ConfigError>) -> Option<T> {
        checked.map_err(|fault| self.push(fault)).ok()
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A config as parsed JSON, before it is read into a [`ConfigInput`]: a JS value in the browser
/// and in Node, serde_json's value in native tests.
pub trait Source: Sized {
    /// Reads it, or names the first field that does not fit.
    fn read(&self) -> Result<ConfigInput, ConfigError>;

    /// The same config without its top-level field `name` (`None` when it has no such field).
    fn without(&self, name: &str) -> Option<Self>;
}

/// Reads a config, noting one fault per top-level field: a field that does not fit is noted and
/// left out, and the rest is read again (at most once per field). `None` when the config is not
/// an object at all.
pub fn read<S: Source>(mut source: S, faults: &mut Faults) -> Option<ConfigInput> {
    loop {
        match source.read() {
            Ok(input) => return Some(input),
            Err(fault) => {
                // `categories[1].label` is in `categories`; `""` is the whole config.
                let field = fault.field.split(['.', '[']).next().unwrap_or_default();
                let rest = Some(field).filter(|f| !f.is_empty());
                let rest = rest.and_then(|f| source.without(f));
                faults.push(fault);
                source = rest?;
            }
        }
    }
}

//! The categories and services a config gives, merged over the built-in ones, and their ids:
//! unique across both, and short enough that the consent cookie stays within 200 bytes.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::core::codec;
use crate::core::consent::Basis;
use crate::full::config::language::Builtin;

use super::categories::{default_service, gpc_by_default};
use super::faults::Faults;
use super::validate::{check_id, check_text, checked_cookies, is_host_name};
use super::{Category, CategoryInput, ConfigError, Service, ServiceInput, NECESSARY};

/// A category the config names: its id, its index in `categories`, and whether it sets `services`.
pub(super) type Given = (String, usize, bool);

/// Merges the config's categories over `categories`, noting each problem in `faults`. An entry
/// with a bad or repeated id is checked but not merged (it would only be blamed again by the id
/// checks); every other entry is merged as best it can be.
pub(super) fn merge_categories(
    categories: &mut Vec<Category>,
    inputs: Vec<CategoryInput>,
    revision: u32,
    language: Builtin,
    faults: &mut Faults,
) -> Vec<Given> {
    let mut given: Vec<Given> = Vec::new();
    for (i, input) in inputs.into_iter().enumerate() {
        let at = |field: &str| format!("categories[{i}].{field}");
        let mut merge = faults.keep(check_id(&at("id"), &input.id)).is_some();
        if merge && given.iter().any(|(id, ..)| *id == input.id) {
            faults.push(ConfigError::new(
                at("id"),
                format!("`{}` appears twice", input.id),
            ));
            merge = false;
        }
        // `get()` reports services under this name, beside the categories.
        if merge && input.id == "services" {
            faults.push(ConfigError::new(
                at("id"),
                "`services` is taken: `get()` reports the services under that name",
            ));
            merge = false;
        }
        if merge {
            given.push((input.id.clone(), i, input.services.is_some()));
        }
        if let Some(label) = &input.label {
            faults.keep(check_text(&at("label"), label));
        }
        if let Some(description) = &input.description {
            faults.keep(check_text(&at("description"), description));
        }
        if let Some(changed_in) = input.changed_in.filter(|r| *r > revision) {
            faults.push(ConfigError::new(
                at("changedIn"),
                format!("{changed_in} is higher than the config's `revision` ({revision})"),
            ));
        }
        let cookies = input
            .cookies
            .map(|list| checked_cookies(&at("cookies"), list, faults));
        if input.basis.is_some() && input.id == NECESSARY {
            faults.push(ConfigError::new(
                at("basis"),
                "`necessary` is always on and needs neither consent nor a way to object: only optional categories take a `basis`",
            ));
        }
        let basis = input.basis.map(Basis::from);
        if input.services.is_some() && input.id == NECESSARY {
            faults.push(ConfigError::new(
                at("services"),
                "`necessary` is always on, so its services could not be refused: declare their cookies in its `cookies` and their hosts in its `hosts`",
            ));
        }
        let hosts = input.hosts.map(|list| {
            if input.id != NECESSARY {
                faults.push(ConfigError::new(
                    at("hosts"),
                    "only `necessary` takes `hosts`: an optional category's hosts are declared on its services",
                ));
            }
            checked_hosts(&at("hosts"), list, faults)
        });
        let services = input.services.map(|list| {
            list.into_iter()
                .enumerate()
                .map(|(j, service)| {
                    checked_service(
                        &format!("categories[{i}].services[{j}]"),
                        service,
                        language,
                        faults,
                    )
                })
                .collect::<Vec<_>>()
        });
        if !merge {
            continue;
        }
        match categories.iter_mut().find(|c| c.id == input.id) {
            Some(existing) => {
                if let Some(label) = input.label {
                    existing.label = label;
                }
                if let Some(description) = input.description {
                    existing.description = description;
                }
                if let Some(cookies) = cookies {
                    existing.cookies = cookies;
                }
                if let Some(services) = services {
                    existing.services = services;
                }
                if let Some(hosts) = hosts {
                    existing.hosts = hosts;
                }
                if let Some(gpc) = input.gpc {
                    existing.gpc = gpc;
                }
                if let Some(basis) = basis {
                    existing.basis = basis;
                }
                if let Some(changed_in) = input.changed_in {
                    existing.changed_in = changed_in;
                }
            }
            None => {
                let mut required = |field: &str, value: Option<String>| {
                    value.unwrap_or_else(|| {
                        faults.push(ConfigError::new(
                            at(field),
                            format!("required for the new category `{}`", input.id),
                        ));
                        String::new()
                    })
                };
                let label = required("label", input.label);
                let description = required("description", input.description);
                categories.push(Category {
                    label,
                    description,
                    cookies: cookies.unwrap_or_default(),
                    services: services.unwrap_or_default(),
                    hosts: hosts.unwrap_or_default(),
                    basis: basis.unwrap_or_default(),
                    gpc: input.gpc.unwrap_or_else(|| gpc_by_default(&input.id)),
                    changed_in: input.changed_in.unwrap_or(0),
                    id: input.id,
                });
            }
        }
    }
    given
}

/// A service as the config gives it: a built-in id inherits every field the entry leaves out; a new
/// one needs a label, which is also its provider unless it names one. A faulty entry is kept as
/// best it can be, so the id checks name the services by their place in the config.
fn checked_service(
    field: &str,
    input: ServiceInput,
    language: Builtin,
    faults: &mut Faults,
) -> Service {
    let at = |name: &str| format!("{field}.{name}");
    faults.keep(check_id(&at("id"), &input.id));
    for (name, text) in [("label", &input.label), ("provider", &input.provider)] {
        if let Some(text) = text {
            faults.keep(check_text(&at(name), text));
        }
    }
    let hosts = input
        .hosts
        .map(|list| checked_hosts(&at("hosts"), list, faults));
    let cookies = input
        .cookies
        .map(|list| checked_cookies(&at("cookies"), list, faults));
    let mut service = default_service(&input.id, language).unwrap_or_else(|| {
        if input.label.is_none() {
            faults.push(ConfigError::new(
                at("label"),
                format!("required for the new service `{}`", input.id),
            ));
        }
        let label = input.label.clone().unwrap_or_default();
        Service {
            id: input.id.clone(),
            provider: label.clone(),
            label,
            hosts: Vec::new(),
            cookies: Vec::new(),
        }
    });
    if let Some(label) = input.label {
        service.label = label;
    }
    if let Some(provider) = input.provider {
        service.provider = provider;
    }
    if let Some(hosts) = hosts {
        service.hosts = hosts;
    }
    if let Some(cookies) = cookies {
        service.cookies = cookies;
    }
    service
}

/// Every category and service id of a config, in config order (a category, then its services),
/// with the field that set it (`None`: built in, untouched), to name the field at fault.
pub(super) struct Ids<'a>(Vec<IdEntry<'a>>);

struct IdEntry<'a> {
    id: &'a str,
    /// The category it is, or the one it is a service of.
    category: &'a str,
    is_service: bool,
    field: Option<String>,
}

impl<'a> Ids<'a> {
    pub(super) fn of(categories: &'a [Category], given: &[Given]) -> Self {
        let mut entries = Vec::new();
        for category in categories {
            let input = given.iter().find(|(id, ..)| *id == category.id);
            entries.push(IdEntry {
                id: &category.id,
                category: &category.id,
                is_service: false,
                field: input.map(|(_, i, _)| format!("categories[{i}].id")),
            });
            for (j, service) in category.services.iter().enumerate() {
                entries.push(IdEntry {
                    id: &service.id,
                    category: &category.id,
                    is_service: true,
                    field: input
                        .filter(|(_, _, services)| *services)
                        .map(|(_, i, _)| format!("categories[{i}].services[{j}].id")),
                });
            }
        }
        Self(entries)
    }

    /// Ids are unique across categories and services. Each fault names a field the config wrote
    /// (the later one when both are), and what else holds the id.
    pub(super) fn check_unique(&self, faults: &mut Faults) {
        for (k, later) in self.0.iter().enumerate() {
            let Some(earlier) = self.0[..k].iter().find(|e| e.id == later.id) else {
                continue;
            };
            let (named, other) = match &later.field {
                Some(_) => (later, earlier),
                None => (earlier, later),
            };
            let what = if other.is_service {
                format!("a service of `{}`", other.category)
            } else {
                "a category".to_owned()
            };
            faults.push(ConfigError::new(
                named.field.clone().unwrap_or_default(),
                format!(
                    "`{}` is also the id of {what}: ids are unique across categories and services",
                    named.id
                ),
            ));
        }
    }

    /// The longest value the consent cookie can take: the config's revision (a choice is always
    /// written at it), the latest time, every category refused, each with all its services
    /// granted. Above [`codec::MAX_LEN`], the error names the id that pushed it over (or,
    /// for a built-in one, the last id the config wrote before it).
    pub(super) fn check_longest(&self, revision: u32) -> Result<(), ConfigError> {
        let longest = self.longest(self.0.len(), revision);
        if longest <= codec::MAX_LEN {
            return Ok(());
        }
        let over = (1..=self.0.len())
            .find(|&n| self.longest(n, revision) > codec::MAX_LEN)
            .unwrap_or(self.0.len());
        let field = self.0[..over]
            .iter()
            .rev()
            .find_map(|e| e.field.clone())
            .unwrap_or_else(|| "categories".to_owned());
        Err(ConfigError::new(
            field,
            format!(
                "too many or too long ids: the consent cookie could take {longest} bytes, more than {}",
                codec::MAX_LEN
            ),
        ))
    }

    /// The longest cookie value for the first `n` ids.
    fn longest(&self, n: usize, revision: u32) -> usize {
        let mut grants: Vec<codec::Grant> = Vec::new();
        for entry in self.0[..n].iter().filter(|e| e.category != NECESSARY) {
            if !entry.is_service {
                grants.push(codec::Grant {
                    id: entry.id.to_owned(),
                    granted: false,
                    informed: false,
                    services: Vec::new(),
                });
            } else if let Some(grant) = grants.last_mut() {
                grant.services.push(entry.id.to_owned());
            }
        }
        codec::encode(&codec::Record {
            revision,
            time: codec::MAX_TIME,
            grants,
        })
        .len()
    }
}

/// A list of hosts at `field`, each checked (`field[k]`); the good ones are kept.
fn checked_hosts(field: &str, list: Vec<String>, faults: &mut Faults) -> Vec<String> {
    list.into_iter()
        .enumerate()
        .filter_map(|(k, host)| faults.keep(checked_host(&format!("{field}[{k}]"), host)))
        .collect()
}

/// A host as written: lowercase (so it is compared as the browser gives hosts), and a
/// host alone, since it covers its subdomains and any scheme, port or path.
fn checked_host(field: &str, host: String) -> Result<String, ConfigError> {
    if is_host_name(&host) {
        return Ok(host);
    }
    Err(ConfigError::new(
        field,
        format!("`{host}` is not a lowercase host name such as `vimeo.com` (no scheme, port, path or `*`)"),
    ))
}

//! What the rest of the component derives from a validated config: the first stage's digest
//! ([`crate::core::digest`]) and the fingerprint of the wording a receipt records
//! ([`crate::core::receipt`]). Here, so the core knows nothing of the full stage's config.

#[allow(unused_imports)]
use crate::prelude::*;

use super::{Config, CookieDecl, NECESSARY};
use crate::core::digest::{words, Digest, Rule, ServiceRule};
use crate::core::text::hex;

impl From<&Config> for Digest {
    /// The digest of a validated config.
    fn from(config: &Config) -> Self {
        Self {
            revision: config.revision,
            categories: config
                .categories
                .iter()
                .map(|c| Rule {
                    id: c.id.clone(),
                    changed_in: c.changed_in,
                    basis: c.basis,
                    gpc: c.gpc,
                    banner: config.banner_categories.contains(&c.id),
                    cookies: cookie_names(&c.cookies),
                })
                .collect(),
            services: config
                .categories
                .iter()
                .flat_map(|c| {
                    c.services.iter().map(|s| ServiceRule {
                        id: s.id.clone(),
                        category: c.id.clone(),
                        hosts: words(&s.hosts),
                        cookies: cookie_names(&s.cookies),
                    })
                })
                .collect(),
            necessary_hosts: config
                .categories
                .iter()
                .find(|c| c.id == NECESSARY)
                .map_or_else(String::new, |c| words(&c.hosts)),
            consent_mode: config.consent_mode.clone(),
            toolbar: config.toolbar.target.clone(),
            settings_page: config.settings_url.is_some(),
            // Both act on every page: a returning visitor's first stage hands the page over.
            full: config.warn_undeclared_cookies || config.audit,
        }
    }
}

/// The names (and patterns) of `cookies`, space-separated as the digest keeps them.
fn cookie_names(cookies: &[CookieDecl]) -> String {
    let names: Vec<String> = cookies.iter().map(|d| d.name.clone()).collect();
    words(&names)
}

impl Config {
    /// A fingerprint (FNV-1a, 32 bits, as 8 hex digits) of the wording a visitor answered: the
    /// banner's texts, the settings answers and every category's label and description. It
    /// changes whenever any of them does, so a receipt shows which version of the request was
    /// answered.
    pub fn text_version(&self) -> String {
        let t = &self.texts;
        let mut hash: u32 = 0x811c_9dc5;
        let mut feed = |text: &str| {
            for byte in text.bytes().chain([0]) {
                hash ^= u32::from(byte);
                hash = hash.wrapping_mul(0x0100_0193);
            }
        };
        for text in [
            &self.language,
            &self.site_name,
            &t.banner_heading,
            &t.banner_intro,
            &t.banner_request,
            &t.accept,
            &t.reject,
            &t.yes,
            &t.no,
            &t.gpc_note,
            &t.notice_heading,
            &t.notice_request,
            &t.analytics_name,
            &t.turn_off,
            &t.notice_hide,
        ] {
            feed(text);
        }
        for category in &self.categories {
            feed(&category.id);
            feed(&category.label);
            feed(&category.description);
            for service in &category.services {
                feed(&service.id);
                feed(&service.label);
                feed(&service.provider);
            }
        }
        hex(u64::from(hash), 8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::codec::decode;
    use crate::core::consent::{cookies_of_changed, cookies_to_delete, resolve, Choice};
    use crate::core::consent_mode::Setting;
    use crate::full::config::ConfigInput;

    fn config(json: &str) -> Config {
        let input: ConfigInput = serde_json::from_str(json).unwrap();
        Config::from_input(input, None).unwrap()
    }

    const TEAM: &str = r##"{ "revision": 3, "settingsUrl": "/settings", "consentMode": true,
        "consentTypes": { "ad_storage": "marketing" },
        "toolbar": { "target": "#tools\t[data-x='%0A']" },
        "categories": [
            { "id": "marketing", "label": "Ads", "description": "Ads.", "changedIn": 2,
              "cookies": [{ "name": "_fb*", "provider": "Meta", "purpose": "Ads", "expiry": "1 year" }] }
        ] }"##;

    #[test]
    fn digest_round_trips_every_field() {
        for json in [
            "{}",
            TEAM,
            r#"{ "warnUndeclaredCookies": true, "consentMode": false }"#,
        ] {
            let digest = Digest::from(&config(json));
            assert_eq!(
                Digest::decode(&digest.encode()),
                Some(digest.clone()),
                "{json}"
            );
        }
        let team = Digest::from(&config(TEAM));
        assert_eq!(team.revision, 3);
        assert!(team.settings_page && !team.full);
        assert_eq!(team.toolbar, "#tools\t[data-x='%0A']");
        assert_eq!(team.consent_mode.setting, Setting::On);
    }

    #[test]
    fn necessary_hosts_reach_the_digest_and_nothing_else() {
        let given = config(
            r#"{ "categories": [{ "id": "necessary", "hosts": ["fonts.example", "cdn.example"] }] }"#,
        );
        assert_eq!(given.categories[0].hosts, ["fonts.example", "cdn.example"]);
        let digest = Digest::from(&given);
        assert_eq!(digest.necessary_hosts, "fonts.example cdn.example");
        assert_eq!(
            Digest::decode(&digest.encode_for_audit()),
            Some(digest.clone())
        );
        // The stored digest (the first stage's) leaves them out: it is the one without them.
        assert_eq!(digest.encode(), Digest::from(&config("{}")).encode());
        // Consent is decided as without them: only the audit reads them.
        let mut without = digest;
        without.necessary_hosts.clear();
        assert_eq!(without, Digest::from(&config("{}")));
    }

    #[test]
    fn audit_makes_the_full_stage_run_on_every_page() {
        let audit = config(r#"{ "audit": true }"#);
        assert!(audit.audit && Digest::from(&audit).full);
        assert!(!config(r#"{ "audit": false }"#).audit);
        assert!(!Digest::from(&config("{}")).full);
    }

    #[test]
    fn digest_decides_as_the_config_does() {
        let config = config(TEAM);
        let digest = Digest::from(&config);
        let present = [
            "_ga",
            "_ga_X1",
            "_fbp",
            "_hjSession_1",
            "other",
            "cookieconsent_status",
        ];
        for stored in [
            "allow",
            "deny",
            "v1|r2|t1700000000|analytics:1|embeds:0|marketing:1",
            "v1|r3|t1700000000|analytics:0|embeds:1|marketing:0",
        ] {
            let from_config = resolve(decode(stored), &config, false);
            assert_eq!(
                from_config,
                resolve(decode(stored), &digest, false),
                "{stored}"
            );
            if let Some(choice) = &from_config {
                assert_eq!(
                    cookies_to_delete(&config, choice, &present),
                    cookies_to_delete(&digest, choice, &present)
                );
            }
        }
        assert!(resolve(
            decode("v1|r3|t1|analytics:1|embeds:0|marketing:1"),
            &digest,
            false
        )
        .is_some());
        assert_eq!(cookies_of_changed(&config, 1, &present), vec!["_fbp"]);
        assert_eq!(cookies_of_changed(&digest, 1, &present), vec!["_fbp"]);
        let refused = Choice::uniform(&digest, false, 5);
        assert_eq!(refused.grants.len(), 3);
        assert!(cookies_to_delete(&digest, &refused, &present).contains(&"_ga"));
    }

    #[test]
    fn text_version_follows_the_wording() {
        let base = Config::default();
        let mut changed = base.clone();
        changed.categories[1].description.push('!');
        let mut welsh = base.clone();
        welsh.language = "cy".to_owned();
        assert_eq!(base.text_version().len(), 8);
        assert_eq!(base.text_version(), base.clone().text_version());
        assert_ne!(base.text_version(), changed.text_version());
        assert_ne!(base.text_version(), welsh.text_version());
    }
}

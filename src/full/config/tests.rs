//! Native tests of the config: parsing, validation, merging and the built-in defaults.

use super::validate::camel_case;
use super::*;
use crate::core::consent::Basis;
use crate::core::{codec, consent_mode};
use crate::full::config::faults;

fn parse(json: &str) -> Result<Config, ConfigError> {
    parse_on(json, None)
}

#[test]
fn empty_config_is_the_defaults() {
    let config = parse("{}").unwrap();
    assert_eq!(config, Config::default());
    let ids: Vec<_> = config.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["necessary", "analytics", "embeds"]);
    assert_eq!(config.texts.accept, "Accept analytics cookies");
    assert!(config
        .category("analytics")
        .unwrap()
        .all_cookies()
        .any(|c| c.name == "_ga"));
    let (ga, analytics) = config.service("google-analytics").unwrap();
    assert_eq!(analytics.id, "analytics");
    assert!(ga.cookies.iter().any(|c| c.name == "_ga"));
    let services: Vec<_> = config
        .categories
        .iter()
        .flat_map(|c| c.services.iter().map(|s| s.id.as_str()))
        .collect();
    assert_eq!(
        services,
        [
            "google-analytics",
            "adobe-analytics",
            "hotjar",
            "new-relic",
            "qualtrics",
            "celebrus",
            "youtube",
            "brightcove",
            "twitter",
            "linkedin",
            "google-translate"
        ]
    );
}

#[test]
fn site_values_override_defaults() {
    let config = parse(
        r#"{ "siteName": "Health Careers", "revision": 2, "cookieDays": 180,
             "settingsUrl": "/cookies/settings", "texts": { "accept": "Yes please" } }"#,
    )
    .unwrap();
    assert_eq!(config.site_name, "Health Careers");
    assert_eq!(config.revision, 2);
    assert_eq!(config.cookie_days, 180);
    assert_eq!(config.settings_url.as_deref(), Some("/cookies/settings"));
    assert_eq!(config.texts.accept, "Yes please");
    assert_eq!(config.texts.reject, "Reject analytics cookies");
}

/// Parses like the browser does, naming the field of a deserialisation error (the message is
/// serde_json's; the browser's own wording is tested in tests/browser.rs).
fn parse_on(json: &str, page: Option<&str>) -> Result<Config, ConfigError> {
    let input: ConfigInput = serde_path_to_error::deserialize(
        &mut serde_json::Deserializer::from_str(json),
    )
    .map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        ConfigError::new(field, e.inner().to_string())
    })?;
    Config::from_input(input, page).map_err(|mut faults| faults.remove(0))
}

#[test]
fn welsh_pages_get_welsh_texts_and_categories() {
    let welsh = parse_on("{}", Some("cy")).unwrap();
    assert_eq!(welsh.language, "cy");
    assert_eq!(welsh.texts.accept, "Derbyn cwcis dadansoddi");
    assert_eq!(welsh.texts.banner_heading, "Cwcis ar {siteName}");
    assert_eq!(
        welsh.categories[1].label,
        "Cwcis sy'n mesur defnydd o'r wefan"
    );
    assert_eq!(welsh.site_name, "y wefan hon");
    assert_eq!(
        welsh.toolbar.page_language, "cy",
        "translation starts from Welsh"
    );
    // Every Welsh text differs from the English one, apart from the formats that are data.
    let english = Texts::default();
    assert_ne!(welsh.texts.gpc_note, english.gpc_note);
    assert_ne!(welsh.texts.reload, english.reload);
    // The config's language wins over the page's; texts still override.
    let config = parse_on(
        r#"{ "language": "cy", "texts": { "accept": "Iawn" } }"#,
        Some("en"),
    )
    .unwrap();
    assert_eq!(config.texts.accept, "Iawn");
    assert_eq!(config.texts.reject, "Gwrthod cwcis dadansoddi");
    assert_eq!(
        Config::for_page(Some("cy-GB")).texts.hide,
        "Cuddio'r neges cwcis"
    );
    assert_eq!(Config::for_page(Some("fr")).language, "en");
}

#[test]
fn right_to_left_languages() {
    let config = parse_on(r#"{ "texts": { "accept": "قبول" } }"#, Some("ar")).unwrap();
    assert_eq!(config.language, "ar");
    assert_eq!(config.direction(), Direction::Rtl);
    assert_eq!(
        parse_on("{}", Some("ar")).unwrap().direction(),
        Direction::Ltr
    );
    assert_eq!(
        parse(r#"{ "language": "en_GB" }"#).unwrap_err().field,
        "language"
    );
}

#[test]
fn themes() {
    assert_eq!(parse("{}").unwrap().theme, Theme::Auto);
    assert_eq!(parse(r#"{ "theme": "auto" }"#).unwrap().theme, Theme::Auto);
    assert_eq!(parse(r#"{ "theme": "nhs" }"#).unwrap().theme, Theme::Nhs);
    assert_eq!(
        parse(r#"{ "theme": "govuk" }"#).unwrap().theme,
        Theme::Govuk
    );
    for bad in [r#""GOV.UK""#, r#""gov.uk""#, "true", "1", r#"["nhs"]"#] {
        let json = format!(r#"{{ "theme": {bad} }}"#);
        assert_eq!(parse(&json).unwrap_err().field, "theme", "{json}");
    }
}

#[test]
fn consent_mode_settings() {
    let config = parse("{}").unwrap();
    assert_eq!(config.consent_mode.setting, consent_mode::Setting::Auto);
    assert_eq!(
        parse(r#"{ "consentMode": true }"#)
            .unwrap()
            .consent_mode
            .setting,
        consent_mode::Setting::On
    );
    assert_eq!(
        parse(r#"{ "consentMode": false }"#)
            .unwrap()
            .consent_mode
            .setting,
        consent_mode::Setting::Off
    );
    assert_eq!(
        parse(r#"{ "consentMode": "always" }"#).unwrap_err().field,
        "consentMode"
    );
    let config = parse(
        r#"{ "categories": [{ "id": "marketing", "label": "Ads", "description": "Ads." }],
             "consentTypes": { "functionality_storage": "necessary", "ad_storage": "marketing analytics" } }"#,
    )
    .unwrap();
    let types = &config.consent_mode.types;
    assert!(
        types.contains(&("ad_user_data".to_owned(), "marketing".to_owned())),
        "default follows marketing"
    );
    assert!(types.contains(&("ad_storage".to_owned(), "marketing analytics".to_owned())));
    assert!(types.contains(&("functionality_storage".to_owned(), "necessary".to_owned())));
    let error = parse(r#"{ "consentTypes": { "ads_storage": "analytics" } }"#).unwrap_err();
    assert_eq!(error.field, "consentTypes.ads_storage");
    let error = parse(r#"{ "consentTypes": { "ad_storage": "marketing" } }"#).unwrap_err();
    assert_eq!(error.field, "consentTypes.ad_storage");
    assert_eq!(error.problem, "no category or service `marketing`");
}

#[test]
fn consent_types_may_name_services() {
    let analytics_storage = |config: &Config| {
        config
            .consent_mode
            .types
            .iter()
            .find(|(t, _)| t == "analytics_storage")
            .map(|(_, ids)| ids.clone())
    };
    assert_eq!(
        analytics_storage(&parse("{}").unwrap()).as_deref(),
        Some("google-analytics"),
        "the default follows Google Analytics alone"
    );
    let config = parse(
        r#"{ "consentTypes": { "analytics_storage": "hotjar  google-analytics", "ad_storage": "youtube" } }"#,
    )
    .unwrap();
    assert_eq!(
        analytics_storage(&config).as_deref(),
        Some("hotjar google-analytics")
    );
    // Without the service, the default follows the category, and naming the service is an error.
    let without = r#"{ "categories": [{ "id": "analytics", "services": [{ "id": "hotjar" }] }] }"#;
    assert_eq!(
        analytics_storage(&parse(without).unwrap()).as_deref(),
        Some("analytics")
    );
    let error = parse(
        r#"{ "categories": [{ "id": "analytics", "services": [] }],
             "consentTypes": { "analytics_storage": "google-analytics" } }"#,
    )
    .unwrap_err();
    assert_eq!(error.field, "consentTypes.analytics_storage");
    assert_eq!(error.problem, "no category or service `google-analytics`");
}

#[test]
fn receipts_domains_gpc_and_revisions() {
    let config = parse(
        r#"{ "revision": 4, "receiptUrl": "/consent-receipts", "consentId": true,
             "cookieDomain": ".Example.gov.uk", "warnUndeclaredCookies": true,
             "categories": [{ "id": "analytics", "changedIn": 4 }] }"#,
    )
    .unwrap();
    assert_eq!(config.receipt_url.as_deref(), Some("/consent-receipts"));
    assert!(config.consent_id && config.warn_undeclared_cookies);
    assert_eq!(config.cookie_domain.as_deref(), Some("example.gov.uk"));
    let gpc: Vec<_> = config.gpc_categories().map(|c| c.id.as_str()).collect();
    assert_eq!(gpc, ["analytics"]);
    assert_eq!(config.category("analytics").unwrap().changed_in, 4);
    for (json, field) in [
        (r#"{ "receiptUrl": "javascript:alert(1)" }"#, "receiptUrl"),
        (r#"{ "cookieDomain": "localhost" }"#, "cookieDomain"),
        (r#"{ "cookieDomain": "exa mple.org" }"#, "cookieDomain"),
        (
            r#"{ "revision": 1, "categories": [{ "id": "embeds", "changedIn": 2 }] }"#,
            "categories[0].changedIn",
        ),
    ] {
        assert_eq!(parse(json).unwrap_err().field, field, "{json}");
    }
}

#[test]
fn basis_is_consent_unless_the_config_says_objection() {
    let defaults = parse("{}").unwrap();
    assert!(defaults.optional().all(|c| c.basis == Basis::Consent));
    let config = parse(
        r#"{ "categories": [
               { "id": "analytics", "basis": "objection" },
               { "id": "embeds", "basis": "consent" },
               { "id": "stats", "label": "Statistics", "description": "Counts visits.", "basis": "objection" }
             ] }"#,
    )
    .unwrap();
    let basis = |id: &str| config.category(id).unwrap().basis;
    assert_eq!(basis("analytics"), Basis::Objection);
    assert_eq!(basis("embeds"), Basis::Consent);
    assert_eq!(basis("stats"), Basis::Objection);
    // Inherited like any field: a Welsh page keeps the site's basis.
    let welsh = parse_on(
        r#"{ "categories": [{ "id": "analytics", "basis": "objection" }] }"#,
        Some("cy"),
    )
    .unwrap();
    assert_eq!(welsh.category("analytics").unwrap().basis, Basis::Objection);
}

#[test]
fn basis_errors_name_the_field_and_the_values() {
    let error =
        parse(r#"{ "categories": [{ "id": "necessary", "basis": "objection" }] }"#).unwrap_err();
    assert_eq!(error.field, "categories[0].basis");
    assert!(
        error.problem.contains("`necessary` is always on"),
        "{error}"
    );
    // Any basis: necessary needs none.
    let error = parse(
        r#"{ "categories": [{ "id": "analytics" }, { "id": "necessary", "basis": "consent" }] }"#,
    )
    .unwrap_err();
    assert_eq!(error.field, "categories[1].basis");
    for (json, wrong) in [
        (r#""opt-out""#, r#"invalid value: string "opt-out""#),
        (r#""Objection""#, r#"invalid value: string "Objection""#),
        ("true", "invalid type: boolean `true`"),
    ] {
        let error = parse(&format!(
            r#"{{ "categories": [{{ "id": "analytics", "basis": {json} }}] }}"#
        ))
        .unwrap_err();
        assert_eq!(error.field, "categories[0].basis", "{json}");
        // serde_json adds the line and column; the browser's message ends here.
        let expected = format!(r#"{wrong}, expected "consent" or "objection""#);
        assert!(error.problem.starts_with(&expected), "{json}: {error}");
    }
}

#[test]
fn gpc_covers_analytics_and_marketing_unless_the_config_says_otherwise() {
    let ids = |config: &Config| -> Vec<String> {
        config.gpc_categories().map(|c| c.id.clone()).collect()
    };
    assert_eq!(ids(&parse("{}").unwrap()), ["analytics"]);
    let new = |id: &str, gpc: &str| {
        format!(r#"{{ "id": "{id}", "label": "L", "description": "D"{gpc} }}"#)
    };
    let config = parse(&format!(
        r#"{{ "categories": [{}, {}, {}] }}"#,
        new("marketing", ""),
        new("stats", ""),
        new("ads", r#", "gpc": true"#),
    ))
    .unwrap();
    assert_eq!(ids(&config), ["analytics", "marketing", "ads"]);
    let config = parse(&format!(
        r#"{{ "categories": [{{ "id": "analytics", "gpc": false }}, {}, {{ "id": "embeds", "gpc": true }}] }}"#,
        new("marketing", r#", "gpc": false"#),
    ))
    .unwrap();
    assert_eq!(ids(&config), ["embeds"]);
}

#[test]
fn unknown_fields_are_refused() {
    let cases = [
        (r#"{ "sitename": "x" }"#, "sitename"),
        (r#"{ "texts": { "acept": "x" } }"#, "texts.acept"),
        (
            r#"{ "texts": { "banner_heading": "x" } }"#,
            "texts.banner_heading",
        ),
        (
            r#"{ "categories": [{ "id": "analytics", "colour": "red" }] }"#,
            "categories[0].colour",
        ),
        (
            r#"{ "categories": [{ "id": "analytics", "cookies": [{ "name": "a", "provider": "p", "purpose": "p", "expiry": "e", "secure": true }] }] }"#,
            "categories[0].cookies[0].secure",
        ),
        (
            r#"{ "categories": [{ "id": "embeds", "services": [{ "id": "youtube", "host": "youtube.com" }] }] }"#,
            "categories[0].services[0].host",
        ),
        (
            r#"{ "categories": [{ "id": "embeds", "services": [{ "id": "youtube", "cookies": [{ "name": "a", "provider": "p", "purpose": "p", "expiry": "e", "secure": true }] }] }] }"#,
            "categories[0].services[0].cookies[0].secure",
        ),
        (
            r#"{ "categories": [{ "id": "embeds", "services": [{ "id": "youtube", "hosts": ["x.com", 1] }] }] }"#,
            "categories[0].services[0].hosts[1]",
        ),
        (
            r#"{ "categories": [{ "id": "embeds", "services": [{ "label": "Vimeo" }] }] }"#,
            "categories[0].services[0]",
        ),
    ];
    for (json, field) in cases {
        assert_eq!(parse(json).unwrap_err().field, field, "{json}");
    }
}

#[test]
fn categories_merge_by_id_and_new_ones_are_added() {
    let config = parse(
        r#"{ "categories": [
            { "id": "analytics", "cookies": [
                { "name": "_pk_*", "provider": "Matomo", "purpose": "Counts visits", "expiry": "13 months" } ] },
            { "id": "marketing", "label": "Marketing", "description": "Adverts" } ] }"#,
    )
    .unwrap();
    let analytics = config.category("analytics").unwrap();
    assert_eq!(analytics.cookies.len(), 1);
    assert_eq!(analytics.label, "Cookies that measure website use");
    assert_eq!(config.category("marketing").unwrap().label, "Marketing");
    assert_eq!(config.optional().count(), 3);
}

#[test]
fn a_services_list_replaces_the_built_in_one_and_built_in_ids_inherit() {
    let config = parse(
        r#"{ "categories": [
            { "id": "embeds", "services": [
                { "id": "youtube" },
                { "id": "twitter", "label": "X", "hosts": ["x.com"] },
                { "id": "vimeo", "label": "Vimeo", "hosts": ["vimeo.com", "vimeocdn.com"],
                  "cookies": [{ "name": "vuid", "provider": "Vimeo", "purpose": "Counts views", "expiry": "2 years" }] },
                { "id": "maps", "label": "Example Maps", "provider": "Example Ltd" } ] },
            { "id": "analytics", "services": [] } ] }"#,
    )
    .unwrap();
    let embeds = config.category("embeds").unwrap();
    let ids: Vec<_> = embeds.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["youtube", "twitter", "vimeo", "maps"]);
    let builtin = Config::default();
    let (youtube, _) = builtin.service("youtube").unwrap();
    assert_eq!(
        &embeds.services[0], youtube,
        "an id alone inherits every field"
    );
    let (twitter, _) = builtin.service("twitter").unwrap();
    let changed = &embeds.services[1];
    assert_eq!(
        (changed.label.as_str(), changed.hosts.as_slice()),
        ("X", ["x.com".to_owned()].as_slice()),
        "given fields replace"
    );
    assert_eq!(
        (&changed.provider, &changed.cookies),
        (&twitter.provider, &twitter.cookies),
        "others are inherited"
    );
    let vimeo = &embeds.services[2];
    assert_eq!(
        (vimeo.label.as_str(), vimeo.provider.as_str()),
        ("Vimeo", "Vimeo"),
        "a new service's provider defaults to its label"
    );
    assert_eq!(vimeo.hosts, ["vimeo.com", "vimeocdn.com"]);
    assert_eq!(vimeo.cookies[0].name, "vuid");
    let maps = &embeds.services[3];
    assert_eq!(maps.provider, "Example Ltd");
    assert!(maps.hosts.is_empty() && maps.cookies.is_empty());
    // Left out: their cookies and hosts go with them.
    assert!(config.service("linkedin").is_none());
    assert!(config.service("google-translate").is_none());
    assert_eq!(config.undeclared(&["bcookie", "vuid", "YSC"]), ["bcookie"]);
    let digest = crate::core::digest::Digest::from(&config);
    assert_eq!(
        digest.service_of("embeds", None, "player.vimeo.com"),
        Some("vimeo")
    );
    // `[]`: a category without services, and so without their cookies.
    let analytics = config.category("analytics").unwrap();
    assert!(analytics.services.is_empty());
    assert_eq!(analytics.all_cookies().count(), 0);
    assert_eq!(
        analytics.label,
        builtin.category("analytics").unwrap().label
    );
}

#[test]
fn services_move_between_categories_and_new_categories_hold_them() {
    // `youtube` moved to a new category: allowed once `embeds` no longer lists it.
    let config = parse(
        r#"{ "categories": [
            { "id": "video", "label": "Video", "description": "Videos.", "services": [{ "id": "youtube" }] },
            { "id": "embeds", "services": [{ "id": "twitter" }] } ] }"#,
    )
    .unwrap();
    let (youtube, video) = config.service("youtube").unwrap();
    assert_eq!(video.id, "video");
    assert_eq!(youtube.hosts[0], "youtube.com");
    // A category's own `cookies` replace its own only: the services still declare theirs.
    let config = parse(
        r#"{ "categories": [{ "id": "analytics", "cookies": [
            { "name": "_pk_*", "provider": "Matomo", "purpose": "Counts visits", "expiry": "13 months" } ] }] }"#,
    )
    .unwrap();
    let names: Vec<_> = config
        .category("analytics")
        .unwrap()
        .all_cookies()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(&names[..3], ["_pk_*", "_ga", "_ga_*"]);
}

#[test]
fn welsh_configs_keep_services_with_welsh_cookie_texts() {
    let config = parse(
        r#"{ "language": "cy", "categories": [{ "id": "embeds", "services": [
            { "id": "youtube" }, { "id": "twitter", "label": "X" } ] }] }"#,
    )
    .unwrap();
    let embeds = config.category("embeds").unwrap();
    assert_eq!(embeds.label, "Cynnwys wedi'i fewnosod");
    let youtube = &embeds.services[0];
    assert_eq!(youtube.cookies[1].name, "YSC");
    assert_eq!(youtube.cookies[1].expiry, "Pan fyddwch yn cau eich porwr");
    assert_eq!(
        embeds.services[1].cookies[0].purpose,
        "Yn eich adnabod i Twitter/X"
    );
    // A Welsh page (no `language`) inherits the Welsh texts too.
    let page = parse_on(
        r#"{ "categories": [{ "id": "embeds", "services": [{ "id": "youtube" }] }] }"#,
        Some("cy"),
    )
    .unwrap();
    assert_eq!(&page.category("embeds").unwrap().services[0], youtube);
}

#[test]
fn service_errors_name_the_field() {
    let cookie = r#"{ "name": "a", "provider": "p", "purpose": "p", "expiry": "e" }"#;
    let cases = [
        (
            r#"{ "categories": [{ "id": "embeds", "services": [{ "id": "youtube" }, { "id": "Vimeo" }] }] }"#
                .to_owned(),
            "categories[0].services[1].id",
            "`Vimeo` is not a valid id: use 1 to 32 of a-z, 0-9, _ and -, starting with a letter",
        ),
        (
            r#"{ "categories": [{ "id": "embeds", "services": [{ "id": "vimeo" }] }] }"#.to_owned(),
            "categories[0].services[0].label",
            "required for the new service `vimeo`",
        ),
        (
            r#"{ "categories": [{ "id": "embeds", "services": [{ "id": "youtube", "provider": " " }] }] }"#
                .to_owned(),
            "categories[0].services[0].provider",
            "must not be empty",
        ),
        (
            r#"{ "categories": [{ "id": "embeds", "services": [{ "id": "youtube" }, { "id": "youtube" }] }] }"#
                .to_owned(),
            "categories[0].services[1].id",
            "`youtube` is also the id of a service of `embeds`: ids are unique across categories and services",
        ),
        (
            r#"{ "categories": [{ "id": "analytics", "services": [{ "id": "twitter" }] }] }"#.to_owned(),
            "categories[0].services[0].id",
            "`twitter` is also the id of a service of `embeds`: ids are unique across categories and services",
        ),
        (
            r#"{ "categories": [{ "id": "embeds", "services": [{ "id": "analytics", "label": "A" }] }] }"#
                .to_owned(),
            "categories[0].services[0].id",
            "`analytics` is also the id of a category: ids are unique across categories and services",
        ),
        (
            r#"{ "categories": [{ "id": "youtube", "label": "Y", "description": "Y" }] }"#.to_owned(),
            "categories[0].id",
            "`youtube` is also the id of a service of `embeds`: ids are unique across categories and services",
        ),
        (
            r#"{ "categories": [{ "id": "services", "label": "S", "description": "S" }] }"#.to_owned(),
            "categories[0].id",
            "`services` is taken: `get()` reports the services under that name",
        ),
        (
            r#"{ "categories": [{ "id": "analytics", "hosts": ["cdn.example"] }] }"#.to_owned(),
            "categories[0].hosts",
            "only `necessary` takes `hosts`: an optional category's hosts are declared on its services",
        ),
        (
            r#"{ "categories": [{ "id": "necessary", "hosts": ["fonts.example", "https://cdn.example"] }] }"#.to_owned(),
            "categories[0].hosts[1]",
            "`https://cdn.example` is not a lowercase host name such as `vimeo.com` (no scheme, port, path or `*`)",
        ),
        (
            r#"{ "categories": [{ "id": "necessary", "services": [] }] }"#.to_owned(),
            "categories[0].services",
            "`necessary` is always on, so its services could not be refused: declare their cookies in its `cookies` and their hosts in its `hosts`",
        ),
        (
            format!(
                r#"{{ "categories": [{{ "id": "embeds", "services": [{{ "id": "youtube", "cookies": [{cookie}, {}] }}] }}] }}"#,
                cookie.replace(r#""a""#, r#""*""#)
            ),
            "categories[0].services[0].cookies[1].name",
            "a pattern must name more than `*`: it would delete every cookie",
        ),
        (
            format!(
                r#"{{ "categories": [{{ "id": "embeds", "services": [{{ "id": "youtube", "cookies": [{}] }}] }}] }}"#,
                cookie.replace(r#""e""#, r#""""#)
            ),
            "categories[0].services[0].cookies[0].expiry",
            "must not be empty",
        ),
    ];
    for (json, field, problem) in cases {
        let err = parse(&json).unwrap_err();
        assert_eq!(
            (err.field.as_str(), err.problem.as_str()),
            (field, problem),
            "{json}"
        );
    }
}

#[test]
fn hosts_are_lowercase_host_names() {
    let with_hosts = |hosts: &str| {
        parse(&format!(
            r#"{{ "categories": [{{ "id": "embeds", "services": [{{ "id": "youtube", "hosts": ["youtube.com", {hosts}] }}] }}] }}"#
        ))
    };
    for good in [
        r#""www.youtube-nocookie.com""#,
        r#""xn--bcher-kva.example""#,
        r#""a.b.c.d.example.co.uk""#,
        r#""127.0.0.1""#,
    ] {
        let config = with_hosts(good).unwrap();
        assert_eq!(
            config.service("youtube").unwrap().0.hosts[1],
            good.trim_matches('"')
        );
    }
    for bad in [
        "https://youtube.com",
        "youtube.com/embed",
        "youtube.com:443",
        "*.youtube.com",
        "YouTube.com",
        "youtube..com",
        ".youtube.com",
        "youtube.com.",
        "localhost",
        "-x.example",
        "bücher.example",
        "",
    ] {
        let err = with_hosts(&format!(r#""{bad}""#)).unwrap_err();
        assert_eq!(
            (err.field.as_str(), err.problem),
            (
                "categories[0].services[0].hosts[1]",
                format!("`{bad}` is not a lowercase host name such as `vimeo.com` (no scheme, port, path or `*`)")
            )
        );
    }
}

#[test]
fn errors_name_the_field() {
    let cases = [
        (
            r#"{ "categories": [{ "id": "Bad Id" }] }"#,
            "categories[0].id",
        ),
        (
            r#"{ "categories": [{ "id": "x", "label": "X" }] }"#,
            "categories[0].description",
        ),
        (
            r#"{ "categories": [{ "id": "a", "label": "A", "description": "A" }, { "id": "a" }] }"#,
            "categories[1].id",
        ),
        (
            r#"{ "categories": [{ "id": "analytics", "cookies": [{ "name": "a b", "provider": "p", "purpose": "p", "expiry": "e" }] }] }"#,
            "categories[0].cookies[0].name",
        ),
        (
            r#"{ "categories": [{ "id": "analytics", "cookies": [{ "name": "*", "provider": "p", "purpose": "p", "expiry": "e" }] }] }"#,
            "categories[0].cookies[0].name",
        ),
        (r#"{ "settingsUrl": "javascript:alert(1)" }"#, "settingsUrl"),
        (r#"{ "policyUrl": "data:text/html,x" }"#, "policyUrl"),
        (r#"{ "cookieDays": 0 }"#, "cookieDays"),
        (r#"{ "cookieDays": 401 }"#, "cookieDays"),
        (r#"{ "siteName": "  " }"#, "siteName"),
        (
            r#"{ "bannerCategories": ["necessary"] }"#,
            "bannerCategories[0]",
        ),
        (
            r#"{ "bannerCategories": ["analytics", "nope"] }"#,
            "bannerCategories[1]",
        ),
        (
            r#"{ "texts": { "placeholderButton": "" } }"#,
            "texts.placeholderButton",
        ),
    ];
    for (json, field) in cases {
        let err = parse(json).unwrap_err();
        assert_eq!(err.field, field, "{json} gave {err}");
    }
}

/// The longest value the consent cookie could take under `config`: at its revision and the latest
/// time, every category refused, each with all its services granted.
fn longest(config: &Config) -> usize {
    codec::encode(&codec::Record {
        revision: config.revision,
        time: codec::MAX_TIME,
        grants: config
            .optional()
            .map(|c| codec::Grant {
                id: c.id.clone(),
                granted: false,
                informed: false,
                services: c.services.iter().map(|s| s.id.clone()).collect(),
            })
            .collect(),
    })
    .len()
}

#[test]
fn refuses_configs_whose_cookie_would_be_too_long() {
    let many: Vec<String> = (0..8)
        .map(|i| {
            format!(
                r#"{{ "id": "c{i}{}", "label": "L", "description": "D" }}"#,
                "x".repeat(20)
            )
        })
        .collect();
    let err = parse(&format!(r#"{{ "categories": [{}] }}"#, many.join(","))).unwrap_err();
    // The built-in ids take 160 bytes; with `|c0xx…:0` (25) and `|c1xx…:0` 210.
    assert_eq!(err.field, "categories[1].id");
    assert_eq!(
        err.problem,
        "too many or too long ids: the consent cookie could take 360 bytes, more than 200"
    );
}

#[test]
fn the_cookie_bound_is_200_bytes_and_names_the_id_that_passes_it() {
    let defaults = longest(&Config::default());
    assert_eq!(defaults, 160, "the built-in categories and services");
    // The revision counts as written: a high one leaves less room.
    let high = parse(r#"{ "revision": 4000000000 }"#).unwrap();
    assert_eq!(longest(&high), 169);
    // The built-in services of `category` by id, then new ones whose ids make the longest value
    // `total` bytes (a new id of n bytes costs n + 1, for its `+`); returns the last one's index.
    let adding = |category: &str, total: usize| {
        let builtin = Config::default()
            .category(category)
            .unwrap()
            .services
            .clone();
        let mut services: Vec<String> = builtin
            .iter()
            .map(|s| format!(r#"{{ "id": "{}" }}"#, s.id))
            .collect();
        let mut left = total - defaults;
        while left > 0 {
            // Ids of 1 to 32 bytes; never leave 1 byte, which no id fits.
            let n = match left - 1 {
                n if n <= 32 => n,
                n if n - 32 >= 2 => 32,
                _ => 30,
            };
            let id = format!("v{}{}", services.len(), "x".repeat(n - 2));
            services.push(format!(r#"{{ "id": "{id}", "label": "V" }}"#));
            left -= n + 1;
        }
        let json = format!(
            r#"{{ "categories": [{{ "id": "{category}", "services": [{}] }}] }}"#,
            services.join(", ")
        );
        (json, services.len() - 1)
    };
    let (json, _) = adding("embeds", 200);
    assert_eq!(longest(&parse(&json).unwrap()), 200);
    let (json, index) = adding("embeds", 201);
    let err = parse(&json).unwrap_err();
    assert_eq!(err.field, format!("categories[0].services[{index}].id"));
    assert_eq!(
        err.problem,
        "too many or too long ids: the consent cookie could take 201 bytes, more than 200"
    );
    // In `analytics`, the new id fits and the built-in `embeds` ids after it pass the bound: the
    // field named is the config's last id before them.
    let (json, index) = adding("analytics", 201);
    let err = parse(&json).unwrap_err();
    assert_eq!(err.field, format!("categories[0].services[{index}].id"));
    assert!(err.problem.contains("201 bytes"), "{err}");
    // A marketing category with two services of its own fits (160 + 12 + 11 + 13 = 196 bytes)…
    let marketing = parse(
        r#"{ "categories": [{ "id": "marketing", "label": "M", "description": "D",
             "services": [{ "id": "meta-pixel", "label": "Meta" }, { "id": "linkedin-ads", "label": "LinkedIn" }] }] }"#,
    )
    .unwrap();
    assert_eq!(longest(&marketing), 196);
    // …and a third is named by its id when it passes the bound.
    let err = parse(
        r#"{ "categories": [{ "id": "marketing", "label": "M", "description": "D",
             "services": [{ "id": "meta-pixel", "label": "Meta" }, { "id": "linkedin-ads", "label": "LinkedIn" },
                          { "id": "tiktok", "label": "TikTok" }] }] }"#,
    )
    .unwrap_err();
    assert_eq!(
        (err.field.as_str(), err.problem.contains("203 bytes")),
        ("categories[0].services[2].id", true),
        "{err}"
    );
}

#[test]
fn toolbar_config() {
    let config = parse(
        r##"{ "banner": false, "toolbar": { "target": "#tools", "pageLanguage": "cy",
             "languages": [{ "code": "cy", "name": "Cymraeg" }, { "code": "zh-CN", "name": "中文" }],
             "translate": false } }"##,
    )
    .unwrap();
    assert!(!config.banner);
    assert_eq!(config.toolbar.target, "#tools");
    assert_eq!(config.toolbar.page_language, "cy");
    assert_eq!(config.toolbar.languages[1].code, "zh-CN");
    assert!(!config.toolbar.translate);
    let defaults = Config::default();
    assert!(defaults.banner);
    assert_eq!(defaults.toolbar.target, "[data-a11y-toolbar]");
    let codes: Vec<_> = defaults
        .toolbar
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    assert_eq!(codes, ["en", "cy"]);
    assert_eq!(defaults.texts.toolbar_toggle, "Accessibility tools");
    assert_eq!(defaults.texts.contrast_yellow, "Yellow on black");
}

#[test]
fn toolbar_errors_name_the_field() {
    let cases = [
        (r#"{ "toolbar": { "colour": "red" } }"#, "toolbar.colour"),
        (r#"{ "toolbar": { "target": " " } }"#, "toolbar.target"),
        (
            r#"{ "toolbar": { "pageLanguage": "english" } }"#,
            "toolbar.pageLanguage",
        ),
        (
            r#"{ "toolbar": { "languages": [{ "code": "en", "name": "English", "flag": "x" }] } }"#,
            "toolbar.languages[0].flag",
        ),
        (
            r#"{ "toolbar": { "languages": [{ "code": "en", "name": "E" }, { "code": "c y", "name": "C" }] } }"#,
            "toolbar.languages[1].code",
        ),
        (
            r#"{ "toolbar": { "languages": [{ "code": "en", "name": "E" }, { "code": "en", "name": "C" }] } }"#,
            "toolbar.languages[1].code",
        ),
        (
            r#"{ "toolbar": { "languages": [{ "code": "en", "name": "" }] } }"#,
            "toolbar.languages[0].name",
        ),
        (
            r#"{ "toolbar": { "languages": [{ "code": "cy", "name": "Cymraeg" }] } }"#,
            "toolbar.languages",
        ),
        (
            r#"{ "texts": { "toolbarToggle": "" } }"#,
            "texts.toolbarToggle",
        ),
    ];
    for (json, field) in cases {
        let err = parse(json).unwrap_err();
        assert_eq!(err.field, field, "{json} gave {err}");
    }
    assert!(parse(r#"{ "banner": "no" }"#).is_err());
}

#[test]
fn undeclared_cookies_are_those_no_category_names() {
    let config = parse("{}").unwrap();
    let present = [
        "_ga_ABC",
        "cookieconsent_status",
        "session_id",
        "YSC",
        "mystery",
    ];
    assert_eq!(config.undeclared(&present), ["session_id", "mystery"]);
}

#[test]
fn camel_cases_field_names() {
    assert_eq!(camel_case("placeholder_button"), "placeholderButton");
    assert_eq!(camel_case("accept"), "accept");
}

/// A config as serde_json reads it, naming the field at fault (with serde_json's message; the
/// browser's own is tested in tests/browser.rs), so [`faults::read`] runs here as in the browser.
impl faults::Source for serde_json::Value {
    fn read(&self) -> Result<ConfigInput, ConfigError> {
        serde_path_to_error::deserialize(self.clone()).map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." { String::new() } else { path };
            ConfigError::new(field, e.inner().to_string())
        })
    }

    fn without(&self, name: &str) -> Option<Self> {
        let mut rest = self.as_object()?.clone();
        rest.remove(name)?;
        Some(serde_json::Value::Object(rest))
    }
}

/// Every problem of `json`, as the browser and `validate()` find them: fields and problems.
fn every_fault(json: &str) -> Vec<(String, String)> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut faults = faults::Faults::default();
    if let Some(input) = faults::read(value, &mut faults) {
        let config = Config::checked(input, None, &mut faults);
        if faults.is_empty() {
            assert_eq!(Config::from_input(parse_input(json), None), Ok(config));
        }
    }
    faults.0.into_iter().map(|f| (f.field, f.problem)).collect()
}

fn parse_input(json: &str) -> ConfigInput {
    serde_json::from_str(json).unwrap()
}

fn fields(faults: &[(String, String)]) -> Vec<&str> {
    faults.iter().map(|(field, _)| field.as_str()).collect()
}

#[test]
fn every_field_is_checked_and_every_fault_named() {
    let faults = every_fault(
        r#"{ "cookieDays": 0, "settingsUrl": "javascript:alert(1)", "language": "en_GB",
             "categories": [
               { "id": "Bad", "label": " " },
               { "id": "research", "label": "Research" },
               { "id": "embeds", "services": [
                 { "id": "vimeo" },
                 { "id": "youtube", "hosts": ["https://youtube.com", "youtube.com", "x"] }
               ] },
               { "id": "analytics", "cookies": [
                 { "name": "a b", "provider": "", "purpose": "p", "expiry": "e" }
               ] }
             ],
             "bannerCategories": ["necessary", "nope", "analytics"],
             "texts": { "acept": "Yes", "reject": " " },
             "toolbar": { "pageLanguage": "x y", "languages": [{ "code": "en", "name": "English" }, { "code": "en", "name": "" }] },
             "consentTypes": { "ads_storage": "analytics", "ad_storage": "nope" },
             "cookieDomain": "localhost", "theme": "gov.uk" }"#,
    );
    assert_eq!(
        fields(&faults),
        [
            "language",
            "cookieDays",
            "settingsUrl",
            "categories[0].id",
            "categories[0].label",
            "categories[1].description",
            "categories[2].services[0].label",
            "categories[2].services[1].hosts[0]",
            "categories[2].services[1].hosts[2]",
            "categories[3].cookies[0].name",
            "categories[3].cookies[0].provider",
            "bannerCategories[0]",
            "bannerCategories[1]",
            "texts.acept",
            "texts.reject",
            "toolbar.pageLanguage",
            "toolbar.languages[1].code",
            "toolbar.languages[1].name",
            "consentTypes.ad_storage",
            "consentTypes.ads_storage",
            "cookieDomain",
            "theme",
        ]
    );
    // The messages are the ones a config with that fault alone gets.
    for (field, problem) in &faults {
        assert!(!problem.is_empty(), "{field}");
    }
    assert_eq!(
        faults[2],
        (
            "settingsUrl".to_owned(),
            "`javascript:alert(1)` is not an http(s) or relative URL".to_owned()
        )
    );
    assert_eq!(faults[5].1, "required for the new category `research`");
    assert_eq!(faults[12].1, "no category `nope`");
    assert_eq!(
        faults[18].1, "no category or service `nope`",
        "a bad type does not stop the next from being checked"
    );
}

#[test]
fn a_field_that_cannot_be_read_is_named_and_the_others_still_checked() {
    let faults = every_fault(
        r#"{ "siteName": 42, "sitename": "x", "revision": "2", "cookieDays": 0,
             "categories": [{ "id": "a", "label": "A" }], "theme": "gov.uk" }"#,
    );
    // serde_json reads the fields in name order (the browser in the config's order).
    assert_eq!(
        fields(&faults),
        [
            "revision",
            "siteName",
            "sitename",
            "cookieDays",
            "categories[0].description",
            "theme"
        ]
    );
    assert_eq!(
        faults[2].1,
        "unknown field `sitename`, expected one of `siteName`, `revision`, `cookieDays`, `settingsUrl`, `policyUrl`, `bannerCategories`, `reloadOnWithdraw`, `categories`, `texts`, `banner`, `toolbar`, `language`, `consentMode`, `consentTypes`, `receiptUrl`, `consentId`, `cookieDomain`, `warnUndeclaredCookies`, `audit`, `theme`"
    );
    // A config that is not an object is one fault, about the whole of it.
    let whole = every_fault("[]");
    assert_eq!(fields(&whole), [""]);
    // A field inside a category that cannot be read is named; the categories are then left out.
    assert_eq!(
        fields(&every_fault(
            r#"{ "categories": [{ "id": 1 }], "cookieDays": 0 }"#
        )),
        ["categories[0].id", "cookieDays"]
    );
}

#[test]
fn ids_are_blamed_once_each() {
    let faults = every_fault(
        r#"{ "categories": [
             { "id": "youtube", "label": "Y", "description": "Y" },
             { "id": "embeds", "services": [{ "id": "analytics", "label": "A" }, { "id": "v", "label": "V", "hosts": ["v"] }, { "id": "x", "label": "X" }, { "id": "x", "label": "X" }] },
             { "id": "services", "label": "S", "description": "S" },
             { "id": "youtube" }
           ] }"#,
    );
    assert_eq!(
        faults,
        [
            (
                "categories[1].services[1].hosts[0]".to_owned(),
                "`v` is not a lowercase host name such as `vimeo.com` (no scheme, port, path or `*`)".to_owned()
            ),
            (
                "categories[2].id".to_owned(),
                "`services` is taken: `get()` reports the services under that name".to_owned()
            ),
            (
                "categories[3].id".to_owned(),
                "`youtube` appears twice".to_owned()
            ),
            (
                "categories[1].services[0].id".to_owned(),
                "`analytics` is also the id of a category: ids are unique across categories and services".to_owned()
            ),
            (
                "categories[1].services[3].id".to_owned(),
                "`x` is also the id of a service of `embeds`: ids are unique across categories and services".to_owned()
            ),
        ]
    );
}

/// The one check the page's language decides (README, "Check your config"): `validate()` checks
/// as for an English page.
#[test]
fn a_welsh_page_s_toolbar_languages_must_include_welsh() {
    let json = r#"{ "toolbar": { "languages": [{ "code": "en", "name": "English" }] } }"#;
    assert!(parse(json).is_ok());
    assert_eq!(
        parse_on(json, Some("cy")).unwrap_err().field,
        "toolbar.languages"
    );
}

// proptest needs an OS random source, so these run natively only.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::super::*;
    use crate::core::codec;
    use crate::core::url::is_safe_url;
    use proptest::prelude::*;
    use serde_json::{json, Map, Value};

    /// Field names the config knows, plus near misses, so generated objects often parse.
    const KEYS: &[&str] = &[
        "siteName",
        "revision",
        "cookieDays",
        "settingsUrl",
        "policyUrl",
        "bannerCategories",
        "reloadOnWithdraw",
        "categories",
        "texts",
        "id",
        "label",
        "description",
        "cookies",
        "name",
        "provider",
        "purpose",
        "expiry",
        "accept",
        "reject",
        "bannerHeading",
        "sitename",
        "services",
        "hosts",
    ];

    fn leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            (0u64..600).prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(|f| json!(f)),
            "(analytics|embeds|necessary|marketing|youtube|hotjar|[a-z]{1,6}|[a-z]{1,6}\\.com|https?://[a-z.]{1,12}/[a-z]{0,5}|/[a-z]{0,8}|javascript:x|\\PC{0,12})".prop_map(Value::from),
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        leaf().prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                proptest::collection::vec((proptest::sample::select(KEYS), inner), 0..6).prop_map(
                    |pairs| {
                        Value::Object(
                            pairs
                                .into_iter()
                                .map(|(k, v)| (k.to_owned(), v))
                                .collect::<Map<_, _>>(),
                        )
                    }
                ),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100_000))]

        #[test]
        fn any_json_gives_a_config_that_keeps_its_promises_or_a_named_error(v in value()) {
            let input: Result<ConfigInput, _> = serde_json::from_value(v);
            let Ok(input) = input else { return Ok(()) };
            match Config::from_input(input, None) {
                Ok(config) => {
                    prop_assert_eq!(config.categories[0].id.as_str(), NECESSARY);
                    for url in config.settings_url.iter().chain(config.policy_url.iter()) {
                        prop_assert!(is_safe_url(url), "{url}");
                    }
                    for c in &config.categories {
                        prop_assert!(codec::is_valid_id(&c.id));
                        for cookie in &c.cookies {
                            prop_assert!(cookie.name.bytes().any(|b| b != b'*'));
                        }
                    }
                    for id in &config.banner_categories {
                        prop_assert!(config.category(id).is_some() && id != NECESSARY);
                    }
                    let mut ids: Vec<&str> = Vec::new();
                    for c in &config.categories {
                        ids.push(&c.id);
                        for service in &c.services {
                            prop_assert!(codec::is_valid_id(&service.id));
                            prop_assert!(!service.label.trim().is_empty());
                            for host in &service.hosts {
                                prop_assert!(host.contains('.') && !host.contains(['/', ':', '*']), "{host}");
                            }
                            ids.push(&service.id);
                        }
                    }
                    let count = ids.len();
                    ids.sort_unstable();
                    ids.dedup();
                    prop_assert_eq!(ids.len(), count, "ids are unique");
                    prop_assert!(super::longest(&config) <= codec::MAX_LEN);
                }
                Err(faults) => {
                    prop_assert!(!faults.is_empty());
                    for fault in faults {
                        prop_assert!(!fault.problem.is_empty());
                    }
                }
            }
        }
    }
}

#[test]
fn basis_is_consent_unless_a_category_says_objection() {
    use crate::core::consent::Basis;
    let config = parse(
        r#"{ "categories": [{ "id": "analytics", "basis": "objection" },
             { "id": "stats", "label": "Statistics", "description": "Counts visits.", "basis": "objection" },
             { "id": "marketing", "label": "Marketing", "description": "Adverts." }] }"#,
    )
    .unwrap();
    let basis = |id| config.category(id).unwrap().basis;
    assert_eq!(basis("analytics"), Basis::Objection);
    assert_eq!(basis("stats"), Basis::Objection);
    assert_eq!(basis("embeds"), Basis::Consent);
    assert_eq!(basis("marketing"), Basis::Consent);
    // Global Privacy Control covers analytics and marketing unless the config says otherwise.
    let gpc: Vec<_> = config.gpc_categories().map(|c| c.id.as_str()).collect();
    assert_eq!(gpc, ["analytics", "marketing"]);
    let off = parse(r#"{ "categories": [{ "id": "analytics", "gpc": false }] }"#).unwrap();
    assert_eq!(off.gpc_categories().count(), 0);

    for (json, field, words) in [
        (
            r#"{ "categories": [{ "id": "analytics", "basis": "legitimate-interest" }] }"#,
            "categories[0].basis",
            r#"invalid value: string "legitimate-interest", expected "consent" or "objection""#,
        ),
        (
            r#"{ "categories": [{ "id": "necessary", "basis": "objection" }] }"#,
            "categories[0].basis",
            "`necessary` is always on",
        ),
    ] {
        let error = parse(json).unwrap_err();
        assert_eq!(error.field, field, "{json}");
        assert!(
            error.message().contains(words),
            "{json}: {}",
            error.message()
        );
    }
}

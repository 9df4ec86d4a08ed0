//! The cookie declaration table: one table per category, its own cookies first, then a group of
//! rows per service, headed by the service's name and provider.

#[allow(unused_imports)]
use crate::prelude::*;

use web_sys::Element;

use crate::browser::dom::El;
use crate::error::Error;
use crate::full::config::{fill, Config, CookieDecl, Service};
use crate::names::cookie;

/// The toolbar's cookies: settings the visitor chose for how the site looks (the UK's
/// appearance exception), written only when the toolbar is used, deleted by its reset.
const APPEARANCE: [&str; 3] = [cookie::CONTRAST, cookie::TEXT_SIZE, cookie::TOOLBAR_OPEN];

/// Headings, descriptions and a table of declared cookies for each category that has any; after
/// the table that declares the toolbar's cookies, a note on the ground they are used on.
pub fn cookie_table(config: &Config) -> Result<Element, Error> {
    let t = &config.texts;
    let cell = |tag: &str, text: &str| -> Result<Element, Error> {
        let el = El::new(tag)?.text(text);
        Ok(if tag == "th" {
            el.attr("scope", "col")
        } else {
            el
        }
        .build())
    };
    // Rows for `cookies`, after a header row naming their service if they have one.
    let rows = |service: Option<&Service>, cookies: &[CookieDecl]| -> Result<Element, Error> {
        let mut body = El::new("tbody")?;
        if let Some(service) = service {
            let header = El::new("th")?
                .class("cb-table__service")
                .attr("scope", "rowgroup")
                .attr("colspan", "4");
            body = body.child(
                El::new("tr")?
                    .child(super::service_name(header, service)?.build())
                    .build(),
            );
        }
        for cookie in cookies {
            body = body.child(
                El::new("tr")?
                    .child(name_cell(&cookie.name)?)
                    .child(cell("td", &cookie.provider)?)
                    .child(cell("td", &cookie.purpose)?)
                    .child(cell("td", &cookie.expiry)?)
                    .build(),
            );
        }
        Ok(body.build())
    };
    let mut root = super::piece("div", config)?.class("cb-cookie-table");
    for category in config
        .categories
        .iter()
        .filter(|c| c.all_cookies().next().is_some())
    {
        let mut table = El::new("table")?
            .class("cb-table")
            .child(
                El::new("caption")?
                    .class("cb-table__caption")
                    .text(&category.label)
                    .build(),
            )
            .child(
                El::new("thead")?
                    .child(
                        El::new("tr")?
                            .child(cell("th", &t.column_name)?)
                            .child(cell("th", &t.column_provider)?)
                            .child(cell("th", &t.column_purpose)?)
                            .child(cell("th", &t.column_expiry)?)
                            .build(),
                    )
                    .build(),
            );
        if !category.cookies.is_empty() {
            table = table.child(rows(None, &category.cookies)?);
        }
        for service in category.services.iter().filter(|s| !s.cookies.is_empty()) {
            table = table.child(rows(Some(service), &service.cookies)?);
        }
        root = root
            .child(
                El::new("h3")?
                    .class("cb-cookie-table__heading")
                    .text(&category.label)
                    .build(),
            )
            .child(El::new("p")?.text(&category.description).build())
            // A table too wide for a narrow screen scrolls in here, so the keyboard must reach
            // it (axe `scrollable-region-focusable`): a named region in the tab order.
            .child(
                El::new("div")?
                    .class("cb-table-wrap")
                    .attr("role", "region")
                    .attr("aria-label", &category.label)
                    .attr("tabindex", "0")
                    .child(table.build())
                    .build(),
            );
        if category
            .all_cookies()
            .any(|c| APPEARANCE.contains(&c.name.as_str()))
        {
            root = root.child(
                El::new("p")?
                    .class("cb-cookie-table__note")
                    .text(&fill(&t.appearance_note, &[("reset", &t.toolbar_reset)]))
                    .build(),
            );
        }
    }
    Ok(root.build())
}

/// A cookie's name, which may wrap only after an underscore ([`name_parts`]): never mid-word.
fn name_cell(name: &str) -> Result<Element, Error> {
    let mut cell = El::new("td")?;
    for (i, part) in name_parts(name).into_iter().enumerate() {
        if i > 0 {
            cell = cell.child(El::new("wbr")?.build());
        }
        cell = cell.text(part);
    }
    Ok(cell.build())
}

/// A cookie name cut after each run of underscores inside it, where a narrow table may wrap it:
/// `VISITOR_INFO1_LIVE` as `VISITOR_`, `INFO1_`, `LIVE`. Underscores that start a name stay with
/// it (`__utma`).
fn name_parts(name: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut previous, mut named) = (0, '_', false);
    for (i, c) in name.char_indices() {
        if previous == '_' && c != '_' && named {
            parts.extend(name.get(start..i));
            start = i;
        }
        named |= c != '_';
        previous = c;
    }
    parts.extend(name.get(start..));
    parts
}

#[cfg(test)]
mod tests {
    use super::name_parts;

    #[test]
    fn names_wrap_after_underscores_inside_them() {
        assert_eq!(
            name_parts("VISITOR_INFO1_LIVE"),
            ["VISITOR_", "INFO1_", "LIVE"]
        );
        assert_eq!(
            name_parts("cookieconsent_status"),
            ["cookieconsent_", "status"]
        );
        assert_eq!(name_parts("_hjSession__123"), ["_hjSession__", "123"]);
    }

    #[test]
    fn leading_and_trailing_underscores_stay_with_the_name() {
        assert_eq!(name_parts("__utma"), ["__utma"]);
        assert_eq!(name_parts("_ga_*"), ["_ga_", "*"]);
        assert_eq!(name_parts("dohCSA_"), ["dohCSA_"]);
        assert_eq!(name_parts("YSC"), ["YSC"]);
    }
}

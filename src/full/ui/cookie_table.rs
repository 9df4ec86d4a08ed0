//! The cookie declaration table, one table per category.

use web_sys::Element;

use crate::browser::dom::El;
use crate::error::Error;
use crate::full::config::Config;

/// Headings, descriptions and a table of declared cookies for each category that has any.
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
    let mut root = super::piece("div", config)?.class("cb-cookie-table");
    for category in config
        .categories
        .iter()
        .filter(|c| c.all_cookies().next().is_some())
    {
        let mut body = El::new("tbody")?;
        for cookie in category.all_cookies() {
            body = body.with(|| {
                Ok(El::new("tr")?
                    .with(|| cell("td", &cookie.name))?
                    .with(|| cell("td", &cookie.provider))?
                    .with(|| cell("td", &cookie.purpose))?
                    .with(|| cell("td", &cookie.expiry))?
                    .build())
            })?;
        }
        root = root
            .with(|| {
                Ok(El::new("h3")?
                    .class("cb-cookie-table__heading")
                    .text(&category.label)
                    .build())
            })?
            .with(|| Ok(El::new("p")?.text(&category.description).build()))?
            .with(|| {
                // A table too wide for a narrow screen scrolls in here, so the keyboard must
                // reach it (axe `scrollable-region-focusable`): a named region in the tab order.
                Ok(El::new("div")?
                    .class("cb-table-wrap")
                    .attr("role", "region")
                    .attr("aria-label", &category.label)
                    .attr("tabindex", "0")
                    .with(|| {
                        Ok(El::new("table")?
                            .class("cb-table")
                            .with(|| {
                                Ok(El::new("caption")?
                                    .class("cb-table__caption")
                                    .text(&category.label)
                                    .build())
                            })?
                            .with(|| {
                                Ok(El::new("thead")?
                                    .with(|| {
                                        Ok(El::new("tr")?
                                            .with(|| cell("th", &t.column_name))?
                                            .with(|| cell("th", &t.column_provider))?
                                            .with(|| cell("th", &t.column_purpose))?
                                            .with(|| cell("th", &t.column_expiry))?
                                            .build())
                                    })?
                                    .build())
                            })?
                            .child(body.build())
                            .build())
                    })?
                    .build())
            })?;
    }
    Ok(root.build())
}

//! The cookie declaration table, one table per category.

use web_sys::Element;

use crate::browser::dom::El;
use crate::core::config::Config;
use crate::core::cookies::name_parts;
use crate::error::Error;

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
    for category in config.categories.iter().filter(|c| !c.cookies.is_empty()) {
        let mut body = El::new("tbody")?;
        for cookie in &category.cookies {
            body = body.with(|| {
                Ok(El::new("tr")?
                    .with(|| name_cell(&cookie.name))?
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
                Ok(El::new("div")?
                    .class("cb-table-wrap")
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

/// A cookie's name, with a line-break opportunity (`<wbr>`) between its parts: a long name
/// wraps at `_`, `-`, `.` or a capital on a narrow screen, not mid-word, and reads the same.
fn name_cell(name: &str) -> Result<Element, Error> {
    let mut cell = El::new("td")?;
    for (i, part) in name_parts(name).into_iter().enumerate() {
        if i > 0 {
            cell = cell.with(|| Ok(El::new("wbr")?.build()))?;
        }
        cell = cell.text(part);
    }
    Ok(cell.build())
}

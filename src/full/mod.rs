//! The full stage: everything only it needs, behind the `full` feature. The first stage is the
//! shared runtime alone (see [`crate::first`]); this stage adds the site's config (validated), the
//! pieces it draws, the accessibility toolbar and every change of choice.

// This stage has `core::fmt` anyway: clippy.toml's size rules are for the code both stages run.
#![allow(clippy::disallowed_macros, clippy::disallowed_methods)]

pub mod api;
pub mod app;
pub mod config;
pub mod decide;
pub mod promise;
pub mod theme;
pub mod toolbar;
pub mod ui;

/// `parts.join(separator)` without the standard library's generic join, about 1 KB of Wasm for
/// each type of part.
pub fn join(parts: &[&str], separator: &str) -> alloc::string::String {
    let mut joined = alloc::string::String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            joined.push_str(separator);
        }
        joined.push_str(part);
    }
    joined
}

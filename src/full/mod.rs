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

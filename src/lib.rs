#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod browser;
pub mod core;
pub mod error;

// The full stage (the default build): the UI, config validation and every change of choice.
#[cfg(feature = "full")]
pub mod api;
#[cfg(feature = "full")]
pub mod app;
#[cfg(feature = "full")]
pub mod ui;
#[cfg(feature = "full")]
pub use api::ConsentBanner;

// The first stage (built with `--no-default-features`): a returning visitor's page.
#[cfg(not(feature = "full"))]
pub mod first;
pub use error::Error;

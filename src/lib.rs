#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod api;
pub mod app;
pub mod browser;
pub mod core;
pub mod error;
pub mod ui;

pub use api::ConsentBanner;
pub use error::Error;

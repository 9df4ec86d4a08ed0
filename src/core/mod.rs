//! The pure core: the consent model, the cookie codec, the config and every decision. Nothing here
//! knows about the browser, so all of it is tested natively with `cargo test`.

pub mod codec;
#[cfg(feature = "full")]
pub mod config;
pub mod consent;
pub mod consent_mode;
pub mod cookies;
pub mod digest;
#[cfg(feature = "full")]
pub mod language;
pub mod receipt;
pub mod text;
#[cfg(feature = "full")]
pub mod theme;
#[cfg(feature = "full")]
pub mod toolbar;
pub mod url;

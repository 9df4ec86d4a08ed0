//! The pure core: the consent model, the cookie codec, the config digest, receipts and texts, the
//! same in both stages. Nothing here knows about the browser, so all of it is tested natively with
//! `cargo test`.

pub mod codec;
pub mod consent;
pub mod consent_mode;
pub mod cookies;
pub mod digest;
pub mod receipt;
pub mod text;
pub mod url;

//! Audit mode (config `"audit": true`, for development, staging and CI): reports every request,
//! cookie and storage key that the visitor's choice at that moment does not allow, including
//! those of markup the component does not gate (README, "Check your site").
//!
//! A third build of the crate (`--no-default-features --features audit`), loaded by the full
//! stage only when a config asks for it: a site without `audit` never downloads a byte of it.
//! [`judge`] and [`ledger`] decide, without a browser; `watch` looks at the page.

#[allow(unused_imports)]
use crate::prelude::*;

pub mod judge;
pub mod ledger;
#[cfg(feature = "audit")]
mod watch;

#[cfg(feature = "audit")]
use wasm_bindgen::prelude::wasm_bindgen;

/// Starts the audit: `digest` is the validated config's digest
/// ([`Digest::encode`](crate::core::digest::Digest::encode)), `own` the URL the component's files
/// load from, `receipt` the config's `receiptUrl` (the component's own beacon, on any host).
/// Called by the full stage's loader (`src/js/`); a failure is logged, not thrown.
#[cfg(feature = "audit")]
#[wasm_bindgen(js_name = startAudit)]
pub fn start_audit(digest: &str, own: Option<String>, receipt: Option<String>) {
    crate::browser::panic::install();
    if let Err(error) = watch::start(digest, own.unwrap_or_default(), receipt) {
        crate::error::report("the audit could not start", &error);
    }
}

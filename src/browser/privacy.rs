//! Privacy signals and proof of consent: Global Privacy Control, the consent id, and receipts sent
//! with `navigator.sendBeacon` (queued by the browser, never blocking the page).

#[allow(unused_imports)]
use crate::prelude::*;

use wasm_bindgen::JsValue;

use super::dom;
use crate::core::receipt::is_consent_id;
use crate::error::Error;
use crate::names::storage::CONSENT_ID;

/// Whether the browser sends Global Privacy Control (`navigator.globalPrivacyControl === true`).
pub fn gpc() -> bool {
    dom::window()
        .ok()
        .and_then(|w| js_sys::Reflect::get(&w, &"navigator".into()).ok())
        .and_then(|n| js_sys::Reflect::get(&n, &"globalPrivacyControl".into()).ok())
        .is_some_and(|v| v == JsValue::TRUE)
}

/// The page's `localStorage`, where the browser allows it.
pub fn local_storage() -> Option<web_sys::Storage> {
    dom::window().ok()?.local_storage().ok().flatten()
}

/// This visitor's consent id (32 random hex digits), made and kept in `localStorage` on first
/// use. Where storage is blocked, a new one for this page view.
pub fn consent_id() -> Result<String, Error> {
    let storage = local_storage();
    if let Some(id) = storage
        .as_ref()
        .and_then(|s| s.get_item(CONSENT_ID).ok().flatten())
        .filter(|id| is_consent_id(id))
    {
        return Ok(id);
    }
    let mut bytes = [0u8; 16];
    dom::window()?
        .crypto()?
        .get_random_values_with_u8_array(&mut bytes)?;
    let mut id = String::with_capacity(32);
    for byte in bytes {
        id.push_str(&crate::core::text::hex(u64::from(byte), 2));
    }
    if let Some(storage) = storage {
        let _ = storage.set_item(CONSENT_ID, &id);
    }
    Ok(id)
}

/// Forgets the consent id (with the choice, on `reset()`).
pub fn forget_consent_id() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(CONSENT_ID);
    }
}

/// Queues `json` to `url` as `text/plain` (a simple request: no preflight, so the browser sends
/// it even as the page unloads). False if the browser refused to queue it.
pub fn send_receipt(url: &str, json: &str) -> Result<bool, Error> {
    Ok(dom::window()?
        .navigator()
        .send_beacon_with_opt_str(url, Some(json))?)
}

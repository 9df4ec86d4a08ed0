//! After a panic. A panic in Wasm aborts the call that panicked; the component then closes the
//! gate, so nothing optional is released after an internal error, and says so in one line.

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::sync::atomic::{AtomicBool, Ordering};

use crate::error::log_error;

/// Set after a panic: nothing optional is released any more.
static STOPPED: AtomicBool = AtomicBool::new(false);

/// Whether an internal error stopped the component (the gate then stays closed).
pub fn stopped() -> bool {
    STOPPED.load(Ordering::Relaxed)
}

/// What the console says, once, when a panic stopped the component.
const STOPPED_MESSAGE: &str =
    "internal error, stopped; nothing optional will run until the page reloads";

/// Closes the gate for good and logs why (once). `detail` is the panic as text, where the stage
/// can format it (the full stage).
fn stop_with(detail: Option<&str>) {
    if STOPPED.swap(true, Ordering::Relaxed) {
        return;
    }
    match detail {
        Some(detail) => log_error(&crate::core::text::concat(&[
            STOPPED_MESSAGE,
            " (",
            detail,
            ")",
        ])),
        None => log_error(STOPPED_MESSAGE),
    }
}

/// Closes the gate for good and logs why (once): the first stage's `#[panic_handler]`.
pub fn stop() {
    stop_with(None);
}

/// As [`stop`], with the panic's message: the full stage's `#[panic_handler]` (it has `core::fmt`
/// anyway).
#[cfg(feature = "full")]
#[allow(clippy::disallowed_methods)]
pub fn stop_after(info: &::core::panic::PanicInfo) {
    // The gate closes before the message is made: should making it panic too (memory runs out),
    // the handler is entered again, finds the stage stopped and traps, rather than recursing.
    if STOPPED.swap(true, Ordering::Relaxed) {
        return;
    }
    log_error(&crate::core::text::concat(&[
        STOPPED_MESSAGE,
        " (",
        &info.to_string(),
        ")",
    ]));
}

/// Installs the panic hook (once per stage; installing again replaces it). Without std (both
/// shipped stages) the crate's `#[panic_handler]` calls [`stop`] or [`stop_after`] instead.
pub fn install() {
    // Only with std (the tests' builds), which has `core::fmt` anyway.
    #[cfg(feature = "std")]
    #[allow(clippy::disallowed_methods)]
    std::panic::set_hook(alloc::boxed::Box::new(|info| {
        stop_with(Some(&info.to_string()));
    }));
}

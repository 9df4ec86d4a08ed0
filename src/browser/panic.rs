//! The panic hook. A panic in Wasm aborts the call that panicked; the hook logs it as one line and
//! closes the gate, so nothing optional is released after an internal error.

use std::cell::Cell;

use crate::error::log_error;

thread_local! {
    /// Set by the hook: after an internal error nothing optional is released any more.
    static STOPPED: Cell<bool> = const { Cell::new(false) };
}

/// Whether an internal error stopped the component (the gate then stays closed).
pub fn stopped() -> bool {
    STOPPED.with(Cell::get)
}

/// Installs the hook (once per stage; installing again replaces it).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        STOPPED.with(|s| s.set(true));
        log_error(&format!(
            "internal error, stopped; nothing optional will run until the page reloads ({info})"
        ));
    }));
}

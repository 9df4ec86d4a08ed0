#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
// Both stages ship without std (see `std` in Cargo.toml): only `core` and `alloc`.
#![cfg_attr(not(feature = "std"), no_std)]
// clippy.toml's size rules (no `format!`, no `unwrap`) hold for what ships, not for tests.
#![cfg_attr(test, allow(clippy::disallowed_macros, clippy::disallowed_methods))]

extern crate alloc;

#[macro_use]
mod local;

pub mod browser;
pub mod core;
pub mod error;
#[cfg(target_arch = "wasm32")]
mod heap;
pub mod names;
// What the stages run; the audit's build (`audit` without `full`) runs none of it.
#[cfg(any(feature = "full", not(feature = "audit")))]
pub mod runtime;

// The full stage (the default build): config validation, the UI and every change of choice.
#[cfg(feature = "full")]
pub mod full;
#[cfg(any(feature = "full", not(feature = "audit")))]
pub use runtime::api::ConsentBanner;

// The first stage (built with `--no-default-features`): a returning visitor's page.
#[cfg(not(any(feature = "full", feature = "audit")))]
pub mod first;
pub use error::Error;

// Audit mode, a build of its own (`--no-default-features --features audit`) that the full stage
// loads when a config asks for it. Its decisions are tested with the rest (`cargo test --lib`).
#[cfg(any(feature = "audit", test))]
pub mod audit;

/// Without std, Wasm needs an allocator of its own; both stages use talc, as it is smaller than
/// std's dlmalloc. Native builds (tests) keep the system allocator. (A bump allocator saved the
/// first stage 1.1 KB brotli, but a long-lived page's memory then grew with every tab switch.)
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: heap::Heap = unsafe { heap::heap() };

/// Without std (both shipped stages), a panic stops the stage: it closes the gate, says so once,
/// and traps. The first stage does not format the panic's message: that alone would pull in
/// `core::fmt` (kilobytes), which the full stage has anyway.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(info: &::core::panic::PanicInfo) -> ! {
    #[cfg(feature = "full")]
    browser::panic::stop_after(info);
    #[cfg(not(feature = "full"))]
    {
        let _ = info;
        browser::panic::stop();
    }
    ::core::arch::wasm32::unreachable()
}

/// What std's prelude gives, for code shared with the `no_std` first stage.
#[allow(unused_imports)]
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
    pub use alloc::{format, vec};
}

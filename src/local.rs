//! Globals of this Wasm instance, in both stages.
//!
//! `std::thread_local!` does not exist without std (the first stage). The component's Wasm is
//! built without the `atomics` target feature, so it runs on one thread: a plain `static` is then
//! per-instance state, which is how wasm-bindgen keeps its own no-std thread locals.

/// Declares globals: `local! { static NAME: Type = value; }`, read with `NAME.with(|v| …)`.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
macro_rules! local {
    ($($(#[$attr:meta])* static $name:ident: $ty:ty = $value:expr;)+) => {
        $($(#[$attr])* static $name: $crate::local::Local<$ty> = $crate::local::Local($value);)+
    };
}

/// Natively (the unit tests), the standard thread locals.
#[cfg(not(all(target_arch = "wasm32", not(target_feature = "atomics"))))]
macro_rules! local {
    ($($(#[$attr:meta])* static $name:ident: $ty:ty = $value:expr;)+) => {
        ::std::thread_local! { $($(#[$attr])* static $name: $ty = const { $value };)+ }
    };
}

/// A global of a single-threaded Wasm instance (see [`local!`]).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub struct Local<T>(pub T);

// SAFETY: without the `atomics` target feature a Wasm instance has exactly one thread, so the
// value is never reached from two threads. wasm-bindgen's own no-std thread locals rely on this.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl<T> Sync for Local<T> {}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
impl<T> Local<T> {
    /// Runs `f` with the value, as `LocalKey::with` does.
    pub fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0)
    }
}

/// A copy of what `cell` holds, as `RefCell::borrow().clone()` gives, without a borrow: a
/// borrow's panic path formats its message, kilobytes of `core::fmt` in the first stage.
pub fn cloned<T: Clone + Default>(cell: &::core::cell::Cell<T>) -> T {
    let value = cell.take();
    put_back(cell, value.clone());
    value
}

/// Changes what `cell` holds in place, as `RefCell::borrow_mut()` would, without a borrow (see
/// [`cloned`]). `change` must not reach the same cell: it would find it empty.
pub fn update<T: Default, R>(cell: &::core::cell::Cell<T>, change: impl FnOnce(&mut T) -> R) -> R {
    let mut value = cell.take();
    let result = change(&mut value);
    put_back(cell, value);
    result
}

/// Reads what `cell` holds in place, as `RefCell::borrow()` would, without a borrow or a copy
/// (see [`cloned`]). `read` must not reach the same cell: it would find it empty.
pub fn read<T: Default, R>(cell: &::core::cell::Cell<T>, read: impl FnOnce(&T) -> R) -> R {
    update(cell, |value| read(value))
}

/// Puts `value` back into `cell`, which `take` left holding the default. That default is
/// forgotten rather than dropped: dropping an empty `Option`, `Vec` or `String` frees nothing,
/// and `Cell::set` would compile its drop code into every caller.
fn put_back<T: Default>(cell: &::core::cell::Cell<T>, value: T) {
    ::core::mem::forget(cell.replace(value));
}

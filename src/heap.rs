//! The Wasm allocator of both stages: talc, which is smaller than std's dlmalloc, growing the
//! memory as talc's own `WasmHandler` does, but without its one `unwrap()`: that call alone kept
//! `Result::unwrap`'s message and its `core::fmt` code in the first stage.

#[cfg(any(feature = "full", feature = "audit"))]
pub use self::talc_heap::*;

#[cfg(any(feature = "full", feature = "audit"))]
mod talc_heap {
    use ::core::alloc::Layout;

    use talc::locking::AssumeUnlockable;
    use talc::{OomHandler, Span, Talc, Talck};

    /// The allocator: single-threaded Wasm has nothing to lock.
    pub type Heap = Talck<AssumeUnlockable, Grow>;

    /// The allocator, empty until the first allocation grows the memory.
    ///
    /// # Safety
    /// Only for single-threaded Wasm, as the global allocator: it takes over the memory it grows.
    pub const unsafe fn heap() -> Heap {
        Talc::new(Grow {
            heap: Span::empty(),
        })
        .lock()
    }

    /// Grows the Wasm memory when the heap is full.
    pub struct Grow {
        /// The heap as last claimed or extended.
        heap: Span,
    }

    // SAFETY: the Wasm the component runs in has one thread.
    unsafe impl Send for Grow {}

    impl OomHandler for Grow {
        fn handle_oom(talc: &mut Talc<Self>, layout: Layout) -> Result<(), ()> {
            const PAGE: usize = 64 * 1024;
            // Enough for this allocation; asked for in halves when the browser refuses that much.
            let mut pages = ((layout.size() + 8).max(layout.align() * 2)).div_ceil(PAGE);
            let previous = loop {
                if pages == 0 {
                    return Err(());
                }
                let previous = ::core::arch::wasm32::memory_grow::<0>(pages);
                if previous != usize::MAX {
                    break previous;
                }
                pages >>= 1;
            };
            let base = (previous * PAGE) as *mut u8;
            let acme = base.wrapping_add(pages * PAGE);
            let heap = talc.oom_handler.heap;
            // SAFETY: the memory from `base` to `acme` was just grown, so nothing else uses it.
            talc.oom_handler.heap = unsafe {
                match heap.get_base_acme() {
                    // Grown right after the heap: the heap extends into it.
                    Some((heap_base, heap_acme)) if heap_acme == base => {
                        talc.extend(heap, Span::new(heap_base, acme))
                    }
                    _ => talc.claim(Span::new(base, acme))?,
                }
            };
            Ok(())
        }
    }
}

/// The first stage's allocator: a bump allocator. The first stage lives for one page view and
/// allocates little (the digest, a string per gated element), so it never frees, except the last
/// allocation, which temporary strings and growing `Vec`s often are. Talc's code cost the first
/// stage about 1.1 KB brotli; this costs a tenth of that.
#[cfg(not(any(feature = "full", feature = "audit")))]
pub mod bump {
    use ::core::alloc::{GlobalAlloc, Layout};
    use ::core::cell::Cell;

    const PAGE: usize = 64 * 1024;

    /// The free memory left: from `next` to `end`, both addresses in the Wasm memory.
    pub struct Bump {
        next: Cell<usize>,
        end: Cell<usize>,
    }

    // SAFETY: the Wasm the component runs in has one thread.
    unsafe impl Sync for Bump {}

    impl Bump {
        /// An empty allocator: the first allocation grows the memory.
        pub const fn new() -> Self {
            Self {
                next: Cell::new(0),
                end: Cell::new(0),
            }
        }
    }

    unsafe impl GlobalAlloc for Bump {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let align = layout.align();
            let mut start = (self.next.get() + align - 1) & !(align - 1);
            if start + layout.size() > self.end.get() {
                // Enough for this allocation; what is left of the old span is given up unless the
                // memory grows right after it (it always does: nothing else grows it).
                let pages = (layout.size() + align).div_ceil(PAGE).max(2);
                let previous = ::core::arch::wasm32::memory_grow::<0>(pages);
                if previous == usize::MAX {
                    return ::core::ptr::null_mut();
                }
                let base = previous * PAGE;
                if base != self.end.get() {
                    start = (base + align - 1) & !(align - 1);
                }
                self.end.set(base + pages * PAGE);
            }
            self.next.set(start + layout.size());
            start as *mut u8
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // Only the last allocation goes back.
            if ptr as usize + layout.size() == self.next.get() {
                self.next.set(ptr as usize);
            }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // The last allocation grows or shrinks in place when the memory has room.
            if ptr as usize + layout.size() == self.next.get()
                && ptr as usize + new_size <= self.end.get()
            {
                self.next.set(ptr as usize + new_size);
                return ptr;
            }
            // SAFETY: the caller's layout rules hold for the new size too.
            let new =
                unsafe { self.alloc(Layout::from_size_align_unchecked(new_size, layout.align())) };
            if !new.is_null() {
                // SAFETY: both are valid for the smaller size, and a new block never overlaps.
                unsafe { ::core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
            }
            new
        }
    }
}

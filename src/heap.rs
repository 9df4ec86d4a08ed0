//! The Wasm allocator of both stages: talc, which is smaller than std's dlmalloc, growing the
//! memory as talc's own `WasmHandler` does, but without its one `unwrap()`: that call alone kept
//! `Result::unwrap`'s message and its `core::fmt` code in the first stage.

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

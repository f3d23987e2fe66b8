//! Software prefetch hints for the search kernels.
//!
//! A breadth-first search reads the neighbour lists of its frontier in the order the nodes were
//! found, which is random in memory: the processor cannot guess the next list, so each one
//! starts with a wait on memory. Asking for the lists a few nodes ahead overlaps those waits.
//! A hint never changes a result; on processors without one it does nothing.

/// A handle to the processor's prefetch instruction (none outside x86-64).
#[derive(Clone, Copy)]
pub(crate) struct Prefetch {
    #[cfg(target_arch = "x86_64")]
    sse: Option<pulp::core_arch::x86::Sse>,
}

impl Prefetch {
    /// The hint of this processor.
    pub(crate) fn new() -> Prefetch {
        Prefetch {
            #[cfg(target_arch = "x86_64")]
            sse: pulp::core_arch::x86::Sse::try_new(),
        }
    }

    /// Asks for the cache line holding `slice[index]` (nothing when out of bounds).
    #[inline(always)]
    pub(crate) fn hint<T>(self, slice: &[T], index: usize) {
        #[cfg(target_arch = "x86_64")]
        if let (Some(sse), Some(item)) = (self.sse, slice.get(index)) {
            // 3 = _MM_HINT_T0: into every level of cache.
            sse._mm_prefetch::<3>(std::ptr::from_ref(item).cast::<i8>());
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (slice, index);
    }
}

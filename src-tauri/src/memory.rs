//! Handing back to the system the memory a long computation freed.
//!
//! glibc's allocator keeps what a thread freed in that thread's arena, for reuse: after the first screen is
//! computed on its own thread (every client's standing over the whole books, tens of MiB of short-lived vectors
//! with 100 000 invoices), about 20 MiB stay resident that nothing uses any more (scripts/bench-desktop).
//! `malloc_trim(0)` returns the free pages of every arena. Elsewhere (musl, macOS, Windows) there is no such call,
//! and nothing to do.

/// Return the allocator's free pages to the system. Call it once a burst of work is over: glibc walks every arena
/// in turn, each under its lock, so it briefly delays the threads allocating meanwhile.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release_freed_memory() {
    // SAFETY: malloc_trim takes no pointer and touches only glibc's own free lists, under their locks; it may be
    // called from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_freed_memory() {}

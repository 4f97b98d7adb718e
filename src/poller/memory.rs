//! How a poll keeps its memory down with glibc's allocator. A cold poll
//! downloads feeds of a few hundred KB on the runtime's threads and frees
//! them on the parser threads; by default glibc's mmap threshold rises to
//! the largest buffer freed so far, so every later feed body and network
//! buffer is carved out of those threads' arenas, where the freed room
//! stays. A fixed threshold during the poll gives each large buffer pages
//! of its own, returned when it is freed (BENCHMARKS.md, "Peak memory").
//! Nothing depends on it, so on other platforms it does nothing.

/// Buffers this large or larger get pages of their own during a poll:
/// glibc's starting threshold, kept fixed.
const POLL_THRESHOLD_BYTES: i32 = 128 * 1024;

/// After the poll: the highest threshold glibc's own sliding one reaches
/// on 64-bit systems, so the interface's large, short-lived vectors (a
/// view of 100,000 rows, rebuilt as the user types) come from the heap
/// again instead of fresh pages each time.
const AFTER_POLL_THRESHOLD_BYTES: i32 = 32 * 1024 * 1024;

/// The poll's allocator setting, undone when dropped.
pub(super) struct LargeBuffersApart(());

impl LargeBuffersApart {
    /// Set before the poll's threads start.
    pub(super) fn during_poll() -> LargeBuffersApart {
        set_mmap_threshold(POLL_THRESHOLD_BYTES);
        LargeBuffersApart(())
    }
}

impl Drop for LargeBuffersApart {
    fn drop(&mut self) {
        set_mmap_threshold(AFTER_POLL_THRESHOLD_BYTES);
    }
}

fn set_mmap_threshold(bytes: i32) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tunable; it returns 0 when it refuses,
    // which leaves the previous one in place.
    if unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, bytes) } == 0 {
        tracing::debug!("the allocator kept its mmap threshold");
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = bytes;
}

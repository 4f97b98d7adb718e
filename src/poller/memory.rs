//! How a poll keeps its memory down with glibc's allocator. A cold poll
//! downloads feeds of a few hundred KB on the runtime's threads and frees
//! them on the parser threads; by default glibc's mmap threshold rises to
//! the largest buffer freed so far, so every later feed body and network
//! buffer is carved out of those threads' arenas, where the freed room
//! stays. A fixed threshold gives each large buffer pages of its own,
//! returned when it is freed (BENCHMARKS.md, "Peak memory"). Nothing
//! depends on it, so on other platforms it does nothing.

/// Buffers this large or larger get pages of their own: glibc's starting
/// threshold, kept fixed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD_BYTES: libc::c_int = 128 * 1024;

/// Fixes the mmap threshold, once per process, before the poll's threads
/// start.
pub(super) fn keep_large_buffers_apart() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // SAFETY: mallopt only sets a tunable; it returns 0 when it
            // refuses, which leaves the default in place.
            let set = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) };
            if set == 0 {
                tracing::debug!("the allocator kept its own mmap threshold");
            }
        });
    }
}

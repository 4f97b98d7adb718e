//! The sift binary: parse the command line, run it, map the outcome to an
//! exit code (0 ok, 1 some feeds failed, 2 usage or config error).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    tune_allocator();
    sift::cli::panic_hook::install();
    let cli = sift::cli::Cli::parse();
    match sift::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            sift::cli::output::print_warning(format_args!("sift: {e}"));
            e.exit_code()
        }
    }
}

/// glibc's defaults cost a poll about 10 MB of peak memory (BENCHMARKS.md,
/// "Peak memory"): a fetched feed body freed after parsing raises the
/// mmap threshold, so the next bodies land in the heap and fragment it,
/// and every thread that allocates gets an arena of its own. A fixed
/// threshold sends big buffers to mmap (returned whole when freed); two
/// arenas serve the few threads a poll runs.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    const MMAP_THRESHOLD: libc::c_int = 128 * 1024;
    const ARENAS: libc::c_int = 2;
    // SAFETY: mallopt only sets allocator parameters; it is called before
    // any other thread exists, and a refused value (0) leaves the default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        libc::mallopt(libc::M_ARENA_MAX, ARENAS);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

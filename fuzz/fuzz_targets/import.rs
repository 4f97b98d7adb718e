//! `sift import FILE` (and `--allow-local`) on any bytes, run in-process
//! through `cli::run`: never a panic, nothing hostile printed, and
//! feeds.toml stays a file sift can read, every subscription in it a
//! valid URL, none of them local unless `--allow-local` was given.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sift::config::feeds::FeedsFile;
use sift_fuzz::{new_dir, sift};

/// One directory for the whole run; feeds.toml is removed before each input.
static DIR: LazyLock<tempfile::TempDir> = LazyLock::new(new_dir);

fuzz_target!(|bytes: &[u8]| {
    // The first byte's low bit says whether local files are allowed.
    let (allow_local, list) = match bytes.split_first() {
        Some((flags, rest)) => (flags & 1 == 1, rest),
        None => (false, bytes),
    };
    let feeds = DIR.path().join("feeds.toml");
    let _ = std::fs::remove_file(&feeds);
    let file = DIR.path().join("list.opml");
    std::fs::write(&file, list).expect("write the list");
    let mut args = vec!["import", file.to_str().unwrap()];
    if allow_local {
        args.push("--allow-local");
    }
    let _ = sift(DIR.path(), &args);
    let loaded = match FeedsFile::load(&feeds) {
        Ok(loaded) => loaded,
        Err(e) => panic!("import left a feeds.toml sift cannot read: {e}"),
    };
    for entry in loaded.entries() {
        let url = url::Url::parse(&entry.url)
            .unwrap_or_else(|e| panic!("subscribed to {:?}: {e}", entry.url));
        if !allow_local && url.scheme() == "file" {
            panic!("subscribed to a local file without --allow-local: {url}");
        }
    }
});

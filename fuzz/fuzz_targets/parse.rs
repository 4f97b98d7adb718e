//! `sift parse --json FILE` on any bytes, run in-process through
//! `cli::run`: JSON on success, a "failed" error (exit 1) otherwise, never
//! a panic, and nothing printed that could drive a terminal.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sift::cli::CliError;
use sift_fuzz::{new_dir, sift};

/// One directory for the whole run; each input overwrites the feed file.
static DIR: LazyLock<tempfile::TempDir> = LazyLock::new(new_dir);

fuzz_target!(|bytes: &[u8]| {
    let file = DIR.path().join("feed.xml");
    std::fs::write(&file, bytes).expect("write the feed file");
    let run = sift(DIR.path(), &["parse", "--json", file.to_str().unwrap()]);
    match run.result {
        Ok(_) => {
            if let Err(e) = serde_json::from_str::<serde_json::Value>(&run.out) {
                panic!("parse printed no JSON ({e}): {:?}", run.out);
            }
        }
        Err(CliError::Failed(_)) => {}
        Err(e) => panic!("parse failed outside its contract: {e:?}; {}", run.err),
    }
});

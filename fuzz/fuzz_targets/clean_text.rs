//! Bytes as (lossy) UTF-8 plain text through the plain-text cleaner.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sift::clean::{RuleSet, clean_text};

static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let _ = clean_text(&text, Some("https://example.com/post"), &RULES);
});

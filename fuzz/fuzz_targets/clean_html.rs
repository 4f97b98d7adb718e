//! Bytes as (lossy) UTF-8 HTML through every HTML entry of the cleaner.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sift::clean::{RuleSet, clean_fragment, clean_page, extract_main};

static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);
const URL: Option<&str> = Some("https://example.com/2024/01/story.html");

fuzz_target!(|bytes: &[u8]| {
    let html = String::from_utf8_lossy(bytes);
    let _ = clean_page(&html, URL, &RULES);
    let _ = clean_fragment(&html, URL, &RULES);
    let _ = extract_main(&html, URL, &RULES);
});

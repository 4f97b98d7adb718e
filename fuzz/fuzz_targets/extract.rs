//! `sift extract`'s path from raw bytes: charset sniffing, HTML or plain
//! text, cleaning (`clean_document`), then the text the command prints
//! (`render_text`, with and without `--explain`). Never a panic, and never
//! a control, escape or bidi character in what is printed.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sift::clean::{RuleSet, clean_document};
use sift::cli::extract::render_text;
use sift::text::is_forbidden;

static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);
const URL: Option<&str> = Some("https://example.com/2024/01/story.html");

fuzz_target!(|bytes: &[u8]| {
    let cleaned = clean_document(bytes, URL, &RULES);
    for explain in [false, true] {
        let printed = render_text(&cleaned, explain);
        if let Some(c) = printed.chars().find(|&c| is_forbidden(c)) {
            panic!("printed U+{:04X} in {printed:?}", c as u32);
        }
    }
});

//! Inputs the fuzz targets and property tests found, run through the same
//! entry points (fixtures under tests/fixtures/fuzz/<target>/).

use std::path::Path;

use sift::clean::{Cleaned, RuleSet, clean_fragment, clean_page, clean_text, extract_main};
use sift::model::Subscription;
use sift::query::Query;
use sift::store::{NoiseFilter, Store, ViewOrder};
use sift::text::is_forbidden;

const URL: Option<&str> = Some("https://example.com/2024/01/story.html");

fn fixture_path(target: &str, name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target)
        .join(name)
}

fn fixture_bytes(target: &str, name: &str) -> Vec<u8> {
    let path = fixture_path(target, name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(target: &str, name: &str) -> String {
    String::from_utf8_lossy(&fixture_bytes(target, name)).into_owned()
}

fn assert_no_forbidden(cleaned: &Cleaned) {
    let texts = cleaned
        .title
        .iter()
        .chain(cleaned.blocks.iter().map(|b| &b.text))
        .chain(cleaned.removed.iter().map(|r| &r.text));
    for text in texts {
        assert!(
            !text.chars().any(is_forbidden),
            "forbidden character in {text:?}"
        );
    }
}

/// A raw ESC sequence in plain text came through `clean_text` untouched.
#[test]
fn clean_text_strips_a_raw_escape_sequence() {
    let text = fixture("clean_text", "esc-sequence.txt");
    assert!(
        text.contains('\u{1b}'),
        "the fixture holds the ESC it tests"
    );
    let cleaned = clean_text(&text, URL, &RuleSet::builtin());
    assert_no_forbidden(&cleaned);
}

/// A raw ESC inside a `<form>` (removed by a selector rule) kept it in the
/// removed block's text, which the reader shows on request.
#[test]
fn clean_html_strips_a_raw_escape_in_a_removed_element() {
    let html = fixture("clean_html", "esc-in-form.html");
    let rules = RuleSet::builtin();
    assert_no_forbidden(&clean_page(&html, URL, &rules));
    assert_no_forbidden(&clean_fragment(&html, URL, &rules));
    if let Some(extracted) = extract_main(&html, URL, &rules) {
        let title = extracted.title.unwrap_or_default();
        assert!(!title.chars().any(is_forbidden), "{title:?}");
    }
}

/// A NUL inside a quoted phrase parsed, then FTS5 rejected the MATCH string
/// ("unterminated string"): a query that parses must run. The first file
/// is the fuzzer's input, the second the same bug cut down by hand.
#[test]
fn query_with_nul_in_a_phrase_runs() {
    let mut store = Store::open_in_memory().expect("in-memory store");
    let subs = [Subscription {
        url: "https://example.com/feed.xml".to_string(),
        ..Subscription::default()
    }];
    store.sync_subscriptions(&subs).expect("sync");
    for name in ["crash-474f1baf.txt", "nul-in-phrase-min.txt"] {
        let text = fixture("query", name);
        assert!(text.contains('\0'), "{name} holds the NUL it tests");
        let query = Query::parse(&text, 1_700_000_000).expect("the query parses");
        let count = store.count_query(&query, NoiseFilter::Include);
        assert!(count.is_ok(), "{name}: {count:?}");
        let ids = store.query_ids(&query, NoiseFilter::Hide, ViewOrder::Feed);
        assert!(ids.is_ok(), "{name}: {ids:?}");
    }
}

/// feed-rs slices one byte either side of the address in an RSS contact
/// (`<author>eve@example.com\u{202c}</author>`, `Jane&#160;jane@…`) and
/// panicked inside the character there: the whole feed failed ("the
/// parser crashed"). The fuzzer's input and the same cut down by hand.
#[test]
fn a_contact_feed_rs_cannot_split_costs_no_feed() {
    let parsed = sift::feed::parse_feed(&fixture_bytes("parse", "contact-split-min.xml"), URL)
        .expect("the feed parses");
    let titles: Vec<&str> = parsed.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Kept", "Also kept"]);
    // A JSON Feed author's name goes through the same split.
    let parsed = sift::feed::parse_feed(&fixture_bytes("parse", "json-author-split-min.json"), URL)
        .expect("the JSON feed parses");
    assert_eq!(parsed.items.len(), 1);
    // The fuzzer's input: no crash; the lenient reader recovers what it
    // can, and nothing it kept can reach a terminal.
    let fuzzed = sift::feed::parse_feed(&fixture_bytes("parse", "crash-d8994507.xml"), URL);
    if let Ok(feed) = &fuzzed {
        let texts = feed
            .items
            .iter()
            .flat_map(|i| [Some(&i.title), i.author.as_ref()]);
        for text in texts.flatten().chain(feed.title.as_ref()) {
            assert!(!text.chars().any(sift::text::is_forbidden), "{text:?}");
        }
    }
}

/// The same panic, caught, still had the default hook print its message to
/// standard error, quoting the field raw (a bidi control, or any escape
/// sequence, straight to the terminal).
#[test]
fn a_caught_parser_panic_prints_nothing() {
    for name in [
        "contact-split-min.xml",
        "json-author-split-min.json",
        "crash-d8994507.xml",
    ] {
        let out = assert_cmd::Command::cargo_bin("sift")
            .unwrap()
            .args(["parse", "--json"])
            .arg(fixture_path("parse", name))
            .env("RUST_BACKTRACE", "0")
            .output()
            .expect("run sift parse");
        let stderr = String::from_utf8_lossy(&out.stderr);
        // sift's own panic hook says "internal error"; the default one
        // "panicked".
        assert!(
            !stderr.contains("panicked") && !stderr.contains("internal error"),
            "{name}: {stderr}"
        );
        assert!(!stderr.chars().any(is_forbidden), "{name}: {stderr:?}");
    }
}

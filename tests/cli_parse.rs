//! `sift parse --json`: what sift recovers from a feed file, and clean
//! failures (a reason on stderr, no panic) for everything else.

mod cli_support;

use cli_support::{Sandbox, fixture_bytes, stdout_of};
use serde_json::{Value, json};

fn parse_json(sb: &Sandbox, file: &str) -> Value {
    let out = stdout_of(sb.sift().args(["parse", "--json", file]));
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

/// Runs `sift parse --json` on `bytes` given as a file and returns stderr,
/// checking for a failure exit that is not a panic.
fn parse_failure(sb: &Sandbox, name: &str, bytes: &[u8]) -> String {
    sb.write(name, bytes);
    let assert = sb.sift().args(["parse", "--json", name]).assert().failure();
    let output = assert.get_output();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(output.stdout.is_empty(), "{output:?}");
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{err}"
    );
    assert!(err.starts_with(&format!("sift: {name}: ")), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

#[test]
fn parse_json_of_the_week_style_feed() {
    let sb = Sandbox::new();
    sb.fixture("theweek-style-feed.xml");
    let parsed = parse_json(&sb, "theweek-style-feed.xml");
    assert_eq!(parsed["parser"], "feed-rs");
    assert_eq!(parsed["title"], "Test Week: World");
    assert_eq!(parsed["link"], "https://week.example.test/world");
    assert!(parsed.get("repairs").is_none(), "{parsed}");
    let items = parsed["items"].as_array().expect("items");
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[0],
        json!({
            "id": "rT4kW9pLm2QzX7vB1nC8dE",
            "title": "Will the river treaty survive the drought?",
            "link": "https://week.example.test/world/river-treaty-drought",
            "author": "Test Week Staff",
            "published": "2026-11-26T11:30:00Z",
            "summary": "Three upstream states want the water shares rewritten before the summer",
            "content": null,
            "enclosures": [{
                "url": "https://img.week.example.test/rT4kW9pLm2QzX7vB1nC8dE-1280-80.jpg",
                "type": "image/jpeg",
                "length": 0,
            }],
        })
    );
    assert_eq!(
        items[1]["content"],
        "<p>Turnout fell to a <b>record low</b>.</p><p>The second paragraph explains the coalition arithmetic.</p>"
    );
    for item in items {
        let keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        // `author` only where the item names one.
        assert_eq!(
            keys.len(),
            7 + usize::from(keys.contains(&"author")),
            "id/title/link/(author)/published/summary/content/enclosures: {keys:?}"
        );
        for key in [
            "id",
            "title",
            "link",
            "published",
            "summary",
            "content",
            "enclosures",
        ] {
            assert!(keys.contains(&key), "{key} missing from {item}");
        }
    }
}

#[test]
fn parse_reads_standard_input_and_atom() {
    let sb = Sandbox::new();
    let out = sb
        .sift()
        .args(["parse", "--json", "-"])
        .write_stdin(fixture_bytes("second-feed.atom"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let parsed: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(parsed["title"], "Second Test Feed");
    assert_eq!(parsed["items"][0]["id"], "urn:example:second:1");
    assert_eq!(parsed["items"][0]["title"], "Notes from the border");
    assert_eq!(
        parsed["items"][0]["link"],
        "https://second.example.test/border"
    );
    assert_eq!(parsed["items"][0]["published"], "2026-11-24T10:00:00Z");
    assert_eq!(parsed["items"][0]["summary"], "A short dispatch.");
}

#[test]
fn parse_touches_no_cache_and_needs_no_config() {
    let sb = Sandbox::new();
    sb.write_config("config.toml", "not = = toml");
    sb.fixture("theweek-style-feed.xml");
    parse_json(&sb, "theweek-style-feed.xml");
    assert!(!sb.data_dir().exists());
}

#[test]
fn garbage_fails_with_a_reason_and_no_panic() {
    let sb = Sandbox::new();
    let err = parse_failure(&sb, "garbage.bin", &fixture_bytes("garbage.bin"));
    assert!(err.contains("not a feed"), "{err}");

    let err = parse_failure(&sb, "empty.xml", b"  \n\t ");
    assert_eq!(
        err,
        "sift: empty.xml: empty document: the server sent nothing but whitespace\n"
    );

    let err = parse_failure(
        &sb,
        "page.html",
        b"<!DOCTYPE html><html><head><title>Hi</title></head><body><p>x</p></body></html>",
    );
    assert_eq!(err, "sift: page.html: this is a web page, not a feed\n");

    let err = parse_failure(
        &sb,
        "bad.json",
        b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [",
    );
    assert!(err.contains("JSON"), "{err}");

    let deep = format!(
        "<rss version=\"2.0\"><channel><title>x</title>{}{}</channel></rss>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    let err = parse_failure(&sb, "deep.xml", deep.as_bytes());
    assert!(err.contains("deep") || err.contains("invalid"), "{err}");

    let mut binary: Vec<u8> = (0..=255u8).cycle().take(64 * 1024).collect();
    binary.splice(0..0, b"<?xml version=\"1.0\"?><rss>".iter().copied());
    sb.write("binary.xml", &binary);
    let out = sb
        .sift()
        .args(["parse", "--json", "binary.xml"])
        .output()
        .expect("sift ran");
    // Either recovered or refused, never a crash.
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{err}"
    );
}

#[test]
fn parse_of_a_missing_file_fails_with_exit_1() {
    let sb = Sandbox::new();
    let out = sb
        .sift()
        .args(["parse", "--json", "nope.xml"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.starts_with("sift: cannot read nope.xml: "), "{err}");
    sb.sift().args(["parse", "nope.xml"]).assert().code(2);
}

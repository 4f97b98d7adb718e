//! Escape injection: a feed (tests/fixtures/feeds/hostile-escapes.xml) and a
//! page (tests/fixtures/escapes/hostile-page.html) full of ESC, CSI, OSC 52
//! clipboard writes, OSC 8 links, C1 controls, bidi overrides and
//! zero-width characters, raw and as character references. No such
//! character may reach standard output of any command that shows them.

mod cli_support;

use std::path::Path;

use cli_support::{Sandbox, stdout_of};

fn fixture(path: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What must never reach a terminal, written out here on its own (not
/// taken from the code under test): C0 but newline and tab, DEL, C1, bidi
/// embeddings, overrides, isolates and marks, and invisible zero-width
/// characters. ZWJ and ZWNJ are allowed: scripts and emoji need them.
fn is_hostile(c: char) -> bool {
    matches!(c,
        '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{200e}' | '\u{200f}' | '\u{61c}'
        | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Fails, naming the first hostile character and its surroundings.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| is_hostile(c)) {
        let from = text.floor_char_boundary(at.saturating_sub(40));
        let to = text.ceil_char_boundary((at + 40).min(text.len()));
        panic!(
            "{what}: U+{:04X} at byte {at}: {:?}",
            c as u32,
            &text[from..to]
        );
    }
}

/// A sandbox subscribed to a copy of the hostile feed, polled.
fn polled() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("hostile-escapes.xml", fixture("feeds/hostile-escapes.xml"));
    sb.sift()
        .args(["feeds", "add", "hostile-escapes.xml"])
        .assert()
        .success();
    let poll = sb
        .sift()
        .arg("poll")
        .assert()
        .success()
        .get_output()
        .clone();
    assert_clean("poll", &poll.stdout);
    sb
}

fn run(sb: &Sandbox, args: &[&str]) -> Vec<u8> {
    let out = sb.sift().args(args).assert().success().get_output().clone();
    assert_clean(&format!("stderr of {args:?}"), &out.stderr);
    out.stdout
}

#[test]
fn the_fixtures_really_are_hostile() {
    for name in ["feeds/hostile-escapes.xml", "escapes/hostile-page.html"] {
        let text = String::from_utf8(fixture(name)).expect("UTF-8");
        for needle in ["\u{1b}]52;c;", "\u{1b}[", "\u{202e}", "\u{200b}", "\u{9d}"] {
            assert!(text.contains(needle), "{name} lacks {needle:?}");
        }
        assert!(
            text.contains("&#x1b;]8;;"),
            "{name}: an OSC 8 link as a reference"
        );
    }
}

#[test]
fn list_show_and_feeds_list_print_no_control_characters() {
    let sb = polled();
    let list = run(&sb, &["list"]);
    assert_clean("list", &list);
    let list = String::from_utf8(list).expect("UTF-8");
    assert!(list.contains("OSC52"), "the items are listed: {list}");
    assert!(list.contains("clipboard"), "{list}");

    let json = run(&sb, &["list", "--json"]);
    assert_clean("list --json", &json);
    let rows: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 3, "{rows:?}");
    // Not merely escaped by JSON: gone from the values too.
    for row in rows {
        for (key, value) in row.as_object().expect("objects") {
            if let Some(text) = value.as_str() {
                assert_clean(&format!("list --json value {key}"), text.as_bytes());
            }
        }
    }

    for id in 1..=3 {
        let id = id.to_string();
        assert_clean(&format!("show {id}"), &run(&sb, &["show", &id]));
        assert_clean(
            &format!("show {id} --raw"),
            &run(&sb, &["show", &id, "--raw"]),
        );
        let json = run(&sb, &["show", &id, "--json"]);
        assert_clean(&format!("show {id} --json"), &json);
        let article: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
        for (key, value) in article.as_object().expect("an object") {
            if let Some(text) = value.as_str() {
                assert_clean(&format!("show {id} --json value {key}"), text.as_bytes());
            }
        }
    }
    let shown = String::from_utf8(run(&sb, &["show", "1", "--raw"])).expect("UTF-8");
    assert!(shown.contains("hyperlink"), "the body is shown: {shown}");

    let feeds = run(&sb, &["feeds", "list"]);
    assert_clean("feeds list", &feeds);
    assert!(String::from_utf8_lossy(&feeds).contains("Hostile"));
    assert_clean("feeds list --json", &run(&sb, &["feeds", "list", "--json"]));
}

#[test]
fn extract_of_a_hostile_page_prints_no_control_characters() {
    let sb = Sandbox::new();
    sb.write("hostile-page.html", fixture("escapes/hostile-page.html"));
    let text = stdout_of(sb.sift().args(["extract", "hostile-page.html"]));
    assert_clean("extract", text.as_bytes());
    assert!(text.contains("First paragraph"), "{text}");
    for args in [&["--explain"][..], &["--json"]] {
        let mut all = vec!["extract", "hostile-page.html"];
        all.extend_from_slice(args);
        assert_clean(&format!("{all:?}"), &run(&sb, &all));
    }
}

//! A server's bytes in error messages: a document whose root element is
//! named `a ESC]52;c;… BEL ESC[2J CSI 31m RLO evil` (an OSC 52 clipboard
//! write, a screen clear, a C1 CSI and a bidi override), escapes in the
//! HTTP reason phrase, redirect targets, `Retry-After` and charset names,
//! hostile file names and OPML addresses, and a cache that already holds
//! raw hostile text. Every command that can print them must print them
//! clean, on standard output and standard error, plain and `--json`.

mod cli_support;
mod support;

use cli_support::Sandbox;
use support::server::{Reply, TestServer};

/// The root element name from the issue.
const HOSTILE: &str = "a\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}31m\u{202e}evil";

/// What must never reach a terminal, written out here (not taken from the
/// code under test): C0 but newline and tab, DEL, C1, bidi controls and
/// invisible zero-width characters.
fn is_hostile(c: char) -> bool {
    matches!(c,
        '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{200e}' | '\u{200f}' | '\u{61c}'
        | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|&c| is_hostile(c)) {
        panic!("{what}: U+{:04X} in {text:?}", c as u32);
    }
}

/// Runs `args`; both streams must be clean. Returns (code, stdout, stderr).
fn run(sb: &Sandbox, args: &[&str]) -> (i32, String, String) {
    let out = sb.sift().args(args).output().expect("sift runs");
    assert_clean(&format!("stdout of {args:?}"), &out.stdout);
    assert_clean(&format!("stderr of {args:?}"), &out.stderr);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn hostile_root_document() -> String {
    format!("<?xml version=\"1.0\"?>\n<{HOSTILE}><x>1</x></{HOSTILE}>\n")
}

fn subscribe(sb: &Sandbox, url: &str) {
    let (code, _, err) = run(sb, &["feeds", "add", url]);
    assert_eq!(code, 0, "feeds add {url}: {err}");
}

#[test]
fn a_hostile_root_name_is_clean_in_poll_feeds_list_and_parse() {
    let server = TestServer::start();
    server.route("/root.xml", |_| Reply::ok(hostile_root_document()));
    let sb = Sandbox::new();
    subscribe(&sb, &server.url("/root.xml"));

    let (code, out, _) = run(&sb, &["poll"]);
    assert_eq!(code, 1, "the feed failed: {out}");
    assert!(out.contains("<aevil>"), "the error names the root: {out}");

    let (code, out, _) = run(&sb, &["feeds", "list"]);
    assert_eq!(code, 0);
    assert!(out.contains("failed 1x") && out.contains("aevil"), "{out}");

    let (code, out, _) = run(&sb, &["feeds", "list", "--json"]);
    assert_eq!(code, 0);
    let rows: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let error = rows[0]["last_error"].as_str().expect("an error");
    assert_clean("last_error", error.as_bytes());
    assert!(error.contains("<aevil>"), "{error}");

    let file = sb.write("root.xml", hostile_root_document());
    let (code, _, err) = run(&sb, &["parse", "--json", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("<aevil>"), "{err}");
}

#[test]
fn escapes_in_reason_phrases_redirects_retry_after_and_charsets_stay_out() {
    let server = TestServer::start();
    let feed = "<?xml version=\"1.0\" encoding=\"\u{9b}31m\u{202e}x\"?><rss version=\"2.0\">\
        <channel><title>Ok</title><item><guid>1</guid><title>One</title></item></channel></rss>";
    server.route("/reason.xml", |_| Reply::status(500).reason(HOSTILE));
    server.route("/reason-c1.xml", |_| {
        Reply::status(500).reason("\u{9b}31m\u{202e}evil")
    });
    server.route("/redirect.xml", |_| {
        Reply::status(302).header("Location", "/x\u{9b}31m\u{202e}evil")
    });
    server.route("/redirect-scheme.xml", |_| {
        Reply::status(302).header("Location", "ftp://evil.test/\u{202e}x")
    });
    server.route("/retry.xml", |_| {
        Reply::status(503).header("Retry-After", "\u{9b}31m\u{202e}120")
    });
    server.route("/charset.xml", move |_| {
        Reply::ok(feed).header(
            "Content-Type",
            "application/rss+xml; charset=\u{9b}31m\u{202e}evil",
        )
    });
    let sb = Sandbox::new();
    for path in [
        "/reason.xml",
        "/reason-c1.xml",
        "/redirect.xml",
        "/redirect-scheme.xml",
        "/retry.xml",
        "/charset.xml",
    ] {
        subscribe(&sb, &server.url(path));
    }
    let (code, out, _) = run(&sb, &["poll", "--verbose"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("HTTP 500"), "{out}");
    let (_, out, _) = run(&sb, &["feeds", "list"]);
    assert!(out.contains("HTTP 503"), "{out}");
    run(&sb, &["feeds", "list", "--json"]);
}

#[test]
fn hostile_file_names_and_opml_addresses_are_clean_in_messages() {
    let sb = Sandbox::new();
    for command in [&["parse", "--json"][..], &["import"], &["extract"]] {
        let mut args = command.to_vec();
        args.push(HOSTILE);
        let (code, _, err) = run(&sb, &args);
        assert_ne!(code, 0, "{command:?}");
        assert!(err.contains("aevil"), "{command:?} names the file: {err}");
    }
    let opml = format!(
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>\
         <outline text=\"{HOSTILE}\" xmlUrl=\"gopher://{HOSTILE}\"/>\
         <outline text=\"t\" xmlUrl=\"gopher://x/\u{202e}\u{9b}31m\"/>\
         <outline text=\"t\" xmlUrl=\"gopher://x/\u{202e}evil\"/>\
         </body></opml>"
    );
    let file = sb.write("feeds.opml", opml);
    let (code, out, err) = run(&sb, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("not a valid URL"), "{err}");
    assert!(err.contains("refused `gopher://x/evil`"), "{err}");
}

/// A cache written by an older sift (or by hand) may already hold raw
/// hostile text: the output writers clean it all the same.
#[test]
fn hostile_text_already_in_the_cache_is_printed_clean() {
    let sb = Sandbox::new();
    let feed = sb.write(
        "feed.xml",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>\
         <item><guid>1</guid><title>One</title><link>http://example.test/1</link>\
         <description>Body</description></item></channel></rss>",
    );
    subscribe(&sb, feed.to_str().unwrap());
    assert_eq!(run(&sb, &["poll"]).0, 0);
    let db = rusqlite::Connection::open(sb.data_dir().join("sift.db")).expect("the cache");
    db.execute(
        "UPDATE articles SET title = ?1, author = ?1, full_error = ?1",
        [HOSTILE],
    )
    .expect("articles");
    db.execute(
        "UPDATE feeds SET feed_title = ?1, last_error = ?1, error_count = 1, repair_note = ?1",
        [HOSTILE],
    )
    .expect("feeds");
    drop(db);
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["list", "-q", "one"],
        &["show", "1"],
        &["show", "1", "--json"],
        &["feeds", "list"],
        &["feeds", "list", "--json"],
        &["export", "--starred"],
    ] {
        let (_, out, err) = run(&sb, args);
        assert!(
            out.contains("aevil") || err.contains("aevil") || args[0] == "export",
            "{args:?} shows the text: {out}{err}"
        );
    }
}

//! Full text end to end: `sift poll` fetches the pages of summary-only
//! items from a local HTTP server, `sift show` prints them (or says why it
//! could not), and `--no-full-text`, `full_text_fetches` and `full_text`
//! per feed are obeyed.

mod cli_support;
mod support;

use std::time::Duration;

use cli_support::{Sandbox, stdout_of};
use support::server::{Reply, TestServer};

/// Every command here finishes well within this.
const DEADLINE: Duration = Duration::from_secs(60);

/// The sentence that exists only in the article page.
const PAGE_ONLY: &str = "The ferry to Lampedusa left at dawn";

fn page() -> Reply {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/full_text/article.html");
    let body = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Reply::ok(body).header("Content-Type", "text/html; charset=utf-8")
}

/// A feed of summary-only items linking to `/p/<guid>` on `server`.
fn serve_feed(server: &TestServer, guids: &[&str]) -> String {
    let mut body =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title>");
    for (i, guid) in guids.iter().enumerate() {
        body.push_str(&format!(
            "<item><guid>{guid}</guid><title>Story {guid}</title><link>{}</link>\
             <pubDate>Thu, 26 Nov 2026 {:02}:00:00 +0000</pubDate>\
             <description>A one-line standfirst.</description></item>",
            server.url(&format!("/p/{guid}")),
            20 - i
        ));
    }
    body.push_str("</channel></rss>");
    server.route("/feed.xml", move |_| Reply::ok(body.clone()));
    server.url("/feed.xml")
}

/// A sandbox that fetches article pages (at most `fetches` per poll) and is
/// subscribed to `feed` with `feed_options` (extra feeds.toml lines).
fn sandbox(feed: &str, fetches: usize, feed_options: &str) -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(
        "config.toml",
        &format!("[poll]\nfull_text_fetches = {fetches}\n\n[cache]\nkeep_days = 1000000\n"),
    );
    sb.write_config(
        "feeds.toml",
        &format!("[[feed]]\nurl = \"{feed}\"\n{feed_options}"),
    );
    sb
}

fn run(sb: &Sandbox, args: &[&str]) -> String {
    stdout_of(sb.sift().args(args).timeout(DEADLINE))
}

/// The id of the article titled `Story <guid>`.
fn id_of(sb: &Sandbox, guid: &str) -> String {
    let list: serde_json::Value =
        serde_json::from_str(&run(sb, &["list", "--json"])).expect("list --json is JSON");
    list.as_array()
        .and_then(|rows| {
            rows.iter()
                .find(|r| r["title"] == format!("Story {guid}"))
                .and_then(|r| r["id"].as_i64())
        })
        .unwrap_or_else(|| panic!("no article {guid} in {list}"))
        .to_string()
}

fn page_requests(server: &TestServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/p/"))
        .count()
}

#[test]
fn poll_fetches_pages_and_show_prints_them_or_says_why_not() {
    let server = TestServer::start();
    let feed = serve_feed(&server, &["ok", "gone"]);
    server.route("/p/ok", |_| page());
    // /p/gone has no route: 404.
    let sb = sandbox(&feed, 50, "");

    let out = run(&sb, &["poll"]);
    let line = out.lines().next().unwrap_or_default();
    assert!(line.starts_with("polled 1 feed: 1 updated"), "{out}");
    assert!(line.ends_with("; full text: 1 fetched, 1 failed"), "{out}");

    let ok = id_of(&sb, "ok");
    let shown = run(&sb, &["show", &ok]);
    assert!(shown.contains(PAGE_ONLY), "{shown}");
    assert!(!shown.contains("full text:"), "{shown}");
    let raw = run(&sb, &["show", &ok, "--raw"]);
    assert!(raw.contains(PAGE_ONLY), "{raw}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&sb, &["show", &ok, "--json"])).expect("JSON");
    assert!(
        json["full_html"]
            .as_str()
            .is_some_and(|h| h.contains(PAGE_ONLY))
    );
    assert_eq!(json["full_error"], serde_json::Value::Null);

    let gone = id_of(&sb, "gone");
    let shown = run(&sb, &["show", &gone]);
    assert!(
        shown.contains("A one-line standfirst."),
        "falls back: {shown}"
    );
    assert!(
        shown.trim_end().ends_with("full text: HTTP 404 Not Found"),
        "{shown}"
    );
    let raw = run(&sb, &["show", &gone, "--raw"]);
    assert!(
        raw.trim_end().ends_with("full text: HTTP 404 Not Found"),
        "{raw}"
    );

    // The next poll asks for no page again, and says nothing about pages.
    let verbose = run(&sb, &["poll", "--verbose"]);
    assert_eq!(page_requests(&server), 2);
    assert!(!verbose.contains("full text"), "{verbose}");
}

#[test]
fn verbose_poll_names_each_page() {
    let server = TestServer::start();
    let feed = serve_feed(&server, &["ok", "busy"]);
    server.route("/p/ok", |_| page());
    server.route("/p/busy", |_| Reply::status(503));
    let sb = sandbox(&feed, 50, "");
    let out = run(&sb, &["poll", "--verbose"]);
    assert!(
        out.contains(&format!("full text {}", server.url("/p/ok"))),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "no text   {}: HTTP 503 Service Unavailable (tried again next poll)",
            server.url("/p/busy")
        )),
        "{out}"
    );
}

#[test]
fn no_full_text_makes_no_page_requests() {
    let server = TestServer::start();
    let feed = serve_feed(&server, &["a", "b"]);
    server.route("/p/a", |_| page());
    server.route("/p/b", |_| page());
    let sb = sandbox(&feed, 50, "");
    let out = run(&sb, &["poll", "--no-full-text"]);
    assert!(!out.contains("full text"), "{out}");
    assert_eq!(page_requests(&server), 0);
    assert_eq!(server.requests_to("/feed.xml").len(), 1);
    // They were queued all the same: the next poll fetches them.
    let out = run(&sb, &["poll"]);
    assert!(out.contains("full text: 2 fetched"), "{out}");
}

#[test]
fn full_text_never_in_feeds_toml_makes_no_page_requests() {
    let server = TestServer::start();
    let feed = serve_feed(&server, &["a"]);
    server.route("/p/a", |_| page());
    let sb = sandbox(&feed, 50, "full_text = \"never\"\n");
    let out = run(&sb, &["poll"]);
    assert!(out.starts_with("polled 1 feed: 1 updated"), "{out}");
    assert_eq!(page_requests(&server), 0);
}

#[test]
fn full_text_fetches_in_config_caps_each_poll() {
    let server = TestServer::start();
    let guids = ["c0", "c1", "c2", "c3", "c4"];
    let feed = serve_feed(&server, &guids);
    for g in guids {
        server.route(&format!("/p/{g}"), |_| page());
    }
    let sb = sandbox(&feed, 2, "");
    let out = run(&sb, &["poll"]);
    assert!(out.contains("full text: 2 fetched"), "{out}");
    // Newest first.
    let mut asked: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    asked.retain(|p| p.starts_with("/p/"));
    asked.sort();
    assert_eq!(asked, vec!["/p/c0", "/p/c1"]);
    let out = run(&sb, &["poll"]);
    assert!(out.contains("full text: 2 fetched"), "{out}");
    assert_eq!(page_requests(&server), 4);
}

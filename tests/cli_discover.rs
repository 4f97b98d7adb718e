//! Feed discovery: `sift feeds add` on a web page subscribes to the feed it
//! links, or to the first common feed path that answers with a feed, and a
//! poll of a page says where its feed probably is. All on 127.0.0.1.

mod cli_support;
mod support;

use std::path::Path;

use cli_support::{Sandbox, stderr_with_code, stdout_of};
use support::server::{Reply, TestServer};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/discover")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn html(name: &str) -> Reply {
    Reply::ok(fixture(name)).header("Content-Type", "text/html; charset=utf-8")
}

fn rss() -> Reply {
    Reply::ok(fixture("feed.xml")).header("Content-Type", "application/rss+xml")
}

#[test]
fn add_follows_the_pages_link_rel_alternate_and_prefers_rss() {
    let server = TestServer::start();
    server.route("/", |_| html("page-with-link.html"));
    let sb = Sandbox::new();
    let out = stdout_of(sb.sift().args(["feeds", "add", &server.url("/")]));
    let feed = server.url("/posts/rss.xml");
    assert!(
        out.starts_with(&format!(
            "found the feed at {feed} (the page links it); subscribed"
        )),
        "{out}"
    );
    let toml = sb.feeds_toml();
    assert!(toml.contains(&format!("url = \"{feed}\"")), "{toml}");
    assert!(
        !toml.contains(&format!("url = \"{}\"", server.url("/"))),
        "{toml}"
    );
    // The linked feed is taken as named: no probing of common paths.
    assert!(server.requests_to("/feed").is_empty());
}

#[test]
fn add_falls_back_to_common_paths_and_sniffs_the_answer() {
    let server = TestServer::start();
    server.route("/", |_| html("page-without-link.html"));
    // /feed answers 200 with HTML (a catch-all page): not a feed, skipped.
    server.route("/feed", |_| html("page-without-link.html"));
    server.route("/atom.xml", |_| rss());
    let sb = Sandbox::new();
    let out = stdout_of(sb.sift().args(["feeds", "add", &server.url("/")]));
    let feed = server.url("/atom.xml");
    assert!(
        out.starts_with(&format!(
            "found the feed at {feed} (a common feed path); subscribed"
        )),
        "{out}"
    );
    assert!(sb.feeds_toml().contains(&format!("url = \"{feed}\"")));
    assert_eq!(server.requests_to("/feed").len(), 1);
    assert_eq!(server.requests_to("/rss.xml").len(), 1);
    // Stopped at the first feed.
    assert!(server.requests_to("/feed.xml").is_empty());
    // And the subscription polls.
    let out = stdout_of(sb.sift().args(["poll"]));
    assert!(out.contains("1 new"), "{out}");
}

#[test]
fn add_of_a_page_with_no_feed_fails_and_writes_nothing() {
    let server = TestServer::start();
    server.route("/", |_| html("page-without-link.html"));
    let sb = Sandbox::new();
    let err = stderr_with_code(sb.sift().args(["feeds", "add", &server.url("/")]), 1);
    assert!(
        err.contains("is a web page, and no feed was found"),
        "{err}"
    );
    assert!(err.contains("/rss.xml"), "names what was tried: {err}");
    assert_eq!(sb.feeds_toml(), "", "feeds.toml must not be written");
    for path in [
        "/feed",
        "/rss.xml",
        "/atom.xml",
        "/feed.xml",
        "/index.xml",
        "/rss",
    ] {
        assert_eq!(server.requests_to(path).len(), 1, "{path} probed once");
    }
}

#[test]
fn add_of_a_feed_url_subscribes_it_as_given() {
    let server = TestServer::start();
    server.route("/rss.xml", |_| rss());
    let sb = Sandbox::new();
    let out = stdout_of(sb.sift().args(["feeds", "add", &server.url("/rss.xml")]));
    assert!(
        out.starts_with(&format!("subscribed to {}", server.url("/rss.xml"))),
        "{out}"
    );
}

#[test]
fn polling_a_web_page_names_its_feed_or_says_it_has_none() {
    let server = TestServer::start();
    server.route("/linked", |_| html("page-with-link.html"));
    server.route("/plain", |_| html("page-without-link.html"));
    let sb = Sandbox::new();
    // Written by hand: `feeds add` would have found the feeds instead.
    sb.write_config(
        "feeds.toml",
        &format!(
            "[[feed]]\nurl = \"{}\"\n\n[[feed]]\nurl = \"{}\"\n",
            server.url("/linked"),
            server.url("/plain")
        ),
    );
    let out = sb
        .sift()
        .arg("poll")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8_lossy(&out);
    assert!(
        out.contains(&format!(
            "this is a web page, not a feed; its feed is probably {}",
            server.url("/posts/rss.xml")
        )),
        "{out}"
    );
    assert!(
        out.contains("this is a web page, not a feed, and it names no feed"),
        "{out}"
    );
}

#[test]
fn add_of_a_local_page_follows_its_relative_link() {
    let sb = Sandbox::new();
    sb.write(
        "site/index.html",
        r#"<!DOCTYPE html><html><head>
        <link rel="alternate" type="application/rss+xml" href="feeds/main.xml">
        </head><body>hi</body></html>"#,
    );
    let feed = sb.write("site/feeds/main.xml", fixture("feed.xml"));
    let out = stdout_of(sb.sift().args(["feeds", "add", "site/index.html"]));
    let url = cli_support::file_url(&feed);
    assert!(
        out.starts_with(&format!("found the feed at {url}")),
        "{out}"
    );
    assert!(sb.feeds_toml().contains(&url), "{}", sb.feeds_toml());
}

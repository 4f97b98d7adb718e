//! `sift feeds add|remove|list`: what is written to feeds.toml, what is
//! refused, and the exact messages and exit codes.

mod cli_support;

use cli_support::{Sandbox, file_url, stderr_with_code, stdout_of};
use predicates::prelude::*;

#[test]
fn add_http_feed_with_tags_and_title_writes_feeds_toml() {
    let sb = Sandbox::new();
    let out = stdout_of(sb.sift().args([
        "feeds",
        "add",
        "https://Example.com/feeds/world",
        "--tag",
        "world",
        "--tag",
        "news",
        "--title",
        "The World",
    ]));
    assert_eq!(
        out,
        "subscribed to https://example.com/feeds/world (id 1); `sift poll` fetches it\n"
    );
    let toml = sb.feeds_toml();
    assert!(toml.starts_with("# sift subscriptions."), "{toml}");
    assert!(
        toml.contains(
            "[[feed]]\nurl = \"https://example.com/feeds/world\"\ntitle = \"The World\"\ntags = [\"world\", \"news\"]\n"
        ),
        "{toml}"
    );
}

#[test]
fn edits_keep_the_users_comments_and_order() {
    let sb = Sandbox::new();
    sb.write_config(
        "feeds.toml",
        "# my own list\n\n[[feed]]\nurl = \"https://b.test/rss\" # the B feed\n\n# keep me\n[[feed]]\nurl = \"https://c.test/atom\"\ntags = [\"x\"]\n",
    );
    sb.sift()
        .args(["feeds", "add", "https://d.test/feed"])
        .assert()
        .success();
    let toml = sb.feeds_toml();
    assert!(toml.starts_with("# my own list\n\n[[feed]]"), "{toml}");
    assert!(
        toml.contains("url = \"https://b.test/rss\" # the B feed"),
        "{toml}"
    );
    assert!(
        toml.contains("# keep me\n[[feed]]\nurl = \"https://c.test/atom\""),
        "{toml}"
    );
    let (b, c, d) = (
        toml.find("b.test").unwrap(),
        toml.find("c.test").unwrap(),
        toml.find("d.test").unwrap(),
    );
    assert!(b < c && c < d, "order changed:\n{toml}");
    // No header is prepended to a file the user already wrote.
    assert!(!toml.contains("# sift subscriptions."), "{toml}");

    sb.sift()
        .args(["feeds", "remove", "https://b.test/rss"])
        .assert()
        .success()
        .stdout("unsubscribed from https://b.test/rss (0 cached article(s) dropped)\n");
    let toml = sb.feeds_toml();
    assert!(!toml.contains("b.test"), "{toml}");
    assert!(toml.starts_with("# my own list\n"), "{toml}");
    assert!(
        toml.contains("# keep me\n[[feed]]\nurl = \"https://c.test/atom\""),
        "{toml}"
    );
    assert!(toml.contains("url = \"https://d.test/feed\""), "{toml}");
}

#[test]
fn duplicate_is_reported_and_not_added_twice() {
    let sb = Sandbox::new();
    sb.sift()
        .args(["feeds", "add", "https://a.test/feed"])
        .assert()
        .success();
    sb.sift()
        .args(["feeds", "add", "https://A.test/feed"])
        .assert()
        .success()
        .stdout("")
        .stderr("already subscribed to https://a.test/feed; nothing changed\n");
    assert_eq!(sb.feeds_toml().matches("https://a.test/feed").count(), 1);
    let list = stdout_of(sb.sift().args(["feeds", "list", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(1), "{list}");
}

#[test]
fn foreign_schemes_are_refused_with_exit_2() {
    let sb = Sandbox::new();
    for (url, scheme) in [
        ("exec:~/bin/make-feed.sh", "exec"),
        ("filter:~/bin/f.sh:https://a.test/", "filter"),
        ("javascript:alert(1)", "javascript"),
        ("query:Unread:unread = \"yes\"", "query"),
        ("data:text/xml,<rss/>", "data"),
        ("ftp://files.test/feed.xml", "ftp"),
    ] {
        let err = stderr_with_code(sb.sift().args(["feeds", "add", url]), 2);
        let expected = format!(
            "sift: refused `{url}`: sift only subscribes to http, https and file URLs or local paths, not `{scheme}:`"
        );
        assert!(err.starts_with(&expected), "{url}: {err}");
    }
    let err = stderr_with_code(sb.sift().args(["feeds", "add", "exec:ls"]), 2);
    assert!(
        err.contains("(newsboat runs those through a shell; sift never does)"),
        "{err}"
    );
    assert!(!sb.config_dir().join("feeds.toml").exists());
}

#[test]
fn bare_host_suggests_https() {
    let sb = Sandbox::new();
    sb.sift()
        .args(["feeds", "add", "example.com/feed"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "sift: `example.com/feed` has no scheme and is not an existing file; \
             did you mean `https://example.com/feed`?\n",
        );
}

#[test]
fn local_path_is_subscribed_as_a_file_url() {
    let sb = Sandbox::new();
    let path = sb.write("feeds/local.xml", "<rss version=\"2.0\"><channel/></rss>");
    let url = file_url(&path);
    sb.sift()
        .args(["feeds", "add", "feeds/local.xml"])
        .assert()
        .success()
        .stdout(format!(
            "subscribed to {url} (id 1); `sift poll` fetches it\n"
        ));
    assert!(sb.feeds_toml().contains(&format!("url = \"{url}\"")));
}

#[test]
fn remove_by_id_and_by_url() {
    let sb = Sandbox::new();
    for url in ["https://a.test/1", "https://b.test/2", "https://c.test/3"] {
        sb.sift().args(["feeds", "add", url]).assert().success();
    }
    sb.sift()
        .args(["feeds", "remove", "2"])
        .assert()
        .success()
        .stdout("unsubscribed from https://b.test/2 (0 cached article(s) dropped)\n");
    sb.sift()
        .args(["feeds", "remove", "https://c.test/3"])
        .assert()
        .success()
        .stdout("unsubscribed from https://c.test/3 (0 cached article(s) dropped)\n");
    let toml = sb.feeds_toml();
    assert!(toml.contains("https://a.test/1"), "{toml}");
    assert!(
        !toml.contains("b.test") && !toml.contains("c.test"),
        "{toml}"
    );
    let list = stdout_of(sb.sift().args(["feeds", "list", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&list).unwrap();
    let urls: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["url"].as_str())
        .collect();
    assert_eq!(urls, ["https://a.test/1"]);
}

#[test]
fn removing_an_unknown_feed_exits_2() {
    let sb = Sandbox::new();
    sb.sift()
        .args(["feeds", "add", "https://a.test/1"])
        .assert()
        .success();
    for which in ["42", "https://nowhere.test/feed"] {
        sb.sift()
            .args(["feeds", "remove", which])
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "sift: no feed `{which}`; `sift feeds list` shows ids and URLs\n"
            ));
    }
    assert!(sb.feeds_toml().contains("https://a.test/1"));
}

#[test]
fn feeds_list_table_and_json() {
    let sb = Sandbox::new();
    sb.sift()
        .args(["feeds", "list"])
        .assert()
        .success()
        .stdout("no subscriptions yet; add one with `sift feeds add URL` or `sift import FILE`\n");
    sb.sift()
        .args(["feeds", "list", "--json"])
        .assert()
        .success()
        .stdout("[]\n");

    sb.sift()
        .args([
            "feeds",
            "add",
            "https://a.test/feed",
            "--tag",
            "world",
            "--title",
            "Alpha",
        ])
        .assert()
        .success();
    sb.sift()
        .args(["feeds", "add", "https://b.test/feed"])
        .assert()
        .success();
    let table = stdout_of(sb.sift().args(["feeds", "list"]));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(
        lines[0].starts_with("  ID  UNREAD   TOTAL  LAST POLL  TITLE")
            && lines[0].ends_with("STATUS"),
        "{table}"
    );
    assert!(
        lines[1].starts_with("   1       0       0  never      Alpha [world]"),
        "{table}"
    );
    assert!(lines[1].ends_with("not polled yet"), "{table}");
    assert!(
        lines[2].starts_with("   2       0       0  never      https://b.test/feed"),
        "{table}"
    );

    let json = stdout_of(sb.sift().args(["feeds", "list", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &rows[0];
    assert_eq!(first["id"], 1);
    assert_eq!(first["url"], "https://a.test/feed");
    assert_eq!(first["title"], "Alpha");
    assert_eq!(first["tags"], serde_json::json!(["world"]));
    assert_eq!(first["unread"], 0);
    assert_eq!(first["total"], 0);
    assert_eq!(first["status"], "not polled yet");
    assert_eq!(rows[1]["url"], "https://b.test/feed");
    assert_eq!(rows[1]["tags"], serde_json::json!([]));
}

#[test]
fn hostile_title_is_sanitised_before_it_is_stored() {
    let sb = Sandbox::new();
    sb.sift()
        .args([
            "feeds",
            "add",
            "https://a.test/feed",
            "--title",
            "Evil\u{1b}[2J\u{202e}Title",
        ])
        .assert()
        .success();
    let toml = sb.feeds_toml();
    assert!(
        !toml.contains('\u{1b}') && !toml.contains('\u{202e}'),
        "{toml:?}"
    );
    let table = stdout_of(sb.sift().args(["feeds", "list"]));
    assert!(!table.contains('\u{1b}'), "{table:?}");
    assert!(predicate::str::contains("Evil").eval(&table), "{table}");
}

#[test]
fn feeds_edit_changes_title_and_tags_and_keeps_comments() {
    let sb = Sandbox::new();
    sb.write_config(
        "feeds.toml",
        "# my own list\n\n[[feed]]\nurl = \"https://b.test/rss\" # the B feed\ntitle = \"B\"\n\n# keep me\n[[feed]]\nurl = \"https://c.test/atom\"\ntags = [\"x\"]\n",
    );
    let out = stdout_of(sb.sift().args([
        "feeds",
        "edit",
        "https://b.test/rss",
        "--title",
        "B desk",
        "--tag",
        "world",
        "--tag",
        "News",
    ]));
    assert_eq!(out, "feed 1: B desk (tags: world, News)\n");
    let toml = sb.feeds_toml();
    assert!(
        toml.contains(
            "url = \"https://b.test/rss\" # the B feed\ntitle = \"B desk\"\ntags = [\"world\", \"News\"]\n"
        ),
        "{toml}"
    );
    assert!(toml.starts_with("# my own list\n"), "{toml}");
    assert!(toml.contains("# keep me\n[[feed]]"), "{toml}");
    // By id; an empty title gives the feed its own name back.
    let out = stdout_of(
        sb.sift()
            .args(["feeds", "edit", "2", "--no-tags", "--title", ""]),
    );
    assert_eq!(out, "feed 2: https://c.test/atom (no tags)\n");
    let toml = sb.feeds_toml();
    assert!(
        toml.ends_with("[[feed]]\nurl = \"https://c.test/atom\"\n"),
        "{toml}"
    );
    // The cache has the change at once.
    let list = stdout_of(sb.sift().args(["feeds", "list"]));
    let row = list.lines().find(|l| l.contains("B desk [")).expect(&list);
    assert!(row.contains("world") && row.contains("News"), "{list}");
}

#[test]
fn feeds_edit_without_a_change_or_a_feed_exits_2() {
    let sb = Sandbox::new();
    sb.write_config("feeds.toml", "[[feed]]\nurl = \"https://b.test/rss\"\n");
    let err = stderr_with_code(sb.sift().args(["feeds", "edit", "1"]), 2);
    assert!(err.contains("nothing to change"), "{err}");
    let err = stderr_with_code(
        sb.sift()
            .args(["feeds", "edit", "https://nope.test/", "--title", "x"]),
        2,
    );
    assert!(err.contains("no feed `https://nope.test/`"), "{err}");
    assert_eq!(sb.feeds_toml(), "[[feed]]\nurl = \"https://b.test/rss\"\n");
}

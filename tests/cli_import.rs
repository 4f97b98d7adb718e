//! `sift import` (OPML and newsboat-style URL lists) and `sift export --opml`.

mod cli_support;

use cli_support::{Sandbox, stderr_with_code, stdout_of};
use serde_json::Value;

/// (url, title, tags) of every subscription, sorted by URL.
fn subscriptions(sb: &Sandbox, config: &str, data: &str) -> Vec<(String, Value, Value)> {
    let json = stdout_of(
        sb.sift_in(&sb.root().join(config), &sb.root().join(data))
            .args(["feeds", "list", "--json"]),
    );
    let rows: Value = serde_json::from_str(&json).expect("feeds list --json is JSON");
    let mut out: Vec<(String, Value, Value)> = rows
        .as_array()
        .expect("an array")
        .iter()
        .map(|r| {
            (
                r["url"].as_str().unwrap_or_default().to_owned(),
                r["title"].clone(),
                tag_set(&r["tags"]),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Tags compared as a set: the cache does not promise their order
/// (feeds.toml does, and is checked separately).
fn tag_set(tags: &Value) -> Value {
    let mut tags: Vec<String> = tags
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    tags.sort_unstable();
    Value::from(tags)
}

fn sub(url: &str, title: Option<&str>, tags: &[&str]) -> (String, Value, Value) {
    (
        url.to_owned(),
        title.map_or(Value::Null, Value::from),
        tag_set(&Value::from(tags.to_vec())),
    )
}

#[test]
fn opml_folders_nesting_categories_and_duplicates_become_tags() {
    let sb = Sandbox::new();
    sb.fixture("subscriptions.opml");
    sb.sift()
        .args(["import", "subscriptions.opml"])
        .assert()
        .success()
        .stdout("imported 4 feed(s); 0 already subscribed, 0 refused\n")
        .stderr("");
    assert_eq!(
        subscriptions(&sb, "config", "data"),
        vec![
            sub("http://plain.test/feed", Some("No folder"), &[]),
            sub(
                "https://europa.test/rss.xml",
                Some("Café Europa"),
                &["World", "Europe"]
            ),
            sub(
                "https://tech.test/atom",
                Some("Loose Tech"),
                &["tech", "science"]
            ),
            // Listed twice (two folders, one with a category): one
            // subscription carrying every tag, titled by its first listing.
            sub(
                "https://theweek.test/feeds/world-news",
                Some("The Week & World"),
                &["World", "Elsewhere", "news"]
            ),
        ]
    );
    let toml = sb.feeds_toml();
    // feeds.toml keeps the tags in the order they were found.
    assert!(
        toml.contains("tags = [\"World\", \"Elsewhere\", \"news\"]"),
        "{toml}"
    );
    assert!(toml.contains("tags = [\"World\", \"Europe\"]"), "{toml}");
    assert_eq!(toml.matches("\n[[feed]]\n").count(), 4, "{toml}");
    // File order follows the OPML.
    let week = toml.find("theweek.test").unwrap();
    let plain = toml.find("plain.test").unwrap();
    assert!(week < plain, "{toml}");
}

#[test]
fn importing_again_reports_duplicates_and_adds_nothing() {
    let sb = Sandbox::new();
    sb.fixture("subscriptions.opml");
    sb.sift()
        .args(["import", "subscriptions.opml"])
        .assert()
        .success();
    let before = sb.feeds_toml();
    let out = sb
        .sift()
        .args(["import", "subscriptions.opml"])
        .assert()
        .success()
        .stdout("imported 0 feed(s); 4 already subscribed, 0 refused\n")
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "subscriptions.opml:8: already subscribed to https://theweek.test/feeds/world-news",
            "subscriptions.opml:10: already subscribed to https://europa.test/rss.xml",
            "subscriptions.opml:13: already subscribed to https://tech.test/atom",
            "subscriptions.opml:17: already subscribed to http://plain.test/feed",
        ]
    );
    assert_eq!(sb.feeds_toml(), before);
}

#[test]
fn newsboat_url_list_with_refused_lines_exits_1_naming_file_and_line() {
    let sb = Sandbox::new();
    sb.fixture("newsboat-urls");
    let assert = sb
        .sift()
        .args(["import", "newsboat-urls"])
        .assert()
        .code(1)
        .stdout("imported 3 feed(s); 0 already subscribed, 2 refused\n");
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with(
            "newsboat-urls:5: refused `query:Unread Articles:unread = \"yes\"`: \
             sift only subscribes to http, https and file URLs or local paths, not `query:`"
        ),
        "{err}"
    );
    assert!(
        lines[1].starts_with(
            "newsboat-urls:6: refused `exec:~/bin/make-feed.sh`: \
             sift only subscribes to http, https and file URLs or local paths, not `exec:`"
        ),
        "{err}"
    );
    // Feeds without `~title` have no title until polled (null in JSON).
    assert_eq!(
        subscriptions(&sb, "config", "data"),
        vec![
            sub("http://c.test/x#frag", None, &["tech"]),
            sub("https://a.test/feed", None, &["world", "foreign policy"]),
            sub("https://b.test/rss", Some("B News"), &[]),
        ]
    );
    let toml = sb.feeds_toml();
    assert!(
        !toml.contains("exec:") && !toml.contains("query:"),
        "{toml}"
    );
    assert!(
        toml.contains("url = \"https://b.test/rss\"\ntitle = \"B News\"\n"),
        "{toml}"
    );
    assert!(
        toml.contains("url = \"https://a.test/feed\"\ntags = [\"world\", \"foreign policy\"]\n"),
        "{toml}"
    );
}

#[test]
fn export_opml_reimports_identically_into_a_fresh_config() {
    let sb = Sandbox::new();
    sb.fixture("subscriptions.opml");
    sb.fixture("newsboat-urls");
    sb.sift()
        .args(["import", "subscriptions.opml"])
        .assert()
        .success();
    sb.sift().args(["import", "newsboat-urls"]).assert().code(1);
    sb.sift()
        .args([
            "feeds",
            "add",
            "https://q.test/a?x=1&y=2",
            "--title",
            "Quotes \"&\" <angles>",
        ])
        .assert()
        .success();
    let exported = stdout_of(sb.sift().args(["export", "--opml"]));
    assert!(
        exported.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"),
        "{exported}"
    );
    assert!(
        exported.contains("xmlUrl=\"https://q.test/a?x=1&amp;y=2\""),
        "{exported}"
    );
    sb.write("exported.opml", &exported);

    sb.sift_in(
        &sb.root().join("fresh-config"),
        &sb.root().join("fresh-data"),
    )
    .args(["import", "exported.opml"])
    .assert()
    .success()
    .stdout("imported 8 feed(s); 0 already subscribed, 0 refused\n");

    let original = subscriptions(&sb, "config", "data");
    assert_eq!(original.len(), 8);
    // Untitled feeds stay untitled (exported under their URL, which is
    // not taken back as a title).
    assert!(
        original
            .iter()
            .any(|(url, title, _)| url == "https://a.test/feed" && title.is_null())
    );
    assert_eq!(subscriptions(&sb, "fresh-config", "fresh-data"), original);
    // And exporting the copy gives the same document.
    let again = stdout_of(
        sb.sift_in(
            &sb.root().join("fresh-config"),
            &sb.root().join("fresh-data"),
        )
        .args(["export", "--opml"]),
    );
    assert_eq!(again, exported);
}

#[test]
fn unreadable_and_broken_imports_exit_2() {
    let sb = Sandbox::new();
    let err = stderr_with_code(sb.sift().args(["import", "missing.opml"]), 2);
    assert!(err.starts_with("sift: cannot read missing.opml: "), "{err}");

    sb.write(
        "broken.opml",
        "<opml><body>\n<outline xmlUrl=\"https://a.test/\"/>\n<outline xmlUrl=\"x",
    );
    let err = stderr_with_code(sb.sift().args(["import", "broken.opml"]), 2);
    assert!(err.starts_with("sift: broken.opml: line "), "{err}");
    assert!(err.contains("invalid OPML"), "{err}");

    sb.write("binary.txt", [0xff_u8, 0xfe, 0x00, 0x41]);
    sb.sift()
        .args(["import", "binary.txt"])
        .assert()
        .code(2)
        .stderr("sift: binary.txt: the file is not text (UTF-8)\n");
    assert!(!sb.config_dir().join("feeds.toml").exists());
}

//! What one poll may bring in: at most 1,000 new articles per feed, titles
//! of at most 1,000 characters, summaries and contents of at most 1 MiB,
//! cut cleanly and noted. Through the real poller (`sift poll` of a file).

mod cli_support;

use cli_support::{Sandbox, stdout_of};

/// An RSS feed of `items` items; the first has a 5,000-character title and
/// a 1.5 MiB body. Written at test time: 1.5 MiB is no fixture to commit.
fn huge_feed(items: usize) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Huge</title>\n",
    );
    let long_title = "Ω".repeat(5000);
    let paragraph = "<p>Ünïcödé words to fill a long article body.</p>\n";
    let big_body: String = paragraph.repeat(1536 * 1024 / paragraph.len());
    xml.push_str(&format!(
        "<item><guid>big</guid><title>{long_title}</title><link>https://huge.test/big</link>\
         <pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate>\
         <description><![CDATA[{big_body}]]></description></item>\n"
    ));
    for i in 1..items {
        xml.push_str(&format!(
            "<item><guid>g{i}</guid><title>Item {i}</title><link>https://huge.test/{i}</link>\
             <pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate></item>\n"
        ));
    }
    xml.push_str("</channel></rss>\n");
    xml
}

#[test]
fn one_poll_keeps_at_most_1000_items_and_caps_titles_and_bodies() {
    let sb = Sandbox::new();
    sb.write_config(
        "config.toml",
        "[cache]\nkeep_days = 1000000\nkeep_per_feed = 100000\n",
    );
    sb.write("huge.xml", huge_feed(1500));
    sb.sift()
        .args(["feeds", "add", "huge.xml"])
        .assert()
        .success();
    let out = stdout_of(sb.sift().arg("poll"));
    assert!(out.contains("1000 new articles"), "{out}");
    assert!(out.contains("kept the first 1000 of 1500 items"), "{out}");

    let count = stdout_of(sb.sift().args(["list", "--count", "--all"]));
    assert_eq!(count.trim(), "1000");

    let json = stdout_of(sb.sift().args(["show", "1", "--json"]));
    let article: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let title = article["title"].as_str().expect("a title");
    assert_eq!(
        title.chars().count(),
        1001,
        "1,000 characters and an ellipsis"
    );
    assert!(title.ends_with("Ω…"));
    let body = article["summary"]
        .as_str()
        .or(article["content"].as_str())
        .expect("a body");
    assert!(body.len() <= 1024 * 1024, "{} bytes", body.len());
    assert!(body.len() > 1000 * 1024, "cut near 1 MiB, not before");
    assert!(
        body.ends_with("<p>note: content cut at 1 MiB</p>"),
        "{}",
        &body[body.len() - 200..]
    );
    // Not cut inside a tag: the last `<` before the note is closed.
    let kept = body.trim_end_matches("\n<p>note: content cut at 1 MiB</p>");
    let last_open = kept.rfind('<').expect("tags");
    assert!(kept[last_open..].contains('>'), "{}", &kept[last_open..]);

    let shown = stdout_of(sb.sift().args(["show", "1", "--raw"]));
    assert!(
        shown.contains("note: content cut at 1 MiB"),
        "the note is visible"
    );
    let shown = stdout_of(sb.sift().args(["show", "1"]));
    assert!(
        shown.contains("note: content cut at 1 MiB"),
        "the cleaner keeps the note: {}",
        &shown[shown.len().saturating_sub(300)..]
    );
}

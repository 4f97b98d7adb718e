//! Issue 15 through the CLI: `sift parse --json` says which reader read a
//! feed, and a WordPress summary's references are decoded once in `show`,
//! the briefing and search.

mod cli_support;

use cli_support::{Sandbox, file_url, stdout_of};
use serde_json::Value;

fn parse_json(sb: &Sandbox, file: &str) -> Value {
    let out = stdout_of(sb.sift().args(["parse", "--json", file]));
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

#[test]
fn parse_json_names_the_reader() {
    let sb = Sandbox::new();
    sb.fixture("theweek-style-feed.xml");
    assert_eq!(
        parse_json(&sb, "theweek-style-feed.xml")["parser"],
        "feed-rs"
    );
    // feed-rs refuses a text/plain Atom title; the lenient reader reads it.
    sb.fixture("atom-text-plain.xml");
    let parsed = parse_json(&sb, "atom-text-plain.xml");
    assert_eq!(parsed["parser"], "lenient");
    assert_eq!(parsed["title"], "Plain & simple");
    assert_eq!(parsed["items"][0]["title"], "1 < 2");
    assert_eq!(parsed["items"][0]["content"], "Fish &amp; chips");
}

/// The WordPress fixture polled and its one article starred.
fn polled_wordpress() -> Sandbox {
    let sb = Sandbox::new();
    let path = sb.fixture("wordpress-entities.xml");
    stdout_of(sb.sift().args(["feeds", "add", &file_url(&path)]));
    stdout_of(sb.sift().args(["poll", "--no-full-text"]));
    sb
}

#[test]
fn wordpress_references_are_decoded_once_everywhere() {
    let sb = polled_wordpress();
    let meant = "The minister’s plan for Smith & Sons …";
    let shown = stdout_of(sb.sift().args(["show", "1"]));
    assert!(shown.contains(meant), "{shown}");
    assert!(!shown.contains("&#8217;"), "{shown}");

    let listed: Value =
        serde_json::from_str(&stdout_of(sb.sift().args(["list", "--json"]))).unwrap();
    assert_eq!(listed[0]["title"], "The minister’s plan");

    let found: Value = serde_json::from_str(&stdout_of(sb.sift().args([
        "list",
        "--json",
        "--query",
        "minister’s Sons",
    ])))
    .unwrap();
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");

    stdout_of(sb.sift().args(["mark", "1", "--star"]));
    let briefing = stdout_of(sb.sift().args(["export", "--starred"]));
    // Markdown escapes the ampersand; the references are decoded.
    assert!(
        briefing.contains("The minister’s plan for Smith \\& Sons …"),
        "{briefing}"
    );
    assert!(!briefing.contains("&#8"), "{briefing}");
}

#[test]
fn untitled_items_are_listed_by_their_first_words_or_their_link() {
    let sb = Sandbox::new();
    let path = sb.fixture("jsonfeed-untitled.json");
    stdout_of(sb.sift().args(["feeds", "add", &file_url(&path)]));
    stdout_of(sb.sift().args(["poll", "--no-full-text"]));
    let listed: Value =
        serde_json::from_str(&stdout_of(sb.sift().args(["list", "--json"]))).unwrap();
    assert_eq!(
        listed[0]["title"],
        "Spent the morning reading the draft treaty on river water shares, and the annex…"
    );
    assert_eq!(listed[0]["title_derived"], true);
    assert_eq!(listed[1]["title"], "https://micro.test/2");
    assert_eq!(listed[1]["title_derived"], true);
    let table = stdout_of(sb.sift().args(["list"]));
    assert!(table.contains("~ Spent the morning"), "{table}");
}

#[test]
fn feeds_list_json_names_the_reader_of_each_feed() {
    let sb = Sandbox::new();
    for name in ["wordpress-entities.xml", "atom-text-plain.xml"] {
        let path = sb.fixture(name);
        stdout_of(sb.sift().args(["feeds", "add", &file_url(&path)]));
    }
    stdout_of(sb.sift().args(["poll", "--no-full-text"]));
    let feeds: Value =
        serde_json::from_str(&stdout_of(sb.sift().args(["feeds", "list", "--json"]))).unwrap();
    let mut parsers: Vec<(&str, &str)> = feeds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let title = f["title"].as_str().unwrap_or("?");
            (title, f["parser"].as_str().unwrap_or("none"))
        })
        .collect();
    parsers.sort();
    assert_eq!(
        parsers,
        [
            ("Plain & simple", "lenient"),
            ("WordPress shape", "feed-rs")
        ]
    );
}

#[test]
fn enclosures_in_parse_json_show_and_show_json() {
    let sb = Sandbox::new();
    let path = sb.fixture("podcast-enclosures.xml");
    let parsed = parse_json(&sb, "podcast-enclosures.xml");
    assert_eq!(
        parsed["items"][0]["enclosures"],
        serde_json::json!([{
            "url": "https://pod.test/ep1.mp3",
            "type": "audio/mpeg",
            "length": 12_345_678
        }])
    );
    stdout_of(sb.sift().args(["feeds", "add", &file_url(&path)]));
    stdout_of(sb.sift().args(["poll", "--no-full-text"]));
    let listed: Value =
        serde_json::from_str(&stdout_of(sb.sift().args(["list", "--json"]))).unwrap();
    let id_of = |title: &str| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["title"] == title)
            .map(|r| r["id"].to_string())
            .unwrap()
    };
    let episode = id_of("Episode 1");
    let shown = stdout_of(sb.sift().args(["show", &episode]));
    assert!(
        shown.contains("enclosure 1: https://pod.test/ep1.mp3 (audio/mpeg, 12.3 MB)"),
        "{shown}"
    );
    let video = id_of("Video 2");
    let shown = stdout_of(sb.sift().args(["show", &video]));
    assert!(
        shown.contains("enclosure 2: https://pod.test/v2-sd.mp4"),
        "{shown}"
    );
    // The body has no image: the thumbnail stands in for one.
    assert!(shown.contains("image: https://pod.test/v2.jpg"), "{shown}");
    let json: Value =
        serde_json::from_str(&stdout_of(sb.sift().args(["show", "--json", &video]))).unwrap();
    assert_eq!(json["enclosures"][0]["duration"], 125);
    assert_eq!(json["enclosures"][2]["thumbnail"], true);
}

/// feed-rs keeps an item's enclosure only when its Media RSS content has
/// none: an item with its audio beside a cover image is read whole.
#[test]
fn an_enclosure_beside_media_content_is_kept() {
    let sb = Sandbox::new();
    sb.fixture("podcast-enclosure-and-media.xml");
    let parsed = parse_json(&sb, "podcast-enclosure-and-media.xml");
    let urls = |i: usize| -> Vec<String> {
        parsed["items"][i]["enclosures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["url"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(
        urls(0).contains(&"https://cover.test/ep1.mp3".to_owned()),
        "{:?}",
        urls(0)
    );
    assert!(
        urls(0).contains(&"https://cover.test/ep1.jpg".to_owned()),
        "{:?}",
        urls(0)
    );
    assert_eq!(urls(1), ["https://cover.test/ep2.mp3"]);
    assert_eq!(parsed["items"][0]["title"], "Episode 1");
}

#[test]
fn json_feed_attachment_durations_in_parse_json_show_and_show_json() {
    let sb = Sandbox::new();
    let path = sb.fixture("podcast-attachments.json");
    let parsed = parse_json(&sb, "podcast-attachments.json");
    assert_eq!(
        parsed["items"][0]["enclosures"],
        serde_json::json!([
            {
                "url": "https://jpod.test/ep7.mp3",
                "type": "audio/mpeg",
                "length": 52_000_000,
                "duration": 3723
            },
            {
                "url": "https://jpod.test/ep7.vtt",
                "type": "text/vtt",
                "length": null,
                "title": "Transcript"
            }
        ])
    );
    stdout_of(sb.sift().args(["feeds", "add", &file_url(&path)]));
    stdout_of(sb.sift().args(["poll", "--no-full-text"]));
    let listed: Value =
        serde_json::from_str(&stdout_of(sb.sift().args(["list", "--json"]))).unwrap();
    let id = listed[0]["id"].to_string();
    let shown = stdout_of(sb.sift().args(["show", &id]));
    assert!(
        shown.contains("enclosure 1: https://jpod.test/ep7.mp3 (audio/mpeg, 52.0 MB, 1:02:03)"),
        "{shown}"
    );
    assert!(
        shown.contains("enclosure 2: https://jpod.test/ep7.vtt (text/vtt) Transcript"),
        "{shown}"
    );
    let json: Value =
        serde_json::from_str(&stdout_of(sb.sift().args(["show", "--json", &id]))).unwrap();
    assert_eq!(json["enclosures"][0]["duration"], 3723);
    assert_eq!(json["enclosures"][1].get("duration"), None);
}

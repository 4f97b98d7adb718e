//! Enclosures read by both paths (feed-rs, and the lenient reader forced
//! on the same files) from fixtures written from the RSS 2.0, Media RSS,
//! RFC 4287 and JSON Feed 1.1 specifications.

use crate::feed::{parse_feed, parse_feed_lenient};
use crate::model::{Enclosure, ParsedFeed};

const BASE: &str = "https://feeds.test/feed.xml";

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../../tests/fixtures/feeds/media/", $name))
    };
}

fn both(bytes: &[u8]) -> [ParsedFeed; 2] {
    [
        parse_feed(bytes, Some(BASE)).expect("feed-rs path"),
        parse_feed_lenient(bytes, Some(BASE)).expect("lenient path"),
    ]
}

fn audio(url: &str, mime: &str, length: u64) -> Enclosure {
    Enclosure {
        url: url.into(),
        mime_type: Some(mime.into()),
        length: Some(length),
        ..Enclosure::default()
    }
}

#[test]
fn rss_enclosure_and_media_group_with_thumbnail() {
    for feed in both(fixture!("rss-enclosures.xml")) {
        let which = feed.parser;
        assert_eq!(
            feed.items[0].enclosures,
            [audio("https://pod.test/ep1.mp3", "audio/mpeg", 12_345_678)],
            "{which:?}"
        );
        let video = &feed.items[1].enclosures;
        let urls: Vec<(&str, bool)> = video
            .iter()
            .map(|e| (e.url.as_str(), e.thumbnail))
            .collect();
        assert_eq!(
            urls,
            [
                ("https://pod.test/v2-hd.mp4", false),
                ("https://pod.test/v2-sd.mp4", false),
                ("https://pod.test/v2.jpg", true),
            ],
            "{which:?}"
        );
        assert_eq!(video[0].duration, Some(125), "{which:?}");
        assert_eq!(video[0].length, Some(90_000_000), "{which:?}");
        assert_eq!(video[0].title.as_deref(), Some("Two sizes"), "{which:?}");
    }
}

#[test]
fn atom_enclosure_link_resolves_and_is_not_the_article_link() {
    for feed in both(fixture!("atom-enclosure.xml")) {
        let item = &feed.items[0];
        assert_eq!(item.link.as_deref(), Some("https://casts.test/1"));
        let mut expected = audio("https://feeds.test/media/1.ogg", "audio/ogg", 4200);
        expected.title = Some("Ogg version".into());
        assert_eq!(item.enclosures, [expected], "{:?}", feed.parser);
    }
}

#[test]
fn json_feed_attachments() {
    let feed = parse_feed(fixture!("jsonfeed-attachments.json"), Some(BASE)).unwrap();
    let item = &feed.items[0];
    assert_eq!(item.link.as_deref(), Some("https://json.test/1"));
    let mut expected = audio("https://json.test/1.m4a", "audio/x-m4a", 89_970_236);
    expected.duration = Some(6629);
    assert_eq!(item.enclosures, [expected]);
}

#[test]
fn json_feed_durations_pair_by_item_and_url() {
    let feed = parse_feed(fixture!("jsonfeed-durations.json"), Some(BASE)).unwrap();
    assert!(
        !feed.repairs.is_empty(),
        "the stray item sends it to the repair"
    );
    let durations: Vec<Vec<(&str, Option<u64>)>> = feed
        .items
        .iter()
        .map(|i| {
            i.enclosures
                .iter()
                .map(|e| (e.url.as_str(), e.duration))
                .collect()
        })
        .collect();
    assert_eq!(
        durations,
        [
            vec![
                ("https://json.test/d1.mp3", Some(3600)),
                ("https://json.test/d1.vtt", None),
            ],
            vec![("https://feeds.test/media/d2.m4a", Some(91))],
            vec![
                ("https://json.test/d3a.mp3", None),
                ("https://json.test/d3b.mp3", None),
            ],
            vec![("https://json.test/d1.mp3", Some(1800))],
        ]
    );
}

#[test]
fn media_descriptions_in_groups_and_contents_are_the_summary_on_both_paths() {
    for feed in both(fixture!("media-group-descriptions.xml")) {
        let summaries: Vec<Option<&str>> =
            feed.items.iter().map(|i| i.summary.as_deref()).collect();
        assert_eq!(
            summaries,
            [
                Some("Two sizes of the same clip."),
                Some("<p>Gulls &amp; boats</p>")
            ],
            "{:?}",
            feed.parser
        );
    }
    // A video channel's entries carry their only text in the group.
    for feed in both(fixture!("atom-media-group.xml")) {
        let item = &feed.items[0];
        assert_eq!(
            item.summary.as_deref(),
            Some("Filmed from the north pier before sunrise."),
            "{:?}",
            feed.parser
        );
        assert_eq!(item.link.as_deref(), Some("https://avc.test/watch/1"));
    }
}

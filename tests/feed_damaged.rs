//! Damaged documents (issue 15, session 18): one test per general cause
//! the damage survey (`tests/fixtures/feeds/sweep/damage.py`) found,
//! each on a feed written here from the specifications and damaged the
//! way real files are.

use sift::feed::parse_feed;
use sift::model::ParsedFeed;

fn parse(doc: &[u8]) -> ParsedFeed {
    parse_feed(doc, None).unwrap_or_else(|e| panic!("refused: {e}"))
}

fn titles(feed: &ParsedFeed) -> Vec<&str> {
    feed.items.iter().map(|i| i.title.as_str()).collect()
}

const RSS_HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" \
    xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Chan</title>";

fn rss_item(n: u32, body: &str) -> String {
    format!(
        "<item><title>T{n}</title><link>https://f.test/{n}</link>\
         <content:encoded>{body}</content:encoded></item>"
    )
}

#[test]
fn a_cdata_section_left_open_does_not_swallow_the_next_item() {
    // Well-formed XML after all: the open section ends at the next
    // section's `]]>`, so a strict parser reads two items of three.
    let doc = format!(
        "{RSS_HEAD}{}{}{}</channel></rss>",
        rss_item(1, "<![CDATA[<p>one</p>"),
        rss_item(2, "<![CDATA[<p>two</p>]]>"),
        rss_item(3, "<![CDATA[<p>three</p>]]>"),
    );
    let feed = parse(doc.as_bytes());
    assert_eq!(titles(&feed), ["T1", "T2", "T3"]);
    assert_eq!(feed.items[0].content.as_deref(), Some("<p>one</p>"));
    assert_eq!(feed.items[1].content.as_deref(), Some("<p>two</p>"));
}

#[test]
fn legacy_entity_names_without_semicolon_read_as_browsers_read_them() {
    // `&amp Sons` is not XML: the repair reads the legacy name as a
    // reference, as a browser would; `AT&amp;T` is decoded once.
    let doc = format!(
        "{RSS_HEAD}<item><title>Smith &amp Sons&nbsp;&copy 2026 AT&amp;T</title>\
         <link>https://f.test/1</link><description>Fish &amp;amp chips</description>\
         </item></channel></rss>"
    );
    let feed = parse(doc.as_bytes());
    assert_eq!(feed.items[0].title, "Smith & Sons \u{a9} 2026 AT&T");
    // A tag-less summary: stored as HTML, whose reader sees `&amp chips`.
    assert_eq!(
        sift::text::html_to_plain(feed.items[0].summary.as_deref().unwrap()),
        "Fish & chips"
    );
}

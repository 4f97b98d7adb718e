//! Which value a forgiving reader gives a field (issue 15, session 21;
//! `tests/fixtures/feeds/sweep/fields.py` sweeps more): relative
//! references in bodies under `xml:base`, an XHTML body beside a
//! description, windows-1252 numbers in HTML bodies.

use super::*;
use crate::model::Parser;

fn parse(doc: &str) -> ParsedFeed {
    parse_feed(doc.as_bytes(), Some("https://f.test/feed.xml")).unwrap()
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

#[test]
fn relative_references_in_atom_bodies_resolve_against_the_stacked_xml_base() {
    let doc = format!(
        "<feed xmlns=\"{ATOM}\" xml:base=\"https://b.test/a/\"><title>F</title>\
         <entry xml:base=\"e/\"><title>T</title><id>urn:1</id><link href=\"1\"/>\
         <summary type=\"html\">&lt;img src=\"i.png\"&gt; Sum</summary>\
         <content type=\"html\" xml:base=\"c/\">&lt;a href=\"../x?q=1&amp;amp;r=2\"&gt;X&lt;/a&gt;</content>\
         </entry><entry xml:base=\"https://c.test/\"><title>U</title><id>urn:2</id>\
         <content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\" xml:base=\"d/\">\
         <a href=\"y\">Y</a> <a href=\"https://z.test/\">Z</a></div></content></entry></feed>"
    );
    let feed = parse(&doc);
    assert_eq!(feed.parser, Parser::Lenient);
    let (one, two) = (&feed.items[0], &feed.items[1]);
    assert_eq!(one.link.as_deref(), Some("https://b.test/a/e/1"));
    assert_eq!(
        one.summary.as_deref(),
        Some("<img src=\"https://b.test/a/e/i.png\"> Sum")
    );
    assert_eq!(
        one.content.as_deref(),
        Some("<a href=\"https://b.test/a/e/x?q=1&amp;r=2\">X</a>")
    );
    let content = two.content.as_deref().unwrap();
    assert!(content.contains("href=\"https://c.test/d/y\""), "{content}");
    assert!(content.contains("href=\"https://z.test/\""), "{content}");
}

#[test]
fn relative_references_in_rss_bodies_resolve_only_under_an_xml_base() {
    let rss = |root: &str| {
        format!(
            "<rss version=\"2.0\"{root}><channel><title>C</title><link>https://r.test/</link>\
             <item><title>I</title><link>https://r.test/1</link>\
             <description>&lt;a href=\"p/x.html\"&gt;X&lt;/a&gt;</description></item></channel></rss>"
        )
    };
    let based = parse(&rss(" xml:base=\"https://b.test/r/\""));
    assert_eq!(
        based.items[0].summary.as_deref(),
        Some("<a href=\"https://b.test/r/p/x.html\">X</a>")
    );
    // Without one the body stays as written (the reader resolves it
    // against the article's page), and feed-rs's reading stands.
    let plain = parse(&rss(""));
    assert_eq!(plain.parser, Parser::FeedRs);
    assert_eq!(
        plain.items[0].summary.as_deref(),
        Some("<a href=\"p/x.html\">X</a>")
    );
}

#[test]
fn an_xhtml_body_beside_a_description_is_the_content() {
    let doc = "<rss version=\"2.0\"><channel><title>C</title><link>https://r.test/</link>\
         <item><title>I</title><link>https://r.test/1</link><description>Lead</description>\
         <body xmlns=\"http://www.w3.org/1999/xhtml\"><p>Whole text</p></body></item></channel></rss>";
    let feed = parse(doc);
    let item = &feed.items[0];
    assert_eq!(item.summary.as_deref(), Some("Lead"));
    assert_eq!(item.content.as_deref(), Some("<p>Whole text</p>"));
}

#[test]
fn windows_1252_numbers_in_html_bodies_are_its_characters() {
    for body in [
        "<![CDATA[It&#146;s A &#150; B]]>",
        "It&amp;#146;s A &amp;#x96; B",
    ] {
        let doc = format!(
            "<rss version=\"2.0\"><channel><title>C</title><link>https://r.test/</link>\
             <item><title>I</title><link>https://r.test/1</link><description>{body}</description>\
             </item></channel></rss>"
        );
        let feed = parse(&doc);
        assert_eq!(
            feed.items[0].summary.as_deref(),
            Some("It\u{2019}s A \u{2013} B"),
            "{body}"
        );
    }
}

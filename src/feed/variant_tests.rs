//! The same features written another legal or common way (issue 15,
//! session 20; `tests/fixtures/feeds/sweep/variants.py` sweeps more):
//! letter case in names and MIME types, permalink flags spelled loosely,
//! XHTML bodies in RSS items, UTF-32.

use super::*;
use crate::model::Parser;

fn parse(doc: &str) -> ParsedFeed {
    parse_feed(doc.as_bytes(), None).unwrap()
}

fn rss_item(item: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>C</title>\
         <link>https://r.test/</link><description>D</description>{item}</channel></rss>"
    )
}

fn plain(html: Option<&str>) -> String {
    crate::text::html_to_plain(html.unwrap_or_default())
}

#[test]
fn an_atom_mime_type_in_capitals_is_the_same_type() {
    for t in ["TEXT/HTML", "text/HTML; charset=UTF-8", "Text/Html"] {
        let doc = format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><entry><title>T</title>\
             <id>urn:1</id><content type=\"{t}\">&lt;b&gt;Bold&lt;/b&gt; move</content></entry></feed>"
        );
        let feed = parse(&doc);
        assert_eq!(plain(feed.items[0].content.as_deref()), "Bold move", "{t}");
    }
}

#[test]
fn rss_names_in_another_case_send_the_document_to_the_lenient_reader() {
    // feed-rs reads `<item>` only as written and finds no item here.
    let feed = parse(&rss_item(
        "<Item><Title>I</Title><Link>https://r.test/1</Link><Description>D1</Description></Item>",
    ));
    assert_eq!(feed.parser, Parser::Lenient);
    assert_eq!(feed.items.len(), 1);
    assert_eq!(feed.items[0].title, "I");
    assert_eq!(feed.items[0].link.as_deref(), Some("https://r.test/1"));
}

#[test]
fn a_permalink_flag_in_any_spelling_is_read() {
    for guid in [
        "<guid ispermalink=\"false\">https://r.test/g</guid>",
        "<guid isPermalink='false'>https://r.test/g</guid>",
        "<guid ISPERMALINK=\"FALSE\">https://r.test/g</guid>",
        "<guid isPermaLink = \" false \">https://r.test/g</guid>",
    ] {
        let feed = parse(&rss_item(&format!("<item><title>I</title>{guid}</item>")));
        assert_eq!(feed.items[0].link, None, "{guid}");
        assert_eq!(feed.items[0].guid, "https://r.test/g");
    }
}

#[test]
fn a_guid_with_its_scheme_in_capitals_is_a_web_address() {
    let feed = parse(&rss_item(
        "<item><title>I</title><guid>HTTPS://R.TEST/g</guid></item>",
    ));
    assert_eq!(feed.items[0].link.as_deref(), Some("https://r.test/g"));
}

#[test]
fn an_xhtml_body_in_an_rss_item_is_its_text() {
    for body in [
        "<body xmlns=\"http://www.w3.org/1999/xhtml\"><p>Full <b>xhtml</b> body</p></body>",
        "<xhtml:body xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"><xhtml:p>Full xhtml body</xhtml:p></xhtml:body>",
        "<xhtml:div xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">Full xhtml body</xhtml:div>",
    ] {
        let feed = parse(&rss_item(&format!(
            "<item><title>I</title><link>https://r.test/1</link>{body}</item>"
        )));
        let item = &feed.items[0];
        let text = plain(item.content.as_deref().or(item.summary.as_deref()));
        assert_eq!(text, "Full xhtml body", "{body}");
    }
    // Beside a description the description still reads (feed-rs's path).
    let feed = parse(&rss_item(
        "<item><title>I</title><link>https://r.test/1</link><description>Short</description>\
         <body xmlns=\"http://www.w3.org/1999/xhtml\"><p>Long</p></body></item>",
    ));
    assert_eq!(feed.items[0].summary.as_deref(), Some("Short"));
}

#[test]
fn a_utf32_feed_is_read() {
    let doc = rss_item("<item><title>Ünï 中文</title><link>https://r.test/1</link></item>")
        .replace(
            "<?xml version=\"1.0\"?>",
            "<?xml version=\"1.0\" encoding=\"UTF-32\"?>",
        );
    for big_endian in [false, true] {
        for bom in [false, true] {
            let mut bytes = Vec::new();
            for c in std::iter::once('\u{feff}')
                .filter(|_| bom)
                .chain(doc.chars())
            {
                let n = c as u32;
                bytes.extend(if big_endian {
                    n.to_be_bytes()
                } else {
                    n.to_le_bytes()
                });
            }
            let feed = parse_feed(&bytes, None).unwrap();
            assert_eq!(feed.title.as_deref(), Some("C"));
            assert_eq!(feed.items[0].title, "Ünï 中文", "{big_endian} {bom}");
        }
    }
}

#[test]
fn bodies_feed_rs_does_not_read_in_an_rss_item_are_read() {
    for (root_ns, body) in [
        // The content module's URI written without its last slash.
        (
            " xmlns:content=\"http://purl.org/rss/1.0/modules/content\"",
            "<content:encoded><![CDATA[<p>Full text</p>]]></content:encoded>",
        ),
        (
            " xmlns:atom=\"http://www.w3.org/2005/Atom\"",
            "<atom:summary type=\"html\">&lt;p&gt;Full text&lt;/p&gt;</atom:summary>",
        ),
        (
            " xmlns:atom=\"http://www.w3.org/2005/Atom\"",
            "<atom:content type=\"html\">&lt;p&gt;Full text&lt;/p&gt;</atom:content>",
        ),
    ] {
        let doc = rss_item(&format!(
            "<item><title>I</title><link>https://r.test/1</link>{body}</item>"
        ))
        .replace(
            "<rss version=\"2.0\">",
            &format!("<rss version=\"2.0\"{root_ns}>"),
        );
        let feed = parse(&doc);
        let item = &feed.items[0];
        let text = plain(item.content.as_deref().or(item.summary.as_deref()));
        assert_eq!(text, "Full text", "{body}");
    }
}

#[test]
fn a_blank_link_gives_way_to_the_next_link_or_the_permalink_guid() {
    let base = Some("https://r.test/feed.xml");
    let rss = |item: &str| parse_feed(rss_item(item).as_bytes(), base).unwrap();
    for (item, want) in [
        (
            "<item><title>I</title><link> </link><guid>https://r.test/g</guid></item>",
            Some("https://r.test/g"),
        ),
        (
            "<item><title>I</title><link/><link>https://r.test/1</link></item>",
            Some("https://r.test/1"),
        ),
        ("<item><title>I</title><link>  </link></item>", None),
    ] {
        assert_eq!(rss(item).items[0].link.as_deref(), want, "{item}");
    }
    let atom = |links: &str| {
        let doc = format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><entry><title>T</title>\
             <id>urn:1</id>{links}</entry></feed>"
        );
        parse_feed(doc.as_bytes(), base).unwrap().items[0]
            .link
            .clone()
    };
    assert_eq!(
        atom("<link href=\"\"/><link href=\"https://a.test/1\"/>").as_deref(),
        Some("https://a.test/1")
    );
    assert_eq!(
        atom("<link rel=\"alternate\" href=\" \"/><link rel=\"alternate\" type=\"text/html\" href=\"https://a.test/1\"/>").as_deref(),
        Some("https://a.test/1")
    );
    // Under an `xml:base`, an empty reference is that base (RFC 3986 §5.2).
    assert_eq!(
        atom("<link xml:base=\"https://b.test/page\" href=\"\"/>").as_deref(),
        Some("https://b.test/page")
    );
}

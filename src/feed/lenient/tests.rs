//! The forgiving path on fixtures written from the specifications (RSS
//! 0.91/1.0/1.1/2.0, Atom 0.3 and RFC 4287, CDF) and the feed validator's
//! list of common mistakes, one fixture per pattern, read end to end
//! through `parse_feed`.

use crate::feed::{parse_feed, parse_feed_with_type};
use crate::model::{ParsedFeed, Parser};

const BASE: &str = "https://feeds.test/dir/feed.xml";

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../../../tests/fixtures/feeds/lenient/", $name))
    };
}

fn read(bytes: &[u8]) -> ParsedFeed {
    parse_feed(bytes, Some(BASE)).unwrap_or_else(|e| panic!("refused: {e}"))
}

fn titles(feed: &ParsedFeed) -> Vec<&str> {
    feed.items.iter().map(|i| i.title.as_str()).collect()
}

fn links(feed: &ParsedFeed) -> Vec<Option<&str>> {
    feed.items.iter().map(|i| i.link.as_deref()).collect()
}

#[test]
fn atom_text_plain_and_other_mime_types_do_not_refuse_the_feed() {
    let feed = read(fixture!("atom10-text-plain.xml"));
    assert_eq!(feed.parser, Parser::Lenient);
    assert_eq!(feed.title.as_deref(), Some("Plain & simple"));
    let item = &feed.items[0];
    // Declared text: its "<" is a character, not markup.
    assert_eq!(item.title, "1 < 2 is <b>true</b>");
    assert_eq!(item.link.as_deref(), Some("https://feeds.test/posts/1"));
    assert_eq!(item.summary.as_deref(), Some("Fish &amp; chips &lt;3"));
    assert_eq!(item.content.as_deref(), Some("<p>Hello <b>world</b></p>"));
    assert_eq!(item.updated, Some(1_795_162_200));
}

#[test]
fn atom_03_base64_escaped_and_inline_modes() {
    let feed = read(fixture!("atom03-modes.xml"));
    assert_eq!(feed.parser, Parser::Lenient);
    assert_eq!(feed.title.as_deref(), Some("Old <Atom> blog"));
    assert_eq!(feed.link.as_deref(), Some("https://old.test/"));
    assert_eq!(
        titles(&feed),
        ["Example — base64 title", "Escaped one", "Inline one"]
    );
    assert_eq!(
        links(&feed),
        [
            Some("https://old.test/blog/posts/b64"),
            Some("https://old.test/blog/posts/escaped"),
            Some("https://old.test/blog/posts/xml"),
        ]
    );
    let [b64, escaped, inline] = &feed.items[..] else {
        panic!("three entries")
    };
    assert_eq!(b64.content.as_deref(), Some("<p>Decoded <b>body</b></p>"));
    assert_eq!(b64.published, Some(1_795_162_200));
    assert_eq!(b64.updated, Some(1_795_162_200 + 86_400));
    assert_eq!(
        escaped.content.as_deref(),
        Some("<p>Escaped &amp; shown</p>")
    );
    assert_eq!(escaped.summary.as_deref(), Some("A &amp; B"));
    assert_eq!(
        inline.content.as_deref(),
        Some("<p>Inline <em>markup</em></p>")
    );
    assert_eq!(inline.guid, "tag:old.test,2026:xml");
}

#[test]
fn prefixed_atom_root_and_the_alternate_link() {
    let feed = read(fixture!("atom-prefixed-root.xml"));
    assert_eq!(feed.title.as_deref(), Some("Prefixed"));
    assert_eq!(feed.link.as_deref(), Some("https://pre.test/"));
    assert_eq!(titles(&feed), ["A prefixed entry"]);
    assert_eq!(links(&feed), [Some("https://pre.test/1")]);
    assert_eq!(feed.items[0].content.as_deref(), Some("<p>Body</p>"));
    assert_eq!(feed.items[0].published, Some(1_795_162_200));
}

#[test]
fn an_atom_namespace_declared_oddly_still_reads() {
    let feed = read(fixture!("atom-odd-namespace.xml"));
    assert_eq!(feed.title.as_deref(), Some("Odd namespace"));
    assert_eq!(titles(&feed), ["One"]);
    assert_eq!(links(&feed), [Some("https://odd.test/1")]);
}

#[test]
fn rss_11() {
    let feed = read(fixture!("rss11.xml"));
    assert_eq!(feed.parser, Parser::Lenient);
    assert_eq!(feed.title.as_deref(), Some("RSS 1.1 channel"));
    assert_eq!(feed.link.as_deref(), Some("https://r11.test/"));
    assert_eq!(titles(&feed), ["Item A", "Item B"]);
    assert_eq!(
        links(&feed),
        [Some("https://r11.test/a"), Some("https://r11.test/b")]
    );
    // RSS description is HTML: the "&amp;" left by XML is a reference.
    assert_eq!(feed.items[0].summary.as_deref(), Some("About A &amp; more"));
}

#[test]
fn microsoft_cdf() {
    let feed = read(fixture!("cdf.xml"));
    assert_eq!(feed.parser, Parser::Lenient);
    assert_eq!(feed.title.as_deref(), Some("Channel Definition"));
    assert_eq!(feed.link.as_deref(), Some("https://cdf.test/index.html"));
    assert_eq!(titles(&feed), ["First CDF item", "Second CDF item"]);
    assert_eq!(
        links(&feed),
        [
            Some("https://cdf.test/one.html"),
            Some("https://cdf.test/two.html")
        ]
    );
    assert_eq!(feed.items[0].summary.as_deref(), Some("Its abstract"));
    assert_eq!(feed.items[0].published, Some(1_795_162_200));
}

#[test]
fn netscape_091_with_its_dtd_and_html_entities() {
    let feed = read(fixture!("rss091-netscape.xml"));
    assert_eq!(feed.title.as_deref(), Some("Netscape édition"));
    assert_eq!(titles(&feed), ["Café & crème"]);
    // A body is HTML: its references are decoded when it is shown.
    assert_eq!(
        feed.items[0].summary.as_deref(),
        Some("Servi &agrave; la &laquo;&nbsp;maison&nbsp;&raquo;")
    );
}

#[test]
fn rss_without_a_version() {
    let feed = read(fixture!("rss-no-version.xml"));
    assert_eq!(feed.title.as_deref(), Some("No version"));
    assert_eq!(links(&feed), [Some("https://nv.test/1")]);
}

#[test]
fn declared_encodings_are_decoded() {
    let cases: [(&[u8], &str); 10] = [
        (fixture!("encoding-big5.xml"), "新聞標題"),
        (fixture!("encoding-gb2312.xml"), "新闻标题"),
        (fixture!("encoding-euc-jp.xml"), "ニュース見出し"),
        (fixture!("encoding-shift_jis.xml"), "ニュース見出し"),
        (fixture!("encoding-koi8-r.xml"), "Заголовок новости"),
        (fixture!("encoding-windows-1251.xml"), "Заголовок новости"),
        (fixture!("encoding-windows-1250.xml"), "Zpráva dne"),
        (fixture!("encoding-iso-8859-2.xml"), "Zpráva dne"),
        (fixture!("encoding-iso-8859-7.xml"), "Τίτλος ειδήσεων"),
        (fixture!("encoding-windows-1252.xml"), "Café “quoted”"),
    ];
    for (bytes, title) in cases {
        let feed = read(bytes);
        assert_eq!(feed.title.as_deref(), Some(title));
        assert_eq!(titles(&feed), [title]);
        assert_eq!(feed.items[0].summary.as_deref(), Some(title));
    }
}

#[test]
fn encoding_precedence_bom_then_http_then_declaration() {
    let bytes = fixture!("encoding-http-only-koi8-r.xml");
    let feed =
        parse_feed_with_type(bytes, None, Some("application/rss+xml; charset=koi8-r")).unwrap();
    assert_eq!(feed.title.as_deref(), Some("Только заголовок"));
    let feed = read(fixture!("encoding-bom-beats-declaration.xml"));
    assert_eq!(feed.title.as_deref(), Some("BOM の勝ち"));
}

#[test]
fn a_server_default_utf8_loses_to_the_declaration_only_when_the_bytes_are_not_utf8() {
    let utf8 = Some("application/rss+xml; charset=utf-8");
    let bytes = fixture!("encoding-koi8-r.xml");
    let feed = parse_feed_with_type(bytes, None, utf8).unwrap();
    assert_eq!(feed.title.as_deref(), Some("Заголовок новости"));
    let doc = "<?xml version='1.0' encoding='koi8-r'?><rss version='2.0'><channel>\
               <title>Déjà</title></channel></rss>";
    let feed = parse_feed_with_type(doc.as_bytes(), None, utf8).unwrap();
    assert_eq!(feed.title.as_deref(), Some("Déjà"));
}

#[test]
fn entities_and_references() {
    let feed = read(fixture!("entities.xml"));
    // A title escaped twice by the feed is shown once decoded.
    assert_eq!(feed.title.as_deref(), Some("Entities & friends"));
    assert_eq!(feed.link.as_deref(), Some("https://ent.test/?a=1&b=2"));
    assert_eq!(
        titles(&feed),
        [
            "Forbidden red refs – dash",
            "AT&T and Q&A",
            "Raw é … in a title"
        ]
    );
    assert_eq!(links(&feed)[0], Some("https://ent.test/1?x=1&y=2"));
    // No bidi control survives, written raw or as a reference.
    assert_eq!(feed.items[0].summary.as_deref(), Some("Lefttoright evil"));
    let img = feed.items[1].summary.as_deref().unwrap();
    assert!(img.contains("alt=\"caf&eacute;\""), "{img}");
}

#[test]
fn links_resolve_against_xml_base_and_the_feed_url() {
    let feed = read(fixture!("links.xml"));
    assert_eq!(feed.link.as_deref(), Some("https://links.test/blog/"));
    assert_eq!(
        links(&feed),
        [
            Some("https://links.test/blog/2026/one.html"),
            Some("https://links.test/two.html")
        ]
    );
}

#[test]
fn guid_is_perma_link() {
    let feed = read(fixture!("guid-permalink.xml"));
    assert_eq!(
        links(&feed),
        [
            Some("https://guid.test/p/1"),
            None,
            Some("https://feeds.test/p/3")
        ]
    );
    assert_eq!(feed.items[1].guid, "https://guid.test/internal/2");
}

#[test]
fn ill_formed_documents_keep_what_they_hold() {
    for (bytes, title, items) in [
        (&fixture!("illformed-root-end-no-gt.xml")[..], "Root end", 1),
        (
            fixture!("illformed-unclosed-cdata.xml"),
            "Unclosed CDATA",
            2,
        ),
        (fixture!("illformed-junk-after-root.xml"), "Junk after", 1),
        (fixture!("illformed-truncated.xml"), "Truncated", 2),
        (fixture!("illformed-mixed-encodings.xml"), "Mixed — ok", 1),
    ] {
        let feed = read(bytes);
        assert_eq!(feed.title.as_deref(), Some(title));
        assert_eq!(feed.items.len(), items, "{title}");
    }
    let cdata = read(fixture!("illformed-unclosed-cdata.xml"));
    assert_eq!(titles(&cdata), ["First", "Second"]);
    let mixed = read(fixture!("illformed-mixed-encodings.xml"));
    assert_eq!(titles(&mixed), ["Déjà vu"]);
    let cut = read(fixture!("illformed-truncated.xml"));
    assert_eq!(cut.items[0].link.as_deref(), Some("https://tr.test/1"));
}

#[test]
fn well_formed_rss_still_goes_through_feed_rs() {
    let doc = b"<rss version=\"2.0\"><channel><title>T</title><item><title>I</title></item></channel></rss>";
    assert_eq!(read(doc).parser, Parser::FeedRs);
}

#[test]
fn every_cut_of_every_fixture_reads_without_panic_or_control_characters() {
    let fixtures: [&[u8]; 8] = [
        fixture!("atom03-modes.xml"),
        fixture!("atom10-text-plain.xml"),
        fixture!("atom-prefixed-root.xml"),
        fixture!("cdf.xml"),
        fixture!("entities.xml"),
        fixture!("links.xml"),
        fixture!("rss11.xml"),
        fixture!("encoding-shift_jis.xml"),
    ];
    let clean = |s: &str| !s.chars().any(|c| c != '\n' && crate::text::is_forbidden(c));
    for doc in fixtures {
        for cut in (1..doc.len()).step_by(7) {
            let Ok(feed) = crate::feed::parse_feed_lenient(&doc[..cut], Some(BASE)) else {
                continue;
            };
            for item in &feed.items {
                assert!(clean(&item.title), "{:?}", item.title);
                for body in [&item.summary, &item.content].into_iter().flatten() {
                    assert!(clean(body), "{body:?}");
                }
            }
        }
    }
}

//! parse_feed on fixture files: every format, encodings, and broken feeds
//! recovered the way a forgiving reader would.

use sift::feed::{FeedError, MAX_ITEMS, parse_feed};
use sift::model::{NewArticle, ParsedFeed};

const BASE: &str = "https://base.test/feeds/x.xml";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(name: &str) -> ParsedFeed {
    parse_feed(&fixture(name), Some(BASE)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn titles(feed: &ParsedFeed) -> Vec<&str> {
    feed.items.iter().map(|i| i.title.as_str()).collect()
}

fn links(feed: &ParsedFeed) -> Vec<Option<&str>> {
    feed.items.iter().map(|i| i.link.as_deref()).collect()
}

fn guids(feed: &ParsedFeed) -> Vec<&str> {
    feed.items.iter().map(|i| i.guid.as_str()).collect()
}

fn item(guid: &str, link: Option<&str>, title: &str) -> NewArticle {
    NewArticle {
        enclosures: Vec::new(),
        guid: guid.into(),
        link: link.map(Into::into),
        title: title.into(),
        author: None,
        published: None,
        updated: None,
        summary: None,
        content: None,
    }
}

#[test]
fn rss_090() {
    let feed = parse("rss090.xml");
    assert_eq!(feed.title.as_deref(), Some("Ninety News"));
    assert_eq!(feed.link.as_deref(), Some("https://ninety.test/"));
    assert_eq!(titles(&feed), ["First ninety item", "Second ninety item"]);
    assert_eq!(
        guids(&feed),
        ["https://ninety.test/1", "https://ninety.test/2"]
    );
    assert!(feed.repairs.is_empty());
}

#[test]
fn rss_091_with_dtd_entities() {
    let feed = parse("rss091.xml");
    assert_eq!(feed.title.as_deref(), Some("Café Diplomacy"));
    assert_eq!(
        feed.items,
        [NewArticle {
            enclosures: Vec::new(),
            summary: Some("Talks resume in Geneva.".into()),
            ..item(
                "https://ninetyone.test/envoys",
                Some("https://ninetyone.test/envoys"),
                "Envoys meet — again"
            )
        }]
    );
    assert!(feed.repairs.is_empty());
}

#[test]
fn rss_092_item_without_link_gets_a_stable_hash_guid() {
    let feed = parse("rss092.xml");
    assert_eq!(titles(&feed), ["Item without a link", "Item with a link"]);
    assert_eq!(links(&feed), [None, Some("https://ninetytwo.test/b")]);
    // FNV-1a of "Item without a link\n": fixed forever, so guids survive upgrades.
    assert_eq!(
        guids(&feed),
        ["hash:e1b9db527c31e8db", "https://ninetytwo.test/b"]
    );
    assert_eq!(
        feed.items[0].summary.as_deref(),
        Some("<p>Escaped <b>HTML</b> body</p>")
    );
}

#[test]
fn rss_10() {
    let feed = parse("rss10.xml");
    assert_eq!(
        feed.items,
        [NewArticle {
            enclosures: Vec::new(),
            author: Some("Ana Reporter".into()),
            published: Some(1_795_168_800), // 2026-11-20T10:00:00Z
            summary: Some("Short summary.".into()),
            content: Some("<p>Full <em>text</em>.</p>".into()),
            ..item(
                "https://ten.test/a",
                Some("https://ten.test/a"),
                "Summit ends without a deal"
            )
        }]
    );
}

#[test]
fn rss_20_ttl_relative_link_author_and_permalink_guid() {
    let feed = parse("rss20.xml");
    assert_eq!(feed.title.as_deref(), Some("Two Point Oh"));
    assert_eq!(feed.ttl_minutes, Some(45));
    assert_eq!(
        feed.items[0],
        NewArticle {
            enclosures: Vec::new(),
            author: Some("World Desk".into()),
            published: Some(1_795_609_800), // Wed, 25 Nov 2026 12:30:00 GMT
            updated: Some(1_795_609_800),
            summary: Some("Monitors report calm.".into()),
            content: Some("<p>Monitors report <b>calm</b>.</p>".into()),
            ..item(
                "two-1",
                Some("https://base.test/world/ceasefire"),
                "Ceasefire holds for a second week"
            )
        }
    );
    // No <link>: the permalink guid stands in.
    assert_eq!(
        feed.items[1].link.as_deref(),
        Some("https://two.test/world/permalink")
    );
    assert_eq!(feed.items[1].published, Some(1_795_503_600)); // 08:00 +0100
    assert_eq!(feed.items[1].author.as_deref(), Some("Bea Writer"));
}

#[test]
fn atom_03_dates_and_names_are_read() {
    let feed = parse("atom03.xml");
    assert_eq!(feed.title.as_deref(), Some("Old Atom"));
    assert_eq!(
        feed.items,
        [NewArticle {
            enclosures: Vec::new(),
            author: Some("Old Timer".into()),
            published: Some(1_104_580_800), // 2005-01-01T12:00:00Z
            updated: Some(1_104_667_200),
            summary: Some("Legacy format.".into()),
            ..item(
                "tag:atom03.test,2005:e1",
                Some("https://atom03.test/e1"),
                "Zero point three"
            )
        }]
    );
    assert!(feed.repairs.is_empty(), "{:?}", feed.repairs);
}

#[test]
fn atom_10_html_titles_and_xml_base() {
    let feed = parse("atom10.xml");
    assert_eq!(feed.title.as_deref(), Some("Atom & Friends"));
    assert_eq!(feed.link.as_deref(), Some("https://atom.test/"));
    assert_eq!(titles(&feed), ["Talks in Oslo & Bergen", "Plain title"]);
    assert_eq!(
        links(&feed),
        [
            Some("https://atom.test/blog/posts/oslo"),
            Some("https://atom.test/other/page.html")
        ]
    );
    let first = &feed.items[0];
    assert_eq!(first.author.as_deref(), Some("Ola Nordmann"));
    assert_eq!(first.published, Some(1_795_593_600)); // 10:00 +02:00
    assert_eq!(first.updated, Some(1_795_683_600));
    assert_eq!(first.content.as_deref(), Some("<p>Body</p>"));
}

#[test]
fn json_feed_10() {
    let feed = parse("jsonfeed10.json");
    assert_eq!(feed.title.as_deref(), Some("JSON One"));
    assert_eq!(feed.link.as_deref(), Some("https://json.test/"));
    assert_eq!(guids(&feed), ["j1", "j2"]);
    assert_eq!(feed.items[0].published, Some(1_795_161_600));
    assert_eq!(feed.items[0].content.as_deref(), Some("<p>Hello</p>"));
    assert_eq!(feed.items[0].summary.as_deref(), Some("Hi"));
    assert_eq!(feed.items[1].title, "");
    assert_eq!(feed.items[1].content.as_deref(), Some("Untitled text post"));
    assert_eq!(feed.items[1].updated, Some(1_795_248_000));
}

#[test]
fn json_feed_11_relative_url_and_literal_entity() {
    let feed = parse("jsonfeed11.json");
    assert_eq!(links(&feed), [Some("https://base.test/posts/k1")]);
    // JSON titles are plain text: "&amp;" there is literal, not decoded.
    assert_eq!(titles(&feed), ["Relative &amp; entity"]);
    assert_eq!(feed.items[0].author.as_deref(), Some("K Author"));
}

#[test]
fn the_week_shape() {
    let feed = parse("theweek-style.xml");
    assert_eq!(feed.title.as_deref(), Some("Example Week feed"));
    assert_eq!(
        feed.link.as_deref(),
        Some("https://example.test/world-news")
    );
    assert_eq!(
        titles(&feed),
        [
            "Can a phone call reset relations between London and Moscow?",
            "All you need to know about everything that matters",
            "Sanctions, summits and a sceptical Senate",
            "Crossword: November 27, 2026",
            "Why the Baltic states are rearming fastest",
        ]
    );
    assert_eq!(guids(&feed)[0], "q7Lm2VxR8bTn4cWd9ZpK1a");
    assert_eq!(
        links(&feed)[1],
        Some("https://example.test/subscription/winter-offer-email-3")
    );
    let first = &feed.items[0];
    assert_eq!(first.published, Some(1_795_768_800)); // Fri, 27 Nov 2026 08:40:00 +0000
    // dc: declared with https://; read anyway.
    assert_eq!(first.author.as_deref(), Some("The Week Staff"));
    assert_eq!(
        first.summary.as_deref(),
        Some(
            "The new prime minister signals a change of tone after her first conversation with the Kremlin"
        )
    );
    assert_eq!(first.content, None);
    assert!(feed.repairs.is_empty());
}

#[test]
fn declared_single_byte_encodings() {
    let latin = parse("iso-8859-1.xml");
    assert_eq!(latin.title.as_deref(), Some("Presse française"));
    assert_eq!(titles(&latin), ["L'été à Bruxelles"]);
    let cp1252 = parse("windows-1252.xml");
    assert_eq!(titles(&cp1252), ["L’été à Bruxelles — “en bref” €"]);
    assert!(latin.repairs.is_empty() && cp1252.repairs.is_empty());
}

#[test]
fn utf16_with_bom() {
    let feed = parse("utf-16le.xml");
    assert_eq!(titles(&feed), ["Über 日本"]);
    assert_eq!(guids(&feed), ["u16"]);
}

#[test]
fn items_without_guid_or_link() {
    let feed = parse("no-guid-no-link.xml");
    assert_eq!(
        guids(&feed),
        [
            "hash:c9d0b87a688558e4",
            "https://bare.test/x",
            "hash:af63c74c8601c8dd"
        ]
    );
    assert_eq!(links(&feed), [None, Some("https://bare.test/x"), None]);
    assert_eq!(feed.items[0].published, Some(1_795_428_000));
    // Same bytes, same guids: the hash does not depend on the run.
    assert_eq!(guids(&parse("no-guid-no-link.xml")), guids(&feed));
}

#[test]
fn bare_ampersands_are_escaped() {
    let feed = parse("bare-ampersand.xml");
    assert_eq!(feed.title.as_deref(), Some("Q&A Weekly"));
    assert_eq!(titles(&feed), ["AT&T and M&S & others"]);
    assert_eq!(links(&feed), [Some("https://qa.test/p?x=1&y=2")]);
    assert_eq!(feed.repairs, ["escaped 6 bare &"]);
}

#[test]
fn html_entities_in_a_valid_feed_are_decoded_without_repair() {
    let feed = parse("html-entities.xml");
    assert_eq!(feed.title.as_deref(), Some("Entités"));
    assert_eq!(titles(&feed), ["Café – «bar» ok"]);
    assert!(feed.repairs.is_empty());
}

#[test]
fn html_entities_in_a_broken_feed_become_references() {
    let feed = parse("html-entities-broken.xml");
    assert_eq!(titles(&feed), ["Café – naïve"]);
    assert_eq!(feed.items[0].summary.as_deref(), Some("a<br>b"));
    assert_eq!(
        feed.repairs,
        [
            "turned 4 HTML entities into character references",
            "escaped 1 HTML tags inside text elements"
        ]
    );
}

#[test]
fn mismatched_tags() {
    let feed = parse("mismatched-tags.xml");
    assert_eq!(titles(&feed), ["One", "Two", "Three"]);
    assert_eq!(
        guids(&feed),
        ["https://mm.test/1", "mm-2", "https://mm.test/3"]
    );
    assert_eq!(
        feed.items[0].summary.as_deref(),
        Some("<p>unclosed paragraph")
    );
    assert_eq!(
        feed.repairs,
        [
            "escaped 1 HTML tags inside text elements",
            "closed 1 elements left open inside others",
            "dropped 1 end tags that matched no open element",
        ]
    );
}

#[test]
fn truncated_mid_item() {
    let feed = parse("truncated.xml");
    assert_eq!(titles(&feed), ["Complete item", "Half an item"]);
    assert_eq!(guids(&feed), ["c1", "c2"]);
    assert_eq!(feed.items[0].published, Some(1_795_768_800));
    assert_eq!(
        feed.repairs,
        [
            "closed 3 unclosed elements at end of truncated document",
            "terminated a tag cut off by the end of the document",
        ]
    );
}

#[test]
fn control_characters_and_escape_sequences_never_survive() {
    let feed = parse("control-chars.xml");
    assert_eq!(feed.title.as_deref(), Some("Ctrl Feed"));
    assert_eq!(titles(&feed), ["Bell and null and red"]);
    assert_eq!(feed.items[0].summary.as_deref(), Some("ab evil"));
    assert_eq!(
        feed.repairs,
        [
            "dropped 1 character references XML forbids",
            "dropped 2 characters XML forbids"
        ]
    );
}

#[test]
fn rss_without_a_known_version() {
    let feed = parse("rss-no-version.xml");
    assert_eq!(titles(&feed), ["Still readable"]);
    assert_eq!(feed.repairs, ["read <rss version=\"\"> as RSS 2.0"]);
    let feed = parse("rss-odd-version.xml");
    assert_eq!(titles(&feed), ["Odd version"]);
    assert_eq!(feed.repairs, ["read <rss version=\"2.01\"> as RSS 2.0"]);
}

#[test]
fn junk_before_the_feed_is_removed() {
    let feed = parse("junk-before.xml");
    assert_eq!(titles(&feed), ["After junk"]);
    assert_eq!(
        feed.repairs,
        ["removed 42 bytes of junk before the first tag"]
    );
}

#[test]
fn documents_that_are_not_feeds() {
    let err = |name: &str| parse_feed(&fixture(name), Some(BASE)).unwrap_err();
    assert_eq!(err("empty.xml"), FeedError::Empty);
    assert_eq!(err("webpage.html"), FeedError::WebPage);
    assert_eq!(
        err("garbage.bin"),
        FeedError::NotAFeed {
            found: "no XML element at all".into()
        }
    );
    assert_eq!(
        err("not-a-feed.json"),
        FeedError::NotAFeed {
            found: "JSON without a JSON Feed \"version\" or \"items\"".into()
        }
    );
    assert_eq!(
        parse_feed(b"<opml version=\"2.0\"><body/></opml>", None).unwrap_err(),
        FeedError::NotAFeed {
            found: "the root element is <opml>".into()
        }
    );
    assert!(matches!(
        parse_feed(b"{\"version\": ", None),
        Err(FeedError::InvalidJson { .. })
    ));
}

#[test]
fn json_feed_repairs() {
    let doc = br#"{"title": 5, "items": [{"id": 7, "url": "https://j.test/7", "title": "Seven", "tags": "x"}, "junk"]}"#;
    let feed = parse_feed(doc, None).unwrap();
    assert_eq!(guids(&feed), ["7"]);
    assert_eq!(titles(&feed), ["Seven"]);
    assert_eq!(
        feed.repairs,
        [
            "read JSON (no version) as JSON Feed 1.1",
            "dropped or fixed 4 JSON Feed fields of the wrong type"
        ]
    );
}

#[test]
fn wrong_declared_encoding_is_recovered() {
    // Declared UTF-8, actually Latin-1.
    let doc = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><item><title>Caf\xE9</title></item></channel></rss>";
    let feed = parse_feed(doc, None).unwrap();
    assert_eq!(titles(&feed), ["Café"]);
    assert_eq!(
        feed.repairs,
        ["read 1 bytes that are not valid UTF-8 as windows-1252"]
    );
    // Declared ISO-8859-1, actually UTF-8.
    let doc = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>Café</title></item></channel></rss>";
    let feed = parse_feed(doc.as_bytes(), None).unwrap();
    assert_eq!(titles(&feed), ["Café"]);
    assert_eq!(
        feed.repairs,
        ["declared ISO-8859-1 but the bytes are UTF-8; read them as UTF-8"]
    );
}

#[test]
fn utf16_declarations_that_disagree_with_the_bom_do_not_crash() {
    // quick-xml alone panics on this one (UTF-16BE BOM, "UTF-16" declared).
    let doc = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><item><title>Big end</title></item></channel></rss>";
    let bytes: Vec<u8> = doc.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(titles(&parse_feed(&bytes, None).unwrap()), ["Big end"]);
}

#[test]
fn undeclared_namespace_prefixes_are_tolerated() {
    let doc = b"<rss version=\"2.0\"><channel><item><title>T</title><dc:creator>X</dc:creator><foo:bar a:b=\"1\"/></item></channel></rss>";
    let feed = parse_feed(doc, None).unwrap();
    assert_eq!(titles(&feed), ["T"]);
}

#[test]
fn items_beyond_the_cap_are_dropped_with_a_note() {
    let mut doc = String::from("<rss version=\"2.0\"><channel>");
    for i in 0..MAX_ITEMS + 5 {
        doc.push_str(&format!("<item><guid>g{i}</guid></item>"));
    }
    doc.push_str("</channel></rss>");
    let feed = parse_feed(doc.as_bytes(), None).unwrap();
    assert_eq!(feed.items.len(), MAX_ITEMS);
    assert_eq!(
        feed.items[MAX_ITEMS - 1].guid,
        format!("g{}", MAX_ITEMS - 1)
    );
    assert_eq!(
        feed.repairs,
        [format!(
            "kept the first {MAX_ITEMS} of {} items",
            MAX_ITEMS + 5
        )]
    );
}

/// Runs `f` on a thread with a small stack: recursion would overflow it.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn deep_nesting_is_refused_or_parsed_without_recursion() {
    let nested = |n: usize, close: bool| {
        let mut doc = String::from("<rss version=\"2.0\"><channel><item><title>deep</title><x>");
        doc.push_str(&"<a>".repeat(n));
        if close {
            doc.push_str(&"</a>".repeat(n));
            doc.push_str("</x></item></channel></rss>");
        }
        doc
    };
    let deep = nested(100_000, true);
    let result = on_small_stack(move || parse_feed(deep.as_bytes(), None));
    assert_eq!(result, Err(FeedError::TooDeep { limit: 65_535 }));
    // Broken as well as deep: the repair path refuses too.
    let broken = nested(100_000, false);
    let result = on_small_stack(move || parse_feed(broken.as_bytes(), None));
    assert_eq!(result, Err(FeedError::TooDeep { limit: 65_535 }));
    // Deep but within the limit: parsed, on a small stack.
    let ok = nested(60_000, true);
    let feed = on_small_stack(move || parse_feed(ok.as_bytes(), None)).unwrap();
    assert_eq!(titles(&feed), ["deep"]);
    // Truncated inside deep nesting: closed by the repair.
    let cut = nested(30_000, false);
    let feed = on_small_stack(move || parse_feed(cut.as_bytes(), None)).unwrap();
    assert_eq!(titles(&feed), ["deep"]);
}

/// Deterministic pseudo-random bytes, built from feed-ish fragments.
fn hostile_documents() -> Vec<Vec<u8>> {
    const PIECES: &[&[u8]] = &[
        b"<rss version=\"2.0\">",
        b"<channel>",
        b"<item>",
        b"</item>",
        b"<title>",
        b"</title>",
        b"<![CDATA[",
        b"]]>",
        b"<!--",
        b"-->",
        b"&",
        b"&eacute;",
        b"&#0;",
        b"&#x1b;",
        b"<",
        b">",
        b"</",
        b"\"",
        b"'",
        b"<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        b"<entry>",
        b"<?xml version=\"1.0\" encoding=\"koi8-r\"?>",
        b"\xff",
        b"\xfe",
        b"\x00",
        b"\x1b[31m",
        b"text ",
        b"<a href=x>",
        b"</a>",
        b"{",
        b"}",
        b"\xEF\xBB\xBF",
        b"<link>/rel</link>",
        b"<description>",
        b"</description>",
        b"<br>",
        b"<!DOCTYPE html>",
    ];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..3000)
        .map(|_| {
            let len = (next() % 60) as usize;
            (0..len)
                .flat_map(|_| {
                    PIECES[(next() % PIECES.len() as u64) as usize]
                        .iter()
                        .copied()
                })
                .collect()
        })
        .collect()
}

#[test]
fn property_never_panics_and_never_stores_control_characters() {
    let forbidden = |s: &str| s.chars().any(|c| sift::text::is_forbidden(c) || c == '\r');
    for doc in hostile_documents() {
        if let Ok(feed) = parse_feed(&doc, Some(BASE)) {
            for item in &feed.items {
                let fields = [
                    Some(&item.title),
                    Some(&item.guid),
                    item.link.as_ref(),
                    item.author.as_ref(),
                ];
                for field in fields.into_iter().flatten() {
                    assert!(
                        !forbidden(field),
                        "{field:?} from {:?}",
                        String::from_utf8_lossy(&doc)
                    );
                }
                for body in [&item.summary, &item.content].into_iter().flatten() {
                    assert!(!forbidden(body), "{body:?}");
                }
            }
            assert!(!feed.title.as_deref().is_some_and(forbidden));
        }
    }
}

use super::*;

#[test]
fn empty_and_whitespace_documents() {
    assert_eq!(parse_feed(b"", None), Err(FeedError::Empty));
    assert_eq!(
        parse_feed(b"\xEF\xBB\xBF \n\t", None),
        Err(FeedError::Empty)
    );
}

#[test]
fn errors_read_as_advice() {
    assert_eq!(
        FeedError::WebPage.to_string(),
        "this is a web page, not a feed"
    );
    let e = FeedError::NotAFeed {
        found: "the root element is <opml>".into(),
    };
    assert_eq!(
        e.to_string(),
        "not a feed: no <rss>, <feed>, <rdf:RDF> or JSON Feed root (the root element is <opml>)"
    );
}

#[test]
fn an_invalid_base_url_is_ignored_rather_than_failing_the_feed() {
    let doc = b"<rss version=\"2.0\"><channel><item><link>/a</link></item></channel></rss>";
    let feed = parse_feed(doc, Some("not a url")).unwrap();
    assert_eq!(feed.items[0].link.as_deref(), Some("/a"));
}

#[test]
fn a_mid_document_declaration_does_not_crash_quick_xml() {
    let mut doc =
        b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>".to_vec();
    doc.extend_from_slice(&b" ".repeat(100));
    doc.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><item><title>caf\xC3\xA9</title></item></channel></rss>");
    let feed = parse_feed(&doc, None).unwrap();
    assert_eq!(feed.items[0].title, "café");
}

/// The charset sweep: each legacy charset a feed may declare, with the
/// precedence real readers use (a BOM, then the HTTP `charset`, then the
/// XML declaration), including a server's default UTF-8 that the bytes
/// are not and a declaration the server contradicts.
#[test]
fn every_charset_under_every_precedence() {
    use encoding_rs::Encoding;
    let samples = [
        ("big5", "中文新聞"),
        ("gb2312", "中文新闻"),
        ("gbk", "中文新闻"),
        ("gb18030", "中文新闻"),
        ("euc-jp", "日本語ニュース"),
        ("shift_jis", "日本語ニュース"),
        ("euc-kr", "한국어 뉴스"),
        ("koi8-r", "Новости дня"),
        ("koi8-u", "Новини дня"),
        ("windows-1250", "Zprávy dne"),
        ("windows-1251", "Новости дня"),
        ("windows-1252", "Café “news”"),
        ("windows-1253", "Ειδήσεις"),
        ("windows-1254", "Güncel haber"),
        ("windows-1255", "חדשות"),
        ("windows-1256", "أخبار"),
        ("windows-1257", "Žinios"),
        ("iso-8859-2", "Zprávy dne"),
        ("iso-8859-5", "Новости дня"),
        ("iso-8859-7", "Ειδήσεις"),
        ("iso-8859-9", "Güncel haber"),
        ("iso-8859-15", "Prix 5 €"),
    ];
    let doc = |decl: &str, word: &str| {
        format!(
            "<?xml version=\"1.0\"{decl}?><rss version=\"2.0\"><channel><title>{word}</title>\
             <item><title>{word} 1</title><link>https://e.test/1</link></item></channel></rss>"
        )
    };
    let mut failures = Vec::new();
    for (label, word) in samples {
        let encoding = Encoding::for_label(label.as_bytes()).unwrap();
        let encode = |s: &str| encoding.encode(s).0.into_owned();
        let declared = |l: &str| format!(" encoding=\"{l}\"");
        let http = format!("application/rss+xml; charset={label}");
        let cases: [(&str, Vec<u8>, Option<&str>); 7] = [
            ("declared", encode(&doc(&declared(label), word)), None),
            ("http only", encode(&doc("", word)), Some(&http)),
            (
                "http over a utf-8 declaration",
                encode(&doc(&declared("utf-8"), word)),
                Some(&http),
            ),
            (
                "http over another charset",
                encode(&doc(&declared("windows-1252"), word)),
                Some(&http),
            ),
            (
                "declaration over a server's default utf-8",
                encode(&doc(&declared(label), word)),
                Some("text/xml; charset=utf-8"),
            ),
            (
                "utf-8 BOM over both",
                [&b"\xEF\xBB\xBF"[..], doc(&declared(label), word).as_bytes()].concat(),
                Some(&http),
            ),
            (
                "upper-case label",
                encode(&doc(&declared(&label.to_uppercase()), word)),
                None,
            ),
        ];
        for (how, bytes, content_type) in cases {
            let got = parse_feed_with_type(&bytes, None, content_type)
                .map(|f| (f.title, f.items.first().map(|i| i.title.clone())));
            let want = Ok((Some(word.to_owned()), Some(format!("{word} 1"))));
            if got != want {
                failures.push(format!("{label}, {how}: {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn relative_json_feed_urls_resolve_against_the_fetched_url_else_the_feed_s_own() {
    let doc = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "J",
        "home_page_url": "https://home.test/blog/", "feed_url": "https://feed.test/f/all.json",
        "items": [{"id": "1", "url": "p/1"}]}"#;
    let link = |base: Option<&str>| parse_feed(doc, base).unwrap().items[0].link.clone();
    assert_eq!(
        link(Some("https://fetched.test/x/feed.json")).as_deref(),
        Some("https://fetched.test/x/p/1")
    );
    assert_eq!(
        link(Some("file:///tmp/feed.json")).as_deref(),
        Some("https://feed.test/f/p/1")
    );
    assert_eq!(link(None).as_deref(), Some("https://feed.test/f/p/1"));
    let home_only = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "J",
        "home_page_url": "https://home.test/blog/", "feed_url": "feed.json",
        "items": [{"id": "1", "url": "p/1"}]}"#;
    let feed = parse_feed(home_only, Some("file:///tmp/feed.json")).unwrap();
    assert_eq!(
        feed.items[0].link.as_deref(),
        Some("https://home.test/blog/p/1")
    );
    // Neither says where it lives: the file it was read from.
    let neither = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "J",
        "items": [{"id": "1", "url": "p/1"}]}"#;
    let feed = parse_feed(neither, Some("file:///tmp/feed.json")).unwrap();
    assert_eq!(feed.items[0].link.as_deref(), Some("file:///tmp/p/1"));
}

#[test]
fn an_rss_1_0_item_is_named_by_its_rdf_about_on_both_paths() {
    let doc = br#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://ab.test/"><title>A</title><link>https://ab.test/</link></channel>
<item rdf:about="https://ab.test/items/1?a=1&amp;b=2"><title>One</title><link>https://ab.test/1</link></item>
<item rdf:about='urn:ab:2'><title>Two</title><link>https://ab.test/2</link></item>
</rdf:RDF>"#;
    for feed in [
        parse_feed(doc, None).unwrap(),
        parse_feed_lenient(doc, None).unwrap(),
    ] {
        let ids: Vec<&str> = feed.items.iter().map(|i| i.guid.as_str()).collect();
        assert_eq!(
            ids,
            ["https://ab.test/items/1?a=1&b=2", "urn:ab:2"],
            "{:?}",
            feed.parser
        );
    }
}

/// feed-rs reads dates with sift's date reader: the sloppy forms real
/// feeds write (no seconds, a named zone, no zone, a space for the `T`)
/// keep their date on the strict path too.
#[test]
fn sloppy_dates_are_read_on_the_strict_path() {
    let utc = 1_796_630_400; // 2026-12-07T08:00:00Z
    let item = |date: &str| {
        format!(
            "<item><title>T</title><link>https://a.test/{date}</link><pubDate>{date}</pubDate></item>"
        )
    };
    let dates = [
        ("Mon, 07 Dec 2026 03:00 EST", utc),
        ("Mon, 07 Dec 2026 08:00:00", utc),
        ("Mon 07 Dec 2026 08:00:00 GMT", utc),
        ("2026-12-07 09:00:00 +0100", utc),
        ("Mon, 07 Dec 2026 09:00:00 CET", utc),
    ];
    let doc = format!(
        "<rss version=\"2.0\"><channel><title>C</title>{}</channel></rss>",
        dates.iter().map(|(d, _)| item(d)).collect::<String>()
    );
    let feed = parse_feed(doc.as_bytes(), None).unwrap();
    assert_eq!(feed.parser, crate::model::Parser::FeedRs);
    for ((raw, want), item) in dates.iter().zip(&feed.items) {
        assert_eq!(item.published, Some(*want), "{raw}");
    }
    // Atom and JSON Feed dates without a zone are read as UTC.
    let atom = b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><entry><title>T</title><id>urn:1</id><updated>2026-12-07T08:00:00</updated></entry></feed>";
    assert_eq!(parse_feed(atom, None).unwrap().items[0].updated, Some(utc));
    let json = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "content_text": "x", "date_published": "2026-12-07T08:00:00"}]}"#;
    assert_eq!(
        parse_feed(json, None).unwrap().items[0].published,
        Some(utc)
    );
}

/// An Atom xhtml construct with an entity XML does not define (`&nbsp;`,
/// a common slip): feed-rs escapes it as text when it writes the markup
/// back; the body keeps the entity, and `&amp;amp;` stays escaped.
#[test]
fn undeclared_entities_in_atom_xhtml_stay_entities() {
    let doc = b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><entry><title>T</title><id>urn:1</id><updated>2026-12-07T08:00:00Z</updated><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">a&nbsp;b &copy; c &amp;amp; d</div></content></entry></feed>";
    let feed = parse_feed(doc, None).unwrap();
    let body = feed.items[0].content.as_deref().unwrap();
    assert!(body.contains("a&nbsp;b &copy; c &amp;amp; d"), "{body}");
    assert_eq!(crate::text::html_to_plain(body).trim(), "a b © c &amp; d");
}

/// Authors as feeds name them: RSS "email (Name)", an address alone,
/// `dc:creator`; an Atom author's name, else address; an Atom entry
/// without an author has its feed's (RFC 4287 §4.2.1), on either path.
#[test]
fn authors_by_name_else_address_and_atom_feed_authors_inherited() {
    let rss = b"<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>C</title>\
        <item><title>1</title><link>https://a.test/1</link><author>jane@a.test (Jane Doe)</author></item>\
        <item><title>2</title><link>https://a.test/2</link><author>jane@a.test</author></item>\
        <item><title>3</title><link>https://a.test/3</link><dc:creator>Jos&#233; Roe</dc:creator></item>\
        </channel></rss>";
    let authors: Vec<_> = parse_feed(rss, None)
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.author)
        .collect();
    assert_eq!(
        authors,
        [
            Some("Jane Doe".to_owned()),
            Some("jane@a.test".to_owned()),
            Some("José Roe".to_owned())
        ]
    );
    let atom = |extra: &str| {
        format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><author><name>Feed Writer</name></author>\
            <entry><title>1</title><id>urn:1</id><updated>2026-12-07T08:00:00Z</updated><author><email>j@a.test</email></author></entry>\
            <entry><title>2</title><id>urn:2</id><updated>2026-12-07T08:00:00Z</updated>{extra}</entry></feed>"
        )
    };
    for (doc, parser) in [
        (atom(""), crate::model::Parser::FeedRs),
        // An unclosed <p> sends the document to the lenient reader.
        (
            atom("<summary type=\"html\"><p>x</summary>"),
            crate::model::Parser::Lenient,
        ),
    ] {
        let feed = parse_feed(doc.as_bytes(), None).unwrap();
        assert_eq!(feed.parser, parser);
        let authors: Vec<_> = feed.items.iter().map(|i| i.author.as_deref()).collect();
        assert_eq!(
            authors,
            [Some("j@a.test"), Some("Feed Writer")],
            "{parser:?}"
        );
    }
}

#[test]
fn dates_feed_rs_skips_are_read_by_the_lenient_reader() {
    let utc = 1_796_630_400; // 2026-12-07T08:00:00Z
    let rss = |field: &str| {
        format!(
            "<rss version=\"2.0\" xmlns:dcterms=\"http://purl.org/dc/terms/\"><channel><title>C</title>\
             <item><title>T</title><link>https://a.test/1</link>{field}</item></channel></rss>"
        )
    };
    let item = |doc: &str| parse_feed(doc.as_bytes(), None).unwrap().items.remove(0);
    let modified = item(&rss(
        "<dcterms:modified>2026-12-07T08:00:00Z</dcterms:modified>",
    ));
    assert_eq!((modified.published, modified.updated), (None, Some(utc)));
    let issued = item(&rss(
        "<dcterms:issued>2026-12-07T08:00:00Z</dcterms:issued>",
    ));
    assert_eq!(issued.published, Some(utc));
    // Atom 0.3's `issued` in an Atom 1.0 feed.
    let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><entry><title>T</title>\
                <id>urn:1</id><link href=\"https://a.test/1\"/><issued>2026-12-07T08:00:00Z</issued></entry></feed>";
    assert_eq!(item(atom).published, Some(utc));
    // A dated item keeps feed-rs's reading.
    let dated = rss(
        "<pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate><dcterms:modified>2026-12-08T08:00:00Z</dcterms:modified>",
    );
    let feed = parse_feed(dated.as_bytes(), None).unwrap();
    assert_eq!(feed.parser, crate::model::Parser::FeedRs);
}

#[test]
fn an_item_s_itunes_author_is_its_author_on_both_paths() {
    let doc = "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">\
               <channel><title>C</title><itunes:author>Show Host</itunes:author><item><title>T</title>\
               <link>https://a.test/1</link><itunes:author>Jane Doe</itunes:author></item></channel></rss>";
    // feed-rs drops an iTunes object with neither title nor summary; the
    // author is read where the census found it, without a second reading.
    let bare = parse_feed(doc.as_bytes(), None).unwrap();
    assert_eq!(bare.parser, crate::model::Parser::FeedRs);
    assert_eq!(bare.items[0].author.as_deref(), Some("Jane Doe"));
    let lenient = parse_feed_lenient(doc.as_bytes(), None).unwrap();
    assert_eq!(lenient.items[0].author.as_deref(), Some("Jane Doe"));
    // With a summary feed-rs keeps the object: the same author.
    let summed = doc.replace(
        "</itunes:author></item>",
        "</itunes:author><itunes:summary>S</itunes:summary></item>",
    );
    let strict = parse_feed(summed.as_bytes(), None).unwrap();
    assert_eq!(strict.parser, crate::model::Parser::FeedRs);
    assert_eq!(strict.items[0].author.as_deref(), Some("Jane Doe"));
}

/// Podcast items named only by `itunes:author`, in the shapes feeds write
/// them: feed-rs's path reads each as the lenient reader does.
#[test]
fn itunes_authors_read_on_the_feed_rs_path_as_the_lenient_reader_reads_them() {
    let podcast = |items: &str, after: &str| {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" \
             xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>C</title>\
             <itunes:author>Show Host</itunes:author>{items}{after}</channel></rss>"
        )
    };
    let item = |n: u32, extra: &str| {
        format!(
            "<item><title>T{n}</title><link>https://a.test/{n}</link>\
             <enclosure url=\"https://a.test/{n}.mp3\" type=\"audio/mpeg\" length=\"9\"/>{extra}</item>"
        )
    };
    let cases = [
        (
            item(1, "<itunes:author>Jane Doe</itunes:author>"),
            "",
            vec![Some("Jane Doe")],
        ),
        (
            item(
                1,
                "<itunes:author>Smith &amp;amp; Sons &#8217;s</itunes:author>",
            ),
            "",
            vec![Some("Smith &amp; Sons ’s")],
        ),
        (
            item(1, "<itunes:author><![CDATA[Ann & Bo]]></itunes:author>"),
            "",
            vec![Some("Ann & Bo")],
        ),
        (
            item(1, "<itunes:author>jane@a.test (Jane Doe)</itunes:author>"),
            "",
            vec![Some("Jane Doe")],
        ),
        (item(1, "<itunes:author>  </itunes:author>"), "", vec![None]),
        (item(1, "<itunes:author/>"), "", vec![None]),
        // The first of two; an item's own author or creator comes first.
        (
            item(
                1,
                "<itunes:author>A</itunes:author><itunes:author>B</itunes:author>",
            ),
            "",
            vec![Some("A")],
        ),
        (
            item(
                1,
                "<author>r@a.test (Rita)</author><itunes:author>I</itunes:author>",
            ),
            "",
            vec![Some("Rita")],
        ),
        (
            item(
                1,
                "<dc:creator>Dee</dc:creator><itunes:author>I</itunes:author>",
            ),
            "",
            vec![Some("Dee")],
        ),
        // Some items with one, some without; a channel author after the items.
        (
            format!(
                "{}{}",
                item(1, ""),
                item(2, "<itunes:author>Two</itunes:author>")
            ),
            "<itunes:author>Late Host</itunes:author>",
            vec![None, Some("Two")],
        ),
    ];
    for (items, after, want) in cases {
        let doc = podcast(&items, after);
        let strict = parse_feed(doc.as_bytes(), None).unwrap();
        let lenient = parse_feed_lenient(doc.as_bytes(), None).unwrap();
        let authors = |f: &ParsedFeed| f.items.iter().map(|i| i.author.clone()).collect::<Vec<_>>();
        let want: Vec<Option<String>> = want.into_iter().map(|w| w.map(str::to_owned)).collect();
        assert_eq!(authors(&strict), want, "{doc}");
        assert_eq!(authors(&lenient), want, "{doc}");
        assert_eq!(strict.parser, crate::model::Parser::FeedRs, "{doc}");
        assert_eq!(strict.items, lenient.items, "{doc}");
    }
    // An author holding markup is left to the lenient reader, and so is an
    // item with Media RSS content, into which feed-rs merges its iTunes
    // object and drops its enclosure.
    let marked = podcast(&item(1, "<itunes:author>A<!-- x -->B</itunes:author>"), "");
    let read = parse_feed(marked.as_bytes(), None).unwrap();
    assert_eq!(read.parser, crate::model::Parser::Lenient);
    assert_eq!(read.items[0].author.as_deref(), Some("AB"));
    let video = podcast(
        &item(
            1,
            "<media:content xmlns:media=\"http://search.yahoo.com/mrss/\" url=\"https://a.test/v.mp4\"/>\
             <itunes:author>Vid</itunes:author>",
        ),
        "",
    );
    let read = parse_feed(video.as_bytes(), None).unwrap();
    assert_eq!(read.parser, crate::model::Parser::Lenient);
    assert_eq!(read.items[0].author.as_deref(), Some("Vid"));
    assert_eq!(read.items[0].enclosures.len(), 2);
}

#[test]
fn a_related_link_is_not_the_entry_s_page() {
    let entry = |links: &str| {
        format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title>\
             <entry><title>T</title><id>urn:1</id>{links}</entry></feed>"
        )
    };
    let related = "<link rel=\"related\" href=\"https://a.test/r\"/><link rel=\"via\" href=\"https://a.test/v\"/>";
    for read in [parse_feed, parse_feed_lenient] {
        let only = read(entry(related).as_bytes(), None).unwrap();
        assert_eq!(only.items[0].link, None);
        let both = format!("{related}<link href=\"https://a.test/1\"/>");
        let both = read(entry(&both).as_bytes(), None).unwrap();
        assert_eq!(both.items[0].link.as_deref(), Some("https://a.test/1"));
    }
}

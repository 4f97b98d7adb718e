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

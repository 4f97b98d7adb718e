//! Property tests: the entry points that take input from the network or
//! the user never panic, cleaned text never carries control or bidi
//! characters, and every query that parses runs in SQLite. The fuzz
//! targets (fuzz/) push the same entry points much harder; these keep a
//! fast, always-on version of them in the normal suite.

use std::sync::LazyLock;

use proptest::prelude::*;
use sift::clean::{Cleaned, RuleSet, clean_fragment, clean_page, clean_text, extract_main};
use sift::feed::parse_feed;
use sift::model::{Article, NewArticle, ParsedFeed, Subscription};
use sift::query::Query;
use sift::render::{cleaned_body, rich::render_rich};
use sift::store::{IngestMeta, NoiseFilter, Store, ViewOrder};
use sift::text::is_forbidden;

const NOW: i64 = 1_700_000_000;
const URL: Option<&str> = Some("https://example.com/2024/01/story.html");

static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);

// ---- generators -------------------------------------------------------

const TAGS: &[&str] = &[
    "p",
    "div",
    "span",
    "a",
    "b",
    "i",
    "em",
    "h1",
    "h2",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "pre",
    "code",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "br",
    "hr",
    "script",
    "style",
    "noscript",
    "svg",
    "math",
    "template",
    "iframe",
    "nav",
    "aside",
    "header",
    "footer",
    "article",
    "main",
    "section",
    "title",
    "head",
    "body",
    "html",
    "select",
    "option",
    "form",
    "button",
    "textarea",
    "xmp",
    "plaintext",
];

const ATTRS: &[&str] = &[
    "class",
    "id",
    "href",
    "src",
    "style",
    "role",
    "aria-hidden",
    "hidden",
    "data-x",
    "alt",
];

/// Text that stresses decoding: entities (valid, forbidden, broken),
/// control and bidi characters, wide and combining characters.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 .,!?]{0,12}",
        Just("&amp;".to_string()),
        Just("&#x202E;".to_string()),
        Just("&#0;".to_string()),
        Just("&#155;".to_string()),
        Just("&#27;[31m".to_string()),
        Just("&lrm;".to_string()),
        Just("&bogus;".to_string()),
        Just("&#99999999;".to_string()),
        Just("&#x;".to_string()),
        Just("&".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{202e}\u{2066}\u{200b}\u{feff}".to_string()),
        Just("\r\n\t\u{0}\u{7f}\u{9b}".to_string()),
        Just("日本語 é\u{301} 🦀\u{200d}".to_string()),
        Just("Subscribe to our newsletter".to_string()),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

fn attribute() -> impl Strategy<Value = String> {
    (
        prop::sample::select(ATTRS),
        texty(),
        prop::sample::select(&["\"", "'", ""][..]),
    )
        .prop_map(|(name, value, q)| format!(" {name}={q}{value}{q}"))
}

fn open_tag() -> impl Strategy<Value = String> {
    (
        prop::sample::select(TAGS),
        prop::collection::vec(attribute(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(tag, attrs, self_closing)| {
            let end = if self_closing { "/>" } else { ">" };
            format!("<{tag}{}{end}", attrs.concat())
        })
}

/// HTML-ish documents: nested elements, sometimes unclosed or closed out
/// of order, text and entities between.
fn html_ish() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        texty(),
        open_tag(),
        prop::sample::select(TAGS).prop_map(|t| format!("</{t}>")),
        Just("<!-- comment".to_string()),
        Just("<![CDATA[ x ]]>".to_string()),
        Just("<!DOCTYPE html>".to_string()),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        (
            open_tag(),
            prop::collection::vec(inner, 0..6),
            prop::sample::select(TAGS),
            any::<bool>(),
        )
            .prop_map(|(open, children, close, closed)| {
                let close = if closed {
                    format!("</{close}>")
                } else {
                    String::new()
                };
                format!("{open}{}{close}", children.concat())
            })
    })
}

/// Deep nesting: the same tag opened hundreds or thousands of times.
fn deep_html() -> impl Strategy<Value = String> {
    (
        prop::sample::select(TAGS),
        100usize..3000,
        texty(),
        any::<bool>(),
    )
        .prop_map(|(tag, depth, text, closed)| {
            let mut s = format!("<{tag}>").repeat(depth);
            s.push_str(&text);
            if closed {
                s.push_str(&format!("</{tag}>").repeat(depth));
            }
            s
        })
}

fn any_html() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => html_ish(),
        1 => deep_html(),
        1 => any::<String>(),
        1 => prop::collection::vec(any::<u8>(), 0..512)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

/// Feed-ish documents: the HTML-ish text inside RSS, Atom or JSON Feed.
fn feed_ish() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        (texty(), html_ish()).prop_map(|(title, body)| format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>\
             <item><title>{title}</title><link>/a?x={title}</link>\
             <description>{body}</description><pubDate>{title}</pubDate></item>\
             </channel></rss>"
        )
        .into_bytes()),
        (texty(), html_ish()).prop_map(|(title, body)| format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{title}</title>\
             <entry><id>{title}</id><title type=\"html\">{title}</title>\
             <content type=\"html\">{body}</content></entry></feed>"
        )
        .into_bytes()),
        (any::<String>(), any::<String>()).prop_map(|(title, body)| serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            "items": [{"id": title, "title": title, "content_html": body, "url": body}],
        })
        .to_string()
        .into_bytes()),
        prop::collection::vec(any::<u8>(), 0..1024),
    ]
}

/// Queries: words, phrases, fields, flags, dates, regexes, operators and
/// parentheses in any order, plus arbitrary strings.
fn query_ish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        "[a-zA-Z0-9]{1,8}",
        "\"[a-z \\\\\"]{0,10}\"?",
        Just("or".to_string()),
        Just("and".to_string()),
        Just("not".to_string()),
        Just("-".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        (
            prop::sample::select(
                &[
                    "feed", "tag", "title", "author", "is", "since", "before", "sort", "topic",
                    "FEED", "nope",
                ][..]
            ),
            prop_oneof![
                "[a-z0-9\"-]{0,8}",
                prop::sample::select(
                    &[
                        "unread",
                        "read",
                        "starred",
                        "noise",
                        "2d",
                        "1w",
                        "3h",
                        "0d",
                        "99999999999d",
                        "2026-11-01",
                        "2026-02-30",
                        "date",
                        "relevance",
                        "",
                    ][..]
                )
                .prop_map(String::from),
            ],
        )
            .prop_map(|(field, value)| format!("{field}:{value}")),
        "/[a-z()|*+?\\[\\]{}.^$\\\\]{0,12}/?",
        Just("& — ' % _ * \\".to_string()),
        any::<String>(),
    ];
    prop::collection::vec(token, 0..12).prop_map(|t| t.join(" "))
}

// ---- helpers ------------------------------------------------------------

/// Every piece of cleaned text a reader could see.
fn forbidden_in(cleaned: &Cleaned) -> Option<(String, char)> {
    let texts = cleaned
        .title
        .iter()
        .chain(cleaned.blocks.iter().map(|b| &b.text))
        .chain(cleaned.removed.iter().map(|r| &r.text));
    for text in texts {
        if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
            return Some((text.clone(), c));
        }
    }
    None
}

fn assert_clean(cleaned: &Cleaned) -> Result<(), TestCaseError> {
    if let Some((text, c)) = forbidden_in(cleaned) {
        return Err(TestCaseError::fail(format!(
            "forbidden {:?} in cleaned text {text:?}",
            c
        )));
    }
    Ok(())
}

fn article_with_body(html: &str) -> Article {
    Article {
        enclosures: Vec::new(),
        id: 1,
        feed_id: 1,
        feed_title: "Feed".to_string(),
        guid: "g".to_string(),
        link: Some("https://example.com/a".to_string()),
        title: html.chars().take(60).collect(),
        author: None,
        published: Some(NOW),
        updated: None,
        first_seen: NOW,
        date: NOW,
        summary: None,
        content: Some(html.to_string()),
        read: false,
        starred: false,
        tags: Vec::new(),
        noise_kind: None,
        noise_rule: None,
        full_html: None,
        full_error: None,
    }
}

/// A store with one feed and a few articles, for queries to run on.
fn query_store() -> Store {
    let mut store = Store::open_in_memory().expect("in-memory store");
    let subs = [Subscription {
        url: "https://example.com/feed.xml".to_string(),
        title: Some("Example".to_string()),
        tags: vec!["news".to_string()],
    }];
    store.sync_subscriptions(&subs).expect("sync");
    let feed_id = store.feeds().expect("feeds")[0].id;
    let item = |n: i64, title: &str| NewArticle {
        enclosures: Vec::new(),
        guid: format!("g{n}"),
        link: Some(format!("https://example.com/{n}")),
        title: title.to_string(),
        author: Some("Ann Author".to_string()),
        published: Some(NOW - n * 3600),
        updated: None,
        summary: Some(format!("{title} summary text")),
        content: None,
    };
    let parsed = ParsedFeed {
        items: vec![
            item(1, "Rust release"),
            item(2, "café 日本語"),
            item(3, "or and not"),
        ],
        ..ParsedFeed::default()
    };
    let meta = IngestMeta {
        now: NOW,
        etag: None,
        last_modified: None,
        next_poll_at: None,
        keep_days: None,
    };
    store.ingest(feed_id, &parsed, &meta).expect("ingest");
    store
}

thread_local! {
    static STORE: Store = query_store();
}

// ---- properties ---------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn html_cleaners_never_panic_and_strip_forbidden_characters(html in any_html()) {
        assert_clean(&clean_page(&html, URL, &RULES))?;
        assert_clean(&clean_fragment(&html, URL, &RULES))?;
        if let Some(extracted) = extract_main(&html, URL, &RULES) {
            let title = extracted.title.unwrap_or_default();
            prop_assert!(!title.chars().any(is_forbidden), "forbidden character in title {:?}", title);
        }
    }

    #[test]
    fn text_cleaner_never_panics_and_strips_forbidden_characters(text in prop_oneof![
        texty(), any::<String>(), html_ish()
    ]) {
        assert_clean(&clean_text(&text, URL, &RULES))?;
    }

    #[test]
    fn feed_parser_never_panics_and_titles_are_clean(bytes in feed_ish()) {
        if let Ok(parsed) = parse_feed(&bytes, Some("https://example.com/feed.xml")) {
            for item in &parsed.items {
                prop_assert!(
                    !item.title.chars().any(is_forbidden),
                    "forbidden character in item title {:?}", item.title
                );
            }
        }
    }

    #[test]
    fn render_and_reader_never_panic(html in any_html(), width in 0u16..200) {
        let rich = render_rich(&html, usize::from(width));
        let plain = rich.to_plain();
        prop_assert!(
            !plain.chars().any(|c| c != '\n' && (c.is_control() || is_forbidden(c))),
            "control character in rendered text {plain:?}"
        );
        let article = article_with_body(&html);
        let cleaned = cleaned_body(&article, &RULES);
        let _ = sift::tui::reader::build(&article, &cleaned, width, true);
        let _ = sift::tui::reader::build(&article, &cleaned, width, false);
    }

    #[test]
    fn parsed_queries_always_run_in_sqlite(text in query_ish()) {
        if let Ok(query) = Query::parse(&text, NOW) {
            STORE.with(|store| -> Result<(), TestCaseError> {
                for noise in [NoiseFilter::Hide, NoiseFilter::Include, NoiseFilter::Only] {
                    let count = store.count_query(&query, noise);
                    prop_assert!(count.is_ok(), "count_query({text:?}): {count:?}");
                }
                for order in [ViewOrder::Newest, ViewOrder::Oldest, ViewOrder::Feed] {
                    let ids = store.query_ids(&query, NoiseFilter::Include, order);
                    prop_assert!(ids.is_ok(), "query_ids({text:?}): {ids:?}");
                }
                Ok(())
            })?;
        }
    }
}

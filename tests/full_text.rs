//! The poller's full-text stage against a real HTTP server on 127.0.0.1:
//! summary-only items get their linked page fetched once, failures are
//! recorded and retried only when they may pass, the per-poll cap and the
//! per-host limit hold, and `full_text` per feed decides who is fetched.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use sift::config::feeds::FullText;
use sift::fetch::{FetchSettings, Fetcher};
use sift::model::Subscription;
use sift::poller::{self, FeedResult, PageResult, PollEvent, PollOptions, PollSummary, PollTarget};
use sift::query::Query;
use sift::store::{FullTextStatus, NoiseFilter, QueryOptions, Store};
use support::server::{Reply, TestServer};

/// No poll in these tests may take longer than this.
const POLL_DEADLINE: Duration = Duration::from_secs(60);

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/full_text")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

fn article_page() -> Reply {
    Reply::ok(fixture("article.html")).header("Content-Type", "text/html; charset=utf-8")
}

/// The sentence that exists only in `article.html`.
const PAGE_ONLY: &str = "The ferry to Lampedusa left at dawn";

/// An item: guid, title, link, description (the summary) and optional
/// content. Items get dates an hour apart, the first newest.
struct Item<'a> {
    guid: &'a str,
    link: String,
    summary: &'a str,
    content: Option<String>,
}

fn item<'a>(server: &TestServer, guid: &'a str) -> Item<'a> {
    Item {
        guid,
        link: server.url(&format!("/p/{guid}")),
        summary: "A one-line standfirst.",
        content: None,
    }
}

fn rss(items: &[Item<'_>]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Test</title>",
    );
    for (i, it) in items.iter().enumerate() {
        let date = chrono::DateTime::from_timestamp(1_790_000_000 - i as i64 * 3600, 0)
            .map(|d| d.to_rfc2822())
            .unwrap_or_default();
        out.push_str(&format!(
            "<item><guid isPermaLink=\"false\">{}</guid><title>Story {}</title><link>{}</link>\
             <pubDate>{date}</pubDate><description>{}</description>",
            it.guid, it.guid, it.link, it.summary
        ));
        if let Some(content) = &it.content {
            out.push_str(&format!(
                "<content:encoded><![CDATA[{content}]]></content:encoded>"
            ));
        }
        out.push_str("</item>");
    }
    out.push_str("</channel></rss>");
    out
}

fn serve_feed(server: &TestServer, path: &str, items: &[Item<'_>]) -> String {
    let body = rss(items);
    server.route(path, move |_| {
        Reply::ok(body.clone()).header("Content-Type", "application/rss+xml")
    });
    server.url(path)
}

fn fetcher() -> Fetcher {
    Fetcher::new(FetchSettings {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        max_bytes: 1024 * 1024,
    })
    .unwrap()
}

fn store_with(urls: &[&str]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let subs: Vec<Subscription> = urls
        .iter()
        .map(|u| Subscription {
            url: u.to_string(),
            title: None,
            tags: vec![],
        })
        .collect();
    store.sync_subscriptions(&subs).unwrap();
    store
}

fn options(full_text_fetches: usize) -> PollOptions {
    PollOptions {
        jobs: 8,
        per_host: 4,
        force: true,
        keep_days: 100_000,
        keep_per_feed: 2000,
        rules: Arc::new(sift::clean::RuleSet::builtin()),
        topics: std::sync::Arc::new(sift::topics::builtin_scorer().expect("built-in topics")),
        full_text_fetches,
    }
}

/// One poll of every feed in `store`, each with the mode `mode_of` gives
/// its URL; returns the store, the summary and how many pages were queued.
fn poll_modes(
    store: Store,
    options: &PollOptions,
    mode_of: impl Fn(&str) -> FullText,
) -> (Store, PollSummary, Vec<usize>) {
    let targets: Vec<PollTarget> = store
        .feeds()
        .unwrap()
        .iter()
        .map(|s| PollTarget::from_state(s, None).with_full_text(mode_of(&s.url)))
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let queued = Mutex::new(Vec::new());
    let fetcher = fetcher();
    let (store, summary) = runtime
        .block_on(async {
            tokio::time::timeout(
                POLL_DEADLINE,
                poller::poll_with_events(store, &fetcher, targets, options, |event| {
                    if let PollEvent::PagesQueued(n) = event {
                        queued.lock().unwrap().push(n);
                    }
                }),
            )
            .await
        })
        .expect("the poll finishes in time");
    (
        store.expect("the store comes back"),
        summary,
        queued.into_inner().unwrap(),
    )
}

fn poll(store: Store, fetches: usize) -> (Store, PollSummary) {
    let (store, summary, _) = poll_modes(store, &options(fetches), |_| FullText::Auto);
    (store, summary)
}

/// The id of the article with `guid` (titles are `Story {guid}`).
fn id_of(store: &Store, guid: &str) -> i64 {
    let all = QueryOptions {
        noise: NoiseFilter::Include,
        ..Default::default()
    };
    store
        .query_articles(&Query::all(), &all)
        .unwrap()
        .into_iter()
        .find(|a| a.title == format!("Story {guid}"))
        .unwrap_or_else(|| panic!("no article {guid}"))
        .id
}

fn status(store: &Store, guid: &str) -> Option<FullTextStatus> {
    store
        .full_text_state(id_of(store, guid))
        .unwrap()
        .unwrap()
        .status
}

fn page_requests(server: &TestServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/p/"))
        .count()
}

#[test]
fn a_summary_only_item_gets_its_page_once() {
    let server = TestServer::start();
    let feed = serve_feed(
        &server,
        "/feed.xml",
        &[item(&server, "a1"), item(&server, "a2")],
    );
    server.route("/p/a1", |_| article_page());
    server.route("/p/a2", |_| article_page());

    let (store, summary, queued) =
        poll_modes(store_with(&[&feed]), &options(50), |_| FullText::Auto);
    assert_eq!(queued, vec![2]);
    assert_eq!((summary.pages_fetched(), summary.pages_failed()), (2, 0));
    assert!(
        summary.line().ends_with("; full text: 2 fetched"),
        "{}",
        summary.line()
    );
    let article = store.article(id_of(&store, "a1")).unwrap().unwrap();
    let full = article.full_html.as_deref().expect("full text stored");
    assert!(full.contains(PAGE_ONLY), "{full}");
    assert_eq!(article.summary.as_deref(), Some("A one-line standfirst."));
    assert_eq!(status(&store, "a2"), Some(FullTextStatus::Ok));
    // The reader shows the page, not the standfirst.
    let rules = sift::clean::RuleSet::builtin();
    let shown = sift::render::cleaned_body(&article, &rules).text();
    assert!(shown.contains(PAGE_ONLY), "{shown}");
    assert!(sift::render::body_text(&article, 80).contains("Lampedusa"));
    // Searchable.
    assert_eq!(store.search_ids("lampedusa", 10).unwrap().len(), 2);
    // The page was asked for as HTML.
    let request = &server.requests_to("/p/a1")[0];
    assert!(
        request
            .header("accept")
            .is_some_and(|a| a.starts_with("text/html"))
    );

    // A second poll asks for no page again.
    let (_store, summary) = poll(store, 50);
    assert_eq!(summary.updated(), 1, "the feed itself was fetched again");
    assert!(summary.pages.is_empty());
    assert_eq!(page_requests(&server), 2);
    assert!(!summary.line().contains("full text"), "{}", summary.line());
}

#[test]
fn a_missing_page_is_recorded_and_never_retried() {
    let server = TestServer::start();
    let feed = serve_feed(&server, "/feed.xml", &[item(&server, "gone")]);
    // No route for /p/gone: the server answers 404.
    let (store, summary) = poll(store_with(&[&feed]), 50);
    assert_eq!(summary.pages.len(), 1);
    assert_eq!(
        summary.pages[0].result,
        PageResult::Failed {
            error: "HTTP 404 Not Found".into(),
            retry: false
        }
    );
    assert!(
        summary.line().ends_with("; full text: 0 fetched, 1 failed"),
        "{}",
        summary.line()
    );
    let id = id_of(&store, "gone");
    let article = store.article(id).unwrap().unwrap();
    assert_eq!(article.full_error.as_deref(), Some("HTTP 404 Not Found"));
    assert_eq!(article.full_html, None);
    // The reader falls back to the summary.
    assert!(sift::render::body_text(&article, 80).contains("one-line standfirst"));
    assert_eq!(status(&store, "gone"), Some(FullTextStatus::GaveUp));
    // A failed page is not a failed feed.
    assert_eq!(summary.failed(), 0);

    let (store, _) = poll(store, 50);
    let (_store, _) = poll(store, 50);
    assert_eq!(server.requests_to("/p/gone").len(), 1, "never retried");
}

#[test]
fn an_unavailable_page_is_retried_then_given_up_after_three_attempts() {
    let server = TestServer::start();
    let feed = serve_feed(&server, "/feed.xml", &[item(&server, "busy")]);
    server.route("/p/busy", |_| Reply::status(503));
    let mut store = store_with(&[&feed]);
    for attempt in 1..=3u32 {
        let (next, summary) = poll(store, 50);
        store = next;
        let PageResult::Failed { error, retry } = &summary.pages[0].result else {
            panic!("attempt {attempt} fails");
        };
        assert_eq!(error, "HTTP 503 Service Unavailable");
        assert_eq!(*retry, attempt < 3, "attempt {attempt}");
        let state = store
            .full_text_state(id_of(&store, "busy"))
            .unwrap()
            .unwrap();
        assert_eq!(state.attempts, attempt);
    }
    assert_eq!(status(&store, "busy"), Some(FullTextStatus::GaveUp));
    let (_store, summary) = poll(store, 50);
    assert!(summary.pages.is_empty());
    assert_eq!(server.requests_to("/p/busy").len(), 3);
}

#[test]
fn a_page_that_is_not_html_is_refused_with_its_type() {
    let server = TestServer::start();
    let feed = serve_feed(
        &server,
        "/feed.xml",
        &[item(&server, "pdf"), item(&server, "bare")],
    );
    server.route("/p/pdf", |_| {
        Reply::ok(b"%PDF-1.7\n%binary".to_vec()).header("Content-Type", "application/pdf")
    });
    // No type at all, and a body that is no web page either.
    server.route("/p/bare", |_| Reply::ok(b"\x89PNG\r\n\x1a\n".to_vec()));
    let (store, summary) = poll(store_with(&[&feed]), 50);
    assert_eq!(summary.pages_failed(), 2);
    let pdf = store.article(id_of(&store, "pdf")).unwrap().unwrap();
    assert_eq!(
        pdf.full_error.as_deref(),
        Some("not a web page (application/pdf)")
    );
    let bare = store.article(id_of(&store, "bare")).unwrap().unwrap();
    assert!(
        bare.full_error
            .as_deref()
            .is_some_and(|e| e.starts_with("not a web page")),
        "{:?}",
        bare.full_error
    );
    assert_eq!(status(&store, "pdf"), Some(FullTextStatus::GaveUp));
}

#[test]
fn pages_are_decoded_by_their_charset_and_sniffed_when_untyped() {
    let server = TestServer::start();
    let feed = serve_feed(
        &server,
        "/feed.xml",
        &[item(&server, "latin"), item(&server, "plain")],
    );
    server.route("/p/latin", |_| {
        Reply::ok(fixture("latin1.html")).header("Content-Type", "text/html; charset=ISO-8859-1")
    });
    // No Content-Type: the body is sniffed as HTML.
    server.route("/p/plain", |_| Reply::ok(fixture("article.html")));
    let (store, summary) = poll(store_with(&[&feed]), 50);
    assert_eq!(summary.pages_fetched(), 2, "{:?}", summary.pages);
    let latin = store.article(id_of(&store, "latin")).unwrap().unwrap();
    let html = latin.full_html.unwrap();
    assert!(html.contains("The café on the corner"), "{html}");
    let plain = store.article(id_of(&store, "plain")).unwrap().unwrap();
    assert!(plain.full_html.unwrap().contains(PAGE_ONLY));
}

#[test]
fn no_full_text_fetches_nothing_and_a_later_poll_catches_up() {
    let server = TestServer::start();
    let feed = serve_feed(&server, "/feed.xml", &[item(&server, "later")]);
    server.route("/p/later", |_| article_page());
    let (store, summary, queued) =
        poll_modes(store_with(&[&feed]), &options(0), |_| FullText::Auto);
    assert!(queued.is_empty(), "the stage did not run");
    assert!(summary.pages.is_empty());
    assert_eq!(page_requests(&server), 0);
    assert_eq!(status(&store, "later"), Some(FullTextStatus::Wanted));
    // Earlier articles never tried are fetched by the next poll.
    let (store, summary) = poll(store, 50);
    assert_eq!(summary.pages_fetched(), 1);
    assert_eq!(status(&store, "later"), Some(FullTextStatus::Ok));
}

#[test]
fn full_text_modes_decide_which_items_are_fetched() {
    let server = TestServer::start();
    let long = format!("<p>{}</p>", "A paragraph that goes on and on. ".repeat(20));
    let long_item = |guid: &'static str| Item {
        content: Some(long.clone()),
        ..item(&server, guid)
    };
    let never = serve_feed(&server, "/never.xml", &[item(&server, "n1")]);
    let always = serve_feed(
        &server,
        "/always.xml",
        &[long_item("l1"), item(&server, "s1")],
    );
    let auto = serve_feed(
        &server,
        "/auto.xml",
        &[long_item("l2"), item(&server, "s2")],
    );
    let noise = Item {
        link: server.url("/p/subscription/offer"),
        ..item(&server, "promo")
    };
    let with_noise = serve_feed(&server, "/noise.xml", &[noise]);
    for page in [
        "/p/n1",
        "/p/l1",
        "/p/s1",
        "/p/l2",
        "/p/s2",
        "/p/subscription/offer",
    ] {
        server.route(page, |_| article_page());
    }
    let store = store_with(&[&never, &always, &auto, &with_noise]);
    let (store, summary, _) = poll_modes(store, &options(50), |url| {
        if url.ends_with("/never.xml") {
            FullText::Never
        } else if url.ends_with("/always.xml") {
            FullText::Always
        } else {
            FullText::Auto
        }
    });
    assert_eq!(summary.updated(), 4);
    let mut fetched: Vec<String> = server
        .requests()
        .into_iter()
        .map(|r| r.path)
        .filter(|p| p.starts_with("/p/"))
        .collect();
    fetched.sort();
    assert_eq!(
        fetched,
        vec!["/p/l1", "/p/s1", "/p/s2"],
        "never: none; always: even long content; auto: short only; noise items: none"
    );
    assert_eq!(status(&store, "n1"), None);
    assert_eq!(status(&store, "l2"), None);
    assert_eq!(status(&store, "promo"), None);
    assert_eq!(status(&store, "l1"), Some(FullTextStatus::Ok));
}

#[test]
fn the_per_poll_cap_takes_the_newest_and_leaves_the_rest_for_later() {
    let server = TestServer::start();
    let guids: Vec<String> = (0..10).map(|i| format!("c{i}")).collect();
    let items: Vec<Item<'_>> = guids.iter().map(|g| item(&server, g)).collect();
    let feed = serve_feed(&server, "/feed.xml", &items);
    for g in &guids {
        server.route(&format!("/p/{g}"), |_| article_page());
    }
    let fetched_paths = |server: &TestServer| -> Vec<String> {
        let mut paths: Vec<String> = server
            .requests()
            .into_iter()
            .map(|r| r.path)
            .filter(|p| p.starts_with("/p/"))
            .collect();
        paths.sort();
        paths
    };
    let (store, summary, queued) =
        poll_modes(store_with(&[&feed]), &options(3), |_| FullText::Auto);
    assert_eq!(queued, vec![3]);
    assert_eq!(summary.pages_fetched(), 3);
    // Newest first: c0 is the newest item.
    assert_eq!(fetched_paths(&server), vec!["/p/c0", "/p/c1", "/p/c2"]);
    let (store, summary) = poll(store, 3);
    assert_eq!(summary.pages_fetched(), 3);
    assert_eq!(fetched_paths(&server).len(), 6);
    assert!(fetched_paths(&server).contains(&"/p/c5".to_string()));
    let (store, summary) = poll(store, 3);
    let (_store, last) = poll(store, 3);
    assert_eq!((summary.pages_fetched(), last.pages_fetched()), (3, 1));
    assert_eq!(fetched_paths(&server).len(), 10, "each page exactly once");
}

#[test]
fn page_fetches_keep_to_the_per_host_limit() {
    let server = TestServer::start();
    let guids: Vec<String> = (0..8).map(|i| format!("h{i}")).collect();
    let items: Vec<Item<'_>> = guids.iter().map(|g| item(&server, g)).collect();
    let feed = serve_feed(&server, "/feed.xml", &items);
    for g in &guids {
        server.route(&format!("/p/{g}"), |_| {
            article_page().delay(Duration::from_millis(200))
        });
    }
    let opts = PollOptions {
        per_host: 2,
        ..options(50)
    };
    let (_store, summary, _) = poll_modes(store_with(&[&feed]), &opts, |_| FullText::Auto);
    assert_eq!(summary.pages_fetched(), 8);
    assert_eq!(
        server.max_in_flight(),
        2,
        "at most 2 at once, and 2 did run together"
    );
}

#[test]
fn a_failed_feed_fetch_leaves_articles_and_their_full_text_alone() {
    let server = TestServer::start();
    let body = rss(&[item(&server, "kept")]);
    let broken = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = broken.clone();
    server.route("/feed.xml", move |_| {
        if flag.load(std::sync::atomic::Ordering::SeqCst) {
            Reply::status(500)
        } else {
            Reply::ok(body.clone())
        }
    });
    server.route("/p/kept", |_| article_page());
    let feed = server.url("/feed.xml");
    let (store, summary) = poll(store_with(&[&feed]), 50);
    assert_eq!(summary.pages_fetched(), 1);
    let id = id_of(&store, "kept");
    let before = store.article(id).unwrap().unwrap();

    broken.store(true, std::sync::atomic::Ordering::SeqCst);
    let (store, summary) = poll(store, 50);
    assert!(matches!(
        summary.reports[0].result,
        FeedResult::Failed { .. }
    ));
    assert!(summary.pages.is_empty());
    let after = store.article(id).unwrap().unwrap();
    assert_eq!(after, before);
    assert!(after.full_html.is_some_and(|h| h.contains(PAGE_ONLY)));
    assert_eq!(server.requests_to("/p/kept").len(), 1);
}

#[test]
fn a_host_that_cannot_be_reached_is_tried_once_per_poll() {
    let server = TestServer::start();
    // A port that was just free: connecting to it is refused.
    let dead = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let guids = ["d1", "d2", "d3", "live"];
    let mut items: Vec<Item<'_>> = guids.iter().map(|g| item(&server, g)).collect();
    for it in &mut items[..3] {
        it.link = format!("http://127.0.0.1:{dead}/p/{}", it.guid);
    }
    let feed = serve_feed(&server, "/feed.xml", &items);
    server.route("/p/live", |_| article_page());
    let attempts = |store: &Store, guid: &str| {
        store
            .full_text_state(id_of(store, guid))
            .unwrap()
            .unwrap()
            .attempts
    };

    let mut store = store_with(&[&feed]);
    for poll_number in 1..=2u32 {
        let (next, summary) = poll(store, 50);
        store = next;
        // The live page is fetched by the first poll, and then done.
        let pages = if poll_number == 1 { 4 } else { 3 };
        assert_eq!(summary.pages.len(), pages, "poll {poll_number}");
        let mut tried = 0;
        for page in &summary.pages {
            match &page.result {
                PageResult::Fetched => assert!(page.url.ends_with("/p/live")),
                PageResult::Failed { error, retry } => {
                    assert!(*retry, "{error}");
                    let skipped = format!("not tried: 127.0.0.1:{dead} could not be reached");
                    if error.starts_with(&skipped) {
                        continue;
                    }
                    assert!(error.starts_with("could not connect"), "{error}");
                    tried += 1;
                }
            }
        }
        assert_eq!(tried, 1, "poll {poll_number}: one try for the dead host");
        // The skipped pages keep their attempts for a later poll.
        let total: u32 = ["d1", "d2", "d3"].iter().map(|g| attempts(&store, g)).sum();
        assert_eq!(total, poll_number);
        assert_eq!(status(&store, "live"), Some(FullTextStatus::Ok));
    }
}

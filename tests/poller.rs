//! The poller against a real HTTP server on 127.0.0.1: status codes,
//! conditional requests, redirects, limits, hints, and what a failure
//! leaves behind.

mod support;

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sift::fetch::{FetchSettings, Fetcher};
use sift::model::Subscription;
use sift::poller::{self, FeedResult, PollOptions, PollSummary, PollTarget};
use sift::query::{Flag, Query, Term};
use sift::store::{NoiseFilter, QueryOptions, Store};
use support::server::{Reply, TestServer};

fn rss(items: &[(&str, &str)], extra_channel: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Test feed</title><link>http://example.test/</link>",
    );
    out.push_str(extra_channel);
    for (guid, title) in items {
        out.push_str(&format!(
            "<item><guid isPermaLink=\"false\">{guid}</guid><title>{title}</title><link>http://example.test/{guid}</link>\
             <pubDate>Fri, 27 Nov 2026 08:40:00 +0000</pubDate><description>About {title}</description></item>"
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}

fn two_items() -> String {
    rss(&[("a1", "First story"), ("a2", "Second story")], "")
}

fn fetcher(timeout: Duration, max_bytes: u64) -> Fetcher {
    Fetcher::new(FetchSettings {
        connect_timeout: Duration::from_secs(2),
        timeout,
        max_bytes,
    })
    .unwrap()
}

fn store_with(urls: &[String]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let subs: Vec<Subscription> = urls
        .iter()
        .map(|u| Subscription {
            url: u.clone(),
            title: None,
            tags: vec![],
        })
        .collect();
    store.sync_subscriptions(&subs).unwrap();
    store
}

fn options(force: bool) -> PollOptions {
    PollOptions {
        jobs: 8,
        per_host: 4,
        force,
        keep_days: 100_000,
        keep_per_feed: 2000,
        rules: std::sync::Arc::new(sift::clean::RuleSet::builtin()),
        topics: std::sync::Arc::new(sift::topics::builtin_scorer().expect("built-in topics")),
        // These feeds link to example.test: no article pages here (see
        // tests/full_text.rs).
        full_text_fetches: 0,
    }
}

fn poll_with(store: Store, fetcher: &Fetcher, options: &PollOptions) -> (Store, PollSummary) {
    let targets: Vec<PollTarget> = store
        .feeds()
        .unwrap()
        .iter()
        .map(|s| PollTarget::from_state(s, None))
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (store, summary) = runtime.block_on(poller::poll(store, fetcher, targets, options, |_| {}));
    (store.expect("store comes back"), summary)
}

fn poll(store: Store, force: bool) -> (Store, PollSummary) {
    poll_with(
        store,
        &fetcher(Duration::from_secs(5), 1024 * 1024),
        &options(force),
    )
}

fn only(summary: &PollSummary) -> &FeedResult {
    assert_eq!(summary.reports.len(), 1, "{:?}", summary.reports);
    &summary.reports[0].result
}

fn failed_with(summary: &PollSummary, needle: &str) {
    match only(summary) {
        FeedResult::Failed { error } => {
            assert!(error.contains(needle), "error {error:?} lacks {needle:?}")
        }
        other => panic!("expected a failure containing {needle:?}, got {other:?}"),
    }
}

fn article_count(store: &Store) -> u64 {
    store.count_query(&Query::all(), NoiseFilter::Hide).unwrap()
}

#[test]
fn etag_makes_the_second_poll_a_304() {
    let server = TestServer::start();
    server.route("/feed", |req| match req.header("if-none-match") {
        Some("\"v1\"") => Reply::status(304).header("ETag", "\"v1\""),
        _ => Reply::ok(two_items())
            .header("ETag", "\"v1\"")
            .header("Content-Type", "application/rss+xml"),
    });
    let store = store_with(&[server.url("/feed")]);
    let (store, first) = poll(store, false);
    assert_eq!(only(&first), &FeedResult::Updated { new: 2, updated: 0 });
    let (store, second) = poll(store, false);
    assert_eq!(only(&second), &FeedResult::NotModified);
    let requests = server.requests_to("/feed");
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].header("if-none-match"),
        None,
        "the first poll is unconditional"
    );
    assert_eq!(requests[1].header("if-none-match"), Some("\"v1\""));
    assert!(
        requests[0]
            .header("user-agent")
            .unwrap()
            .starts_with("sift/")
    );
    assert_eq!(article_count(&store), 2);
}

#[test]
fn last_modified_makes_the_second_poll_a_304() {
    let server = TestServer::start();
    let stamp = "Fri, 27 Nov 2026 09:15:00 GMT";
    server.route("/feed", move |req| match req.header("if-modified-since") {
        Some(s) if s == stamp => Reply::status(304),
        _ => Reply::ok(two_items()).header("Last-Modified", stamp),
    });
    let (store, _) = poll(store_with(&[server.url("/feed")]), false);
    let (_, second) = poll(store, false);
    assert_eq!(only(&second), &FeedResult::NotModified);
    assert_eq!(
        server.requests_to("/feed")[1].header("if-modified-since"),
        Some(stamp)
    );
}

#[test]
fn permanent_redirects_are_reported_and_temporary_ones_are_not() {
    let server = TestServer::start();
    let new_url = server.url("/new");
    let target = new_url.clone();
    server.route("/moved301", move |_| {
        Reply::status(301).header("Location", &target)
    });
    server.route("/moved308", |_| {
        Reply::status(308).header("Location", "/new")
    });
    server.route("/temp302", |_| {
        Reply::status(302).header("Location", "/new")
    });
    server.route("/new", |_| Reply::ok(two_items()));
    for (path, permanent) in [
        ("/moved301", true),
        ("/moved308", true),
        ("/temp302", false),
    ] {
        let (_, summary) = poll(store_with(&[server.url(path)]), false);
        let report = &summary.reports[0];
        assert_eq!(
            report.result,
            FeedResult::Updated { new: 2, updated: 0 },
            "{path}"
        );
        assert_eq!(
            report.moved_to.as_deref(),
            permanent.then_some(new_url.as_str()),
            "{path}"
        );
    }
}

#[test]
fn redirect_loops_and_long_chains_stop_after_five_hops() {
    let server = TestServer::start();
    server.route("/loop", |_| Reply::status(302).header("Location", "/loop"));
    for hop in 0..20 {
        let next = format!("/hop{}", hop + 1);
        server.route(&format!("/hop{hop}"), move |_| {
            Reply::status(301).header("Location", &next)
        });
    }
    let (_, summary) = poll(store_with(&[server.url("/loop")]), false);
    failed_with(&summary, "more than 5 redirects");
    let (_, summary) = poll(store_with(&[server.url("/hop0")]), false);
    failed_with(&summary, "more than 5 redirects");
    assert_eq!(server.requests_to("/loop").len(), 6);
}

#[test]
fn http_errors_fail_the_feed_back_off_and_keep_its_articles() {
    let server = TestServer::start();
    let mode = Arc::new(AtomicUsize::new(200));
    let m = mode.clone();
    server.route("/feed", move |_| match m.load(Ordering::SeqCst) {
        200 => Reply::ok(two_items()),
        code => Reply::status(code as u16),
    });
    let (mut store, _) = poll(store_with(&[server.url("/feed")]), false);
    let ids: Vec<i64> = store
        .query_articles(&Query::all(), &QueryOptions::default())
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    store.set_read(&ids[..1], true).unwrap();
    store.set_starred(&ids[1..], true).unwrap();

    for (code, text) in [
        (404, "HTTP 404 Not Found"),
        (410, "gone for good"),
        (500, "HTTP 500"),
    ] {
        mode.store(code, Ordering::SeqCst);
        let (s, summary) = poll(store, true);
        store = s;
        failed_with(&summary, text);
        assert_eq!(
            article_count(&store),
            2,
            "a failure leaves the cache as it was"
        );
        let feed = &store.feeds().unwrap()[0];
        assert!(
            feed.last_error
                .as_deref()
                .unwrap()
                .contains(&code.to_string())
        );
        assert!(
            feed.next_poll_at.unwrap() > poller::now(),
            "failures back off"
        );
    }
    let feed = &store.feeds().unwrap()[0];
    assert_eq!(feed.error_count, 3);
    let unread = store
        .count_query(&Query::all().and(Term::Is(Flag::Unread)), NoiseFilter::Hide)
        .unwrap();
    let starred = store
        .count_query(
            &Query::all().and(Term::Is(Flag::Starred)),
            NoiseFilter::Hide,
        )
        .unwrap();
    assert_eq!((unread, starred), (1, 1), "user state survives failures");

    // Backing off: without --force the feed is not fetched.
    let before = server.requests_to("/feed").len();
    let (store, summary) = poll(store, false);
    assert!(matches!(only(&summary), FeedResult::Skipped { .. }));
    assert_eq!(server.requests_to("/feed").len(), before);

    // Recovery clears the error state.
    mode.store(200, Ordering::SeqCst);
    let (store, summary) = poll(store, true);
    assert!(matches!(only(&summary), FeedResult::Updated { .. }));
    let feed = &store.feeds().unwrap()[0];
    assert_eq!((feed.error_count, feed.last_error.as_deref()), (0, None));
}

#[test]
fn too_many_requests_honours_retry_after() {
    let server = TestServer::start();
    server.route("/feed", |_| {
        Reply::status(429).header("Retry-After", "3600")
    });
    let now = poller::now();
    let (store, summary) = poll(store_with(&[server.url("/feed")]), false);
    failed_with(&summary, "HTTP 429 Too Many Requests (retry after 3600 s)");
    let next = store.feeds().unwrap()[0].next_poll_at.unwrap();
    assert!(
        next >= now + 3600 && next <= now + 3700,
        "next poll {next} vs now {now}"
    );
    let (_, summary) = poll(store, false);
    assert!(matches!(only(&summary), FeedResult::Skipped { .. }));
}

#[test]
fn service_unavailable_with_a_date_retry_after() {
    let server = TestServer::start();
    let when = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(600));
    server.route("/feed", move |_| {
        Reply::status(503).header("Retry-After", &when)
    });
    let now = poller::now();
    let (store, summary) = poll(store_with(&[server.url("/feed")]), false);
    failed_with(&summary, "HTTP 503");
    let next = store.feeds().unwrap()[0].next_poll_at.unwrap();
    assert!(next >= now + 590, "next poll {next} vs now {now}");
}

#[test]
fn server_freshness_hints_delay_the_next_poll_unless_forced() {
    let server = TestServer::start();
    server.route("/maxage", |_| {
        Reply::ok(two_items()).header("Cache-Control", "max-age=600")
    });
    server.route("/ttl", |_| {
        Reply::ok(rss(&[("t1", "Ttl story")], "<ttl>60</ttl>"))
    });
    server.route("/revalidate", |_| {
        Reply::ok(rss(&[("r1", "Fresh story")], "<ttl>60</ttl>"))
            .header("Cache-Control", "max-age=0")
    });
    for (path, delayed) in [("/maxage", true), ("/ttl", true), ("/revalidate", false)] {
        let (store, _) = poll(store_with(&[server.url(path)]), false);
        let (store, summary) = poll(store, false);
        assert_eq!(
            matches!(only(&summary), FeedResult::Skipped { .. }),
            delayed,
            "{path}"
        );
        let (_, summary) = poll(store, true);
        assert!(
            matches!(only(&summary), FeedResult::Updated { .. }),
            "{path} with --force"
        );
    }
}

#[test]
fn a_slow_server_times_out() {
    let server = TestServer::start();
    server.route("/slow", |_| {
        Reply::ok(two_items()).delay(Duration::from_secs(4))
    });
    server.route("/drip", |_| Reply {
        drip: Some(Duration::from_millis(500)),
        ..Reply::ok(two_items())
    });
    for path in ["/slow", "/drip"] {
        let started = std::time::Instant::now();
        let f = fetcher(Duration::from_secs(1), 1024 * 1024);
        let (_, summary) = poll_with(store_with(&[server.url(path)]), &f, &options(false));
        failed_with(&summary, "timed out after 1 s");
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{path} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn oversized_bodies_are_cut_off() {
    let server = TestServer::start();
    let big = rss(&[("b", &"x".repeat(300_000))], "");
    let big2 = big.clone();
    server.route("/big", move |_| Reply::ok(big.clone()));
    // A lying server: no Content-Length, body streamed until close.
    server.route("/big-unannounced", move |_| {
        Reply::ok(big2.clone()).header("Content-Length", "100000000")
    });
    for path in ["/big", "/big-unannounced"] {
        let f = fetcher(Duration::from_secs(5), 100_000);
        let (_, summary) = poll_with(store_with(&[server.url(path)]), &f, &options(false));
        failed_with(&summary, "larger than");
    }
}

#[test]
fn gzip_bodies_and_wrong_content_types_still_parse() {
    let server = TestServer::start();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(two_items().as_bytes()).unwrap();
    let compressed = gz.finish().unwrap();
    server.route("/gzip", move |_| {
        Reply::ok(compressed.clone()).header("Content-Encoding", "gzip")
    });
    server.route("/png", |_| {
        Reply::ok(two_items()).header("Content-Type", "image/png")
    });
    for path in ["/gzip", "/png"] {
        let (_, summary) = poll(store_with(&[server.url(path)]), false);
        assert_eq!(
            only(&summary),
            &FeedResult::Updated { new: 2, updated: 0 },
            "{path}"
        );
    }
    assert!(
        server.requests_to("/gzip")[0]
            .header("accept-encoding")
            .unwrap()
            .contains("gzip")
    );
}

#[test]
fn garbage_and_empty_bodies_fail_with_a_reason() {
    let server = TestServer::start();
    server.route("/garbage", |_| {
        Reply::ok(vec![0u8, 159, 146, 150, 7, 255, 3, 1])
    });
    server.route("/empty", |_| Reply::ok(Vec::new()));
    for path in ["/garbage", "/empty"] {
        let (_, summary) = poll(store_with(&[server.url(path)]), false);
        match only(&summary) {
            FeedResult::Failed { error } => assert!(!error.is_empty()),
            other => panic!("{path}: {other:?}"),
        }
    }
}

#[test]
fn one_failing_feed_does_not_stop_the_others() {
    let server = TestServer::start();
    server.route("/good", |_| Reply::ok(two_items()));
    server.route("/bad", |_| Reply::status(500));
    let (store, summary) = poll(
        store_with(&[server.url("/good"), server.url("/bad")]),
        false,
    );
    assert_eq!((summary.updated(), summary.failed()), (1, 1));
    assert_eq!(article_count(&store), 2);
    assert!(
        summary
            .line()
            .starts_with("polled 2 feeds: 1 updated, 0 not modified, 1 failed; 2 new articles in ")
    );
}

#[test]
fn at_most_per_host_requests_at_once() {
    // Eight slow feeds on one host; returns the most answered at once.
    fn busiest(jobs: usize, per_host: usize) -> usize {
        let server = TestServer::start();
        let urls: Vec<String> = (0..8)
            .map(|i| {
                let path = format!("/f{i}");
                server.route(&path, |_| {
                    Reply::ok(two_items()).delay(Duration::from_millis(300))
                });
                server.url(&path)
            })
            .collect();
        let f = fetcher(Duration::from_secs(10), 1024 * 1024);
        let opts = PollOptions {
            jobs,
            per_host,
            ..options(false)
        };
        let (_, summary) = poll_with(store_with(&urls), &f, &opts);
        assert_eq!(summary.updated(), 8);
        server.max_in_flight()
    }
    assert_eq!(busiest(8, 2), 2, "the per-host limit");
    assert_eq!(busiest(4, 8), 4, "the jobs limit");
    // Fewer fetched feeds wait to be parsed than are fetched at once (two
    // per parser): the fetches still all run together.
    assert_eq!(busiest(8, 8), 8, "every job fetches");
}

#[test]
fn a_reset_mid_body_fails_cleanly() {
    let server = TestServer::start();
    server.route("/cut", |_| Reply {
        cut_after: Some(60),
        ..Reply::ok(two_items())
    });
    let (store, summary) = poll(store_with(&[server.url("/cut")]), false);
    assert!(matches!(only(&summary), FeedResult::Failed { .. }));
    assert_eq!(article_count(&store), 0);
}

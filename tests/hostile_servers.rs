//! Hostile servers and documents, each in a poll beside a good feed: the
//! poll ends within its bound, the hostile feed gets a clear error, the
//! good feed is stored, and the process stays under 200 MB. One test runs
//! the cases in turn, so this binary's peak memory is theirs.

mod support;

use std::io::Write;
use std::time::{Duration, Instant};

use sift::fetch::{FetchSettings, Fetcher};
use sift::model::Subscription;
use sift::poller::{self, FeedResult, PollOptions, PollTarget};
use sift::query::Query;
use sift::store::{QueryOptions, Store};
use support::server::{Reply, TestServer};

const GOOD: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Good</title>\
    <item><guid>g1</guid><title>A good story</title><link>http://example.test/g1</link></item>\
    </channel></rss>";

/// Peak resident memory of this process so far, in MB (Linux).
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// Polls the good feed and `path` together; returns the hostile feed's
/// result, how long the poll took, and the longest title stored.
fn poll_beside_good(
    server: &TestServer,
    path: &str,
    timeout: Duration,
) -> (FeedResult, Duration, usize) {
    let mut store = Store::open_in_memory().unwrap();
    let urls = [server.url("/good"), server.url(path)];
    let subs: Vec<Subscription> = urls
        .iter()
        .map(|u| Subscription {
            url: u.clone(),
            title: None,
            tags: vec![],
        })
        .collect();
    store.sync_subscriptions(&subs).unwrap();
    let targets: Vec<PollTarget> = store
        .feeds()
        .unwrap()
        .iter()
        .map(|s| PollTarget::from_state(s, None))
        .collect();
    let fetcher = Fetcher::new(FetchSettings {
        connect_timeout: Duration::from_secs(2),
        timeout,
        max_bytes: 16 * 1024 * 1024,
    })
    .unwrap();
    let options = PollOptions {
        jobs: 4,
        per_host: 4,
        force: true,
        keep_days: 100_000,
        keep_per_feed: 2000,
        rules: std::sync::Arc::new(sift::clean::RuleSet::builtin()),
        topics: std::sync::Arc::new(sift::topics::builtin_scorer().expect("built-in topics")),
        full_text_fetches: 0,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    let (store, summary) =
        runtime.block_on(poller::poll(store, &fetcher, targets, &options, |_| {}));
    let elapsed = started.elapsed();
    runtime.shutdown_background();
    let store = store.expect("the store comes back");
    let good = summary
        .reports
        .iter()
        .find(|r| r.url.ends_with("/good"))
        .expect("good feed reported");
    assert!(
        matches!(good.result, FeedResult::Updated { .. }),
        "{path}: the good feed suffered: {:?}",
        good.result
    );
    let stored = store
        .query_articles(&Query::all(), &QueryOptions::default())
        .unwrap();
    assert!(
        !stored.is_empty(),
        "{path}: the good feed's story was not stored"
    );
    let longest = stored.iter().map(|a| a.title.len()).max().unwrap_or(0);
    let hostile = summary
        .reports
        .iter()
        .find(|r| r.url.ends_with(path))
        .expect("hostile feed reported")
        .result
        .clone();
    (hostile, elapsed, longest)
}

/// A gzip body that inflates to `mib` MiB of zeros (about 1 MB on the
/// wire).
fn gzip_bomb(mib: usize) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let block = vec![0u8; 1024 * 1024];
    for _ in 0..mib {
        enc.write_all(&block).unwrap();
    }
    enc.finish().unwrap()
}

#[test]
fn hostile_servers_fail_alone_quickly_and_in_little_memory() {
    let server = TestServer::start();
    server.route("/good", |_| Reply::ok(GOOD));

    // Each case: path, reply, time bound, what the error says (any of).
    let deep = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Deep</title><item><title>{}x{}</title></item></channel></rss>",
        "<b>".repeat(100_000),
        "</b>".repeat(100_000)
    );
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">\
        <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\
        <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\
        <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\
        <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\
        <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\
        <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\
        <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\
        <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>\
        <rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>l</guid></item></channel></rss>";
    let attribute = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Attr</title><item a=\"{}\"><title>Big attribute</title><guid>a</guid></item></channel></rss>",
        "x".repeat(10 * 1024 * 1024)
    );
    let mut latin1 = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>Caf\xe9 diplomacy \xff\xfe</title><guid>c</guid></item></channel></rss>".to_vec();
    latin1.extend_from_slice(b"\n");
    let html =
        "<!doctype html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>";

    server.route("/slowloris", |_| Reply {
        drip: Some(Duration::from_secs(1)),
        ..Reply::ok(GOOD)
    });
    server.route("/endless", |_| Reply {
        endless: true,
        ..Reply::ok(vec![b'x'; 64 * 1024])
    });
    let bomb = gzip_bomb(1024);
    server.route("/bomb", move |_| {
        Reply::ok(bomb.clone())
            .header("Content-Encoding", "gzip")
            .header("Content-Type", "application/rss+xml")
    });
    server.route("/laughs", move |_| Reply::ok(laughs));
    server.route("/deep", move |_| Reply::ok(deep.clone()));
    server.route("/attribute", move |_| Reply::ok(attribute.clone()));
    server.route("/latin1", move |_| Reply::ok(latin1.clone()));
    server.route("/html", move |_| {
        Reply::ok(html).header("Content-Type", "text/html; charset=utf-8")
    });
    server.route("/reset", |_| Reply {
        cut_after: Some(40),
        ..Reply::ok(GOOD).header("Content-Length", "10000")
    });
    server.route("/storm", |_| Reply::status(503));

    // Path, time bound in seconds, and the error it must give; `None`:
    // it parses, harmlessly (entities unexpanded, the attribute ignored).
    let cases: &[(&str, u64, Option<&str>)] = &[
        ("/slowloris", 6, Some("timed out after 3 s")),
        ("/endless", 20, Some("larger than the 16 MiB limit")),
        ("/bomb", 20, Some("larger than the 16 MiB limit")),
        ("/laughs", 20, None),
        ("/deep", 20, Some("nested more than")),
        ("/attribute", 20, None),
        ("/latin1", 20, None),
        ("/html", 20, Some("this is a web page, not a feed")),
        ("/reset", 20, Some("broken response body")),
        ("/storm", 20, Some("503")),
    ];
    for (path, bound, expected) in cases {
        let (result, elapsed, longest) = poll_beside_good(&server, path, Duration::from_secs(3));
        eprintln!("{path}: {result:?} in {elapsed:?}");
        assert!(
            elapsed < Duration::from_secs(*bound),
            "{path} took {elapsed:?} (bound {bound} s)"
        );
        match (&result, expected) {
            (FeedResult::Failed { error }, Some(needle)) => {
                assert!(error.contains(needle), "{path}: {error:?} lacks {needle:?}");
                assert!(!error.chars().any(|c| c.is_control()), "{path}: {error:?}");
            }
            (FeedResult::Updated { .. }, None) => {
                // No billion laughs: titles stay small.
                assert!(longest < 10_000, "{path}: a title of {longest} bytes");
            }
            (other, _) => panic!("{path}: expected {expected:?}, got {other:?}"),
        }
        if let Some(mb) = peak_mb() {
            assert!(mb < 200, "{path}: peak memory {mb} MB");
        }
    }
    // A storm of 5xx from many feeds at once: each fails, none hangs.
    let started = Instant::now();
    for _ in 0..3 {
        let (result, _, _) = poll_beside_good(&server, "/storm", Duration::from_secs(3));
        assert!(matches!(result, FeedResult::Failed { .. }));
    }
    assert!(started.elapsed() < Duration::from_secs(15));
    eprintln!("peak memory: {:?} MB", peak_mb());
}

//! Query text -> parse -> run on a small store. A query that parses must
//! also run: SQLite rejecting the SQL we built is a bug, so it panics here.
#![no_main]

use std::sync::LazyLock;
use std::sync::Mutex;

use libfuzzer_sys::fuzz_target;
use sift::model::{NewArticle, ParsedFeed, Subscription};
use sift::query::Query;
use sift::store::{IngestMeta, NoiseFilter, Store, ViewOrder};

const NOW: i64 = 1_700_000_000;

/// One store for the whole run (built once; queries only read it). The
/// temp dir lives as long as the process.
static STORE: LazyLock<Mutex<(tempfile::TempDir, Store)>> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("sift.db")).expect("open store");
    let subs = [Subscription {
        url: "https://example.com/feed.xml".to_string(),
        title: Some("Example".to_string()),
        tags: vec!["news".to_string()],
    }];
    store.sync_subscriptions(&subs).expect("sync");
    let feed_id = store.feeds().expect("feeds")[0].id;
    let item = |n: i64, title: &str, body: &str| NewArticle {
        guid: format!("g{n}"),
        link: Some(format!("https://example.com/{n}")),
        title: title.to_string(),
        author: Some("Ann Author".to_string()),
        published: Some(NOW - n * 3600),
        updated: None,
        summary: Some(body.to_string()),
        content: Some(format!("<p>{body}</p>")),
    };
    let parsed = ParsedFeed {
        title: Some("Example".to_string()),
        items: vec![
            item(
                1,
                "Rust 2024 released",
                "The edition brings async closures.",
            ),
            item(2, "Sponsored: buy now", "Limited offer, subscribe today!"),
            item(
                3,
                "Élan vital — café",
                "Unicode text with ümlauts and 日本語.",
            ),
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
    Mutex::new((dir, store))
});

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let Ok(query) = Query::parse(&text, NOW) else {
        return;
    };
    let guard = STORE.lock().unwrap_or_else(|e| e.into_inner());
    let store = &guard.1;
    for noise in [NoiseFilter::Hide, NoiseFilter::Include, NoiseFilter::Only] {
        store
            .count_query(&query, noise)
            .unwrap_or_else(|e| panic!("count_query failed for {text:?}: {e}"));
    }
    for order in [ViewOrder::Newest, ViewOrder::Oldest, ViewOrder::Feed] {
        store
            .query_ids(&query, NoiseFilter::Hide, order)
            .unwrap_or_else(|e| panic!("query_ids failed for {text:?}: {e}"));
    }
});

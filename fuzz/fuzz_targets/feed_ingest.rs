//! Feed bytes -> parse -> ingest into a fresh store: must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift::model::Subscription;
use sift::store::{IngestMeta, Store};

const FEED_URL: &str = "https://example.com/feed.xml";

fuzz_target!(|bytes: &[u8]| {
    let Ok(parsed) = sift::feed::parse_feed(bytes, Some(FEED_URL)) else {
        return;
    };
    // A store on a temp file (the real on-disk path), one feed synced.
    let Ok(dir) = tempfile::tempdir() else { return };
    let mut store = Store::open(&dir.path().join("sift.db")).expect("open temp store");
    let subs = [Subscription {
        url: FEED_URL.to_string(),
        ..Subscription::default()
    }];
    store.sync_subscriptions(&subs).expect("sync one feed");
    let feed_id = store.feeds().expect("list feeds")[0].id;
    let meta = IngestMeta {
        now: 1_700_000_000,
        etag: None,
        last_modified: None,
        next_poll_at: None,
        keep_days: None,
    };
    store
        .ingest(feed_id, &parsed, &meta)
        .expect("ingest parsed feed");
    // Again: the re-sent path (unchanged items) must hold too.
    store
        .ingest(feed_id, &parsed, &meta)
        .expect("re-ingest parsed feed");
});

//! A cron `sift poll` and an open interface share one file: two processes,
//! here two `Store`s on two threads. Neither may fail with "database is
//! locked", and the result must have no duplicates.

use std::sync::{Arc, Barrier};

use sift::query::Query;
use sift::store::{NoiseFilter, QueryOptions, Store};

use crate::{NOW, item, meta, parsed, sub};

const ROUNDS: i64 = 40;
const ITEMS: i64 = 25;

#[test]
fn two_stores_on_one_file_write_concurrently_without_lock_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = Arc::new(dir.path().join("shared.db"));
    let start = Arc::new(Barrier::new(3));
    let url = "https://shared.example/rss";

    let writer = |name: &'static str| {
        let path = Arc::clone(&path);
        let start = Arc::clone(&start);
        std::thread::spawn(move || -> Result<(), String> {
            start.wait();
            // Both open (and migrate) a fresh file at the same moment.
            let mut store = Store::open(&path).map_err(|e| format!("{name} open: {e}"))?;
            store
                .sync_subscriptions(&[sub(url)])
                .map_err(|e| format!("{name} sync: {e}"))?;
            let feed = store
                .feed_by_url(url)
                .map_err(|e| e.to_string())?
                .ok_or("feed missing")?
                .id;
            for round in 0..ROUNDS {
                // Both threads send the same guids with different text.
                let items = (0..ITEMS)
                    .map(|i| {
                        item(
                            &format!("g{}", round * ITEMS + i),
                            &format!("{name} {round} {i}"),
                            Some(NOW + round),
                        )
                    })
                    .collect();
                store
                    .ingest(feed, &parsed(items), &meta(NOW + round))
                    .map_err(|e| format!("{name} ingest round {round}: {e}"))?;
                let page = store
                    .query_articles(
                        &Query::all(),
                        &QueryOptions {
                            limit: Some(10),
                            ..Default::default()
                        },
                    )
                    .map_err(|e| format!("{name} list: {e}"))?;
                let ids: Vec<_> = page.iter().map(|a| a.id).collect();
                store
                    .set_read(&ids, true)
                    .map_err(|e| format!("{name} set_read: {e}"))?;
            }
            store
                .prune(NOW, Some(3650), Some(10_000))
                .map_err(|e| format!("{name} prune: {e}"))?;
            store
                .optimize()
                .map_err(|e| format!("{name} optimize: {e}"))?;
            Ok(())
        })
    };
    let poller = writer("poller");
    let interface = writer("interface");
    start.wait();
    for handle in [poller, interface] {
        match handle.join() {
            Ok(result) => result.expect("no store error in either thread"),
            Err(_) => panic!("a writer thread panicked"),
        }
    }

    let store = Store::open(&path).expect("reopen");
    let feeds = store.feeds().expect("feeds");
    assert_eq!(feeds.len(), 1, "one feed, not one per thread");
    assert_eq!(
        store
            .count_query(&Query::all(), NoiseFilter::Include)
            .expect("count"),
        (ROUNDS * ITEMS) as u64
    );
    assert_eq!(feeds[0].total, (ROUNDS * ITEMS) as u64);
}

/// Several processes starting at once on a cache that does not exist yet
/// (cron and the interface): switching the new file to WAL can deadlock
/// on its locks, and SQLite then says "busy" without waiting. Every open
/// must still succeed.
#[test]
fn many_stores_open_a_new_file_at_once() {
    // The race is rare: many rounds give it chances.
    for round in 0..30 {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = Arc::new(dir.path().join("new.db"));
        let start = Arc::new(Barrier::new(6));
        let handles: Vec<_> = (0..6)
            .map(|_| {
                let path = Arc::clone(&path);
                let start = Arc::clone(&start);
                std::thread::spawn(move || {
                    start.wait();
                    Store::open(&path).map(|_| ()).map_err(|e| e.to_string())
                })
            })
            .collect();
        for handle in handles {
            let result = handle.join().expect("no panic");
            assert_eq!(result, Ok(()), "round {round}");
        }
    }
}

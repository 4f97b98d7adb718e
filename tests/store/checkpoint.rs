//! The background checkpointer copies committed pages into the database
//! file while the writer's own automatic checkpoints are off.

use std::time::Duration;

use sift::store::Store;

use crate::{NOW, item, meta, parsed, store_with_feeds};

#[test]
fn the_background_checkpointer_fills_the_main_file() {
    let (dir, mut store, feeds) = store_with_feeds(1);
    let db = dir.path().join("sift.db");
    let size = || std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    let checkpointer = store
        .start_checkpointer(Duration::from_millis(20))
        .expect("start")
        .expect("a file database gets a checkpointer");
    let before = size();
    let body = "Diplomats met again to discuss the ceasefire terms. ".repeat(200);
    let items: Vec<_> = (0..300)
        .map(|i| {
            let mut it = item(&format!("g{i}"), &format!("Story {i}"), Some(NOW));
            it.content = Some(body.clone());
            it
        })
        .collect();
    store
        .ingest(feeds[0], &parsed(items), &meta(NOW))
        .expect("ingest");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while size() < before + 1_000_000 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        size() >= before + 1_000_000,
        "main file {} bytes, was {before}",
        size()
    );
    checkpointer.stop();
    store.resume_auto_checkpoint().expect("resume");
    let reader = Store::open(&db).expect("reopen");
    assert_eq!(
        reader.search_ids("ceasefire", 1000).expect("search").len(),
        300
    );
}

#[test]
fn an_in_memory_store_has_nothing_to_checkpoint() {
    let mut store = Store::open_in_memory().expect("open");
    assert!(
        store
            .start_checkpointer(Duration::from_millis(20))
            .expect("start")
            .is_none()
    );
}

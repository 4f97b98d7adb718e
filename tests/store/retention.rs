use sift::query::Query;
use sift::store::{NoiseFilter, QueryOptions};

use crate::{DAY, NOW, id_of, item, meta, parsed, store_with_feeds};

fn all() -> QueryOptions {
    QueryOptions {
        noise: NoiseFilter::Include,
        ..Default::default()
    }
}

fn titles(store: &sift::store::Store) -> Vec<String> {
    store
        .query_articles(&Query::all(), &all())
        .expect("list")
        .into_iter()
        .map(|a| a.title)
        .collect()
}

#[test]
fn prune_by_age_keeps_starred_and_recent() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let feed = feeds[0];
    let docs = vec![
        item("new", "new", Some(NOW - DAY)),
        item("old", "old", Some(NOW - 40 * DAY)),
        item("old-starred", "old-starred", Some(NOW - 50 * DAY)),
    ];
    store
        .ingest(feed, &parsed(docs), &meta(NOW))
        .expect("ingest");
    let starred = id_of(&store, feed, "old-starred");
    store.set_starred(&[starred], true).expect("star");
    // A backlog fetched today is kept, however old its dates.
    assert_eq!(store.prune(NOW, Some(30), None).expect("prune"), 0);
    assert_eq!(titles(&store).len(), 3);
    // Seen 20 days later, dated then: recent in both senses.
    store
        .ingest(
            feed,
            &parsed(vec![item("later", "later", Some(NOW + 20 * DAY))]),
            &meta(NOW + 20 * DAY),
        )
        .expect("ingest later");
    // 31 days on, the first batch is old by date and by time in the cache.
    let then = NOW + 31 * DAY;
    assert_eq!(store.prune(then, Some(30), None).expect("prune"), 2);
    assert_eq!(titles(&store), ["later", "old-starred"]);
    assert_eq!(store.prune(then, Some(30), None).expect("prune again"), 0);
}

#[test]
fn prune_per_feed_keeps_the_newest_unstarred_of_each_feed() {
    let (_dir, mut store, feeds) = store_with_feeds(2);
    let items: Vec<_> = (1..=5)
        .map(|d| item(&format!("f0-{d}"), &format!("f0-{d}"), Some(NOW - d * DAY)))
        .collect();
    store
        .ingest(feeds[0], &parsed(items), &meta(NOW))
        .expect("ingest");
    store
        .ingest(
            feeds[1],
            &parsed(vec![item("f1-9", "f1-9", Some(NOW - 9 * DAY))]),
            &meta(NOW),
        )
        .expect("ingest");
    let oldest = id_of(&store, feeds[0], "f0-5");
    store.set_starred(&[oldest], true).expect("star");

    assert_eq!(store.prune(NOW, None, Some(2)).expect("prune"), 2);
    // Feed 0 keeps its 2 newest plus the starred one; feed 1 is under the cap.
    assert_eq!(titles(&store), ["f0-1", "f0-2", "f0-5", "f1-9"]);
}

/// Only feeds holding more than the cap are ranked (a count over the feed
/// index first); one over it only by a starred article loses nothing.
#[test]
fn prune_per_feed_counts_starred_articles_out_of_the_cap() {
    let (_dir, mut store, feeds) = store_with_feeds(2);
    let items: Vec<_> = (1..=3)
        .map(|d| item(&format!("f0-{d}"), &format!("f0-{d}"), Some(NOW - d * DAY)))
        .collect();
    store
        .ingest(feeds[0], &parsed(items), &meta(NOW))
        .expect("ingest");
    store
        .ingest(
            feeds[1],
            &parsed(vec![item("f1-9", "f1-9", Some(NOW - 9 * DAY))]),
            &meta(NOW),
        )
        .expect("ingest");
    assert_eq!(store.prune(NOW, None, Some(3)).expect("under the cap"), 0);
    let oldest = id_of(&store, feeds[0], "f0-3");
    store.set_starred(&[oldest], true).expect("star");
    assert_eq!(store.prune(NOW, None, Some(2)).expect("prune"), 0);
    assert_eq!(titles(&store), ["f0-1", "f0-2", "f0-3", "f1-9"]);
    assert_eq!(store.prune(NOW, None, Some(1)).expect("prune"), 1);
    assert_eq!(titles(&store), ["f0-1", "f0-3", "f1-9"]);
}

#[test]
fn a_pruned_guid_is_not_re_added_while_the_feed_keeps_sending_it() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let feed = feeds[0];
    // Undated items: their date is first seen, so age alone would let them
    // back in as "new" on every poll.
    let doc = parsed(
        (1..=3)
            .map(|i| item(&format!("g{i}"), &format!("t{i}"), None))
            .collect(),
    );
    store.ingest(feed, &doc, &meta(NOW)).expect("ingest");
    store
        .set_read(&[id_of(&store, feed, "t1")], true)
        .expect("read");
    assert_eq!(store.prune(NOW, None, Some(1)).expect("prune"), 2);
    let stats = store
        .ingest(feed, &doc, &meta(NOW + DAY))
        .expect("ingest again");
    assert_eq!(
        (stats.new, stats.skipped_pruned, stats.unchanged),
        (0, 2, 1)
    );
    assert_eq!(titles(&store).len(), 1);

    // Sent again over a long time, the tombstone stays fresh.
    for day in [20, 40, 60] {
        store.prune(NOW + day * DAY, None, Some(1)).expect("prune");
        let stats = store
            .ingest(feed, &doc, &meta(NOW + day * DAY))
            .expect("ingest");
        assert_eq!(stats.new, 0, "day {day}");
    }
    // Once the feed stops sending them, the tombstones are forgotten.
    let only_kept = parsed(
        doc.items
            .iter()
            .filter(|i| i.guid == "g3")
            .cloned()
            .collect(),
    );
    store
        .ingest(feed, &only_kept, &meta(NOW + 61 * DAY))
        .expect("ingest");
    store.prune(NOW + 100 * DAY, None, Some(1)).expect("prune");
    let stats = store
        .ingest(feed, &doc, &meta(NOW + 100 * DAY))
        .expect("ingest");
    assert_eq!(stats.new, 2);
}

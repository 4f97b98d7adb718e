use sift::model::NewArticle;
use sift::query::Query;
use sift::store::{IngestMeta, NoiseFilter, QueryOptions, StoreError};

use crate::{DAY, NOW, id_of, item, meta, parsed, store_with_feeds};

#[test]
fn identity_is_the_guid_within_a_feed() {
    let (dir, mut store, feeds) = store_with_feeds(2);
    let items = vec![
        item("same", "One", Some(NOW)),
        item("other", "Two", Some(NOW)),
    ];
    let first = store
        .ingest(feeds[0], &parsed(items.clone()), &meta(NOW))
        .expect("ingest");
    assert_eq!(first.new, 2);
    // The same guid in another feed is another article.
    let second = store
        .ingest(feeds[1], &parsed(items[..1].to_vec()), &meta(NOW))
        .expect("ingest");
    assert_eq!(second.new, 1);
    // Sent again to the first feed: nothing new.
    let again = store
        .ingest(feeds[0], &parsed(items), &meta(NOW + 60))
        .expect("ingest");
    assert_eq!((again.new, again.unchanged), (0, 2));
    assert_eq!(
        store
            .count_query(&Query::all(), NoiseFilter::Hide)
            .expect("count"),
        3
    );
    drop(dir);
}

#[test]
fn resend_with_new_text_updates_it_and_keeps_user_state() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let feed = feeds[0];
    store
        .ingest(
            feed,
            &parsed(vec![item("g", "Old title", Some(NOW))]),
            &meta(NOW),
        )
        .expect("ingest");
    let id = id_of(&store, feed, "Old title");
    store.set_read(&[id], true).expect("read");
    store.set_starred(&[id], true).expect("star");
    assert!(store.set_article_tags(id, &["keep".into()]).expect("tag"));
    assert!(
        store
            .set_noise(id, Some("promo"), Some("generic/newsletter"))
            .expect("noise")
    );

    let changed = NewArticle {
        enclosures: Vec::new(),
        content: Some("<p>Corrected body</p>".into()),
        ..item("g", "New title", Some(NOW))
    };
    let stats = store
        .ingest(feed, &parsed(vec![changed]), &meta(NOW + 3600))
        .expect("ingest");
    assert_eq!((stats.new, stats.updated), (0, 1));
    assert_eq!(stats.touched, vec![id]);

    let a = store.article(id).expect("query").expect("article");
    assert_eq!(a.title, "New title");
    assert_eq!(a.content.as_deref(), Some("<p>Corrected body</p>"));
    assert_eq!(
        a.first_seen, NOW,
        "first_seen is the first time, not the update"
    );
    assert!(a.read && a.starred);
    assert_eq!(a.tags, vec!["keep".to_string()]);
    assert_eq!(a.noise_kind.as_deref(), Some("promo"));
}

#[test]
fn unchanged_resend_is_not_rewritten() {
    let (dir, mut store, feeds) = store_with_feeds(1);
    let feed = feeds[0];
    let items = vec![item("g", "Title", Some(NOW))];
    store
        .ingest(feed, &parsed(items.clone()), &meta(NOW))
        .expect("ingest");
    let id = id_of(&store, feed, "Title");
    // Change the stored text behind the store's back: a rewrite would undo it.
    let raw = rusqlite::Connection::open(dir.path().join("sift.db")).expect("raw open");
    raw.execute("UPDATE articles SET summary = 'marker' WHERE id = ?1", [id])
        .expect("mark");
    drop(raw);

    let stats = store
        .ingest(feed, &parsed(items), &meta(NOW + 60))
        .expect("ingest");
    assert_eq!((stats.unchanged, stats.updated, stats.new), (1, 0, 0));
    assert!(stats.touched.is_empty());
    let a = store.article(id).expect("query").expect("article");
    assert_eq!(a.summary.as_deref(), Some("marker"));
}

#[test]
fn sort_date_is_published_else_updated_else_first_seen() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let feed = feeds[0];
    let both = NewArticle {
        enclosures: Vec::new(),
        updated: Some(NOW - 5 * DAY),
        ..item("both", "both", Some(NOW - 9 * DAY))
    };
    let updated_only = NewArticle {
        enclosures: Vec::new(),
        updated: Some(NOW - 3 * DAY),
        ..item("upd", "upd", None)
    };
    let neither = item("none", "none", None);
    store
        .ingest(feed, &parsed(vec![both, updated_only, neither]), &meta(NOW))
        .expect("ingest");
    let list = store
        .query_articles(&Query::all(), &QueryOptions::default())
        .expect("list");
    let dates: Vec<_> = list.iter().map(|a| (a.title.as_str(), a.date)).collect();
    assert_eq!(
        dates,
        vec![
            ("none", NOW),
            ("upd", NOW - 3 * DAY),
            ("both", NOW - 9 * DAY)
        ]
    );
}

#[test]
fn new_items_older_than_keep_days_are_skipped_but_stored_ones_still_update() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let feed = feeds[0];
    let keep = |now| IngestMeta {
        keep_days: Some(30),
        ..meta(now)
    };
    let stats = store
        .ingest(
            feed,
            &parsed(vec![
                item("recent", "recent", Some(NOW - 10 * DAY)),
                item("old", "old", Some(NOW - 40 * DAY)),
            ]),
            &keep(NOW),
        )
        .expect("ingest");
    assert_eq!((stats.new, stats.skipped_old), (1, 1));
    // 25 days later "recent" is 35 days old, but it is already stored: it
    // is updated, not skipped.
    let stats = store
        .ingest(
            feed,
            &parsed(vec![item(
                "recent",
                "recent, corrected",
                Some(NOW - 10 * DAY),
            )]),
            &keep(NOW + 25 * DAY),
        )
        .expect("ingest");
    assert_eq!((stats.updated, stats.skipped_old), (1, 0));
}

#[test]
fn ingest_records_feed_metadata_and_clears_errors() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let feed = feeds[0];
    store
        .record_failure(feed, NOW, "HTTP 500", Some(NOW + 600))
        .expect("fail");
    store
        .record_failure(feed, NOW + 600, "HTTP 503", Some(NOW + 1800))
        .expect("fail");
    let state = store.feed_by_id(feed).expect("query").expect("feed");
    assert_eq!(
        (state.error_count, state.last_error.as_deref()),
        (2, Some("HTTP 503"))
    );
    assert_eq!(state.last_success_at, None);

    let mut doc = parsed(vec![item("g", "t", Some(NOW))]);
    doc.repairs = vec!["unescaped &".into(), "unclosed <item>".into()];
    let meta = IngestMeta {
        etag: Some("\"v1\""),
        last_modified: Some("Sat, 01 Jun 2024 00:00:00 GMT"),
        next_poll_at: Some(NOW + 3600),
        ..meta(NOW + 1800)
    };
    store.ingest(feed, &doc, &meta).expect("ingest");
    let state = store.feed_by_id(feed).expect("query").expect("feed");
    assert_eq!(state.title.as_deref(), Some("Feed title"));
    assert_eq!((state.error_count, state.last_error), (0, None));
    assert_eq!(state.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        state.last_modified.as_deref(),
        Some("Sat, 01 Jun 2024 00:00:00 GMT")
    );
    assert_eq!(state.next_poll_at, Some(NOW + 3600));
    assert_eq!(state.last_success_at, Some(NOW + 1800));
    assert_eq!(
        state.repair_note.as_deref(),
        Some("unescaped &; unclosed <item>")
    );

    store
        .record_not_modified(feed, NOW + 4000, Some(NOW + 8000))
        .expect("304");
    let state = store.feed_by_id(feed).expect("query").expect("feed");
    assert_eq!(
        (state.last_polled_at, state.last_success_at),
        (Some(NOW + 4000), Some(NOW + 4000))
    );
    assert_eq!(
        state.etag.as_deref(),
        Some("\"v1\""),
        "a 304 keeps the validators"
    );
}

#[test]
fn a_failure_leaves_articles_untouched() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let feed = feeds[0];
    store
        .ingest(
            feed,
            &parsed(vec![item("a", "A", Some(NOW)), item("b", "B", Some(NOW))]),
            &meta(NOW),
        )
        .expect("ingest");
    let id = id_of(&store, feed, "A");
    store.set_read(&[id], true).expect("read");
    let before = store
        .query_articles(&Query::all(), &QueryOptions::default())
        .expect("list");
    store
        .record_failure(feed, NOW + 60, "timed out after 30 s", None)
        .expect("fail");
    assert_eq!(
        store
            .query_articles(&Query::all(), &QueryOptions::default())
            .expect("list"),
        before
    );
    let state = store.feed_by_id(feed).expect("query").expect("feed");
    assert_eq!((state.total, state.unread, state.error_count), (2, 1, 1));
}

#[test]
fn unknown_feed_is_an_error_not_a_panic() {
    let (_dir, mut store, _) = store_with_feeds(0);
    let err = store
        .ingest(42, &parsed(vec![item("g", "t", None)]), &meta(NOW))
        .expect_err("unknown");
    assert!(matches!(err, StoreError::UnknownFeed(42)), "{err}");
    assert!(matches!(
        store.record_failure(42, NOW, "x", None),
        Err(StoreError::UnknownFeed(42))
    ));
    assert!(matches!(
        store.record_not_modified(42, NOW, None),
        Err(StoreError::UnknownFeed(42))
    ));
    assert_eq!(
        store
            .count_query(&Query::all(), NoiseFilter::Include)
            .expect("count"),
        0
    );
}

#[test]
fn duplicate_guids_within_one_document_are_stored_once() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let doc = parsed(vec![
        item("dup", "first", Some(NOW)),
        item("dup", "second", Some(NOW)),
    ]);
    let stats = store.ingest(feeds[0], &doc, &meta(NOW)).expect("ingest");
    assert_eq!(stats.new, 1);
    assert_eq!(
        store
            .count_query(&Query::all(), NoiseFilter::Hide)
            .expect("count"),
        1
    );
}

/// Year 9999 and 1969: kept and shown as the feed says, but sorted and
/// aged out by when sift first saw them, like undated items.
#[test]
fn far_future_and_pre_1970_dates_sort_and_expire_by_first_seen() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let year_9999 = 253_402_300_799;
    let year_1960 = -315_619_200;
    let keep = |now| IngestMeta {
        keep_days: Some(30),
        ..meta(now)
    };
    let stats = store
        .ingest(
            feeds[0],
            &parsed(vec![
                item("future", "From the future", Some(year_9999)),
                item("old", "From 1960", Some(year_1960)),
                item("hour", "An hour old", Some(NOW - 3600)),
                item("tomorrow", "Early by half a day", Some(NOW + DAY / 2)),
            ]),
            &keep(NOW),
        )
        .expect("ingest");
    assert_eq!(
        (stats.new, stats.skipped_old),
        (4, 0),
        "1960 is not skipped"
    );
    let rows = store
        .query_articles(&Query::all(), &QueryOptions::default())
        .expect("list");
    let order: Vec<(&str, i64)> = rows.iter().map(|r| (r.title.as_str(), r.date)).collect();
    assert_eq!(
        order,
        vec![
            ("Early by half a day", NOW + DAY / 2),
            ("From 1960", NOW),
            ("From the future", NOW),
            ("An hour old", NOW - 3600),
        ],
        "a day's slack is trusted; the rest sort by first seen"
    );
    let future = rows.iter().find(|r| r.title == "From the future").unwrap();
    let article = store.article(future.id).expect("read").expect("stored");
    assert_eq!(article.published, Some(year_9999), "kept for display");

    // 40 days on, all four have aged out; year 9999 no longer lives forever.
    let pruned = store.prune(NOW + 40 * DAY, Some(30), None).expect("prune");
    assert_eq!(pruned, 4);
}

/// The plan's topics are written as plain rows: each topic once (a repeat
/// keeps its first score), none at zero, and a changed item's replace the
/// old ones.
#[test]
fn a_plans_topics_are_written_once_each_and_replaced_on_change() {
    use sift::ingest::ItemPlan;
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let rules = sift::clean::RuleSet::builtin();
    let plan = |topics: &[(&str, f64)]| ItemPlan {
        index: Default::default(),
        verdict: None,
        topics: topics.iter().map(|(t, s)| (t.to_string(), *s)).collect(),
        wants_full_text: false,
        signature: None,
    };
    let first = parsed(vec![item("a", "Talks in Doha", Some(NOW))]);
    let plans = vec![Some(plan(&[
        ("world", 1.5),
        ("tech", 0.0),
        ("world", 2.0),
        ("economy", 0.8),
    ]))];
    store
        .ingest_planned(feeds[0], &first, &plans, None, &rules, &meta(NOW))
        .expect("ingest");
    let id = id_of(&store, feeds[0], "Talks in Doha");
    let mut topics = store
        .topics_of(&[id])
        .expect("topics")
        .remove(&id)
        .unwrap_or_default();
    topics.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(topics, vec![("economy".into(), 0.8), ("world".into(), 1.5)]);

    let changed = parsed(vec![item("a", "Talks in Doha resume", Some(NOW))]);
    store
        .ingest_planned(
            feeds[0],
            &changed,
            &[Some(plan(&[("tech", 1.0)]))],
            None,
            &rules,
            &meta(NOW),
        )
        .expect("update");
    let topics = store
        .topics_of(&[id])
        .expect("topics")
        .remove(&id)
        .unwrap_or_default();
    assert_eq!(topics, vec![("tech".into(), 1.0)]);
}

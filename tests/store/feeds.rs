use sift::model::Subscription;
use sift::query::Query;
use sift::store::{NoiseFilter, QueryOptions, StoreError};

use crate::{NOW, id_of, item, meta, parsed, store_with_feeds, sub};

#[test]
fn sync_adds_missing_updates_existing_and_leaves_others_alone() {
    let (_dir, mut store, feeds) = store_with_feeds(2);
    let kept_alone = store.feed_by_id(feeds[1]).expect("query").expect("feed");
    let subs = vec![
        Subscription {
            url: "https://feed0.example/rss".into(),
            title: Some("Renamed".into()),
            tags: vec![
                "world".into(),
                " politics ".into(),
                "World".into(),
                "".into(),
            ],
        },
        Subscription {
            url: "https://new.example/atom".into(),
            ..Subscription::default()
        },
    ];
    assert_eq!(store.sync_subscriptions(&subs).expect("sync"), 1);
    let renamed = store.feed_by_id(feeds[0]).expect("query").expect("feed");
    assert_eq!(renamed.title.as_deref(), Some("Renamed"));
    assert_eq!(
        renamed.tags,
        vec!["politics".to_string(), "world".to_string()]
    );
    assert_eq!(store.feed_by_id(feeds[1]).expect("query"), Some(kept_alone));
    assert!(
        store
            .feed_by_url("https://new.example/atom")
            .expect("query")
            .is_some()
    );
    assert_eq!(store.feeds().expect("feeds").len(), 3);

    // Syncing again with no title and no tags clears them; ids stay.
    assert_eq!(
        store
            .sync_subscriptions(&[sub("https://feed0.example/rss")])
            .expect("sync"),
        0
    );
    let cleared = store.feed_by_id(feeds[0]).expect("query").expect("feed");
    assert_eq!((cleared.title, cleared.tags), (None, vec![]));
}

#[test]
fn user_title_wins_over_the_feeds_own() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    store
        .ingest(feeds[0], &parsed(vec![]), &meta(NOW))
        .expect("ingest");
    assert_eq!(
        store
            .feed_by_id(feeds[0])
            .expect("q")
            .expect("f")
            .display_name(),
        "Feed title"
    );
    let titled = Subscription {
        url: "https://feed0.example/rss".into(),
        title: Some("Mine".into()),
        tags: vec![],
    };
    store.sync_subscriptions(&[titled]).expect("sync");
    assert_eq!(
        store
            .feed_by_id(feeds[0])
            .expect("q")
            .expect("f")
            .display_name(),
        "Mine"
    );
    store
        .ingest(feeds[0], &parsed(vec![item("g", "t", None)]), &meta(NOW))
        .expect("ingest");
    assert_eq!(
        store
            .query_articles(&Query::all(), &QueryOptions::default())
            .expect("list")[0]
            .feed_title,
        "Mine"
    );
}

#[test]
fn feeds_report_unread_and_total_counts() {
    let (_dir, mut store, feeds) = store_with_feeds(3);
    let items = |n: usize| {
        (0..n)
            .map(|i| item(&format!("g{i}"), &format!("t{i}"), Some(NOW)))
            .collect()
    };
    store
        .ingest(feeds[0], &parsed(items(3)), &meta(NOW))
        .expect("ingest");
    store
        .ingest(feeds[1], &parsed(items(2)), &meta(NOW))
        .expect("ingest");
    let read = id_of(&store, feeds[0], "t0");
    let noise = id_of(&store, feeds[0], "t1");
    store.set_read(&[read], true).expect("read");
    store
        .set_noise(noise, Some("puzzle"), Some("generic/crossword"))
        .expect("noise");
    let counts: Vec<_> = store
        .feeds()
        .expect("feeds")
        .iter()
        .map(|f| (f.id, f.unread, f.total))
        .collect();
    assert!(counts.contains(&(feeds[0], 1, 3)), "{counts:?}");
    assert!(counts.contains(&(feeds[1], 2, 2)), "{counts:?}");
    assert!(counts.contains(&(feeds[2], 0, 0)), "{counts:?}");
}

#[test]
fn remove_feed_deletes_its_articles() {
    let (_dir, mut store, feeds) = store_with_feeds(2);
    store
        .ingest(feeds[0], &parsed(vec![item("a", "gone", None)]), &meta(NOW))
        .expect("ingest");
    store
        .ingest(feeds[1], &parsed(vec![item("a", "kept", None)]), &meta(NOW))
        .expect("ingest");
    let gone = id_of(&store, feeds[0], "gone");
    store.set_article_tags(gone, &["x".into()]).expect("tag");
    assert!(store.remove_feed(feeds[0]).expect("remove"));
    assert!(!store.remove_feed(feeds[0]).expect("remove again"));
    assert_eq!(store.article(gone).expect("query"), None);
    let all = QueryOptions {
        noise: NoiseFilter::Include,
        ..Default::default()
    };
    let left = store.query_articles(&Query::all(), &all).expect("list");
    assert_eq!(
        left.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(),
        vec!["kept"]
    );
}

#[test]
fn set_feed_url_moves_a_feed_but_never_onto_another() {
    let (_dir, mut store, feeds) = store_with_feeds(2);
    store
        .ingest(feeds[0], &parsed(vec![item("a", "A", None)]), &meta(NOW))
        .expect("ingest");
    store
        .set_feed_url(feeds[0], "https://moved.example/rss")
        .expect("move");
    let moved = store
        .feed_by_url("https://moved.example/rss")
        .expect("q")
        .expect("feed");
    assert_eq!((moved.id, moved.total), (feeds[0], 1));
    assert_eq!(
        store.feed_by_url("https://feed0.example/rss").expect("q"),
        None
    );

    let err = store
        .set_feed_url(feeds[0], "https://feed1.example/rss")
        .expect_err("taken");
    assert!(
        matches!(err, StoreError::UrlTaken { other, .. } if other == feeds[1]),
        "{err}"
    );
    assert!(matches!(
        store.set_feed_url(999, "https://x.example/"),
        Err(StoreError::UnknownFeed(999))
    ));
    // Moving onto its own URL is a no-op.
    store
        .set_feed_url(feeds[0], "https://moved.example/rss")
        .expect("same url");
}

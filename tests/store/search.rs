//! The FTS index stays in step with the articles on every write path.

use sift::model::NewArticle;

use crate::{DAY, NOW, id_of, item, meta, parsed, store_with_feeds};

#[test]
fn search_follows_insert_update_delete_and_prune() {
    let (_dir, mut store, feeds) = store_with_feeds(2);
    let with_body = |guid: &str, title: &str, body: &str, date| NewArticle {
        enclosures: Vec::new(),
        content: Some(format!("<div><p>{body}</p><script>hidden()</script></div>")),
        ..item(guid, title, date)
    };
    store
        .ingest(
            feeds[0],
            &parsed(vec![with_body(
                "a",
                "Sanctions on Tehran",
                "Envoys met in Vienna",
                Some(NOW),
            )]),
            &meta(NOW),
        )
        .expect("ingest");
    store
        .ingest(
            feeds[1],
            &parsed(vec![with_body(
                "b",
                "Harvest report",
                "Wheat prices in Kyiv",
                Some(NOW - 60 * DAY),
            )]),
            // First seen long ago too: retention counts time in the cache.
            &meta(NOW - 60 * DAY),
        )
        .expect("ingest");
    let a = id_of(&store, feeds[0], "Sanctions on Tehran");
    let b = id_of(&store, feeds[1], "Harvest report");

    // Insert: title, summary and content are searchable as plain text.
    assert_eq!(store.search_ids("vienna", 10).expect("search"), vec![a]);
    assert_eq!(store.search_ids("summary", 10).expect("search").len(), 2);
    assert_eq!(store.search_ids("kyiv", 10).expect("search"), vec![b]);
    assert!(
        store.search_ids("hidden", 10).expect("search").is_empty(),
        "script text is not indexed"
    );
    assert!(
        store.search_ids("div", 10).expect("search").is_empty(),
        "tag names are not indexed"
    );
    assert_eq!(
        store.search_ids("title:sanctions", 10).expect("search"),
        vec![a]
    );

    // Update: old words leave, new words arrive.
    store
        .ingest(
            feeds[0],
            &parsed(vec![with_body(
                "a",
                "Sanctions on Tehran",
                "Envoys met in Geneva",
                Some(NOW),
            )]),
            &meta(NOW + 60),
        )
        .expect("update");
    assert!(store.search_ids("vienna", 10).expect("search").is_empty());
    assert_eq!(store.search_ids("geneva", 10).expect("search"), vec![a]);

    // Prune: b is old.
    assert_eq!(store.prune(NOW, Some(30), None).expect("prune"), 1);
    assert!(store.search_ids("kyiv", 10).expect("search").is_empty());

    // Delete through the feed cascade.
    store.remove_feed(feeds[0]).expect("remove");
    assert!(store.search_ids("geneva", 10).expect("search").is_empty());
    assert!(store.search_ids("summary", 10).expect("search").is_empty());
}

#[test]
fn title_hits_rank_first() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let body_hit = NewArticle {
        enclosures: Vec::new(),
        content: Some("Talk of Iran, Iran and Iran again".into()),
        ..item("body", "Market wrap", Some(NOW))
    };
    let title_hit = item("title", "Iran talks", Some(NOW));
    store
        .ingest(feeds[0], &parsed(vec![body_hit, title_hit]), &meta(NOW))
        .expect("ingest");
    let ids = store.search_ids("iran", 10).expect("search");
    assert_eq!(
        ids,
        vec![
            id_of(&store, feeds[0], "Iran talks"),
            id_of(&store, feeds[0], "Market wrap")
        ]
    );
    assert_eq!(store.search_ids("iran", 1).expect("search").len(), 1);
}

#[test]
fn a_malformed_query_is_an_error_naming_it() {
    let (_dir, store, _) = store_with_feeds(0);
    let err = store.search_ids("\"unbalanced", 10).expect_err("syntax");
    assert!(err.to_string().contains("\"unbalanced"), "{err}");
}

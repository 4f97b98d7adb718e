//! Full text in the store: the queue, the outcome of each fetch, attempts,
//! the 1 MiB cap, search, and the article's other fields left alone.

use sift::model::NewArticle;
use sift::store::{
    FailureKind, FullTextStatus, MAX_FULL_HTML_BYTES, MAX_FULL_TEXT_ATTEMPTS, Store,
};

use crate::{DAY, NOW, id_of, item, meta, parsed, store_with_feeds};

/// Two feeds; feed 0 has a, b, c (c newest), feed 1 has d (newest of all).
fn four_articles() -> (tempfile::TempDir, Store, Vec<i64>, [i64; 4]) {
    let (dir, mut store, feeds) = store_with_feeds(2);
    let items = vec![
        item("a", "Alpha", Some(NOW - 3 * DAY)),
        item("b", "Bravo", Some(NOW - 2 * DAY)),
        item("c", "Charlie", Some(NOW - DAY)),
    ];
    store
        .ingest(feeds[0], &parsed(items), &meta(NOW))
        .expect("ingest");
    store
        .ingest(
            feeds[1],
            &parsed(vec![item("d", "Delta", Some(NOW))]),
            &meta(NOW),
        )
        .expect("ingest");
    let ids = [
        id_of(&store, feeds[0], "Alpha"),
        id_of(&store, feeds[0], "Bravo"),
        id_of(&store, feeds[0], "Charlie"),
        id_of(&store, feeds[1], "Delta"),
    ];
    (dir, store, feeds, ids)
}

fn queue_ids(store: &Store, feeds: &[i64], limit: usize) -> Vec<i64> {
    store
        .full_text_queue(feeds, limit)
        .expect("queue")
        .iter()
        .map(|j| j.article_id)
        .collect()
}

fn status(store: &Store, id: i64) -> Option<FullTextStatus> {
    store
        .full_text_state(id)
        .expect("state")
        .expect("article")
        .status
}

#[test]
fn the_queue_is_newest_first_per_feed_set_and_limited() {
    let (_dir, mut store, feeds, [a, b, c, d]) = four_articles();
    assert!(
        queue_ids(&store, &feeds, 10).is_empty(),
        "nothing wanted yet"
    );
    assert_eq!(status(&store, a), None);

    assert_eq!(store.want_full_text(&[a, b, c, d], true).expect("want"), 4);
    assert_eq!(queue_ids(&store, &feeds, 10), vec![d, c, b, a]);
    assert_eq!(queue_ids(&store, &feeds, 2), vec![d, c]);
    assert_eq!(queue_ids(&store, &feeds[..1], 10), vec![c, b, a]);
    assert!(queue_ids(&store, &[], 10).is_empty());
    assert!(queue_ids(&store, &feeds, 0).is_empty());

    let job = &store.full_text_queue(&feeds[1..], 1).expect("queue")[0];
    assert_eq!(
        (job.feed_id, job.link.as_str(), job.attempts),
        (feeds[1], "https://example.com/d", 0)
    );

    // Unqueueing only takes back what was never tried.
    assert_eq!(store.want_full_text(&[a], false).expect("unwant"), 1);
    assert_eq!(status(&store, a), None);
    assert!(
        store
            .save_full_text(b, "<p>Bravo text</p>", NOW)
            .expect("save")
    );
    assert_eq!(store.want_full_text(&[b], false).expect("unwant"), 0);
    assert_eq!(store.want_full_text(&[b], true).expect("want"), 0);
    assert_eq!(status(&store, b), Some(FullTextStatus::Ok));
    assert_eq!(queue_ids(&store, &feeds, 10), vec![d, c]);
}

#[test]
fn links_that_are_not_http_never_leave_the_queue() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let items = vec![
        NewArticle {
            enclosures: Vec::new(),
            link: Some("file:///etc/passwd".into()),
            ..item("f", "File link", Some(NOW))
        },
        NewArticle {
            enclosures: Vec::new(),
            link: None,
            ..item("n", "No link", Some(NOW))
        },
        item("h", "Web link", Some(NOW - DAY)),
    ];
    store
        .ingest(feeds[0], &parsed(items), &meta(NOW))
        .expect("ingest");
    let ids: Vec<i64> = ["File link", "No link", "Web link"]
        .iter()
        .map(|t| id_of(&store, feeds[0], t))
        .collect();
    store.want_full_text(&ids, true).expect("want");
    assert_eq!(queue_ids(&store, &feeds, 10), vec![ids[2]]);
}

#[test]
fn a_stored_full_text_is_read_back_searched_and_final() {
    let (_dir, mut store, feeds, [a, _, _, _]) = four_articles();
    store.want_full_text(&[a], true).expect("want");
    let before = store.article(a).expect("read").expect("article");
    assert_eq!(
        (before.full_html.as_deref(), before.full_error.as_deref()),
        (None, None)
    );
    assert!(store.search_ids("quinoa", 10).expect("search").is_empty());

    let html = "<article><p>Farmers in the Andes grow quinoa.</p></article>";
    assert!(store.save_full_text(a, html, NOW + 60).expect("save"));
    let after = store.article(a).expect("read").expect("article");
    assert_eq!(after.full_html.as_deref(), Some(html));
    assert_eq!(after.full_error, None);
    // Nothing the feed gave changed.
    assert_eq!(
        (&after.title, &after.summary, &after.content),
        (&before.title, &before.summary, &before.content)
    );
    let state = store.full_text_state(a).expect("state").expect("article");
    assert_eq!(state.status, Some(FullTextStatus::Ok));
    assert_eq!((state.attempts, state.attempted_at), (1, Some(NOW + 60)));
    assert!(!queue_ids(&store, &feeds, 10).contains(&a));

    // The page's words are searchable, and the feed's still are.
    assert_eq!(store.search_ids("quinoa", 10).expect("search"), vec![a]);
    assert_eq!(
        store.search_ids("andes AND alpha", 10).expect("search"),
        vec![a]
    );
    assert_eq!(store.search_ids("summary", 10).expect("search").len(), 4);

    // Once per article: a second save and a late failure change nothing.
    assert!(
        !store
            .save_full_text(a, "<p>other</p>", NOW + 120)
            .expect("save")
    );
    let late = store
        .record_full_text_failure(a, "HTTP 500", FailureKind::Transient, NOW + 120)
        .expect("record");
    assert_eq!(late, None);
    let again = store.article(a).expect("read").expect("article");
    assert_eq!(
        (again.full_html.as_deref(), again.full_error),
        (Some(html), None)
    );
    assert!(!store.save_full_text(9_999, html, NOW).expect("unknown id"));
}

#[test]
fn an_updated_item_keeps_its_full_text_and_its_words() {
    let (_dir, mut store, feeds, [a, _, _, _]) = four_articles();
    store
        .save_full_text(a, "<p>Glaciers retreat in Patagonia.</p>", NOW)
        .expect("save");
    let changed = NewArticle {
        enclosures: Vec::new(),
        title: "Alpha, revised".into(),
        ..item("a", "Alpha", Some(NOW - 3 * DAY))
    };
    let stats = store
        .ingest(feeds[0], &parsed(vec![changed]), &meta(NOW + DAY))
        .expect("ingest");
    assert_eq!(stats.updated, 1);
    let article = store.article(a).expect("read").expect("article");
    assert_eq!(article.title, "Alpha, revised");
    assert!(article.full_html.is_some_and(|h| h.contains("Patagonia")));
    assert_eq!(store.search_ids("patagonia", 10).expect("search"), vec![a]);
    assert_eq!(store.search_ids("revised", 10).expect("search"), vec![a]);
}

#[test]
fn deleting_an_article_drops_its_full_text_words() {
    let (_dir, mut store, feeds, [a, _, _, d]) = four_articles();
    store
        .save_full_text(a, "<p>Monsoon rains arrive early.</p>", NOW)
        .expect("save");
    store
        .save_full_text(d, "<p>Monsoon season ends.</p>", NOW)
        .expect("save");
    assert_eq!(store.search_ids("monsoon", 10).expect("search").len(), 2);
    assert!(store.remove_feed(feeds[0]).expect("remove"));
    assert_eq!(store.search_ids("monsoon", 10).expect("search"), vec![d]);
    // Retention too.
    store.prune(NOW + 400 * DAY, Some(30), None).expect("prune");
    assert!(store.search_ids("monsoon", 10).expect("search").is_empty());
}

#[test]
fn permanent_failures_give_up_at_once_with_their_reason() {
    let (_dir, mut store, feeds, [a, _, _, _]) = four_articles();
    store.want_full_text(&[a], true).expect("want");
    let before = store.article(a).expect("read").expect("article");
    let status = store
        .record_full_text_failure(a, "HTTP 404 Not Found", FailureKind::Permanent, NOW)
        .expect("record");
    assert_eq!(status, Some(FullTextStatus::GaveUp));
    let after = store.article(a).expect("read").expect("article");
    assert_eq!(after.full_error.as_deref(), Some("HTTP 404 Not Found"));
    assert_eq!(after.full_html, None);
    // A failed page never touches the article's other fields.
    let restore = sift::model::Article {
        enclosures: Vec::new(),
        full_error: None,
        ..after.clone()
    };
    assert_eq!(restore, before);
    assert!(queue_ids(&store, &feeds, 10).is_empty());
    let state = store.full_text_state(a).expect("state").expect("article");
    assert_eq!((state.attempts, state.attempted_at), (1, Some(NOW)));
}

#[test]
fn transient_failures_are_retried_then_given_up() {
    let (_dir, mut store, feeds, [a, _, _, _]) = four_articles();
    store.want_full_text(&[a], true).expect("want");
    for attempt in 1..MAX_FULL_TEXT_ATTEMPTS {
        let status = store
            .record_full_text_failure(a, "timed out after 30 s", FailureKind::Transient, NOW)
            .expect("record");
        assert_eq!(status, Some(FullTextStatus::Failed), "attempt {attempt}");
        let queue = store.full_text_queue(&feeds, 10).expect("queue");
        assert_eq!(queue.len(), 1, "still queued after attempt {attempt}");
        assert_eq!(queue[0].attempts, attempt);
    }
    let last = store
        .record_full_text_failure(
            a,
            "HTTP 503 Service Unavailable",
            FailureKind::Transient,
            NOW,
        )
        .expect("record");
    assert_eq!(last, Some(FullTextStatus::GaveUp));
    assert!(queue_ids(&store, &feeds, 10).is_empty());
    let state = store.full_text_state(a).expect("state").expect("article");
    assert_eq!(state.attempts, MAX_FULL_TEXT_ATTEMPTS);
    assert_eq!(state.error.as_deref(), Some("HTTP 503 Service Unavailable"));
    assert_eq!(store.full_text_state(9_999).expect("state"), None);
}

#[test]
fn a_retry_that_succeeds_clears_the_error() {
    let (_dir, mut store, _feeds, [a, _, _, _]) = four_articles();
    store.want_full_text(&[a], true).expect("want");
    store
        .record_full_text_failure(a, "HTTP 502 Bad Gateway", FailureKind::Transient, NOW)
        .expect("record");
    assert!(
        store
            .save_full_text(a, "<p>At last.</p>", NOW + 60)
            .expect("save")
    );
    let article = store.article(a).expect("read").expect("article");
    assert_eq!(article.full_error, None);
    let state = store.full_text_state(a).expect("state").expect("article");
    assert_eq!(
        (state.status, state.attempts),
        (Some(FullTextStatus::Ok), 2)
    );
}

#[test]
fn full_text_is_capped_at_one_mebibyte() {
    let (_dir, mut store, _feeds, [a, _, _, _]) = four_articles();
    let paragraph = "<p>Long dispatch from the front line, paragraph after paragraph.</p>";
    let huge = paragraph.repeat(MAX_FULL_HTML_BYTES / paragraph.len() + 100);
    assert!(huge.len() > MAX_FULL_HTML_BYTES);
    store.save_full_text(a, &huge, NOW).expect("save");
    let stored = store
        .article(a)
        .expect("read")
        .expect("article")
        .full_html
        .expect("stored");
    assert!(stored.len() <= MAX_FULL_HTML_BYTES, "{}", stored.len());
    assert!(stored.len() > MAX_FULL_HTML_BYTES - paragraph.len());
    assert!(huge.starts_with(&stored));
    let tail = &stored[stored.rfind('>').expect("tags")..];
    assert!(!tail.contains('<'), "no half tag at the end: {tail}");
}

#[test]
fn in_a_batch_the_words_are_indexed_at_commit() {
    let (_dir, mut store, _feeds, [a, b, _, _]) = four_articles();
    store.begin_batch().expect("begin");
    store
        .save_full_text(a, "<p>Saffron harvest in Herat.</p>", NOW)
        .expect("save");
    store
        .record_full_text_failure(b, "HTTP 404 Not Found", FailureKind::Permanent, NOW)
        .expect("record");
    store.commit_batch().expect("commit");
    assert_eq!(store.search_ids("saffron", 10).expect("search"), vec![a]);
    assert_eq!(status(&store, b), Some(FullTextStatus::GaveUp));

    store.begin_batch().expect("begin");
    store
        .save_full_text(b, "<p>never kept</p>", NOW)
        .expect("save");
    store.rollback_batch();
    assert_eq!(status(&store, b), Some(FullTextStatus::GaveUp));
    assert!(store.search_ids("kept", 10).expect("search").is_empty());
}

#[test]
fn the_queue_reads_its_partial_index_in_date_order() {
    let (_dir, mut store, feeds) = store_with_feeds(20);
    for (f, &feed) in feeds.iter().enumerate() {
        let items = (0..200)
            .map(|i| {
                item(
                    &format!("{f}-{i}"),
                    &format!("Item {i}"),
                    Some(NOW - i * 600),
                )
            })
            .collect();
        store
            .ingest(feed, &parsed(items), &meta(NOW))
            .expect("ingest");
    }
    // A realistic queue: a few dozen pages waiting among 4000 articles.
    let waiting: Vec<i64> = (0..40)
        .map(|i| id_of(&store, feeds[i % 20], &format!("Item {i}")))
        .collect();
    store.want_full_text(&waiting, true).expect("want");
    for stage in ["without statistics", "after optimize"] {
        let plan = store.explain_full_text_queue().expect("explain");
        eprintln!("{stage}: {plan:?}");
        assert!(
            plan.iter().any(|l| l.contains("articles_full_text_queue")),
            "{stage}: the queue must read its partial index: {plan:#?}"
        );
        assert!(
            !plan.iter().any(|l| l.contains("TEMP B-TREE")),
            "{stage}: sorts instead of walking the index: {plan:#?}"
        );
        store.optimize().expect("optimize");
    }
}

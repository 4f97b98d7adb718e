//! Every hot query uses an index (newsboat's slowness is SQLite picking a
//! full scan). Checked on 100k articles, before and after the planner has
//! statistics, since statistics can change its choice.

use std::time::Instant;

use sift::model::NewArticle;
use sift::query::{Flag, Query, Term};
use sift::store::{NoiseFilter, QueryOptions, Store};

use crate::{NOW, meta, parsed, store_with_feeds};

const FEEDS: usize = 100;
const PER_FEED: i64 = 1_000;

fn big_store() -> (tempfile::TempDir, Store, Vec<i64>) {
    let (dir, mut store, feeds) = store_with_feeds(FEEDS);
    for (f, &feed) in feeds.iter().enumerate() {
        let items = (0..PER_FEED)
            .map(|i| NewArticle {
                enclosures: Vec::new(),
                guid: format!("{f}-{i}"),
                link: None,
                title: format!("Item {i}"),
                author: None,
                published: Some(NOW - i * 600 - f as i64),
                updated: None,
                summary: None,
                content: None,
            })
            .collect();
        store
            .ingest(feed, &parsed(items), &meta(NOW))
            .expect("ingest");
    }
    // Most articles read, as in a long-lived cache.
    let page = store
        .query_articles(
            &Query::all(),
            &QueryOptions {
                limit: Some(95_000),
                offset: 5_000,
                ..Default::default()
            },
        )
        .expect("list");
    let ids: Vec<_> = page.iter().map(|a| a.id).collect();
    store.set_read(&ids, true).expect("read");
    (dir, store, feeds)
}

/// Fails if a plan line reads the whole `articles` table (alias `a` or its
/// own name) without an index, or sorts the whole result.
fn assert_indexed(what: &str, plan: &[String]) {
    eprintln!("{what}: {plan:?}");
    for line in plan {
        let scans_table = line.starts_with("SCAN a") || line.starts_with("SCAN articles");
        assert!(
            !scans_table || line.contains("INDEX"),
            "{what}: full table scan: {plan:#?}"
        );
        assert!(
            !line.contains("TEMP B-TREE"),
            "{what}: sorts instead of using an index: {plan:#?}"
        );
    }
    assert!(
        plan.iter().any(|l| l.contains("INDEX")),
        "{what}: no index used: {plan:#?}"
    );
}

fn check_plans(store: &Store, feed: i64, stage: &str) {
    eprintln!("== {stage}");
    let all = Query::all();
    let unread = Query::all().and(Term::Is(Flag::Unread));
    let one_feed = Query::all().and(Term::FeedId(feed));
    let feed_unread = unread.clone().and(Term::FeedId(feed));
    let starred = Query::all().and(Term::Is(Flag::Starred));
    let counted = QueryOptions::default();
    let plan = store
        .explain_query(&unread, &counted, true)
        .expect("explain");
    assert!(
        plan.iter()
            .any(|l| l.contains("COVERING INDEX articles_unread")),
        "{stage}: --unread --count must read the partial unread index: {plan:#?}"
    );
    assert_indexed(&format!("{stage} unread count"), &plan);

    let page = QueryOptions {
        limit: Some(50),
        ..Default::default()
    };
    let oldest = QueryOptions {
        oldest_first: true,
        ..page
    };
    let cases = [
        ("list", &all, page, false),
        ("unread list", &unread, page, false),
        ("oldest first", &all, oldest, false),
        ("feed list", &one_feed, page, false),
        ("feed unread list", &feed_unread, page, false),
        ("feed count", &one_feed, counted, true),
        ("feed unread count", &feed_unread, counted, true),
        ("starred list", &starred, page, false),
    ];
    for (what, query, options, count) in cases {
        let plan = store
            .explain_query(query, &options, count)
            .expect("explain");
        assert_indexed(&format!("{stage} {what}"), &plan);
    }
    let plan = store.explain_feeds().expect("explain");
    assert_indexed(&format!("{stage} feeds"), &plan);
    assert!(
        plan.iter().any(|l| l.contains("articles_unread_by_feed")),
        "{stage} feeds: unread counts from the partial index: {plan:#?}"
    );
}

#[test]
fn hot_queries_use_indexes_on_100k_articles() {
    let (_dir, store, feeds) = big_store();
    check_plans(&store, feeds[7], "no statistics");
    store.optimize().expect("optimize");
    check_plans(&store, feeds[7], "after optimize");

    // And the answers are right at that size.
    let unread = Query::all().and(Term::Is(Flag::Unread));
    let started = Instant::now();
    assert_eq!(
        store
            .count_query(&unread, NoiseFilter::Hide)
            .expect("count"),
        5_000
    );
    let first_page = store
        .query_articles(
            &unread,
            &QueryOptions {
                limit: Some(50),
                ..Default::default()
            },
        )
        .expect("list");
    eprintln!(
        "unread count + first page over 100k: {:?}",
        started.elapsed()
    );
    assert_eq!(first_page.len(), 50);
    let total: u64 = store.feeds().expect("feeds").iter().map(|f| f.total).sum();
    assert_eq!(total, FEEDS as u64 * PER_FEED as u64);
}

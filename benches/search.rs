//! Search over 100k articles (issue 6: at most 50 ms a query).
//! `cargo bench --bench search`
//!
//! `filter_bar` is what the interface does on every keystroke: every
//! matching id in view order with the unread and hidden-noise counts
//! (`query_view`), then the first screen of rows. A query of words
//! only reads the in-memory date order, which the first query after a
//! write from another connection (a poll) reads again: `filter_bar_cold`
//! times that first query (another connection flips an article's read
//! flag, untimed, before each one).
//! `first_page` is `sift list --query Q`: one page of 50 rows.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use sift::query::Query;
use sift::store::{NoiseFilter, QueryOptions, ViewOrder};

#[path = "support/corpus.rs"]
mod corpus;

/// Rare and common words, phrases, fields, regexes and relevance order.
const QUERIES: &[&str] = &[
    "iran sanctions talks",
    "iran sanctions talks sort:relevance",
    "\"iran sanctions\"",
    "iran or sanctions or talks",
    "kaka",
    "kaka sort:relevance",
    "kaka -lolo",
    "-iran",
    "is:unread",
    "feed:feed7 iran",
    "author:smith iran",
    "since:1d",
    "/sanction/",
    "title:iran /talks/",
    "topic:foreign-policy",
    "topic:foreign-policy iran",
];

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = corpus::build(dir.path());
    let mut poller = sift::store::Store::open(&dir.path().join("sift.db")).expect("open");
    let page = QueryOptions {
        limit: Some(50),
        ..Default::default()
    };
    let filter_bar = |store: &sift::store::Store, text: &str| {
        let query = Query::parse(text, corpus::NOW).expect("parse");
        let view = store
            .query_view(&query, NoiseFilter::Hide, ViewOrder::Newest)
            .expect("view");
        let rows = store
            .summaries(&view.ids[..view.ids.len().min(60)])
            .expect("rows");
        (view.ids.len(), view.unread, view.noise.len(), rows.len())
    };
    let mut warm = c.benchmark_group("filter_bar");
    warm.sample_size(10);
    for &text in QUERIES {
        warm.bench_function(text, |b| b.iter(|| filter_bar(&store, text)));
    }
    warm.finish();
    let mut cold = c.benchmark_group("filter_bar_cold");
    cold.sample_size(10);
    let one = store
        .query_view(&Query::all(), NoiseFilter::Hide, ViewOrder::Newest)
        .expect("view")
        .ids[0];
    let mut read = false;
    for (name, text) in [
        ("(everything)", ""),
        ("kaka", "kaka"),
        ("kaka sort:relevance", "kaka sort:relevance"),
        ("iran sanctions talks", "iran sanctions talks"),
    ] {
        cold.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    read = !read;
                    poller.set_read(&[one], read).expect("write");
                    let start = Instant::now();
                    std::hint::black_box(filter_bar(&store, text));
                    spent += start.elapsed();
                }
                spent
            })
        });
    }
    cold.finish();
    let mut first_page = c.benchmark_group("first_page");
    first_page.sample_size(10);
    for &text in QUERIES {
        first_page.bench_function(text, |b| {
            b.iter(|| {
                let query = Query::parse(text, corpus::NOW).expect("parse");
                store.query_articles(&query, &page).expect("list").len()
            })
        });
    }
    first_page.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);

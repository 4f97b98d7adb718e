//! Rough figures for the report, not timed assertions: run with
//! `cargo test --release --test store query_speed -- --ignored --nocapture`.
//! 100 feeds × 1,000 articles, each with a title, a summary and ~1 KB of
//! content drawn from a skewed vocabulary, like plans.rs's 100k fixture but
//! with text worth searching.

use std::time::{Duration, Instant};

use sift::model::NewArticle;
use sift::query::Query;
use sift::store::{ArticleFilter, NoiseFilter, QueryOptions, Store};

use crate::{NOW, meta, parsed, store_with_feeds};

const FEEDS: usize = 100;
const PER_FEED: i64 = 1_000;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.next() % 100 < percent
    }
}

fn vocabulary() -> Vec<String> {
    let syllables = [
        "ka", "lo", "mer", "sta", "vin", "dor", "pel", "ri", "tan", "gu", "sho", "bre", "na", "fi",
        "zal", "quo",
    ];
    let mut words = Vec::new();
    for a in syllables {
        for b in syllables {
            for c in ["", "n", "s", "ter"] {
                words.push(format!("{a}{b}{c}"));
            }
        }
    }
    words
}

/// `n` words, frequent ones far more often (a rough Zipf).
fn text(rng: &mut Rng, vocab: &[String], n: usize) -> String {
    (0..n)
        .map(|_| {
            let r = rng.next() % vocab.len();
            vocab[r * (rng.next() % vocab.len()) / vocab.len()].as_str()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn big_store() -> (tempfile::TempDir, Store) {
    let (dir, mut store, feeds) = store_with_feeds(FEEDS);
    let vocab = vocabulary();
    let mut rng = Rng(99);
    for (f, &feed) in feeds.iter().enumerate() {
        let items = (0..PER_FEED)
            .map(|i| {
                let mut title = text(&mut rng, &vocab, 7);
                // The query words: each in a few percent of articles, so
                // all three together are rare, as real searches are.
                for (word, percent) in [("iran", 4), ("sanctions", 3), ("talks", 6)] {
                    if rng.chance(percent) {
                        title.push(' ');
                        title.push_str(word);
                    }
                }
                let mut content = text(&mut rng, &vocab, 150);
                for word in ["iran", "sanctions", "talks"] {
                    if rng.chance(5) {
                        content.push(' ');
                        content.push_str(word);
                    }
                }
                NewArticle {
                    guid: format!("{f}-{i}"),
                    link: None,
                    title,
                    author: Some(if i % 10 == 0 { "Jane Smith" } else { "Staff" }.into()),
                    published: Some(NOW - i * 600 - f as i64),
                    updated: None,
                    summary: Some(format!("<p>{}</p>", text(&mut rng, &vocab, 25))),
                    content: Some(format!("<p>{content}</p>")),
                }
            })
            .collect();
        store
            .ingest(feed, &parsed(items), &meta(NOW))
            .expect("ingest");
    }
    let page = store
        .list_articles(&ArticleFilter {
            limit: Some(95_000),
            offset: 5_000,
            ..Default::default()
        })
        .expect("list");
    let ids: Vec<_> = page.iter().map(|a| a.id).collect();
    store.set_read(&ids, true).expect("read");
    store.optimize().expect("optimize");
    (dir, store)
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

#[test]
#[ignore = "prints timings; run by hand"]
fn query_speed_over_100k_articles() {
    let started = Instant::now();
    let (_dir, store) = big_store();
    eprintln!("built 100k articles in {:?}", started.elapsed());
    let page = QueryOptions {
        limit: Some(50),
        ..Default::default()
    };
    for q in [
        "iran sanctions talks",
        "iran sanctions talks sort:relevance",
        "iran sanctions talks is:unread",
        "\"iran sanctions\"",
        "iran or sanctions or talks",
        "kaka",
        "kaka -lolo",
        "-iran",
        "is:unread",
        "feed:feed7 iran",
        "author:smith iran",
        "since:1d",
        "/sanction/",
        "title:iran /talks/",
    ] {
        let query = Query::parse(q, NOW).expect("parse");
        let mut n = 0;
        let mut rows = 0;
        let parse = median(101, || {
            let _ = Query::parse(q, NOW).expect("parse");
        });
        let list = median(11, || {
            rows = store.query_articles(&query, &page).expect("list").len();
        });
        let count = median(11, || {
            n = store.count_query(&query, NoiseFilter::Hide).expect("count");
        });
        let plan = store
            .explain_query(&query, &page, false)
            .expect("explain")
            .join(" | ");
        eprintln!(
            "{q:40} parse {parse:>9.1?}  first page ({rows:2} rows) {list:>9.1?}  count ({n:6}) {count:>9.1?}\n    plan: {plan}"
        );
    }
}

//! What topic scoring costs at 100k cached articles: the scorer alone,
//! and `Store::rescore_topics` (read, score, write every article in one
//! transaction). A measurement, not a timed test: it is ignored by
//! default, asserts only that every article was scored, and prints the
//! figures. Run it optimised:
//!
//! ```sh
//! CARGO_PROFILE_DEV_OPT_LEVEL=3 cargo test --test topics_speed -- --ignored --nocapture
//! ```

use std::time::Instant;

use sift::model::{NewArticle, ParsedFeed, Subscription};
use sift::query::{Query, Term};
use sift::store::{IngestMeta, NoiseFilter, Store};
use sift::topics::{Scorer, TopicSet, body_text};

const ARTICLES: usize = 100_000;
const PER_FEED: usize = 1_000;

/// Headlines and standfirsts from the labelled sets, numbered so every
/// article differs.
fn corpus() -> Vec<(String, String)> {
    let mut lines = Vec::new();
    for file in ["tuning.tsv", "heldout.tsv", "heldout2.tsv"] {
        let text =
            std::fs::read_to_string(format!("tests/fixtures/topics/{file}")).expect("fixture");
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() == 3 {
                lines.push((cols[1].to_string(), format!("<p>{}</p>", cols[2])));
            }
        }
    }
    lines
}

#[test]
#[ignore = "a measurement: run with --ignored --nocapture, optimised"]
fn scoring_and_rescoring_100k_articles() {
    let corpus = corpus();
    let scorer = Scorer::new(&TopicSet::defaults().expect("topics"));

    let started = Instant::now();
    let mut members = 0usize;
    for i in 0..ARTICLES {
        let (title, summary) = &corpus[i % corpus.len()];
        let body = body_text(Some(summary), None);
        members += scorer
            .score(title, &body)
            .iter()
            .filter(|(_, s)| *s >= 1.0)
            .count();
    }
    let scoring = started.elapsed();
    println!(
        "score {ARTICLES} articles (title + standfirst, HTML to text included): {:.2} s, {:.1} µs each ({members} memberships)",
        scoring.as_secs_f64(),
        scoring.as_secs_f64() * 1e6 / ARTICLES as f64
    );

    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("sift.db")).expect("store");
    let feeds = ARTICLES / PER_FEED;
    let subs: Vec<Subscription> = (0..feeds)
        .map(|f| Subscription {
            url: format!("https://feed{f}.example/rss"),
            title: None,
            tags: Vec::new(),
        })
        .collect();
    store.sync_subscriptions(&subs).expect("subscriptions");
    let states = store.feeds().expect("feeds");
    let started = Instant::now();
    for (f, state) in states.iter().enumerate() {
        let items = (0..PER_FEED)
            .map(|j| {
                let n = f * PER_FEED + j;
                let (title, summary) = &corpus[n % corpus.len()];
                NewArticle {
                    enclosures: Vec::new(),
                    guid: format!("g{n}"),
                    link: None,
                    title: format!("{title} ({n})"),
                    author: None,
                    published: Some(1_700_000_000 + n as i64),
                    updated: None,
                    summary: Some(summary.clone()),
                    content: None,
                }
            })
            .collect();
        let parsed = ParsedFeed {
            items,
            ..ParsedFeed::default()
        };
        let meta = IngestMeta {
            now: 1_800_000_000,
            etag: None,
            last_modified: None,
            next_poll_at: None,
            keep_days: None,
        };
        store.ingest(state.id, &parsed, &meta).expect("ingest");
    }
    println!(
        "(cache of {ARTICLES} built in {:.1} s)",
        started.elapsed().as_secs_f64()
    );

    // Where the time goes: reading every article, and writing scores.
    let ids = store
        .query_ids(&Query::all(), NoiseFilter::Include, Default::default())
        .expect("ids");
    let started = Instant::now();
    for &id in &ids {
        store.article(id).expect("read");
    }
    println!(
        "read {} articles one by one: {:.2} s",
        ids.len(),
        started.elapsed().as_secs_f64()
    );
    // What one streaming SELECT of the same columns costs (the store has
    // no such reader yet; `Store::rescore_topics` uses `Store::article` per id).
    let started = Instant::now();
    let conn = rusqlite::Connection::open(dir.path().join("sift.db")).expect("reader");
    let mut stmt = conn
        .prepare("SELECT id, title, summary, content FROM articles")
        .expect("select");
    let mut rows = stmt.query([]).expect("rows");
    let mut read = 0usize;
    while let Some(row) = rows.next().expect("row") {
        let title: String = row.get(1).expect("title");
        let summary: Option<String> = row.get(2).expect("summary");
        read += title.len() + summary.map_or(0, |s| s.len());
    }
    println!(
        "read the same in one SELECT: {:.2} s ({read} bytes)",
        started.elapsed().as_secs_f64()
    );
    drop(rows);
    drop(stmt);
    drop(conn);
    let started = Instant::now();
    store.begin_batch().expect("batch");
    for &id in &ids {
        store.set_topics(id, &[("economy", 0.5)]).expect("write");
    }
    store.commit_batch().expect("commit");
    println!(
        "write one score each: {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let done = store.rescore_topics(&scorer).expect("rescore");
    let rescoring = started.elapsed();
    assert_eq!(done, ARTICLES);
    println!(
        "sift topics --rescore over {ARTICLES} articles: {:.2} s, {:.1} µs each",
        rescoring.as_secs_f64(),
        rescoring.as_secs_f64() * 1e6 / ARTICLES as f64
    );

    let started = Instant::now();
    let of_topic = Query::all().and(Term::Topic("foreign-policy".into()));
    let n = store
        .count_query(&of_topic, NoiseFilter::Hide)
        .expect("count");
    println!(
        "count topic:foreign-policy over {ARTICLES}: {n} in {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    assert!(n > 0);
}

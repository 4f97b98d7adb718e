//! What ingest costs per item on the benchmark corpus, beside the parse
//! itself: the plain text (the old index text) and the cleaned text (what
//! the index holds since issue 13 point 5).
//!
//! ```sh
//! python3 ../shared/bench/gen_feeds.py 100 /tmp/feeds --items 40
//! SIFT_BENCH_FEEDS=/tmp/feeds/feeds cargo bench --bench ingest
//! ```

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use sift::clean::RuleSet;
use sift::model::ParsedFeed;

fn corpus() -> Vec<ParsedFeed> {
    let dir = std::env::var_os("SIFT_BENCH_FEEDS")
        .map(PathBuf::from)
        .expect("set SIFT_BENCH_FEEDS to a directory of feeds (see the head comment)");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("a readable feed directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("a feed file"))
        .filter_map(|bytes| sift::feed::parse_feed(&bytes, Some("https://bench.test/")).ok())
        .collect()
}

fn ingest(c: &mut Criterion) {
    let feeds = corpus();
    let rules = RuleSet::builtin();
    // As a poll readies them.
    rules.prepare_for_many();
    let items: Vec<_> = feeds.iter().flat_map(|f| &f.items).collect();
    eprintln!("{} items", items.len());
    let mut group = c.benchmark_group("ingest_per_corpus");
    group.sample_size(10);
    group.bench_function("html_to_plain", |b| {
        b.iter(|| {
            items
                .iter()
                .map(|i| {
                    let body = i.content.as_deref().or(i.summary.as_deref()).unwrap_or("");
                    sift::text::html_to_plain(body).len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("clean_fragment", |b| {
        b.iter(|| {
            items
                .iter()
                .map(|i| {
                    let body = i.content.as_deref().or(i.summary.as_deref()).unwrap_or("");
                    sift::clean::clean_fragment(body, i.link.as_deref(), &rules)
                        .blocks
                        .len()
                })
                .sum::<usize>()
        })
    });
    // The summaries alone: most are one tag-less line.
    group.bench_function("clean_summaries", |b| {
        b.iter(|| {
            items
                .iter()
                .filter_map(|i| i.summary.as_deref().map(|s| (i, s)))
                .map(|(i, s)| {
                    sift::clean::clean_fragment(s, i.link.as_deref(), &rules)
                        .blocks
                        .len()
                })
                .sum::<usize>()
        })
    });
    let scorer = sift::topics::builtin_scorer().expect("the built-in topics");
    let settings = sift::ingest::PlanSettings {
        rules: &rules,
        topics: &scorer,
        full_text: sift::config::feeds::FullText::Auto,
    };
    // The whole plan, as the parse pool makes it for a cold poll.
    group.bench_function("plan_feed", |b| {
        b.iter(|| {
            feeds
                .iter()
                .map(|f| sift::ingest::plan_feed(f, settings, None).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);

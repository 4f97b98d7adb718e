//! Parsing cost on the benchmark corpus (issue 15: the lenient path may
//! cost at most 20 % more CPU than feed-rs alone).
//!
//! ```sh
//! python3 ../shared/bench/gen_feeds.py 100 /tmp/feeds --items 40
//! SIFT_BENCH_FEEDS=/tmp/feeds/feeds cargo bench --bench feed_parse
//! ```
//!
//! `feed_rs_alone` is feed-rs's parse of every file; `sift_parse_feed` is
//! `sift::feed::parse_feed` (feed-rs, the checks that send a document to
//! the lenient reader, and the mapping); `sift_lenient` is the forgiving
//! path forced on the same files, for what a refused document costs.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};

fn corpus() -> Vec<Vec<u8>> {
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
        .collect()
}

fn parse(c: &mut Criterion) {
    let feeds = corpus();
    let base = Some("https://bench.test/feed.xml");
    let mut group = c.benchmark_group("feed_parse");
    group.sample_size(10);
    group.bench_function("feed_rs_alone", |b| {
        b.iter(|| {
            feeds
                .iter()
                .filter_map(|f| feed_rs::parser::parse(f.as_slice()).ok())
                .map(|f| f.entries.len())
                .sum::<usize>()
        })
    });
    group.bench_function("sift_parse_feed", |b| {
        b.iter(|| {
            feeds
                .iter()
                .filter_map(|f| sift::feed::parse_feed(f, base).ok())
                .map(|f| f.items.len())
                .sum::<usize>()
        })
    });
    group.bench_function("sift_lenient", |b| {
        b.iter(|| {
            feeds
                .iter()
                .filter_map(|f| sift::feed::parse_feed_lenient(f, base).ok())
                .map(|f| f.items.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);

//! Judging items again when the rules change (issue 13, point 6), over
//! 100k cached articles. `cargo bench --bench rescan`
//!
//! `rescan_100k` is what `sift rescan` (and a poll after a rules change)
//! does when no verdict changes: every article's title, link and summary
//! read and judged, one transaction. `judge_item` is the ingest side: one
//! item with a summary, as every poll judges each item of a fetched feed.
//! `load_rules` is what every process pays to load the rules (item
//! patterns compile on first use, not here).

use criterion::{Criterion, criterion_group, criterion_main};
use sift::clean::{ItemToJudge, RuleSet, judge_item};
use sift::poller::rescan::rescan;

#[path = "support/corpus.rs"]
mod corpus;

fn benches(c: &mut Criterion) {
    let rules = RuleSet::builtin();
    c.bench_function("load_rules", |b| b.iter(RuleSet::builtin));
    let item = ItemToJudge {
        title: "Putin and Xi sign gas pipeline deal in Beijing",
        link: Some("https://news.example.test/world/2026/11/27/pipeline"),
        summary: Some(
            "<p>Russian President Vladimir Putin and Chinese President Xi Jinping signed an \
             agreement to build the Power of Siberia 2 pipeline, after talks that ran late.</p>",
        ),
    };
    c.bench_function("judge_item", |b| b.iter(|| judge_item(&item, &rules)));

    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = corpus::build(dir.path());
    let mut group = c.benchmark_group("rescan");
    group.sample_size(10);
    group.bench_function("rescan_100k", |b| {
        b.iter(|| rescan(&mut store, &rules).expect("rescan"))
    });
    group.finish();
}

criterion_group!(rescan_benches, benches);
criterion_main!(rescan_benches);

//! Extraction plus cleaning on real pages (issue 13: at most 5 ms per
//! 100 KB of HTML, median over the readability corpus), in-process.
//! `cargo bench --bench extract`
//!
//! The pages are `../shared/corpora/readability-pages/*/source.html`
//! beside the repo (not copied in); without them the bench says so and
//! does nothing. `clean_document` is what `sift extract` runs: bytes,
//! charset, extraction, every rule.
//!
//! Before criterion's own figure (all pages, one after another), the
//! median over pages of each page's fastest of five calls, per 100 KB.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sift::clean::{RuleSet, clean_document};

const URL: &str = "http://fakehost/test/page.html";

fn pages() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/readability-pages");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no corpus at {}: nothing to measure", dir.display());
        return Vec::new();
    };
    let mut pages: Vec<(String, Vec<u8>)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let bytes = std::fs::read(e.path().join("source.html")).ok()?;
            Some((e.file_name().to_string_lossy().into_owned(), bytes))
        })
        .collect();
    pages.sort();
    pages
}

fn median_per_100kb(pages: &[(String, Vec<u8>)], rules: &RuleSet) -> f64 {
    let mut per_page: Vec<f64> = pages
        .iter()
        .map(|(_, bytes)| {
            let best = (0..5)
                .map(|_| {
                    let start = Instant::now();
                    std::hint::black_box(clean_document(bytes, Some(URL), rules));
                    start.elapsed()
                })
                .min()
                .unwrap_or(Duration::ZERO);
            best.as_secs_f64() * 1000.0 / (bytes.len() as f64 / 100_000.0)
        })
        .collect();
    per_page.sort_by(f64::total_cmp);
    per_page
        .get(per_page.len() / 2)
        .copied()
        .unwrap_or(f64::NAN)
}

fn extract(c: &mut Criterion) {
    let pages = pages();
    if pages.is_empty() {
        return;
    }
    let rules = RuleSet::builtin();
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    println!(
        "{} pages, {:.1} MB: median {:.2} ms per 100 KB (each page's fastest of 5)",
        pages.len(),
        bytes as f64 / 1e6,
        median_per_100kb(&pages, &rules)
    );
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("readability_corpus", |b| {
        b.iter(|| {
            for (_, page) in &pages {
                std::hint::black_box(clean_document(page, Some(URL), &rules));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, extract);
criterion_main!(benches);

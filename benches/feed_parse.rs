//! Parsing cost on the benchmark corpus (issue 15: sift's parse may cost at
//! most 20 % more CPU than feed-rs alone).
//!
//! ```sh
//! python3 ../shared/bench/gen_feeds.py 100 /tmp/feeds --items 40
//! SIFT_BENCH_FEEDS=/tmp/feeds/feeds cargo bench --bench feed_parse
//! ```
//!
//! `feed_rs_alone` is feed-rs's parse of every file;
//! `feed_rs_as_sift_runs_it` is the same with sift's options (base URL,
//! no generated ids, no sanitising); `sift_parse_feed` is
//! `sift::feed::parse_feed` (feed-rs, the checks that send a document to
//! the lenient reader, and the mapping); `sift_lenient` is the forgiving
//! path forced on the same files, for what a refused document costs.
//!
//! With `SIFT_BENCH_CPU=1` the times are the bench thread's CPU time
//! rather than wall-clock time, so that other work on a shared machine
//! does not count (on Unix; elsewhere the variable is ignored).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Bencher, Criterion, criterion_group, criterion_main};

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

/// The CPU time this thread has used so far.
#[cfg(unix)]
fn thread_cpu_time() -> Option<Duration> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec for the call's duration.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    let secs = u64::try_from(now.tv_sec).ok()?;
    let nanos = u32::try_from(now.tv_nsec).ok()?;
    (status == 0).then(|| Duration::new(secs, nanos))
}

#[cfg(not(unix))]
fn thread_cpu_time() -> Option<Duration> {
    None
}

/// Times `work` by wall clock, or by this thread's CPU time when asked.
fn measure<T>(b: &mut Bencher<'_>, cpu_time: bool, mut work: impl FnMut() -> T) {
    if !cpu_time {
        b.iter(work);
        return;
    }
    b.iter_custom(|iters| {
        let start = thread_cpu_time().expect("a thread CPU clock");
        for _ in 0..iters {
            black_box(work());
        }
        thread_cpu_time().expect("a thread CPU clock") - start
    });
}

fn parse(c: &mut Criterion) {
    let feeds = corpus();
    let base = Some("https://bench.test/feed.xml");
    let cpu_time =
        std::env::var_os("SIFT_BENCH_CPU").is_some_and(|v| v == "1") && thread_cpu_time().is_some();
    let mut group = c.benchmark_group("feed_parse");
    group.sample_size(10);
    group.bench_function("feed_rs_alone", |b| {
        measure(b, cpu_time, || {
            feeds
                .iter()
                .filter_map(|f| feed_rs::parser::parse(f.as_slice()).ok())
                .map(|f| f.entries.len())
                .sum::<usize>()
        })
    });
    // feed-rs as sift configures it, without sift's checks and mapping.
    group.bench_function("feed_rs_as_sift_runs_it", |b| {
        measure(b, cpu_time, || {
            feeds
                .iter()
                .filter_map(|f| {
                    feed_rs::parser::Builder::new()
                        .base_uri(base)
                        .id_generator(|_, _, _| String::new())
                        .sanitize_content(false)
                        .build()
                        .parse(f.as_slice())
                        .ok()
                })
                .map(|f| f.entries.len())
                .sum::<usize>()
        })
    });
    group.bench_function("sift_parse_feed", |b| {
        measure(b, cpu_time, || {
            feeds
                .iter()
                .filter_map(|f| sift::feed::parse_feed(f, base).ok())
                .map(|f| f.items.len())
                .sum::<usize>()
        })
    });
    group.bench_function("sift_lenient", |b| {
        measure(b, cpu_time, || {
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

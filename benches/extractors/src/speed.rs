//! Speed: every extractor over all pages, in rounds, alternating, until
//! each has run for at least the target time. One run, so that a busy
//! moment on the shared machine hits all of them alike.

use std::hint::black_box;
use std::time::{Duration, Instant};

use crate::extractors::{Extractor, call};
use crate::fixtures::Page;

#[derive(Debug, Clone, Default)]
pub struct Speed {
    pub total: Duration,
    /// Passes over all pages.
    pub passes: usize,
    /// The fastest single pass: the least disturbed by other load.
    pub best_pass: Duration,
}

impl Speed {
    pub fn ms_per_page(&self, pages: usize) -> f64 {
        self.total.as_secs_f64() * 1000.0 / (self.passes * pages).max(1) as f64
    }

    pub fn best_ms_per_page(&self, pages: usize) -> f64 {
        self.best_pass.as_secs_f64() * 1000.0 / pages.max(1) as f64
    }

    pub fn mb_per_s(&self, html_bytes: usize) -> f64 {
        let secs = self.total.as_secs_f64();
        if secs == 0.0 {
            return 0.0;
        }
        (html_bytes * self.passes) as f64 / 1e6 / secs
    }
}

/// Times the extractor call only (not the shared HTML-to-lines step).
///
/// Round 0 runs one pass of each to learn its cost; later rounds give each
/// extractor about a tenth of `target` (whole passes), so all of them are
/// timed side by side from start to end instead of the fast ones last.
pub fn measure(
    extractors: &[&Extractor],
    pages: &[Page],
    urls: &[String],
    target: Duration,
) -> Vec<Speed> {
    let mut speeds = vec![Speed::default(); extractors.len()];
    let slice = target / 10;
    let mut round = 0;
    loop {
        let pending: Vec<usize> = (0..extractors.len())
            .filter(|&i| speeds[i].total < target)
            .collect();
        if pending.is_empty() {
            break;
        }
        // Rotate the order each round so no extractor always runs first.
        for k in 0..pending.len() {
            let i = pending[(k + round) % pending.len()];
            let passes = if speeds[i].passes == 0 {
                1
            } else {
                let per_pass = speeds[i].total.as_secs_f64() / speeds[i].passes as f64;
                ((slice.as_secs_f64() / per_pass.max(1e-9)).round() as usize).max(1)
            };
            for _ in 0..passes {
                let start = Instant::now();
                for (page, url) in pages.iter().zip(urls) {
                    black_box(call(extractors[i], black_box(&page.html), url));
                }
                let pass = start.elapsed();
                let s = &mut speeds[i];
                s.best_pass = if s.passes == 0 {
                    pass
                } else {
                    s.best_pass.min(pass)
                };
                s.total += pass;
                s.passes += 1;
            }
        }
        round += 1;
    }
    speeds
}

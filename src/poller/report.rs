//! What a poll tells its caller: one report per feed and per article page
//! as they finish, and the summary line at the end.

use std::time::Duration;

use crate::model::{ArticleId, FeedId, Timestamp};
use crate::text::counted;

/// What happened to one feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedResult {
    /// Fetched and parsed (200).
    Updated { new: usize, updated: usize },
    /// 304, or an unchanged local file.
    NotModified,
    /// Not fetched: a server hint or backoff asks to wait.
    Skipped { until: Timestamp },
    /// The fetch or the parse failed; the cached articles are untouched.
    Failed { error: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    pub feed_id: FeedId,
    pub url: String,
    pub result: FeedResult,
    /// Set when every redirect on the way was permanent.
    pub moved_to: Option<String>,
    /// Repairs the document needed before it parsed.
    pub repairs: Vec<String>,
}

/// What happened to one article page (the full-text stage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageReport {
    pub article_id: ArticleId,
    pub feed_id: FeedId,
    pub url: String,
    pub result: PageResult,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageResult {
    /// The article's main content was stored.
    Fetched,
    /// Why not; `retry` when a later poll tries again.
    Failed { error: String, retry: bool },
}

/// What a poll reports while it runs.
#[derive(Debug, Clone, Copy)]
pub enum PollEvent<'a> {
    /// A feed finished.
    Feed(&'a FeedReport),
    /// The feeds are done; this many article pages are fetched next.
    PagesQueued(usize),
    /// An article page finished.
    Page(&'a PageReport),
}

/// The whole poll, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct PollSummary {
    pub reports: Vec<FeedReport>,
    /// The full-text stage, one report per page fetched.
    pub pages: Vec<PageReport>,
    pub elapsed: Duration,
    pub pruned: usize,
    /// The cached articles judged again before the poll, because the
    /// rules changed (None when they had not), or why that failed.
    pub rescan: Option<Result<super::rescan::RescanReport, String>>,
}

impl PollSummary {
    fn count(&self, pick: impl Fn(&FeedResult) -> bool) -> usize {
        self.reports.iter().filter(|r| pick(&r.result)).count()
    }
    pub fn updated(&self) -> usize {
        self.count(|r| matches!(r, FeedResult::Updated { .. }))
    }
    pub fn not_modified(&self) -> usize {
        self.count(|r| matches!(r, FeedResult::NotModified))
    }
    pub fn skipped(&self) -> usize {
        self.count(|r| matches!(r, FeedResult::Skipped { .. }))
    }
    pub fn failed(&self) -> usize {
        self.count(|r| matches!(r, FeedResult::Failed { .. }))
    }
    /// `url: error` for each feed that failed.
    pub fn failures(&self) -> Vec<String> {
        self.reports
            .iter()
            .filter_map(|r| match &r.result {
                FeedResult::Failed { error } => Some(format!("{}: {error}", r.url)),
                _ => None,
            })
            .collect()
    }

    pub fn new_articles(&self) -> usize {
        self.reports
            .iter()
            .map(|r| match r.result {
                FeedResult::Updated { new, .. } => new,
                _ => 0,
            })
            .sum()
    }

    /// Article pages whose full text was stored.
    pub fn pages_fetched(&self) -> usize {
        self.pages
            .iter()
            .filter(|p| p.result == PageResult::Fetched)
            .count()
    }

    /// Article pages that failed (each says why in its report).
    pub fn pages_failed(&self) -> usize {
        self.pages.len() - self.pages_fetched()
    }

    /// `polled 120 feeds: 97 updated, 20 not modified, 3 failed; 412 new
    /// articles in 2.1 s`, then `; full text: 12 fetched, 1 failed` when
    /// article pages were fetched.
    pub fn line(&self) -> String {
        let mut parts = vec![
            format!("{} updated", self.updated()),
            format!("{} not modified", self.not_modified()),
        ];
        if self.skipped() > 0 {
            parts.push(format!("{} not due yet", self.skipped()));
        }
        parts.push(format!("{} failed", self.failed()));
        let new = self.new_articles();
        let mut line = format!(
            "polled {}: {}; {} in {:.1} s",
            counted(self.reports.len(), "feed"),
            parts.join(", "),
            counted(new, "new article"),
            self.elapsed.as_secs_f64()
        );
        let (fetched, failed) = (self.pages_fetched(), self.pages_failed());
        if fetched + failed > 0 {
            line.push_str(&format!("; full text: {fetched} fetched"));
            if failed > 0 {
                line.push_str(&format!(", {failed} failed"));
            }
        }
        line
    }
}

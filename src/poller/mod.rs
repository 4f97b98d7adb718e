//! One poll of many feeds: fetch concurrently (N at once, at most M per
//! host), parse on the blocking pool, and hand results to one writer thread
//! that owns the store (one transaction per feed). Progress goes out as
//! `FeedReport`s while the poll runs.

pub mod schedule;
mod writer;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tokio::sync::Semaphore;

use crate::clean::{NoiseKind, RuleSet};
use crate::fetch::{Fetched, Fetcher, Validators};
use crate::model::{FeedId, FeedState, ParsedFeed, Timestamp};
use crate::store::Store;
use writer::{WriteJob, Writer};

/// One feed to poll, taken from the store's state.
#[derive(Debug, Clone)]
pub struct PollTarget {
    pub feed_id: FeedId,
    pub url: String,
    pub validators: Validators,
    pub next_poll_at: Option<Timestamp>,
    pub error_count: u32,
    /// The feed's own `refresh` from feeds.toml, in seconds.
    pub refresh_secs: Option<i64>,
}

impl PollTarget {
    pub fn from_state(state: &FeedState, refresh_secs: Option<i64>) -> PollTarget {
        PollTarget {
            feed_id: state.id,
            url: state.url.clone(),
            validators: Validators {
                etag: state.etag.clone(),
                last_modified: state.last_modified.clone(),
            },
            next_poll_at: state.next_poll_at,
            error_count: state.error_count,
            refresh_secs,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PollOptions {
    pub jobs: usize,
    pub per_host: usize,
    /// Ignore hints and backoff.
    pub force: bool,
    pub keep_days: u32,
    pub keep_per_feed: u32,
    /// Noise rules: items they match are stored marked as noise.
    pub rules: Arc<RuleSet>,
}

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

/// The whole poll, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct PollSummary {
    pub reports: Vec<FeedReport>,
    pub elapsed: Duration,
    pub pruned: usize,
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
    pub fn new_articles(&self) -> usize {
        self.reports
            .iter()
            .map(|r| match r.result {
                FeedResult::Updated { new, .. } => new,
                _ => 0,
            })
            .sum()
    }

    /// `polled 120 feeds: 97 updated, 20 not modified, 3 failed; 412 new articles in 2.1 s`
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
        format!(
            "polled {} feed{}: {}; {} new article{} in {:.1} s",
            self.reports.len(),
            plural(self.reports.len()),
            parts.join(", "),
            new,
            plural(new),
            self.elapsed.as_secs_f64()
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The current time as a `Timestamp`.
pub fn now() -> Timestamp {
    chrono::Utc::now().timestamp()
}

/// Polls `targets`, writing into `store`; `on_report` sees each feed as it
/// finishes. The store comes back with the summary (None only if the
/// writer thread died, which is a bug).
pub async fn poll(
    mut store: Store,
    fetcher: &Fetcher,
    targets: Vec<PollTarget>,
    options: &PollOptions,
    mut on_report: impl FnMut(&FeedReport),
) -> (Option<Store>, PollSummary) {
    let started = Instant::now();
    let checkpointer = store
        .start_checkpointer(Duration::from_millis(200))
        .unwrap_or_else(|e| {
            tracing::warn!("no background checkpoints: {e}");
            None
        });
    let writer = Writer::spawn(store);
    let hosts = HostLimits::new(options.per_host);
    let now = now();
    let mut reports = Vec::with_capacity(targets.len());
    // Two stages, so a slow writer never idles the network: `jobs` fetches
    // run at once, and up to `jobs` fetched feeds more are parsed or wait
    // for the writer (bounded, so memory stays flat).
    let jobs = options.jobs.max(1);
    let mut stream = futures_util::stream::iter(targets)
        .map(|target| fetch_one(target, fetcher, &hosts, options, now))
        .buffer_unordered(jobs)
        .map(|fetched| store_one(fetched, &writer, &options.rules, now))
        .buffer_unordered(jobs);
    while let Some(report) = stream.next().await {
        on_report(&report);
        reports.push(report);
    }
    drop(stream);
    // Retention only has work when articles arrived; an all-304 poll
    // skips it (it reads every article of every feed).
    let any_new = reports
        .iter()
        .any(|r| matches!(r.result, FeedResult::Updated { new, .. } if new > 0));
    let retention = any_new.then_some((options.keep_days, options.keep_per_feed));
    let finished = writer.finish(now, retention).await;
    if let Some(checkpointer) = checkpointer {
        // Its last pass copies what is left of the WAL: not on a runtime
        // worker.
        let _ = tokio::task::spawn_blocking(move || checkpointer.stop()).await;
    }
    if let Some((store, _)) = &finished
        && let Err(e) = store.resume_auto_checkpoint()
    {
        tracing::warn!("cannot turn automatic checkpoints back on: {e}");
    }
    let pruned = finished.as_ref().map_or(0, |(_, pruned)| *pruned);
    let summary = PollSummary {
        reports,
        elapsed: started.elapsed(),
        pruned,
    };
    (finished.map(|(store, _)| store), summary)
}

/// A feed after its fetch: the report so far and what is left to do.
struct FetchStage {
    report: FeedReport,
    target: PollTarget,
    outcome: Option<Result<Fetched, crate::fetch::FetchError>>,
}

/// Stage one: the network (or nothing, when the feed is not due).
async fn fetch_one(
    target: PollTarget,
    fetcher: &Fetcher,
    hosts: &HostLimits,
    options: &PollOptions,
    now: Timestamp,
) -> FetchStage {
    let mut report = FeedReport {
        feed_id: target.feed_id,
        url: target.url.clone(),
        result: FeedResult::NotModified,
        moved_to: None,
        repairs: Vec::new(),
    };
    if let Err(schedule::NotDue::Until(until)) =
        schedule::due(target.next_poll_at, now, options.force)
    {
        report.result = FeedResult::Skipped { until };
        return FetchStage {
            report,
            target,
            outcome: None,
        };
    }
    let fetched = {
        let _permit = hosts.acquire(&target.url).await;
        fetcher.fetch(&target.url, &target.validators, now).await
    };
    FetchStage {
        report,
        target,
        outcome: Some(fetched),
    }
}

/// Stage two: parse, then the writer.
async fn store_one(
    stage: FetchStage,
    writer: &Writer,
    rules: &Arc<RuleSet>,
    now: Timestamp,
) -> FeedReport {
    let FetchStage {
        mut report,
        target,
        outcome,
    } = stage;
    let Some(fetched) = outcome else {
        return report;
    };
    let job = match fetched {
        Err(e) => {
            let failures = target.error_count.saturating_add(1);
            let next = schedule::after_failure(now, failures, e.retry_after());
            WriteJob::Failure {
                feed_id: target.feed_id,
                error: e.to_string(),
                next_poll_at: next,
            }
        }
        Ok(fetched) => {
            report.moved_to = fetched.moved_to.clone();
            match fetched.body {
                None => WriteJob::NotModified {
                    feed_id: target.feed_id,
                    next_poll_at: schedule::after_success(
                        now,
                        fetched.fresh_for,
                        None,
                        target.refresh_secs,
                    ),
                },
                Some(_) => parse_job(&target, fetched, rules.clone(), now).await,
            }
        }
    };
    if let WriteJob::Ingest { parsed, .. } = &job {
        report.repairs = parsed.repairs.clone();
    }
    report.result = writer.write(job, now).await;
    match &report.result {
        FeedResult::Failed { error } => tracing::warn!(url = %report.url, %error, "poll failed"),
        result => tracing::debug!(url = %report.url, ?result, "polled"),
    }
    report
}

/// Parses on the blocking pool (CPU work must not stall the fetches).
async fn parse_job(
    target: &PollTarget,
    fetched: Fetched,
    rules: Arc<RuleSet>,
    now: Timestamp,
) -> WriteJob {
    let final_url = fetched.final_url.clone();
    let body = fetched.body.unwrap_or_default();
    let parsed = tokio::task::spawn_blocking(move || {
        let parsed = crate::feed::parse_feed(&body, Some(&final_url)).map_err(|e| e.to_string())?;
        let verdicts = judge_items(&parsed, &rules);
        Ok((parsed, verdicts))
    })
    .await
    .unwrap_or_else(|e| Err(format!("the parser crashed: {e}")));
    match parsed {
        Ok((parsed, verdicts)) => {
            let next = schedule::after_success(
                now,
                fetched.fresh_for,
                parsed.ttl_minutes,
                target.refresh_secs,
            );
            WriteJob::Ingest {
                feed_id: target.feed_id,
                parsed: Box::new(parsed),
                verdicts,
                validators: fetched.validators,
                next_poll_at: next,
            }
        }
        Err(e) => {
            let failures = target.error_count.saturating_add(1);
            WriteJob::Failure {
                feed_id: target.feed_id,
                error: e,
                next_poll_at: schedule::after_failure(now, failures, None),
            }
        }
    }
}

/// Item-level noise verdicts, one per parsed item.
fn judge_items(parsed: &ParsedFeed, rules: &RuleSet) -> Vec<Option<(NoiseKind, String)>> {
    parsed
        .items
        .iter()
        .map(|item| crate::clean::judge_item(&item.title, item.link.as_deref(), rules))
        .collect()
}

/// At most `per_host` requests to one host at a time.
struct HostLimits {
    per_host: usize,
    hosts: std::sync::Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl HostLimits {
    fn new(per_host: usize) -> HostLimits {
        HostLimits {
            per_host: per_host.max(1),
            hosts: std::sync::Mutex::new(HashMap::new()),
        }
    }

    async fn acquire(&self, url: &str) -> Option<tokio::sync::OwnedSemaphorePermit> {
        let host = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        let semaphore = {
            let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
            hosts
                .entry(host)
                .or_insert_with(|| Arc::new(Semaphore::new(self.per_host)))
                .clone()
        };
        semaphore.acquire_owned().await.ok()
    }
}

/// Parsed feeds are boxed in messages: they can be large.
pub(crate) type BoxedFeed = Box<ParsedFeed>;

//! One poll of many feeds: fetch concurrently (N at once, at most M per
//! host), parse on the blocking pool, and hand results to one writer thread
//! that owns the store (one transaction per feed). Then the full-text
//! stage fetches the pages of articles that carry only a summary. Progress
//! goes out as `PollEvent`s while the poll runs.

pub mod full_text;
mod host_gate;
mod hosts;
mod memory;
mod moves;
mod plan;
mod report;
pub mod rescan;
pub mod schedule;
mod writer;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;

use crate::clean::RuleSet;
use crate::config::feeds::FullText;
use crate::fetch::{Fetched, Fetcher, Validators};
use crate::model::{FeedId, FeedState, ParsedFeed, Timestamp};
use crate::store::{PreparedFeed, Store};
use crate::topics::Scorer;
use hosts::HostLimits;
pub use moves::MovedFeed;
pub use plan::{FeedChoice, PlanError, PlanParts, PollOutcome, PollPlan, PollRequest};
pub use report::{FeedReport, FeedResult, PageReport, PageResult, PollEvent, PollSummary};
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
    /// The feed's `full_text` from feeds.toml: which items get their page
    /// fetched.
    pub full_text: FullText,
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
            full_text: FullText::default(),
        }
    }

    /// The same target with the feed's `full_text` setting.
    pub fn with_full_text(self, full_text: FullText) -> PollTarget {
        PollTarget { full_text, ..self }
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
    /// The topics every new and changed article is scored for.
    pub topics: Arc<Scorer>,
    /// At most this many article pages fetched for their full text; 0
    /// skips the stage (articles are still queued for a later poll).
    pub full_text_fetches: usize,
}

/// The current time as a `Timestamp`.
pub fn now() -> Timestamp {
    chrono::Utc::now().timestamp()
}

/// Polls `targets`, writing into `store`; `on_report` sees each feed as it
/// finishes. The store comes back with the summary (None only if the
/// writer thread died, which is a bug).
pub async fn poll(
    store: Store,
    fetcher: &Fetcher,
    targets: Vec<PollTarget>,
    options: &PollOptions,
    mut on_report: impl FnMut(&FeedReport),
) -> (Option<Store>, PollSummary) {
    poll_with_events(store, fetcher, targets, options, |event| {
        if let PollEvent::Feed(report) = event {
            on_report(report);
        }
    })
    .await
}

/// `poll`, with every event: each feed, then the full-text stage (how many
/// pages are queued, then each page).
pub async fn poll_with_events(
    mut store: Store,
    fetcher: &Fetcher,
    targets: Vec<PollTarget>,
    options: &PollOptions,
    mut on_event: impl FnMut(PollEvent<'_>),
) -> (Option<Store>, PollSummary) {
    let started = Instant::now();
    let checkpointer = store
        .start_checkpointer(Duration::from_millis(200))
        .unwrap_or_else(|e| {
            tracing::warn!("no background checkpoints: {e}");
            None
        });
    // Before any item is stored: verdicts judged with other rules are
    // judged again, so the cache never mixes two rule sets. It runs here,
    // on this thread, because nothing else of the poll has started yet.
    let rescan = match rescan::rescan_if_stale(&mut store, &options.rules) {
        Ok(report) => report.map(Ok),
        Err(e) => {
            tracing::warn!("cannot judge the cached articles again: {e}");
            Some(Err(e.to_string()))
        }
    };
    // What the cache holds of each feed's items: one read now, so items
    // sent again unchanged are never planned (cleaned, scored) again.
    let feed_ids: Vec<FeedId> = targets.iter().map(|t| t.feed_id).collect();
    let known = store.known_items(&feed_ids).unwrap_or_else(|e| {
        tracing::warn!("cannot read the cached items; every item is planned: {e}");
        Default::default()
    });
    options.rules.prepare_for_many();
    let planning = Planning {
        rules: Arc::clone(&options.rules),
        topics: Arc::clone(&options.topics),
        known: Arc::new(known),
    };
    let writer = Writer::spawn(store, Arc::clone(&options.rules));
    let hosts = HostLimits::new(options.per_host);
    let now = now();
    let mut reports = Vec::with_capacity(targets.len());
    let full_text_feeds: Vec<FeedId> = targets
        .iter()
        .filter(|t| t.full_text != FullText::Never)
        .map(|t| t.feed_id)
        .collect();
    // Three stages, so that neither the parsers nor the writer idle the
    // network: `jobs` fetches run at once; up to two fetched feeds per
    // parser are parsed or wait for a parser (feeds fetched beyond those
    // wait in the sockets' buffers rather than in ours: a third of a cold
    // poll's peak memory was fetched feeds waiting to be parsed); and up
    // to `WAITING_FOR_WRITER` parsed feeds wait for the writer. A stage
    // that is full stops the ones before it: with the writer's wait
    // inside the parse stage's two per parser, a poll whose writer was
    // busy stopped parsing and fetching, and a +10 % poll spent the
    // network's latency again (BENCHMARKS.md, "Poll after session 15").
    let jobs = options.jobs.max(1);
    let parsing = (2 * parser_threads()).min(jobs);
    let mut stream = futures_util::stream::iter(targets)
        .map(|target| fetch_one(target, fetcher, &hosts, options, now))
        .buffer_unordered(jobs)
        .map(|fetched| parse_one(fetched, &planning, now))
        .buffer_unordered(parsing)
        .map(|parsed| write_one(parsed, &writer, now))
        .buffer_unordered(WAITING_FOR_WRITER.min(jobs));
    while let Some(report) = stream.next().await {
        on_event(PollEvent::Feed(&report));
        reports.push(report);
    }
    drop(stream);
    let pages = if options.full_text_fetches > 0 {
        let limit = options.full_text_fetches;
        let stage = full_text::PageStage {
            writer: &writer,
            fetcher,
            hosts: &hosts,
            rules: &options.rules,
            now,
        };
        full_text::run(stage, full_text_feeds, (limit, jobs), &mut on_event).await
    } else {
        Vec::new()
    };
    // Retention only has work when articles arrived; an all-304 poll
    // skips it (it reads every article of every feed).
    let any_new = reports
        .iter()
        .any(|r| matches!(r.result, FeedResult::Updated { new, .. } if new > 0));
    let retention = any_new.then_some((options.keep_days, options.keep_per_feed));
    // The checkpointer's last pass (not on a runtime worker) copies what
    // the feeds wrote while the writer prunes and optimizes, instead of
    // after: the few pages those write are copied when the cache closes.
    let last_checkpoint =
        checkpointer.map(|checkpointer| tokio::task::spawn_blocking(move || checkpointer.stop()));
    let finished = writer.finish(now, retention).await;
    if let Some(last_checkpoint) = last_checkpoint {
        let _ = last_checkpoint.await;
    }
    if let Some((store, _)) = &finished
        && let Err(e) = store.resume_auto_checkpoint()
    {
        tracing::warn!("cannot turn automatic checkpoints back on: {e}");
    }
    let pruned = finished.as_ref().map_or(0, |(_, pruned)| *pruned);
    let summary = PollSummary {
        reports,
        pages,
        elapsed: started.elapsed(),
        pruned,
        rescan,
    };
    (finished.map(|(store, _)| store), summary)
}

/// How many parsed feeds may wait for the writer. A waiting feed holds its
/// items prepared (`PreparedFeed`: bodies packed, in one block); 16 made
/// a cold 500-feed poll about 5 % faster than 8 but peaked 4 MB higher,
/// above newsboat's peak (BENCHMARKS.md, "Poll after session 16").
const WAITING_FOR_WRITER: usize = 8;

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

/// Stage two: what the writer is to do with a fetched feed, parsed and
/// planned (nothing, when it was not fetched).
async fn parse_one(
    stage: FetchStage,
    planning: &Planning,
    now: Timestamp,
) -> (FeedReport, Option<WriteJob>) {
    let FetchStage {
        mut report,
        target,
        outcome,
    } = stage;
    let Some(fetched) = outcome else {
        return (report, None);
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
                Some(_) => parse_job(&target, fetched, planning.clone(), now).await,
            }
        }
    };
    if let WriteJob::Ingest { parsed, .. } = &job {
        report.repairs = parsed.repairs.clone();
    }
    (report, Some(job))
}

/// Stage three: the writer.
async fn write_one(
    (mut report, job): (FeedReport, Option<WriteJob>),
    writer: &Writer,
    now: Timestamp,
) -> FeedReport {
    let Some(job) = job else {
        return report;
    };
    report.result = writer.write(job, now).await;
    match &report.result {
        FeedResult::Failed { error } => tracing::warn!(url = %report.url, %error, "poll failed"),
        result => tracing::debug!(url = %report.url, ?result, "polled"),
    }
    report
}

/// Feeds are parsed on the blocking pool, one parser per core: more
/// parsers than cores only cost memory (each thread gets its own
/// allocator arena).
pub(super) fn parser_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(2, usize::from)
        .max(2)
}

/// What the parse stage plans items with: shared by every feed of a poll.
#[derive(Clone)]
struct Planning {
    rules: Arc<RuleSet>,
    topics: Arc<Scorer>,
    /// Per feed, the items the cache holds (guid to content hash).
    known: Arc<HashMap<FeedId, crate::ingest::KnownItems>>,
}

/// Parses on the blocking pool (CPU work must not stall the fetches).
/// Each new or changed item's ingest plan is made there too.
async fn parse_job(
    target: &PollTarget,
    fetched: Fetched,
    planning: Planning,
    now: Timestamp,
) -> WriteJob {
    let final_url = fetched.final_url.clone();
    let body = fetched.body.unwrap_or_default();
    let content_type = fetched.content_type;
    let full_text = target.full_text;
    let feed_id = target.feed_id;
    let parsed = tokio::task::spawn_blocking(move || {
        let mut parsed =
            crate::feed::parse_feed_with_type(&body, Some(&final_url), content_type.as_deref())
                .map_err(|e| match e {
                    // Say where the feed probably is.
                    crate::feed::FeedError::WebPage => crate::fetch::discover::web_page_error(
                        &crate::text::charset::decode_html(&body, None),
                        &final_url,
                    ),
                    e => e.to_string(),
                })?;
        // The bytes are parsed: free them before planning.
        drop(body);
        let settings = crate::ingest::PlanSettings {
            rules: &planning.rules,
            topics: &planning.topics,
            full_text,
        };
        let mut plans = crate::ingest::plan_feed(&parsed, settings, planning.known.get(&feed_id));
        // Packing the bodies here, not on the one writer thread.
        let prepared = PreparedFeed::take_from(&mut parsed, &mut plans);
        Ok((parsed, plans, prepared))
    })
    .await
    .unwrap_or_else(|e| Err(format!("the parser crashed: {e}")));
    match parsed {
        Ok((parsed, plans, prepared)) => {
            let next = schedule::after_success(
                now,
                fetched.fresh_for,
                parsed.ttl_minutes,
                target.refresh_secs,
            );
            WriteJob::Ingest {
                feed_id: target.feed_id,
                parsed: Box::new(parsed),
                plans,
                prepared,
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

/// Parsed feeds are boxed in messages: they can be large.
pub(crate) type BoxedFeed = Box<ParsedFeed>;

//! The one thread that writes to the store during a poll. Fetch tasks send
//! it messages; it answers each with the feed's (or the page's) result. One
//! transaction per feed, and no lock contention between fetch tasks.

use std::sync::{Arc, mpsc};

use tokio::sync::oneshot;

use super::full_text::{self, PageOutcome};
use super::{BoxedFeed, FeedResult};
use crate::clean::RuleSet;
use crate::fetch::Validators;
use crate::ingest::ItemPlan;
use crate::model::{ArticleId, FeedId, Timestamp};
use crate::store::{FullTextJob, FullTextStatus, IngestMeta, Store, StoryAssigner};

pub(super) enum WriteJob {
    Ingest {
        feed_id: FeedId,
        parsed: BoxedFeed,
        /// One plan per item, parallel to `parsed.items`.
        plans: Vec<Option<ItemPlan>>,
        validators: Validators,
        next_poll_at: Option<Timestamp>,
    },
    NotModified {
        feed_id: FeedId,
        next_poll_at: Option<Timestamp>,
    },
    Failure {
        feed_id: FeedId,
        error: String,
        next_poll_at: Timestamp,
    },
    /// What fetching one article's page gave.
    Page {
        article_id: ArticleId,
        outcome: PageOutcome,
    },
}

/// The answer to a `WriteJob`: feeds get a `FeedResult`; a page gets its
/// new status (None when it was settled already) or the store's error.
enum Written {
    Feed(FeedResult),
    Page(Result<Option<FullTextStatus>, String>),
}

enum Message {
    Write {
        job: WriteJob,
        now: Timestamp,
        reply: oneshot::Sender<Written>,
    },
    /// Pages to fetch, newest first (a read, answered between batches).
    Queue {
        feeds: Vec<FeedId>,
        limit: usize,
        reply: oneshot::Sender<Vec<FullTextJob>>,
    },
    Finish {
        now: Timestamp,
        /// `(keep_days, keep_per_feed)`, or None to skip retention.
        retention: Option<(u32, u32)>,
        reply: oneshot::Sender<(Store, usize)>,
    },
}

pub(super) struct Writer {
    sender: mpsc::Sender<Message>,
}

impl Writer {
    /// `rules` clean a stored full text again when its item changes.
    pub fn spawn(mut store: Store, rules: Arc<RuleSet>) -> Writer {
        let (sender, receiver) = mpsc::channel::<Message>();
        std::thread::spawn(move || {
            // One story index for the whole poll: spans of dates are read
            // once, as the articles arrive.
            let mut stories = StoryAssigner::new(crate::story::Thresholds::default());
            while let Ok(first) = receiver.recv() {
                // Whatever queued up while the last batch was written goes
                // into the next one: the slower the disk, the bigger the
                // batches, the fewer the commits.
                let mut writes = Vec::new();
                let mut finish = None;
                let mut queue = None;
                let mut next = Some(first);
                while let Some(message) = next.take() {
                    match message {
                        Message::Write { job, now, reply } => writes.push((job, now, reply)),
                        Message::Queue {
                            feeds,
                            limit,
                            reply,
                        } => queue = Some((feeds, limit, reply)),
                        Message::Finish {
                            now,
                            retention,
                            reply,
                        } => finish = Some((now, retention, reply)),
                    }
                    if writes.len() < MAX_BATCH && finish.is_none() && queue.is_none() {
                        next = receiver.try_recv().ok();
                    }
                }
                write_batch(&mut store, &mut stories, &rules, writes);
                // After the batch, so the queue sees every write sent before.
                if let Some((feeds, limit, reply)) = queue {
                    let jobs = store.full_text_queue(&feeds, limit).unwrap_or_else(|e| {
                        tracing::warn!("cannot read the full-text queue: {e}");
                        Vec::new()
                    });
                    let _ = reply.send(jobs);
                }
                if let Some((now, retention, reply)) = finish {
                    let pruned = retention.map_or(0, |(days, per_feed)| {
                        store
                            .prune(now, Some(days), Some(per_feed))
                            .unwrap_or_else(|e| {
                                tracing::warn!("pruning old articles failed: {e}");
                                0
                            })
                    });
                    if let Err(e) = store.optimize() {
                        tracing::warn!("PRAGMA optimize failed: {e}");
                    }
                    let _ = reply.send((store, pruned));
                    return;
                }
            }
        });
        Writer { sender }
    }

    pub async fn write(&self, job: WriteJob, now: Timestamp) -> FeedResult {
        match self.send(job, now).await {
            Some(Written::Feed(result)) => result,
            Some(Written::Page(_)) | None => FeedResult::Failed {
                error: STOPPED.into(),
            },
        }
    }

    /// Stores what fetching an article's page gave; the new status, or
    /// the store's error.
    pub async fn write_page(
        &self,
        article_id: ArticleId,
        outcome: PageOutcome,
        now: Timestamp,
    ) -> Result<Option<FullTextStatus>, String> {
        let job = WriteJob::Page {
            article_id,
            outcome,
        };
        match self.send(job, now).await {
            Some(Written::Page(result)) => result,
            Some(Written::Feed(_)) | None => Err(STOPPED.into()),
        }
    }

    async fn send(&self, job: WriteJob, now: Timestamp) -> Option<Written> {
        let (reply, answer) = oneshot::channel();
        let message = Message::Write { job, now, reply };
        self.sender.send(message).ok()?;
        answer.await.ok()
    }

    /// Up to `limit` article pages to fetch from `feeds`, newest first.
    pub async fn full_text_queue(&self, feeds: Vec<FeedId>, limit: usize) -> Vec<FullTextJob> {
        let (reply, answer) = oneshot::channel();
        let message = Message::Queue {
            feeds,
            limit,
            reply,
        };
        if self.sender.send(message).is_err() {
            return Vec::new();
        }
        answer.await.unwrap_or_default()
    }

    /// Prunes, optimises, and hands the store back; None if the writer
    /// thread died (the database is then reopened by the caller).
    pub async fn finish(
        self,
        now: Timestamp,
        retention: Option<(u32, u32)>,
    ) -> Option<(Store, usize)> {
        let (reply, answer) = oneshot::channel();
        let message = Message::Finish {
            now,
            retention,
            reply,
        };
        self.sender.send(message).ok()?;
        answer.await.ok()
    }
}

/// At most this many feeds share one commit.
const MAX_BATCH: usize = 64;

const STOPPED: &str = "the cache writer stopped";

type Pending = (WriteJob, Timestamp, oneshot::Sender<Written>);

/// Writes each job in its own savepoint inside one transaction, commits,
/// then answers. If the batch cannot be opened, each job commits alone; if
/// the commit fails, every job in it is reported failed (nothing was kept).
fn write_batch(
    store: &mut Store,
    stories: &mut StoryAssigner,
    rules: &RuleSet,
    writes: Vec<Pending>,
) {
    if writes.is_empty() {
        return;
    }
    let batched = writes.len() > 1 && store.begin_batch().is_ok();
    let mut results: Vec<(Written, oneshot::Sender<Written>)> = writes
        .into_iter()
        .map(|(job, now, reply)| (apply(store, stories, rules, job, now), reply))
        .collect();
    if batched && let Err(e) = store.commit_batch() {
        store.rollback_batch();
        // The index held what was rolled back.
        stories.reset();
        let error = format!("cache: commit failed: {e}");
        for (result, _) in &mut results {
            *result = match result {
                Written::Feed(_) => Written::Feed(FeedResult::Failed {
                    error: error.clone(),
                }),
                Written::Page(_) => Written::Page(Err(error.clone())),
            };
        }
    }
    for (result, reply) in results {
        let _ = reply.send(result);
    }
}

fn apply(
    store: &mut Store,
    stories: &mut StoryAssigner,
    rules: &RuleSet,
    job: WriteJob,
    now: Timestamp,
) -> Written {
    let outcome = match job {
        WriteJob::Page {
            article_id,
            outcome,
        } => {
            let result = full_text::store_outcome(store, article_id, outcome, now);
            return Written::Page(result.map_err(|e| format!("cache: {e}")));
        }
        WriteJob::Ingest {
            feed_id,
            parsed,
            plans,
            validators,
            next_poll_at,
        } => {
            let meta = IngestMeta {
                now,
                etag: validators.etag.as_deref(),
                last_modified: validators.last_modified.as_deref(),
                next_poll_at,
                // Retention counts time in the cache, not publication date:
                // an old backlog is shown, then pruned (and tombstoned).
                keep_days: None,
            };
            store
                .ingest_planned(feed_id, &parsed, &plans, rules, &meta)
                .map(|stats| {
                    crate::store::assign_planned(stories, store, &stats, &parsed.items, &plans);
                    FeedResult::Updated {
                        new: stats.new,
                        updated: stats.updated,
                    }
                })
        }
        WriteJob::NotModified {
            feed_id,
            next_poll_at,
        } => store
            .record_not_modified(feed_id, now, next_poll_at)
            .map(|()| FeedResult::NotModified),
        WriteJob::Failure {
            feed_id,
            error,
            next_poll_at,
        } => {
            // Errors may quote a server; the report is printed.
            let error = crate::text::sanitize_line(&error);
            store
                .record_failure(feed_id, now, &error, Some(next_poll_at))
                .map(|()| FeedResult::Failed { error })
        }
    };
    Written::Feed(outcome.unwrap_or_else(|e| FeedResult::Failed {
        error: format!("cache: {e}"),
    }))
}

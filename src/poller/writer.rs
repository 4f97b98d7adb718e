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
use crate::store::{
    FullTextJob, FullTextStatus, IngestMeta, PreparedFeed, Store, StoreError, StoryAssigner,
};

pub(super) enum WriteJob {
    Ingest {
        feed_id: FeedId,
        parsed: BoxedFeed,
        /// One plan per item, parallel to `parsed.items`.
        plans: Vec<Option<ItemPlan>>,
        /// The planned items' columns, made on the parser thread: their
        /// `content` (and their plans' index bodies) are in here, not in
        /// `parsed` and `plans`.
        prepared: PreparedFeed,
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

/// Writes the jobs in one transaction, commits, then answers. Each job
/// is all or nothing (`Store::in_job`): if one fails, the batch keeps
/// nothing and its jobs are written again, each in a transaction of its
/// own, so only the failed one is lost. If the batch cannot be opened,
/// each job commits alone; if the commit fails, every job in it is
/// reported failed (nothing was kept).
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
    let mut results = Vec::with_capacity(writes.len());
    for (job, now, _) in &writes {
        results.push(apply(store, stories, rules, job, *now));
        if batched && store.batch_failed() {
            break;
        }
    }
    if batched && let Err(e) = store.commit_batch() {
        store.rollback_batch();
        // The index held what was rolled back.
        stories.reset();
        results = match e {
            StoreError::WriteUndone => writes
                .iter()
                .map(|(job, now, _)| apply(store, stories, rules, job, *now))
                .collect(),
            e => {
                let error = format!("cache: commit failed: {e}");
                writes.iter().map(|(job, ..)| failed(job, &error)).collect()
            }
        };
    }
    for (result, (.., reply)) in results.into_iter().zip(writes) {
        let _ = reply.send(result);
    }
}

/// What a job that was not kept answers.
fn failed(job: &WriteJob, error: &str) -> Written {
    match job {
        WriteJob::Page { .. } => Written::Page(Err(error.to_string())),
        _ => Written::Feed(FeedResult::Failed {
            error: error.to_string(),
        }),
    }
}

fn apply(
    store: &mut Store,
    stories: &mut StoryAssigner,
    rules: &RuleSet,
    job: &WriteJob,
    now: Timestamp,
) -> Written {
    let outcome = match job {
        WriteJob::Page {
            article_id,
            outcome,
        } => {
            let result =
                store.in_job(|store| full_text::store_outcome(store, *article_id, outcome, now));
            return Written::Page(result.map_err(|e| format!("cache: {e}")));
        }
        WriteJob::Ingest {
            feed_id,
            parsed,
            plans,
            prepared,
            validators,
            next_poll_at,
        } => {
            let meta = IngestMeta {
                now,
                etag: validators.etag.as_deref(),
                last_modified: validators.last_modified.as_deref(),
                next_poll_at: *next_poll_at,
                // Retention counts time in the cache, not publication date:
                // an old backlog is shown, then pruned (and tombstoned).
                keep_days: None,
            };
            // One job: the articles, their flags, scores, story places and
            // queue entries are kept together or not at all.
            let written = store.in_job(|store| {
                let stats =
                    store.ingest_planned(*feed_id, parsed, plans, Some(prepared), rules, &meta)?;
                crate::store::assign_planned(stories, store, &stats, &parsed.items, plans);
                Ok(stats)
            });
            if written.is_err() {
                // The index may hold signatures that were undone.
                stories.reset();
            }
            written.map(|stats| FeedResult::Updated {
                new: stats.new,
                updated: stats.updated,
            })
        }
        WriteJob::NotModified {
            feed_id,
            next_poll_at,
        } => store
            .record_not_modified(*feed_id, now, *next_poll_at)
            .map(|()| FeedResult::NotModified),
        WriteJob::Failure {
            feed_id,
            error,
            next_poll_at,
        } => {
            // Errors may quote a server; the report is printed.
            let error = crate::text::sanitize_line(error);
            store
                .record_failure(*feed_id, now, &error, Some(*next_poll_at))
                .map(|()| FeedResult::Failed { error })
        }
    };
    Written::Feed(outcome.unwrap_or_else(|e| FeedResult::Failed {
        error: format!("cache: {e}"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NewArticle, ParsedFeed, Subscription};

    fn ingest(feed_id: FeedId, guid: &str, title: &str) -> WriteJob {
        let item = NewArticle {
            guid: guid.into(),
            link: Some(format!("https://example.com/{guid}")),
            title: title.into(),
            author: None,
            published: Some(1_700_000_000),
            updated: None,
            summary: Some(format!("<p>{title}, in full.</p>")),
            content: None,
            enclosures: Vec::new(),
        };
        WriteJob::Ingest {
            feed_id,
            parsed: Box::new(ParsedFeed {
                items: vec![item],
                ..ParsedFeed::default()
            }),
            plans: vec![None],
            prepared: PreparedFeed::default(),
            validators: Validators::default(),
            next_poll_at: None,
        }
    }

    /// Jobs in a batch have no savepoints: one that fails fails the batch,
    /// which is written again job by job, so only that feed is lost.
    #[test]
    fn a_failed_job_in_a_batch_loses_only_its_own_feed() {
        let mut store = Store::open_in_memory().expect("store");
        let subs: Vec<Subscription> = ["https://a.example/rss", "https://b.example/rss"]
            .iter()
            .map(|url| Subscription {
                url: url.to_string(),
                ..Subscription::default()
            })
            .collect();
        store.sync_subscriptions(&subs).expect("feeds");
        let id = |url: &str| store.feed_by_url(url).expect("read").expect("feed").id;
        let (a, b) = (id("https://a.example/rss"), id("https://b.example/rss"));
        let jobs = [
            ingest(a, "1", "Ceasefire talks in Doha"),
            ingest(999, "2", "A feed removed meanwhile"),
            ingest(b, "3", "Summit in Oslo"),
        ];
        let mut answers = Vec::new();
        let writes = jobs
            .into_iter()
            .map(|job| {
                let (reply, answer) = oneshot::channel();
                answers.push(answer);
                (job, 1_700_000_100, reply)
            })
            .collect();
        let mut stories = StoryAssigner::new(crate::story::Thresholds::default());
        write_batch(&mut store, &mut stories, &RuleSet::builtin(), writes);

        let results: Vec<FeedResult> = answers
            .into_iter()
            .map(|mut answer| match answer.try_recv().expect("answered") {
                Written::Feed(result) => result,
                Written::Page(_) => panic!("a feed job answered as a page"),
            })
            .collect();
        assert_eq!(results[0], FeedResult::Updated { new: 1, updated: 0 });
        assert!(
            matches!(&results[1], FeedResult::Failed { error } if error.contains("999")),
            "{:?}",
            results[1]
        );
        assert_eq!(results[2], FeedResult::Updated { new: 1, updated: 0 });
        assert_eq!(store.search_ids("doha", 10).expect("search").len(), 1);
        assert_eq!(store.search_ids("oslo", 10).expect("search").len(), 1);
        assert!(store.search_ids("removed", 10).expect("search").is_empty());
    }
}

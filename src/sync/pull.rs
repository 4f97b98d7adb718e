//! Phases 1 and 2 of a sync: read what the server has (writing nothing),
//! then apply it to the cache in one transaction. New articles are
//! planned as a poll plans them (`ingest::plan_feed`, on every core) and
//! stored by `Store::ingest_planned` with their stories assigned.

use std::collections::HashMap;

use super::SyncSettings;
use super::backend::{RemoteArticle, RemoteFeed, ServerFlag, SyncBackend};
use super::flags::{FlagDecision, ServerFlags, reconcile};
use super::subscriptions;
use super::{SyncError, SyncReport, now_ms};
use crate::config::feeds::{FeedsFile, FullText};
use crate::feed::{ExternalItem, external_article};
use crate::ingest::{ItemPlan, PlanSettings};
use crate::model::{FeedId, NewArticle, ParsedFeed};
use crate::store::{IngestMeta, Store, StoryAssigner, SyncedArticleFlags};

/// The marker's key in the store.
pub(super) const MARKER: &str = "marker";

/// Everything read from the server in phase 1.
pub(super) struct Fetched {
    feeds: Vec<RemoteFeed>,
    articles: Vec<RemoteArticle>,
    marker: Option<String>,
    /// None when no article was synced before (nothing to compare).
    flags: Option<ServerFlags>,
}

pub(super) async fn fetch<B: SyncBackend>(
    backend: &B,
    store: &Store,
) -> Result<Fetched, SyncError> {
    let feeds = backend.feeds().await?;
    let old_marker = store.sync_meta(MARKER)?;
    let mut articles: Vec<RemoteArticle> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut cursor = None;
    loop {
        let page = backend
            .articles_since(old_marker.as_deref(), cursor.as_ref())
            .await?;
        // Pages may overlap when articles arrive while paging.
        articles.extend(page.items.into_iter().filter(|a| seen.insert(a.id)));
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let marker = backend.marker_after(old_marker.as_deref(), &articles);
    let flags = if store.synced_articles()?.is_empty() {
        None
    } else {
        let seen_at_ms = now_ms();
        Some(ServerFlags {
            unread: all_ids(backend, ServerFlag::Unread).await?,
            starred: all_ids(backend, ServerFlag::Starred).await?,
            seen_at_ms,
        })
    };
    Ok(Fetched {
        feeds,
        articles,
        marker,
        flags,
    })
}

async fn all_ids<B: SyncBackend>(
    backend: &B,
    flag: ServerFlag,
) -> Result<std::collections::HashSet<i64>, SyncError> {
    let mut ids = std::collections::HashSet::new();
    let mut cursor = None;
    loop {
        let page = backend.ids_with(flag, cursor.as_ref()).await?;
        ids.extend(page.items);
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(ids),
        }
    }
}

/// One feed's new articles, converted and planned.
struct FeedBatch {
    feed_id: FeedId,
    parsed: ParsedFeed,
    /// The server's id and flags of each item, parallel to `parsed.items`.
    remote: Vec<SyncedArticleFlags>,
    plans: Vec<Option<ItemPlan>>,
    /// The feed's `full_text` from feeds.toml.
    full_text: FullText,
}

pub(super) fn apply(
    settings: &SyncSettings<'_>,
    store: &mut Store,
    fetched: Fetched,
    report: &mut SyncReport,
) -> Result<subscriptions::FeedPush, SyncError> {
    let Fetched {
        feeds,
        articles,
        marker,
        flags,
    } = fetched;
    // Subscriptions first: a feed new on the server needs its row here.
    let push = subscriptions::apply_here(&feeds, settings, store, report)?;
    let feeds_file = FeedsFile::load(&settings.paths.feeds_file())
        .map_err(|e| SyncError::Feeds(e.to_string()))?;
    let mut batches = group(&feeds, articles, store, &feeds_file)?;
    plan_all(&mut batches, settings);
    let now = crate::poller::now();
    store.begin_batch()?;
    let applied = (|| -> Result<usize, SyncError> {
        // Flags first, from the state before this sync's new articles.
        if let Some(flags) = &flags {
            let base = store.synced_articles()?;
            let pending = store.pending_changes()?;
            for decision in reconcile(&base, flags, &pending) {
                match decision {
                    FlagDecision::Take {
                        article_id,
                        flag,
                        value,
                    } => {
                        store.take_remote_flag(article_id, flag, value)?;
                        report.flags_taken += 1;
                    }
                    FlagDecision::Overridden {
                        article_id,
                        flag,
                        value,
                    } => {
                        store.note_remote_flag(article_id, flag, value)?;
                        report.flags_overridden += 1;
                    }
                }
            }
        }
        let rules = settings.rules();
        let mut stories = StoryAssigner::new(crate::story::Thresholds::default());
        let mut new = 0;
        for batch in &batches {
            let meta = IngestMeta {
                now,
                ..IngestMeta::default()
            };
            let stats = store.ingest_planned(
                batch.feed_id,
                &batch.parsed,
                &batch.plans,
                None,
                &rules,
                &meta,
            )?;
            crate::store::assign_planned(
                &mut stories,
                store,
                &stats,
                &batch.parsed.items,
                &batch.plans,
            );
            new += stats.new;
            for (item, remote) in batch.parsed.items.iter().zip(&batch.remote) {
                store.link_remote_article(batch.feed_id, &item.guid, *remote)?;
            }
        }
        if let Some(marker) = &marker {
            store.set_sync_meta(MARKER, marker)?;
        }
        Ok(new)
    })();
    match applied.and_then(|new| store.commit_batch().map(|()| new).map_err(SyncError::from)) {
        Ok(new) => report.articles_new = new,
        Err(e) => {
            store.rollback_batch();
            return Err(e);
        }
    }
    if report.articles_new > 0 {
        let cache = &settings.config.cache;
        if let Err(e) = store.prune(now, Some(cache.keep_days), Some(cache.keep_per_feed)) {
            tracing::warn!("pruning after a sync failed: {e}");
        }
        let _ = store.optimize();
    }
    Ok(push)
}

/// The articles by sift feed; those of feeds sift does not have (removed
/// here, not yet unsubscribed there) are left out.
fn group(
    feeds: &[RemoteFeed],
    articles: Vec<RemoteArticle>,
    store: &Store,
    feeds_file: &FeedsFile,
) -> Result<Vec<FeedBatch>, SyncError> {
    let url_of: HashMap<i64, String> = store
        .synced_feeds()?
        .into_iter()
        .map(|(url, id)| (id, url))
        .collect();
    let title_of: HashMap<i64, &str> = feeds.iter().map(|f| (f.id, f.title.as_str())).collect();
    let mut by_feed: HashMap<i64, FeedBatch> = HashMap::new();
    for article in articles {
        let Some(url) = url_of.get(&article.feed_id) else {
            continue;
        };
        let Some(entry) = feeds_file.find(url) else {
            continue;
        };
        let full_text = entry.full_text;
        let batch = match by_feed.entry(article.feed_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let Some(state) = store.feed_by_url(url)? else {
                    continue;
                };
                e.insert(FeedBatch {
                    feed_id: state.id,
                    parsed: ParsedFeed {
                        title: title_of
                            .get(&article.feed_id)
                            .map(|t| crate::text::sanitize_line(t))
                            .filter(|t| !t.is_empty()),
                        ..ParsedFeed::default()
                    },
                    remote: Vec::new(),
                    plans: Vec::new(),
                    full_text,
                })
            }
        };
        batch.parsed.items.push(to_new_article(&article));
        batch.remote.push(SyncedArticleFlags {
            remote_id: article.id,
            read: article.read,
            starred: article.starred,
        });
    }
    let mut batches: Vec<FeedBatch> = by_feed.into_values().collect();
    batches.sort_by_key(|b| b.feed_id);
    Ok(batches)
}

fn to_new_article(article: &RemoteArticle) -> NewArticle {
    external_article(&ExternalItem {
        guid: &article.guid,
        title: &article.title,
        link: article.link.as_deref(),
        author: article.author.as_deref(),
        date: article.updated,
        content: article.content.as_deref(),
        enclosures: article
            .enclosures
            .iter()
            .map(|e| (e.url.as_str(), e.mime_type.as_deref()))
            .collect(),
    })
}

/// Plans every batch with the settings' rules and topics, and each feed's
/// `full_text`, spread over the cores.
fn plan_all(batches: &mut [FeedBatch], settings: &SyncSettings<'_>) {
    if batches.is_empty() {
        return;
    }
    let rules = settings.rules();
    rules.prepare_for_many();
    let topics = std::sync::Arc::clone(&settings.topics);
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    let per_thread = batches.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        for chunk in batches.chunks_mut(per_thread) {
            let rules = &rules;
            let topics = &topics;
            scope.spawn(move || {
                for batch in chunk {
                    let settings = PlanSettings {
                        rules,
                        topics,
                        full_text: batch.full_text,
                    };
                    batch.plans = crate::ingest::plan_feed(&batch.parsed, settings, None);
                }
            });
        }
    });
}

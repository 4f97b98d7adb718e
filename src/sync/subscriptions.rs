//! Subscriptions, both ways, by a three-way comparison: the feeds both
//! sides had at the last sync (the base, in the store), feeds.toml, and
//! the server's list. A feed only one side added is added to the other;
//! a feed one side removed is removed from the other. No queue is
//! needed: the base remembers what was agreed, offline or not.

use std::collections::{HashMap, HashSet};

use super::SyncSettings;
use super::backend::{RemoteFeed, SyncBackend};
use super::{SyncError, SyncReport};
use crate::config::feeds::{FeedEntry, FeedsFile};
use crate::store::Store;

/// What phase 3 sends: feeds added and removed in sift.
#[derive(Debug, Default)]
pub(super) struct FeedPush {
    subscribe: Vec<String>,
    /// URL and server id.
    unsubscribe: Vec<(String, i64)>,
}

fn feeds_error(e: impl std::fmt::Display) -> SyncError {
    SyncError::Feeds(e.to_string())
}

/// Applies the server's feed changes here (feeds.toml, then the cache)
/// and returns sift's changes to send.
pub(super) fn apply_here(
    server: &[RemoteFeed],
    settings: &SyncSettings<'_>,
    store: &mut Store,
    report: &mut SyncReport,
) -> Result<FeedPush, SyncError> {
    let mut feeds = FeedsFile::load(&settings.paths.feeds_file()).map_err(feeds_error)?;
    // Only web feeds can be on a server.
    let local: HashSet<String> = feeds
        .entries()
        .iter()
        .map(|e| e.url.clone())
        .filter(|u| crate::text::is_web_link(u))
        .collect();
    let base = store.synced_feeds()?;
    let server_ids: HashSet<i64> = server.iter().map(|f| f.id).collect();
    let server_by_url: HashMap<&str, i64> = server.iter().map(|f| (f.url.as_str(), f.id)).collect();
    let mut push = FeedPush::default();
    let mut mapped: HashSet<i64> = HashSet::new();
    let mut changed_file = false;
    let base_urls: HashSet<&str> = base.iter().map(|(u, _)| u.as_str()).collect();
    for (url, remote_id) in &base {
        match (local.contains(url), server_ids.contains(remote_id)) {
            (true, true) => {
                mapped.insert(*remote_id);
            }
            (false, true) => {
                push.unsubscribe.push((url.clone(), *remote_id));
                mapped.insert(*remote_id);
            }
            (true, false) => {
                // Gone from the server: gone here too.
                feeds.remove(url);
                changed_file = true;
                if let Some(state) = store.feed_by_url(url)? {
                    store.remove_feed(state.id)?;
                }
                store.unmap_synced_feed(url)?;
                report.feeds_removed_here += 1;
            }
            (false, false) => store.unmap_synced_feed(url)?,
        }
    }
    for url in local.iter().filter(|u| !base_urls.contains(u.as_str())) {
        match server_by_url.get(url.as_str()) {
            Some(&id) if !mapped.contains(&id) => {
                store.map_synced_feed(url, id)?;
                mapped.insert(id);
            }
            _ => push.subscribe.push(url.clone()),
        }
    }
    push.subscribe.sort();
    for feed in server.iter().filter(|f| !mapped.contains(&f.id)) {
        let url = crate::text::sanitize_url(&feed.url);
        if !crate::text::is_web_link(&url) {
            continue;
        }
        if feeds.find(&url).is_none() {
            let entry = FeedEntry {
                url: url.clone(),
                title: None,
                tags: feed
                    .category
                    .iter()
                    .map(|c| crate::text::sanitize_line(c))
                    .filter(|c| !c.is_empty())
                    .collect(),
                ..FeedEntry::default()
            };
            if feeds.add(entry).is_ok() {
                changed_file = true;
                report.feeds_added_here += 1;
            }
        }
        store.map_synced_feed(&url, feed.id)?;
    }
    if changed_file {
        feeds.save().map_err(|e| {
            SyncError::Feeds(format!("cannot write {}: {e}", feeds.path().display()))
        })?;
    }
    store.sync_subscriptions(&feeds.subscriptions())?;
    Ok(push)
}

/// Sends the feeds added and removed in sift. A feed the server cannot
/// subscribe to is reported and tried again at the next sync.
pub(super) async fn push<B: SyncBackend>(
    backend: &B,
    store: &mut Store,
    push: FeedPush,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    for (url, remote_id) in push.unsubscribe {
        backend.unsubscribe(remote_id).await?;
        store.unmap_synced_feed(&url)?;
        report.feeds_removed_there += 1;
    }
    for url in push.subscribe {
        match backend.subscribe(&url).await {
            Ok(id) => {
                store.map_synced_feed(&url, id)?;
                report.feeds_added_there += 1;
            }
            Err(SyncError::Server(reason)) => report.feed_errors.push(reason),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

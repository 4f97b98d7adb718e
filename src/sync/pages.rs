//! After a sync, the article pages its articles want (a summary-only
//! item, or a feed set to `full_text = "always"`), fetched by the
//! poller's own full-text stage: the server fetches feeds, not pages.

use super::SyncReport;
use super::SyncSettings;
use crate::config::feeds::{FeedsFile, FullText};
use crate::fetch::{FetchSettings, Fetcher};
use crate::model::FeedId;
use crate::poller::PageResult;
use crate::poller::full_text::{PageLimits, fetch_queued_pages};
use crate::store::Store;

/// Fetches up to `full_text_fetches` queued pages of the synced feeds
/// and counts them in `report`. The sync is done by then: a failure here
/// is logged and counted, never undoes it.
pub(super) fn fetch(
    settings: &SyncSettings<'_>,
    store: Store,
    runtime: &tokio::runtime::Runtime,
    report: &mut SyncReport,
) {
    let poll = &settings.config.poll;
    if poll.full_text_fetches == 0 {
        return;
    }
    let feeds = match feeds_wanting_pages(settings, &store) {
        Ok(feeds) if feeds.is_empty() => return,
        Ok(feeds) => feeds,
        Err(e) => {
            tracing::warn!("no article pages after the sync: {e}");
            return;
        }
    };
    let fetcher = match Fetcher::new(FetchSettings::of(poll)) {
        Ok(fetcher) => fetcher,
        Err(e) => {
            tracing::warn!("no article pages after the sync: {e}");
            return;
        }
    };
    let limits = PageLimits {
        limit: poll.full_text_fetches,
        jobs: poll.jobs,
        per_host: poll.per_host,
    };
    let rules = settings.rules();
    let (_, pages) = runtime.block_on(fetch_queued_pages(store, &fetcher, feeds, rules, limits));
    for page in &pages {
        match page.result {
            PageResult::Fetched => report.pages_fetched += 1,
            PageResult::Failed { .. } => report.pages_failed += 1,
        }
    }
}

/// The synced feeds whose `full_text` is not `never`, as a poll picks them.
fn feeds_wanting_pages(settings: &SyncSettings<'_>, store: &Store) -> Result<Vec<FeedId>, String> {
    let feeds_file = FeedsFile::load(&settings.paths.feeds_file()).map_err(|e| e.to_string())?;
    let mut ids = Vec::new();
    for (url, _) in store.synced_feeds().map_err(|e| e.to_string())? {
        let wants = feeds_file
            .find(&url)
            .is_some_and(|entry| entry.full_text != FullText::Never);
        if !wants {
            continue;
        }
        if let Some(state) = store.feed_by_url(&url).map_err(|e| e.to_string())? {
            ids.push(state.id);
        }
    }
    Ok(ids)
}

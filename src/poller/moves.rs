//! Network shell: the one place a permanent redirect moves a subscription.
//! The cache and feeds.toml both get the new URL, so the next poll, from
//! whichever front end, fetches it there.

use super::{FeedReport, FeedResult};
use crate::config::feeds::FeedsFile;
use crate::store::Store;

/// A feed that answered with a permanent redirect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedFeed {
    pub from: String,
    pub to: String,
    /// Err says why the cache could not follow (the subscription stays at
    /// `from`).
    pub followed: Result<(), String>,
}

impl MovedFeed {
    /// One line for the user.
    pub fn line(&self) -> String {
        match &self.followed {
            Ok(()) => format!(
                "moved permanently: {} -> {} (feeds.toml updated)",
                self.from, self.to
            ),
            Err(e) => format!(
                "{} moved to {}, but the cache could not follow: {e}",
                self.from, self.to
            ),
        }
    }
}

/// Follows each permanent move in `reports`: a feed that failed, or whose
/// new URL is subscribed already, stays where it is. feeds.toml is saved
/// when anything moved; a failed save is an error.
pub fn follow(
    feeds: &mut FeedsFile,
    store: &mut Store,
    reports: &[FeedReport],
) -> Result<Vec<MovedFeed>, super::PlanError> {
    let mut moved = Vec::new();
    for report in reports {
        let Some(new_url) = &report.moved_to else {
            continue;
        };
        if matches!(report.result, FeedResult::Failed { .. }) || feeds.find(new_url).is_some() {
            continue;
        }
        let followed = store
            .set_feed_url(report.feed_id, new_url)
            .map_err(|e| e.to_string());
        if followed.is_ok() {
            feeds.set_url(&report.url, new_url);
        }
        moved.push(MovedFeed {
            from: report.url.clone(),
            to: new_url.clone(),
            followed,
        });
    }
    if moved.iter().any(|m| m.followed.is_ok()) {
        feeds.save().map_err(|e| {
            super::PlanError::Failed(format!("cannot write {}: {e}", feeds.path().display()))
        })?;
    }
    Ok(moved)
}

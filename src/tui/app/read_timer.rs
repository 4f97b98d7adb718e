//! When dwelling on an article counts as reading it. The timer runs only
//! for an article the user browsed to: not for the row selected at
//! start-up or after a new filter or view, and not while the filter bar
//! has the keys, until the user moves or opens an article.

use crate::model::ArticleId;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct ReadTimer {
    /// The article browsed to and since when (ms).
    shown: Option<(ArticleId, u64)>,
}

impl ReadTimer {
    /// The user moved to `id` at `now`.
    pub(super) fn start(&mut self, id: ArticleId, now: u64) {
        self.shown = Some((id, now));
    }

    pub(super) fn stop(&mut self) {
        self.shown = None;
    }

    pub(super) fn is_running(&self) -> bool {
        self.shown.is_some()
    }

    /// The article and when it counts as read, when dwelling counts at
    /// all (`after` is None when `read_after = 0`).
    pub(super) fn due(&self, after: Option<u64>) -> Option<(ArticleId, u64)> {
        let after = after?;
        self.shown
            .map(|(id, since)| (id, since.saturating_add(after)))
    }
}

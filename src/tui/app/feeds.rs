//! The feed list: subscriptions grouped by tag with their counts, and
//! what can be done to them from the interface. Changes go out as
//! `Effect::ChangeFeeds`; a worker writes feeds.toml and the cache.

use super::{App, Ask, Effect, Focus, Prompt, Screen};
use crate::model::{FeedId, FeedState};

/// A change of the subscriptions, made off the input path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedChange {
    /// A feed URL, a site's address (its feed is found) or a local path.
    Add {
        url: String,
    },
    Remove {
        url: String,
    },
    /// `title: Some("")` gives the feed its own title back.
    Edit {
        url: String,
        title: Option<String>,
        tags: Option<Vec<String>>,
    },
    MarkRead {
        id: FeedId,
    },
    /// An OPML or newsboat `urls` file.
    Import {
        path: String,
    },
}

/// One row of the feed list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedRow {
    /// A tag's heading ("untagged" for feeds without one).
    Tag(String),
    /// A feed, by its index in `FeedList::feeds`.
    Feed(usize),
}

/// The heading of feeds without a tag.
pub const UNTAGGED: &str = "untagged";

/// The subscriptions as last loaded, laid out by tag.
#[derive(Debug, Clone, Default)]
pub struct FeedList {
    pub feeds: Vec<FeedState>,
    pub rows: Vec<FeedRow>,
    /// The selected row (always a feed row when there is one).
    pub selected: usize,
    pub top: usize,
    /// Whether the list was loaded at least once.
    pub loaded: bool,
}

impl FeedList {
    /// Takes a fresh list; the selection stays on its feed.
    pub(super) fn load(&mut self, feeds: Vec<FeedState>, visible: usize) {
        let before = self.selected_feed().map(|f| f.id);
        self.feeds = feeds;
        self.loaded = true;
        self.rows = lay_out(&self.feeds);
        let feed_rows = || self.rows.iter().enumerate();
        self.selected = feed_rows()
            .find(|(_, r)| matches!(r, FeedRow::Feed(i) if Some(self.feeds[*i].id) == before))
            .or_else(|| feed_rows().find(|(_, r)| matches!(r, FeedRow::Feed(_))))
            .map_or(0, |(at, _)| at);
        self.keep_visible(visible);
    }

    pub fn selected_feed(&self) -> Option<&FeedState> {
        match self.rows.get(self.selected)? {
            FeedRow::Feed(i) => self.feeds.get(*i),
            FeedRow::Tag(_) => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.feeds.is_empty()
    }

    /// The feed with this id, if subscribed.
    pub fn by_id(&self, id: FeedId) -> Option<&FeedState> {
        self.feeds.iter().find(|f| f.id == id)
    }

    /// Moves by `by` feed rows (headings are skipped).
    pub(super) fn move_by(&mut self, by: isize, visible: usize) {
        let feeds: Vec<usize> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, FeedRow::Feed(_)))
            .map(|(at, _)| at)
            .collect();
        if feeds.is_empty() {
            return;
        }
        let here = feeds
            .iter()
            .position(|&at| at >= self.selected)
            .unwrap_or(0) as isize;
        let next = (here + by).clamp(0, feeds.len() as isize - 1) as usize;
        self.selected = feeds[next];
        self.keep_visible(visible);
    }

    pub(super) fn keep_visible(&mut self, visible: usize) {
        let visible = visible.max(1);
        // The heading above the first feed stays in view.
        let first = self.selected.saturating_sub(1);
        if first < self.top {
            self.top = first;
        } else if self.selected >= self.top + visible {
            self.top = self.selected + 1 - visible;
        }
        self.top = self.top.min(self.rows.len().saturating_sub(visible));
    }
}

/// Headings in tag order (case-insensitive), each followed by its feeds;
/// a feed with two tags is under both; untagged feeds last.
fn lay_out(feeds: &[FeedState]) -> Vec<FeedRow> {
    let mut tags: Vec<String> = Vec::new();
    for feed in feeds {
        for tag in &feed.tags {
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                tags.push(tag.clone());
            }
        }
    }
    tags.sort_by_key(|t| t.to_lowercase());
    let mut rows = Vec::new();
    for tag in tags {
        rows.push(FeedRow::Tag(tag.clone()));
        for (i, feed) in feeds.iter().enumerate() {
            if feed.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                rows.push(FeedRow::Feed(i));
            }
        }
    }
    let untagged: Vec<usize> = (0..feeds.len())
        .filter(|&i| feeds[i].tags.is_empty())
        .collect();
    if !untagged.is_empty() {
        rows.push(FeedRow::Tag(UNTAGGED.into()));
        rows.extend(untagged.into_iter().map(FeedRow::Feed));
    }
    rows
}

/// A feed's health in plain words.
pub fn health(feed: &FeedState) -> String {
    match (&feed.last_error, feed.error_count) {
        (Some(error), n) if n > 0 => {
            let times = if n == 1 {
                String::new()
            } else {
                format!(" ({n} times)")
            };
            format!("failing{times}: {error}")
        }
        _ if feed.last_polled_at.is_none() => "not polled yet".into(),
        _ => "ok".into(),
    }
}

impl App {
    /// Shows the feed list, or goes back to the articles.
    pub(super) fn toggle_feed_list(&mut self) -> Vec<Effect> {
        if self.screen == Screen::Feeds {
            self.screen = Screen::Articles;
            return Vec::new();
        }
        self.screen = Screen::Feeds;
        self.focus = Focus::List;
        self.timer.stop();
        vec![Effect::LoadFeeds]
    }

    pub(super) fn move_feed(&mut self, by: isize) -> Vec<Effect> {
        self.feeds.move_by(by, self.areas.feed_rows());
        Vec::new()
    }

    /// The selected feed's articles, as a `feed:` filter in the bar.
    pub(super) fn open_feed(&mut self) -> Vec<Effect> {
        let Some(id) = self.feeds.selected_feed().map(|f| f.id) else {
            return Vec::new();
        };
        self.screen = Screen::Articles;
        self.focus = Focus::List;
        self.filter.text = format!("feed:#{id}");
        self.filter.cursor = self.filter.text.len();
        self.query()
    }

    /// The feed an action is about: the selected one in the feed list,
    /// the selected article's in the article list.
    fn target_feed(&self) -> Option<&FeedState> {
        match self.screen {
            Screen::Feeds => self.feeds.selected_feed(),
            Screen::Articles => self
                .list
                .selected_row()
                .and_then(|row| self.feeds.by_id(row.feed_id)),
        }
    }

    pub(super) fn ask(&mut self, ask: Ask, input: String) -> Vec<Effect> {
        self.prompt = Some(Prompt::Text { ask, input });
        Vec::new()
    }

    pub(super) fn remove_feed(&mut self) -> Vec<Effect> {
        match self.target_feed() {
            Some(feed) => {
                self.prompt = Some(Prompt::ConfirmRemoveFeed {
                    url: feed.url.clone(),
                    name: feed.display_name().to_owned(),
                    total: feed.total,
                });
            }
            None => self.status.say("no feed selected"),
        }
        Vec::new()
    }

    pub(super) fn edit_feed_title(&mut self) -> Vec<Effect> {
        match self.target_feed() {
            Some(feed) => {
                let (url, input) = (feed.url.clone(), feed.title.clone().unwrap_or_default());
                self.ask(Ask::FeedTitle { url }, input)
            }
            None => {
                self.status.say("no feed selected");
                Vec::new()
            }
        }
    }

    pub(super) fn edit_feed_tags(&mut self) -> Vec<Effect> {
        match self.target_feed() {
            Some(feed) => {
                let (url, input) = (feed.url.clone(), feed.tags.join(", "));
                self.ask(Ask::FeedTags { url }, input)
            }
            None => {
                self.status.say("no feed selected");
                Vec::new()
            }
        }
    }

    pub(super) fn mark_feed_read(&mut self) -> Vec<Effect> {
        match self.target_feed() {
            Some(feed) if feed.unread == 0 => {
                self.status.say("nothing unread in this feed");
                Vec::new()
            }
            Some(feed) => {
                let id = feed.id;
                self.status.say("marking the feed read…");
                vec![Effect::ChangeFeeds(FeedChange::MarkRead { id })]
            }
            None => {
                self.status.say("no feed selected");
                Vec::new()
            }
        }
    }

    /// The feed to poll with `R`.
    pub(super) fn feed_to_poll(&self) -> Option<FeedId> {
        match self.screen {
            Screen::Feeds => self.feeds.selected_feed().map(|f| f.id),
            Screen::Articles => self.list.selected_row().map(|row| row.feed_id),
        }
    }

    /// A change is written: say so and load what it changed.
    pub(super) fn feeds_changed(&mut self, outcome: Result<String, String>) -> Vec<Effect> {
        match outcome {
            Ok(notice) => {
                self.status.say(notice);
                // Read marks may have changed under the loaded rows.
                self.list.rows.clear();
                let mut effects = vec![Effect::LoadFeeds];
                effects.extend(self.refresh());
                effects
            }
            Err(error) => {
                self.status.error(error);
                Vec::new()
            }
        }
    }

    /// Whether there is nothing to poll: no feeds at all.
    pub(super) fn no_feeds(&self) -> bool {
        self.feeds.loaded && self.feeds.is_empty()
    }
}

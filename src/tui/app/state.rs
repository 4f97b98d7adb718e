//! The small state types the views read: the article list, the reader,
//! the filter bar and the status line with its log. `App` owns one of
//! each and changes them; a view gets only the ones it draws.

use std::collections::{HashMap, HashSet};

use crate::model::{ArticleId, ArticleSummary};
use crate::tui::reader::ReaderDoc;

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Newest,
    Oldest,
    Feed,
}

/// The articles the current filter selects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewData {
    /// The rows of the list: one per story, with the other articles of
    /// expanded stories right after their story's row.
    pub ids: Vec<ArticleId>,
    /// One per story, as the query gave them.
    pub leads: Vec<ArticleId>,
    /// A story's row -> the other articles telling it ("+2 sources").
    pub stories: HashMap<ArticleId, Vec<ArticleId>>,
    /// The story row of each article shown under an expanded story.
    pub member_of: HashMap<ArticleId, ArticleId>,
    pub unread: u64,
    /// Noise items hidden from this view, by kind.
    pub noise: Vec<(String, u64)>,
    pub loaded: bool,
}

/// The article list: what the filter selected, the rows loaded so far,
/// the selection and how the list is shown.
#[derive(Debug, Clone)]
pub struct ListState {
    pub view: ViewData,
    pub rows: HashMap<ArticleId, ArticleSummary>,
    pub selected: usize,
    /// The first row on screen.
    pub top: usize,
    /// Stories opened with Enter (by their row's id), kept across queries.
    pub expanded: HashSet<ArticleId>,
    pub sort: Sort,
    pub show_noise: bool,
}

impl Default for ListState {
    fn default() -> ListState {
        ListState {
            view: ViewData::default(),
            rows: HashMap::new(),
            selected: 0,
            top: 0,
            expanded: HashSet::new(),
            sort: Sort::Newest,
            show_noise: false,
        }
    }
}

impl ListState {
    pub fn selected_id(&self) -> Option<ArticleId> {
        self.view.ids.get(self.selected).copied()
    }

    pub fn selected_row(&self) -> Option<&ArticleSummary> {
        self.selected_id().and_then(|id| self.rows.get(&id))
    }
}

/// Rendered articles kept for reuse.
const DOC_CACHE: usize = 32;

/// The reader pane: rendered articles, how far down it is scrolled and
/// whether removed blocks are shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReaderState {
    docs: Vec<ReaderDoc>,
    pub scroll: usize,
    pub show_hidden: bool,
}

impl ReaderState {
    /// The rendering of `id` at `width` with the current hidden choice.
    pub fn doc(&self, id: ArticleId, width: u16) -> Option<&ReaderDoc> {
        self.docs
            .iter()
            .find(|d| d.id == id && d.width == width && d.show_hidden == self.show_hidden)
    }

    pub(super) fn keep(&mut self, doc: ReaderDoc) {
        self.docs.retain(|d| {
            !(d.id == doc.id && d.width == doc.width && d.show_hidden == doc.show_hidden)
        });
        self.docs.push(doc);
        if self.docs.len() > DOC_CACHE {
            self.docs.remove(0);
        }
    }

    /// Drops every rendering of `id` (its tags changed).
    pub(super) fn forget(&mut self, id: ArticleId) {
        self.docs.retain(|d| d.id != id);
    }

    /// The tags of `id` as last rendered.
    pub(super) fn tags_of(&self, id: ArticleId) -> Vec<String> {
        self.docs
            .iter()
            .rev()
            .find(|d| d.id == id)
            .map(|d| d.tags.clone())
            .unwrap_or_default()
    }
}

/// The filter bar's text and what became of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterBar {
    pub text: String,
    /// Byte offset of the cursor in `text`.
    pub cursor: usize,
    /// Why the text does not parse; the list keeps the last good result.
    pub error: Option<String>,
    pub history: Vec<String>,
    pub(super) history_pos: Option<usize>,
}

/// One message for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    /// Stays until dismissed (a bad user file), not replaced by the next
    /// message.
    pub sticky: bool,
}

/// Messages kept in the log view.
const LOG_LIMIT: usize = 500;

/// The status line: the message shown, every message seen, and poll
/// progress.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusLine {
    pub message: Option<Message>,
    /// Every message seen, oldest first (the newest `LOG_LIMIT`).
    pub log: Vec<Message>,
    /// Poll progress, while a poll runs.
    pub polling: Option<(usize, usize)>,
}

impl StatusLine {
    pub fn say(&mut self, text: impl Into<String>) {
        self.show(text.into(), false, false);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.show(text.into(), true, false);
    }

    /// An error that stays until dismissed.
    pub fn sticky_error(&mut self, text: impl Into<String>) {
        self.show(text.into(), true, true);
    }

    fn show(&mut self, text: String, error: bool, sticky: bool) {
        let message = Message {
            text,
            error,
            sticky,
        };
        self.log.push(message.clone());
        if self.log.len() > LOG_LIMIT {
            self.log.remove(0);
        }
        // A sticky error is not pushed aside; the new one is in the log.
        if self.message.as_ref().is_none_or(|m| !m.sticky) || sticky {
            self.message = Some(message);
        }
    }

    /// A new action clears the last message, unless it must stay.
    pub(super) fn clear_transient(&mut self) {
        if self.message.as_ref().is_some_and(|m| !m.sticky) {
            self.message = None;
        }
    }

    /// Dismisses the message shown, sticky or not; true if there was one.
    pub(super) fn dismiss(&mut self) -> bool {
        self.message.take().is_some()
    }

    /// The text shown and whether it is an error.
    pub fn shown(&self) -> Option<(&str, bool)> {
        self.message.as_ref().map(|m| (m.text.as_str(), m.error))
    }
}

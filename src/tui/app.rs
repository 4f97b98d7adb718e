//! The interface's state and logic, with no terminal and no database:
//! messages come in (keys, mouse, results from workers, ticks), effects go
//! out (queries, writes, renders, polls). Everything here is tested with
//! plain values.

use std::collections::{HashMap, HashSet};

use super::keymap::{Action, Keymap};
use super::layout::Areas;
use super::reader::ReaderDoc;
use crate::highlight::Highlighter;
use crate::model::{ArticleId, ArticleSummary};

mod keys;
mod marks;
mod messages;
mod mouse;
mod selection;
mod stories;
mod text_entry;

pub use messages::{Effect, Msg};

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Newest,
    Oldest,
    Feed,
}

/// Where keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Filter,
}

/// A question in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Tags for an article, comma separated.
    Tag { id: ArticleId, input: String },
    /// Mark every article of the view read?
    ConfirmMarkAll,
    /// A saved view, by name or number.
    View { input: String },
}

/// A change that `u` can take back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    Read { ids: Vec<ArticleId>, was_read: bool },
    Star { id: ArticleId, was: bool },
    Tags { id: ArticleId, was: Vec<String> },
}

/// Settings the app needs from the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// An article shown this long counts as read.
    pub read_after_ms: u64,
    /// Minutes between automatic polls; 0: never.
    pub refresh_minutes: u64,
    pub mouse: bool,
    /// Saved views: name and query.
    pub views: Vec<(String, String)>,
    /// Watch words, highlighted everywhere.
    pub watch: Vec<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            read_after_ms: 2000,
            refresh_minutes: 30,
            mouse: true,
            views: Vec::new(),
            watch: Vec::new(),
        }
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
    history_pos: Option<usize>,
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

/// Rendered articles kept for reuse.
const DOC_CACHE: usize = 32;
/// Undo levels kept.
const UNDO_LEVELS: usize = 100;
/// Rows loaded ahead when looking for the next unread article.
const SEEK_CHUNK: usize = 200;

#[derive(Debug)]
pub struct App {
    pub keymap: Keymap,
    pub settings: Settings,
    pub focus: Focus,
    pub prompt: Option<Prompt>,
    pub filter: FilterBar,
    pub show_noise: bool,
    pub sort: Sort,
    pub view: ViewData,
    pub rows: HashMap<ArticleId, ArticleSummary>,
    pub selected: usize,
    pub list_top: usize,
    pub reader_scroll: usize,
    pub show_hidden: bool,
    docs: Vec<ReaderDoc>,
    pub undo: Vec<Undo>,
    /// A message for the status bar, and whether it is an error.
    pub message: Option<(String, bool)>,
    /// Poll progress for the status bar, while a poll runs.
    pub polling: Option<(usize, usize)>,
    pub help: bool,
    /// Finds the filter's words and the watch words in what is drawn.
    pub highlighter: Highlighter,
    /// Stories opened with Enter (by their row's id), kept across queries.
    pub expanded: HashSet<ArticleId>,
    pub areas: Areas,
    generation: u64,
    /// The generation of the query whose result is shown.
    shown_generation: u64,
    /// The article on screen and since when (ms).
    shown: Option<(ArticleId, u64)>,
    now: u64,
    next_refresh: Option<u64>,
    seek: Option<bool>,
    pub quit: bool,
}

impl App {
    pub fn new(keymap: Keymap, settings: Settings, width: u16, height: u16) -> App {
        let highlighter = Highlighter::new(&[], &settings.watch);
        App {
            keymap,
            settings,
            focus: Focus::List,
            prompt: None,
            filter: FilterBar::default(),
            show_noise: false,
            sort: Sort::Newest,
            view: ViewData::default(),
            rows: HashMap::new(),
            selected: 0,
            list_top: 0,
            reader_scroll: 0,
            show_hidden: false,
            docs: Vec::new(),
            undo: Vec::new(),
            message: None,
            polling: None,
            help: false,
            highlighter,
            expanded: HashSet::new(),
            areas: Areas::of(width, height),
            generation: 0,
            shown_generation: 0,
            shown: None,
            now: 0,
            next_refresh: None,
            seek: None,
            quit: false,
        }
    }

    /// The first query, and an automatic poll when one is configured.
    pub fn start(&mut self, now: u64, poll_now: bool) -> Vec<Effect> {
        self.now = now;
        self.schedule_refresh();
        let mut effects = self.query();
        if poll_now {
            effects.extend(self.update(Action::PollAll));
        }
        effects
    }

    /// The selected article's id.
    pub fn selected_id(&self) -> Option<ArticleId> {
        self.view.ids.get(self.selected).copied()
    }

    pub fn selected_row(&self) -> Option<&ArticleSummary> {
        self.selected_id().and_then(|id| self.rows.get(&id))
    }

    /// The rendered article for the reader, when it is ready.
    pub fn doc(&self) -> Option<&ReaderDoc> {
        let id = self.selected_id()?;
        let width = self.areas.reader_width();
        self.docs
            .iter()
            .find(|d| d.id == id && d.width == width && d.show_hidden == self.show_hidden)
    }

    /// Handles one message.
    pub fn handle(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => self.key(key),
            Msg::Mouse(mouse) => self.mouse(mouse),
            Msg::Resize(w, h) => {
                self.areas = Areas::of(w, h);
                self.keep_selection_visible();
                let mut effects = self.load_visible_rows();
                effects.extend(self.request_doc());
                effects
            }
            Msg::Tick(now) => self.tick(now),
            Msg::View {
                generation,
                ids,
                unread,
                noise,
                stories,
            } => self.view_loaded(generation, ids, unread, noise, stories),
            Msg::QueryError {
                generation,
                message,
            } => {
                if generation == self.generation {
                    self.filter.error = Some(message);
                }
                Vec::new()
            }
            Msg::Rows(rows) => {
                for row in rows {
                    self.rows.insert(row.id, row);
                }
                if let Some(forward) = self.seek.take() {
                    return self.seek_unread(forward);
                }
                Vec::new()
            }
            Msg::Doc(doc) => {
                self.docs.retain(|d| {
                    !(d.id == doc.id && d.width == doc.width && d.show_hidden == doc.show_hidden)
                });
                self.docs.push(*doc);
                if self.docs.len() > DOC_CACHE {
                    self.docs.remove(0);
                }
                Vec::new()
            }
            Msg::MarkedRead(ids) => {
                if !ids.is_empty() {
                    self.push_undo(Undo::Read {
                        ids,
                        was_read: false,
                    });
                }
                Vec::new()
            }
            Msg::Error(message) => {
                self.message = Some((message, true));
                Vec::new()
            }
            Msg::Notice(message) => {
                self.message = Some((message, false));
                Vec::new()
            }
            Msg::PollProgress { done, total } => {
                self.polling = Some((done, total));
                Vec::new()
            }
            Msg::PollFinished { new, failed, notes } => {
                self.polling = None;
                self.schedule_refresh();
                let notes: String = notes.iter().map(|line| format!(" · {line}")).collect();
                self.message = Some(if failed.is_empty() {
                    (format!("poll done: {new} new{notes}"), false)
                } else {
                    (
                        format!("poll done: {new} new{notes}; failed: {}", failed.join("; ")),
                        true,
                    )
                });
                // New articles appear; the selection stays on its article.
                self.query()
            }
        }
    }

    fn schedule_refresh(&mut self) {
        self.next_refresh = (self.settings.refresh_minutes > 0)
            .then(|| self.now + self.settings.refresh_minutes * 60_000);
    }

    /// The next time a tick is needed, if any (no busy ticking).
    pub fn next_deadline(&self) -> Option<u64> {
        let read = self
            .shown
            .filter(|(id, _)| self.rows.get(id).is_some_and(|r| !r.read))
            .map(|(_, since)| since + self.settings.read_after_ms);
        match (read, self.next_refresh) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn tick(&mut self, now: u64) -> Vec<Effect> {
        self.now = now;
        let mut effects = Vec::new();
        if let Some((id, since)) = self.shown
            && now >= since + self.settings.read_after_ms
        {
            self.shown = None;
            effects.extend(self.set_read(id, true, false));
        }
        if self.next_refresh.is_some_and(|at| now >= at) {
            self.next_refresh = None;
            effects.extend(self.update(Action::PollAll));
        }
        effects
    }
}

/// Only web links are opened or copied.
pub fn is_web(link: &str) -> bool {
    url::Url::parse(link).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;

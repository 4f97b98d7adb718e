//! The interface's state and logic, with no terminal and no database:
//! messages come in (keys, mouse, results from workers, ticks), effects go
//! out (queries, writes, renders, polls). Everything here is tested with
//! plain values.
//!
//! `App` owns small state types (`state.rs`, `feeds.rs`, `overlay.rs`)
//! and the views read those, not `App` itself.

use super::keymap::{Action, Keymap};
use super::layout::Areas;
use crate::highlight::Highlighter;
use crate::model::ArticleId;

mod command_line;
mod commands;
mod enclosures;
mod feeds;
mod keys;
mod marks;
mod messages;
mod mouse;
mod overlay;
mod prompts;
mod read_timer;
mod selection;
mod state;
mod stories;
mod text_entry;

pub use command_line::CommandLine;
pub use commands::{COMMANDS, Command};
pub use feeds::{FeedChange, FeedList, FeedRow, health as feed_health};
pub use messages::{Effect, Msg};
pub use overlay::{HelpState, Overlay};
pub use prompts::{Ask, Prompt, prompts_help};
pub use state::{FilterBar, ListState, Message, ReaderState, Sort, StatusLine, ViewData};

use read_timer::ReadTimer;

/// Where keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Filter,
}

/// What fills the screen between the bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The article list and the reader.
    Articles,
    /// The subscriptions, grouped by tag.
    Feeds,
}

/// A change that `u` can take back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    Read { ids: Vec<ArticleId>, was_read: bool },
    Star { id: ArticleId, was: bool },
    Tags { id: ArticleId, was: Vec<String> },
}

/// What the interface takes from config.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiOptions {
    /// An article the user browses to counts as read after this long;
    /// None: only when opened (`read_after = 0`).
    pub read_after_ms: Option<u64>,
    /// Minutes between automatic polls; 0: never.
    pub refresh_minutes: u64,
    pub mouse: bool,
    /// Saved views: name and query.
    pub views: Vec<(String, String)>,
    /// Watch words, highlighted everywhere.
    pub watch: Vec<String>,
}

impl Default for UiOptions {
    fn default() -> UiOptions {
        UiOptions {
            read_after_ms: Some(2000),
            refresh_minutes: 30,
            mouse: true,
            views: Vec::new(),
            watch: Vec::new(),
        }
    }
}

/// Undo levels kept.
const UNDO_LEVELS: usize = 100;
/// Rows loaded ahead when looking for the next unread article.
const SEEK_CHUNK: usize = 200;

#[derive(Debug)]
pub struct App {
    pub keymap: Keymap,
    pub options: UiOptions,
    pub focus: Focus,
    pub screen: Screen,
    pub prompt: Option<Prompt>,
    pub filter: FilterBar,
    pub list: ListState,
    pub reader: ReaderState,
    pub feeds: FeedList,
    pub status: StatusLine,
    pub overlay: Option<Overlay>,
    pub commands: CommandLine,
    /// Finds the filter's words and the watch words in what is drawn.
    pub highlighter: Highlighter,
    pub areas: Areas,
    pub quit: bool,
    undo: Vec<Undo>,
    timer: ReadTimer,
    generation: u64,
    /// The generation of the query whose result is shown.
    shown_generation: u64,
    /// The generation of the last query that changed the view.
    view_changed_at: u64,
    now: u64,
    next_refresh: Option<u64>,
    seek: Option<bool>,
    /// A start-up poll, started once the feed list is known.
    poll_when_feeds_known: bool,
    feeds_requested: bool,
}

impl App {
    pub fn new(keymap: Keymap, options: UiOptions, width: u16, height: u16) -> App {
        let highlighter = Highlighter::new(&[], &options.watch);
        App {
            keymap,
            options,
            focus: Focus::List,
            screen: Screen::Articles,
            prompt: None,
            filter: FilterBar::default(),
            list: ListState::default(),
            reader: ReaderState::default(),
            feeds: FeedList::default(),
            status: StatusLine::default(),
            overlay: None,
            commands: CommandLine::default(),
            highlighter,
            areas: Areas::of(width, height),
            quit: false,
            undo: Vec::new(),
            timer: ReadTimer::default(),
            generation: 0,
            shown_generation: 0,
            view_changed_at: 0,
            now: 0,
            next_refresh: None,
            seek: None,
            poll_when_feeds_known: false,
            feeds_requested: false,
        }
    }

    /// The first query, and a poll when `poll_now` (once the feed list,
    /// asked for after the first screen, is known).
    pub fn start(&mut self, now: u64, poll_now: bool) -> Vec<Effect> {
        self.now = now;
        self.schedule_refresh();
        let effects = self.query();
        // The start-up poll waits for the feed list: with no feeds it has
        // nothing to do, and says so.
        self.poll_when_feeds_known = poll_now;
        effects
    }

    /// The selected article's id.
    pub fn selected_id(&self) -> Option<ArticleId> {
        self.list.selected_id()
    }

    /// The rendered article for the reader, when it is ready.
    pub fn doc(&self) -> Option<&super::reader::ReaderDoc> {
        self.reader
            .doc(self.selected_id()?, self.areas.reader_width())
    }

    /// Whether the first-run welcome fills the screen: no feeds, and no
    /// filter that could explain an empty list.
    pub fn shows_welcome(&self) -> bool {
        self.no_feeds() && self.filter.text.is_empty() && self.list.view.ids.is_empty()
    }

    /// The feed's name when the filter is one feed (`feed:#12`).
    pub fn filtered_feed_name(&self) -> Option<&str> {
        let id = self
            .filter
            .text
            .trim()
            .strip_prefix("feed:#")?
            .parse()
            .ok()?;
        self.feeds.by_id(id).map(|f| f.display_name())
    }

    /// What a poll with no feeds says, with the keys that add some.
    pub(super) fn no_feeds_message(&self) -> String {
        let key = |action: Action, command: &str| {
            self.keymap
                .key_for(super::keymap::Place::List, action)
                .map_or_else(|| command.to_owned(), |k| k.label())
        };
        format!(
            "no feeds to poll yet: {} adds one, {} imports a list",
            key(Action::AddFeed, ":feed add"),
            key(Action::Import, ":import")
        )
    }

    /// How many changes `u` can take back.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Handles one message.
    pub fn handle(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => self.key(key),
            Msg::Mouse(mouse) => self.mouse(mouse),
            Msg::Resize(w, h) => {
                self.areas = Areas::of(w, h);
                self.keep_selection_visible();
                self.feeds.keep_visible(self.areas.feed_rows());
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
                self.feeds_after_first_answer()
            }
            Msg::Rows(rows) => {
                for row in rows {
                    self.list.rows.insert(row.id, row);
                }
                if let Some(forward) = self.seek.take() {
                    return self.seek_unread(forward);
                }
                Vec::new()
            }
            Msg::Doc(doc) => {
                self.reader.keep(*doc);
                Vec::new()
            }
            Msg::MarkedRead(ids) => {
                if !ids.is_empty() {
                    self.push_undo(Undo::Read {
                        ids,
                        was_read: false,
                    });
                }
                vec![Effect::LoadFeeds]
            }
            Msg::Error(message) => {
                self.status.error(message);
                Vec::new()
            }
            Msg::Notice(message) => {
                self.status.say(message);
                Vec::new()
            }
            Msg::Feeds(feeds) => {
                self.feeds.load(feeds, self.areas.feed_rows());
                // Not an action of the user's: what the status line says
                // stays.
                if std::mem::take(&mut self.poll_when_feeds_known) {
                    return self.poll(false);
                }
                Vec::new()
            }
            Msg::FeedsChanged(outcome) => self.feeds_changed(outcome),
            Msg::PollProgress { done, total } => {
                self.status.polling = Some((done, total));
                Vec::new()
            }
            Msg::PollFinished { new, failed, notes } => {
                self.status.polling = None;
                self.schedule_refresh();
                let notes: String = notes.iter().map(|line| format!(" · {line}")).collect();
                if self.no_feeds() && new == 0 && failed.is_empty() {
                    self.status.say(self.no_feeds_message());
                } else if failed.is_empty() {
                    self.status.say(format!("poll done: {new} new{notes}"));
                } else {
                    self.status.error(format!(
                        "poll done: {new} new{notes}; failed: {}",
                        failed.join("; ")
                    ));
                }
                // New articles appear; the selection stays on its article.
                let mut effects = self.refresh();
                effects.push(Effect::LoadFeeds);
                effects
            }
        }
    }

    /// The feed list, asked for once the first answer is in: its counts
    /// never hold up the first screen's rows.
    pub(super) fn feeds_after_first_answer(&mut self) -> Vec<Effect> {
        if std::mem::replace(&mut self.feeds_requested, true) {
            Vec::new()
        } else {
            vec![Effect::LoadFeeds]
        }
    }

    fn schedule_refresh(&mut self) {
        self.next_refresh = (self.options.refresh_minutes > 0)
            .then(|| self.now + self.options.refresh_minutes * 60_000);
    }

    /// The next time a tick is needed, if any (no busy ticking).
    pub fn next_deadline(&self) -> Option<u64> {
        let read = self
            .timer
            .due(self.options.read_after_ms)
            .filter(|(id, _)| self.list.rows.get(id).is_some_and(|r| !r.read))
            .map(|(_, at)| at);
        match (read, self.next_refresh) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn tick(&mut self, now: u64) -> Vec<Effect> {
        self.now = now;
        let mut effects = Vec::new();
        if let Some((id, at)) = self.timer.due(self.options.read_after_ms)
            && now >= at
        {
            self.timer.stop();
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

#[cfg(test)]
#[path = "app_tests_features.rs"]
mod tests_features;

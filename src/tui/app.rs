//! The interface's state and logic, with no terminal and no database:
//! messages come in (keys, mouse, results from workers, ticks), effects go
//! out (queries, writes, renders, polls). Everything here is tested with
//! plain values.

use std::collections::{HashMap, HashSet};

use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use super::input::{LineEdit, edit_at, edit_line};
use super::keymap::{Action, Key, Keymap, Place};
use super::layout::Areas;
use super::reader::ReaderDoc;
use crate::highlight::Highlighter;
use crate::model::{ArticleId, ArticleSummary, FeedId};
use crate::query::Query;

mod stories;

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

/// What the app asks the outside world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Run the filter `text`; answer with `Msg::View` or `Msg::QueryError`
    /// carrying the same generation.
    Query {
        generation: u64,
        text: String,
        noise: bool,
        sort: Sort,
    },
    LoadRows(Vec<ArticleId>),
    Render {
        id: ArticleId,
        width: u16,
        show_hidden: bool,
    },
    SetRead {
        ids: Vec<ArticleId>,
        read: bool,
    },
    /// Mark these read and answer with `Msg::MarkedRead` (the ones that
    /// changed, for undo).
    MarkAllRead(Vec<ArticleId>),
    SetStarred {
        id: ArticleId,
        starred: bool,
    },
    SetTags {
        id: ArticleId,
        tags: Vec<String>,
    },
    OpenUrl(String),
    Copy(String),
    /// Write a briefing of the starred articles the filter selects; the
    /// worker answers with `Msg::Notice` naming the file, or an error.
    ExportBriefing {
        query: String,
    },
    Poll(Option<FeedId>),
    Quit,
}

/// What comes in.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// Milliseconds on a monotonic clock.
    Tick(u64),
    View {
        generation: u64,
        ids: Vec<ArticleId>,
        unread: u64,
        noise: Vec<(String, u64)>,
        /// Stories told by several articles: row -> the others.
        stories: HashMap<ArticleId, Vec<ArticleId>>,
    },
    QueryError {
        generation: u64,
        message: String,
    },
    Rows(Vec<ArticleSummary>),
    Doc(Box<ReaderDoc>),
    MarkedRead(Vec<ArticleId>),
    Error(String),
    /// Something done, for the status bar.
    Notice(String),
    PollProgress {
        done: usize,
        total: usize,
    },
    PollFinished {
        new: u64,
        failed: Vec<String>,
    },
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
            Msg::PollFinished { new, failed } => {
                self.polling = None;
                self.schedule_refresh();
                self.message = Some(if failed.is_empty() {
                    (format!("poll done: {new} new"), false)
                } else {
                    (
                        format!("poll done: {new} new; failed: {}", failed.join("; ")),
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

    // ---- keys ----

    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.help {
            self.help = false;
            return Vec::new();
        }
        if self.prompt.is_some() {
            return self.prompt_key(key);
        }
        if self.focus == Focus::Filter {
            return self.filter_key(key);
        }
        let place = if self.focus == Focus::Reader {
            Place::Reader
        } else {
            Place::List
        };
        match self.keymap.action(place, Key::from_event(&key)) {
            Some(action) => self.update(action),
            None => Vec::new(),
        }
    }

    /// What an action does.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.message = None;
        let reading = self.focus == Focus::Reader;
        match action {
            Action::Quit => {
                self.quit = true;
                vec![Effect::Quit]
            }
            Action::Help => {
                self.help = true;
                Vec::new()
            }
            Action::Down if reading => self.scroll(1),
            Action::Up if reading => self.scroll(-1),
            Action::PageDown if reading => self.scroll(self.page() as isize),
            Action::PageUp if reading => self.scroll(-(self.page() as isize)),
            Action::Top if reading => {
                self.reader_scroll = 0;
                Vec::new()
            }
            Action::Bottom if reading => self.scroll(isize::MAX / 2),
            Action::Down => self.select(self.selected.saturating_add(1)),
            Action::Up => self.select(self.selected.saturating_sub(1)),
            Action::PageDown => self.select(self.selected + self.areas.list_rows().max(1)),
            Action::PageUp => {
                self.select(self.selected.saturating_sub(self.areas.list_rows().max(1)))
            }
            Action::Top => self.select(0),
            Action::Bottom => self.select(self.view.ids.len().saturating_sub(1)),
            Action::Open => {
                let Some(id) = self.selected_id() else {
                    return Vec::new();
                };
                if !reading && self.view.stories.contains_key(&id) && !self.expanded.contains(&id) {
                    return self.toggle_story();
                }
                self.focus = Focus::Reader;
                // Opened in the reader: read now.
                match self.selected_id() {
                    Some(id) => self.set_read(id, true, false),
                    None => Vec::new(),
                }
            }
            Action::Back => {
                self.focus = Focus::List;
                Vec::new()
            }
            Action::SwitchFocus => {
                self.focus = if reading { Focus::List } else { Focus::Reader };
                Vec::new()
            }
            Action::NextUnread => self.seek_unread(true),
            Action::PrevUnread => self.seek_unread(false),
            Action::ToggleRead => match self.selected_row() {
                Some(row) => {
                    let (id, read) = (row.id, row.read);
                    self.shown = None;
                    self.set_read(id, !read, true)
                }
                None => Vec::new(),
            },
            Action::ToggleStar => match self.selected_row() {
                Some(row) => {
                    let (id, was) = (row.id, row.starred);
                    if let Some(row) = self.rows.get_mut(&id) {
                        row.starred = !was;
                    }
                    self.push_undo(Undo::Star { id, was });
                    vec![Effect::SetStarred { id, starred: !was }]
                }
                None => Vec::new(),
            },
            Action::Tag => {
                if let Some(id) = self.selected_id() {
                    let input = self
                        .docs
                        .iter()
                        .rev()
                        .find(|d| d.id == id)
                        .map(|d| d.tags.join(", "))
                        .unwrap_or_default();
                    self.prompt = Some(Prompt::Tag { id, input });
                }
                Vec::new()
            }
            Action::MarkAllRead => {
                if self.view.unread > 0 {
                    self.prompt = Some(Prompt::ConfirmMarkAll);
                } else {
                    self.message = Some(("nothing unread here".into(), false));
                }
                Vec::new()
            }
            Action::Undo => self.undo_last(),
            Action::ToggleStory => self.toggle_story(),
            Action::OpenLink => {
                let link = self.selected_row().and_then(|r| r.link.clone());
                self.open(link)
            }
            Action::ExportBriefing => {
                self.message = Some(("writing the briefing…".into(), false));
                vec![Effect::ExportBriefing {
                    query: self.filter.text.clone(),
                }]
            }
            Action::CopyLink => match self.selected_row().and_then(|r| r.link.clone()) {
                Some(link) if is_web(&link) => {
                    self.message = Some(("link copied".into(), false));
                    vec![Effect::Copy(link)]
                }
                _ => {
                    self.message = Some(("this article has no web link".into(), true));
                    Vec::new()
                }
            },
            Action::Link(n) => {
                let link = self
                    .doc()
                    .and_then(|d| d.body.links.get(usize::from(n) - 1).cloned());
                if link.is_none() {
                    self.message = Some((format!("no link {n} in this article"), true));
                    return Vec::new();
                }
                self.open(link)
            }
            Action::PollAll | Action::PollFeed => {
                if self.polling.is_some() {
                    self.message = Some(("a poll is already running".into(), false));
                    return Vec::new();
                }
                let feed = if action == Action::PollFeed {
                    match self.selected_row() {
                        Some(row) => Some(row.feed_id),
                        None => return Vec::new(),
                    }
                } else {
                    None
                };
                self.polling = Some((0, 0));
                vec![Effect::Poll(feed)]
            }
            Action::Filter => {
                self.focus = Focus::Filter;
                self.filter.cursor = self.filter.text.len();
                Vec::new()
            }
            Action::ToggleNoise => {
                self.show_noise = !self.show_noise;
                self.query()
            }
            Action::ShowHidden => {
                self.show_hidden = !self.show_hidden;
                self.request_doc()
            }
            Action::SortOldest | Action::SortFeed | Action::SortNewest => {
                self.sort = match action {
                    Action::SortOldest => Sort::Oldest,
                    Action::SortFeed => Sort::Feed,
                    _ => Sort::Newest,
                };
                self.query()
            }
            Action::View => {
                if self.settings.views.is_empty() {
                    self.message = Some((
                        "no saved views; add them under [views] in config.toml".into(),
                        true,
                    ));
                } else {
                    self.prompt = Some(Prompt::View {
                        input: String::new(),
                    });
                }
                Vec::new()
            }
        }
    }

    fn page(&self) -> usize {
        self.areas.reader_lines().saturating_sub(2).max(1)
    }

    fn scroll(&mut self, by: isize) -> Vec<Effect> {
        let lines = self.doc().map_or(0, |d| d.body.lines.len() + 2);
        let max = lines.saturating_sub(self.areas.reader_lines().max(1));
        let next = self.reader_scroll as isize + by;
        self.reader_scroll = next.clamp(0, max as isize) as usize;
        Vec::new()
    }

    fn open(&mut self, link: Option<String>) -> Vec<Effect> {
        match link {
            Some(link) if is_web(&link) => vec![Effect::OpenUrl(link)],
            Some(link) => {
                let scheme = link.split(':').next().unwrap_or("");
                self.message = Some((
                    format!("not opening a `{scheme}:` link: only http and https are opened"),
                    true,
                ));
                Vec::new()
            }
            None => {
                self.message = Some(("this article has no link".into(), true));
                Vec::new()
            }
        }
    }

    // ---- selection and list ----

    fn select(&mut self, index: usize) -> Vec<Effect> {
        if self.view.ids.is_empty() {
            return Vec::new();
        }
        let index = index.min(self.view.ids.len() - 1);
        if index == self.selected && self.shown.is_some() {
            return Vec::new();
        }
        self.selected = index;
        self.reader_scroll = 0;
        self.keep_selection_visible();
        self.on_selection()
    }

    /// The selected article is on screen now: start its read timer and
    /// ask for its rendering and for rows around it.
    fn on_selection(&mut self) -> Vec<Effect> {
        self.shown = self.selected_id().map(|id| (id, self.now));
        let mut effects = self.load_visible_rows();
        effects.extend(self.request_doc());
        effects
    }

    fn keep_selection_visible(&mut self) {
        let rows = self.areas.list_rows().max(1);
        if self.selected < self.list_top {
            self.list_top = self.selected;
        } else if self.selected >= self.list_top + rows {
            self.list_top = self.selected + 1 - rows;
        }
        let max_top = self.view.ids.len().saturating_sub(rows);
        self.list_top = self.list_top.min(max_top);
    }

    fn load_visible_rows(&self) -> Vec<Effect> {
        let rows = self.areas.list_rows().max(1);
        let end = (self.list_top + rows * 2).min(self.view.ids.len());
        let start = self.list_top.saturating_sub(rows).min(end);
        let missing: Vec<ArticleId> = self.view.ids[start..end]
            .iter()
            .flat_map(|id| {
                std::iter::once(id).chain(self.view.stories.get(id).into_iter().flatten())
            })
            .filter(|id| !self.rows.contains_key(id))
            .copied()
            .collect();
        if missing.is_empty() {
            Vec::new()
        } else {
            vec![Effect::LoadRows(missing)]
        }
    }

    fn request_doc(&self) -> Vec<Effect> {
        match self.selected_id() {
            Some(id) if self.doc().is_none() => vec![Effect::Render {
                id,
                width: self.areas.reader_width(),
                show_hidden: self.show_hidden,
            }],
            _ => Vec::new(),
        }
    }

    /// Next (or previous) unread article; loads rows ahead as needed.
    fn seek_unread(&mut self, forward: bool) -> Vec<Effect> {
        let ids = &self.view.ids;
        let mut i = self.selected;
        loop {
            i = match (forward, i) {
                (true, i) if i + 1 < ids.len() => i + 1,
                (false, i) if i > 0 => i - 1,
                _ => {
                    self.message = Some(("no more unread articles".into(), false));
                    return Vec::new();
                }
            };
            match self.rows.get(&ids[i]) {
                Some(row) if !row.read => return self.select(i),
                Some(_) => continue,
                None => {
                    // Not loaded yet: load a chunk from here and go on
                    // when it arrives.
                    let chunk: Vec<ArticleId> = if forward {
                        ids[i..(i + SEEK_CHUNK).min(ids.len())].to_vec()
                    } else {
                        ids[i.saturating_sub(SEEK_CHUNK - 1)..=i].to_vec()
                    };
                    self.selected = if forward { i - 1 } else { i + 1 };
                    self.seek = Some(forward);
                    return vec![Effect::LoadRows(chunk)];
                }
            }
        }
    }

    fn view_loaded(
        &mut self,
        generation: u64,
        ids: Vec<ArticleId>,
        unread: u64,
        noise: Vec<(String, u64)>,
        stories: HashMap<ArticleId, Vec<ArticleId>>,
    ) -> Vec<Effect> {
        if generation != self.generation {
            return Vec::new();
        }
        self.filter.error = None;
        // The query parsed (the worker answered with a view), so the
        // terms it looks for are the ones to light up.
        let terms = Query::parse(&self.filter.text, 0)
            .map(|q| q.highlight_terms())
            .unwrap_or_default();
        self.highlighter = Highlighter::new(&terms, &self.settings.watch);
        let previous = self.selected_id();
        let on_screen = self.selected.saturating_sub(self.list_top);
        let same_query = self.shown_generation != 0 && self.view.loaded;
        self.shown_generation = generation;
        self.view = ViewData {
            ids: Vec::new(),
            leads: ids,
            stories,
            member_of: HashMap::new(),
            unread,
            noise,
            loaded: true,
        };
        self.lay_out_stories();
        // Keep the selected article where it was on screen, if it is
        // still in the view.
        match previous.and_then(|id| self.view.ids.iter().position(|x| *x == id)) {
            Some(index) if same_query => {
                self.selected = index;
                self.list_top = index.saturating_sub(on_screen);
                self.keep_selection_visible();
                let mut effects = self.load_visible_rows();
                effects.extend(self.request_doc());
                effects
            }
            _ => {
                self.selected = 0;
                self.list_top = 0;
                self.reader_scroll = 0;
                self.on_selection()
            }
        }
    }

    /// Runs the filter as it stands.
    fn query(&mut self) -> Vec<Effect> {
        self.generation += 1;
        vec![Effect::Query {
            generation: self.generation,
            text: self.filter.text.clone(),
            noise: self.show_noise,
            sort: self.sort,
        }]
    }

    // ---- read, star, tags, undo ----

    /// Marks `id` read or unread; a collapsed story's row takes all of
    /// its story's articles with it.
    fn set_read(&mut self, id: ArticleId, read: bool, undoable: bool) -> Vec<Effect> {
        let mut ids = Vec::new();
        for id in self.story_ids(id) {
            // Rows not loaded yet (a story's other articles) are changed
            // too; the count is asked for again below.
            match self.rows.get_mut(&id) {
                Some(row) if row.read == read => continue,
                Some(row) => {
                    row.read = read;
                    if read {
                        self.view.unread = self.view.unread.saturating_sub(1);
                    } else {
                        self.view.unread += 1;
                    }
                }
                None => {}
            }
            ids.push(id);
        }
        if ids.is_empty() {
            return Vec::new();
        }
        if undoable {
            self.push_undo(Undo::Read {
                ids: ids.clone(),
                was_read: !read,
            });
        }
        vec![Effect::SetRead { ids, read }]
    }

    fn push_undo(&mut self, undo: Undo) {
        self.undo.push(undo);
        if self.undo.len() > UNDO_LEVELS {
            self.undo.remove(0);
        }
    }

    fn undo_last(&mut self) -> Vec<Effect> {
        let Some(undo) = self.undo.pop() else {
            self.message = Some(("nothing to undo".into(), false));
            return Vec::new();
        };
        self.message = Some(("undone".into(), false));
        match undo {
            Undo::Read { ids, was_read } => {
                for id in &ids {
                    if let Some(row) = self.rows.get_mut(id)
                        && row.read != was_read
                    {
                        row.read = was_read;
                        if was_read {
                            self.view.unread = self.view.unread.saturating_sub(1);
                        } else {
                            self.view.unread += 1;
                        }
                    }
                }
                if !was_read {
                    // Counts for rows not loaded: ask again.
                    self.shown = None;
                }
                let mut effects = vec![Effect::SetRead {
                    ids,
                    read: was_read,
                }];
                if !was_read {
                    effects.extend(self.query());
                }
                effects
            }
            Undo::Star { id, was } => {
                if let Some(row) = self.rows.get_mut(&id) {
                    row.starred = was;
                }
                vec![Effect::SetStarred { id, starred: was }]
            }
            Undo::Tags { id, was } => {
                self.docs.retain(|d| d.id != id);
                let mut effects = vec![Effect::SetTags { id, tags: was }];
                effects.extend(self.request_doc());
                effects
            }
        }
    }

    // ---- prompts and the filter bar ----

    fn prompt_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(prompt) = self.prompt.take() else {
            return Vec::new();
        };
        match prompt {
            Prompt::ConfirmMarkAll => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter => {
                    let mut ids = self.view.leads.clone();
                    ids.extend(self.view.stories.values().flatten());
                    for id in &ids {
                        if let Some(row) = self.rows.get_mut(id) {
                            row.read = true;
                        }
                    }
                    self.view.unread = 0;
                    vec![Effect::MarkAllRead(ids)]
                }
                _ => Vec::new(),
            },
            Prompt::Tag { id, mut input } => match edit_line(&mut input, key) {
                LineEdit::Done => {
                    let tags: Vec<String> = input
                        .split(',')
                        .map(|t| crate::text::sanitize_line(t).trim().to_lowercase())
                        .filter(|t| !t.is_empty())
                        .collect();
                    let was = self
                        .docs
                        .iter()
                        .rev()
                        .find(|d| d.id == id)
                        .map(|d| d.tags.clone())
                        .unwrap_or_default();
                    self.push_undo(Undo::Tags { id, was });
                    self.docs.retain(|d| d.id != id);
                    let mut effects = vec![Effect::SetTags { id, tags }];
                    effects.extend(self.request_doc());
                    effects
                }
                LineEdit::Cancel => Vec::new(),
                LineEdit::Editing => {
                    self.prompt = Some(Prompt::Tag { id, input });
                    Vec::new()
                }
            },
            Prompt::View { mut input } => match edit_line(&mut input, key) {
                LineEdit::Done => {
                    let choice = input.trim();
                    let view = choice
                        .parse::<usize>()
                        .ok()
                        .and_then(|n| n.checked_sub(1))
                        .and_then(|n| self.settings.views.get(n))
                        .or_else(|| {
                            self.settings
                                .views
                                .iter()
                                .find(|(name, _)| name.eq_ignore_ascii_case(choice))
                        })
                        .cloned();
                    match view {
                        Some((_, query)) => {
                            self.filter.text = query;
                            self.filter.cursor = self.filter.text.len();
                            self.query()
                        }
                        None => {
                            self.message = Some((format!("no saved view `{choice}`"), true));
                            Vec::new()
                        }
                    }
                }
                LineEdit::Cancel => Vec::new(),
                LineEdit::Editing => {
                    self.prompt = Some(Prompt::View { input });
                    Vec::new()
                }
            },
        }
    }

    fn filter_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let f = &mut self.filter;
        match key.code {
            KeyCode::Enter => {
                let text = f.text.trim().to_owned();
                if !text.is_empty() && f.history.last() != Some(&text) {
                    f.history.push(text);
                }
                f.history_pos = None;
                self.focus = Focus::List;
                Vec::new()
            }
            KeyCode::Esc => {
                f.text.clear();
                f.cursor = 0;
                f.history_pos = None;
                self.focus = Focus::List;
                self.query()
            }
            KeyCode::Up | KeyCode::Down => {
                if f.history.is_empty() {
                    return Vec::new();
                }
                let last = f.history.len() - 1;
                let pos = match (key.code, f.history_pos) {
                    (KeyCode::Up, None) => Some(last),
                    (KeyCode::Up, Some(p)) => Some(p.saturating_sub(1)),
                    (_, Some(p)) if p < last => Some(p + 1),
                    _ => None,
                };
                f.history_pos = pos;
                f.text = pos.map(|p| f.history[p].clone()).unwrap_or_default();
                f.cursor = f.text.len();
                self.query()
            }
            _ => {
                let before = f.text.clone();
                let mut text = std::mem::take(&mut f.text);
                let mut cursor = f.cursor.min(text.len());
                edit_at(&mut text, &mut cursor, key);
                f.text = text;
                f.cursor = cursor;
                if f.text != before {
                    f.history_pos = None;
                    self.query()
                } else {
                    Vec::new()
                }
            }
        }
    }

    // ---- mouse ----

    fn mouse(&mut self, mouse: MouseEvent) -> Vec<Effect> {
        if !self.settings.mouse {
            return Vec::new();
        }
        let (x, y) = (mouse.column, mouse.row);
        let inside = |r: ratatui::layout::Rect| {
            x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
        };
        let in_list = inside(self.areas.list);
        let in_reader = inside(self.areas.reader);
        match mouse.kind {
            MouseEventKind::ScrollDown if in_list => self.select(self.selected + 1),
            MouseEventKind::ScrollUp if in_list => self.select(self.selected.saturating_sub(1)),
            MouseEventKind::ScrollDown if in_reader => self.scroll(3),
            MouseEventKind::ScrollUp if in_reader => self.scroll(-3),
            MouseEventKind::Down(MouseButton::Left) if in_list => {
                self.focus = Focus::List;
                let row = usize::from(y.saturating_sub(self.areas.list.y + 1));
                if row < self.areas.list_rows() {
                    self.select(self.list_top + row)
                } else {
                    Vec::new()
                }
            }
            MouseEventKind::Down(MouseButton::Left) if in_reader => {
                self.focus = Focus::Reader;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}

/// Only web links are opened or copied.
pub fn is_web(link: &str) -> bool {
    url::Url::parse(link).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;

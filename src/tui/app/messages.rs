//! What goes out of the app (effects) and what comes in (messages).

use std::collections::HashMap;

use crossterm::event::{KeyEvent, MouseEvent};

use super::{FeedChange, Sort};
use crate::model::{ArticleId, ArticleSummary, FeedId, FeedState};
use crate::tui::reader::ReaderDoc;

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
    /// The subscriptions with their counts; answered with `Msg::Feeds`.
    LoadFeeds,
    /// Change the subscriptions (feeds.toml and the cache at once);
    /// answered with `Msg::FeedsChanged`.
    ChangeFeeds(FeedChange),
    /// Write the article to a Markdown file (`None`: a file named after
    /// it in the saved folder); answered with a notice or an error.
    SaveArticle {
        id: ArticleId,
        path: Option<String>,
    },
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
    Feeds(Vec<FeedState>),
    /// A change of the subscriptions is done: what to say, or why not.
    FeedsChanged(Result<String, String>),
    PollProgress {
        done: usize,
        total: usize,
    },
    PollFinished {
        new: u64,
        failed: Vec<String>,
        /// Lines worth a word: the rescan when the rules had changed since
        /// the last poll, a feed that moved.
        notes: Vec<String>,
    },
}

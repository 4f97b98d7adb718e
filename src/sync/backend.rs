//! What sift needs of a feed server, whatever its API: one trait, and the
//! plain values it speaks in. TT-RSS implements it first (ttrss.rs); the
//! Google Reader API (FreshRSS, Miniflux, Inoreader) and Miniflux's own
//! API fit the same calls: ids are integers there too, and paging is a
//! cursor the backend alone understands.

use std::future::Future;

use super::SyncError;

/// What logging in learned about the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    /// The server's name and version, as it says them.
    pub version: String,
    /// Its API level, where the API has one.
    pub api_level: Option<i64>,
}

/// A subscription on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteFeed {
    pub id: i64,
    pub url: String,
    pub title: String,
    /// Its category (folder, label): a tag in sift. None when uncategorised.
    pub category: Option<String>,
}

/// An article as the server sends it: untrusted text (sanitised and
/// capped like any feed's before it is stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteArticle {
    pub id: i64,
    pub feed_id: i64,
    pub guid: String,
    pub title: String,
    pub link: Option<String>,
    pub author: Option<String>,
    /// Unix seconds.
    pub updated: Option<i64>,
    /// HTML.
    pub content: Option<String>,
    pub enclosures: Vec<RemoteEnclosure>,
    pub read: bool,
    pub starred: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteEnclosure {
    pub url: String,
    pub mime_type: Option<String>,
}

/// Where the next page starts; only its backend reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(pub String);

/// One page of a longer answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// None on the last page.
    pub next: Option<Cursor>,
}

/// The flags a server keeps per article, as asked for in lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerFlag {
    Unread,
    Starred,
}

/// The flag changes sent in one request: many articles, one flag, one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagChange {
    Read(bool),
    Starred(bool),
}

/// An article's flags on the server now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemoteFlags {
    pub id: i64,
    pub read: bool,
    pub starred: bool,
}

/// A feed server. Every call is one or a few requests; none keeps state
/// in the cache (the sync does). Ids are the server's.
pub trait SyncBackend: Send + Sync {
    /// Checks the address, the password and the API; keeps the session.
    fn login(&mut self) -> impl Future<Output = Result<ServerInfo, SyncError>> + Send;
    /// Every subscription, with its category's name.
    fn feeds(&self) -> impl Future<Output = Result<Vec<RemoteFeed>, SyncError>> + Send;
    /// Subscribes to `url`; the new (or existing) feed's id.
    fn subscribe(&self, url: &str) -> impl Future<Output = Result<i64, SyncError>> + Send;
    fn unsubscribe(&self, feed_id: i64) -> impl Future<Output = Result<(), SyncError>> + Send;
    /// Articles newer than `marker` (None: from the start), a page at a
    /// time, with their text and flags. The marker after a page is the
    /// largest id seen (`marker_after`).
    fn articles_since(
        &self,
        marker: Option<&str>,
        cursor: Option<&Cursor>,
    ) -> impl Future<Output = Result<Page<RemoteArticle>, SyncError>> + Send;
    /// The marker that follows `marker` once `seen` are stored.
    fn marker_after(&self, marker: Option<&str>, seen: &[RemoteArticle]) -> Option<String>;
    /// The ids of every article with `flag` set, a page at a time.
    fn ids_with(
        &self,
        flag: ServerFlag,
        cursor: Option<&Cursor>,
    ) -> impl Future<Output = Result<Page<i64>, SyncError>> + Send;
    /// Sets one flag on many articles (at most `max_batch` ids): the
    /// value is set, never toggled, so sending it twice changes nothing.
    fn set_flags(
        &self,
        ids: &[i64],
        change: FlagChange,
    ) -> impl Future<Output = Result<(), SyncError>> + Send;
    /// The flags of these articles now (at most `max_batch` ids).
    fn flags_of(
        &self,
        ids: &[i64],
    ) -> impl Future<Output = Result<Vec<RemoteFlags>, SyncError>> + Send;
    /// Marks every article of a feed read.
    fn mark_feed_read(&self, feed_id: i64) -> impl Future<Output = Result<(), SyncError>> + Send;
    /// Most ids one flag request may carry.
    fn max_batch(&self) -> usize;
    /// Requests made so far (for reports and benchmarks).
    fn requests(&self) -> usize;
}

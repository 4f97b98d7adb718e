//! Sync with a feed server (network-shell layer): subscriptions, new
//! articles and the read and starred flags, both ways, behind one trait
//! (`SyncBackend`; Tiny Tiny RSS is the first). A sync runs in three
//! phases so that a server that fails leaves the cache as it was:
//!
//! 1. read the server (log in, feeds, articles since the marker, which
//!    articles are unread and starred), writing nothing;
//! 2. apply it to the cache in one transaction (feeds.toml first): new
//!    articles go through the same ingest plan as polled ones; a flag the
//!    server changed wins over a queued local change made before the
//!    server's change was seen, and loses to one made after;
//! 3. send the local changes: feeds added and removed in sift, then the
//!    queued flag changes in batches, each batch marked "maybe sent"
//!    before it goes and removed from the queue once the server has it.
//!
//! The server does not say when a flag changed on it (TT-RSS's API has no
//! such field), so its change is dated when a sync first sees it.

pub mod backend;
mod error;
mod flags;
mod pages;
mod pull;
mod push;
mod subscriptions;
pub mod ttrss;

use std::time::{Duration, Instant};

pub use backend::{
    Cursor, FlagChange, Page, RemoteArticle, RemoteEnclosure, RemoteFeed, RemoteFlags, ServerFlag,
    ServerInfo, SyncBackend,
};
pub use error::SyncError;
pub use flags::{FlagDecision, ServerFlags, reconcile};

use crate::clean::RuleSet;
use crate::config::{Config, PasswordSource, Paths, SyncConfig};
use crate::store::Store;
use crate::topics::Scorer;

/// A password in memory: never printed, never in `Debug`.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: String) -> Secret {
        Secret(s)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(hidden)")
    }
}

/// The password from its file (the first line) or variable.
pub fn read_password(source: &PasswordSource) -> Result<Secret, SyncError> {
    let raw = match source {
        PasswordSource::File(path) => std::fs::read_to_string(path).map_err(|e| {
            SyncError::Password(format!(
                "cannot read `password_file` {}: {e}",
                path.display()
            ))
        })?,
        PasswordSource::Env(var) => std::env::var(var).map_err(|_| {
            SyncError::Password(format!(
                "`password_env` names {var}, which is not set (or not UTF-8)"
            ))
        })?,
    };
    let password = raw.lines().next().unwrap_or("").to_owned();
    if password.is_empty() {
        return Err(SyncError::Password("the password is empty".into()));
    }
    Ok(Secret(password))
}

/// What a sync reads of the user's settings. The front ends hand it down
/// (`Settings::for_sync`), so sync imports nothing from their layer.
pub struct SyncSettings<'a> {
    pub config: &'a Config,
    pub paths: &'a Paths,
    pub topics: std::sync::Arc<Scorer>,
    /// The noise rules, compiled when first asked for (`sync login`
    /// never asks).
    rules: Box<dyn Fn() -> std::sync::Arc<RuleSet> + 'a>,
}

impl<'a> SyncSettings<'a> {
    pub fn new(
        config: &'a Config,
        paths: &'a Paths,
        topics: std::sync::Arc<Scorer>,
        rules: impl Fn() -> std::sync::Arc<RuleSet> + 'a,
    ) -> SyncSettings<'a> {
        SyncSettings {
            config,
            paths,
            topics,
            rules: Box::new(rules),
        }
    }

    pub fn rules(&self) -> std::sync::Arc<RuleSet> {
        (self.rules)()
    }
}

/// The backend `[sync]` names, ready to log in.
pub fn connect(settings: &SyncSettings<'_>) -> Result<ttrss::TtRss, SyncError> {
    let sync = configured(settings)?;
    let password = read_password(&sync.password)?;
    ttrss::TtRss::new(ttrss::TtRssSettings {
        url: sync.url.clone(),
        user: sync.user.clone(),
        password,
        connect_timeout: settings.config.poll.connect_timeout,
        timeout: settings.config.poll.timeout,
    })
}

fn configured<'s>(settings: &'s SyncSettings<'_>) -> Result<&'s SyncConfig, SyncError> {
    settings
        .config
        .sync
        .as_ref()
        .ok_or_else(|| SyncError::NotConfigured(settings.paths.config_file().display().to_string()))
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub server: String,
    /// Feeds the server had that sift did not, now added here.
    pub feeds_added_here: usize,
    /// Feeds the server dropped, now removed here.
    pub feeds_removed_here: usize,
    /// Feeds added in sift, now subscribed on the server.
    pub feeds_added_there: usize,
    /// Feeds removed in sift, now unsubscribed on the server.
    pub feeds_removed_there: usize,
    /// Feeds that could not be subscribed on the server, with the reason.
    pub feed_errors: Vec<String>,
    pub articles_new: usize,
    /// Flags the server changed, taken here.
    pub flags_taken: usize,
    /// Server changes that lost to a later local change.
    pub flags_overridden: usize,
    /// Local flag changes the server now has.
    pub changes_sent: usize,
    /// The requests that carried them (one per flag and value, up to the
    /// backend's batch size each).
    pub change_batches: usize,
    /// Article pages fetched after the sync (the poller's full-text
    /// stage), and those that failed.
    pub pages_fetched: usize,
    pub pages_failed: usize,
    /// Requests made to the sync server (article pages not counted).
    pub requests: usize,
    pub elapsed: Duration,
}

/// One whole sync of `store` with `backend`.
pub async fn sync<B: SyncBackend>(
    backend: &mut B,
    settings: &SyncSettings<'_>,
    store: &mut Store,
) -> Result<SyncReport, SyncError> {
    let started = Instant::now();
    let mut report = SyncReport {
        server: backend.login().await?.version,
        ..SyncReport::default()
    };
    // 1. Read.
    let fetched = pull::fetch(backend, store).await?;
    // 2. Apply.
    let feed_push = pull::apply(settings, store, fetched, &mut report)?;
    // 3. Send.
    subscriptions::push(backend, store, feed_push, &mut report).await?;
    push::send(backend, store, &mut report).await?;
    report.requests = backend.requests();
    report.elapsed = started.elapsed();
    Ok(report)
}

/// `sync` on a runtime of its own, with the store at the settings' path
/// (for the CLI and the interface's refresh thread), then the article
/// pages its articles want, as a poll fetches them.
pub fn sync_blocking(settings: &SyncSettings<'_>) -> Result<SyncReport, SyncError> {
    let mut backend = connect(settings)?;
    let mut store = Store::open(&settings.paths.database())?;
    let feeds = crate::config::feeds::FeedsFile::load(&settings.paths.feeds_file())
        .map_err(|e| SyncError::Feeds(e.to_string()))?;
    store.sync_subscriptions(&feeds.subscriptions())?;
    let runtime = runtime()?;
    let mut report = runtime.block_on(sync(&mut backend, settings, &mut store))?;
    let started = Instant::now();
    pages::fetch(settings, store, &runtime, &mut report);
    report.elapsed += started.elapsed();
    Ok(report)
}

/// Logs in and says what the server is (`sift sync login`).
pub fn login_blocking(settings: &SyncSettings<'_>) -> Result<ServerInfo, SyncError> {
    let mut backend = connect(settings)?;
    runtime()?.block_on(backend.login())
}

fn runtime() -> Result<tokio::runtime::Runtime, SyncError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| SyncError::Server(format!("cannot start the runtime: {e}")))
}

/// Unix milliseconds now.
fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

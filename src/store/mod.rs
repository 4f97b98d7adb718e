//! The SQLite cache: the only state the poller and the interface share.
//!
//! Synchronous by design (the async shell calls it from a blocking task).
//! A cron `sift poll` and an open interface are two processes on one file,
//! so the connection is set up to never fail with "database is locked":
//! WAL (readers never block the writer), a busy timeout, and every write
//! transaction begun IMMEDIATE so a reader never has to upgrade its lock
//! (the upgrade is what deadlocks and returns SQLITE_BUSY at once).

mod articles;
mod checkpoint;
mod compile;
mod feeds;
mod flags;
mod full_text;
mod hits;
mod migrate;
mod noise;
mod packed;
mod plan_writes;
mod prepared;
mod reading;
mod reindex;
mod retention;
mod scope;
mod search;
mod search_text;
mod statements;
mod stories;
mod story_assign;
mod story_assigner;
mod sync_state;
mod topic_rescore;
mod triage;
mod view_rows;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, TransactionBehavior};

pub use articles::{IngestMeta, IngestStats};
pub use checkpoint::Checkpointer;
pub use flags::{FlagOutcome, MatchOutcome, UserFlag};
pub use full_text::{
    FailureKind, FullTextJob, FullTextState, FullTextStatus, MAX_FULL_HTML_BYTES,
    MAX_FULL_TEXT_ATTEMPTS,
};
pub use noise::NoiseRow;
pub use prepared::PreparedFeed;
pub use reading::NoiseFilter;
pub use reindex::IndexSource;
pub use search::{QueryOptions, QueryView, ViewOrder};
pub use stories::{StoryState, StoryWrite};
pub use story_assign::{
    assign_planned, assign_story, assign_story_with, assign_touched, assign_touched_with,
    forget_story,
};
pub use story_assigner::{Arrival, StoryAssigner};
pub use sync_state::{PendingChange, RemoteFlag, SyncedArticle, SyncedArticleFlags};
pub use triage::ArticleText;

/// How long a writer waits for another process's transaction to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Everything that can go wrong in the store, each saying what to fix.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the directory {path} for the database: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the database has schema version {found}, but this sift only knows up to {supported}; \
         upgrade sift or point it at another database"
    )]
    TooNew { found: i64, supported: i64 },
    #[error(
        "this is not a sift cache: {}; point --data-dir elsewhere or move the file away",
        path.display()
    )]
    NotSiftCache { path: PathBuf },
    /// A write in a job failed (`Store::in_job`): the writes made with
    /// it were undone.
    #[error("a write failed, so the writes made with it were undone")]
    WriteUndone,
    #[error("no feed with id {0}")]
    UnknownFeed(crate::model::FeedId),
    #[error("cannot move the feed to {url}: that URL is already feed {other}")]
    UrlTaken {
        url: String,
        other: crate::model::FeedId,
    },
    #[error("bad search query {query:?}: {message}")]
    BadSearch { query: String, message: String },
    #[error("database error: {}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// SQLite's message, with a full disk called a full disk.
fn sqlite_message(e: &rusqlite::Error) -> String {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
        "the disk is full; free some space and try again".to_owned()
    } else {
        e.to_string()
    }
}

impl StoreError {
    /// Whether SQLite said the disk (or the file system) is full.
    pub fn is_disk_full(&self) -> bool {
        let sqlite = match self {
            StoreError::Sqlite(e) | StoreError::Open { source: e, .. } => e,
            _ => return false,
        };
        sqlite.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull)
    }

    /// Whether SQLite failed to read or write the file (which a full disk
    /// can also cause, as "disk I/O error").
    pub fn is_io_error(&self) -> bool {
        let sqlite = match self {
            StoreError::Sqlite(e) | StoreError::Open { source: e, .. } => e,
            _ => return false,
        };
        sqlite.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure)
    }
}

/// An open cache. One per thread/process; SQLite does the locking between
/// them.
pub struct Store {
    conn: Connection,
    /// Index entries of a batch, written just before it commits.
    pending_index: Vec<search_text::IndexEntry>,
    /// Whether a job (`in_job`) is open, and whether a write failed in
    /// one.
    job: scope::JobState,
    /// Full-text matches of the running query, as bitsets (hits.rs).
    hits: hits::HitSets,
    /// False: every condition runs as the plain SQL `IN` (for tests that
    /// check both ways give the same answers).
    bitsets: bool,
    /// Every article in date order, for the filter bar (view_rows.rs).
    view_rows: view_rows::ViewCache,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.conn.path())
            .finish()
    }
}

/// Runs `op` again while SQLite says the database is busy without having
/// waited (a lock deadlock between two openers), for up to about 10 s.
fn retry_busy<T>(mut op: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let mut tries = 0;
    loop {
        match op() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && tries < 200 =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

impl Store {
    /// Opens (creating it and its parent directories if needed) and migrates
    /// the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let with_path = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(with_path)?;
        // The busy timeout goes first: switching to WAL itself takes a lock.
        conn.busy_timeout(BUSY_TIMEOUT).map_err(with_path)?;
        // Before any pragma writes to it: someone else's file is left alone.
        migrate::refuse_foreign(&conn).map_err(|e| match e {
            StoreError::Sqlite(source) => with_path(source),
            other => other,
        })?;
        // 16 KiB pages hold a whole article body without overflow chains:
        // a cold poll was ~20 % faster than with 4 KiB (and 8 KiB), for a
        // file ~10 % larger. Only takes effect on a new file.
        retry_busy(|| conn.pragma_update(None, "page_size", 16384)).map_err(with_path)?;
        // WAL: the interface keeps reading while a poll writes. Two
        // processes switching a new file at once can deadlock on its locks,
        // and SQLite then answers "busy" without waiting: try again.
        let mode: String =
            retry_busy(|| conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)))
                .map_err(with_path)?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(path = %path.display(), mode, "database is not in WAL mode");
        }
        Self::setup(conn)
    }

    /// A private database that vanishes on drop (tests, dry runs).
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store> {
        // NORMAL is durable across process crashes in WAL mode; only a power
        // loss can drop the last commits. No fsync per transaction.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A poll writes tens of MB: checkpointing every 32 MB instead of
        // 4 MB means fewer fsyncs of the main file. (Bigger page caches,
        // 8 and 32 MiB, were measured too: no faster, more memory.)
        conn.pragma_update(
            None,
            "wal_autocheckpoint",
            checkpoint::AUTO_CHECKPOINT_PAGES,
        )?;
        // After a big poll the WAL is truncated back to this size.
        conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // 4 MiB of page cache (the default is 2 MiB). It was 16 MiB while
        // story detection wrote 20 bucket rows at random keys for every
        // article; since stories live in memory (v12) and bodies are
        // packed, 4 MiB polls as fast and peaks 10 MB lower
        // (BENCHMARKS.md, "Memory").
        conn.pragma_update(None, "cache_size", -4_096)?;
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        // Plans must not depend on bound values. Otherwise SQLite marks
        // statements with `col = ?` or `LIMIT ?` to be re-planned when a
        // parameter changes, and rusqlite clears the bindings of every
        // cached statement it hands back: each use of such a statement was
        // a full re-prepare (18 % of a cold poll's CPU).
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        // Ingest and the list views reuse a handful of statements.
        conn.set_prepared_statement_cache_capacity(64);
        migrate::migrate(&mut conn)?;
        // The filter bar's queries call these (see search.rs).
        search::register_functions(&conn)?;
        let hits = hits::HitSets::default();
        hits::register(&conn, &hits)?;
        Ok(Store {
            conn,
            pending_index: Vec::new(),
            job: scope::JobState::default(),
            hits,
            bitsets: true,
            view_rows: view_rows::ViewCache::default(),
        })
    }

    /// Refreshes the planner's statistics where they are stale. Call after
    /// big writes (the end of a poll, a prune): without statistics SQLite can
    /// pick the wrong index, which is what makes newsboat slow.
    pub fn optimize(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA optimize")?;
        Ok(())
    }

    /// The schema version this database is at.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(migrate::user_version(&self.conn)?)
    }

    /// `EXPLAIN QUERY PLAN` details for the query behind `feeds()`.
    pub fn explain_feeds(&self) -> Result<Vec<String>> {
        self.explain(feeds::FEEDS_SQL, [])
    }

    fn explain<P: rusqlite::Params>(&self, sql: &str, params: P) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let rows = stmt.query_map(params, |r| r.get::<_, String>(3))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Tags as the user wrote them, trimmed, without empties or repeats
/// (compared case-insensitively, like the tag columns).
fn normalize_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !out.iter().any(|seen| seen.eq_ignore_ascii_case(tag)) {
            out.push(tag.to_string());
        }
    }
    out
}

/// Whether article `id` exists (inside the caller's transaction).
fn article_exists(conn: &Connection, id: crate::model::ArticleId) -> rusqlite::Result<bool> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// SQLite counts are i64; they are never negative.
fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn now_unix() -> crate::model::Timestamp {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

impl Store {
    /// Turns the bitset rewriting of big matches off or on (hits.rs): for
    /// tests that compare both ways, not for use.
    #[doc(hidden)]
    pub fn use_bitsets(&mut self, on: bool) {
        self.bitsets = on;
    }

    /// How many times the filter bar's in-memory date order was read from
    /// the database (view_rows.rs): for tests that check it is reused.
    #[doc(hidden)]
    pub fn view_rows_loads(&self) -> u64 {
        self.view_rows.loads()
    }

    /// Opens a batch: the poll's writer groups the feeds that finished
    /// together into one commit. Each write outside a job stays all or
    /// nothing (its own savepoint); a job (`in_job`) has none, and if it
    /// fails the whole batch is undone at commit. One commit instead of
    /// many saves FTS5 segment flushes and merges and rewriting the same
    /// pages into the WAL.
    pub fn begin_batch(&mut self) -> Result<()> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        self.job.forget_failure();
        Ok(())
    }

    /// Makes every write since `begin_batch` durable. If a job in the
    /// batch failed, nothing is kept and the answer is `WriteUndone`: its
    /// jobs had no savepoints, so the caller writes them again one by one.
    pub fn commit_batch(&mut self) -> Result<()> {
        if self.job.failed() {
            self.rollback_batch();
            return Err(StoreError::WriteUndone);
        }
        for entry in std::mem::take(&mut self.pending_index) {
            entry.write(&self.conn)?;
        }
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }

    /// Drops every write since `begin_batch`.
    pub fn rollback_batch(&mut self) {
        self.pending_index.clear();
        self.job.forget_failure();
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

//! Copying the WAL back into the database on a second connection, so the
//! poll's writer thread spends its time writing, not checkpointing. SQLite
//! lets a PASSIVE checkpoint run beside a writer; it copies what is
//! committed and never blocks.
//!
//! That alone never lets the log start over: SQLite rewinds the WAL only
//! when a writer begins after a checkpoint that copied every frame, and
//! the poll's writer always begins its next batch before a background
//! pass ends. The log grew to 53–65 MB for a 24 MB cache, and deleting it
//! when the cache closed took 64–98 ms. So the writer keeps a small
//! automatic checkpoint of its own: after a commit that leaves
//! `POLL_CHECKPOINT_PAGES` in the log, it copies what the background pass
//! has not (little) and its next batch rewinds the log.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

use super::{BUSY_TIMEOUT, Result, Store};

/// WAL pages the writer may accumulate before it checkpoints by itself.
pub(super) const AUTO_CHECKPOINT_PAGES: i64 = 8192;

/// The same during a poll, beside the background checkpointer: 8 MiB of
/// 16 KiB pages. Measured (BENCHMARKS.md, "Poll after session 21"): a
/// cold 100-feed poll's end went from about 157 to 70 ms.
pub(super) const POLL_CHECKPOINT_PAGES: i64 = 512;

/// A running background checkpointer; `stop` ends it after a last pass.
pub struct Checkpointer {
    /// Dropped to stop it: the thread wakes at once, not at the end of
    /// its wait (a poll would otherwise wait up to an interval to end).
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    pub fn stop(mut self) {
        self.finish();
    }

    fn finish(&mut self) {
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.finish();
    }
}

impl Store {
    /// Starts checkpointing every `interval` on a second connection and
    /// makes this connection's own automatic checkpoints small until
    /// `resume_auto_checkpoint`, so the log rewinds.
    /// None for an in-memory database (nothing to checkpoint).
    pub fn start_checkpointer(&mut self, interval: Duration) -> Result<Option<Checkpointer>> {
        let path: PathBuf = match self.conn.path() {
            Some(p) if !p.is_empty() => PathBuf::from(p),
            _ => return Ok(None),
        };
        let conn = Connection::open(&path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn
            .pragma_update(None, "wal_autocheckpoint", POLL_CHECKPOINT_PAGES)?;
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            loop {
                if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                    tracing::debug!("background checkpoint: {e}");
                }
                match stopped.recv_timeout(interval) {
                    Err(RecvTimeoutError::Timeout) => continue,
                    // Stopped: one last pass copies what the poll wrote
                    // since.
                    Ok(()) | Err(RecvTimeoutError::Disconnected) => {
                        if let Err(e) =
                            conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
                        {
                            tracing::debug!("last checkpoint: {e}");
                        }
                        break;
                    }
                }
            }
        });
        Ok(Some(Checkpointer {
            stop: Some(stop),
            thread: Some(thread),
        }))
    }

    /// Turns this connection's automatic checkpoints back on.
    pub fn resume_auto_checkpoint(&self) -> Result<()> {
        self.conn
            .pragma_update(None, "wal_autocheckpoint", AUTO_CHECKPOINT_PAGES)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cache in a temporary directory with a checkpointer whose
    /// background pass waits 30 s: only what a test does happens.
    fn cache_with_checkpointer() -> (tempfile::TempDir, PathBuf, Store, Checkpointer) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sift.db");
        let mut store = Store::open(&path).unwrap();
        let checkpointer = store
            .start_checkpointer(Duration::from_secs(30))
            .unwrap()
            .expect("a file database has a checkpointer");
        (dir, path, store, checkpointer)
    }

    #[test]
    fn stopping_wakes_the_checkpointer_and_copies_the_wal_back() {
        // `stop` must not sleep through the interval (it did: a poll
        // waited up to 200 ms to end).
        let (_dir, path, store, checkpointer) = cache_with_checkpointer();
        let before = std::fs::metadata(&path).unwrap().len();
        store
            .conn
            .execute_batch(
                "CREATE TABLE filler(b BLOB);
                 INSERT INTO filler VALUES (zeroblob(2000000));",
            )
            .unwrap();
        let started = std::time::Instant::now();
        checkpointer.stop();
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "stop waited for the interval"
        );
        // The row (2 MB) is in the database file: the file grew by about
        // that (a little less when the row reused free pages). Measured
        // before the insert: the first pass may already copy it.
        let after = std::fs::metadata(&path).unwrap().len();
        assert!(after >= before + 1_800_000, "{before} -> {after}");
    }

    #[test]
    fn the_log_rewinds_while_a_poll_writes() {
        // The background pass waits: the writer's own checkpoints must
        // rewind the log.
        let (dir, _path, store, checkpointer) = cache_with_checkpointer();
        store
            .conn
            .execute_batch("CREATE TABLE filler(b BLOB)")
            .unwrap();
        // 32 MB in 100 commits, as a poll writes its batches.
        let mut largest_log = 0;
        for _ in 0..100 {
            store
                .conn
                .execute("INSERT INTO filler VALUES (randomblob(320000))", [])
                .unwrap();
            let log = std::fs::metadata(dir.path().join("sift.db-wal")).map_or(0, |m| m.len());
            largest_log = largest_log.max(log);
        }
        checkpointer.stop();
        // Without a rewind the log holds every commit (32 MB and more);
        // with one it stays near POLL_CHECKPOINT_PAGES (8 MiB).
        let bound = (POLL_CHECKPOINT_PAGES as u64) * 16384 + 2_000_000;
        assert!(
            largest_log < bound,
            "the log grew to {largest_log} bytes (bound {bound})"
        );
    }
}

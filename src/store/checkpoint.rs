//! Copying the WAL back into the database on a second connection, so the
//! poll's writer thread spends its time writing, not checkpointing. SQLite
//! lets a PASSIVE checkpoint run beside a writer; it copies what is
//! committed and never blocks.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

use super::{BUSY_TIMEOUT, Result, Store};

/// WAL pages the writer may accumulate before it checkpoints by itself.
pub(super) const AUTO_CHECKPOINT_PAGES: i64 = 8192;

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
    /// stops this connection's own automatic checkpoints until `stop`.
    /// None for an in-memory database (nothing to checkpoint).
    pub fn start_checkpointer(&mut self, interval: Duration) -> Result<Option<Checkpointer>> {
        let path: PathBuf = match self.conn.path() {
            Some(p) if !p.is_empty() => PathBuf::from(p),
            _ => return Ok(None),
        };
        let conn = Connection::open(&path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
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

    #[test]
    fn stopping_wakes_the_checkpointer_and_copies_the_wal_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sift.db");
        let mut store = Store::open(&path).unwrap();
        // `stop` must not sleep through the interval (it did: a poll
        // waited up to 200 ms to end).
        let checkpointer = store
            .start_checkpointer(Duration::from_secs(30))
            .unwrap()
            .expect("a file database has a checkpointer");
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
}

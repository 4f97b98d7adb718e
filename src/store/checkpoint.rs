//! Copying the WAL back into the database on a second connection, so the
//! poll's writer thread spends its time writing, not checkpointing. SQLite
//! lets a PASSIVE checkpoint run beside a writer; it copies what is
//! committed and never blocks.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

use super::{BUSY_TIMEOUT, Result, Store};

/// WAL pages the writer may accumulate before it checkpoints by itself.
pub(super) const AUTO_CHECKPOINT_PAGES: i64 = 8192;

/// A running background checkpointer; `stop` ends it after a last pass.
pub struct Checkpointer {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    pub fn stop(mut self) {
        self.finish();
    }

    fn finish(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
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
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            loop {
                let last = flag.load(Ordering::SeqCst);
                if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                    tracing::debug!("background checkpoint: {e}");
                }
                if last {
                    break;
                }
                std::thread::sleep(interval);
            }
        });
        Ok(Some(Checkpointer {
            stop,
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

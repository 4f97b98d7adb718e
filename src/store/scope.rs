//! Where a write runs, so that it is all or nothing:
//! - alone: its own IMMEDIATE transaction;
//! - in a batch (group commit, `begin_batch`): a savepoint, durable when
//!   the batch commits;
//! - in a job (`Store::in_job`, one feed's writes in the poll): alone, one
//!   transaction; in a batch, no savepoint at all. The poll writes several
//!   rows per article, and savepoints (one per article, or even one per
//!   feed) made SQLite copy each page they touched to the sub-journal:
//!   3 % of a cold poll's CPU and 4 MB (BENCHMARKS.md). A failed job
//!   fails its batch instead, and the writer writes that batch's jobs
//!   again one by one; failures are rare (a full disk, a feed removed
//!   meanwhile), polls are many.

use std::cell::{Cell, RefCell};

use rusqlite::{Connection, Transaction};

use super::{Result, Store, StoreError};

/// Whether a job is open, and whether a write failed in a job since the
/// batch (or the lone job) began; and why, when the job's work logged the
/// error and went on (`Store::pass_over`).
#[derive(Debug, Default)]
pub(super) struct JobState {
    open: Cell<bool>,
    failed: Cell<bool>,
    passed_over: RefCell<Option<StoreError>>,
}

impl JobState {
    pub(super) fn failed(&self) -> bool {
        self.failed.get()
    }

    pub(super) fn forget_failure(&self) {
        self.failed.set(false);
        self.passed_over.take();
    }

    /// Why the job failed: the first error its work passed over, which
    /// says more ("the disk is full") than that a write was undone.
    fn undone(&self) -> StoreError {
        self.passed_over.take().unwrap_or(StoreError::WriteUndone)
    }
}

/// A write in progress; `commit` keeps it, dropping it undoes it.
pub(crate) enum WriteScope<'c> {
    Own(Transaction<'c>),
    InBatch(BatchSavepoint<'c>),
    InJob(JobPart<'c>),
}

impl std::ops::Deref for WriteScope<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match self {
            WriteScope::Own(tx) => tx,
            WriteScope::InBatch(sp) => sp.conn,
            WriteScope::InJob(part) => part.conn,
        }
    }
}

impl WriteScope<'_> {
    pub(crate) fn commit(self) -> rusqlite::Result<()> {
        match self {
            WriteScope::Own(tx) => tx.commit(),
            WriteScope::InBatch(sp) => sp.release(),
            WriteScope::InJob(mut part) => {
                part.done = true;
                Ok(())
            }
        }
    }
}

/// A savepoint inside a batch, rolled back if dropped unreleased. Like
/// rusqlite's `Savepoint`, but its statements are prepared once and cached
/// (preparing `SAVEPOINT`/`RELEASE` each time was 8 % of a cold poll's
/// CPU). One name serves every level: SQLite releases and rolls back to
/// the innermost savepoint of a name.
pub(crate) struct BatchSavepoint<'c> {
    conn: &'c Connection,
    released: bool,
}

impl<'c> BatchSavepoint<'c> {
    fn open(conn: &'c Connection) -> rusqlite::Result<BatchSavepoint<'c>> {
        conn.prepare_cached("SAVEPOINT sift_write")?.execute([])?;
        Ok(BatchSavepoint {
            conn,
            released: false,
        })
    }

    fn release(mut self) -> rusqlite::Result<()> {
        self.conn
            .prepare_cached("RELEASE sift_write")?
            .execute([])?;
        self.released = true;
        Ok(())
    }
}

impl Drop for BatchSavepoint<'_> {
    fn drop(&mut self) {
        if !self.released {
            roll_back_to(self.conn, "sift_write");
        }
    }
}

/// A write that is part of the open job. Dropped uncommitted (it failed),
/// it fails the job even if the caller carries on (story placement logs
/// and goes on), so the job's other writes are undone with it.
pub(crate) struct JobPart<'c> {
    conn: &'c Connection,
    job: &'c JobState,
    done: bool,
}

impl Drop for JobPart<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.job.failed.set(true);
        }
    }
}

fn roll_back_to(conn: &Connection, name: &str) {
    let undo = |sql: &str| conn.prepare_cached(sql).and_then(|mut s| s.execute([]));
    if let Err(e) =
        undo(&format!("ROLLBACK TO {name}")).and_then(|_| undo(&format!("RELEASE {name}")))
    {
        tracing::warn!("cannot roll a failed write back: {e}");
    }
}

impl Store {
    pub(crate) fn write_scope(&mut self) -> Result<WriteScope<'_>> {
        Ok(if self.job.open.get() {
            WriteScope::InJob(JobPart {
                conn: &self.conn,
                job: &self.job,
                done: false,
            })
        } else if self.conn.is_autocommit() {
            WriteScope::Own(self.conn.transaction()?)
        } else {
            WriteScope::InBatch(BatchSavepoint::open(&self.conn)?)
        })
    }

    /// Runs `work`, every write it makes, all or nothing. Alone it is one
    /// transaction: if `work` fails, or any write in it fails (even one
    /// whose error `work` logs and passes over), everything is undone and
    /// the answer is an error. In a batch it has no savepoint: a failure
    /// fails the batch, whose `commit_batch` then keeps nothing and says
    /// `WriteUndone`; `batch_failed` says so at once. A job inside a job is
    /// part of it.
    pub fn in_job<T>(&mut self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if self.job.open.get() {
            return work(self);
        }
        let alone = self.conn.is_autocommit();
        if alone {
            self.begin_batch()?;
        }
        self.job.open.set(true);
        let done = work(self);
        self.job.open.set(false);
        let done = match done {
            Ok(_) if self.job.failed() => Err(if alone {
                self.job.undone()
            } else {
                // The writer writes the batch's jobs again one by one on
                // this answer; alone, the job then says why.
                StoreError::WriteUndone
            }),
            Err(e) => {
                self.job.failed.set(true);
                Err(e)
            }
            ok => ok,
        };
        if alone {
            match &done {
                Ok(_) => {
                    if let Err(e) = self.commit_batch() {
                        self.rollback_batch();
                        return Err(e);
                    }
                }
                Err(_) => self.rollback_batch(),
            }
        }
        done
    }

    /// Logs an error that the open job's work goes on after (a failed
    /// story placement costs only a duplicate row). If a write failed with
    /// it, the job fails, and says this error as its cause.
    pub fn pass_over(&self, what: &str, error: StoreError) {
        tracing::warn!("{what}: {error}");
        if self.job.open.get() {
            let mut first = self.job.passed_over.borrow_mut();
            if first.is_none() {
                *first = Some(error);
            }
        }
    }

    /// Whether a job failed since the batch began: its commit will keep
    /// nothing, so the rest of its jobs need not be written now.
    pub fn batch_failed(&self) -> bool {
        self.job.failed()
    }
}

//! The whole cache in date order, kept in memory for the filter bar.
//!
//! A filter-bar query of words only (what typing in the bar produces) is
//! answered from this list and the query's full-text matches as a bitset,
//! instead of walking the covering date index and decoding every matching
//! row: over 100k articles with a word found in most of them, the walk
//! and decoding took 30-50 ms of the 45-60 (BENCHMARKS.md, "Search").
//!
//! The list is about 24 bytes an article (2.4 MB at 100k) and is read
//! again, in one pass of the covering index, whenever the database
//! changed: `PRAGMA data_version` moves when another connection commits
//! (a poll), and the connection's own change count when this one writes.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use rusqlite::Connection;
use rustc_hash::FxHashSet;

use super::Result;
use crate::model::ArticleId;

/// One article as the view needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ViewRow {
    pub id: ArticleId,
    pub read: bool,
    /// 0: not noise; k: the noise kind `kinds[k - 1]`.
    pub noise: u16,
    pub story: Option<ArticleId>,
}

/// `PRAGMA data_version` (other connections' commits) and this
/// connection's change count: equal stamps, same database.
type Stamp = (i64, u64);

/// Every article, newest first (`sort_date DESC, id DESC`).
#[derive(Debug, Clone)]
pub(super) struct ViewRows {
    stamp: Stamp,
    pub rows: Vec<ViewRow>,
    /// The noise kinds `ViewRow::noise` points at.
    pub kinds: Vec<String>,
}

/// The list of the last query, if the database has not changed since.
#[derive(Debug, Default)]
pub(super) struct ViewCache {
    rows: RefCell<Option<Arc<ViewRows>>>,
    /// How many times the list was read (tests check it is reused).
    loads: Cell<u64>,
}

impl ViewCache {
    /// The current list: the cached one, or read again if stale.
    pub(super) fn get(&self, conn: &Connection) -> Result<Arc<ViewRows>> {
        let stamp = stamp(conn)?;
        if let Some(rows) = self.rows.borrow().as_ref().filter(|r| r.stamp == stamp) {
            return Ok(rows.clone());
        }
        let rows = Arc::new(load(conn, stamp)?);
        *self.rows.borrow_mut() = Some(rows.clone());
        self.loads.set(self.loads.get() + 1);
        Ok(rows)
    }

    /// The database's stamp now, if the list in memory is current: to
    /// pass to `follow` after a write of this connection's own.
    pub(super) fn current(&self, conn: &Connection) -> Result<Option<Stamp>> {
        let stamp = stamp(conn)?;
        let current = self
            .rows
            .borrow()
            .as_ref()
            .is_some_and(|r| r.stamp == stamp);
        Ok(current.then_some(stamp))
    }

    /// Keeps the list current across a write of this connection's own
    /// that changed nothing it holds but, if given, the read flag of some
    /// ids. `before` is `current` from just before the write. The list is
    /// dropped instead when another connection committed meanwhile, or
    /// inside a batch (which may yet roll back).
    pub(super) fn follow(
        &self,
        conn: &Connection,
        before: Option<Stamp>,
        read: Option<(&[ArticleId], bool)>,
    ) -> Result<()> {
        let Some(before) = before else {
            return Ok(());
        };
        let now = stamp(conn)?;
        let mut slot = self.rows.borrow_mut();
        let Some(rows) = slot
            .as_mut()
            .filter(|_| now.0 == before.0 && conn.is_autocommit())
        else {
            *slot = None;
            return Ok(());
        };
        let rows = Arc::make_mut(rows);
        if let Some((ids, read)) = read {
            let ids: FxHashSet<ArticleId> = ids.iter().copied().collect();
            for row in rows.rows.iter_mut().filter(|row| ids.contains(&row.id)) {
                row.read = read;
            }
        }
        rows.stamp = now;
        Ok(())
    }

    pub(super) fn loads(&self) -> u64 {
        self.loads.get()
    }
}

fn stamp(conn: &Connection) -> Result<Stamp> {
    let version: i64 = conn
        .prepare_cached("PRAGMA data_version")?
        .query_row([], |r| r.get(0))?;
    Ok((version, conn.total_changes()))
}

fn load(conn: &Connection, stamp: Stamp) -> Result<ViewRows> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, read, noise_kind, story_id FROM articles INDEXED BY articles_view \
         ORDER BY sort_date DESC, id DESC",
    )?;
    let mut rows = Vec::new();
    let mut kinds: Vec<String> = Vec::new();
    let mut query = stmt.query([])?;
    while let Some(row) = query.next()? {
        rows.push(view_row(row, &mut kinds)?);
    }
    Ok(ViewRows { stamp, rows, kinds })
}

/// A row of `SELECT id, read, noise_kind, story_id`, its noise kind
/// numbered in `kinds` (added there when new).
pub(super) fn view_row(
    row: &rusqlite::Row<'_>,
    kinds: &mut Vec<String>,
) -> rusqlite::Result<ViewRow> {
    let noise = match row.get_ref(2)?.as_str_or_null()? {
        None => 0,
        Some(kind) => match kinds.iter().position(|k| k == kind) {
            Some(at) => at + 1,
            None => {
                kinds.push(kind.to_owned());
                kinds.len()
            }
        },
    };
    Ok(ViewRow {
        id: row.get(0)?,
        read: row.get(1)?,
        // Kinds are a handful of rule names; past 65,535 of them the last
        // number is shared (only the noise counts would merge).
        noise: u16::try_from(noise).unwrap_or(u16::MAX),
        story: row.get(3)?,
    })
}

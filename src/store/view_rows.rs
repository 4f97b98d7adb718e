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

/// Every article, newest first (`sort_date DESC, id DESC`).
#[derive(Debug)]
pub(super) struct ViewRows {
    stamp: (i64, u64),
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

    pub(super) fn loads(&self) -> u64 {
        self.loads.get()
    }
}

fn stamp(conn: &Connection) -> Result<(i64, u64)> {
    let version: i64 = conn
        .prepare_cached("PRAGMA data_version")?
        .query_row([], |r| r.get(0))?;
    Ok((version, conn.total_changes()))
}

fn load(conn: &Connection, stamp: (i64, u64)) -> Result<ViewRows> {
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

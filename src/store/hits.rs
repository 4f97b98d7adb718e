//! Full-text matches as bitsets, for words found in much of the cache.
//!
//! A compiled query selects text matches with `a.id IN (SELECT rowid FROM
//! articles_fts WHERE … MATCH ?)`. For a rare word that is ideal: SQLite
//! looks the few rows up by id. For a word in most articles it is not:
//! SQLite copies every match into a temporary index, then either looks
//! each row up (reading the whole table) or probes that index from the
//! date index; over 100k articles either took 100-250 ms (BENCHMARKS.md,
//! "Search"). So when a MATCH selects more than `LOOKUP_LIMIT` rows, the
//! store reads its rowids into a bitset once and the condition becomes
//! `sift_hit(k, a.id)`, a constant-time test the planner evaluates while
//! it walks the covering date index.

use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{Connection, params};

use super::Result;
use crate::query::IN_FTS;

/// Above this many matches a bitset beats looking rows up by id.
const LOOKUP_LIMIT: i64 = 4_000;

/// Article ids past this would make a bitset too big (32 MiB); such a
/// cache keeps the plain `IN`.
const MAX_BIT: usize = 1 << 28;

pub(super) const HIT_FN: &str = "sift_hit";

/// The bitsets of the statement being run, by index (`sift_hit(k, id)`).
#[derive(Clone, Default)]
pub(super) struct HitSets(Arc<Mutex<Vec<Vec<u64>>>>);

impl HitSets {
    fn replace(&self, sets: Vec<Vec<u64>>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = sets;
    }

    fn contains(&self, set: i64, id: i64) -> bool {
        let (Ok(set), Ok(id)) = (usize::try_from(set), u64::try_from(id)) else {
            return false;
        };
        let sets = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let word = usize::try_from(id / 64).unwrap_or(usize::MAX);
        sets.get(set)
            .and_then(|bits| bits.get(word))
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    /// Drops the bitsets once a statement is done (they can be 12 KB each
    /// per 100k articles; mostly this just keeps state from leaking).
    pub(super) fn clear(&self) {
        self.replace(Vec::new());
    }
}

pub(super) fn register(conn: &Connection, sets: &HitSets) -> rusqlite::Result<()> {
    let sets = sets.clone();
    // Not deterministic: the answer depends on the sets loaded for the
    // statement, so SQLite must not fold calls across statements.
    conn.create_scalar_function(HIT_FN, 2, FunctionFlags::SQLITE_UTF8, move |ctx| {
        Ok(sets.contains(ctx.get::<i64>(0)?, ctx.get::<i64>(1)?))
    })
}

/// Rewrites the full-text conditions of `sql` that match many rows into
/// bitset tests, loading the bitsets into `sets`. `sql`'s parameters are
/// positional `?`s (the compiled SQL has no `?` anywhere else).
pub(super) fn rewrite(
    conn: &Connection,
    sets: &HitSets,
    sql: &str,
    params: Vec<Value>,
) -> Result<(String, Vec<Value>)> {
    if !sql.contains(IN_FTS) {
        return Ok((sql.to_string(), params));
    }
    let mut out_sql = String::with_capacity(sql.len());
    let mut out_params = Vec::with_capacity(params.len());
    let mut loaded = Vec::new();
    let mut params = params.into_iter();
    let mut rest = sql;
    while let Some(at) = rest.find(IN_FTS) {
        let (before, after) = rest.split_at(at);
        let before_marks = before.matches('?').count();
        out_params.extend(params.by_ref().take(before_marks));
        out_sql.push_str(before);
        let Some(pattern) = params.next() else {
            break; // cannot happen with compiled SQL; leave the rest as is
        };
        let many = match &pattern {
            Value::Text(m) => more_than(conn, m, LOOKUP_LIMIT)?,
            _ => false,
        };
        match (&pattern, many) {
            (Value::Text(m), true) if let Some(bits) = bitset(conn, m)? => {
                out_sql.push_str(&format!("{HIT_FN}({}, a.id)", loaded.len()));
                loaded.push(bits);
            }
            _ => {
                out_sql.push_str(IN_FTS);
                out_params.push(pattern);
            }
        }
        rest = &after[IN_FTS.len()..];
    }
    out_sql.push_str(rest);
    out_params.extend(params);
    if !loaded.is_empty() {
        // Left to itself the planner may walk a narrower index that does
        // not cover read and noise_kind, and read the whole table (seen
        // with sort:relevance: 370 ms instead of 40).
        out_sql = out_sql.replacen(
            "FROM articles a ",
            "FROM articles a INDEXED BY articles_view ",
            1,
        );
    }
    sets.replace(loaded);
    Ok((out_sql, out_params))
}

fn more_than(conn: &Connection, pattern: &str, limit: i64) -> Result<bool> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?1 LIMIT ?2)",
        )?
        .query_row(params![pattern, limit + 1], |r| r.get(0))?;
    Ok(n > limit)
}

/// The rowids `pattern` matches, as bits; None if an id is too large.
fn bitset(conn: &Connection, pattern: &str) -> Result<Option<Vec<u64>>> {
    let mut bits: Vec<u64> = Vec::new();
    let mut stmt =
        conn.prepare_cached("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1")?;
    let mut rows = stmt.query([pattern])?;
    while let Some(row) = rows.next()? {
        let Ok(id) = usize::try_from(row.get::<_, i64>(0)?) else {
            continue; // rowids are never negative
        };
        if id >= MAX_BIT {
            return Ok(None);
        }
        let word = id / 64;
        if bits.len() <= word {
            bits.resize(word + 1, 0);
        }
        bits[word] |= 1 << (id % 64);
    }
    Ok(Some(bits))
}

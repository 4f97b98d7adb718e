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
//! it walks the covering date index. `topic:` conditions (an `IN` over
//! `article_topics`) get the same treatment: half the cache can be
//! foreign policy. So do `/regex/` conditions, always: their matches can
//! only be found by a scan of `article_plain`, and one scan into a bitset
//! is what SQLite's `IN` would do anyway, minus the temporary index.

use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{Connection, params};

use super::Result;
use crate::query::{IN_FTS, IN_REGEX, IN_TOPIC};

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
        let Ok(set) = usize::try_from(set) else {
            return false;
        };
        let sets = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        sets.get(set).is_some_and(|bits| has(bits, id))
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

/// A condition the compiled SQL selects rows with, by id, from another
/// table: how it reads, and how to count and list the ids it selects.
struct IdCondition {
    sql: &'static str,
    /// `?1`: the condition's parameter, `?2`: the limit. None: always a
    /// bitset (counting would cost as much as listing).
    probe: Option<&'static str>,
    /// `?1`: the condition's parameter.
    ids: &'static str,
}

const CONDITIONS: &[IdCondition] = &[
    IdCondition {
        sql: IN_FTS,
        probe: Some(
            "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?1 LIMIT ?2)",
        ),
        ids: "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1",
    },
    IdCondition {
        sql: IN_TOPIC,
        probe: Some(
            "SELECT count(*) FROM (SELECT 1 FROM article_topics \
             WHERE topic = ?1 AND score >= 1.0 LIMIT ?2)",
        ),
        ids: "SELECT article_id FROM article_topics WHERE topic = ?1 AND score >= 1.0",
    },
    IdCondition {
        sql: IN_REGEX,
        probe: None,
        ids: "SELECT article_id FROM article_plain WHERE sift_regexp(?1, text)",
    },
];

/// Rewrites the full-text and topic conditions of `sql` that select many
/// rows, and every regex condition, into bitset tests, loading the bitsets into `sets`. `sql`'s
/// parameters are positional `?`s, one per such condition (the compiled
/// SQL has no `?` anywhere else).
pub(super) fn rewrite(
    conn: &Connection,
    sets: &HitSets,
    sql: &str,
    params: Vec<Value>,
) -> Result<(String, Vec<Value>)> {
    let next_condition = |text: &str| {
        CONDITIONS
            .iter()
            .filter_map(|c| text.find(c.sql).map(|at| (at, c)))
            .min_by_key(|(at, _)| *at)
    };
    if next_condition(sql).is_none() {
        return Ok((sql.to_string(), params));
    }
    let mut out_sql = String::with_capacity(sql.len());
    let mut out_params = Vec::with_capacity(params.len());
    let mut loaded = Vec::new();
    // (condition, value, bitset index or None for the plain `IN`).
    let mut decided: Vec<(&str, String, Option<usize>)> = Vec::new();
    let mut params = params.into_iter();
    let mut rest = sql;
    while let Some((at, condition)) = next_condition(rest) {
        let (before, after) = rest.split_at(at);
        out_params.extend(params.by_ref().take(before.matches('?').count()));
        out_sql.push_str(before);
        rest = &after[condition.sql.len()..];
        let value = params.next();
        let set = match &value {
            Some(Value::Text(v)) => {
                match decided.iter().find(|d| d.0 == condition.sql && d.1 == *v) {
                    // The same condition twice (a ranked page's two halves):
                    // one probe, one bitset.
                    Some(d) => d.2,
                    None => {
                        let set = if more_than(conn, condition, v, LOOKUP_LIMIT)? {
                            bitset(conn, condition, v)?.map(|bits| {
                                loaded.push(bits);
                                loaded.len() - 1
                            })
                        } else {
                            None
                        };
                        decided.push((condition.sql, v.clone(), set));
                        set
                    }
                }
            }
            _ => None,
        };
        match set {
            Some(set) => out_sql.push_str(&format!("{HIT_FN}({set}, a.id)")),
            None => {
                out_sql.push_str(condition.sql);
                out_params.extend(value);
            }
        }
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

/// The ids an FTS5 expression matches, as bits (see `has`); None if an
/// id is too large for a bitset.
pub(super) fn fts_bitset(conn: &Connection, fts_match: &str) -> Result<Option<Vec<u64>>> {
    bitset(conn, &CONDITIONS[0], fts_match)
}

/// Whether `id` is in a bitset from `fts_bitset`.
pub(super) fn has(bits: &[u64], id: i64) -> bool {
    let Ok(id) = u64::try_from(id) else {
        return false;
    };
    usize::try_from(id / 64)
        .ok()
        .and_then(|word| bits.get(word))
        .is_some_and(|w| w & (1 << (id % 64)) != 0)
}

fn more_than(conn: &Connection, condition: &IdCondition, value: &str, limit: i64) -> Result<bool> {
    let Some(probe) = condition.probe else {
        return Ok(true);
    };
    let n: i64 = conn
        .prepare_cached(probe)?
        .query_row(params![value, limit + 1], |r| r.get(0))?;
    Ok(n > limit)
}

/// The ids the condition selects, as bits; None if an id is too large.
fn bitset(conn: &Connection, condition: &IdCondition, value: &str) -> Result<Option<Vec<u64>>> {
    let mut bits: Vec<u64> = Vec::new();
    let mut stmt = conn.prepare_cached(condition.ids)?;
    let mut rows = stmt.query([value])?;
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

//! Choosing how a compiled query's id sets run: looked up by id, or as
//! bitsets. The choice is made on the compiled tree (`compile::Cond`),
//! never by reading SQL text.
//!
//! A full-text id set reads `a.id IN (SELECT rowid FROM articles_fts
//! WHERE … MATCH ?)`. For a rare word that is ideal: SQLite looks the few
//! rows up by id. For a word in most articles it is not: SQLite copies
//! every match into a temporary index, then either looks each row up
//! (reading the whole table) or probes that index from the date index;
//! over 100k articles either took 100-250 ms (BENCHMARKS.md, "Search").
//! So when a set selects more than `LOOKUP_LIMIT` rows, the store reads
//! its ids into a bitset once and the condition becomes `sift_hit(k,
//! a.id)`, a constant-time test the planner evaluates while it walks the
//! covering date index. `topic:` sets get the same treatment: half the
//! cache can be foreign policy. So do `/regex/` sets, always: their
//! matches can only be found by a scan of `article_plain`, and one scan
//! into a bitset is what SQLite's `IN` would do anyway, minus the
//! temporary index.

use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, params};

use super::Result;
use super::compile::{Cond, HIT_FN, IdSet, IdTest, Rendered};

/// Above this many matches a bitset beats looking rows up by id.
const LOOKUP_LIMIT: i64 = 4_000;

/// Article ids past this would make a bitset too big (32 MiB); such a
/// cache keeps the plain `IN`.
const MAX_BIT: usize = 1 << 28;

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

/// A condition ready for one statement.
#[derive(Debug)]
pub(super) struct Planned {
    /// The condition as SQL and its values; `1` when it selects everything.
    pub rendered: Rendered,
    pub always: bool,
    /// Some id set is a bitset: the statement should walk the covering
    /// date index (see `INDEXED_BY_VIEW`).
    pub bitsets: bool,
}

/// Left to itself the planner may walk a narrower index that does not
/// cover read and noise_kind, and read the whole table (seen with
/// sort:relevance: 370 ms instead of 40); statements whose condition tests
/// bitsets name the covering index after `FROM articles a`.
pub(super) const INDEXED_BY_VIEW: &str = " INDEXED BY articles_view";

impl Planned {
    /// `cond` with every id set looked up by id (no bitsets to load).
    pub(super) fn lookups(cond: &Cond) -> Planned {
        Planned {
            rendered: cond.render_plain(),
            always: cond.is_always(),
            bitsets: false,
        }
    }

    /// `INDEXED_BY_VIEW` when bitsets are tested, else nothing.
    pub(super) fn index_hint(&self) -> &'static str {
        if self.bitsets { INDEXED_BY_VIEW } else { "" }
    }
}

/// Plans `cond` for one statement: with `use_bitsets`, each id set that
/// selects many rows (and every regex set) becomes a bitset test, its
/// bits loaded into `sets`; the same set twice is probed and loaded once.
/// Without, every set is a lookup by id.
pub(super) fn plan(
    conn: &Connection,
    sets: &HitSets,
    cond: &Cond,
    use_bitsets: bool,
) -> Result<Planned> {
    let mut decided: Vec<(&IdSet, IdTest)> = Vec::new();
    let mut loaded = Vec::new();
    if use_bitsets {
        for set in cond.id_sets() {
            if decided.iter().any(|(seen, _)| *seen == set) {
                continue;
            }
            let mut test = IdTest::Lookup;
            if more_than(conn, set, LOOKUP_LIMIT)?
                && let Some(bits) = bitset(conn, set)?
            {
                loaded.push(bits);
                test = IdTest::Bitset(loaded.len() - 1);
            }
            decided.push((set, test));
        }
    }
    let rendered = cond.render(&|set| {
        decided
            .iter()
            .find(|(seen, _)| *seen == set)
            .map_or(IdTest::Lookup, |(_, test)| *test)
    });
    let bitsets = !loaded.is_empty();
    sets.replace(loaded);
    Ok(Planned {
        rendered,
        always: cond.is_always(),
        bitsets,
    })
}

/// Whether `id` is in a bitset from `bitset`. Inlined: the in-memory
/// view calls it once per cached article (search.rs).
#[inline]
pub(super) fn has(bits: &[u64], id: i64) -> bool {
    let Ok(id) = u64::try_from(id) else {
        return false;
    };
    usize::try_from(id / 64)
        .ok()
        .and_then(|word| bits.get(word))
        .is_some_and(|w| w & (1 << (id % 64)) != 0)
}

fn more_than(conn: &Connection, set: &IdSet, limit: i64) -> Result<bool> {
    let Some(probe) = set.source.probe_sql() else {
        return Ok(true);
    };
    let n: i64 = conn
        .prepare_cached(&probe)?
        .query_row(params![set.value, limit + 1], |r| r.get(0))?;
    Ok(n > limit)
}

/// The ids the set selects, as bits (see `has`); None if an id is too
/// large for a bitset.
pub(super) fn bitset(conn: &Connection, set: &IdSet) -> Result<Option<Vec<u64>>> {
    let mut bits: Vec<u64> = Vec::new();
    let mut stmt = conn.prepare_cached(&set.source.ids_sql())?;
    let mut rows = stmt.query([&set.value])?;
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

#[cfg(test)]
mod tests {
    //! The plan is chosen from the compiled tree: which id sets become
    //! bitsets, how they render, and when the statement names the
    //! covering index. (That both plans give the same answers is checked
    //! in tests/store/view.rs.)

    use super::*;
    use crate::model::{NewArticle, ParsedFeed, Subscription};
    use crate::query::Query;
    use crate::store::compile::condition;
    use crate::store::{IngestMeta, Store};

    const NOW: i64 = 1_717_200_000;

    /// `LOOKUP_LIMIT + 100` articles titled "common", one in 50 of them
    /// also "rare".
    fn cache() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(&dir.path().join("sift.db")).expect("open");
        let url = "https://feed.example/rss";
        store
            .sync_subscriptions(&[Subscription {
                url: url.into(),
                ..Subscription::default()
            }])
            .expect("subscribe");
        let feed = store.feed_by_url(url).expect("read").expect("feed").id;
        let n = LOOKUP_LIMIT + 100;
        let items = (0..n)
            .map(|i| NewArticle {
                guid: format!("g{i}"),
                title: if i % 50 == 0 {
                    format!("common rare {i}")
                } else {
                    format!("common {i}")
                },
                published: Some(NOW - i * 60),
                enclosures: Vec::new(),
                link: None,
                author: None,
                updated: None,
                summary: None,
                content: None,
            })
            .collect();
        let parsed = ParsedFeed {
            items,
            ..ParsedFeed::default()
        };
        let meta = IngestMeta {
            now: NOW,
            ..IngestMeta::default()
        };
        store.ingest(feed, &parsed, &meta).expect("ingest");
        (dir, store)
    }

    fn planned(store: &Store, text: &str, use_bitsets: bool) -> Planned {
        let query = Query::parse(text, NOW).expect("parse");
        plan(
            &store.conn,
            &store.hits,
            &condition(query.expr()),
            use_bitsets,
        )
        .expect("plan")
    }

    #[test]
    fn a_set_past_the_lookup_limit_becomes_a_bitset_and_a_small_one_a_lookup() {
        let (_dir, store) = cache();
        let common = planned(&store, "common", true);
        assert_eq!(common.rendered.sql, "sift_hit(0, a.id)");
        assert!(common.rendered.params.is_empty());
        assert!(common.bitsets);
        assert_eq!(common.index_hint(), INDEXED_BY_VIEW);

        let rare = planned(&store, "rare", true);
        assert_eq!(
            rare.rendered.sql,
            "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
        );
        assert!(!rare.bitsets);
        assert_eq!(rare.index_hint(), "");

        // A regex is always scanned once into a bitset, even a rare one.
        let regex = planned(&store, "/rare/", true);
        assert_eq!(regex.rendered.sql, "sift_hit(0, a.id)");

        // Negated and mixed: each set decided on its own, in order.
        let mixed = planned(&store, "/rare/ -common is:unread", true);
        assert_eq!(
            mixed.rendered.sql,
            "(NOT (sift_hit(0, a.id)) AND sift_hit(1, a.id) AND a.read = 0)"
        );
    }

    #[test]
    fn the_same_set_twice_is_probed_and_loaded_once() {
        let (_dir, store) = cache();
        let twice = planned(&store, "(common feed:x) or (common author:y)", true);
        assert_eq!(twice.rendered.sql.matches("sift_hit(0, a.id)").count(), 2);
        assert!(!twice.rendered.sql.contains("sift_hit(1"), "{twice:?}");
        assert_eq!(
            store.hits.0.lock().map(|sets| sets.len()).unwrap_or(0),
            1,
            "one bitset loaded"
        );
    }

    #[test]
    fn without_bitsets_every_set_is_a_lookup() {
        let (_dir, store) = cache();
        let plain = planned(&store, "common topic:economy /rare/", false);
        assert!(!plain.bitsets);
        assert!(!plain.rendered.sql.contains("sift_hit"), "{plain:?}");
        assert_eq!(
            plain.rendered,
            condition(
                Query::parse("common topic:economy /rare/", NOW)
                    .expect("parse")
                    .expr()
            )
            .render_plain()
        );
    }
}

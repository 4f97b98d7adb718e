//! The filter bar's queries over the store: a page of summaries, a count,
//! and how much noise a query hides, by kind.
//!
//! compile.rs turns a `Query`'s AST into one condition over `articles a`
//! (values bound, words through the FTS5 index); hits.rs chooses, from
//! that tree, which id sets run as bitsets; statements.rs builds the
//! statements around it. Two of its terms call Rust: `sift_contains`
//! (Unicode case-insensitive substring, for `feed:` and `author:`;
//! SQLite's LIKE and lower() fold ASCII only)
//! and `sift_regexp` (for `/regex/`). They are SQL functions registered on
//! every connection rather than a filter run in Rust after the SQL, so
//! LIMIT/OFFSET paging, counts and the noise counts stay exact and one
//! statement does the whole job. The regex is compiled once per statement
//! (SQLite keeps it as the pattern argument's auxiliary data).

use std::collections::HashMap;

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use rustc_hash::{FxHashMap, FxHashSet};

use super::compile::{self, CONTAINS_FN, Cond, IdSource, REGEXP_FN};
use super::hits::{self, Planned};
use super::reading::{NoiseFilter, SUMMARY_COLUMNS, summary_from_row};
use super::statements::{RANK_SELECT, count_sql, list_sql, view_sql, where_sql};
use super::view_rows::{ViewRow, view_row};
use super::{Result, Store, to_u64};
use crate::model::{ArticleId, ArticleSummary};
use crate::query::{Query, Sort, compile_regex};

/// How a query's matches are paged and whether noise shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueryOptions {
    /// `Hide` (the default) leaves noise items out unless the query says
    /// `is:noise`; `Include` is the interface's "show hidden" toggle;
    /// `Only` lists just the noise.
    pub noise: NoiseFilter,
    /// None: no limit.
    pub limit: Option<u32>,
    pub offset: u32,
    /// Date order only; relevance order is best first.
    pub oldest_first: bool,
}

/// Registers the functions compiled queries call.
pub(super) fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    let user_error =
        |e: rusqlite::types::FromSqlError| rusqlite::Error::UserFunctionError(Box::new(e));
    conn.create_scalar_function(CONTAINS_FN, 2, flags, move |ctx| {
        let haystack = ctx.get_raw(0).as_str_or_null().map_err(user_error)?;
        let needle = ctx.get_raw(1).as_str_or_null().map_err(user_error)?;
        Ok(match (haystack, needle) {
            (Some(h), Some(n)) => h.to_lowercase().contains(n),
            _ => false,
        })
    })?;
    conn.create_scalar_function(REGEXP_FN, 2, flags, move |ctx| {
        let regex = ctx.get_or_create_aux(0, |pattern| {
            let pattern = pattern.as_str().map_err(|e| e.to_string())?;
            compile_regex(pattern)
        })?;
        // Bytes: the text is UTF-8 (the store writes it), so checking it
        // again on every row is wasted (9 % of a scan).
        let text = ctx.get_raw(1).as_bytes_or_null().map_err(user_error)?;
        Ok(text.is_some_and(|t| regex.is_match(t)))
    })?;
    Ok(())
}

/// The view from its rows in order: one id per story (the first of its
/// rows leads, the others listed under it), the unread count, and the
/// noise rows counted by kind instead of shown when `hide`.
fn group_view(rows: Vec<ViewRow>, kinds: &[String], hide: bool) -> QueryView {
    let mut view = QueryView::default();
    let mut counts: Vec<u64> = vec![0; kinds.len()];
    // Only a story some row points at can group rows; every other row
    // stands alone and needs no map entry (most do).
    let told: FxHashSet<ArticleId> = rows.iter().filter_map(|row| row.story).collect();
    // Story id -> the row standing for it.
    let mut shown: FxHashMap<ArticleId, ArticleId> = FxHashMap::default();
    for row in rows {
        let ViewRow {
            id,
            read,
            noise,
            story,
        } = row;
        if hide && noise != 0 {
            if let Some(n) = counts.get_mut(usize::from(noise) - 1) {
                *n += 1;
            }
            continue;
        }
        view.unread += u64::from(!read);
        if story.is_none() && !told.contains(&id) {
            view.ids.push(id);
            continue;
        }
        match shown.get(&story.unwrap_or(id)) {
            Some(lead) => view.stories.entry(*lead).or_default().push(id),
            None => {
                shown.insert(story.unwrap_or(id), id);
                view.ids.push(id);
            }
        }
    }
    let mut noise: Vec<(String, u64)> = kinds
        .iter()
        .cloned()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .collect();
    noise.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    view.noise = noise;
    view
}

/// What the filter bar shows for a query, from one pass over the matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryView {
    /// Every matching article, in view order.
    pub ids: Vec<ArticleId>,
    /// How many of them are unread.
    pub unread: u64,
    /// Noise items the query matches but hides, by kind, most first
    /// (empty unless noise is hidden; see `noise_counts`).
    pub noise: Vec<(String, u64)>,
    /// Stories told by several matching articles: the row that stands
    /// for the story (its first in view order, the one in `ids`) and the
    /// others, in view order. They are not in `ids`.
    pub stories: HashMap<ArticleId, Vec<ArticleId>>,
}

/// How the interface orders a view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ViewOrder {
    #[default]
    Newest,
    Oldest,
    /// Feed by feed (by name), newest first within each.
    Feed,
}

impl Store {
    /// The ids of every article `query` selects, in view order: what the
    /// interface's list pages through (rows are read as they come on
    /// screen, with `summaries`). `sort:relevance` in the query orders by
    /// match quality instead.
    pub fn query_ids(
        &self,
        query: &Query,
        noise: NoiseFilter,
        order: ViewOrder,
    ) -> Result<Vec<ArticleId>> {
        let planned = self.plan(&compile::condition(query.expr()))?;
        let (sql, params) = view_sql(&planned, query, noise, order, "a.id");
        self.collect(&sql, params, |r| r.get(0))
    }

    /// The filter bar's answer: the ids in view order, one per story, the
    /// unread count (of articles) and the hidden noise by kind, all from
    /// one statement over the covering date index (three statements used
    /// to run the full-text match three times).
    pub fn query_view(
        &self,
        query: &Query,
        noise: NoiseFilter,
        order: ViewOrder,
    ) -> Result<QueryView> {
        let hide = noise == NoiseFilter::Hide && !query.mentions_noise();
        // Noise rows are read too, when hidden, to be counted.
        let read_noise = if hide { NoiseFilter::Include } else { noise };
        // Relevance: the matches in date order, then the scored ones moved
        // to the front (a stable sort, so ties and the unscored keep date
        // order). Joining the scores in SQL and sorting every match there
        // took 250 ms for a word in most articles; this is the date view's
        // cost plus the scoring's.
        let scores = match (query.sort(), compile::rank_match(query.expr())) {
            (Sort::Relevance, Some(m)) => Some(self.rank_scores(&m)?),
            _ => None,
        };
        let by_date = Query::new(query.expr().clone(), Sort::Date);
        // Ranked views are not grouped by feed (as `query_ids`).
        let order = match (&scores, order) {
            (Some(_), ViewOrder::Feed) => ViewOrder::Newest,
            _ => order,
        };
        let cond = compile::condition(by_date.expr());
        let (mut rows, kinds) = match self.view_from_memory(&cond, read_noise, order)? {
            Some(found) => found,
            None => self.view_from_sql(&cond, &by_date, read_noise, order)?,
        };
        if let Some(scores) = scores {
            // The scored rows (at most 5,000) sorted, bm25 lower is
            // better, then the rest as they came. Sorting all 80k rows
            // with a score lookup per comparison cost more than the scan.
            let mut ranked: Vec<(f64, ViewRow)> = Vec::with_capacity(scores.len());
            let mut rest: Vec<ViewRow> = Vec::with_capacity(rows.len());
            for row in rows {
                match scores.get(&row.id) {
                    Some(&score) => ranked.push((score, row)),
                    None => rest.push(row),
                }
            }
            ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
            rows = ranked.into_iter().map(|(_, row)| row).chain(rest).collect();
        }
        Ok(group_view(rows, &kinds, hide))
    }

    /// The view's rows from the in-memory date order (view_rows.rs), for
    /// a condition that is one full-text match (all words) or none, by
    /// date; None for any other.
    fn view_from_memory(
        &self,
        cond: &Cond,
        noise: NoiseFilter,
        order: ViewOrder,
    ) -> Result<Option<(Vec<ViewRow>, Vec<String>)>> {
        if !self.bitsets || order == ViewOrder::Feed {
            return Ok(None);
        }
        let matches = match cond {
            Cond::True => None,
            Cond::Ids(set) if set.source == IdSource::FullText => {
                match hits::bitset(&self.conn, set)? {
                    Some(bits) => Some(bits),
                    None => return Ok(None),
                }
            }
            _ => return Ok(None),
        };
        let all = self.view_rows.get(&self.conn)?;
        let keep = |row: &&ViewRow| {
            let noise_ok = match noise {
                NoiseFilter::Include => true,
                NoiseFilter::Hide => row.noise == 0,
                NoiseFilter::Only => row.noise != 0,
            };
            noise_ok
                && matches
                    .as_deref()
                    .is_none_or(|bits| hits::has(bits, row.id))
        };
        let rows: Vec<ViewRow> = if order == ViewOrder::Oldest {
            all.rows.iter().rev().filter(keep).copied().collect()
        } else {
            all.rows.iter().filter(keep).copied().collect()
        };
        Ok(Some((rows, all.kinds.clone())))
    }

    /// The view's rows from one statement over the covering date index.
    fn view_from_sql(
        &self,
        cond: &Cond,
        query: &Query,
        noise: NoiseFilter,
        order: ViewOrder,
    ) -> Result<(Vec<ViewRow>, Vec<String>)> {
        let columns = "a.id, a.read, a.noise_kind, a.story_id";
        let planned = self.plan(cond)?;
        let (sql, params) = view_sql(&planned, query, noise, order, columns);
        let mut kinds: Vec<String> = Vec::new();
        let rows = self.collect(&sql, params, |r| view_row(r, &mut kinds))?;
        Ok((rows, kinds))
    }

    /// bm25 scores of the newest 5,000 matches of an FTS5 expression.
    fn rank_scores(&self, fts_match: &str) -> Result<FxHashMap<ArticleId, f64>> {
        let mut stmt = self.conn.prepare_cached(RANK_SELECT)?;
        let rows = stmt.query_map([fts_match], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The condition planned for one statement: id sets that select much
    /// of the cache become bitset tests, loaded now (hits.rs). Run the
    /// statement with `collect`, which drops the bitsets after.
    fn plan(&self, cond: &Cond) -> Result<Planned> {
        hits::plan(&self.conn, &self.hits, cond, self.bitsets)
    }

    /// Runs a statement built on a `plan` and collects rows.
    fn collect<T>(
        &self,
        sql: &str,
        params: Vec<Value>,
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(params_from_iter(params.iter()), row)?;
            rows.collect::<rusqlite::Result<Vec<T>>>()
        })();
        self.hits.clear();
        Ok(result?)
    }

    /// List rows for these ids (in no particular order; unknown ids are
    /// left out).
    pub fn summaries(&self, ids: &[crate::model::ArticleId]) -> Result<Vec<ArticleSummary>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let sql = format!(
                "SELECT {SUMMARY_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id \
                 WHERE a.id IN ({marks})"
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map(params_from_iter(chunk.iter()), summary_from_row)?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// One page of the articles `query` selects (no bodies): newest first
    /// (or oldest first), or best match first for `sort:relevance`.
    pub fn query_articles(
        &self,
        query: &Query,
        options: &QueryOptions,
    ) -> Result<Vec<ArticleSummary>> {
        let planned = self.plan(&compile::condition(query.expr()))?;
        let (sql, params) = list_sql(&planned, query, options, SUMMARY_COLUMNS);
        self.collect(&sql, params, summary_from_row)
    }

    /// How many articles `query` selects, ignoring paging.
    pub fn count_query(&self, query: &Query, noise: NoiseFilter) -> Result<u64> {
        let planned = self.plan(&compile::condition(query.expr()))?;
        let (sql, params) = count_sql(&planned, query, noise, "count(*)");
        let n: Vec<i64> = self.collect(&sql, params, |r| r.get(0))?;
        Ok(to_u64(n.first().copied().unwrap_or(0)))
    }

    /// The noise items `query` would match but hides by default, counted
    /// by kind, most first ("promo 12 hidden · related 4 hidden"). Empty
    /// when the query says `is:noise` itself: then nothing is hidden.
    pub fn noise_counts(&self, query: &Query) -> Result<Vec<(String, u64)>> {
        if query.mentions_noise() {
            return Ok(Vec::new());
        }
        let planned = self.plan(&compile::condition(query.expr()))?;
        let mut params = Vec::new();
        let where_sql = where_sql(&planned, query, NoiseFilter::Only, &mut params);
        let hint = planned.index_hint();
        let sql = format!(
            "SELECT a.noise_kind, count(*) FROM articles a{hint}{where_sql} \
             GROUP BY a.noise_kind ORDER BY count(*) DESC, a.noise_kind"
        );
        self.collect(&sql, params, |r| {
            Ok((r.get::<_, String>(0)?, to_u64(r.get(1)?)))
        })
    }

    /// `EXPLAIN QUERY PLAN` details for `query_articles` (or `count_query`
    /// with `options.noise`), for plan checks: the statement as it runs,
    /// full-text conditions rewritten as bitset tests where they would be.
    pub fn explain_query(
        &self,
        query: &Query,
        options: &QueryOptions,
        count: bool,
    ) -> Result<Vec<String>> {
        let planned = self.plan(&compile::condition(query.expr()))?;
        let (sql, params) = if count {
            count_sql(&planned, query, options.noise, "count(*)")
        } else {
            list_sql(&planned, query, options, SUMMARY_COLUMNS)
        };
        let plan = self.explain(&sql, params_from_iter(params.iter()));
        self.hits.clear();
        plan
    }
}

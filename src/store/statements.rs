//! The statements a query runs as: a page of rows, the view's ids in
//! order, a count. Each is built on a planned condition (hits.rs), so it
//! names the covering date index exactly when the condition tests bitsets.

use rusqlite::types::Value;

use super::compile;
use super::hits::Planned;
use super::reading::NoiseFilter;
use super::search::{QueryOptions, ViewOrder};
use crate::query::{Query, Sort};

/// ` WHERE …` for the query's planned condition and the noise choice
/// (empty when nothing is filtered); its parameters are appended to
/// `params`.
pub(super) fn where_sql(
    planned: &Planned,
    query: &Query,
    noise: NoiseFilter,
    params: &mut Vec<Value>,
) -> String {
    let mut terms = Vec::new();
    if !planned.always {
        terms.push(planned.rendered.sql.clone());
        params.extend(planned.rendered.params.iter().cloned());
    }
    match noise {
        // A literal, so the partial unread indexes stay usable.
        NoiseFilter::Hide if !query.mentions_noise() => terms.push("a.noise_kind IS NULL".into()),
        NoiseFilter::Only => terms.push("a.noise_kind IS NOT NULL".into()),
        NoiseFilter::Hide | NoiseFilter::Include => {}
    }
    if terms.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", terms.join(" AND "))
    }
}

/// The scores of the newest 5,000 matches of an FTS5 expression.
macro_rules! rank_select {
    () => {
        "SELECT rowid, bm25(articles_fts, 10.0, 3.0, 1.0) FROM articles_fts \
         WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 5000"
    };
}
pub(super) const RANK_SELECT: &str = rank_select!();
const RANK_CTE: &str = concat!("WITH r(id, score) AS MATERIALIZED (", rank_select!(), ") ");
const RANK_JOIN: &str = " LEFT JOIN r ON r.id = a.id";
const RANK_ORDER: &str = "r.score IS NULL, r.score, ";

/// `columns` (of `articles a` and `feeds f`) of one page of the
/// articles `query` selects, in list order.
pub(super) fn list_sql(
    planned: &Planned,
    query: &Query,
    options: &QueryOptions,
    columns: &str,
) -> (String, Vec<Value>) {
    let mut params = Vec::new();
    let rank = match query.sort() {
        Sort::Relevance => compile::rank_match(query.expr()),
        Sort::Date => None,
    };
    // Relevance: the scores are computed once (MATERIALIZED: as a plain
    // join, FTS5 re-ran the whole MATCH for every candidate row, 80x
    // slower); rows matched by non-text terms of an `or` still show,
    // after the ranked ones. bm25 is lower-is-better; the weights are
    // search_ids': a title hit counts most. Only the 5,000 most recently
    // stored matches are scored (FTS5 walks its rowids backwards for
    // free): scoring all 80k matches of a word in most articles took
    // ~170 ms, and such a word ranks nothing anyway. Matches past them
    // still show, after the ranked ones, newest first.
    let rank_cte = match rank {
        Some(m) => {
            params.push(Value::Text(m));
            RANK_CTE
        }
        None => "",
    };
    let mut where_params = Vec::new();
    let where_sql = where_sql(planned, query, options.noise, &mut where_params);
    let hint = planned.index_hint();
    let dir = if options.oldest_first { "ASC" } else { "DESC" };
    let limit = Value::Integer(options.limit.map_or(-1, i64::from));
    let offset = Value::Integer(i64::from(options.offset));
    if rank_cte.is_empty() {
        params.extend(where_params);
        params.extend([limit, offset]);
        let sql = format!(
            "SELECT {columns} FROM articles a{hint} JOIN feeds f ON f.id = a.feed_id\
             {where_sql} ORDER BY a.sort_date {dir}, a.id {dir} LIMIT ? OFFSET ?"
        );
        return (sql, params);
    }
    // Ranked: the page is chosen over ids, scores and dates only, and only
    // its rows are read. The scored matches (at most 5,000) are looked up
    // and sorted; the others are walked in date order, and the merge stops
    // at the page's end. Sorting every match of a word in most articles
    // by score cost 57 ms (BENCHMARKS.md, "Search").
    let unranked_where = if where_sql.is_empty() {
        " WHERE a.id NOT IN (SELECT id FROM r)".to_string()
    } else {
        format!("{where_sql} AND a.id NOT IN (SELECT id FROM r)")
    };
    // The date walk needs no more rows than the page's end.
    let walk = match options.limit {
        Some(limit) => i64::from(options.offset) + i64::from(limit),
        None => -1,
    };
    params.extend(where_params.iter().cloned());
    params.extend(where_params);
    params.extend([Value::Integer(walk), limit, offset]);
    let sql = format!(
        "{rank_cte}SELECT {columns} FROM (\
         SELECT 0 AS unranked, r.score AS score, a.sort_date AS sort_date, a.id AS id \
         FROM r JOIN articles a ON a.id = r.id{where_sql} \
         UNION ALL \
         SELECT * FROM (SELECT 1, NULL, a.sort_date, a.id FROM articles a{hint}{unranked_where} \
         ORDER BY a.sort_date {dir}, a.id {dir} LIMIT ?) \
         ORDER BY unranked, score, sort_date {dir}, id {dir} LIMIT ? OFFSET ?) p \
         JOIN articles a ON a.id = p.id JOIN feeds f ON f.id = a.feed_id \
         ORDER BY p.unranked, p.score, p.sort_date {dir}, p.id {dir}"
    );
    (sql, params)
}

/// `columns` of every article `query` selects, in view order, from one
/// statement that reads no more than the covering date index needs.
pub(super) fn view_sql(
    planned: &Planned,
    query: &Query,
    noise: NoiseFilter,
    order: ViewOrder,
    columns: &str,
) -> (String, Vec<Value>) {
    let mut params = Vec::new();
    let (rank_cte, rank_join, rank_order) = match query.sort() {
        Sort::Relevance => match compile::rank_match(query.expr()) {
            Some(m) => {
                params.push(Value::Text(m));
                (RANK_CTE, RANK_JOIN, RANK_ORDER)
            }
            None => ("", "", ""),
        },
        Sort::Date => ("", "", ""),
    };
    let where_sql = where_sql(planned, query, noise, &mut params);
    let hint = planned.index_hint();
    let dir = if order == ViewOrder::Oldest {
        "ASC"
    } else {
        "DESC"
    };
    let (feed_join, feed_order) = if order == ViewOrder::Feed && rank_cte.is_empty() {
        (
            " JOIN feeds f ON f.id = a.feed_id",
            "COALESCE(f.user_title, f.feed_title, f.url) COLLATE NOCASE, f.id, ",
        )
    } else {
        ("", "")
    };
    let sql = format!(
        "{rank_cte}SELECT {columns} FROM articles a{hint}{feed_join}{rank_join}{where_sql} \
         ORDER BY {feed_order}{rank_order}a.sort_date {dir}, a.id {dir}"
    );
    (sql, params)
}

/// `what` (an aggregate, `count(*)`) over the articles `query` selects.
pub(super) fn count_sql(
    planned: &Planned,
    query: &Query,
    noise: NoiseFilter,
    what: &str,
) -> (String, Vec<Value>) {
    let mut params = Vec::new();
    let where_sql = where_sql(planned, query, noise, &mut params);
    let hint = planned.index_hint();
    (
        format!("SELECT {what} FROM articles a{hint}{where_sql}"),
        params,
    )
}

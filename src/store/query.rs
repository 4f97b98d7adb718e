//! Reading articles: filtered pages of summaries, counts, one whole article.
//!
//! The SQL is built from a fixed set of fragments (values are always bound),
//! so the statement cache holds one entry per filter shape. `read = 0` and
//! `noise_kind IS NULL` are written as literals so that the planner can use
//! the partial unread indexes.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params_from_iter};

use super::{Result, Store, to_u64};
use crate::model::{Article, ArticleId, ArticleSummary, Enclosure, FeedId, Timestamp};

/// Which articles the cleaner judged to be noise are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NoiseFilter {
    /// Only articles not judged noise (the default view).
    #[default]
    Hide,
    /// Everything.
    Include,
    /// Only the hidden ones (to review what the cleaner did).
    Only,
}

/// What a list or count selects. The default is every non-noise article,
/// newest first, unpaged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    pub unread_only: bool,
    pub starred_only: bool,
    pub feed_id: Option<FeedId>,
    /// A feed tag or an article tag (case-insensitive).
    pub tag: Option<String>,
    /// Only articles dated at or after this time.
    pub since: Option<Timestamp>,
    pub noise: NoiseFilter,
    /// None: no limit.
    pub limit: Option<u32>,
    pub offset: u32,
    pub oldest_first: bool,
}

pub(super) const SUMMARY_COLUMNS: &str = "a.id, a.feed_id, COALESCE(f.user_title, f.feed_title, f.url), \
     a.title, a.link, a.sort_date, a.read, a.starred, a.noise_kind, a.noise_rule, a.title_derived";

pub(super) fn where_clause(filter: &ArticleFilter) -> (String, Vec<Value>) {
    let mut terms: Vec<&str> = Vec::new();
    let mut params = Vec::new();
    if filter.unread_only {
        terms.push("a.read = 0");
    }
    if filter.starred_only {
        terms.push("a.starred = 1");
    }
    if let Some(feed) = filter.feed_id {
        terms.push("a.feed_id = ?");
        params.push(Value::Integer(feed));
    }
    if let Some(tag) = &filter.tag {
        terms.push(
            "(a.feed_id IN (SELECT feed_id FROM feed_tags WHERE tag = ?) \
             OR a.id IN (SELECT article_id FROM article_tags WHERE tag = ?))",
        );
        params.push(Value::Text(tag.clone()));
        params.push(Value::Text(tag.clone()));
    }
    if let Some(since) = filter.since {
        terms.push("a.sort_date >= ?");
        params.push(Value::Integer(since));
    }
    match filter.noise {
        NoiseFilter::Hide => terms.push("a.noise_kind IS NULL"),
        NoiseFilter::Include => {}
        NoiseFilter::Only => terms.push("a.noise_kind IS NOT NULL"),
    }
    if terms.is_empty() {
        (String::new(), params)
    } else {
        (format!(" WHERE {}", terms.join(" AND ")), params)
    }
}

pub(super) fn list_sql(filter: &ArticleFilter) -> (String, Vec<Value>) {
    let (where_sql, mut params) = where_clause(filter);
    let dir = if filter.oldest_first { "ASC" } else { "DESC" };
    params.push(Value::Integer(filter.limit.map_or(-1, i64::from)));
    params.push(Value::Integer(i64::from(filter.offset)));
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id{where_sql} \
         ORDER BY a.sort_date {dir}, a.id {dir} LIMIT ? OFFSET ?"
    );
    (sql, params)
}

pub(super) fn count_sql(filter: &ArticleFilter) -> (String, Vec<Value>) {
    let (where_sql, params) = where_clause(filter);
    (
        format!("SELECT count(*) FROM articles a{where_sql}"),
        params,
    )
}

impl Store {
    /// One page of article summaries (no bodies), newest first by date then
    /// id, or oldest first.
    pub fn list_articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>> {
        let (sql, params) = list_sql(filter);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params.iter()), summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many articles the filter selects, ignoring limit and offset.
    pub fn count_articles(&self, filter: &ArticleFilter) -> Result<u64> {
        let (sql, params) = count_sql(filter);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let n: i64 = stmt.query_row(params_from_iter(params.iter()), |r| r.get(0))?;
        Ok(to_u64(n))
    }

    /// A whole article with bodies, user state and tags.
    pub fn article(&self, id: ArticleId) -> Result<Option<Article>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.feed_id, COALESCE(f.user_title, f.feed_title, f.url), a.guid, a.link,
                    a.title, a.author, a.published, a.updated, a.first_seen, a.sort_date,
                    a.summary, a.content, a.read, a.starred, a.noise_kind, a.noise_rule,
                    (SELECT group_concat(tag, char(31)) FROM article_tags WHERE article_id = a.id),
                    a.full_html, a.full_error
             FROM articles a JOIN feeds f ON f.id = a.feed_id
             WHERE a.id = ?1",
        )?;
        let Some(mut article) = stmt.query_row([id], article_from_row).optional()? else {
            return Ok(None);
        };
        article.enclosures = self.enclosures(id)?;
        Ok(Some(article))
    }

    /// An article's enclosures, in the feed's order.
    pub fn enclosures(&self, id: ArticleId) -> Result<Vec<Enclosure>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT url, mime_type, length, duration, title, thumbnail FROM enclosures
             WHERE article_id = ?1 ORDER BY position",
        )?;
        let size = |n: Option<i64>| n.and_then(|n| u64::try_from(n).ok());
        let rows = stmt.query_map([id], |r| {
            Ok(Enclosure {
                url: r.get(0)?,
                mime_type: r.get(1)?,
                length: size(r.get(2)?),
                duration: size(r.get(3)?),
                title: r.get(4)?,
                thumbnail: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(super) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: row.get(0)?,
        feed_id: row.get(1)?,
        feed_title: row.get(2)?,
        title: row.get(3)?,
        link: row.get(4)?,
        date: row.get(5)?,
        read: row.get(6)?,
        starred: row.get(7)?,
        noise_kind: row.get(8)?,
        noise_rule: row.get(9)?,
        title_derived: row.get(10)?,
    })
}

fn article_from_row(row: &Row<'_>) -> rusqlite::Result<Article> {
    let tags: Option<String> = row.get(17)?;
    Ok(Article {
        enclosures: Vec::new(),
        id: row.get(0)?,
        feed_id: row.get(1)?,
        feed_title: row.get(2)?,
        guid: row.get(3)?,
        link: row.get(4)?,
        title: row.get(5)?,
        author: row.get(6)?,
        published: row.get(7)?,
        updated: row.get(8)?,
        first_seen: row.get(9)?,
        date: row.get(10)?,
        summary: row.get(11)?,
        content: row.get(12)?,
        read: row.get(13)?,
        starred: row.get(14)?,
        noise_kind: row.get(15)?,
        noise_rule: row.get(16)?,
        tags: tags
            .map(|t| t.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        full_html: row.get(18)?,
        full_error: row.get(19)?,
    })
}

//! Reading articles: one whole article, the list row's columns, and the
//! noise choice every list makes. Which articles a list selects is a
//! query (`crate::query`, compiled in compile.rs, run in search.rs).

use rusqlite::{OptionalExtension, Row};

use super::{Result, Store};
use crate::model::{Article, ArticleId, ArticleSummary, Enclosure};

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

pub(super) const SUMMARY_COLUMNS: &str = "a.id, a.feed_id, COALESCE(f.user_title, f.feed_title, f.url), \
     a.title, a.link, a.sort_date, a.read, a.starred, a.noise_kind, a.noise_rule, a.title_derived";

impl Store {
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
        content: super::packed::body(row, 12)?,
        read: row.get(13)?,
        starred: row.get(14)?,
        noise_kind: row.get(15)?,
        noise_rule: row.get(16)?,
        tags: tags
            .map(|t| t.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        full_html: super::packed::body(row, 18)?,
        full_error: row.get(19)?,
    })
}

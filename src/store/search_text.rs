//! The full-text index: what goes into it (plain text, not HTML) and the
//! search that proves it works. Also `article_plain`, the title and the
//! summary's text as a reader sees it, which `/regex/` scans: a narrow
//! table of plain text instead of every wide article row and its HTML.

use rusqlite::{Connection, params};

use super::{Result, Store, StoreError};
use crate::model::{ArticleId, NewArticle};
use crate::text::html_to_plain;

/// One article's words, ready for the index.
#[derive(Debug)]
pub(super) struct IndexEntry {
    id: ArticleId,
    /// The article was indexed before: remove its old words first.
    replace: bool,
    title: String,
    summary: Option<String>,
    /// The feed's content and the page's full text, in the `content`
    /// column (searched as the body).
    content: Option<String>,
}

/// An item's summary and content as text (markup gone, entities
/// decoded). Made once at ingest for the index, and handed on to what
/// else reads the text then (topics, the full-text decision): converting
/// each body three times was 12 % of a cold poll's CPU.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemText {
    pub summary: Option<String>,
    pub content: Option<String>,
}

impl IndexEntry {
    /// `full` is the article's stored full text, if any: an update of the
    /// item must not drop its words from the index. Also returns the
    /// item's own text.
    pub(super) fn for_item(
        id: ArticleId,
        replace: bool,
        item: &NewArticle,
        full: Option<&str>,
    ) -> (IndexEntry, ItemText) {
        let text = ItemText {
            summary: item.summary.as_deref().map(html_to_plain),
            content: item.content.as_deref().map(html_to_plain),
        };
        let content = match (&text.content, full) {
            (Some(content), Some(full)) => Some(format!("{content}\n{}", html_to_plain(full))),
            (Some(content), None) => Some(content.clone()),
            (None, full) => full.map(html_to_plain),
        };
        let entry = IndexEntry {
            id,
            replace,
            title: item.title.clone(),
            summary: text.summary.clone(),
            content,
        };
        (entry, text)
    }

    pub(super) fn new(
        id: ArticleId,
        replace: bool,
        title: &str,
        summary: Option<&str>,
        content: Option<&str>,
        full: Option<&str>,
    ) -> IndexEntry {
        let content = match (content, full) {
            (Some(content), Some(full)) => Some(format!(
                "{}\n{}",
                html_to_plain(content),
                html_to_plain(full)
            )),
            (one, other) => one.or(other).map(html_to_plain),
        };
        IndexEntry {
            id,
            replace,
            title: title.to_owned(),
            summary: summary.map(html_to_plain),
            content,
        }
    }

    /// Writes the entry: the index and `article_plain`. Deletions of whole
    /// articles are done by the `articles_fts_delete` and
    /// `article_plain_delete` triggers.
    pub(super) fn write(&self, conn: &Connection) -> Result<()> {
        self.write_index(conn)?;
        conn.prepare_cached(
            "INSERT OR REPLACE INTO article_plain (article_id, text) VALUES (?1, ?2)",
        )?
        .execute(params![
            self.id,
            regex_text(&self.title, self.summary.as_deref())
        ])?;
        Ok(())
    }

    /// Writes the full-text index entry only.
    fn write_index(&self, conn: &Connection) -> Result<()> {
        if self.replace {
            conn.prepare_cached("DELETE FROM articles_fts WHERE rowid = ?1")?
                .execute([self.id])?;
        }
        conn.prepare_cached(
            "INSERT INTO articles_fts (rowid, title, summary, content) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![self.id, self.title, self.summary, self.content])?;
        Ok(())
    }
}

/// What `/regex/` reads of an article: the title and the summary's plain
/// text, one line each (neither holds a newline: both are single lines).
pub(super) fn regex_text(title: &str, summary: Option<&str>) -> String {
    match summary {
        Some(summary) => format!("{title}\n{summary}"),
        None => title.to_owned(),
    }
}

/// Writes (or replaces) the full-text index entry of one article (the v2
/// backfill: `article_plain` comes with v7).
pub(super) fn index_article(
    conn: &Connection,
    id: ArticleId,
    title: &str,
    summary: Option<&str>,
    content: Option<&str>,
    full: Option<&str>,
) -> Result<()> {
    IndexEntry::new(id, true, title, summary, content, full).write_index(conn)
}

impl Store {
    /// Article ids matching an FTS5 query (`treaty AND geneva`,
    /// `title:iran`, `"exact phrase"`, `sanc*`), best match first (bm25, a
    /// title hit weighing most).
    pub fn search_ids(&self, fts_query: &str, limit: u32) -> Result<Vec<ArticleId>> {
        let bad = |e: rusqlite::Error| StoreError::BadSearch {
            query: fts_query.to_string(),
            message: e.to_string(),
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1
             ORDER BY bm25(articles_fts, 10.0, 3.0, 1.0) LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![fts_query, limit], |r| r.get(0))
            .map_err(bad)?;
        rows.collect::<rusqlite::Result<Vec<ArticleId>>>()
            .map_err(bad)
    }
}

//! The full-text index: what goes into it (plain text, not HTML) and the
//! search that proves it works. Also `article_plain`, the title and the
//! summary's text as a reader sees it, which `/regex/` scans: a narrow
//! table of plain text instead of every wide article row and its HTML.

use rusqlite::{Connection, params};

use super::{Result, Store, StoreError};
use crate::ingest::IndexText;
use crate::model::ArticleId;
use crate::text::html_to_plain;

/// One article's words, ready for the index.
#[derive(Debug)]
pub(super) struct IndexEntry {
    id: ArticleId,
    /// The article was indexed before: remove its old words first.
    replace: bool,
    title: String,
    /// The summary (one line) and the body (searched as `content`).
    text: IndexText,
}

impl IndexEntry {
    /// An entry from the ingest plan's text (cleaned: what a reader sees).
    pub(super) fn new(id: ArticleId, replace: bool, title: &str, text: IndexText) -> IndexEntry {
        IndexEntry {
            id,
            replace,
            title: title.to_owned(),
            text,
        }
    }

    /// An entry without a plan (`Store::ingest` for tests and tools, the
    /// v2 backfill): every word of the fields, as plain text.
    pub(super) fn plain(
        id: ArticleId,
        replace: bool,
        title: &str,
        summary: Option<&str>,
        content: Option<&str>,
        full: Option<&str>,
    ) -> IndexEntry {
        let body = match (content, full) {
            (Some(content), Some(full)) => Some(format!(
                "{}\n{}",
                html_to_plain(content),
                html_to_plain(full)
            )),
            (one, other) => one.or(other).map(html_to_plain),
        };
        let text = IndexText {
            summary: summary.map(html_to_plain),
            body,
        };
        IndexEntry::new(id, replace, title, text)
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
            regex_text(&self.title, self.text.summary.as_deref())
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
        .execute(params![
            self.id,
            self.title,
            self.text.summary,
            self.text.body
        ])?;
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
    IndexEntry::plain(id, true, title, summary, content, full).write_index(conn)
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

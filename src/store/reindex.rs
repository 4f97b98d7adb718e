//! The search index made again: when the noise rules change, the cleaned
//! text of every article changes with them. What a re-index reads of each
//! article, the write, and the fingerprint of the rules the index was
//! made with.

use rusqlite::{Connection, OptionalExtension, params};

use super::search_text::IndexEntry;
use super::{Result, Store};
use crate::clean::RuleSet;
use crate::ingest::IndexText;
use crate::model::ArticleId;

/// The `cache_meta` key of the fingerprint of the rules the index's text
/// was cleaned with.
const INDEX_FINGERPRINT: &str = "index_fingerprint";

/// What the index is made from: an article's stored fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexSource {
    pub id: ArticleId,
    pub title: String,
    pub link: Option<String>,
    pub summary: Option<String>,
    pub content: Option<String>,
    pub full_html: Option<String>,
}

impl IndexSource {
    /// Its index text, cleaned with `rules`.
    pub fn index_text(&self, rules: &RuleSet) -> IndexText {
        crate::ingest::index_text(
            self.summary.as_deref(),
            self.content.as_deref(),
            self.full_html.as_deref(),
            self.link.as_deref(),
            rules,
        )
    }
}

impl Store {
    /// Up to `limit` articles with ids above `after`, in id order.
    pub fn index_sources(&self, after: ArticleId, limit: usize) -> Result<Vec<IndexSource>> {
        index_sources(&self.conn, after, limit)
    }

    /// Replaces the index entry of article `id` (its title as stored).
    pub fn reindex(&mut self, id: ArticleId, title: &str, text: IndexText) -> Result<()> {
        let tx = self.write_scope()?;
        IndexEntry::new(id, true, title, text).write(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// The fingerprint of the rules the index was cleaned with (None for a
    /// cache whose index was never cleaned).
    pub fn index_fingerprint(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM cache_meta WHERE key = ?1")?
            .query_row([INDEX_FINGERPRINT], |r| r.get(0))
            .optional()?)
    }

    pub fn set_index_fingerprint(&mut self, fingerprint: &str) -> Result<()> {
        let tx = self.write_scope()?;
        set_index_fingerprint(&tx, fingerprint)?;
        tx.commit()?;
        Ok(())
    }
}

fn index_sources(conn: &Connection, after: ArticleId, limit: usize) -> Result<Vec<IndexSource>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, link, summary, content, full_html
           FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
    )?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = stmt.query_map(params![after, limit], |r| {
        Ok(IndexSource {
            id: r.get(0)?,
            title: r.get(1)?,
            link: r.get(2)?,
            summary: r.get(3)?,
            content: super::packed::body(r, 4)?,
            full_html: super::packed::body(r, 5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn set_index_fingerprint(conn: &Connection, fingerprint: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO cache_meta (key, value) VALUES (?1, ?2)")?
        .execute(params![INDEX_FINGERPRINT, fingerprint])?;
    Ok(())
}

/// Articles read at a time (a full text can be 1 MiB).
const PAGE: usize = 200;

/// Cleans every article's text again with `rules` and writes the index,
/// then the rules' fingerprint, all on `conn` (a migration's transaction).
/// Returns how many articles were indexed.
pub(super) fn reindex_all(conn: &Connection, rules: &RuleSet) -> Result<usize> {
    rules.prepare_for_many();
    let mut after = 0;
    let mut count = 0;
    loop {
        let page = index_sources(conn, after, PAGE)?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        for source in &page {
            IndexEntry::new(source.id, true, &source.title, source.index_text(rules))
                .write(conn)?;
            count += 1;
        }
    }
    set_index_fingerprint(conn, &rules.text_fingerprint())?;
    Ok(count)
}

//! Full text: the main content of an article's page, fetched once by the
//! poller. Articles that want it form a queue (a small partial index); each
//! fetch ends in the text, or in a failure with its reason, retried a few
//! times when it may pass. Nothing here touches an article's feed fields.

use rusqlite::{OptionalExtension, params};

use super::articles::index_or_defer;
use super::search_text::IndexEntry;
use super::{Result, Store};
use crate::ingest::IndexText;
use crate::model::{ArticleId, FeedId, Timestamp};
use crate::text::is_web_link;

/// A page is tried at most this many times in all (transient failures);
/// then the article gives up.
pub const MAX_FULL_TEXT_ATTEMPTS: u32 = 3;

/// Stored full text is cut to this many bytes.
pub const MAX_FULL_HTML_BYTES: usize = 1024 * 1024;

/// Where an article's full text stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FullTextStatus {
    /// Queued: to fetch on the next poll.
    Wanted,
    /// Fetched and stored.
    Ok,
    /// The last attempt failed in a way that may pass; queued again.
    Failed,
    /// A permanent failure, or too many transient ones; never retried.
    GaveUp,
}

impl FullTextStatus {
    /// The value of the `full_status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            FullTextStatus::Wanted => "wanted",
            FullTextStatus::Ok => "ok",
            FullTextStatus::Failed => "failed",
            FullTextStatus::GaveUp => "gave-up",
        }
    }

    fn from_column(text: &str) -> Option<FullTextStatus> {
        Some(match text {
            "wanted" => FullTextStatus::Wanted,
            "ok" => FullTextStatus::Ok,
            "failed" => FullTextStatus::Failed,
            "gave-up" => FullTextStatus::GaveUp,
            _ => return None,
        })
    }
}

/// Whether a failure may pass if tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// 4xx (but 408 and 429), not a web page, no article in it, too large.
    Permanent,
    /// Timeouts, connection errors, 5xx, 408, 429.
    Transient,
}

/// One page to fetch, from the queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullTextJob {
    pub article_id: ArticleId,
    pub feed_id: FeedId,
    /// The article's link (http or https).
    pub link: String,
    /// Attempts made so far.
    pub attempts: u32,
    /// The article's summary as stored (the index keeps its cleaned text
    /// beside the page's).
    pub summary: Option<String>,
}

/// An article's full-text bookkeeping (`Article` carries the text itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullTextState {
    /// None: not wanted (its feed says never, or its content is long enough).
    pub status: Option<FullTextStatus>,
    pub attempts: u32,
    /// Why the last attempt failed.
    pub error: Option<String>,
    /// When the last attempt was made.
    pub attempted_at: Option<Timestamp>,
}

/// Statuses a fetch may still change (anything but `ok` and `gave-up`).
const OPEN: &str = "(full_status IS NULL OR full_status IN ('wanted', 'failed'))";

const QUEUE_SQL: &str = "SELECT id, feed_id, link, full_attempts, summary FROM articles
     WHERE full_status IN ('wanted', 'failed')
     ORDER BY sort_date DESC, id DESC";

impl Store {
    /// Queues (`wanted = true`) or unqueues the full text of `ids`. Only
    /// articles never tried change: one fetched, failed or given up stays
    /// as it is. Returns how many changed.
    pub fn want_full_text(&mut self, ids: &[ArticleId], wanted: bool) -> Result<usize> {
        if ids.is_empty() {
            return Ok(0);
        }
        let tx = self.write_scope()?;
        let mut changed = 0;
        {
            let sql = if wanted {
                "UPDATE articles SET full_status = 'wanted' WHERE id = ?1 AND full_status IS NULL"
            } else {
                "UPDATE articles SET full_status = NULL WHERE id = ?1 AND full_status = 'wanted'"
            };
            let mut update = tx.prepare_cached(sql)?;
            for &id in ids {
                changed += update.execute([id])?;
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Up to `limit` pages to fetch, newest articles first, from the feeds
    /// in `feeds` only: queued ones and transient failures to retry.
    /// Articles whose link is not http(s) are left out.
    pub fn full_text_queue(&self, feeds: &[FeedId], limit: usize) -> Result<Vec<FullTextJob>> {
        let mut out = Vec::new();
        if limit == 0 || feeds.is_empty() {
            return Ok(out);
        }
        let mut stmt = self.conn.prepare_cached(QUEUE_SQL)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let feed_id: FeedId = row.get(1)?;
            let link: Option<String> = row.get(2)?;
            let Some(link) = link.filter(|l| is_web_link(l)) else {
                continue;
            };
            if !feeds.contains(&feed_id) {
                continue;
            }
            out.push(FullTextJob {
                article_id: row.get(0)?,
                feed_id,
                link,
                attempts: u32::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
                summary: row.get(4)?,
            });
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// Stores the full text of article `id` (cut to `MAX_FULL_HTML_BYTES`)
    /// and indexes its words for search, every word as plain text (tools
    /// and tests; the poll gives the cleaned text with
    /// `save_cleaned_full_text`). Counts as an attempt made at `now`.
    /// Returns false, changing nothing, when the article is gone or its
    /// full text was already settled (stored or given up).
    pub fn save_full_text(&mut self, id: ArticleId, html: &str, now: Timestamp) -> Result<bool> {
        self.store_full_text(id, html, None, now)
    }

    /// `save_full_text` with the index's text made by the ingest layer:
    /// the kept blocks of the page and of the summary.
    pub fn save_cleaned_full_text(
        &mut self,
        id: ArticleId,
        html: &str,
        text: IndexText,
        now: Timestamp,
    ) -> Result<bool> {
        self.store_full_text(id, html, Some(text), now)
    }

    fn store_full_text(
        &mut self,
        id: ArticleId,
        html: &str,
        text: Option<IndexText>,
        now: Timestamp,
    ) -> Result<bool> {
        let html = cap_html(html, MAX_FULL_HTML_BYTES);
        let defer_index = !self.conn.is_autocommit();
        let mut deferred = Vec::new();
        let tx = self.write_scope()?;
        let changed = tx
            .prepare_cached(&format!(
                "UPDATE articles SET full_html = ?2, full_status = 'ok', full_error = NULL,
                        full_attempts = full_attempts + 1, full_fetched_at = ?3
                 WHERE id = ?1 AND {OPEN}"
            ))?
            .execute(params![id, super::packed::Packed(Some(html)), now])?;
        if changed == 0 {
            return Ok(false);
        }
        let (title, summary, content): (String, Option<String>, Option<String>) = tx
            .prepare_cached("SELECT title, summary, content FROM articles WHERE id = ?1")?
            .query_row([id], |r| {
                Ok((r.get(0)?, r.get(1)?, super::packed::body(r, 2)?))
            })?;
        let entry = match text {
            Some(text) => IndexEntry::new(id, true, &title, text),
            None => IndexEntry::plain(
                id,
                true,
                &title,
                summary.as_deref(),
                content.as_deref(),
                Some(html),
            ),
        };
        index_or_defer(&tx, entry, defer_index.then_some(&mut deferred))?;
        tx.commit()?;
        self.pending_index.extend(deferred);
        Ok(true)
    }

    /// Records a failed attempt at `now` and why. A permanent failure, or
    /// the `MAX_FULL_TEXT_ATTEMPTS`-th attempt, gives up; a transient one
    /// stays queued. Returns the new status, or None (nothing changed) when
    /// the article is gone or already settled.
    pub fn record_full_text_failure(
        &mut self,
        id: ArticleId,
        error: &str,
        kind: FailureKind,
        now: Timestamp,
    ) -> Result<Option<FullTextStatus>> {
        let tx = self.write_scope()?;
        let status: Option<String> = tx
            .prepare_cached(&format!(
                "UPDATE articles SET
                        full_status = CASE WHEN ?3 OR full_attempts + 1 >= ?4
                                           THEN 'gave-up' ELSE 'failed' END,
                        full_error = ?2, full_attempts = full_attempts + 1,
                        full_fetched_at = ?5
                 WHERE id = ?1 AND {OPEN}
                 RETURNING full_status"
            ))?
            .query_row(
                params![
                    id,
                    crate::text::sanitize_line(error),
                    kind == FailureKind::Permanent,
                    MAX_FULL_TEXT_ATTEMPTS,
                    now
                ],
                |r| r.get(0),
            )
            .optional()?;
        tx.commit()?;
        Ok(status.as_deref().and_then(FullTextStatus::from_column))
    }

    /// The full-text bookkeeping of article `id`; None when there is no
    /// such article.
    pub fn full_text_state(&self, id: ArticleId) -> Result<Option<FullTextState>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT full_status, full_attempts, full_error, full_fetched_at
             FROM articles WHERE id = ?1",
        )?;
        let state = stmt
            .query_row([id], |r| {
                let status: Option<String> = r.get(0)?;
                Ok(FullTextState {
                    status: status.as_deref().and_then(FullTextStatus::from_column),
                    attempts: u32::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                    error: r.get(2)?,
                    attempted_at: r.get(3)?,
                })
            })
            .optional()?;
        Ok(state)
    }

    /// `EXPLAIN QUERY PLAN` details for the query behind `full_text_queue`.
    pub fn explain_full_text_queue(&self) -> Result<Vec<String>> {
        self.explain(QUEUE_SQL, [])
    }
}

/// `html` cut to at most `max` bytes, on a character boundary and, when
/// a tag was cut in two, before that tag.
fn cap_html(html: &str, max: usize) -> &str {
    if html.len() <= max {
        return html;
    }
    let kept = &html[..html.floor_char_boundary(max)];
    match (kept.rfind('<'), kept.rfind('>')) {
        (Some(open), Some(close)) if open > close => &kept[..open],
        (Some(open), None) => &kept[..open],
        _ => kept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capping_keeps_characters_and_tags_whole() {
        assert_eq!(cap_html("<p>short</p>", 100), "<p>short</p>");
        assert_eq!(cap_html("<p>abc</p><p>def</p>", 12), "<p>abc</p>");
        assert_eq!(cap_html("<p>éé</p>", 5), "<p>é");
        assert_eq!(cap_html("<p>abcdef", 6), "<p>abc");
        assert_eq!(cap_html("<abcdef", 4), "");
    }

    #[test]
    fn web_links_are_http_or_https() {
        assert!(is_web_link("https://a.example/x"));
        assert!(is_web_link("HTTP://a.example/x"));
        assert!(!is_web_link("file:///etc/passwd"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("/relative"));
    }
}

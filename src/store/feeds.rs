//! Subscriptions: syncing them from the config, reading their state, and
//! recording poll outcomes that carry no articles.

use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store, StoreError, normalize_tags, now_unix, to_u64};
use crate::model::{FeedId, FeedState, Subscription, Timestamp};

/// Every feed with its counts, in one statement. `total` counts every
/// stored article; `unread` counts the unread ones a default list shows
/// (noise hidden). The correlated counts are index-only searches
/// (`articles_by_feed`, `articles_unread_by_feed`), so a single-feed lookup
/// costs that feed alone, and the whole list costs one pass over the indexes.
pub(super) const FEEDS_SQL: &str = "
    SELECT f.id, f.url, COALESCE(f.user_title, f.feed_title), f.etag, f.last_modified,
           f.next_poll_at, f.last_polled_at, f.last_success_at, f.last_error,
           f.error_count, f.repair_note,
           (SELECT group_concat(tag, char(31)) FROM feed_tags WHERE feed_id = f.id),
           (SELECT count(*) FROM articles
             WHERE feed_id = f.id AND read = 0 AND noise_kind IS NULL),
           (SELECT count(*) FROM articles WHERE feed_id = f.id),
           f.parser
    FROM feeds f";

/// Separates tags in `group_concat` (a control character no tag contains).
const TAG_SEP: char = '\u{1f}';

impl Store {
    /// Adds the subscriptions not stored yet and refreshes the title and
    /// tags of the others. Feeds missing from `subs` are left alone
    /// (removing one is an explicit `remove_feed`). Returns how many feeds
    /// were added.
    pub fn sync_subscriptions(&mut self, subs: &[Subscription]) -> Result<usize> {
        let now = now_unix();
        let tx = self.write_scope()?;
        let mut added = 0;
        {
            let mut find = tx.prepare_cached("SELECT id FROM feeds WHERE url = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO feeds (url, user_title, added_at) VALUES (?1, ?2, ?3)",
            )?;
            let mut retitle = tx.prepare_cached(
                "UPDATE feeds SET user_title = ?2 WHERE id = ?1 AND user_title IS NOT ?2",
            )?;
            let mut clear_tags = tx.prepare_cached("DELETE FROM feed_tags WHERE feed_id = ?1")?;
            let mut add_tag = tx
                .prepare_cached("INSERT OR IGNORE INTO feed_tags (feed_id, tag) VALUES (?1, ?2)")?;
            for sub in subs {
                let title = sub
                    .title
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty());
                let id = match find
                    .query_row([&sub.url], |r| r.get::<_, FeedId>(0))
                    .optional()?
                {
                    Some(id) => {
                        retitle.execute(params![id, title])?;
                        id
                    }
                    None => {
                        insert.execute(params![sub.url, title, now])?;
                        added += 1;
                        tx.last_insert_rowid()
                    }
                };
                clear_tags.execute([id])?;
                for tag in normalize_tags(&sub.tags) {
                    add_tag.execute(params![id, tag])?;
                }
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// All feeds with unread/total counts, ordered by display name.
    pub fn feeds(&self) -> Result<Vec<FeedState>> {
        let sql = format!(
            "{FEEDS_SQL} ORDER BY COALESCE(f.user_title, f.feed_title, f.url) COLLATE NOCASE, f.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], feed_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn feed_by_id(&self, id: FeedId) -> Result<Option<FeedState>> {
        let sql = format!("{FEEDS_SQL} WHERE f.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row([id], feed_from_row).optional()?)
    }

    pub fn feed_by_url(&self, url: &str) -> Result<Option<FeedState>> {
        let sql = format!("{FEEDS_SQL} WHERE f.url = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row([url], feed_from_row).optional()?)
    }

    /// Deletes a feed with its articles (and their search entries, through
    /// the cascade and the delete trigger). Returns false if there was none.
    pub fn remove_feed(&mut self, id: FeedId) -> Result<bool> {
        let tx = self.write_scope()?;
        let n = tx.execute("DELETE FROM feeds WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(n > 0)
    }

    /// Follows a permanent redirect: the feed keeps its id, articles and
    /// state under its new URL. Fails if another feed already has that URL.
    pub fn set_feed_url(&mut self, id: FeedId, new_url: &str) -> Result<()> {
        let tx = self.write_scope()?;
        let other: Option<FeedId> = tx
            .query_row("SELECT id FROM feeds WHERE url = ?1", [new_url], |r| {
                r.get(0)
            })
            .optional()?;
        match other {
            Some(other) if other == id => return Ok(()),
            Some(other) => {
                return Err(StoreError::UrlTaken {
                    url: new_url.to_string(),
                    other,
                });
            }
            None => {}
        }
        let n = tx.execute(
            "UPDATE feeds SET url = ?2 WHERE id = ?1",
            params![id, new_url],
        )?;
        if n == 0 {
            return Err(StoreError::UnknownFeed(id));
        }
        tx.commit()?;
        Ok(())
    }

    /// The server said 304: the feed is fine and unchanged.
    pub fn record_not_modified(
        &mut self,
        feed_id: FeedId,
        now: Timestamp,
        next_poll_at: Option<Timestamp>,
    ) -> Result<()> {
        self.update_feed(
            "UPDATE feeds SET last_polled_at = ?2, last_success_at = ?2, next_poll_at = ?3,
                              last_error = NULL, error_count = 0
             WHERE id = ?1",
            params![feed_id, now, next_poll_at],
            feed_id,
        )
    }

    /// A poll failed (network, HTTP status, parse): counts the failure and
    /// keeps the error to show; the feed's articles are not touched.
    pub fn record_failure(
        &mut self,
        feed_id: FeedId,
        now: Timestamp,
        error: &str,
        next_poll_at: Option<Timestamp>,
    ) -> Result<()> {
        self.update_feed(
            "UPDATE feeds SET last_polled_at = ?2, next_poll_at = ?4, last_error = ?3,
                              error_count = error_count + 1
             WHERE id = ?1",
            // The error may quote a server: stored clean, shown anywhere.
            params![
                feed_id,
                now,
                crate::text::sanitize_line(error),
                next_poll_at
            ],
            feed_id,
        )
    }

    fn update_feed(&mut self, sql: &str, params: impl rusqlite::Params, id: FeedId) -> Result<()> {
        let tx = self.write_scope()?;
        let n = tx.prepare_cached(sql)?.execute(params)?;
        if n == 0 {
            return Err(StoreError::UnknownFeed(id));
        }
        tx.commit()?;
        Ok(())
    }
}

fn feed_from_row(row: &Row<'_>) -> rusqlite::Result<FeedState> {
    let tags: Option<String> = row.get(11)?;
    Ok(FeedState {
        id: row.get(0)?,
        url: row.get(1)?,
        title: row.get(2)?,
        etag: row.get(3)?,
        last_modified: row.get(4)?,
        next_poll_at: row.get(5)?,
        last_polled_at: row.get(6)?,
        last_success_at: row.get(7)?,
        last_error: row.get(8)?,
        error_count: u32::try_from(row.get::<_, i64>(9)?).unwrap_or(u32::MAX),
        repair_note: row.get(10)?,
        tags: tags
            .map(|t| t.split(TAG_SEP).map(str::to_string).collect())
            .unwrap_or_default(),
        unread: to_u64(row.get(12)?),
        total: to_u64(row.get(13)?),
        parser: row.get(14)?,
    })
}

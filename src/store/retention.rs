//! Retention: drop old articles, never starred ones, and remember what was
//! dropped so a feed that keeps sending it does not bring it back.

use super::{Result, Store};
use crate::model::Timestamp;

const DAY: i64 = 24 * 60 * 60;

/// A tombstone is forgotten once its guid has not been sent for this long
/// (or `keep_days`, if longer): by then feeds have moved on.
const TOMBSTONE_MIN_DAYS: i64 = 30;

impl Store {
    /// Deletes unstarred articles both dated and first seen before
    /// `now - keep_days` (so a feed subscribed today shows its backlog for
    /// `keep_days`, however old it is), then keeps
    /// at most `keep_per_feed` unstarred articles per feed (the newest).
    /// Starred articles are never dropped and do not count toward
    /// `keep_per_feed`. None disables a limit. Returns how many articles
    /// were deleted. Run `optimize` afterwards when the count is large.
    pub fn prune(
        &mut self,
        now: Timestamp,
        keep_days: Option<u32>,
        keep_per_feed: Option<u32>,
    ) -> Result<usize> {
        let tx = self.write_scope()?;
        let mut deleted = 0;
        if let Some(days) = keep_days {
            let cutoff = now.saturating_sub(i64::from(days).saturating_mul(DAY));
            let victims =
                "SELECT id FROM articles WHERE starred = 0 AND sort_date < ?1 AND first_seen < ?1";
            deleted += delete_with_tombstones(&tx, victims, cutoff, now)?;
        }
        if let Some(keep) = keep_per_feed
            && any_feed_holds_more_than(&tx, keep)?
        {
            // Newest first per feed, same order as the lists; only the
            // feeds holding more than `keep` (starred ones counted) can
            // have more than `keep` unstarred.
            let victims = "SELECT id FROM (
                    SELECT id, row_number() OVER (
                        PARTITION BY feed_id ORDER BY sort_date DESC, id DESC) AS rank
                    FROM articles WHERE starred = 0 AND feed_id IN (
                        SELECT feed_id FROM articles GROUP BY feed_id HAVING count(*) > ?1))
                WHERE rank > ?1";
            deleted += delete_with_tombstones(&tx, victims, i64::from(keep), now)?;
        }
        let tombstone_days =
            keep_days.map_or(TOMBSTONE_MIN_DAYS, |d| i64::from(d).max(TOMBSTONE_MIN_DAYS));
        tx.execute(
            "DELETE FROM pruned_guids WHERE last_seen < ?1",
            [now.saturating_sub(tombstone_days * DAY)],
        )?;
        tx.commit()?;
        Ok(deleted)
    }
}

/// Whether some feed holds more than `keep` articles. Counting reads the
/// feed index only; ranking every article reads every row, bodies and
/// all, which was most of the end of a poll that had nothing to drop.
fn any_feed_holds_more_than(tx: &rusqlite::Connection, keep: u32) -> Result<bool> {
    let found = tx
        .prepare_cached("SELECT 1 FROM articles GROUP BY feed_id HAVING count(*) > ?1 LIMIT 1")?
        .exists([i64::from(keep)])?;
    Ok(found)
}

/// Tombstones then deletes the articles whose ids `victims` selects (the
/// FTS entries go with them through the delete trigger).
fn delete_with_tombstones(
    tx: &rusqlite::Connection,
    victims: &str,
    param: i64,
    now: Timestamp,
) -> Result<usize> {
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS prune_victims (id INTEGER PRIMARY KEY);
         DELETE FROM prune_victims;",
    )?;
    tx.execute(&format!("INSERT INTO prune_victims {victims}"), [param])?;
    tx.execute(
        "INSERT OR REPLACE INTO pruned_guids (feed_id, guid, last_seen)
         SELECT feed_id, guid, ?1 FROM articles WHERE id IN (SELECT id FROM prune_victims)",
        [now],
    )?;
    let n = tx.execute(
        "DELETE FROM articles WHERE id IN (SELECT id FROM prune_victims)",
        [],
    )?;
    tx.execute("DELETE FROM prune_victims", [])?;
    Ok(n)
}

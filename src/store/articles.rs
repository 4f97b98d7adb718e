//! Ingest: one successful poll of one feed, stored in one transaction.

use rusqlite::{OptionalExtension, params};

use super::plan_writes::Planned;
use super::prepared::{Columns, PreparedFeed};
use super::search_text::IndexEntry;
use super::{Result, Store, StoreError};
use crate::clean::RuleSet;
use crate::ingest::ItemPlan;
use crate::model::{ArticleId, Enclosure, FeedId, NewArticle, ParsedFeed, Timestamp, trusted_date};

const DAY: i64 = 24 * 60 * 60;

/// What the poll knows besides the parsed document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestMeta<'a> {
    pub now: Timestamp,
    /// Validators for the next conditional request.
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    pub next_poll_at: Option<Timestamp>,
    /// New items dated before `now - keep_days` are not stored (retention
    /// would drop them at once). None keeps everything.
    pub keep_days: Option<u32>,
}

/// What an ingest did with the items it was given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestStats {
    pub new: usize,
    /// Sent again with changed text; read/starred/tags were kept.
    pub updated: usize,
    /// Sent again unchanged; not rewritten.
    pub unchanged: usize,
    /// New but older than `keep_days`.
    pub skipped_old: usize,
    /// Removed earlier by retention and sent again; not re-added.
    pub skipped_pruned: usize,
    /// Ids of the new and updated articles, for the cleaner to judge.
    pub touched: Vec<ArticleId>,
    /// For each new or updated article, the index of its item in the
    /// parsed feed (parallel to `touched`).
    pub touched_items: Vec<usize>,
}

impl Store {
    /// Stores a successful poll: upserts the items by (feed, guid), records
    /// the feed's title, link and repairs, and clears its error state.
    /// A re-sent item has its text updated only when it changed, and never
    /// loses its read/starred/tags/noise state.
    ///
    /// Without plans, as tools and tests use it: the index gets every
    /// word as plain text, and no verdict, topic or full-text wish is
    /// written. The poll uses `ingest_planned`.
    pub fn ingest(
        &mut self,
        feed_id: FeedId,
        parsed: &ParsedFeed,
        meta: &IngestMeta<'_>,
    ) -> Result<IngestStats> {
        self.ingest_items(feed_id, parsed, None, meta)
    }

    /// `ingest` with each item's plan (`plans[i]` is `parsed.items[i]`'s;
    /// None for one the caller knew unchanged, stored as plain if not):
    /// the article, its verdict, topic scores, full-text wish and cleaned
    /// index text are written together, in the feed's savepoint. `rules`
    /// clean a stored full text again when its item changed. An item in
    /// `prepared` is written from it: its own `content`, and its plan's
    /// index body, were taken into it.
    pub fn ingest_planned(
        &mut self,
        feed_id: FeedId,
        parsed: &ParsedFeed,
        plans: &[Option<ItemPlan>],
        prepared: Option<&PreparedFeed>,
        rules: &RuleSet,
        meta: &IngestMeta<'_>,
    ) -> Result<IngestStats> {
        let planned = Planned {
            plans,
            rules,
            prepared,
        };
        self.ingest_items(feed_id, parsed, Some(planned), meta)
    }

    fn ingest_items(
        &mut self,
        feed_id: FeedId,
        parsed: &ParsedFeed,
        planned: Option<Planned<'_>>,
        meta: &IngestMeta<'_>,
    ) -> Result<IngestStats> {
        // Inside a batch, index entries wait for the batch's commit: FTS5
        // flushes its buffer at every savepoint, which would write (and
        // later merge) one small segment per feed.
        let defer_index = !self.conn.is_autocommit();
        let mut deferred = Vec::new();
        let tx = self.write_scope()?;
        let exists = tx
            .prepare_cached("SELECT 1 FROM feeds WHERE id = ?1")?
            .query_row([feed_id], |_| Ok(()))
            .optional()?;
        if exists.is_none() {
            return Err(StoreError::UnknownFeed(feed_id));
        }
        let oldest_kept = meta
            .keep_days
            .map(|days| meta.now.saturating_sub(i64::from(days).saturating_mul(DAY)));
        let mut stats = IngestStats::default();
        {
            let mut find = tx.prepare_cached(
                "SELECT id, feed_hash FROM articles WHERE feed_id = ?1 AND guid = ?2",
            )?;
            let mut update = tx.prepare_cached(
                "UPDATE articles SET link = ?2, title = ?3, author = ?4, published = ?5,
                        updated = ?6, sort_date = COALESCE(?10, first_seen),
                        summary = ?7, content = ?8, feed_hash = ?9, title_derived = ?11
                 WHERE id = ?1",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO articles (feed_id, guid, link, title, author, published, updated,
                                       first_seen, sort_date, summary, content, feed_hash,
                                       title_derived)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?12, ?9, ?10, ?11, ?13)",
            )?;
            // Only an update reads it (a re-indexed item keeps its full
            // text's words); a full text can be 1 MiB, so not in `find`.
            let mut stored_full = tx.prepare_cached(
                "SELECT full_html FROM articles WHERE id = ?1 AND full_html IS NOT NULL",
            )?;
            let mut seen_tombstone = tx.prepare_cached(
                "UPDATE pruned_guids SET last_seen = ?3 WHERE feed_id = ?1 AND guid = ?2",
            )?;
            for (index, item) in parsed.items.iter().enumerate() {
                let columns = Columns::of(item, planned.as_ref().and_then(|p| p.prepared(index)));
                let hash = columns.hash();
                let stored = find
                    .query_row(params![feed_id, item.guid], |r| {
                        Ok((r.get::<_, ArticleId>(0)?, r.get::<_, i64>(1)?))
                    })
                    .optional()?;
                match stored {
                    Some((_, old_hash)) if old_hash == hash => stats.unchanged += 1,
                    Some((id, _)) => {
                        let (content, title, derived) = columns.row();
                        update.execute(params![
                            id,
                            item.link,
                            title,
                            item.author,
                            item.published,
                            item.updated,
                            item.summary,
                            content,
                            hash,
                            trusted_date(item.published, item.updated, meta.now),
                            derived
                        ])?;
                        write_enclosures(&tx, id, &item.enclosures, true)?;
                        let full: Option<String> = stored_full
                            .query_row([id], |r| super::packed::body(r, 0))
                            .optional()?
                            .flatten();
                        let entry = match planned.as_ref().and_then(|p| p.plan(index)) {
                            Some((plan, rules)) => {
                                super::plan_writes::write_plan(&tx, id, plan, false)?;
                                let text = match &full {
                                    // The page's text stays the body.
                                    Some(full) => crate::ingest::IndexText {
                                        summary: plan.index.summary.clone(),
                                        ..crate::ingest::index_text(
                                            None,
                                            None,
                                            Some(full),
                                            item.link.as_deref(),
                                            rules,
                                        )
                                    },
                                    None => columns.index_text(plan),
                                };
                                IndexEntry::new(id, true, &title, text)
                            }
                            None => IndexEntry::plain(
                                id,
                                true,
                                &title,
                                item.summary.as_deref(),
                                item.content.as_deref(),
                                full.as_deref(),
                            ),
                        };
                        index_or_defer(&tx, entry, defer_index.then_some(&mut deferred))?;
                        stats.updated += 1;
                        stats.touched.push(id);
                        stats.touched_items.push(index);
                    }
                    None => {
                        if seen_tombstone.execute(params![feed_id, item.guid, meta.now])? > 0 {
                            stats.skipped_pruned += 1;
                            continue;
                        }
                        // A date far ahead or before 1970 would sort first
                        // (or last) forever and never (or at once) expire.
                        let sort_date = trusted_date(item.published, item.updated, meta.now)
                            .unwrap_or(meta.now);
                        if oldest_kept.is_some_and(|oldest| sort_date < oldest) {
                            stats.skipped_old += 1;
                            continue;
                        }
                        let (content, title, derived) = columns.row();
                        insert.execute(params![
                            feed_id,
                            item.guid,
                            item.link,
                            title,
                            item.author,
                            item.published,
                            item.updated,
                            meta.now,
                            item.summary,
                            content,
                            hash,
                            sort_date,
                            derived
                        ])?;
                        let id = tx.last_insert_rowid();
                        write_enclosures(&tx, id, &item.enclosures, false)?;
                        let entry = match planned.as_ref().and_then(|p| p.plan(index)) {
                            Some((plan, _)) => {
                                super::plan_writes::write_plan(&tx, id, plan, true)?;
                                IndexEntry::new(id, false, &title, columns.index_text(plan))
                            }
                            None => IndexEntry::plain(
                                id,
                                false,
                                &title,
                                item.summary.as_deref(),
                                item.content.as_deref(),
                                None,
                            ),
                        };
                        index_or_defer(&tx, entry, defer_index.then_some(&mut deferred))?;
                        stats.new += 1;
                        stats.touched.push(id);
                        stats.touched_items.push(index);
                    }
                }
            }
        }
        let repair_note = (!parsed.repairs.is_empty())
            .then(|| crate::text::sanitize_line(&parsed.repairs.join("; ")));
        tx.prepare_cached(
            "UPDATE feeds SET feed_title = COALESCE(?2, feed_title), site_link = COALESCE(?3, site_link),
                    repair_note = ?4, etag = ?5, last_modified = ?6, next_poll_at = ?7,
                    last_polled_at = ?8, last_success_at = ?8, last_error = NULL, error_count = 0,
                    parser = ?9
             WHERE id = ?1",
        )?
        .execute(params![
            feed_id,
            parsed.title,
            parsed.link,
            repair_note,
            meta.etag,
            meta.last_modified,
            meta.next_poll_at,
            meta.now,
            parsed.parser.as_str()
        ])?;
        tx.commit()?;
        self.pending_index.extend(deferred);
        Ok(stats)
    }
}

/// Served by the `articles_feed_items` index alone (v14).
const KNOWN_ITEMS_SQL: &str = "SELECT guid, feed_hash FROM articles WHERE feed_id = ?1";

impl Store {
    /// What the cache holds of `feeds`' items: guid to the hash of its
    /// content, per feed. Read once before a poll, so items sent again
    /// unchanged are not planned.
    pub fn known_items(
        &self,
        feeds: &[FeedId],
    ) -> Result<std::collections::HashMap<FeedId, crate::ingest::KnownItems>> {
        let mut known: std::collections::HashMap<FeedId, crate::ingest::KnownItems> =
            std::collections::HashMap::new();
        let mut stmt = self.conn.prepare_cached(KNOWN_ITEMS_SQL)?;
        for &feed in feeds {
            let rows = stmt.query_map([feed], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?;
            let items = rows.collect::<rusqlite::Result<crate::ingest::KnownItems>>()?;
            if !items.is_empty() {
                known.insert(feed, items);
            }
        }
        Ok(known)
    }
}

/// Writes an index entry now, or keeps it for the batch's commit.
pub(super) fn index_or_defer(
    conn: &rusqlite::Connection,
    entry: IndexEntry,
    deferred: Option<&mut Vec<IndexEntry>>,
) -> Result<()> {
    match deferred {
        Some(queue) => queue.push(entry),
        None => entry.write(conn)?,
    }
    Ok(())
}

/// Replaces an article's enclosures (`replace`: it may have some).
fn write_enclosures(
    tx: &rusqlite::Connection,
    id: ArticleId,
    enclosures: &[Enclosure],
    replace: bool,
) -> Result<()> {
    if replace {
        tx.prepare_cached("DELETE FROM enclosures WHERE article_id = ?1")?
            .execute([id])?;
    }
    if enclosures.is_empty() {
        return Ok(());
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO enclosures (article_id, position, url, mime_type, length, duration, title,
                                 thumbnail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (position, e) in enclosures.iter().enumerate() {
        let clamp = |n: Option<u64>| n.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
        insert.execute(params![
            id,
            position as i64,
            e.url,
            e.mime_type,
            clamp(e.length),
            clamp(e.duration),
            e.title,
            e.thumbnail
        ])?;
    }
    Ok(())
}

/// The title a list shows, and whether it was derived: the item's own,
/// else the first words of its text, else its link.
pub(super) fn shown_title(item: &NewArticle) -> (std::borrow::Cow<'_, str>, bool) {
    if !item.title.is_empty() {
        return (std::borrow::Cow::Borrowed(&item.title), false);
    }
    match crate::feed::derived_title(
        item.summary.as_deref(),
        item.content.as_deref(),
        item.link.as_deref(),
    ) {
        Some(title) => (std::borrow::Cow::Owned(title), true),
        None => (std::borrow::Cow::Borrowed(""), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_items_never_read_article_rows() {
        let store = Store::open_in_memory().expect("store");
        let plan = store
            .explain(KNOWN_ITEMS_SQL, [1])
            .expect("plan")
            .join("; ");
        assert!(
            plan.contains("COVERING INDEX articles_feed_items"),
            "{plan}"
        );
    }

    fn item() -> NewArticle {
        NewArticle {
            enclosures: Vec::new(),
            guid: "g".into(),
            link: None,
            title: "t".into(),
            author: None,
            published: Some(1),
            updated: None,
            summary: Some("s".into()),
            content: None,
        }
    }

    #[test]
    fn hash_sees_every_feed_field_but_not_the_guid() {
        let base = crate::ingest::item_hash(&item());
        assert_eq!(base, crate::ingest::item_hash(&item()));
        assert_eq!(
            base,
            crate::ingest::item_hash(&NewArticle {
                enclosures: Vec::new(),
                guid: "other".into(),
                ..item()
            })
        );
        let changed = [
            NewArticle {
                enclosures: Vec::new(),
                title: "u".into(),
                ..item()
            },
            NewArticle {
                enclosures: Vec::new(),
                link: Some("l".into()),
                ..item()
            },
            NewArticle {
                enclosures: Vec::new(),
                author: Some("a".into()),
                ..item()
            },
            NewArticle {
                enclosures: Vec::new(),
                published: Some(2),
                ..item()
            },
            NewArticle {
                enclosures: Vec::new(),
                updated: Some(1),
                ..item()
            },
            NewArticle {
                enclosures: Vec::new(),
                summary: None,
                ..item()
            },
            NewArticle {
                enclosures: Vec::new(),
                summary: Some(String::new()),
                ..item()
            },
            NewArticle {
                enclosures: Vec::new(),
                content: Some("s".into()),
                ..item()
            },
        ];
        for other in changed {
            assert_ne!(base, crate::ingest::item_hash(&other), "{other:?}");
        }
    }
}

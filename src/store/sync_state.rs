//! What a sync with a feed server keeps in the cache (schema v15): the
//! feeds both sides agreed on, each synced article's flags as the server
//! had them at the last sync (the base a change is measured from), the
//! marker of the newest article pulled, and the queue of local changes.
//!
//! The queue is filled by triggers, so every way of marking an article
//! (the CLI, the interface, a catch-up) queues its change in the same
//! transaction that makes it. Changes that come from the server are
//! written base first: the trigger then sees no difference and queues
//! nothing (and drops what was queued for that flag: the server won).

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};
use crate::model::{ArticleId, FeedId};

/// Milliseconds since the epoch, in SQL.
macro_rules! now_ms_sql {
    () => {
        "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
    };
}

/// The tables and the triggers that fill the queue.
pub(super) const SCHEMA: &str = concat!(
    "
    -- Feeds both sides had at the last sync: sift's URL and the server's id.
    CREATE TABLE sync_feeds (
        url       TEXT    PRIMARY KEY,
        remote_id INTEGER NOT NULL UNIQUE
    );
    -- Each article that came from the server, with its flags as the
    -- server had them when last seen.
    CREATE TABLE sync_articles (
        article_id     INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        remote_id      INTEGER NOT NULL UNIQUE,
        remote_read    INTEGER NOT NULL,
        remote_starred INTEGER NOT NULL
    );
    -- Local flag changes waiting to be sent, in order. No foreign key: a
    -- change outlives its article (retention may prune it first).
    -- sent_at: the request may have gone out; the next sync asks the
    -- server before sending it again.
    CREATE TABLE sync_outbox (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        remote_id  INTEGER NOT NULL,
        article_id INTEGER NOT NULL,
        field      TEXT    NOT NULL CHECK (field IN ('read', 'starred')),
        value      INTEGER NOT NULL,
        changed_at INTEGER NOT NULL,   -- Unix milliseconds
        sent_at    INTEGER
    );
    CREATE INDEX sync_outbox_by_article ON sync_outbox(article_id, field);
    -- The marker and the last sync's time.
    CREATE TABLE sync_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON articles
    WHEN old.read IS NOT new.read
    BEGIN
        DELETE FROM sync_outbox
         WHERE article_id = new.id AND field = 'read' AND sent_at IS NULL;
        INSERT INTO sync_outbox (remote_id, article_id, field, value, changed_at)
        SELECT s.remote_id, new.id, 'read', new.read, ",
    now_ms_sql!(),
    "
          FROM sync_articles s
         WHERE s.article_id = new.id
           AND (s.remote_read IS NOT new.read
                OR EXISTS (SELECT 1 FROM sync_outbox o WHERE o.article_id = new.id
                             AND o.field = 'read' AND o.sent_at IS NOT NULL));
    END;
    CREATE TRIGGER sync_queue_starred AFTER UPDATE OF starred ON articles
    WHEN old.starred IS NOT new.starred
    BEGIN
        DELETE FROM sync_outbox
         WHERE article_id = new.id AND field = 'starred' AND sent_at IS NULL;
        INSERT INTO sync_outbox (remote_id, article_id, field, value, changed_at)
        SELECT s.remote_id, new.id, 'starred', new.starred, ",
    now_ms_sql!(),
    "
          FROM sync_articles s
         WHERE s.article_id = new.id
           AND (s.remote_starred IS NOT new.starred
                OR EXISTS (SELECT 1 FROM sync_outbox o WHERE o.article_id = new.id
                             AND o.field = 'starred' AND o.sent_at IS NOT NULL));
    END;
    "
);

/// The two flags that sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RemoteFlag {
    Read,
    Starred,
}

impl RemoteFlag {
    fn column(self) -> &'static str {
        match self {
            RemoteFlag::Read => "read",
            RemoteFlag::Starred => "starred",
        }
    }

    fn from_column(name: &str) -> Option<RemoteFlag> {
        match name {
            "read" => Some(RemoteFlag::Read),
            "starred" => Some(RemoteFlag::Starred),
            _ => None,
        }
    }
}

/// One queued local change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingChange {
    pub seq: i64,
    pub remote_id: i64,
    pub article_id: ArticleId,
    pub flag: RemoteFlag,
    pub value: bool,
    /// When sift recorded it, Unix milliseconds.
    pub changed_at: i64,
    /// A request carrying it may have reached the server.
    pub maybe_sent: bool,
}

/// A synced article: its id on both sides and the server's flags as last
/// seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncedArticle {
    pub article_id: ArticleId,
    pub remote_id: i64,
    pub read: bool,
    pub starred: bool,
}

impl Store {
    /// A value of the sync's own bookkeeping (`marker`, `last_sync_ms`).
    pub fn sync_meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM sync_meta WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_sync_meta(&mut self, key: &str, value: &str) -> Result<()> {
        let tx = self.write_scope()?;
        tx.prepare_cached("INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?1, ?2)")?
            .execute(params![key, value])?;
        tx.commit()?;
        Ok(())
    }

    /// The feeds both sides had at the last sync: (sift's URL, server id).
    pub fn synced_feeds(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT url, remote_id FROM sync_feeds ORDER BY url")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records that the feed at `url` is the server's feed `remote_id`.
    pub fn map_synced_feed(&mut self, url: &str, remote_id: i64) -> Result<()> {
        let tx = self.write_scope()?;
        tx.prepare_cached("DELETE FROM sync_feeds WHERE remote_id = ?1 AND url <> ?2")?
            .execute(params![remote_id, url])?;
        tx.prepare_cached("INSERT OR REPLACE INTO sync_feeds (url, remote_id) VALUES (?1, ?2)")?
            .execute(params![url, remote_id])?;
        tx.commit()?;
        Ok(())
    }

    /// Forgets the feed at `url` (gone from both sides).
    pub fn unmap_synced_feed(&mut self, url: &str) -> Result<()> {
        let tx = self.write_scope()?;
        tx.prepare_cached("DELETE FROM sync_feeds WHERE url = ?1")?
            .execute([url])?;
        tx.commit()?;
        Ok(())
    }

    /// Every synced article with the server's flags as last seen.
    pub fn synced_articles(&self) -> Result<Vec<SyncedArticle>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article_id, remote_id, remote_read, remote_starred FROM sync_articles",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SyncedArticle {
                article_id: r.get(0)?,
                remote_id: r.get(1)?,
                read: r.get(2)?,
                starred: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Links the article `guid` of `feed_id` to the server's `remote_id`
    /// and gives it the server's flags (base first, so nothing is queued).
    /// Returns the article's id, or None when the ingest did not store it
    /// (pruned before, or too old).
    pub fn link_remote_article(
        &mut self,
        feed_id: FeedId,
        guid: &str,
        remote: SyncedArticleFlags,
    ) -> Result<Option<ArticleId>> {
        let tx = self.write_scope()?;
        let id: Option<ArticleId> = tx
            .prepare_cached("SELECT id FROM articles WHERE feed_id = ?1 AND guid = ?2")?
            .query_row(params![feed_id, guid], |r| r.get(0))
            .optional()?;
        if let Some(id) = id {
            tx.prepare_cached(
                "DELETE FROM sync_articles WHERE remote_id = ?1 AND article_id <> ?2",
            )?
            .execute(params![remote.remote_id, id])?;
            tx.prepare_cached(
                "INSERT OR REPLACE INTO sync_articles (article_id, remote_id, remote_read, remote_starred)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, remote.remote_id, remote.read, remote.starred])?;
            tx.prepare_cached("UPDATE articles SET read = ?2 WHERE id = ?1 AND read <> ?2")?
                .execute(params![id, remote.read])?;
            tx.prepare_cached("UPDATE articles SET starred = ?2 WHERE id = ?1 AND starred <> ?2")?
                .execute(params![id, remote.starred])?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// The server changed `flag` of an article and its change wins: the
    /// base and the article both take `value` (a queued local change of
    /// that flag is dropped by the trigger).
    pub fn take_remote_flag(
        &mut self,
        article_id: ArticleId,
        flag: RemoteFlag,
        value: bool,
    ) -> Result<()> {
        let tx = self.write_scope()?;
        set_base(&tx, article_id, flag, value)?;
        let col = flag.column();
        tx.prepare_cached(&format!(
            "UPDATE articles SET {col} = ?2 WHERE id = ?1 AND {col} <> ?2"
        ))?
        .execute(params![article_id, value])?;
        tx.commit()?;
        Ok(())
    }

    /// The server changed `flag` but a later local change wins: only the
    /// base moves; the queued change stays and is sent.
    pub fn note_remote_flag(
        &mut self,
        article_id: ArticleId,
        flag: RemoteFlag,
        value: bool,
    ) -> Result<()> {
        let tx = self.write_scope()?;
        set_base(&tx, article_id, flag, value)?;
        tx.commit()?;
        Ok(())
    }

    /// The queue, oldest first.
    pub fn pending_changes(&self) -> Result<Vec<PendingChange>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, remote_id, article_id, field, value, changed_at, sent_at IS NOT NULL
               FROM sync_outbox ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            let field: String = r.get(3)?;
            Ok((
                PendingChange {
                    seq: r.get(0)?,
                    remote_id: r.get(1)?,
                    article_id: r.get(2)?,
                    flag: RemoteFlag::Read,
                    value: r.get(4)?,
                    changed_at: r.get(5)?,
                    maybe_sent: r.get(6)?,
                },
                field,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut change, field) = row?;
            // The CHECK constraint allows nothing else.
            change.flag = RemoteFlag::from_column(&field).unwrap_or(RemoteFlag::Read);
            out.push(change);
        }
        Ok(out)
    }

    /// Marks queued changes as about to be sent (committed before the
    /// request goes out, so a crash after it is known to be uncertain).
    pub fn mark_changes_sending(&mut self, seqs: &[i64], now_ms: i64) -> Result<()> {
        let tx = self.write_scope()?;
        {
            let mut mark =
                tx.prepare_cached("UPDATE sync_outbox SET sent_at = ?2 WHERE seq = ?1")?;
            for &seq in seqs {
                mark.execute(params![seq, now_ms])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The server has these changes: they leave the queue and become the
    /// base, in one transaction.
    pub fn complete_changes(&mut self, changes: &[PendingChange]) -> Result<()> {
        let tx = self.write_scope()?;
        {
            let mut delete = tx.prepare_cached("DELETE FROM sync_outbox WHERE seq = ?1")?;
            for change in changes {
                delete.execute([change.seq])?;
                set_base(&tx, change.article_id, change.flag, change.value)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Drops queued changes without sending them (the server already had
    /// their value).
    pub fn drop_changes(&mut self, seqs: &[i64]) -> Result<()> {
        let tx = self.write_scope()?;
        {
            let mut delete = tx.prepare_cached("DELETE FROM sync_outbox WHERE seq = ?1")?;
            for &seq in seqs {
                delete.execute([seq])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The URLs of the feeds the sync server fetches (a poll leaves them
    /// to it).
    pub fn synced_feed_urls(&self) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT url FROM sync_feeds")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A server article's id and flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncedArticleFlags {
    pub remote_id: i64,
    pub read: bool,
    pub starred: bool,
}

fn set_base(
    conn: &rusqlite::Connection,
    article_id: ArticleId,
    flag: RemoteFlag,
    value: bool,
) -> Result<()> {
    let sql = match flag {
        RemoteFlag::Read => "UPDATE sync_articles SET remote_read = ?2 WHERE article_id = ?1",
        RemoteFlag::Starred => "UPDATE sync_articles SET remote_starred = ?2 WHERE article_id = ?1",
    };
    conn.prepare_cached(sql)?
        .execute(params![article_id, value])?;
    Ok(())
}

#[cfg(test)]
mod tests;

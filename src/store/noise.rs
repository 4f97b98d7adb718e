//! Item verdicts kept current: what `sift rescan` reads of every article,
//! and the fingerprint of the rules the stored verdicts were judged with.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};
use crate::model::ArticleId;

/// The `cache_meta` key of the rules' fingerprint.
const RULES_FINGERPRINT: &str = "rules_fingerprint";

/// What the item judge reads of a stored article, and its stored verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoiseRow {
    pub id: ArticleId,
    pub title: String,
    pub link: Option<String>,
    pub summary: Option<String>,
    /// `(kind, rule)` when the article is hidden as noise.
    pub verdict: Option<(String, String)>,
}

impl Store {
    /// Up to `limit` articles with ids above `after`, in id order: a walk
    /// over the whole cache, page by page.
    pub fn noise_rows(&self, after: ArticleId, limit: usize) -> Result<Vec<NoiseRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, link, summary, noise_kind, noise_rule
               FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![after, limit], |r| {
            let kind: Option<String> = r.get(4)?;
            let rule: Option<String> = r.get(5)?;
            Ok(NoiseRow {
                id: r.get(0)?,
                title: r.get(1)?,
                link: r.get(2)?,
                summary: r.get(3)?,
                verdict: kind.map(|k| (k, rule.unwrap_or_default())),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The fingerprint of the rules the stored verdicts were judged with
    /// (None before the first poll or rescan).
    pub fn rules_fingerprint(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM cache_meta WHERE key = ?1")?
            .query_row([RULES_FINGERPRINT], |r| r.get(0))
            .optional()?)
    }

    pub fn set_rules_fingerprint(&mut self, fingerprint: &str) -> Result<()> {
        let tx = self.write_scope()?;
        tx.prepare_cached("INSERT OR REPLACE INTO cache_meta (key, value) VALUES (?1, ?2)")?
            .execute(params![RULES_FINGERPRINT, fingerprint])?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn the_fingerprint_is_kept_and_replaced() {
        let mut store = Store::open_in_memory().expect("store");
        assert_eq!(store.rules_fingerprint().expect("read"), None);
        store.set_rules_fingerprint("aaaa").expect("write");
        store.set_rules_fingerprint("bbbb").expect("write");
        assert_eq!(
            store.rules_fingerprint().expect("read").as_deref(),
            Some("bbbb")
        );
    }

    #[test]
    fn rows_come_in_pages_with_their_verdicts() {
        let mut store = Store::open_in_memory().expect("store");
        store
            .conn
            .execute_batch(
                "INSERT INTO feeds (id, url, added_at) VALUES (1, 'https://a.example/f', 0);
                 INSERT INTO articles (id, feed_id, guid, link, title, summary, first_seen, sort_date, feed_hash)
                 VALUES (1, 1, 'g1', 'https://a.example/1', 'Title 1', NULL, 1, 1, 0),
                        (2, 1, 'g2', NULL, 'Title 2', NULL, 2, 2, 0),
                        (3, 1, 'g3', NULL, 'Title 3', '<p>Summary 3</p>', 3, 3, 0);",
            )
            .expect("articles");
        store
            .set_noise(2, Some("promo"), Some("offer-item"))
            .expect("noise");
        let first = store.noise_rows(0, 2).expect("page");
        assert_eq!(first.len(), 2);
        assert_eq!(first[0].title, "Title 1");
        assert_eq!(first[0].link.as_deref(), Some("https://a.example/1"));
        assert_eq!(first[0].verdict, None);
        assert_eq!(
            first[1].verdict,
            Some(("promo".to_owned(), "offer-item".to_owned()))
        );
        let rest = store.noise_rows(first[1].id, 2).expect("page");
        assert_eq!(rest.len(), 1);
        assert_eq!(rest[0].summary.as_deref(), Some("<p>Summary 3</p>"));
    }
}

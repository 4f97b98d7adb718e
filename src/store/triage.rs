//! Triage state written at ingest: topic scores and story membership.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};
use crate::model::ArticleId;

/// What topic scoring reads of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleText {
    pub id: ArticleId,
    pub title: String,
    pub summary: Option<String>,
    pub content: Option<String>,
}

impl Store {
    /// Up to `limit` articles with ids above `after`, in id order: a
    /// cheap walk over the whole cache (rescoring), page by page.
    pub fn article_texts(&self, after: ArticleId, limit: usize) -> Result<Vec<ArticleText>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, summary, content FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![after, limit], |r| {
            Ok(ArticleText {
                id: r.get(0)?,
                title: r.get(1)?,
                summary: r.get(2)?,
                content: super::packed::body(r, 3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces an article's topic scores (zero scores are not stored).
    /// Returns false if the article does not exist.
    pub fn set_topics(&mut self, id: ArticleId, scores: &[(&str, f64)]) -> Result<bool> {
        let tx = self.write_scope()?;
        let exists = super::article_exists(&tx, id)?;
        if exists {
            tx.prepare_cached("DELETE FROM article_topics WHERE article_id = ?1")?
                .execute([id])?;
            insert_topics(&tx, id, scores.iter().copied())?;
        }
        tx.commit()?;
        Ok(exists)
    }

    /// The stored topic scores of each given article, highest first.
    pub fn topics_of(&self, ids: &[ArticleId]) -> Result<HashMap<ArticleId, Vec<(String, f64)>>> {
        let mut out: HashMap<ArticleId, Vec<(String, f64)>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT topic, score FROM article_topics WHERE article_id = ?1 ORDER BY score DESC, topic",
        )?;
        for &id in ids {
            let rows =
                stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))?;
            let scores = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            if !scores.is_empty() {
                out.insert(id, scores);
            }
        }
        Ok(out)
    }

    /// Puts an article in a story (`Some(first article's id)`) or on its
    /// own (`None`). Returns false if the article does not exist.
    pub fn set_story(&mut self, id: ArticleId, story: Option<ArticleId>) -> Result<bool> {
        let tx = self.write_scope()?;
        let n = tx
            .prepare_cached("UPDATE articles SET story_id = ?2 WHERE id = ?1")?
            .execute(params![id, story])?;
        tx.commit()?;
        Ok(n > 0)
    }

    /// The story an article belongs to: its story id, or its own id when
    /// it stands alone. None if the article does not exist.
    pub fn story_of(&self, id: ArticleId) -> Result<Option<ArticleId>> {
        Ok(self
            .conn
            .prepare_cached("SELECT COALESCE(story_id, id) FROM articles WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// Every article of a story, oldest first (the story's own first
    /// article included when it still exists).
    pub fn story_members(&self, story: ArticleId) -> Result<Vec<ArticleId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM articles WHERE story_id = ?1 OR id = ?1 ORDER BY sort_date, id",
        )?;
        let rows = stmt.query_map([story], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Adds article `id`'s topic rows, which must have none now (new, or
/// just deleted): each topic once (a repeat keeps its first score), none
/// at zero. A plain INSERT: `OR REPLACE` opened a statement journal for
/// every row (3 % of a cold poll's CPU).
pub(super) fn insert_topics<'a>(
    conn: &rusqlite::Connection,
    id: ArticleId,
    scores: impl Iterator<Item = (&'a str, f64)>,
) -> rusqlite::Result<()> {
    let mut add = conn.prepare_cached(
        "INSERT INTO article_topics (article_id, topic, score) VALUES (?1, ?2, ?3)",
    )?;
    let mut written: Vec<&str> = Vec::new();
    for (topic, score) in scores {
        if score > 0.0 && !written.contains(&topic) {
            add.execute(params![id, topic, score])?;
            written.push(topic);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    fn store_with_articles(n: i64) -> Store {
        let store = Store::open_in_memory().expect("store");
        store
            .conn
            .execute_batch(
                "INSERT INTO feeds (id, url, added_at) VALUES (1, 'https://a.example/f', 0)",
            )
            .expect("feed");
        for id in 1..=n {
            store
                .conn
                .execute(
                    "INSERT INTO articles (id, feed_id, guid, title, first_seen, sort_date, feed_hash)
                     VALUES (?1, 1, ?1, 'T', ?1, ?1, 0)",
                    [id],
                )
                .expect("article");
        }
        store
    }

    #[test]
    fn topics_are_replaced_and_zero_scores_dropped() {
        let mut store = store_with_articles(2);
        assert!(
            store
                .set_topics(1, &[("economy", 0.5), ("tech", 0.0)])
                .expect("set")
        );
        assert!(
            store
                .set_topics(
                    1,
                    &[
                        ("foreign-policy", 2.0),
                        ("economy", 0.25),
                        ("foreign-policy", 3.0)
                    ]
                )
                .expect("a repeated topic keeps its first score")
        );
        assert!(
            !store
                .set_topics(99, &[("economy", 1.0)])
                .expect("unknown id")
        );
        let topics = store.topics_of(&[1, 2]).expect("read");
        assert_eq!(
            topics.get(&1),
            Some(&vec![
                ("foreign-policy".to_string(), 2.0),
                ("economy".to_string(), 0.25)
            ])
        );
        assert!(!topics.contains_key(&2));
    }

    #[test]
    fn stories_group_articles_and_survive_the_first_ones_removal() {
        let mut store = store_with_articles(3);
        assert!(store.set_story(2, Some(1)).expect("set"));
        assert!(store.set_story(3, Some(1)).expect("set"));
        assert_eq!(store.story_of(3).expect("story"), Some(1));
        assert_eq!(store.story_members(1).expect("members"), vec![1, 2, 3]);
        store
            .conn
            .execute("DELETE FROM articles WHERE id = 1", [])
            .expect("delete");
        assert_eq!(store.story_members(1).expect("members"), vec![2, 3]);
        assert!(store.set_story(3, None).expect("unset"));
        assert_eq!(store.story_of(3).expect("story"), Some(3));
        assert_eq!(store.story_of(9).expect("story"), None);
    }
}

//! Story clusters: the signatures and LSH buckets that story detection
//! (`crate::story`) reads and writes, membership changes, and the list
//! grouped by story.
//!
//! Invariant kept by `join_story` and `leave_story`: a story's root (the
//! article whose id is the story id) has no story_id of its own, so
//! `story_id = S OR id = S` selects exactly the members of S.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params, params_from_iter};

use super::compile;
use super::hits::Planned;
use super::reading::NoiseFilter;
use super::search::QueryOptions;
use super::statements::{count_sql, list_sql};
use super::{Result, Store, to_u64};
use crate::model::{ArticleId, StoryRow, Timestamp};
use crate::query::Query;

/// Rows read from one bucket at most (see `story_candidates`).
const MAX_BUCKET_ROWS: i64 = 32;

/// An article's stored story signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorySignature {
    pub article_id: ArticleId,
    pub date: Timestamp,
    /// The story it is in now (its own id when alone).
    pub story: ArticleId,
    /// Normalised words, sorted, without repeats.
    pub words: Vec<String>,
}

impl Store {
    /// An article's date and its story id (None when alone); None if the
    /// article does not exist.
    pub fn story_state(&self, id: ArticleId) -> Result<Option<(Timestamp, Option<ArticleId>)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT sort_date, story_id FROM articles WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The stored signature of an article, if it has one.
    pub fn story_signature(&self, id: ArticleId) -> Result<Option<StorySignature>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT s.sort_date, s.words, COALESCE(a.story_id, a.id)
                 FROM story_signatures s JOIN articles a ON a.id = s.article_id
                 WHERE s.article_id = ?1",
            )?
            .query_row([id], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })
            .optional()?;
        Ok(row.map(|(date, words, story)| StorySignature {
            article_id: id,
            date,
            story,
            words: words
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
        }))
    }

    /// Stores (or replaces) an article's signature and its bucket rows.
    pub fn put_story_signature(
        &mut self,
        id: ArticleId,
        date: Timestamp,
        words: &[String],
        keys: &[i64],
    ) -> Result<()> {
        let tx = self.write_scope()?;
        remove_signature(&tx, id)?;
        let keys_json = serde_json::to_string(keys).unwrap_or_else(|_| "[]".into());
        tx.prepare_cached(
            "INSERT INTO story_signatures (article_id, sort_date, words, keys) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, date, words.join(" "), keys_json])?;
        let mut add = tx.prepare_cached(
            "INSERT OR IGNORE INTO story_buckets (key, sort_date, article_id) VALUES (?1, ?2, ?3)",
        )?;
        for key in keys {
            add.execute(params![key, date, id])?;
        }
        drop(add);
        tx.commit()?;
        Ok(())
    }

    /// Drops an article's signature and buckets; false if it had none.
    pub fn remove_story_signature(&mut self, id: ArticleId) -> Result<bool> {
        let tx = self.write_scope()?;
        let removed = remove_signature(&tx, id)?;
        tx.commit()?;
        Ok(removed)
    }

    /// Articles dated within `[from, to]` that share at least one bucket
    /// with `keys`, with how many they share (most first), `exclude` left
    /// out. One primary-key range probe per key.
    pub fn story_candidates(
        &self,
        keys: &[i64],
        from: Timestamp,
        to: Timestamp,
        exclude: ArticleId,
    ) -> Result<Vec<(ArticleId, usize)>> {
        let mut hits: HashMap<ArticleId, usize> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT article_id FROM story_buckets WHERE key = ?1 AND sort_date BETWEEN ?2 AND ?3 \
             LIMIT ?4",
        )?;
        for key in keys {
            let mut rows = stmt.query(params![key, from, to, MAX_BUCKET_ROWS])?;
            while let Some(row) = rows.next()? {
                let id: ArticleId = row.get(0)?;
                if id != exclude {
                    *hits.entry(id).or_default() += 1;
                }
            }
        }
        let mut out: Vec<(ArticleId, usize)> = hits.into_iter().collect();
        out.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        Ok(out)
    }

    /// The oldest member of a story that still exists (by date, then id).
    pub fn story_anchor(&self, story: ArticleId) -> Result<Option<ArticleId>> {
        Ok(self
            .conn
            .prepare_cached(
                // The oldest other member is one probe of articles_by_story.
                "SELECT id FROM (
                     SELECT id, sort_date FROM (
                         SELECT id, sort_date FROM articles WHERE story_id = ?1
                         ORDER BY sort_date, id LIMIT 1)
                     UNION ALL
                     SELECT id, sort_date FROM articles WHERE id = ?1)
                 ORDER BY sort_date, id LIMIT 1",
            )?
            .query_row([story], |r| r.get(0))
            .optional()?)
    }

    /// Puts a lone article into `story` (whose root keeps no story_id).
    pub fn join_story(&mut self, id: ArticleId, story: ArticleId) -> Result<()> {
        if story == id {
            return Ok(());
        }
        self.set_story(id, Some(story))?;
        Ok(())
    }

    /// Takes an article out of its story. If it was the root of others,
    /// the oldest remaining member becomes their root, so the others stay
    /// together and the invariant holds.
    pub fn leave_story(&mut self, id: ArticleId) -> Result<()> {
        let tx = self.write_scope()?;
        let heir: Option<ArticleId> = tx
            .prepare_cached(
                "SELECT id FROM articles WHERE story_id = ?1 ORDER BY sort_date, id LIMIT 1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if let Some(heir) = heir {
            tx.prepare_cached("UPDATE articles SET story_id = NULL WHERE id = ?1")?
                .execute([heir])?;
            tx.prepare_cached("UPDATE articles SET story_id = ?2 WHERE story_id = ?1")?
                .execute([id, heir])?;
        }
        tx.prepare_cached("UPDATE articles SET story_id = NULL WHERE id = ?1")?
            .execute([id])?;
        tx.commit()?;
        Ok(())
    }

    /// Marks every article of a story read (or unread). Returns how many
    /// changed.
    pub fn set_story_read(&mut self, story: ArticleId, read: bool) -> Result<usize> {
        let tx = self.write_scope()?;
        let n = tx
            .prepare_cached(
                "UPDATE articles SET read = ?2 WHERE (story_id = ?1 OR id = ?1) AND read <> ?2",
            )?
            .execute(params![story, read])?;
        tx.commit()?;
        Ok(n)
    }

    /// The list `query_articles` would give, one row per story: paged by
    /// story (`options.limit`/`offset` count stories), each row led by
    /// its first member in list order, with the other matching members.
    pub fn story_rows(&self, query: &Query, options: &QueryOptions) -> Result<Vec<StoryRow>> {
        let all = QueryOptions {
            limit: None,
            offset: 0,
            ..*options
        };
        let planned = Planned::lookups(&compile::condition(query.expr()));
        let (sql, params) = list_sql(&planned, query, &all, "a.id, COALESCE(a.story_id, a.id)");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(params.iter()))?;
        // Stories in order of their first member; members in list order.
        let mut groups: Vec<(ArticleId, Vec<ArticleId>)> = Vec::new();
        let mut slot: HashMap<ArticleId, usize> = HashMap::new();
        while let Some(row) = rows.next()? {
            let (id, story): (ArticleId, ArticleId) = (row.get(0)?, row.get(1)?);
            match slot.get(&story) {
                Some(&i) => groups[i].1.push(id),
                None => {
                    slot.insert(story, groups.len());
                    groups.push((story, vec![id]));
                }
            }
        }
        let skip = usize::try_from(options.offset).unwrap_or(usize::MAX);
        let take = options
            .limit
            .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
        let page: Vec<(ArticleId, Vec<ArticleId>)> =
            groups.into_iter().skip(skip).take(take).collect();
        let ids: Vec<ArticleId> = page.iter().flat_map(|(_, m)| m.iter().copied()).collect();
        let mut summaries: HashMap<ArticleId, _> = self
            .summaries(&ids)?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let mut out = Vec::with_capacity(page.len());
        for (story_id, members) in page {
            let mut sources: Vec<String> = Vec::new();
            for id in &members {
                if let Some(s) = summaries.get(id)
                    && !sources.contains(&s.feed_title)
                {
                    sources.push(s.feed_title.clone());
                }
            }
            let Some(lead) = members.first().and_then(|id| summaries.remove(id)) else {
                continue; // deleted between the two reads
            };
            let member_ids = members[1..].to_vec();
            out.push(StoryRow {
                story_id,
                lead,
                count: 1 + member_ids.len(),
                member_ids,
                sources,
            });
        }
        Ok(out)
    }

    /// How many stories `query` selects (what `story_rows` would list
    /// unpaged).
    pub fn count_stories(&self, query: &Query, noise: NoiseFilter) -> Result<u64> {
        let planned = Planned::lookups(&compile::condition(query.expr()));
        let (sql, params) = count_sql(
            &planned,
            query,
            noise,
            "count(DISTINCT COALESCE(a.story_id, a.id))",
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let n: i64 = stmt.query_row(params_from_iter(params.iter()), |r| r.get(0))?;
        Ok(to_u64(n))
    }
}

/// Deletes an article's buckets (found through its stored keys) and its
/// signature; false if it had none.
fn remove_signature(conn: &rusqlite::Connection, id: ArticleId) -> Result<bool> {
    conn.prepare_cached(
        "DELETE FROM story_buckets
          WHERE article_id = ?1
            AND sort_date = (SELECT sort_date FROM story_signatures WHERE article_id = ?1)
            AND key IN (SELECT j.value FROM story_signatures s, json_each(s.keys) j
                         WHERE s.article_id = ?1)",
    )?
    .execute([id])?;
    let n = conn
        .prepare_cached("DELETE FROM story_signatures WHERE article_id = ?1")?
        .execute([id])?;
    Ok(n > 0)
}
